//! `--format csv`: the tables of a view, header row first; several tables
//! are separated by one empty line. Titles and legends are left out.
//!
//! Safe to open in a spreadsheet by default: a cell that begins with `=`,
//! `+`, `-`, `@`, a tab or a carriage return would be run as a formula
//! there (OWASP's "CSV injection"), so it is written behind a `'`, which
//! spreadsheets show as text. `--csv-raw` writes every cell as it is.

use crate::error::{Error, Result};
use crate::view::{Block, Doc};

/// A cell a spreadsheet will read as text, never as a formula.
pub fn defused(cell: String) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell,
    }
}

pub fn render(doc: &Doc, raw: bool) -> Result<String> {
    let cell = |s: String| if raw { s } else { defused(s) };
    let mut out = Vec::new();
    let mut first = true;
    for block in &doc.blocks {
        let (headers, rows): (Vec<String>, Vec<Vec<String>>) = match block {
            Block::Table(t) => (
                t.headers.clone(),
                t.rows
                    .iter()
                    .map(|r| r.iter().map(|c| cell(c.to_plain("; "))).collect())
                    .collect(),
            ),
            Block::Fields(f) => (
                vec!["field".into(), "value".into()],
                f.iter()
                    .map(|(k, v)| vec![cell(k.clone()), cell(v.to_plain("; "))])
                    .collect(),
            ),
            _ => continue,
        };
        if !first {
            out.push(b'\n');
        }
        first = false;
        let mut w = csv::Writer::from_writer(Vec::new());
        let err = |e: csv::Error| Error::Io(e.to_string());
        w.write_record(&headers).map_err(err)?;
        for r in rows {
            w.write_record(&r).map_err(err)?;
        }
        out.extend(w.into_inner().map_err(|e| Error::Io(e.to_string()))?);
    }
    String::from_utf8(out).map_err(|e| Error::Io(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_a_spreadsheet_would_run_is_written_as_text() {
        for (cell, written) in [
            (
                "=HYPERLINK(\"http://evil.example\")",
                "'=HYPERLINK(\"http://evil.example\")",
            ),
            ("+1", "'+1"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("0.5", "0.5"),
            ("a = b", "a = b"),
        ] {
            assert_eq!(defused(cell.to_string()), written);
        }
    }
}

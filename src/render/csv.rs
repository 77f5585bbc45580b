//! `--format csv`: the tables of a view, header row first; several tables
//! are separated by one empty line. Titles and legends are left out.
//!
//! Safe to open in a spreadsheet by default: a cell that begins with `=`,
//! `+`, `-`, `@`, a tab or a carriage return would be run as a formula
//! there (OWASP's "CSV injection"), so it is written behind a `'`, which
//! spreadsheets show as text. `--csv-raw` writes every cell as it is.

use std::borrow::Cow;

use crate::error::{Error, Result};
use crate::view::{Block, Doc};

/// A cell as written: behind a `'` where a spreadsheet would run it, so
/// that it reads as text, never as a formula (unless `raw`).
fn written(cell: &str, raw: bool) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') if !raw => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// The tables of `doc`, written row by row as they are read: no copy of
/// the table is made on the way.
pub fn render(doc: &Doc, raw: bool) -> Result<String> {
    let err = |e: csv::Error| Error::Io(e.to_string());
    let mut out = Vec::new();
    for block in &doc.blocks {
        if !matches!(block, Block::Table(_) | Block::Fields(_)) {
            continue;
        }
        if !out.is_empty() {
            // One empty line between tables.
            out.push(b'\n');
        }
        let mut w = csv::Writer::from_writer(out);
        match block {
            Block::Table(t) => {
                w.write_record(&t.headers).map_err(err)?;
                for r in &t.rows {
                    let plain: Vec<Cow<str>> = r.iter().map(|c| c.plain_cow("; ")).collect();
                    let cells: Vec<Cow<str>> = plain.iter().map(|c| written(c, raw)).collect();
                    w.write_record(cells.iter().map(|c| c.as_bytes()))
                        .map_err(err)?;
                }
            }
            Block::Fields(f) => {
                w.write_record(["field", "value"]).map_err(err)?;
                for (k, v) in f {
                    let v = v.plain_cow("; ");
                    w.write_record(
                        [written(k, raw), written(&v, raw)]
                            .iter()
                            .map(|c| c.as_bytes()),
                    )
                    .map_err(err)?;
                }
            }
            _ => {}
        }
        out = w.into_inner().map_err(|e| Error::Io(e.to_string()))?;
    }
    String::from_utf8(out).map_err(|e| Error::Io(e.to_string()))
}

#[cfg(test)]
mod tests {

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
            assert_eq!(super::written(cell, false), written);
        }
    }
}

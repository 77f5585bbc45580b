//! `--format csv`: the tables of a view, header row first; several tables
//! are separated by one empty line. Titles and legends are left out.
//!
//! Safe to open in a spreadsheet by default: a cell that begins with `=`,
//! `+`, `-`, `@`, a tab or a carriage return would be run as a formula
//! there (OWASP's "CSV injection"), so it is written behind a `'`, which
//! spreadsheets show as text. `--csv-raw` writes every cell as it is.

use std::borrow::Cow;
use std::io::{self, Write};

use crate::view::{Block, Doc};

/// A cell as written: behind a `'` where a spreadsheet would run it, so
/// that it reads as text, never as a formula (unless `raw`).
fn written(cell: &str, raw: bool) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') if !raw => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// The error of writing a record, as the I/O error it is where it is one,
/// so that a closed pipe (`| head`) is still known for one.
fn io_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        kind => io::Error::other(format!("{kind:?}")),
    }
}

/// [`written`], keeping a cell borrowed where it is written as it is.
fn as_written(cell: Cow<'_, str>, raw: bool) -> Cow<'_, [u8]> {
    match written(&cell, raw) {
        Cow::Owned(s) => Cow::Owned(s.into_bytes()),
        Cow::Borrowed(_) => match cell {
            Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
            Cow::Owned(s) => Cow::Owned(s.into_bytes()),
        },
    }
}

/// The tables of `doc`, written to `out` row by row as they are read (or
/// made): no copy of a table is made on the way.
pub fn write(doc: &Doc, raw: bool, out: &mut dyn Write) -> io::Result<()> {
    let mut first = true;
    for block in &doc.blocks {
        if !matches!(block, Block::Table(_) | Block::Fields(_)) {
            continue;
        }
        if !first {
            // One empty line between tables.
            out.write_all(b"\n")?;
        }
        first = false;
        let mut w = csv::Writer::from_writer(&mut *out);
        match block {
            Block::Table(t) => {
                w.write_record(&t.headers).map_err(io_error)?;
                // One record, filled afresh for each row: the csv crate
                // copies a whole record that needs no quoting in one go,
                // where a record written field by field goes through its
                // state machine a field at a time (a data table of every
                // pair on every issue has 12 million cells).
                let mut record = csv::ByteRecord::new();
                for r in t.rows.iter() {
                    record.clear();
                    for c in r.iter() {
                        record.push_field(&as_written(c.plain_cow("; "), raw));
                    }
                    w.write_byte_record(&record).map_err(io_error)?;
                }
            }
            Block::Fields(f) => {
                w.write_record(["field", "value"]).map_err(io_error)?;
                for (k, v) in f {
                    let v = v.plain_cow("; ");
                    w.write_record(
                        [written(k, raw), written(&v, raw)]
                            .iter()
                            .map(|c| c.as_bytes()),
                    )
                    .map_err(io_error)?;
                }
            }
            _ => {}
        }
        w.flush()?;
    }
    Ok(())
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

//! `--format csv`: the tables of a view, header row first; several tables
//! are separated by one empty line. Titles and legends are left out.

use crate::error::{Error, Result};
use crate::view::{Block, Doc};

pub fn render(doc: &Doc) -> Result<String> {
    let mut out = Vec::new();
    let mut first = true;
    for block in &doc.blocks {
        let (headers, rows): (Vec<String>, Vec<Vec<String>>) = match block {
            Block::Table(t) => (
                t.headers.clone(),
                t.rows
                    .iter()
                    .map(|r| r.iter().map(|c| c.to_plain("; ")).collect())
                    .collect(),
            ),
            Block::Fields(f) => (
                vec!["field".into(), "value".into()],
                f.iter()
                    .map(|(k, v)| vec![k.clone(), v.to_plain("; ")])
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

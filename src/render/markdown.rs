//! `--format markdown`: headings and GitHub pipe tables, for reports.

use unicode_width::UnicodeWidthStr;

use crate::view::{Block, Doc, Table, Text, Tone};

pub fn render(doc: &Doc) -> String {
    let mut out = String::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match block {
            Block::Title(t) => out.push_str(&format!("# {}\n", escape(t))),
            Block::Heading(h) => out.push_str(&format!("## {}\n", escape(h))),
            Block::Table(t) => out.push_str(&pipe_table(t)),
            Block::Fields(fields) => {
                let t = Table {
                    headers: vec!["Field".into(), "Value".into()],
                    rows: fields
                        .iter()
                        .map(|(k, v)| vec![Text::plain(k.clone()), v.clone()])
                        .collect(),
                    ..Table::default()
                };
                out.push_str(&pipe_table(&t));
            }
            Block::Line(t) => {
                out.push_str(&inline(t));
                out.push('\n');
            }
            Block::Legend(lines) => {
                for l in lines {
                    out.push_str(&format!("{}  \n", escape(l)));
                }
            }
        }
    }
    out
}

/// Columns are padded to their widest cell, up to this many display
/// columns: a long cell is written whole but does not pad every other row
/// (which made the output grow with rows × the longest cell).
const PAD_LIMIT: usize = 60;

/// A GitHub pipe table, written row by row: `| a | b |`, a `|---|` rule under
/// the header, cells padded for a reader of the raw text.
fn pipe_table(table: &Table) -> String {
    let header: Vec<String> = table.headers.iter().map(|h| escape(h)).collect();
    let rows: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|r| r.iter().map(inline).collect())
        .collect();
    let columns = rows.iter().map(Vec::len).fold(header.len(), usize::max);
    let mut widths = vec![0; columns];
    for cells in std::iter::once(&header).chain(&rows) {
        for (w, c) in widths.iter_mut().zip(cells) {
            *w = (*w).max(c.width().min(PAD_LIMIT));
        }
    }
    let mut out = String::new();
    write_row(&mut out, &widths, &header);
    out.push('|');
    for w in &widths {
        out.extend(std::iter::repeat_n('-', w + 2));
        out.push('|');
    }
    out.push('\n');
    for r in &rows {
        write_row(&mut out, &widths, r);
    }
    out
}

fn write_row(out: &mut String, widths: &[usize], cells: &[String]) {
    out.push('|');
    for (i, w) in widths.iter().enumerate() {
        let c = cells.get(i).map_or("", String::as_str);
        out.push(' ');
        out.push_str(c);
        out.extend(std::iter::repeat_n(' ', w.saturating_sub(c.width()) + 1));
        out.push('|');
    }
    out.push('\n');
}

/// One cell or line as Markdown: lines joined by ` · `, added words bold,
/// removed words struck through.
fn inline(t: &Text) -> String {
    t.lines
        .iter()
        .map(|line| {
            line.iter()
                .map(|s| {
                    let text = escape(&s.text);
                    match s.tone {
                        Tone::Added if !text.trim().is_empty() => format!("**{text}**"),
                        Tone::Removed if !text.trim().is_empty() => format!("~~{text}~~"),
                        Tone::RedLine | Tone::Strong if !text.trim().is_empty() => {
                            format!("**{text}**")
                        }
                        _ => text,
                    }
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Escape the characters that would break a table or turn into markup.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '\\' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

//! `--format markdown`: headings and GitHub pipe tables, for reports.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use crate::view::{Block, Doc, Table, Text, Tone};

/// The document as Markdown, written to `out` block by block and a table
/// row by row.
pub fn write(doc: &Doc, out: &mut impl Write) -> io::Result<()> {
    for (i, block) in doc.blocks.iter().enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
        }
        match block {
            Block::Title(t) => writeln!(out, "# {}", escape(t))?,
            Block::Heading(h) => writeln!(out, "## {}", escape(h))?,
            Block::Table(t) => pipe_table(t, out)?,
            Block::Fields(fields) => {
                pipe_table(&Table::of_fields(fields, ["Field", "Value"]), out)?
            }
            Block::Line(t) => writeln!(out, "{}", inline(t))?,
            Block::Lines(lines) => {
                for (k, t) in lines.iter().enumerate() {
                    if k > 0 {
                        out.write_all(b"\n")?;
                    }
                    writeln!(out, "{}", inline(&t))?;
                }
            }
            Block::Legend(lines) => {
                for l in lines {
                    writeln!(out, "{}  ", escape(l))?;
                }
            }
        }
    }
    Ok(())
}

/// Columns are padded to their widest cell, up to this many display
/// columns: a long cell is written whole but does not pad every other row
/// (which made the output grow with rows × the longest cell).
const PAD_LIMIT: usize = 60;

/// A GitHub pipe table, written row by row: `| a | b |`, a `|---|` rule under
/// the header, cells padded for a reader of the raw text. The rows are read
/// twice, for the widths and to write them, and never held as text.
fn pipe_table(table: &Table, out: &mut impl Write) -> io::Result<()> {
    let header: Vec<String> = table.headers.iter().map(|h| escape(h)).collect();
    let cells = |r: &[Text]| -> Vec<String> { r.iter().map(inline).collect() };
    let mut widths: Vec<usize> = header.iter().map(|h| h.width().min(PAD_LIMIT)).collect();
    for r in table.rows.iter() {
        let r = cells(&r);
        if widths.len() < r.len() {
            widths.resize(r.len(), 0);
        }
        for (w, c) in widths.iter_mut().zip(&r) {
            *w = (*w).max(c.width().min(PAD_LIMIT));
        }
    }
    let mut line = String::new();
    write_row(&mut line, &widths, &header);
    line.push('|');
    for w in &widths {
        line.extend(std::iter::repeat_n('-', w + 2));
        line.push('|');
    }
    line.push('\n');
    out.write_all(line.as_bytes())?;
    for r in table.rows.iter() {
        line.clear();
        write_row(&mut line, &widths, &cells(&r));
        out.write_all(line.as_bytes())?;
    }
    Ok(())
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

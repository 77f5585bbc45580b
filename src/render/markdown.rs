//! `--format markdown`: headings and GitHub pipe tables, for reports.

use comfy_table::{ContentArrangement, Table as Comfy, presets};

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

fn pipe_table(table: &Table) -> String {
    let mut t = Comfy::new();
    t.load_style(presets::ASCII_MARKDOWN);
    t.set_content_arrangement(ContentArrangement::Disabled);
    t.set_header(table.headers.iter().map(|h| escape(h)));
    for row in &table.rows {
        t.add_row(row.iter().map(inline));
    }
    let mut s = t.to_string();
    s.push('\n');
    s
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

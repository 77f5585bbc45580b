//! `--format table`: boxed tables by comfy-table, colour on a terminal.

use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, Table as Comfy, presets};

use super::{Style, paint};
use crate::view::{Block, Doc, Span, Table, Text, Tone};

pub fn render(doc: &Doc, style: &Style) -> String {
    let mut out = String::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match block {
            Block::Title(t) => out.push_str(&paint_line(t, Tone::Strong, style.color)),
            Block::Heading(h) => out.push_str(&paint_line(h, Tone::Strong, style.color)),
            Block::Table(t) => out.push_str(&boxed(t, style)),
            Block::Fields(fields) => out.push_str(&fields_table(fields, style)),
            Block::Line(t) => out.push_str(&cell_text(t, style.color)),
            Block::Legend(lines) => {
                let text: Vec<String> = lines
                    .iter()
                    .map(|l| paint_line(l, Tone::Dim, style.color))
                    .collect();
                out.push_str(&text.join("\n"));
            }
        }
        out.push('\n');
    }
    out
}

fn paint_line(s: &str, tone: Tone, color: bool) -> String {
    paint(
        &[Span {
            text: s.to_string(),
            tone,
        }],
        color,
    )
}

fn cell_text(t: &Text, color: bool) -> String {
    t.lines
        .iter()
        .map(|l| paint(l, color))
        .collect::<Vec<_>>()
        .join("\n")
}

fn new_table(style: &Style) -> Comfy {
    let mut t = Comfy::new();
    t.load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners());
    match style.width {
        Some(w) => {
            t.set_content_arrangement(ContentArrangement::Dynamic);
            t.set_width(w);
        }
        None => {
            // Fits the terminal when stdout is one; otherwise no wrapping.
            t.set_content_arrangement(ContentArrangement::Dynamic);
        }
    }
    t
}

fn boxed(table: &Table, style: &Style) -> String {
    let mut t = new_table(style);
    t.set_header(
        table
            .headers
            .iter()
            .map(|h| paint_line(h, Tone::Strong, style.color)),
    );
    for row in &table.rows {
        t.add_row(row.iter().map(|c| cell_text(c, style.color)));
    }
    for &c in &table.right {
        if let Some(col) = t.column_mut(c) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
    for &c in &table.nowrap {
        if let Some(col) = t.column_mut(c) {
            col.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    t.to_string()
}

fn fields_table(fields: &[(String, Text)], style: &Style) -> String {
    let mut t = new_table(style);
    t.load_style(presets::NOTHING);
    for (k, v) in fields {
        t.add_row(vec![
            paint_line(k, Tone::Dim, style.color),
            cell_text(v, style.color),
        ]);
    }
    // A borderless table pads every line to its width; trailing blanks are noise.
    t.lines()
        .map(|l| l.trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

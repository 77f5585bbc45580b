//! `--format table`: boxed tables by comfy-table, colour on a terminal.

use comfy_table::{
    Cell, CellAlignment, ColumnConstraint, ContentArrangement, Table as Comfy, presets,
};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use std::io;

use super::{Style, paint};
use crate::view::{Block, Doc, Span, Table, Text, Tone};

/// The document drawn for a terminal, written block by block: a table is
/// laid out whole, lines of prose one by one.
pub fn write(doc: &Doc, style: &Style, out: &mut impl io::Write) -> io::Result<()> {
    let prose = |s: String| wrapped(&s, style.width);
    let mut first = true;
    let mut block = |text: &str| {
        let sep = if std::mem::take(&mut first) { "" } else { "\n" };
        writeln!(out, "{sep}{text}")
    };
    for b in &doc.blocks {
        match b {
            Block::Title(t) | Block::Heading(t) => {
                block(&prose(paint_line(t, Tone::Strong, style.color)))?
            }
            Block::Table(t) => block(&boxed(t, style))?,
            Block::Fields(fields) => block(&fields_table(fields, style))?,
            Block::Line(t) => block(&prose(cell_text(t, style.color)))?,
            Block::Lines(lines) => {
                for t in lines.iter() {
                    block(&prose(cell_text(&t, style.color)))?;
                }
            }
            Block::Legend(lines) => {
                let text: Vec<String> = lines
                    .iter()
                    .map(|l| prose(paint_line(l, Tone::Dim, style.color)))
                    .collect();
                block(&text.join("\n"))?;
            }
        }
    }
    Ok(())
}

/// The document drawn for a terminal, as one string.
#[cfg(test)]
fn render(doc: &Doc, style: &Style) -> String {
    let mut out = Vec::new();
    write(doc, style, &mut out).expect("a Vec takes every byte");
    String::from_utf8(out).expect("drawn as text")
}

/// Prose wrapped to `width` where there is one, each line on its own:
/// between words, or at the hyphens of an id; a word wider than the whole
/// line (a long address) alone is cut. Colour codes take no width.
pub(super) fn wrapped(s: &str, width: Option<u16>) -> String {
    let Some(w) = width else {
        return s.to_string();
    };
    // At the hyphens of an id, never inside a date: only before a letter.
    fn at_hyphens(word: &str) -> Vec<usize> {
        // Asked of every word of a line too long: most have no hyphen.
        if !word.contains('-') {
            return Vec::new();
        }
        word.char_indices()
            .zip(word.chars().skip(1))
            .filter(|&((_, c), next)| c == '-' && next.is_alphabetic())
            .map(|((i, _), _)| i + 1)
            .collect()
    }
    s.split('\n')
        .map(|line| {
            if textwrap::core::display_width(line) <= usize::from(w) {
                // Most lines fit: they are not broken into words at all.
                return line.to_string();
            }
            // An indented line goes on at its indent, past a diff's mark.
            let rest = line.trim_start_matches(' ');
            let mut indent = " ".repeat(line.len() - rest.len());
            let mut visible = rest;
            while let Some(code) = visible.strip_prefix("\x1b[") {
                visible = code.split_once('m').map_or("", |(_, after)| after);
            }
            if ["+ ", "- ", "± "].iter().any(|m| visible.starts_with(m)) {
                indent.push_str("  ");
            }
            let width = usize::from(w).max(indent.len() + 8);
            // First fit, as a terminal reader expects and in time linear in
            // the line (optimal fit took a third of a long diff's time).
            let options = textwrap::Options::new(width)
                .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
                // Unicode's line breaking where a script needs it; between
                // words at spaces for the rest, ten times quicker.
                .word_separator(if breaks_without_spaces(line) {
                    textwrap::WordSeparator::new()
                } else {
                    textwrap::WordSeparator::AsciiSpace
                })
                .subsequent_indent(&indent)
                .word_splitter(textwrap::WordSplitter::Custom(at_hyphens));
            textwrap::fill(line, &options)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether `line` holds a script written without spaces between words (or
/// broken by other rules: Thai, Lao, Tibetan, Myanmar, Khmer, Chinese,
/// Japanese…), which Unicode's line breaking must wrap. The scripts before
/// U+0E00 (Latin, Greek, Cyrillic, Hebrew, Arabic, Devanagari…), and the
/// punctuation, arrows and symbols of U+2000–U+2E7F that marks are made
/// of, break at spaces.
fn breaks_without_spaces(line: &str) -> bool {
    line.chars()
        .any(|c| matches!(c, '\u{0E00}'..='\u{1FFF}') || c >= '\u{2E80}')
}

fn paint_line(s: &str, tone: Tone, color: bool) -> String {
    paint(
        &[Span {
            text: s.into(),
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

/// A run of text without a space longer than this many characters (bytes,
/// to decide quickly) is wrapped by us rather than by comfy-table.
const LONG_RUN: usize = 256;
/// The width, in columns, of the pieces such a run is given to comfy-table
/// in. comfy-table counts a column for each place a line is wrapped at,
/// though it draws nothing there: the narrower the pieces, the more of the
/// column is lost to that; the wider, the more is lost at the end of a line
/// where the next piece does not fit. Eight loses some 15%.
const PIECE: usize = 8;
/// Where a cell holding a long run may be wrapped: its delimiter in place
/// of the space. Zero-width, so comfy-table measures the lines as they are
/// drawn; taken out of the table once drawn. (The data's text never holds
/// one: it is an invisible character, refused when a file is read.)
const BREAK: char = '\u{200b}';

/// A cell. comfy-table wraps a word too long for its column by cutting a
/// line off it and copying the rest, again and again: time in the square of
/// the word's length (seconds for a word of a million characters), and
/// even with no width to fit, as it wraps at 65 535 columns. A cell holding
/// a long run is handed over as words and pieces of at most [`PIECE`]
/// columns, each a place to wrap at, so that wrapping costs what is
/// drawn; where it is wrapped, its lines are a few columns narrower than
/// the column, as wrapping at a piece's edge leaves them. A line that fits
/// is drawn exactly as it would be.
/// `breaks` is set when the cell has [`BREAK`]s.
fn cell(t: &Text, color: bool, breaks: &mut bool) -> Cell {
    let long = |s: &Span| s.text.split(' ').any(|w| w.len() > LONG_RUN);
    if !t.lines.iter().flatten().any(long) {
        return Cell::new(cell_text(t, color));
    }
    *breaks = true;
    let lines: Vec<String> = t
        .lines
        .iter()
        .map(|line| {
            let spans: Vec<Span> = line
                .iter()
                .map(|s| Span {
                    text: with_breaks(&s.text).into(),
                    tone: s.tone,
                })
                .collect();
            paint(&spans, color)
        })
        .collect();
    Cell::new(lines.join("\n")).set_delimiter(BREAK)
}

/// `s` with a [`BREAK`] after each space and between the pieces of each
/// long run.
fn with_breaks(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 2);
    for (i, word) in s.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
            out.push(BREAK);
        }
        if word.len() <= LONG_RUN {
            out.push_str(word);
            continue;
        }
        let mut width = 0;
        for g in word.graphemes(true) {
            let w = g.width();
            if width > 0 && width + w > PIECE {
                out.push(BREAK);
                width = 0;
            }
            out.push_str(g);
            width += w;
        }
    }
    out
}

/// A table drawn, the [`BREAK`]s taken out where a cell has them.
fn drawn(t: &Comfy, breaks: bool) -> String {
    let s = t.to_string();
    if breaks { s.replace(BREAK, "") } else { s }
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
    if let Some(w) = style.width
        && narrowest(table) > usize::from(w)
    {
        return records(table, style);
    }
    let mut t = new_table(style);
    t.set_header(
        table
            .headers
            .iter()
            .map(|h| paint_line(h, Tone::Strong, style.color)),
    );
    let mut breaks = false;
    for row in table.rows.iter() {
        let cells: Vec<Cell> = row
            .iter()
            .map(|c| cell(c, style.color, &mut breaks))
            .collect();
        t.add_row(cells);
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
    drawn(&t, breaks)
}

/// The narrowest a table can be drawn without cutting a word of its
/// headers or cells (words over 24 columns, which are cut anyway, count as
/// 24; a column never wrapped counts whole).
fn narrowest(table: &Table) -> usize {
    const WORD: usize = 24;
    let words = |s: &str, whole: bool| -> usize {
        if whole {
            s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
        } else {
            s.split_whitespace()
                .map(|w| UnicodeWidthStr::width(w).min(WORD))
                .max()
                .unwrap_or(0)
        }
    };
    let columns = table.headers.len();
    let mut total = 3 * columns + 1;
    for c in 0..columns {
        let whole = table.nowrap.contains(&c);
        let header = words(&table.headers[c], false);
        let cells = table
            .rows
            .iter()
            .filter_map(|r| r.get(c).map(|t| words(&t.to_plain("\n"), whole)))
            .max()
            .unwrap_or(0);
        total += header.max(cells).max(1);
    }
    total
}

/// A table too wide for the width, one row at a time: each a list of
/// column: value, the rows apart by a blank line, as a terminal shows a
/// record too wide for its columns.
fn records(table: &Table, style: &Style) -> String {
    table
        .rows
        .iter()
        .map(|row| {
            let fields: Vec<(String, Text)> = table
                .headers
                .iter()
                .cloned()
                .zip(row.iter().cloned())
                .collect();
            fields_table(&fields, style)
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn fields_table(fields: &[(String, Text)], style: &Style) -> String {
    let mut t = new_table(style);
    t.load_style(presets::NOTHING);
    let mut breaks = false;
    for (k, v) in fields {
        t.add_row(vec![
            Cell::new(paint_line(k, Tone::Dim, style.color)),
            cell(v, style.color, &mut breaks),
        ]);
    }
    // A borderless table pads every line to its width; trailing blanks are noise.
    drawn(&t, breaks)
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Format;

    /// Prose wraps to the width between words at spaces, and inside a
    /// script written without spaces; nothing is lost either way.
    #[test]
    fn prose_wraps_at_spaces_or_where_its_script_breaks() {
        let fits = |out: &str| {
            out.lines()
                .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 20)
        };
        let latin = "russia · nato-open-door: agrees → disagrees, and so on";
        let out = wrapped(latin, Some(20));
        assert!(fits(&out), "{out}");
        assert!(!breaks_without_spaces(latin));
        assert_eq!(
            out.split_whitespace().collect::<String>(),
            latin.split_whitespace().collect::<String>()
        );
        let chinese = "双方同意立即停火并撤出所有部队以便恢复谈判进程和人道主义通道";
        assert!(breaks_without_spaces(chinese));
        let out = wrapped(chinese, Some(20));
        assert!(fits(&out) && out.lines().count() > 1, "{out}");
        assert_eq!(out.replace('\n', ""), chinese);
    }
    use crate::view::Doc;

    fn style(width: Option<u16>) -> Style {
        Style {
            format: Format::Table,
            color: false,
            width,
            csv_raw: false,
        }
    }

    /// A summary of words, a long run of Latin letters and one of Chinese.
    fn summary() -> String {
        format!(
            "Words first, then {} and {} to end",
            "a".repeat(5_000),
            "中文".repeat(1_000)
        )
    }

    /// The structure that keeps wrapping linear: no stretch between two
    /// places to wrap at is wider than a piece, so comfy-table never cuts a
    /// word of more than a piece's width, and each cut costs its line.
    #[test]
    fn a_long_run_reaches_comfy_table_in_pieces_of_a_few_columns() {
        let s = summary();
        let broken = with_breaks(&s);
        assert_eq!(
            broken.replace(BREAK, ""),
            s,
            "only places to wrap are added"
        );
        for piece in broken.split(BREAK).filter(|p| !p.contains(' ')) {
            assert!(piece.width() <= PIECE, "{piece}");
        }
        // Words of ordinary length are left whole.
        assert_eq!(
            with_breaks("https://example.org/a/b"),
            "https://example.org/a/b"
        );
    }

    #[test]
    fn a_long_run_wraps_to_the_width_and_nothing_is_lost() {
        let s = summary();
        let doc = Doc {
            blocks: vec![Block::Fields(vec![("summary".into(), Text::plain(&s))])],
        };
        for width in [Some(60), Some(100), None] {
            let out = render(&doc, &style(width));
            assert!(!out.contains(BREAK));
            if let Some(w) = width {
                assert!(out.lines().all(|l| l.width() <= usize::from(w)), "{out}");
            }
            let value: String = out
                .lines()
                .map(|l| l.trim_start().trim_start_matches("summary").trim())
                .collect::<Vec<_>>()
                .join(" ");
            assert_eq!(value.replace(' ', ""), s.replace(' ', ""), "at {width:?}");
        }
    }

    /// A cell that fits is drawn exactly as comfy-table draws it unbroken.
    #[test]
    fn a_cell_that_fits_is_drawn_as_it_is() {
        let s = format!("a {} b", "x".repeat(300));
        let doc = Doc {
            blocks: vec![Block::Table(Table {
                headers: vec!["h".into()],
                rows: vec![vec![Text::plain(&s)]].into(),
                ..Table::default()
            })],
        };
        let mut t = new_table(&style(None));
        t.set_header(vec!["h"]);
        t.add_row(vec![s.as_str()]);
        assert_eq!(render(&doc, &style(None)), format!("{t}\n"));
    }
}

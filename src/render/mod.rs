//! The output layer: one file per format turns a [`View`] (its [`Doc`], or
//! for JSON the view itself) into bytes. Only this module knows about
//! terminal width, colour, CSV quoting, Markdown escapes, HTML or JSON
//! shape; it knows nothing of commands.

mod csv;
pub mod html;
mod markdown;
mod table;
mod xlsx;

use std::io::{self, Write as _};

use crate::error::Result;
use crate::view::{Block, Layout, Span, Tone, View};

/// The output formats of `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum Format {
    /// Boxed tables for the terminal.
    #[default]
    Table,
    /// GitHub-flavoured Markdown, for reports.
    Markdown,
    /// Comma-separated values, for spreadsheets.
    Csv,
    /// JSON, for scripts (documented in docs/commands.md).
    Json,
    /// An Excel workbook, a sheet per table; written to --out FILE.
    Xlsx,
}

impl Format {
    /// Whether the output is bytes that are not text (never for a terminal).
    pub fn is_binary(self) -> bool {
        self == Format::Xlsx
    }
}

/// The narrowest width that `--width` and `$COLUMNS` may set.
pub const MIN_WIDTH: u16 = 20;
/// The width fitted when neither `--width`, a terminal nor `$COLUMNS` gives one.
pub const DEFAULT_WIDTH: u16 = 100;

/// Settings of the output.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub format: Format,
    pub color: bool,
    /// The width to fit, as the command decided it; `None` leaves prose
    /// unwrapped and tables to comfy-table's own idea of the terminal.
    pub width: Option<u16>,
    /// CSV cells as they are, even those a spreadsheet would run.
    pub csv_raw: bool,
}

/// Write a view in the chosen text format to `out`, as it is laid out:
/// a table's rows are read (or made) and written one by one.
pub fn write(view: &impl View, style: &Style, out: &mut dyn io::Write) -> io::Result<()> {
    // A serializer writes a few bytes at a time: into a buffer of a type
    // known here, each write is a copy, not a call through `dyn`.
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    let out = &mut out;
    let written = match style.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, view)?;
            out.write_all(b"\n")
        }
        Format::Table => table::write(&view.doc(Layout::Terminal), style, out),
        Format::Markdown => markdown::write(&view.doc(Layout::Document), out),
        Format::Csv => csv::write(&view.doc(Layout::Data), style.csv_raw, out),
        Format::Xlsx => Err(io::Error::other(
            "--format xlsx writes a workbook, not text; this output cannot be one",
        )),
    };
    written.and_then(|()| out.flush())
}

/// A view as an xlsx workbook written to `out`, with warnings about what
/// could not be written as it is (a cell's text too long for a
/// spreadsheet, cut).
pub fn workbook(view: &impl View, out: impl io::Write + Send) -> Result<Vec<String>> {
    // The data layout leaves titles out; a sheet is named by the
    // document's title where its table has none of its own.
    let document = view.doc(Layout::Document);
    let title = document.blocks.iter().find_map(|b| match b {
        Block::Title(t) => Some(t.as_str()),
        _ => None,
    });
    xlsx::render(&view.doc(Layout::Data), title, out)
}

/// Prose fitted to `width` as the table format fits its own: each line
/// wrapped between words (or at an id's hyphens), going on at its indent.
pub fn wrap(s: &str, width: Option<u16>) -> String {
    table::wrapped(s, width)
}

/// The ANSI styling of a tone on a terminal.
pub fn ansi(tone: Tone) -> anstyle::Style {
    use anstyle::{AnsiColor, Effects, Style};
    let fg = |c: AnsiColor| Style::new().fg_color(Some(c.into()));
    match tone {
        Tone::Plain => Style::new(),
        Tone::Strong => Style::new().effects(Effects::BOLD),
        Tone::Dim => Style::new().effects(Effects::DIMMED),
        Tone::Agree | Tone::Added => fg(AnsiColor::Green),
        Tone::Overlap => fg(AnsiColor::Yellow),
        Tone::Disagree => fg(AnsiColor::Magenta),
        Tone::Clash | Tone::Removed => fg(AnsiColor::Red),
        Tone::RedLine => fg(AnsiColor::Red).effects(Effects::BOLD),
    }
}

/// A line of spans, with ANSI styling when `color`.
pub fn paint(spans: &[Span], color: bool) -> String {
    let mut out = String::new();
    for s in spans {
        if color && s.tone != Tone::Plain {
            let st = ansi(s.tone);
            out.push_str(&format!("{}{}{}", st.render(), s.text, st.render_reset()));
        } else {
            out.push_str(&s.text);
        }
    }
    out
}

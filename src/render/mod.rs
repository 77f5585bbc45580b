//! The output layer: one file per format turns a [`View`] (its [`Doc`], or
//! for JSON the view itself) into bytes. Only this module knows about
//! terminal width, colour, CSV quoting, Markdown escapes, HTML or JSON
//! shape; it knows nothing of commands.

mod csv;
pub mod html;
mod markdown;
mod table;

use crate::error::{Error, Result};
use crate::view::{Layout, Span, Tone, View};

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
}

/// Settings of the output.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub format: Format,
    pub color: bool,
    /// Fixed table width; `None` fits the terminal when there is one.
    pub width: Option<u16>,
    /// CSV cells as they are, even those a spreadsheet would run.
    pub csv_raw: bool,
}

/// Render a view in the chosen format.
pub fn render(view: &impl View, style: &Style) -> Result<String> {
    match style.format {
        Format::Json => {
            let mut s = serde_json::to_string_pretty(view).map_err(|e| Error::Io(e.to_string()))?;
            s.push('\n');
            Ok(s)
        }
        Format::Table => Ok(table::render(&view.doc(Layout::Terminal), style)),
        Format::Markdown => Ok(markdown::render(&view.doc(Layout::Document))),
        Format::Csv => csv::render(&view.doc(Layout::Data), style.csv_raw),
    }
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

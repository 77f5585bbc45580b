//! The output layer: every command builds a [`Doc`] (and a serialisable
//! view for JSON); one file per format turns it into bytes. Only this module
//! knows about terminal width, colour, CSV quoting or JSON shape.

mod csv;
pub mod html;
mod markdown;
pub mod report;
mod table;

use serde::Serialize;

use crate::error::{Error, Result};

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
    /// JSON, for scripts (documented in the README).
    Json,
}

/// How a piece of text should look; marks and words carry the meaning, so
/// that output reads the same without colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Strong,
    Dim,
    Agree,
    Overlap,
    Disagree,
    Clash,
    RedLine,
    Added,
    Removed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub tone: Tone,
}

/// A cell or a line: styled spans, in one or more lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    pub lines: Vec<Vec<Span>>,
}

impl Text {
    pub fn plain(s: impl Into<String>) -> Self {
        Text::styled(s, Tone::Plain)
    }

    pub fn styled(s: impl Into<String>, tone: Tone) -> Self {
        Text {
            lines: vec![vec![Span {
                text: s.into(),
                tone,
            }]],
        }
    }

    /// Add a span to the last line.
    pub fn push(&mut self, s: impl Into<String>, tone: Tone) -> &mut Self {
        if self.lines.is_empty() {
            self.lines.push(Vec::new());
        }
        self.lines.last_mut().unwrap().push(Span {
            text: s.into(),
            tone,
        });
        self
    }

    /// Start a new line with a span.
    pub fn line(&mut self, s: impl Into<String>, tone: Tone) -> &mut Self {
        self.lines.push(vec![Span {
            text: s.into(),
            tone,
        }]);
        self
    }

    /// The text without styling, lines joined by `sep`.
    pub fn to_plain(&self, sep: &str) -> String {
        self.lines
            .iter()
            .map(|l| l.iter().map(|s| s.text.as_str()).collect::<String>())
            .collect::<Vec<_>>()
            .join(sep)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text::plain(s)
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text::plain(s)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Text>>,
    /// Columns whose content is right-aligned (numbers).
    pub right: Vec<usize>,
    /// Columns never wrapped, such as ids a reader will type.
    pub nowrap: Vec<usize>,
}

#[derive(Debug, Clone)]
pub enum Block {
    /// The document's title, once at the top.
    Title(String),
    /// A section heading.
    Heading(String),
    Table(Table),
    /// Label/value pairs, such as one position in full.
    Fields(Vec<(String, Text)>),
    /// A line of prose.
    Line(Text),
    /// The key to the marks used above.
    Legend(Vec<String>),
}

#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub blocks: Vec<Block>,
}

impl Doc {
    pub fn push(&mut self, b: Block) -> &mut Self {
        self.blocks.push(b);
        self
    }
}

/// What a command hands to the output layer.
pub trait View: Serialize {
    /// The view as blocks; `style` lets a view lay itself out for the
    /// format (a terminal's diff reads as text, a spreadsheet's as rows).
    fn doc(&self, style: &Style) -> Doc;
}

/// Settings of the output.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub format: Format,
    pub color: bool,
    /// Fixed table width; `None` fits the terminal when there is one.
    pub width: Option<u16>,
}

/// Render a view in the chosen format.
pub fn render(view: &impl View, style: &Style) -> Result<String> {
    match style.format {
        Format::Json => {
            let mut s = serde_json::to_string_pretty(view).map_err(|e| Error::Io(e.to_string()))?;
            s.push('\n');
            Ok(s)
        }
        Format::Table => Ok(table::render(&view.doc(style), style)),
        Format::Markdown => Ok(markdown::render(&view.doc(style))),
        Format::Csv => csv::render(&view.doc(style)),
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

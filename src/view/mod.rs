//! The view layer: what each command shows, as typed structs. A view is
//! serialised as it is for JSON, and lays itself out as a [`Doc`] for every
//! other format. This is the one place where a relation gets its mark, tone,
//! words and legend ([`relation`]), a score its text, a round its label
//! ([`round`]); renderers print what they are given and decide nothing.

pub mod bridge;
pub mod check;
pub mod diff;
pub mod doc;
pub mod explain;
pub mod history;
pub mod linkage;
pub mod list;
pub mod matrix;
pub mod position;
pub mod proposals;
pub mod relation;
pub mod report;
pub mod round;
pub mod show;
pub mod table;
pub mod trades;
pub mod trend;

pub use doc::{Block, Doc, Line, Lines, Rows, Span, Table, Text, Tone, cell, data_table};
use serde::Serialize;

/// How a view is to be laid out: for a terminal, read by a person at a
/// glance (a diff as text, a sparkline, ids broken to keep columns narrow);
/// as a document of rows a person reads (Markdown); or as data a
/// spreadsheet or a script reads (CSV): one table, one value per cell,
/// numbers as numbers, `true`/`false`, empty for unknown — a view that has
/// no tidier shape gives its document there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Terminal,
    Document,
    Data,
}

/// What a command hands to the output layer.
pub trait View: Serialize {
    /// The view as blocks, laid out for `layout`.
    fn doc(&self, layout: Layout) -> Doc<'_>;
}

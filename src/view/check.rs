//! What `check` lists outside a terminal: every problem, one row each.
use crate::data::check::QuoteTally;
use crate::data::diag::{Diagnostic, Files, Severity, plural};
use crate::view::{Block, Doc, Layout, Table, Text, Tone, View};
use serde::Serialize;

#[derive(Serialize)]
pub struct CheckView {
    data: String,
    talks: Vec<String>,
    files: usize,
    errors: usize,
    warnings: usize,
    problems: Vec<Problem>,
    /// Positions quoted, quotes verified against a text of their source.
    quotes: QuoteTally,
}

#[derive(Serialize)]
pub struct Problem {
    severity: Severity,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<String>,
}

impl Problem {
    fn new(d: &Diagnostic, files: &Files) -> Self {
        let place = d.place(files);
        let at = place.and_then(|(_, at)| at);
        Problem {
            severity: d.severity,
            file: place.map(|(path, _)| path.to_string()),
            line: at.map(|(line, _)| line),
            column: at.map(|(_, column)| column),
            message: d.message.clone(),
            label: d.label.clone(),
            help: d.help.clone(),
        }
    }
}

impl CheckView {
    pub fn new(
        data: String,
        talks: Vec<String>,
        files_read: usize,
        diags: &[Diagnostic],
        files: &Files,
        quotes: QuoteTally,
    ) -> Self {
        let counts = crate::data::diag::Counts::of(diags);
        CheckView {
            data,
            talks,
            files: files_read,
            errors: counts.errors,
            warnings: counts.warnings,
            problems: diags.iter().map(|d| Problem::new(d, files)).collect(),
            quotes,
        }
    }
}

impl View for CheckView {
    fn doc(&self, _layout: Layout) -> Doc<'_> {
        let opt = |n: Option<usize>| n.map(|n| n.to_string()).unwrap_or_default();
        let rows = self
            .problems
            .iter()
            .map(|p| {
                let severity = match p.severity {
                    Severity::Error => Text::styled("error", Tone::Clash),
                    Severity::Warning => Text::styled("warning", Tone::Overlap),
                    Severity::Note => Text::plain("note"),
                };
                vec![
                    severity,
                    Text::plain(p.file.clone().unwrap_or_default()),
                    Text::plain(opt(p.line)),
                    Text::plain(opt(p.column)),
                    Text::plain(p.message.as_str()),
                    Text::plain(p.help.clone().unwrap_or_default()),
                ]
            })
            .collect();
        let mut doc = Doc::default();
        doc.push(Block::Title(format!(
            "{}, {} in {} talks, {}: {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            self.talks.len(),
            plural(self.files, "file"),
            self.data
        )));
        doc.push(Block::Table(Table {
            headers: ["severity", "file", "line", "column", "message", "help"]
                .map(String::from)
                .to_vec(),
            rows,
            right: vec![2, 3],
            nowrap: vec![],
            heat: Vec::new(),
        }));
        doc
    }
}

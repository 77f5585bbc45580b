//! Diagnostics: a problem in a data file, located by file and byte span,
//! printed as file:line:column with the source line and a caret.

use std::fmt::Write as _;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

/// Every file read, kept so that diagnostics can quote the offending line.
#[derive(Debug, Default)]
pub struct Files {
    files: Vec<SourceFile>,
}

#[derive(Debug)]
pub struct SourceFile {
    /// The path as shown to the user.
    pub path: String,
    pub text: String,
}

pub type FileId = usize;

impl Files {
    pub fn add(&mut self, path: String, text: String) -> FileId {
        self.files.push(SourceFile { path, text });
        self.files.len() - 1
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id]
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, id: FileId, offset: usize) -> (usize, usize) {
        line_col(&self.files[id].text, offset)
    }
}

pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..]
        .trim_start_matches('\u{feff}')
        .chars()
        .count()
        + 1;
    (line, col)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// Where a problem is: a whole file, or a span in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locus {
    pub file: FileId,
    pub span: Option<Range<usize>>,
}

#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub locus: Option<Locus>,
    /// Printed under the caret.
    pub label: Option<String>,
    /// A closing `help:` line, such as a near-miss suggestion.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            locus: None,
            label: None,
            help: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    pub fn in_file(mut self, file: FileId) -> Self {
        self.locus = Some(Locus { file, span: None });
        self
    }

    pub fn at(mut self, file: FileId, span: Range<usize>) -> Self {
        self.locus = Some(Locus {
            file,
            span: Some(span),
        });
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column` (or just the file) of this diagnostic.
    pub fn location(&self, files: &Files) -> Option<String> {
        let locus = self.locus.as_ref()?;
        let path = &files.get(locus.file).path;
        Some(match &locus.span {
            Some(span) => {
                let (line, col) = files.line_col(locus.file, span.start);
                format!("{path}:{line}:{col}")
            }
            None => path.clone(),
        })
    }

    /// The whole message: title, `--> file:line:col`, the source line, a caret.
    pub fn render(&self, files: &Files, color: bool) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let mut group = Group::with_title(level.primary_title(self.message.as_str()));
        match &self.locus {
            Some(Locus {
                file,
                span: Some(span),
            }) => {
                let source = files.get(*file);
                let span = clamp_span(&source.text, span.clone());
                let mut annotation = AnnotationKind::Primary.span(span);
                if let Some(label) = &self.label {
                    annotation = annotation.label(label.as_str());
                }
                group = group.element(
                    Snippet::source(source.text.as_str())
                        .path(source.path.as_str())
                        .annotation(annotation),
                );
            }
            Some(Locus { file, span: None }) => {
                group = group.element(annotate_snippets::Origin::path(
                    files.get(*file).path.as_str(),
                ));
            }
            None => {}
        }
        if let Some(help) = &self.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        let report: &[Group<'_>] = &[group];
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let mut out = renderer.render(report).to_string();
        out.push('\n');
        out
    }
}

/// Keep a span inside the text and on character boundaries, so that a
/// diagnostic never panics, whatever the file holds.
fn clamp_span(text: &str, span: Range<usize>) -> Range<usize> {
    let mut start = span.start.min(text.len());
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// Print all diagnostics, then a summary line such as
/// `2 errors, 1 warning in 3 files`.
pub fn render_all(diags: &[Diagnostic], files: &Files, color: bool) -> String {
    let mut out = String::new();
    for d in diags {
        out.push_str(&d.render(files, color));
        out.push('\n');
    }
    out
}

pub fn summary(diags: &[Diagnostic]) -> String {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    let mut s = String::new();
    if errors > 0 || warnings == 0 {
        let _ = write!(s, "{}", plural(errors, "error"));
    }
    if warnings > 0 {
        if !s.is_empty() {
            s.push_str(", ");
        }
        let _ = write!(s, "{}", plural(warnings, "warning"));
    }
    s
}

pub fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// "did you mean `x`?" for the closest of `candidates` to `wrong`, if it is
/// close enough to be a typo.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(wrong, candidates).map(|c| format!("did you mean `{c}`?"))
}

/// The closest of `candidates` to `wrong`, if it is close enough to be a
/// typo; a candidate that differs only in case, `_` or spaces comes first.
pub fn closest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    let folded = wrong.to_lowercase().replace(['_', ' '], "-");
    if let Some(same) = candidates.iter().find(|c| **c == folded && **c != wrong) {
        return Some(same);
    }
    // Close by sound (Jaro-Winkler), or by one slip of a finger: a letter
    // left out, added, changed, or two swapped (`lwo` for `low`).
    let near =
        |c: &str| strsim::jaro_winkler(wrong, c) > 0.8 || strsim::osa_distance(wrong, c) == 1;
    candidates
        .into_iter()
        .filter(|c| near(c))
        .map(|c| {
            (
                strsim::osa_distance(wrong, c),
                -strsim::jaro_winkler(wrong, c),
                c,
            )
        })
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)))
        .map(|(_, _, c)| c)
}

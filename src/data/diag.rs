//! Diagnostics: a problem in a data file, located by file and byte span,
//! printed as file:line:column with the source line and a caret.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::data::printable::{hidden, shown, shown_text};

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
    /// Where each line starts, and whether it is all ASCII: so that placing
    /// a diagnostic costs its own line, not the file before it. Made when
    /// the first diagnostic is placed; a clean file never pays for it.
    lines: std::sync::OnceLock<Vec<(usize, bool)>>,
}

pub type FileId = usize;

const BOM: &str = "\u{feff}";

impl Files {
    /// A file, its path as shown (cleaned of anything a terminal would act on).
    pub fn add(&mut self, path: String, text: String) -> FileId {
        self.files.push(SourceFile {
            path: shown(&path).into_owned(),
            text,
            lines: std::sync::OnceLock::new(),
        });
        self.files.len() - 1
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id]
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, id: FileId, offset: usize) -> (usize, usize) {
        let f = &self.files[id];
        let offset = floor_char_boundary(&f.text, offset);
        let line = f.line_of(offset);
        let (mut start, ascii) = f.lines()[line];
        if start == 0 && f.text.starts_with(BOM) && offset >= BOM.len() {
            start = BOM.len();
        }
        let col = if ascii {
            offset - start
        } else {
            f.text[start..offset].chars().count()
        };
        (line + 1, col + 1)
    }
}

impl SourceFile {
    fn lines(&self) -> &[(usize, bool)] {
        self.lines.get_or_init(|| {
            let mut lines = Vec::new();
            let mut start = 0;
            for line in self.text.split_inclusive('\n') {
                lines.push((start, line.is_ascii()));
                start += line.len();
            }
            if lines.is_empty() || self.text.ends_with('\n') {
                lines.push((start, true));
            }
            lines
        })
    }

    /// The 0-based line holding a byte offset.
    fn line_of(&self, offset: usize) -> usize {
        self.lines()
            .partition_point(|&(start, _)| start <= offset)
            .saturating_sub(1)
    }

    /// The end of the 0-based line `line`, its line break included.
    fn line_end(&self, line: usize) -> usize {
        self.lines()
            .get(line + 1)
            .map_or(self.text.len(), |&(start, _)| start)
    }
}

pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset);
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

fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Lines longer than this are cut to a window around the span they show.
const LONG_LINE: usize = 1024;
/// The fewest columns a message is wrapped to, however narrow the width.
const MIN_TEXT: usize = 20;
/// Bytes of context kept on each side of a span in a cut line.
const WINDOW: usize = 120;

/// What annotate-snippets is given of a file for one diagnostic: only the
/// lines the span covers (a diagnostic costs its own lines, however many
/// others there are), without a byte order mark, a very long line cut to a
/// window around the span.
struct Excerpt<'a> {
    text: std::borrow::Cow<'a, str>,
    /// 1-based number of the excerpt's first line.
    first_line: usize,
    span: Range<usize>,
    /// Where a line was cut: the column annotate-snippets counts in the
    /// excerpt, and the column in the file.
    columns: Option<(usize, usize)>,
}

impl<'a> Excerpt<'a> {
    fn new(files: &'a Files, file: FileId, span: Range<usize>) -> Self {
        let f = files.get(file);
        let text = f.text.as_str();
        let span = clamp_span(text, span);
        // As annotate-snippets draws them: a span ending just after a line
        // break reaches into the next line, and the end of a file that ends
        // in a line break is on its last line.
        let line_of = |at: usize| {
            let l = f.line_of(at);
            if l > 0 && f.lines()[l].0 == text.len() {
                l - 1
            } else {
                l
            }
        };
        let (l0, l1) = (line_of(span.start), line_of(span.end));
        let mut from = f.lines()[l0].0;
        let to = f.line_end(l1);
        if from == 0 && text.starts_with(BOM) && span.start >= BOM.len() {
            from = BOM.len();
        }
        let shift = |at: usize, by: usize| at.clamp(from, to) - from + by;
        if l0 != l1 || to - from <= LONG_LINE {
            let (text, span) = visible(&text[from..to], shift(span.start, 0)..shift(span.end, 0));
            return Excerpt {
                text,
                first_line: l0 + 1,
                span,
                columns: None,
            };
        }
        let start = floor_char_boundary(text, span.start.saturating_sub(WINDOW).max(from));
        let mut end = (span.end.min(span.start + WINDOW) + WINDOW).min(to);
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let before = if start > from { "..." } else { "" };
        let after = if end < to { "..." } else { "" };
        let column = files.line_col(file, span.start).1;
        let span = span.start - start + before.len()..span.end.min(end) - start + before.len();
        let text = format!("{before}{}{after}", &text[start..end]);
        let (text, span) = visible(&text, span);
        let shown = text[..span.start].chars().count() + 1;
        Excerpt {
            text: text.into_owned().into(),
            first_line: l0 + 1,
            span,
            columns: Some((shown, column)),
        }
    }
}

/// The source lines of an excerpt as they may reach a terminal, and the
/// span moved to match: annotate-snippets shows C0 controls and
/// bidirectional overrides as visible symbols itself, but prints C1
/// controls and other invisible characters raw. Each is drawn as `�`, one
/// character for one, so that columns are counted as in the file.
fn visible(text: &str, span: Range<usize>) -> (Cow<'_, str>, Range<usize>) {
    let raw = |c: char| !c.is_ascii() && hidden(c);
    if !text.chars().any(raw) {
        return (Cow::Borrowed(text), span);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let (mut start, mut end) = (span.start, span.end);
    for (at, c) in text.char_indices() {
        if raw(c) {
            let grown = '\u{fffd}'.len_utf8() as isize - c.len_utf8() as isize;
            let moved = |o: &mut usize, to: usize| {
                if to > at {
                    *o = o.saturating_add_signed(grown);
                }
            };
            moved(&mut start, span.start);
            moved(&mut end, span.end);
            out.push('\u{fffd}');
        } else {
            out.push(c);
        }
    }
    (Cow::Owned(out), start..end)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    /// Neither: what a run did not do (past so many problems in a file,
    /// the rest are not looked for). Not counted as a problem.
    Note,
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

/// Whatever a diagnostic quotes (a key, a value, a file name) is kept
/// escaped, for the terminal and every other format alike.
fn clean(s: impl Into<String>) -> String {
    let s = s.into();
    match shown_text(&s) {
        Cow::Borrowed(_) => s,
        Cow::Owned(clean) => clean,
    }
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: clean(message),
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

    pub fn note(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
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
        self.label = Some(clean(label));
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(clean(help));
        self
    }

    pub fn help_opt(mut self, help: Option<String>) -> Self {
        self.help = help.map(clean);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    pub fn is_warning(&self) -> bool {
        self.severity == Severity::Warning
    }

    /// A note that not every problem of a file was looked for.
    pub fn is_note(&self) -> bool {
        self.severity == Severity::Note
    }

    /// Where this diagnostic points: the file's path, and the line and
    /// column (from 1) of the start of its span, where it has one.
    pub fn place<'f>(&self, files: &'f Files) -> Option<(&'f str, Option<(usize, usize)>)> {
        let locus = self.locus.as_ref()?;
        let path = files.get(locus.file).path.as_str();
        let at = locus
            .span
            .as_ref()
            .map(|span| files.line_col(locus.file, span.start));
        Some((path, at))
    }

    /// The whole message: title, `--> file:line:col`, the source line, a
    /// caret. With a `width`, the title and the help are wrapped to it
    /// between words (annotate-snippets sets each line after the first
    /// under the first), a label too long to follow its caret becomes a
    /// note below, and a source line wider is cut around the caret.
    pub fn render(&self, files: &Files, color: bool, width: Option<u16>) -> String {
        // Where annotate-snippets sets a label depends on how it cuts the
        // source line: drawn, a line that ends in the label and is too wide
        // says the label goes below, and it is drawn again.
        let out = self.draw(files, color, width, true);
        let (Some(w), Some(label)) = (width, &self.label) else {
            return out;
        };
        let too_wide = out.lines().map(unstyled).any(|l| {
            l.ends_with(label.as_str()) && UnicodeWidthStr::width(l.as_ref()) > usize::from(w)
        });
        if too_wide {
            self.draw(files, color, width, false)
        } else {
            out
        }
    }

    /// [`Self::render`], the label after its caret where `inline`, else
    /// as a note below.
    fn draw(&self, files: &Files, color: bool, width: Option<u16>, inline: bool) -> String {
        let (level, name) = match self.severity {
            Severity::Error => (Level::ERROR, "error"),
            Severity::Warning => (Level::WARNING, "warning"),
            Severity::Note => (Level::NOTE, "note"),
        };
        let fit = |s, indent| fit(s, width, indent);
        let path = self
            .locus
            .as_ref()
            .map_or("", |l| files.get(l.file).path.as_str());
        let message = fit(&self.message, name.len() + 2);
        let mut group = Group::with_title(level.primary_title(message.as_ref()));
        // The widest line number shown: what follows `|` and `=` is set past it.
        let mut numbers = 1;
        // A label that does not fit after its caret.
        let mut label_below = None;
        // Where a long line was cut: the location as printed, and as it is.
        let mut cut = None;
        match &self.locus {
            Some(Locus {
                file,
                span: Some(span),
            }) => {
                let e = Excerpt::new(files, *file, span.clone());
                numbers = (e.first_line + e.text.lines().count()).to_string().len();
                let mut annotation = AnnotationKind::Primary.span(e.span.clone());
                match &self.label {
                    Some(label) if inline => annotation = annotation.label(label.as_str()),
                    Some(label) => label_below = Some(label.as_str()),
                    None => {}
                }
                group = group.element(
                    Snippet::source(e.text.clone())
                        .line_start(e.first_line)
                        .path(path)
                        .annotation(annotation),
                );
                cut = e.columns.map(|(shown, column)| {
                    let line = files.line_col(*file, span.start).0;
                    (
                        format!("{path}:{line}:{shown}"),
                        format!("{path}:{line}:{column}"),
                    )
                });
            }
            Some(Locus { span: None, .. }) => {
                group = group.element(annotate_snippets::Origin::path(path));
            }
            None => {}
        }
        let below = label_below.map(|l| fit(l, numbers + " = note: ".len()));
        if let Some(label) = &below {
            group = group.element(Level::NOTE.message(label.as_ref()));
        }
        let help = self
            .help
            .as_deref()
            .map(|h| fit(h, numbers + " = help: ".len()));
        if let Some(help) = &help {
            group = group.element(Level::HELP.message(help.as_ref()));
        }
        let report: &[Group<'_>] = &[group];
        let mut renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        if let Some(w) = width {
            renderer = renderer.term_width(usize::from(w));
        }
        let mut out = renderer.render(report).to_string();
        if let Some((shown, real)) = cut {
            out = out.replacen(&shown, &real, 1);
        }
        out.push('\n');
        out
    }
}

/// A line as it shows, without the ANSI styling annotate-snippets adds.
fn unstyled(line: &str) -> Cow<'_, str> {
    if !line.contains('\x1b') {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find("\x1b[") {
        out.push_str(&rest[..at]);
        let code = &rest[at + 2..];
        rest = code
            .find(|c: char| c.is_ascii_alphabetic())
            .map_or("", |end| &code[end + 1..]);
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// `s` wrapped between words to `width`, less the `indent` columns that
/// stand before it on its first line; never inside an id or a date, which
/// a reader copies whole (only a word longer than the line is cut).
fn fit(s: &str, width: Option<u16>, indent: usize) -> Cow<'_, str> {
    match width {
        Some(w) => {
            let columns = usize::from(w).saturating_sub(indent).max(MIN_TEXT);
            let options = textwrap::Options::new(columns)
                .word_splitter(textwrap::WordSplitter::NoHyphenation);
            Cow::Owned(textwrap::fill(s, options))
        }
        None => Cow::Borrowed(s),
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
pub fn render_all(diags: &[Diagnostic], files: &Files, color: bool, width: Option<u16>) -> String {
    let mut out = String::new();
    for d in diags {
        out.push_str(&d.render(files, color, width));
        out.push('\n');
    }
    out
}

/// How many errors and warnings, and whether a file had more problems
/// than were looked for (a note says so): the counts are then a lower bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub capped: bool,
}

impl Counts {
    pub fn of(diags: &[Diagnostic]) -> Self {
        Counts {
            errors: diags.iter().filter(|d| d.is_error()).count(),
            warnings: diags.iter().filter(|d| d.is_warning()).count(),
            capped: diags.iter().any(Diagnostic::is_note),
        }
    }
}

pub fn summary(diags: &[Diagnostic]) -> String {
    let Counts {
        errors, warnings, ..
    } = Counts::of(diags);
    let mut s = String::new();
    if errors > 0 || warnings == 0 {
        let _ = write!(s, "{}{}", at_least(diags), plural(errors, "error"));
    }
    if warnings > 0 {
        if !s.is_empty() {
            s.push_str(", ");
        }
        let _ = write!(s, "{}", plural(warnings, "warning"));
    }
    s
}

/// "at least " where a file had more problems than were looked for (a
/// note says so), so that a count is never taken for all of them.
pub fn at_least(diags: &[Diagnostic]) -> &'static str {
    if Counts::of(diags).capped {
        "at least "
    } else {
        ""
    }
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Up to nine short lines of ASCII, accents, CRLF and a possible byte
    /// order mark. (Past nine, annotate-snippets given a whole file pads the
    /// gutter for fewer digits than the line number has: the comparison
    /// below would fail on that, not on the excerpt.)
    fn text() -> impl Strategy<Value = String> {
        (any::<bool>(), "([a-c é\"=]{0,12}(\r?\n)){0,8}[a-cé ]{0,6}")
            .prop_map(|(bom, t)| if bom { format!("{BOM}{t}") } else { t })
    }

    proptest! {
        #[test]
        fn the_line_index_places_an_offset_as_a_scan_from_the_start_does(
            t in text(), offset in 0usize..200
        ) {
            let mut files = Files::default();
            let id = files.add("f".into(), t.clone());
            prop_assert_eq!(files.line_col(id, offset), line_col(&t, offset));
        }

        /// The excerpt renders as the whole file would, where no line is cut.
        #[test]
        fn a_diagnostic_on_an_excerpt_reads_as_on_the_whole_file(
            t in text(), a in 0usize..200, len in 0usize..30
        ) {
            let t = t.trim_start_matches(BOM).to_string();
            let mut files = Files::default();
            let id = files.add("f.toml".into(), t.clone());
            let span = clamp_span(&t, a..a + len);
            let d = Diagnostic::error("m").at(id, span.clone()).label("here");
            let whole = Renderer::plain()
                .render(&[Group::with_title(Level::ERROR.primary_title("m")).element(
                    Snippet::source(t.as_str())
                        .path("f.toml")
                        .annotation(AnnotationKind::Primary.span(span).label("here")),
                )])
                .to_string();
            prop_assert_eq!(d.render(&files, false, None), format!("{whole}\n"));
        }
    }
}

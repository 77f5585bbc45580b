//! Reading a TOML file past its syntax errors: one error per cause, at the
//! line of the cause, and a text that parses, so that the rest of the file
//! is checked too.
//!
//! A TOML file is a list of statements: a table header, or a key and its
//! value (which may run over several lines). The file is cut into its
//! statements by a small scanner that knows strings, comments and brackets,
//! and that ends a list left open where the next line starts a statement of
//! its own (`key =`, `[table]`): a missing `]` is then one broken statement,
//! the one that opened the list, not every line after it. Each statement that
//! does not parse on its own is a cause: it is reported once, and repaired as
//! its writer meant it where that is plain (the `]`, the closing quote or the
//! `=` added), or else its value is put aside for a placeholder that no
//! further message is about. What parses statement by statement and not as a
//! whole (a key or a table defined twice) is reported next, the second
//! definition left out. The repaired text has spans of its own: [`Recovered::map`]
//! takes them back to the file as written.

use std::ops::Range;

use toml::de::DeTable;

use crate::data::diag::{Diagnostic, FileId};
use crate::data::talks::Date;

/// Past this many causes of syntax errors in a file, the rest are not looked for.
const MAX_CAUSES: usize = 20;

pub struct Recovered {
    /// The file with every cause repaired or left out: it parses.
    pub text: String,
    /// One per cause, in the order of the file.
    pub problems: Vec<Diagnostic>,
    /// Spans, in the file as written, of values put aside: already
    /// reported, they are read as placeholders that nothing reports.
    pub quiet: Vec<Range<usize>>,
    /// Whether `text` parses; false only past [`MAX_CAUSES`].
    pub clean: bool,
    /// What was changed, in the order of the file: a span of the file as
    /// written, and what stands there in `text`.
    edits: Vec<Edit>,
}

impl Recovered {
    /// A span of `text` as a span of the file as written. Whatever was
    /// put in to repair the file maps to the span it repairs.
    pub fn map(&self, span: Range<usize>) -> Range<usize> {
        self.position(span.start, false)..self.position(span.end, true)
    }

    fn position(&self, at: usize, end: bool) -> usize {
        // `delta`: how much further on `text` is than the file at this point.
        let mut delta: isize = 0;
        for (orig, new) in &self.edits {
            let start = orig.start.saturating_add_signed(delta);
            let stop = start + new.len();
            if at < start || (at == start && !(end && at < stop)) {
                break;
            }
            if at < stop || (at == stop && end && start < stop) {
                return if end && at > start {
                    orig.end
                } else {
                    orig.start
                };
            }
            delta += new.len() as isize - orig.len() as isize;
        }
        at.saturating_add_signed(-delta)
    }
}

/// Every cause of the syntax errors of `text`, and the text repaired.
pub fn recover(text: &str, file: FileId) -> Recovered {
    let statements = statements(text);
    let mut r = Recovered {
        text: String::new(),
        problems: Vec::new(),
        quiet: Vec::new(),
        clean: false,
        edits: Vec::new(),
    };
    // Where a table whose header could not be read ends: its keys are
    // left out with it.
    let mut unread_until = 0;
    for (k, s) in statements.iter().enumerate() {
        if r.problems.len() == MAX_CAUSES {
            break;
        }
        if DeTable::parse(&text[s.range.clone()]).is_err() {
            let (d, edit, quiet) = diagnose(text, s, file);
            r.problems.push(d);
            if s.start() < unread_until {
                continue;
            }
            // A header left out: the keys under it are not read into the
            // table above, where they would be reported as what they are
            // not (`stance` set twice in `[[proposals]]`).
            if s.header
                && edit
                    .as_ref()
                    .is_some_and(|(at, new)| *at == s.range && new.is_empty())
            {
                unread_until = statements[k + 1..]
                    .iter()
                    .find(|t| t.header)
                    .map_or(text.len(), Statement::start);
                r.edits.push((s.start()..unread_until, String::new()));
                continue;
            }
            r.edits.extend(edit);
            r.quiet.extend(quiet);
        }
    }
    // What parses statement by statement but not as a whole: a key or a
    // table defined twice. The second is reported and left out, and so on.
    while r.problems.len() < MAX_CAUSES {
        r.text = apply(text, &r.edits);
        let (_, errors) = DeTable::parse_recoverable(&r.text);
        let Some(first) = errors
            .iter()
            .filter_map(|e| Some((r.map(e.span()?), e)))
            .min_by_key(|(span, _)| span.start)
        else {
            r.clean = errors.is_empty();
            break;
        };
        let (span, error) = first;
        let Some(k) = statements.iter().rposition(|s| s.start() <= span.start) else {
            break;
        };
        let s = &statements[k];
        let d = if error.message().trim() == "duplicate key" {
            duplicate(text, &statements, k, span, file)
        } else {
            syntax(error.message(), span, file)
        };
        r.problems.push(d);
        // Left out whole: a table with the keys under it.
        let end = if s.header {
            statements[k + 1..]
                .iter()
                .find(|s| s.header)
                .map_or(text.len(), Statement::start)
        } else {
            s.range.end
        };
        let gone = s.start()..end;
        r.edits
            .retain(|(e, _)| !(gone.start <= e.start && e.end <= gone.end));
        r.quiet
            .retain(|q| !(gone.start <= q.start && q.end <= gone.end));
        r.edits.push((gone, String::new()));
        r.edits.sort_by_key(|(e, _)| (e.start, e.end));
    }
    if r.problems.len() == MAX_CAUSES && !r.clean {
        r.problems.push(
            Diagnostic::note(format!(
                "more than {MAX_CAUSES} syntax errors in this file: the first {MAX_CAUSES} are shown, and the rest were not looked for"
            ))
            .in_file(file)
            .help("correct these, and check again"),
        );
    }
    r.problems.sort_by_key(|d| {
        d.locus
            .as_ref()
            .and_then(|l| l.span.as_ref())
            .map(|s| s.start)
    });
    r
}

/// A span of the file as written, and what stands there in the repaired text.
type Edit = (Range<usize>, String);

/// What is made of a statement that does not parse: the one message about
/// it, its repair, and the span of a value put aside.
type Cause = (Diagnostic, Option<Edit>, Option<Range<usize>>);

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for (span, new) in edits {
        out.push_str(&text[at..span.start]);
        out.push_str(new);
        at = span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// One statement: a table header, or a key and its value.
#[derive(Debug)]
struct Statement {
    /// From its first character to the end of its last line, a comment
    /// after it included.
    range: Range<usize>,
    /// Where its code ends, before a comment and trailing spaces.
    code_end: usize,
    header: bool,
    /// Brackets (`[` or `{`) left open where it ends, and where each opened.
    open: Vec<(u8, usize)>,
    /// A string left open: where it starts, and how it is closed.
    string: Option<(usize, &'static str)>,
}

impl Statement {
    fn start(&self) -> usize {
        self.range.start
    }
}

/// The statements of a file, in order.
fn statements(text: &str) -> Vec<Statement> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b' ' | b'\t' | b'\r' | b'\n' => {
                i += 1;
                continue;
            }
            b'#' => {
                i = line_end(b, i);
                continue;
            }
            _ => {}
        }
        let start = i;
        let header = b[i] == b'[';
        let mut s = Statement {
            range: start..start,
            code_end: start,
            header,
            open: Vec::new(),
            string: None,
        };
        while i < b.len() {
            let c = b[i];
            match c {
                b'\n' => {
                    if header || s.open.is_empty() || breaks(text, i + 1, &s.open) {
                        break;
                    }
                    i += 1;
                }
                b'#' => i = line_end(b, i),
                b'"' | b'\'' => {
                    let (end, closed) = string_end(b, i);
                    if !closed {
                        s.string = Some((i, closer(b, i)));
                        s.code_end = end;
                        i = end;
                        break;
                    }
                    i = end;
                    s.code_end = i;
                }
                b'[' | b'{' if !header => {
                    s.open.push((c, i));
                    i += 1;
                    s.code_end = i;
                }
                b']' | b'}' if !header => {
                    s.open.pop();
                    i += 1;
                    s.code_end = i;
                }
                b' ' | b'\t' | b'\r' => i += 1,
                _ => {
                    i += 1;
                    s.code_end = i;
                }
            }
        }
        // A string left open runs to the end of its line; the statement too.
        if s.string.is_some() {
            i = line_end(b, i);
        }
        s.range = start..i.min(b.len());
        s.code_end = s.code_end.min(s.range.end);
        out.push(s);
    }
    out
}

fn line_end(b: &[u8], from: usize) -> usize {
    b[from..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(b.len(), |k| from + k)
}

/// How the string opening at `at` is closed.
fn closer(b: &[u8], at: usize) -> &'static str {
    match (
        b[at],
        b[at..].starts_with(b"\"\"\"") || b[at..].starts_with(b"'''"),
    ) {
        (b'"', true) => "\"\"\"",
        (b'"', false) => "\"",
        (_, true) => "'''",
        _ => "'",
    }
}

/// Where the string opening at `at` ends (just after its closing quote),
/// and whether it is closed: a one-line string at the end of its line is not.
fn string_end(b: &[u8], at: usize) -> (usize, bool) {
    let close = closer(b, at).as_bytes();
    let escapes = b[at] == b'"';
    let mut i = at + close.len();
    while i < b.len() {
        if escapes && b[i] == b'\\' {
            i += 2;
            continue;
        }
        if b[i..].starts_with(close) {
            // A multi-line string may end in one or two more quotes.
            let mut end = i + close.len();
            while close.len() == 3 && end < b.len() && b[end] == close[0] && end < i + 5 {
                end += 1;
            }
            return (end, true);
        }
        if b[i] == b'\n' && close.len() == 1 {
            return (i, false);
        }
        i += 1;
    }
    (b.len(), false)
}

/// Whether the line starting at `at`, inside brackets left open, starts a
/// statement of its own: a `[table]` header at the start of the line, or,
/// inside a list, a `key =` (inside an inline table, only at the start of
/// the line).
fn breaks(text: &str, at: usize, open: &[(u8, usize)]) -> bool {
    let line = &text[at..at + line_end(text.as_bytes(), at).saturating_sub(at)];
    let code = line.split('#').next().unwrap_or("").trim_end();
    let trimmed = code.trim_start();
    let indented = trimmed.len() != code.len();
    let header = !indented
        && trimmed.starts_with('[')
        && trimmed.ends_with(']')
        && trimmed
            .trim_matches(['[', ']'])
            .chars()
            .all(|c| c.is_alphanumeric() || "_-. \"'".contains(c));
    let keyed = key_then_equals(trimmed);
    match open.last() {
        Some((b'[', _)) => header || keyed,
        _ => header || (keyed && !indented),
    }
}

/// `key =` or `a.b =`, with a bare or quoted key, and not `==`.
fn key_then_equals(line: &str) -> bool {
    match split_key(line) {
        Some((key, rest)) => !key.is_empty() && rest.starts_with('=') && !rest.starts_with("=="),
        None => false,
    }
}

/// A statement's key, as written, and the rest after it (trimmed at the start).
fn split_key(s: &str) -> Option<(&str, &str)> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut end;
    loop {
        while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
            i += 1;
        }
        let part = i;
        if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
            let (e, closed) = string_end(b, i);
            if !closed {
                return None;
            }
            i = e;
        } else {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'-') {
                i += 1;
            }
        }
        if i == part {
            return None;
        }
        end = i;
        while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
            i += 1;
        }
        if i < b.len() && b[i] == b'.' {
            i += 1;
            continue;
        }
        break;
    }
    Some((&s[..end], &s[i..]))
}

/// The parts of a dotted key, unquoted: `a."b c"` → [a, b c].
fn key_path(key: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut rest = key.trim();
    while !rest.is_empty() {
        let (part, after) = match rest.as_bytes()[0] {
            q @ (b'"' | b'\'') => {
                let (e, _) = string_end(rest.as_bytes(), 0);
                let inner = rest[1..e.saturating_sub(1).max(1)].to_string();
                let inner = if q == b'"' {
                    inner.replace("\\\"", "\"")
                } else {
                    inner
                };
                (inner, &rest[e..])
            }
            _ => {
                let e = rest.find('.').unwrap_or(rest.len());
                (rest[..e].trim().to_string(), &rest[e..])
            }
        };
        parts.push(part);
        rest = after.trim_start().trim_start_matches('.').trim_start();
    }
    parts
}

/// A statement that does not parse alone: the one message about it, the
/// repair that reads it as meant (or a placeholder for its value), and the
/// span of a value put aside.
fn diagnose(text: &str, s: &Statement, file: FileId) -> Cause {
    let code = &text[s.range.start..s.code_end];
    if s.header {
        return header(text, s, file);
    }
    let Some((key, rest)) = split_key(code) else {
        // Not even a key: the statement is left out.
        let d = alone_error(text, s, file);
        return (d, Some((s.range.clone(), String::new())), None);
    };
    let key_name = key_path(key).last().cloned().unwrap_or_default();
    let key_end = s.range.start + key.len();
    // Where the value starts, after `=`; without one, right after the key.
    let value_start = s.code_end - rest.len() + usize::from(rest.starts_with('='));
    let value_start = value_start + text[value_start..s.code_end].len()
        - text[value_start..s.code_end].trim_start().len();
    let value = &text[value_start..s.code_end];
    let fixed = |edit: &(Range<usize>, String)| {
        let mut t = text[s.range.start..edit.0.start].to_string();
        t.push_str(&edit.1);
        t.push_str(&text[edit.0.end..s.code_end]);
        t
    };
    let works = |edit: &(Range<usize>, String)| DeTable::parse(&fixed(edit)).is_ok();
    let placeholder = || {
        if value_start < s.code_end {
            (
                Some((value_start..s.code_end, "\"\"".to_string())),
                Some(value_start..s.code_end),
            )
        } else {
            (
                Some((key_end..s.code_end, " = \"\"".to_string())),
                Some(key_end..s.code_end),
            )
        }
    };
    let shown = |edit: &(Range<usize>, String)| -> Option<String> {
        let t = fixed(edit);
        (t.len() <= 100 && !t.contains('\n')).then_some(t)
    };

    // A string left open: closed where its line ends.
    if let Some((at, close)) = s.string {
        let mut add = close.to_string();
        add.extend(s.open.iter().rev().map(|&(c, _)| pair(c)));
        let edit = (s.code_end..s.code_end, add);
        let d = Diagnostic::error(format!("the text of `{key_name}` has no closing `{close}`"))
            .at(file, at..at + close.len())
            .label("the text opened here is not closed on its line")
            .help(match shown(&edit) {
                Some(t) => format!("end it with `{close}`: `{t}`"),
                None => format!("end it with `{close}`"),
            });
        return done(d, edit, works, placeholder);
    }
    // A list or an inline table left open.
    if let Some(&(c, at)) = s.open.first() {
        let add: String = s.open.iter().rev().map(|&(c, _)| pair(c)).collect();
        let edit = (s.code_end..s.code_end, add);
        let (what, close) = if c == b'[' {
            ("list", ']')
        } else {
            ("inline table", '}')
        };
        let d = Diagnostic::error(format!(
            "the {what} of `{key_name}` is not closed: `{close}` is missing"
        ))
        .at(file, at..at + 1)
        .label(format!("this `{}` is never closed", c as char))
        .help(match shown(&edit) {
            Some(t) => format!("close it after its last item: `{t}`"),
            None => format!("close it with `{close}` after its last item"),
        });
        return done(d, edit, works, placeholder);
    }
    // A key and a value with no `=` between them.
    if !rest.starts_with('=') {
        let (span, edit) = if rest.is_empty() {
            (s.range.start..key_end, None)
        } else {
            let gap = key_end..s.code_end - rest.len();
            (gap.clone(), Some((gap, " = ".to_string())))
        };
        let d = Diagnostic::error(format!("`{key_name}` has no `=`"))
            .at(file, span)
            .label("expected `=` here");
        return match edit {
            Some(edit) => {
                let d = d.help(match shown(&edit) {
                    Some(t) => format!("a key and its value are written `key = value`: `{t}`"),
                    None => "a key and its value are written `key = value`".into(),
                });
                done(d, edit, works, placeholder)
            }
            None => {
                let d = d.help(format!(
                    "write `{key_name} = …` with its value, or remove the line"
                ));
                let (edit, quiet) = placeholder();
                (d, edit, quiet)
            }
        };
    }
    if value.is_empty() {
        let d = Diagnostic::error(format!("`{key_name}` has no value"))
            .at(file, s.range.start..s.code_end)
            .label("expected a value after `=`")
            .help("write its value after `=` (text in quotes, a number, true or false, a date, a list in brackets), or remove the line");
        let (edit, quiet) = placeholder();
        return (d, edit, quiet);
    }
    if let Some(c) = value.chars().find(|&c| c.is_control() && c != '\t') {
        let d = Diagnostic::error(format!(
            "the text of `{key_name}` holds the control character U+{:04X}, which TOML does not allow",
            c as u32
        ))
        .at(file, value_start..s.code_end)
        .label("an invisible character in here")
        .help("remove it (a line break in text is written \\n)");
        let (edit, quiet) = placeholder();
        return (d, edit, quiet);
    }
    // Two items of a list with no comma between them.
    if let Err(e) = DeTable::parse(code)
        && e.message().starts_with("missing comma")
        && let Some(at) = e.span()
    {
        // Right after the item before, where the comma goes.
        let at = s.range.start
            + text[s.range.start..s.range.start + at.start]
                .trim_end()
                .len();
        let edit = (at..at, ",".to_string());
        let fixed_text = fixed(&edit);
        let d = Diagnostic::error(format!(
            "a comma is missing between two items of `{key_name}`"
        ))
        .at(file, at..at)
        .label("expected `,` here")
        .help(
            if DeTable::parse(&fixed_text).is_ok() && fixed_text.len() <= 100 {
                format!("items are separated by commas: `{fixed_text}`")
            } else {
                "items are separated by commas: [\"a\", \"b\"]".into()
            },
        );
        return done(d, edit, works, placeholder);
    }
    // A date written in another form than TOML's.
    let datelike = value.starts_with(|c: char| c.is_ascii_digit())
        && value.contains(['/', '.', '-'])
        || matches!(key_name.as_str(), "date" | "end");
    if datelike && !value.starts_with(['"', '\'', '[', '{']) {
        let d = date_error(&key_name, value, value_start..s.code_end, file);
        let (edit, quiet) = placeholder();
        return (d, edit, quiet);
    }
    // A whole number written with leading zeros (`order = 01`), which TOML
    // does not allow: read as the number meant.
    if WHOLE_NUMBERS.contains(&key_name.as_str())
        && let Some(meant) = without_leading_zeros(value)
    {
        let edit = (value_start..s.code_end, meant.clone());
        let d = Diagnostic::error(format!(
            "`{key_name}` is written with a leading zero, which a number in TOML does not have"
        ))
        .at(file, value_start..s.code_end)
        .label("a leading zero");
        // A negative number is not one either: put aside, it is one error.
        if meant.starts_with('-') {
            let d = d.help(format!(
                "write a whole number from 0 up, without leading zeros, such as `{key_name} = 1`"
            ));
            let (edit, quiet) = placeholder();
            return (d, edit, quiet);
        }
        let d = d.help(format!(
            "write it without leading zeros: `{key_name} = {meant}`"
        ));
        return done(d, edit, works, placeholder);
    }
    // A word with no quotes: read as the text it was meant to be.
    if !value.starts_with(['"', '\'', '[', '{']) && !value.contains('"') {
        let edit = (value_start..s.code_end, format!("\"{value}\""));
        if works(&edit) {
            let d = Diagnostic::error(format!("the text of `{key_name}` is not in quotes"))
                .at(file, value_start..s.code_end)
                .label("text goes in quotes")
                .help(match shown(&edit) {
                    Some(t) => format!("write `{t}`"),
                    None => "put the text in quotes: \"…\"".into(),
                });
            return (d, Some(edit), None);
        }
    }
    let d = alone_error(text, s, file);
    let (edit, quiet) = placeholder();
    (d, edit, quiet)
}

/// The keys whose value is a whole number (`order`, in a round file): a
/// value of theirs with leading zeros is a number written wrong, not text
/// without its quotes.
const WHOLE_NUMBERS: &[&str] = &["order"];

/// `01`, `007`, `+00`: the number without its leading zeros (`1`, `7`,
/// `0`); `None` for anything else.
fn without_leading_zeros(value: &str) -> Option<String> {
    let (sign, digits) = match value.strip_prefix(['+', '-']) {
        Some(rest) => (&value[..1], rest),
        None => ("", value),
    };
    let zeros = digits.len() - digits.trim_start_matches(['0', '_']).len();
    let ok = digits.len() > 1
        && digits.starts_with('0')
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'_');
    if !ok || zeros == 0 {
        return None;
    }
    let rest = digits[zeros..].trim_start_matches('_');
    Some(format!(
        "{}{}",
        if sign == "-" { sign } else { "" },
        if rest.is_empty() { "0" } else { rest }
    ))
}

/// The repair, where the statement then parses; else the placeholder.
fn done(
    d: Diagnostic,
    edit: Edit,
    works: impl Fn(&Edit) -> bool,
    placeholder: impl Fn() -> (Option<Edit>, Option<Range<usize>>),
) -> Cause {
    if works(&edit) {
        (d, Some(edit), None)
    } else {
        let (edit, quiet) = placeholder();
        (d, edit, quiet)
    }
}

fn pair(open: u8) -> char {
    if open == b'[' { ']' } else { '}' }
}

/// A table header that does not parse: closed where it is plain, else
/// left out with the keys under it.
fn header(text: &str, s: &Statement, file: FileId) -> Cause {
    let code = &text[s.range.start..s.code_end];
    let array = code.starts_with("[[");
    let want = if array { "]]" } else { "]" };
    if !code.ends_with(want) {
        let inner = code.trim_end_matches(']');
        let add = "]".repeat(want.len().saturating_sub(code.len() - inner.len()));
        let fixed = format!("{code}{add}");
        if DeTable::parse(&fixed).is_ok() {
            let d = Diagnostic::error(format!("the table header `{code}` is not closed"))
                .at(file, s.range.start..s.code_end)
                .label(format!("`{want}` is missing"))
                .help(format!("write `{fixed}`"));
            return (d, Some((s.code_end..s.code_end, add)), None);
        }
    }
    // `[a.b]]`: one `]` too many.
    let closed = if array { "]]]" } else { "]]" };
    if code.ends_with(closed) && DeTable::parse(&code[..code.len() - 1]).is_ok() {
        let d = Diagnostic::error(format!("the table header `{code}` has one `]` too many"))
            .at(file, s.code_end - 1..s.code_end)
            .label("one `]` too many")
            .help(format!("write `{}`", &code[..code.len() - 1]));
        return (d, Some((s.code_end - 1..s.code_end, String::new())), None);
    }
    let d = alone_error(text, s, file);
    let d = match d.help.is_some() {
        true => d,
        false => d.help("correct the header: the keys under it are not checked until then"),
    };
    (d, Some((s.range.clone(), String::new())), None)
}

/// The parser's own message about a statement read alone.
fn alone_error(text: &str, s: &Statement, file: FileId) -> Diagnostic {
    match DeTable::parse(&text[s.range.clone()]) {
        Err(e) => {
            let span = e
                .span()
                .map_or(s.range.clone(), |r| r.start + s.start()..r.end + s.start());
            let odd = text
                .get(span.start..)
                .and_then(|t| t.chars().next())
                .filter(|c| !c.is_ascii());
            match odd {
                // `wеst` with a Cyrillic `е`: a letter, but not one a key
                // without quotes may hold.
                Some(c) if e.message().trim().starts_with("invalid unquoted key") => {
                    Diagnostic::error(format!(
                        "the key holds `{c}` (U+{:04X}), which is not an ASCII letter",
                        c as u32
                    ))
                    .at(file, span.start..span.start + c.len_utf8())
                    .label("not ASCII")
                    .help(
                        "ids and keys are written in ASCII letters, digits and `-`: retype it (a letter of another alphabet can look like a Latin one)",
                    )
                }
                _ => syntax(e.message(), span, file),
            }
        }
        Ok(_) => syntax("not valid here", s.range.clone(), file),
    }
}

fn syntax(message: &str, span: Range<usize>, file: FileId) -> Diagnostic {
    Diagnostic::error(format!("TOML syntax: {}", message.trim())).at(file, span)
}

/// A key or table defined a second time: which, and where it was first.
fn duplicate(
    text: &str,
    statements: &[Statement],
    k: usize,
    span: Range<usize>,
    file: FileId,
) -> Diagnostic {
    let s = &statements[k];
    let code = &text[s.range.start..s.code_end];
    let line = |at: usize| text[..at].matches('\n').count() + 1;
    // The table a statement is in: the header above it, if any.
    let section = |k: usize| statements[..k].iter().rposition(|s| s.header);
    if s.header {
        let path = key_path(code.trim_matches(['[', ']']));
        let first = statements[..k].iter().find(|t| {
            t.header
                && !text[t.range.clone()].starts_with("[[")
                && key_path(text[t.range.start..t.code_end].trim_matches(['[', ']'])) == path
        });
        let d = Diagnostic::error(format!("the table `{code}` is defined twice"))
            .at(file, s.range.start..s.code_end)
            .label("defined again here");
        return d.help(match first {
            Some(t) => format!(
                "it is first defined at line {}: put the keys of both in that one, and remove this one (the keys under it are not checked until then)",
                line(t.start())
            ),
            None => "a table is defined once: put its keys in one place".into(),
        });
    }
    let (key, _) = split_key(code).unwrap_or((code, ""));
    let path = key_path(key);
    let here = section(k);
    let first = statements[..k].iter().enumerate().find(|&(j, t)| {
        !t.header
            && section(j) == here
            && split_key(&text[t.range.start..t.code_end])
                .is_some_and(|(key, _)| key_path(key) == path)
    });
    let table = here.map(|h| {
        let t = &statements[h];
        format!(" in `{}`", &text[t.range.start..t.code_end])
    });
    let d = Diagnostic::error(format!(
        "`{}` is set twice{}",
        path.join("."),
        table.unwrap_or_default()
    ))
    .at(file, span)
    .label("set again here");
    d.help(match first {
        Some((_, t)) => format!(
            "it is first set at line {}: keep one of the two",
            line(t.start())
        ),
        None => "a key is set once in its table: keep one".into(),
    })
}

/// A date written in another form than `YYYY-MM-DD`, or not a day at all.
pub fn date_error(key: &str, written: &str, span: Range<usize>, file: FileId) -> Diagnostic {
    let raw = written.trim_matches(['"', '\'']);
    if let Err(Some(why)) = Date::from_text(raw) {
        return Diagnostic::error(format!("{raw} is not a day: {why}"))
            .at(file, span)
            .label("no such day")
            .help(format!(
                "correct it: `{key} = YYYY-MM-DD`, a day of the calendar"
            ));
    }
    let quoted = written.starts_with(['"', '\'']);
    let d = Diagnostic::error(format!(
        "`{key}` takes a date written YYYY-MM-DD, without quotes"
    ))
    .at(file, span)
    .label(if quoted {
        "in quotes, this is text, not a date"
    } else {
        "not a date as TOML writes one"
    });
    d.help(match Date::readings(raw).as_slice() {
        [one] => format!("write `{key} = {one}` (year, month, day)"),
        [a, b, ..] => format!(
            "write `{key} = {a}` if you mean {}, or `{key} = {b}` if you mean {} (year, month, day)",
            a.spelt(),
            b.spelt()
        ),
        [] => format!("write it as year, month and day, such as `{key} = 1978-09-17`"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn causes(text: &str) -> (Vec<String>, String) {
        let r = recover(text, 0);
        let m = r
            .problems
            .iter()
            .map(|d| {
                let at = d
                    .locus
                    .as_ref()
                    .and_then(|l| l.span.clone())
                    .unwrap_or(0..0);
                format!(
                    "{}:{} {}",
                    text[..at.start].matches('\n').count() + 1,
                    &text[at],
                    d.message
                )
            })
            .collect();
        assert!(r.clean, "{}", r.text);
        (m, r.text)
    }

    #[test]
    fn a_list_left_open_is_one_error_at_its_line_and_is_read_closed() {
        let (m, text) = causes("a = 1\np = [\"x\", \"y\"\n\n[t.u]\ns = 1\n");
        assert_eq!(m, ["2:[ the list of `p` is not closed: `]` is missing"]);
        assert_eq!(text, "a = 1\np = [\"x\", \"y\"]\n\n[t.u]\ns = 1\n");
    }

    #[test]
    fn a_multi_line_list_left_open_ends_where_a_key_starts() {
        let (m, _) = causes("p = [\n  1,\n  2,\nq = 3\n");
        assert_eq!(m, ["1:[ the list of `p` is not closed: `]` is missing"]);
    }

    #[test]
    fn strings_headers_and_equals_signs_are_repaired_as_meant() {
        let (m, text) =
            causes("t = \"open\ns \"low\"\n[a.b\nx = 1\ndate = 17/09/1978\nv = Geneva\n");
        assert_eq!(
            m,
            [
                "1:\" the text of `t` has no closing `\"`",
                "2:  `s` has no `=`",
                "3:[a.b the table header `[a.b` is not closed",
                "5:17/09/1978 `date` takes a date written YYYY-MM-DD, without quotes",
                "6:Geneva the text of `v` is not in quotes",
            ]
        );
        assert_eq!(
            text,
            "t = \"open\"\ns = \"low\"\n[a.b]\nx = 1\ndate = \"\"\nv = \"Geneva\"\n"
        );
    }

    /// The keys under a header that cannot be read are left out with it:
    /// read into the table above, they would be reported as set twice.
    #[test]
    fn a_header_that_cannot_be_read_is_one_error_and_its_keys_are_left_out() {
        for header in ["[p.w..t]", "[p.w t.t]", "[p.w\u{435}st.t]"] {
            let text = format!("[p.e.t]\ns = 1\nn = 2\n{header}\ns = 3\nn = 4\n[q]\nz = 1\n");
            let (m, repaired) = causes(&text);
            assert_eq!(m.len(), 1, "{header}: {m:?}");
            assert!(m[0].starts_with("4:"), "{header}: {m:?}");
            assert_eq!(repaired, "[p.e.t]\ns = 1\nn = 2\n[q]\nz = 1\n", "{header}");
        }
        // A letter of another alphabet is named, with what a key holds.
        let r = recover("[p.w\u{435}st.t]\ns = 1\n", 0);
        assert_eq!(
            r.problems[0].message,
            "the key holds `\u{435}` (U+0435), which is not an ASCII letter"
        );
        assert!(
            r.problems[0]
                .help
                .as_deref()
                .unwrap_or("")
                .starts_with("ids and keys are written in ASCII letters, digits and `-`"),
        );
        // One `]` too many is plain: the header is read as meant.
        let (m, repaired) = causes("[p.e.t]\ns = 1\n[p.w.t]]\ns = 3\n");
        assert_eq!(m, ["3:] the table header `[p.w.t]]` has one `]` too many"]);
        assert_eq!(repaired, "[p.e.t]\ns = 1\n[p.w.t]\ns = 3\n");
    }

    #[test]
    fn a_table_defined_twice_names_the_first() {
        let text = "[a.b]\nx = 1\n[a.b]\ny = 2\n[c]\nz = 1\nz = 2\n";
        let r = recover(text, 0);
        let m: Vec<_> = r
            .problems
            .iter()
            .map(|d| format!("{} / {}", d.message, d.help.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            m,
            [
                "the table `[a.b]` is defined twice / it is first defined at line 1: put the keys of both in that one, and remove this one (the keys under it are not checked until then)",
                "`z` is set twice in `[c]` / it is first set at line 6: keep one of the two",
            ]
        );
        assert_eq!(r.text, "[a.b]\nx = 1\n[c]\nz = 1\n\n");
    }

    #[test]
    fn spans_of_the_repaired_text_map_back_to_the_file() {
        let text = "p = [1\nq = x\n";
        let r = recover(text, 0);
        assert_eq!(r.text, "p = [1]\nq = \"x\"\n");
        // The list, its `]` added, is the list as written.
        assert_eq!(r.map(4..7), 4..6);
        // `q` and its value: after the added `]`, one byte further on.
        assert_eq!(r.map(8..9), 7..8);
        assert_eq!(r.map(12..15), 11..12);
    }

    #[test]
    fn nothing_panics_on_odd_statements() {
        for text in [
            "[",
            "[[",
            "]",
            "=",
            "a =",
            "\"",
            "'''",
            "a = \"\"\"x",
            "[a]]",
            "a = [{",
            "a = {[",
            "a.\"b = 1",
            "é = 1",
            "a = [\n[b]\n",
            "\u{feff}a = [",
        ] {
            let r = recover(text, 0);
            let _ = r.map(0..r.text.len());
        }
    }
}

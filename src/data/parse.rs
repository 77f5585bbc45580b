//! Parsing one data file into its serde model, reporting every problem in it
//! rather than stopping at the first.
//!
//! serde stops at the first error. So the file is parsed once into a spanned
//! TOML tree, and deserialized again and again: after each error the tree is
//! patched where the error points (an unknown key is dropped, a value of the
//! wrong type or a missing key is replaced by a placeholder) and the next
//! error comes out. The spans of the placeholders are kept, so that `check`
//! does not go on to report the placeholders themselves ("`` is not an
//! outcome") as problems of their own.

use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue, ValueDeserializer};
use toml::value::{Date, Datetime};

use crate::data::diag::{Diagnostic, FileId, closest, did_you_mean};
use crate::data::recover::{date_error, recover};

/// Past this many problems in one file, the rest are not looked for (a
/// note says so). serde reads a table's keys in their sorted order, so
/// those found are not always the first of the file; they are shown in its
/// order. (toml's `preserve_order` would find the first, for 15 % more
/// time in every parse.)
const MAX_PROBLEMS: usize = 100;

pub struct Parsed<T> {
    /// The model, when the file could be read at all; with placeholders where
    /// it has problems.
    pub value: Option<T>,
    pub problems: Vec<Diagnostic>,
    /// Where placeholders stand in for what was wrong or missing.
    pub patched: Vec<Range<usize>>,
}

pub fn parse<T: DeserializeOwned>(text: &str, file: FileId) -> Parsed<T> {
    // Most files have no problem: read them in one pass, with no tree kept
    // to patch and read again (a third faster, a fifth less memory on a
    // large talks).
    if let Ok(value) = toml::from_str::<T>(text) {
        return Parsed {
            value: Some(value),
            problems: Vec::new(),
            patched: Vec::new(),
        };
    }
    let (root, syntax) = DeTable::parse_recoverable(text);
    // A syntax error is reported once, at its cause, and the file is read
    // on as repaired (see `recover`): its other problems are reported too.
    let recovered = (!syntax.is_empty()).then(|| recover(text, file));
    let mut parsed = Parsed {
        value: None,
        problems: Vec::new(),
        patched: Vec::new(),
    };
    let (root, quiet) = match &recovered {
        None => (root, Vec::new()),
        Some(r) => {
            parsed.problems.clone_from(&r.problems);
            let (root, errors) = DeTable::parse_recoverable(&r.text);
            if !r.clean || !errors.is_empty() {
                return parsed;
            }
            (root, r.quiet.clone())
        }
    };
    let mut tree = Spanned::new(root.span(), DeValue::Table(root.into_inner()));
    if let Some(r) = &recovered {
        remap(&mut tree, &|s| r.map(s));
    }
    let root_span = tree.span();
    // Placeholders being tried, and how many kinds of value were tried at each.
    let mut trying: Vec<(Range<usize>, usize)> = Vec::new();
    // Where a value was replaced by a placeholder (not where a missing key
    // was given one).
    let mut replaced: Vec<Range<usize>> = Vec::new();
    // Values put aside by the recovery: read as placeholders, reported once.
    for q in quiet {
        if replace(&mut tree, &q, 0) {
            replaced.push(q.clone());
            parsed.patched.push(q.clone());
            trying.push((q, 0));
        }
    }
    // Missing keys given a placeholder: the span of their table, and the key.
    let mut inserted: Vec<(Range<usize>, String)> = Vec::new();
    for _ in 0..MAX_PROBLEMS * PLACEHOLDERS {
        let error = match T::deserialize(ValueDeserializer::from(tree.clone())) {
            Ok(value) => {
                parsed.value = Some(value);
                break;
            }
            Err(e) => e,
        };
        let span = error.span().unwrap_or(root_span.clone());
        let missing = missing_field(error.message());

        // A placeholder does not fit: try the next kind of value.
        if missing.is_none()
            && let Some(k) = trying.iter().position(|(at, _)| *at == span)
        {
            trying[k].1 += 1;
            let (at, tried) = trying[k].clone();
            if !replace(&mut tree, &at, tried) {
                trying.remove(k);
                if !remove(&mut tree, &at) {
                    break;
                }
            }
            continue;
        }
        if parsed.problems.len() == MAX_PROBLEMS {
            parsed.problems.push(
                Diagnostic::note(format!(
                    "more than {MAX_PROBLEMS} problems in this file: {MAX_PROBLEMS} of them are shown, in the order of the file, and the rest were not looked for"
                ))
                .in_file(file)
                .help("correct these, and check again"),
            );
            break;
        }
        if let Some(key) = missing {
            // A required key we dropped ourselves, its value fitting no
            // placeholder: nothing more can be learnt from this file.
            if inserted.iter().any(|(t, k)| *t == span && k == key) {
                break;
            }
            // A table of our own, put where a value of the wrong type was
            // (already reported): its keys are filled in without a word.
            if !replaced.contains(&span) {
                parsed
                    .problems
                    .push(missing_key(key, span.clone(), &root_span, file));
            }
            // Each placeholder gets a span of its own, empty, in the table's.
            let n = inserted.iter().filter(|(t, _)| *t == span).count();
            let at = span.start + n..span.start + n;
            if !insert(&mut tree, &span, &root_span, key, at.clone()) {
                break;
            }
            inserted.push((span, key.to_string()));
            parsed.patched.push(at.clone());
            trying.push((at, 0));
            continue;
        }
        parsed
            .problems
            .push(humanise(error.message(), span.clone(), text, file));
        if let Some((_, meant)) = unknown_key(error.message()) {
            // Read a near miss as the key it was meant to be, so that its
            // value is checked and nothing is reported missing because of it.
            let renamed = meant.is_some_and(|m| rename(&mut tree, &span, m));
            if !renamed && !remove(&mut tree, &span) {
                break;
            }
        } else if replace(&mut tree, &span, 0) {
            replaced.push(span.clone());
            parsed.patched.push(span.clone());
            trying.push((span, 0));
        } else if !remove(&mut tree, &span) {
            break;
        }
    }
    // In the order of the file, as a person reads it.
    parsed.problems.sort_by_key(start);
    parsed
}

/// Every span of the tree, keys and values, through `map`.
fn remap(v: &mut Spanned<DeValue<'_>>, map: &impl Fn(Range<usize>) -> Range<usize>) {
    let inner = std::mem::replace(v.get_mut(), DeValue::Boolean(false));
    let inner = match inner {
        DeValue::Table(t) => {
            let mut out = DeTable::new();
            for (k, mut c) in t {
                remap(&mut c, map);
                out.insert(Spanned::new(map(k.span()), k.into_inner()), c);
            }
            DeValue::Table(out)
        }
        DeValue::Array(mut a) => {
            for c in a.iter_mut() {
                remap(c, map);
            }
            DeValue::Array(a)
        }
        other => other,
    };
    *v = Spanned::new(map(v.span()), inner);
}

/// Where a diagnostic starts in its file; whole-file ones first.
pub fn start(d: &Diagnostic) -> Option<usize> {
    d.locus
        .as_ref()
        .and_then(|l| l.span.as_ref())
        .map(|s| s.start)
}

/// The kinds of value a placeholder can be, tried in turn until one fits.
const PLACEHOLDERS: usize = 5;

fn placeholder(kind: usize) -> Option<DeValue<'static>> {
    Some(match kind {
        0 => DeValue::String("placeholder".into()),
        1 => DeValue::Boolean(false),
        2 => DeValue::Datetime(Datetime {
            date: Some(Date {
                year: 1970,
                month: 1,
                day: 1,
            }),
            time: None,
            offset: None,
        }),
        3 => DeValue::Array(DeArray::new()),
        4 => DeValue::Table(DeTable::new()),
        _ => return None,
    })
}

fn missing_field(message: &str) -> Option<&str> {
    message.strip_prefix("missing field `")?.strip_suffix('`')
}

/// From serde's "unknown field `x`, expected one of …": the key, and the
/// expected key it is a typo of, if any.
fn unknown_key(message: &str) -> Option<(&str, Option<&str>)> {
    let (key, expected) = message.strip_prefix("unknown field `")?.split_once('`')?;
    Some((key, closest(key, backticked(expected))))
}

/// Give the key at `span` the name `to`, unless its table has that key already.
fn rename(tree: &mut Spanned<DeValue<'_>>, span: &Range<usize>, to: &str) -> bool {
    match tree.get_mut() {
        DeValue::Table(t) => {
            let hit = t
                .iter()
                .find(|(k, _)| k.span() == *span)
                .map(|(k, _)| k.get_ref().to_string());
            match hit {
                Some(_) if t.contains_key(to) => false,
                Some(key) => match t.remove_entry(key.as_str()) {
                    Some((k, v)) => {
                        t.insert(Spanned::new(k.span(), to.to_string().into()), v);
                        true
                    }
                    None => false,
                },
                None => t.iter_mut().any(|(_, v)| rename(v, span, to)),
            }
        }
        DeValue::Array(a) => a.iter_mut().any(|v| rename(v, span, to)),
        _ => false,
    }
}

/// The value at `span` made a placeholder of kind `kind`; false when there is
/// no such value or no kind left.
fn replace(tree: &mut Spanned<DeValue<'_>>, span: &Range<usize>, kind: usize) -> bool {
    let Some(value) = find_value(tree, span) else {
        return false;
    };
    match placeholder(kind) {
        Some(p) => {
            *value = Spanned::new(span.clone(), p);
            true
        }
        None => false,
    }
}

/// The innermost value with exactly this span.
fn find_value<'t, 'i>(
    v: &'t mut Spanned<DeValue<'i>>,
    span: &Range<usize>,
) -> Option<&'t mut Spanned<DeValue<'i>>> {
    // Tables of `[header]` syntax have the span of their header only, so
    // every child is searched, not only those whose span holds `span`.
    let child = match v.get_ref() {
        DeValue::Table(t) => t.iter().position(|(_, c)| has_span(c, span)),
        DeValue::Array(a) => a.iter().position(|c| has_span(c, span)),
        _ => None,
    };
    match child {
        Some(i) => match v.get_mut() {
            DeValue::Table(t) => find_value(t.iter_mut().nth(i)?.1, span),
            DeValue::Array(a) => find_value(a.get_mut(i)?, span),
            _ => None,
        },
        None if v.span() == *span => Some(v),
        None => None,
    }
}

fn has_span(v: &Spanned<DeValue<'_>>, span: &Range<usize>) -> bool {
    if v.span() == *span {
        return true;
    }
    match v.get_ref() {
        DeValue::Table(t) => t
            .iter()
            .any(|(k, c)| k.span() == *span || has_span(c, span)),
        DeValue::Array(a) => a.iter().any(|c| has_span(c, span)),
        _ => false,
    }
}

/// Drop the key, value or array item at `span`.
fn remove(tree: &mut Spanned<DeValue<'_>>, span: &Range<usize>) -> bool {
    match tree.get_mut() {
        DeValue::Table(t) => {
            let hit = t
                .iter()
                .find(|(k, v)| k.span() == *span || v.span() == *span)
                .map(|(k, _)| k.get_ref().to_string());
            if let Some(key) = hit {
                t.remove(key.as_str());
                return true;
            }
            t.iter_mut().any(|(_, v)| remove(v, span))
        }
        DeValue::Array(a) => {
            if let Some(i) = a.iter().position(|v| v.span() == *span) {
                let mut kept = DeArray::new();
                for (j, v) in a.iter().enumerate() {
                    if j != i {
                        kept.push(v.clone());
                    }
                }
                *a = kept;
                return true;
            }
            a.iter_mut().any(|v| remove(v, span))
        }
        _ => false,
    }
}

/// Put a placeholder for the missing `key` into the table at `span`.
fn insert(
    tree: &mut Spanned<DeValue<'_>>,
    span: &Range<usize>,
    root: &Range<usize>,
    key: &str,
    at: Range<usize>,
) -> bool {
    let table = if span == root {
        Some(&mut *tree)
    } else {
        find_table(tree, span)
    };
    match table.map(Spanned::get_mut) {
        Some(DeValue::Table(t)) => {
            t.insert(
                Spanned::new(at.clone(), key.to_string().into()),
                Spanned::new(at, placeholder(0).unwrap_or(DeValue::Boolean(false))),
            );
            true
        }
        _ => false,
    }
}

fn find_table<'t, 'i>(
    v: &'t mut Spanned<DeValue<'i>>,
    span: &Range<usize>,
) -> Option<&'t mut Spanned<DeValue<'i>>> {
    if v.span() == *span && matches!(v.get_ref(), DeValue::Table(_)) {
        return Some(v);
    }
    match v.get_mut() {
        DeValue::Table(t) => t.iter_mut().find_map(|(_, c)| find_table(c, span)),
        DeValue::Array(a) => a.iter_mut().find_map(|c| find_table(c, span)),
        _ => None,
    }
}

fn missing_key(key: &str, span: Range<usize>, root: &Range<usize>, file: FileId) -> Diagnostic {
    let d = Diagnostic::error(format!("missing key `{key}`"));
    let d = if span == *root || span.is_empty() {
        d.in_file(file)
    } else {
        d.at(file, span).label(format!("this table has no `{key}`"))
    };
    d.help(format!("add `{key} = …`{}", key_hint(key)))
}

/// What a value of a well-known key looks like.
fn key_hint(key: &str) -> &'static str {
    match key {
        "date" => ", a date written YYYY-MM-DD, without quotes, such as 2024-03-01",
        "id" => ", a lowercase id such as \"my-id\"",
        "scale" => ", a list of at least two outcomes: [{ id = \"…\", label = \"…\" }, …]",
        _ => "",
    }
}

/// serde's messages, said the way a person editing TOML thinks of them.
fn humanise(message: &str, span: Range<usize>, text: &str, file: FileId) -> Diagnostic {
    let found_text = text.get(span.clone()).unwrap_or("");
    if let Some(rest) = message.strip_prefix("unknown field `")
        && let Some((key, expected)) = rest.split_once('`')
    {
        let keys = backticked(expected);
        let what = table_noun(&keys);
        let help = did_you_mean(key, keys.iter().copied()).unwrap_or_else(|| {
            format!(
                "the keys of {what} are: {}",
                keys.iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        });
        return Diagnostic::error(format!("unknown key `{key}`"))
            .at(file, span)
            .label(format!("not a key of {what}"))
            .help(help);
    }
    let key = key_of(text, span.start);
    if let Some(rest) = message.strip_prefix("unknown variant `")
        && let Some((value, expected)) = rest.split_once('`')
    {
        let values = backticked(expected);
        let list = values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>();
        let title = match &key {
            Some(Key::Value(k)) => format!("`{value}` is not allowed as `{k}`"),
            _ => format!("`{value}` is not allowed here"),
        };
        let help = match (&key, value) {
            (Some(Key::Value(k)), "mediator" | "observer") if k == "kind" => Some(format!(
                "a {value} is a role, not a kind: write `role = \"{value}\"` (and `kind`, if any, as state, alliance or organisation)"
            )),
            _ => did_you_mean(value, values.iter().copied()),
        };
        return Diagnostic::error(title)
            .at(file, span)
            .label(format!("expected {}", or_list(&list)))
            .help_opt(help);
    }
    if let Some(d) = number(message, found_text, key.as_ref()) {
        return d.at(file, span);
    }
    if let Some(rest) = message.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        let kind = a_kind(found.split([' ', '`', '"']).next().unwrap_or(found));
        if expected == "a TOML datetime"
            && let Some(Key::Value(k)) = &key
        {
            return date_error(k, found_text, span, file);
        }
        if expected == "struct PositionDef"
            && let Some(Key::Value(k)) = &key
        {
            return Diagnostic::error(format!(
                "`{k}` is read as an issue of `[positions.PARTY]`, and a position is a table"
            ))
            .at(file, span)
            .label("not a position")
            .help(format!(
                "a position goes under its party and its issue: `[positions.PARTY.ISSUE]` on a line of its own, then `{k} = …` on the lines after it"
            ));
        }
        let (expected, help) = expected_type(expected, found_text, key.as_ref());
        let title = match &key {
            Some(Key::Value(k)) => format!("`{k}` takes {expected}, not {kind}"),
            Some(Key::Item(k)) => format!("an item of `{k}` is {expected}, not {kind}"),
            None => format!("expected {expected}, found {kind}"),
        };
        return Diagnostic::error(title)
            .at(file, span)
            .label("wrong type")
            .help(help);
    }
    // A check of ours (such as `model`'s text checks) gives its help on a
    // line of its own.
    let (message, help) = match message.trim().split_once("\nhelp: ") {
        Some((m, h)) => (m, Some(h.to_string())),
        None => (message.trim(), None),
    };
    Diagnostic::error(message.to_string())
        .at(file, span)
        .help_opt(help)
}

/// A number that does not fit the field: serde's "integer number
/// overflowed" (said also of `0x`, a prefix with no digits), "invalid
/// value: integer `-1`, expected u32" and "invalid type: integer
/// `99999999999999999999` as i128, expected u32" as what is expected
/// instead; a fraction (`1.5`) or an exponent (`1e3`) where a whole number
/// goes, as what it is.
fn number(message: &str, found_text: &str, key: Option<&Key>) -> Option<Diagnostic> {
    let range = |ty: &str| match ty {
        "u8" => Some(u64::from(u8::MAX)),
        "u16" => Some(u64::from(u16::MAX)),
        "u32" => Some(u64::from(u32::MAX)),
        "u64" | "usize" => Some(u64::MAX),
        _ => None,
    };
    let found = found_text.trim();
    if let Some(rest) = message.strip_prefix("invalid type: floating point `")
        && let Some((value, ty)) = rest.split_once("`, expected ")
        && let Some(max) = range(ty)
    {
        let what = if found.contains(['e', 'E']) && !found.contains(['i', 'n']) {
            "a number with an exponent".to_string()
        } else if found.contains('.') {
            "a fraction".to_string()
        } else {
            // `inf`, `nan`
            format!("`{found}`")
        };
        let title = match key {
            Some(Key::Value(k)) => format!("`{k}` takes a whole number, not {what}"),
            _ => format!("expected a whole number, not {what}"),
        };
        let write = |v: &str| match key {
            Some(Key::Value(k)) => format!("`{k} = {v}`"),
            _ => format!("`{v}`"),
        };
        // `1e3` is 1000, `2.0` is 2: the whole number it is, where it is one.
        let whole = value
            .parse::<f64>()
            .ok()
            .filter(|v| v.fract() == 0.0 && (0.0..=max as f64).contains(v));
        let help = match whole {
            Some(v) => format!(
                "write it as a whole number: {}",
                write(&format!("{}", v.abs()))
            ),
            None => format!(
                "write a whole number from 0 to {max}, such as {}",
                write("1")
            ),
        };
        return Some(
            Diagnostic::error(title)
                .label("not a whole number")
                .help(help),
        );
    }
    let max = if message == "integer number overflowed" {
        None
    } else if let Some(rest) = message.strip_prefix("invalid type: integer `")
        && let Some((_, ty)) = rest.split_once("` as i128, expected ")
    {
        // Past what a 64-bit integer holds: too large whatever the field.
        Some(range(ty)?)
    } else {
        let rest = message.strip_prefix("invalid value: integer `")?;
        let (_, ty) = rest.split_once("`, expected ")?;
        Some(range(ty)?)
    };
    let expected = match max {
        Some(max) => format!("a whole number from 0 to {max}"),
        None => "a whole number".to_string(),
    };
    Some(
        Diagnostic::error(format!("expected {expected}, found `{found}`"))
            .label("not a number this can be")
            .help("write a number such as 1, in decimal digits"),
    )
}

/// The key a value belongs to, read from the text before it on its line.
enum Key {
    /// `key = value`
    Value(String),
    /// `key = [.., value`: an item of a list
    Item(String),
}

fn key_of(text: &str, at: usize) -> Option<Key> {
    let before = text.get(..at)?;
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    let name = |s: &str| -> Option<String> {
        let s = s.trim_end().strip_suffix('=')?.trim_end();
        let start = s
            .char_indices()
            .rev()
            .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let k = &s[start..];
        (!k.is_empty()).then(|| k.to_string())
    };
    if let Some(k) = name(line) {
        return Some(Key::Value(k));
    }
    let open = line.rfind('[')?;
    name(&line[..open]).map(Key::Item)
}

/// How serde names a type, as a person writing TOML names it, and how to
/// write the value at hand as one.
fn expected_type(expected: &str, found_text: &str, key: Option<&Key>) -> (String, String) {
    let bare = found_text.trim_matches(['"', '\'']);
    let write = |v: &str| match key {
        Some(Key::Value(k)) => format!("`{k} = {v}`"),
        _ => format!("`{v}`"),
    };
    let (name, help) = match expected {
        "a string" => (
            "text in quotes",
            match one_item(found_text) {
                // `stance = ["x"]`: one value, not a list of one.
                Some(item) => format!(
                    "write one value, in quotes and without brackets: {}",
                    write(&format!("\"{item}\""))
                ),
                // A list of several, or a table: one value is wanted.
                None if found_text.trim_start().starts_with(['[', '{']) => format!(
                    "write one value, in quotes: {}",
                    write("\"…\"")
                ),
                None => format!("write it in quotes: {}", write(&format!("\"{bare}\""))),
            },
        ),
        "a boolean" => (
            "`true` or `false`",
            format!(
                "write {} or {}, without quotes",
                write("true"),
                write("false")
            ),
        ),
        "a TOML datetime" => (
            "a date written YYYY-MM-DD",
            "write a date such as 1978-09-17, without quotes".into(),
        ),
        "a sequence" => {
            let item = if bare.is_empty() { "…" } else { bare };
            // A list of tables (`scale`, `conditions`, `terms`) is written
            // with a table for each item, a list of ids with text.
            let of_tables = match key {
                Some(Key::Value(k)) => model_table(list_item_struct(k)),
                _ => None,
            };
            let list = match of_tables {
                Some((_, example)) => format!("[{}, …]", example.replace("{}", item)),
                None => format!("[\"{item}\"]"),
            };
            ("a list", format!("write a list in brackets: {}", write(&list)))
        }
        "u32" | "u64" | "usize" => (
            "a whole number",
            format!("write a number, without quotes: {}", write("1")),
        ),
        // A table of the model (`struct OutcomeDef`) or any table.
        other if other.starts_with("struct ") || other == "a map" => (
            "a table",
            match model_table(other) {
                Some((what, example)) => {
                    let item = if bare.is_empty() || bare.starts_with(['[', '{']) {
                        "…"
                    } else {
                        bare
                    };
                    format!(
                        "write {what} as a table in braces: `{}`",
                        example.replace("{}", item)
                    )
                }
                None => "write it as a table in braces, `{ key = value, … }`; see docs/data-format.md for its keys".into(),
            },
        ),
        other => (other, "see docs/data-format.md for what it takes".into()),
    };
    (name.to_string(), help)
}

/// The one text of a list written where one text goes: `["x"]`.
fn one_item(found_text: &str) -> Option<&str> {
    let inner = found_text
        .trim()
        .strip_prefix('[')?
        .strip_suffix(']')?
        .trim();
    let inner = inner.strip_suffix(',').unwrap_or(inner).trim();
    let unquoted = inner
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .or_else(|| inner.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')))?;
    (!unquoted.contains(['"', '\'', ','])).then_some(unquoted)
}

/// The table each item of a list of tables is, by the list's key.
fn list_item_struct(key: &str) -> &'static str {
    match key {
        "scale" => "struct OutcomeDef",
        "conditions" => "struct ConditionDef",
        "terms" => "struct TermDef",
        _ => "",
    }
}

/// A table of the data model, by serde's name for it: what a person calls
/// it, and the least that is written of one (`{}` where the value at hand
/// goes).
fn model_table(name: &str) -> Option<(&'static str, &'static str)> {
    Some(match name {
        "struct OutcomeDef" => ("each outcome of a scale", "{ id = \"{}\", label = \"…\" }"),
        "struct ConditionDef" => (
            "each condition",
            "{ accepts = [\"…\"], only_if = { ISSUE = [\"…\"] } }",
        ),
        "struct TermDef" => (
            "each term of a proposal",
            "{ issue = \"…\", outcomes = [\"…\"] }",
        ),
        "struct EvidenceDef" => ("the evidence of a red line", "{ quote = \"{}\" }"),
        _ => return None,
    })
}

fn a_kind(kind: &str) -> String {
    match kind {
        "integer" => "a number".into(),
        "floating" => "a number".into(),
        "string" => "text".into(),
        "boolean" => "`true` or `false`".into(),
        "sequence" => "a list".into(),
        "map" => "a table".into(),
        other => format!("a {other}"),
    }
}

/// The `quoted` words of a serde "expected one of …" list.
fn backticked(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

fn or_list(items: &[String]) -> String {
    match items {
        [] => "nothing".into(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// Which table of the data model has these keys.
fn table_noun(keys: &[&str]) -> &'static str {
    let has = |k: &str| keys.contains(&k);
    if has("stance") {
        "a position"
    } else if has("scale") {
        "an issue"
    } else if has("label") {
        "an outcome"
    } else if has("name") {
        "a party"
    } else if has("publisher") {
        "a source"
    } else if has("participants") {
        "a round file"
    } else if has("parties") {
        "talks.toml"
    } else {
        "this table"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::model::{RoundFile, TalksFile};

    fn probe<T: DeserializeOwned>(text: &str) -> Parsed<T> {
        parse::<T>(text, 0)
    }

    fn messages<T: DeserializeOwned>(text: &str) -> Vec<String> {
        probe::<T>(text)
            .problems
            .iter()
            .map(|d| {
                let at = d.locus.as_ref().and_then(|l| l.span.clone());
                format!(
                    "{} @{}",
                    d.message,
                    at.map_or("file".into(), |s| text[s].to_string())
                )
            })
            .collect()
    }

    #[test]
    fn every_problem_in_a_file_is_reported() {
        let text = "date = '2024-01-01'\ntitle = 3\norder = 'x'\nvenu = 'y'\nparticipants = ['a', 3]\n\
                    [[sources]]\nid = 'a'\n\
                    [positions.a.b]\nstanse = 'x'\nred_line = 'yes'\npriority = 'high'\naccepts = 'x'\n";
        assert_eq!(
            messages::<RoundFile>(text),
            [
                "`date` takes a date written YYYY-MM-DD, without quotes @'2024-01-01'",
                "`title` takes text in quotes, not a number @3",
                "`order` takes a whole number, not text @'x'",
                "unknown key `venu` @venu",
                "an item of `participants` is text in quotes, not a number @3",
                "missing key `title` @[[sources]]",
                "unknown key `stanse` @stanse",
                "`red_line` takes `true` or `false`, not text @'yes'",
                "`high` is not allowed as `priority` @'high'",
                "`accepts` takes a list, not text @'x'",
            ]
        );
    }

    /// Each way of writing `order` as no whole number it can be is one
    /// error that says which way, and what to write.
    #[test]
    fn an_order_written_wrong_is_one_error_that_says_how() {
        let said = |order: &str| -> Vec<String> {
            let text = format!("date = 2024-01-01\ntitle = 'x'\norder = {order}\n");
            probe::<RoundFile>(&text)
                .problems
                .iter()
                .map(|d| format!("{} | {}", d.message, d.help.as_deref().unwrap_or("")))
                .collect()
        };
        for (order, message) in [
            (
                "01",
                "`order` is written with a leading zero, which a number in TOML does not have | write it without leading zeros: `order = 1`",
            ),
            (
                "-007",
                "`order` is written with a leading zero, which a number in TOML does not have | write a whole number from 0 up, without leading zeros, such as `order = 1`",
            ),
            (
                "1.5",
                "`order` takes a whole number, not a fraction | write a whole number from 0 to 4294967295, such as `order = 1`",
            ),
            (
                "1e3",
                "`order` takes a whole number, not a number with an exponent | write it as a whole number: `order = 1000`",
            ),
            (
                "99999999999999999999",
                "expected a whole number from 0 to 4294967295, found `99999999999999999999` | write a number such as 1, in decimal digits",
            ),
            (
                "4294967296",
                "expected a whole number from 0 to 4294967295, found `4294967296` | write a number such as 1, in decimal digits",
            ),
        ] {
            assert_eq!(said(order), [message], "order = {order}");
        }
    }

    /// Past the cap, the problems shown are the first of the file (`k10`
    /// comes before `k2` in the order of the keys' names, not of the file),
    /// and the note that says so is not one of them.
    #[test]
    fn past_the_cap_a_note_says_so_and_is_no_error() {
        let keys: String = (0..150).map(|k| format!("k{k} = {k}\n")).collect();
        let text = format!("date = 2024-01-01\ntitle = 'x'\n[positions.a.b]\nstance = 'x'\n{keys}");
        let p = probe::<RoundFile>(&text);
        assert_eq!(
            p.problems.iter().filter(|d| d.is_error()).count(),
            MAX_PROBLEMS
        );
        let notes: Vec<_> = p.problems.iter().filter(|d| d.is_note()).collect();
        assert_eq!(notes.len(), 1);
        assert!(
            notes[0]
                .message
                .starts_with("more than 100 problems in this file: 100 of them are shown, in the order of the file"),
            "{}",
            notes[0].message
        );
        // Those found first in the order serde reads the keys (sorted), and
        // shown in the order of the file.
        let mut sorted: Vec<String> = (0..150).map(|k| format!("k{k}")).collect();
        sorted.sort();
        let mut found: Vec<String> = sorted[..MAX_PROBLEMS].to_vec();
        found.sort_by_key(|k| k[1..].parse::<usize>().unwrap());
        let shown: Vec<String> = p
            .problems
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.message.clone())
            .collect();
        let expected: Vec<String> = found.iter().map(|k| format!("unknown key `{k}`")).collect();
        assert_eq!(shown, expected);
    }

    #[test]
    fn a_file_without_problems_parses_with_no_patches() {
        let p = probe::<TalksFile>("title = 'x'\n[[parties]]\nid = 'a'\nname = 'A'\n");
        assert!(p.value.is_some());
        assert!(p.problems.is_empty());
        assert!(p.patched.is_empty());
    }

    #[test]
    fn a_missing_key_at_the_top_names_the_file() {
        let p = probe::<RoundFile>("title = 'x'\n");
        assert!(p.value.is_some());
        assert_eq!(p.problems.len(), 1);
        assert_eq!(p.problems[0].message, "missing key `date`");
        assert_eq!(p.problems[0].locus.as_ref().unwrap().span, None);
    }

    #[test]
    fn several_missing_keys_in_one_table_are_each_reported() {
        assert_eq!(
            messages::<RoundFile>("venue = 'x'\n[[sources]]\nurl = 'u'\n"),
            [
                "missing key `date` @file",
                "missing key `title` @file",
                "missing key `id` @[[sources]]",
                "missing key `title` @[[sources]]",
            ]
        );
    }

    #[test]
    fn a_syntax_error_is_one_error_at_its_cause_and_the_rest_is_read_on() {
        assert_eq!(
            messages::<TalksFile>(
                "title = 'x\n[[parties]]\nid='a'\nname=\n[[parties]\nid = 'b'\nname = 3\n"
            ),
            [
                "the text of `title` has no closing `'` @'",
                "`name` has no value @name=",
                "the table header `[[parties]` is not closed @[[parties]",
                "`name` takes text in quotes, not a number @3",
            ]
        );
    }

    /// Lines of round and talks files, good and bad, to shuffle into files.
    const LINES: &[&str] = &[
        "date = 2024-01-01",
        "date = '2024-01-01'",
        "date = 2024-01-01T10:00:00",
        "title = 'x'",
        "title = 3",
        "order = 'x'",
        "order = 2",
        "participants = ['a', 3]",
        "participants = 'a'",
        "venu = 1",
        "[[sources]]",
        "id = 'a'",
        "id = 3",
        "titel = 'y'",
        "[positions.a.b]",
        "[positions.a]",
        "stance = 'x'",
        "stanse = 'x'",
        "accepts = 'x'",
        "accepts = [1, 'x']",
        "red_line = 'yes'",
        "priority = 'high'",
        "withdrawn = 2",
        "[[parties]]",
        "name = 'n'",
        "kind = 'country'",
        "[[issues]]",
        "scale = 'x'",
        "scale = [{ id = 'a', lable = 'b' }]",
        "scale = [{}, 3]",
        "positions = 3",
        "sources = [1]",
        "x.y.z = 1",
        "[x]",
        "= 1",
        "[[",
    ];

    proptest::proptest! {
        /// Whatever the file holds, parsing ends, without a panic, and every
        /// placeholder answers a reported problem.
        #[test]
        fn any_mix_of_lines_parses_without_panic(picks in proptest::collection::vec(0..LINES.len(), 0..12)) {
            let text: String = picks.iter().map(|&i| format!("{}\n", LINES[i])).collect();
            let round = probe::<RoundFile>(&text);
            proptest::prop_assert!(round.patched.is_empty() || !round.problems.is_empty());
            let talks = probe::<TalksFile>(&text);
            proptest::prop_assert!(talks.patched.is_empty() || !talks.problems.is_empty());
        }

        /// The same through the whole of `check`, a talks file and a round.
        #[test]
        fn check_never_panics(
            talks in proptest::collection::vec(0..LINES.len(), 0..10),
            round in proptest::collection::vec(0..LINES.len(), 0..10),
        ) {
            let lines = |picks: &[usize]| -> String {
                picks.iter().map(|&i| format!("{}\n", LINES[i])).collect()
            };
            let header = "title = 't'\n[[parties]]\nid = 'a'\nname = 'A'\n[[issues]]\nid = 'b'\n\
                          title = 'B'\nscale = [{ id = 'x', label = 'X' }, { id = 'y', label = 'Y' }]\n";
            let talks = format!("{header}{}", lines(&talks));
            let round = lines(&round);
            let (checked, files) = crate::data::check::check_texts(
                talks.as_bytes(),
                &[("2024-01-01-r", round.as_bytes())],
            );
            for d in &checked.diagnostics {
                let _ = d.render(&files, false, None);
            }
        }
    }

    #[test]
    fn nothing_panics_on_odd_input() {
        for text in [
            "",
            "=",
            "[[",
            "a.b.c = 1",
            "positions = 3",
            "[positions]\na = 3",
            "[positions.a]\nb = 3",
            "scale = []",
            "date = 1979-05-27T07:32:00Z\ntitle=''",
            "\u{feff}title = ''",
        ] {
            let _ = probe::<RoundFile>(text);
            let _ = probe::<TalksFile>(text);
        }
    }
}

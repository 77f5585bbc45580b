//! `check`: every problem in every talks of the data folder.

use serde::Serialize;

use super::{Ctx, Output};
use crate::diag::{Diagnostic, Files, Severity, plural, render_all, summary};
use crate::error::{Error, Result};
use crate::render::Style;
use crate::render::{Block, Doc, Format, Table, Text, Tone, View};

#[derive(Serialize)]
struct Report {
    data: String,
    talks: Vec<String>,
    files: usize,
    errors: usize,
    warnings: usize,
    problems: Vec<Problem>,
}

#[derive(Serialize)]
struct Problem {
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
        let (file, line, column) = match &d.locus {
            None => (None, None, None),
            Some(l) => {
                let path = Some(files.get(l.file).path.clone());
                match &l.span {
                    Some(s) => {
                        let (line, col) = files.line_col(l.file, s.start);
                        (path, Some(line), Some(col))
                    }
                    None => (path, None, None),
                }
            }
        };
        Problem {
            severity: d.severity,
            file,
            line,
            column,
            message: d.message.clone(),
            label: d.label.clone(),
            help: d.help.clone(),
        }
    }
}

impl View for Report {
    fn doc(&self, _style: &Style) -> Doc {
        let opt = |n: Option<usize>| n.map(|n| n.to_string()).unwrap_or_default();
        let rows = self
            .problems
            .iter()
            .map(|p| {
                let severity = match p.severity {
                    Severity::Error => Text::styled("error", Tone::Clash),
                    Severity::Warning => Text::styled("warning", Tone::Overlap),
                };
                vec![
                    severity,
                    Text::plain(p.file.clone().unwrap_or_default()),
                    Text::plain(opt(p.line)),
                    Text::plain(opt(p.column)),
                    Text::plain(p.message.clone()),
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
        }));
        doc
    }
}

pub fn run(ctx: &Ctx, deny_warnings: bool) -> Result<Output> {
    let ids = match &ctx.talks {
        Some(_) => vec![ctx.talks_id()?],
        None => ctx.data.talks_ids()?,
    };
    if ids.is_empty() {
        return Err(Error::Usage(format!(
            "no talks in {}: a talks is a folder holding talks.toml; start one with `redlines new talks ID`",
            ctx.data.describe()
        )));
    }
    let mut files = Files::default();
    let mut diags = Vec::new();
    let mut read = 0;
    for id in &ids {
        let raw = ctx.data.read_talks(id)?;
        let checked = crate::check::check_talks(&ctx.data, raw, &mut files);
        read += checked.files_read;
        diags.extend(checked.diagnostics);
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    let code = u8::from(errors > 0 || (deny_warnings && warnings > 0));

    // On a terminal the diagnostics are the output, on stderr as a compiler
    // prints them; every other format lists the problems on stdout.
    if ctx.style.format != Format::Table {
        let report = Report {
            data: ctx.data.describe(),
            talks: ids,
            files: read,
            errors,
            warnings,
            problems: diags.iter().map(|d| Problem::new(d, &files)).collect(),
        };
        let mut out = ctx.render(&report)?;
        out.code = code;
        return Ok(out);
    }
    let mut stderr = render_all(&diags, &files, ctx.color_stderr);
    let checked = format!(
        "{} talks, {}: {}",
        ids.len(),
        plural(read, "file"),
        ctx.data.describe()
    );
    if diags.is_empty() {
        stderr.push_str(&format!("ok: no problems in {checked}\n"));
    } else {
        stderr.push_str(&format!("{} in {checked}\n", summary(&diags)));
    }
    Ok(Output {
        stdout: String::new(),
        stderr,
        code,
    })
}

//! `completions SHELL` and `man`: the tool's place in the shell.
//!
//! The completion scripts are clap_complete's dynamic ones: they call
//! `COMPLETE=SHELL redlines -- WORDS…` at every Tab, so that round, party
//! and issue ids come from the data (see `crate::cli::complete`), and they never
//! go stale when commands change.

use clap::CommandFactory;
use clap_complete::env::{Bash, EnvCompleter, Fish, Zsh};
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};

use super::Output;
use crate::cli::{Cli, Shell};
use crate::error::{Error, Result};

pub fn completions(shell: Shell) -> Result<Output> {
    let completer: &dyn EnvCompleter = match shell {
        Shell::Bash => &Bash,
        Shell::Zsh => &Zsh,
        Shell::Fish => &Fish,
    };
    let mut buf = Vec::new();
    completer
        .write_registration("COMPLETE", "redlines", "redlines", &self_path(), &mut buf)
        .map_err(|e| Error::Io(e.to_string()))?;
    Ok(Output {
        stdout: String::from_utf8_lossy(&buf).into_owned(),
        ..Output::default()
    })
}

/// How the scripts call this binary: by name when it was found on the
/// PATH, else by its absolute path (as clap_complete's own registration).
fn self_path() -> String {
    let arg0 = std::env::args_os()
        .next()
        .unwrap_or_else(|| "redlines".into());
    let path = std::path::PathBuf::from(&arg0);
    if path.components().count() > 1
        && let Ok(abs) = std::path::absolute(&path)
    {
        return abs.to_string_lossy().into_owned();
    }
    path.to_string_lossy().into_owned()
}

/// One page for the whole tool: clap's sections for the top level, then
/// every command with its own options (there are no per-command pages).
pub fn man() -> Result<Output> {
    let man = Man::new(Cli::command()).date("").manual("redlines manual");
    let mut buf = Vec::new();
    let io = |e: std::io::Error| Error::Io(e.to_string());
    man.render_title(&mut buf).map_err(io)?;
    man.render_name_section(&mut buf).map_err(io)?;
    man.render_synopsis_section(&mut buf).map_err(io)?;
    man.render_description_section(&mut buf).map_err(io)?;
    man.render_options_section(&mut buf).map_err(io)?;
    extra_sections().to_writer(&mut buf).map_err(io)?;
    Ok(Output {
        stdout: String::from_utf8_lossy(&buf).into_owned(),
        ..Output::default()
    })
}

/// What clap's page leaves out: every command's usage and options, exit
/// codes and environment.
fn extra_sections() -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["COMMANDS"]);
    for sub in Cli::command().get_subcommands() {
        let mut usage = sub.clone().bin_name(format!("redlines {}", sub.get_name()));
        let usage = usage.render_usage().to_string();
        roff.control("TP", []);
        roff.text([bold(usage.trim_start_matches("Usage: "))]);
        if let Some(about) = sub.get_about() {
            roff.text([roman(about.to_string())]);
        }
        let args: Vec<_> = sub
            .get_arguments()
            .filter(|a| !a.is_global_set() && !a.is_hide_set())
            .collect();
        if args.is_empty() {
            continue;
        }
        roff.control("RS", []);
        for a in args {
            let value = a
                .get_value_names()
                .and_then(|v| v.first())
                .map(|v| format!("<{v}>"));
            let name = match (a.get_short(), a.get_long()) {
                (Some(s), Some(l)) => format!("-{s}, --{l}"),
                (None, Some(l)) => format!("--{l}"),
                (Some(s), None) => format!("-{s}"),
                (None, None) => value.clone().unwrap_or_default(),
            };
            roff.control("TP", []);
            let mut head = vec![bold(name)];
            if a.get_long().is_some() && a.get_action().takes_values() {
                head.push(roman(format!(" {}", value.unwrap_or_default())));
            }
            roff.text(head);
            let choices: Vec<String> = a
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect();
            let help = match (a.get_help(), choices.is_empty()) {
                (Some(h), true) => h.to_string(),
                (Some(h), false) => format!("{h} (one of: {})", choices.join(", ")),
                (None, false) => format!("one of: {}", choices.join(", ")),
                (None, true) => continue,
            };
            roff.text([roman(help)]);
        }
        roff.control("RE", []);
    }
    tagged(
        &mut roff,
        "EXIT STATUS",
        &[
            ("0", "success"),
            (
                "1",
                "the data has problems (every one is reported with file:line:column); for diff --exit-code, there were changes",
            ),
            (
                "2",
                "a usage or I/O error: an unknown round, party or issue, a file that exists",
            ),
        ],
    );
    tagged(
        &mut roff,
        "ENVIRONMENT",
        &[
            ("REDLINES_DATA", "the data folder, as --data"),
            ("REDLINES_TALKS", "which talks, as --talks"),
            ("REDLINES_WIDTH", "table width, as --width"),
            (
                "NO_COLOR",
                "when set and not empty, no colour with --color auto",
            ),
            (
                "COMPLETE",
                "set by the completion scripts: print completions and exit",
            ),
        ],
    );
    roff.control("SH", ["SEE ALSO"]);
    roff.text([roman(
        "redlines completions bash|zsh|fish prints the script that registers shell completions.",
    )]);
    roff
}

/// A section of tagged paragraphs: each `(tag, text)` a bold tag over its text.
fn tagged(roff: &mut Roff, section: &str, items: &[(&str, &str)]) {
    roff.control("SH", [section]);
    for (tag, text) in items {
        roff.control("TP", []);
        roff.text([bold(*tag)]);
        roff.text([roman(*text)]);
    }
}

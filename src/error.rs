//! The errors a command can end with, and the exit code each one means.

use std::fmt;

use crate::data::diag::{Diagnostic, Files};
use crate::data::printable::shown_text;

#[derive(Debug)]
pub enum Error {
    /// A bad command line: an unknown round, party or issue. Exit 2.
    Usage(String),
    /// The data folder or a file could not be read or written. Exit 2.
    Io(String),
    /// The data has problems; every one of them is here. Exit 1.
    Data {
        files: Files,
        diagnostics: Vec<Diagnostic>,
    },
}

impl Error {
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Data { .. } => 1,
            Error::Usage(_) | Error::Io(_) => 2,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // Whatever the message quotes (a path, an id typed) is shown, not
            // acted on by the terminal.
            Error::Usage(m) | Error::Io(m) => write!(f, "{}", shown_text(m)),
            Error::Data { files, diagnostics } => {
                let errors: Vec<_> = diagnostics
                    .iter()
                    .filter(|d| d.is_error())
                    .cloned()
                    .collect();
                // A command other than `check` shows the first few: what
                // stops it, not a report that buries its own output.
                let shown = &errors[..errors.len().min(SHOWN)];
                f.write_str(&crate::data::diag::render_all(shown, files, false, None))?;
                let more = match errors.len() - shown.len() {
                    0 => String::new(),
                    n => format!(" ({n} not shown here)"),
                };
                write!(
                    f,
                    "error: the data has {}{}{more}; run `redlines check` for the full report",
                    crate::data::diag::at_least(diagnostics),
                    crate::data::diag::plural(errors.len(), "error")
                )
            }
        }
    }
}

/// How many data errors a command other than `check` prints before it stops.
const SHOWN: usize = 5;

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;

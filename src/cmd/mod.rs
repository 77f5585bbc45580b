//! One file per command: each builds a view from the resolved talks and
//! hands it to the output layer.

mod check;
pub(crate) mod diff;
mod explain;
mod history;
mod list;
mod matrix;
mod new;
mod report;
mod schema;
mod shell;
mod show;
mod table;
mod trend;

use std::io::IsTerminal;

use serde::Serialize;

pub use shell::Shell;

use crate::check::{Checked, check_talks};
use crate::cli::{Cli, ColorWhen, Command, NewWhat};
use crate::diag::Files;
use crate::error::{Error, Result};
use crate::load::DataDir;
use crate::render::{Style, View, render};
use crate::talks::{Date, Position, Round, Talks};

/// What a command produced: text for stdout and stderr, and the exit code.
#[derive(Debug, Default)]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub code: u8,
}

impl Output {
    fn ok(stdout: String) -> Self {
        Output {
            stdout,
            ..Output::default()
        }
    }
}

/// Everything a command needs: where the data is, which talks, how to print.
pub struct Ctx {
    pub data: DataDir,
    pub talks: Option<String>,
    pub style: Style,
    /// Colour for what goes to stderr (diagnostics), which may be a terminal when stdout is not.
    pub color_stderr: bool,
}

impl Ctx {
    pub fn new(cli: &Cli) -> Self {
        let g = &cli.global;
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let when = |terminal: bool| match g.color {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => !no_color && terminal,
        };
        let color = when(std::io::stdout().is_terminal());
        Ctx {
            data: DataDir::locate(g.data.clone()),
            talks: g.talks.clone(),
            style: Style {
                format: g.format,
                color,
                width: g.width,
            },
            color_stderr: when(std::io::stderr().is_terminal()),
        }
    }

    /// A context with plain table output, for reading data outside a
    /// command (the shell completions).
    pub fn plain(data: DataDir, talks: Option<String>) -> Self {
        Ctx {
            data,
            talks,
            style: Style {
                format: crate::render::Format::Table,
                color: false,
                width: None,
            },
            color_stderr: false,
        }
    }

    /// The id of the talks to work on: `--talks`, or the only one there is.
    pub fn talks_id(&self) -> Result<String> {
        let ids = self.data.talks_ids()?;
        match &self.talks {
            Some(t) if ids.contains(t) => Ok(t.clone()),
            Some(t) => Err(Error::Usage(format!(
                "unknown talks `{t}` in {}; the talks there: {}",
                self.data.describe(),
                if ids.is_empty() {
                    "none".to_string()
                } else {
                    ids.join(", ")
                }
            ))),
            None => match ids.as_slice() {
                [one] => Ok(one.clone()),
                [] => Err(Error::Usage(format!(
                    "no talks in {}: a talks is a folder holding talks.toml (see `redlines new talks`)",
                    self.data.describe()
                ))),
                many => Err(Error::Usage(format!(
                    "{} holds several talks ({}); choose one with --talks",
                    self.data.describe(),
                    many.join(", ")
                ))),
            },
        }
    }

    /// Read and check one talks; its errors, if any, end the command.
    pub fn check(&self, id: &str) -> Result<(Checked, Files)> {
        let mut files = Files::default();
        let raw = self.data.read_talks(id)?;
        let checked = check_talks(&self.data, raw, &mut files);
        Ok((checked, files))
    }

    /// The talks to work on, resolved; data problems end the command.
    pub fn load(&self) -> Result<Talks> {
        let id = self.talks_id()?;
        let (checked, files) = self.check(&id)?;
        match checked.talks {
            Some(t) => Ok(t),
            None => Err(Error::Data {
                files,
                diagnostics: checked.diagnostics,
            }),
        }
    }

    pub fn render(&self, view: &impl View) -> Result<Output> {
        Ok(Output::ok(render(view, &self.style)?))
    }
}

pub fn run(cli: Cli) -> Result<Output> {
    let ctx = Ctx::new(&cli);
    match cli.command {
        Command::List { what } => list::run(&ctx, what),
        Command::Table { round, filter } => table::run(&ctx, &round.round, &filter),
        Command::Show {
            party,
            issue,
            round,
        } => show::run(&ctx, &party, &issue, &round.round),
        Command::Matrix { round, by, filter } => matrix::run(&ctx, &round.round, by, &filter),
        Command::Explain {
            party,
            other,
            issue,
            round,
        } => explain::run(&ctx, &party, &other, &issue, &round.round),
        Command::Check { deny_warnings } => check::run(&ctx, deny_warnings),
        Command::Report {
            round,
            from,
            out,
            force,
        } => report::run(&ctx, &round.round, &from, &out, force),
        Command::Completions { shell } => shell::completions(shell),
        Command::Man => shell::man(),
        Command::Diff {
            from,
            to,
            filter,
            exit_code,
        } => diff::run(&ctx, &from, &to, &filter, exit_code),
        Command::History { issue, parties } => history::run(&ctx, &issue, &parties),
        Command::Trend { pairs } => trend::run(&ctx, &pairs),
        Command::Schema { kind } => Ok(schema::run(kind)),
        Command::New { what } => match what {
            NewWhat::Talks { id } => new::talks(&ctx, &id),
            NewWhat::Round { id, date, from } => {
                new::round(&ctx, &id, date.as_deref(), from.as_deref())
            }
        },
    }
}

/// A round as named in JSON output.
#[derive(Debug, Serialize)]
pub struct RoundRef {
    pub id: String,
    pub date: Date,
    pub title: String,
}

impl RoundRef {
    pub fn new(r: &Round) -> Self {
        RoundRef {
            id: r.id.clone(),
            date: r.date,
            title: r.title.clone(),
        }
    }
}

/// One position as shown in JSON: ids resolved to names.
#[derive(Debug, Serialize)]
pub struct PositionView {
    pub party: String,
    pub issue: String,
    pub stance: Option<String>,
    pub stance_label: Option<String>,
    pub accepts: Vec<String>,
    pub red_line: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<crate::talks::Priority>,
    pub summary: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// When it was said: the position's own date, else its round's.
    pub said_on: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<crate::talks::Source>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The round it was stated in.
    pub round: String,
}

impl PositionView {
    pub fn new(talks: &Talks, p: &Position, round: &Round) -> Self {
        let issue = &talks.issues[p.issue];
        PositionView {
            party: talks.parties[p.party].id.clone(),
            issue: issue.id.clone(),
            stance: p.stance.map(|s| issue.scale[s].id.clone()),
            stance_label: p.stance.map(|s| issue.scale[s].label.clone()),
            accepts: p
                .accepts
                .iter()
                .map(|o| issue.scale[o].id.clone())
                .collect(),
            red_line: p.red_line,
            priority: p.priority,
            summary: p.summary.clone(),
            quote: p.quote.clone(),
            speaker: p.speaker.clone(),
            said_on: p.date.unwrap_or(round.date),
            source: p.source.map(|s| round.sources[s].clone()),
            note: p.note.clone(),
            round: round.id.clone(),
        }
    }
}

//! The commands: one file each, thin. A command reads its arguments, gets
//! the talks from the data layer, asks the core, builds a view and hands it
//! to the renderer: `data → core → view → render`, never sideways.

mod bridge;
mod check;
mod diff;
mod explain;
mod history;
mod list;
mod matrix;
mod new;
mod proposals;
mod report;
mod schema;
mod shell;
mod show;
mod table;
mod trades;
mod trend;
mod write;

use std::io::{IsTerminal, Write as _};
use std::path::{Path, PathBuf};

use crate::cli::{Cli, ColorWhen, Command, NewWhat};
use crate::core::{select, whatif};
use crate::data;
use crate::data::load::DataDir;
use crate::data::printable::shown_path;
use crate::data::talks::Talks;
use crate::error::{Error, Result};
use crate::render::{DEFAULT_WIDTH, MIN_WIDTH, Style, workbook, wrap, write};
use crate::view::View;

/// What a command produced: text for stdout and stderr, and the exit code.
#[derive(Default)]
pub struct Output {
    pub stdout: String,
    /// A view still to be written, after `stdout`: it is rendered as it is
    /// written, so that a long output is never held whole.
    pub body: Option<Body>,
    pub stderr: String,
    /// Bytes that are not text (an xlsx workbook), written after `stdout`.
    pub binary: Vec<u8>,
    pub code: u8,
}

/// A view and how to write it.
pub type Body = Box<dyn FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>>;

impl Output {
    fn ok(stdout: String) -> Self {
        Output {
            stdout,
            ..Output::default()
        }
    }

    /// Everything it says, stdout then stderr, as text (for `check --watch`,
    /// which prints it again at each change).
    pub fn text(mut self) -> String {
        let stderr = std::mem::take(&mut self.stderr);
        // A workbook is no text: what was written is said on stderr.
        self.binary.clear();
        let mut out = Vec::new();
        if let Err(e) = self.write_stdout(&mut out) {
            out.extend(
                format!(
                    "error: cannot write the output: {}\n",
                    crate::data::load::io_reason(&e)
                )
                .into_bytes(),
            );
        }
        String::from_utf8_lossy(&out).into_owned() + &stderr
    }

    /// Write what goes to stdout: the text, the view, then the bytes.
    pub fn write_stdout(self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        out.write_all(self.stdout.as_bytes())?;
        if let Some(body) = self.body {
            body(out)?;
        }
        out.write_all(&self.binary)?;
        out.flush()
    }
}

/// Say `text` on stderr, whole, where it can be: a stderr that is full or
/// closed ends no command (`eprint!` would panic) and changes no exit code.
pub fn to_stderr(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
}

/// Everything a command needs: where the data is, which talks, how to print.
pub struct Ctx {
    pub data: DataDir,
    pub talks: Option<String>,
    pub style: Style,
    /// Colour for what goes to stderr (diagnostics), which may be a terminal when stdout is not.
    pub color_stderr: bool,
    /// `--assume`: hypothetical positions, as written.
    pub assume: Vec<String>,
    /// `--out`: the file to write (report's page, an xlsx workbook).
    pub out: Option<PathBuf>,
    /// `--force`: replace `out` if it exists.
    pub force: bool,
    /// Notes on stderr of how the command line was read (a date that
    /// stands for the round before it), said before the command's own.
    notes: std::cell::RefCell<String>,
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
                width: Some(width(g.width)),
                csv_raw: g.csv_raw,
            },
            color_stderr: when(std::io::stderr().is_terminal()),
            assume: g.assume.clone(),
            out: g.out.clone(),
            force: g.force,
            notes: Default::default(),
        }
    }

    /// The round `spec` names ([`select::round`]), with a note on stderr
    /// where it is a date on which no round was held.
    pub fn round(&self, talks: &Talks, spec: &str) -> Result<usize> {
        let r = select::round(talks, spec)?;
        if let Some(n) = select::as_of_note(talks, spec, r) {
            self.notes
                .borrow_mut()
                .push_str(&(wrap(&n, self.style.width) + "\n"));
        }
        Ok(r)
    }

    /// The id of the talks to work on: `--talks`, or the only one there is.
    pub fn talks_id(&self) -> Result<String> {
        data::choose(&self.data, self.talks.as_deref())
    }

    /// The talks to work on, resolved; data problems end the command.
    pub fn load(&self) -> Result<Talks> {
        data::open(&self.data, &self.talks_id()?)
    }

    /// The talks as of the round `spec` names, and that round; with
    /// `--assume`, the talks with the scenario as a round right after it,
    /// and the scenario's round.
    pub fn scenario(&self, spec: &str) -> Result<(Talks, usize)> {
        let talks = self.load()?;
        let r = self.round(&talks, spec)?;
        if self.assume.is_empty() {
            return Ok((talks, r));
        }
        let assumptions = self
            .assume
            .iter()
            .map(|a| whatif::parse(&talks, a))
            .collect::<Result<Vec<_>>>()?;
        whatif::assume(&talks, r, &assumptions)
    }

    /// The note of [`noting_left_out`], wrapped to the width; empty for none.
    pub fn left_out(&self, talks: &Talks, named: bool, chosen: usize) -> String {
        select::left_out_note(talks, named, chosen)
            .map(|n| crate::render::wrap(&n, self.style.width) + "\n")
            .unwrap_or_default()
    }

    /// Refuse `--assume` where it does not apply.
    pub fn no_scenario(&self, command: &str) -> Result<()> {
        if self.assume.is_empty() {
            return Ok(());
        }
        Err(Error::Usage(format!(
            "--assume lays a scenario over a round; `{command}` reads the data as it is"
        )))
    }

    /// The output of `view`: text formats are written as they are rendered,
    /// when the output is written; a workbook is made here.
    pub fn render(&self, view: impl View + 'static) -> Result<Output> {
        if !self.style.format.is_binary() {
            let style = self.style;
            return Ok(Output {
                body: Some(Box::new(move |out| write(&view, &style, out))),
                ..Output::default()
            });
        }
        // The warnings first, then what was written.
        let said = |warnings: Vec<String>| -> String {
            warnings
                .iter()
                .map(|w| wrap(&format!("warning: {w}"), self.style.width) + "\n")
                .collect()
        };
        match self.out.as_deref() {
            Some(path) if path != Path::new("-") => {
                // Written into the file as it is made, never held whole.
                let mut warnings = Vec::new();
                let len = write::replacing(path, self.force, "the workbook", |file| {
                    let mut file = std::io::BufWriter::new(file);
                    warnings = workbook(&view, &mut file)?;
                    file.flush().map_err(|e| write::cannot_write(path, &e))
                })?;
                let mut stderr = said(warnings);
                stderr.push_str(&format!(
                    "wrote {} ({})\n",
                    shown_path(path),
                    write::size(len)
                ));
                Ok(Output {
                    stderr,
                    ..Output::default()
                })
            }
            _ if std::io::stdout().is_terminal() => Err(Error::Usage(
                "--format xlsx writes a workbook, which a terminal cannot show: name a file with --out FILE, or pipe the output"
                    .into(),
            )),
            _ => {
                let mut binary = Vec::new();
                let stderr = said(workbook(&view, &mut binary)?);
                Ok(Output {
                    binary,
                    stderr,
                    ..Output::default()
                })
            }
        }
    }
}

/// `out` with a note on stderr of the parties a view of a very large talks
/// leaves out (see [`select::every_party`]).
/// `chosen` parties were taken, the parties `named` or not.
fn noting_left_out(
    ctx: &Ctx,
    talks: &Talks,
    (named, chosen): (bool, usize),
    out: Result<Output>,
) -> Result<Output> {
    let mut out = out?;
    out.stderr
        .insert_str(0, &ctx.left_out(talks, named, chosen));
    Ok(out)
}

/// The width that tables and prose fit, decided here once for stdout and
/// stderr alike: `--width` (or `$REDLINES_WIDTH`), else the terminal's when
/// stdout is one, else `$COLUMNS` when it is a number of 20 or more, else 100.
fn width(given: Option<u16>) -> u16 {
    let terminal = || terminal_size::terminal_size_of(std::io::stdout()).map(|(w, _)| w.0);
    let columns = || {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<u16>().ok())
            .filter(|&c| c >= MIN_WIDTH)
    };
    given
        .or_else(terminal)
        .or_else(columns)
        .unwrap_or(DEFAULT_WIDTH)
}

pub fn run(cli: Cli) -> Result<Output> {
    let ctx = Ctx::new(&cli);
    // The commands that read or write the data as it is take no scenario.
    let as_it_is = match &cli.command {
        Command::List { .. } => Some("list"),
        Command::Check { .. } => Some("check"),
        Command::New { .. } => Some("new"),
        Command::Schema { .. } => Some("schema"),
        _ => None,
    };
    if let Some(name) = as_it_is {
        ctx.no_scenario(name)?;
    }
    // The commands that print no view print no workbook either.
    let prints_view = !matches!(
        cli.command,
        Command::Schema { .. }
            | Command::Completions { .. }
            | Command::Man
            | Command::New { .. }
            | Command::Check { watch: true, .. }
    );
    let writes_out = matches!(cli.command, Command::Report { .. })
        || (ctx.style.format.is_binary() && prints_view);
    if ctx.out.is_some() && !writes_out {
        return Err(Error::Usage(
            "--out names the file of `report` or of --format xlsx; other output goes to stdout"
                .into(),
        ));
    }
    let out = match cli.command {
        Command::List { what } => list::run(&ctx, what),
        Command::Table { round, filter } => table::run(&ctx, &round.round, &filter),
        Command::Show {
            party,
            issue,
            round,
        } => show::run(&ctx, &party, &issue, &round.round),
        Command::Matrix {
            round,
            by,
            filter,
            scoring,
        } => matrix::run(&ctx, &round.round, by, &filter, scoring.with_mediators),
        Command::Explain {
            party,
            other,
            issue,
            round,
        } => explain::run(&ctx, &party, &other, &issue, &round.round),
        Command::Proposals { round, filter } => proposals::run(&ctx, &round.round, &filter),
        Command::Bridge { issues, round } => bridge::run(&ctx, &issues, &round.round),
        Command::Trades {
            parties,
            round,
            top,
        } => trades::run(&ctx, &parties, &round.round, top),
        Command::Check {
            deny_warnings,
            sources,
            watch: false,
        } => check::run(&ctx, deny_warnings, sources.as_deref()),
        Command::Check {
            deny_warnings,
            sources,
            watch: true,
        } => check::watch(&ctx, deny_warnings, sources.as_deref()),
        Command::Report {
            round,
            from,
            scoring,
            sources,
        } => report::run(
            &ctx,
            &round.round,
            &from,
            scoring.with_mediators,
            sources.as_deref(),
        ),
        Command::Completions { shell } => shell::completions(shell),
        Command::Man => shell::man(),
        Command::Diff {
            from,
            to,
            filter,
            exit_code,
            stat,
            moves_only,
        } => diff::run(
            &ctx,
            (&from, &to),
            &filter,
            diff::Show {
                exit_code,
                stat,
                moves_only,
            },
        ),
        Command::History {
            issue,
            parties,
            scoring,
        } => history::run(&ctx, &issue, &parties, scoring.with_mediators),
        Command::Trend { pairs, scoring } => trend::run(&ctx, &pairs, scoring.with_mediators),
        Command::Schema { kind } => Ok(schema::run(kind)),
        Command::New { what } => match what {
            NewWhat::Talks { id } => new::talks(&ctx, &id),
            NewWhat::Round { id, date, from } => {
                new::round(&ctx, &id, date.as_deref(), from.as_deref())
            }
        },
    };
    let mut out = out?;
    out.stderr.insert_str(0, &ctx.notes.take());
    Ok(out)
}

//! The command line, by clap derive. Nothing here runs anything.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::render::Format;

pub mod complete;

/// Compare the positions of the sides in a negotiation.
///
/// Reads curated TOML data (one folder per talks, one file per round) and
/// prints side-by-side positions, agreement matrices and the changes between
/// rounds. Without --data it reads $REDLINES_DATA, else ./data when there is
/// one, else the built-in datasets (the 2021–22 Russia–US–NATO security
/// talks, read by default, and the 2022 Russia–Ukraine talks).
#[derive(Debug, Parser)]
#[command(
    name = "redlines",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// The data folder: one subfolder per talks [default: ./data, else built in]
    #[arg(long, global = true, env = "REDLINES_DATA", value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Which talks, where the data folder holds several
    #[arg(long, global = true, env = "REDLINES_TALKS", value_name = "ID", add = crate::cli::complete::talks())]
    pub talks: Option<String>,
    /// Output format
    #[arg(long, short = 'f', global = true, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// When to colour the output (never under NO_COLOR with auto)
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,
    /// What if: lay a hypothetical position over the round shown (repeat for
    /// several). PARTY.ISSUE=OUTCOME (it demands OUTCOME), PARTY.ISSUE+=O1,O2
    /// (it also accepts them), PARTY.ISSUE:no-red-line (or :red-line). The
    /// scenario is a round of its own, `assumed`, and every assumed position
    /// is marked so
    #[arg(long, global = true, value_name = "PARTY.ISSUE=OUTCOME", add = crate::cli::complete::assumptions())]
    pub assume: Vec<String>,
    /// CSV: write every cell as it is, even one a spreadsheet would run as a
    /// formula (by default such a cell is written behind a `'`)
    #[arg(long, global = true)]
    pub csv_raw: bool,
    /// Where to write report's page [default: report.html] or the workbook
    /// of --format xlsx (which is never written to a terminal); `-` for stdout
    #[arg(long, short, global = true, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace the --out FILE if it exists
    #[arg(long, global = true)]
    pub force: bool,
    /// The width that tables and text fit, in columns, 20 or more [default:
    /// the terminal's; printed to a pipe or a file, $COLUMNS where it is a
    /// number of 20 or more, else 100]
    #[arg(long, global = true, env = "REDLINES_WIDTH", value_name = "N",
          value_parser = clap::value_parser!(u16).range(i64::from(crate::render::MIN_WIDTH)..))]
    pub width: Option<u16>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the talks, or the rounds, parties or issues of one talks
    List {
        #[arg(value_enum)]
        what: ListWhat,
    },
    /// Side-by-side positions as of a round: issues × parties, red lines marked
    Table {
        #[command(flatten)]
        round: RoundArg,
        #[command(flatten)]
        filter: Filter,
    },
    /// One position in full: stance, accepts, red line, quote and source
    Show {
        /// Party id (or a unique part of one)
        #[arg(add = crate::cli::complete::parties())]
        party: String,
        /// Issue id (or a unique part of one)
        #[arg(add = crate::cli::complete::issues())]
        issue: String,
        #[command(flatten)]
        round: RoundArg,
    },
    /// Agreement and disagreement matrices: party × party, or issue × pair
    Matrix {
        #[command(flatten)]
        round: RoundArg,
        /// Party × party counts and scores, or issues × party pairs with deal zones
        #[arg(long, value_enum, default_value_t = MatrixBy::Pair)]
        by: MatrixBy,
        #[command(flatten)]
        filter: Filter,
        #[command(flatten)]
        scoring: Scoring,
    },
    /// One relation explained: both positions side by side, and why
    Explain {
        /// The first party
        #[arg(add = crate::cli::complete::parties())]
        party: String,
        /// The second party
        #[arg(add = crate::cli::complete::parties())]
        other: String,
        /// The issue
        #[arg(add = crate::cli::complete::issues())]
        issue: String,
        #[command(flatten)]
        round: RoundArg,
    },
    /// Proposals on the table, and each party's answer: accepts, on conditions, or not
    Proposals {
        #[command(flatten)]
        round: RoundArg,
        #[command(flatten)]
        filter: Filter,
    },
    /// What would it take: who must move how far to reach each outcome, and the nearest deal
    ///
    /// With issues: every outcome of each, what it costs and whose red line it
    /// crosses. Without: one line per issue, closest to a deal first.
    Bridge {
        /// Issues to bridge (ids or unique parts of ids) [default: every issue, ranked]
        #[arg(add = crate::cli::complete::issues())]
        issues: Vec<String>,
        #[command(flatten)]
        round: RoundArg,
    },
    /// Trades: each side giving on an issue that matters less to it than to the other
    Trades {
        /// Two parties [default: every pair]
        #[arg(add = crate::cli::complete::parties(), num_args = 0..=2)]
        parties: Vec<String>,
        #[command(flatten)]
        round: RoundArg,
        /// Show at most this many trades, the largest gain first; 1 or more
        #[arg(long, default_value_t = 20, value_name = "N", value_parser = at_least_one)]
        top: usize,
    },
    /// What changed between two rounds: positions, red lines, relations
    Diff {
        /// The earlier round: an id, a unique part of one, a date (with no round that
        /// day, the latest before it), `first` or `latest`
        #[arg(add = crate::cli::complete::rounds())]
        from: String,
        /// The later round (an earlier one reads the changes backwards)
        #[arg(add = crate::cli::complete::rounds())]
        to: String,
        #[command(flatten)]
        filter: Filter,
        /// Exit 1 when there are changes (a reworded summary or quote included) and 0 when
        /// there are none, as `git diff --exit-code`
        #[arg(long)]
        exit_code: bool,
        /// One line per party and issue that changed, its changes counted, as `git diff --stat`
        #[arg(long)]
        stat: bool,
        /// Leave out changes of wording alone (a summary or a quote reworded)
        #[arg(long)]
        moves_only: bool,
    },
    /// One issue across every round: each party's stance, each pair's relation
    History {
        /// Issue id (or a unique part of one)
        #[arg(add = crate::cli::complete::issues())]
        issue: String,
        /// Only these parties (repeat the option for several)
        #[arg(long = "party", short = 'p', value_name = "PARTY", add = crate::cli::complete::parties())]
        parties: Vec<String>,
        #[command(flatten)]
        scoring: Scoring,
    },
    /// Each pair's agreement score, round by round, with a sparkline
    Trend {
        /// Only this pair of parties (repeat the option for several)
        #[arg(long = "pair", value_name = "A,B")]
        pairs: Vec<String>,
        #[command(flatten)]
        scoring: Scoring,
    },
    /// One self-contained HTML page: positions, heat maps, deal zones, trend, changes
    Report {
        #[command(flatten)]
        round: RoundArg,
        /// Show what changed from this round to --round (the same round for none)
        #[arg(long, default_value = "first", value_name = "ROUND", add = crate::cli::complete::rounds())]
        from: String,
        #[command(flatten)]
        scoring: Scoring,
        /// A folder of saved copies of the sources, as for `check --sources`:
        /// mark each quote verified, not found in its source's saved copy,
        /// or not verified (no saved copy)
        #[arg(long, value_name = "DIR")]
        sources: Option<PathBuf>,
    },
    /// Validate the data: every problem, with file:line:column
    Check {
        /// Exit 1 on warnings too
        #[arg(long)]
        deny_warnings: bool,
        /// A folder of saved copies of the sources: verify every quote against
        /// them. A copy is known by its text's fingerprint (the source's
        /// `fingerprint`), or else by its name (`SOURCE-ID.txt`)
        #[arg(long, value_name = "DIR")]
        sources: Option<PathBuf>,
        /// Check again on every save of a file in the data folder, until Ctrl-C
        #[arg(long)]
        watch: bool,
    },
    /// Scaffold a new talks folder or round file (never overwrites a file)
    New {
        #[command(subcommand)]
        what: NewWhat,
    },
    /// Print the JSON Schema of talks.toml or of a round file, for editors
    ///
    /// Editors using Taplo (VS Code's Even Better TOML, Helix, Zed) read a
    /// first line such as `#:schema ../../schema/talks.schema.json` and then
    /// complete and validate as one types.
    Schema {
        /// Which kind of file
        #[arg(value_enum)]
        kind: crate::data::schema::Kind,
    },
    /// Print the script that registers shell completions (ids come from the data)
    Completions {
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the manual page (roff): `redlines man > redlines.1`
    Man,
}

#[derive(Debug, Subcommand)]
pub enum NewWhat {
    /// A talks folder in the data folder: ID/talks.toml, commented, and ID/rounds/
    Talks {
        /// The talks id and folder name: lowercase letters, digits and hyphens
        id: String,
    },
    /// A round file, with the positions in force before it as a starting point
    ///
    /// Writes rounds/ID.toml of the talks (--talks, where the data folder holds
    /// several). Every party's position on every issue is written commented out,
    /// filled in where one is in force: uncomment those stated in the new round.
    Round {
        /// The round id and file name, by convention the date then a word:
        /// 2024-06-01-geneva
        id: String,
        /// The day of the round [default: the date the id starts with]
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// Carry the positions in force as of this round [default: the latest
        /// round up to --date]
        #[arg(long, value_name = "ROUND", add = crate::cli::complete::rounds())]
        from: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MatrixBy {
    /// Party × party: counts of each relation and an agreement score
    Pair,
    /// Issue × party pair: each relation, and the issue's deal zone
    Issue,
}

/// A count of things to show, refused at 0: a view that shows none of what
/// it found would say that there was nothing to find.
fn at_least_one(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => Err("N is how many to show, 1 or more".into()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListWhat {
    Talks,
    Rounds,
    Parties,
    Issues,
}

#[derive(Debug, Args)]
pub struct RoundArg {
    /// As of this round: an id, a unique part of one, a date (with no round that
    /// day, the latest before it), `first` or `latest`
    #[arg(long, short, default_value = "latest", value_name = "ROUND", add = crate::cli::complete::rounds())]
    pub round: String,
}

/// Whose agreement is scored.
#[derive(Debug, Args)]
pub struct Scoring {
    /// Count mediators and observers too (`role` in talks.toml) as parties
    /// with a stake of their own: scored, and paired; left out by default
    #[arg(long)]
    pub with_mediators: bool,
}

#[derive(Debug, Args)]
pub struct Filter {
    /// Only these parties (repeat the option for several)
    #[arg(long = "party", short = 'p', value_name = "PARTY", add = crate::cli::complete::parties())]
    pub parties: Vec<String>,
    /// Only these issues (repeat the option for several)
    #[arg(long = "issue", short = 'i', value_name = "ISSUE", add = crate::cli::complete::issues())]
    pub issues: Vec<String>,
}

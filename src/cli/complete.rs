//! Completion of round, party, issue and talks ids from the data, for the
//! dynamic shell completions (`COMPLETE=$SHELL redlines`, which the scripts
//! of `redlines completions` call at every Tab).
//!
//! A completer gets only the word being typed from clap, but it runs in the
//! completion process, whose own arguments are the words being completed:
//! the data is found from a `--data` or `--talks` on that line, else the
//! environment, exactly as the command itself would find it.

use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};

use crate::data;
use crate::data::check::is_valid_id;
use crate::data::load::DataDir;
use crate::data::talks::Talks;

pub fn rounds() -> ArgValueCompleter {
    from_talks(|talks| {
        let mut c: Vec<CompletionCandidate> = talks
            .rounds
            .iter()
            .map(|r| candidate(&r.id, format!("{} {}", r.date, r.title)))
            .collect();
        c.push(candidate("first", "the first round".into()));
        c.push(candidate("latest", "the latest round".into()));
        c
    })
}

pub fn parties() -> ArgValueCompleter {
    from_talks(|talks| {
        let c = talks.parties.iter();
        c.map(|p| candidate(&p.id, p.name.clone())).collect()
    })
}

pub fn issues() -> ArgValueCompleter {
    from_talks(|talks| {
        let c = talks.issues.iter();
        c.map(|i| candidate(&i.id, i.title.clone())).collect()
    })
}

/// `--assume`: `PARTY.ISSUE=` for every party and issue; once that is
/// typed, each outcome of the issue after it (`=`, `+=`), or the red-line
/// words after `:`.
pub fn assumptions() -> ArgValueCompleter {
    ArgValueCompleter::new(|current: &OsStr| {
        let Some(talks) = talks_on_the_line() else {
            return Vec::new();
        };
        let typed = current.to_string_lossy().into_owned();
        let split = typed
            .find("+=")
            .map(|k| (k, 2))
            .or_else(|| typed.find('=').map(|k| (k, 1)))
            .or_else(|| typed.rfind(':').map(|k| (k, 1)));
        let all: Vec<CompletionCandidate> = match split {
            None => talks
                .parties
                .iter()
                .flat_map(|p| {
                    talks
                        .issues
                        .iter()
                        .map(move |i| candidate(&format!("{}.{}=", p.id, i.id), i.title.clone()))
                })
                .collect(),
            Some((k, len)) => {
                let (target, op) = (&typed[..k], &typed[k..k + len]);
                let issue = target
                    .split_once('.')
                    .and_then(|(_, i)| talks.issues.iter().find(|x| x.id == i));
                match (op, issue) {
                    (":", Some(_)) => ["red-line", "no-red-line"]
                        .iter()
                        .map(|w| CompletionCandidate::new(format!("{target}:{w}")))
                        .collect(),
                    (_, Some(issue)) => issue
                        .scale
                        .iter()
                        .map(|o| candidate(&format!("{target}{op}{}", o.id), o.label.clone()))
                        .collect(),
                    (_, None) => Vec::new(),
                }
            }
        };
        matching(current, all)
    })
}

/// A completer offering what `ids` finds in the talks on the line.
fn from_talks(ids: fn(&Talks) -> Vec<CompletionCandidate>) -> ArgValueCompleter {
    ArgValueCompleter::new(move |current: &OsStr| match talks_on_the_line() {
        Some(talks) => matching(current, ids(&talks)),
        None => Vec::new(),
    })
}

pub fn talks() -> ArgValueCompleter {
    ArgValueCompleter::new(|current: &OsStr| {
        let (data, _) = on_the_line(std::env::args_os());
        let ids = DataDir::locate(data).talks_ids().unwrap_or_default();
        matching(current, valid(ids))
    })
}

/// The talks ids to offer: only valid ids, lowercase letters, digits and
/// hyphens, which a shell takes as they are. A folder named otherwise
/// (`x$(touch PWNED)`) is not a talks `--talks` can open; `redlines check`
/// says so, and completion never puts its name on a command line.
fn valid(ids: Vec<String>) -> Vec<CompletionCandidate> {
    ids.into_iter()
        .filter(|id| is_valid_id(id) && !id.starts_with('-'))
        .map(CompletionCandidate::new)
        .collect()
}

/// The candidates that start with what was typed, else those that contain
/// it: `--round gen` names the Geneva round on the command line, so it
/// completes to it too (where the shell accepts a completion that is not an
/// extension of the word, as bash and fish do).
fn matching(current: &OsStr, all: Vec<CompletionCandidate>) -> Vec<CompletionCandidate> {
    let typed = current.to_string_lossy();
    let value = |c: &CompletionCandidate| c.get_value().to_string_lossy().into_owned();
    let (prefixed, rest): (Vec<_>, Vec<_>) =
        all.into_iter().partition(|c| value(c).starts_with(&*typed));
    if !prefixed.is_empty() {
        return prefixed;
    }
    rest.into_iter()
        .filter(|c| value(c).contains(&*typed))
        .collect()
}

fn candidate(value: &str, help: String) -> CompletionCandidate {
    CompletionCandidate::new(value).help(Some(help.into()))
}

/// The talks the command being completed would read; `None` on any problem
/// (a completion has nowhere to report one).
fn talks_on_the_line() -> Option<Talks> {
    let (data, talks) = on_the_line(std::env::args_os());
    let dir = DataDir::locate(data);
    let id = data::choose(&dir, talks.as_deref()).ok()?;
    data::open(&dir, &id).ok()
}

/// `--data` and `--talks` as given in `args`, else as set in the environment.
fn on_the_line(args: impl IntoIterator<Item = OsString>) -> (Option<PathBuf>, Option<String>) {
    let args: Vec<String> = args
        .into_iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let value = |name: &str| {
        let eq = format!("{name}=");
        args.iter().enumerate().rev().find_map(|(i, a)| {
            if a == name {
                args.get(i + 1).cloned()
            } else {
                a.strip_prefix(&eq).map(str::to_string)
            }
        })
    };
    let env = |var: &str| std::env::var(var).ok().filter(|v| !v.is_empty());
    (
        value("--data")
            .or_else(|| env("REDLINES_DATA"))
            .map(PathBuf::from),
        value("--talks").or_else(|| env("REDLINES_TALKS")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_and_talks_are_read_from_the_words_being_completed() {
        let words = |s: &str| s.split(' ').map(OsString::from).collect::<Vec<_>>();
        let (data, talks) = on_the_line(words(
            "redlines -- redlines --data x/y --talks=harbour show ",
        ));
        assert_eq!(data, Some(PathBuf::from("x/y")));
        assert_eq!(talks.as_deref(), Some("harbour"));
        let (data, _) = on_the_line(words("redlines -- redlines --data=a show --data b "));
        assert_eq!(
            data,
            Some(PathBuf::from("b")),
            "the last one wins, as in clap"
        );
    }
}

//! Naming things on the command line: rounds by id, part of an id, date,
//! `first` or `latest`; parties and issues by id or a unique part of one.

use crate::data::diag::did_you_mean;
use crate::data::talks::{Date, Talks};
use crate::error::{Error, Result};

/// The index of the round `spec` names.
pub fn round(talks: &Talks, spec: &str) -> Result<usize> {
    let rounds = &talks.rounds;
    let list = || {
        rounds
            .iter()
            .map(|r| format!("  {}  {}", r.id, r.title))
            .collect::<Vec<_>>()
            .join("\n")
    };
    if rounds.is_empty() {
        return Err(Error::Usage(format!(
            "the talks `{}` has no rounds yet",
            talks.id
        )));
    }
    match spec {
        "first" => return Ok(0),
        // The latest of the record: a scenario (`--assume`) is named `assumed`.
        "latest" | "last" => {
            return Ok(rounds
                .iter()
                .rposition(|r| r.assumed.is_empty())
                .unwrap_or(rounds.len() - 1));
        }
        _ => {}
    }
    if let Some(i) = rounds.iter().position(|r| r.id == spec) {
        return Ok(i);
    }
    let matches: Vec<usize> = match Date::parse(spec) {
        // A round over several days is named by any of them.
        // A scenario (`assumed`, dated as its round) is named by its id only.
        Some(d) => {
            let held: Vec<usize> = (0..rounds.len())
                .filter(|&i| {
                    rounds[i].assumed.is_empty()
                        && rounds[i].date <= d
                        && d <= rounds[i].end.unwrap_or(rounds[i].date)
                })
                .collect();
            if held.is_empty() {
                return latest_by(talks, d);
            }
            // A round that ends the day the next begins: that day is the next's.
            let begun: Vec<usize> = held
                .iter()
                .copied()
                .filter(|&i| rounds[i].date == d)
                .collect();
            if begun.len() == 1 { begun } else { held }
        }
        None => (0..rounds.len())
            .filter(|&i| rounds[i].id.contains(spec))
            .collect(),
    };
    match matches.as_slice() {
        [i] => Ok(*i),
        [] => Err(Error::Usage(format!(
            "unknown round `{spec}`{}; the rounds of `{}` are:\n{}\n(or `first`, `latest`, a date)",
            did_you_mean(spec, rounds.iter().map(|r| r.id.as_str()))
                .map(|s| format!(" ({s})"))
                .unwrap_or_default(),
            talks.id,
            list()
        ))),
        many => Err(Error::Usage(format!(
            "`{spec}` names {} rounds: {}; give more of the id",
            many.len(),
            many.iter()
                .map(|&i| rounds[i].id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// As of a day on which no round was held: the latest round of the record
/// held before it (see [`as_of_note`]); none before the first.
fn latest_by(talks: &Talks, d: Date) -> Result<usize> {
    let rounds = &talks.rounds;
    rounds
        .iter()
        .rposition(|r| r.assumed.is_empty() && r.date <= d)
        .ok_or_else(|| {
            Error::Usage(format!(
                "no round of `{}` was held by {d}: the first, {}, was held on {}",
                talks.id, rounds[0].id, rounds[0].date
            ))
        })
}

/// What a date named on the command line stands for, where no round was
/// held that day and [`round`] took the latest before it (`r`): said, so
/// that no one reads the view as of that day's round.
pub fn as_of_note(talks: &Talks, spec: &str, r: usize) -> Option<String> {
    let d = Date::parse(spec)?;
    let round = &talks.rounds[r];
    (d > round.end.unwrap_or(round.date)).then(|| {
        // Its date, unless its id says it.
        let held = Some(format!(" (held {})", round.date))
            .filter(|_| !round.id.starts_with(&round.date.to_string()))
            .unwrap_or_default();
        format!(
            "note: as of {d}, the latest round by then: {}{held}",
            round.id
        )
    })
}

/// Resolve an id, or a unique part of one, among `ids`.
fn by_id<'a>(
    what: &str,
    whats: &str,
    talks: &Talks,
    ids: impl Iterator<Item = &'a str> + Clone,
    spec: &str,
) -> Result<usize> {
    if let Some(i) = ids.clone().position(|id| id == spec) {
        return Ok(i);
    }
    let matches: Vec<usize> = ids
        .clone()
        .enumerate()
        .filter(|(_, id)| id.contains(spec))
        .map(|(i, _)| i)
        .collect();
    match matches.as_slice() {
        [i] => Ok(*i),
        [] if ids.clone().next().is_none() => Err(Error::Usage(format!(
            "unknown {what} `{spec}`: the talks `{}` has no {whats} yet",
            talks.id
        ))),
        [] => Err(Error::Usage(format!(
            "unknown {what} `{spec}`{}; the {whats} of `{}` are: {}",
            did_you_mean(spec, ids.clone())
                .map(|s| format!(" ({s})"))
                .unwrap_or_default(),
            talks.id,
            ids.collect::<Vec<_>>().join(", ")
        ))),
        many => {
            let all: Vec<&str> = ids.collect();
            Err(Error::Usage(format!(
                "`{spec}` names {} {whats}: {}; give more of the id",
                many.len(),
                many.iter().map(|&i| all[i]).collect::<Vec<_>>().join(", ")
            )))
        }
    }
}

pub fn party(talks: &Talks, spec: &str) -> Result<usize> {
    by_id(
        "party",
        "parties",
        talks,
        talks.parties.iter().map(|p| p.id.as_str()),
        spec,
    )
}

pub fn issue(talks: &Talks, spec: &str) -> Result<usize> {
    by_id(
        "issue",
        "issues",
        talks,
        talks.issues.iter().map(|i| i.id.as_str()),
        spec,
    )
}

/// Past this many parties a talks is too big to show every party: views
/// then show those that state a position in some round, and a view of
/// every pair asks for parties to be named past this many with positions.
pub const MANY_PARTIES: usize = 500;

/// Every party of the talks, in order; past [`MANY_PARTIES`], only those
/// that state a position in some round (a party that never did would be a
/// column of unknowns).
pub fn every_party(talks: &Talks) -> Vec<usize> {
    let n = talks.parties.len();
    if n <= MANY_PARTIES {
        return (0..n).collect();
    }
    let mut stated = vec![false; n];
    for p in talks.rounds.iter().flat_map(|r| &r.positions) {
        stated[p.party] = true;
    }
    (0..n).filter(|&p| stated[p]).collect()
}

/// What [`every_party`] left out of `chosen`, said once: `None` where it
/// leaves out no one, or the parties were `named`.
pub fn left_out_note(talks: &Talks, named: bool, chosen: usize) -> Option<String> {
    let n = talks.parties.len();
    (!named && chosen < n && n > MANY_PARTIES).then(|| {
        format!(
            "note: {} of the {n} parties of `{}` state no position in any round and are left out (where a command takes --party, naming one shows it)",
            n - chosen,
            talks.id
        )
    })
}

/// The parties named (all, in order, when none is; see [`every_party`]).
pub fn parties(talks: &Talks, specs: &[String]) -> Result<Vec<usize>> {
    if specs.is_empty() {
        return Ok(every_party(talks));
    }
    all_or_named(talks.parties.len(), specs, |s| party(talks, s))
}

/// Refuse a view of every pair of more than [`MANY_PARTIES`] parties: it
/// would hold their number squared.
/// `hint` says how to ask for less.
pub fn pairwise(talks: &Talks, parties: &[usize], what: &str, hint: &str) -> Result<()> {
    let n = parties.len();
    if n <= MANY_PARTIES {
        return Ok(());
    }
    Err(Error::Usage(format!(
        "{n} parties of `{}` state positions: {what} of every pair would hold {} pairs, more than a page or a terminal can show; {hint}",
        talks.id,
        n * (n - 1) / 2
    )))
}

/// Of `parties`, those whose agreement is scored: a mediator's or an
/// observer's is not, unless `all` (they are asked for).
pub fn scored(talks: &Talks, parties: &[usize], all: bool) -> Vec<usize> {
    scored_and_not(talks, parties, all).0
}

/// [`scored`], and the rest of `parties`: those left out of the score.
pub fn scored_and_not(talks: &Talks, parties: &[usize], all: bool) -> (Vec<usize>, Vec<usize>) {
    parties
        .iter()
        .partition(|&&p| all || talks.parties[p].role.has_stake())
}

/// What to ask for instead of every pair, where parties can be named.
pub fn name_parties() -> String {
    format!("name at most {MANY_PARTIES} with --party (one each)")
}

/// The issues named (all, in order, when none is).
pub fn issues(talks: &Talks, specs: &[String]) -> Result<Vec<usize>> {
    all_or_named(talks.issues.len(), specs, |s| issue(talks, s))
}

fn all_or_named(
    n: usize,
    specs: &[String],
    one: impl Fn(&str) -> Result<usize>,
) -> Result<Vec<usize>> {
    if specs.is_empty() {
        return Ok((0..n).collect());
    }
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for s in specs {
        let ix = one(s)?;
        if seen.insert(ix) {
            out.push(ix);
        }
    }
    Ok(out)
}

//! What if: hypothetical positions laid over the state as of a round, for a
//! teacher's exercise or an analyst's scenario. The assumptions become a
//! round of their own, `assumed`, placed right after the round they start
//! from, so that every command reads them as it reads the record — and every
//! position they set is marked `assumed`, so that no reader takes a
//! scenario for the record.
//!
//! An assumption, as `--assume` takes it:
//!
//! - `PARTY.ISSUE=OUTCOME`: the party demands OUTCOME and accepts it alone
//!   (a red line it held stays one);
//! - `PARTY.ISSUE+=OUTCOME[,OUTCOME…]`: it also accepts these;
//! - `PARTY.ISSUE:no-red-line` or `PARTY.ISSUE:red-line`: it drops, or takes
//!   up, a red line.
//!
//! Pure: no I/O.

use crate::core::select;
use crate::core::state::State;
use crate::data::talks::{Outcomes, Position, Round, Talks};
use crate::error::{Error, Result};

/// The id of the round that holds the assumptions.
pub const ROUND_ID: &str = "assumed";

/// One hypothetical change to one party's position on one issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assumption {
    pub party: usize,
    pub issue: usize,
    pub change: Assumed,
    /// As the user wrote it.
    pub spec: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Assumed {
    Demands(usize),
    AlsoAccepts(Outcomes),
    RedLine(bool),
}

fn usage(spec: &str, why: &str) -> Error {
    Error::Usage(format!(
        "--assume `{spec}`: {why}; write PARTY.ISSUE=OUTCOME (demands it), PARTY.ISSUE+=OUTCOME[,OUTCOME…] (also accepts them), or PARTY.ISSUE:no-red-line (or :red-line)"
    ))
}

/// An assumption as written on the command line, its party, issue and
/// outcomes named as everywhere else (an id, or a unique part of one).
pub fn parse(talks: &Talks, spec: &str) -> Result<Assumption> {
    let (target, change) = if let Some((t, o)) = spec.split_once("+=") {
        (t, ("+=", o))
    } else if let Some((t, o)) = spec.split_once('=') {
        (t, ("=", o))
    } else if let Some((t, o)) = spec.rsplit_once(':') {
        (t, (":", o))
    } else {
        return Err(usage(spec, "no `=`, `+=` or `:`"));
    };
    let (party, issue) = target
        .split_once('.')
        .ok_or_else(|| usage(spec, "no `.` between the party and the issue"))?;
    // Errors in naming say which assumption they are about.
    let within = |e: Error| match e {
        Error::Usage(m) => Error::Usage(format!("--assume `{spec}`: {m}")),
        e => e,
    };
    let party = select::party(talks, party.trim()).map_err(within)?;
    let issue = select::issue(talks, issue.trim()).map_err(within)?;
    let scale = &talks.issues[issue].scale;
    // An outcome by its id, or a unique part of one, as everywhere else.
    let outcome = |o: &str| -> Result<usize> {
        let o = o.trim();
        let ids: Vec<&str> = scale.iter().map(|x| x.id.as_str()).collect();
        let exact = ids.iter().position(|&x| x == o);
        let parts: Vec<usize> = (0..ids.len())
            .filter(|&k| !o.is_empty() && ids[k].contains(o))
            .collect();
        let found = exact.or(match parts.as_slice() {
            [one] => Some(*one),
            _ => None,
        });
        found.filter(|&ix| ix < Outcomes::MAX).ok_or_else(|| {
            usage(
                spec,
                &format!(
                    "`{o}` names {} of `{}` (its scale: {})",
                    if parts.len() > 1 {
                        "several outcomes"
                    } else {
                        "no outcome"
                    },
                    talks.issues[issue].id,
                    ids.join(", ")
                ),
            )
        })
    };
    let change = match change {
        ("=", o) => Assumed::Demands(outcome(o)?),
        ("+=", list) => {
            let mut set = Outcomes::default();
            for o in list.split(',') {
                set.insert(outcome(o)?);
            }
            Assumed::AlsoAccepts(set)
        }
        (_, "no-red-line") => Assumed::RedLine(false),
        (_, "red-line") => Assumed::RedLine(true),
        (_, other) => {
            return Err(usage(
                spec,
                &format!("`:{other}`: after `:` comes `no-red-line` or `red-line`"),
            ));
        }
    };
    // Said back in ids, as the banner and the marks show it.
    let scale_id = |o: usize| scale[o].id.as_str();
    let target = format!("{}.{}", talks.parties[party].id, talks.issues[issue].id);
    let spec = match &change {
        Assumed::Demands(o) => format!("{target}={}", scale_id(*o)),
        Assumed::AlsoAccepts(set) => format!(
            "{target}+={}",
            set.iter().map(scale_id).collect::<Vec<_>>().join(",")
        ),
        Assumed::RedLine(true) => format!("{target}:red-line"),
        Assumed::RedLine(false) => format!("{target}:no-red-line"),
    };
    Ok(Assumption {
        party,
        issue,
        change,
        spec,
    })
}

/// The talks with the assumptions as a round of their own, `assumed`,
/// right after round `base`, and that round's index. Each assumed position
/// starts from the one in force as of `base`.
pub fn assume(talks: &Talks, base: usize, assumptions: &[Assumption]) -> Result<(Talks, usize)> {
    let state = State::as_of(talks, base);
    let mut positions: Vec<Position> = Vec::new();
    for a in assumptions {
        let held = positions
            .iter()
            .position(|p| p.party == a.party && p.issue == a.issue);
        let mut p = match held {
            Some(k) => positions.remove(k),
            None => match state.get(a.party, a.issue) {
                Some(s) => s.position.clone(),
                None => Position::none(a.party, a.issue),
            },
        };
        match &a.change {
            Assumed::Demands(o) => {
                p.stance = Some(*o);
                p.accepts = Outcomes::one(*o);
                // It accepts that alone: no condition of the record opens more.
                p.conditions.clear();
            }
            Assumed::AlsoAccepts(set) => {
                if p.stance.is_none() {
                    return Err(Error::Usage(format!(
                        "--assume `{}`: `{}` holds no position on `{}` as of {} to widen; give it one with {}.{}=OUTCOME first",
                        a.spec,
                        talks.parties[a.party].id,
                        talks.issues[a.issue].id,
                        talks.rounds[base].id,
                        talks.parties[a.party].id,
                        talks.issues[a.issue].id,
                    )));
                }
                p.accepts = Outcomes(p.accepts.0 | set.0);
            }
            Assumed::RedLine(on) => {
                if p.stance.is_none() {
                    return Err(Error::Usage(format!(
                        "--assume `{}`: `{}` holds no position on `{}` as of {}",
                        a.spec,
                        talks.parties[a.party].id,
                        talks.issues[a.issue].id,
                        talks.rounds[base].id,
                    )));
                }
                p.red_line = *on;
            }
        }
        p.assumed = true;
        p.summary = format!("Assumed: {}", a.spec);
        p.quote = None;
        p.speaker = None;
        p.source = None;
        p.date = None;
        p.evidence = None;
        p.note = Some("A scenario, not the record: set with --assume".into());
        positions.push(p);
    }
    positions.sort_by_key(|p| (p.party, p.issue));
    let at = &talks.rounds[base];
    // Each assumption said once, however often it was given.
    let mut said = std::collections::HashSet::new();
    let specs: Vec<String> = assumptions
        .iter()
        .filter(|a| said.insert(a.spec.as_str()))
        .map(|a| a.spec.clone())
        .collect();
    let mut round = Round::new(
        ROUND_ID.to_string(),
        at.date,
        format!("Assumed: {}", specs.join(", ")),
        positions,
    );
    round.format = Some("a scenario, not the record".into());
    round.assumed = specs;
    let mut out = talks.clone();
    out.rounds.insert(base + 1, round);
    Ok((out, base + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::compare::{deal_zone, relation};
    use crate::testing::{stance, talks};

    fn two() -> Talks {
        // Party 0 demands outcome 0, party 1 outcome 2, on a scale of 3.
        talks(2, 3, vec![vec![stance(0, Some(0)), stance(1, Some(2))]])
    }

    /// `check` refuses as round ids the words that name a round here.
    #[test]
    fn the_words_that_name_a_round_are_no_round_ids() {
        let t = two();
        for word in ["first", "latest", "last", ROUND_ID] {
            assert!(
                crate::data::check::ROUND_KEYWORDS
                    .iter()
                    .any(|(k, _)| *k == word),
                "{word}"
            );
            if word != ROUND_ID {
                assert!(select::round(&t, word).is_ok(), "{word}");
            }
        }
    }

    #[test]
    fn assumptions_are_parsed_as_written_and_refused_when_wrong() {
        let t = two();
        let id = |p: usize| t.parties[p].id.clone();
        let spec = format!("{}.{}=o1", id(0), t.issues[0].id);
        let a = parse(&t, &spec).unwrap();
        assert_eq!((a.party, a.issue, a.change), (0, 0, Assumed::Demands(1)));
        let a = parse(&t, &format!("{}.{}+=o1,o2", id(1), t.issues[0].id)).unwrap();
        assert_eq!(a.change, Assumed::AlsoAccepts(Outcomes(0b110)));
        let a = parse(&t, &format!("{}.{}:no-red-line", id(1), t.issues[0].id)).unwrap();
        assert_eq!(a.change, Assumed::RedLine(false));
        for bad in ["nothing", "p0=o1", "p0.i0=o9", "p0.i0:maybe"] {
            assert!(parse(&t, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_partys_own_stance_assumed_changes_nothing_but_the_mark() {
        let t = two();
        let a = parse(&t, &format!("{}.{}=o0", t.parties[0].id, t.issues[0].id)).unwrap();
        let (s, r) = assume(&t, 0, &[a]).unwrap();
        let (before, after) = (State::as_of(&t, 0), State::as_of(&s, r));
        fn pos<'t>(st: &State<'t>, p: usize) -> Option<&'t Position> {
            st.get(p, 0).map(|x| x.position)
        }
        assert_eq!(
            relation(pos(&before, 0), pos(&before, 1)),
            relation(pos(&after, 0), pos(&after, 1))
        );
        assert_eq!(deal_zone(&before, 0), deal_zone(&after, 0));
        assert!(pos(&after, 0).unwrap().assumed);
        assert_eq!(s.rounds[r].id, ROUND_ID);
    }

    #[test]
    fn widening_both_sides_opens_a_deal_zone() {
        let t = two();
        let a = parse(&t, &format!("{}.{}+=o1", t.parties[0].id, t.issues[0].id)).unwrap();
        let b = parse(&t, &format!("{}.{}+=o1", t.parties[1].id, t.issues[0].id)).unwrap();
        let (s, r) = assume(&t, 0, &[a, b]).unwrap();
        assert_eq!(deal_zone(&State::as_of(&s, r), 0), Some(Outcomes(0b010)));
    }

    #[test]
    fn an_assumption_given_again_is_said_once() {
        let t = two();
        let spec = format!("{}.{}+=o1", t.parties[0].id, t.issues[0].id);
        let a = parse(&t, &spec).unwrap();
        let (s, r) = assume(&t, 0, &vec![a; 1000]).unwrap();
        assert_eq!(s.rounds[r].assumed, vec![spec]);
    }
}

//! Linkage: what becomes acceptable when other issues are settled a given
//! way. Conditional acceptance widens what a party accepts on one issue,
//! only if other issues settle within given outcomes; a linkage ties issues
//! so that none settles alone; a proposal settles several at once.
//!
//! Relations and agreement scores stay those of the unconditional positions
//! ([`crate::core::compare`]); everything here is shown beside them.
//!
//! Pure: no I/O, no formatting.

use crate::core::state::State;
use crate::data::talks::{Condition, Outcomes, Position, Proposal};

/// Outcomes settled so far, by issue: `settled[i]` is issue `i`'s outcome.
pub type Settlement = [Option<usize>];

/// Whether `pos` accepts outcome `o` on its issue, given what is settled:
/// unconditionally, or under a condition every issue of which is settled
/// within its outcomes.
pub fn accepts(pos: &Position, o: usize, settled: &Settlement) -> bool {
    pos.accepts.contains(o)
        || pos
            .conditions
            .iter()
            .any(|c| c.accepts.contains(o) && holds(c, settled))
}

/// Every issue of the condition is settled, within its outcomes.
pub fn holds(c: &Condition, settled: &Settlement) -> bool {
    c.only_if.iter().all(|&(j, set)| {
        settled
            .get(j)
            .copied()
            .flatten()
            .is_some_and(|x| set.contains(x))
    })
}

/// A condition not yet falsified by a partial settlement: every issue it
/// names is unsettled, or settled within its outcomes.
fn may_hold(c: &Condition, settled: &Settlement) -> bool {
    c.only_if
        .iter()
        .all(|&(j, set)| match settled.get(j).copied().flatten() {
            None => true,
            Some(x) => set.contains(x),
        })
}

/// Everything `pos` could accept on its issue if other issues settled the
/// right way: its accepts and every condition's.
pub fn reachable(pos: &Position) -> Outcomes {
    pos.conditions
        .iter()
        .fold(pos.accepts, |acc, c| Outcomes(acc.0 | c.accepts.0))
}

/// One party's stand on one outcome of an issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stand {
    /// Accepted unconditionally.
    Accepts,
    /// Accepted only if other issues settle a given way: one requirement
    /// per condition that would do, each `(issue, outcomes)`.
    OnlyIf {
        alternatives: Vec<Vec<(usize, Outcomes)>>,
    },
    /// Not accepted; `red_line` when the party holds the issue as one.
    Refuses { red_line: bool },
}

/// The stand of every party with a position on `issue` on outcome `o`.
pub fn stands(state: &State<'_>, issue: usize, o: usize) -> Vec<(usize, Stand)> {
    (0..state.talks().parties.len())
        .filter_map(|p| {
            let pos = state.get(p, issue)?.position;
            let stand = if pos.accepts.contains(o) {
                Stand::Accepts
            } else {
                let alternatives: Vec<Vec<(usize, Outcomes)>> = pos
                    .conditions
                    .iter()
                    .filter(|c| c.accepts.contains(o))
                    .map(|c| c.only_if.clone())
                    .collect();
                if alternatives.is_empty() {
                    Stand::Refuses {
                        red_line: pos.red_line,
                    }
                } else {
                    Stand::OnlyIf { alternatives }
                }
            };
            Some((p, stand))
        })
        .collect()
}

/// An outcome of an issue that every party with a position could accept,
/// some only on conditions: what those conditions ask of other issues.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionalOutcome {
    pub outcome: usize,
    /// `(issue, outcomes)`: the other issues must settle within these, the
    /// conditions of every conditional party taken together.
    pub requires: Vec<(usize, Outcomes)>,
    /// The parties that accept it only on conditions.
    pub conditional: Vec<usize>,
    /// Per required issue, the parties with a position there that could not
    /// accept any outcome it requires, even on conditions: `(issue, party,
    /// red line)`. Empty when the requirement is open to everyone.
    pub blocked: Vec<(usize, usize, bool)>,
}

/// What linkage does to one issue: the outcomes that become acceptable to
/// every party on conditions, and, where none does, who refuses the
/// outcomes nearest to a deal.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IssueLinkage {
    /// Outcomes outside the unconditional deal zone that every party with a
    /// position accepts, some on conditions that can hold together.
    pub conditional: Vec<ConditionalOutcome>,
    /// Where no outcome is acceptable to all, even on conditions: the
    /// outcomes refused by the fewest parties, and those parties, each with
    /// whether the issue is a red line for it. Empty otherwise.
    pub nearest: Vec<(usize, Vec<(usize, bool)>)>,
    /// Outcomes refused by no one outright, whose conditions were too many
    /// to weigh together ([`MAX_CHOICES`]): neither in the conditional zone
    /// nor among the nearest.
    pub undecided: Vec<usize>,
}

/// The conditional deal zone of `issue`, and what blocks a deal on it.
/// `None` where fewer than two parties hold a position.
pub fn issue_linkage(state: &State<'_>, issue: usize) -> Option<IssueLinkage> {
    let talks = state.talks();
    let holders = (0..talks.parties.len())
        .filter(|&p| state.get(p, issue).is_some())
        .count();
    if holders < 2 {
        return None;
    }
    let mut out = IssueLinkage::default();
    let mut fewest = usize::MAX;
    // Some outcome every party accepts, on conditions or not: nothing blocks.
    let mut open = false;
    for o in 0..talks.issues[issue].scale.len().min(Outcomes::MAX) {
        let stands = stands(state, issue, o);
        let refusers: Vec<(usize, bool)> = stands
            .iter()
            .filter_map(|(p, s)| match s {
                Stand::Refuses { red_line } => Some((*p, *red_line)),
                _ => None,
            })
            .collect();
        let mut refusers = refusers;
        if refusers.is_empty() {
            let conditional: Vec<usize> = stands
                .iter()
                .filter(|(_, s)| matches!(s, Stand::OnlyIf { .. }))
                .map(|(p, _)| *p)
                .collect();
            if conditional.is_empty() {
                open = true;
                continue; // in the unconditional deal zone
            }
            match joint_requirement(&stands, state) {
                Joint::Holds(requires) => {
                    open = true;
                    let blocked = blocked_on(state, &requires);
                    out.conditional.push(ConditionalOutcome {
                        outcome: o,
                        requires,
                        conditional,
                        blocked,
                    });
                    continue;
                }
                Joint::Undecided => {
                    out.undecided.push(o);
                    continue;
                }
                Joint::Cannot => {}
            }
            // Conditions that cannot hold together: those who set them
            // refuse it as surely as if they had set none.
            refusers = stands
                .iter()
                .filter(|(_, s)| matches!(s, Stand::OnlyIf { .. }))
                .map(|&(p, _)| {
                    let red = state.get(p, issue).is_some_and(|s| s.position.red_line);
                    (p, red)
                })
                .collect();
        }
        if refusers.len() < fewest {
            fewest = refusers.len();
            out.nearest.clear();
        }
        if refusers.len() == fewest {
            out.nearest.push((o, refusers));
        }
    }
    if open {
        out.nearest.clear();
    }
    Some(out)
}

/// Past this many choices tried, the conditions on one outcome are left
/// undecided: choosing one condition per party so that all hold together
/// is a constraint problem that a hostile file can make take forever
/// (26 parties with two conditions each took 7 s, and each party more
/// doubles it).
pub const MAX_CHOICES: u64 = 1 << 18;

pub use crate::core::state::SEARCH_BUDGET;

/// Whether the conditions of every conditional party can hold together.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Joint {
    /// They can: what they require together, issue by issue.
    Holds(Vec<(usize, Outcomes)>),
    Cannot,
    /// More than [`MAX_CHOICES`] choices were tried without an answer, or
    /// the state's [`SEARCH_BUDGET`] ran out.
    Undecided,
}

type Alternatives = Vec<Vec<(usize, Outcomes)>>;

/// The requirement of every conditional party together, choosing for each
/// one of its alternatives: the first choice (in order) whose requirements
/// can hold together, merged issue by issue.
///
/// Parties whose alternatives touch no issue in common are chosen for
/// apart, each group on its own, and a party with the same alternatives as
/// an earlier one is left out (the earlier one's choice does for both): a
/// search over all of them together tried every combination of the
/// independent ones before finding that two others conflict.
fn joint_requirement(stands: &[(usize, Stand)], state: &State<'_>) -> Joint {
    let mut alternatives: Vec<&Alternatives> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (_, s) in stands {
        if let Stand::OnlyIf { alternatives: a } = s
            && seen.insert(a)
        {
            alternatives.push(a);
        }
    }
    // Two parties are in one group when their alternatives require
    // something of one issue (union-find, each group's root its first).
    let mut group: Vec<usize> = (0..alternatives.len()).collect();
    let mut first_on: std::collections::HashMap<usize, usize> = Default::default();
    for (k, alts) in alternatives.iter().enumerate() {
        for &(j, _) in alts.iter().flatten() {
            let other = *first_on.entry(j).or_insert(k);
            let (a, b) = (root(&mut group, k), root(&mut group, other));
            group[a.max(b)] = a.min(b);
        }
    }
    let mut members: Vec<Vec<&Alternatives>> = vec![Vec::new(); alternatives.len()];
    for (k, &alts) in alternatives.iter().enumerate() {
        members[root(&mut group, k)].push(alts);
    }
    let allowed = MAX_CHOICES.min(state.search_left());
    let mut budget = allowed;
    let mut req = Vec::new();
    let mut joint = None;
    for members in members.iter().filter(|m| !m.is_empty()) {
        match choose(members, Vec::new(), &mut budget) {
            Ok(Some(r)) => req.extend(r),
            Ok(None) => {
                joint = Some(Joint::Cannot);
                break;
            }
            Err(Spent) => {
                joint = Some(Joint::Undecided);
                break;
            }
        }
    }
    state.spend_search(allowed - budget);
    joint.unwrap_or_else(|| {
        req.sort_by_key(|&(j, _)| j);
        Joint::Holds(req)
    })
}

/// The root of `k`'s group, paths halved on the way.
fn root(group: &mut [usize], mut k: usize) -> usize {
    while group[k] != k {
        group[k] = group[group[k]];
        k = group[k];
    }
    k
}

/// The budget of choices ran out.
struct Spent;

/// The first choice of one alternative per party in `rest` (in order)
/// whose requirements, with `acc`, hold together; a choice tried costs one
/// of `budget`.
fn choose(
    rest: &[&Alternatives],
    acc: Vec<(usize, Outcomes)>,
    budget: &mut u64,
) -> Result<Option<Vec<(usize, Outcomes)>>, Spent> {
    let Some((first, rest)) = rest.split_first() else {
        return Ok(Some(acc));
    };
    for alt in first.iter() {
        *budget = budget.checked_sub(1).ok_or(Spent)?;
        let mut merged = acc.clone();
        for &(j, set) in alt {
            match merged.iter_mut().find(|(k, _)| *k == j) {
                Some((_, s)) => *s = s.intersect(set),
                None => merged.push((j, set)),
            }
        }
        if merged.iter().any(|(_, s)| s.is_empty()) {
            continue;
        }
        if let Some(found) = choose(rest, merged, budget)? {
            return Ok(Some(found));
        }
    }
    Ok(None)
}

/// For each required issue, the parties that could accept none of the
/// required outcomes there, even on conditions.
fn blocked_on(state: &State<'_>, requires: &[(usize, Outcomes)]) -> Vec<(usize, usize, bool)> {
    let mut out = Vec::new();
    for &(j, set) in requires {
        for p in 0..state.talks().parties.len() {
            if let Some(s) = state.get(p, j)
                && reachable(s.position).intersect(set).is_empty()
            {
                out.push((j, p, s.position.red_line));
            }
        }
    }
    out
}

/// The settlements of a set of issues that every party accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageZone {
    /// The issues, in talks order.
    pub issues: Vec<usize>,
    /// How many settlements every party accepts.
    pub count: u64,
    /// Per issue (in the order of `issues`), the outcomes found in at least
    /// one such settlement.
    pub outcomes: Vec<Outcomes>,
    /// The first few settlements, one outcome per issue.
    pub examples: Vec<Vec<usize>>,
    /// Search nodes visited.
    pub explored: u64,
}

/// The package search gave up: more than `limit` nodes without finishing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge {
    pub limit: u64,
    /// It stopped short of `limit`, the state's [`SEARCH_BUDGET`] spent by
    /// the searches before it.
    pub budget_spent: bool,
}

/// How many settlements a package search lists, at most.
pub const EXAMPLES: usize = 3;

/// Every settlement of `issues` (one outcome each) that every party with a
/// position on them accepts, conditions included: a condition holds when
/// the issues it names are settled within its outcomes in the same
/// settlement; one naming an issue outside the package cannot be known to
/// hold, and counts as not holding. Exact, by backtracking with pruning
/// (an outcome is tried only if every party could still accept it); past
/// `limit` nodes, or what is left of the state's search budget, it stops
/// with [`TooLarge`].
pub fn package_zone(
    state: &State<'_>,
    issues: &[usize],
    limit: u64,
) -> Result<PackageZone, TooLarge> {
    let talks = state.talks();
    let mut issues = issues.to_vec();
    issues.sort_unstable();
    issues.dedup();
    // The positions on each issue of the package.
    let held: Vec<Vec<&Position>> = issues
        .iter()
        .map(|&i| {
            (0..talks.parties.len())
                .filter_map(|p| state.get(p, i).map(|s| s.position))
                .collect()
        })
        .collect();
    // Outcomes worth trying: those every party could reach on some condition.
    let candidates: Vec<Vec<usize>> = issues
        .iter()
        .zip(&held)
        .map(|(&i, positions)| {
            let all = Outcomes(if talks.issues[i].scale.len() >= 64 {
                u64::MAX
            } else {
                (1u64 << talks.issues[i].scale.len()) - 1
            });
            positions
                .iter()
                .fold(all, |acc, p| acc.intersect(reachable(p)))
                .iter()
                .collect()
        })
        .collect();
    let mut search = Search {
        issues: &issues,
        held: &held,
        candidates: &candidates,
        settled: vec![None; talks.issues.len()],
        limit: limit.min(state.search_left()),
        explored: 0,
        zone: PackageZone {
            issues: issues.clone(),
            count: 0,
            outcomes: vec![Outcomes::default(); issues.len()],
            examples: Vec::new(),
            explored: 0,
        },
    };
    let found = search.go(0);
    state.spend_search(search.explored);
    found.map_err(|_| TooLarge {
        limit,
        budget_spent: search.limit < limit,
    })?;
    search.zone.explored = search.explored;
    Ok(search.zone)
}

struct Search<'a> {
    issues: &'a [usize],
    held: &'a [Vec<&'a Position>],
    candidates: &'a [Vec<usize>],
    settled: Vec<Option<usize>>,
    limit: u64,
    explored: u64,
    zone: PackageZone,
}

impl Search<'_> {
    fn go(&mut self, k: usize) -> Result<(), TooLarge> {
        self.explored += 1;
        if self.explored > self.limit {
            return Err(TooLarge {
                limit: self.limit,
                budget_spent: false,
            });
        }
        if k == self.issues.len() {
            // Every issue settled: every condition is now decided.
            let all = self.issues.iter().zip(self.held).all(|(&i, positions)| {
                let o = self.settled[i].expect("settled");
                positions.iter().all(|p| accepts(p, o, &self.settled))
            });
            if all {
                self.zone.count += 1;
                let chosen: Vec<usize> = self
                    .issues
                    .iter()
                    .map(|&i| self.settled[i].expect("settled"))
                    .collect();
                for (set, &o) in self.zone.outcomes.iter_mut().zip(&chosen) {
                    set.insert(o);
                }
                if self.zone.examples.len() < EXAMPLES {
                    self.zone.examples.push(chosen);
                }
            }
            return Ok(());
        }
        let i = self.issues[k];
        for &o in &self.candidates[k] {
            self.settled[i] = Some(o);
            if self.still_possible(k) {
                self.go(k + 1)?;
            }
        }
        self.settled[i] = None;
        Ok(())
    }

    /// Every party on the issues settled so far accepts their outcomes
    /// unconditionally, or under a condition not yet falsified.
    fn still_possible(&self, upto: usize) -> bool {
        self.issues[..=upto]
            .iter()
            .zip(self.held)
            .all(|(&i, positions)| {
                let o = self.settled[i].expect("settled");
                positions.iter().all(|p| {
                    p.accepts.contains(o)
                        || p.conditions.iter().any(|c| {
                            c.accepts.contains(o)
                                && c.only_if.iter().all(|(j, _)| self.issues.contains(j))
                                && may_hold(c, &self.settled)
                        })
                })
            })
    }
}

/// One party's answer to a proposal.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Verdict {
    pub party: usize,
    /// Issues whose terms it accepts unconditionally.
    pub accepted: Vec<usize>,
    /// Issues whose terms it accepts because the proposal's other terms
    /// meet its conditions.
    pub on_conditions: Vec<usize>,
    /// Issues whose terms it accepts not at all: `(issue, red line)`.
    pub rejected: Vec<(usize, bool)>,
    /// Issues of the proposal on which it holds no position.
    pub silent: Vec<usize>,
}

impl Verdict {
    /// It accepts every term on which it holds a position, and holds one on
    /// some term.
    pub fn accepts_whole(&self) -> bool {
        self.rejected.is_empty() && !(self.accepted.is_empty() && self.on_conditions.is_empty())
    }

    /// It rejects a term on an issue that is a red line for it.
    pub fn crosses_red_line(&self) -> bool {
        self.rejected.iter().any(|&(_, red)| red)
    }
}

/// Every party's answer to `proposal`, as of `state`: a term is accepted
/// when the party accepts some outcome it allows, unconditionally or under a
/// condition that every outcome the proposal allows on the issues named
/// meets.
pub fn evaluate(state: &State<'_>, proposal: &Proposal) -> Vec<Verdict> {
    let talks = state.talks();
    let term_of = |j: usize| proposal.terms.iter().find(|t| t.issue == j);
    let met = |c: &Condition| {
        c.only_if.iter().all(|&(j, set)| {
            term_of(j).is_some_and(|t| !t.outcomes.is_empty() && t.outcomes.minus(set).is_empty())
        })
    };
    (0..talks.parties.len())
        .map(|p| {
            let mut v = Verdict {
                party: p,
                ..Verdict::default()
            };
            for t in &proposal.terms {
                let Some(s) = state.get(p, t.issue) else {
                    v.silent.push(t.issue);
                    continue;
                };
                let pos = s.position;
                if !pos.accepts.intersect(t.outcomes).is_empty() {
                    v.accepted.push(t.issue);
                } else if pos
                    .conditions
                    .iter()
                    .any(|c| !c.accepts.intersect(t.outcomes).is_empty() && met(c))
                {
                    v.on_conditions.push(t.issue);
                } else {
                    v.rejected.push((t.issue, pos.red_line));
                }
            }
            v
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::talks::{Condition, Outcomes, Said, Talks};
    use crate::testing::{stance, talks};
    use proptest::prelude::*;

    const OUTCOMES: usize = 3;

    /// A position of `party` on `issue`: `accepts` as a bit mask (the stance
    /// its lowest outcome), with `conditions` as (accepts mask, issue, mask).
    fn position(
        party: usize,
        issue: usize,
        accepts: u64,
        conditions: &[(u64, usize, u64)],
    ) -> crate::data::talks::Position {
        let mut p = stance(party, Some(accepts.trailing_zeros() as usize));
        p.issue = issue;
        p.accepts = Outcomes(accepts);
        p.conditions = conditions
            .iter()
            .filter(|&&(_, j, _)| j != issue)
            .map(|&(a, j, set)| Condition {
                accepts: Outcomes(a),
                only_if: vec![(j, Outcomes(set))],
                summary: None,
                said: Said::default(),
            })
            .collect();
        p
    }

    /// A talks of `parties` parties on `issues` issues of three outcomes,
    /// with one round holding `positions`.
    fn multi(parties: usize, issues: usize, positions: Vec<crate::data::talks::Position>) -> Talks {
        let mut t = talks(parties, OUTCOMES, vec![positions]);
        let issue = t.issues[0].clone();
        t.issues = (0..issues)
            .map(|k| {
                let mut i = issue.clone();
                i.id = format!("i{k}");
                i
            })
            .collect();
        t.rounds[0].positions.sort_by_key(|p| (p.party, p.issue));
        t
    }

    /// Every settlement accepted by everyone, by brute force.
    fn brute(state: &State<'_>, issues: &[usize]) -> u64 {
        let n = state.talks().issues.len();
        let mut count = 0;
        let total = (OUTCOMES as u64).pow(issues.len() as u32);
        for code in 0..total {
            let mut settled = vec![None; n];
            let mut c = code;
            for &i in issues {
                settled[i] = Some((c % OUTCOMES as u64) as usize);
                c /= OUTCOMES as u64;
            }
            let ok = issues.iter().all(|&i| {
                (0..state.talks().parties.len()).all(|p| match state.get(p, i) {
                    None => true,
                    Some(s) => accepts(s.position, settled[i].unwrap(), &settled),
                })
            });
            count += u64::from(ok);
        }
        count
    }

    fn arb_talks() -> impl Strategy<Value = Talks> {
        (2usize..=3, 2usize..=3).prop_flat_map(|(parties, issues)| {
            let cond = (1u64..8, 0..issues, 1u64..8);
            let pos = (1u64..8, prop::collection::vec(cond, 0..3));
            prop::collection::vec(prop::option::of(pos), parties * issues).prop_map(move |cells| {
                let positions = cells
                    .into_iter()
                    .enumerate()
                    .filter_map(|(k, c)| {
                        let (acc, conds) = c?;
                        Some(position(k / issues, k % issues, acc, &conds))
                    })
                    .collect();
                multi(parties, issues, positions)
            })
        })
    }

    proptest! {
        #[test]
        fn the_package_search_agrees_with_brute_force(t in arb_talks()) {
            let state = State::as_of(&t, 0);
            let issues: Vec<usize> = (0..t.issues.len()).collect();
            let zone = package_zone(&state, &issues, 1_000_000).unwrap();
            prop_assert_eq!(zone.count, brute(&state, &issues));
        }

        #[test]
        fn a_condition_that_holds_acts_as_an_unconditional_accept(t in arb_talks()) {
            // Settle every other issue inside each condition: then `accepts`
            // is what the position accepts plus what those conditions add.
            let state = State::as_of(&t, 0);
            for p in 0..t.parties.len() {
                for i in 0..t.issues.len() {
                    let Some(s) = state.get(p, i) else { continue };
                    for c in &s.position.conditions {
                        let mut settled = vec![None; t.issues.len()];
                        for &(j, set) in &c.only_if {
                            settled[j] = set.iter().next();
                        }
                        for o in c.accepts.iter() {
                            prop_assert!(accepts(s.position, o, &settled));
                        }
                    }
                }
            }
        }

        #[test]
        fn a_condition_that_cannot_hold_adds_nothing(t in arb_talks()) {
            // With every issue unsettled, no condition holds: a position
            // accepts exactly its unconditional outcomes.
            let state = State::as_of(&t, 0);
            let settled = vec![None; t.issues.len()];
            for p in 0..t.parties.len() {
                for i in 0..t.issues.len() {
                    let Some(s) = state.get(p, i) else { continue };
                    for o in 0..OUTCOMES {
                        prop_assert_eq!(accepts(s.position, o, &settled), s.position.accepts.contains(o));
                    }
                }
            }
        }

        #[test]
        fn adding_a_conditional_accept_never_shrinks_a_zone(t in arb_talks(), extra in 1u64..8, on in 0usize..3) {
            let state = State::as_of(&t, 0);
            let issues: Vec<usize> = (0..t.issues.len()).collect();
            let before = package_zone(&state, &issues, 1_000_000).unwrap();
            let mut wider = t.clone();
            if let Some(p) = wider.rounds[0].positions.first_mut() {
                let other = (p.issue + 1 + on) % wider.issues.len();
                if other != p.issue {
                    p.conditions.push(Condition {
                        accepts: Outcomes(extra),
                        only_if: vec![(other, Outcomes(0b111))],
                        summary: None,
                        said: Said::default(),
                    });
                }
            }
            let wider_state = State::as_of(&wider, 0);
            let after = package_zone(&wider_state, &issues, 1_000_000).unwrap();
            prop_assert!(after.count >= before.count);
            for (a, b) in after.outcomes.iter().zip(&before.outcomes) {
                prop_assert!(b.minus(*a).is_empty());
            }
            // Issue by issue too: the conditional zone only grows.
            for i in 0..t.issues.len() {
                let zone = |s: &State<'_>| -> Vec<usize> {
                    let mut z: Vec<usize> = crate::core::compare::deal_zone(s, i)
                        .map(|z| z.iter().collect())
                        .unwrap_or_default();
                    z.extend(issue_linkage(s, i).map(|l| l.conditional.iter().map(|c| c.outcome).collect::<Vec<_>>()).unwrap_or_default());
                    z
                };
                let (b, a) = (zone(&state), zone(&wider_state));
                prop_assert!(b.iter().all(|o| a.contains(o)), "{:?} ⊄ {:?}", b, a);
            }
        }
    }

    /// Two parties on two issues, everyone accepting everything: 9
    /// settlements, more nodes.
    fn everything_accepted() -> Talks {
        multi(
            2,
            2,
            vec![
                position(0, 0, 0b111, &[]),
                position(0, 1, 0b111, &[]),
                position(1, 0, 0b111, &[]),
                position(1, 1, 0b111, &[]),
            ],
        )
    }

    #[test]
    fn the_search_stops_past_its_limit() {
        let t = everything_accepted();
        let state = State::as_of(&t, 0);
        assert_eq!(package_zone(&state, &[0, 1], 1000).unwrap().count, 9);
        assert_eq!(
            package_zone(&state, &[0, 1], 5),
            Err(TooLarge {
                limit: 5,
                budget_spent: false
            })
        );
    }

    /// Every search asked of one state draws on one budget: a file of many
    /// linkages (or of many knotted outcomes) costs the budget, not the
    /// limit of one search times their number.
    #[test]
    fn the_searches_of_one_state_share_its_budget() {
        let t = everything_accepted();
        let state = State::as_of(&t, 0);
        let explored = package_zone(&state, &[0, 1], 1000).unwrap().explored;
        assert_eq!(state.search_left(), SEARCH_BUDGET - explored);
        // Room for one more search, not two.
        state.spend_search(state.search_left() - explored - 1);
        assert_eq!(package_zone(&state, &[0, 1], 1000).unwrap().count, 9);
        assert_eq!(
            package_zone(&state, &[0, 1], 1000),
            Err(TooLarge {
                limit: 1000,
                budget_spent: true
            })
        );
        assert_eq!(state.search_left(), 0);
        // Conditions, too: with nothing left, even an easy choice is undecided.
        let stands = only_if(2, |k| vec![vec![(k, Outcomes(1))]]);
        assert_eq!(joint_requirement(&stands, &state), Joint::Undecided);
        let fresh = State::as_of(&t, 0);
        assert_eq!(
            joint_requirement(&stands, &fresh),
            Joint::Holds(vec![(0, Outcomes(1)), (1, Outcomes(1))])
        );
        assert_eq!(fresh.search_left(), SEARCH_BUDGET - 2);
    }

    #[test]
    fn a_package_opens_what_no_issue_alone_does() {
        // Party 0 accepts outcome 1 on issue 0 only if issue 1 settles at 0;
        // party 1 wants 1 on issue 0 and accepts anything on issue 1.
        let t = multi(
            2,
            2,
            vec![
                position(0, 0, 0b001, &[(0b010, 1, 0b001)]),
                position(0, 1, 0b001, &[]),
                position(1, 0, 0b010, &[]),
                position(1, 1, 0b111, &[]),
            ],
        );
        let state = State::as_of(&t, 0);
        assert_eq!(
            crate::core::compare::deal_zone(&state, 0),
            Some(Outcomes(0))
        );
        let l = issue_linkage(&state, 0).unwrap();
        assert_eq!(l.conditional.len(), 1);
        assert_eq!(l.conditional[0].outcome, 1);
        assert_eq!(l.conditional[0].requires, vec![(1, Outcomes(0b001))]);
        assert!(l.conditional[0].blocked.is_empty());
        let zone = package_zone(&state, &[0, 1], 1000).unwrap();
        assert_eq!(zone.count, 1);
        assert_eq!(zone.examples, vec![vec![1, 0]]);
    }

    /// `parties` conditional parties, party `k` with `alternatives(k)`.
    fn only_if(
        parties: usize,
        alternatives: impl Fn(usize) -> Alternatives,
    ) -> Vec<(usize, Stand)> {
        (0..parties)
            .map(|k| {
                let alternatives = alternatives(k);
                (k, Stand::OnlyIf { alternatives })
            })
            .collect()
    }

    #[test]
    fn conditions_in_groups_of_their_own_are_chosen_for_apart() {
        // 60 parties each with two conditions on issues of their own, and
        // two more whose conditions conflict on issue 0: tried together,
        // 2^60 choices before the conflict shows.
        let stands = only_if(62, |k| match k {
            60 => vec![vec![(0, Outcomes(0b01))]],
            61 => vec![vec![(0, Outcomes(0b10))]],
            k => vec![
                vec![(1 + 2 * k, Outcomes(1))],
                vec![(2 + 2 * k, Outcomes(1))],
            ],
        });
        let t = multi(1, 1, Vec::new());
        let state = State::as_of(&t, 0);
        assert_eq!(joint_requirement(&stands, &state), Joint::Cannot);
        // Without the conflict, each party's first choice.
        let holds = joint_requirement(&stands[..60], &state);
        let first: Vec<(usize, Outcomes)> = (0..60).map(|k| (1 + 2 * k, Outcomes(1))).collect();
        assert_eq!(holds, Joint::Holds(first));
    }

    #[test]
    fn conditions_too_many_to_weigh_together_are_left_undecided() {
        // As above, but every condition also asks something of issue 0, so
        // that all are one group.
        let stands = only_if(62, |k| match k {
            60 => vec![vec![(0, Outcomes(0b11)), (1, Outcomes(0b01))]],
            61 => vec![vec![(0, Outcomes(0b11)), (1, Outcomes(0b10))]],
            k => vec![
                vec![(0, Outcomes(0b11)), (2 + 2 * k, Outcomes(1))],
                vec![(0, Outcomes(0b11)), (3 + 2 * k, Outcomes(1))],
            ],
        });
        let t = multi(1, 1, Vec::new());
        assert_eq!(
            joint_requirement(&stands, &State::as_of(&t, 0)),
            Joint::Undecided
        );
    }

    /// Up to five parties' alternatives: one or two conditions, each on one
    /// or two of four issues with outcomes drawn from three.
    fn arb_stands() -> impl Strategy<Value = Vec<(usize, Stand)>> {
        let requirement = (0usize..4, 1u64..8).prop_map(|(j, set)| (j, Outcomes(set)));
        let alternative = prop::collection::vec(requirement, 1..3).prop_map(|mut reqs| {
            reqs.sort_by_key(|&(j, _)| j);
            reqs.dedup_by_key(|&mut (j, _)| j);
            reqs
        });
        prop::collection::vec(prop::collection::vec(alternative, 1..3), 0..6).prop_map(|parties| {
            parties
                .into_iter()
                .enumerate()
                .map(|(k, alternatives)| (k, Stand::OnlyIf { alternatives }))
                .collect()
        })
    }

    proptest! {
        /// Grouping and leaving out repeated parties change nothing: the
        /// answer is that of one search over every party in order.
        #[test]
        fn the_joint_requirement_is_that_of_one_search_over_all(stands in arb_stands()) {
            let all: Vec<&Alternatives> = stands
                .iter()
                .filter_map(|(_, s)| match s {
                    Stand::OnlyIf { alternatives } => Some(alternatives),
                    _ => None,
                })
                .collect();
            let mut unbounded = u64::MAX;
            let one = match choose(&all, Vec::new(), &mut unbounded) {
                Ok(Some(mut r)) => {
                    r.sort_by_key(|&(j, _)| j);
                    Joint::Holds(r)
                }
                Ok(None) => Joint::Cannot,
                Err(Spent) => Joint::Undecided,
            };
            let t = multi(1, 1, Vec::new());
            prop_assert_eq!(joint_requirement(&stands, &State::as_of(&t, 0)), one);
        }
    }

    #[test]
    fn conditions_that_cannot_hold_together_open_nothing() {
        // Both accept outcome 2 on issue 0, but party 0 only if issue 1
        // settles at 0 and party 1 only if it settles at 2: no settlement
        // meets both, so nothing is open and the nearest deals are named.
        let t = multi(
            2,
            2,
            vec![
                position(0, 0, 0b001, &[(0b100, 1, 0b001)]),
                position(0, 1, 0b111, &[]),
                position(1, 0, 0b010, &[(0b100, 1, 0b100)]),
                position(1, 1, 0b111, &[]),
            ],
        );
        let state = State::as_of(&t, 0);
        let l = issue_linkage(&state, 0).unwrap();
        assert!(l.conditional.is_empty(), "{l:?}");
        // Outcome 2 is refused by both, so it is not among the nearest.
        assert_eq!(
            l.nearest,
            vec![(0, vec![(1, false)]), (1, vec![(0, false)])],
            "{l:?}"
        );
    }

    #[test]
    fn a_proposal_is_accepted_rejected_or_met_on_conditions() {
        use crate::data::talks::{Proposal, Term};
        let mut t = multi(
            3,
            2,
            vec![
                position(0, 0, 0b001, &[(0b010, 1, 0b001)]),
                position(0, 1, 0b001, &[]),
                position(1, 0, 0b100, &[]),
                position(1, 1, 0b001, &[]),
            ],
        );
        t.rounds[0].positions[2].red_line = true;
        let term = |issue, outcomes| Term {
            issue,
            outcomes: Outcomes(outcomes),
            quote: None,
            note: None,
        };
        let proposal = Proposal {
            id: "p".into(),
            by: 0,
            title: None,
            summary: None,
            withdrawn: false,
            terms: vec![term(0, 0b010), term(1, 0b001)],
            said: Said::default(),
        };
        let state = State::as_of(&t, 0);
        let v = evaluate(&state, &proposal);
        assert_eq!(
            (v[0].on_conditions.clone(), v[0].accepted.clone()),
            (vec![0], vec![1])
        );
        assert!(v[0].accepts_whole());
        assert_eq!(v[1].rejected, vec![(0, true)]);
        assert!(v[1].crosses_red_line());
        assert_eq!(v[2].silent, vec![0, 1]);
        assert!(!v[2].accepts_whole());
    }
}

//! Trades: pairs of issues on which two parties weigh things differently —
//! core for one and not for the other, and the other way round — where
//! each conceding on the issue that matters less to it, to the other's
//! stance, raises the agreement score of the pair (the logrolling of
//! integrative bargaining). Never a red line traded. Pure.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use crate::core::compare::{Stand, held_term};
use crate::core::linkage::holds;
use crate::core::state::State;
use crate::data::talks::{Position, Priority};

/// `a` gives on `gives_a` (takes `b`'s stance there), `b` gives on
/// `gives_b` (takes `a`'s), each issue core to the other and not to the
/// giver.
#[derive(Debug, Clone, PartialEq)]
pub struct Trade {
    pub a: usize,
    pub b: usize,
    pub gives_a: usize,
    pub gives_b: usize,
    /// The pair's agreement score before and after.
    pub before: f64,
    pub after: f64,
    /// The givers whose own conditions the trade meets: they accept the
    /// other's stance on their issue only if the other issue settles at
    /// their own stance, which the trade gives them.
    pub meets_conditions: Vec<usize>,
}

impl Trade {
    pub fn gain(&self) -> f64 {
        self.after - self.before
    }
}

/// The trades a search kept, and how many it found in all.
#[derive(Debug, Clone, PartialEq)]
pub struct Best {
    /// The largest gain first; among equal gains the earlier pair (in the
    /// order the pairs were given), then the smaller `gives_a`, then
    /// `gives_b`.
    pub trades: Vec<Trade>,
    /// Every trade of every pair, of which `trades` are the first.
    pub found: usize,
}

/// The trades between parties `a` and `b` on `issues`, as of `state`, the
/// largest gain first.
pub fn trades(state: &State<'_>, a: usize, b: usize, issues: &[usize]) -> Vec<Trade> {
    best(state, [(a, b)], issues, usize::MAX).trades
}

/// The `top` trades of all `pairs` on `issues` (distinct), as of `state`,
/// in [`Best::trades`] order, and how many there are in all.
///
/// Every candidate counts, but few are weighed one by one: positions are
/// packed once; each pair's score and the issues each side could give on
/// are found in one pass over the issues, branching on neither relation
/// nor side; the least and the most a trade of the pair can gain bound
/// all its candidates, so where every one raises the score they are
/// counted at once, and where none can beat the worst of the `top` kept so
/// far none is weighed. The conditions a trade meets are worked out for
/// the trades kept only.
pub fn best(
    state: &State<'_>,
    pairs: impl IntoIterator<Item = (usize, usize)>,
    issues: &[usize],
    top: usize,
) -> Best {
    let talks = state.talks();
    let m = issues.len();
    // Party p's row is held[p·m..(p+1)·m], in the order of `issues`.
    let held: Vec<Held> = (0..talks.parties.len())
        .flat_map(|p| issues.iter().map(move |&i| (p, i)))
        .map(|(p, i)| Held::of(state.get(p, i).map(|s| s.position)))
        .collect();
    let mut kept = Kept::new(top);
    let mut found = 0;
    // Where `b` could give, then where `a` could, then one slot never read:
    // each issue is written to one of them, with no branch (the loop below
    // runs pairs × issues times).
    let mut gives = vec![Give { issue: 0, dn: 0.0 }; 2 * m + 1];
    for (seq, (a, b)) in pairs.into_iter().enumerate() {
        let (row_a, row_b) = (&held[a * m..(a + 1) * m], &held[b * m..(b + 1) * m]);
        // The score as Σ w·s / Σ w over the issues both hold a stance on.
        let (mut num, mut den) = (0.0, 0.0);
        let (mut nb, mut na) = (0, 0);
        for ((x, y), &issue) in row_a.iter().zip(row_b).zip(issues) {
            let both = x.known & y.known;
            let (n, w) = held_term(x.stand, y.stand);
            // Counted (× 1) where both hold a stance, else not (× 0).
            let counts = f64::from(u8::from(both));
            num += n * counts;
            den += w * counts;
            // `b` could give where the issue is core to `a`, not to `b`, and
            // not `b`'s red line; `a` the other way round.
            let differ = both & (x.stand.stance != y.stand.stance);
            let b_gives = differ & x.core & !y.core & !y.stand.red_line;
            let a_gives = differ & y.core & !x.core & !x.stand.red_line;
            let at = if b_gives {
                nb
            } else if a_gives {
                m + na
            } else {
                2 * m
            };
            // Once the giver takes the other's stance they agree there: the
            // term goes from (w·s, w) to (w, w), and Σ w stays as it is.
            gives[at] = Give { issue, dn: w - n };
            nb += usize::from(b_gives);
            na += usize::from(a_gives);
        }
        let (by_b, by_a) = (&gives[..nb], &gives[m..m + na]);
        if by_a.is_empty() || by_b.is_empty() || den == 0.0 {
            continue;
        }
        let before = num / den;
        // A trade's score after is (num + dn_i + dn_j) / den. Every term is
        // a multiple of ½ (see `compare::Score`), so the sum is exact, and
        // a division or a subtraction rounded to the nearest is monotonic:
        // each candidate's after, and so its gain, lies within those of the
        // least and the most `dn`s, as floats too.
        let (least_b, most_b) = span(by_b);
        let (least_a, most_a) = span(by_a);
        // Every candidate raises the score: count them without weighing.
        let all_gain = (num + least_b + least_a) / den > before;
        // No candidate can beat the worst kept, which is of an earlier pair
        // (and wins a tie): weigh none.
        let may_keep = kept.may_keep((num + most_b + most_a) / den - before);
        if all_gain {
            found += by_a.len() * by_b.len();
            if !may_keep {
                continue;
            }
        }
        for gb in by_b {
            for ga in by_a {
                // b takes a's stance on gb.issue, a takes b's on ga.issue.
                let after = (num + gb.dn + ga.dn) / den;
                if after <= before {
                    continue;
                }
                if !all_gain {
                    found += 1;
                }
                if may_keep {
                    kept.offer(Candidate {
                        gain: after - before,
                        seq,
                        gives_a: ga.issue,
                        gives_b: gb.issue,
                        a,
                        b,
                        before,
                        after,
                    });
                }
            }
        }
    }
    let trades = kept
        .heap
        .into_sorted_vec()
        .into_iter()
        .map(|c| Trade {
            meets_conditions: conditions_met(state, &c),
            a: c.a,
            b: c.b,
            gives_a: c.gives_a,
            gives_b: c.gives_b,
            before: c.before,
            after: c.after,
        })
        .collect();
    Best { trades, found }
}

fn core(p: &Position) -> bool {
    p.priority == Some(Priority::Core)
}

/// One party's position on one issue, packed for the search: `known`
/// where it holds a stance (`stand` is then that stance).
#[derive(Debug, Clone, Copy)]
struct Held {
    known: bool,
    stand: Stand,
    core: bool,
}

impl Held {
    fn of(p: Option<&Position>) -> Held {
        match p.and_then(|p| Some((Stand::of(p)?, core(p)))) {
            Some((stand, core)) => Held {
                known: true,
                stand,
                core,
            },
            None => Held {
                known: false,
                stand: Stand::NONE,
                core: false,
            },
        }
    }
}

/// An issue one side could give on, and what giving on it adds to the
/// pair's Σ w·s.
#[derive(Debug, Clone, Copy)]
struct Give {
    issue: usize,
    dn: f64,
}

/// The least and the most `dn` among one side's gives.
fn span(gives: &[Give]) -> (f64, f64) {
    gives
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), g| {
            (lo.min(g.dn), hi.max(g.dn))
        })
}

/// A trade weighed, before the conditions it meets are worked out.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    gain: f64,
    /// Which of the pairs given.
    seq: usize,
    gives_a: usize,
    gives_b: usize,
    a: usize,
    b: usize,
    before: f64,
    after: f64,
}

impl Candidate {
    /// `Less` is better: the larger gain, then the earlier pair, then the
    /// smaller `gives_a`, then `gives_b`.
    fn rank(&self, other: &Self) -> Ordering {
        other
            .gain
            .total_cmp(&self.gain)
            .then(self.seq.cmp(&other.seq))
            .then((self.gives_a, self.gives_b).cmp(&(other.gives_a, other.gives_b)))
    }
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.rank(other) == Ordering::Equal
    }
}

impl Eq for Candidate {}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.rank(other)
    }
}

/// The best `top` candidates offered so far; the worst of them on top of
/// the heap, where the next candidate is weighed against it.
struct Kept {
    top: usize,
    heap: BinaryHeap<Candidate>,
}

impl Kept {
    fn new(top: usize) -> Self {
        Kept {
            top,
            heap: BinaryHeap::new(),
        }
    }

    /// Whether a candidate of a later pair than every one kept, gaining
    /// `gain`, would be kept.
    fn may_keep(&self, gain: f64) -> bool {
        self.heap.len() < self.top
            || self
                .heap
                .peek()
                .is_some_and(|worst| gain.total_cmp(&worst.gain).is_gt())
    }

    fn offer(&mut self, c: Candidate) {
        if self.heap.len() < self.top {
            self.heap.push(c);
        } else if let Some(mut worst) = self.heap.peek_mut()
            && c < *worst
        {
            *worst = c;
        }
    }
}

/// The givers whose own condition the trade meets: a giver accepts the
/// other's stance on its issue if the other issue settles at its own
/// stance there.
fn conditions_met(state: &State<'_>, c: &Candidate) -> Vec<usize> {
    let pos = |p: usize, i: usize| state.get(p, i).map(|s| s.position);
    let (Some(ai), Some(bi), Some(aj), Some(bj)) = (
        pos(c.a, c.gives_b),
        pos(c.b, c.gives_b),
        pos(c.a, c.gives_a),
        pos(c.b, c.gives_a),
    ) else {
        return Vec::new();
    };
    let met = |giver: &Position,
               gives_on: usize,
               takes: Option<usize>,
               keeps_on: usize,
               keeps: Option<usize>| {
        if giver.conditions.is_empty() {
            return false;
        }
        let mut settled = vec![None; state.talks().issues.len()];
        settled[gives_on] = takes;
        settled[keeps_on] = keeps;
        giver
            .conditions
            .iter()
            .any(|c| takes.is_some_and(|o| c.accepts.contains(o)) && holds(c, &settled))
    };
    let (i, j) = (c.gives_b, c.gives_a);
    let mut out = Vec::new();
    if met(bi, i, ai.stance, j, bj.stance) {
        out.push(c.b);
    }
    if met(aj, j, bj.stance, i, ai.stance) {
        out.push(c.a);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::compare::pair_score;
    use crate::core::whatif::{Assumed, Assumption, assume};
    use crate::data::talks::{Outcomes, Talks};
    use crate::testing::{stance, talks};
    use proptest::prelude::*;

    /// Two issues: party 0 core on issue 0, party 1 core on issue 1.
    fn two_issues(red: bool) -> Talks {
        let mut t = talks(2, 3, vec![vec![]]);
        let issue = t.issues[0].clone();
        t.issues.push(crate::data::talks::Issue {
            id: "j".into(),
            ..issue
        });
        let p = |party, issue, o, core: bool| {
            let mut p = stance(party, Some(o));
            p.issue = issue;
            p.priority = core.then_some(Priority::Core);
            p
        };
        let mut a1 = p(0, 1, 0, false);
        a1.red_line = red;
        t.rounds[0].positions = vec![p(0, 0, 0, true), a1, p(1, 0, 2, false), p(1, 1, 2, true)];
        t
    }

    #[test]
    fn each_gives_on_what_matters_less_to_it() {
        let t = two_issues(false);
        let ts = trades(&State::as_of(&t, 0), 0, 1, &[0, 1]);
        assert_eq!(ts.len(), 1);
        let tr = &ts[0];
        // Party 0 gives on issue 1 (core to party 1), party 1 on issue 0.
        assert_eq!((tr.gives_a, tr.gives_b), (1, 0));
        assert_eq!((tr.before, tr.after), (0.0, 1.0));
    }

    #[test]
    fn a_red_line_is_never_traded() {
        let t = two_issues(true);
        assert!(trades(&State::as_of(&t, 0), 0, 1, &[0, 1]).is_empty());
    }

    /// The search as it was before [`best`]: every trade of one pair
    /// built and sorted; kept here as the reference the faster search
    /// must equal.
    fn plain(state: &State<'_>, a: usize, b: usize, issues: &[usize]) -> Vec<Trade> {
        use crate::core::compare::{relation, weight};
        let pos = |p: usize, i: usize| state.get(p, i).map(|s| s.position);
        let both: Vec<(usize, &Position, &Position)> = issues
            .iter()
            .filter_map(|&i| Some((i, pos(a, i)?, pos(b, i)?)))
            .filter(|(_, x, y)| x.stance != y.stance)
            .collect();
        // One issue's term of the score, as the matrix counts it.
        let pair_term = |x: Option<&Position>, y: Option<&Position>| {
            let s = relation(x, y).score()?;
            let w = weight(x?.priority) + weight(y?.priority);
            Some((w * s, w))
        };
        let mut terms: Vec<Option<(f64, f64)>> = vec![None; state.talks().issues.len()];
        for &i in issues {
            terms[i] = pair_term(pos(a, i), pos(b, i));
        }
        let (num, den) = terms
            .iter()
            .flatten()
            .fold((0.0, 0.0), |(n, d), (x, y)| (n + x, d + y));
        if den == 0.0 {
            return Vec::new();
        }
        let before = num / den;
        let term_of = |i: usize| terms[i].unwrap_or((0.0, 0.0));
        let gives = |giver_first: bool| -> Vec<(usize, &Position, &Position)> {
            both.iter()
                .copied()
                .filter(|&(_, x, y)| {
                    let (taker, giver) = if giver_first { (y, x) } else { (x, y) };
                    core(taker) && !core(giver) && !giver.red_line
                })
                .collect()
        };
        let (by_a, by_b) = (gives(true), gives(false));
        let mut out = Vec::new();
        for &(i, ai, bi) in &by_b {
            for &(j, aj, bj) in &by_a {
                if i == j {
                    continue;
                }
                let agree = |x: &Position, y: &Position| {
                    let w = weight(x.priority) + weight(y.priority);
                    (w, w)
                };
                let (old_i, old_j) = (term_of(i), term_of(j));
                let (new_i, new_j) = (agree(ai, bi), agree(aj, bj));
                let after = (num - old_i.0 - old_j.0 + new_i.0 + new_j.0)
                    / (den - old_i.1 - old_j.1 + new_i.1 + new_j.1);
                if after <= before {
                    continue;
                }
                let weighed = Candidate {
                    gain: after - before,
                    seq: 0,
                    gives_a: j,
                    gives_b: i,
                    a,
                    b,
                    before,
                    after,
                };
                let meets_conditions = conditions_met(state, &weighed);
                out.push(Trade {
                    a,
                    b,
                    gives_a: j,
                    gives_b: i,
                    before,
                    after,
                    meets_conditions,
                });
            }
        }
        out.sort_by(|x, y| {
            y.gain()
                .total_cmp(&x.gain())
                .then((x.gives_a, x.gives_b).cmp(&(y.gives_a, y.gives_b)))
        });
        out
    }

    /// The top `top` of every pair's plain trades, as the view kept them
    /// before [`best`]: gathered pair by pair, stably sorted by gain and
    /// cut now and then.
    fn plain_best(
        state: &State<'_>,
        pairs: &[(usize, usize)],
        issues: &[usize],
        top: usize,
    ) -> Best {
        let mut kept: Vec<Trade> = Vec::new();
        let mut found = 0;
        let by_gain = |x: &Trade, y: &Trade| y.gain().total_cmp(&x.gain());
        for &(a, b) in pairs {
            let some = plain(state, a, b, issues);
            found += some.len();
            kept.extend(some);
            if kept.len() > 2 * top.max(1) {
                kept.sort_by(by_gain);
                kept.truncate(top);
            }
        }
        kept.sort_by(by_gain);
        kept.truncate(top);
        Best {
            trades: kept,
            found,
        }
    }

    /// What one party says on one issue in one round: a stance (none for a
    /// withdrawal), outcomes it also accepts, red line, core, and
    /// conditions as (accepts mask, other issue, outcomes mask).
    type Word = (Option<usize>, u64, bool, bool, Vec<(u64, usize, u64)>);

    /// A talks of up to four parties on up to seven issues of three
    /// outcomes, over two rounds (the second restating, changing or
    /// withdrawing some positions); the issues to weigh (some of them, in
    /// any order), the pairs asked (in any order, either way round, maybe
    /// twice) and how many to keep.
    fn arb_search() -> impl Strategy<Value = (Talks, Vec<usize>, Vec<(usize, usize)>, usize)> {
        (2usize..=4, 3usize..=7).prop_flat_map(|(parties, issues)| {
            let cond = (1u64..8, 0..issues, 1u64..8);
            let said = (
                prop::option::weighted(0.95, 0usize..3),
                0u64..8,
                prop::bool::weighted(0.1),
                any::<bool>(),
                prop::collection::vec(cond, 0..3),
            );
            // Most positions stated in the first round, a few in the second.
            let round = |stated| {
                prop::collection::vec(
                    prop::option::weighted(stated, said.clone()),
                    parties * issues,
                )
            };
            let pair = (0..parties, 0..parties).prop_filter("two parties", |(a, b)| a != b);
            (
                (round(0.9), round(0.3)).prop_map(|(first, second)| vec![first, second]),
                Just((0..issues).collect::<Vec<usize>>()).prop_shuffle(),
                prop_oneof![3 => Just(issues), 1 => 0..=issues],
                prop::collection::vec(pair, 1..8),
                0usize..8,
            )
                .prop_map(move |(rounds, order, weighed, pairs, top)| {
                    let position = |k: usize, (stance_, also, red, core, conds): Word| {
                        let mut p = stance(k / issues, stance_);
                        p.issue = k % issues;
                        if p.stance.is_some() {
                            p.accepts = Outcomes(p.accepts.0 | also);
                            p.red_line = red;
                            p.priority = core.then_some(Priority::Core);
                            p.conditions = conds
                                .into_iter()
                                .filter(|&(_, j, _)| j != p.issue)
                                .map(|(acc, j, set)| crate::data::talks::Condition {
                                    accepts: Outcomes(acc),
                                    only_if: vec![(j, Outcomes(set))],
                                    summary: None,
                                    said: Default::default(),
                                })
                                .collect();
                        }
                        p
                    };
                    let rounds = rounds
                        .into_iter()
                        .map(|cells| {
                            cells
                                .into_iter()
                                .enumerate()
                                .filter_map(|(k, c)| Some(position(k, c?)))
                                .collect()
                        })
                        .collect();
                    let mut t = talks(parties, 3, rounds);
                    let issue = t.issues[0].clone();
                    t.issues = (0..issues)
                        .map(|k| crate::data::talks::Issue {
                            id: format!("i{k}"),
                            ..issue.clone()
                        })
                        .collect();
                    (t, order[..weighed].to_vec(), pairs, top)
                })
        })
    }

    proptest! {
        // One case in four or so has a trade at all: many cases.
        #![proptest_config(ProptestConfig::with_cases(1024))]

        #[test]
        fn the_search_keeps_what_the_plain_one_would(
            (t, issues, pairs, top) in arb_search(),
        ) {
            // Every pair's trades built and sorted, then the first `top`:
            // the same trades, in the same order, ties and all, and the
            // same count.
            for r in 0..t.rounds.len() {
                let state = State::as_of(&t, r);
                prop_assert_eq!(
                    best(&state, pairs.iter().copied(), &issues, top),
                    plain_best(&state, &pairs, &issues, top)
                );
                for &(a, b) in &pairs {
                    prop_assert_eq!(trades(&state, a, b, &issues), plain(&state, a, b, &issues));
                }
            }
        }
    }

    proptest! {

        #[test]
        fn a_listed_trade_raises_the_score_when_applied_with_assume(
            stances in prop::collection::vec(0usize..3, 6),
            cores in prop::collection::vec(any::<bool>(), 6),
        ) {
            // Two parties on three issues.
            let mut t = talks(2, 3, vec![vec![]]);
            let issue = t.issues[0].clone();
            t.issues = (0..3).map(|k| crate::data::talks::Issue { id: format!("i{k}"), ..issue.clone() }).collect();
            t.rounds[0].positions = (0..6)
                .map(|k| {
                    let mut p = stance(k / 3, Some(stances[k]));
                    p.issue = k % 3;
                    p.priority = cores[k].then_some(Priority::Core);
                    p
                })
                .collect();
            let state = State::as_of(&t, 0);
            let issues = [0, 1, 2];
            for tr in trades(&state, 0, 1, &issues) {
                let pos = |p, i| state.get(p, i).unwrap().position.stance.unwrap();
                let assumptions = vec![
                    Assumption { party: 0, issue: tr.gives_a, change: Assumed::Demands(pos(1, tr.gives_a)), spec: String::new() },
                    Assumption { party: 1, issue: tr.gives_b, change: Assumed::Demands(pos(0, tr.gives_b)), spec: String::new() },
                ];
                let (after, r) = assume(&t, 0, &assumptions).unwrap();
                let s = State::as_of(&after, r);
                let score = pair_score(issues.iter().map(|&i| (s.get(0, i).map(|x| x.position), s.get(1, i).map(|x| x.position)))).unwrap();
                prop_assert!(score > tr.before);
                prop_assert_eq!(score, tr.after);
                let _ = Outcomes::default();
            }
        }
    }
}

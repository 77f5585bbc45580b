//! Trades: pairs of issues on which two parties weigh things differently —
//! core for one and not for the other, and the other way round — where
//! each conceding on the issue that matters less to it, to the other's
//! stance, raises the agreement score of the pair (the logrolling of
//! integrative bargaining). Never a red line traded. Pure.

use crate::core::compare::{pair_term, weight};
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

fn core(p: &Position) -> bool {
    p.priority == Some(Priority::Core)
}

/// The trades between parties `a` and `b` on `issues`, as of `state`, the
/// largest gain first.
pub fn trades(state: &State<'_>, a: usize, b: usize, issues: &[usize]) -> Vec<Trade> {
    let pos = |p: usize, i: usize| state.get(p, i).map(|s| s.position);
    let both: Vec<(usize, &Position, &Position)> = issues
        .iter()
        .filter_map(|&i| Some((i, pos(a, i)?, pos(b, i)?)))
        .filter(|(_, x, y)| x.stance != y.stance)
        .collect();
    // The score as Σ w·s / Σ w: a trade changes two issues' terms, so its
    // score is worked out from the sums, not summed afresh.
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
    // Where `b` could give: core to `a`, not to `b`, and not `b`'s red line;
    // and the same the other way round.
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
            // b takes a's stance on i, a takes b's on j: both then agree
            // there, and each issue's term becomes (w, w).
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
            // A giver's condition met: it accepts the other's stance on its
            // issue if the other issue settles at its own stance there.
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
            let mut meets_conditions = Vec::new();
            if met(bi, i, ai.stance, j, bj.stance) {
                meets_conditions.push(b);
            }
            if met(aj, j, bj.stance, i, ai.stance) {
                meets_conditions.push(a);
            }
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

//! What would it take to close an issue: for each outcome on its scale,
//! which parties would have to widen what they accept to reach it, by how
//! many steps, at what cost, and whose red line it would cross; then the
//! nearest deal. Pure.
//!
//! The cost model: a party that does not accept an outcome must widen its
//! accepts to it, by as many steps along the scale as lie between the
//! outcome and the nearest outcome it accepts; each step counts as the
//! party's weight on the issue (core 2, otherwise 1, as in the agreement
//! score). An outcome's cost is the sum over the parties. The nearest deal
//! is the cheapest outcome that crosses no red line; where every outcome
//! crosses one, the one crossing the fewest, then the cheapest. Ties go to
//! fewer parties moving, then fewer steps, then the outcome first on the
//! scale.

use crate::core::compare::weight;
use crate::core::linkage::issue_linkage;
use crate::core::state::State;
use crate::data::talks::Outcomes;

/// One party's move to reach an outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct Move {
    pub party: usize,
    /// Steps along the scale from the nearest outcome it accepts.
    pub steps: usize,
    /// Its weight on the issue: core 2, otherwise 1.
    pub weight: f64,
    /// The issue is a red line for it: reaching the outcome crosses it.
    pub red_line: bool,
}

/// What it would take to settle an issue at one outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeCost {
    pub outcome: usize,
    /// The parties that would have to move, in party order.
    pub moves: Vec<Move>,
    /// Σ steps × weight.
    pub cost: f64,
    /// Where every party would accept it, some only on conditions on other
    /// issues that can hold together (the deal zone on conditions): those
    /// parties. The cost counts their steps all the same: it is the cost
    /// without the package.
    pub on_conditions: Vec<usize>,
}

impl OutcomeCost {
    pub fn steps(&self) -> usize {
        self.moves.iter().map(|m| m.steps).sum()
    }

    pub fn red_lines(&self) -> usize {
        self.moves.iter().filter(|m| m.red_line).count()
    }

    /// The order of preference the model sets: no red line crossed, then
    /// the fewest crossed, then the cost, then the fewest movers and
    /// steps, then scale order.
    fn rank(&self) -> ((usize, u64, usize, usize), usize) {
        (self.counts(), self.outcome)
    }

    /// What the model weighs, scale order aside: two outcomes with the same
    /// counts are as near as each other.
    fn counts(&self) -> (usize, u64, usize, usize) {
        (
            self.red_lines(),
            (self.cost * 2.0).round() as u64,
            self.moves.len(),
            self.steps(),
        )
    }
}

/// Every outcome of an issue, what it would take, and the nearest deal.
#[derive(Debug, Clone, PartialEq)]
pub struct Bridge {
    pub issue: usize,
    /// In scale order.
    pub outcomes: Vec<OutcomeCost>,
    /// Index into `outcomes` of the nearest deal.
    pub nearest: usize,
}

impl Bridge {
    pub fn nearest(&self) -> &OutcomeCost {
        &self.outcomes[self.nearest]
    }

    /// The other outcomes as near as the nearest deal by every count, only
    /// scale order putting them after it: a tie the reader should see, as
    /// they may ask other parties to move.
    pub fn equally_near(&self) -> Vec<usize> {
        let counts = self.nearest().counts();
        (0..self.outcomes.len())
            .filter(|&k| k != self.nearest && self.outcomes[k].counts() == counts)
            .collect()
    }

    /// Every outcome crosses somebody's red line.
    pub fn every_outcome_crosses_a_red_line(&self) -> bool {
        self.outcomes.iter().all(|o| o.red_lines() > 0)
    }
}

/// How far `accepts` lies from outcome `o`: 0 when it holds `o`.
pub fn steps_to(accepts: Outcomes, o: usize) -> usize {
    accepts.iter().map(|a| a.abs_diff(o)).min().unwrap_or(0)
}

/// What it would take to settle `issue`, as of `state`; `None` where fewer
/// than two parties hold a position on it.
pub fn bridge(state: &State<'_>, issue: usize) -> Option<Bridge> {
    let talks = state.talks();
    let held: Vec<usize> = (0..talks.parties.len())
        .filter(|&p| state.get(p, issue).is_some())
        .collect();
    if held.len() < 2 {
        return None;
    }
    let n = talks.issues[issue].scale.len().min(Outcomes::MAX);
    let conditional = issue_linkage(state, issue)
        .map(|l| l.conditional)
        .unwrap_or_default();
    let outcomes: Vec<OutcomeCost> = (0..n)
        .map(|o| {
            let on_conditions: Vec<usize> = conditional
                .iter()
                .find(|c| c.outcome == o)
                .map(|c| c.conditional.clone())
                .unwrap_or_default();
            let moves: Vec<Move> = held
                .iter()
                .filter_map(|&p| {
                    let pos = state.get(p, issue)?.position;
                    let steps = steps_to(pos.accepts, o);
                    (steps > 0).then(|| Move {
                        party: p,
                        steps,
                        weight: weight(pos.priority),
                        red_line: pos.red_line,
                    })
                })
                .collect();
            let cost = moves.iter().fold(0.0, |c, m| c + m.steps as f64 * m.weight);
            OutcomeCost {
                outcome: o,
                moves,
                cost,
                on_conditions,
            }
        })
        .collect();
    let nearest = (0..outcomes.len())
        .min_by_key(|&k| outcomes[k].rank())
        .unwrap_or(0);
    Some(Bridge {
        issue,
        outcomes,
        nearest,
    })
}

/// The issues' bridges, closest to a deal first (by the nearest deal's
/// rank), issues with fewer than two positions left out.
pub fn ranked(state: &State<'_>, issues: &[usize]) -> Vec<Bridge> {
    let mut out: Vec<Bridge> = issues.iter().filter_map(|&i| bridge(state, i)).collect();
    out.sort_by_key(|b| (b.nearest().rank(), b.issue));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::compare::deal_zone;
    use crate::core::whatif::{Assumed, Assumption, assume};
    use crate::data::talks::{Position, Priority, Talks};
    use crate::testing::{stance, talks};
    use proptest::prelude::*;

    fn position(party: usize, accepts: u64, red_line: bool, core: bool) -> Position {
        let mut p = stance(party, Some(accepts.trailing_zeros() as usize));
        p.accepts = Outcomes(accepts);
        p.red_line = red_line;
        p.priority = core.then_some(Priority::Core);
        p
    }

    fn arb() -> impl Strategy<Value = Talks> {
        (2usize..=4, 2usize..=5).prop_flat_map(|(parties, n)| {
            let pos = (1u64..(1 << n), any::<bool>(), any::<bool>());
            prop::collection::vec(prop::option::of(pos), parties).prop_map(move |cells| {
                let positions = cells
                    .into_iter()
                    .enumerate()
                    .filter_map(|(k, c)| c.map(|(a, r, core)| position(k, a, r, core)))
                    .collect();
                talks(parties, n, vec![positions])
            })
        })
    }

    proptest! {
        #[test]
        fn a_bridge_costs_nothing_exactly_when_there_is_a_deal_zone(t in arb()) {
            let state = State::as_of(&t, 0);
            if let Some(b) = bridge(&state, 0) {
                let zone = deal_zone(&state, 0).unwrap();
                prop_assert_eq!(b.nearest().cost == 0.0, !zone.is_empty());
                if !zone.is_empty() {
                    prop_assert!(zone.contains(b.nearest().outcome));
                }
            }
        }

        #[test]
        fn a_bridge_applied_with_assume_closes_the_issue(t in arb()) {
            let state = State::as_of(&t, 0);
            let Some(b) = bridge(&state, 0) else { return Ok(()) };
            let target = b.nearest();
            let assumptions: Vec<Assumption> = target
                .moves
                .iter()
                .map(|m| Assumption {
                    party: m.party,
                    issue: 0,
                    change: Assumed::AlsoAccepts(Outcomes::one(target.outcome)),
                    spec: String::new(),
                })
                .collect();
            let (after, r) = assume(&t, 0, &assumptions).unwrap();
            let zone = deal_zone(&State::as_of(&after, r), 0).unwrap();
            prop_assert!(zone.contains(target.outcome));
        }
    }

    #[test]
    fn the_nearest_deal_avoids_red_lines_and_weighs_core_issues() {
        // Party 0 accepts o0 (red line); 1 accepts o2, core; 2 accepts o3.
        let t = talks(
            3,
            4,
            vec![vec![
                position(0, 0b0001, true, false),
                position(1, 0b0100, false, true),
                position(2, 0b1000, false, false),
            ]],
        );
        let b = bridge(&State::as_of(&t, 0), 0).unwrap();
        // Every outcome crosses party 0's red line but o0, which costs
        // 2 steps × 2 (core) + 3 steps × 1 = 7; o0 wins as the only one
        // crossing no red line.
        assert!(!b.every_outcome_crosses_a_red_line());
        assert_eq!(b.nearest().outcome, 0);
        assert_eq!(b.nearest().cost, 7.0);
        assert_eq!(b.outcomes[2].cost, 2.0 + 1.0);
        assert_eq!(b.outcomes[2].red_lines(), 1);
        assert!(b.equally_near().is_empty());
    }

    #[test]
    fn outcomes_as_near_as_the_nearest_deal_are_named() {
        // Party 0 accepts o0, party 1 o2: o1 costs each one step (2 movers),
        // o0 and o2 one party two steps. o0 is nearest, first on the scale;
        // o2 ties with it on every count, o1 does not.
        let t = talks(
            2,
            3,
            vec![vec![
                position(0, 0b001, false, false),
                position(1, 0b100, false, false),
            ]],
        );
        let b = bridge(&State::as_of(&t, 0), 0).unwrap();
        assert_eq!(b.nearest().outcome, 0);
        assert_eq!(b.equally_near(), vec![2]);
    }

    proptest! {
        /// A tie is an outcome that ranks as the nearest does but for scale
        /// order, and comes after it on the scale.
        #[test]
        fn equally_near_outcomes_differ_from_the_nearest_by_scale_order_alone(t in arb()) {
            let state = State::as_of(&t, 0);
            let Some(b) = bridge(&state, 0) else { return Ok(()) };
            for k in 0..b.outcomes.len() {
                let tie = b.outcomes[k].counts() == b.nearest().counts() && k != b.nearest;
                prop_assert_eq!(b.equally_near().contains(&k), tie);
                if tie {
                    prop_assert!(k > b.nearest);
                }
            }
        }
    }
}

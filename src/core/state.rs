//! Carry-forward: the state of a talks as of a round. A round lists only
//! what was stated there; every other party keeps its last position.

use crate::data::talks::{Linkage, Position, Proposal, Round, Talks};

/// Which round's position holds a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cell {
    round: u32,
    position: u32,
}

/// The search steps (choices of conditions, and nodes of package searches)
/// that every linkage question ([`crate::core::linkage`]) asked of one
/// state may take together: each search has its own limit, and a file of
/// many linkages or many knotted outcomes would otherwise multiply it (200
/// linkages took 40 s). About half a second of searching.
pub const SEARCH_BUDGET: u64 = 1 << 22;

/// The positions in force as of one round, for every party and issue.
#[derive(Debug, Clone)]
pub struct State<'t> {
    talks: &'t Talks,
    /// Index of the round this state is as of.
    pub round: usize,
    /// `party * issues + issue`.
    cells: Vec<Option<Cell>>,
    /// How many rounds are applied: rounds `0..through`.
    through: usize,
    /// What is left of the search steps that the linkage questions asked
    /// of this state may take together ([`SEARCH_BUDGET`]).
    search_left: std::cell::Cell<u64>,
}

/// One party's position on one issue as of a round, and where it was stated.
#[derive(Debug, Clone, Copy)]
pub struct Stated<'t> {
    pub position: &'t Position,
    pub round: &'t Round,
    pub round_ix: usize,
}

impl<'t> State<'t> {
    /// The state before any round: nothing stated.
    pub fn empty(talks: &'t Talks) -> Self {
        State {
            talks,
            round: 0,
            cells: vec![None; talks.parties.len() * talks.issues.len()],
            through: 0,
            search_left: std::cell::Cell::new(SEARCH_BUDGET),
        }
    }

    /// The state as of round `round`, built from the first round up.
    pub fn as_of(talks: &'t Talks, round: usize) -> Self {
        let mut s = State::empty(talks);
        for r in 0..=round.min(talks.rounds.len().saturating_sub(1)) {
            s.apply(r);
        }
        s.round = round;
        s
    }

    /// Overlay the positions stated in round `r` (the next round in order).
    pub fn apply(&mut self, r: usize) {
        let issues = self.talks.issues.len();
        for (i, p) in self.talks.rounds[r].positions.iter().enumerate() {
            self.cells[p.party * issues + p.issue] = Some(Cell {
                round: r as u32,
                position: i as u32,
            });
        }
        self.round = r;
        self.through = r + 1;
    }

    pub fn talks(&self) -> &'t Talks {
        self.talks
    }

    /// The search steps left to the linkage questions asked of this state.
    pub fn search_left(&self) -> u64 {
        self.search_left.get()
    }

    /// `steps` of the search budget taken.
    pub fn spend_search(&self, steps: u64) {
        self.search_left
            .set(self.search_left.get().saturating_sub(steps));
    }

    /// The last thing stated by `party` on `issue`, a withdrawal included.
    pub fn last_stated(&self, party: usize, issue: usize) -> Option<Stated<'t>> {
        let cell = self.cells[party * self.talks.issues.len() + issue]?;
        let round = &self.talks.rounds[cell.round as usize];
        Some(Stated {
            position: &round.positions[cell.position as usize],
            round,
            round_ix: cell.round as usize,
        })
    }

    /// The position `party` holds on `issue`: none if never stated or withdrawn.
    pub fn get(&self, party: usize, issue: usize) -> Option<Stated<'t>> {
        self.last_stated(party, issue)
            .filter(|s| s.position.stance.is_some())
    }
}

impl<'t> State<'t> {
    /// The linkages in force: each party's latest word on each of its
    /// linkages, withdrawn ones left out; with the round that stated them.
    pub fn linkages(&self) -> Vec<(&'t Linkage, usize)> {
        let mut latest: Vec<(&'t Linkage, usize)> = Vec::new();
        for (r, round) in self.talks.rounds[..self.through].iter().enumerate() {
            for l in &round.linkages {
                latest.retain(|(x, _)| !(x.party == l.party && x.id == l.id));
                latest.push((l, r));
            }
        }
        latest.retain(|(l, _)| !l.withdrawn);
        latest.sort_by_key(|&(l, _)| (l.party, &l.id));
        latest
    }

    /// The proposals on the table: each one's latest word, withdrawn ones
    /// left out; with the round that tabled (or restated) them.
    pub fn proposals(&self) -> Vec<(&'t Proposal, usize)> {
        let mut latest: Vec<(&'t Proposal, usize)> = Vec::new();
        for (r, round) in self.talks.rounds[..self.through].iter().enumerate() {
            for p in &round.proposals {
                latest.retain(|(x, _)| x.id != p.id);
                latest.push((p, r));
            }
        }
        latest.retain(|(p, _)| !p.withdrawn);
        latest
    }
}

/// The state as of every round in turn, each built from the one before.
pub fn states(talks: &Talks) -> impl Iterator<Item = State<'_>> {
    let mut state = State::empty(talks);
    (0..talks.rounds.len()).map(move |r| {
        state.apply(r);
        state.clone()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{stance, talks};

    fn stance_of(s: &State<'_>, party: usize) -> Option<(usize, usize)> {
        s.get(party, 0)
            .map(|st| (st.position.stance.unwrap(), st.round_ix))
    }

    #[test]
    fn a_party_absent_from_a_round_keeps_its_last_position() {
        let t = talks(
            2,
            3,
            vec![
                vec![stance(0, Some(0)), stance(1, Some(2))],
                vec![stance(1, Some(1))],
            ],
        );
        let s = State::as_of(&t, 1);
        assert_eq!(stance_of(&s, 0), Some((0, 0)), "carried from round 0");
        assert_eq!(stance_of(&s, 1), Some((1, 1)), "restated in round 1");
        let first = State::as_of(&t, 0);
        assert_eq!(
            stance_of(&first, 1),
            Some((2, 0)),
            "a later round does not leak back"
        );
    }

    #[test]
    fn a_withdrawal_clears_the_position_but_is_remembered() {
        let t = talks(
            1,
            2,
            vec![vec![stance(0, Some(1))], vec![stance(0, None)], vec![]],
        );
        let s = State::as_of(&t, 2);
        assert!(s.get(0, 0).is_none());
        assert_eq!(s.last_stated(0, 0).unwrap().round_ix, 1);
    }

    #[test]
    fn a_party_never_heard_from_has_no_position() {
        let t = talks(2, 2, vec![vec![stance(0, Some(1))]]);
        assert!(State::as_of(&t, 0).get(1, 0).is_none());
    }

    #[test]
    fn the_incremental_states_equal_the_states_built_from_scratch() {
        let t = talks(
            3,
            4,
            vec![
                vec![stance(0, Some(0)), stance(2, Some(3))],
                vec![stance(1, Some(1))],
                vec![stance(0, None), stance(2, Some(2))],
                vec![stance(0, Some(3))],
            ],
        );
        for (r, s) in states(&t).enumerate() {
            let fresh = State::as_of(&t, r);
            assert_eq!(s.round, r);
            for p in 0..3 {
                assert_eq!(
                    stance_of(&s, p),
                    stance_of(&fresh, p),
                    "round {r}, party {p}"
                );
            }
        }
    }
}

//! Carry-forward: the state of a talks as of a round. A round lists only
//! what was stated there; every other party keeps its last position.

use crate::talks::{Position, Round, Talks};

/// Which round's position holds a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cell {
    round: u32,
    position: u32,
}

/// The positions in force as of one round, for every party and issue.
#[derive(Debug, Clone)]
pub struct State<'t> {
    talks: &'t Talks,
    /// Index of the round this state is as of.
    pub round: usize,
    /// `party * issues + issue`.
    cells: Vec<Option<Cell>>,
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
    }

    pub fn talks(&self) -> &'t Talks {
        self.talks
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

/// The state as of every round in turn, each built from the one before.
pub fn states(talks: &Talks) -> impl Iterator<Item = State<'_>> {
    let mut state = State::empty(talks);
    (0..talks.rounds.len()).map(move |r| {
        state.apply(r);
        state.clone()
    })
}

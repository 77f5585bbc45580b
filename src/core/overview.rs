//! What the report contains, gathered from the core types: the state as
//! of a round, the pair matrix, deal zones, the score trend and the diff
//! from an earlier round. Pure: the view names it, and `render::html`
//! writes the page.

use crate::core::compare::{PairMatrix, ScoreSeries, deal_zone, most_moved_trend, score_trend};
use crate::core::diff::RoundDiff;
use crate::core::state::State;
use crate::data::talks::{Outcomes, Talks};

/// The sections of the report, in page order: the pictures first (who
/// agrees now, how that moved, and what moved it; then issue by issue),
/// then the positions in full as the reference they are drawn from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Matrix,
    Trend,
    Changes,
    Relations,
    DealZones,
    /// Proposals on the table and linked issues.
    Packages,
    Positions,
}

pub struct Overview<'t> {
    pub talks: &'t Talks,
    /// The round the report is as of.
    pub round: usize,
    pub state: State<'t>,
    /// The parties and issues shown (all of them), as indices into `talks`.
    pub parties: Vec<usize>,
    /// The parties the matrix and the trend score: all but mediators and
    /// observers, unless they were asked for.
    pub scored: Vec<usize>,
    pub issues: Vec<usize>,
    pub matrix: PairMatrix,
    /// Per shown issue: the outcomes every party with a position accepts.
    pub zones: Vec<Option<Outcomes>>,
    /// The score series charted, for rounds `0..=round`: every pair's, in
    /// `matrix.pairs()` order, or those of `trend_pairs`, in their order.
    pub trend: ScoreSeries,
    /// Past [`Charted::all`] pairs, the [`Charted::top`] whose score moved
    /// most (indices in `matrix.pairs()` order, ascending); `None`: every
    /// pair.
    pub trend_pairs: Option<Vec<usize>>,
    /// What changed from an earlier round to `round`; `None` when the
    /// report is asked to compare the round with itself.
    pub diff: Option<RoundDiff<'t>>,
}

impl<'t> Overview<'t> {
    /// The report on every party and issue as of round `round`, with the
    /// changes since round `from` (the earlier one; the same round for none).
    /// Mediators and observers are scored too with `with_mediators`; the
    /// pairs' score series are charted as `charted` says.
    pub fn build(
        talks: &'t Talks,
        round: usize,
        from: usize,
        with_mediators: bool,
        charted: Charted,
    ) -> Self {
        let parties = crate::core::select::every_party(talks);
        let issues: Vec<usize> = (0..talks.issues.len()).collect();
        let scored = crate::core::select::scored(talks, &parties, with_mediators);
        let state = State::as_of(talks, round);
        let matrix = PairMatrix::build(&state, &scored, &issues);
        let zones = issues.iter().map(|&i| deal_zone(&state, i)).collect();
        let (trend_pairs, trend) = if matrix.summaries.len() > charted.all {
            let (top, trend) = most_moved_trend(talks, &scored, &issues, round + 1, charted.top);
            (Some(top), trend)
        } else {
            (None, score_trend(talks, &scored, &issues, round + 1))
        };
        let diff = (from != round)
            .then(|| RoundDiff::between(&State::as_of(talks, from), &state, &parties, &issues));
        Overview {
            talks,
            round,
            state,
            parties,
            scored,
            issues,
            matrix,
            zones,
            trend,
            trend_pairs,
            diff,
        }
    }

    /// The sections there is something to show in: comparing needs two
    /// parties, and every section but the matrix needs an issue.
    pub fn sections(&self) -> Vec<Section> {
        let pairs = self.scored.len() >= 2;
        let issues = !self.issues.is_empty();
        [
            (Section::Matrix, pairs),
            (Section::Trend, pairs),
            (Section::Changes, self.diff.is_some() && issues),
            (Section::Relations, pairs && issues),
            (Section::DealZones, issues),
            (
                Section::Packages,
                !(self.state.proposals().is_empty() && self.state.linkages().is_empty()),
            ),
            (Section::Positions, issues),
        ]
        .into_iter()
        .filter_map(|(s, shown)| shown.then_some(s))
        .collect()
    }

    /// Pair `k`'s score series (`k` in `matrix.pairs()` order), where it
    /// is charted.
    pub fn trend_of(&self, k: usize) -> Option<&[Option<f64>]> {
        match &self.trend_pairs {
            None => Some(self.trend.pair(k)),
            Some(top) => top.binary_search(&k).ok().map(|at| self.trend.pair(at)),
        }
    }

    /// How many positions in force are held as red lines.
    pub fn red_lines(&self) -> usize {
        self.parties
            .iter()
            .flat_map(|&p| self.issues.iter().map(move |&i| (p, i)))
            .filter(|&(p, i)| self.state.get(p, i).is_some_and(|s| s.position.red_line))
            .count()
    }

    /// How many issues have a deal zone, and on how many one can be judged.
    pub fn open_zones(&self) -> (usize, usize) {
        let judged = self.zones.iter().flatten();
        (
            judged.clone().filter(|z| !z.is_empty()).count(),
            judged.count(),
        )
    }

    /// The pairs with the highest and the lowest score (the first in pair
    /// order on a tie), as positions in `parties` with their score.
    pub fn closest_and_furthest(&self) -> Option<(PairScore, PairScore)> {
        let scored = self
            .matrix
            .pairs()
            .zip(&self.matrix.summaries)
            .filter_map(|((a, b), s)| Some((a, b, s.score?)));
        let mut best: Option<(PairScore, PairScore)> = None;
        for p in scored {
            best = Some(match best {
                None => (p, p),
                Some((hi, lo)) => (
                    if p.2 > hi.2 { p } else { hi },
                    if p.2 < lo.2 { p } else { lo },
                ),
            });
        }
        best
    }
}

/// How many pairs' score series a report charts: every pair's up to
/// `all` pairs; past that, the `top` pairs whose score moved most.
#[derive(Debug, Clone, Copy)]
pub struct Charted {
    pub all: usize,
    pub top: usize,
}

/// Two parties, as positions in the report's `parties`, and their score.
pub type PairScore = (usize, usize, f64);

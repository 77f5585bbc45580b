//! What changed between two rounds. Pure: two states in, a list of changes
//! out, matched by identity — one party's position on one issue — never by
//! place in a file.
//!
//! Either state may be the later one: a diff read backwards in time is the
//! mirror of the forward one (added ↔ withdrawn, towards ↔ away, widened ↔
//! narrowed, progress ↔ setback).

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::core::compare::{Relation, Stand, StandPairs, relate};
use serde::Serialize;

mod packages;
mod words;

pub use packages::{LinkageChange, ProposalChange};
pub use words::{WordOp, Words, words};

use crate::core::state::{State, Stated};
use crate::data::talks::{Condition, Outcomes, Position, Priority};

/// One change to one party's position on one issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A position where there was none (never stated, or withdrawn).
    Added,
    /// No position where there was one.
    Withdrawn,
    /// The stance moved along the issue's scale, and so nearer to or further
    /// from each other party with a known stance: [`RoundDiff::bearings`].
    Moved {
        steps: usize,
    },
    /// Outcomes accepted now and not before; the new stance itself is left
    /// out, the move says it.
    AcceptsWidened(Outcomes),
    /// Outcomes accepted before and not now; the old stance itself is left out.
    AcceptsNarrowed(Outcomes),
    RedLineTakenUp,
    RedLineDropped,
    /// From one priority to another, or between unset and set.
    PriorityChanged {
        from: Option<Priority>,
        to: Option<Priority>,
    },
    /// The summary or the quote in other words: [`words`] says which.
    SummaryChanged,
    QuoteChanged,
    /// A condition stated now and not before: more accepted, on it.
    ConditionTakenUp(Condition),
    /// A condition stated before and not now.
    ConditionDropped(Condition),
}

/// What kind of change a change is, as JSON and CSV name it: one per
/// [`Change`], and one for a pair's relation ([`RelationChange`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    Added,
    Withdrawn,
    Moved,
    AcceptsWidened,
    AcceptsNarrowed,
    RedLineTakenUp,
    RedLineDropped,
    PriorityChanged,
    SummaryChanged,
    QuoteChanged,
    ConditionTakenUp,
    ConditionDropped,
    RelationChanged,
    LinkageStated,
    LinkageWithdrawn,
    LinkageChanged,
    ProposalTabled,
    ProposalWithdrawn,
    ProposalRevised,
}

impl ChangeKind {
    /// The name JSON and CSV give it (its serde name).
    pub fn name(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Withdrawn => "withdrawn",
            ChangeKind::Moved => "moved",
            ChangeKind::AcceptsWidened => "accepts-widened",
            ChangeKind::AcceptsNarrowed => "accepts-narrowed",
            ChangeKind::RedLineTakenUp => "red-line-taken-up",
            ChangeKind::RedLineDropped => "red-line-dropped",
            ChangeKind::PriorityChanged => "priority-changed",
            ChangeKind::SummaryChanged => "summary-changed",
            ChangeKind::QuoteChanged => "quote-changed",
            ChangeKind::ConditionTakenUp => "condition-taken-up",
            ChangeKind::ConditionDropped => "condition-dropped",
            ChangeKind::RelationChanged => "relation-changed",
            ChangeKind::LinkageStated => "linkage-stated",
            ChangeKind::LinkageWithdrawn => "linkage-withdrawn",
            ChangeKind::LinkageChanged => "linkage-changed",
            ChangeKind::ProposalTabled => "proposal-tabled",
            ChangeKind::ProposalWithdrawn => "proposal-withdrawn",
            ChangeKind::ProposalRevised => "proposal-revised",
        }
    }
}

impl Change {
    /// The kind of change.
    pub fn kind(&self) -> ChangeKind {
        match self {
            Change::Added => ChangeKind::Added,
            Change::Withdrawn => ChangeKind::Withdrawn,
            Change::Moved { .. } => ChangeKind::Moved,
            Change::AcceptsWidened(_) => ChangeKind::AcceptsWidened,
            Change::AcceptsNarrowed(_) => ChangeKind::AcceptsNarrowed,
            Change::RedLineTakenUp => ChangeKind::RedLineTakenUp,
            Change::RedLineDropped => ChangeKind::RedLineDropped,
            Change::PriorityChanged { .. } => ChangeKind::PriorityChanged,
            Change::SummaryChanged => ChangeKind::SummaryChanged,
            Change::QuoteChanged => ChangeKind::QuoteChanged,
            Change::ConditionTakenUp(_) => ChangeKind::ConditionTakenUp,
            Change::ConditionDropped(_) => ChangeKind::ConditionDropped,
        }
    }

    /// A position held in both rounds moved: its stance, what it accepts,
    /// its red line, or its priority from one level to another. A position
    /// stated for the first time, or withdrawn, is not a move, nor is a
    /// priority stated where none was: the verdict counts those apart.
    pub fn is_movement(&self) -> bool {
        match self {
            Change::Moved { .. }
            | Change::AcceptsWidened(_)
            | Change::AcceptsNarrowed(_)
            | Change::RedLineTakenUp
            | Change::RedLineDropped
            | Change::ConditionTakenUp(_)
            | Change::ConditionDropped(_) => true,
            Change::PriorityChanged { from, to } => from.is_some() && to.is_some(),
            Change::Added | Change::Withdrawn | Change::SummaryChanged | Change::QuoteChanged => {
                false
            }
        }
    }
}

impl Change {
    /// More than wording or a newly stated priority: a move, a first
    /// statement or a withdrawal. What `history` marks with `*`; a position
    /// with none of these was restated without moving.
    pub fn is_substantive(&self) -> bool {
        self.is_movement() || matches!(self, Change::Added | Change::Withdrawn)
    }
}

/// Every party's stance on one issue as of two states, `(from, to)`, by
/// party index: what a move is set against. Made once per issue, so that
/// the bearings of a move are read from it in order and only when asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stances(Vec<(Option<usize>, Option<usize>)>);

impl Stances {
    pub fn of(from: &State<'_>, to: &State<'_>, issue: usize) -> Self {
        let stance = |s: &State<'_>, p| s.get(p, issue).and_then(|x| x.position.stance);
        Stances(
            (0..from.talks().parties.len())
                .map(|p| (stance(from, p), stance(to, p)))
                .collect(),
        )
    }

    /// How `party`'s move bears on every other party with a stance in
    /// either state, in party order; nothing if `party` did not move.
    pub fn bearings(&self, party: usize) -> impl Iterator<Item = Bearing> + '_ {
        let moved = match self.0.get(party) {
            Some(&(Some(s1), Some(s2))) if s1 != s2 => Some((s1, s2)),
            _ => None,
        };
        moved.into_iter().flat_map(move |s| {
            self.0.iter().enumerate().filter_map(move |(q, &stances)| {
                let (qf, qt) = match stances {
                    _ if q == party => return None,
                    (None, None) => return None,
                    (Some(f), Some(t)) => (f, t),
                    (Some(x), None) | (None, Some(x)) => (x, x),
                };
                Some(bearing(q, s, (qf, qt)))
            })
        })
    }
}

/// How a party's move on the scale bears on another party.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bearing {
    pub party: usize,
    pub direction: Direction,
    /// Steps on the scale between the two parties' stances, before and after.
    pub apart: (usize, usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Towards,
    Away,
    /// Crossed over, or no nearer and no further.
    Unchanged,
}

impl Direction {
    pub fn name(self) -> &'static str {
        match self {
            Direction::Towards => "towards",
            Direction::Away => "away",
            Direction::Unchanged => "unchanged",
        }
    }
}

/// Every change to one party's position on one issue.
#[derive(Debug, Clone)]
pub struct PositionDiff<'t> {
    pub party: usize,
    pub issue: usize,
    /// The position held as of each round; `None` where there was none.
    pub from: Option<Stated<'t>>,
    pub to: Option<Stated<'t>>,
    pub changes: Vec<Change>,
}

/// Whether a relation got better, worse, or became (un)known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Trend {
    Progress,
    Setback,
    /// Unknown before: a side had no position.
    NowKnown,
    /// Unknown now: a side no longer has a position.
    NowUnknown,
}

impl Trend {
    pub fn name(self) -> &'static str {
        match self {
            Trend::Progress => "progress",
            Trend::Setback => "setback",
            Trend::NowKnown => "now-known",
            Trend::NowUnknown => "now-unknown",
        }
    }
}

/// Worst to best; unknown is off the scale.
fn rank(r: Relation) -> Option<u8> {
    match r {
        Relation::Clash => Some(0),
        Relation::Disagree => Some(1),
        Relation::Overlap => Some(2),
        Relation::Agree => Some(3),
        Relation::Unknown => None,
    }
}

/// One pair's relation on one issue, changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RelationChange {
    pub issue: usize,
    /// Party indices, the lower first.
    pub parties: (usize, usize),
    pub from: Relation,
    pub to: Relation,
}

impl RelationChange {
    pub fn trend(&self) -> Trend {
        match (rank(self.from), rank(self.to)) {
            (None, _) => Trend::NowKnown,
            (_, None) => Trend::NowUnknown,
            (Some(a), Some(b)) if b > a => Trend::Progress,
            _ => Trend::Setback,
        }
    }
}

/// At most this many pairs that only became (or stopped being) comparable
/// are listed one by one; past it they are counted per issue. Each follows
/// from a position stated or withdrawn, which the diff lists: at 200
/// parties they outnumber every other change fifty to one.
pub const LIST_COMPARABLE: usize = 1000;

/// Pairs on one issue that became, or stopped being, comparable, counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unlisted {
    pub issue: usize,
    pub trend: Trend,
    pub pairs: usize,
}

/// The relations that changed, issue by issue, pair by pair, among the
/// pairs holding at least one of `parties`. Those that only became, or
/// stopped being, comparable are counted from how many parties hold a
/// stance in each state; the others are looked for among the parties
/// holding a stance in both (among every party with a position, while
/// those are listed too), each pair's relations looked up by the classes
/// of their stands. So the cost follows the parties with positions, not
/// every party of the talks squared, and at 400 parties it is not one
/// relation worked out for each pair on each issue.
///
/// Those that only became or stopped being comparable are listed too
/// while there are at most `limit` of them in all.
fn relation_changes(
    from: &State<'_>,
    to: &State<'_>,
    parties: &[usize],
    issues: &[usize],
    limit: usize,
) -> (Vec<RelationChange>, Vec<Unlisted>) {
    let n = from.talks().parties.len();
    let mut asked = vec![false; n];
    for &p in parties {
        asked[p] = true;
    }
    let mut relations = Vec::new();
    let mut comparable = 0;
    // Per issue, the pairs that became and that stopped being comparable.
    let mut counts: Vec<Unlisted> = Vec::new();
    for &i in issues {
        // Parties holding a position on the issue in either state, and
        // what the comparator reads of it in each.
        let stand = |s: Option<Stated<'_>>| s.and_then(|s| Stand::of(s.position));
        let holders: Vec<Holder> = (0..n)
            .filter_map(|p| {
                let (f, t) = (stand(from.get(p, i)), stand(to.get(p, i)));
                (f.is_some() || t.is_some()).then_some((p, f, t))
            })
            .collect();
        // A pair is comparable where both hold a stance. How many parties
        // there are of each sort, a sum of: asked for (4), holding a stance
        // before (2), holding one after (1).
        let mut sorts = [0usize; 8];
        for &(p, f, t) in &holders {
            let bit = |b: bool, at: usize| usize::from(b) << at;
            sorts[bit(asked[p], 2) | bit(f.is_some(), 1) | bit(t.is_some(), 0)] += 1;
        }
        let mut known = [0, 0];
        for (x, &n_x) in sorts.iter().enumerate() {
            for (y, &n_y) in sorts.iter().enumerate().skip(x) {
                let pairs = if x == y {
                    n_x * n_x.saturating_sub(1) / 2
                } else {
                    n_x * n_y
                };
                let (before, after) = (x & y & 2 != 0, x & y & 1 != 0);
                if (x | y) & 4 != 0 && before != after {
                    known[usize::from(before)] += pairs;
                }
            }
        }
        comparable += known[0] + known[1];
        // Those listed one by one, while few in all; past that, only a
        // party holding a stance in both states can be in a change that
        // is not counted.
        let list_comparable = comparable <= limit;
        let looked_at: Vec<Holder> = holders
            .into_iter()
            .filter(|&(_, f, t)| list_comparable || (f.is_some() && t.is_some()))
            .collect();
        let table = |stand: fn(&Holder) -> Option<Stand>| {
            StandPairs::of(&looked_at.iter().map(stand).collect::<Vec<_>>(), relate)
        };
        let (before, after) = (table(|h| h.1), table(|h| h.2));
        for (k, &(a, ..)) in looked_at.iter().enumerate() {
            let (a_before, a_after) = (before.with(k), after.with(k));
            for (l, &(b, ..)) in looked_at.iter().enumerate().skip(k + 1) {
                let (rf, rt) = (a_before[before.class(l)], a_after[after.class(l)]);
                if rf != rt && (asked[a] || asked[b]) {
                    relations.push(RelationChange {
                        issue: i,
                        parties: (a, b),
                        from: rf,
                        to: rt,
                    });
                }
            }
        }
        for (trend, pairs) in [Trend::NowKnown, Trend::NowUnknown].into_iter().zip(known) {
            if pairs > 0 {
                counts.push(Unlisted {
                    issue: i,
                    trend,
                    pairs,
                });
            }
        }
    }
    if comparable <= limit {
        return (relations, Vec::new());
    }
    relations.retain(|c| !matches!(c.trend(), Trend::NowKnown | Trend::NowUnknown));
    (relations, counts)
}

/// A party holding a position on an issue in one state or both: its
/// index, and its stand in each (`None`: no stance).
type Holder = (usize, Option<Stand>, Option<Stand>);

/// What changed between the states as of two rounds.
#[derive(Debug, Clone)]
pub struct RoundDiff<'t> {
    /// Round indices; `from` may be the later one.
    pub from: usize,
    pub to: usize,
    pub issues: Vec<usize>,
    /// Party by party (in the order asked), issue by issue; only where
    /// something changed.
    pub positions: Vec<PositionDiff<'t>>,
    /// Issue by issue, pair by pair: every pair with at least one of the
    /// parties asked.
    /// Pairs that only became (or stopped being) comparable are listed here
    /// too, unless there are more than [`LIST_COMPARABLE`] of them: then
    /// they are counted in `unlisted` instead.
    pub relations: Vec<RelationChange>,
    /// Issue by issue, how many pairs became comparable (`NowKnown`) or
    /// stopped being so (`NowUnknown`) and are not in `relations`.
    pub unlisted: Vec<Unlisted>,
    /// Linkages of the parties asked, on the issues asked.
    pub linkages: Vec<LinkageChange<'t>>,
    /// Proposals by the parties asked, on the issues asked, in the order
    /// they were tabled.
    pub proposals: Vec<ProposalChange<'t>>,
    /// Every party's stances on each issue where a stance moved, by issue
    /// index: what [`RoundDiff::bearings`] reads.
    pub stances: BTreeMap<usize, Arc<Stances>>,
}

/// The counts a verdict is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Tally {
    pub issues: usize,
    /// Issues where a position held in both rounds moved.
    pub moved: usize,
    /// Positions held now and not before, and the other way round.
    pub added: usize,
    pub withdrawn: usize,
    /// Positions restated without moving: in other words, or with a
    /// priority stated where none was.
    pub restated: usize,
    /// Relations that got better (or worse) on the scale clash < disagree <
    /// overlap < agree; a relation that becomes known or unknown is neither.
    pub improved: usize,
    pub worsened: usize,
    /// Proposals tabled and withdrawn, linkages stated and withdrawn.
    #[serde(skip_serializing_if = "is_zero")]
    pub proposals_tabled: usize,
    #[serde(skip_serializing_if = "is_zero")]
    pub proposals_withdrawn: usize,
    #[serde(skip_serializing_if = "is_zero")]
    pub linkages_stated: usize,
    #[serde(skip_serializing_if = "is_zero")]
    pub linkages_withdrawn: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl<'t> RoundDiff<'t> {
    /// Compare `parties` on `issues` between two states. A move is set
    /// against every other party of the talks; relations are those of every
    /// pair holding at least one of `parties`.
    pub fn between(from: &State<'t>, to: &State<'t>, parties: &[usize], issues: &[usize]) -> Self {
        let mut positions = Vec::new();
        let mut stances = BTreeMap::new();
        for &p in parties {
            for &i in issues {
                let changes = position_changes(from, to, p, i);
                if changes.iter().any(|c| matches!(c, Change::Moved { .. })) {
                    stances
                        .entry(i)
                        .or_insert_with(|| Arc::new(Stances::of(from, to, i)));
                }
                if !changes.is_empty() {
                    positions.push(PositionDiff {
                        party: p,
                        issue: i,
                        from: from.get(p, i),
                        to: to.get(p, i),
                        changes,
                    });
                }
            }
        }
        let (relations, unlisted) = relation_changes(from, to, parties, issues, LIST_COMPARABLE);
        RoundDiff {
            from: from.round,
            to: to.round,
            issues: issues.to_vec(),
            positions,
            relations,
            unlisted,
            linkages: packages::linkage_changes(from, to, parties, issues),
            proposals: packages::proposal_changes(from, to, parties, issues),
            stances,
        }
    }

    /// Every party's stances on `issue`, if a stance moved on it: how each
    /// move bears on the other parties ([`Stances::bearings`]).
    pub fn stances(&self, issue: usize) -> Option<&Arc<Stances>> {
        self.stances.get(&issue)
    }

    /// Leave out changes of wording alone: a summary or a quote reworded.
    /// A position whose every change was one is left out with them.
    pub fn drop_wording(&mut self) {
        for d in &mut self.positions {
            d.changes
                .retain(|c| !matches!(c, Change::SummaryChanged | Change::QuoteChanged));
        }
        self.positions.retain(|d| !d.changes.is_empty());
    }

    pub fn is_empty(&self) -> bool {
        self.positions.is_empty()
            && self.relations.is_empty()
            && self.unlisted.is_empty()
            && self.linkages.is_empty()
            && self.proposals.is_empty()
    }

    pub fn tally(&self) -> Tally {
        let issues_where = |f: &dyn Fn(&PositionDiff<'t>) -> bool| {
            self.issues
                .iter()
                .filter(|&&i| self.positions.iter().any(|d| d.issue == i && f(d)))
                .count()
        };
        let changes = || self.positions.iter().flat_map(|d| &d.changes);
        let count = |c: Change| changes().filter(|&x| *x == c).count();
        let trend = |t| self.relations.iter().filter(|r| r.trend() == t).count();
        Tally {
            issues: self.issues.len(),
            moved: issues_where(&|d| d.changes.iter().any(Change::is_movement)),
            added: count(Change::Added),
            withdrawn: count(Change::Withdrawn),
            restated: self
                .positions
                .iter()
                .filter(|d| !d.changes.iter().any(Change::is_substantive))
                .count(),
            improved: trend(Trend::Progress),
            worsened: trend(Trend::Setback),
            proposals_tabled: self
                .proposals
                .iter()
                .filter(|c| c.kind == ChangeKind::ProposalTabled)
                .count(),
            proposals_withdrawn: self
                .proposals
                .iter()
                .filter(|c| c.kind == ChangeKind::ProposalWithdrawn)
                .count(),
            linkages_stated: self
                .linkages
                .iter()
                .filter(|c| c.kind == ChangeKind::LinkageStated)
                .count(),
            linkages_withdrawn: self
                .linkages
                .iter()
                .filter(|c| c.kind == ChangeKind::LinkageWithdrawn)
                .count(),
        }
    }
}

/// What changed in `party`'s position on `issue` from one state to another.
pub fn position_changes(
    from: &State<'_>,
    to: &State<'_>,
    party: usize,
    issue: usize,
) -> Vec<Change> {
    let (a, b) = match (from.get(party, issue), to.get(party, issue)) {
        (None, None) => return Vec::new(),
        (None, Some(_)) => return vec![Change::Added],
        (Some(_), None) => return vec![Change::Withdrawn],
        (Some(a), Some(b)) => (a.position, b.position),
    };
    let mut out = Vec::new();
    if let (Some(s1), Some(s2)) = (a.stance, b.stance)
        && s1 != s2
    {
        out.push(Change::Moved {
            steps: s1.abs_diff(s2),
        });
    }
    let (s1, s2) = (stance_set(a), stance_set(b));
    let widened = b.accepts.minus(a.accepts).minus(s2);
    let narrowed = a.accepts.minus(b.accepts).minus(s1);
    if !widened.is_empty() {
        out.push(Change::AcceptsWidened(widened));
    }
    if !narrowed.is_empty() {
        out.push(Change::AcceptsNarrowed(narrowed));
    }
    match (a.red_line, b.red_line) {
        (false, true) => out.push(Change::RedLineTakenUp),
        (true, false) => out.push(Change::RedLineDropped),
        _ => {}
    }
    if a.priority != b.priority {
        out.push(Change::PriorityChanged {
            from: a.priority,
            to: b.priority,
        });
    }
    if a.summary != b.summary {
        out.push(Change::SummaryChanged);
    }
    if a.quote != b.quote {
        out.push(Change::QuoteChanged);
    }
    // Conditions are matched by what they accept and ask, not their words.
    let terms = |c: &Condition| (c.accepts, c.only_if.clone());
    for c in &b.conditions {
        if !a.conditions.iter().any(|x| terms(x) == terms(c)) {
            out.push(Change::ConditionTakenUp(c.clone()));
        }
    }
    for c in &a.conditions {
        if !b.conditions.iter().any(|x| terms(x) == terms(c)) {
            out.push(Change::ConditionDropped(c.clone()));
        }
    }
    out
}

fn stance_set(p: &Position) -> Outcomes {
    p.stance.map(Outcomes::one).unwrap_or_default()
}

/// A move from `s.0` to `s.1` seen from a party whose stance went from
/// `q.0` to `q.1` meanwhile. The direction is that of the mover's own step,
/// measured against both of the other's stances, so that it reverses
/// exactly when the diff is read backwards; `apart` is the gap before and
/// after, whoever closed it.
fn bearing(party: usize, s: (usize, usize), q: (usize, usize)) -> Bearing {
    let d = |x: usize, y: usize| x.abs_diff(y) as i64;
    let delta = d(s.1, q.0) - d(s.0, q.0) + d(s.1, q.1) - d(s.0, q.1);
    Bearing {
        party,
        direction: match delta {
            ..0 => Direction::Towards,
            0 => Direction::Unchanged,
            _ => Direction::Away,
        },
        apart: (s.0.abs_diff(q.0), s.1.abs_diff(q.1)),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::core::compare::relation;
    use crate::data::talks::{Priority, Talks};
    use crate::testing;

    const SUMMARIES: [&str; 3] = [
        "a low toll for all ships",
        "a high toll for all ships",
        "a low toll for small ships",
    ];
    const QUOTES: [Option<&str>; 3] = [None, Some("we will not pay"), Some("we will pay")];

    const PRIORITIES: [Option<Priority>; 3] =
        [None, Some(Priority::Core), Some(Priority::Secondary)];

    /// What one party states in one round: nothing (most often), a
    /// withdrawal, or a position drawn from a few seeds.
    fn statement(outcomes: usize) -> impl Strategy<Value = Option<Position>> {
        let position = (
            0..outcomes,
            any::<u64>(),
            any::<bool>(),
            0..3usize,
            0..3usize,
            0..3usize,
        )
            .prop_map(move |(stance, extra, red_line, priority, summary, quote)| {
                let p = testing::stance(0, Some(stance));
                Position {
                    accepts: Outcomes(p.accepts.0 | extra & ((1 << outcomes) - 1)),
                    red_line,
                    priority: PRIORITIES[priority],
                    summary: SUMMARIES[summary].to_string(),
                    quote: QUOTES[quote].map(str::to_string),
                    ..p
                }
            });
        prop_oneof![
            3 => Just(None),
            1 => Just(Some(testing::stance(0, None))),
            4 => position.prop_map(Some),
        ]
    }

    const MAX_ROUNDS: usize = 4;

    /// Small talks: 2–4 parties, one issue of 2–5 outcomes, 1–4 rounds.
    fn talks() -> impl Strategy<Value = Talks> {
        talks_of_up_to(4)
    }

    fn talks_of_up_to(parties: usize) -> impl Strategy<Value = Talks> {
        (2..=parties, 2..=5usize, 1..=MAX_ROUNDS).prop_flat_map(|(parties, outcomes, rounds)| {
            let round = proptest::collection::vec(statement(outcomes), parties);
            proptest::collection::vec(round, rounds)
                .prop_map(move |statements| build(parties, outcomes, statements))
        })
    }

    /// `statements[round][party]`.
    fn build(parties: usize, outcomes: usize, statements: Vec<Vec<Option<Position>>>) -> Talks {
        let rounds = statements
            .into_iter()
            .map(|round| {
                round
                    .into_iter()
                    .enumerate()
                    .filter_map(|(party, p)| p.map(|p| Position { party, ..p }))
                    .collect()
            })
            .collect();
        testing::talks(parties, outcomes, rounds)
    }

    /// Past [`LIST_COMPARABLE`] pairs that became comparable, the diff counts
    /// them per issue and lists the rest: 60 parties stating a first
    /// position on one issue make 1 770 such pairs.
    #[test]
    fn pairs_now_comparable_past_the_limit_are_counted() {
        let first: Vec<Position> = (0..60).map(|p| testing::stance(p, Some(p % 3))).collect();
        let second: Vec<Position> = vec![testing::stance(0, Some(2))];
        let talks = testing::talks(60, 3, vec![Vec::new(), first, second]);
        let parties: Vec<usize> = (0..60).collect();
        let d = RoundDiff::between(
            &State::as_of(&talks, 0),
            &State::as_of(&talks, 1),
            &parties,
            &[0],
        );
        assert!(d.relations.is_empty(), "{:?}", d.relations.len());
        assert_eq!(
            d.unlisted,
            vec![Unlisted {
                issue: 0,
                trend: Trend::NowKnown,
                pairs: 60 * 59 / 2
            }]
        );
        // A move between the two later rounds is listed with its relations.
        let d = RoundDiff::between(
            &State::as_of(&talks, 1),
            &State::as_of(&talks, 2),
            &parties,
            &[0],
        );
        assert!(d.unlisted.is_empty());
        assert_eq!(
            d.relations,
            every_relation_change(&State::as_of(&talks, 1), &State::as_of(&talks, 2), &parties)
        );
        assert!(!d.relations.is_empty());
    }

    fn diff(talks: &Talks, a: usize, b: usize) -> RoundDiff<'_> {
        let parties: Vec<usize> = (0..talks.parties.len()).collect();
        let issues = [0];
        RoundDiff::between(
            &State::as_of(talks, a),
            &State::as_of(talks, b),
            &parties,
            &issues,
        )
    }

    /// The change as it reads backwards in time.
    fn mirrored(c: &Change) -> Change {
        match c {
            Change::Added => Change::Withdrawn,
            Change::Withdrawn => Change::Added,
            Change::Moved { steps } => Change::Moved { steps: *steps },
            Change::AcceptsWidened(o) => Change::AcceptsNarrowed(*o),
            Change::AcceptsNarrowed(o) => Change::AcceptsWidened(*o),
            Change::RedLineTakenUp => Change::RedLineDropped,
            Change::RedLineDropped => Change::RedLineTakenUp,
            Change::PriorityChanged { from, to } => Change::PriorityChanged {
                from: *to,
                to: *from,
            },
            Change::SummaryChanged => Change::SummaryChanged,
            Change::QuoteChanged => Change::QuoteChanged,
            Change::ConditionTakenUp(c) => Change::ConditionDropped(c.clone()),
            Change::ConditionDropped(c) => Change::ConditionTakenUp(c.clone()),
        }
    }

    fn sorted(mut v: Vec<Change>) -> Vec<Change> {
        v.sort_by_key(|c| c.kind());
        v
    }

    fn text_of(words: &[Words], skip: WordOp) -> String {
        words
            .iter()
            .filter(|w| w.op != skip)
            .map(|w| w.text.as_str())
            .collect()
    }

    /// Every pair's relation on every issue compared in both states, the
    /// way the diff did before it skipped pairs that cannot have changed.
    fn every_relation_change(
        from: &State<'_>,
        to: &State<'_>,
        parties: &[usize],
    ) -> Vec<RelationChange> {
        let n = from.talks().parties.len();
        let mut all = Vec::new();
        for i in 0..from.talks().issues.len() {
            for (a, b) in crate::core::compare::pairs(n) {
                if !(parties.contains(&a) || parties.contains(&b)) {
                    continue;
                }
                let rel = |s: &State<'_>| {
                    relation(
                        s.get(a, i).map(|x| x.position),
                        s.get(b, i).map(|x| x.position),
                    )
                };
                if rel(from) != rel(to) {
                    all.push(RelationChange {
                        issue: i,
                        parties: (a, b),
                        from: rel(from),
                        to: rel(to),
                    });
                }
            }
        }
        all
    }

    proptest! {
        #[test]
        fn relation_changes_are_every_pair_compared(
            talks in talks(), a in 0..MAX_ROUNDS, b in 0..MAX_ROUNDS, some in any::<bool>(),
        ) {
            let (a, b) = (a % talks.rounds.len(), b % talks.rounds.len());
            let parties: Vec<usize> = if some { vec![0] } else { (0..talks.parties.len()).collect() };
            let (from, to) = (State::as_of(&talks, a), State::as_of(&talks, b));
            let d = RoundDiff::between(&from, &to, &parties, &[0]);
            prop_assert!(d.unlisted.is_empty());
            prop_assert_eq!(d.relations, every_relation_change(&from, &to, &parties));
        }

        #[test]
        fn past_the_limit_those_now_comparable_are_counted(
            talks in talks_of_up_to(12), a in 0..MAX_ROUNDS, b in 0..MAX_ROUNDS, some in any::<bool>(),
            limit in 0usize..12,
        ) {
            let (a, b) = (a % talks.rounds.len(), b % talks.rounds.len());
            let parties: Vec<usize> = if some { vec![0] } else { (0..talks.parties.len()).collect() };
            let (from, to) = (State::as_of(&talks, a), State::as_of(&talks, b));
            let every = every_relation_change(&from, &to, &parties);
            let counted = |t: Trend| every.iter().filter(|c| c.trend() == t).count();
            let (now_known, now_unknown) = (counted(Trend::NowKnown), counted(Trend::NowUnknown));
            let (listed, unlisted) = relation_changes(&from, &to, &parties, &[0], limit);
            if now_known + now_unknown <= limit {
                prop_assert_eq!(listed, every);
                prop_assert!(unlisted.is_empty());
            } else {
                let moved: Vec<RelationChange> = every
                    .iter()
                    .copied()
                    .filter(|c| !matches!(c.trend(), Trend::NowKnown | Trend::NowUnknown))
                    .collect();
                prop_assert_eq!(listed, moved);
                let expected: Vec<Unlisted> = [(Trend::NowKnown, now_known), (Trend::NowUnknown, now_unknown)]
                    .into_iter()
                    .filter(|&(_, pairs)| pairs > 0)
                    .map(|(trend, pairs)| Unlisted { issue: 0, trend, pairs })
                    .collect();
                prop_assert_eq!(unlisted, expected);
            }
        }

        #[test]
        fn a_round_diffed_with_itself_is_empty(talks in talks(), r in 0..MAX_ROUNDS) {
            let r = r % talks.rounds.len();
            let d = diff(&talks, r, r);
            prop_assert!(d.is_empty(), "{d:?}");
            prop_assert_eq!(d.tally().moved, 0);
        }

        #[test]
        fn a_diff_read_backwards_is_the_mirror(talks in talks(), a in 0..MAX_ROUNDS, b in 0..MAX_ROUNDS) {
            let (a, b) = (a % talks.rounds.len(), b % talks.rounds.len());
            let fwd = diff(&talks, a, b);
            let back = diff(&talks, b, a);
            prop_assert_eq!(fwd.positions.len(), back.positions.len());
            for (f, b) in fwd.positions.iter().zip(&back.positions) {
                prop_assert_eq!((f.party, f.issue), (b.party, b.issue));
                let at = |s: Option<Stated<'_>>| s.map(|s| std::ptr::from_ref(s.position));
                prop_assert!(at(f.from) == at(b.to));
                prop_assert!(at(f.to) == at(b.from));
                prop_assert_eq!(
                    sorted(f.changes.iter().map(mirrored).collect()),
                    sorted(b.changes.clone())
                );
                let bearings = |d: &RoundDiff<'_>| -> Vec<Bearing> {
                    d.stances(f.issue).map_or(Vec::new(), |s| s.bearings(f.party).collect())
                };
                let mirrored: Vec<Bearing> = bearings(&fwd)
                    .into_iter()
                    .map(|b| Bearing {
                        direction: match b.direction {
                            Direction::Towards => Direction::Away,
                            Direction::Away => Direction::Towards,
                            Direction::Unchanged => Direction::Unchanged,
                        },
                        apart: (b.apart.1, b.apart.0),
                        ..b
                    })
                    .collect();
                prop_assert_eq!(mirrored, bearings(&back));
            }
            let swapped: Vec<RelationChange> = fwd
                .relations
                .iter()
                .map(|r| RelationChange { from: r.to, to: r.from, ..*r })
                .collect();
            prop_assert_eq!(&swapped, &back.relations);
            for (f, b) in fwd.relations.iter().zip(&back.relations) {
                let flipped = match f.trend() {
                    Trend::Progress => Trend::Setback,
                    Trend::Setback => Trend::Progress,
                    Trend::NowKnown => Trend::NowUnknown,
                    Trend::NowUnknown => Trend::NowKnown,
                };
                prop_assert_eq!(flipped, b.trend());
            }
            let (tf, tb) = (fwd.tally(), back.tally());
            prop_assert_eq!((tf.moved, tf.restated), (tb.moved, tb.restated));
            prop_assert_eq!((tf.added, tf.withdrawn), (tb.withdrawn, tb.added));
            prop_assert_eq!((tf.improved, tf.worsened), (tb.worsened, tb.improved));
        }

        #[test]
        fn only_what_a_round_restates_changes_in_it(talks in talks(), r in 1..MAX_ROUNDS) {
            // Carry-forward: a party absent from a round, or silent on an
            // issue there, neither withdrew nor moved.
            prop_assume!(r < talks.rounds.len());
            let d = diff(&talks, r - 1, r);
            let round = &talks.rounds[r];
            for p in &d.positions {
                prop_assert!(
                    round.positions.iter().any(|x| (x.party, x.issue) == (p.party, p.issue)),
                    "{:?} changed in round {r} without being stated there", (p.party, p.issue)
                );
            }
        }

        #[test]
        fn word_runs_rebuild_both_texts(a in "[a-c ]{0,16}", b in "[a-c ]{0,16}") {
            let w = words(&a, &b);
            prop_assert_eq!(text_of(&w, WordOp::Added), a);
            prop_assert_eq!(text_of(&w, WordOp::Removed), b);
        }

        #[test]
        fn word_runs_read_backwards_are_the_mirror(a in "[a-c ]{0,16}", b in "[a-c ]{0,16}") {
            let flip = |op| match op {
                WordOp::Removed => WordOp::Added,
                WordOp::Added => WordOp::Removed,
                op => op,
            };
            // The same runs, removed and added swapped (order within a
            // change aside: removed always comes first).
            let runs = |x: &str, y: &str, f: &dyn Fn(WordOp) -> WordOp| {
                let mut v: Vec<String> = words(x, y)
                    .into_iter()
                    .map(|w| format!("{:?} {}", f(w.op), w.text))
                    .collect();
                v.sort();
                v
            };
            let (f, b) = (runs(&a, &b, &flip), runs(&b, &a, &|op| op));
            prop_assert_eq!(f, b);
        }
    }

    #[test]
    fn a_move_is_towards_a_party_it_nears_and_away_from_one_it_leaves() {
        // Scale 0..=4: the mover goes 0 → 2; one party sits at 4, one at 0.
        assert_eq!(bearing(1, (0, 2), (4, 4)).direction, Direction::Towards);
        assert_eq!(bearing(1, (0, 2), (4, 4)).apart, (4, 2));
        assert_eq!(bearing(2, (0, 2), (0, 0)).direction, Direction::Away);
        // Crossing over a party: as far from it as before.
        assert_eq!(bearing(1, (0, 2), (1, 1)).direction, Direction::Unchanged);
        // The other party moved too: the direction is the mover's own step
        // against both of its stances; the gap is what it is, whoever closed it.
        let b = bearing(1, (0, 1), (4, 3));
        assert_eq!(b.direction, Direction::Towards);
        assert_eq!(b.apart, (4, 2));
        // Towards where it was, away from where it went: neither.
        let b = bearing(1, (0, 1), (4, 0));
        assert_eq!(b.direction, Direction::Unchanged);
        assert_eq!(b.apart, (4, 1));
    }

    #[test]
    fn a_rewritten_sentence_is_one_run_each_way() {
        let run = |op, text: &str| Words {
            op,
            text: text.to_string(),
        };
        assert_eq!(
            words(
                "The harbour is ours to run.",
                "We could live with a joint board."
            ),
            vec![
                run(WordOp::Removed, "The harbour is ours to run."),
                run(WordOp::Added, "We could live with a joint board."),
            ]
        );
        assert_eq!(
            words("a low toll for all ships", "a high toll for all ships"),
            vec![
                run(WordOp::Equal, "a "),
                run(WordOp::Removed, "low"),
                run(WordOp::Added, "high"),
                run(WordOp::Equal, " toll for all ships"),
            ]
        );
    }

    #[test]
    fn relations_rank_from_clash_to_agree() {
        use Relation::*;
        for (from, to, trend) in [
            (Disagree, Overlap, Trend::Progress),
            (Clash, Disagree, Trend::Progress),
            (Overlap, Clash, Trend::Setback),
            (Agree, Overlap, Trend::Setback),
            (Unknown, Clash, Trend::NowKnown),
            (Agree, Unknown, Trend::NowUnknown),
        ] {
            let change = RelationChange {
                issue: 0,
                parties: (0, 1),
                from,
                to,
            };
            assert_eq!(change.trend(), trend, "{from:?} → {to:?}");
        }
    }

    #[test]
    fn a_stance_moving_with_its_default_accepts_is_one_change() {
        let at = |party, stance| Some(testing::stance(party, Some(stance)));
        let talks = build(2, 3, vec![vec![at(0, 0), at(1, 2)], vec![at(0, 1), None]]);
        let d = diff(&talks, 0, 1);
        assert_eq!(d.positions.len(), 1);
        assert_eq!(d.positions[0].changes, vec![Change::Moved { steps: 1 }]);
        let bearings: Vec<Bearing> = d.stances(0).unwrap().bearings(0).collect();
        assert_eq!(
            bearings,
            vec![Bearing {
                party: 1,
                direction: Direction::Towards,
                apart: (2, 1)
            }]
        );
        assert!(d.relations.is_empty(), "{:?}", d.relations);
    }
}

//! The comparator: relations between two parties' positions, deal zones,
//! and the matrices built from them. Pure: no I/O, no formatting.

use serde::Serialize;

use crate::core::state::State;
use crate::data::talks::{Outcomes, Position, Priority};

/// How two parties stand to each other on one issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    /// Same stance.
    Agree,
    /// Different stances, but an outcome both accept.
    Overlap,
    /// No outcome both accept; neither calls it a red line.
    Disagree,
    /// No outcome both accept, and at least one side holds a red line.
    Clash,
    /// One side has no stated position.
    Unknown,
}

impl Relation {
    pub const ALL: [Relation; 5] = [
        Relation::Agree,
        Relation::Overlap,
        Relation::Disagree,
        Relation::Clash,
        Relation::Unknown,
    ];

    /// Its name in JSON and CSV (its serde name).
    pub fn key(self) -> &'static str {
        match self {
            Relation::Agree => "agree",
            Relation::Overlap => "overlap",
            Relation::Disagree => "disagree",
            Relation::Clash => "clash",
            Relation::Unknown => "unknown",
        }
    }

    /// How much this relation counts towards an agreement score, where known.
    /// Its place in [`Relation::ALL`].
    pub fn at(self) -> usize {
        match self {
            Relation::Agree => 0,
            Relation::Overlap => 1,
            Relation::Disagree => 2,
            Relation::Clash => 3,
            Relation::Unknown => 4,
        }
    }

    pub fn score(self) -> Option<f64> {
        match self {
            Relation::Agree => Some(1.0),
            Relation::Overlap => Some(0.5),
            Relation::Disagree | Relation::Clash => Some(0.0),
            Relation::Unknown => None,
        }
    }
}

/// The relation of two positions on the same issue.
pub fn relation(a: Option<&Position>, b: Option<&Position>) -> Relation {
    relate(a.and_then(Stand::of), b.and_then(Stand::of))
}

/// What the comparator reads of a position that has a stance, packed so
/// that the matrices' (and the trades') inner loops stay in cache.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Stand {
    pub(crate) stance: usize,
    accepts: Outcomes,
    pub(crate) red_line: bool,
    pub(crate) weight: f64,
}

impl Stand {
    /// A placeholder where a party holds no stance, for a packed row that
    /// says so beside it; it relates to nothing.
    pub(crate) const NONE: Stand = Stand {
        stance: usize::MAX,
        accepts: Outcomes(0),
        red_line: false,
        weight: 0.0,
    };

    /// Whether this is a stance held, not [`Stand::NONE`].
    pub(crate) fn is_held(self) -> bool {
        self.stance != Stand::NONE.stance
    }

    /// `None` for a withdrawal: it holds no stance.
    pub(crate) fn of(p: &Position) -> Option<Stand> {
        Some(Stand {
            stance: p.stance?,
            accepts: p.accepts,
            red_line: p.red_line,
            weight: weight(p.priority),
        })
    }
}

pub(crate) fn relate(a: Option<Stand>, b: Option<Stand>) -> Relation {
    match (a, b) {
        (Some(a), Some(b)) => relate_held(a, b),
        _ => Relation::Unknown,
    }
}

/// The relation of two stances, both held.
fn relate_held(a: Stand, b: Stand) -> Relation {
    // The first that holds of: same stance (4), an outcome both accept
    // (2), a red line (1); else they disagree. Looked up, not branched on,
    // for the loops over pairs × issues.
    const FIRST: [Relation; 8] = [
        Relation::Disagree,
        Relation::Clash,
        Relation::Overlap,
        Relation::Overlap,
        Relation::Agree,
        Relation::Agree,
        Relation::Agree,
        Relation::Agree,
    ];
    let holds = (4 * usize::from(a.stance == b.stance))
        | (2 * usize::from(!a.accepts.intersect(b.accepts).is_empty()))
        | usize::from(a.red_line | b.red_line);
    FIRST[holds]
}

/// The agreement score of two parties over the issues given as the pairs
/// of their positions (`None` where one holds none), as the matrix counts
/// it: what `trades` weighs a trade by.
pub fn pair_score<'p>(
    positions: impl IntoIterator<Item = (Option<&'p Position>, Option<&'p Position>)>,
) -> Option<f64> {
    positions
        .into_iter()
        .map(|(a, b)| Term::between(a.and_then(Stand::of), b.and_then(Stand::of)))
        .fold(Term::default(), |sum, term| sum + term)
        .score()
}

/// One issue's term of a pair's agreement score where both hold a stance:
/// `(w·s, w)`. Summed over the issues both hold a stance on, `Σ w·s / Σ w`
/// is [`pair_score`]. Worked out without branching on the relation, for
/// the trades' inner loop.
#[inline]
pub(crate) fn held_term(a: Stand, b: Stand) -> (f64, f64) {
    let w = a.weight + b.weight;
    let s = relate_held(a, b).score().unwrap_or(0.0);
    (w * s, w)
}

/// The weight of an issue for one party: core issues count twice.
pub fn weight(p: Option<Priority>) -> f64 {
    match p {
        Some(Priority::Core) => 2.0,
        _ => 1.0,
    }
}

/// The outcomes every party with a known position on `issue` accepts, or
/// `None` where fewer than two parties have one.
pub fn deal_zone(state: &State<'_>, issue: usize) -> Option<Outcomes> {
    let mut zone = Outcomes(u64::MAX);
    let mut known = 0;
    for p in 0..state.talks().parties.len() {
        if let Some(s) = state.get(p, issue) {
            zone = zone.intersect(s.position.accepts);
            known += 1;
        }
    }
    (known >= 2).then_some(zone)
}

/// Counts of each relation between two parties, and their agreement score.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct PairSummary {
    pub agree: u32,
    pub overlap: u32,
    pub disagree: u32,
    pub clash: u32,
    pub unknown: u32,
    /// Priority-weighted agreement in [0, 1]; `None` with no issue known to both.
    pub score: Option<f64>,
}

impl PairSummary {
    pub fn count(&self, r: Relation) -> u32 {
        match r {
            Relation::Agree => self.agree,
            Relation::Overlap => self.overlap,
            Relation::Disagree => self.disagree,
            Relation::Clash => self.clash,
            Relation::Unknown => self.unknown,
        }
    }
}

/// Where the unordered pair (a, b), a ≠ b, of `n` parties is stored when
/// pairs are listed as (0,1), (0,2), …, (1,2), …
pub fn pair_index(n: usize, a: usize, b: usize) -> usize {
    let (a, b) = if a < b { (a, b) } else { (b, a) };
    a * (2 * n - a - 1) / 2 + (b - a - 1)
}

/// Every selected party's stand on every selected issue, packed issue by
/// issue: what the relation of any pair is read from, and what each
/// issue's relations are counted from without going pair by pair (400
/// parties make 79 800 pairs, on each of 100 issues).
#[derive(Debug, Clone)]
pub struct StandTable {
    /// The parties, as a row of each issue holds them.
    parties: usize,
    /// Issue `k`'s stands are `cells[k·parties..(k+1)·parties]`.
    cells: Vec<Option<Stand>>,
}

impl StandTable {
    /// The stands of `parties` on `issues` as of `state`, each position
    /// looked up once.
    pub fn build(state: &State<'_>, parties: &[usize], issues: &[usize]) -> Self {
        let cells = issues
            .iter()
            .flat_map(|&i| {
                parties
                    .iter()
                    .map(move |&p| state.get(p, i).and_then(|s| Stand::of(s.position)))
            })
            .collect();
        StandTable {
            parties: parties.len(),
            cells,
        }
    }

    fn issue(&self, k: usize) -> &[Option<Stand>] {
        &self.cells[k * self.parties..(k + 1) * self.parties]
    }

    /// The relation of parties `a` and `b` (positions in the parties) on
    /// issue `k` (a position in the issues).
    pub fn relation(&self, k: usize, a: usize, b: usize) -> Relation {
        let row = self.issue(k);
        relate(row[a], row[b])
    }

    /// The relation of every pair on issue `k`, pairs in [`pairs`] order.
    pub fn relations(&self, k: usize) -> impl Iterator<Item = Relation> + '_ {
        let row = self.issue(k);
        pairs(self.parties).map(move |(a, b)| relate(row[a], row[b]))
    }

    /// How many pairs stand in each relation on issue `k`, in
    /// [`Relation::ALL`]'s order: the same as counting [`Self::relations`],
    /// but counted over the classes of parties that hold the same stand, so
    /// that the cost follows the parties (and the stands told apart), not
    /// the pairs.
    pub fn relation_counts(&self, k: usize) -> [usize; Relation::ALL.len()] {
        let (of, stands) = classes(self.issue(k).iter().copied(), stand_key);
        let mut holders = vec![0usize; stands.len()];
        for &c in &of {
            holders[c as usize] += 1;
        }
        let both = |n: usize| n * n.saturating_sub(1) / 2;
        let mut counts = [0; Relation::ALL.len()];
        for (x, (&s, &n)) in stands.iter().zip(&holders).enumerate() {
            counts[relate(s, s).at()] += both(n);
            for (&t, &m) in stands.iter().zip(&holders).skip(x + 1) {
                counts[relate(s, t).at()] += n * m;
            }
        }
        counts
    }
}

/// The items told apart by `key`: each item's class, and each class's
/// first item, the first met first. What the loops over every pair look
/// their parts up by, worked out once per two classes, not per pair.
fn classes<T: Copy, K: std::hash::Hash + Eq>(
    items: impl IntoIterator<Item = T>,
    key: impl Fn(&T) -> K,
) -> (Vec<u32>, Vec<T>) {
    let mut index = std::collections::HashMap::new();
    let mut kinds = Vec::new();
    let of = items
        .into_iter()
        .map(|item| {
            *index.entry(key(&item)).or_insert_with(|| {
                kinds.push(item);
                kinds.len() as u32 - 1
            })
        })
        .collect();
    (of, kinds)
}

/// All that a relation reads of a stand (or of none).
fn stand_key(s: &Option<Stand>) -> Option<(usize, u64, bool, u64)> {
    s.map(|s| (s.stance, s.accepts.0, s.red_line, s.weight.to_bits()))
}

/// One issue's stands told apart, and what every two of them make (a
/// relation, a pair's part of a summary): a pair's part looked up rather
/// than worked out, for the loops over every pair.
pub(crate) struct StandPairs<T> {
    /// Each party's class, as a position in its row of the issue.
    of: Vec<u32>,
    kinds: usize,
    /// `table[x·kinds + y]`: what stands of classes x and y make.
    table: Vec<T>,
}

impl<T> StandPairs<T> {
    /// The classes of `row`'s stands, and `part` of every two.
    pub(crate) fn of(
        row: &[Option<Stand>],
        part: impl Fn(Option<Stand>, Option<Stand>) -> T,
    ) -> Self {
        let (of, kinds) = classes(row.iter().copied(), stand_key);
        let table = kinds
            .iter()
            .flat_map(|&x| kinds.iter().map(move |&y| (x, y)))
            .map(|(x, y)| part(x, y))
            .collect();
        StandPairs {
            of,
            kinds: kinds.len(),
            table,
        }
    }

    /// What party `a` (a position in the row) makes with every class, to
    /// be read at [`Self::class`] of the other party.
    pub(crate) fn with(&self, a: usize) -> &[T] {
        let x = self.of[a] as usize;
        &self.table[x * self.kinds..(x + 1) * self.kinds]
    }

    pub(crate) fn class(&self, b: usize) -> usize {
        self.of[b] as usize
    }
}

/// What one issue adds to a pair's summary: where its relation is in
/// [`Relation::ALL`], and its score term (nothing unless both hold a
/// stance).
#[derive(Clone, Copy)]
struct PairTerm {
    relation: usize,
    term: Term,
}

impl PairTerm {
    fn of(a: Option<Stand>, b: Option<Stand>) -> Self {
        PairTerm {
            relation: relate(a, b).at(),
            term: Term::between(a, b),
        }
    }
}

/// Party × party: every pair's summary over the selected issues, and the
/// stands their relation on each issue is read from.
#[derive(Debug, Clone)]
pub struct PairMatrix {
    pub parties: Vec<usize>,
    pub issues: Vec<usize>,
    pub stands: StandTable,
    /// One per pair, in `pairs()` order.
    pub summaries: Vec<PairSummary>,
}

impl PairMatrix {
    /// Compare every pair of `parties` on every one of `issues`, as of `state`.
    pub fn build(state: &State<'_>, parties: &[usize], issues: &[usize]) -> Self {
        let stands = StandTable::build(state, parties, issues);
        let (m, n) = (issues.len(), parties.len());
        // Issue by issue, the stands told apart, and a table of what each
        // two of them add to a pair's summary: looked up, not worked out for
        // each pair on each issue (7.98 million at 400 parties, 100 issues).
        // One issue's table at a time, added to every pair's sums.
        let mut sums =
            vec![([0u32; Relation::ALL.len()], Term::default()); n * n.saturating_sub(1) / 2];
        for k in 0..m {
            let table = StandPairs::of(stands.issue(k), PairTerm::of);
            let mut sums = sums.as_mut_slice();
            for a in 0..n {
                let row = table.with(a);
                let (theirs, rest) = sums.split_at_mut(n - a - 1);
                for (b, (counts, term)) in (a + 1..n).zip(theirs) {
                    let t = row[table.class(b)];
                    counts[t.relation] += 1;
                    *term = *term + t.term;
                }
                sums = rest;
            }
        }
        let summaries = sums
            .into_iter()
            .map(
                |([agree, overlap, disagree, clash, unknown], term)| PairSummary {
                    agree,
                    overlap,
                    disagree,
                    clash,
                    unknown,
                    score: term.score(),
                },
            )
            .collect();
        PairMatrix {
            parties: parties.to_vec(),
            issues: issues.to_vec(),
            stands,
            summaries,
        }
    }

    /// Index of the pair (a, b), a ≠ b, positions in `parties`.
    pub fn pair_index(&self, a: usize, b: usize) -> usize {
        pair_index(self.parties.len(), a, b)
    }

    /// Every pair as positions in `parties`, in storage order.
    pub fn pairs(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        pairs(self.parties.len())
    }
}

/// Every pair `(a, b)` of `0..n` with `a < b`, in the order matrices store
/// them: (0, 1), (0, 2), …, (1, 2), …
pub fn pairs(n: usize) -> impl Iterator<Item = (usize, usize)> {
    (0..n).flat_map(move |a| (a + 1..n).map(move |b| (a, b)))
}

/// The indices of the `n` score series (of [`score_trend`]) that moved
/// most, either way, from the first round a score was known to the last,
/// in their own order; among equal moves the earlier series.
pub fn most_moved<'a>(trend: impl IntoIterator<Item = &'a [Option<f64>]>, n: usize) -> Vec<usize> {
    let ends = |scores: &[Option<f64>]| {
        let mut known = scores.iter().flatten();
        let first = known.next().copied();
        (first, known.last().copied().or(first))
    };
    top_moves(trend.into_iter().map(ends), n)
}

/// The indices of the `n` pairs that moved most, given each pair's first
/// and last known score, in their own order; among equal moves the
/// earlier.
fn top_moves(ends: impl Iterator<Item = (Option<f64>, Option<f64>)>, n: usize) -> Vec<usize> {
    let moved = |(first, last): (Option<f64>, Option<f64>)| match (first, last) {
        (Some(first), Some(last)) => (last - first).abs(),
        _ => 0.0,
    };
    let mut by_move: Vec<(usize, f64)> = ends.map(moved).enumerate().collect();
    let mut top: Vec<usize> = take_first(&mut by_move, n, Rank::Highest)
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    top.sort_unstable();
    top
}

/// The indices of the `n` pairs (of `scores`, one per pair in
/// [`PairMatrix::pairs`] order) that agree most, highest score first, and
/// of the `n` others that agree least, lowest first; among equal scores the
/// earlier pair, so by party order. A pair with no score (no issue known
/// to both) is in neither.
pub fn agree_most_and_least(
    scores: impl IntoIterator<Item = Option<f64>>,
    n: usize,
) -> (Vec<usize>, Vec<usize>) {
    let mut scored: Vec<(usize, f64)> = scores
        .into_iter()
        .enumerate()
        .filter_map(|(k, s)| Some((k, s?)))
        .collect();
    let most = take_first(&mut scored, n, Rank::Highest);
    let least = take_first(&mut scored, n, Rank::Lowest);
    let index = |v: Vec<(usize, f64)>| v.into_iter().map(|(k, _)| k).collect();
    (index(most), index(least))
}

/// Which end of a ranking [`take_first`] takes.
#[derive(Clone, Copy)]
enum Rank {
    Highest,
    Lowest,
}

/// Take out of `items` (index, value) the `n` that rank first, in rank
/// order, ties to the lower index; the rest stay, in no order. A partial
/// selection: linear in the items, only the `n` taken are sorted.
fn take_first(items: &mut Vec<(usize, f64)>, n: usize, rank: Rank) -> Vec<(usize, f64)> {
    let order = |a: &(usize, f64), b: &(usize, f64)| {
        let by_value = match rank {
            Rank::Highest => b.1.total_cmp(&a.1),
            Rank::Lowest => a.1.total_cmp(&b.1),
        };
        by_value.then(a.0.cmp(&b.0))
    };
    let n = n.min(items.len());
    if n > 0 && n < items.len() {
        items.select_nth_unstable_by(n - 1, order);
    }
    let mut first: Vec<(usize, f64)> = items.drain(..n).collect();
    first.sort_unstable_by(order);
    first
}

/// Each pair's agreement score as of each of the first rounds, pair by
/// pair: what [`score_trend`] makes. Held in one block, a pair's scores
/// side by side, so that a talks of many pairs is one allocation, not one
/// a pair.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreSeries {
    rounds: usize,
    scores: Vec<Option<f64>>,
}

impl ScoreSeries {
    /// How many pairs.
    pub fn len(&self) -> usize {
        self.scores.len().checked_div(self.rounds).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many rounds each pair is scored as of.
    pub fn rounds(&self) -> usize {
        self.rounds
    }

    /// Pair `k`'s score as of each round, in time order.
    pub fn pair(&self, k: usize) -> &[Option<f64>] {
        &self.scores[k * self.rounds..(k + 1) * self.rounds]
    }

    /// The series one after the other, each scored as of `rounds` rounds.
    pub fn concat(series: impl IntoIterator<Item = ScoreSeries>, rounds: usize) -> Self {
        let mut scores = Vec::new();
        for s in series {
            debug_assert_eq!(s.rounds, rounds);
            scores.extend(s.scores);
        }
        ScoreSeries { rounds, scores }
    }

    /// Every pair's scores, in pair order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &[Option<f64>]> + Clone + '_ {
        // `rounds` is at least 1 wherever there is a score; with no round
        // there is no pair's series either.
        let len = self.len();
        self.scores.chunks(self.rounds.max(1)).take(len)
    }
}

/// A pair's score in the making, as the matrix and the trend sum it: twice Σ w·s and
/// Σ w over the issues both hold a stance on. Each term is a multiple of ½
/// (weights 1 or 2, scores 1, ½ or 0), so both are whole numbers, at most
/// 8 a term: no talks has the 2²⁸ issues that would take either past 32
/// bits. The two are packed in one word, the second in the high half, so
/// that a change is added to a pair with one addition. Sums and
/// differences of packed terms are those of the two numbers (a negative
/// low half borrows one from the high half, given back when read), so the
/// score is exact and equal to one summed afresh.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Term(u64);

impl Term {
    fn new(twice_ws: i32, w: i32) -> Self {
        Term(((i64::from(w) << 32) + i64::from(twice_ws)) as u64)
    }

    /// The term of two stands on one issue: nothing unless both are held.
    fn between(a: Option<Stand>, b: Option<Stand>) -> Self {
        match (a, b) {
            (Some(a), Some(b)) => {
                let (ws, w) = held_term(a, b);
                Term::new((2.0 * ws) as i32, w as i32)
            }
            _ => Term::default(),
        }
    }

    /// Twice Σ w·s, and Σ w.
    fn parts(self) -> (i32, i32) {
        let low = self.0 as i32;
        let high = ((self.0 as i64).wrapping_sub(i64::from(low)) >> 32) as i32;
        (low, high)
    }

    /// Σ w·s / Σ w, where Σ w > 0.
    fn score(self) -> Option<f64> {
        let (twice_ws, w) = self.parts();
        (w > 0).then(|| f64::from(twice_ws) / 2.0 / f64::from(w))
    }
}

impl std::ops::Add for Term {
    type Output = Term;
    fn add(self, other: Term) -> Term {
        Term(self.0.wrapping_add(other.0))
    }
}

impl std::ops::Sub for Term {
    type Output = Term;
    fn sub(self, other: Term) -> Term {
        Term(self.0.wrapping_sub(other.0))
    }
}

/// The stands held on one issue, each party's by the class of those equal
/// to it: a change is set against each class once, and each other party
/// takes its class's part (the relation depends on nothing else).
struct Classes {
    /// The stands told apart; class 0 is [`Stand::NONE`].
    stands: Vec<Stand>,
    /// Each stand's class, by what makes stands equal here.
    index: std::collections::HashMap<(usize, u64, u64), u32>,
    /// How many parties hold each class, and how many classes are held.
    holders: Vec<usize>,
    held: usize,
    /// `terms[x][y]`: a pair's term where one holds class x and the other
    /// class y (nothing unless both hold a stance), while there are at most
    /// [`Classes::TABLED`] classes; past that (many parties, each holding a
    /// stand of its own), the terms are worked out per change instead, so
    /// that what is held follows the classes, not their square.
    terms: Option<Vec<Vec<Term>>>,
}

impl Classes {
    /// The classes of `parties` that hold no stance yet.
    fn new(parties: usize) -> Self {
        Classes {
            stands: vec![Stand::NONE],
            index: std::collections::HashMap::from([(Self::key(Stand::NONE), 0)]),
            holders: vec![parties],
            held: usize::from(parties > 0),
            terms: Some(vec![vec![Term::default()]]),
        }
    }

    /// At most this many classes have their terms tabled: 32 KiB an issue.
    const TABLED: usize = 64;

    /// Per class, the change in a pair's term when its other party moves
    /// from class `from` to class `to`, into `out`.
    fn change(&self, from: u32, to: u32, out: &mut Vec<Term>) {
        out.clear();
        match &self.terms {
            Some(terms) => out.extend(
                terms[to as usize]
                    .iter()
                    .zip(&terms[from as usize])
                    .map(|(&t, &f)| t - f),
            ),
            None => {
                let (from, to) = (self.stands[from as usize], self.stands[to as usize]);
                out.extend(
                    self.stands
                        .iter()
                        .map(|&x| Self::term(to, x) - Self::term(from, x)),
                );
            }
        }
    }

    /// The term of a pair holding stands `x` and `y`, as in `terms`.
    fn term(x: Stand, y: Stand) -> Term {
        let held = |s: Stand| s.is_held().then_some(s);
        Term::between(held(x), held(y))
    }

    /// What the score reads of a stand: its stance, what it accepts, its
    /// weight (a red line changes no score).
    fn key(s: Stand) -> (usize, u64, u64) {
        (s.stance, s.accepts.0, s.weight.to_bits())
    }

    /// A party leaves class `c`…
    fn leave(&mut self, c: u32) {
        self.holders[c as usize] -= 1;
        self.held -= usize::from(self.holders[c as usize] == 0);
    }

    /// … and joins the class of `s`.
    fn join(&mut self, s: Stand) -> u32 {
        let next = self.stands.len() as u32;
        let c = *self.index.entry(Self::key(s)).or_insert(next);
        if c == next {
            self.stands.push(s);
            self.holders.push(0);
            if self.stands.len() > Self::TABLED {
                self.terms = None;
            }
            if let Some(terms) = &mut self.terms {
                let row: Vec<Term> = self.stands.iter().map(|&x| Self::term(s, x)).collect();
                for (terms, &t) in terms.iter_mut().zip(&row) {
                    terms.push(t);
                }
                terms.push(row);
            }
        }
        self.holders[c as usize] += 1;
        self.held += usize::from(self.holders[c as usize] == 1);
        c
    }

    /// Only the classes held, renumbered (in `of`, every party's class),
    /// once there are twice as many as that: a class every party has left
    /// stays until then, so that the parts worked out per change stay as
    /// few as the stands held.
    fn compact(&mut self, of: &mut [u32]) {
        if self.stands.len() <= 2 * self.held + 8 {
            return;
        }
        let old = std::mem::replace(self, Classes::new(0));
        for c in of.iter_mut() {
            *c = self.join(old.stands[*c as usize]);
        }
    }
}

/// Each pair of `parties` scored as of each of the first `rounds` rounds
/// (`series.pair(k)[r]`, pairs in [`PairMatrix::pairs`] order), equal to
/// [`PairMatrix::build`]'s score as of each round.
pub fn score_trend(
    talks: &crate::data::talks::Talks,
    parties: &[usize],
    issues: &[usize],
    rounds: usize,
) -> ScoreSeries {
    let n = parties.len();
    let pairs = n * n.saturating_sub(1) / 2;
    let rounds = rounds.min(talks.rounds.len());
    let mut scores = vec![None; pairs * rounds];
    // A round's scores wait with those of the next few, so that each
    // pair's are written side by side rather than one round at a time a
    // whole series apart.
    const CHUNK: usize = 8;
    let mut pending: Vec<Option<f64>> = Vec::with_capacity(CHUNK * pairs);
    each_round(talks, parties, issues, rounds, |r, round| {
        pending.extend_from_slice(round);
        let waiting = pending.len().checked_div(pairs).unwrap_or(0);
        if waiting == CHUNK || r + 1 == rounds {
            let start = r + 1 - waiting;
            for (k, series) in scores.chunks_mut(rounds).enumerate() {
                let waited = pending[k..].iter().step_by(pairs);
                for (score, &waited) in series[start..].iter_mut().zip(waited) {
                    *score = waited;
                }
            }
            pending.clear();
        }
    });
    ScoreSeries { rounds, scores }
}

/// The `n` pairs of `parties` whose score moved most (as [`most_moved`]
/// ranks [`score_trend`]'s series), in their own order, and their series
/// in that order: every pair's scores are worked out but not kept, only
/// their first and last known, so that what is held follows the pairs
/// shown, not every pair × every round.
pub fn most_moved_trend(
    talks: &crate::data::talks::Talks,
    parties: &[usize],
    issues: &[usize],
    rounds: usize,
    n: usize,
) -> (Vec<usize>, ScoreSeries) {
    let rounds = rounds.min(talks.rounds.len());
    let count = parties.len() * parties.len().saturating_sub(1) / 2;
    let mut ends: Vec<(Option<f64>, Option<f64>)> = vec![(None, None); count];
    each_round(talks, parties, issues, rounds, |_, round| {
        for ((first, last), &score) in ends.iter_mut().zip(round) {
            if score.is_some() {
                *first = first.or(score);
                *last = score;
            }
        }
    });
    let top = top_moves(ends.into_iter(), n);
    // Their series are those of a trend of their own parties alone.
    let chosen: Vec<(usize, usize)> = pairs(parties.len())
        .enumerate()
        .filter(|(k, _)| top.binary_search(k).is_ok())
        .map(|(_, pair)| pair)
        .collect();
    let mut own: Vec<usize> = chosen.iter().flat_map(|&(a, b)| [a, b]).collect();
    own.sort_unstable();
    own.dedup();
    let selected: Vec<usize> = own.iter().map(|&a| parties[a]).collect();
    let theirs = score_trend(talks, &selected, issues, rounds);
    let at = |a: usize| own.binary_search(&a).unwrap_or_default();
    let scores = chosen
        .iter()
        .flat_map(|&(a, b)| theirs.pair(pair_index(own.len(), at(a), at(b))))
        .copied()
        .collect();
    (top, ScoreSeries { rounds, scores })
}

/// Works the scores of every pair of `parties` out round by round, and
/// hands each round's (pairs in [`PairMatrix::pairs`] order) to `each`
/// with the round's index. Incremental: a position stated in a round
/// updates only the pairs of its party on its issue, so the cost follows
/// the positions stated × parties, not rounds × pairs × issues.
fn each_round(
    talks: &crate::data::talks::Talks,
    parties: &[usize],
    issues: &[usize],
    rounds: usize,
    mut each: impl FnMut(usize, &[Option<f64>]),
) {
    let (n, m) = (parties.len(), issues.len());
    // Where each party and issue of the talks sits among those selected.
    let mut rows = vec![Vec::new(); talks.parties.len()];
    for (k, &p) in parties.iter().enumerate() {
        rows[p].push(k);
    }
    let mut cols = vec![Vec::new(); talks.issues.len()];
    for (j, &i) in issues.iter().enumerate() {
        cols[i].push(j);
    }
    // Issue by issue, the class of every party's stand (0: none held).
    let mut classes: Vec<Classes> = (0..m).map(|_| Classes::new(n)).collect();
    let mut of = vec![0u32; m * n];
    // Each party's own row of terms: `terms[a·n + b]` sums what a's changes
    // added to the pair (a, b), so that a change writes one row, in order.
    // The pair's sum is the two rows' entries together, exact, and equal to
    // one summed afresh.
    let mut terms = vec![Term::default(); n * n];
    // Per class, the change in a pair's term.
    let mut class_terms: Vec<Term> = Vec::new();
    let mut scores: Vec<Option<f64>> = Vec::with_capacity(n * n.saturating_sub(1) / 2);
    for (r, round) in talks.rounds[..rounds].iter().enumerate() {
        for position in &round.positions {
            let new = Stand::of(position).unwrap_or(Stand::NONE);
            for &a in &rows[position.party] {
                for &j in &cols[position.issue] {
                    let (column, of) = (&mut classes[j], &mut of[j * n..(j + 1) * n]);
                    let old = column.stands[of[a] as usize];
                    // Restated as it was, or withdrawn where none was held:
                    // no pair's sum changes.
                    if Classes::key(old) == Classes::key(new) {
                        continue;
                    }
                    // Each pair's term, the new stand's less the old one's,
                    // worked out once per class. The party's own entry (the
                    // diagonal) takes a part too, and is never read.
                    let (from, to) = (of[a], column.join(new));
                    column.leave(from);
                    of[a] = to;
                    column.change(from, to, &mut class_terms);
                    let row = &mut terms[a * n..(a + 1) * n];
                    for (term, &c) in row.iter_mut().zip(of.iter()) {
                        // Every class in `of` is one of `column.stands`.
                        if let Some(&d) = class_terms.get(c as usize) {
                            *term = *term + d;
                        }
                    }
                    column.compact(of);
                }
            }
        }
        scores.clear();
        for a in 0..n {
            let row = &terms[a * n..(a + 1) * n];
            // Party a's column of the others' rows: (b, a) for b > a.
            let theirs = terms.iter().skip((a + 1) * n + a).step_by(n);
            scores.extend(
                row[a + 1..]
                    .iter()
                    .zip(theirs)
                    .map(|(&ab, &ba)| (ab + ba).score()),
            );
        }
        each(r, &scores);
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::data::talks::Talks;

    /// A position on a scale of `n` outcomes: a stance, accepts around it.
    fn position(n: usize) -> impl Strategy<Value = Position> {
        (
            0..n,
            any::<u64>(),
            any::<bool>(),
            prop::option::of(prop_oneof![Just(Priority::Core), Just(Priority::Secondary)]),
        )
            .prop_map(move |(stance, extra, red_line, priority)| {
                let mut p = crate::testing::stance(0, Some(stance));
                p.accepts = Outcomes(p.accepts.0 | (extra & ((1u64 << n) - 1)));
                Position {
                    red_line,
                    priority,
                    ..p
                }
            })
    }

    fn pair() -> impl Strategy<Value = (Position, Position)> {
        (2usize..=6).prop_flat_map(|n| (position(n), position(n)))
    }

    /// A talks of one issue with `positions[k]` stated by party k (None: silent).
    fn talks(n: usize, positions: Vec<Option<Position>>) -> Talks {
        let parties = positions.len();
        let stated = positions
            .into_iter()
            .enumerate()
            .filter_map(|(k, p)| p.map(|p| Position { party: k, ..p }))
            .collect();
        crate::testing::talks(parties, n, vec![stated])
    }

    /// Positions of up to 40 parties on one issue, some silent.
    fn column() -> impl Strategy<Value = (usize, Vec<Option<Position>>)> {
        (2usize..=5).prop_flat_map(|n| {
            (
                Just(n),
                prop::collection::vec(prop::option::weighted(0.8, position(n)), 0..40),
            )
        })
    }

    proptest! {
        #[test]
        fn relations_counted_by_groups_of_stands_are_those_of_every_pair((n, positions) in column()) {
            let parties = positions.len();
            let t = talks(n, positions);
            let state = State::as_of(&t, 0);
            let all: Vec<usize> = (0..parties).collect();
            let stands = StandTable::build(&state, &all, &[0]);
            let mut every = [0; Relation::ALL.len()];
            for r in stands.relations(0) {
                every[Relation::ALL.iter().position(|&x| x == r).unwrap()] += 1;
            }
            prop_assert_eq!(stands.relation_counts(0), every);
            prop_assert_eq!(every.iter().sum::<usize>(), parties * parties.saturating_sub(1) / 2);
            // The matrix reads the same relations from its own stands.
            let m = PairMatrix::build(&state, &all, &[0]);
            for (k, (a, b)) in m.pairs().enumerate() {
                prop_assert_eq!(m.stands.relation(0, a, b), stands.relation(0, a, b));
                prop_assert_eq!(m.summaries[k].count(stands.relation(0, a, b)), 1);
            }
        }

        #[test]
        fn a_relation_is_symmetric((a, b) in pair()) {
            prop_assert_eq!(relation(Some(&a), Some(&b)), relation(Some(&b), Some(&a)));
        }

        #[test]
        fn agree_iff_same_stance((a, b) in pair()) {
            prop_assert_eq!(relation(Some(&a), Some(&b)) == Relation::Agree, a.stance == b.stance);
        }

        #[test]
        fn a_missing_position_is_unknown((a, _b) in pair()) {
            prop_assert_eq!(relation(Some(&a), None), Relation::Unknown);
            prop_assert_eq!(relation(None, Some(&a)), Relation::Unknown);
        }

        #[test]
        fn taking_up_a_red_line_never_turns_a_clash_into_anything_else((a, b) in pair()) {
            let before = relation(Some(&a), Some(&b));
            let hardened = Position { red_line: true, ..a.clone() };
            let after = relation(Some(&hardened), Some(&b));
            match before {
                Relation::Clash | Relation::Disagree => prop_assert_eq!(after, Relation::Clash),
                other => prop_assert_eq!(after, other),
            }
        }

        #[test]
        fn the_deal_zone_lies_within_every_accepts(
            (n, positions) in (2usize..=6).prop_flat_map(|n| (Just(n), prop::collection::vec(prop::option::of(position(n)), 0..6)))
        ) {
            let known: Vec<Outcomes> = positions.iter().flatten().map(|p| p.accepts).collect();
            let t = talks(n, positions);
            let state = State::as_of(&t, 0);
            match deal_zone(&state, 0) {
                None => prop_assert!(known.len() < 2),
                Some(zone) => {
                    prop_assert!(known.len() >= 2);
                    for a in &known {
                        prop_assert_eq!(zone.minus(*a), Outcomes(0));
                    }
                    // And it is all of what they share.
                    let all = known.iter().fold(Outcomes(u64::MAX), |z, a| z.intersect(*a));
                    prop_assert_eq!(zone, all);
                }
            }
        }

        #[test]
        fn the_matrix_score_is_within_0_and_1(
            (n, positions) in (2usize..=6).prop_flat_map(|n| (Just(n), prop::collection::vec(prop::option::of(position(n)), 2..6)))
        ) {
            let parties: Vec<usize> = (0..positions.len()).collect();
            let t = talks(n, positions);
            let m = PairMatrix::build(&State::as_of(&t, 0), &parties, &[0]);
            for ((a, b), s) in m.pairs().zip(&m.summaries) {
                prop_assert_eq!(m.pair_index(a, b), m.pair_index(b, a));
                if let Some(score) = s.score {
                    prop_assert!((0.0..=1.0).contains(&score));
                }
                let total: u32 = Relation::ALL.iter().map(|&r| s.count(r)).sum();
                prop_assert_eq!(total, 1);
            }
        }

        #[test]
        fn the_matrix_counts_and_scores_each_pair_as_relate_and_pair_score_do(
            (t, parties, issues) in multi_round_talks()
        ) {
            let state = State::as_of(&t, t.rounds.len() - 1);
            let m = PairMatrix::build(&state, &parties, &issues);
            prop_assert_eq!(m.summaries.len(), pairs(parties.len()).count());
            for ((a, b), s) in m.pairs().zip(&m.summaries) {
                let (a, b) = (parties[a], parties[b]);
                let position = |p: usize, i: usize| state.get(p, i).map(|s| s.position);
                let stand = |p: usize, i: usize| position(p, i).and_then(Stand::of);
                for r in Relation::ALL {
                    let on = issues.iter().filter(|&&i| relate(stand(a, i), stand(b, i)) == r);
                    prop_assert_eq!(s.count(r) as usize, on.count(), "{:?} of {} and {}", r, a, b);
                }
                let expected = pair_score(issues.iter().map(|&i| (position(a, i), position(b, i))));
                prop_assert_eq!(s.score, expected);
            }
        }

        #[test]
        fn packed_terms_add_and_take_away_as_their_two_numbers(
            steps in prop::collection::vec((any::<bool>(), -(1i32 << 20)..(1 << 20), -(1i32 << 20)..(1 << 20)), 0..500)
        ) {
            let (mut packed, mut sums) = (Term::default(), (0i32, 0i32));
            for (add, twice_ws, w) in steps {
                let t = Term::new(twice_ws, w);
                (packed, sums) = if add {
                    (packed + t, (sums.0 + twice_ws, sums.1 + w))
                } else {
                    (packed - t, (sums.0 - twice_ws, sums.1 - w))
                };
                prop_assert_eq!(packed.parts(), sums);
            }
        }

        #[test]
        fn the_pairs_that_moved_most_and_their_series_are_those_of_the_whole_trend(
            (t, parties, issues) in multi_round_talks(), n in 0usize..5,
        ) {
            let trend = score_trend(&t, &parties, &issues, t.rounds.len());
            let top = most_moved(trend.iter(), n);
            let (moved, series) = most_moved_trend(&t, &parties, &issues, t.rounds.len(), n);
            prop_assert_eq!(&moved, &top);
            prop_assert_eq!(series.len(), top.len());
            for (at, &k) in top.iter().enumerate() {
                prop_assert_eq!(series.pair(at), trend.pair(k), "pair {}", k);
            }
        }

        #[test]
        fn the_trend_equals_a_matrix_built_afresh_as_of_every_round(
            (t, parties, issues) in multi_round_talks()
        ) {
            let trend = score_trend(&t, &parties, &issues, t.rounds.len());
            for (r, state) in crate::core::state::states(&t).enumerate() {
                let m = PairMatrix::build(&state, &parties, &issues);
                prop_assert_eq!(trend.len(), m.summaries.len());
                for (k, s) in m.summaries.iter().enumerate() {
                    prop_assert_eq!(trend.pair(k)[r], s.score, "pair {} as of round {}", k, r);
                }
            }
        }
    }

    proptest! {
        /// The partial selection chooses what sorting every pair would:
        /// highest first, then lowest first of the rest, ties by pair order.
        #[test]
        fn the_pairs_that_agree_most_and_least_are_those_a_full_sort_gives(
            scores in prop::collection::vec(prop::option::of(0u8..=4), 0..80),
            n in 0usize..30,
        ) {
            // Quarters, so that ties are common.
            let scores: Vec<Option<f64>> =
                scores.iter().map(|s| s.map(|q| f64::from(q) / 4.0)).collect();
            let mut sorted: Vec<(usize, f64)> = scores
                .iter()
                .enumerate()
                .filter_map(|(k, s)| Some((k, (*s)?)))
                .collect();
            sorted.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            let most: Vec<usize> = sorted.iter().take(n).map(|&(k, _)| k).collect();
            let mut rest = sorted.split_off(most.len());
            rest.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
            let least: Vec<usize> = rest.iter().take(n).map(|&(k, _)| k).collect();
            prop_assert_eq!(agree_most_and_least(scores.iter().copied(), n), (most, least));
        }
    }

    /// Talks of 2–5 parties and 1–3 issues of 4 outcomes over 1–5 rounds, in
    /// which a party may say nothing, state a position or withdraw one on
    /// each issue; and a selection of its parties (one of them perhaps
    /// twice) and issues.
    /// A party that takes up stand after stand leaves classes behind that
    /// no one holds; once they are many they are dropped, and the scores
    /// stay those of a matrix built afresh.
    #[test]
    fn a_trend_of_more_stands_than_are_tabled_is_the_same() {
        use crate::testing::stance;
        // 100 parties, each with a stand of its own on the one issue (what
        // it accepts differs), which they change round by round.
        const OUTCOMES: usize = 12;
        let rounds: Vec<Vec<Position>> = (0..4)
            .map(|r| {
                (0..100)
                    .filter(|p| (p + r) % 3 != 0)
                    .map(|p| {
                        let mut said = stance(p, Some((p + r) % OUTCOMES));
                        said.accepts = Outcomes(said.accepts.0 | ((p * 7 + r * 13) as u64 % 4096));
                        said.priority = (p % 4 == r).then_some(Priority::Core);
                        said
                    })
                    .collect()
            })
            .collect();
        let t = crate::testing::talks(100, OUTCOMES, rounds);
        let parties: Vec<usize> = (0..100).collect();
        let trend = score_trend(&t, &parties, &[0], t.rounds.len());
        for (r, state) in crate::core::state::states(&t).enumerate() {
            let m = PairMatrix::build(&state, &parties, &[0]);
            let (_, stands) = classes(m.stands.issue(0).iter().copied(), stand_key);
            assert!(
                stands.len() > Classes::TABLED + 1,
                "{} stands as of round {r}",
                stands.len()
            );
            for (k, s) in m.summaries.iter().enumerate() {
                assert_eq!(trend.pair(k)[r], s.score, "pair {k} as of round {r}");
            }
        }
    }

    #[test]
    fn the_trend_forgets_stands_no_one_holds_and_stays_exact() {
        use crate::testing::stance;
        const OUTCOMES: usize = 8;
        let rounds: Vec<Vec<Position>> = (0..40)
            .map(|r| {
                let mut moving = stance(0, Some(r % OUTCOMES));
                moving.accepts = Outcomes(moving.accepts.0 | (r as u64 * 37 % 255));
                moving.priority = (r % 3 == 0).then_some(Priority::Core);
                let mut said = vec![moving];
                if r % 5 == 0 {
                    said.push(stance(1 + r % 3, Some(r / 5 % OUTCOMES)));
                }
                if r == 20 {
                    said.push(stance(2, None));
                }
                said
            })
            .collect();
        let t = crate::testing::talks(4, OUTCOMES, rounds);
        let parties = [0, 1, 2, 3];
        let trend = score_trend(&t, &parties, &[0], t.rounds.len());
        for (r, state) in crate::core::state::states(&t).enumerate() {
            let m = PairMatrix::build(&state, &parties, &[0]);
            for (k, s) in m.summaries.iter().enumerate() {
                assert_eq!(trend.pair(k)[r], s.score, "pair {k} as of round {r}");
            }
        }
        // The classes were dropped on the way: 40 stands, 4 parties.
        let mut classes = Classes::new(4);
        let mut of = [0u32; 4];
        for r in 0..40 {
            classes.leave(of[0]);
            of[0] = classes.join(Stand {
                stance: r,
                ..Stand::NONE
            });
            classes.compact(&mut of);
            assert!(classes.stands.len() <= 2 * classes.held + 8);
        }
        assert_eq!(classes.held, 2);
    }

    fn multi_round_talks() -> impl Strategy<Value = (Talks, Vec<usize>, Vec<usize>)> {
        const OUTCOMES: usize = 4;
        (2usize..=5, 1usize..=3, 1usize..=12).prop_flat_map(|(parties, issues, rounds)| {
            let statement = prop_oneof![
                3 => Just(None),
                1 => Just(Some(None)),
                4 => position(OUTCOMES).prop_map(Some).prop_map(Some),
            ];
            let round = prop::collection::vec(statement, parties * issues);
            (
                prop::collection::vec(round, rounds),
                prop::sample::subsequence((0..parties).collect::<Vec<_>>(), 0..=parties),
                any::<bool>(),
                prop::sample::subsequence((0..issues).collect::<Vec<_>>(), 0..=issues),
            )
                .prop_map(move |(rounds, mut chosen, twice, issue_sel)| {
                    let rounds = rounds
                        .into_iter()
                        .map(|said| {
                            said.into_iter()
                                .enumerate()
                                .filter_map(|(k, s)| {
                                    let (party, issue) = (k / issues, k % issues);
                                    s.map(|p| match p {
                                        Some(p) => Position { party, issue, ..p },
                                        None => Position {
                                            issue,
                                            ..crate::testing::stance(party, None)
                                        },
                                    })
                                })
                                .collect()
                        })
                        .collect();
                    let mut t = crate::testing::talks(parties, OUTCOMES, rounds);
                    for i in 1..issues {
                        let mut issue = t.issues[0].clone();
                        issue.id = format!("i{i}");
                        t.issues.push(issue);
                    }
                    if twice && let Some(&p) = chosen.first() {
                        chosen.push(p);
                    }
                    (t, chosen, issue_sel)
                })
        })
    }
}

//! What the report shows: the core's [`Overview`] of the talks as of a
//! round, the changes since an earlier one in the words of `diff` (with
//! names and labels for ids), and each section's anchor and title. The
//! page itself is written by `render::html`.

use std::ops::Deref;

use crate::core::compare::agree_most_and_least;
use crate::core::diff::{Change, PositionDiff, RoundDiff};
use crate::core::overview::{Charted, Overview, Section};
use crate::data::check::{QuoteCheck, QuoteChecks, QuoteTally};
use crate::data::talks::{Priority, Talks};
use crate::view::diff::{DiffView, Naming, verdict};
use crate::view::linkage::{PackageView, packages};
use crate::view::proposals::ProposalView;
use crate::view::trend::{MAX_PAIRS_SHOWN, TOP_PAIRS};

pub struct ReportView<'t> {
    pub overview: Overview<'t>,
    /// What changed from the earlier round, as `diff` says it.
    pub changes: Option<DiffView>,
    /// The proposals on the table, and every party's answer.
    pub proposals: Vec<ProposalView>,
    /// The package deal zone of every linkage in force.
    pub packages: Vec<PackageView>,
    /// What checking the quotes against saved copies of their sources
    /// found (`report --sources`); `None` where they were not checked.
    pub sources: Option<SourcesChecked>,
    /// What of every pair a page can hold: see [`Shown`].
    pub shown: Shown,
}

/// Past this many parties, the page counts what each party holds instead
/// of showing it party by party: the positions table has a column per
/// party, and the deal zones a mark per party under each outcome (at 200
/// parties, 12 MB and 2 MB). It is the size at which the page's views of
/// every pair turn to counts and rankings (33 parties make more than
/// [`MAX_PAIRS_SHOWN`] pairs), so that the whole page changes layout at one
/// size: the heat map of 32 parties, 1 024 cells, still reads on a wide
/// page, scrolled; one of 200, 40 000 cells and 7 MB, does not.
pub const MAX_PARTIES_SHOWN: usize = 32;
const _: () = assert!(
    MAX_PARTIES_SHOWN * (MAX_PARTIES_SHOWN - 1) / 2 <= MAX_PAIRS_SHOWN
        && (MAX_PARTIES_SHOWN + 1) * MAX_PARTIES_SHOWN / 2 > MAX_PAIRS_SHOWN
);
// `diff` counts a move's bearings past the same number of parties.
const _: () = assert!(crate::view::diff::MAX_BEARINGS_NAMED == MAX_PARTIES_SHOWN);

/// Past this many changes to positions, the page lists the first (whole
/// rows, party by party, as `diff` orders them) and counts the rest per
/// issue: 200 parties over 40 rounds made 27 000 changes and 23 MB.
pub const MAX_CHANGES_LISTED: usize = 500;

/// What the report shows of the pairs and the parties.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Shown {
    /// Relation changes counted per issue, not listed pair by pair.
    pub relation_changes_counted: bool,
    /// In place of the heat map, past [`MAX_PAIRS_SHOWN`] pairs: the
    /// [`TOP_PAIRS`] pairs that agree most, highest first, and those that
    /// agree least, lowest first.
    pub ranked_pairs: Option<Ranked>,
    /// Past [`MAX_CHANGES_LISTED`] changes to positions: which are listed,
    /// and the rest counted. `None`: every one is listed.
    pub position_changes: Option<ChangesListed>,
    /// Past [`MAX_PARTIES_SHOWN`] parties: per issue (in the order of the
    /// report's issues), what the parties hold, counted; the positions and
    /// the deal zones show these counts instead of every party.
    pub stances_counted: Option<Vec<IssueStances>>,
}

/// The pairs that agree most and least, as positions in the matrix's
/// parties.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranked {
    pub most: Vec<(usize, usize)>,
    pub least: Vec<(usize, usize)>,
    /// Pairs with no issue known to both, in neither list.
    pub unscored: usize,
}

/// The changes to positions listed, where there are too many for all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangesListed {
    /// The first `rows` of the diff's positions are listed…
    pub rows: usize,
    /// … which hold this many changes, of `total`.
    pub listed: usize,
    pub total: usize,
    /// The positions changed and not listed, per issue of the diff (those
    /// with none left out): the issue and how many positions moved, were
    /// stated, withdrawn, or restated without moving, in the verdict's
    /// words.
    pub rest: Vec<(usize, [usize; 4])>,
}

/// The columns of [`ChangesListed::rest`].
pub const CHANGES_COUNTED: [&str; 4] = ["moved", "new", "withdrawn", "restated without moving"];

/// What the parties hold on one issue, counted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IssueStances {
    /// Parties with a position in force.
    pub held: usize,
    pub red_lines: usize,
    /// Parties for which the issue is core.
    pub core: usize,
    /// Positions stated in an earlier round and carried forward.
    pub carried: usize,
    /// Parties whose position was withdrawn.
    pub withdrawn: usize,
    /// Per outcome of the issue's scale: the parties that demand it, those
    /// of them as a red line, and those that could accept it (demanding
    /// another).
    pub outcomes: Vec<OutcomeStances>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OutcomeStances {
    pub demand: usize,
    pub red_line: usize,
    pub accept: usize,
}

impl Shown {
    fn of(overview: &Overview<'_>) -> Self {
        let summaries = &overview.matrix.summaries;
        Shown {
            relation_changes_counted: overview
                .diff
                .as_ref()
                .is_some_and(|d| d.relations.len() > MAX_PAIRS_SHOWN),
            ranked_pairs: (summaries.len() > MAX_PAIRS_SHOWN).then(|| {
                let (most, least) =
                    agree_most_and_least(summaries.iter().map(|s| s.score), TOP_PAIRS);
                let pair = |k: usize| overview.matrix.pairs().nth(k).unwrap_or_default();
                Ranked {
                    most: most.into_iter().map(pair).collect(),
                    least: least.into_iter().map(pair).collect(),
                    unscored: summaries.iter().filter(|s| s.score.is_none()).count(),
                }
            }),
            position_changes: overview.diff.as_ref().and_then(ChangesListed::of),
            stances_counted: (overview.parties.len() > MAX_PARTIES_SHOWN).then(|| {
                overview
                    .issues
                    .iter()
                    .map(|&i| IssueStances::of(overview, i))
                    .collect()
            }),
        }
    }
}

impl ChangesListed {
    /// `None` where every change fits.
    fn of(diff: &RoundDiff<'_>) -> Option<Self> {
        let total: usize = diff.positions.iter().map(|d| d.changes.len()).sum();
        if total <= MAX_CHANGES_LISTED {
            return None;
        }
        let (mut rows, mut listed) = (0, 0);
        for d in &diff.positions {
            if listed + d.changes.len() > MAX_CHANGES_LISTED {
                break;
            }
            rows += 1;
            listed += d.changes.len();
        }
        // One pass over the changes, however many.
        let mut per_issue = vec![[0; 4]; diff.issues.iter().max().map_or(0, |&i| i + 1)];
        for d in &diff.positions[rows..] {
            if let Some(counts) = per_issue.get_mut(d.issue) {
                counts[Self::column(d)] += 1;
            }
        }
        let rest = diff
            .issues
            .iter()
            .map(|&i| (i, per_issue[i]))
            .filter(|(_, counts)| counts.iter().any(|&n| n > 0))
            .collect();
        Some(ChangesListed {
            rows,
            listed,
            total,
            rest,
        })
    }

    /// Which of [`CHANGES_COUNTED`] a changed position counts in.
    fn column(d: &PositionDiff<'_>) -> usize {
        if d.changes.contains(&Change::Added) {
            1
        } else if d.changes.contains(&Change::Withdrawn) {
            2
        } else if d.changes.iter().any(Change::is_movement) {
            0
        } else {
            3
        }
    }
}

impl IssueStances {
    fn of(overview: &Overview<'_>, issue: usize) -> Self {
        let scale = overview.talks.issues[issue].scale.len();
        let mut c = IssueStances {
            outcomes: vec![OutcomeStances::default(); scale],
            ..Default::default()
        };
        for &p in &overview.parties {
            let Some(stated) = overview.state.get(p, issue) else {
                c.withdrawn += usize::from(overview.state.last_stated(p, issue).is_some());
                continue;
            };
            let pos = stated.position;
            c.held += 1;
            c.red_lines += usize::from(pos.red_line);
            c.core += usize::from(pos.priority == Some(Priority::Core));
            c.carried += usize::from(stated.round_ix < overview.round);
            for (o, n) in c.outcomes.iter_mut().enumerate() {
                if pos.stance == Some(o) {
                    n.demand += 1;
                    n.red_line += usize::from(pos.red_line);
                } else if pos.accepts.contains(o) {
                    n.accept += 1;
                }
            }
        }
        c
    }
}

/// The quotes checked against the saved copies in a folder, as `check
/// --sources` checks them.
pub struct SourcesChecked {
    /// The folder, as the user named it.
    pub dir: String,
    pub checks: QuoteChecks,
    /// Every quote of the talks, and how many were verified or not found.
    pub tally: QuoteTally,
}

/// How the page marks a quote's check: its class, its mark and its words.
pub fn check_words(c: QuoteCheck) -> (&'static str, &'static str, &'static str) {
    match c {
        QuoteCheck::Verified => ("verified", "✓", "verified in the saved copy of its source"),
        QuoteCheck::NotFound => (
            "not-found",
            "✗",
            "not found in the saved copy of its source",
        ),
        QuoteCheck::NoText => (
            "unverified",
            "?",
            "could not verify: no saved copy of its source",
        ),
    }
}

impl<'t> ReportView<'t> {
    /// Relations by issue as a count of each relation, not a mark per
    /// pair: where not every pair's score is charted either
    /// ([`Overview::trend_pairs`]).
    pub fn relations_counted(&self) -> bool {
        self.overview.trend_pairs.is_some()
    }

    /// The report as of round `round`, with the changes since round `from`
    /// (the same round for none); mediators and observers are scored with
    /// `with_mediators`.
    pub fn build(talks: &'t Talks, round: usize, from: usize, with_mediators: bool) -> Self {
        let charted = Charted {
            all: MAX_PAIRS_SHOWN,
            top: TOP_PAIRS,
        };
        let overview = Overview::build(talks, round, from, with_mediators, charted);
        let shown = Shown::of(&overview);
        let changes = overview
            .diff
            .as_ref()
            .map(|d| listed_changes(talks, d, &overview.parties, &shown));
        let proposals = overview
            .state
            .proposals()
            .into_iter()
            .map(|(p, r)| ProposalView::new(&overview.state, p, r))
            .collect();
        let packages = packages(&overview.state, |_| true);
        ReportView {
            shown,
            overview,
            changes,
            proposals,
            packages,
            sources: None,
        }
    }

    /// What checking `quote`, citing the source `source`, found; `None`
    /// where the quotes were not checked.
    pub fn quote_check(&self, source: Option<&str>, quote: &str) -> Option<QuoteCheck> {
        self.sources.as_ref().map(|s| s.checks.get(source, quote))
    }
}

/// The view of the changes the page lists: every one, or past
/// [`MAX_CHANGES_LISTED`] those of the first rows only (each change's words
/// cost a word-by-word comparison), with the verdict of them all; past
/// [`MAX_PARTIES_SHOWN`] too, a stance's move without the parties it
/// bears on.
fn listed_changes(
    talks: &Talks,
    diff: &RoundDiff<'_>,
    parties: &[usize],
    shown: &Shown,
) -> DiffView {
    let many = shown.stances_counted.is_some();
    let rows = match &shown.position_changes {
        None if !many => return DiffView::named(talks, diff, parties, Naming::Names),
        None => diff.positions.len(),
        Some(listed) => listed.rows,
    };
    let positions = diff.positions[..rows].to_vec();
    let first = RoundDiff {
        from: diff.from,
        to: diff.to,
        issues: diff.issues.clone(),
        positions,
        relations: Vec::new(),
        unlisted: diff.unlisted.clone(),
        linkages: diff.linkages.clone(),
        proposals: diff.proposals.clone(),
        // Towards or away from whom a stance moved names every other
        // party with a stance: past [`MAX_PARTIES_SHOWN`], the page says
        // the steps only, and a note names the command that says whom.
        stances: if many {
            Default::default()
        } else {
            diff.stances.clone()
        },
    };
    let mut view = DiffView::named(talks, &first, parties, Naming::Names);
    view.tally = diff.tally();
    view.verdict = verdict(
        &talks.rounds[diff.from].title,
        &talks.rounds[diff.to].title,
        &view.tally,
    );
    view
}

impl<'t> Deref for ReportView<'t> {
    type Target = Overview<'t>;

    fn deref(&self) -> &Overview<'t> {
        &self.overview
    }
}

/// The anchor of a section on the page.
pub fn section_id(s: Section) -> &'static str {
    match s {
        Section::Positions => "positions",
        Section::Matrix => "matrix",
        Section::Relations => "relations",
        Section::DealZones => "deal-zones",
        Section::Packages => "proposals",
        Section::Trend => "trend",
        Section::Changes => "changes",
    }
}

pub fn section_title(s: Section) -> &'static str {
    match s {
        Section::Positions => "Positions",
        Section::Matrix => "Agreement between parties",
        Section::Relations => "Relations by issue",
        Section::DealZones => "Deal zones",
        Section::Packages => "Proposals and packages",
        Section::Trend => "Agreement over the rounds",
        Section::Changes => "What changed",
    }
}

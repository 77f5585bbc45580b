//! What the report shows: the core's [`Overview`] of the talks as of a
//! round, the changes since an earlier one in the words of `diff` (with
//! names and labels for ids), and each section's anchor and title. The
//! page itself is written by `render::html`.

use std::ops::Deref;

use crate::core::overview::{Overview, Section};
use crate::data::check::{QuoteCheck, QuoteChecks, QuoteTally};
use crate::data::talks::Talks;
use crate::view::diff::{DiffView, Naming};
use crate::view::linkage::{PackageView, packages};
use crate::view::proposals::ProposalView;
use crate::view::trend::{MAX_PAIRS_SHOWN, pairs_shown};

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

/// What the report shows of the pairs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Shown {
    /// The pairs (indices in the matrix's order) whose agreement is charted
    /// when not every one is: those whose score moved most, either way,
    /// from the first round it was known to this one. `None`: every pair.
    pub trend_pairs: Option<Vec<usize>>,
    /// Relation changes counted per issue, not listed pair by pair.
    pub relation_changes_counted: bool,
}

impl Shown {
    fn of(overview: &Overview<'_>) -> Self {
        Shown {
            trend_pairs: pairs_shown(overview.trend.iter().map(Vec::as_slice)),
            relation_changes_counted: overview
                .diff
                .as_ref()
                .is_some_and(|d| d.relations.len() > MAX_PAIRS_SHOWN),
        }
    }

    /// Relations by issue as a count of each relation, not a mark per
    /// pair: where not every pair is charted either.
    pub fn relations_counted(&self) -> bool {
        self.trend_pairs.is_some()
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
    /// The report as of round `round`, with the changes since round `from`
    /// (the same round for none); mediators and observers are scored with
    /// `with_mediators`.
    pub fn build(talks: &'t Talks, round: usize, from: usize, with_mediators: bool) -> Self {
        let overview = Overview::build(talks, round, from, with_mediators);
        let changes = overview
            .diff
            .as_ref()
            .map(|d| DiffView::named(talks, d, &overview.parties, Naming::Names));
        let proposals = overview
            .state
            .proposals()
            .into_iter()
            .map(|(p, r)| ProposalView::new(&overview.state, p, r))
            .collect();
        let packages = packages(&overview.state);
        let shown = Shown::of(&overview);
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

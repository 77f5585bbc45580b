//! `diff FROM TO`: what changed between two rounds. On a terminal it reads
//! like dyff: a heading per party and issue, one marker line per change, old
//! words `-` and red, new words `+` and green. Markdown and CSV get one row
//! per change; JSON the same changes with every field (see docs/diff.md).
use crate::core::compare::Relation;
use std::sync::Arc;

use crate::core::diff::{
    Bearing, Change, ChangeKind, Direction, LinkageChange, PositionDiff, ProposalChange,
    RelationChange, RoundDiff, Stances, Tally, Trend, WordOp, Words, words,
};
use crate::data::diag::plural;
use crate::data::talks::{Condition, Linkage, Outcomes, Position, Priority, Proposal, Talks};
use crate::view::linkage::{Requirement, requirement_said};
use crate::view::position::PositionView;
use crate::view::proposals::outcome_ids;
use crate::view::relation::{relation_said, trend_said};
use crate::view::round::RoundRef;
use crate::view::{Text, Tone};
use serde::Serialize;

mod layout;
mod others;
mod position;
mod stat;

use others::{linkage_change, proposal_change, relation_change};
use position::position_change;
pub use position::{MAX_BEARINGS_NAMED, word_text};
pub use stat::DiffStat;

#[derive(Serialize)]
pub struct DiffView {
    pub talks: String,
    pub title: String,
    pub from: RoundRef,
    pub to: RoundRef,
    /// `to` is the earlier round: the changes read backwards in time.
    pub backwards: bool,
    pub parties: Vec<String>,
    pub issues: Vec<String>,
    /// Position changes party by party, issue by issue; then relation
    /// changes issue by issue, pair by pair.
    pub changes: Changes,
    /// Pairs that became (or stopped being) comparable, counted per issue
    /// where there were too many to list in `changes`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unlisted: Vec<UnlistedView>,
    pub tally: Tally,
    pub verdict: String,
}

/// The changes of a diff: those of positions, linkages and proposals,
/// held; then the relation changes, made one by one as they are read
/// (written or laid out), from the core's compact record of each: a talks
/// of many parties has tens of thousands.
#[derive(Default)]
pub struct Changes {
    held: Vec<ChangeView>,
    relations: Vec<RelationChange>,
    /// The ids of every party and of every issue, for the relation changes.
    party_ids: Vec<String>,
    issue_ids: Vec<String>,
    rounds: Option<FromTo<String>>,
}

/// A change as [`Changes`] gives it: held, or just made.
pub enum ChangeRef<'a> {
    Held(&'a ChangeView),
    Made(Box<ChangeView>),
}

impl std::ops::Deref for ChangeRef<'_> {
    type Target = ChangeView;

    fn deref(&self) -> &ChangeView {
        match self {
            ChangeRef::Held(c) => c,
            ChangeRef::Made(c) => c,
        }
    }
}

impl Changes {
    pub fn len(&self) -> usize {
        self.held.len() + self.relations.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The changes of positions, linkages and proposals: all but the
    /// relation changes.
    pub fn held(&self) -> &[ChangeView] {
        &self.held
    }

    /// Every change, relation changes last.
    pub fn iter(&self) -> impl Iterator<Item = ChangeRef<'_>> {
        let made = self.rounds.iter().flat_map(move |rounds| {
            self.relations.iter().map(move |r| {
                ChangeRef::Made(Box::new(relation_change(
                    &self.party_ids,
                    &self.issue_ids,
                    r,
                    rounds.clone(),
                )))
            })
        });
        self.held.iter().map(ChangeRef::Held).chain(made)
    }
}

impl Serialize for Changes {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.len()))?;
        for c in self.iter() {
            seq.serialize_element(&*c)?;
        }
        seq.end()
    }
}

/// How many pairs on an issue became (`now-known`) or stopped being
/// (`now-unknown`) comparable, not listed one by one.
#[derive(Serialize)]
pub struct UnlistedView {
    pub issue: String,
    pub trend: Trend,
    pub pairs: usize,
}

/// One change. `from` and `to` hold what changed, as of each round; their
/// type depends on `kind` (docs/diff.md).
#[derive(Serialize)]
pub struct ChangeView {
    pub kind: ChangeKind,
    pub rounds: FromTo<String>,
    /// Whose position changed; relation changes have `parties` instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parties: Option<[String; 2]>,
    pub issue: String,
    pub from: Side,
    pub to: Side,
    /// The change in words, as the text output's marker line says it.
    pub detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub steps: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bearings: Option<Bearings>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcomes: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub words: Option<Vec<Words>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trend: Option<Trend>,
    /// The position added or withdrawn, in full.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<Box<PositionView>>,
    /// The marker of the change line, and its colour.
    #[serde(skip)]
    pub(crate) marker: (&'static str, Tone),
    /// The old and the new text under the marker line, `-` and `+`.
    #[serde(skip)]
    pub(crate) old: Option<Text>,
    #[serde(skip)]
    pub(crate) new: Option<Text>,
}

impl ChangeView {
    /// A change of `kind` by `party` on `issue` (issues joined by `+`), its
    /// words and values to be filled in.
    fn blank(kind: ChangeKind, rounds: FromTo<String>, party: String, issue: String) -> Self {
        ChangeView {
            kind,
            rounds,
            party: Some(party),
            parties: None,
            issue,
            from: Side::None,
            to: Side::None,
            detail: String::new(),
            steps: None,
            bearings: None,
            outcomes: None,
            words: None,
            trend: None,
            position: None,
            marker: ("±", Tone::Strong),
            old: None,
            new: None,
        }
    }
}

/// What a change changed from or to, as of one round: its type follows
/// the change's kind, and JSON writes the value alone (`null` for none).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Side {
    None,
    /// A stance: an outcome id, or `null` where there was none.
    Outcome(Option<String>),
    /// What a position accepts: outcome ids, or `null` with no position.
    Outcomes(Option<Vec<String>>),
    /// A red line held or not.
    Flag(bool),
    Priority(Option<Priority>),
    /// A summary or a quote.
    Text(Option<String>),
    Relation(Relation),
    /// A condition: what it accepts, and what it asks of other issues.
    Condition(Box<ConditionTerms>),
    /// The issues a linkage ties, or `null`.
    Issues(Option<Vec<String>>),
    /// A proposal's terms, issue by issue, or `null` off the table.
    Terms(Option<Vec<Requirement>>),
}

/// A condition as a diff shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConditionTerms {
    pub accepts: Vec<String>,
    pub only_if: Vec<Requirement>,
}

impl ConditionTerms {
    fn new(talks: &Talks, issue: usize, c: &Condition) -> Self {
        ConditionTerms {
            accepts: outcome_ids(talks, issue, c.accepts),
            only_if: c
                .only_if
                .iter()
                .map(|&(j, set)| requirement(talks, j, set))
                .collect(),
        }
    }

    fn said(&self) -> String {
        let reqs: Vec<String> = self.only_if.iter().map(requirement_said).collect();
        format!("{} if {}", self.accepts.join(", "), reqs.join(" and "))
    }
}

fn requirement(talks: &Talks, j: usize, set: Outcomes) -> Requirement {
    Requirement {
        issue: talks.issues[j].id.clone(),
        outcomes: outcome_ids(talks, j, set),
    }
}

impl Side {
    /// The value in one CSV or Markdown cell: empty for none.
    pub fn cell(&self) -> String {
        match self {
            Side::None
            | Side::Outcome(None)
            | Side::Outcomes(None)
            | Side::Priority(None)
            | Side::Text(None) => String::new(),
            Side::Outcome(Some(s)) | Side::Text(Some(s)) => s.clone(),
            Side::Outcomes(Some(ids)) => ids.join(", "),
            Side::Flag(b) => b.to_string(),
            Side::Condition(c) => c.said(),
            Side::Issues(Some(ids)) => ids.join(", "),
            Side::Terms(Some(terms)) => terms
                .iter()
                .map(requirement_said)
                .collect::<Vec<_>>()
                .join("; "),
            Side::Issues(None) | Side::Terms(None) => String::new(),
            Side::Priority(Some(p)) => p.as_str().to_string(),
            Side::Relation(r) => r.key().to_string(),
        }
    }

    /// Nothing on this side: JSON's `null`.
    pub fn is_none(&self) -> bool {
        matches!(
            self,
            Side::None
                | Side::Outcome(None)
                | Side::Outcomes(None)
                | Side::Priority(None)
                | Side::Text(None)
                | Side::Issues(None)
                | Side::Terms(None)
        )
    }
}

/// How the words of a change name parties, outcomes and rounds: by the ids
/// a user types (the command line), or by the names, labels and titles a
/// reader reads (the HTML report). The JSON values are ids either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    Ids,
    Names,
}

#[derive(Serialize, Clone)]
pub struct FromTo<T> {
    pub from: T,
    pub to: T,
}

/// How a move bears on every other party with a stance, named as they are
/// written: a diff of 400 parties has thousands of moves, each set against
/// 399 others, which held as words took more memory than the talks.
pub struct Bearings {
    ids: Arc<[String]>,
    stances: Arc<Stances>,
    party: usize,
}

#[derive(Serialize)]
struct BearingView<'a> {
    party: &'a str,
    direction: &'static str,
    /// Steps on the scale between the two stances, as of each round.
    apart: FromTo<usize>,
}

impl Serialize for Bearings {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.stances.bearings(self.party).map(|b| BearingView {
            party: &self.ids[b.party],
            direction: b.direction.name(),
            apart: FromTo {
                from: b.apart.0,
                to: b.apart.1,
            },
        }))
    }
}

/// What the words of a move are made from: every party's stances on the
/// issues where one moved, and the parties' ids.
pub(crate) struct Moves<'d> {
    diff: &'d RoundDiff<'d>,
    ids: Arc<[String]>,
}

impl DiffView {
    /// Every change, relation changes last, in the words of ids.
    pub fn new(talks: &Talks, diff: &RoundDiff<'_>, parties: &[usize]) -> Self {
        let mut view = DiffView::named(talks, diff, parties, Naming::Ids);
        let changes = &mut view.changes;
        changes.rounds = Some(FromTo {
            from: view.from.id.clone(),
            to: view.to.id.clone(),
        });
        changes.relations = diff.relations.clone();
        changes.party_ids = talks.parties.iter().map(|p| p.id.clone()).collect();
        changes.issue_ids = talks.issues.iter().map(|i| i.id.clone()).collect();
        view
    }

    /// The view of the changes to positions, linkages and proposals, whose
    /// words (`detail`, the old and new text, the verdict) name things as
    /// `naming` says. Relation changes are left to [`DiffView::new`]: the
    /// report draws them from the diff itself.
    pub fn named(talks: &Talks, diff: &RoundDiff<'_>, parties: &[usize], naming: Naming) -> Self {
        let (from, to) = (&talks.rounds[diff.from], &talks.rounds[diff.to]);
        let rounds = FromTo {
            from: from.id.clone(),
            to: to.id.clone(),
        };
        let moves = Moves {
            diff,
            ids: talks.parties.iter().map(|p| p.id.clone()).collect(),
        };
        let mut changes: Vec<ChangeView> = diff
            .positions
            .iter()
            .flat_map(|d| {
                d.changes
                    .iter()
                    .map(|c| position_change(talks, d, c, rounds.clone(), naming, &moves))
            })
            .collect();
        changes.extend(
            diff.linkages
                .iter()
                .map(|l| linkage_change(talks, l, rounds.clone())),
        );
        changes.extend(
            diff.proposals
                .iter()
                .map(|p| proposal_change(talks, p, rounds.clone())),
        );
        let tally = diff.tally();
        DiffView {
            talks: talks.id.clone(),
            title: talks.title.clone(),
            from: RoundRef::new(from),
            to: RoundRef::new(to),
            backwards: diff.to < diff.from,
            parties: parties
                .iter()
                .map(|&p| talks.parties[p].id.clone())
                .collect(),
            issues: diff
                .issues
                .iter()
                .map(|&i| talks.issues[i].id.clone())
                .collect(),
            changes: Changes {
                held: changes,
                ..Changes::default()
            },
            unlisted: diff
                .unlisted
                .iter()
                .map(|u| UnlistedView {
                    issue: talks.issues[u.issue].id.clone(),
                    trend: u.trend,
                    pairs: u.pairs,
                })
                .collect(),
            tally,
            verdict: match naming {
                Naming::Ids => verdict(&from.id, &to.id, &tally),
                Naming::Names => verdict(&from.title, &to.title, &tally),
            },
        }
    }
}

/// The line a journalist could print: what moved, what it did to the
/// relations, then what was only stated, withdrawn or reworded.
pub(crate) fn verdict(from: &str, to: &str, t: &Tally) -> String {
    let mut parts = Vec::new();
    parts.push(if t.moved > 0 {
        format!("{} of {} moved", t.moved, plural(t.issues, "issue"))
    } else {
        "no movement".to_string()
    });
    let quiet = t.moved + t.added + t.withdrawn + t.improved + t.worsened == 0;
    if !quiet {
        parts.push(format!(
            "{} improved, {} worsened",
            plural(t.improved, "relation"),
            t.worsened
        ));
    }
    if t.added + t.withdrawn > 0 {
        parts.push(format!(
            "{}, {} withdrawn",
            plural(t.added, "new position"),
            t.withdrawn
        ));
    }
    let on_table = |what: &str, put: usize, verb: &str, gone: usize| match (put, gone) {
        (0, 0) => None,
        (n, 0) => Some(format!("{} {verb}", plural(n, what))),
        (0, g) => Some(format!("{} withdrawn", plural(g, what))),
        (n, g) => Some(format!("{} {verb}, {g} withdrawn", plural(n, what))),
    };
    parts.extend(on_table(
        "proposal",
        t.proposals_tabled,
        "tabled",
        t.proposals_withdrawn,
    ));
    parts.extend(on_table(
        "linkage",
        t.linkages_stated,
        "stated",
        t.linkages_withdrawn,
    ));
    if t.restated > 0 {
        parts.push(format!(
            "{} restated without moving",
            plural(t.restated, "position")
        ));
    }
    format!("{from} → {to}: {}", parts.join("; "))
}

//! `diff FROM TO`: what changed between two rounds. On a terminal it reads
//! like dyff: a heading per party and issue, one marker line per change, old
//! words `-` and red, new words `+` and green. Markdown and CSV get one row
//! per change; JSON the same changes with every field (see docs/diff.md).
use crate::core::compare::Relation;
use crate::core::diff::{
    Bearing, Change, ChangeKind, Direction, LinkageChange, PositionDiff, ProposalChange,
    RelationChange, RoundDiff, Tally, Trend, WordOp, Words,
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
    pub changes: Vec<ChangeView>,
    pub tally: Tally,
    pub verdict: String,
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
    pub bearings: Option<Vec<BearingView>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcomes: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub words: Option<Vec<Words>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trend: Option<Trend>,
    /// The position added or withdrawn, in full.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<PositionView>,
    /// The marker of the change line, and its colour.
    #[serde(skip)]
    pub(crate) marker: (&'static str, Tone),
    /// The old and the new text under the marker line, `-` and `+`.
    #[serde(skip)]
    pub(crate) old: Option<Text>,
    #[serde(skip)]
    pub(crate) new: Option<Text>,
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

#[derive(Serialize)]
pub struct BearingView {
    pub party: String,
    pub direction: &'static str,
    /// Steps on the scale between the two stances, as of each round.
    pub apart: FromTo<usize>,
}

impl DiffView {
    pub fn new(talks: &Talks, diff: &RoundDiff<'_>, parties: &[usize]) -> Self {
        DiffView::named(talks, diff, parties, Naming::Ids)
    }

    /// The view whose words (`detail`, the old and new text, the verdict)
    /// name things as `naming` says.
    pub fn named(talks: &Talks, diff: &RoundDiff<'_>, parties: &[usize], naming: Naming) -> Self {
        let (from, to) = (&talks.rounds[diff.from], &talks.rounds[diff.to]);
        let rounds = FromTo {
            from: from.id.clone(),
            to: to.id.clone(),
        };
        let mut changes: Vec<ChangeView> = diff
            .positions
            .iter()
            .flat_map(|d| {
                d.changes
                    .iter()
                    .map(|c| position_change(talks, d, c, rounds.clone(), naming))
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
        changes.extend(
            diff.relations
                .iter()
                .map(|r| relation_change(talks, r, rounds.clone())),
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
            changes,
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
fn verdict(from: &str, to: &str, t: &Tally) -> String {
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

fn position_change(
    talks: &Talks,
    d: &PositionDiff<'_>,
    c: &Change,
    rounds: FromTo<String>,
    naming: Naming,
) -> ChangeView {
    let issue = &talks.issues[d.issue];
    let party = |p: usize| talks.parties[p].id.clone();
    let outcome = |o: usize| issue.scale[o].id.clone();
    let ids = |o: Outcomes| o.iter().map(outcome).collect::<Vec<_>>();
    let id_value = |s: Option<usize>| Side::Outcome(s.map(outcome));
    // Outcomes in words: ids, or the labels of the scale.
    let said = |o: Outcomes| -> String {
        let words = o.iter().filter(|&o| o < issue.scale.len());
        match naming {
            Naming::Ids => words.map(outcome).collect::<Vec<_>>().join(", "),
            Naming::Names => words
                .map(|o| issue.scale[o].label.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        }
    };
    let said_stance = |p: Option<&Position>| {
        said(
            p.and_then(|p| p.stance)
                .map(Outcomes::one)
                .unwrap_or_default(),
        )
    };
    let (a, b) = (d.from.map(|s| s.position), d.to.map(|s| s.position));
    let mut v = ChangeView {
        kind: c.kind(),
        rounds,
        party: Some(party(d.party)),
        parties: None,
        issue: issue.id.clone(),
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
    };
    match c {
        Change::Added | Change::Withdrawn => {
            let added = matches!(c, Change::Added);
            let Some(s) = (if added { d.to } else { d.from }) else {
                return v;
            };
            let stance = id_value(s.position.stance);
            let summary = Some(Text::plain(s.position.summary.clone()));
            let stance_said = said_stance(Some(s.position));
            if added {
                v.detail = format!("position added: {stance_said}");
                (v.to, v.new, v.marker) = (stance, summary, ("+", Tone::Added));
            } else {
                v.detail = format!("position withdrawn: {stance_said}");
                (v.from, v.old, v.marker) = (stance, summary, ("-", Tone::Removed));
            }
            v.position = Some(PositionView::new(talks, s.position, s.round));
        }
        Change::Moved { steps, bearings } => {
            v.from = id_value(a.and_then(|p| p.stance));
            v.to = id_value(b.and_then(|p| p.stance));
            v.old = Some(Text::plain(said_stance(a)));
            v.new = Some(Text::plain(said_stance(b)));
            v.steps = Some(*steps);
            v.detail = format!("stance moved {}", plural(*steps, "step"));
            let who = |p: usize| match naming {
                Naming::Ids => &talks.parties[p].id,
                Naming::Names => &talks.parties[p].name,
            };
            let bearings_said: Vec<String> = bearings
                .iter()
                .map(|b| bearing_text(who(b.party), b))
                .collect();
            if !bearings_said.is_empty() {
                v.detail = format!("{} {}", v.detail, bearings_said.join(", "));
            }
            v.bearings = Some(
                bearings
                    .iter()
                    .map(|b| BearingView {
                        party: party(b.party),
                        direction: b.direction.name(),
                        apart: FromTo {
                            from: b.apart.0,
                            to: b.apart.1,
                        },
                    })
                    .collect(),
            );
        }
        Change::AcceptsWidened(o) | Change::AcceptsNarrowed(o) => {
            let accepts = |p: Option<&Position>| Side::Outcomes(p.map(|p| ids(p.accepts)));
            (v.from, v.to) = (accepts(a), accepts(b));
            v.outcomes = Some(ids(*o));
            let (how, marker) = match c {
                Change::AcceptsWidened(_) => ("widened", ("+", Tone::Added)),
                _ => ("narrowed", ("-", Tone::Removed)),
            };
            v.detail = format!("accepts {how}: {}", said(*o));
            v.marker = marker;
        }
        Change::RedLineTakenUp => {
            (v.from, v.to) = (Side::Flag(false), Side::Flag(true));
            v.detail = "red line taken up".into();
            v.marker = ("+", Tone::RedLine);
        }
        Change::RedLineDropped => {
            (v.from, v.to) = (Side::Flag(true), Side::Flag(false));
            v.detail = "red line dropped".into();
            v.marker = ("-", Tone::Removed);
        }
        Change::PriorityChanged { from, to } => {
            let name = |p: &Option<Priority>| p.map_or("unset", |p| p.as_str());
            (v.from, v.to) = (Side::Priority(*from), Side::Priority(*to));
            v.detail = format!("priority changed: {} → {}", name(from), name(to));
        }
        Change::ConditionTakenUp(cond) | Change::ConditionDropped(cond) => {
            let terms = ConditionTerms::new(talks, d.issue, cond);
            let taken = matches!(c, Change::ConditionTakenUp(_));
            v.detail = format!(
                "condition {}: {}",
                if taken { "taken up" } else { "dropped" },
                terms.said()
            );
            let side = Side::Condition(Box::new(terms));
            if taken {
                (v.to, v.marker) = (side, ("+", Tone::Added));
            } else {
                (v.from, v.marker) = (side, ("-", Tone::Removed));
            }
        }
        Change::SummaryChanged(w) | Change::QuoteChanged(w) => {
            let summary = matches!(c, Change::SummaryChanged(_));
            let text = |p: Option<&Position>| {
                let t = p.and_then(|p| {
                    if summary {
                        Some(p.summary.clone())
                    } else {
                        p.quote.clone()
                    }
                });
                Side::Text(t)
            };
            (v.from, v.to) = (text(a), text(b));
            v.detail = match (summary, v.from.is_none(), v.to.is_none()) {
                (true, ..) => "summary changed",
                (false, true, _) => "quote added",
                (false, _, true) => "quote removed",
                _ => "quote changed",
            }
            .into();
            // Each side shows only its own changed words in colour.
            let side =
                |value: &Side, skip: WordOp| (!value.is_none()).then(|| word_text(w, Some(skip)));
            v.old = side(&v.from, WordOp::Added);
            v.new = side(&v.to, WordOp::Removed);
            v.words = Some(w.clone());
        }
    }
    v
}

/// Word runs as text, the removed and the added words toned so; without
/// the runs of `skip`, so that each side of a change can show only its own.
pub fn word_text(runs: &[Words], skip: Option<WordOp>) -> Text {
    let mut t = Text::default();
    for run in runs.iter().filter(|r| Some(r.op) != skip) {
        let tone = match run.op {
            WordOp::Equal => {
                t.push(run.text.clone(), Tone::Plain);
                continue;
            }
            WordOp::Removed => Tone::Removed,
            WordOp::Added => Tone::Added,
        };
        // Spaces at the edges stay plain: `**word **` is no Markdown.
        let core = run.text.trim();
        let start = run.text.len() - run.text.trim_start().len();
        t.push(&run.text[..start], Tone::Plain)
            .push(core, tone)
            .push(&run.text[start + core.len()..], Tone::Plain);
    }
    t
}

fn bearing_text(who: &str, b: &Bearing) -> String {
    let dir = match b.direction {
        Direction::Towards => format!("towards {who}"),
        Direction::Away => format!("away from {who}"),
        Direction::Unchanged => format!("neither towards nor away from {who}"),
    };
    format!("{dir} ({} → {} steps apart)", b.apart.0, b.apart.1)
}

/// A change that is not one party's position on one issue: its kind, whose
/// it is, the issues it covers, and its words.
fn other_change(
    kind: ChangeKind,
    party: String,
    issues: Vec<String>,
    rounds: FromTo<String>,
) -> ChangeView {
    ChangeView {
        kind,
        rounds,
        party: Some(party),
        parties: None,
        issue: issues.join("+"),
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

fn linkage_change(talks: &Talks, c: &LinkageChange<'_>, rounds: FromTo<String>) -> ChangeView {
    let l = c.linkage();
    let ids = |l: &Linkage| -> Vec<String> {
        l.issues
            .iter()
            .map(|&i| talks.issues[i].id.clone())
            .collect()
    };
    let mut v = other_change(c.kind, talks.parties[l.party].id.clone(), ids(l), rounds);
    v.from = Side::Issues(c.from.map(ids));
    v.to = Side::Issues(c.to.map(ids));
    let (what, marker) = match c.kind {
        ChangeKind::LinkageStated => ("linkage stated", ("+", Tone::Added)),
        ChangeKind::LinkageWithdrawn => ("linkage withdrawn", ("-", Tone::Removed)),
        _ => ("linkage changed", ("±", Tone::Strong)),
    };
    v.detail = format!("{what}: {} ({})", ids(l).join(" + "), l.id);
    v.marker = marker;
    v
}

fn proposal_change(talks: &Talks, c: &ProposalChange<'_>, rounds: FromTo<String>) -> ChangeView {
    let p = c.proposal();
    let terms = |p: &Proposal| -> Vec<Requirement> {
        p.terms
            .iter()
            .map(|t| requirement(talks, t.issue, t.outcomes))
            .collect()
    };
    let issues: Vec<String> = p
        .terms
        .iter()
        .map(|t| talks.issues[t.issue].id.clone())
        .collect();
    let mut v = other_change(c.kind, talks.parties[p.by].id.clone(), issues, rounds);
    v.from = Side::Terms(c.from.map(terms));
    v.to = Side::Terms(c.to.map(terms));
    let (what, marker) = match c.kind {
        ChangeKind::ProposalTabled => ("proposal tabled", ("+", Tone::Added)),
        ChangeKind::ProposalWithdrawn => ("proposal withdrawn", ("-", Tone::Removed)),
        _ => ("proposal revised", ("±", Tone::Strong)),
    };
    let name = p.title.clone().unwrap_or_else(|| p.id.clone());
    v.detail = format!("{what}: {name} ({})", p.id);
    v.marker = marker;
    v
}

fn relation_change(talks: &Talks, r: &RelationChange, rounds: FromTo<String>) -> ChangeView {
    let (a, b) = r.parties;
    let trend = r.trend();
    let (said, mark, tone) = trend_said(trend);
    ChangeView {
        kind: ChangeKind::RelationChanged,
        rounds,
        party: None,
        parties: Some([talks.parties[a].id.clone(), talks.parties[b].id.clone()]),
        issue: talks.issues[r.issue].id.clone(),
        from: Side::Relation(r.from),
        to: Side::Relation(r.to),
        detail: format!(
            "{said}: {} → {}",
            relation_said(r.from),
            relation_said(r.to)
        ),
        steps: None,
        bearings: None,
        outcomes: None,
        words: None,
        trend: Some(trend),
        position: None,
        marker: (mark, tone),
        old: None,
        new: None,
    }
}

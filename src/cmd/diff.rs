//! `diff FROM TO`: what changed between two rounds. On a terminal it reads
//! like dyff: a heading per party and issue, one marker line per change, old
//! words `-` and red, new words `+` and green. Markdown and CSV get one row
//! per change; JSON the same changes with every field (see docs/diff.md).

use serde::Serialize;
use serde_json::Value;

use super::{Ctx, Output, PositionView, RoundRef};
use crate::cli::Filter;
use crate::compare::Relation;
use crate::diag::plural;
use crate::diff::{
    Bearing, Change, Direction, PositionDiff, RelationChange, RoundDiff, Tally, Trend, WordOp,
    Words,
};
use crate::error::Result;
use crate::render::Style;
use crate::render::{Block, Doc, Format, Table, Text, Tone, View};
use crate::select;
use crate::state::State;
use crate::talks::{Outcomes, Position, Priority, Talks};

pub fn run(ctx: &Ctx, from: &str, to: &str, filter: &Filter, exit_code: bool) -> Result<Output> {
    let talks = ctx.load()?;
    let (a, b) = (select::round(&talks, from)?, select::round(&talks, to)?);
    let parties = select::parties(&talks, &filter.parties)?;
    let issues = select::issues(&talks, &filter.issues)?;
    let diff = RoundDiff::between(
        &State::as_of(&talks, a),
        &State::as_of(&talks, b),
        &parties,
        &issues,
    );
    let view = DiffView::new(&talks, &diff, &parties);
    let mut out = ctx.render(&view)?;
    if exit_code && !diff.is_empty() {
        out.code = 1;
    }
    Ok(out)
}

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
    pub kind: &'static str,
    pub rounds: FromTo<String>,
    /// Whose position changed; relation changes have `parties` instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parties: Option<[String; 2]>,
    pub issue: String,
    pub from: Value,
    pub to: Value,
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
    pub trend: Option<&'static str>,
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
    let id_value = |s: Option<usize>| s.map_or(Value::Null, |o| Value::from(outcome(o)));
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
        from: Value::Null,
        to: Value::Null,
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
            let accepts = |p: Option<&Position>| Value::from(p.map(|p| ids(p.accepts)));
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
            (v.from, v.to) = (Value::Bool(false), Value::Bool(true));
            v.detail = "red line taken up".into();
            v.marker = ("+", Tone::RedLine);
        }
        Change::RedLineDropped => {
            (v.from, v.to) = (Value::Bool(true), Value::Bool(false));
            v.detail = "red line dropped".into();
            v.marker = ("-", Tone::Removed);
        }
        Change::PriorityChanged { from, to } => {
            let value = |p: &Option<Priority>| p.map_or(Value::Null, |p| Value::from(p.as_str()));
            let name = |p: &Option<Priority>| p.map_or("unset", |p| p.as_str());
            (v.from, v.to) = (value(from), value(to));
            v.detail = format!("priority changed: {} → {}", name(from), name(to));
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
                t.map_or(Value::Null, Value::from)
            };
            (v.from, v.to) = (text(a), text(b));
            v.detail = match (summary, v.from.is_null(), v.to.is_null()) {
                (true, ..) => "summary changed",
                (false, true, _) => "quote added",
                (false, _, true) => "quote removed",
                _ => "quote changed",
            }
            .into();
            // Each side shows only its own changed words in colour.
            let side =
                |value: &Value, skip: WordOp| (!value.is_null()).then(|| word_text(w, Some(skip)));
            v.old = side(&v.from, WordOp::Added);
            v.new = side(&v.to, WordOp::Removed);
            v.words = Some(w.clone());
        }
    }
    v
}

/// Word runs as text, the removed and the added words toned so; without
/// the runs of `skip`, so that each side of a change can show only its own.
pub(crate) fn word_text(runs: &[Words], skip: Option<WordOp>) -> Text {
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

/// A relation's change in words, with its marker and colour.
pub(crate) fn trend_said(trend: Trend) -> (&'static str, (&'static str, Tone)) {
    match trend {
        Trend::Progress => ("progress", ("▲", Tone::Agree)),
        Trend::Setback => ("setback", ("▼", Tone::Clash)),
        Trend::NowKnown => ("now comparable", ("±", Tone::Strong)),
        Trend::NowUnknown => ("no longer comparable", ("±", Tone::Strong)),
    }
}

fn relation_change(talks: &Talks, r: &RelationChange, rounds: FromTo<String>) -> ChangeView {
    let (a, b) = r.parties;
    let trend = r.trend();
    let (said, marker) = trend_said(trend);
    let rel = |r: Relation| format!("{} {}", r.mark(), r.name());
    ChangeView {
        kind: "relation-changed",
        rounds,
        party: None,
        parties: Some([talks.parties[a].id.clone(), talks.parties[b].id.clone()]),
        issue: talks.issues[r.issue].id.clone(),
        from: serde_json::to_value(r.from).unwrap_or(Value::Null),
        to: serde_json::to_value(r.to).unwrap_or(Value::Null),
        detail: format!("{said}: {} → {}", rel(r.from), rel(r.to)),
        steps: None,
        bearings: None,
        outcomes: None,
        words: None,
        trend: Some(trend.name()),
        position: None,
        marker,
        old: None,
        new: None,
    }
}

/// A JSON value in one CSV or Markdown cell.
fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(a) => a.iter().map(cell).collect::<Vec<_>>().join(", "),
        v => v.to_string(),
    }
}

impl ChangeView {
    /// Whose change it is: `party` or `a–b`.
    fn who(&self) -> String {
        match (&self.party, &self.parties) {
            (Some(p), _) => p.clone(),
            (None, Some([a, b])) => format!("{a}–{b}"),
            (None, None) => String::new(),
        }
    }
}

impl DiffView {
    fn title(&self) -> String {
        format!("{}: {} → {}", self.title, self.from.id, self.to.id)
    }

    /// A heading per party and issue (or pair and issue), a marker line per
    /// change, the old and the new under it.
    fn as_text_doc(&self) -> Doc {
        const INDENT: &str = "    ";
        let mut doc = Doc::default();
        doc.push(Block::Title(self.title()));
        if self.backwards {
            doc.push(Block::Line(Text::styled(
                format!(
                    "{} is earlier than {}: the changes read backwards in time.",
                    self.to.id, self.from.id
                ),
                Tone::Dim,
            )));
        }
        // Pairs that became (or stopped being) comparable only because one
        // side stated (or withdrew) a position, which is listed above them:
        // one line per issue, not a heading per pair.
        let (comparable, changes): (Vec<&ChangeView>, Vec<&ChangeView>) = self
            .changes
            .iter()
            .partition(|c| matches!(c.trend, Some("now-known" | "now-unknown")));
        let mut entity: Option<(String, Text)> = None;
        for c in changes {
            let heading = format!("{} · {}", c.who(), c.issue);
            let t = match &mut entity {
                Some((h, t)) if *h == heading => t,
                _ => {
                    if let Some((_, t)) = entity.take() {
                        doc.push(Block::Line(t));
                    }
                    let t = Text::styled(heading.clone(), Tone::Strong);
                    &mut entity.insert((heading, t)).1
                }
            };
            let (marker, tone) = c.marker;
            t.line("  ", Tone::Plain)
                .push(marker, tone)
                .push(" ", Tone::Plain)
                .push(c.detail.clone(), Tone::Plain);
            for (sign, tone, side) in [("- ", Tone::Removed, &c.old), ("+ ", Tone::Added, &c.new)] {
                if let Some(side) = side {
                    t.line(INDENT, Tone::Plain).push(sign, tone);
                    append(t, side);
                }
            }
        }
        if let Some((_, t)) = entity {
            doc.push(Block::Line(t));
        }
        for (trend, heading) in [
            (
                "now-known",
                "now comparable (one side had no position before)",
            ),
            (
                "now-unknown",
                "no longer comparable (one side has no position now)",
            ),
        ] {
            let mut t = Text::styled(heading, Tone::Strong);
            let mut issue: Option<&str> = None;
            for c in comparable.iter().filter(|c| c.trend == Some(trend)) {
                let sep = if issue == Some(c.issue.as_str()) {
                    ", "
                } else {
                    issue = Some(&c.issue);
                    t.line(format!("  {}:", c.issue), Tone::Plain);
                    " "
                };
                let relation = if trend == "now-known" { &c.to } else { &c.from };
                t.push(format!("{sep}{} ", c.who()), Tone::Plain);
                append(&mut t, &relation_mark_of(relation));
            }
            if issue.is_some() {
                doc.push(Block::Line(t));
            }
        }
        doc.push(Block::Line(Text::styled(
            self.verdict.clone(),
            Tone::Strong,
        )));
        doc
    }

    /// One row per change, for Markdown and CSV.
    fn as_rows_doc(&self) -> Doc {
        let rows = self
            .changes
            .iter()
            .map(|c| {
                let (from, to) = match &c.words {
                    // Only the changed words stand out: struck and bold in Markdown.
                    Some(_) => (
                        c.old.clone().unwrap_or_default(),
                        c.new.clone().unwrap_or_default(),
                    ),
                    None => (Text::plain(cell(&c.from)), Text::plain(cell(&c.to))),
                };
                vec![
                    Text::plain(c.kind),
                    Text::plain(c.who()),
                    Text::plain(c.issue.clone()),
                    from,
                    to,
                    Text::plain(c.detail.clone()),
                ]
            })
            .collect();
        let mut doc = Doc::default();
        doc.push(Block::Title(self.title()));
        doc.push(Block::Table(Table {
            headers: ["kind", "party", "issue", "from", "to", "detail"]
                .map(String::from)
                .to_vec(),
            rows,
            ..Table::default()
        }));
        doc.push(Block::Line(Text::styled(
            self.verdict.clone(),
            Tone::Strong,
        )));
        doc
    }
}

/// Append `more`'s spans to the last line of `t`.
fn append(t: &mut Text, more: &Text) {
    for span in more.lines.iter().flatten() {
        t.push(span.text.clone(), span.tone);
    }
}

impl View for DiffView {
    fn doc(&self, style: &Style) -> Doc {
        // On a terminal, a diff reads as text (dyff's layout); elsewhere, as rows.
        if style.format == Format::Table {
            self.as_text_doc()
        } else {
            self.as_rows_doc()
        }
    }
}

/// The mark of a relation given by its JSON name (`"clash"` → ⛔).
fn relation_mark_of(v: &Value) -> Text {
    Relation::ALL
        .into_iter()
        .find(|&r| serde_json::to_value(r).is_ok_and(|name| &name == v))
        .map_or_else(|| Text::plain(v.to_string()), super::matrix::relation_mark)
}

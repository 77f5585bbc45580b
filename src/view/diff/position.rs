//! One change to one party's position on one issue, in words, and its
//! old and new text.

use super::*;

pub(super) fn position_change(
    talks: &Talks,
    d: &PositionDiff<'_>,
    c: &Change,
    rounds: FromTo<String>,
    naming: Naming,
    moves: &Moves<'_>,
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
    let mut v = ChangeView::blank(c.kind(), rounds, party(d.party), issue.id.clone());
    match c {
        Change::Added | Change::Withdrawn => {
            let added = matches!(c, Change::Added);
            let Some(s) = (if added { d.to } else { d.from }) else {
                return v;
            };
            let stance = id_value(s.position.stance);
            let summary = Some(Text::plain(s.position.summary.as_str()));
            let stance_said = said_stance(Some(s.position));
            if added {
                v.detail = format!("position added: {stance_said}");
                (v.to, v.new, v.marker) = (stance, summary, ("+", Tone::Added));
            } else {
                v.detail = format!("position withdrawn: {stance_said}");
                (v.from, v.old, v.marker) = (stance, summary, ("-", Tone::Removed));
            }
            v.position = Some(Box::new(PositionView::new(talks, s.position, s.round)));
        }
        Change::Moved { steps } => {
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
            if let Some(stances) = moves.diff.stances(d.issue) {
                let bearings = || stances.bearings(d.party);
                if bearings().nth(MAX_BEARINGS_NAMED).is_some() {
                    v.detail = format!("{} {}", v.detail, bearings_counted(bearings()));
                } else if bearings().next().is_some() {
                    let said: Vec<String> =
                        bearings().map(|b| bearing_text(who(b.party), &b)).collect();
                    v.detail = format!("{} {}", v.detail, said.join(", "));
                }
                v.bearings = Some(Bearings {
                    ids: moves.ids.clone(),
                    stances: stances.clone(),
                    party: d.party,
                });
            }
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
        Change::SummaryChanged | Change::QuoteChanged => {
            let summary = matches!(c, Change::SummaryChanged);
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
            // The words that changed, worked out only for the changes shown.
            fn said(side: &Side) -> &str {
                match side {
                    Side::Text(Some(t)) => t,
                    _ => "",
                }
            }
            let w = words(said(&v.from), said(&v.to));
            // Each side shows only its own changed words in colour.
            let side =
                |value: &Side, skip: WordOp| (!value.is_none()).then(|| word_text(&w, Some(skip)));
            v.old = side(&v.from, WordOp::Added);
            v.new = side(&v.to, WordOp::Removed);
            v.words = Some(w);
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

/// Past this many parties with a stance beside the mover, a move's words
/// count the parties it went towards and away from instead of naming each
/// (JSON's `bearings` still names each, and the words say so): at 200
/// parties, naming them made every move a line of 199 names, and the diff
/// grow with parties squared.
pub const MAX_BEARINGS_NAMED: usize = 32;

/// A move's bearings counted: "towards 120 parties, away from 60, …".
fn bearings_counted(bearings: impl Iterator<Item = Bearing>) -> String {
    let mut counts = [0; 3];
    for b in bearings {
        counts[b.direction as usize] += 1;
    }
    let count = |d: Direction| counts[d as usize];
    let mut said = Vec::new();
    for (d, words) in [
        (Direction::Towards, "towards"),
        (Direction::Away, "away from"),
        (Direction::Unchanged, "neither towards nor away from"),
    ] {
        let n = count(d);
        if n > 0 {
            let parties = if n == 1 { "party" } else { "parties" };
            said.push(format!("{words} {n} {parties}"));
        }
    }
    format!("{} (JSON's bearings name each)", said.join(", "))
}

fn bearing_text(who: &str, b: &Bearing) -> String {
    let dir = match b.direction {
        Direction::Towards => format!("towards {who}"),
        Direction::Away => format!("away from {who}"),
        Direction::Unchanged => format!("neither towards nor away from {who}"),
    };
    format!("{dir} ({} → {} steps apart)", b.apart.0, b.apart.1)
}

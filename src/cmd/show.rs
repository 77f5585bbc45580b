//! `show PARTY ISSUE`: one position in full, with its quote and source.

use serde::Serialize;

use super::{Ctx, Output, PositionView, RoundRef};
use crate::error::Result;
use crate::render::Style;
use crate::render::{Block, Doc, Text, Tone, View};
use crate::select;
use crate::state::State;

#[derive(Serialize)]
struct Shown {
    party: String,
    party_name: String,
    issue: String,
    issue_title: String,
    question: Option<String>,
    as_of: RoundRef,
    /// `null` where the party has stated no position as of this round.
    position: Option<PositionView>,
}

pub fn run(ctx: &Ctx, party: &str, issue: &str, round: &str) -> Result<Output> {
    let talks = ctx.load()?;
    let r = select::round(&talks, round)?;
    let p = select::party(&talks, party)?;
    let i = select::issue(&talks, issue)?;
    let state = State::as_of(&talks, r);
    let shown = Shown {
        party: talks.parties[p].id.clone(),
        party_name: talks.parties[p].name.clone(),
        issue: talks.issues[i].id.clone(),
        issue_title: talks.issues[i].title.clone(),
        question: talks.issues[i].question.clone(),
        as_of: RoundRef::new(&talks.rounds[r]),
        position: state
            .get(p, i)
            .map(|s| PositionView::new(&talks, s.position, s.round)),
    };
    ctx.render(&shown)
}

/// Every field `position_fields` may give, in the order it gives them.
pub const FIELD_ORDER: [&str; 12] = [
    "stance",
    "accepts",
    "red line",
    "priority",
    "summary",
    "quote",
    "speaker",
    "said on",
    "source",
    "url",
    "stated in",
    "note",
];

/// The fields of one position, as `show` and `explain` print them.
pub fn position_fields(p: &PositionView) -> Vec<(String, Text)> {
    let mut f: Vec<(String, Text)> = Vec::new();
    let mut stance = Text::plain(p.stance.clone().unwrap_or_default());
    if let Some(l) = &p.stance_label {
        stance.push(format!(" — {l}"), Tone::Plain);
    }
    f.push(("stance".into(), stance));
    f.push(("accepts".into(), Text::plain(p.accepts.join(", "))));
    f.push((
        "red line".into(),
        if p.red_line {
            Text::styled("yes: stated as non-negotiable", Tone::RedLine)
        } else {
            Text::plain("no")
        },
    ));
    if let Some(pr) = p.priority {
        f.push(("priority".into(), Text::plain(pr.as_str())));
    }
    f.push(("summary".into(), Text::plain(p.summary.clone())));
    if let Some(q) = &p.quote {
        f.push(("quote".into(), Text::plain(format!("“{q}”"))));
    }
    if let Some(s) = &p.speaker {
        f.push(("speaker".into(), Text::plain(s.clone())));
    }
    f.push(("said on".into(), Text::plain(p.said_on.to_string())));
    if let Some(src) = &p.source {
        let mut t = Text::plain(src.title.clone());
        let by: Vec<String> = src
            .publisher
            .iter()
            .cloned()
            .chain(src.date.map(|d| d.to_string()))
            .collect();
        if !by.is_empty() {
            t.push(format!(" ({})", by.join(", ")), Tone::Plain);
        }
        f.push(("source".into(), t));
        if let Some(u) = &src.url {
            f.push(("url".into(), Text::plain(u.clone())));
        }
    }
    f.push(("stated in".into(), Text::plain(p.round.clone())));
    if let Some(n) = &p.note {
        f.push(("note".into(), Text::styled(n.clone(), Tone::Dim)));
    }
    f
}

impl View for Shown {
    fn doc(&self, _style: &Style) -> Doc {
        let mut doc = Doc::default();
        doc.push(Block::Title(format!(
            "{} on {} — as of {}",
            self.party_name, self.issue_title, self.as_of.id
        )));
        if let Some(q) = &self.question {
            doc.push(Block::Line(Text::styled(q.clone(), Tone::Dim)));
        }
        let mut fields = vec![("party".to_string(), Text::plain(self.party.clone()))];
        fields.push(("issue".into(), Text::plain(self.issue.clone())));
        match &self.position {
            None => fields.push((
                "stance".into(),
                Text::styled(format!("none stated as of {}", self.as_of.id), Tone::Dim),
            )),
            Some(p) => fields.extend(position_fields(p)),
        }
        doc.push(Block::Fields(fields));
        doc
    }
}

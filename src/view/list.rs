//! What `list` shows: the talks of a data folder, or the rounds, parties or issues of one.
use serde::Serialize;

use crate::data::check::Checked;
use crate::data::talks::{Date, Issue, Party, Talks};
use crate::view::{Block, Doc, Layout, Table, Text, View};

#[derive(Serialize)]
pub struct TalksList {
    pub data: String,
    pub talks: Vec<TalksItem>,
}

#[derive(Serialize)]
pub struct TalksItem {
    pub id: String,
    pub title: Option<String>,
    pub parties: usize,
    pub issues: usize,
    pub rounds: usize,
    pub first: Option<Date>,
    pub latest: Option<Date>,
    /// Errors found in its files (`redlines check` lists them).
    pub errors: usize,
    /// More were not looked for, past the cap of one file: `errors` is a
    /// lower bound.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub errors_capped: bool,
}

impl TalksItem {
    /// A talks as checked: its counts and dates where it has no errors.
    pub fn new(id: String, checked: &Checked) -> Self {
        let crate::data::diag::Counts {
            errors,
            capped: errors_capped,
            ..
        } = crate::data::diag::Counts::of(&checked.diagnostics);
        match &checked.talks {
            Some(t) => TalksItem {
                id,
                title: Some(t.title.clone()),
                parties: t.parties.len(),
                issues: t.issues.len(),
                rounds: t.rounds.len(),
                first: t.rounds.first().map(|r| r.date),
                latest: t.rounds.last().map(|r| r.date),
                errors,
                errors_capped,
            },
            None => TalksItem {
                id,
                title: None,
                parties: 0,
                issues: 0,
                rounds: 0,
                first: None,
                latest: None,
                errors,
                errors_capped,
            },
        }
    }
}

impl View for TalksList {
    fn doc(&self, _layout: Layout) -> Doc<'_> {
        let rows = self
            .talks
            .iter()
            .map(|t| {
                let dates = match (t.first, t.latest) {
                    (Some(a), Some(b)) => format!("{a} – {b}"),
                    _ => String::new(),
                };
                vec![
                    Text::plain(t.id.as_str()),
                    match &t.title {
                        Some(title) => Text::plain(title.as_str()),
                        None => Text::styled(
                            format!(
                                "{}{} — run `redlines check`",
                                if t.errors_capped { "at least " } else { "" },
                                crate::data::diag::plural(t.errors, "error")
                            ),
                            crate::view::Tone::Clash,
                        ),
                    },
                    Text::plain(t.parties.to_string()),
                    Text::plain(t.issues.to_string()),
                    Text::plain(t.rounds.to_string()),
                    Text::plain(dates),
                ]
            })
            .collect();
        let mut doc = Doc::default();
        doc.push(Block::Table(Table {
            headers: ["talks", "title", "parties", "issues", "rounds", "dates"]
                .map(String::from)
                .to_vec(),
            rows,
            right: vec![2, 3, 4],
            nowrap: vec![0, 5],
            heat: Vec::new(),
        }));
        doc.push(Block::Legend(vec![format!("data: {}", self.data)]));
        doc
    }
}

#[derive(Serialize)]
pub struct RoundsList {
    talks: String,
    rounds: Vec<RoundItem>,
}

#[derive(Serialize)]
pub struct RoundItem {
    id: String,
    date: Date,
    title: String,
    venue: Option<String>,
    format: Option<String>,
    participants: Vec<String>,
    positions: usize,
}

impl RoundsList {
    pub fn new(t: &Talks) -> Self {
        RoundsList {
            talks: t.id.clone(),
            rounds: t
                .rounds
                .iter()
                .map(|r| RoundItem {
                    id: r.id.clone(),
                    date: r.date,
                    title: r.title.clone(),
                    venue: r.venue.clone(),
                    format: r.format.clone(),
                    participants: r
                        .participants
                        .iter()
                        .map(|&p| t.parties[p].id.clone())
                        .collect(),
                    positions: r.positions.len(),
                })
                .collect(),
        }
    }
}

impl View for RoundsList {
    fn doc(&self, _layout: Layout) -> Doc<'_> {
        let rows = self
            .rounds
            .iter()
            .map(|r| {
                vec![
                    Text::plain(r.id.as_str()),
                    Text::plain(r.date.to_string()),
                    Text::plain(r.title.as_str()),
                    Text::plain(r.venue.clone().unwrap_or_default()),
                    Text::plain(r.format.clone().unwrap_or_default()),
                    Text::plain(r.participants.join(", ")),
                    Text::plain(r.positions.to_string()),
                ]
            })
            .collect();
        let mut doc = Doc::default();
        doc.push(Block::Table(Table {
            headers: [
                "round",
                "date",
                "title",
                "venue",
                "format",
                "participants",
                "positions",
            ]
            .map(String::from)
            .to_vec(),
            rows,
            right: vec![6],
            nowrap: vec![0, 1],
            heat: Vec::new(),
        }));
        doc
    }
}

#[derive(Serialize)]
pub struct PartiesList {
    pub talks: String,
    pub parties: Vec<Party>,
}

impl View for PartiesList {
    fn doc(&self, _layout: Layout) -> Doc<'_> {
        let rows = self
            .parties
            .iter()
            .map(|p| {
                vec![
                    Text::plain(p.id.as_str()),
                    Text::plain(p.name.as_str()),
                    Text::plain(p.short.clone().unwrap_or_default()),
                    Text::plain(p.kind.map(|k| k.as_str()).unwrap_or_default()),
                    Text::plain(p.role.as_str()),
                ]
            })
            .collect();
        let mut doc = Doc::default();
        doc.push(Block::Table(Table {
            headers: ["party", "name", "short", "kind", "role"]
                .map(String::from)
                .to_vec(),
            rows,
            right: vec![],
            nowrap: vec![0],
            heat: Vec::new(),
        }));
        doc
    }
}

#[derive(Serialize)]
pub struct IssuesList {
    talks: String,
    issues: Vec<Issue>,
}

impl IssuesList {
    pub fn new(t: &Talks) -> Self {
        IssuesList {
            talks: t.id.clone(),
            issues: t.issues.clone(),
        }
    }
}

impl View for IssuesList {
    fn doc(&self, _layout: Layout) -> Doc<'_> {
        let rows = self
            .issues
            .iter()
            .map(|i| {
                let mut scale = Text::default();
                for (k, o) in i.scale.iter().enumerate() {
                    scale.line(format!("{}. {}", k + 1, o.id), crate::view::Tone::Plain);
                }
                vec![
                    Text::plain(i.id.as_str()),
                    Text::plain(i.title.as_str()),
                    Text::plain(i.question.clone().unwrap_or_default()),
                    scale,
                ]
            })
            .collect();
        let mut doc = Doc::default();
        doc.push(Block::Table(Table {
            headers: ["issue", "title", "question", "scale (pole to pole)"]
                .map(String::from)
                .to_vec(),
            rows,
            right: vec![],
            nowrap: vec![0],
            heat: Vec::new(),
        }));
        doc
    }
}

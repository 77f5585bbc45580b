//! `diff --stat`: one line per party and issue that changed, its changes
//! counted, as `git diff --stat` sums a change; then the verdict.

use serde::Serialize;

use super::verdict;
use crate::core::diff::{Change, RoundDiff};
use crate::data::talks::Talks;
use crate::view::round::RoundRef;
use crate::view::{Block, Doc, Layout, Table, Text, Tone, View, cell};

#[derive(Serialize)]
pub struct DiffStat {
    pub talks: String,
    pub from: RoundRef,
    pub to: RoundRef,
    /// Party by party, issue by issue.
    pub rows: Vec<StatRow>,
    /// Linkages and proposals stated, tabled or withdrawn, and relations
    /// that changed, counted.
    pub linkages: usize,
    pub proposals: usize,
    pub relations: usize,
    pub verdict: String,
}

#[derive(Serialize)]
pub struct StatRow {
    pub party: String,
    pub issue: String,
    /// Steps the stance moved (0 where it did not).
    pub moved: usize,
    /// Outcomes accepted now and not before, and the other way round.
    pub widened: usize,
    pub narrowed: usize,
    /// `+1` a red line taken up, `-1` dropped, 0 neither.
    pub red_line: i8,
    /// Conditions taken up and dropped.
    pub conditions: i32,
    pub priority: bool,
    /// A position stated where there was none (`+1`), or withdrawn (`-1`).
    pub position: i8,
    /// Summaries and quotes reworded.
    pub reworded: usize,
}

impl DiffStat {
    pub fn new(talks: &Talks, diff: &RoundDiff<'_>) -> Self {
        let rows = diff
            .positions
            .iter()
            .map(|d| {
                let mut r = StatRow {
                    party: talks.parties[d.party].id.clone(),
                    issue: talks.issues[d.issue].id.clone(),
                    moved: 0,
                    widened: 0,
                    narrowed: 0,
                    red_line: 0,
                    conditions: 0,
                    priority: false,
                    position: 0,
                    reworded: 0,
                };
                for c in &d.changes {
                    match c {
                        Change::Added => r.position = 1,
                        Change::Withdrawn => r.position = -1,
                        Change::Moved { steps, .. } => r.moved = *steps,
                        Change::AcceptsWidened(o) => r.widened = o.iter().count(),
                        Change::AcceptsNarrowed(o) => r.narrowed = o.iter().count(),
                        Change::RedLineTakenUp => r.red_line = 1,
                        Change::RedLineDropped => r.red_line = -1,
                        Change::PriorityChanged { .. } => r.priority = true,
                        Change::SummaryChanged | Change::QuoteChanged => r.reworded += 1,
                        Change::ConditionTakenUp(_) => r.conditions += 1,
                        Change::ConditionDropped(_) => r.conditions -= 1,
                    }
                }
                r
            })
            .collect();
        let (from, to) = (&talks.rounds[diff.from], &talks.rounds[diff.to]);
        DiffStat {
            talks: talks.id.clone(),
            from: RoundRef::new(from),
            to: RoundRef::new(to),
            rows,
            linkages: diff.linkages.len(),
            proposals: diff.proposals.len(),
            relations: diff.relations.len() + diff.unlisted.iter().map(|u| u.pairs).sum::<usize>(),
            verdict: verdict(&from.id, &to.id, &diff.tally()),
        }
    }
}

impl StatRow {
    /// The changes in a few words: `moved 2, +1 accepted, red line +, 1 reworded`.
    fn said(&self) -> String {
        let mut parts = Vec::new();
        match self.position {
            1 => parts.push("new position".to_string()),
            -1 => parts.push("withdrawn".to_string()),
            _ => {}
        }
        if self.moved > 0 {
            parts.push(format!("moved {}", self.moved));
        }
        if self.widened > 0 {
            parts.push(format!("+{} accepted", self.widened));
        }
        if self.narrowed > 0 {
            parts.push(format!("−{} accepted", self.narrowed));
        }
        match self.red_line {
            1 => parts.push("red line taken up".into()),
            -1 => parts.push("red line dropped".into()),
            _ => {}
        }
        if self.conditions != 0 {
            parts.push(format!("conditions {:+}", self.conditions));
        }
        if self.priority {
            parts.push("priority".into());
        }
        if self.reworded > 0 {
            parts.push(format!("{} reworded", self.reworded));
        }
        parts.join(", ")
    }
}

impl View for DiffStat {
    fn doc(&self, layout: Layout) -> Doc<'_> {
        let mut doc = Doc::default();
        doc.push(Block::Title(format!(
            "{} → {}: what changed, party by party",
            self.from.id, self.to.id
        )));
        if let Some(b) = self.to.banner().or_else(|| self.from.banner()) {
            doc.push(b);
        }
        let table = if layout == Layout::Data {
            let num = |n: i64| Text::plain(n.to_string());
            Table {
                headers: [
                    "party",
                    "issue",
                    "moved",
                    "widened",
                    "narrowed",
                    "red_line",
                    "conditions",
                    "priority",
                    "position",
                    "reworded",
                ]
                .map(String::from)
                .to_vec(),
                rows: self
                    .rows
                    .iter()
                    .map(|r| {
                        vec![
                            Text::plain(r.party.as_str()),
                            Text::plain(r.issue.as_str()),
                            num(r.moved as i64),
                            num(r.widened as i64),
                            num(r.narrowed as i64),
                            num(r.red_line.into()),
                            num(r.conditions.into()),
                            cell::flag(r.priority),
                            num(r.position.into()),
                            num(r.reworded as i64),
                        ]
                    })
                    .collect(),
                ..Table::default()
            }
        } else {
            Table {
                headers: ["party", "issue", "changes"].map(String::from).to_vec(),
                rows: self
                    .rows
                    .iter()
                    .map(|r| {
                        vec![
                            Text::plain(r.party.as_str()),
                            Text::plain(r.issue.as_str()),
                            Text::plain(r.said()),
                        ]
                    })
                    .collect(),
                right: Vec::new(),
                nowrap: vec![0, 1],
                heat: Vec::new(),
            }
        };
        if !self.rows.is_empty() {
            doc.push(Block::Table(table));
        }
        if layout != Layout::Data {
            let mut t = Text::default();
            if self.linkages + self.proposals > 0 {
                t.push(
                    format!(
                        "{} linkage and {} proposal changes; ",
                        self.linkages, self.proposals
                    ),
                    Tone::Plain,
                );
            }
            t.push(format!("{} relations changed", self.relations), Tone::Plain);
            doc.push(Block::Line(t));
            doc.push(Block::Line(Text::styled(
                self.verdict.clone(),
                Tone::Strong,
            )));
        }
        doc
    }
}

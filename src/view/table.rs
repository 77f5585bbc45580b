//! `table`: side-by-side positions as of a round, issues × parties.
use crate::core::state::State;
use crate::data::talks::{Priority, Talks};
use crate::view::round::{ASSUMED_LEGEND, ASSUMED_MARK, RoundRef};
use crate::view::{Block, Doc, Layout, Rows, Table, Text, Tone, View, cell, data_table};
use serde::Serialize;

#[derive(Serialize)]
pub struct PositionsTable {
    pub talks: String,
    pub title: String,
    pub as_of: RoundRef,
    pub parties: Vec<String>,
    pub rows: Vec<IssueRow>,
}

#[derive(Serialize)]
pub struct IssueRow {
    pub issue: String,
    pub title: String,
    /// One cell per party, in the order of `parties`.
    pub cells: Vec<TableCell>,
}

#[derive(Serialize)]
pub struct TableCell {
    pub party: String,
    /// Outcome id; `null` where the party has stated no position.
    pub stance: Option<String>,
    pub red_line: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    /// The round the position was stated in; `null` with no position.
    pub since: Option<String>,
    #[serde(skip)]
    since_date: Option<crate::data::talks::Date>,
    /// Stated in an earlier round than `as_of` and carried forward.
    pub carried: bool,
    /// Accepts more outcomes if other issues settle a given way (`show`
    /// says which); left out where it does not.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub on_conditions: bool,
    /// Set by `--assume`: a scenario, not the record; left out where not.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub assumed: bool,
}

impl PositionsTable {
    pub fn build(talks: &Talks, round: usize, parties: &[usize], issues: &[usize]) -> Self {
        let state = State::as_of(talks, round);
        let rows = issues
            .iter()
            .map(|&i| IssueRow {
                issue: talks.issues[i].id.clone(),
                title: talks.issues[i].title.clone(),
                cells: parties
                    .iter()
                    .map(|&p| {
                        let stated = state.get(p, i);
                        TableCell {
                            party: talks.parties[p].id.clone(),
                            stance: stated.and_then(|s| {
                                s.position
                                    .stance
                                    .map(|o| talks.issues[i].scale[o].id.clone())
                            }),
                            red_line: stated.is_some_and(|s| s.position.red_line),
                            priority: stated.and_then(|s| s.position.priority),
                            since: stated.map(|s| s.round.id.clone()),
                            since_date: stated.map(|s| s.round.date),
                            carried: stated.is_some_and(|s| s.round_ix < round),
                            on_conditions: stated
                                .is_some_and(|s| !s.position.conditions.is_empty()),
                            assumed: stated.is_some_and(|s| s.position.assumed),
                        }
                    })
                    .collect(),
            })
            .collect();
        PositionsTable {
            talks: talks.id.clone(),
            title: talks.title.clone(),
            as_of: RoundRef::new(&talks.rounds[round]),
            parties: parties
                .iter()
                .map(|&p| talks.parties[p].label().to_string())
                .collect(),
            rows,
        }
    }
}

impl PositionsTable {
    /// One row per issue and party: one value per cell.
    fn data(&self) -> Doc<'_> {
        let rows = Rows::each(
            &self.rows,
            |r| &r.cells,
            |r, c| {
                vec![
                    Text::plain(r.issue.as_str()),
                    Text::plain(c.party.as_str()),
                    cell::text(c.stance.as_deref()),
                    cell::flag(c.red_line),
                    cell::text(c.priority.map(|p| p.as_str())),
                    cell::text(c.since.as_deref()),
                    cell::flag(c.carried),
                    cell::flag(c.on_conditions),
                    cell::flag(c.assumed),
                ]
            },
        );
        let mut doc = Doc::default();
        doc.push(Block::Table(data_table(
            &[
                "issue",
                "party",
                "stance",
                "red_line",
                "priority",
                "since",
                "carried",
                "on_conditions",
                "assumed",
            ],
            rows,
        )));
        doc
    }
}

impl View for PositionsTable {
    fn doc(&self, layout: Layout) -> Doc<'_> {
        if layout == Layout::Data {
            return self.data();
        }
        let mut headers = vec!["issue".to_string()];
        headers.extend(self.parties.iter().cloned());
        let rows = self
            .rows
            .iter()
            .map(|row| {
                let mut title = Text::plain(row.title.as_str());
                title.line(row.issue.clone(), Tone::Dim);
                let mut cells = vec![title];
                cells.extend(row.cells.iter().map(|c| {
                    let Some(stance) = &c.stance else {
                        return Text::styled("·", Tone::Dim);
                    };
                    let mut t = Text::plain(stance.as_str());
                    if c.red_line {
                        t.line("RED LINE", Tone::RedLine);
                    }
                    if c.on_conditions {
                        t.line("+ on conditions", Tone::Overlap);
                    }
                    if c.assumed {
                        t.line(ASSUMED_MARK, Tone::Overlap);
                    }
                    if c.carried
                        && let Some(since) = &c.since_date
                    {
                        t.line(format!("since {since}"), Tone::Dim);
                    }
                    t
                }));
                cells
            })
            .collect();
        let mut doc = Doc::default();
        doc.push(Block::Title(format!(
            "{} — positions as of {} ({})",
            self.title, self.as_of.id, self.as_of.date
        )));
        if let Some(b) = self.as_of.banner() {
            doc.push(b);
        }
        doc.push(Block::Table(Table {
            headers,
            rows,
            right: vec![],
            nowrap: Vec::new(),
            heat: Vec::new(),
        }));
        let mut legend = vec![
            "RED LINE: stated as non-negotiable · since DATE: stated in the round of that date and carried forward · ·: no position stated".into(),
            "Outcomes are ids on each issue's scale: `redlines list issues` lists them; `redlines show PARTY ISSUE` gives the position in full.".into(),
        ];
        if self
            .rows
            .iter()
            .flat_map(|r| &r.cells)
            .any(|c| c.on_conditions)
        {
            legend.insert(
                1,
                "+ on conditions: accepts more if other issues settle a given way (`show` says which; `matrix --by issue`, what that opens)".into(),
            );
        }
        if self.rows.iter().flat_map(|r| &r.cells).any(|c| c.assumed) {
            legend.insert(0, ASSUMED_LEGEND.into());
        }
        doc.push(Block::Legend(legend));
        doc
    }
}

//! `history ISSUE`: one issue across every round — each party's stance,
//! marked where it changed, and each pair's relation: the issue's path
//! towards or away from agreement.
use crate::core::compare::{Relation, pairs, relation};
use crate::core::diff::{Change, ChangeKind, position_changes};
use crate::core::state::{State, states};
use crate::data::talks::Talks;
use crate::view::relation::{
    MAX_PAIR_COLUMNS, counted, counted_headers, counted_said, not_paired, relation_legend,
    relation_mark,
};
use crate::view::round::{ASSUMED_LEGEND, ASSUMED_MARK, RoundRef, round_label};
use crate::view::{Block, Doc, Layout, Rows, Table, Text, Tone, View, cell, data_table};
use serde::Serialize;

#[derive(Serialize)]
pub struct History {
    talks: String,
    title: String,
    issue: String,
    issue_title: String,
    question: Option<String>,
    parties: Vec<String>,
    /// Every pair of `parties`, in the order of `relations` in each round.
    pairs: Vec<[String; 2]>,
    /// In time order.
    rounds: Vec<HistoryRow>,
    /// Column labels of the parties and of the pairs.
    #[serde(skip)]
    labels: Vec<String>,
    #[serde(skip)]
    pair_labels: Vec<(String, String)>,
    /// Parties whose pairs are left out: mediators and observers.
    not_paired: Vec<String>,
    #[serde(skip)]
    not_paired_note: Option<String>,
}

#[derive(Serialize)]
pub struct HistoryRow {
    round: RoundRef,
    /// One per party, in the order of `parties`.
    cells: Vec<HistoryCell>,
    /// One per pair, in the order of `pairs`.
    relations: Vec<Relation>,
}

#[derive(Serialize)]
pub struct HistoryCell {
    party: String,
    /// Outcome id; `null` with no position as of this round.
    stance: Option<String>,
    red_line: bool,
    /// Accepts more on conditions (`show` says which); left out where not.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    on_conditions: bool,
    /// The party withdrew its position (as of this round).
    withdrawn: bool,
    /// Stated in this round, rather than carried forward.
    stated: bool,
    /// What changed in this round, as `diff` names it (`moved`,
    /// `red-line-taken-up`, …); empty where nothing did.
    changes: Vec<ChangeKind>,
    /// A move, a first statement or a withdrawal (not wording alone, nor a
    /// newly stated priority), as `diff` counts them: the `*` of the table.
    changed: bool,
    /// Set by `--assume`: a scenario, not the record; left out where not.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    assumed: bool,
}

impl History {
    /// Every party of `parties` in a column of its own; a pair's relation
    /// for each two of `paired` (those with a stake, unless asked for):
    /// `left_out`, the others.
    pub fn build(talks: &Talks, issue: usize, parties: &[usize], paired: &[usize]) -> Self {
        let pairs: Vec<(usize, usize)> = pairs(paired.len())
            .map(|(a, b)| (paired[a], paired[b]))
            .collect();
        let left_out: Vec<usize> = parties
            .iter()
            .copied()
            .filter(|p| !paired.contains(p))
            .collect();
        let scale = &talks.issues[issue].scale;
        let mut before = State::empty(talks);
        let mut rounds = Vec::with_capacity(talks.rounds.len());
        for now in states(talks) {
            let round = &talks.rounds[now.round];
            let cells = parties
                .iter()
                .map(|&p| {
                    let changes = position_changes(&before, &now, p, issue);
                    let held = now.get(p, issue);
                    let last = now.last_stated(p, issue);
                    HistoryCell {
                        party: talks.parties[p].id.clone(),
                        stance: held
                            .and_then(|s| s.position.stance)
                            .map(|o| scale[o].id.clone()),
                        red_line: held.is_some_and(|s| s.position.red_line),
                        on_conditions: held.is_some_and(|s| !s.position.conditions.is_empty()),
                        withdrawn: held.is_none() && last.is_some(),
                        stated: last.is_some_and(|s| s.round_ix == now.round),
                        changed: changes.iter().any(Change::is_substantive),
                        changes: changes.iter().map(Change::kind).collect(),
                        assumed: held.is_some_and(|s| s.position.assumed),
                    }
                })
                .collect();
            let pos = |p| now.get(p, issue).map(|s| s.position);
            let relations = pairs
                .iter()
                .map(|&(a, b)| relation(pos(a), pos(b)))
                .collect();
            rounds.push(HistoryRow {
                round: RoundRef::new(round),
                cells,
                relations,
            });
            before = now;
        }
        let id = |p: usize| talks.parties[p].id.clone();
        let label = |p: usize| talks.parties[p].label().to_string();
        History {
            talks: talks.id.clone(),
            title: talks.title.clone(),
            issue: talks.issues[issue].id.clone(),
            issue_title: talks.issues[issue].title.clone(),
            question: talks.issues[issue].question.clone(),
            parties: parties.iter().map(|&p| id(p)).collect(),
            pairs: pairs.iter().map(|&(a, b)| [id(a), id(b)]).collect(),
            rounds,
            labels: parties.iter().map(|&p| label(p)).collect(),
            pair_labels: pairs.iter().map(|&(a, b)| (label(a), label(b))).collect(),
            not_paired: left_out.iter().map(|&p| id(p)).collect(),
            not_paired_note: not_paired(talks, &left_out),
        }
    }
}

impl History {
    /// One row per round and party: one value per cell.
    fn data(&self) -> Doc<'_> {
        let rows = Rows::each(
            &self.rounds,
            |r| &r.cells,
            |r, c| {
                vec![
                    Text::plain(r.round.id.as_str()),
                    Text::plain(r.round.date.to_string()),
                    Text::plain(c.party.as_str()),
                    cell::text(c.stance.as_deref()),
                    cell::flag(c.red_line),
                    cell::flag(c.withdrawn),
                    cell::flag(c.stated),
                    cell::flag(c.changed),
                    cell::flag(c.assumed),
                ]
            },
        );
        let mut doc = Doc::default();
        doc.push(Block::Table(data_table(
            &[
                "round",
                "date",
                "party",
                "stance",
                "red_line",
                "withdrawn",
                "stated",
                "changed",
                "assumed",
            ],
            rows,
        )));
        doc
    }
}

impl View for History {
    fn doc(&self, layout: Layout) -> Doc<'_> {
        if layout == Layout::Data {
            return self.data();
        }
        // On a terminal, round ids break after the date to keep columns narrow.
        let narrow = layout == Layout::Terminal;
        let mut headers = vec!["round".to_string()];
        headers.extend(self.labels.iter().cloned());
        // A column of marks needs no more width than its longer label.
        let dash = if narrow { "\n" } else { "–" };
        let pairs_counted = self.pair_labels.len() > MAX_PAIR_COLUMNS;
        if pairs_counted {
            headers.extend(counted_headers());
        } else {
            headers.extend(
                self.pair_labels
                    .iter()
                    .map(|(a, b)| format!("{a}{dash}{b}")),
            );
        }
        let rows = self
            .rounds
            .iter()
            .map(|row| {
                let mut cells = vec![Text::plain(round_label(&row.round, narrow))];
                cells.extend(row.cells.iter().map(|c| {
                    let shown = match (&c.stance, c.withdrawn) {
                        (Some(s), _) => s.as_str(),
                        (None, true) => "withdrawn",
                        (None, false) => "·",
                    };
                    // The stance on the first line, its marks under it: the
                    // column is as wide as the id and no wider.
                    let mut t = match (c.changed, c.stance.is_some()) {
                        (true, _) => Text::styled(shown, Tone::Strong),
                        (false, true) => Text::plain(shown),
                        (false, false) => Text::styled(shown, Tone::Dim),
                    };
                    if c.changed || c.red_line {
                        t.lines.push(crate::view::Line::new());
                    }
                    if c.changed {
                        t.push("*", Tone::Strong);
                    }
                    if c.changed && c.red_line {
                        t.push(" ", Tone::Plain);
                    }
                    if c.red_line {
                        t.push("RED LINE", Tone::RedLine);
                    }
                    if c.on_conditions {
                        t.line("+ if", Tone::Overlap);
                    }
                    if c.assumed {
                        t.line(ASSUMED_MARK, Tone::Overlap);
                    }
                    t
                }));
                if pairs_counted {
                    cells.extend(counted(&row.relations));
                } else {
                    cells.extend(row.relations.iter().map(|&r| relation_mark(r)));
                }
                cells
            })
            .collect();
        let mut doc = Doc::default();
        doc.push(Block::Title(format!(
            "{} — {}, round by round",
            self.title, self.issue_title
        )));
        if let Some(b) = self.rounds.iter().find_map(|r| r.round.banner()) {
            doc.push(b);
        }
        if let Some(q) = &self.question {
            doc.push(Block::Line(Text::styled(q.as_str(), Tone::Dim)));
        }
        if pairs_counted {
            doc.push(Block::Line(counted_said(self.pair_labels.len())));
        }
        doc.push(Block::Table(Table {
            headers,
            rows,
            right: Vec::new(),
            // Ids a reader types, and labels: whole, never wrapped.
            nowrap: (0..=self.labels.len() + self.pair_labels.len().min(MAX_PAIR_COLUMNS))
                .collect(),
            heat: Vec::new(),
        }));
        let conditional = self
            .rounds
            .iter()
            .flat_map(|r| &r.cells)
            .any(|c| c.on_conditions);
        let mut legend = vec![
            format!(
                "*: changed in this round (`redlines diff` says how) · RED LINE: stated as non-negotiable{} · ·: no position stated",
                if conditional {
                    " · + if: accepts more on conditions (`show` says which)"
                } else {
                    ""
                }
            ),
            format!(
                "Each pair's relation as of each round, the pair named at the head of its column: {}",
                relation_legend()
            ),
        ];
        if self.rounds.iter().flat_map(|r| &r.cells).any(|c| c.assumed) {
            legend.insert(0, ASSUMED_LEGEND.into());
        }
        legend.extend(self.not_paired_note.clone());
        doc.push(Block::Legend(legend));
        doc
    }
}

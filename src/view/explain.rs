//! `explain A B ISSUE`: one relation, both positions side by side, and why.
use crate::core::compare::{Relation, relation};
use crate::core::linkage::evaluate;
use crate::core::state::State;
use crate::data::talks::Talks;
use crate::view::linkage::IssueLinkageView;
use crate::view::position::PositionView;
use crate::view::position::{FIELD_ORDER, position_fields};
use crate::view::proposals::{TermStand, outcome_ids, stand_mark, term_stand};
use crate::view::relation::{relation_said, words};
use crate::view::round::RoundRef;
use crate::view::{Block, Doc, Layout, Table, Text, Tone, View};
use serde::Serialize;

/// A proposal's terms on one issue, and each party's answer to them.
#[derive(Serialize)]
pub struct ProposalOnIssue {
    pub proposal: String,
    pub by: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub outcomes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// The two parties' answers, in the order of `parties`.
    pub stands: [TermStand; 2],
}

#[derive(Serialize)]
pub struct Explained {
    talks: String,
    as_of: RoundRef,
    issue: String,
    issue_title: String,
    parties: [String; 2],
    relation: Relation,
    /// Why, in a sentence.
    why: String,
    /// Outcomes both accept.
    common: Vec<String>,
    /// Each party's position (`null` where none is stated).
    positions: [Option<PositionView>; 2],
    /// What linkage adds on this issue, for every party with a position:
    /// outcomes acceptable on conditions, and what blocks a deal.
    linkage: Option<IssueLinkageView>,
    /// The proposals on the table that settle this issue, and how each of
    /// the two parties answers their terms on it.
    proposals: Vec<ProposalOnIssue>,
    #[serde(skip)]
    names: [String; 2],
}

impl Explained {
    pub fn new(talks: &Talks, round: usize, parties: [usize; 2], i: usize) -> Self {
        let state = State::as_of(talks, round);
        let stated = parties.map(|p| state.get(p, i));
        let rel = relation(stated[0].map(|s| s.position), stated[1].map(|s| s.position));
        let issue = &talks.issues[i];
        let common = match (stated[0], stated[1]) {
            (Some(x), Some(y)) => x
                .position
                .accepts
                .intersect(y.position.accepts)
                .iter()
                .collect(),
            _ => Vec::new(),
        };
        let ids = parties.map(|p| talks.parties[p].id.clone());
        let outcome = |o: usize| format!("`{}`", issue.scale[o].id);
        let red = |k: usize| stated[k].is_some_and(|s| s.position.red_line);
        let why = match rel {
            Relation::Agree => format!(
                "Both demand {}.",
                outcome(
                    stated[0]
                        .and_then(|s| s.position.stance)
                        .unwrap_or_default()
                )
            ),
            Relation::Overlap => format!(
                "Their demands differ, but both could live with {}.",
                common
                    .iter()
                    .map(|&o| outcome(o))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
            Relation::Disagree => {
                "No outcome is acceptable to both; neither calls it a red line.".to_string()
            }
            Relation::Clash => {
                let holders: Vec<&str> = (0..2)
                    .filter(|&k| red(k))
                    .map(|k| ids[k].as_str())
                    .collect();
                format!(
                    "No outcome is acceptable to both, and {} {} it as a red line.",
                    holders.join(" and "),
                    if holders.len() == 1 { "holds" } else { "hold" }
                )
            }
            Relation::Unknown => {
                let silent: Vec<&str> = (0..2)
                    .filter(|&k| stated[k].is_none())
                    .map(|k| ids[k].as_str())
                    .collect();
                format!(
                    "{} stated no position on this issue as of this round.",
                    silent.join(" and ")
                )
            }
        };
        Explained {
            talks: talks.id.clone(),
            as_of: RoundRef::new(&talks.rounds[round]),
            issue: issue.id.clone(),
            issue_title: issue.title.clone(),
            parties: ids,
            relation: rel,
            why,
            common: common.iter().map(|&o| issue.scale[o].id.clone()).collect(),
            positions: stated.map(|s| s.map(|s| PositionView::new(talks, s.position, s.round))),
            linkage: IssueLinkageView::new(&state, i),
            proposals: state
                .proposals()
                .into_iter()
                .filter_map(|(p, _)| {
                    let term = p.terms.iter().find(|t| t.issue == i)?;
                    let verdicts = evaluate(&state, p);
                    Some(ProposalOnIssue {
                        proposal: p.id.clone(),
                        by: talks.parties[p.by].id.clone(),
                        title: p.title.clone(),
                        outcomes: outcome_ids(talks, i, term.outcomes),
                        quote: term.quote.clone(),
                        stands: parties.map(|k| term_stand(&verdicts[k], i)),
                    })
                })
                .collect(),
            names: parties.map(|p| talks.parties[p].name.clone()),
        }
    }
}

impl View for Explained {
    fn doc(&self, layout: Layout) -> Doc<'_> {
        let mut doc = Doc::default();
        doc.push(Block::Title(format!(
            "{} and {} on {} — as of {}",
            self.names[0], self.names[1], self.issue_title, self.as_of.id
        )));
        if let Some(b) = self.as_of.banner() {
            doc.push(b);
        }
        let mut verdict = Text::styled(relation_said(self.relation), words(self.relation).tone);
        verdict.push(format!(": {}", self.why), Tone::Plain);
        doc.push(Block::Line(verdict));

        // Both positions field by field, in the order `show` prints them.
        let fields = self
            .positions
            .each_ref()
            .map(|p| p.as_ref().map(position_fields).unwrap_or_default());
        let keys: Vec<&str> = FIELD_ORDER
            .into_iter()
            .filter(|key| fields.iter().flatten().any(|(name, _)| name == key))
            .collect();
        let lookup = |k: usize, key: &str| -> Text {
            if self.positions[k].is_none() {
                return if key == "stance" {
                    Text::styled("no position stated", Tone::Dim)
                } else {
                    Text::default()
                };
            }
            fields[k]
                .iter()
                .find(|(name, _)| name == key)
                .map(|(_, t)| t.clone())
                .unwrap_or_default()
        };
        let rows = keys
            .iter()
            .map(|&key| vec![Text::styled(key, Tone::Dim), lookup(0, key), lookup(1, key)])
            .collect();
        doc.push(Block::Table(Table {
            // A data table names every column.
            headers: vec![
                if layout == Layout::Data {
                    "field".to_string()
                } else {
                    String::new()
                },
                self.parties[0].clone(),
                self.parties[1].clone(),
            ],
            rows,
            right: Vec::new(),
            nowrap: vec![0],
            heat: Vec::new(),
        }));
        doc.push(Block::Line(if self.common.is_empty() {
            Text::styled("Common acceptable outcomes: none", Tone::Dim)
        } else {
            Text::plain(format!(
                "Common acceptable outcomes: {}",
                self.common.join(", ")
            ))
        }));
        if let Some(l) = &self.linkage {
            let conditional = l.conditional_said();
            if !conditional.is_empty() {
                doc.push(Block::Line(Text::styled(
                    format!(
                        "Acceptable to every party on conditions: {}",
                        conditional.join("; ")
                    ),
                    Tone::Overlap,
                )));
            }
        }
        if !self.proposals.is_empty() {
            let mut t = Text::styled(
                "Proposals on the table that settle this issue:",
                Tone::Strong,
            );
            for p in &self.proposals {
                t.line(
                    format!("  {} (by {}): {}", p.proposal, p.by, p.outcomes.join(", ")),
                    Tone::Plain,
                );
                for (k, &stand) in p.stands.iter().enumerate() {
                    let (mark, tone) = stand_mark(stand);
                    t.push(format!(" · {} ", self.parties[k]), Tone::Plain)
                        .push(mark, tone);
                }
                if let Some(q) = &p.quote {
                    t.line(format!("    “{q}”"), Tone::Dim);
                }
            }
            doc.push(Block::Line(t));
        }
        doc
    }
}

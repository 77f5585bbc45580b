//! What `proposals` shows: every proposal on the table as of a round, its
//! terms issue by issue, and each party's answer — accepts whole, accepts on
//! conditions its other terms meet, acceptable but for some issues, or
//! crossing a red line — with the words and sources behind them.

use serde::Serialize;

use crate::core::linkage::{Verdict, evaluate};
use crate::core::state::State;
use crate::data::talks::{Outcomes, Proposal, Said, Source, Talks};
use crate::view::round::RoundRef;
use crate::view::{Block, Doc, Layout, Table, Text, Tone, View};

#[derive(Serialize)]
pub struct ProposalsView {
    pub talks: String,
    pub title: String,
    pub as_of: RoundRef,
    pub parties: Vec<String>,
    /// In the order they were tabled.
    pub proposals: Vec<ProposalView>,
    #[serde(skip)]
    labels: Vec<String>,
}

#[derive(Serialize)]
pub struct ProposalView {
    pub id: String,
    pub by: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The round that tabled it (or last restated it).
    pub tabled_in: String,
    #[serde(flatten)]
    pub said: SaidView,
    pub terms: Vec<TermView>,
    /// One per party, in the order of `parties`.
    pub verdicts: Vec<VerdictView>,
}

#[derive(Serialize)]
pub struct TermView {
    pub issue: String,
    pub outcomes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// One per party, in the order of `parties`.
    pub stands: Vec<TermStand>,
}

/// A party's answer to one term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TermStand {
    Accepts,
    /// Accepts because the proposal's other terms meet its conditions.
    OnConditions,
    Rejects,
    /// Rejects, and the issue is a red line for it.
    RedLine,
    /// Holds no position on the issue.
    Silent,
}

/// How a party's answer to a whole proposal is said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Answer {
    Accepts,
    AcceptsOnConditions,
    /// Acceptable but for some issues, none a red line.
    ButFor,
    CrossesRedLine,
    #[default]
    Silent,
}

#[derive(Serialize, Default)]
pub struct VerdictView {
    pub party: String,
    pub answer: Answer,
    pub accepted: Vec<String>,
    pub on_conditions: Vec<String>,
    pub rejected: Vec<String>,
    /// Those of `rejected` that are red lines for the party.
    pub red_lines: Vec<String>,
    pub silent: Vec<String>,
    /// The answer in words.
    pub said: String,
}

/// A statement's words and where they are printed, as JSON shows them.
#[derive(Debug, Serialize, Default)]
pub struct SaidView {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl SaidView {
    pub fn new(talks: &Talks, s: &Said) -> Self {
        SaidView {
            quote: s.quote.clone(),
            speaker: s.speaker.clone(),
            source: s.source.map(|i| talks.sources[i].clone()),
            note: s.note.clone(),
        }
    }
}

/// The ids of a set of outcomes of `issue`.
pub fn outcome_ids(talks: &Talks, issue: usize, set: Outcomes) -> Vec<String> {
    let scale = &talks.issues[issue].scale;
    set.iter()
        .filter(|&o| o < scale.len())
        .map(|o| scale[o].id.clone())
        .collect()
}

/// The mark of a party's answer to a term, and its tone.
pub fn stand_mark(s: TermStand) -> (&'static str, Tone) {
    match s {
        TermStand::Accepts => ("✔", Tone::Agree),
        TermStand::OnConditions => ("✔ if", Tone::Overlap),
        TermStand::Rejects => ("✘", Tone::Disagree),
        TermStand::RedLine => ("⛔", Tone::Clash),
        TermStand::Silent => ("·", Tone::Dim),
    }
}

pub const STAND_LEGEND: &str = "✔ accepts the term · ✔ if: accepts it because the proposal's other terms meet its conditions · ✘ rejects it · ⛔ rejects it, a red line · ·: no position on the issue";

impl VerdictView {
    fn new(talks: &Talks, v: &Verdict, by: usize) -> Self {
        let id = |i: &usize| talks.issues[*i].id.clone();
        let ids = |is: &[usize]| is.iter().map(id).collect::<Vec<_>>();
        let rejected: Vec<String> = v.rejected.iter().map(|(i, _)| id(i)).collect();
        let red_lines: Vec<String> = v
            .rejected
            .iter()
            .filter(|(_, red)| *red)
            .map(|(i, _)| id(i))
            .collect();
        let answer = if v.crosses_red_line() {
            Answer::CrossesRedLine
        } else if !v.rejected.is_empty() {
            Answer::ButFor
        } else if !v.on_conditions.is_empty() {
            Answer::AcceptsOnConditions
        } else if !v.accepted.is_empty() {
            Answer::Accepts
        } else {
            Answer::Silent
        };
        let mut said = match answer {
            Answer::Accepts | Answer::Silent if v.party == by => "tabled it".to_string(),
            Answer::Accepts => "accepts it whole".to_string(),
            Answer::AcceptsOnConditions => format!(
                "accepts it, {} on conditions the other terms meet",
                ids(&v.on_conditions).join(", ")
            ),
            Answer::ButFor => format!("acceptable but for {}", rejected.join(", ")),
            Answer::CrossesRedLine => {
                let mut s = format!("crosses its red line on {}", red_lines.join(", "));
                let others: Vec<&String> =
                    rejected.iter().filter(|r| !red_lines.contains(r)).collect();
                if !others.is_empty() {
                    let others: Vec<&str> = others.iter().map(|s| s.as_str()).collect();
                    s.push_str(&format!("; rejects {}", others.join(", ")));
                }
                s
            }
            Answer::Silent => "no position on any of its issues".to_string(),
        };
        if answer != Answer::Silent && !v.silent.is_empty() {
            said.push_str(&format!("; no position on {}", ids(&v.silent).join(", ")));
        }
        VerdictView {
            party: talks.parties[v.party].id.clone(),
            answer,
            accepted: ids(&v.accepted),
            on_conditions: ids(&v.on_conditions),
            rejected,
            red_lines,
            silent: ids(&v.silent),
            said,
        }
    }
}

impl ProposalView {
    pub fn new(state: &State<'_>, p: &Proposal, tabled_in: usize) -> Self {
        let talks = state.talks();
        let verdicts = evaluate(state, p);
        let terms = p
            .terms
            .iter()
            .map(|t| TermView {
                issue: talks.issues[t.issue].id.clone(),
                outcomes: outcome_ids(talks, t.issue, t.outcomes),
                quote: t.quote.clone(),
                note: t.note.clone(),
                stands: verdicts.iter().map(|v| term_stand(v, t.issue)).collect(),
            })
            .collect();
        ProposalView {
            id: p.id.clone(),
            by: talks.parties[p.by].id.clone(),
            title: p.title.clone(),
            summary: p.summary.clone(),
            tabled_in: talks.rounds[tabled_in].id.clone(),
            said: SaidView::new(talks, &p.said),
            terms,
            verdicts: verdicts
                .iter()
                .map(|v| VerdictView::new(talks, v, p.by))
                .collect(),
        }
    }
}

/// A party's answer to the term on `issue`.
pub fn term_stand(v: &Verdict, issue: usize) -> TermStand {
    if v.accepted.contains(&issue) {
        TermStand::Accepts
    } else if v.on_conditions.contains(&issue) {
        TermStand::OnConditions
    } else if let Some(&(_, red)) = v.rejected.iter().find(|(i, _)| *i == issue) {
        if red {
            TermStand::RedLine
        } else {
            TermStand::Rejects
        }
    } else {
        TermStand::Silent
    }
}

impl ProposalsView {
    /// The proposals on the table as of `round` that settle one of
    /// `issues`, their terms on those issues, and the answers of `parties`
    /// (to the whole proposal).
    pub fn new(talks: &Talks, round: usize, parties: &[usize], issues: &[usize]) -> Self {
        let state = State::as_of(talks, round);
        let ids: Vec<String> = issues.iter().map(|&i| talks.issues[i].id.clone()).collect();
        let proposals = state
            .proposals()
            .into_iter()
            .filter(|(p, _)| p.terms.iter().any(|t| issues.contains(&t.issue)))
            .map(|(p, r)| {
                let mut v = ProposalView::new(&state, p, r);
                v.terms.retain(|t| ids.contains(&t.issue));
                for t in &mut v.terms {
                    t.stands = parties.iter().map(|&k| t.stands[k]).collect();
                }
                v.verdicts = parties
                    .iter()
                    .map(|&k| std::mem::take(&mut v.verdicts[k]))
                    .collect();
                v
            })
            .collect();
        ProposalsView {
            talks: talks.id.clone(),
            title: talks.title.clone(),
            as_of: RoundRef::new(&talks.rounds[round]),
            parties: parties
                .iter()
                .map(|&p| talks.parties[p].id.clone())
                .collect(),
            proposals,
            labels: parties
                .iter()
                .map(|&p| talks.parties[p].label().to_string())
                .collect(),
        }
    }

    fn heading(p: &ProposalView) -> String {
        let name = p.title.clone().unwrap_or_else(|| p.id.clone());
        format!("{name} — by {}, tabled in {}", p.by, p.tabled_in)
    }

    /// Per proposal a table, issues down and parties across, then each
    /// party's answer in a sentence.
    fn terminal(&self) -> Doc<'_> {
        let mut doc = Doc::default();
        doc.push(Block::Title(format!(
            "{} — proposals on the table as of {} ({})",
            self.title, self.as_of.id, self.as_of.date
        )));
        if let Some(b) = self.as_of.banner() {
            doc.push(b);
        }
        if self.proposals.is_empty() {
            doc.push(Block::Line(Text::styled(
                "No proposal is on the table as of this round.",
                Tone::Dim,
            )));
            return doc;
        }
        for p in &self.proposals {
            doc.push(Block::Heading(Self::heading(p)));
            if let Some(s) = &p.summary {
                doc.push(Block::Line(Text::styled(s.as_str(), Tone::Dim)));
            }
            let mut headers = vec!["issue".to_string(), "proposes".to_string()];
            headers.extend(self.labels.iter().cloned());
            let rows = p
                .terms
                .iter()
                .map(|t| {
                    let mut row = vec![
                        Text::plain(t.issue.as_str()),
                        Text::plain(t.outcomes.join(", ")),
                    ];
                    row.extend(t.stands.iter().map(|&s| {
                        let (mark, tone) = stand_mark(s);
                        Text::styled(mark, tone)
                    }));
                    row
                })
                .collect();
            doc.push(Block::Table(Table {
                headers,
                rows,
                right: Vec::new(),
                nowrap: vec![0],
                heat: Vec::new(),
            }));
            let mut answers = Text::default();
            for (k, v) in p.verdicts.iter().enumerate() {
                let tone = match v.answer {
                    Answer::Accepts | Answer::AcceptsOnConditions => Tone::Agree,
                    Answer::ButFor => Tone::Disagree,
                    Answer::CrossesRedLine => Tone::Clash,
                    Answer::Silent => Tone::Dim,
                };
                let line = format!("{}: ", self.labels[k]);
                if k == 0 {
                    answers.push(line, Tone::Strong);
                } else {
                    answers.line(line, Tone::Strong);
                }
                answers.push(v.said.clone(), tone);
            }
            doc.push(Block::Line(answers));
        }
        doc.push(Block::Legend(vec![
            STAND_LEGEND.into(),
            "`redlines explain A B ISSUE` shows the positions behind a mark, and the terms' words."
                .into(),
        ]));
        doc
    }

    /// One row per proposal, term and party.
    fn document(&self) -> Doc<'_> {
        let mut rows = Vec::new();
        for p in &self.proposals {
            for t in &p.terms {
                for (k, &s) in t.stands.iter().enumerate() {
                    rows.push(vec![
                        Text::plain(p.id.as_str()),
                        Text::plain(p.by.as_str()),
                        Text::plain(t.issue.as_str()),
                        Text::plain(t.outcomes.join(", ")),
                        Text::plain(self.parties[k].as_str()),
                        Text::plain(stand_name(s)),
                        Text::plain(p.verdicts[k].said.as_str()),
                    ]);
                }
            }
        }
        let mut doc = Doc::default();
        doc.push(Block::Title(format!(
            "{} — proposals on the table as of {}",
            self.title, self.as_of.id
        )));
        if let Some(b) = self.as_of.banner() {
            doc.push(b);
        }
        doc.push(Block::Table(Table {
            headers: [
                "proposal", "by", "issue", "proposes", "party", "stand", "answer",
            ]
            .map(String::from)
            .to_vec(),
            rows: rows.into(),
            ..Table::default()
        }));
        doc
    }
}

/// A stand as CSV and Markdown name it (its JSON name).
pub fn stand_name(s: TermStand) -> &'static str {
    match s {
        TermStand::Accepts => "accepts",
        TermStand::OnConditions => "on-conditions",
        TermStand::Rejects => "rejects",
        TermStand::RedLine => "red-line",
        TermStand::Silent => "silent",
    }
}

impl View for ProposalsView {
    fn doc(&self, layout: Layout) -> Doc<'_> {
        match layout {
            Layout::Terminal => self.terminal(),
            Layout::Document | Layout::Data => self.document(),
        }
    }
}

//! What `bridge` shows: what it would take to close an issue — for each
//! outcome, who would have to widen what it accepts, by how many steps, and
//! whose red line it would cross — and the nearest deal, with the
//! `--assume` arguments that try it. Without an issue: one line per issue,
//! closest to a deal first.

use serde::Serialize;

use crate::core::bridge::{Bridge, OutcomeCost, ranked};
use crate::core::state::State;
use crate::data::talks::Talks;
use crate::view::round::RoundRef;
use crate::view::{Block, Doc, Layout, Table, Text, Tone, View};

#[derive(Serialize)]
pub struct BridgeView {
    pub talks: String,
    pub as_of: RoundRef,
    /// Closest to a deal first.
    pub issues: Vec<IssueBridge>,
    /// Each outcome of each issue in full (issues named), or one line per
    /// issue (none named).
    #[serde(skip)]
    detailed: bool,
}

#[derive(Serialize)]
pub struct IssueBridge {
    pub issue: String,
    pub title: String,
    /// The nearest deal: an outcome id.
    pub nearest: String,
    /// Outcomes as near by every count, only later on the scale: the
    /// nearest deal is one of a tie.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub equally_near: Vec<String>,
    pub every_outcome_crosses_a_red_line: bool,
    /// What it takes to reach each outcome, in scale order.
    pub outcomes: Vec<OutcomeView>,
    /// The `--assume` arguments that lay the nearest deal's moves over the
    /// round (empty where nobody needs to move).
    pub assume: Vec<String>,
}

#[derive(Serialize)]
pub struct OutcomeView {
    pub outcome: String,
    /// Σ steps × weight.
    pub cost: f64,
    pub steps: usize,
    pub moves: Vec<MoveView>,
    /// Parties that accept it only on conditions on other issues.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub on_conditions: Vec<String>,
}

#[derive(Serialize)]
pub struct MoveView {
    pub party: String,
    pub steps: usize,
    pub weight: f64,
    pub red_line: bool,
}

impl BridgeView {
    pub fn new(talks: &Talks, round: usize, issues: &[usize], detailed: bool) -> Self {
        let state = State::as_of(talks, round);
        let bridges = if detailed {
            issues
                .iter()
                .filter_map(|&i| crate::core::bridge::bridge(&state, i))
                .collect()
        } else {
            ranked(&state, issues)
        };
        BridgeView {
            talks: talks.id.clone(),
            as_of: RoundRef::new(&talks.rounds[round]),
            issues: bridges.iter().map(|b| IssueBridge::new(talks, b)).collect(),
            detailed,
        }
    }
}

impl IssueBridge {
    fn new(talks: &Talks, b: &Bridge) -> Self {
        let issue = &talks.issues[b.issue];
        let outcome = |o: usize| issue.scale[o].id.clone();
        let party = |p: usize| talks.parties[p].id.clone();
        let view = |c: &OutcomeCost| OutcomeView {
            outcome: outcome(c.outcome),
            cost: c.cost,
            steps: c.steps(),
            moves: c
                .moves
                .iter()
                .map(|m| MoveView {
                    party: party(m.party),
                    steps: m.steps,
                    weight: m.weight,
                    red_line: m.red_line,
                })
                .collect(),
            on_conditions: c.on_conditions.iter().map(|&p| party(p)).collect(),
        };
        let nearest = b.nearest();
        IssueBridge {
            issue: issue.id.clone(),
            title: issue.title.clone(),
            nearest: outcome(nearest.outcome),
            equally_near: b
                .equally_near()
                .into_iter()
                .map(|k| outcome(b.outcomes[k].outcome))
                .collect(),
            every_outcome_crosses_a_red_line: b.every_outcome_crosses_a_red_line(),
            outcomes: b.outcomes.iter().map(view).collect(),
            assume: nearest
                .moves
                .iter()
                .map(|m| {
                    format!(
                        "{}.{}+={}",
                        party(m.party),
                        issue.id,
                        outcome(nearest.outcome)
                    )
                })
                .collect(),
        }
    }

    fn nearest(&self) -> &OutcomeView {
        self.outcome(&self.nearest)
    }

    fn outcome(&self, id: &str) -> &OutcomeView {
        self.outcomes
            .iter()
            .find(|o| o.outcome == id)
            .expect("the nearest deal and its ties are outcomes of the issue")
    }

    /// The outcomes as near as the nearest deal.
    fn ties(&self) -> impl Iterator<Item = &OutcomeView> {
        self.equally_near.iter().map(|id| self.outcome(id))
    }

    /// What an outcome is: the nearest deal, one as near, or neither.
    fn mark(&self, o: &OutcomeView) -> Mark {
        if o.outcome == self.nearest {
            Mark::Nearest
        } else if self.equally_near.contains(&o.outcome) {
            Mark::AsNear
        } else {
            Mark::Other
        }
    }
}

/// An outcome against the nearest deal.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Nearest,
    AsNear,
    Other,
}

impl Mark {
    /// Its column of the data table.
    fn word(self) -> &'static str {
        match self {
            Mark::Nearest => "yes",
            Mark::AsNear => "as near",
            Mark::Other => "",
        }
    }

    /// Its mark after the outcome in the table of one issue.
    fn arrow(self) -> &'static str {
        match self {
            Mark::Nearest => " ◀",
            Mark::AsNear => " ◁",
            Mark::Other => "",
        }
    }
}

/// The moves in a line: `russia 2 ⛔, us 1 (core ×2)`; `nobody` for none.
fn moves_said(o: &OutcomeView) -> Text {
    if o.moves.is_empty() {
        return Text::styled("nobody: a deal zone", Tone::Agree);
    }
    let mut t = Text::default();
    for (k, m) in o.moves.iter().enumerate() {
        if k > 0 {
            t.push(", ", Tone::Plain);
        }
        let core = if m.weight > 1.0 { " ×2" } else { "" };
        t.push(format!("{} {}{core}", m.party, m.steps), Tone::Plain);
        if m.red_line {
            t.push(" ⛔", Tone::Clash);
        }
    }
    t
}

fn cost_text(c: f64) -> String {
    if c.fract() == 0.0 {
        format!("{c:.0}")
    } else {
        format!("{c:.1}")
    }
}

const COST_LEGEND: &str = "cost: the steps along the scale each party would have to widen what it accepts, a core issue's counting double; ⛔ crossing that party's red line. The nearest deal crosses no red line where some outcome does, then costs least, then asks fewest parties and steps.";

const TIE_LEGEND: &str = "or (◁, as near): an outcome as near as the nearest deal by every count, named after it only for coming later on the scale; it asks other parties to move.";

impl BridgeView {
    fn verdict(b: &IssueBridge) -> Text {
        let n = b.nearest();
        let mut t = Text::styled(format!("nearest deal: {}", n.outcome), Tone::Strong);
        if n.moves.is_empty() {
            t.push(" — already in the deal zone", Tone::Agree);
            return t;
        }
        t.push(format!(" — cost {}: ", cost_text(n.cost)), Tone::Plain);
        for span in moves_said(n).lines.into_iter().flatten() {
            t.push(span.text, span.tone);
        }
        for tie in b.ties() {
            t.line(format!("or, as near: {} — ", tie.outcome), Tone::Strong);
            for span in moves_said(tie).lines.into_iter().flatten() {
                t.push(span.text, span.tone);
            }
        }
        if b.every_outcome_crosses_a_red_line {
            t.line(
                "every outcome crosses somebody's red line: no deal without one given up",
                Tone::Clash,
            );
        }
        t.line(
            format!(
                "try it: add {} to a command, such as `matrix --by issue --issue {}`",
                b.assume
                    .iter()
                    .map(|a| format!("--assume {a}"))
                    .collect::<Vec<_>>()
                    .join(" "),
                b.issue
            ),
            Tone::Dim,
        );
        t
    }

    fn terminal_detailed(&self, doc: &mut Doc) {
        for b in &self.issues {
            doc.push(Block::Heading(format!("{} ({})", b.title, b.issue)));
            let rows = b
                .outcomes
                .iter()
                .map(|o| {
                    let mut mark = Text::plain(o.outcome.as_str());
                    if b.mark(o) != Mark::Other {
                        mark.push(b.mark(o).arrow(), Tone::Strong);
                    }
                    vec![
                        mark,
                        Text::plain(cost_text(o.cost)),
                        moves_said(o),
                        Text::plain(o.on_conditions.join(", ")),
                    ]
                })
                .collect();
            doc.push(Block::Table(Table {
                headers: ["outcome", "cost", "who would move (steps)", "on conditions"]
                    .map(String::from)
                    .to_vec(),
                rows,
                right: vec![1],
                nowrap: vec![0],
                heat: Vec::new(),
            }));
            doc.push(Block::Line(Self::verdict(b)));
        }
    }

    fn terminal_ranked(&self, doc: &mut Doc) {
        let rows = self
            .issues
            .iter()
            .map(|b| {
                let n = b.nearest();
                let mut nearest = Text::plain(n.outcome.as_str());
                if b.every_outcome_crosses_a_red_line {
                    nearest.push(" ⛔", Tone::Clash);
                }
                // Each tie on a line of its own, its moves beside it.
                let mut moves = moves_said(n);
                for tie in b.ties() {
                    nearest.line(format!("or {}", tie.outcome), Tone::Dim);
                    moves.line("or ", Tone::Dim);
                    for span in moves_said(tie).lines.into_iter().flatten() {
                        moves.push(span.text, span.tone);
                    }
                }
                vec![
                    Text::plain(b.issue.as_str()),
                    nearest,
                    Text::plain(cost_text(n.cost)),
                    moves,
                ]
            })
            .collect();
        doc.push(Block::Table(Table {
            headers: ["issue", "nearest deal", "cost", "who would move (steps)"]
                .map(String::from)
                .to_vec(),
            rows,
            right: vec![2],
            nowrap: vec![0],
            heat: Vec::new(),
        }));
    }
}

impl View for BridgeView {
    fn doc(&self, layout: Layout) -> Doc<'_> {
        let mut doc = Doc::default();
        doc.push(Block::Title(format!(
            "What would it take — as of {} ({})",
            self.as_of.id, self.as_of.date
        )));
        if let Some(b) = self.as_of.banner() {
            doc.push(b);
        }
        if self.issues.is_empty() {
            doc.push(Block::Line(Text::styled(
                "No issue has two positions to bridge as of this round.",
                Tone::Dim,
            )));
            return doc;
        }
        match layout {
            Layout::Terminal if self.detailed => self.terminal_detailed(&mut doc),
            Layout::Terminal => self.terminal_ranked(&mut doc),
            Layout::Document | Layout::Data => {
                // One row per issue and outcome.
                let rows = self
                    .issues
                    .iter()
                    .flat_map(|b| {
                        b.outcomes.iter().map(move |o| {
                            vec![
                                Text::plain(b.issue.as_str()),
                                Text::plain(o.outcome.as_str()),
                                Text::plain(cost_text(o.cost)),
                                Text::plain(moves_said(o).to_plain("")),
                                Text::plain(o.on_conditions.join(", ")),
                                Text::plain(b.mark(o).word()),
                            ]
                        })
                    })
                    .collect();
                doc.push(Block::Table(Table {
                    headers: [
                        "issue",
                        "outcome",
                        "cost",
                        "moves",
                        "on conditions",
                        "nearest",
                    ]
                    .map(String::from)
                    .to_vec(),
                    rows,
                    ..Table::default()
                }));
            }
        }
        let mut legend = vec![COST_LEGEND.into()];
        if self.issues.iter().any(|b| !b.equally_near.is_empty()) {
            legend.push(TIE_LEGEND.into());
        }
        doc.push(Block::Legend(legend));
        doc
    }
}

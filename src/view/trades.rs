//! What `trades` shows: pairs of issues two parties weigh differently,
//! where each giving on the one that matters less to it raises their
//! agreement score; the largest gain first, with the `--assume` arguments
//! that try each.

use serde::Serialize;

use crate::core::compare::pairs;
use crate::core::state::State;
use crate::core::trades::{Best, Trade, best};
use crate::data::talks::Talks;
use crate::view::relation::score_text;
use crate::view::round::RoundRef;
use crate::view::{Block, Doc, Layout, Table, Text, Tone, View, cell};

#[derive(Serialize)]
pub struct TradesView {
    pub talks: String,
    pub as_of: RoundRef,
    /// The largest gain first.
    pub trades: Vec<TradeView>,
    /// Trades found in all, of which `trades` lists the first.
    pub found: usize,
}

#[derive(Serialize)]
pub struct TradeView {
    pub parties: [String; 2],
    /// What each gives: the issue, and the other's stance it takes there.
    pub gives: [Give; 2],
    pub score_before: f64,
    pub score_after: f64,
    pub gain: f64,
    /// The givers whose own stated conditions the trade meets.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub meets_conditions: Vec<String>,
    /// The `--assume` arguments that lay the trade over the round.
    pub assume: Vec<String>,
}

#[derive(Serialize)]
pub struct Give {
    pub issue: String,
    pub takes: String,
}

impl TradesView {
    /// The trades of `between` (or of every pair), at most `top` of them.
    pub fn new(talks: &Talks, round: usize, between: Option<(usize, usize)>, top: usize) -> Self {
        let state = State::as_of(talks, round);
        let issues: Vec<usize> = (0..talks.issues.len()).collect();
        let pairs_asked: Vec<(usize, usize)> = match between {
            Some(pair) => vec![pair],
            None => {
                let every = crate::core::select::every_party(talks);
                pairs(every.len())
                    .map(|(a, b)| (every[a], every[b]))
                    .collect()
            }
        };
        // The largest gains, kept as the pairs go by: never every trade of
        // a large talks in memory at once.
        let Best { trades: all, found } = best(&state, pairs_asked, &issues, top);
        TradesView {
            talks: talks.id.clone(),
            as_of: RoundRef::new(&talks.rounds[round]),
            trades: all.iter().map(|t| TradeView::new(&state, t)).collect(),
            found,
        }
    }
}

impl TradeView {
    fn new(state: &State<'_>, t: &Trade) -> Self {
        let talks = state.talks();
        let id = |p: usize| talks.parties[p].id.clone();
        let stance = |p: usize, i: usize| {
            state
                .get(p, i)
                .and_then(|s| s.position.stance)
                .map_or_else(String::new, |o| talks.issues[i].scale[o].id.clone())
        };
        // What a giver takes on issue `i`: the taker's stance there.
        let give = |taker: usize, i: usize| Give {
            issue: talks.issues[i].id.clone(),
            takes: stance(taker, i),
        };
        let gives = [give(t.b, t.gives_a), give(t.a, t.gives_b)];
        TradeView {
            parties: [id(t.a), id(t.b)],
            assume: vec![
                format!("{}.{}={}", id(t.a), gives[0].issue, gives[0].takes),
                format!("{}.{}={}", id(t.b), gives[1].issue, gives[1].takes),
            ],
            gives,
            score_before: t.before,
            score_after: t.after,
            gain: t.gain(),
            meets_conditions: t.meets_conditions.iter().map(|&p| id(p)).collect(),
        }
    }
}

impl TradesView {
    /// One row per trade, a value per cell, numbers as numbers.
    fn document(&self) -> Doc<'_> {
        let num = |x: f64| cell::num(Some(x));
        let rows = self
            .trades
            .iter()
            .map(|t| {
                vec![
                    Text::plain(t.parties[0].as_str()),
                    Text::plain(t.parties[1].as_str()),
                    Text::plain(t.gives[0].issue.as_str()),
                    Text::plain(t.gives[0].takes.as_str()),
                    Text::plain(t.gives[1].issue.as_str()),
                    Text::plain(t.gives[1].takes.as_str()),
                    num(t.score_before),
                    num(t.score_after),
                    num(t.gain),
                ]
            })
            .collect();
        let mut doc = Doc::default();
        doc.push(Block::Title(format!("Trades — as of {}", self.as_of.id)));
        if let Some(b) = self.as_of.banner() {
            doc.push(b);
        }
        doc.push(Block::Table(Table {
            headers: [
                "a",
                "b",
                "a_gives",
                "a_takes",
                "b_gives",
                "b_takes",
                "score_before",
                "score_after",
                "gain",
            ]
            .map(String::from)
            .to_vec(),
            rows,
            ..Table::default()
        }));
        doc
    }
}

impl View for TradesView {
    fn doc(&self, layout: Layout) -> Doc<'_> {
        if layout != Layout::Terminal && !self.trades.is_empty() {
            return self.document();
        }
        let mut doc = Doc::default();
        doc.push(Block::Title(format!(
            "Trades — as of {} ({})",
            self.as_of.id, self.as_of.date
        )));
        if let Some(b) = self.as_of.banner() {
            doc.push(b);
        }
        if self.trades.is_empty() {
            doc.push(Block::Line(Text::styled(
                "No trade: no two issues that one party holds core and the other does not, the other way round, with no red line to give.",
                Tone::Dim,
            )));
            return doc;
        }
        let rows: Vec<Vec<Text>> = self
            .trades
            .iter()
            .map(|t| {
                let gives = |k: usize| {
                    Text::plain(format!(
                        "{} takes {} on {}",
                        t.parties[k], t.gives[k].takes, t.gives[k].issue
                    ))
                };
                let mut after = Text::plain(format!(
                    "{} → {}",
                    score_text(Some(t.score_before)),
                    score_text(Some(t.score_after))
                ));
                if !t.meets_conditions.is_empty() {
                    after.line(
                        format!("meets the conditions of {}", t.meets_conditions.join(", ")),
                        Tone::Overlap,
                    );
                }
                vec![
                    Text::plain(format!("{}–{}", t.parties[0], t.parties[1])),
                    gives(0),
                    gives(1),
                    after,
                    Text::plain(format!("+{}", score_text(Some(t.gain)))),
                ]
            })
            .collect();
        doc.push(Block::Table(
            Table::new(&["pair", "gives", "gives in return", "score", "gain"], rows)
                .aligned(&[4], &[0]),
        ));
        let mut legend = vec![
            "Each party gives on an issue that is core to the other and not to itself, taking the other's stance there; never a red line. The score is the pair's agreement score (`matrix`).".to_string(),
        ];
        if self.found > self.trades.len() {
            legend.push(format!(
                "{} of {} trades shown (--top).",
                self.trades.len(),
                self.found
            ));
        }
        if let Some(t) = self.trades.first() {
            legend.push(format!(
                "Try the first: add --assume {} --assume {} to a command, such as `matrix`",
                t.assume[0], t.assume[1]
            ));
        }
        doc.push(Block::Legend(legend));
        doc
    }
}

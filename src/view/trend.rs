//! `trend`: each pair's agreement score as of every round, as numbers and,
//! on a terminal, a sparkline.
use crate::core::compare::{self, ScoreSeries, most_moved, score_trend};
use crate::data::talks::Talks;
use crate::view::relation::{SCORE_FORMULA, not_scored, score_text};
use crate::view::round::{RoundRef, round_label};
use crate::view::{Block, Doc, Layout, Rows, Table, Text, Tone, View, cell, data_table};
use compact_str::{CompactString, ToCompactString};
use serde::Serialize;

#[derive(Serialize)]
pub struct ScoreTrend {
    talks: String,
    title: String,
    /// In time order, as the scores are.
    rounds: Vec<RoundRef>,
    /// Each round's date as a data table writes it, once for every pair.
    #[serde(skip)]
    dates: Vec<CompactString>,
    pairs: PairTrends,
    /// Parties left out of the scores: mediators and observers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    not_scored: Vec<String>,
    #[serde(skip)]
    not_scored_note: Option<String>,
}

/// Every pair's scores, made into words as they are read: a talks of 400
/// parties has 79 800 pairs, each named by two ids.
struct PairTrends {
    /// Each party's id and label, by its index in the talks.
    ids: Vec<String>,
    labels: Vec<String>,
    /// The pairs, as indices in the talks, in the order of `series`.
    pairs: Vec<(usize, usize)>,
    series: ScoreSeries,
}

/// One pair's trend as JSON writes it.
#[derive(Serialize)]
struct PairTrend<'a> {
    parties: [&'a str; 2],
    /// One per round: the agreement score in [0, 1] as of that round, `null`
    /// where no issue was known to both.
    scores: &'a [Option<f64>],
}

impl PairTrends {
    fn iter(&self) -> impl Iterator<Item = ((usize, usize), &[Option<f64>])> {
        self.pairs.iter().copied().zip(self.series.iter())
    }

    fn label(&self, (a, b): (usize, usize)) -> String {
        format!("{}–{}", self.labels[a], self.labels[b])
    }
}

impl Serialize for PairTrends {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter().map(|((a, b), scores)| PairTrend {
            parties: [&self.ids[a], &self.ids[b]],
            scores,
        }))
    }
}

impl ScoreTrend {
    /// The pairs asked for, or every pair of the talks but those of a
    /// mediator or an observer (unless `with_mediators`).
    /// With no pairs asked, every pair of `every` (the parties to show).
    pub fn build(
        talks: &Talks,
        pairs: &[(usize, usize)],
        every: &[usize],
        with_mediators: bool,
    ) -> Self {
        let issues: Vec<usize> = (0..talks.issues.len()).collect();
        let rounds = talks.rounds.len();
        let mut left_out = Vec::new();
        let (pairs, series) = if pairs.is_empty() {
            let all;
            (all, left_out) = crate::core::select::scored_and_not(talks, every, with_mediators);
            let pairs: Vec<_> = compare::pairs(all.len())
                .map(|(a, b)| (all[a], all[b]))
                .collect();
            (pairs, score_trend(talks, &all, &issues, rounds))
        } else {
            let each = pairs
                .iter()
                .map(|&(a, b)| score_trend(talks, &[a, b], &issues, rounds));
            (pairs.to_vec(), ScoreSeries::concat(each, rounds))
        };
        ScoreTrend {
            talks: talks.id.clone(),
            title: talks.title.clone(),
            rounds: talks.rounds.iter().map(RoundRef::new).collect(),
            dates: talks
                .rounds
                .iter()
                .map(|r| r.date.to_compact_string())
                .collect(),
            not_scored: left_out
                .iter()
                .map(|&p| talks.parties[p].id.clone())
                .collect(),
            not_scored_note: not_scored(talks, &left_out),
            pairs: PairTrends {
                ids: talks.parties.iter().map(|p| p.id.clone()).collect(),
                labels: talks
                    .parties
                    .iter()
                    .map(|p| p.label().to_string())
                    .collect(),
                pairs,
                series,
            },
        }
    }
}

/// Past this many pairs of parties (32 parties make 496), a table or the
/// report shows the pairs in part: every pair of a UN-sized talks (200
/// parties, 19 900 pairs) made a report of 900 MB that no browser opens.
/// Every pair stays one command away (`trend --pair`, `--format csv`).
pub const MAX_PAIRS_SHOWN: usize = 500;

/// How many pairs' scores are shown when not every one is.
pub const TOP_PAIRS: usize = 24;

/// Which of these pairs' score series to show: `None` for every one; past
/// [`MAX_PAIRS_SHOWN`], the [`TOP_PAIRS`] that moved most, in their order.
pub fn pairs_shown<'a>(
    trend: impl ExactSizeIterator<Item = &'a [Option<f64>]>,
) -> Option<Vec<usize>> {
    (trend.len() > MAX_PAIRS_SHOWN).then(|| most_moved(trend, TOP_PAIRS))
}

/// Scores in [0, 1] as bars of eight heights; `·` where unknown.
fn sparkline(scores: &[Option<f64>]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    scores
        .iter()
        .map(|s| match s {
            Some(s) => BARS[(s.clamp(0.0, 1.0) * 7.0).round() as usize],
            None => '·',
        })
        .collect()
}

impl ScoreTrend {
    /// One row per pair and round: the score, empty where unknown.
    fn data(&self) -> Doc<'_> {
        let (trends, rounds, dates) = (&self.pairs, &self.rounds, &self.dates);
        let len = trends.series.len() * trends.series.rounds();
        let rows = Rows::made(len, move || {
            trends.iter().flat_map(move |((a, b), scores)| {
                rounds
                    .iter()
                    .zip(dates)
                    .zip(scores)
                    .map(move |((r, date), s)| {
                        vec![
                            Text::plain(trends.ids[a].as_str()),
                            Text::plain(trends.ids[b].as_str()),
                            Text::plain(r.id.as_str()),
                            Text::plain(date.as_str()),
                            cell::num(*s),
                            cell::flag(!r.assumed.is_empty()),
                        ]
                    })
            })
        });
        let mut doc = Doc::default();
        doc.push(Block::Table(data_table(
            &["a", "b", "round", "date", "score", "assumed"],
            rows,
        )));
        doc
    }
}

impl View for ScoreTrend {
    fn doc(&self, layout: Layout) -> Doc<'_> {
        if layout == Layout::Data {
            return self.data();
        }
        // The sparkline is for a terminal; other formats keep the numbers.
        let with_sparkline = layout == Layout::Terminal;
        let mut headers = vec!["pair".to_string()];
        headers.extend(self.rounds.iter().map(|r| round_label(r, with_sparkline)));
        if with_sparkline {
            headers.push("trend".into());
        }
        let trends = &self.pairs;
        let top = pairs_shown(trends.series.iter());
        let shown = |k: &usize| top.as_ref().is_none_or(|t| t.binary_search(k).is_ok());
        let rows = trends
            .iter()
            .enumerate()
            .filter(|(k, _)| shown(k))
            .map(|(_, (pair, scores))| {
                let mut row = vec![Text::plain(trends.label(pair))];
                row.extend(scores.iter().map(|&s| Text::plain(score_text(s))));
                if with_sparkline {
                    row.push(Text::plain(sparkline(scores)));
                }
                row
            })
            .collect();
        let mut doc = Doc::default();
        doc.push(Block::Title(format!(
            "{} — agreement score of each pair, round by round",
            self.title
        )));
        if let Some(b) = self.rounds.iter().find_map(RoundRef::banner) {
            doc.push(b);
        }
        if let Some(top) = &top {
            doc.push(Block::Line(Text::styled(
                format!(
                    "{} pairs are too many to list: shown are the {} whose agreement moved most, either way, from the first round it was known. --pair A,B follows any pair; --format csv or json gives every pair.",
                    trends.pairs.len(),
                    top.len()
                ),
                Tone::Dim,
            )));
        }
        doc.push(Block::Table(Table {
            headers,
            rows,
            right: (1..=self.rounds.len()).collect(),
            nowrap: vec![0],
            heat: Vec::new(),
        }));
        let mut unknown = "–: no issue known to both as of that round".to_string();
        if with_sparkline {
            unknown.push_str(" · trend: ▁ 0 to █ 1, one bar per round, · unknown");
        }
        let mut legend = vec![format!("{SCORE_FORMULA}."), unknown];
        legend.extend(self.not_scored_note.clone());
        doc.push(Block::Legend(legend));
        doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sparkline_has_a_bar_per_round_and_a_dot_where_unknown() {
        assert_eq!(sparkline(&[None, Some(0.0), Some(0.5), Some(1.0)]), "·▁▅█");
    }
}

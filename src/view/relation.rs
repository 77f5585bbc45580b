//! The words of the comparator, said once: a relation's mark, tone, name
//! and meaning, how a change of relation is said, and a score's text. Every
//! view and every renderer, the HTML report included, takes them from here:
//! a new relation kind is a row in [`WORDS`] (and a class in the report's
//! stylesheet), nothing more.
use crate::core::compare::Relation;
use crate::core::diff::Trend;
use crate::data::talks::Talks;
use crate::view::{Text, Tone};

/// How one relation is shown.
#[derive(Debug, Clone, Copy)]
pub struct Words {
    pub relation: Relation,
    /// The mark in a matrix cell.
    pub mark: &'static str,
    /// Its name in a legend or a sentence.
    pub name: &'static str,
    /// What it means, in a few words (the report's legend).
    pub meaning: &'static str,
    pub tone: Tone,
}

/// Every relation, in the order legends list them.
pub const WORDS: [Words; 5] = [
    Words {
        relation: Relation::Agree,
        mark: "✔",
        name: "agree",
        meaning: "the same demand",
        tone: Tone::Agree,
    },
    Words {
        relation: Relation::Overlap,
        mark: "≈",
        name: "overlap",
        meaning: "an outcome both could accept",
        tone: Tone::Overlap,
    },
    Words {
        relation: Relation::Disagree,
        mark: "✘",
        name: "disagree",
        meaning: "no common outcome",
        tone: Tone::Disagree,
    },
    Words {
        relation: Relation::Clash,
        mark: "⛔",
        name: "red-line clash",
        meaning: "no common outcome, and a red line",
        tone: Tone::Clash,
    },
    Words {
        relation: Relation::Unknown,
        mark: "·",
        name: "unknown",
        meaning: "a side has no position",
        tone: Tone::Dim,
    },
];

/// The words of a relation.
pub fn words(r: Relation) -> &'static Words {
    WORDS
        .iter()
        .find(|w| w.relation == r)
        .expect("every relation has a row in WORDS")
}

/// The mark of a relation, toned.
pub fn relation_mark(r: Relation) -> Text {
    let w = words(r);
    Text::styled(w.mark, w.tone)
}

/// The mark and the name: `⛔ red-line clash`.
pub fn relation_said(r: Relation) -> String {
    let w = words(r);
    format!("{} {}", w.mark, w.name)
}

/// The key to the relation marks, as printed under every matrix.
pub fn relation_legend() -> String {
    WORDS
        .iter()
        .map(|w| format!("{} {}", w.mark, w.name))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// How a change of relation is said, marked and toned.
pub fn trend_said(trend: Trend) -> (&'static str, &'static str, Tone) {
    match trend {
        Trend::Progress => ("progress", "▲", Tone::Agree),
        Trend::Setback => ("setback", "▼", Tone::Clash),
        Trend::NowKnown => ("now comparable", "±", Tone::Strong),
        Trend::NowUnknown => ("no longer comparable", "±", Tone::Strong),
    }
}

/// The legend line naming the parties a score leaves out (mediators,
/// observers), and how to score them; `None` when none is left out.
pub fn not_scored(talks: &Talks, left_out: &[usize]) -> Option<String> {
    left_out_said(talks, left_out, "Not scored", "scores them too")
}

/// The legend line naming the parties whose pairs a view leaves out
/// (mediators, observers), and how to show them; `None` when none is.
pub fn not_paired(talks: &Talks, left_out: &[usize]) -> Option<String> {
    left_out_said(talks, left_out, "Not paired", "pairs them too")
}

fn left_out_said(talks: &Talks, left_out: &[usize], head: &str, tail: &str) -> Option<String> {
    if left_out.is_empty() {
        return None;
    }
    let names: Vec<String> = left_out
        .iter()
        .map(|&p| {
            let party = &talks.parties[p];
            format!("{} ({})", party.name, party.role.as_str())
        })
        .collect();
    Some(format!(
        "{head}, having no stake of their own: {}; --with-mediators {tail}.",
        names.join(", ")
    ))
}

pub const SCORE_FORMULA: &str = "score = Σ w·s / Σ w over the issues both parties have a position on; \
s = 1 agree, ½ overlap, 0 disagree or clash; w = sum of both parties' weights, core 2, otherwise 1";

/// A score to two decimals; `–` where no issue is known to both parties.
pub fn score_text(score: Option<f64>) -> String {
    score.map_or_else(|| "–".to_string(), |s| format!("{s:.2}"))
}

/// Past this many pairs (10 parties), a table or a page cannot give each
/// pair a column: its relations are counted instead (see [`counted`]), and
/// the data formats (CSV, JSON, xlsx) list every pair.
pub const MAX_PAIR_COLUMNS: usize = 45;

/// The headers of relations counted: `✔ agree`, `≈ overlap`, …
pub fn counted_headers() -> impl Iterator<Item = String> {
    WORDS.iter().map(|w| format!("{} {}", w.mark, w.name))
}

/// How many of `relations` are of each relation, in [`WORDS`]' order.
pub fn counts(relations: impl IntoIterator<Item = Relation>) -> [usize; WORDS.len()] {
    let mut n = [0; WORDS.len()];
    for r in relations {
        if let Some(k) = WORDS.iter().position(|w| w.relation == r) {
            n[k] += 1;
        }
    }
    n
}

/// Counts of each relation in [`Relation::ALL`]'s order (as
/// [`StandTable::relation_counts`] gives them) in [`WORDS`]' order.
///
/// [`StandTable::relation_counts`]: crate::core::compare::StandTable::relation_counts
pub fn in_words_order(by_relation: [usize; Relation::ALL.len()]) -> [usize; WORDS.len()] {
    let mut n = [0; WORDS.len()];
    for (count, w) in n.iter_mut().zip(&WORDS) {
        *count = by_relation[w.relation.at()];
    }
    n
}

/// [`counts`] as cells.
pub fn counted(relations: &[Relation]) -> impl Iterator<Item = Text> {
    counted_cells(counts(relations.iter().copied()))
}

/// Counts in [`WORDS`]' order as cells.
pub fn counted_cells(n: [usize; WORDS.len()]) -> impl Iterator<Item = Text> {
    n.into_iter().map(|n| Text::plain(n.to_string()))
}

/// The line that says pairs are counted, not given a column each.
pub fn counted_said(pairs: usize) -> Text {
    Text::styled(
        format!(
            "{pairs} pairs are too many for a column each: their relations are counted. Name parties with --party to see their pairs, or use --format csv or json for every pair."
        ),
        Tone::Dim,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_relation_has_one_row_of_words_and_marks_differ() {
        for r in Relation::ALL {
            assert_eq!(WORDS.iter().filter(|w| w.relation == r).count(), 1);
        }
        let mut marks: Vec<&str> = WORDS.iter().map(|w| w.mark).collect();
        marks.sort();
        marks.dedup();
        assert_eq!(marks.len(), WORDS.len());
    }
}

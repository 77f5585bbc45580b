//! `matrix`: party × party agreement and disagreement, or issue × pair
//! relations with each issue's deal zone.
use std::sync::Arc;

use crate::core::compare::{
    PairMatrix, PairSummary, Relation, StandTable, agree_most_and_least, deal_zone, pair_index,
    pairs,
};
use crate::core::state::State;
use crate::data::talks::Talks;
use crate::view::linkage::{IssueLinkageView, PackageView, packages};
use crate::view::relation::{
    MAX_PAIR_COLUMNS, SCORE_FORMULA, WORDS, counted_cells, counted_headers, counted_said,
    in_words_order, not_scored, relation_legend, relation_mark, score_text, words,
};
use crate::view::round::RoundRef;
use crate::view::trend::TOP_PAIRS;
use crate::view::{Block, Doc, Layout, Line, Rows, Table, Text, Tone, View, cell, data_table};
use serde::Serialize;

#[derive(Serialize)]
pub struct ByPair {
    talks: String,
    as_of: RoundRef,
    by: &'static str,
    parties: Vec<String>,
    issues: Vec<String>,
    pairs: Vec<PairEntry>,
    /// Parties left out of the scores: mediators and observers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    not_scored: Vec<String>,
    #[serde(skip)]
    labels: Vec<String>,
    #[serde(skip)]
    not_scored_note: Option<String>,
}

#[derive(Serialize)]
struct PairEntry {
    a: String,
    b: String,
    #[serde(flatten)]
    summary: PairSummary,
}

impl ByPair {
    /// The matrix `m`; `left_out`, the parties selected but not scored.
    pub fn new(talks: &Talks, round: usize, m: &PairMatrix, left_out: &[usize]) -> Self {
        ByPair {
            not_scored: left_out
                .iter()
                .map(|&p| talks.parties[p].id.clone())
                .collect(),
            not_scored_note: not_scored(talks, left_out),
            talks: talks.id.clone(),
            as_of: RoundRef::new(&talks.rounds[round]),
            by: "pair",
            parties: m
                .parties
                .iter()
                .map(|&p| talks.parties[p].id.clone())
                .collect(),
            issues: m
                .issues
                .iter()
                .map(|&i| talks.issues[i].id.clone())
                .collect(),
            pairs: m
                .pairs()
                .zip(&m.summaries)
                .map(|((a, b), s)| PairEntry {
                    a: talks.parties[m.parties[a]].id.clone(),
                    b: talks.parties[m.parties[b]].id.clone(),
                    summary: *s,
                })
                .collect(),
            labels: m
                .parties
                .iter()
                .map(|&p| talks.parties[p].label().to_string())
                .collect(),
        }
    }

    fn summary(&self, a: usize, b: usize) -> &PairSummary {
        &self.pairs[pair_index(self.parties.len(), a, b)].summary
    }

    /// A party × party table whose off-diagonal cells `cell` fills.
    fn square(&self, cell: impl Fn(&PairSummary) -> Text) -> Table<'_> {
        let mut headers = vec![String::new()];
        headers.extend(self.labels.iter().cloned());
        let rows = (0..self.labels.len())
            .map(|a| {
                let mut row = vec![Text::styled(self.labels[a].as_str(), Tone::Strong)];
                row.extend((0..self.labels.len()).map(|b| {
                    if a == b {
                        Text::styled("—", Tone::Dim)
                    } else {
                        cell(self.summary(a, b))
                    }
                }));
                row
            })
            .collect();
        Table {
            headers,
            rows,
            right: Vec::new(),
            nowrap: vec![0],
            heat: Vec::new(),
        }
    }
}

fn counts(s: &PairSummary, relations: &[Relation]) -> Text {
    let mut t = Text::default();
    for &r in relations {
        let n = s.count(r);
        if n > 0 {
            if !t.lines.is_empty() {
                t.push(" ", Tone::Plain);
            }
            t.push(format!("{n}{}", words(r).mark), words(r).tone);
        }
    }
    if t.lines.is_empty() {
        t.push("0", Tone::Dim);
    }
    t
}

impl ByPair {
    /// One row per pair: its score and its count of each relation.
    fn data(&self) -> Doc<'_> {
        let rows = Rows::made(self.pairs.len(), || {
            self.pairs.iter().map(|p| {
                let s = &p.summary;
                vec![
                    Text::plain(p.a.as_str()),
                    Text::plain(p.b.as_str()),
                    cell::num(s.score),
                    cell::count(s.agree),
                    cell::count(s.overlap),
                    cell::count(s.disagree),
                    cell::count(s.clash),
                    cell::count(s.unknown),
                ]
            })
        });
        let mut table = data_table(
            &[
                "a", "b", "score", "agree", "overlap", "disagree", "clash", "unknown",
            ],
            rows,
        );
        table.heat = vec![2];
        let mut doc = Doc::default();
        doc.push(Block::Table(table));
        doc
    }
}

impl View for ByPair {
    fn doc(&self, layout: Layout) -> Doc<'_> {
        if layout == Layout::Data {
            return self.data();
        }
        let mut doc = Doc::default();
        doc.push(Block::Title(format!(
            "Agreement between the parties as of {} ({}), over {} issues",
            self.as_of.id,
            self.as_of.date,
            self.issues.len()
        )));
        if let Some(b) = self.as_of.banner() {
            doc.push(b);
        }
        if self.parties.len() > MAX_SQUARE_PARTIES {
            self.ranked(&mut doc);
            return doc;
        }
        doc.push(Block::Table(self.square(|s| {
            let mut t = score(s);
            t.lines.push(Line::new());
            t.lines
                .last_mut()
                .unwrap()
                .extend(agreement(s).lines.into_iter().flatten());
            t
        })));
        doc.push(Block::Heading(
            "Disagreement: issues with no common outcome (✘ ⛔), and issues not comparable (·)"
                .into(),
        ));
        doc.push(Block::Table(self.square(disagreement)));
        self.legend(&mut doc, "cell", "; – where no issue is known to both");
        doc
    }
}

/// Past this many parties, a table or a page ranks the pairs instead of
/// drawing the square (see `ByPair::ranked`). 10 parties' square is 11
/// columns, which the 100 a table gets off a terminal hold with cells of
/// up to 6 characters (`0.57` over `4✔ 1≈`); a few more and every cell
/// wraps, then the table is drawn one record per party, a line for each
/// other party (120 608 lines at 200 parties). Its 45 pairs are as many as
/// [`MAX_PAIR_COLUMNS`] gives a column each in `--by issue` and `history`,
/// so every view of pairs changes layout at the same size.
pub const MAX_SQUARE_PARTIES: usize = 10;
const _: () = assert!(MAX_SQUARE_PARTIES * (MAX_SQUARE_PARTIES - 1) / 2 == MAX_PAIR_COLUMNS);

/// The first line of the square's agreement cell, and the ranking's score.
fn score(s: &PairSummary) -> Text {
    Text::styled(score_text(s.score), Tone::Strong)
}

/// Issues agreed (✔) and overlapping (≈).
fn agreement(s: &PairSummary) -> Text {
    counts(s, &[Relation::Agree, Relation::Overlap])
}

/// Issues with no common outcome (✘ ⛔), and issues not comparable (·).
fn disagreement(s: &PairSummary) -> Text {
    counts(s, &[Relation::Disagree, Relation::Clash, Relation::Unknown])
}

impl ByPair {
    /// Past [`MAX_SQUARE_PARTIES`], the pairs that agree most and least,
    /// [`TOP_PAIRS`] each, a row each with the square's cells and both
    /// parties' ids (labels repeat among many parties): cells are made for
    /// those pairs only.
    fn ranked(&self, doc: &mut Doc) {
        let (most, least) =
            agree_most_and_least(self.pairs.iter().map(|p| p.summary.score), TOP_PAIRS);
        let unscored = self
            .pairs
            .iter()
            .filter(|p| p.summary.score.is_none())
            .count();
        let mut said = format!(
            "{} parties make {} pairs, too many for a square: shown are the {} pairs that agree most and the {} that agree least.",
            self.parties.len(),
            self.pairs.len(),
            most.len(),
            least.len()
        );
        if unscored > 0 {
            said.push_str(&format!(
                " {unscored} pairs share no issue known to both and are not ranked."
            ));
        }
        said.push_str(&format!(
            " Name up to {MAX_SQUARE_PARTIES} parties with --party to see their square, or use --format csv, json or xlsx for every pair."
        ));
        doc.push(Block::Line(Text::styled(said, Tone::Dim)));
        for (heading, shown) in [
            ("The pairs that agree most", most),
            ("The pairs that agree least", least),
        ] {
            if shown.is_empty() {
                continue;
            }
            doc.push(Block::Heading(heading.into()));
            let rows: Vec<Vec<Text>> = shown
                .iter()
                .map(|&k| {
                    let p = &self.pairs[k];
                    vec![
                        Text::plain(p.a.as_str()),
                        Text::plain(p.b.as_str()),
                        score(&p.summary),
                        agreement(&p.summary),
                        disagreement(&p.summary),
                    ]
                })
                .collect();
            doc.push(Block::Table(
                Table::new(
                    &["a", "b", "score", "agreement ✔ ≈", "disagreement ✘ ⛔ ·"],
                    rows,
                )
                .aligned(&[2], &[0, 1]),
            ));
        }
        self.legend(doc, "row", "");
    }

    /// The key to the marks and the score (what each `per` counts, what
    /// an `unknown` score shows), and who is not scored.
    fn legend(&self, doc: &mut Doc, per: &str, unknown: &str) {
        let mut legend = vec![
            relation_legend(),
            format!("Each {per} counts issues by relation. {SCORE_FORMULA}{unknown}."),
        ];
        legend.extend(self.not_scored_note.clone());
        doc.push(Block::Legend(legend));
    }
}

#[derive(Serialize)]
pub struct ByIssue {
    talks: String,
    as_of: RoundRef,
    by: &'static str,
    pairs: PairIds,
    rows: Vec<IssueRelations>,
    /// The package deal zone of each linkage in force.
    packages: Vec<PackageView>,
    /// Each party's label, by its position among the parties compared.
    #[serde(skip)]
    labels: Vec<String>,
}

/// Every pair's two ids, named as JSON writes them: a talks of 400 parties
/// has 79 800 pairs.
struct PairIds {
    /// Each party's id, by its position among the parties compared.
    ids: Vec<String>,
}

impl PairIds {
    fn len(&self) -> usize {
        let n = self.ids.len();
        n * n.saturating_sub(1) / 2
    }

    fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        pairs(self.ids.len()).map(|(a, b)| (self.ids[a].as_str(), self.ids[b].as_str()))
    }
}

impl Serialize for PairIds {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter().map(|(a, b)| [a, b]))
    }
}

#[derive(Serialize)]
struct IssueRelations {
    issue: String,
    title: String,
    /// One per pair, in the order of `pairs`.
    relations: IssueColumn,
    /// Outcomes every party with a position accepts: `[]` when there is
    /// none, `null` when fewer than two parties have a position.
    deal_zone: Option<Vec<String>>,
    /// What linkage adds: outcomes acceptable on conditions, and what
    /// blocks a deal; `null` when fewer than two parties have a position.
    linkage: Option<IssueLinkageView>,
}

/// One issue's relations of every pair, read from the stands as they are
/// written or counted, never held pair by pair.
struct IssueColumn {
    stands: Arc<StandTable>,
    /// The issue's position among the issues compared.
    k: usize,
}

impl IssueColumn {
    fn iter(&self) -> impl Iterator<Item = Relation> + '_ {
        self.stands.relations(self.k)
    }

    /// How many pairs stand in each relation, in [`WORDS`]' order.
    fn counts(&self) -> [usize; WORDS.len()] {
        in_words_order(self.stands.relation_counts(self.k))
    }
}

impl Serialize for IssueColumn {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl ByIssue {
    /// Every pair of `parties` on each of `issues`, as of `state`.
    pub fn new(talks: &Talks, state: &State<'_>, parties: &[usize], issues: &[usize]) -> Self {
        let stands = Arc::new(StandTable::build(state, parties, issues));
        ByIssue {
            talks: talks.id.clone(),
            as_of: RoundRef::new(&talks.rounds[state.round]),
            by: "issue",
            pairs: PairIds {
                ids: parties
                    .iter()
                    .map(|&p| talks.parties[p].id.clone())
                    .collect(),
            },
            labels: parties
                .iter()
                .map(|&p| talks.parties[p].label().to_string())
                .collect(),
            rows: issues
                .iter()
                .enumerate()
                .map(|(k, &i)| {
                    let issue = &talks.issues[i];
                    IssueRelations {
                        issue: issue.id.clone(),
                        title: issue.title.clone(),
                        relations: IssueColumn {
                            stands: Arc::clone(&stands),
                            k,
                        },
                        deal_zone: deal_zone(state, i)
                            .map(|z| z.iter().map(|o| issue.scale[o].id.clone()).collect()),
                        linkage: IssueLinkageView::new(state, i),
                    }
                })
                .collect(),
            // Those that tie a shown issue.
            packages: packages(state, |l| l.issues.iter().any(|i| issues.contains(i))),
        }
    }
}

impl ByIssue {
    /// One row per issue and pair: the relation, and the issue's deal zone
    /// (its outcome ids, space-separated; `deal_zone_known` false where
    /// fewer than two parties hold a position).
    fn data(&self) -> Doc<'_> {
        let len = self.rows.len() * self.pairs.len();
        let rows = Rows::made(len, || {
            self.rows.iter().flat_map(|r| {
                let zone = r
                    .deal_zone
                    .as_ref()
                    .map(|z| z.join(" "))
                    .unwrap_or_default();
                let known = r.deal_zone.is_some();
                self.pairs
                    .iter()
                    .zip(r.relations.iter())
                    .map(move |((a, b), rel)| {
                        vec![
                            Text::plain(r.issue.as_str()),
                            Text::plain(a),
                            Text::plain(b),
                            Text::styled(rel.key(), words(rel).tone),
                            Text::plain(zone.as_str()),
                            cell::flag(known),
                        ]
                    })
            })
        });
        let mut doc = Doc::default();
        doc.push(Block::Table(data_table(
            &[
                "issue",
                "a",
                "b",
                "relation",
                "deal_zone",
                "deal_zone_known",
            ],
            rows,
        )));
        doc
    }
}

impl View for ByIssue {
    fn doc(&self, layout: Layout) -> Doc<'_> {
        if layout == Layout::Data {
            return self.data();
        }
        let pairs_counted = self.pairs.len() > MAX_PAIR_COLUMNS;
        let mut headers = vec!["issue".to_string()];
        if pairs_counted {
            headers.extend(counted_headers());
        } else {
            let labels = &self.labels;
            headers
                .extend(pairs(labels.len()).map(|(a, b)| format!("{}–{}", labels[a], labels[b])));
        }
        headers.push("deal zone".into());
        headers.push("on conditions".into());
        headers.push("blocked by".into());
        let rows = self
            .rows
            .iter()
            .map(|row| {
                let mut cells = vec![Text::plain(row.issue.as_str())];
                if pairs_counted {
                    cells.extend(counted_cells(row.relations.counts()));
                } else {
                    cells.extend(row.relations.iter().map(relation_mark));
                }
                cells.push(match &row.deal_zone {
                    None => Text::styled("–", Tone::Dim),
                    Some(z) if z.is_empty() => Text::styled("none", Tone::Clash),
                    Some(z) => Text::styled(z.join(", "), Tone::Agree),
                });
                let linkage = row.linkage.as_ref();
                cells.push(lines(
                    linkage.map(IssueLinkageView::conditional_said),
                    Tone::Overlap,
                ));
                cells.push(lines(
                    linkage.map(IssueLinkageView::blocked_said),
                    Tone::Plain,
                ));
                cells
            })
            .collect();
        let mut doc = Doc::default();
        doc.push(Block::Title(format!(
            "Relations by issue as of {} ({})",
            self.as_of.id, self.as_of.date
        )));
        if let Some(b) = self.as_of.banner() {
            doc.push(b);
        }
        if pairs_counted {
            doc.push(Block::Line(counted_said(self.pairs.len())));
        }
        doc.push(Block::Table(Table {
            headers,
            rows,
            right: if pairs_counted {
                (1..=crate::view::relation::WORDS.len()).collect()
            } else {
                Vec::new()
            },
            nowrap: vec![0],
            heat: Vec::new(),
        }));
        doc.push(Block::Legend(vec![
            relation_legend(),
            "deal zone: the outcomes every party with a position accepts; none: no deal without someone moving; –: fewer than two positions".into(),
            "on conditions: outcomes every party accepts if other issues settle as shown (refused by: who stands outside that); blocked by: the outcomes the fewest parties refuse, and who (⛔ a red line)".into(),
        ]));
        if !self.packages.is_empty() {
            doc.push(Block::Heading(
                "Packages: issues a party ties together, settled as one".into(),
            ));
            let mut t = Text::default();
            for (k, p) in self.packages.iter().enumerate() {
                if k == 0 {
                    t.push(p.said(), Tone::Plain);
                } else {
                    t.line(p.said(), Tone::Plain);
                }
            }
            doc.push(Block::Line(t));
        }
        doc
    }
}

/// A cell of one line per item, `–` with none.
fn lines(items: Option<Vec<String>>, tone: Tone) -> Text {
    let items = items.unwrap_or_default();
    if items.is_empty() {
        return Text::styled("–", Tone::Dim);
    }
    let mut t = Text::default();
    for (k, l) in items.into_iter().enumerate() {
        if k == 0 {
            t.push(l, tone);
        } else {
            t.line(l, tone);
        }
    }
    t
}

//! Relations by issue: a mark for each pair on each issue.

use super::writer::Html;
use super::{legend, note};
use crate::core::compare::Relation;
use crate::data::talks::Party;
use crate::view::relation::{WORDS, in_words_order, words};
use crate::view::report::ReportView;

pub(super) fn pair_label(a: &Party, b: &Party) -> String {
    format!("{}–{}", a.label(), b.label())
}

/// The colours of relations, background and ink: the page's `.rel.KEY`
/// classes and the workbook's cells are both drawn from here.
const COLOURS: [(Relation, &str, &str); 4] = [
    (Relation::Agree, "#c9ecdc", "#0b5a3c"),
    (Relation::Overlap, "#d3e8f7", "#164a74"),
    (Relation::Disagree, "#fbe2b4", "#7a4a00"),
    (Relation::Clash, "#f5c3a9", "#8a2400"),
];

/// A relation's background and ink, where it has colours of its own.
pub fn relation_colours(rel: Relation) -> Option<(&'static str, &'static str)> {
    COLOURS
        .iter()
        .find(|c| c.0 == rel)
        .map(|&(_, bg, ink)| (bg, ink))
}

/// The stylesheet's rules for the colours of relations: markup of this
/// program's, made once.
pub(super) fn relation_css() -> &'static str {
    static CSS: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        COLOURS
            .iter()
            .map(|(rel, bg, ink)| {
                format!(".rel.{} {{ background: {bg}; color: {ink}; }}\n", rel.key())
            })
            .collect()
    });
    CSS.as_str()
}

/// The class of a relation's cell: `rel` and the relation's JSON name.
pub(super) fn relation_class(rel: Relation) -> String {
    format!("rel {}", rel.key())
}

fn relation_legend(h: &mut Html) {
    let items: Vec<(String, &str, String)> = WORDS
        .iter()
        .map(|w| {
            let what = format!("{}: {}", w.name, w.meaning);
            (relation_class(w.relation), w.mark, what)
        })
        .collect();
    let items: Vec<(&str, &str, &str)> = items
        .iter()
        .map(|(c, m, w)| (c.as_str(), *m, w.as_str()))
        .collect();
    legend(h, &items);
}

/// Pairs across while this many fit; more, and the pairs go down and the
/// issues across: 30 parties make 435 pairs, a long table rather than a
/// 435-column one.
const MAX_PAIR_COLUMNS: usize = 8;

/// Each issue's relations counted: a column per relation, a row per issue.
fn counted(h: &mut Html, r: &ReportView) {
    let talks = r.talks;
    let m = &r.matrix;
    note(
        h,
        &format!(
            "{} pairs are too many to show one by one: each issue's relations are counted. ",
            m.summaries.len()
        ),
        &[(
            "redlines matrix --by issue",
            " lists every pair (with --party, those of the parties named).",
        )],
    );
    relation_legend(h);
    h.el("table", &[("class", "relations counted")], |h| {
        h.el("thead", &[], |h| {
            h.el("tr", &[], |h| {
                h.text_el("th", &[("scope", "col"), ("class", "issue-col")], "Issue");
                for w in &WORDS {
                    h.text_el(
                        "th",
                        &[("scope", "col"), ("class", &relation_class(w.relation))],
                        &format!("{} {}", w.mark, w.name),
                    );
                }
            });
        });
        h.el("tbody", &[], |h| {
            for (k, &i) in m.issues.iter().enumerate() {
                h.el("tr", &[], |h| {
                    h.text_el("th", &[("scope", "row")], &talks.issues[i].title);
                    for n in in_words_order(m.stands.relation_counts(k)) {
                        h.text_el("td", &[("class", "num")], &n.to_string());
                    }
                });
            }
        });
    });
}

pub(super) fn section(h: &mut Html, r: &ReportView) {
    if r.relations_counted() {
        return counted(h, r);
    }
    let talks = r.talks;
    let m = &r.matrix;
    let at: Vec<(usize, usize)> = m.pairs().collect();
    let pairs: Vec<(&Party, &Party)> = at
        .iter()
        .map(|&(a, b)| (&talks.parties[m.parties[a]], &talks.parties[m.parties[b]]))
        .collect();
    let pairs_down = pairs.len() > MAX_PAIR_COLUMNS;
    relation_legend(h);
    let cell = |h: &mut Html, pair: usize, k: usize| {
        let (a, b) = at[pair];
        let rel = m.stands.relation(k, a, b);
        let (pa, pb) = pairs[pair];
        let title = format!(
            "{} and {} on {}: {}",
            pa.name,
            pb.name,
            talks.issues[m.issues[k]].title,
            words(rel).name
        );
        h.text_el(
            "td",
            &[("class", &relation_class(rel)), ("title", &title)],
            words(rel).mark,
        );
    };
    let pair_header = |h: &mut Html, scope: &'static str, (pa, pb): (&Party, &Party)| {
        h.text_el(
            "th",
            &[
                ("scope", scope),
                ("title", &format!("{} and {}", pa.name, pb.name)),
            ],
            &pair_label(pa, pb),
        );
    };
    let class = if pairs_down {
        "relations pairs-down"
    } else {
        "relations"
    };
    h.el("table", &[("class", class)], |h| {
        h.el("thead", &[], |h| {
            h.el("tr", &[], |h| {
                if pairs_down {
                    h.text_el("th", &[("scope", "col")], "Parties");
                    for &i in &m.issues {
                        let issue = &talks.issues[i];
                        h.text_el(
                            "th",
                            &[("scope", "col"), ("title", &issue.id)],
                            &issue.title,
                        );
                    }
                } else {
                    h.text_el("th", &[("scope", "col"), ("class", "issue-col")], "Issue");
                    for &pair in &pairs {
                        pair_header(h, "col", pair);
                    }
                }
            });
        });
        h.el("tbody", &[], |h| {
            if pairs_down {
                for (pair, &names) in pairs.iter().enumerate() {
                    h.el("tr", &[], |h| {
                        pair_header(h, "row", names);
                        for k in 0..m.issues.len() {
                            cell(h, pair, k);
                        }
                    });
                }
            } else {
                for (k, &i) in m.issues.iter().enumerate() {
                    h.el("tr", &[], |h| {
                        h.text_el("th", &[("scope", "row")], &talks.issues[i].title);
                        for pair in 0..pairs.len() {
                            cell(h, pair, k);
                        }
                    });
                }
            }
        });
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The relations table of the page of `parties` parties, each with a
    /// stance on the one issue, over two rounds.
    fn relations_table(parties: usize) -> String {
        let stances = |shift: usize| {
            (0..parties)
                .map(|p| crate::testing::stance(p, Some((p + shift) % 3)))
                .collect()
        };
        let talks = crate::testing::talks(parties, 3, vec![stances(0), stances(1)]);
        let html = crate::render::html::page(&ReportView::build(&talks, 1, 0, false));
        let start = html
            .find("<table class=\"relations")
            .expect("a relations table");
        html[start..start + html[start..].find("</table>").unwrap()].to_string()
    }

    #[test]
    fn many_pairs_go_down_the_relations_table_and_the_issues_across() {
        // 4 parties, 6 pairs: a column per pair, a row per issue.
        let few = relations_table(4);
        assert!(few.starts_with("<table class=\"relations\">"));
        assert_eq!(few.matches("<th scope=\"col\"").count(), 1 + 6);
        assert_eq!(few.matches("<th scope=\"row\"").count(), 1);
        // 5 parties, 10 pairs: a row per pair, a column per issue.
        let many = relations_table(5);
        assert!(many.starts_with("<table class=\"relations pairs-down\">"));
        assert_eq!(many.matches("<th scope=\"col\"").count(), 1 + 1);
        assert_eq!(many.matches("<th scope=\"row\"").count(), 10);
        assert_eq!(many.matches("<td class=\"rel ").count(), 10);
        // 33 parties, 528 pairs: too many for a page; each relation counted
        // per issue, 24 pairs charted, and the page says where the rest are.
        let stances = |shift: usize| {
            (0..33)
                .map(|p| crate::testing::stance(p, Some((p * shift) % 3)))
                .collect()
        };
        let talks = crate::testing::talks(33, 3, vec![stances(1), stances(2)]);
        let page = crate::render::html::page(&ReportView::build(&talks, 1, 0, false));
        assert!(page.contains("<table class=\"relations counted\">"));
        assert!(page.contains("528 pairs are too many to show one by one"));
        assert!(!page.contains("<table class=\"relations pairs-down\">"));
        assert_eq!(page.matches("<figure class=\"chart\">").count(), 24);
        assert!(page.contains("528 pairs are too many to chart"));
        // 30 parties: 435 rows of one cell, not 435 columns.
        let crowd = relations_table(30);
        assert_eq!(crowd.matches("<tr>").count(), 1 + 435);
        assert_eq!(crowd.matches("<th scope=\"col\"").count(), 2);
    }
}

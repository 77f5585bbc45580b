//! Proposals and packages: every proposal on the table with each party's
//! answer term by term, and the package deal zone of every linkage.

use super::writer::Html;
use super::{check_mark, legend};
use crate::view::proposals::{Answer, TermStand, stand_mark, stand_name};
use crate::view::report::ReportView;

pub(super) fn section(h: &mut Html, r: &ReportView) {
    let talks = r.talks;
    h.text_el("p", &[("class", "lead")], "A proposal settles several issues at once. Each party's answer, term by term: it accepts the term, accepts it because the proposal's other terms meet its conditions, or rejects it — a red line where marked. A linkage ties issues a party will only settle together; its package deal zone is every settlement of them all parties accept.");
    legend(
        h,
        &[
            ("stand accepts", "✔", "accepts the term"),
            (
                "stand on-conditions",
                "✔ if",
                "accepts it on conditions the other terms meet",
            ),
            ("stand rejects", "✘", "rejects it"),
            ("stand red-line", "⛔", "rejects it: a red line"),
            ("stand silent", "·", "no position on the issue"),
        ],
    );
    for p in &r.proposals {
        h.el("figure", &[("class", "proposal")], |h| {
            h.el("figcaption", &[], |h| {
                h.text_el("strong", &[], p.title.as_deref().unwrap_or(&p.id));
                let by = talks
                    .parties
                    .iter()
                    .find(|x| x.id == p.by)
                    .map_or(p.by.as_str(), |x| x.name.as_str());
                h.text(&format!(" — tabled by {by} in {}", p.tabled_in));
                if let Some(s) = &p.summary {
                    h.text_el("div", &[("class", "summary")], s);
                }
            });
            h.el("table", &[("class", "terms")], |h| {
                h.el("thead", &[], |h| {
                    h.el("tr", &[], |h| {
                        h.text_el("th", &[("scope", "col"), ("class", "issue-col")], "Issue");
                        h.text_el("th", &[("scope", "col")], "Proposes");
                        for party in &talks.parties {
                            h.text_el(
                                "th",
                                &[("scope", "col"), ("title", &party.name)],
                                party.label(),
                            );
                        }
                    });
                });
                h.el("tbody", &[], |h| {
                    for t in &p.terms {
                        h.el("tr", &[], |h| {
                            h.text_el("th", &[("scope", "row")], &t.issue);
                            h.el("td", &[], |h| {
                                h.text(&t.outcomes.join(", "));
                                if let Some(q) = &t.quote {
                                    h.el("div", &[("class", "quote")], |h| {
                                        h.text(&format!("“{q}”"));
                                        let source = p.said.source.as_ref().map(|s| s.id.as_str());
                                        check_mark(h, r, source, q);
                                    });
                                }
                            });
                            for &s in &t.stands {
                                stand(h, s);
                            }
                        });
                    }
                });
            });
            h.el("ul", &[("class", "answers")], |h| {
                for (party, v) in talks.parties.iter().zip(&p.verdicts) {
                    let class = match v.answer {
                        Answer::Accepts | Answer::AcceptsOnConditions => "answer accepts",
                        Answer::ButFor => "answer rejects",
                        Answer::CrossesRedLine => "answer red-line",
                        Answer::Silent => "answer silent",
                    };
                    h.el("li", &[("class", class)], |h| {
                        h.text_el("strong", &[], &party.name);
                        h.text(&format!(": {}", v.said));
                    });
                }
            });
        });
    }
    if !r.packages.is_empty() {
        h.text_el("h3", &[], "Linked issues");
        h.el("ul", &[("class", "packages")], |h| {
            for p in &r.packages {
                h.el("li", &[], |h| {
                    h.text(&p.said());
                    if let Some(q) = &p.said.quote {
                        h.el("blockquote", &[], |h| {
                            h.text(&format!("“{q}”"));
                            if let Some(s) = &p.said.speaker {
                                h.text_el("span", &[("class", "speaker")], &format!(" — {s}"));
                            }
                            let source = p.said.source.as_ref().map(|s| s.id.as_str());
                            check_mark(h, r, source, q);
                        });
                    }
                });
            }
        });
    }
}

fn stand(h: &mut Html, s: TermStand) {
    let (mark, _) = stand_mark(s);
    let class = format!("stand {}", stand_name(s));
    h.text_el("td", &[("class", &class), ("title", stand_name(s))], mark);
}

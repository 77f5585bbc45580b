//! The positions section: issues down, parties across.

use super::writer::Html;
use super::{check_mark, legend, note};
use crate::view::position::PositionView;
use crate::view::report::{IssueStances, ReportView};

pub(super) fn section(h: &mut Html, r: &ReportView) {
    if let Some(stances) = &r.shown.stances_counted {
        return counted(h, r, stances);
    }
    let talks = r.talks;
    h.text_el("p", &[("class", "lead")], "Issues down, parties across: each party's demand on the issue's scale, what else it could live with, its own words in summary, and the source.");
    legend(
        h,
        &[
            ("badge redline", "⚑ red line", "stated as non-negotiable"),
            (
                "badge",
                "core",
                "a core issue for this party (counts double)",
            ),
            (
                "badge carried",
                "since …",
                "stated in an earlier round and carried forward",
            ),
            ("none", "·", "no position stated"),
        ],
    );
    h.el("table", &[("class", "positions")], |h| {
        h.el("thead", &[], |h| {
            h.el("tr", &[], |h| {
                h.text_el("th", &[("scope", "col"), ("class", "issue-col")], "Issue");
                for &p in &r.parties {
                    h.text_el("th", &[("scope", "col")], &talks.parties[p].name);
                }
            });
        });
        h.el("tbody", &[], |h| {
            for &i in &r.issues {
                h.el("tr", &[], |h| {
                    issue_header(h, r, i);
                    for &p in &r.parties {
                        position_cell(h, r, p, i);
                    }
                });
            }
        });
    });
}

/// Past `MAX_PARTIES_SHOWN` parties: each issue's positions counted, and
/// the stances demanded.
fn counted(h: &mut Html, r: &ReportView, stances: &[IssueStances]) {
    let talks = r.talks;
    h.text_el("p", &[("class", "lead")], "Issues down: how many parties hold a position on each issue, how many of them as a red line or a core issue, how many were stated in an earlier round and carried forward, and the stances they demand.");
    note(
        h,
        &format!(
            "{} parties are too many to show each one's position: each issue's positions are counted. ",
            r.parties.len()
        ),
        &[
            (
                "redlines table --issue ISSUE",
                " gives every party's stance on an issue, ",
            ),
            (
                "redlines show PARTY ISSUE",
                " a position in full: its summary, quote and source.",
            ),
        ],
    );
    h.el("table", &[("class", "positions counted")], |h| {
        h.el("thead", &[], |h| {
            h.el("tr", &[], |h| {
                h.text_el("th", &[("scope", "col"), ("class", "issue-col")], "Issue");
                for c in [
                    "Positions",
                    "⚑ red lines",
                    "core",
                    "since an earlier round",
                    "withdrawn",
                    "Stances demanded",
                ] {
                    h.text_el("th", &[("scope", "col")], c);
                }
            });
        });
        h.el("tbody", &[], |h| {
            for (&i, c) in r.issues.iter().zip(stances) {
                let scale = &talks.issues[i].scale;
                h.el("tr", &[], |h| {
                    issue_header(h, r, i);
                    for n in [c.held, c.red_lines, c.core, c.carried, c.withdrawn] {
                        h.text_el("td", &[("class", "num")], &n.to_string());
                    }
                    let demanded: Vec<String> = scale
                        .iter()
                        .zip(&c.outcomes)
                        .filter(|(_, n)| n.demand > 0)
                        .map(|(o, n)| format!("{} ×{}", o.label, n.demand))
                        .collect();
                    h.text_el("td", &[], &demanded.join("; "));
                });
            }
        });
    });
}

fn issue_header(h: &mut Html, r: &ReportView, i: usize) {
    let issue = &r.talks.issues[i];
    h.el(
        "th",
        &[("scope", "row"), ("id", &format!("issue-{}", issue.id))],
        |h| {
            h.text(&issue.title);
            if let Some(q) = &issue.question {
                h.text_el("div", &[("class", "question")], q);
            }
        },
    );
}

fn position_cell(h: &mut Html, r: &ReportView, p: usize, i: usize) {
    let talks = r.talks;
    let issue = &talks.issues[i];
    let Some(stated) = r.state.get(p, i) else {
        let text = match r.state.last_stated(p, i) {
            Some(w) => format!("· withdrawn in {}", w.round.title),
            None => "· no position".to_string(),
        };
        h.text_el("td", &[("class", "pos none")], &text);
        return;
    };
    let pos = stated.position;
    let class = if pos.red_line { "pos redline" } else { "pos" };
    h.el("td", &[("class", class)], |h| {
        if let Some(s) = pos.stance {
            h.text_el(
                "div",
                &[("class", "stance"), ("title", &issue.scale[s].id)],
                &issue.scale[s].label,
            );
        }
        h.el("div", &[("class", "badges")], |h| {
            if pos.red_line {
                h.text_el("span", &[("class", "badge redline")], "⚑ red line");
            }
            if pos.assumed {
                h.text_el("span", &[("class", "badge assumed")], "assumed");
            }
            if let Some(pr) = pos.priority {
                h.text_el("span", &[("class", "badge")], pr.as_str());
            }
            if stated.round_ix < r.round {
                h.text_el(
                    "span",
                    &[("class", "badge carried"), ("title", &stated.round.id)],
                    &format!("since {}", stated.round.date),
                );
            }
        });
        let also: Vec<&str> = pos
            .accepts
            .iter()
            .filter(|&o| Some(o) != pos.stance && o < issue.scale.len())
            .map(|o| issue.scale[o].label.as_str())
            .collect();
        if !also.is_empty() {
            h.text_el(
                "div",
                &[("class", "also")],
                &format!("also accepts: {}", also.join("; ")),
            );
        }
        let view = PositionView::new(talks, pos, stated.round);
        for c in &view.conditions {
            h.text_el(
                "div",
                &[("class", "also conditional")],
                &format!("on conditions: {}", c.said()),
            );
        }
        h.text_el("p", &[("class", "summary")], &pos.summary);
        let source = pos
            .source
            .and_then(|s| talks.sources.get(s))
            .map(|s| s.id.as_str());
        if let Some(q) = &pos.quote {
            h.el("blockquote", &[], |h| {
                h.text(&format!("“{q}”"));
                if let Some(s) = &pos.speaker {
                    h.text_el("span", &[("class", "speaker")], &format!(" — {s}"));
                }
                check_mark(h, r, source, q);
            });
        }
        if let Some(e) = &view.evidence
            && pos
                .quote
                .as_deref()
                .is_none_or(|q| !q.contains(e.quote.as_str()))
        {
            h.el("div", &[("class", "evidence")], |h| {
                h.text(&format!("red line, in its words: “{}”", e.quote));
                if let Some(s) = &e.speaker {
                    h.text_el("span", &[("class", "speaker")], &format!(" — {s}"));
                }
                let own = e.source.as_ref().map(|s| s.id.as_str());
                check_mark(h, r, own.or(source), &e.quote);
            });
        }
        if let Some(src) = pos.source.and_then(|s| talks.sources.get(s)) {
            h.el("div", &[("class", "source")], |h| {
                h.text("source: ");
                h.link(src.url.as_deref(), &[], &src.title);
                if let Some(p) = &src.publisher {
                    h.text(&format!(" ({p})"));
                }
            });
        }
        if let Some(n) = &pos.note {
            h.text_el("div", &[("class", "note")], &format!("curator's note: {n}"));
        }
    });
}

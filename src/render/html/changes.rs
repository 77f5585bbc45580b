//! What changed from the earlier round to this one: the verdict, every
//! change to a position, every relation that changed, in `diff`'s words.

use super::note;
use super::relations::relation_class;
use super::writer::Html;
use crate::core::diff::{PositionDiff, RoundDiff, Trend};
use crate::data::diag::plural;
use crate::view::diff::{ChangeView, word_text};
use crate::view::relation::{relation_said, trend_said};
use crate::view::report::{CHANGES_COUNTED, ChangesListed, ReportView};
use crate::view::{Text, Tone};

/// What changed from the earlier round to this one: the verdict, then
/// party by party and issue by issue every change to a position, then every
/// pair relation that changed. The words are those of `redlines diff`, with
/// names and labels for ids.
pub(super) fn section(h: &mut Html, r: &ReportView) {
    let (Some(diff), Some(view)) = (&r.diff, &r.changes) else {
        return;
    };
    h.text_el("p", &[("class", "verdict")], &view.verdict);
    h.el("p", &[("class", "lead")], |h| {
        h.text("Every change between the positions held as of the two rounds (carried forward, as everywhere on this page): party by party and issue by issue, then the relations between pairs. The command line lists the same: ");
        h.text_el("code", &[], &diff_command(r, diff));
        h.text(".");
    });
    h.el("ul", &[("class", "legend")], |h| {
        for (mark, text) in [
            ("+", "position added, accepts widened, red line taken up"),
            (
                "−",
                "position withdrawn, accepts narrowed, red line dropped",
            ),
            ("±", "stance moved; priority or words changed"),
            ("▲", "progress: a relation got better"),
            ("▼", "setback: a relation got worse"),
        ] {
            h.el("li", &[], |h| {
                h.text_el("span", &[("class", "mark")], mark);
                h.text(" ");
                h.text(text);
            });
        }
        h.el("li", &[], |h| {
            h.text_el("del", &[], "struck");
            h.text(" words removed, ");
            h.text_el("ins", &[], "underlined");
            h.text(" words added");
        });
    });
    if diff.is_empty() {
        h.text_el(
            "p",
            &[("class", "none")],
            "Nothing changed between these rounds.",
        );
        return;
    }
    // The views of the position changes, in the diff's order; the relation
    // changes after them are drawn from the diff itself.
    let mut views = view.changes.held().iter();
    position_changes(h, r, diff, &mut views);
    let packages: Vec<&ChangeView> = views
        .take(diff.linkages.len() + diff.proposals.len())
        .collect();
    if !packages.is_empty() {
        package_changes(h, r, &packages);
    }
    relation_changes(h, r, diff);
}

/// Linkages stated or withdrawn and proposals tabled, revised or withdrawn:
/// a row each, by the party whose they are.
fn package_changes(h: &mut Html, r: &ReportView, views: &[&ChangeView]) {
    let talks = r.talks;
    let name = |id: &str| {
        talks
            .parties
            .iter()
            .find(|p| p.id == id)
            .map_or_else(|| id.to_string(), |p| p.name.clone())
    };
    let parties: Vec<String> = views
        .iter()
        .map(|v| v.party.as_deref().map(name).unwrap_or_default())
        .collect();
    h.text_el("h3", &[], "Proposals and linkages");
    grouped_table(
        h,
        ("changes", "change"),
        "",
        &[
            ("Party", "party-col"),
            ("Issues", "issue-col"),
            ("What changed", ""),
        ],
        &parties,
        |i| (parties[i].as_str(), None),
        |h, i| {
            let v = views[i];
            h.text_el("th", &[("scope", "row")], &v.issue.replace('+', ", "));
            h.el("td", &[], |h| {
                h.el("ul", &[("class", "chg")], |h| change(h, v));
            });
        },
    );
}

/// A table of rows in groups, one `<tbody>` per run of rows with the same
/// key (a party, an issue), each row of class `classes.1` headed by its
/// group's name and id, `group(i)`; `row(h, i)` writes the rest of row `i`.
/// `headers` are (text, class) pairs; without rows, the table is the
/// sentence `none`.
fn grouped_table<'a, K: PartialEq>(
    h: &mut Html,
    classes: (&'static str, &'static str),
    none: &str,
    headers: &[(&str, &str)],
    keys: &[K],
    group: impl Fn(usize) -> (&'a str, Option<&'a str>),
    mut row: impl FnMut(&mut Html, usize),
) {
    if keys.is_empty() {
        h.text_el("p", &[("class", "none")], none);
        return;
    }
    h.el("table", &[("class", classes.0)], |h| {
        h.el("thead", &[], |h| {
            h.el("tr", &[], |h| {
                for &(text, class) in headers {
                    let mut attrs = vec![("scope", "col")];
                    if !class.is_empty() {
                        attrs.push(("class", class));
                    }
                    h.text_el("th", &attrs, text);
                }
            });
        });
        let mut start = 0;
        while start < keys.len() {
            let len = keys[start..]
                .iter()
                .take_while(|&k| *k == keys[start])
                .count();
            h.el("tbody", &[], |h| {
                for i in start..start + len {
                    h.el("tr", &[("class", classes.1)], |h| {
                        let (name, id) = group(i);
                        group_header(h, i - start, name, id);
                        row(h, i);
                    });
                }
            });
            start += len;
        }
    });
}

fn position_changes<'v>(
    h: &mut Html,
    r: &ReportView,
    diff: &RoundDiff<'_>,
    views: &mut impl Iterator<Item = &'v ChangeView>,
) {
    let talks = r.talks;
    let listed = r.shown.position_changes.as_ref();
    let rows = listed.map_or(diff.positions.len(), |l| l.rows);
    let parties: Vec<usize> = diff.positions[..rows].iter().map(|d| d.party).collect();
    grouped_table(
        h,
        ("changes", "change"),
        "No position changed.",
        &[
            ("Party", "party-col"),
            ("Issue", "issue-col"),
            ("What changed", ""),
        ],
        &parties,
        |i| (talks.parties[parties[i]].name.as_str(), None),
        |h, i| {
            let d = &diff.positions[i];
            let issue = &talks.issues[d.issue];
            h.text_el(
                "th",
                &[("scope", "row"), ("title", &issue.id)],
                &issue.title,
            );
            h.el("td", &[], |h| {
                h.el("ul", &[("class", "chg")], |h| {
                    for v in views.by_ref().take(d.changes.len()) {
                        change(h, v);
                    }
                });
            });
        },
    );
    if let Some(listed) = listed {
        position_changes_counted(h, r, diff, listed);
    }
    if r.shown.stances_counted.is_some() {
        note(
            h,
            &format!(
                "{} parties are too many to name each one a stance moved towards or away from: a move is said in steps. ",
                r.parties.len()
            ),
            &[(
                &format!(
                    "{} --party PARTY --issue ISSUE --format json",
                    diff_command(r, diff)
                ),
                " names them.",
            )],
        );
    }
}

/// The command that lists these changes: `redlines diff FROM TO`.
fn diff_command(r: &ReportView, diff: &RoundDiff<'_>) -> String {
    format!(
        "redlines diff {} {}",
        r.talks.rounds[diff.from].id, r.talks.rounds[diff.to].id
    )
}

/// Past `MAX_CHANGES_LISTED`, the positions changed and not listed,
/// counted per issue.
fn position_changes_counted(h: &mut Html, r: &ReportView, diff: &RoundDiff<'_>, l: &ChangesListed) {
    let talks = r.talks;
    let name = |d: &PositionDiff<'_>| talks.parties[d.party].name.as_str();
    let rest: usize = l.rest.iter().flat_map(|(_, n)| n).sum();
    let rounds = diff_command(r, diff);
    note(
        h,
        &format!(
            "{} changes to positions are too many to list: listed are the first {}, party by party from {} to {}; the other {} positions changed are counted per issue. ",
            l.total,
            l.listed,
            diff.positions.first().map_or("", name),
            diff.positions[..l.rows].last().map_or("", name),
            rest
        ),
        &[
            (&format!("{rounds} --issue ISSUE"), " or "),
            (&format!("{rounds} --party PARTY"), " lists them."),
        ],
    );
    counted_table(
        h,
        "changes counted",
        &CHANGES_COUNTED.map(|c| format!("positions {c}")),
        l.rest
            .iter()
            .map(|(i, counts)| (talks.issues[*i].title.as_str(), counts.as_slice())),
    );
}

/// A table of counts: a row per issue, a column per count.
fn counted_table<'a>(
    h: &mut Html,
    class: &str,
    columns: &[String],
    rows: impl Iterator<Item = (&'a str, &'a [usize])>,
) {
    h.el("table", &[("class", class)], |h| {
        h.el("thead", &[], |h| {
            h.el("tr", &[], |h| {
                h.text_el("th", &[("scope", "col"), ("class", "issue-col")], "Issue");
                for c in columns {
                    h.text_el("th", &[("scope", "col")], c);
                }
            });
        });
        h.el("tbody", &[], |h| {
            for (issue, counts) in rows {
                h.el("tr", &[], |h| {
                    h.text_el("th", &[("scope", "row")], issue);
                    for n in counts {
                        h.text_el("td", &[("class", "num")], &n.to_string());
                    }
                });
            }
        });
    });
}

/// The header of the `k`th row of a group of rows on one party or issue.
/// Every row names it, so that a row reads alone on a printed page; after
/// the first, dimmed. (A cell spanning the rows would be neater on screen,
/// but Chromium keeps such a group on one page, leaving half a page blank.)
fn group_header(h: &mut Html, k: usize, text: &str, id: Option<&str>) {
    let mut attrs = vec![("scope", "row")];
    if k > 0 {
        attrs.push(("class", "again"));
    }
    attrs.extend(id.map(|id| ("title", id)));
    h.text_el("th", &attrs, text);
}

/// One change: its mark and words, then what it changed from and to.
fn change(h: &mut Html, v: &ChangeView) {
    h.el("li", &[("class", v.kind.name())], |h| {
        // The terminal's `-`, as a minus sign that is not lost in print.
        let mark = if v.marker.0 == "-" { "−" } else { v.marker.0 };
        h.text_el("span", &[("class", "mark")], mark);
        h.text(" ");
        h.text(&v.detail);
        match (&v.words, &v.old, &v.new) {
            (Some(words), ..) => {
                h.el("div", &[("class", "words")], |h| {
                    rich(h, &word_text(words, None));
                });
            }
            (None, Some(old), Some(new)) => {
                h.el("div", &[("class", "from-to")], |h| {
                    h.text_el("del", &[], &old.to_plain(" "));
                    h.text(" → ");
                    h.text_el("ins", &[], &new.to_plain(" "));
                });
            }
            // Added or withdrawn: what the position said.
            (None, Some(said), None) | (None, None, Some(said)) => {
                h.text_el("div", &[("class", "said")], &said.to_plain(" "));
            }
            (None, None, None) => {}
        }
    });
}

/// Text whose removed words are struck and added words underlined, with a
/// space between a removal and the addition that replaces it.
fn rich(h: &mut Html, t: &Text) {
    let mut last = Tone::Plain;
    for span in t.lines.iter().flatten().filter(|s| !s.text.is_empty()) {
        match span.tone {
            Tone::Removed => h.text_el("del", &[], &span.text),
            Tone::Added => {
                if last == Tone::Removed {
                    h.text(" ");
                }
                h.text_el("ins", &[], &span.text)
            }
            _ => h.text(&span.text),
        };
        last = span.tone;
    }
}

/// Relation changes counted per issue, progress and setback, where they
/// are too many to list.
fn relation_changes_counted(h: &mut Html, r: &ReportView, diff: &RoundDiff<'_>) {
    let talks = r.talks;
    note(
        h,
        &format!(
            "{} relations changed between pairs comparable in both rounds, too many to list: they are counted per issue. ",
            diff.relations.len()
        ),
        &[(
            &format!("{} --issue ISSUE", diff_command(r, diff)),
            " lists them.",
        )],
    );
    let trends = [Trend::Progress, Trend::Setback];
    // One pass over the changes, however many.
    let mut per_issue = vec![[0; 2]; talks.issues.len()];
    for c in &diff.relations {
        if let Some(t) = trends.iter().position(|&t| t == c.trend()) {
            per_issue[c.issue][t] += 1;
        }
    }
    let counts: Vec<(&str, [usize; 2])> = diff
        .issues
        .iter()
        .map(|&i| (talks.issues[i].title.as_str(), per_issue[i]))
        .filter(|(_, counts)| counts.iter().any(|&n| n > 0))
        .collect();
    counted_table(
        h,
        "rel-changes counted",
        &trends.map(|t| {
            let (said, mark, _) = trend_said(t);
            format!("{mark} {said}")
        }),
        counts.iter().map(|(issue, n)| (*issue, n.as_slice())),
    );
}

fn relation_changes(h: &mut Html, r: &ReportView, diff: &RoundDiff<'_>) {
    let talks = r.talks;
    h.text_el("h3", &[], "Relations that changed");
    if r.shown.relation_changes_counted {
        relation_changes_counted(h, r, diff);
        unlisted(h, r, diff);
        return;
    }
    let issues: Vec<usize> = diff.relations.iter().map(|c| c.issue).collect();
    grouped_table(
        h,
        ("rel-changes", "rel-change"),
        if diff.unlisted.is_empty() {
            "No pair's relation changed."
        } else {
            "No relation changed between pairs comparable in both rounds."
        },
        &[
            ("Issue", "issue-col"),
            ("Parties", ""),
            ("Before", ""),
            ("Now", ""),
            ("Change", ""),
        ],
        &issues,
        |i| {
            let issue = &talks.issues[issues[i]];
            (issue.title.as_str(), Some(issue.id.as_str()))
        },
        |h, i| {
            let c = &diff.relations[i];
            let (a, b) = c.parties;
            h.text_el(
                "td",
                &[("class", "pair")],
                &format!("{} – {}", talks.parties[a].name, talks.parties[b].name),
            );
            for (when, rel) in [("before", c.from), ("now", c.to)] {
                h.text_el(
                    "td",
                    &[("class", &format!("{when} {}", relation_class(rel)))],
                    &relation_said(rel),
                );
            }
            let (said, mark, _) = trend_said(c.trend());
            h.el(
                "td",
                &[("class", &format!("shift {}", c.trend().name()))],
                |h| {
                    h.text_el("span", &[("class", "mark")], mark);
                    h.text(" ");
                    h.text(said);
                },
            );
        },
    );
    unlisted(h, r, diff);
}

/// The pairs that only became or stopped being comparable, counted.
fn unlisted(h: &mut Html, r: &ReportView, diff: &RoundDiff<'_>) {
    let talks = r.talks;
    if diff.unlisted.is_empty() {
        return;
    }
    let total: usize = diff.unlisted.iter().map(|u| u.pairs).sum();
    // Per issue while that is a short list; past it, the total alone.
    let per_issue = if diff.unlisted.len() <= 10 {
        let counts: Vec<String> = diff
            .unlisted
            .iter()
            .map(|u| {
                format!(
                    "{} {}: {}",
                    talks.issues[u.issue].title,
                    trend_said(u.trend).0,
                    plural(u.pairs, "pair")
                )
            })
            .collect();
        format!(" ({})", counts.join("; "))
    } else {
        String::new()
    };
    note(
        h,
        &format!(
            "{} only became or stopped being comparable{per_issue}, because a position was stated or withdrawn: too many to list. ",
            plural(total, "pair")
        ),
        &[("redlines matrix --by issue", " shows every pair.")],
    );
}

//! Deal zones: each issue's scale, and who stands where on it.

use super::writer::Html;
use super::{legend, note};
use crate::data::talks::{Outcomes, Party, Position};
use crate::view::report::{OutcomeStances, ReportView};

pub(super) fn section(h: &mut Html, r: &ReportView) {
    let talks = r.talks;
    h.text_el("p", &[("class", "lead")], "The deal zone of an issue is the set of outcomes that every party with a position on it could accept. Each issue's scale runs from one pole to the other; under each outcome, the parties that demand it ● or could accept it ○.");
    if r.shown.stances_counted.is_some() {
        note(
            h,
            &format!(
                "{} parties are too many to place one by one: under each outcome, how many parties demand it ● (⚑ of them as a red line) and how many could accept it ○. ",
                r.parties.len()
            ),
            &[(
                "redlines table --issue ISSUE",
                " names every party's stance on an issue.",
            )],
        );
    }
    legend(
        h,
        &[
            ("zone open", "✔", "a deal zone: outcomes all could accept"),
            ("zone closed", "✘", "no deal zone: someone must move"),
            (
                "zone unknown",
                "·",
                "fewer than two parties have a position",
            ),
        ],
    );
    h.el("table", &[("class", "zones")], |h| {
        h.el("thead", &[], |h| {
            h.el("tr", &[], |h| {
                h.text_el("th", &[("scope", "col"), ("class", "issue-col")], "Issue");
                h.text_el(
                    "th",
                    &[("scope", "col"), ("class", "zone-col")],
                    "Deal zone",
                );
                h.text_el("th", &[("scope", "col")], "The scale, and who stands where");
            });
        });
        h.el("tbody", &[], |h| {
            for (k, &i) in r.issues.iter().enumerate() {
                let issue = &talks.issues[i];
                let zone = r.zones[k];
                h.el("tr", &[], |h| {
                    h.text_el("th", &[("scope", "row")], &issue.title);
                    let (class, text) = match zone {
                        None => ("zone unknown", "· not enough positions".to_string()),
                        Some(z) if z.is_empty() => ("zone closed", "✘ none".to_string()),
                        Some(z) => (
                            "zone open",
                            format!(
                                "✔ {}",
                                z.iter()
                                    .filter(|&o| o < issue.scale.len())
                                    .map(|o| issue.scale[o].label.as_str())
                                    .collect::<Vec<_>>()
                                    .join("; ")
                            ),
                        ),
                    };
                    h.text_el("td", &[("class", class)], &text);
                    h.el("td", &[], |h| scale(h, r, k, i, zone.unwrap_or_default()));
                });
            }
        });
    });
}

/// One issue's scale in order, each outcome with the parties that want it
/// (or, past `MAX_PARTIES_SHOWN`, how many); `i` is the `k`th issue of the
/// report.
fn scale(h: &mut Html, r: &ReportView, k: usize, i: usize, zone: Outcomes) {
    let talks = r.talks;
    let counted = r.shown.stances_counted.as_ref().map(|c| &c[k].outcomes);
    let held: Vec<(&Party, &Position)> = r
        .parties
        .iter()
        .filter(|_| counted.is_none())
        .filter_map(|&p| Some((&talks.parties[p], r.state.get(p, i)?.position)))
        .collect();
    h.el("ol", &[("class", "scale")], |h| {
        for (o, outcome) in talks.issues[i].scale.iter().enumerate() {
            let attrs: &[(&str, &str)] = if zone.contains(o) {
                &[("class", "in-zone"), ("title", &outcome.id)]
            } else {
                &[("title", &outcome.id)]
            };
            h.el("li", attrs, |h| {
                if zone.contains(o) {
                    h.text_el("span", &[("class", "zone-mark")], "✔ ");
                }
                h.text(&outcome.label);
                h.el("div", &[("class", "who")], |h| {
                    if let Some(counts) = counted {
                        return who_counted(h, counts[o]);
                    }
                    for (party, pos) in &held {
                        if pos.stance == Some(o) {
                            let class = if pos.red_line {
                                "demands redline"
                            } else {
                                "demands"
                            };
                            let title = format!(
                                "{} demands this{}",
                                party.name,
                                if pos.red_line { " (red line)" } else { "" }
                            );
                            h.text_el(
                                "span",
                                &[("class", class), ("title", &title)],
                                &format!("●{}", party.label()),
                            );
                        } else if pos.accepts.contains(o) {
                            h.text_el(
                                "span",
                                &[
                                    ("class", "accepts"),
                                    ("title", &format!("{} could accept this", party.name)),
                                ],
                                &format!("○{}", party.label()),
                            );
                        }
                    }
                });
            });
        }
    });
}

/// How many parties demand an outcome ●, of them as a red line ⚑, and
/// could accept it ○.
fn who_counted(h: &mut Html, n: OutcomeStances) {
    for (count, class, mark, what) in [
        (n.demand, "demands", "●", "parties that demand this"),
        (
            n.red_line,
            "demands redline",
            "⚑",
            "parties that demand this as a red line",
        ),
        (n.accept, "accepts", "○", "parties that could accept this"),
    ] {
        if count > 0 {
            h.text_el(
                "span",
                &[("class", class), ("title", &format!("{what}: {count}"))],
                &format!("{mark}{count}"),
            );
        }
    }
}

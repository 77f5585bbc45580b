//! The HTML report: one self-contained page, inline CSS and SVG, no script
//! and nothing fetched. Marks and words carry every meaning; colour only
//! repeats it, so the page reads the same in black and white.

use super::html::Html;
use super::{Text, Tone};
use crate::cmd::diff::{ChangeView, DiffView, Naming, trend_said, word_text};
use crate::compare::Relation;
use crate::diff::RoundDiff;
use crate::report::{Report, Section};
use crate::talks::{Outcomes, Party, Position};

/// The whole page.
pub fn page(r: &Report) -> String {
    let talks = r.talks;
    let round = &talks.rounds[r.round];
    let mut h = Html::new();
    h.raw("<!DOCTYPE html>\n");
    h.open("html", &[("lang", "en")]);
    h.el("head", &[], |h| {
        h.void("meta", &[("charset", "utf-8")]);
        // Belt and braces: even a browser told to would load nothing.
        h.void(
            "meta",
            &[
                ("http-equiv", "Content-Security-Policy"),
                ("content", "default-src 'none'; style-src 'unsafe-inline'"),
            ],
        );
        h.void(
            "meta",
            &[
                ("name", "viewport"),
                ("content", "width=device-width, initial-scale=1"),
            ],
        );
        h.void(
            "meta",
            &[
                ("name", "generator"),
                ("content", concat!("redlines ", env!("CARGO_PKG_VERSION"))),
            ],
        );
        h.text_el(
            "title",
            &[],
            &format!("{} — as of {}", talks.title, round.title),
        );
        h.el("style", &[], |h| {
            h.raw(CSS);
        });
    });
    h.open("body", &[]);
    header(&mut h, r);
    for s in r.sections() {
        h.el("section", &[("id", s.id())], |h| {
            h.text_el("h2", &[], s.title());
            match s {
                Section::Positions => positions(h, r),
                Section::Matrix => matrix(h, r),
                Section::Relations => relations(h, r),
                Section::DealZones => deal_zones(h, r),
                Section::Trend => trend(h, r),
                Section::Changes => changes(h, r),
            }
        });
    }
    h.el("footer", &[], |h| {
        h.text(&format!(
            "Made by redlines {} from the talks “{}”: {}, {}, {}.",
            env!("CARGO_PKG_VERSION"),
            talks.id,
            crate::diag::plural(talks.rounds.len(), "round"),
            match talks.parties.len() {
                1 => "1 party".to_string(),
                n => format!("{n} parties"),
            },
            crate::diag::plural(talks.issues.len(), "issue"),
        ));
    });
    h.close("body").close("html");
    h.raw("\n");
    h.finish()
}

fn header(h: &mut Html, r: &Report) {
    let talks = r.talks;
    let round = &talks.rounds[r.round];
    h.el("header", &[], |h| {
        h.text_el("h1", &[], &talks.title);
        if let Some(s) = &talks.summary {
            h.text_el("p", &[("class", "lead")], s);
        }
        h.el("p", &[("class", "as-of")], |h| {
            h.text("As of ");
            h.text_el("strong", &[], &round.title);
            let mut what = vec![round.date.to_string()];
            what.extend(round.venue.clone());
            h.text(&format!(
                " ({}), round {} of {}; positions stated earlier carry forward.",
                what.join(", "),
                r.round + 1,
                talks.rounds.len()
            ));
        });
        glance(h, r);
        h.el("nav", &[], |h| {
            h.el("ol", &[], |h| {
                for s in r.sections() {
                    h.el("li", &[], |h| {
                        h.text_el("a", &[("href", &format!("#{}", s.id()))], s.title());
                    });
                }
            });
        });
    });
}

/// The few numbers a reader wants before the pictures.
fn glance(h: &mut Html, r: &Report) {
    let talks = r.talks;
    let mut facts = Vec::new();
    let (open, judged) = r.open_zones();
    if judged > 0 {
        facts.push(format!("a deal zone on {open} of {judged} issues"));
    }
    facts.push(match r.red_lines() {
        1 => "1 red line held".to_string(),
        n => format!("{n} red lines held"),
    });
    if let Some((hi, lo)) = r.closest_and_furthest() {
        let names = |(a, b, s): (usize, usize, f64)| {
            format!(
                "{} and {} ({s:.2})",
                talks.parties[r.parties[a]].name, talks.parties[r.parties[b]].name
            )
        };
        facts.push(format!("closest: {}", names(hi)));
        if lo != hi {
            facts.push(format!("furthest apart: {}", names(lo)));
        }
    }
    h.el("p", &[("class", "glance")], |h| {
        h.text_el("strong", &[], "At a glance: ");
        h.text(&facts.join(" · "));
    });
}

fn legend(h: &mut Html, items: &[(&str, &str, &str)]) {
    h.el("ul", &[("class", "legend")], |h| {
        for (class, mark, text) in items {
            h.el("li", &[], |h| {
                h.text_el("span", &[("class", class)], mark);
                h.text(" ");
                h.text(text);
            });
        }
    });
}

fn positions(h: &mut Html, r: &Report) {
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

fn issue_header(h: &mut Html, r: &Report, i: usize) {
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

fn position_cell(h: &mut Html, r: &Report, p: usize, i: usize) {
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
        h.text_el("p", &[("class", "summary")], &pos.summary);
        if let Some(q) = &pos.quote {
            h.el("blockquote", &[], |h| {
                h.text(&format!("“{q}”"));
                if let Some(s) = &pos.speaker {
                    h.text_el("span", &[("class", "speaker")], &format!(" — {s}"));
                }
            });
        }
        if let Some(src) = pos.source.and_then(|s| stated.round.sources.get(s)) {
            h.el("div", &[("class", "source")], |h| {
                h.text("source: ");
                h.link(src.url.as_deref(), &[], &src.title);
                if let Some(p) = &src.publisher {
                    h.text(&format!(" ({p})"));
                }
            });
        }
    });
}

/// Viridis at nine even steps, dark to light: readable with every common
/// colour-vision deficiency and in greyscale.
const VIRIDIS: [(u8, u8, u8); 9] = [
    (0x44, 0x01, 0x54),
    (0x47, 0x2d, 0x7b),
    (0x3b, 0x52, 0x8b),
    (0x2c, 0x72, 0x8e),
    (0x21, 0x91, 0x8c),
    (0x28, 0xae, 0x80),
    (0x5e, 0xc9, 0x62),
    (0xad, 0xdc, 0x30),
    (0xfd, 0xe7, 0x25),
];

/// The heat-map colour of a score in [0, 1], and whether text on it is light.
pub fn heat(score: f64) -> (String, bool) {
    let x = if score.is_finite() {
        score.clamp(0.0, 1.0)
    } else {
        0.0
    } * (VIRIDIS.len() - 1) as f64;
    let k = (x.floor() as usize).min(VIRIDIS.len() - 2);
    let t = x - k as f64;
    let (a, b) = (VIRIDIS[k], VIRIDIS[k + 1]);
    let mix = |p: u8, q: u8| (p as f64 + (q as f64 - p as f64) * t).round() as u8;
    let (r, g, bl) = (mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2));
    // Relative luminance, roughly: light text on the dark half.
    let lum = 0.2126 * r as f64 + 0.7152 * g as f64 + 0.0722 * bl as f64;
    (format!("#{r:02x}{g:02x}{bl:02x}"), lum < 140.0)
}

fn pair_label(a: &Party, b: &Party) -> String {
    format!("{}–{}", a.label(), b.label())
}

fn score_text(s: Option<f64>) -> String {
    s.map_or_else(|| "n/a".to_string(), |s| format!("{s:.2}"))
}

fn matrix(h: &mut Html, r: &Report) {
    let talks = r.talks;
    let m = &r.matrix;
    h.text_el("p", &[("class", "lead")], "Each cell is the agreement score of two parties, from 0 (no common ground) to 1 (the same demand on every issue where both have a position): agree counts 1, overlap ½, disagree and red-line clash 0, core issues double. Below the score: on how many issues they agree ✔, overlap ≈, disagree ✘, clash ⛔, or cannot be compared ·.");
    h.el("table", &[("class", "heat")], |h| {
        h.el("thead", &[], |h| {
            h.el("tr", &[], |h| {
                h.el("td", &[("class", "corner")], |_| {});
                for &p in &m.parties {
                    let party = &talks.parties[p];
                    h.text_el(
                        "th",
                        &[("scope", "col"), ("title", &party.name)],
                        party.label(),
                    );
                }
            });
        });
        h.el("tbody", &[], |h| {
            for a in 0..m.parties.len() {
                h.el("tr", &[], |h| {
                    h.text_el("th", &[("scope", "row")], &talks.parties[m.parties[a]].name);
                    for b in 0..m.parties.len() {
                        if a == b {
                            h.text_el("td", &[("class", "self")], "—");
                            continue;
                        }
                        let sum = &m.summaries[m.pair_index(a, b)];
                        let title = format!(
                            "{} and {}: score {}",
                            talks.parties[m.parties[a]].name,
                            talks.parties[m.parties[b]].name,
                            score_text(sum.score)
                        );
                        let (class, style) = match sum.score {
                            Some(s) => {
                                let (bg, light) = heat(s);
                                let fg = if light { "#fff" } else { "#111" };
                                (
                                    if light { "cell light" } else { "cell" },
                                    format!("background:{bg};color:{fg}"),
                                )
                            }
                            None => ("cell na", String::new()),
                        };
                        h.el(
                            "td",
                            &[("class", class), ("style", &style), ("title", &title)],
                            |h| {
                                h.text_el("div", &[("class", "score")], &score_text(sum.score));
                                let counts: Vec<String> = Relation::ALL
                                    .iter()
                                    .filter(|&&rel| sum.count(rel) > 0)
                                    .map(|&rel| format!("{}{}", rel.mark(), sum.count(rel)))
                                    .collect();
                                h.text_el("div", &[("class", "counts")], &counts.join(" "));
                            },
                        );
                    }
                });
            }
        });
    });
    scale_key(h);
}

/// The colour key of the heat map, as a strip of steps with the scores printed.
fn scale_key(h: &mut Html) {
    const STEPS: usize = 10;
    let (w, step, top) = (360.0, 36.0, 4.0);
    h.el(
        "svg",
        &[
            ("class", "key"),
            ("role", "img"),
            (
                "aria-label",
                "Colour key: dark purple is 0, no common ground; yellow is 1, full agreement",
            ),
            ("width", "380"),
            ("height", "44"),
            ("viewBox", "0 0 380 44"),
            ("xmlns", "http://www.w3.org/2000/svg"),
        ],
        |h| {
            for k in 0..STEPS {
                let (fill, _) = heat(k as f64 / (STEPS - 1) as f64);
                h.void(
                    "rect",
                    &[
                        ("x", &num(10.0 + k as f64 * step)),
                        ("y", &num(top)),
                        ("width", &num(step)),
                        ("height", "16"),
                        ("fill", &fill),
                    ],
                );
            }
            for (v, anchor, x) in [
                ("0 no common ground", "start", 10.0),
                ("0.5", "middle", 10.0 + w / 2.0),
                ("1 agreement", "end", 10.0 + w),
            ] {
                h.text_el(
                    "text",
                    &[("x", &num(x)), ("y", "36"), ("text-anchor", anchor)],
                    v,
                );
            }
        },
    );
}

fn relation_class(rel: Relation) -> &'static str {
    match rel {
        Relation::Agree => "rel agree",
        Relation::Overlap => "rel overlap",
        Relation::Disagree => "rel disagree",
        Relation::Clash => "rel clash",
        Relation::Unknown => "rel unknown",
    }
}

fn relation_legend(h: &mut Html) {
    let items: Vec<(&str, &str, &str)> = Relation::ALL
        .iter()
        .map(|&rel| {
            let what = match rel {
                Relation::Agree => "agree: the same demand",
                Relation::Overlap => "overlap: an outcome both could accept",
                Relation::Disagree => "disagree: no common outcome",
                Relation::Clash => "red-line clash: no common outcome, and a red line",
                Relation::Unknown => "unknown: a side has no position",
            };
            (relation_class(rel), rel.mark(), what)
        })
        .collect();
    legend(h, &items);
}

/// Pairs across while this many fit; more, and the pairs go down and the
/// issues across: 30 parties make 435 pairs, a long table rather than a
/// 435-column one.
const MAX_PAIR_COLUMNS: usize = 8;

fn relations(h: &mut Html, r: &Report) {
    let talks = r.talks;
    let m = &r.matrix;
    let pairs: Vec<(&Party, &Party)> = m
        .pairs()
        .map(|(a, b)| (&talks.parties[m.parties[a]], &talks.parties[m.parties[b]]))
        .collect();
    let pairs_down = pairs.len() > MAX_PAIR_COLUMNS;
    relation_legend(h);
    let cell = |h: &mut Html, pair: usize, k: usize| {
        let rel = m.relations[pair][k];
        let (pa, pb) = pairs[pair];
        let title = format!(
            "{} and {} on {}: {}",
            pa.name,
            pb.name,
            talks.issues[m.issues[k]].title,
            rel.name()
        );
        h.text_el(
            "td",
            &[("class", relation_class(rel)), ("title", &title)],
            rel.mark(),
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

/// What changed from the earlier round to this one: the verdict, then
/// party by party and issue by issue every change to a position, then every
/// pair relation that changed. The words are those of `redlines diff`, with
/// names and labels for ids.
fn changes(h: &mut Html, r: &Report) {
    let Some(diff) = &r.diff else {
        return;
    };
    let talks = r.talks;
    let view = DiffView::named(talks, diff, &r.parties, Naming::Names);
    h.text_el("p", &[("class", "verdict")], &view.verdict);
    h.el("p", &[("class", "lead")], |h| {
        h.text("Every change between the positions held as of the two rounds (carried forward, as everywhere on this page): party by party and issue by issue, then the relations between pairs. The command line lists the same: ");
        h.text_el(
            "code",
            &[],
            &format!(
                "redlines diff {} {}",
                talks.rounds[diff.from].id, talks.rounds[diff.to].id
            ),
        );
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
    position_changes(h, r, diff, &mut view.changes.iter());
    relation_changes(h, r, diff);
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
    r: &Report,
    diff: &RoundDiff<'_>,
    views: &mut impl Iterator<Item = &'v ChangeView>,
) {
    let talks = r.talks;
    let parties: Vec<usize> = diff.positions.iter().map(|d| d.party).collect();
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
    h.el("li", &[("class", v.kind)], |h| {
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

fn relation_changes(h: &mut Html, r: &Report, diff: &RoundDiff<'_>) {
    let talks = r.talks;
    h.text_el("h3", &[], "Relations that changed");
    let issues: Vec<usize> = diff.relations.iter().map(|c| c.issue).collect();
    grouped_table(
        h,
        ("rel-changes", "rel-change"),
        "No pair's relation changed.",
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
                    &format!("{} {}", rel.mark(), rel.name()),
                );
            }
            let (said, (mark, _)) = trend_said(c.trend());
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
}

fn deal_zones(h: &mut Html, r: &Report) {
    let talks = r.talks;
    h.text_el("p", &[("class", "lead")], "The deal zone of an issue is the set of outcomes that every party with a position on it could accept. Each issue's scale runs from one pole to the other; under each outcome, the parties that demand it ● or could accept it ○.");
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
                    h.el("td", &[], |h| scale(h, r, i, zone.unwrap_or_default()));
                });
            }
        });
    });
}

/// One issue's scale in order, each outcome with the parties that want it.
fn scale(h: &mut Html, r: &Report, i: usize, zone: Outcomes) {
    let talks = r.talks;
    let held: Vec<(&Party, &Position)> = r
        .parties
        .iter()
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

fn trend(h: &mut Html, r: &Report) {
    let talks = r.talks;
    let m = &r.matrix;
    h.text_el("p", &[("class", "lead")], "Each pair's agreement score (0 to 1, as in the heat map) as of every round up to this one; the rounds are numbered below. A gap means the two had no issue to compare yet.");
    h.el("div", &[("class", "charts")], |h| {
        for (k, (a, b)) in m.pairs().enumerate() {
            let (pa, pb) = (&talks.parties[m.parties[a]], &talks.parties[m.parties[b]]);
            let scores = &r.trend[k];
            let known: Vec<f64> = scores.iter().flatten().copied().collect();
            h.el("figure", &[("class", "chart")], |h| {
                h.el("figcaption", &[], |h| {
                    h.text_el("strong", &[], &format!("{} – {}", pa.name, pb.name));
                    let path = match (known.first(), known.last()) {
                        (Some(f), Some(l)) if known.len() > 1 => format!(" {f:.2} → {l:.2}"),
                        (Some(l), _) => format!(" {l:.2}"),
                        _ => " no score yet".to_string(),
                    };
                    h.text_el("span", &[("class", "path")], &path);
                });
                line_chart(
                    h,
                    r,
                    scores,
                    &format!("Agreement of {} and {} by round", pa.name, pb.name),
                );
            });
        }
    });
    h.el("ol", &[("class", "rounds-key")], |h| {
        for round in &talks.rounds[..=r.round] {
            h.el("li", &[], |h| {
                h.text_el("span", &[("class", "date")], &round.date.to_string());
                h.text(" ");
                h.text(&round.title);
            });
        }
    });
}

/// A number as an SVG coordinate: one decimal, no `-0.0`.
fn num(x: f64) -> String {
    let s = format!("{x:.1}");
    let s = s.strip_suffix(".0").unwrap_or(&s).to_string();
    if s == "-0" { "0".into() } else { s }
}

/// A small line chart of one pair's scores, gaps where there is none.
fn line_chart(h: &mut Html, r: &Report, scores: &[Option<f64>], label: &str) {
    const W: f64 = 300.0;
    const H: f64 = 130.0;
    const LEFT: f64 = 30.0;
    const RIGHT: f64 = 12.0;
    const TOP: f64 = 10.0;
    const BOTTOM: f64 = 22.0;
    let n = scores.len();
    let x = |i: usize| {
        let inner = W - LEFT - RIGHT;
        LEFT + if n > 1 {
            inner * i as f64 / (n - 1) as f64
        } else {
            inner / 2.0
        }
    };
    let y = |s: f64| TOP + (1.0 - s.clamp(0.0, 1.0)) * (H - TOP - BOTTOM);
    h.el(
        "svg",
        &[
            ("class", "trend"),
            ("role", "img"),
            ("aria-label", label),
            ("viewBox", &format!("0 0 {W} {H}")),
            ("width", &num(W)),
            ("height", &num(H)),
            ("xmlns", "http://www.w3.org/2000/svg"),
        ],
        |h| {
            for (v, t) in [(0.0, "0"), (0.5, "0.5"), (1.0, "1")] {
                let yy = num(y(v));
                h.void(
                    "line",
                    &[
                        ("class", "grid"),
                        ("x1", &num(LEFT)),
                        ("x2", &num(W - RIGHT)),
                        ("y1", &yy),
                        ("y2", &yy),
                    ],
                );
                h.text_el(
                    "text",
                    &[
                        ("x", &num(LEFT - 5.0)),
                        ("y", &num(y(v) + 3.5)),
                        ("text-anchor", "end"),
                    ],
                    t,
                );
            }
            for i in 0..n {
                h.text_el(
                    "text",
                    &[
                        ("x", &num(x(i))),
                        ("y", &num(H - 6.0)),
                        ("text-anchor", "middle"),
                    ],
                    &(i + 1).to_string(),
                );
            }
            // One polyline per run of rounds with a score.
            let mut run: Vec<String> = Vec::new();
            let flush = |h: &mut Html, run: &mut Vec<String>| {
                if run.len() > 1 {
                    h.void("polyline", &[("class", "line"), ("points", &run.join(" "))]);
                }
                run.clear();
            };
            for (i, s) in scores.iter().enumerate() {
                match s {
                    Some(s) => run.push(format!("{},{}", num(x(i)), num(y(*s)))),
                    None => flush(h, &mut run),
                }
            }
            flush(h, &mut run);
            for (i, s) in scores.iter().enumerate() {
                if let Some(s) = s {
                    h.el(
                        "circle",
                        &[
                            ("class", "dot"),
                            ("cx", &num(x(i))),
                            ("cy", &num(y(*s))),
                            ("r", "3.5"),
                        ],
                        |h| {
                            h.text_el(
                                "title",
                                &[],
                                &format!("{}: {s:.2}", r.talks.rounds[i].title),
                            );
                        },
                    );
                }
            }
        },
    );
}

const CSS: &str = r#"
:root { --ink: #1b1d21; --dim: #5b6068; --rule: #d3d7dd; --head: #f2f3f5; --red: #b3261e; --zone: #1f7a5a; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", "Liberation Sans", sans-serif;
  color: var(--ink); background: #fff; margin: 0 auto; max-width: 1400px; padding: 28px 36px 48px; }
h1 { font-size: 1.9em; line-height: 1.2; margin: 0 0 .3em; }
h2 { font-size: 1.35em; margin: 2.2em 0 .5em; padding-bottom: .25em; border-bottom: 2px solid var(--ink); }
a { color: #1a4f9c; }
.lead { color: var(--dim); max-width: 80ch; margin: .3em 0 .6em; }
.as-of, .glance { margin: .4em 0; }
nav ol { list-style: none; display: flex; flex-wrap: wrap; gap: .3em 1.4em; padding: 0; margin: .8em 0 0; font-size: .95em; }
nav li::before { content: "→ "; color: var(--dim); }
table { border-collapse: collapse; margin: .6em 0 .4em; }
th, td { border: 1px solid var(--rule); padding: .4em .55em; vertical-align: top; text-align: left; }
thead th { background: var(--head); font-weight: 600; vertical-align: bottom; }
tbody th { font-weight: 600; background: #fafbfc; }
.question { font-weight: normal; color: var(--dim); font-size: .85em; margin-top: .2em; }
.issue-col { width: 15em; }
.legend { display: flex; flex-wrap: wrap; gap: .4em 1.4em; list-style: none; padding: 0; margin: .4em 0; font-size: .85em; color: var(--dim); }
.legend .rel { display: inline-block; min-width: 1.8em; text-align: center; border: 1px solid var(--rule); }

.positions { width: 100%; table-layout: fixed; }
td.pos { font-size: .92em; }
.stance { font-weight: 650; }
td.pos.redline { border-left: 5px solid var(--red); background: #fcefed; }
.badges:empty { display: none; }
.badge { display: inline-block; font-size: .78em; line-height: 1.5; padding: 0 .45em; border-radius: 3px; border: 1px solid var(--rule); margin: .25em .3em 0 0; color: var(--dim); background: #fff; }
.badge.redline { color: #fff; background: var(--red); border-color: var(--red); font-weight: 700; letter-spacing: .02em; }
.also { font-size: .85em; color: var(--dim); margin-top: .25em; }
.summary { margin: .35em 0 0; }
blockquote { margin: .35em 0 0; padding-left: .6em; border-left: 3px solid var(--rule); font-style: italic; font-size: .9em; color: #33373d; }
.speaker { font-style: normal; color: var(--dim); }
.source { font-size: .8em; color: var(--dim); margin-top: .35em; overflow-wrap: anywhere; }
.none { color: var(--dim); font-style: italic; }

.heat th[scope=col] { text-align: center; }
.heat tbody th { vertical-align: middle; padding-right: 1em; }
.heat td { text-align: center; vertical-align: middle; width: 7.5em; height: 4.6em; padding: .4em .6em; }
.heat .score { font-size: 1.45em; font-weight: 700; font-variant-numeric: tabular-nums; }
.heat .counts { font-size: .78em; white-space: nowrap; opacity: .92; }
.heat td.self, .heat td.na { color: var(--dim); background: repeating-linear-gradient(45deg, #f1f2f4, #f1f2f4 5px, #fff 5px, #fff 10px); }
.heat td.corner { border: none; background: none; height: auto; }
svg.key { display: block; margin: .3em 0 0; }
svg text { font: 11px system-ui, "DejaVu Sans", sans-serif; fill: var(--dim); }

.relations td { text-align: center; vertical-align: middle; font-size: 1.1em; min-width: 5.5em; }
.relations thead th { text-align: center; white-space: nowrap; }
.relations.pairs-down thead th { white-space: normal; min-width: 6em; }
.relations.pairs-down tbody th { white-space: nowrap; }
.rel.agree { background: #c9ecdc; color: #0b5a3c; }
.rel.overlap { background: #d3e8f7; color: #164a74; }
.rel.disagree { background: #fbe2b4; color: #7a4a00; }
.rel.clash { background: #f5c3a9; color: #8a2400; font-weight: 700; }
.rel.unknown { background: #fff; color: #8a8f96; }

.zones { width: 100%; }
.zone-col { width: 12em; }
td.zone { font-size: .92em; font-weight: 600; }
.zone.open { color: var(--zone); background: #e7f5ee; }
.zone.closed { color: var(--red); background: #fcefed; }
.zone.unknown { color: var(--dim); font-weight: normal; }
.legend .zone { font-weight: 700; }
ol.scale { display: flex; gap: .4em; list-style: none; margin: 0; padding: 0; }
ol.scale li { flex: 1 1 0; border: 1px solid var(--rule); border-radius: 4px; padding: .3em .5em; font-size: .84em; background: #fff; position: relative; }
ol.scale li + li::before { content: "›"; position: absolute; left: -.5em; top: .2em; color: var(--dim); }
ol.scale li.in-zone { border: 2px solid var(--zone); background: #e7f5ee; }
.zone-mark { color: var(--zone); font-weight: 700; }
.who { margin-top: .3em; display: flex; flex-wrap: wrap; gap: .25em; }
.who span { font-size: .9em; padding: 0 .35em; border-radius: 3px; border: 1px solid var(--rule); white-space: nowrap; }
.who .demands { font-weight: 700; border-color: var(--ink); }
.who .demands.redline { border-color: var(--red); color: var(--red); }
.who .accepts { color: var(--dim); }

.verdict { font-size: 1.12em; font-weight: 650; max-width: 80ch; margin: .3em 0 .4em; }
code { font: .9em ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace; background: var(--head); padding: 0 .3em; border-radius: 3px; }
h3 { font-size: 1.1em; margin: 1.4em 0 .3em; }
.changes { width: 100%; }
.party-col { width: 9em; }
th.again { font-weight: normal; color: var(--dim); }
.mark { display: inline-block; min-width: 1.3em; text-align: center; font-weight: 700; }
ul.chg { list-style: none; margin: 0; padding: 0; }
ul.chg li + li { margin-top: .3em; }
ul.chg .added > .mark, ul.chg .accepts-widened > .mark { color: var(--zone); }
ul.chg .withdrawn > .mark, ul.chg .accepts-narrowed > .mark, ul.chg .red-line-dropped > .mark { color: var(--red); }
ul.chg .red-line-taken-up > .mark { color: #fff; background: var(--red); border-radius: 3px; }
.words, .from-to, .said { font-size: .92em; margin: .15em 0 0 1.6em; color: #33373d; max-width: 90ch; }
.said { font-style: italic; }
del { text-decoration: line-through; text-decoration-thickness: 1.5px; color: #8a2400; background: #fbe4dc; }
ins { text-decoration: underline; text-decoration-thickness: 1.5px; text-underline-offset: 2px; color: #0b5a3c; background: #dff2e8; }
.rel-changes td { vertical-align: middle; }
.rel-changes td.rel { white-space: nowrap; }
.shift { white-space: nowrap; }
.shift.progress { color: #0b5a3c; font-weight: 650; }
.shift.setback { color: #8a2400; font-weight: 650; }
.shift.now-known, .shift.now-unknown { color: var(--dim); }

.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: .8em; }
figure.chart { margin: 0; border: 1px solid var(--rule); border-radius: 4px; padding: .5em .6em .2em; break-inside: avoid; }
figcaption { font-size: .9em; }
figcaption .path { color: var(--dim); font-variant-numeric: tabular-nums; }
svg.trend { display: block; max-width: 100%; height: auto; }
svg.trend .grid { stroke: #e2e5e9; stroke-width: 1; }
svg.trend .line { fill: none; stroke: #3b528b; stroke-width: 2.2; stroke-linejoin: round; }
svg.trend .dot { fill: #3b528b; stroke: #fff; stroke-width: 1.2; }
ol.rounds-key { font-size: .88em; color: var(--dim); columns: 2 22em; margin: .8em 0 0; }
ol.rounds-key .date { font-variant-numeric: tabular-nums; color: var(--ink); }
footer { margin-top: 3em; padding-top: .6em; border-top: 1px solid var(--rule); color: var(--dim); font-size: .85em; }

@media print {
  @page { margin: 14mm 12mm; }
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  nav { display: none; }
  h2 { break-after: avoid; }
  tr, figure, li { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
  .source a::after { content: " <" attr(href) ">"; }
  .charts { grid-template-columns: repeat(3, 1fr); }
  .issue-col { width: 10em; }
  .zone-col { width: 7em; }
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_heat_scale_runs_from_dark_purple_to_yellow_with_readable_text() {
        assert_eq!(heat(0.0), ("#440154".to_string(), true));
        assert_eq!(heat(0.5), ("#21918c".to_string(), true));
        assert_eq!(heat(1.0), ("#fde725".to_string(), false));
        // Out of range or not a number: clamped, never a panic.
        assert_eq!(heat(7.0), heat(1.0));
        assert_eq!(heat(f64::NAN), heat(0.0));
    }

    /// The relations table of the page of `parties` parties, each with a
    /// stance on the one issue, over two rounds.
    fn relations_table(parties: usize) -> String {
        let stances = |shift: usize| {
            (0..parties)
                .map(|p| crate::testing::stance(p, Some((p + shift) % 3)))
                .collect()
        };
        let talks = crate::testing::talks(parties, 3, vec![stances(0), stances(1)]);
        let html = page(&Report::build(&talks, 1, 0));
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
        // 30 parties: 435 rows of one cell, not 435 columns.
        let crowd = relations_table(30);
        assert_eq!(crowd.matches("<tr>").count(), 1 + 435);
        assert_eq!(crowd.matches("<th scope=\"col\"").count(), 2);
    }

    #[test]
    fn coordinates_have_one_decimal_and_no_negative_zero() {
        assert_eq!(num(30.0), "30");
        assert_eq!(num(75.333), "75.3");
        assert_eq!(num(-0.04), "0");
    }
}

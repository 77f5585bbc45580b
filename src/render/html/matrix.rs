//! The heat map of agreement scores, party by party, and its colour key.

use super::note;
use super::trend::num;
use super::writer::Html;
use crate::data::diag::plural;
use crate::view::matrix::MAX_SQUARE_PARTIES;
use crate::view::relation::{WORDS, score_text};
use crate::view::report::{Ranked, ReportView};

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

/// The ink on a heat-map colour: white on the dark half, near black on
/// the light (the page's cells and the workbook's alike).
pub fn heat_ink(light: bool) -> &'static str {
    if light { "#ffffff" } else { "#111111" }
}

pub(super) fn section(h: &mut Html, r: &ReportView) {
    if let Some(ranked) = &r.shown.ranked_pairs {
        return ranked_pairs(h, r, ranked);
    }
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
                        score_cell(h, r, a, b);
                    }
                });
            }
        });
    });
    scale_key(h);
}

/// The cell of the pair of parties `a` and `b` (positions in the matrix's
/// parties): its score on the heat map's colour, and its count of issues
/// by relation.
fn score_cell(h: &mut Html, r: &ReportView, a: usize, b: usize) {
    let talks = r.talks;
    let m = &r.matrix;
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
            let fg = heat_ink(light);
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
            let counts: Vec<String> = WORDS
                .iter()
                .filter(|w| sum.count(w.relation) > 0)
                .map(|w| format!("{}{}", w.mark, sum.count(w.relation)))
                .collect();
            h.text_el("div", &[("class", "counts")], &counts.join(" "));
        },
    );
}

/// Past `MAX_PAIRS_SHOWN` pairs, in place of the heat map: the pairs
/// that agree most and least, a row each with the heat map's cell.
fn ranked_pairs(h: &mut Html, r: &ReportView, ranked: &Ranked) {
    let talks = r.talks;
    let m = &r.matrix;
    h.text_el("p", &[("class", "lead")], "Each row is the agreement score of two parties, from 0 (no common ground) to 1 (the same demand on every issue where both have a position): agree counts 1, overlap ½, disagree and red-line clash 0, core issues double. Below the score: on how many issues they agree ✔, overlap ≈, disagree ✘, clash ⛔, or cannot be compared ·.");
    let mut said = format!(
        "{} parties make {} pairs, too many for a heat map: shown are the {} pairs that agree most and the {} that agree least. ",
        m.parties.len(),
        m.summaries.len(),
        ranked.most.len(),
        ranked.least.len()
    );
    if ranked.unscored > 0 {
        said.push_str(&format!(
            "{} share no issue known to both and are not ranked. ",
            plural(ranked.unscored, "pair")
        ));
    }
    note(
        h,
        &said,
        &[
            (
                "redlines matrix --format csv",
                " gives every pair's score; ",
            ),
            (
                "redlines matrix --party A --party B",
                &format!(" the heat map of the parties named (up to {MAX_SQUARE_PARTIES})."),
            ),
        ],
    );
    for (heading, pairs) in [
        ("The pairs that agree most", &ranked.most),
        ("The pairs that agree least", &ranked.least),
    ] {
        if pairs.is_empty() {
            continue;
        }
        h.text_el("h3", &[], heading);
        h.el("table", &[("class", "heat ranked")], |h| {
            h.el("thead", &[], |h| {
                h.el("tr", &[], |h| {
                    h.text_el("th", &[("scope", "col")], "Parties");
                    h.text_el("th", &[("scope", "col")], "Score and issues by relation");
                });
            });
            h.el("tbody", &[], |h| {
                for &(a, b) in pairs {
                    h.el("tr", &[], |h| {
                        h.text_el(
                            "th",
                            &[("scope", "row")],
                            &format!(
                                "{} – {}",
                                talks.parties[m.parties[a]].name, talks.parties[m.parties[b]].name
                            ),
                        );
                        score_cell(h, r, a, b);
                    });
                }
            });
        });
    }
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
}

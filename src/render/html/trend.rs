//! Agreement over the rounds: a small line chart per pair.

use super::note;
use super::writer::Html;
use crate::view::report::ReportView;

pub(super) fn section(h: &mut Html, r: &ReportView) {
    let talks = r.talks;
    let m = &r.matrix;
    h.text_el("p", &[("class", "lead")], "Each pair's agreement score (0 to 1, as in the heat map) as of every round up to this one; the rounds are numbered below. A gap means the two had no issue to compare yet.");
    if let Some(top) = &r.trend_pairs {
        note(
            h,
            &format!(
                "{} pairs are too many to chart: shown are the {} whose agreement moved most, either way, from the first round it was known. ",
                r.matrix.summaries.len(),
                top.len()
            ),
            &[("redlines trend --pair A,B", " follows any pair.")],
        );
    }
    h.el("div", &[("class", "charts")], |h| {
        let charted = m
            .pairs()
            .enumerate()
            .filter_map(|(k, pair)| Some((pair, r.trend_of(k)?)));
        for ((a, b), scores) in charted {
            let (pa, pb) = (&talks.parties[m.parties[a]], &talks.parties[m.parties[b]]);
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
pub(super) fn num(x: f64) -> String {
    let s = format!("{x:.1}");
    let s = s.strip_suffix(".0").unwrap_or(&s).to_string();
    if s == "-0" { "0".into() } else { s }
}

/// A small line chart of one pair's scores, gaps where there is none.
fn line_chart(h: &mut Html, r: &ReportView, scores: &[Option<f64>], label: &str) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_have_one_decimal_and_no_negative_zero() {
        assert_eq!(num(30.0), "30");
        assert_eq!(num(75.333), "75.3");
        assert_eq!(num(-0.04), "0");
    }
}

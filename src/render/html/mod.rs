//! The HTML report: one self-contained page, inline CSS and SVG, no script
//! and nothing fetched. Marks and words carry every meaning; colour only
//! repeats it, so the page reads the same in black and white. One file per
//! section; [`writer::Html`] escapes everything that comes from the data.

mod changes;
mod matrix;
mod packages;
mod positions;
mod relations;
mod trend;
pub mod writer;
mod zones;

pub use matrix::{heat, heat_ink};
pub use relations::relation_colours;

use crate::core::overview::Section;
use crate::data::check::QuoteCheck;
use crate::data::diag::plural;
use crate::view::report::{ReportView, check_words, section_id, section_title};
use writer::Html;

/// The page's stylesheet, written by this program.
const CSS: &str = include_str!("report.css");

/// The whole page.
pub fn page(r: &ReportView) -> String {
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
            h.raw(relations::relation_css());
        });
    });
    h.open("body", &[]);
    header(&mut h, r);
    // Every section in the one main landmark, as a screen reader skips to it.
    h.open("main", &[]);
    for s in r.sections() {
        h.el("section", &[("id", section_id(s))], |h| {
            h.text_el("h2", &[], section_title(s));
            match s {
                Section::Positions => positions::section(h, r),
                Section::Matrix => matrix::section(h, r),
                Section::Relations => relations::section(h, r),
                Section::DealZones => zones::section(h, r),
                Section::Packages => packages::section(h, r),
                Section::Trend => trend::section(h, r),
                Section::Changes => changes::section(h, r),
            }
        });
    }
    h.close("main");
    h.el("footer", &[], |h| {
        h.text(&format!(
            "Made by redlines {} from the talks “{}”: {}, {}, {}.",
            env!("CARGO_PKG_VERSION"),
            talks.id,
            plural(talks.rounds.len(), "round"),
            match talks.parties.len() {
                1 => "1 party".to_string(),
                n => format!("{n} parties"),
            },
            plural(talks.issues.len(), "issue"),
        ));
    });
    h.close("body").close("html");
    h.raw("\n");
    h.finish()
}

fn header(h: &mut Html, r: &ReportView) {
    let talks = r.talks;
    let round = &talks.rounds[r.round];
    h.el("header", &[], |h| {
        h.text_el("h1", &[], &talks.title);
        if !round.assumed.is_empty() {
            h.el("p", &[("class", "scenario"), ("role", "note")], |h| {
                h.text_el("strong", &[], "A scenario, not the record: ");
                h.text(&format!(
                    "this page lays over the record the assumptions {}. Every position they set is marked “assumed”.",
                    round.assumed.join(", ")
                ));
            });
        }
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
        quotes_note(h, r);
        h.el("nav", &[], |h| {
            h.el("ol", &[], |h| {
                for s in r.sections() {
                    h.el("li", &[], |h| {
                        h.text_el(
                            "a",
                            &[("href", &format!("#{}", section_id(s)))],
                            section_title(s),
                        );
                    });
                }
            });
        });
    });
}

/// The few numbers a reader wants before the pictures.
fn glance(h: &mut Html, r: &ReportView) {
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

/// Once, near the top: whether the quotes were checked against saved
/// copies of their sources, what that found, and how to have it done.
fn quotes_note(h: &mut Html, r: &ReportView) {
    h.el("p", &[("class", "quotes-note")], |h| match &r.sources {
        None => {
            h.text_el("strong", &[], "Quotes not checked: ");
            h.text("the quotes on this page were not checked against their sources. ");
            h.text_el("code", &[], "redlines report --sources DIR");
            h.text(
                " marks each one verified, or not, in the saved copies of the sources in DIR, as ",
            );
            h.text_el("code", &[], "redlines check --sources DIR");
            h.text(" verifies them.");
        }
        Some(s) => {
            let t = &s.tally;
            h.text_el("strong", &[], "Quotes checked ");
            h.text(&format!(
                "against the saved copies of their sources in {}: of {} in the data, ",
                s.dir,
                plural(t.quotes, "quote")
            ));
            let counts = [
                (QuoteCheck::Verified, t.verified),
                (QuoteCheck::NotFound, t.not_found),
                (QuoteCheck::NoText, t.unverified()),
            ];
            for (k, (check, n)) in counts.into_iter().enumerate() {
                let (class, mark, words) = check_words(check);
                if k > 0 {
                    h.text(if k == 2 { " and " } else { ", " });
                }
                h.text(&format!("{n} "));
                h.text_el(
                    "span",
                    &[("class", &format!("check {class}"))],
                    &format!("{mark} {words}"),
                );
            }
            h.text(". Each quote below is marked so.");
        }
    });
}

/// After a quote, what checking it against its source's saved copy found,
/// where the quotes were checked (`--sources`).
pub(super) fn check_mark(h: &mut Html, r: &ReportView, source: Option<&str>, quote: &str) {
    let Some(check) = r.quote_check(source, quote) else {
        return;
    };
    let (class, mark, words) = check_words(check);
    h.text(" ");
    h.text_el(
        "span",
        &[("class", &format!("check {class}"))],
        &format!("{mark} {words}"),
    );
}

/// A note where the page shows less than every detail: what it shows,
/// then each command that gives the rest, as code, and the words after it.
pub(super) fn note(h: &mut Html, said: &str, commands: &[(&str, &str)]) {
    h.el("p", &[("class", "note")], |h| {
        h.text(said);
        for (command, then) in commands {
            h.text_el("code", &[], command);
            h.text(then);
        }
    });
}

pub(super) fn legend(h: &mut Html, items: &[(&str, &str, &str)]) {
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

//! One position as every view shows it: the JSON shape, and the fields
//! `show` and `explain` print.
use crate::data::talks::{Date, Position, Priority, Round, Source, Talks};
use crate::view::linkage::{Requirement, requirement_said};
use crate::view::proposals::{SaidView, outcome_ids};
use crate::view::{Text, Tone};
use serde::Serialize;

/// One position as shown in JSON: ids resolved to names.
#[derive(Debug, Serialize)]
pub struct PositionView {
    pub party: String,
    pub issue: String,
    pub stance: Option<String>,
    pub stance_label: Option<String>,
    pub accepts: Vec<String>,
    pub red_line: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    pub summary: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// When it was said: the position's own date, else its round's.
    pub said_on: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The round it was stated in.
    pub round: String,
    /// For a red line: the words that make it one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<EvidenceView>,
    /// Outcomes accepted only if other issues settle a given way.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<ConditionView>,
    /// Set by `--assume`: a scenario, not the record; left out where not.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub assumed: bool,
}

/// Outcomes accepted only if other issues settle within given outcomes.
#[derive(Debug, Serialize)]
pub struct ConditionView {
    pub accepts: Vec<String>,
    pub only_if: Vec<Requirement>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(flatten)]
    pub said: SaidView,
}

impl ConditionView {
    /// `joint if border: median`.
    pub fn said(&self) -> String {
        let reqs: Vec<String> = self.only_if.iter().map(requirement_said).collect();
        format!("{} if {}", self.accepts.join(", "), reqs.join(" and "))
    }
}

/// The words that make a position a red line, with who said them and where.
#[derive(Debug, Serialize)]
pub struct EvidenceView {
    pub quote: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// Where not the position's own source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
}

impl PositionView {
    pub fn new(talks: &Talks, p: &Position, round: &Round) -> Self {
        let issue = &talks.issues[p.issue];
        PositionView {
            party: talks.parties[p.party].id.clone(),
            issue: issue.id.clone(),
            stance: p.stance.map(|s| issue.scale[s].id.clone()),
            stance_label: p.stance.map(|s| issue.scale[s].label.clone()),
            accepts: p
                .accepts
                .iter()
                .map(|o| issue.scale[o].id.clone())
                .collect(),
            red_line: p.red_line,
            priority: p.priority,
            summary: p.summary.clone(),
            quote: p.quote.clone(),
            speaker: p.speaker.clone(),
            said_on: p.date.unwrap_or(round.date),
            source: p.source.map(|s| talks.sources[s].clone()),
            note: p.note.clone(),
            round: round.id.clone(),
            assumed: p.assumed,
            conditions: p
                .conditions
                .iter()
                .map(|c| ConditionView {
                    accepts: outcome_ids(talks, p.issue, c.accepts),
                    only_if: c
                        .only_if
                        .iter()
                        .map(|&(j, set)| Requirement {
                            issue: talks.issues[j].id.clone(),
                            outcomes: outcome_ids(talks, j, set),
                        })
                        .collect(),
                    summary: c.summary.clone(),
                    said: SaidView::new(talks, &c.said),
                })
                .collect(),
            evidence: p.evidence.as_ref().map(|e| EvidenceView {
                quote: e.quote.clone(),
                speaker: e.speaker.clone(),
                source: e.source.map(|s| talks.sources[s].clone()),
                date: e.date,
            }),
        }
    }
}

/// Every field `position_fields` may give, in the order it gives them.
pub const FIELD_ORDER: [&str; 15] = [
    "stance",
    "assumed",
    "accepts",
    "on conditions",
    "red line",
    "evidence",
    "priority",
    "summary",
    "quote",
    "speaker",
    "said on",
    "source",
    "url",
    "stated in",
    "note",
];

/// The fields of one position, as `show` and `explain` print them.
pub fn position_fields(p: &PositionView) -> Vec<(String, Text)> {
    let mut f: Vec<(String, Text)> = Vec::new();
    let mut stance = Text::plain(p.stance.clone().unwrap_or_default());
    if let Some(l) = &p.stance_label {
        stance.push(format!(" — {l}"), Tone::Plain);
    }
    f.push(("stance".into(), stance));
    if p.assumed {
        f.push((
            "assumed".into(),
            Text::styled(
                "yes: set by --assume, a scenario and not the record",
                Tone::Overlap,
            ),
        ));
    }
    f.push(("accepts".into(), Text::plain(p.accepts.join(", "))));
    if !p.conditions.is_empty() {
        let mut t = Text::default();
        for (k, c) in p.conditions.iter().enumerate() {
            let mut line = c.said();
            if let Some(q) = &c.said.quote {
                line.push_str(&format!(" — “{q}”"));
                if let Some(s) = &c.said.speaker {
                    line.push_str(&format!(" ({s})"));
                }
            }
            if k == 0 {
                t.push(line, Tone::Overlap);
            } else {
                t.line(line, Tone::Overlap);
            }
        }
        f.push(("on conditions".into(), t));
    }
    f.push((
        "red line".into(),
        if p.red_line {
            Text::styled("yes: stated as non-negotiable", Tone::RedLine)
        } else {
            Text::plain("no")
        },
    ));
    if let Some(e) = &p.evidence {
        let mut t = Text::plain(format!("“{}”", e.quote));
        let by: Vec<String> = e
            .speaker
            .iter()
            .cloned()
            .chain(e.source.as_ref().map(source_said))
            .chain(e.date.map(|d| d.to_string()))
            .collect();
        if !by.is_empty() {
            t.push(format!(" — {}", by.join(", ")), Tone::Plain);
        }
        f.push(("evidence".into(), t));
    }
    if let Some(pr) = p.priority {
        f.push(("priority".into(), Text::plain(pr.as_str())));
    }
    f.push(("summary".into(), Text::plain(p.summary.as_str())));
    if let Some(q) = &p.quote {
        f.push(("quote".into(), Text::plain(format!("“{q}”"))));
    }
    if let Some(s) = &p.speaker {
        f.push(("speaker".into(), Text::plain(s.as_str())));
    }
    f.push(("said on".into(), Text::plain(p.said_on.to_string())));
    if let Some(src) = &p.source {
        f.push(("source".into(), Text::plain(source_said(src))));
        if let Some(u) = &src.url {
            f.push(("url".into(), Text::plain(u.as_str())));
        }
    }
    f.push(("stated in".into(), Text::plain(p.round.as_str())));
    if let Some(n) = &p.note {
        f.push(("note".into(), Text::styled(n.as_str(), Tone::Dim)));
    }
    f
}

/// A source as a reader cites it: its title, then who published it and
/// when, what kind of text it is, and in which language.
pub fn source_said(src: &Source) -> String {
    let mut by: Vec<String> = src
        .publisher
        .iter()
        .cloned()
        .chain(src.date.map(|d| d.to_string()))
        .collect();
    by.extend(src.kind.map(|k| k.as_str().to_string()));
    let lang = |code: &String| language_name(code).map_or_else(|| code.clone(), str::to_string);
    match (&src.language, &src.translated_from) {
        (Some(l), Some(from)) => by.push(format!("in {}, translated from {}", lang(l), lang(from))),
        (Some(l), None) => by.push(format!("in {}", lang(l))),
        (None, Some(from)) => by.push(format!("translated from {}", lang(from))),
        (None, None) => {}
    }
    if by.is_empty() {
        src.title.clone()
    } else {
        format!("{} ({})", src.title, by.join(", "))
    }
}

/// The English name of a language a source is likely to be in; `None` for
/// others, which are shown by their code.
pub fn language_name(code: &str) -> Option<&'static str> {
    Some(match code {
        "ar" => "Arabic",
        "be" => "Belarusian",
        "de" => "German",
        "en" => "English",
        "es" => "Spanish",
        "fa" => "Persian",
        "fr" => "French",
        "he" => "Hebrew",
        "it" => "Italian",
        "ja" => "Japanese",
        "ka" => "Georgian",
        "pl" => "Polish",
        "pt" => "Portuguese",
        "ru" => "Russian",
        "tr" => "Turkish",
        "uk" => "Ukrainian",
        "zh" => "Chinese",
        _ => return None,
    })
}

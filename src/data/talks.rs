//! The resolved data: every reference checked and turned into an index.
//! Built by [`crate::data::check`]; what every command works on.

use std::fmt;

use serde::Serialize;

pub use crate::data::model::{PartyKind, Priority, Role, SourceKind};

#[derive(Debug, Clone)]
pub struct Talks {
    pub id: String,
    pub title: String,
    pub summary: Option<String>,
    pub parties: Vec<Party>,
    pub issues: Vec<Issue>,
    /// In time order: by date, then `order`, then id.
    pub rounds: Vec<Round>,
    /// Every source: those of talks.toml, then those each round defines.
    /// Positions, conditions, linkages and proposals cite them by index.
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Party {
    pub id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub short: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<PartyKind>,
    /// A party to the talks, a mediator or an observer.
    #[serde(skip_serializing_if = "Role::has_stake")]
    pub role: Role,
}

impl Party {
    /// The column label: `short` where given, else the name.
    pub fn label(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.name)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Issue {
    pub id: String,
    pub title: String,
    pub question: Option<String>,
    pub scale: Vec<Outcome>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone)]
pub struct Round {
    pub id: String,
    /// Its first day.
    pub date: Date,
    /// Its last day, for a round over several days.
    pub end: Option<Date>,
    pub order: Option<u32>,
    pub title: String,
    pub venue: Option<String>,
    pub format: Option<String>,
    pub summary: Option<String>,
    pub participants: Vec<usize>,
    /// The sources this round's file defines, as indices into the talks'.
    pub sources: Vec<usize>,
    pub positions: Vec<Position>,
    /// Linkages stated (or withdrawn) in this round, by party and id.
    pub linkages: Vec<Linkage>,
    /// Proposals tabled (or withdrawn) in this round.
    pub proposals: Vec<Proposal>,
    /// A scenario, not the record: the assumptions it holds, as written
    /// (`--assume`); empty for every round of the data.
    pub assumed: Vec<String>,
}

impl Round {
    /// A round of `positions` and nothing else: no venue, format or summary,
    /// no sources, linkages or proposals, not a scenario.
    pub fn new(id: String, date: Date, title: String, positions: Vec<Position>) -> Self {
        Round {
            id,
            date,
            end: None,
            order: None,
            title,
            venue: None,
            format: None,
            summary: None,
            participants: Vec::new(),
            sources: Vec::new(),
            positions,
            linkages: Vec::new(),
            proposals: Vec::new(),
            assumed: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<SourceKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The quotes from it are translations from this language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub translated_from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
}

/// A set of outcomes on one issue's scale, as a bit mask (scales hold at
/// most [`Outcomes::MAX`] outcomes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Outcomes(pub u64);

impl Outcomes {
    pub const MAX: usize = 64;

    /// The set of one outcome; empty for an index past [`Outcomes::MAX`],
    /// which only a scale already reported as too long can hold.
    pub fn one(ix: usize) -> Self {
        Outcomes(if ix < Self::MAX { 1 << ix } else { 0 })
    }
    pub fn contains(self, ix: usize) -> bool {
        ix < Self::MAX && self.0 >> ix & 1 == 1
    }
    pub fn insert(&mut self, ix: usize) {
        self.0 |= Outcomes::one(ix).0;
    }
    pub fn intersect(self, other: Outcomes) -> Outcomes {
        Outcomes(self.0 & other.0)
    }
    pub fn minus(self, other: Outcomes) -> Outcomes {
        Outcomes(self.0 & !other.0)
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    pub fn iter(self) -> impl Iterator<Item = usize> {
        (0..Self::MAX).filter(move |&i| self.contains(i))
    }
}

#[derive(Debug, Clone)]
pub struct Position {
    pub party: usize,
    pub issue: usize,
    /// `None` where the party withdrew its position in this round.
    pub stance: Option<usize>,
    pub accepts: Outcomes,
    pub red_line: bool,
    pub priority: Option<Priority>,
    pub summary: String,
    pub quote: Option<String>,
    pub speaker: Option<String>,
    /// When it was said, where that is not the round's date.
    pub date: Option<Date>,
    /// Index into the talks' sources.
    pub source: Option<usize>,
    pub note: Option<String>,
    /// For a red line: the words that make it one.
    pub evidence: Option<Evidence>,
    /// Outcomes accepted only if other issues are settled a given way.
    pub conditions: Vec<Condition>,
    /// Laid over the record by `--assume`: a scenario, not the record.
    pub assumed: bool,
}

impl Position {
    /// No position yet: no stance, nothing accepted, nothing said.
    pub fn none(party: usize, issue: usize) -> Self {
        Position {
            party,
            issue,
            stance: None,
            accepts: Outcomes::default(),
            red_line: false,
            priority: None,
            summary: String::new(),
            quote: None,
            speaker: None,
            date: None,
            source: None,
            note: None,
            evidence: None,
            conditions: Vec::new(),
            assumed: false,
        }
    }
}

/// Who said something, where, and when; the quote verbatim.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Said {
    pub quote: Option<String>,
    pub speaker: Option<String>,
    /// Index into the talks' sources.
    pub source: Option<usize>,
    pub date: Option<Date>,
    pub note: Option<String>,
}

/// The words that make a position a red line.
#[derive(Debug, Clone)]
pub struct Evidence {
    pub quote: String,
    /// Where not the position's.
    pub speaker: Option<String>,
    pub source: Option<usize>,
    pub date: Option<Date>,
}

/// `accepts` on the position's issue, only if every issue of `only_if` is
/// settled within its outcomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    pub accepts: Outcomes,
    /// (issue, outcomes), issues in talks order, none the position's own.
    pub only_if: Vec<(usize, Outcomes)>,
    pub summary: Option<String>,
    pub said: Said,
}

/// A party's tie between issues: none settles without the others.
#[derive(Debug, Clone)]
pub struct Linkage {
    pub id: String,
    pub party: usize,
    /// Two or more, in talks order.
    pub issues: Vec<usize>,
    pub summary: Option<String>,
    pub withdrawn: bool,
    pub said: Said,
}

/// A package tabled by a party: outcomes for each issue it covers.
#[derive(Debug, Clone)]
pub struct Proposal {
    pub id: String,
    pub by: usize,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub withdrawn: bool,
    /// In talks order of their issues.
    pub terms: Vec<Term>,
    pub said: Said,
}

#[derive(Debug, Clone)]
pub struct Term {
    pub issue: usize,
    pub outcomes: Outcomes,
    pub quote: Option<String>,
    pub note: Option<String>,
}

/// A calendar date. TOML validates the day of the month; we only order and print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// A date from a TOML datetime that holds a date and nothing else.
    pub fn from_toml(dt: &toml::value::Datetime) -> Option<Date> {
        if dt.time.is_some() || dt.offset.is_some() {
            return None;
        }
        let d = dt.date?;
        Some(Date {
            year: d.year,
            month: d.month,
            day: d.day,
        })
    }

    /// Parse `YYYY-MM-DD` (as typed on the command line).
    pub fn parse(s: &str) -> Option<Date> {
        let dt: toml::value::Datetime = s.parse().ok()?;
        Date::from_toml(&dt)
    }

    /// A day of the calendar, or why it is not one ("30 February does not
    /// exist: February 1978 has 28 days").
    pub fn new(year: u16, month: u8, day: u8) -> Result<Date, String> {
        if !(1..=12).contains(&month) {
            return Err(format!(
                "there is no month {month}; months go from 01 to 12"
            ));
        }
        let last = days_in_month(year, month);
        if !(1..=last).contains(&day) {
            let name = MONTHS[usize::from(month) - 1];
            return Err(if day == 0 {
                "there is no day 00; days go from 01".to_string()
            } else if day <= 31 && last < 31 {
                format!("{day} {name} does not exist ({name} {year} has {last} days)")
            } else {
                format!("there is no day {day}; {name} {year} has {last} days")
            });
        }
        Ok(Date { year, month, day })
    }

    /// Text shaped `YYYY-MM-DD`: the day, or why it is not one (`None`:
    /// not of that shape).
    pub fn from_text(s: &str) -> Result<Date, Option<String>> {
        let b = s.as_bytes();
        let shaped = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && [0, 1, 2, 3, 5, 6, 8, 9]
                .iter()
                .all(|&i| b[i].is_ascii_digit());
        if !shaped {
            return Err(None);
        }
        let n = |r: std::ops::Range<usize>| s[r].parse::<u16>().unwrap_or(0);
        Date::new(n(0..4), n(5..7) as u8, n(8..10) as u8).map_err(Some)
    }

    /// The days a date written in another form may mean: `17/09/1978`,
    /// `1978/9/17`, `17 September 1978`, `09.05.1978` (two: 9 May or
    /// 5 September). Years are written in full.
    pub fn readings(s: &str) -> Vec<Date> {
        let parts: Vec<&str> = s
            .split(|c: char| !c.is_alphanumeric())
            .filter(|p| !p.is_empty())
            .collect();
        let [a, b, c] = parts.as_slice() else {
            return Vec::new();
        };
        let month = |p: &str| -> Option<u8> {
            p.parse::<u8>().ok().or_else(|| {
                let p = p.to_lowercase();
                (p.len() >= 3)
                    .then(|| MONTHS.iter().position(|m| m.to_lowercase().starts_with(&p)))
                    .flatten()
                    .map(|k| k as u8 + 1)
            })
        };
        let year = |p: &str| (p.len() == 4).then(|| p.parse::<u16>().ok()).flatten();
        let day = |p: &str| (p.len() <= 2).then(|| p.parse::<u8>().ok()).flatten();
        let mut out = Vec::new();
        let mut take = |y: Option<u16>, m: Option<u8>, d: Option<u8>| {
            if let (Some(y), Some(m), Some(d)) = (y, m, d)
                && let Ok(date) = Date::new(y, m, d)
                && !out.contains(&date)
            {
                out.push(date);
            }
        };
        if year(a).is_some() {
            take(year(a), month(b), day(c));
        } else if year(c).is_some() {
            // Day first, as most of the world writes it; then month first.
            take(year(c), month(b), day(a));
            take(year(c), month(a), day(b));
        }
        out
    }

    /// The day in words: "17 September 1978".
    pub fn spelt(&self) -> String {
        format!(
            "{} {} {}",
            self.day,
            MONTHS[usize::from(self.month.clamp(1, 12)) - 1],
            self.year
        )
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl Talks {
    pub fn party_ix(&self, id: &str) -> Option<usize> {
        self.parties.iter().position(|p| p.id == id)
    }
    pub fn issue_ix(&self, id: &str) -> Option<usize> {
        self.issues.iter().position(|i| i.id == id)
    }
}

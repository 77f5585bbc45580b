//! How a round is named: in JSON by reference, on a terminal by a label
//! that keeps a column narrow.
use crate::data::talks::{Date, Round};
use crate::view::{Block, Text, Tone};
use serde::Serialize;

/// The mark of a position set by `--assume` in a table's cell, and what
/// the legend says of it.
pub const ASSUMED_MARK: &str = "ASSUMED";
pub const ASSUMED_LEGEND: &str = "ASSUMED: set by --assume, a scenario and not the record";

/// A round as named in JSON output.
#[derive(Debug, Serialize)]
pub struct RoundRef {
    pub id: String,
    pub date: Date,
    /// The last day of a round over several days.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
    pub title: String,
    /// A scenario, not the record: the assumptions laid over the round
    /// before it (`--assume`); left out for the rounds of the data.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub assumed: Vec<String>,
}

impl RoundRef {
    pub fn new(r: &Round) -> Self {
        RoundRef {
            id: r.id.clone(),
            date: r.date,
            end: r.end,
            title: r.title.clone(),
            assumed: r.assumed.clone(),
        }
    }

    /// The line that says a view shows a scenario, where it does.
    pub fn banner<'a>(&self) -> Option<Block<'a>> {
        (!self.assumed.is_empty()).then(|| {
            Block::Line(Text::styled(
                format!(
                    "A SCENARIO, NOT THE RECORD: assumed {} (marked `assumed`)",
                    self.assumed.join(", ")
                ),
                Tone::Overlap,
            ))
        })
    }
}

/// A round's id; on a terminal (`narrow`) its date over the rest of the
/// id, broken after hyphens into lines no wider than the date, which keeps
/// a column of numbers narrow.
pub fn round_label(r: &RoundRef, narrow: bool) -> String {
    let date = r.date.to_string();
    let Some(rest) = r.id.strip_prefix(&format!("{date}-")).filter(|_| narrow) else {
        return r.id.clone();
    };
    let mut lines = vec![date.clone()];
    let mut line = String::new();
    for part in rest.split_inclusive('-') {
        if !line.is_empty() && line.chars().count() + part.chars().count() > date.len() {
            lines.push(std::mem::take(&mut line));
        }
        line.push_str(part);
    }
    lines.push(line);
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_round_label_breaks_after_the_date_and_at_hyphens_on_a_terminal() {
        let r = |id: &str| RoundRef {
            id: id.into(),
            date: Date {
                year: 2021,
                month: 12,
                day: 17,
            },
            end: None,
            title: String::new(),
            assumed: Vec::new(),
        };
        let label = |id, narrow| round_label(&r(id), narrow);
        assert_eq!(
            label("2021-12-17-draft-treaties", true),
            "2021-12-17\ndraft-\ntreaties"
        );
        assert_eq!(label("2021-12-17-geneva", true), "2021-12-17\ngeneva");
        assert_eq!(
            label("2021-12-17-draft-treaties", false),
            "2021-12-17-draft-treaties"
        );
        // Ids that do not start with their date stay whole.
        assert_eq!(label("first-meeting", true), "first-meeting");
    }
}

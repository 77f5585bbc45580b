//! How a round is named: in JSON by reference, on a terminal by a label
//! that keeps a column narrow.
use crate::data::talks::{Date, Round};
use serde::Serialize;

/// A round as named in JSON output.
#[derive(Debug, Serialize)]
pub struct RoundRef {
    pub id: String,
    pub date: Date,
    pub title: String,
}

impl RoundRef {
    pub fn new(r: &Round) -> Self {
        RoundRef {
            id: r.id.clone(),
            date: r.date,
            title: r.title.clone(),
        }
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

//! The text of new data files, as `redlines new` writes them: commented,
//! valid as written, and showing the shape of what is to be filled in.
//! Pure: `cmd/new.rs` decides where the text goes.

use std::fmt::Write as _;

use crate::data::talks::{Date, Position, Round, Talks};

/// `talks.toml` of a new talks: a title, two example parties and one example
/// issue, to be edited into the real ones.
pub fn talks_toml(id: &str, schema: Option<&str>) -> String {
    let mut out = schema_line(schema);
    out.push_str(&format!(
        r#"# The talks `{id}`: its parties and the issues they argue over.
# Written by `redlines new talks`; a line starting with `#` is a comment.
# Replace the examples below with the real parties and issues, run
# `redlines check`, then add the first round with `redlines new round`.

title = "TODO: the title of the talks"
# summary = "One or two sentences on what the talks are about."

# The sides, in the order they are shown as columns. An id is lowercase
# letters, digits and hyphens; round files name parties by their id.
[[parties]]
id = "party-a"
name = "Party A"
short = "A"     # a short label for narrow columns (optional)
kind = "state"  # state, alliance or organisation (optional)

[[parties]]
id = "party-b"
name = "Party B"
short = "B"
kind = "state"

# The questions argued over, in the order they are shown as rows. The scale
# lists the outcomes from one pole to the other: that order is what lets
# redlines say that a party moved, and towards whom.
[[issues]]
id = "issue-1"
title = "The first issue"
question = "What is argued over?"
scale = [
  {{ id = "outcome-a", label = "What Party A wants" }},
  {{ id = "middle", label = "A compromise" }},
  {{ id = "outcome-b", label = "What Party B wants" }},
]

# The documents and reports positions cite, defined once here for every
# round (a round may define its own too). Uncomment and fill in.
# [[sources]]
# id = "source-1"
# title = "The title of the document or article"
# publisher = "Who published it"
# date = 2024-01-01
# url = "https://…"
# kind = "press-report"   # official-text, transcript, press-report, leak or analysis
# language = "en"         # the language of the text as published
# translated_from = "ru"  # where its quotes are translations
"#
    ));
    out
}

/// What a new round starts from.
pub struct RoundPlan<'t> {
    pub id: &'t str,
    pub date: Date,
    /// Set when other rounds share the date.
    pub order: Option<u32>,
    /// The positions in force before this round.
    pub in_force: Option<InForce<'t>>,
}

/// The positions in force as of a round, which a new round starts from.
pub struct InForce<'t> {
    /// The round they are as of.
    pub as_of: &'t Round,
    /// Per party, per issue: the position in force and the round that stated it.
    pub held: Vec<Vec<Option<(&'t Position, &'t Round)>>>,
}

impl InForce<'_> {
    /// How many positions are in force.
    pub fn count(&self) -> usize {
        self.held.iter().flatten().flatten().count()
    }
}

/// A round file: date, a title to fill in, every party as a participant, a
/// commented source, and for every party and issue a commented position,
/// filled in with the one in force where there is one. Positions are left
/// commented because a round lists only what was stated in it: an author
/// uncomments those that were stated again or changed.
pub fn round_toml(talks: &Talks, plan: &RoundPlan<'_>, schema: Option<&str>) -> String {
    let mut out = schema_line(schema);
    let _ = write!(
        out,
        r#"# A round of the talks `{talks}`: one meeting or exchange, and the positions
# stated in it. Written by `redlines new round`; a line starting with `#` is a
# comment. The round's id is the file name: `{id}`.

date = {date}
"#,
        talks = talks.id,
        id = plan.id,
        date = plan.date,
    );
    if let Some(order) = plan.order {
        let _ = writeln!(
            out,
            "order = {order}  # other rounds share this date: lower orders came first"
        );
    }
    let participants: Vec<String> = talks
        .parties
        .iter()
        .map(|p| format!("\"{}\"", p.id))
        .collect();
    let _ = write!(
        out,
        r#"title = "TODO: a short title of the meeting"
# venue = "Where it took place"
# format = "bilateral, plenary, written exchange, …"
# summary = "What happened, in a few sentences."
# The parties present, or whose documents this round holds.
participants = [{participants}]

# The documents and reports that the positions cite: uncomment, fill in, and
# give each an id of its own.
# [[sources]]
# id = "source-1"
# title = "The title of the document or article"
# publisher = "Who published it"
# date = {date}
# url = "https://…"
# file = "sources/source-1.txt"  # a local copy: `check` finds every quote in it

"#,
        participants = participants.join(", "),
        date = plan.date,
    );
    match &plan.in_force {
        Some(in_force) => {
            let _ = write!(
                out,
                r#"# Positions. A round lists only what was stated in it; every other position
# carries forward from earlier rounds. Below, commented out, is every
# position in force as of round `{as_of}`.
# Uncomment those stated again or changed in this round, edit them, and cite
# this round's source. Other keys: quote (verbatim, with speaker), date,
# note, and `withdrawn = true` for a position given up.
"#,
                as_of = in_force.as_of.id
            );
        }
        None => out.push_str(
            r#"# Positions: what each party stated on each issue in this round, one table
# per party and issue. Uncomment and fill in those that were stated. Other
# keys: quote (verbatim, with speaker), date, note.
"#,
        ),
    }
    for (p, party) in talks.parties.iter().enumerate() {
        for (i, issue) in talks.issues.iter().enumerate() {
            let scale: Vec<&str> = issue.scale.iter().map(|o| o.id.as_str()).collect();
            let held = plan.in_force.as_ref().and_then(|f| f.held[p][i]);
            out.push('\n');
            let _ = write!(out, "# [positions.{}.{}]", party.id, issue.id);
            match held {
                Some((pos, stated_in)) => {
                    let _ = writeln!(out, "  # stated in {}", stated_in.id);
                    let stance = pos.stance.map_or("", |s| scale[s]);
                    let _ = writeln!(
                        out,
                        "# stance = \"{stance}\"  # one of: {}",
                        scale.join(", ")
                    );
                    let accepts: Vec<String> = pos
                        .accepts
                        .iter()
                        .map(|o| format!("\"{}\"", scale[o]))
                        .collect();
                    if pos.accepts.iter().count() > 1 {
                        let _ = writeln!(out, "# accepts = [{}]", accepts.join(", "));
                    }
                    if pos.red_line {
                        out.push_str("# red_line = true\n");
                    }
                    if let Some(e) = &pos.evidence {
                        let mut fields = vec![format!("quote = {}", toml_string(&e.quote))];
                        fields.extend(
                            e.speaker
                                .as_ref()
                                .map(|s| format!("speaker = {}", toml_string(s))),
                        );
                        fields.extend(
                            e.source
                                .map(|k| format!("source = \"{}\"", talks.sources[k].id)),
                        );
                        fields.extend(e.date.map(|d| format!("date = {d}")));
                        let _ = writeln!(out, "# evidence = {{ {} }}", fields.join(", "));
                    }
                    if let Some(priority) = pos.priority {
                        let _ = writeln!(out, "# priority = \"{}\"", priority.as_str());
                    }
                    let _ = writeln!(out, "# summary = {}", toml_string(&pos.summary));
                }
                None => {
                    out.push_str("  # no position yet\n");
                    let _ = writeln!(out, "# stance = \"\"  # one of: {}", scale.join(", "));
                    out.push_str("# summary = \"\"\n");
                }
            }
            out.push_str("# source = \"source-1\"\n");
            if let Some((pos, _)) = held {
                for c in &pos.conditions {
                    let _ = writeln!(out, "# [[positions.{}.{}.conditions]]", party.id, issue.id);
                    let accepts: Vec<String> = c
                        .accepts
                        .iter()
                        .map(|o| format!("\"{}\"", scale[o]))
                        .collect();
                    let _ = writeln!(out, "# accepts = [{}]", accepts.join(", "));
                    let only_if: Vec<String> = c
                        .only_if
                        .iter()
                        .map(|&(j, set)| {
                            let j = &talks.issues[j];
                            let ids: Vec<String> = set
                                .iter()
                                .map(|o| format!("\"{}\"", j.scale[o].id))
                                .collect();
                            format!("{} = [{}]", j.id, ids.join(", "))
                        })
                        .collect();
                    let _ = writeln!(out, "# only_if = {{ {} }}", only_if.join(", "));
                }
            }
        }
    }
    out.push_str(
        r#"
# Linkage, where the record states it (see docs/linkage.md):
# [[linkages]]                 # issues a party will only settle together
# id = "package"
# party = "…"
# issues = ["…", "…"]
# quote = "…"
# source = "source-1"
#
# [[proposals]]                # a package tabled in this round
# id = "…"
# by = "…"
# title = "…"
# source = "source-1"
# [[proposals.terms]]          # one per issue it covers
# issue = "…"
# outcomes = ["…"]
"#,
    );
    out
}

fn schema_line(schema: Option<&str>) -> String {
    schema.map_or_else(String::new, |s| format!("#:schema {s}\n"))
}

/// A TOML basic string on one line: quotes, backslashes and control
/// characters escaped, so that a commented line stays one line.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_stay_on_one_line() {
        assert_eq!(
            toml_string("a \"b\"\nc\\d\u{7}"),
            r#""a \"b\"\nc\\d\u0007""#
        );
        let back: toml::Table =
            toml::from_str(&format!("s = {}", toml_string("x\n\"y\"\\"))).unwrap();
        assert_eq!(back["s"].as_str(), Some("x\n\"y\"\\"));
    }
}

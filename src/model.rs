//! The serde types of the data files, exactly as a person writes them.
//!
//! Fields that a diagnostic may point at are `Spanned`, so that `check` can
//! name the file, line and column. Nothing here is validated beyond what serde
//! and TOML enforce; `check` turns these into the resolved [`crate::talks`].

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

/// `talks.toml`: one negotiation, its parties and the issues they argue over.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "redlines talks.toml")]
pub struct TalksFile {
    /// Human title of the negotiation.
    pub title: String,
    /// One or two sentences on what the talks are about.
    #[serde(default)]
    pub summary: Option<String>,
    /// The sides, in the order they are shown as columns.
    #[serde(default)]
    pub parties: Vec<PartyDef>,
    /// The questions argued over, in the order they are shown as rows.
    #[serde(default)]
    pub issues: Vec<IssueDef>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartyDef {
    /// Lowercase id, `[a-z0-9-]+`, used in round files and on the command line.
    #[schemars(with = "String", regex(pattern = r"^[a-z0-9-]+$"))]
    pub id: Spanned<String>,
    pub name: String,
    /// A short label for narrow columns.
    #[serde(default)]
    pub short: Option<String>,
    #[serde(default)]
    pub kind: Option<PartyKind>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PartyKind {
    State,
    Alliance,
    Organisation,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IssueDef {
    #[schemars(with = "String", regex(pattern = r"^[a-z0-9-]+$"))]
    pub id: Spanned<String>,
    pub title: String,
    /// The question the issue answers.
    #[serde(default)]
    pub question: Option<String>,
    /// The outcomes argued over, ordered from one pole to the other.
    #[schemars(with = "Vec<OutcomeDef>", length(min = 2, max = 64))]
    pub scale: Spanned<Vec<OutcomeDef>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomeDef {
    #[schemars(with = "String", regex(pattern = r"^[a-z0-9-]+$"))]
    pub id: Spanned<String>,
    pub label: String,
}

/// One file under `rounds/`: a meeting or exchange and the positions stated in it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "redlines round file")]
pub struct RoundFile {
    /// The day the round took place, a TOML local date: `date = 2022-01-10`.
    #[schemars(with = "String", extend("format" = "date"))]
    pub date: Spanned<Datetime>,
    /// Orders rounds held on the same date: lower first.
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    pub order: Option<Spanned<u32>>,
    pub title: String,
    #[serde(default)]
    pub venue: Option<String>,
    /// Bilateral, NATO–Russia Council, OSCE, written exchange, …
    #[serde(default)]
    pub format: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
    /// Ids of the parties present (or whose documents this round holds).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub participants: Vec<Spanned<String>>,
    #[serde(default)]
    pub sources: Vec<SourceDef>,
    /// `[positions.PARTY.ISSUE]`: what each party stated on each issue.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, BTreeMap<String, PositionDef>>")]
    pub positions: BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, PositionDef>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceDef {
    #[schemars(with = "String", regex(pattern = r"^[a-z0-9-]+$"))]
    pub id: Spanned<String>,
    pub title: String,
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>", extend("format" = "date"))]
    pub date: Option<Spanned<Datetime>>,
    #[serde(default)]
    pub url: Option<String>,
    /// A local copy of the source's text, relative to the talks folder;
    /// `check` then verifies every quote citing this source against it.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub file: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PositionDef {
    /// The outcome this party demands: an id on the issue's scale.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub stance: Option<Spanned<String>>,
    /// Outcomes the party could live with; defaults to `[stance]`.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub accepts: Option<Spanned<Vec<Spanned<String>>>>,
    /// Stated as non-negotiable.
    #[serde(default)]
    pub red_line: bool,
    #[serde(default)]
    pub priority: Option<Priority>,
    /// The party no longer holds a position on this issue (no stance then).
    #[serde(default)]
    #[schemars(with = "bool")]
    pub withdrawn: Option<Spanned<bool>>,
    /// The position in the curator's own neutral words.
    #[serde(default)]
    #[schemars(with = "String")]
    pub summary: Option<Spanned<String>>,
    /// Verbatim, exactly as the cited source prints it.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub quote: Option<Spanned<String>>,
    #[serde(default)]
    pub speaker: Option<String>,
    /// When it was said, where that is not the round's date.
    #[serde(default)]
    #[schemars(with = "Option<String>", extend("format" = "date"))]
    pub date: Option<Spanned<Datetime>>,
    /// A source id from this round's `[[sources]]`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub source: Option<Spanned<String>>,
    /// A curator's note: translation, reported speech, a judgement call.
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, JsonSchema, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    Core,
    Secondary,
}

impl PartyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PartyKind::State => "state",
            PartyKind::Alliance => "alliance",
            PartyKind::Organisation => "organisation",
        }
    }
}

impl Priority {
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Core => "core",
            Priority::Secondary => "secondary",
        }
    }
}

//! The serde types of the data files, exactly as a person writes them.
//!
//! Fields that a diagnostic may point at are `Spanned`, so that `check` can
//! name the file, line and column. Nothing here is validated beyond what serde
//! and TOML enforce; `check` turns these into the resolved [`crate::data::talks`].

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

/// A list of ids, each located, the list too.
pub type Ids = Spanned<Vec<Spanned<String>>>;

/// `talks.toml`: one negotiation, its parties and the issues they argue over.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "redlines talks.toml")]
pub struct TalksFile {
    /// Human title of the negotiation.
    #[serde(deserialize_with = "text::spanned_text")]
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// One or two sentences on what the talks are about.
    #[serde(default, deserialize_with = "text::text_opt")]
    pub summary: Option<String>,
    /// The sides, in the order they are shown as columns.
    #[serde(default)]
    pub parties: Vec<PartyDef>,
    /// The questions argued over, in the order they are shown as rows.
    #[serde(default)]
    pub issues: Vec<IssueDef>,
    /// `[[sources]]`: documents that positions in any round may cite.
    #[serde(default)]
    pub sources: Vec<SourceDef>,
}

/// `[[parties]]`: one side of the talks.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartyDef {
    /// Lowercase id, `[a-z0-9-]+`, used in round files and on the command line.
    #[schemars(schema_with = "schema_with::id")]
    pub id: Spanned<String>,
    /// The party's name, as a reader knows it.
    #[serde(deserialize_with = "text::spanned_text")]
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// A short label for narrow columns.
    #[serde(default, deserialize_with = "text::spanned_text_opt")]
    #[schemars(with = "Option<String>")]
    pub short: Option<Spanned<String>>,
    /// State, alliance or organisation.
    #[serde(default)]
    pub kind: Option<PartyKind>,
    /// What it does at the table: a party to the talks (the default), a
    /// mediator, or an observer. A mediator's or an observer's positions and
    /// proposals show in every view, but agreement with it is not scored.
    #[serde(default)]
    pub role: Option<Role>,
}

/// What a party does at the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// A party to the talks, with a stake in what is agreed.
    #[default]
    Party,
    /// Brings the others together and tables proposals; no stake of its own.
    Mediator,
    /// Present, and may state positions; no stake in what is agreed.
    Observer,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Party => "party",
            Role::Mediator => "mediator",
            Role::Observer => "observer",
        }
    }

    /// Whether agreement with it counts in scores: a party's does.
    pub fn has_stake(&self) -> bool {
        *self == Role::Party
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PartyKind {
    State,
    Alliance,
    Organisation,
}

/// `[[issues]]`: one question argued over, and its scale of outcomes.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IssueDef {
    /// Lowercase id, `[a-z0-9-]+`, used in round files and on the command line.
    #[schemars(schema_with = "schema_with::id")]
    pub id: Spanned<String>,
    /// A short title, shown as the row label.
    #[serde(deserialize_with = "text::text")]
    pub title: String,
    /// The question the issue answers.
    #[serde(default, deserialize_with = "text::text_opt")]
    pub question: Option<String>,
    /// The outcomes argued over, ordered from one pole to the other.
    #[schemars(with = "Vec<OutcomeDef>", length(min = 2, max = 64))]
    pub scale: Spanned<Vec<OutcomeDef>>,
}

/// One outcome on an issue's scale.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomeDef {
    /// Lowercase id, `[a-z0-9-]+`, used as `stance` and in `accepts`.
    #[schemars(schema_with = "schema_with::id")]
    pub id: Spanned<String>,
    /// What this outcome means, in a sentence.
    #[serde(deserialize_with = "text::text")]
    pub label: String,
}

/// One file under `rounds/`: a meeting or exchange and the positions stated in it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "redlines round file")]
pub struct RoundFile {
    /// The day the round took place, a TOML local date: `date = 2022-01-10`;
    /// for a round over several days, its first.
    #[schemars(with = "String", extend("format" = "date"))]
    pub date: Spanned<Datetime>,
    /// For a round over several days (a summit): its last day, `end = 1978-09-17`.
    /// Its statements may be dated up to it.
    #[serde(default)]
    #[schemars(with = "Option<String>", extend("format" = "date"))]
    pub end: Option<Spanned<Datetime>>,
    /// Orders rounds held on the same date: lower first.
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    pub order: Option<Spanned<u32>>,
    /// A short title of the meeting or exchange.
    #[serde(deserialize_with = "text::spanned_text")]
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// Where it took place.
    #[serde(default, deserialize_with = "text::text_opt")]
    pub venue: Option<String>,
    /// Bilateral, NATO–Russia Council, OSCE, written exchange, …
    #[serde(default, deserialize_with = "text::text_opt")]
    pub format: Option<String>,
    /// What happened, in a few sentences.
    #[serde(default, deserialize_with = "text::text_opt")]
    pub summary: Option<String>,
    /// Ids of the parties present (or whose documents this round holds).
    #[serde(default)]
    #[schemars(schema_with = "schema_with::ids")]
    pub participants: Option<Ids>,
    /// `[[sources]]`: the documents and reports this round's positions cite.
    #[serde(default)]
    pub sources: Vec<SourceDef>,
    /// `[positions.PARTY.ISSUE]`: what each party stated on each issue.
    #[serde(default)]
    #[schemars(schema_with = "schema_with::positions")]
    pub positions: BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<PositionDef>>>,
    /// `[[linkages]]`: issues a party ties together, none settled alone.
    #[serde(default)]
    pub linkages: Vec<LinkageDef>,
    /// `[[proposals]]`: packages tabled in this round.
    #[serde(default)]
    pub proposals: Vec<ProposalDef>,
}

/// `[[sources]]`: a document or report that positions cite.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceDef {
    /// Lowercase id, `[a-z0-9-]+`, cited by positions as `source`.
    #[schemars(schema_with = "schema_with::id")]
    pub id: Spanned<String>,
    /// The title of the document or article.
    #[serde(deserialize_with = "text::text")]
    pub title: String,
    /// Who published it.
    #[serde(default, deserialize_with = "text::text_opt")]
    pub publisher: Option<String>,
    /// When it was published: a TOML local date.
    #[serde(default)]
    #[schemars(with = "Option<String>", extend("format" = "date"))]
    pub date: Option<Spanned<Datetime>>,
    /// Where to read it.
    #[serde(default, deserialize_with = "text::text_opt")]
    pub url: Option<String>,
    /// A local copy of the source's text, relative to the talks folder;
    /// `check` then verifies every quote citing this source against it.
    /// Only for texts one may ship; for others, `fingerprint`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub file: Option<Spanned<String>>,
    /// What kind of source it is.
    #[serde(default)]
    pub kind: Option<SourceKind>,
    /// The language of the text as published: `en`, `ru`, `uk`, … (ISO 639-1).
    #[serde(default)]
    #[schemars(with = "Option<String>", regex(pattern = r"^[a-z]{2,3}$"))]
    pub language: Option<Spanned<String>>,
    /// Where the words quoted from it were first said or written in another
    /// language: that language. The quotes are then translations.
    #[serde(default)]
    #[schemars(with = "Option<String>", regex(pattern = r"^[a-z]{2,3}$"))]
    pub translated_from: Option<Spanned<String>>,
    /// `sha256:` and the hex SHA-256 of the text once normalised (white
    /// space folded, quote marks straight), so that `check --sources DIR`
    /// knows a saved copy of it without the project shipping the text.
    #[serde(default)]
    #[schemars(with = "Option<String>", regex(pattern = r"^sha256:[0-9a-f]{64}$"))]
    pub fingerprint: Option<Spanned<String>>,
}

/// What kind of source a source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// A text its authors published: a treaty draft, a communiqué, a note.
    OfficialText,
    /// The record of what was said: a press conference, a speech, remarks.
    Transcript,
    /// A news outlet's report.
    PressReport,
    /// A document published without its authors' consent.
    Leak,
    /// An analyst's or a research institute's account.
    Analysis,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::OfficialText => "official text",
            SourceKind::Transcript => "transcript",
            SourceKind::PressReport => "press report",
            SourceKind::Leak => "leak",
            SourceKind::Analysis => "analysis",
        }
    }
}

/// `[positions.PARTY.ISSUE]`: what one party stated on one issue.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PositionDef {
    /// The outcome this party demands: an id on the issue's scale.
    #[serde(default)]
    #[schemars(schema_with = "schema_with::id")]
    pub stance: Option<Spanned<String>>,
    /// Outcomes the party could live with; defaults to `[stance]`.
    #[serde(default)]
    #[schemars(schema_with = "schema_with::ids")]
    pub accepts: Option<Spanned<Vec<Spanned<String>>>>,
    /// Stated as non-negotiable.
    #[serde(default)]
    pub red_line: bool,
    /// How much the issue matters to this party.
    #[serde(default)]
    pub priority: Option<Priority>,
    /// The party no longer holds a position on this issue (no stance then).
    #[serde(default)]
    #[schemars(with = "bool")]
    pub withdrawn: Option<Spanned<bool>>,
    /// The position in the curator's own neutral words.
    #[serde(default)]
    #[schemars(with = "String")]
    #[serde(deserialize_with = "text::spanned_text_opt")]
    pub summary: Option<Spanned<String>>,
    /// Verbatim, exactly as the cited source prints it.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    #[serde(deserialize_with = "text::spanned_text_opt")]
    pub quote: Option<Spanned<String>>,
    /// Who said the quote.
    #[serde(default, deserialize_with = "text::text_opt")]
    pub speaker: Option<String>,
    /// When it was said, where that is not the round's date.
    #[serde(default)]
    #[schemars(with = "Option<String>", extend("format" = "date"))]
    pub date: Option<Spanned<Datetime>>,
    /// Said after the round, and part of its record all the same (a
    /// statement days later, a side letter): its `date` may then be after
    /// the round's last day, though not on or after the next round's.
    #[serde(default)]
    #[schemars(with = "bool")]
    pub follow_up: Option<Spanned<bool>>,
    /// A source id: from this round's `[[sources]]`, or from talks.toml's.
    #[serde(default)]
    #[schemars(schema_with = "schema_with::id")]
    pub source: Option<Spanned<String>>,
    /// A curator's note: translation, reported speech, a judgement call;
    /// where there is no quote, why.
    #[serde(default, deserialize_with = "text::text_opt")]
    pub note: Option<String>,
    /// With `red_line = true`: the words that make it one.
    #[serde(default)]
    #[schemars(with = "Option<EvidenceDef>")]
    pub evidence: Option<Spanned<EvidenceDef>>,
    /// `[[positions.PARTY.ISSUE.conditions]]`: outcomes accepted only if
    /// other issues are settled a given way.
    #[serde(default)]
    pub conditions: Vec<ConditionDef>,
}

/// `evidence = { quote = "…" }`: the words that make a position a red line,
/// verbatim. In the position's own quote, or from another statement, with
/// its own speaker, source and date.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvidenceDef {
    /// Verbatim, exactly as the source prints it.
    #[schemars(with = "String")]
    #[serde(deserialize_with = "text::spanned_text")]
    pub quote: Spanned<String>,
    /// Who said it, where not the position's speaker.
    #[serde(default, deserialize_with = "text::text_opt")]
    pub speaker: Option<String>,
    /// Where it is printed, where not in the position's source.
    #[serde(default)]
    #[schemars(schema_with = "schema_with::id")]
    pub source: Option<Spanned<String>>,
    /// When it was said, where not the position's date.
    #[serde(default)]
    #[schemars(with = "Option<String>", extend("format" = "date"))]
    pub date: Option<Spanned<Datetime>>,
}

/// `[[positions.PARTY.ISSUE.conditions]]`: the party accepts `accepts` on
/// this issue only if every issue in `only_if` is settled within the
/// outcomes listed for it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConditionDef {
    /// Outcomes of this issue accepted on the condition.
    #[schemars(schema_with = "schema_with::ids")]
    pub accepts: Spanned<Vec<Spanned<String>>>,
    /// Issue id → the outcomes it must be settled within: `{ nato-open-door = ["binding-ban"] }`.
    #[schemars(schema_with = "schema_with::only_if")]
    pub only_if: Spanned<BTreeMap<Spanned<String>, Ids>>,
    /// The condition in the curator's words.
    #[serde(default, deserialize_with = "text::text_opt")]
    pub summary: Option<String>,
    /// Verbatim words that say "only if".
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    #[serde(deserialize_with = "text::spanned_text_opt")]
    pub quote: Option<Spanned<String>>,
    #[serde(default, deserialize_with = "text::text_opt")]
    pub speaker: Option<String>,
    #[serde(default)]
    #[schemars(schema_with = "schema_with::id")]
    pub source: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>", extend("format" = "date"))]
    pub date: Option<Spanned<Datetime>>,
    #[serde(default, deserialize_with = "text::text_opt")]
    pub note: Option<String>,
}

/// `[[linkages]]`: a party ties issues together: none of them settles
/// without the others ("nothing is agreed until everything is agreed").
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkageDef {
    /// Lowercase id, unique for its party; a later round restates or
    /// withdraws the linkage by it.
    #[schemars(schema_with = "schema_with::id")]
    pub id: Spanned<String>,
    /// The party that ties them.
    #[schemars(schema_with = "schema_with::id")]
    pub party: Spanned<String>,
    /// Two issues or more.
    #[schemars(schema_with = "schema_with::ids")]
    pub issues: Spanned<Vec<Spanned<String>>>,
    /// The linkage in the curator's words.
    #[serde(default, deserialize_with = "text::text_opt")]
    pub summary: Option<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    #[serde(deserialize_with = "text::spanned_text_opt")]
    pub quote: Option<Spanned<String>>,
    #[serde(default, deserialize_with = "text::text_opt")]
    pub speaker: Option<String>,
    #[serde(default)]
    #[schemars(schema_with = "schema_with::id")]
    pub source: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>", extend("format" = "date"))]
    pub date: Option<Spanned<Datetime>>,
    #[serde(default, deserialize_with = "text::text_opt")]
    pub note: Option<String>,
    /// The party no longer ties these issues.
    #[serde(default)]
    pub withdrawn: bool,
    /// Said after the round, and part of its record all the same (a
    /// statement days later, a side letter): its `date` may then be after
    /// the round's last day, though not on or after the next round's.
    #[serde(default)]
    #[schemars(with = "bool")]
    pub follow_up: Option<Spanned<bool>>,
}

/// `[[proposals]]`: a package tabled by a party (or a mediator): an outcome,
/// or a set of outcomes, for each issue it covers.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposalDef {
    /// Lowercase id, unique in the talks; a later round withdraws it by id.
    #[schemars(schema_with = "schema_with::id")]
    pub id: Spanned<String>,
    /// The party that tabled it.
    #[schemars(schema_with = "schema_with::id")]
    pub by: Spanned<String>,
    /// Its name: "Draft treaty on security guarantees".
    #[serde(default, deserialize_with = "text::text_opt")]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "text::text_opt")]
    pub summary: Option<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    #[serde(deserialize_with = "text::spanned_text_opt")]
    pub quote: Option<Spanned<String>>,
    #[serde(default, deserialize_with = "text::text_opt")]
    pub speaker: Option<String>,
    #[serde(default)]
    #[schemars(schema_with = "schema_with::id")]
    pub source: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>", extend("format" = "date"))]
    pub date: Option<Spanned<Datetime>>,
    #[serde(default, deserialize_with = "text::text_opt")]
    pub note: Option<String>,
    /// Taken off the table in this round (no terms then).
    #[serde(default)]
    pub withdrawn: bool,
    /// Said after the round, and part of its record all the same (a
    /// statement days later, a side letter): its `date` may then be after
    /// the round's last day, though not on or after the next round's.
    #[serde(default)]
    #[schemars(with = "bool")]
    pub follow_up: Option<Spanned<bool>>,
    /// `[[proposals.terms]]`: what it proposes on each issue it covers.
    #[serde(default)]
    pub terms: Vec<TermDef>,
}

/// `[[proposals.terms]]`: a proposal's outcome(s) on one issue.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TermDef {
    #[schemars(schema_with = "schema_with::id")]
    pub issue: Spanned<String>,
    /// The outcomes on the issue's scale that the proposal would settle for.
    #[schemars(schema_with = "schema_with::ids")]
    pub outcomes: Spanned<Vec<Spanned<String>>>,
    /// The proposal's own words on the issue, verbatim (an article of a draft).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    #[serde(deserialize_with = "text::spanned_text_opt")]
    pub quote: Option<Spanned<String>>,
    #[serde(default, deserialize_with = "text::text_opt")]
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

/// The schemas of fields that serde's types alone do not describe, for
/// `crate::data::schema`.
mod schema_with {
    use schemars::{Schema, SchemaGenerator, json_schema};

    use super::PositionDef;

    const ID_PATTERN: &str = "^[a-z0-9-]+$";

    /// A lowercase id: letters, digits and hyphens.
    pub fn id(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "pattern": ID_PATTERN })
    }

    /// A list of ids.
    pub fn ids(g: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "array", "items": id(g) })
    }

    /// `only_if = { ISSUE = ["OUTCOME", …] }`: issue ids to lists of outcome ids.
    pub fn only_if(g: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "propertyNames": id(g),
            "additionalProperties": ids(g),
            "minProperties": 1,
        })
    }

    /// `[positions.PARTY.ISSUE]`: party ids, then issue ids, then a position.
    pub fn positions(g: &mut SchemaGenerator) -> Schema {
        let position = g.subschema_for::<PositionDef>();
        json_schema!({
            "type": "object",
            "propertyNames": id(g),
            "additionalProperties": {
                "type": "object",
                "propertyNames": id(g),
                "additionalProperties": position,
            },
        })
    }
}

/// Text fields: never empty, free of tabs (which no table can align, on one
/// line or several), and free of hidden characters (see
/// [`crate::data::printable`]): controls (but for line breaks),
/// which a terminal would act on, and invisible characters (bidirectional
/// marks and overrides, zero-width spaces, soft hyphens, fillers, tags),
/// which would hide or reorder what a reader sees. ZWNJ and ZWJ are allowed
/// between two non-ASCII characters, where Persian, the Indic scripts and
/// emoji need them, and refused elsewhere, where they only hide. A problem
/// is a located error.
mod text {
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer};
    use toml::Spanned;

    use crate::data::printable::{hidden, joiner, stray_joiner};

    /// What the help of an invisible character says: the one way to keep
    /// the joiners that scripts need.
    const JOINERS: &str = "ZWNJ and ZWJ (U+200C, U+200D) are allowed between two letters \
        of a script that needs them, such as Persian, the Indic scripts or emoji";

    const EMPTY: &str = "empty text: write something, or leave the key out";

    /// A tab is drawn as wide as a terminal likes: no table, and no field
    /// of `show`, can align text that holds one, on one line or several.
    const TAB: &str =
        "the text holds a tab, which cannot be aligned in a table\nhelp: write a space instead";

    fn problem(s: &str) -> Option<String> {
        // Most text is printable ASCII: no control, no invisible character
        // and no joiner can be in it, so one pass over its bytes says so.
        let printable = |b: &u8| matches!(b, b' '..=b'~' | b'\n' | b'\t');
        if s.as_bytes().iter().all(printable) {
            if s.trim().is_empty() {
                return Some(EMPTY.into());
            }
            return s.contains('\t').then(|| TAB.into());
        }
        if s.chars().all(|c| c.is_whitespace() || joiner(c)) {
            return Some(EMPTY.into());
        }
        if let Some(bad) = s.chars().find(|&c| hidden(c) && c != '\n' && c != '\t') {
            let code = bad as u32;
            return Some(if bad.is_control() {
                format!(
                    "the text holds the invisible character U+{code:04X}, which a terminal would act on; remove it"
                )
            } else {
                format!(
                    "the text holds the invisible character U+{code:04X}, which would hide or reorder text from a reader; remove it\nhelp: {JOINERS}"
                )
            });
        }
        if s.contains('\t') {
            return Some(TAB.into());
        }
        let bad = stray_joiner(s)?;
        Some(format!(
            "the text holds the invisible character U+{:04X} where it joins nothing; remove it\nhelp: {JOINERS}",
            bad as u32
        ))
    }

    /// The text as read: a line end of a file saved with CRLF line ends
    /// (Windows) is a line end, `\n`, in a multi-line string too; a CR on
    /// its own is still refused.
    fn read(s: String) -> Result<String, String> {
        match problem(&s) {
            None => Ok(s),
            // A CR is refused but for a CRLF line end, read as a line end:
            // looked for only where the one scan of the text found a problem.
            Some(_) if s.contains("\r\n") => {
                let s = s.replace("\r\n", "\n");
                match problem(&s) {
                    Some(p) => Err(p),
                    None => Ok(s),
                }
            }
            Some(p) => Err(p),
        }
    }

    pub fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        read(String::deserialize(d)?).map_err(D::Error::custom)
    }

    pub fn text_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        text(d).map(Some)
    }

    pub fn spanned_text<'de, D: Deserializer<'de>>(d: D) -> Result<Spanned<String>, D::Error> {
        let s = Spanned::<String>::deserialize(d)?;
        let span = s.span();
        read(s.into_inner())
            .map(|t| Spanned::new(span, t))
            .map_err(D::Error::custom)
    }

    pub fn spanned_text_opt<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Spanned<String>>, D::Error> {
        spanned_text(d).map(Some)
    }
    #[cfg(test)]
    mod tests {
        use super::{problem, read};

        #[test]
        fn a_crlf_line_end_in_text_is_a_line_end_and_a_lone_cr_is_refused() {
            assert_eq!(
                read("Westland alone\r\npatrols the bay".into()),
                Ok("Westland alone\npatrols the bay".into())
            );
            let lone = read("Westland alone\rpatrols the bay".into()).unwrap_err();
            assert!(
                lone.starts_with("the text holds the invisible character U+000D,"),
                "{lone}"
            );
        }

        #[test]
        fn invisible_characters_are_refused_and_the_joiners_scripts_need_allowed() {
            for c in [
                '\u{200e}',
                '\u{200f}',
                '\u{061c}',
                '\u{200b}',
                '\u{2060}',
                '\u{feff}',
                '\u{2028}',
                '\u{2029}',
                '\u{00ad}',
                '\u{e0041}',
                '\u{115f}',
                '\u{1160}',
                '\u{3164}',
                '\u{ffa0}',
                '\u{9b}',
            ] {
                let p = problem(&format!("North{c}land")).unwrap_or_default();
                assert!(
                    p.starts_with(&format!(
                        "the text holds the invisible character U+{:04X},",
                        c as u32
                    )),
                    "U+{:04X}: {p}",
                    c as u32
                );
            }
            assert_eq!(problem("می\u{200c}خواهم"), None, "Persian needs ZWNJ");
            assert_eq!(problem("क्\u{200d}ष"), None, "Devanagari needs ZWJ");
            assert_eq!(problem("👩\u{200d}⚕\u{fe0f} doctors"), None, "so do emoji");
            assert_eq!(
                problem("No\u{200d}rth"),
                Some(
                    "the text holds the invisible character U+200D where it joins nothing; remove it\n\
                     help: ZWNJ and ZWJ (U+200C, U+200D) are allowed between two letters of a script \
                     that needs them, such as Persian, the Indic scripts or emoji"
                        .into()
                )
            );
            for tabbed in ["T\to\tl\tl", "Nörth\tland", "line\n\tindented"] {
                assert_eq!(
                    problem(tabbed),
                    Some("the text holds a tab, which cannot be aligned in a table\nhelp: write a space instead".into()),
                    "{tabbed}"
                );
            }
            assert_eq!(
                problem(" \u{200c}\u{200d} "),
                Some("empty text: write something, or leave the key out".into())
            );
        }
    }
}

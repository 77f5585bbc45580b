//! The JSON Schema of the data files, derived from the serde types in
//! [`crate::data::model`] so that what an editor checks cannot drift from what
//! `check` reads.
//!
//! Taplo validates a TOML file by turning it into JSON first: a date literal
//! (`date = 2022-01-10`) becomes the string `"2022-01-10"`, which
//! `format: date` accepts and a date with a time of day fails. A quoted date
//! becomes the same string, so the schema cannot tell it from a date literal;
//! `redlines check` does.

use schemars::Schema;
use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use serde_json::Value;

use crate::data::model::{RoundFile, TalksFile};

/// Which kind of data file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// `talks.toml`: the parties and issues of a talks
    Talks,
    /// `rounds/*.toml`: one round and the positions stated in it
    Round,
}

impl Kind {
    /// The file name the repository ships the schema under, in `schema/`.
    pub fn file_name(self) -> &'static str {
        match self {
            Kind::Talks => "talks.schema.json",
            Kind::Round => "round.schema.json",
        }
    }
}

pub fn schema(kind: Kind) -> Schema {
    // Draft 7: what Taplo's validator speaks.
    let mut settings = SchemaSettings::draft07();
    settings
        .transforms
        .insert(0, Box::new(RecursiveTransform(no_null)));
    let generator = settings.into_generator();
    match kind {
        Kind::Talks => generator.into_root_schema_for::<TalksFile>(),
        Kind::Round => generator.into_root_schema_for::<RoundFile>(),
    }
}

/// The schema as pretty JSON with a final newline, as committed under `schema/`.
pub fn schema_json(kind: Kind) -> String {
    let mut s = serde_json::to_string_pretty(&schema(kind)).unwrap_or_default();
    s.push('\n');
    s
}

/// TOML has no null: a key left out is how a file says "none". So an
/// `Option` is just its inner type, and `"default": null` says nothing.
fn no_null(schema: &mut Schema) {
    let Some(obj) = schema.as_object_mut() else {
        return;
    };
    if obj.get("default") == Some(&Value::Null) {
        obj.remove("default");
    }
    if let Some(Value::Array(types)) = obj.get_mut("type") {
        types.retain(|t| t != "null");
        if let [one] = types.as_slice() {
            let one = one.clone();
            obj.insert("type".into(), one);
        }
    }
    if let Some(Value::Array(any)) = obj.get_mut("anyOf") {
        any.retain(|s| s.get("type") != Some(&Value::from("null")));
        if let [one] = any.as_slice()
            && let Some(one) = one.as_object().cloned()
        {
            obj.remove("anyOf");
            obj.extend(one);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_not_nullable() {
        for kind in [Kind::Talks, Kind::Round] {
            let json = schema_json(kind);
            assert!(!json.contains("null"), "{json}");
        }
    }
}

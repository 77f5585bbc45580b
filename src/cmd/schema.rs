//! `schema`: the JSON Schema of a kind of data file, for editors.

use super::Output;
use crate::data::schema::{Kind, schema_json};

pub fn run(kind: Kind) -> Output {
    Output::ok(schema_json(kind))
}

//! Authoring: `schema`, `new talks`, `new round`, and the walk of the
//! README's "Adding a new talks" in a temporary folder.

use std::path::Path;

use crate::{bare, ok, run};

/// The schemas committed under `schema/` are what `redlines schema` prints,
/// so the files editors read cannot drift from the code.
#[test]
fn the_committed_schemas_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (kind, file) in [
        ("talks", "schema/talks.schema.json"),
        ("round", "schema/round.schema.json"),
    ] {
        let committed = std::fs::read_to_string(root.join(file)).unwrap();
        assert_eq!(
            ok(&["schema", kind]),
            committed,
            "{file} is stale: run `cargo run -- schema {kind} > {file}`"
        );
    }
}

#[test]
fn schema_needs_a_kind() {
    let (stdout, stderr, code) = run(bare(), &["schema"]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(stderr.contains("<KIND>"), "{stderr}");
}

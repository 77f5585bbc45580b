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

/// `redlines --data DATA …` run in `dir`.
fn at(dir: &Path, data: &str) -> assert_cmd::Command {
    let mut cmd = bare();
    cmd.current_dir(dir).args(["--data", data]);
    cmd
}

/// Run and require exit 0; stdout.
fn step(dir: &Path, args: &[&str]) -> String {
    let (stdout, stderr, code) = run(at(dir, "data"), args);
    assert_eq!(code, 0, "redlines {args:?} failed:\n{stderr}");
    stdout
}

fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// Uncomment the scaffolded position of `party` on `issue` and set its
/// stance, as an author does in an editor.
fn state_position(round: &str, party: &str, issue: &str, stance: &str) -> String {
    let header = format!("# [positions.{party}.{issue}]");
    let mut out = String::new();
    let mut inside = false;
    for line in round.lines() {
        if line.starts_with(&header) {
            inside = true;
        } else if line.is_empty() {
            inside = false;
        }
        let line = match line.strip_prefix("# ") {
            Some(l) if inside && l.starts_with("stance = ") => format!("stance = \"{stance}\""),
            Some(l) if inside && l.starts_with("summary = \"\"") => {
                format!("summary = \"{party} wants {stance}\"")
            }
            Some(l) if inside => l.to_string(),
            _ => line.to_string(),
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

const SOURCE: &str = r#"
[[sources]]
id = "source-1"
title = "Minutes"
"#;

/// The README's "Adding a new talks", step by step, in a temporary folder.
#[test]
fn the_authoring_walk_from_new_talks_to_table() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();

    // 1. A new talks, in a data folder that does not exist yet.
    assert_eq!(
        step(dir, &["new", "talks", "lake"]),
        "created data/lake/talks.toml and data/lake/rounds/\n\
         next: replace the examples in talks.toml, then `redlines --data data check`\n"
    );
    assert!(dir.join("data/lake/rounds").is_dir());
    // As written, it passes `check`, with a warning until its title is
    // written: the scaffold's `TODO` does not pass `--deny-warnings`.
    let (_, stderr, code) = run(at(dir, "data"), &["check", "--deny-warnings"]);
    assert_eq!(
        (stderr.as_str(), code),
        (
            "warning: the title is still the scaffold's placeholder
 --> data/lake/talks.toml:6:9
  |
6 | title = \"TODO: the title of the talks\"
  |         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ to fill in
  |
  = help: write the real title in its place

1 warning in 1 talks, 1 file: data (from --data or $REDLINES_DATA)
",
            1
        )
    );
    step(dir, &["check"]);

    // 2. The parties and issues, written over the examples.
    let talks = read(dir.join("data/lake/talks.toml"));
    let talks = talks[..talks.find("[[parties]]").unwrap()]
        .replace("TODO: the title of the talks", "Lake talks")
        + r#"
[[parties]]
id = "east"
name = "Eastland"

[[parties]]
id = "west"
name = "Westland"

[[parties]]
id = "broker"
name = "Broker"
kind = "organisation"

[[issues]]
id = "water"
title = "Water rights"
scale = [
  { id = "east-all", label = "East takes it all" },
  { id = "shared", label = "Shared by treaty" },
  { id = "west-all", label = "West takes it all" },
]
"#;
    std::fs::write(dir.join("data/lake/talks.toml"), talks).unwrap();
    step(dir, &["check", "--deny-warnings"]);

    // 3. The first round: every position commented out, no position in force.
    let out = step(dir, &["new", "round", "2024-03-01-opening"]);
    assert_eq!(
        out,
        "created data/lake/rounds/2024-03-01-opening.toml: round of 2024-03-01, 3 positions commented out\n\
         next: fill in its title, sources and the positions stated in it, then `redlines --data data check`\n"
    );
    step(dir, &["check"]);
    let path = dir.join("data/lake/rounds/2024-03-01-opening.toml");
    let mut round = read(&path).replace("TODO: a short title of the meeting", "Opening");
    for (party, stance) in [
        ("east", "east-all"),
        ("west", "west-all"),
        ("broker", "shared"),
    ] {
        round = state_position(&round, party, "water", stance);
    }
    std::fs::write(&path, round + SOURCE).unwrap();
    step(dir, &["check", "--deny-warnings"]);

    // 4. The second round, starting from the positions of the first.
    let out = step(dir, &["new", "round", "2024-04-10-second"]);
    assert!(
        out.contains("3 positions commented out, 3 filled in as of 2024-03-01-opening"),
        "{out}"
    );
    let path = dir.join("data/lake/rounds/2024-04-10-second.toml");
    let round = read(&path).replace("TODO: a short title of the meeting", "Second");
    assert!(round.contains("# stance = \"west-all\""), "{round}");
    step(dir, &["check"]);
    let round = state_position(&round, "west", "water", "shared");
    std::fs::write(&path, round + SOURCE).unwrap();
    step(dir, &["check", "--deny-warnings"]);

    // 5. The table: West moved to the shared outcome in the second round.
    let csv = step(dir, &["table", "--format", "csv"]);
    assert!(
        csv.starts_with(
            "issue,party,stance,red_line,priority,since,carried,on_conditions,assumed\n"
        ),
        "{csv}"
    );
    assert!(
        csv.contains("\nwater,west,shared,false,,2024-04-10-second,false,"),
        "{csv}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&step(dir, &["table", "--format", "json"])).unwrap();
    let water = &json["rows"][0]["cells"];
    assert_eq!(water[1]["stance"], "shared");
    assert_eq!(water[1]["since"], "2024-04-10-second");
    assert_eq!(water[0]["since"], "2024-03-01-opening");
    let first: serde_json::Value = serde_json::from_str(&step(
        dir,
        &["table", "--round", "first", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(first["rows"][0]["cells"][1]["stance"], "west-all");

    // 6. The matrix: West took up the shared outcome, which the Broker holds
    // and East does not accept.
    let matrix: serde_json::Value =
        serde_json::from_str(&step(dir, &["matrix", "--format", "json"])).unwrap();
    let east_west = &matrix["pairs"][0];
    assert_eq!(
        (&east_west["a"], &east_west["b"]),
        (&"east".into(), &"west".into())
    );
    assert_eq!(east_west["disagree"], 1);
    assert_eq!(
        matrix["pairs"][2]["agree"], 1,
        "west and broker both want shared"
    );
    step(dir, &["matrix"]);

    // 7. The diff: West moved one step towards East and the Broker.
    let diff: serde_json::Value =
        serde_json::from_str(&step(dir, &["diff", "first", "latest", "--format", "json"])).unwrap();
    assert_eq!(diff["changes"][0]["kind"], "moved");
    assert_eq!(diff["changes"][0]["party"], "west");
    assert_eq!(diff["changes"][0]["steps"], 1);
    assert_eq!(
        diff["verdict"],
        "2024-03-01-opening → 2024-04-10-second: 1 of 1 issue moved; 1 relation improved, 0 worsened"
    );
    step(dir, &["diff", "first", "latest"]);

    // A round can start from an earlier state than the latest.
    let out = step(
        dir,
        &["new", "round", "2024-05-01-third", "--from", "first"],
    );
    assert!(
        out.contains("3 filled in as of 2024-03-01-opening"),
        "{out}"
    );
    let round = read(dir.join("data/lake/rounds/2024-05-01-third.toml"));
    assert!(round.contains("# stance = \"west-all\""), "{round}");
    step(dir, &["check"]);
}

/// `new` run twice does no harm: the second run changes nothing and says why.
#[test]
fn new_never_overwrites() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    step(dir, &["new", "talks", "lake"]);
    let talks = dir.join("data/lake/talks.toml");
    std::fs::write(
        &talks,
        read(&talks).replace("TODO: the title of the talks", "Mine"),
    )
    .unwrap();
    let before = read(&talks);
    let (stdout, stderr, code) = run(at(dir, "data"), &["new", "talks", "lake"]);
    assert_eq!((stdout.as_str(), code), ("", 2));
    assert_eq!(
        stderr,
        "data/lake/talks.toml already exists; `new` never overwrites a file (edit it, or choose another id)\n"
    );
    assert_eq!(read(&talks), before);

    step(dir, &["new", "round", "2024-03-01-opening"]);
    let round = dir.join("data/lake/rounds/2024-03-01-opening.toml");
    std::fs::write(&round, "date = 2024-03-01\ntitle = \"Mine\"\n").unwrap();
    let (_, stderr, code) = run(at(dir, "data"), &["new", "round", "2024-03-01-opening"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "data/lake/rounds/2024-03-01-opening.toml already exists; `new` never overwrites a file (edit it, or choose another id)\n"
    );
    assert_eq!(read(&round), "date = 2024-03-01\ntitle = \"Mine\"\n");
    // Nothing else was left behind: no temporary file.
    let names: Vec<String> = std::fs::read_dir(dir.join("data/lake/rounds"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["2024-03-01-opening.toml"]);
}

#[test]
fn ids_that_are_not_lowercase_letters_digits_and_hyphens_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    for id in ["../outside", "Lake", "lake/rounds", "", "lake talks"] {
        let (_, stderr, code) = run(at(dir, "data"), &["new", "talks", id]);
        assert_eq!(code, 2, "{id}");
        assert_eq!(
            stderr,
            format!(
                "`{id}` is not a valid talks id: a talks id is lowercase letters, digits and hyphens, starting with a letter or a digit (it names a file or a folder in the data folder, and is typed on the command line)\n"
            )
        );
    }
    step(dir, &["new", "talks", "lake"]);
    let (_, stderr, code) = run(
        at(dir, "data"),
        &["new", "round", "../../x", "--date", "2024-01-01"],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("`../../x` is not a valid round id"),
        "{stderr}"
    );
    // Only what `new talks lake` made is there.
    assert_eq!(std::fs::read_dir(dir).unwrap().count(), 1);
    assert_eq!(std::fs::read_dir(dir.join("data")).unwrap().count(), 1);
}

#[test]
fn a_round_needs_a_date() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    step(dir, &["new", "talks", "lake"]);
    let (_, stderr, code) = run(at(dir, "data"), &["new", "round", "opening"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "when was round `opening`? give --date YYYY-MM-DD (or start its id with the date)\n"
    );
    let (_, stderr, code) = run(
        at(dir, "data"),
        &["new", "round", "opening", "--date", "1 March"],
    );
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "`1 March` is not a date as redlines reads one: give --date as YYYY-MM-DD, such as 2024-06-01\n"
    );
    let out = step(dir, &["new", "round", "opening", "--date", "2024-03-01"]);
    assert!(out.starts_with("created data/lake/rounds/opening.toml: round of 2024-03-01"));
}

#[test]
fn new_needs_a_data_folder_on_disk() {
    let tmp = tempfile::tempdir().unwrap();
    let mut cmd = bare();
    cmd.current_dir(tmp.path());
    let (stdout, stderr, code) = run(cmd, &["new", "talks", "lake"]);
    assert_eq!((stdout.as_str(), code), ("", 2));
    assert_eq!(
        stderr,
        "`new` writes files into a data folder, and there is none here: without --data or $REDLINES_DATA, \
         and with no ./data in this directory, redlines reads its built-in dataset, which cannot be changed.\n\
         Name the folder to write into, for example `redlines --data data new talks ID` (it is created if need be).\n"
    );
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
}

/// Beside a repository's `schema/` folder, new files start with a `#:schema`
/// line that resolves from where they are; elsewhere, or where the schema
/// there is not this version's, they have none.
#[test]
fn the_schema_line_points_at_the_shipped_schema_when_it_is_there() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    step(dir, &["new", "talks", "bare"]);
    assert!(!read(dir.join("data/bare/talks.toml")).contains("#:schema"));

    std::fs::create_dir(dir.join("schema")).unwrap();
    for kind in ["talks", "round"] {
        std::fs::write(
            dir.join(format!("schema/{kind}.schema.json")),
            ok(&["schema", kind]),
        )
        .unwrap();
    }
    step(dir, &["new", "talks", "lake"]);
    let talks = read(dir.join("data/lake/talks.toml"));
    assert!(
        talks.starts_with("#:schema ../../schema/talks.schema.json\n"),
        "{talks}"
    );
    assert!(
        dir.join("data/lake/../../schema/talks.schema.json")
            .is_file()
    );
    step(
        dir,
        &["--talks", "lake", "new", "round", "2024-03-01-opening"],
    );
    let round = read(dir.join("data/lake/rounds/2024-03-01-opening.toml"));
    assert!(
        round.starts_with("#:schema ../../../schema/round.schema.json\n"),
        "{round}"
    );
    assert!(
        dir.join("data/lake/rounds/../../../schema/round.schema.json")
            .is_file()
    );

    std::fs::write(dir.join("schema/talks.schema.json"), "{}").unwrap();
    step(dir, &["new", "talks", "stale"]);
    assert!(!read(dir.join("data/stale/talks.toml")).contains("#:schema"));
}

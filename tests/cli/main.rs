//! The binary run as a user runs it, on the fixture data under
//! `tests/fixtures/`, with colour off and the width fixed so that output is
//! stable. One module per command; snapshots live in `snapshots/`.

mod authoring;
mod check;
mod core;
mod csv;
mod curator;
mod dataset;
mod diff;
mod docs;
mod history;
mod hostile;
mod linkage;
mod matrix;
mod report;
mod scale;
mod shell;
mod trend;
mod ukraine;
mod whatif;
mod xlsx;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// `redlines` with no data folder chosen and no inherited settings.
pub fn bare() -> Command {
    let mut cmd = Command::cargo_bin("redlines").unwrap();
    for var in [
        "REDLINES_DATA",
        "REDLINES_TALKS",
        "REDLINES_WIDTH",
        "NO_COLOR",
        "COLUMNS",
    ] {
        cmd.env_remove(var);
    }
    cmd.args(["--color", "never", "--width", "100"]);
    cmd
}

/// `redlines` on the fixture data folder.
pub fn redlines() -> Command {
    let mut cmd = bare();
    cmd.current_dir(fixtures()).args(["--data", "data"]);
    cmd
}

/// Run and return (stdout, stderr, exit code).
pub fn run(mut cmd: Command, args: &[&str]) -> (String, String, i32) {
    let out = cmd.args(args).output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

/// Stdout of a command that must succeed.
pub fn ok(args: &[&str]) -> String {
    let (stdout, stderr, code) = run(redlines(), args);
    assert_eq!(code, 0, "redlines {args:?} failed:\n{stderr}");
    stdout
}

/// Every command, in every format: the outputs, for one snapshot per case.
pub const FORMATS: [&str; 4] = ["table", "markdown", "csv", "json"];

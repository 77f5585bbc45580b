//! `diff FROM TO`: what changed between two rounds, on the harbour talks and
//! on the ceasefire talks of `fixtures/moves`, which hold every kind of change.

use serde_json::Value;

use crate::{FORMATS, bare, fixtures, ok, redlines, run};

/// `redlines` on the ceasefire talks.
pub fn moves() -> assert_cmd::Command {
    let mut cmd = bare();
    cmd.current_dir(fixtures()).args(["--data", "moves"]);
    cmd
}

pub fn moves_ok(args: &[&str]) -> String {
    let (stdout, stderr, code) = run(moves(), args);
    assert_eq!(code, 0, "redlines {args:?} failed:\n{stderr}");
    stdout
}

fn json(stdout: &str) -> Value {
    serde_json::from_str(stdout).unwrap()
}

#[test]
fn every_diff_in_every_format() {
    let harbour: &[&[&str]] = &[
        &["diff", "first", "latest"],
        &["diff", "latest", "first"],
        &["diff", "first", "first"],
        &["diff", "first", "second", "--party", "south"],
        &["diff", "first", "latest", "--issue", "toll"],
    ];
    let ceasefire: &[&[&str]] = &[
        &["diff", "first", "second"],
        &["diff", "second", "third"],
        &["diff", "first", "third", "--stat"],
        &["diff", "first", "third", "--moves-only"],
    ];
    for (talks, cases) in [("harbour", harbour), ("ceasefire", ceasefire)] {
        for case in cases {
            for format in FORMATS {
                let mut args = case.to_vec();
                args.extend(["--format", format]);
                let name = format!("{talks}--{}--{format}", case.join("_"));
                let out = if talks == "harbour" {
                    ok(&args)
                } else {
                    moves_ok(&args)
                };
                insta::assert_snapshot!(name, out);
            }
        }
    }
}

#[test]
fn exit_code_is_1_with_changes_and_0_without() {
    let code = |cmd, args: &[&str]| run(cmd, args).2;
    assert_eq!(
        code(redlines(), &["diff", "first", "latest", "--exit-code"]),
        1
    );
    assert_eq!(
        code(redlines(), &["diff", "latest", "first", "--exit-code"]),
        1
    );
    assert_eq!(code(redlines(), &["diff", "first", "latest"]), 0);
    // A round diffed with itself is empty.
    for round in ["first", "second", "third"] {
        assert_eq!(code(redlines(), &["diff", round, round, "--exit-code"]), 0);
    }
    // A round that restates a position word for word changes nothing.
    assert_eq!(
        code(moves(), &["diff", "second", "third", "--exit-code"]),
        0
    );
    assert_eq!(
        code(moves(), &["diff", "first", "second", "--exit-code"]),
        1
    );
}

#[test]
fn a_round_diffed_with_itself_is_empty_in_every_format() {
    let j = json(&ok(&["diff", "second", "second", "-f", "json"]));
    assert_eq!(j["changes"], Value::Array(vec![]));
    assert_eq!(
        j["verdict"],
        "2024-04-10-second → 2024-04-10-second: no movement"
    );
    assert_eq!(
        ok(&["diff", "second", "second", "-f", "csv"]),
        "kind,party,issue,from,to,detail\n"
    );
}

/// The kind a change has when the diff is read backwards.
fn mirrored(kind: &str) -> &str {
    match kind {
        "added" => "withdrawn",
        "withdrawn" => "added",
        "accepts-widened" => "accepts-narrowed",
        "accepts-narrowed" => "accepts-widened",
        "red-line-taken-up" => "red-line-dropped",
        "red-line-dropped" => "red-line-taken-up",
        k => k,
    }
}

#[test]
fn a_diff_read_backwards_mirrors_the_forward_one() {
    for (cmd, a, b) in [
        (redlines as fn() -> _, "first", "latest"),
        (moves, "first", "second"),
    ] {
        let fwd = json(&run(cmd(), &["diff", a, b, "-f", "json"]).0);
        let back = json(&run(cmd(), &["diff", b, a, "-f", "json"]).0);
        assert_eq!(back["backwards"], true);
        let key = |c: &Value, kind: &str| {
            format!("{kind} {} {} {}", c["party"], c["parties"], c["issue"])
        };
        let mut f: Vec<String> = fwd["changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| key(c, mirrored(c["kind"].as_str().unwrap())))
            .collect();
        let mut b: Vec<String> = back["changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| key(c, c["kind"].as_str().unwrap()))
            .collect();
        f.sort();
        b.sort();
        assert_eq!(f, b);
        for (f, b) in fwd["changes"]
            .as_array()
            .unwrap()
            .iter()
            .zip(back["changes"].as_array().unwrap())
        {
            if f["kind"] == "moved" {
                let dirs = |c: &Value| -> Vec<String> {
                    c["bearings"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|b| b["direction"].to_string())
                        .collect()
                };
                let flipped: Vec<String> = dirs(f)
                    .iter()
                    .map(|d| match d.as_str() {
                        "\"towards\"" => "\"away\"".to_string(),
                        "\"away\"" => "\"towards\"".to_string(),
                        d => d.to_string(),
                    })
                    .collect();
                assert_eq!(flipped, dirs(b));
            }
            if f["kind"] == "relation-changed" {
                assert_eq!((&f["from"], &f["to"]), (&b["to"], &b["from"]));
            }
        }
        let (tf, tb) = (&fwd["tally"], &back["tally"]);
        assert_eq!(
            (&tf["improved"], &tf["added"]),
            (&tb["worsened"], &tb["withdrawn"])
        );
    }
}

#[test]
fn a_party_absent_from_a_round_did_not_withdraw() {
    // Southland missed the second harbour session; the broker the second
    // ceasefire meeting. Their positions carry forward unchanged.
    let harbour = json(&ok(&[
        "diff", "first", "second", "--party", "south", "-f", "json",
    ]));
    let ceasefire = json(&moves_ok(&["diff", "first", "second", "-f", "json"]));
    for (j, absent) in [(harbour, "south"), (ceasefire, "broker")] {
        let theirs: Vec<&Value> = j["changes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["party"] == absent)
            .collect();
        assert!(theirs.is_empty(), "{absent}: {theirs:?}");
    }
}

#[test]
fn every_change_names_its_kind_rounds_party_issue_from_and_to() {
    let j = json(&moves_ok(&["diff", "first", "second", "-f", "json"]));
    let kinds: Vec<&str> = j["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            for field in ["kind", "rounds", "issue", "from", "to", "detail"] {
                assert!(c.get(field).is_some(), "no {field} in {c}");
            }
            assert!(
                c.get("party").is_some() != c.get("parties").is_some(),
                "{c}"
            );
            assert_eq!(c["rounds"]["from"], "2025-01-10-first");
            assert_eq!(c["rounds"]["to"], "2025-02-14-second");
            c["kind"].as_str().unwrap()
        })
        .collect();
    for kind in [
        "moved",
        "red-line-dropped",
        "summary-changed",
        "quote-changed",
        "withdrawn",
        "accepts-widened",
        "priority-changed",
        "relation-changed",
    ] {
        assert!(kinds.contains(&kind), "no {kind} in {kinds:?}");
    }
}

#[test]
fn an_unknown_round_lists_the_rounds_and_exits_2() {
    // The message itself is asserted in full by `core`.
    let (stdout, stderr, code) = run(redlines(), &["diff", "first", "fourth", "--exit-code"]);
    assert_eq!((stdout.as_str(), code), ("", 2));
    assert_eq!(stderr, run(redlines(), &["table", "--round", "fourth"]).1);
    assert!(stderr.starts_with("unknown round `fourth`;"), "{stderr}");
}

#[test]
fn the_builtin_dataset_diffs_in_every_format() {
    // The curated data grows; these read it as a user would, without
    // pinning its content.
    let empty = tempfile::tempdir().unwrap();
    let builtin = || {
        let mut c = bare();
        c.current_dir(empty.path())
            .args(["--talks", "euro-security-2022"]);
        c
    };
    for args in [
        &["diff", "first", "latest"][..],
        &["diff", "geneva", "brussels"],
        &["history", "open-door"],
        &["trend"],
    ] {
        for format in FORMATS {
            let mut a = args.to_vec();
            a.extend(["--format", format]);
            let (stdout, stderr, code) = run(builtin(), &a);
            assert_eq!(code, 0, "{a:?}: {stderr}");
            assert!(!stdout.is_empty());
        }
    }
    let (stdout, _, _) = run(builtin(), &["diff", "geneva", "geneva", "--exit-code"]);
    assert!(stdout.ends_with(": no movement\n"), "{stdout}");
}

/// `--moves-only` leaves out wording alone, and `--stat` sums each change
/// as `git diff --stat` does; the verdict is the diff's own.
#[test]
fn moves_only_and_stat_keep_the_substance() {
    let all = json(&moves_ok(&["diff", "first", "third", "--format", "json"]));
    let moves = json(&moves_ok(&[
        "diff",
        "first",
        "third",
        "--moves-only",
        "--format",
        "json",
    ]));
    let kinds = |v: &Value| -> Vec<String> {
        v["changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["kind"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(
        kinds(&all)
            .iter()
            .any(|k| k.ends_with("-changed") && k != "relation-changed" && k != "priority-changed")
    );
    assert!(
        kinds(&moves)
            .iter()
            .all(|k| k != "summary-changed" && k != "quote-changed")
    );
    assert_eq!(all["tally"]["moved"], moves["tally"]["moved"]);
    let stat = json(&moves_ok(&[
        "diff", "first", "third", "--stat", "--format", "json",
    ]));
    let rows = stat["rows"].as_array().unwrap();
    let positions: Vec<(String, String)> = all["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["party"].is_string() && c["kind"] != "relation-changed")
        .map(|c| {
            (
                c["party"].as_str().unwrap().into(),
                c["issue"].as_str().unwrap().into(),
            )
        })
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(rows.len(), positions.len());
    assert_eq!(stat["verdict"], all["verdict"]);
}

//! What would it take: `bridge`, `trades` and `--assume`, on the fictional
//! bay talks and on the built-in talks. Their answers agree with each
//! other: a bridge or a trade applied through `--assume` does what it says.

use crate::linkage::bay;
use crate::{bare, fixtures, run};

/// `redlines ARGS` on the built-in European security talks, which must
/// succeed.
fn builtin(args: &[&str]) -> String {
    talks("euro-security-2022", args)
}

/// `redlines ARGS` on the built-in Russia–Ukraine talks, which must succeed.
fn ukraine(args: &[&str]) -> String {
    talks("russia-ukraine-2022", args)
}

fn talks(id: &str, args: &[&str]) -> String {
    let mut cmd = bare();
    cmd.args(["--talks", id]);
    let (stdout, stderr, code) = run(cmd, args);
    assert_eq!(code, 0, "redlines --talks {id} {args:?} failed:\n{stderr}");
    stdout
}

fn json(out: String) -> serde_json::Value {
    serde_json::from_str(&out).unwrap()
}

#[test]
fn every_what_if_view_in_every_format() {
    let cases: &[&[&str]] = &[
        &["bridge"],
        &["bridge", "toll", "patrols"],
        &["trades"],
        &["--assume", "east.toll=none", "table"],
        &[
            "--assume",
            "west.toll:no-red-line",
            "--assume",
            "west.toll+=low",
            "matrix",
            "--by",
            "issue",
        ],
        &["--assume", "east.toll=none", "diff", "latest", "assumed"],
        &["--assume", "east.toll=none", "history", "toll"],
        &["--assume", "east.toll=none", "trend"],
    ];
    bay_in_every_format!(cases);
}

/// The nearest deal of every issue, its moves laid over the round with
/// `--assume`, is in the deal zone: on both built-in talks and the bay.
#[test]
fn every_bridge_applied_with_assume_closes_its_issue() {
    for (run_it, name) in [
        (&builtin as &dyn Fn(&[&str]) -> String, "euro-security-2022"),
        (&ukraine, "russia-ukraine-2022"),
        (&bay, "bay"),
    ] {
        let bridges = json(run_it(&["bridge", "--format", "json"]));
        for b in bridges["issues"].as_array().unwrap() {
            let issue = b["issue"].as_str().unwrap();
            let mut args: Vec<String> = Vec::new();
            for a in b["assume"].as_array().unwrap() {
                args.push("--assume".into());
                args.push(a.as_str().unwrap().into());
            }
            args.extend(
                [
                    "matrix", "--by", "issue", "--issue", issue, "--format", "json",
                ]
                .map(String::from),
            );
            let argv: Vec<&str> = args.iter().map(String::as_str).collect();
            let m = json(run_it(&argv));
            let zone = m["rows"][0]["deal_zone"].as_array().unwrap();
            assert!(
                zone.contains(&b["nearest"]),
                "{name}: {issue}: {} not in {zone:?} after {args:?}",
                b["nearest"]
            );
            let cost = b["outcomes"]
                .as_array()
                .unwrap()
                .iter()
                .find(|o| o["outcome"] == b["nearest"])
                .unwrap()["cost"]
                .as_f64()
                .unwrap();
            assert_eq!(cost == 0.0, b["assume"].as_array().unwrap().is_empty());
        }
    }
}

#[test]
fn a_trade_applied_with_assume_raises_the_pairs_score_to_what_it_says() {
    let t = json(bay(&["trades", "--format", "json"]));
    let trade = &t["trades"][0];
    assert_eq!(trade["parties"], serde_json::json!(["west", "east"]));
    let args: Vec<String> = trade["assume"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| ["--assume".to_string(), a.as_str().unwrap().to_string()])
        .chain(["matrix", "--format", "json"].map(String::from))
        .collect();
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let m = json(bay(&argv));
    let pair = m["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["a"] == "west" && p["b"] == "east")
        .unwrap();
    assert_eq!(pair["score"], trade["score_after"]);
    assert!(trade["score_after"].as_f64() > trade["score_before"].as_f64());
}

/// `--top 0` would list none of the trades found and say there was none
/// to find: it is refused as the command line is read.
#[test]
fn trades_top_zero_is_refused_as_the_command_line_is_read() {
    let mut cmd = bare();
    cmd.current_dir(fixtures()).args(["--data", "linkage"]);
    let (stdout, stderr, code) = run(cmd, &["trades", "--top", "0"]);
    assert_eq!((stdout.as_str(), code), ("", 2), "{stderr}");
    assert!(
        stderr.starts_with(
            "error: invalid value '0' for '--top <N>': N is how many to show, 1 or more\n"
        ),
        "{stderr}"
    );
    let t = json(bay(&["trades", "--top", "1", "--format", "json"]));
    assert_eq!(
        (t["found"].as_u64(), t["trades"].as_array().map(Vec::len)),
        (Some(1), Some(1))
    );
}

#[test]
fn a_partys_own_stance_assumed_changes_nothing_but_the_marks() {
    let plain = json(builtin(&["matrix", "--format", "json"]));
    let own = json(builtin(&[
        "--assume",
        "russia.nato-open-door=binding-ban",
        "matrix",
        "--format",
        "json",
    ]));
    assert_eq!(plain["pairs"], own["pairs"]);
    assert_eq!(own["as_of"]["id"], "assumed");
    assert_eq!(
        own["as_of"]["assumed"],
        serde_json::json!(["russia.nato-open-door=binding-ban"])
    );
}

#[test]
fn every_assumed_cell_is_marked_in_every_format() {
    let args = ["--assume", "east.toll=none"];
    let table = bay(&[args[0], args[1], "table"]);
    assert!(
        table.contains("A SCENARIO, NOT THE RECORD: assumed east.toll=none"),
        "{table}"
    );
    assert!(table.contains("ASSUMED"), "{table}");
    let j = json(bay(&[args[0], args[1], "table", "--format", "json"]));
    let toll = &j["rows"][1]["cells"][1];
    assert_eq!(
        (toll["stance"].as_str(), toll["assumed"].as_bool()),
        (Some("none"), Some(true))
    );
    let md = bay(&[
        args[0], args[1], "show", "east", "toll", "--format", "markdown",
    ]);
    assert!(md.contains("| assumed "), "{md}");
    let page = bay(&[args[0], args[1], "report", "--out", "-"]);
    assert!(
        page.contains("<p class=\"scenario\" role=\"note\">"),
        "the report's banner"
    );
    assert!(page.contains("badge assumed"));
}

/// `trend` and `history` show every round and the scenario after them: they
/// say so at the top, as every view does, and their data tables flag the
/// rows of the scenario in an `assumed` column, as `table`'s does.
#[test]
fn trend_and_history_say_they_show_a_scenario() {
    let args = ["--assume", "east.toll=none"];
    for view in [&["trend"][..], &["history", "toll"]] {
        let argv: Vec<&str> = args.iter().chain(view).copied().collect();
        let text = bay(&argv);
        assert!(
            text.contains("A SCENARIO, NOT THE RECORD: assumed east.toll=none"),
            "{view:?}: {text}"
        );
        let csv_args: Vec<&str> = argv.iter().copied().chain(["--format", "csv"]).collect();
        let csv = bay(&csv_args);
        let header = csv.lines().next().unwrap();
        assert!(header.ends_with(",assumed"), "{view:?}: {header}");
        let flagged: Vec<&str> = csv.lines().filter(|l| l.ends_with(",true")).collect();
        assert!(
            !flagged.is_empty() && flagged.iter().all(|l| l.contains("assumed,")),
            "{view:?}: {csv}"
        );
        // With no scenario, no banner and nothing flagged.
        let plain = bay(view);
        assert!(!plain.contains("SCENARIO"), "{view:?}: {plain}");
    }
    let history = json(bay(&[
        args[0], args[1], "history", "toll", "--format", "json",
    ]));
    let last = history["rounds"].as_array().unwrap().last().unwrap();
    assert_eq!(last["round"]["id"], "assumed");
    let east = &last["cells"][1];
    assert_eq!(
        (east["party"].as_str(), east["assumed"].as_bool()),
        (Some("east"), Some(true))
    );
}

/// An outcome, party or issue may be named by a unique part of its id, as
/// everywhere else; the banner says the assumption back in full ids. A part
/// that fits several outcomes is refused, naming them; a diff under
/// `--assume` that names no `assumed` round is refused, not silently
/// identical to the record.
#[test]
fn assumptions_are_named_as_everywhere_else_and_said_back_in_full() {
    let out = bay(&["--assume", "east.tol=hi", "table"]);
    assert!(
        out.contains("A SCENARIO, NOT THE RECORD: assumed east.toll=high"),
        "{out}"
    );
    for (args, want) in [
        (
            &["--assume", "east.toll=o", "table"][..],
            "--assume `east.toll=o`: `o` names several outcomes of `toll` (its scale: none, low, high)",
        ),
        (
            &["--assume", "nobody.toll=none", "table"][..],
            "--assume `nobody.toll=none`: ",
        ),
        (
            &["--assume", "east.toll=none", "diff", "first", "latest"][..],
            "--assume makes a round of its own, `assumed`: name it, as in `diff latest assumed`",
        ),
    ] {
        let mut cmd = bare();
        cmd.current_dir(fixtures()).args(["--data", "linkage"]);
        let (stdout, stderr, code) = run(cmd, args);
        assert_eq!((code, stdout.as_str()), (2, ""), "{args:?}: {stderr}");
        assert!(stderr.starts_with(want), "{args:?}: {stderr}");
    }
}

#[test]
fn assumptions_that_cannot_be_read_say_how_to_write_them() {
    let mut cmd = bare();
    cmd.current_dir(fixtures()).args(["--data", "linkage"]);
    let (_, stderr, code) = run(cmd, &["--assume", "east.toll=medium", "table"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "--assume `east.toll=medium`: `medium` names no outcome of `toll` (its scale: none, low, high); write PARTY.ISSUE=OUTCOME (demands it), PARTY.ISSUE+=OUTCOME[,OUTCOME…] (also accepts them), or PARTY.ISSUE:no-red-line (or :red-line)\n"
    );
    let mut cmd = bare();
    cmd.current_dir(fixtures()).args(["--data", "linkage"]);
    let (_, stderr, code) = run(cmd, &["--assume", "east.toll=none", "check"]);
    assert_eq!(
        (stderr.as_str(), code),
        (
            "--assume lays a scenario over a round; `check` reads the data as it is\n",
            2
        )
    );
}

/// Under `--assume`, a date names the round of the record held that day,
/// not the scenario made of it (`assumed`, dated as its round).
#[test]
fn a_date_names_the_round_of_the_record_not_the_scenario() {
    let v: serde_json::Value = serde_json::from_str(&bay(&[
        "--assume",
        "east.toll=none",
        "diff",
        "2024-07-01",
        "assumed",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(v["from"]["id"], "2024-07-01-second");
    assert_eq!(v["to"]["id"], "assumed");
}

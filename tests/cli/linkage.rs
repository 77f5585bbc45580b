//! Linkage: conditions, linkages and proposals, on the fictional bay talks
//! (`tests/fixtures/linkage/bay`): Westland takes joint patrols only if the
//! border follows the median line; Eastland ties patrols to the border; the
//! broker tables a plan, and Eastland a plan it withdraws in round two.

use crate::{bare, fixtures, run, run_on};

/// `redlines --data linkage ARGS`, which must succeed.
pub fn bay(args: &[&str]) -> String {
    let mut cmd = bare();
    cmd.current_dir(fixtures()).args(["--data", "linkage"]);
    let (stdout, stderr, code) = run(cmd, args);
    assert_eq!(code, 0, "redlines {args:?} failed:\n{stderr}");
    stdout
}

fn json(args: &[&str]) -> serde_json::Value {
    let mut a = args.to_vec();
    a.extend(["--format", "json"]);
    serde_json::from_str(&bay(&a)).unwrap()
}

#[test]
fn every_linkage_view_in_every_format() {
    let cases: &[&[&str]] = &[
        &["proposals"],
        &["proposals", "--round", "first"],
        &["matrix", "--by", "issue", "--round", "first"],
        &["explain", "west", "east", "patrols", "--round", "first"],
        &["show", "west", "patrols"],
        &["table"],
        &["diff", "first", "latest"],
    ];
    bay_in_every_format!(cases);
}

#[test]
fn a_condition_opens_what_the_issue_alone_does_not() {
    let m = json(&["matrix", "--by", "issue", "--round", "first"]);
    let patrols = &m["rows"][0];
    assert_eq!(patrols["issue"], "patrols");
    // No outcome both accept outright…
    assert_eq!(patrols["deal_zone"], serde_json::json!([]));
    // …but joint patrols, if the border follows the median line.
    let zone = &patrols["linkage"]["conditional_zone"][0];
    assert_eq!(zone["outcome"], "joint");
    assert_eq!(
        zone["requires"],
        serde_json::json!([{"issue": "border", "outcomes": ["median"]}])
    );
    assert_eq!(zone["conditional"], serde_json::json!(["west"]));
    // Relations and scores stay those of the unconditional positions.
    assert_eq!(patrols["relations"][0], "disagree");
    // The toll: nothing on conditions; the fewest refusals and who makes them.
    let toll = &m["rows"][1]["linkage"];
    assert_eq!(toll["conditional_zone"], serde_json::json!([]));
    assert_eq!(toll["blocked_by"][1]["outcome"], "high");
    assert_eq!(
        toll["blocked_by"][1]["refused_by"],
        serde_json::json!([{"party": "west", "red_line": true}])
    );
    // Eastland's linkage of patrols and border: one package both accept.
    let p = &m["packages"][0];
    assert_eq!(
        (p["party"].as_str(), p["count"].as_u64()),
        (Some("east"), Some(1))
    );
    assert_eq!(p["examples"], serde_json::json!([["joint", "median"]]));
}

#[test]
fn each_party_answers_each_proposal_and_says_why() {
    let p = json(&["proposals", "--round", "first"]);
    let broker = &p["proposals"][0];
    assert_eq!(broker["id"], "broker-plan");
    let answer = |k: usize| {
        broker["verdicts"][k]["answer"]
            .as_str()
            .unwrap()
            .to_string()
    };
    // Westland: joint patrols on its condition (the plan's median border
    // meets it), but a toll crosses its red line.
    assert_eq!(answer(0), "crosses-red-line");
    assert_eq!(
        broker["verdicts"][0]["on_conditions"],
        serde_json::json!(["patrols"])
    );
    assert_eq!(
        broker["verdicts"][0]["red_lines"],
        serde_json::json!(["toll"])
    );
    // Eastland: all but the low toll, which it does not accept yet.
    assert_eq!(answer(1), "but-for");
    assert_eq!(broker["verdicts"][1]["said"], "acceptable but for toll");
    // The broker tabled it and holds no position of its own.
    assert_eq!(broker["verdicts"][2]["said"], "tabled it");
    // In round two Eastland accepts a low toll, and withdraws its own plan.
    let p = json(&["proposals"]);
    assert_eq!(p["proposals"].as_array().unwrap().len(), 1);
    assert_eq!(p["proposals"][0]["verdicts"][1]["answer"], "accepts");
}

#[test]
fn diff_reports_proposals_tabled_and_withdrawn() {
    let forward = bay(&["diff", "first", "latest"]);
    assert!(
        forward.contains("- proposal withdrawn: Eastland's plan (east-plan)"),
        "{forward}"
    );
    // The summary line is prose, wrapped to the width.
    let flat = forward.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.ends_with("; 1 proposal withdrawn"), "{forward}");
    let backward = bay(&["diff", "latest", "first"]);
    assert!(
        backward.contains("+ proposal tabled: Eastland's plan (east-plan)"),
        "{backward}"
    );
}

/// Conditions, linkages and proposals that cannot be read as meant: one
/// located error each.
#[test]
fn broken_linkage_is_located() {
    let mut cmd = bare();
    cmd.current_dir(fixtures())
        .args(["--data", "broken/linkage", "check"]);
    let (_, stderr, code) = run(cmd, &[]);
    assert_eq!(code, 1);
    let messages: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("error") || l.starts_with("warning"))
        .collect();
    assert_eq!(
        messages,
        [
            "error: unknown issue `bordr`",
            "error: a condition on its own issue `patrols`",
            "error: a condition that can never hold",
            "warning: the condition adds nothing: these outcomes are accepted without it",
            "error: `midline` is not an outcome on the scale of issue `border`",
            "error: the linkage names `patrols` twice",
            "error: the proposal names issue `toll` twice",
            "error: proposal `empty-plan` has no terms",
            "error: unknown party `brokr`",
        ]
    );
    assert!(stderr.contains(
        "48 | issue = \"toll\"\n   |         ^^^^^^ named again here\n   |\n   = help: its first terms on it are on line 44: merge the two"
    ), "{stderr}");
    assert!(
        stderr.contains("= help: did you mean `border`?"),
        "{stderr}"
    );
}

/// A proposal withdrawn under an id no earlier round tabled is a warning
/// at its id: most likely a typo, or a round missing from the record.
#[test]
fn withdrawing_what_was_never_tabled_is_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    crate::copy_dir(&fixtures().join("linkage/bay"), &tmp.path().join("bay"));
    let second = tmp.path().join("bay/rounds/2024-07-01-second.toml");
    let text = std::fs::read_to_string(&second).unwrap();
    std::fs::write(
        &second,
        text.replace(
            "id = \"east-plan\"\nby = \"east\"\nwithdrawn = true",
            "id = \"east-plans\"\nby = \"east\"\nwithdrawn = true",
        ),
    )
    .unwrap();
    let (_, stderr, code) = run_on(tmp.path(), &["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.starts_with(
            "warning: proposal `east-plans` is withdrawn here, but no earlier round tables it\n"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("2024-07-01-second.toml:13:6"), "{stderr}");
    let (_, _, code) = run_on(tmp.path(), &["check", "--deny-warnings"]);
    assert_eq!(code, 1);
}

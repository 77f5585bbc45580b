//! `matrix` and `explain`.

use crate::{FORMATS, ok, redlines, run};

#[test]
fn every_comparator_view_in_every_format() {
    let cases: &[&[&str]] = &[
        &["matrix"],
        &["matrix", "--by", "issue"],
        &["matrix", "--by", "issue", "--round", "first"],
        &[
            "matrix",
            "--party",
            "north",
            "--party",
            "south",
            "--issue",
            "harbour-control",
        ],
        &[
            "explain",
            "north",
            "south",
            "harbour-control",
            "--round",
            "first",
        ],
        &["explain", "north", "south", "harbour-control"],
        &["explain", "north", "mediator", "fishing-quota"],
    ];
    for case in cases {
        for format in FORMATS {
            let mut args = case.to_vec();
            args.extend(["--format", format]);
            insta::assert_snapshot!(format!("{}--{format}", case.join("_")), ok(&args));
        }
    }
}

fn json(args: &[&str]) -> serde_json::Value {
    let mut a = args.to_vec();
    a.extend(["--format", "json"]);
    serde_json::from_str(&ok(&a)).unwrap()
}

#[test]
fn the_opening_round_reads_as_the_minutes_say() {
    let m = json(&["matrix", "--by", "issue", "--round", "first"]);
    // North holds harbour control as a red line; South's accepts do not reach it.
    assert_eq!(m["rows"][0]["relations"][0], "clash");
    assert_eq!(m["rows"][0]["deal_zone"], serde_json::json!([]));
    // Neither side calls the fishing quota a red line yet.
    assert_eq!(m["rows"][1]["relations"][0], "disagree");
    // Both ask for a low toll.
    assert_eq!(m["rows"][2]["relations"][0], "agree");
    assert_eq!(m["rows"][2]["deal_zone"], serde_json::json!(["low"]));
}

#[test]
fn north_widening_its_accepts_opens_a_deal_zone_on_harbour_control() {
    let m = json(&["matrix", "--by", "issue", "--round", "second"]);
    assert_eq!(m["rows"][0]["relations"][0], "overlap");
    assert_eq!(
        m["rows"][0]["deal_zone"],
        serde_json::json!(["joint-board"])
    );
    let e = json(&[
        "explain",
        "north",
        "south",
        "harbour-control",
        "--round",
        "second",
    ]);
    assert_eq!(e["relation"], "overlap");
    assert_eq!(e["common"], serde_json::json!(["joint-board"]));
}

#[test]
fn the_agreement_score_weights_core_issues() {
    // North–South as of the opening round: harbour control (both core, clash:
    // weight 4, score 0), fishing (north secondary: weight 2, score 0), toll
    // (weight 2, agree): 2 / 8.
    let m = json(&["matrix", "--round", "first"]);
    assert_eq!(m["pairs"][0]["a"], "north");
    assert_eq!(m["pairs"][0]["b"], "south");
    assert_eq!(m["pairs"][0]["score"], 0.25);
}

#[test]
fn explain_needs_two_different_parties() {
    let (_, stderr, code) = run(redlines(), &["explain", "north", "north", "toll"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "`explain` compares two different parties; both name `north`\n"
    );
}

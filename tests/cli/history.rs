//! `history ISSUE`: one issue round by round.

use crate::diff::moves_ok;
use crate::{FORMATS, ok, redlines, run};

#[test]
fn every_history_in_every_format() {
    let cases: &[&[&str]] = &[
        &["history", "harbour-control"],
        &["history", "fish", "--party", "north", "--party", "south"],
        &["history", "toll"],
    ];
    for case in cases {
        for format in FORMATS {
            let mut args = case.to_vec();
            args.extend(["--format", format]);
            insta::assert_snapshot!(format!("{}--{format}", case.join("_")), ok(&args));
        }
    }
    for format in FORMATS {
        insta::assert_snapshot!(
            format!("ceasefire--history_border--{format}"),
            moves_ok(&["history", "border", "--format", format])
        );
    }
}

#[test]
fn a_cell_is_marked_in_the_round_it_changed_and_not_where_it_carried() {
    let j: serde_json::Value =
        serde_json::from_str(&ok(&["history", "toll", "-f", "json"])).unwrap();
    let south = |r: usize| j["rounds"][r]["cells"][1].clone();
    assert_eq!(south(0)["changes"], serde_json::json!(["added"]));
    assert_eq!(south(1)["changes"], serde_json::json!([]));
    assert_eq!(south(1)["stated"], false);
    assert_eq!(south(2)["changes"], serde_json::json!(["withdrawn"]));
    assert_eq!(south(2)["withdrawn"], true);
    assert_eq!(j["rounds"][2]["relations"][0], "unknown");
}

#[test]
fn an_unknown_issue_lists_the_issues_and_exits_2() {
    let (_, stderr, code) = run(redlines(), &["history", "tolls"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "unknown issue `tolls` (did you mean `toll`?); the issues of `harbour` are: harbour-control, fishing-quota, toll\n"
    );
}

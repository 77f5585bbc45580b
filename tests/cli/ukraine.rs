//! The second built-in talks, `russia-ukraine-2022`: it checks clean, each
//! command's view of it is a snapshot, and the story it tells holds — where
//! the sides met, what stayed apart, what moved between Belarus and
//! Istanbul — read from the JSON rather than pinned in prose.

use std::path::Path;

use crate::dataset::builtin_talks;
use crate::{bare, run};

const TALKS: &str = "russia-ukraine-2022";

/// `redlines --talks russia-ukraine-2022 ARGS`, built in.
fn ua(args: &[&str]) -> String {
    builtin_talks(TALKS, args)
}

fn json(args: &[&str]) -> serde_json::Value {
    let mut a = args.to_vec();
    a.extend(["--format", "json"]);
    serde_json::from_str(&ua(&a)).unwrap()
}

#[test]
fn it_checks_clean_with_no_warnings_from_disk_and_built_in() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let empty = tempfile::tempdir().unwrap();
    let from_disk = {
        let mut cmd = bare();
        cmd.arg("--data").arg(root.join("data"));
        cmd
    };
    let built_in = {
        let mut cmd = bare();
        cmd.current_dir(empty.path());
        cmd
    };
    for cmd in [from_disk, built_in] {
        // `check` reports on stderr.
        let (_, stderr, code) = run(cmd, &["--talks", TALKS, "check", "--deny-warnings"]);
        assert_eq!(code, 0, "{stderr}");
        assert!(
            stderr.starts_with("ok: no problems in 1 talks, 8 files"),
            "{stderr}"
        );
    }
}

/// Each command's view of the talks as of its last round, as a reader sees
/// it; `diff` in JSON too. Review the `.snap` files after a change to the
/// data: they are the story the talks tells.
#[test]
fn every_view_of_the_talks() {
    let cases: &[(&[&str], &str)] = &[
        (&["table"], "table"),
        (&["matrix", "--by", "issue"], "table"),
        (&["proposals"], "table"),
        (&["bridge"], "table"),
        (&["diff", "first", "latest"], "table"),
        (&["diff", "first", "latest"], "json"),
    ];
    for (case, format) in cases {
        let mut args = case.to_vec();
        args.extend(["--format", format]);
        insta::assert_snapshot!(format!("{}--{format}", case.join("_")), ua(&args));
    }
}

/// As of the draft of 15 April: Crimea, left out of the treaty, is the one
/// deal zone; the guarantees and the Donbas are red-line clashes; the army's
/// size stays apart in numbers; neutrality opens only on Ukraine's condition,
/// which Russia's guarantees refuse.
#[test]
fn where_the_sides_met_and_what_stayed_apart() {
    let m = json(&["matrix", "--by", "issue"]);
    let row = |issue: &str| {
        m["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["issue"] == issue)
            .unwrap()
            .clone()
    };
    assert_eq!(row("crimea")["deal_zone"], serde_json::json!(["excluded"]));
    for issue in [
        "neutrality",
        "guarantees",
        "army-size",
        "donbas",
        "sanctions",
    ] {
        assert_eq!(
            row(issue)["deal_zone"],
            serde_json::json!([]),
            "{issue}: {}",
            row(issue)
        );
    }
    let text = ua(&["matrix", "--by", "issue", "--width", "400"]);
    for line in [
        "neutral-eu-open if guarantees: automatic-assistance (refused by russia on guarantees)",
        "consensus-of-guarantors: ukraine ⛔",
        "cap-250000: russia",
        "cap-85000: ukraine",
        "independent: ukraine ⛔",
    ] {
        assert!(text.contains(line), "{line} missing from\n{text}");
    }
}

/// As of Istanbul, before Russia answered on the guarantees, Ukraine's
/// package of neutrality for guarantees is one every party could accept;
/// by 15 April it is not.
#[test]
fn neutrality_for_guarantees_opened_at_istanbul_and_closed_by_april() {
    let at = |round: &str| {
        ua(&[
            "matrix", "--by", "issue", "--round", round, "--width", "400",
        ])
    };
    let istanbul = at("istanbul");
    assert!(
        istanbul.contains("neutrality-for-guarantees): 1 package every party accepts"),
        "{istanbul}"
    );
    let april = at("latest");
    assert!(
        april.contains("neutrality-for-guarantees): no package every party accepts"),
        "{april}"
    );
}

/// Between Belarus (7 March) and Istanbul Russia moved on neutrality (any
/// bloc, then the EU open) and on the fighting (on until its demands are
/// met, then a scale-down near Kyiv and Chernihiv); `history` marks the
/// same moves that `diff` counts.
#[test]
fn what_moved_between_belarus_and_istanbul() {
    let d = json(&["diff", "2022-03-07", "istanbul", "--party", "russia"]);
    let moved: Vec<(&str, &str, &str)> = d["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "moved")
        .map(|c| {
            (
                c["issue"].as_str().unwrap(),
                c["from"].as_str().unwrap(),
                c["to"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        moved,
        [
            ("neutrality", "neutral-no-bloc", "neutral-eu-open"),
            ("ceasefire", "after-demands", "scale-down"),
        ],
        "{d}"
    );
    let h = json(&["history", "neutrality", "--party", "russia"]);
    let changed: Vec<&str> = h["rounds"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["cells"][0]["changed"] == true)
        .map(|r| r["round"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        changed,
        ["2022-03-07-belovezhskaya-pushcha", "2022-03-29-istanbul"]
    );
}

/// Each side's wording of the April draft is acceptable whole to the side
/// that wrote it (Ukraine's on its own conditions) and crosses or rejects
/// the other side's positions.
#[test]
fn each_wording_of_the_april_draft_is_its_own_sides() {
    let p = json(&["proposals"]);
    let proposals = p["proposals"].as_array().unwrap();
    let ids: Vec<&str> = proposals
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["april-draft-russia", "april-draft-ukraine"], "{p}");
    let text = ua(&["proposals", "--width", "400"]);
    for line in [
        "UA: crosses its red line on guarantees; rejects neutrality, foreign-forces, army-size, sanctions, language",
        "RU: acceptable but for guarantees, army-size, sanctions, language",
        "UA: accepts it, neutrality, foreign-forces on conditions the other terms meet",
    ] {
        assert!(text.contains(line), "{line} missing from\n{text}");
    }
}

#[test]
fn the_report_renders() {
    let page = ua(&["report", "--out", "-"]);
    assert!(page.starts_with("<!DOCTYPE html>"), "{}", &page[..80]);
    assert!(page.contains("Russia–Ukraine talks, spring 2022"));
    for id in [
        "matrix",
        "trend",
        "changes",
        "relations",
        "deal-zones",
        "positions",
    ] {
        assert!(page.contains(&format!("<section id=\"{id}\">")), "{id}");
    }
    // Turkey, host and mediator, shows among the positions but is not scored.
    assert!(page.contains(">Turkey<"));
    assert!(!page.contains("Turkey and Russia") && !page.contains("Russia and Turkey"));
    assert!(!page.contains("<script"));
}

/// `history` pairs the parties as the matrix and the trend do: the
/// mediator's stance has its column, its pairs only when asked for.
#[test]
fn history_pairs_the_mediator_only_when_asked() {
    let pairs = |v: &serde_json::Value| v["pairs"].clone();
    let plain = json(&["history", "neutrality"]);
    assert_eq!(pairs(&plain), serde_json::json!([["russia", "ukraine"]]));
    assert_eq!(plain["not_paired"], serde_json::json!(["turkey"]));
    assert_eq!(
        plain["parties"],
        serde_json::json!(["russia", "ukraine", "turkey"])
    );
    assert!(
        ua(&["history", "neutrality"])
            .contains("Not paired, having no stake of their own: Turkey (mediator)")
    );
    let all = json(&["history", "neutrality", "--with-mediators"]);
    assert_eq!(
        pairs(&all),
        serde_json::json!([
            ["russia", "ukraine"],
            ["russia", "turkey"],
            ["ukraine", "turkey"]
        ])
    );
    assert_eq!(all["not_paired"], serde_json::json!([]));
    let named = json(&[
        "history",
        "neutrality",
        "--party",
        "russia",
        "--party",
        "turkey",
    ]);
    assert_eq!(pairs(&named), serde_json::json!([["russia", "turkey"]]));
}

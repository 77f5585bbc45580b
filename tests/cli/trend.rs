//! `trend`: each pair's agreement score, round by round.

use crate::diff::moves_ok;
use crate::{FORMATS, ok, redlines, run};

#[test]
fn every_trend_in_every_format() {
    let cases: &[&[&str]] = &[
        &["trend"],
        &["trend", "--pair", "south,north", "--pair", "north,mediator"],
    ];
    for case in cases {
        for format in FORMATS {
            let mut args = case.to_vec();
            args.extend(["--format", format]);
            insta::assert_snapshot!(format!("{}--{format}", case.join("_")), ok(&args));
        }
    }
    insta::assert_snapshot!("ceasefire--trend--table", moves_ok(&["trend"]));
}

#[test]
fn a_pair_is_two_different_parties() {
    for (arg, message) in [
        (
            "north",
            "--pair takes two different parties separated by a comma, as in `--pair north,south`; got `north`\n",
        ),
        (
            "north,north",
            "--pair takes two different parties separated by a comma, as in `--pair north,south`; got `north,north`\n",
        ),
        (
            "north,west",
            "unknown party `west`; the parties of `harbour` are: north, south, mediator\n",
        ),
    ] {
        let (stdout, stderr, code) = run(redlines(), &["trend", "--pair", arg]);
        assert_eq!((stdout.as_str(), code), ("", 2), "{arg}");
        assert_eq!(stderr, message, "{arg}");
    }
}

#[test]
fn a_pair_named_twice_is_shown_once() {
    let csv = crate::ok(&[
        "trend",
        "--pair",
        "north,south",
        "--pair",
        "south,north",
        "--format",
        "csv",
    ]);
    // One row per round, for the one pair.
    assert_eq!(csv.lines().count(), 1 + 3, "{csv}");
    assert!(
        csv.lines().skip(1).all(|l| l.starts_with("north,south,")),
        "{csv}"
    );
}

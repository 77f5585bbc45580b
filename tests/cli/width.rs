//! Everything fits the width: every command of the terminal format, on
//! both built-in talks and the fixtures, at 60, 80 and 120 columns, prints
//! no line wider than asked — tables too wide become one record per row,
//! prose wraps between words or at an id's hyphens, never inside a date.

use unicode_width::UnicodeWidthStr;

use crate::{fixtures, run};

const COMMANDS: &[&[&str]] = &[
    &["table"],
    &["table", "--round", "first"],
    &["matrix"],
    &["matrix", "--by", "issue"],
    &["trend"],
    &["diff", "first", "latest"],
    &["diff", "--stat", "first", "latest"],
    &["diff", "--moves-only", "first", "latest"],
    &["proposals"],
    &["bridge"],
    &["trades"],
    &["list", "talks"],
    &["list", "parties"],
    &["list", "issues"],
    &["list", "rounds"],
];

/// `redlines --width W ARGS`: its stdout, which must succeed.
fn at(width: u16, data: &[&str], args: &[&str]) -> String {
    let mut cmd = assert_cmd::Command::cargo_bin("redlines").unwrap();
    for var in [
        "REDLINES_DATA",
        "REDLINES_TALKS",
        "REDLINES_WIDTH",
        "COLUMNS",
    ] {
        cmd.env_remove(var);
    }
    cmd.current_dir(fixtures())
        .args(["--color", "never", "--width", &width.to_string()])
        .args(data);
    let (stdout, stderr, code) = run(cmd, args);
    assert_eq!(code, 0, "{data:?} {args:?} at {width}: {stderr}");
    stdout
}

#[test]
fn every_command_fits_60_80_and_120_columns() {
    // Each data set, with an issue and two parties for `history` and `explain`.
    let datasets: &[(&[&str], [&str; 3])] = &[
        (
            &["--data", "../../data", "--talks", "euro-security-2022"],
            ["nato-open-door", "russia", "us"],
        ),
        (
            &["--data", "../../data", "--talks", "russia-ukraine-2022"],
            ["neutrality", "russia", "ukraine"],
        ),
        (&["--data", "linkage"], ["patrols", "east", "west"]),
        (
            &["--data", "data", "--talks", "harbour"],
            ["harbour-control", "north", "south"],
        ),
    ];
    for &(data, [issue, a, b]) in datasets {
        let history: &[&str] = &["history", issue];
        let explain: &[&str] = &["explain", a, b, issue];
        let show: &[&str] = &["show", a, issue];
        for args in COMMANDS.iter().chain([&history, &explain, &show]) {
            for width in [60, 80, 120] {
                let out = at(width, data, args);
                for line in out.lines() {
                    assert!(
                        line.width() <= usize::from(width),
                        "{data:?} {args:?} at {width}: a line of {}:\n{line}\n\n{out}",
                        line.width()
                    );
                }
            }
        }
    }
}

#[test]
fn prose_wraps_between_words_and_never_inside_a_date() {
    let out = at(
        60,
        &["--data", "../../data", "--talks", "euro-security-2022"],
        &["matrix"],
    );
    // The title would run to 87 columns: it wraps before the date.
    assert!(
        out.starts_with("Agreement between the parties as of 2022-02-17-russia-reply\n(2022-02-17), over 9 issues\n"),
        "{out}"
    );
    // What is wrapped is all there, word for word.
    let wide = at(
        120,
        &["--data", "../../data", "--talks", "euro-security-2022"],
        &["matrix"],
    );
    let words = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
    let legend = |s: &str| s[s.find("Each cell counts").unwrap()..].to_string();
    assert_eq!(words(&legend(&out)), words(&legend(&wide)));
}

#[test]
fn a_table_too_wide_becomes_one_record_per_row() {
    let out = at(
        60,
        &["--data", "../../data", "--talks", "euro-security-2022"],
        &["matrix", "--by", "issue"],
    );
    assert!(
        out.contains("\n issue          nato-open-door\n RU–US          ⛔\n"),
        "{out}"
    );
    // A table that fits is drawn as one.
    let fits = at(120, &["--data", "linkage"], &["matrix", "--by", "issue"]);
    assert!(fits.contains("╭"), "{fits}");
}

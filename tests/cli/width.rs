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

/// `redlines` in the fixtures' folder, colour off, with no setting
/// inherited: no data folder, talks or width, and no `$COLUMNS`.
fn redlines() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("redlines").unwrap();
    for var in [
        "REDLINES_DATA",
        "REDLINES_TALKS",
        "REDLINES_WIDTH",
        "COLUMNS",
    ] {
        cmd.env_remove(var);
    }
    cmd.current_dir(fixtures()).args(["--color", "never"]);
    cmd
}

/// `redlines --width W ARGS`: its stdout, which must succeed.
fn at(width: u16, data: &[&str], args: &[&str]) -> String {
    let mut cmd = redlines();
    cmd.args(["--width", &width.to_string()]).args(data);
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

/// `redlines ARGS` with no `--width`, its output piped as in a test: its
/// stdout, which must succeed. `columns` is `$COLUMNS`, where set.
fn piped(columns: Option<&str>, args: &[&str]) -> String {
    let mut cmd = redlines();
    if let Some(c) = columns {
        cmd.env("COLUMNS", c);
    }
    cmd.args(["--data", "../../data"]);
    let (stdout, stderr, code) = run(cmd, args);
    assert_eq!(code, 0, "{args:?} with COLUMNS={columns:?}: {stderr}");
    stdout
}

fn widest(out: &str) -> usize {
    out.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// Piped, with no `--width`: `$COLUMNS` where it is a number of 20 or
/// more, else 100 — never a line as long as the table's content (the
/// issue's `explain | cat` printed lines of thousands of columns).
#[test]
fn piped_output_fits_columns_else_100() {
    let explain: &[&str] = &[
        "--talks",
        "euro-security-2022",
        "explain",
        "russia",
        "us",
        "nato-open-door",
    ];
    let table: &[&str] = &["--talks", "russia-ukraine-2022", "table"];
    for args in [explain, table] {
        for (columns, width) in [
            (None, 100),
            (Some("70"), 70),
            (Some("132"), 132),
            (Some("wide"), 100),
            (Some("5"), 100),
        ] {
            let out = piped(columns, args);
            let w = widest(&out);
            assert!(
                w <= width,
                "{args:?} with COLUMNS={columns:?}: a line of {w}\n{out}"
            );
            // It is the width fitted, not a table that happens to be narrow.
            assert!(w > width - 10, "{args:?} with COLUMNS={columns:?}: {w}");
        }
    }
    // --width wins over $COLUMNS.
    let mut a = vec!["--width", "60"];
    a.extend(explain);
    assert!(widest(&piped(Some("70"), &a)) <= 60);
}

/// Lines of `check` exempt from the width: a location (`--> path:line:col`)
/// is a path an editor or a terminal opens, whole or not at all; a source
/// line (`12 | …`) is the data's own line, which annotate-snippets cuts to
/// the width around its caret but never inside what the caret marks (a
/// long quote), and the carets under it are as wide as what they mark.
/// Every other line — messages, labels, help, the summary — wraps.
fn exempt(line: &str) -> bool {
    let t = line.trim_start();
    let source = t
        .split_once(" | ")
        .is_some_and(|(n, _)| n.parse::<u32>().is_ok());
    let carets = t.strip_prefix('|').is_some_and(|rest| {
        rest.contains('^')
            && rest
                .chars()
                .all(|c| matches!(c, ' ' | '^' | '-' | '_' | '|'))
    });
    t.starts_with("--> ") || source || carets
}

#[test]
fn check_fits_60_80_and_120_columns_on_stdout_and_stderr() {
    let mut folders: Vec<Vec<String>> = std::fs::read_dir(fixtures().join("broken"))
        .unwrap()
        .map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            vec!["--data".to_string(), format!("broken/{name}")]
        })
        .collect();
    folders.sort();
    folders.push(vec!["--data".into(), "../../data".into()]);
    // With saved copies, the lines on quotes and on copies no source took.
    folders.push(vec![
        "--data".into(),
        "broken/quotes".into(),
        "--sources".into(),
        "broken/quotes/sources".into(),
    ]);
    for width in [60u16, 80, 120] {
        for args in &folders {
            let (data, rest) = args.split_at(2);
            let mut cmd = redlines();
            cmd.args(["--width", &width.to_string()])
                .args(data)
                .arg("check")
                .args(rest);
            let (stdout, stderr, _) = run(cmd, &[]);
            assert!(!stderr.is_empty(), "{args:?}");
            for (name, out) in [("stdout", &stdout), ("stderr", &stderr)] {
                for line in out.lines().filter(|l| !exempt(l)) {
                    assert!(
                        line.width() <= usize::from(width),
                        "{args:?} at {width}, {name}: a line of {}:\n{line}\n\n{out}",
                        line.width()
                    );
                }
            }
        }
    }
}

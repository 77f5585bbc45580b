//! The curated datasets: they check clean, their quotes are verbatim, and
//! every format holds the same rows. The second talks has a module of its
//! own, `ukraine`, for its snapshots.

use std::fs;
use std::path::Path;

use crate::{bare, run, run_on};

/// `redlines --talks euro-security-2022 ARGS`, built in, which must succeed.
fn builtin(args: &[&str]) -> String {
    builtin_talks("euro-security-2022", args)
}

/// `redlines --talks ID ARGS` on the built-in data (run where there is no
/// `./data`), which must succeed.
pub fn builtin_talks(id: &str, args: &[&str]) -> String {
    let empty = tempfile::tempdir().unwrap();
    let mut cmd = bare();
    cmd.current_dir(empty.path()).args(["--talks", id]);
    let (stdout, stderr, code) = run(cmd, args);
    assert_eq!(code, 0, "redlines --talks {id} {args:?}: {stderr}");
    stdout
}

#[test]
fn the_shipped_data_checks_clean_with_no_warnings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (_, stderr, code) = run_on(root.join("data"), &["check", "--deny-warnings"]);
    assert_eq!(code, 0, "{stderr}");
}

/// Every quote citing the Guardian's report is in it, character for
/// character (white space and quote marks aside), checked by `check
/// --sources` against the saved copy that the source's fingerprint names.
/// The article is not in the repository (the project ships no one's
/// article); it is in ../shared/sources beside it, where CI has it.
#[test]
fn every_guardian_quote_is_verified_against_the_saved_article() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let saved = root.join("../shared/sources");
    if !saved.join("guardian-2022-01-10-geneva-talks.txt").exists() {
        eprintln!("skipped: {} holds no copy of the article", saved.display());
        return;
    }
    let mut cmd = bare();
    cmd.arg("--data").arg(root.join("data"));
    cmd.arg("check").arg("--sources").arg(&saved);
    let (stdout, stderr, code) = run(cmd, &["--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let quotes = &report["quotes"];
    assert!(
        quotes["sources_with_text"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == "guardian-2022-01-10"),
        "the saved article is not known by the source's fingerprint: {quotes}"
    );
    // A source with a text has every quote citing it checked: none may be
    // missing from it.
    assert_eq!(quotes["not_found"], 0, "{quotes}");
    let cited = guardian_quotes(&root.join("data/euro-security-2022/rounds"));
    assert!(cited >= 8, "only {cited} quotes cite the Guardian");
    assert!(
        quotes["verified"].as_u64().unwrap() >= cited,
        "{cited} quotes cite the Guardian, but only {} were verified: {quotes}",
        quotes["verified"]
    );
}

/// The quotes that cite the Guardian and that `check` verifies against its
/// text: those of positions citing it, and red-line evidence citing it (or
/// citing nothing, on a position citing it, when the words are not already
/// in the position's own quote).
fn guardian_quotes(rounds: &Path) -> u64 {
    const ID: &str = "guardian-2022-01-10";
    let mut n = 0;
    for entry in fs::read_dir(rounds).unwrap() {
        let text = fs::read_to_string(entry.unwrap().path()).unwrap();
        let round: toml::Table = toml::from_str(&text).unwrap();
        let Some(positions) = round.get("positions").and_then(|p| p.as_table()) else {
            continue;
        };
        for position in positions
            .values()
            .flat_map(|by| by.as_table().unwrap().values())
        {
            let source = position.get("source").and_then(|s| s.as_str());
            let quote = position.get("quote").and_then(|q| q.as_str());
            if source == Some(ID) && quote.is_some() {
                n += 1;
            }
            if let Some(ev) = position.get("evidence") {
                let words = ev["quote"].as_str().unwrap();
                match ev.get("source").and_then(|s| s.as_str()) {
                    Some(s) => n += u64::from(s == ID),
                    None => {
                        n += u64::from(
                            source == Some(ID) && !quote.is_some_and(|q| q.contains(words)),
                        )
                    }
                }
            }
        }
    }
    n
}

#[test]
fn every_format_holds_the_same_rows_as_the_table() {
    for (id, round) in [
        ("euro-security-2022", "first"),
        ("euro-security-2022", "geneva"),
        ("euro-security-2022", "latest"),
        ("russia-ukraine-2022", "first"),
        ("russia-ukraine-2022", "istanbul"),
        ("russia-ukraine-2022", "latest"),
    ] {
        let json: serde_json::Value = serde_json::from_str(&builtin_talks(
            id,
            &["table", "--round", round, "--format", "json"],
        ))
        .unwrap();
        let rows = json["rows"].as_array().unwrap();
        let issues: Vec<&str> = rows.iter().map(|r| r["issue"].as_str().unwrap()).collect();
        assert_eq!(issues.len(), 9);

        // CSV: one row per issue and party, tidy.
        let csv = builtin_talks(id, &["table", "--round", round, "--format", "csv"]);
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let cells: Vec<&serde_json::Value> = rows
            .iter()
            .flat_map(|r| r["cells"].as_array().unwrap())
            .collect();
        assert_eq!(records.len(), cells.len());
        let mut k = 0;
        for row in rows {
            for cell in row["cells"].as_array().unwrap() {
                let record = &records[k];
                k += 1;
                assert_eq!(&record[0], row["issue"].as_str().unwrap());
                assert_eq!(&record[1], cell["party"].as_str().unwrap());
                assert_eq!(
                    &record[2],
                    cell["stance"].as_str().unwrap_or(""),
                    "{record:?}"
                );
                assert_eq!(
                    &record[3],
                    if cell["red_line"] == true {
                        "true"
                    } else {
                        "false"
                    }
                );
            }
        }

        let markdown = builtin_talks(id, &["table", "--round", round, "--format", "markdown"]);
        let body: Vec<&str> = markdown
            .lines()
            .filter(|l| l.starts_with("| "))
            .skip(1)
            .collect();
        assert_eq!(body.len(), issues.len(), "{markdown}");
        for (line, issue) in body.iter().zip(&issues) {
            assert!(line.contains(&format!(" · {issue} ")), "{line}");
        }

        let table = builtin_talks(id, &["table", "--round", round, "--width", "400"]);
        for issue in &issues {
            assert!(table.contains(issue), "{issue} missing from\n{table}");
        }
    }
}

/// `history` marks with `*` what `diff` counts as movement (or a first
/// statement, or a withdrawal): Russia restating its demand on the open door
/// at Vienna, in new words and with the same stance, red line and priority,
/// is neither.
#[test]
fn history_and_diff_agree_on_what_moved() {
    let history: serde_json::Value = serde_json::from_str(&builtin(&[
        "history",
        "nato-open-door",
        "--party",
        "russia",
        "--format",
        "json",
    ]))
    .unwrap();
    let vienna = &history["rounds"][3];
    assert_eq!(vienna["round"]["id"], "2022-01-13-vienna");
    assert_eq!(
        vienna["cells"][0]["changes"],
        serde_json::json!(["summary-changed", "quote-changed"])
    );
    assert_eq!(vienna["cells"][0]["changed"], false);
    let diff = builtin(&[
        "diff",
        "geneva",
        "vienna",
        "--party",
        "russia",
        "--issue",
        "nato-open-door",
    ]);
    assert!(
        diff.trim_end()
            .ends_with("no movement; 1 position restated without moving"),
        "{diff}"
    );
}

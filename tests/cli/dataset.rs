//! The curated dataset: it checks clean, its quotes are verbatim, and every
//! format holds the same rows.

use std::fs;
use std::path::Path;

use crate::{bare, run};

fn builtin(args: &[&str]) -> String {
    let empty = tempfile::tempdir().unwrap();
    let mut cmd = bare();
    cmd.current_dir(empty.path());
    let (stdout, stderr, code) = run(cmd, args);
    assert_eq!(code, 0, "redlines {args:?}: {stderr}");
    stdout
}

#[test]
fn the_shipped_data_checks_clean_with_no_warnings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut cmd = bare();
    cmd.arg("--data").arg(root.join("data"));
    let (_, stderr, code) = run(cmd, &["check", "--deny-warnings"]);
    assert_eq!(code, 0, "{stderr}");
}

/// Every quote citing the Guardian's report is in it, character for
/// character (white space and quote marks aside): checked by `check` itself,
/// with the article as the source's local file. The article is not in the
/// repository; it is in ../shared/sources beside it, where CI has it.
#[test]
fn every_guardian_quote_is_verbatim_in_the_article() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let article = root.join("../shared/sources/guardian-2022-01-10-geneva-talks.txt");
    if !article.exists() {
        eprintln!("skipped: {} is not here", article.display());
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let talks = tmp.path().join("euro-security-2022");
    fs::create_dir_all(talks.join("rounds")).unwrap();
    fs::create_dir_all(talks.join("sources")).unwrap();
    fs::copy(&article, talks.join("sources/guardian.txt")).unwrap();
    let from = root.join("data/euro-security-2022");
    fs::copy(from.join("talks.toml"), talks.join("talks.toml")).unwrap();
    let mut cited = 0;
    for entry in fs::read_dir(from.join("rounds")).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        cited += text.matches("source = \"guardian-2022-01-10\"").count();
        let text = text.replace(
            "id = \"guardian-2022-01-10\"\n",
            "id = \"guardian-2022-01-10\"\nfile = \"sources/guardian.txt\"\n",
        );
        fs::write(talks.join("rounds").join(path.file_name().unwrap()), text).unwrap();
    }
    assert!(cited >= 5, "only {cited} positions cite the Guardian");
    let mut cmd = bare();
    cmd.arg("--data").arg(tmp.path());
    let (_, stderr, code) = run(cmd, &["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.starts_with("ok: "), "{stderr}");
}

#[test]
fn every_format_holds_the_same_rows_as_the_table() {
    for round in ["first", "geneva", "latest"] {
        let json: serde_json::Value =
            serde_json::from_str(&builtin(&["table", "--round", round, "--format", "json"]))
                .unwrap();
        let rows = json["rows"].as_array().unwrap();
        let issues: Vec<&str> = rows.iter().map(|r| r["issue"].as_str().unwrap()).collect();
        assert_eq!(issues.len(), 9);

        let csv = builtin(&["table", "--round", round, "--format", "csv"]);
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(records.len(), issues.len());
        for (record, row) in records.iter().zip(rows) {
            assert!(record[0].ends_with(row["issue"].as_str().unwrap()));
            for (k, cell) in row["cells"].as_array().unwrap().iter().enumerate() {
                match cell["stance"].as_str() {
                    Some(stance) => assert!(record[k + 1].starts_with(stance), "{record:?}"),
                    None => assert_eq!(&record[k + 1], "·"),
                }
            }
        }

        let markdown = builtin(&["table", "--round", round, "--format", "markdown"]);
        let body: Vec<&str> = markdown
            .lines()
            .filter(|l| l.starts_with("| "))
            .skip(1)
            .collect();
        assert_eq!(body.len(), issues.len(), "{markdown}");
        for (line, issue) in body.iter().zip(&issues) {
            assert!(line.contains(&format!(" · {issue} ")), "{line}");
        }

        let table = builtin(&["table", "--round", round, "--width", "400"]);
        for issue in &issues {
            assert!(table.contains(issue), "{issue} missing from\n{table}");
        }
    }
}

/// `history` marks with `*` what `diff` counts as movement (or a first
/// statement, or a withdrawal): Russia newly calling the exercises secondary
/// at Geneva is neither.
#[test]
fn history_and_diff_agree_on_what_moved() {
    let history: serde_json::Value = serde_json::from_str(&builtin(&[
        "history",
        "military-exercises",
        "--party",
        "russia",
        "--format",
        "json",
    ]))
    .unwrap();
    let geneva = &history["rounds"][1];
    assert_eq!(geneva["round"]["id"], "2022-01-10-geneva");
    assert_eq!(
        geneva["cells"][0]["changes"],
        serde_json::json!(["priority-changed", "summary-changed"])
    );
    assert_eq!(geneva["cells"][0]["changed"], false);
    let diff = builtin(&[
        "diff",
        "first",
        "geneva",
        "--party",
        "russia",
        "--issue",
        "military-exercises",
    ]);
    assert!(
        diff.trim_end()
            .ends_with("no movement; 1 position restated without moving"),
        "{diff}"
    );
}

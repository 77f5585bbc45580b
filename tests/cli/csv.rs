//! Every CSV output reads back as one tidy table: a header that names each
//! column, the same number of fields in every row, numbers as numbers,
//! `true`/`false`, empty for unknown — and no cell a spreadsheet would run.

use crate::{bare, fixtures, formula_talks, run};

/// Columns whose every cell must be a number (or empty, for unknown).
pub const NUMBERS: [&str; 11] = [
    "score",
    "agree",
    "overlap",
    "disagree",
    "clash",
    "unknown",
    "score_before",
    "score_after",
    "gain",
    "cost",
    "line",
];
/// Columns whose every cell must be `true` or `false`.
pub const FLAGS: [&str; 8] = [
    "red_line",
    "carried",
    "on_conditions",
    "assumed",
    "withdrawn",
    "stated",
    "changed",
    "deal_zone_known",
];

fn csv_of(data: &str, args: &[&str]) -> String {
    let mut cmd = bare();
    cmd.current_dir(fixtures()).args(["--data", data]);
    let mut a = args.to_vec();
    a.extend(["--format", "csv"]);
    let (stdout, stderr, code) = run(cmd, &a);
    assert!(code == 0 || args[0] == "check", "{args:?}: {stderr}");
    stdout
}

#[test]
fn every_csv_reads_back_typed_and_tidy() {
    let cases: &[(&str, &[&str])] = &[
        ("data", &["list", "rounds"]),
        ("data", &["list", "parties"]),
        ("data", &["list", "issues"]),
        ("data", &["table"]),
        ("data", &["show", "north", "toll"]),
        ("data", &["matrix"]),
        ("data", &["matrix", "--by", "issue"]),
        ("data", &["explain", "north", "south", "toll"]),
        ("data", &["diff", "first", "latest"]),
        ("data", &["history", "toll"]),
        ("data", &["trend"]),
        ("linkage", &["proposals"]),
        ("linkage", &["bridge"]),
        ("linkage", &["bridge", "toll"]),
        ("linkage", &["trades"]),
        ("linkage", &["--assume", "east.toll=none", "table"]),
        ("broken/unknown-ref", &["check"]),
    ];
    for (data, args) in cases {
        let text = csv_of(data, args);
        let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let headers = reader.headers().unwrap().clone();
        assert!(
            headers.iter().all(|h| !h.is_empty()),
            "{args:?}: {headers:?}"
        );
        let mut rows = 0;
        for record in reader.records() {
            let record = record.unwrap_or_else(|e| panic!("{args:?}: not one table: {e}\n{text}"));
            rows += 1;
            for (h, v) in headers.iter().zip(record.iter()) {
                if NUMBERS.contains(&h) {
                    assert!(
                        v.is_empty() || v.parse::<f64>().is_ok(),
                        "{args:?}: {h} = {v:?}"
                    );
                }
                if FLAGS.contains(&h) {
                    assert!(v == "true" || v == "false", "{args:?}: {h} = {v:?}");
                }
                assert!(
                    !v.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{args:?}: {h} = {v:?} would run as a formula"
                );
            }
        }
        assert!(rows > 0, "{args:?}: no rows");
    }
}

#[test]
fn a_formula_in_the_data_is_written_as_text_unless_asked() {
    let tmp = formula_talks();
    let run_csv = |extra: &[&str]| {
        let mut cmd = bare();
        cmd.arg("--data").arg(tmp.path());
        let mut args = vec!["show", "a", "i", "--format", "csv"];
        args.extend(extra);
        run(cmd, &args).0
    };
    let safe = run_csv(&[]);
    assert!(safe.contains("summary,'=1+1"), "{safe}");
    let raw = run_csv(&["--csv-raw"]);
    assert!(raw.contains("summary,=1+1"), "{raw}");
}

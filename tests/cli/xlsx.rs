//! `--format xlsx` read back with calamine: a sheet per table of the CSV,
//! the same headers, numbers as numbers, `true`/`false` as booleans, text
//! that looks like a formula kept as text; written to `--out` atomically,
//! never over a file without `--force`, never to a terminal.

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::csv::{FLAGS, NUMBERS};
use crate::{bare, formula_talks, run};

const TALKS: [&str; 2] = ["--talks", "euro-security-2022"];

fn workbook(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The header row of each table of a command's CSV.
fn csv_headers(args: &[&str]) -> Vec<Vec<String>> {
    let mut a = TALKS.to_vec();
    a.extend(args);
    a.extend(["--format", "csv"]);
    let (stdout, stderr, code) = run(bare(), &a);
    assert_eq!(code, 0, "{args:?}: {stderr}");
    stdout
        .split("\n\n")
        .map(|table| {
            let mut r = csv::ReaderBuilder::new().from_reader(table.as_bytes());
            r.headers().unwrap().iter().map(String::from).collect()
        })
        .collect()
}

#[test]
fn every_workbook_reads_back_typed_with_the_csv_headers() {
    let tmp = tempfile::tempdir().unwrap();
    let cases: &[&[&str]] = &[
        &["table"],
        &["matrix"],
        &["matrix", "--by", "issue"],
        &["trend"],
        &["diff", "first", "latest"],
        &["proposals"],
        &["bridge"],
    ];
    for (k, args) in cases.iter().enumerate() {
        let file = tmp.path().join(format!("{k}.xlsx"));
        let mut a = TALKS.to_vec();
        a.extend(*args);
        a.extend(["--format", "xlsx", "--out", file.to_str().unwrap()]);
        let (stdout, stderr, code) = run(bare(), &a);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        assert!(stdout.is_empty(), "{args:?}: {stdout}");
        assert!(stderr.starts_with("wrote "), "{args:?}: {stderr}");
        let mut book = workbook(&file);
        let names = book.sheet_names();
        let headers = csv_headers(args);
        assert_eq!(names.len(), headers.len(), "{args:?}: {names:?}");
        for (name, csv_header) in names.iter().zip(&headers) {
            assert!(name.chars().count() <= 31, "{name}");
            let range = book.worksheet_range(name).unwrap();
            let mut rows = range.rows();
            let header: Vec<String> = rows.next().unwrap().iter().map(|c| c.to_string()).collect();
            assert_eq!(&header, csv_header, "{args:?}: sheet {name}");
            let mut n = 0;
            for row in rows {
                n += 1;
                for (h, cell) in header.iter().zip(row) {
                    if NUMBERS.contains(&h.as_str()) {
                        assert!(
                            matches!(cell, Data::Float(_) | Data::Int(_) | Data::Empty),
                            "{args:?}: {h} = {cell:?}"
                        );
                    }
                    if FLAGS.contains(&h.as_str()) {
                        assert!(matches!(cell, Data::Bool(_)), "{args:?}: {h} = {cell:?}");
                    }
                }
            }
            assert!(n > 0, "{args:?}: sheet {name} has no rows");
            let formulas = book.worksheet_formula(name).unwrap();
            assert!(
                formulas.used_cells().all(|(_, _, f)| f.is_empty()),
                "{args:?}: a formula in {name}"
            );
        }
    }
    // The agreement scores are numbers in [0, 1].
    let mut book = workbook(&tmp.path().join("1.xlsx"));
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    let scores: Vec<f64> = range
        .rows()
        .skip(1)
        .filter_map(|r| match r[2] {
            Data::Float(x) => Some(x),
            Data::Int(x) => Some(x as f64),
            _ => None,
        })
        .collect();
    assert!(!scores.is_empty());
    assert!(scores.iter().all(|x| (0.0..=1.0).contains(x)), "{scores:?}");
}

#[test]
fn text_that_looks_like_a_formula_is_written_as_text() {
    let tmp = formula_talks();
    for (k, args) in [
        &["show", "a", "i"][..],
        &["list", "talks"],
        &["list", "parties"],
    ]
    .iter()
    .enumerate()
    {
        let file = tmp.path().join(format!("{k}.xlsx"));
        let mut cmd = bare();
        cmd.arg("--data").arg(tmp.path());
        let mut a = args.to_vec();
        a.extend(["--format", "xlsx", "--out", file.to_str().unwrap()]);
        let (_, stderr, code) = run(cmd, &a);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        let mut book = workbook(&file);
        let name = book.sheet_names()[0].clone();
        let formulas = book.worksheet_formula(&name).unwrap();
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
        let range = book.worksheet_range(&name).unwrap();
        let texts: Vec<String> = range
            .used_cells()
            .filter_map(|(_, _, c)| match c {
                Data::String(s) => Some(s.clone()),
                _ => None,
            })
            .collect();
        let hostile = ["=1+1", "=HYPERLINK", "+A", "@I"];
        assert!(
            texts
                .iter()
                .any(|t| hostile.iter().any(|h| t.starts_with(h))),
            "{args:?}: {texts:?}"
        );
    }
    // `show` has the summary cell exactly, as a string.
    let mut book = workbook(&tmp.path().join("0.xlsx"));
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    assert!(
        range
            .used_cells()
            .any(|(_, _, c)| *c == Data::String("=1+1".into())),
        "{range:?}"
    );
}

#[test]
fn a_workbook_is_never_written_over_a_file_without_force() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("m.xlsx");
    std::fs::write(&file, "keep me").unwrap();
    let write = |out: &Path, force: bool| {
        let mut args = vec![
            "--talks",
            "euro-security-2022",
            "matrix",
            "--format",
            "xlsx",
        ];
        args.extend(["--out", out.to_str().unwrap()]);
        if force {
            args.push("--force");
        }
        run(bare(), &args)
    };
    let (_, stderr, code) = write(&file, false);
    assert_eq!(code, 2);
    assert!(stderr.contains("already exists; pass --force"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me");
    let (_, stderr, code) = write(&file, true);
    assert_eq!(code, 0, "{stderr}");
    assert!(std::fs::read(&file).unwrap().starts_with(b"PK"));
    // A folder is not replaced, even with --force.
    let (_, stderr, code) = write(tmp.path(), true);
    assert_eq!(code, 2);
    assert!(stderr.contains("is not a regular file"), "{stderr}");
}

#[test]
fn piped_without_out_the_workbook_goes_to_stdout() {
    let out = bare()
        .args([
            "--talks",
            "euro-security-2022",
            "matrix",
            "--format",
            "xlsx",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.starts_with(b"PK"));
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(out.stdout)).unwrap();
    assert_eq!(book.sheet_names().len(), 1);
    assert!(book.worksheet_range(&book.sheet_names()[0]).is_ok());
}

#[test]
fn out_is_refused_where_it_does_not_apply() {
    let (_, stderr, code) = run(
        bare(),
        &["--talks", "euro-security-2022", "matrix", "--out", "x.csv"],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("--out names the file"), "{stderr}");
    let (_, stderr, code) = run(
        bare(),
        &["schema", "talks", "--format", "xlsx", "--out", "x.xlsx"],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("--out names the file"), "{stderr}");
}

#[test]
fn a_workbook_is_refused_on_a_terminal() {
    // `script` runs the command with its stdout on a pseudo-terminal.
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        return;
    }
    let bin = env!("CARGO_BIN_EXE_redlines");
    let out = std::process::Command::new("script")
        .args(["-qec"])
        .arg(format!(
            "{bin} --talks euro-security-2022 --color never matrix --format xlsx"
        ))
        .arg("/dev/null")
        .env_remove("REDLINES_DATA")
        .env_remove("REDLINES_TALKS")
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{shown}");
    assert!(shown.contains("name a file with --out FILE"), "{shown}");
    assert!(!shown.contains("PK"), "{shown}");
}

/// A cell longer than Excel holds (32 767 characters) does not fail the
/// workbook: its text is cut to the limit and ends saying so, and one
/// warning names the sheet, the cell and the whole length.
#[test]
fn a_cell_too_long_for_excel_is_cut_and_said_to_be() {
    let tmp = tempfile::tempdir().unwrap();
    crate::copy_dir(&crate::fixtures().join("data"), tmp.path());
    let round = tmp.path().join("harbour/rounds/2024-03-01-opening.toml");
    let text = std::fs::read_to_string(&round).unwrap();
    let long = "toll ".repeat(8_000);
    let text = text.replacen(
        "summary = \"A low toll for all ships\"",
        &format!("summary = \"{}\"", long.trim_end()),
        1,
    );
    std::fs::write(&round, text).unwrap();
    let length = long.trim_end().chars().count();
    assert!(length > 32_767);
    let file = tmp.path().join("show.xlsx");
    let mut cmd = bare();
    cmd.arg("--data").arg(tmp.path());
    let (stdout, stderr, code) = run(
        cmd,
        &[
            "show",
            "north",
            "toll",
            "--round",
            "first",
            "--format",
            "xlsx",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.is_empty());
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(warnings.len(), 1, "{stderr}");
    let mut book = workbook(&file);
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    let (row, col, cell) = range
        .used_cells()
        .find(|(_, _, c)| c.to_string().starts_with("toll toll"))
        .unwrap();
    let cell = cell.to_string();
    assert!(cell.encode_utf16().count() <= 32_767, "{}", cell.len());
    assert!(cell.len() > 32_000, "{}", cell.len());
    let cut = length
        - (cell.chars().count()
            - cell
                .find(" … [cut:")
                .map(|i| cell[i..].chars().count())
                .unwrap());
    assert!(
        cell.ends_with(&format!(
            " … [cut: {cut} more characters; see --format json]"
        )),
        "{}",
        &cell[cell.len() - 80..]
    );
    // The warning, on one line or wrapped, names the sheet, the cell (A1)
    // and the whole length.
    let said = stderr.split_whitespace().collect::<Vec<_>>().join(" ");
    let a1 = format!(
        "{}{}",
        char::from(b'A' + u8::try_from(col).unwrap()),
        row + 1
    );
    for part in [
        format!("sheet “{name}”"),
        format!("cell {a1}:"),
        format!("{length} characters"),
    ] {
        assert!(said.contains(&part), "{part} in {stderr}");
    }
    assert!(stderr.contains("wrote "), "{stderr}");
}

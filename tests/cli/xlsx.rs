//! `--format xlsx` read back with calamine: a sheet per table of the CSV,
//! the same headers, numbers as numbers, `true`/`false` as booleans, text
//! that looks like a formula kept as text; written to `--out` atomically,
//! never over a file without `--force`, never to a terminal.

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::csv::{FLAGS, NUMBERS};
use crate::{bare, formula_talks, run, run_on};

const TALKS: [&str; 2] = ["--talks", "euro-security-2022"];

fn workbook(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `redlines --talks euro-security-2022 ARGS --format xlsx --out FILE`,
/// which must succeed and print nothing on stdout: its stderr.
fn write_workbook(args: &[&str], file: &Path) -> String {
    let mut a = TALKS.to_vec();
    a.extend(args);
    a.extend(["--format", "xlsx", "--out", file.to_str().unwrap()]);
    let (stdout, stderr, code) = run(bare(), &a);
    assert_eq!(code, 0, "{args:?}: {stderr}");
    assert!(stdout.is_empty(), "{args:?}: {stdout}");
    stderr
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
        let stderr = write_workbook(args, &file);
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
    let (stdout, stderr, code) = run_on(
        tmp.path(),
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

/// The parts of a workbook (a zip of XML files), by name.
fn parts(path: &Path) -> std::collections::HashMap<String, String> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut text = String::new();
            f.read_to_string(&mut text).unwrap();
            (f.name().unwrap().to_string(), text)
        })
        .collect()
}

/// The opening tags `<name …>` of an XML text, in order.
fn tags<'x>(xml: &'x str, name: &str) -> Vec<&'x str> {
    let open = format!("<{name} ");
    xml.match_indices(&open)
        .map(|(at, _)| &xml[at..at + xml[at..].find('>').unwrap()])
        .collect()
}

/// The value of attribute `name` in a tag.
fn attr<'x>(tag: &'x str, name: &str) -> Option<&'x str> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    Some(&tag[at..at + tag[at..].find('"')?])
}

/// The elements `<name>…</name>` of a list such as `<fills>`, whole.
fn elements<'x>(xml: &'x str, list: &str, name: &str) -> Vec<&'x str> {
    let inner = &xml[xml.find(&format!("<{list} ")).unwrap()..];
    let inner = &inner[..inner.find(&format!("</{list}>")).unwrap()];
    let close = format!("</{name}>");
    let mut out = Vec::new();
    let mut rest = inner;
    while let Some(at) = rest.find(&format!("<{name}")) {
        let tail = &rest[at..];
        // `<font>` but not `<fonts …>`: the next byte ends the name.
        if !matches!(tail.as_bytes()[name.len() + 1], b'>' | b' ' | b'/') {
            rest = &tail[name.len() + 1..];
            continue;
        }
        let end = if tail.starts_with(&format!("<{name}/>"))
            || tail[..tail.find('>').unwrap()].ends_with('/')
        {
            tail.find('>').unwrap() + 1
        } else {
            tail.find(&close).unwrap() + close.len()
        };
        out.push(&tail[..end]);
        rest = &tail[end..];
    }
    out
}

/// A cell reference such as `C12` as (row, column) from 0.
fn cell_at(r: &str) -> (usize, usize) {
    let letters: String = r.chars().take_while(char::is_ascii_uppercase).collect();
    let col = letters
        .bytes()
        .fold(0, |n, b| n * 26 + usize::from(b - b'A' + 1))
        - 1;
    (r[letters.len()..].parse::<usize>().unwrap() - 1, col)
}

/// Each styled cell of a sheet: its background (`#rrggbb`) and ink, by
/// (row, column).
fn colours(
    book: &std::collections::HashMap<String, String>,
    sheet: &str,
) -> Vec<((usize, usize), String, String)> {
    let styles = &book["xl/styles.xml"];
    let fills = elements(styles, "fills", "fill");
    let fonts = elements(styles, "fonts", "font");
    let xfs = tags(&styles[styles.find("<cellXfs").unwrap()..], "xf");
    let rgb = |xml: &str, tag: &str| -> String {
        let t = tags(xml, tag);
        let argb = t.first().and_then(|t| attr(t, "rgb")).unwrap_or("FF000000");
        format!("#{}", argb[2..].to_lowercase())
    };
    tags(&book[sheet], "c")
        .into_iter()
        .filter_map(|c| {
            let xf = xfs[attr(c, "s")?.parse::<usize>().unwrap()];
            let fill: usize = attr(xf, "fillId")?.parse().unwrap();
            let font: usize = attr(xf, "fontId")?.parse().unwrap();
            (fill > 1).then(|| {
                (
                    cell_at(attr(c, "r").unwrap()),
                    rgb(fills[fill], "fgColor"),
                    rgb(fonts[font], "color"),
                )
            })
        })
        .collect()
}

/// What calamine cannot read, read in the XML: every sheet's header row is
/// frozen and its columns as wide as their text (at most 60, plus a margin
/// of 2); the scores of `matrix` wear the report's heat colours and the
/// relations of `matrix --by issue` the report's colours of relations —
/// each cell's fill and font colour are those `render::html` gives the page.
#[test]
fn workbooks_freeze_the_header_fit_the_columns_and_wear_the_reports_colours() {
    use redlines::core::compare::Relation;
    use redlines::render::html::{heat, heat_ink, relation_colours};
    use redlines::view::relation::WORDS;

    let tmp = tempfile::tempdir().unwrap();
    let mut heated = 0;
    let mut related = 0;
    for (k, args) in [
        &["matrix"][..],
        &["matrix", "--by", "issue"],
        &["table"],
        &["proposals"],
    ]
    .iter()
    .enumerate()
    {
        let file = tmp.path().join(format!("{k}.xlsx"));
        write_workbook(args, &file);
        let xml = parts(&file);
        let mut book = workbook(&file);
        for (n, name) in book.sheet_names().iter().enumerate() {
            let part = format!("xl/worksheets/sheet{}.xml", n + 1);
            let sheet = &xml[&part];
            let pane = tags(sheet, "pane");
            assert_eq!(pane.len(), 1, "{args:?} {name}");
            assert_eq!(attr(pane[0], "state"), Some("frozen"), "{args:?} {name}");
            assert_eq!(attr(pane[0], "ySplit"), Some("1"), "{args:?} {name}");
            assert_eq!(attr(pane[0], "topLeftCell"), Some("A2"), "{args:?} {name}");

            let range = book.worksheet_range(name).unwrap();
            let header: Vec<String> = range
                .rows()
                .next()
                .unwrap()
                .iter()
                .map(|c| c.to_string())
                .collect();
            // The width of the text of each column, as a reader counts it.
            let mut text = vec![0usize; header.len()];
            for row in range.rows() {
                for (c, cell) in row.iter().enumerate() {
                    if let Data::String(s) = cell {
                        let w = s
                            .lines()
                            .map(unicode_width::UnicodeWidthStr::width)
                            .max()
                            .unwrap_or(0);
                        text[c] = text[c].max(w);
                    }
                }
            }
            let mut widths = vec![None; header.len()];
            for col in tags(sheet, "col") {
                let (min, max): (usize, usize) = (
                    attr(col, "min").unwrap().parse().unwrap(),
                    attr(col, "max").unwrap().parse().unwrap(),
                );
                let w: f64 = attr(col, "width").unwrap().parse().unwrap();
                for c in min..=max {
                    widths[c - 1] = Some(w);
                }
            }
            for (c, w) in widths.iter().enumerate() {
                let w = w.unwrap_or_else(|| panic!("{args:?} {name}: no width for {}", header[c]));
                let wanted = text[c].min(60) as f64 + 2.0;
                // Excel stores a width with a few pixels' padding: under a column more.
                assert!(
                    (wanted..wanted + 1.0).contains(&w) || (text[c] == 0 && w < 62.0),
                    "{args:?} {name}: column {} is {w} wide for text of {}",
                    header[c],
                    text[c]
                );
            }

            for ((r, c), fill, ink) in colours(&xml, &part) {
                let cell = &range.rows().nth(r).unwrap()[c];
                match (header[c].as_str(), cell) {
                    ("score", Data::Float(x)) => {
                        let (bg, light) = heat(*x);
                        assert_eq!(
                            (fill.as_str(), ink.as_str()),
                            (bg.as_str(), heat_ink(light)),
                            "{args:?} {name}: {x}"
                        );
                        heated += 1;
                    }
                    ("score", Data::Int(x)) => {
                        let (bg, light) = heat(*x as f64);
                        assert_eq!(
                            (fill.as_str(), ink.as_str()),
                            (bg.as_str(), heat_ink(light)),
                            "{args:?} {name}: {x}"
                        );
                        heated += 1;
                    }
                    (_, Data::String(s)) => {
                        let rel: Relation = WORDS
                            .iter()
                            .map(|w| w.relation)
                            .find(|r| r.key() == s)
                            .unwrap_or_else(|| panic!("{args:?} {name}: `{s}` coloured"));
                        let (bg, fg) = relation_colours(rel).unwrap();
                        assert_eq!(
                            (fill.as_str(), ink.as_str()),
                            (bg, fg),
                            "{args:?} {name}: {s}"
                        );
                        related += 1;
                    }
                    (h, cell) => panic!("{args:?} {name}: {h} = {cell:?} is coloured"),
                }
            }
        }
    }
    assert!(heated >= 6, "{heated} scores coloured");
    assert!(related >= 20, "{related} relations coloured");
}

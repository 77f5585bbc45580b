//! The synthetic talks of `examples/synth` (the benchmark's data): valid,
//! deterministic, and read by every command.

use std::fs;
use std::path::Path;

use crate::run_on;

#[path = "../../examples/synth/generate.rs"]
mod generate;

pub(crate) use generate::Params;
use generate::generate;

fn write(dir: &Path, files: &[(String, String)]) {
    for (rel, text) in files {
        let path = dir.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

/// A data folder holding the synthetic talks of `params`.
pub(crate) fn synth(params: Params) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    write(&tmp.path().join("synth"), &generate(params));
    tmp
}

/// What `redlines ARGS` prints on the data folder `dir`; it must succeed.
fn out(dir: &Path, args: &[&str]) -> String {
    let (stdout, stderr, code) = run_on(dir, args);
    assert_eq!(code, 0, "redlines {args:?}:\n{stderr}");
    stdout
}

/// 40 parties, 780 pairs: past every bound of a page or a table.
const FORTY: Params = Params {
    parties: 40,
    issues: 6,
    rounds: 3,
    seed: 2,
    links: false,
};

const SMALL: Params = Params {
    parties: 8,
    issues: 6,
    rounds: 5,
    seed: 7,
    links: false,
};

#[test]
fn a_synthetic_talks_checks_clean_and_every_command_reads_it() {
    let tmp = tempfile::tempdir().unwrap();
    write(&tmp.path().join("synth"), &generate(SMALL));
    for args in [
        &["check", "--deny-warnings"][..],
        &["table"],
        &["table", "--round", "first"],
        &["matrix"],
        &["matrix", "--by", "issue"],
    ] {
        let (_, stderr, code) = run_on(tmp.path(), args);
        assert_eq!(code, 0, "redlines {args:?}:\n{stderr}");
    }
}

/// With linkage: conditions, linkages and proposals check clean, every
/// linkage view reads them, and the rest of the bytes are those without.
#[test]
fn a_synthetic_talks_with_linkage_checks_clean() {
    let params = Params {
        parties: 12,
        issues: 8,
        rounds: 6,
        seed: 1,
        links: true,
    };
    let files = generate(params);
    let all: String = files.iter().map(|(_, t)| t.as_str()).collect();
    for feature in ["[[linkages]]", "[[proposals]]", ".conditions]]"] {
        assert!(all.contains(feature), "no `{feature}`");
    }
    let plain = generate(Params {
        links: false,
        ..params
    });
    // The same positions, file by file: linkage is drawn from its own stream.
    let positions = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| l.starts_with("[positions.") || l.starts_with("stance = "))
            .map(str::to_string)
            .collect()
    };
    for ((_, with), (_, without)) in files.iter().zip(&plain) {
        assert_eq!(positions(with), positions(without));
    }
    let tmp = tempfile::tempdir().unwrap();
    write(&tmp.path().join("synth"), &files);
    for args in [
        &["check", "--deny-warnings"][..],
        &["proposals"],
        &["matrix", "--by", "issue"],
        &["diff", "first", "latest"],
        &["report", "--out", "-"],
    ] {
        let (_, stderr, code) = run_on(tmp.path(), args);
        assert_eq!(code, 0, "redlines {args:?}:\n{stderr}");
    }
}

#[test]
fn the_same_seed_writes_the_same_bytes_and_another_seed_does_not() {
    assert_eq!(generate(SMALL), generate(SMALL));
    assert_ne!(generate(SMALL), generate(Params { seed: 8, ..SMALL }));
}

/// Carry-forward matters: after the opening, each round restates only part
/// of the positions in force; some are withdrawn, some red lines, some quoted.
#[test]
fn a_synthetic_talks_has_the_features_of_real_ones() {
    let files = generate(Params {
        parties: 30,
        issues: 20,
        rounds: 10,
        seed: 1,
        links: false,
    });
    assert_eq!(files.len(), 11);
    let all: String = files.iter().map(|(_, t)| t.as_str()).collect();
    for feature in [
        "withdrawn = true",
        "red_line = true",
        "priority = \"core\"",
        "accepts = [",
        "quote = ",
        "speaker = ",
        "kind = \"alliance\"",
    ] {
        assert!(all.contains(feature), "no `{feature}`");
    }
    let stated: Vec<usize> = files[1..]
        .iter()
        .map(|(_, t)| t.matches("[positions.").count())
        .collect();
    let cells = 30 * 20;
    assert!(stated.iter().all(|&n| n < cells / 2), "{stated:?}");
}

/// A talks of `extra` parties beyond a small synthetic one's, none of them
/// with a position (a UN-sized list of members, a few of them speaking).
fn with_silent_parties(extra: usize) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let mut files = generate(SMALL);
    let talks = &mut files[0].1;
    let at = talks.find("[[parties]]").unwrap();
    let mut more = String::new();
    for k in 0..extra {
        more += &format!(
            "[[parties]]\nid = \"member-{k}\"\nname = \"Member {k}\"\nkind = \"state\"\n\n"
        );
    }
    talks.insert_str(at, &more);
    write(&tmp.path().join("synth"), &files);
    tmp
}

/// 100 000 parties, 8 of them with positions: the views of every pair show
/// the 8 and say how many are left out; none aborts or grows with the
/// parties squared (it was 120 GB asked for, and an abort).
#[test]
fn a_hundred_thousand_parties_never_abort() {
    let tmp = with_silent_parties(99_992);
    for args in [
        &["matrix"][..],
        &["trend"],
        &["diff", "first", "latest"],
        &["report", "--out", "-"],
    ] {
        let (stdout, stderr, code) = run_on(tmp.path(), args);
        assert_eq!(code, 0, "redlines {args:?}:\n{stderr}");
        assert!(
            stderr.contains("99992 of the 100000 parties of `synth` state no position"),
            "{args:?}: {stderr}"
        );
        assert!(!stdout.contains("member-"), "{args:?} shows a silent party");
    }
    // Named, a silent party is shown.
    let (stdout, stderr, code) = run_on(
        tmp.path(),
        &[
            "table",
            "--party",
            "member-7",
            "--party",
            "member-70",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("member-7") && stdout.contains("member-70"),
        "{stdout}"
    );
}

/// More than 500 parties with positions: a view of every pair asks for
/// fewer, in one clear message; naming some works.
#[test]
fn more_than_five_hundred_parties_with_positions_ask_for_a_choice() {
    let tmp = tempfile::tempdir().unwrap();
    let params = Params {
        parties: 900,
        issues: 4,
        rounds: 4,
        seed: 3,
        links: false,
    };
    write(&tmp.path().join("synth"), &generate(params));
    for (args, hint) in [
        (&["matrix"][..], "--party"),
        (&["history", "adaptation-finance"], "--party"),
        (&["trend"], "--pair"),
        (&["trades"], "two parties"),
        (&["report", "--out", "-"], "`matrix --party"),
    ] {
        let (_, stderr, code) = run_on(tmp.path(), args);
        assert_eq!(code, 2, "redlines {args:?}:\n{stderr}");
        // `N parties of `synth` state positions: … would hold N(N-1)/2 pairs`
        let n: usize = stderr
            .split_whitespace()
            .find_map(|w| w.parse().ok())
            .unwrap_or_else(|| panic!("{stderr}"));
        assert!(n > 500, "{stderr}");
        assert!(
            stderr.contains(&format!("{n} parties of `synth` state positions")),
            "{stderr}"
        );
        assert!(
            stderr.contains(&format!("{} pairs", n * (n - 1) / 2)) && stderr.contains(hint),
            "{stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
    let (ids, _, _) = run_on(tmp.path(), &["list", "parties", "--format", "csv"]);
    let two: Vec<&str> = ids
        .lines()
        .skip(1)
        .take(2)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    let (_, stderr, code) = run_on(
        tmp.path(),
        &["matrix", "--party", two[0], "--party", two[1]],
    );
    assert_eq!(code, 0, "{stderr}");
}

/// 33 parties, 528 pairs: a table or a page counts each issue's relations
/// and shows the 24 pairs whose agreement moved most, and says so; CSV and
/// JSON still give every pair.
#[test]
fn many_pairs_are_counted_on_a_page_and_listed_in_the_data() {
    let tmp = synth(Params {
        parties: 33,
        issues: 4,
        rounds: 3,
        seed: 5,
        links: false,
    });
    let out = |args: &[&str]| out(tmp.path(), args);
    for format in ["table", "markdown"] {
        let by_issue = out(&["matrix", "--by", "issue", "--format", format]);
        assert!(
            by_issue.contains("528 pairs are too many for a column each"),
            "{by_issue}"
        );
        assert!(
            by_issue.contains("✔ agree") && by_issue.contains("⛔ red-line clash"),
            "{by_issue}"
        );
        let history = out(&["history", "adaptation-finance", "--format", format]);
        assert!(
            history.contains("528 pairs are too many for a column each"),
            "{history}"
        );
        let trend = out(&["trend", "--format", format]);
        assert!(
            trend.contains("528 pairs are too many to list: shown are the 24"),
            "{trend}"
        );
    }
    let csv = out(&["matrix", "--by", "issue", "--format", "csv"]);
    assert_eq!(csv.lines().count(), 1 + 528 * 4);
    let csv = out(&["trend", "--format", "csv"]);
    assert_eq!(csv.lines().count(), 1 + 528 * 3);
}

/// 40 parties, 780 pairs: `matrix` as a table or Markdown ranks the 24
/// pairs that agree most and the 24 that agree least, named by id, in a
/// page that does not grow with the pairs, and says so; parties named
/// with --party still get the square, and CSV and JSON every pair.
#[test]
fn many_parties_rank_the_pairs_instead_of_a_square() {
    let tmp = synth(FORTY);
    let out = |args: &[&str]| out(tmp.path(), args);
    let ids: Vec<String> = out(&["list", "parties", "--format", "csv"])
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 40);
    // Every pair and its score, from the data; the best, ties by party order.
    let csv = out(&["matrix", "--format", "csv"]);
    assert_eq!(csv.lines().count(), 1 + 780);
    let json: serde_json::Value =
        serde_json::from_str(&out(&["matrix", "--format", "json"])).unwrap();
    assert_eq!(json["pairs"].as_array().unwrap().len(), 780);
    let best = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|c| !c[2].is_empty())
        // The first of the highest, as min_by keeps the first of equals.
        .min_by(|x, y| {
            let score = |c: &[&str]| c[2].parse::<f64>().unwrap();
            score(y).total_cmp(&score(x))
        })
        .map(|c| (c[0].to_string(), c[1].to_string()))
        .unwrap();

    let note = "40 parties make 780 pairs, too many for a square: shown are the 24 pairs that agree most and the 24 that agree least.";
    for format in ["table", "markdown"] {
        let page = out(&["matrix", "--format", format]);
        assert!(page.lines().count() < 100, "{format}: {page}");
        let flat = page.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(note), "{flat}");
        assert!(
            flat.contains("Name up to 10 parties with --party to see their square, or use --format csv, json or xlsx for every pair."),
            "{flat}"
        );
        assert!(!page.contains("Disagreement:"), "{page}");
        // Each row names its pair by the parties' ids, in full.
        let sep = if format == "table" { '┆' } else { '|' };
        let rows: Vec<Vec<String>> = page
            .lines()
            .filter(|l| l.contains(sep) && !l.contains("score") && !l.contains("---"))
            .map(|l| {
                l.split(sep)
                    .map(|c| c.trim_matches(|c: char| c == '│' || c == '|' || c.is_whitespace()))
                    .filter(|c| !c.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .collect();
        assert_eq!(rows.len(), 48, "{page}");
        for row in &rows {
            assert!(ids.contains(&row[0]) && ids.contains(&row[1]), "{row:?}");
        }
        assert_eq!((rows[0][0].clone(), rows[0][1].clone()), best, "{page}");
    }

    // Named, a few parties are a square again.
    let mut args = vec!["matrix"];
    for id in &ids[..3] {
        args.extend(["--party", id.as_str()]);
    }
    let square = out(&args);
    assert!(square.contains("Disagreement:"), "{square}");
    assert!(!square.contains("too many for a square"), "{square}");
}

/// The `<section id=ID>` of a report page.
fn section<'p>(page: &'p str, id: &str) -> &'p str {
    let start = page
        .find(&format!("<section id=\"{id}\">"))
        .unwrap_or_else(|| panic!("no section {id}"));
    let end = start + page[start..].find("</section>").unwrap();
    &page[start..end]
}

/// The text of a page's markup, tags dropped and white space collapsed.
fn words(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// 32 parties are the most the page shows one by one: the heat map, every
/// party's position, and each party placed on each scale, as for the
/// built-in talks; one more and each of these is summarised.
#[test]
fn a_page_shows_32_parties_in_full_and_summarises_33() {
    let page = |parties| {
        let tmp = synth(Params {
            parties,
            issues: 4,
            rounds: 3,
            seed: 5,
            links: false,
        });
        out(tmp.path(), &["report", "--out", "-"])
    };
    let full = page(32);
    assert!(full.contains("<table class=\"heat\">"));
    assert!(full.contains("<table class=\"positions\">"));
    assert!(full.contains("class=\"demands"));
    for said in [
        "too many for a heat map",
        "too many to show each one's position",
        "too many to place one by one",
    ] {
        assert!(!full.contains(said), "{said}");
    }
    let summarised = page(33);
    assert!(!summarised.contains("<table class=\"heat\">"));
    assert!(summarised.contains("<table class=\"heat ranked\">"));
    assert!(summarised.contains("<table class=\"positions counted\">"));
}

/// 120 parties, 12 issues, 8 rounds: every section of the page is
/// summarised, says so and names the command that gives every detail; the
/// page does not grow with the parties (60 make one as big).
#[test]
fn a_page_of_many_parties_summarises_each_section_and_names_the_commands() {
    let report = |parties| {
        let tmp = synth(Params {
            parties,
            issues: 12,
            rounds: 8,
            seed: 3,
            links: false,
        });
        let page = out(tmp.path(), &["report", "--out", "-"]);
        let csv = out(tmp.path(), &["diff", "first", "latest", "--format", "csv"]);
        let rounds: Vec<String> = out(tmp.path(), &["list", "rounds", "--format", "csv"])
            .lines()
            .skip(1)
            .map(|l| l.split(',').next().unwrap().to_string())
            .collect();
        (page, csv, rounds)
    };
    let (page, diff, rounds) = report(120);
    let (first, latest) = (&rounds[0], rounds.last().unwrap());
    assert!(page.len() < 400_000, "{} bytes", page.len());

    let matrix = words(section(&page, "matrix"));
    assert!(
        matrix.contains("120 parties make 7140 pairs, too many for a heat map: shown are the 24 pairs that agree most and the 24 that agree least."),
        "{matrix}"
    );
    assert!(
        matrix.contains("redlines matrix --format csv gives every pair's score; redlines matrix --party A --party B the heat map of the parties named (up to 10)."),
        "{matrix}"
    );
    assert_eq!(section(&page, "matrix").matches("<tr>").count(), 2 + 48);

    // The changes: the first 500 or fewer listed, whole rows; the rest
    // counted per issue, and as many changes in all as diff finds.
    let changes = section(&page, "changes");
    let position_changes = diff
        .lines()
        .skip(1)
        .filter(|l| !l.starts_with("relation-changed"))
        .count();
    assert!(position_changes > 500, "{position_changes}");
    let listed = changes.matches("<li class=\"").count();
    assert!((400..=500).contains(&listed), "{listed}");
    let said = words(changes);
    assert!(
        said.contains(&format!(
            "{position_changes} changes to positions are too many to list: listed are the first {listed}, party by party from"
        )),
        "{said}"
    );
    assert!(
        said.contains(&format!(
            "redlines diff {first} {latest} --issue ISSUE or redlines diff {first} {latest} --party PARTY lists them."
        )),
        "{said}"
    );
    assert!(
        changes.contains("<table class=\"changes counted\">"),
        "{changes}"
    );
    for column in ["moved", "new", "withdrawn", "restated without moving"] {
        assert!(
            changes.contains(&format!("<th scope=\"col\">positions {column}</th>")),
            "{column}"
        );
    }
    assert!(
        said.contains(&format!("120 parties are too many to name each one a stance moved towards or away from: a move is said in steps. redlines diff {first} {latest} --party PARTY --issue ISSUE --format json names them.")),
        "{said}"
    );
    assert!(!said.contains(" steps apart)"), "a move's bearings");

    let positions = section(&page, "positions");
    assert!(!positions.contains("<td class=\"pos"), "a position in full");
    let said = words(positions);
    assert!(
        said.contains("120 parties are too many to show each one's position: each issue's positions are counted. redlines table --issue ISSUE gives every party's stance on an issue, redlines show PARTY ISSUE a position in full"),
        "{said}"
    );
    // A row per issue.
    assert_eq!(positions.matches("<tr>").count(), 1 + 12);

    let zones = section(&page, "deal-zones");
    assert!(
        !zones.contains("could accept this\">○"),
        "a party placed by name"
    );
    assert!(
        words(zones).contains("120 parties are too many to place one by one: under each outcome, how many parties demand it ● (⚑ of them as a red line) and how many could accept it ○. redlines table --issue ISSUE names every party's stance on an issue."),
        "{zones}"
    );

    // Half the parties, a page as big: no section grows with the parties.
    let (half, _, _) = report(60);
    assert!(
        page.len() < half.len() * 3 / 2,
        "{} and {}",
        page.len(),
        half.len()
    );
}

/// Past 32 other parties with a stance, a move's words count whom it went
/// towards and away from, where they named each (a line of 199 names at
/// 200 parties); JSON still names each, and a small talks names them.
#[test]
fn a_move_among_many_parties_counts_whom_it_went_towards() {
    let detail_of_moves = |parties: usize| -> Vec<(String, usize)> {
        let tmp = synth(Params {
            parties,
            issues: 6,
            rounds: 10,
            seed: 3,
            links: false,
        });
        let json: serde_json::Value = serde_json::from_str(&out(
            tmp.path(),
            &["diff", "first", "latest", "--format", "json"],
        ))
        .unwrap();
        let csv = out(tmp.path(), &["diff", "first", "latest", "--format", "csv"]);
        let moves: Vec<(String, usize)> = json["changes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["kind"] == "moved")
            .map(|c| {
                let detail = c["detail"].as_str().unwrap().to_string();
                assert!(csv.contains(&detail), "{detail}");
                (detail, c["bearings"].as_array().unwrap().len())
            })
            .collect();
        assert!(!moves.is_empty(), "no stance moved at {parties} parties");
        moves
    };
    for (detail, bearings) in detail_of_moves(80) {
        if bearings > 32 {
            assert!(
                detail.contains(" parties") && detail.ends_with("(JSON's bearings name each)"),
                "{detail}"
            );
            assert!(detail.len() < 200, "{detail}");
        }
    }
    assert!(detail_of_moves(80).iter().any(|(_, b)| *b > 32));
    for (detail, bearings) in detail_of_moves(12) {
        assert!(bearings <= 32 && !detail.contains("name each"), "{detail}");
    }
}

/// A reader that stops early (`| head`) is not an error in any text format,
/// CSV included, though the output is written as it is made.
#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::io::Read;
    let tmp = synth(FORTY);
    for format in ["csv", "json", "markdown", "table"] {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("redlines"));
        cmd.arg("--data")
            .arg(tmp.path())
            .args(["matrix", "--by", "issue", "--format", format])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        let mut first = [0u8; 16];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        // The pipe is closed here, with most of the output unread.
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{format}: {stderr}");
        assert!(!stderr.contains("cannot write"), "{format}: {stderr}");
    }
}

//! `report`: the HTML page, how it is written, and how a browser reads it.

use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::time::{Duration, Instant};

use crate::{bare, fixtures, ok, redlines, run};

/// The page of the fixture talks, from `--out -`.
fn fixture_page() -> String {
    ok(&["report", "--out", "-"])
}

#[test]
fn the_page_of_the_fixture_talks() {
    let page = fixture_page();
    // The CSS is the page's own; the snapshot is what the data makes.
    let body = &page[page.find("<body>").expect("a body")..];
    insta::assert_snapshot!("report_harbour_body", body);
}

#[test]
fn the_page_is_self_contained_and_the_same_every_time() {
    let page = fixture_page();
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    for fetches in [
        "<script", "<link", "<img", "<iframe", " src=", "url(", "@import",
    ] {
        assert!(!page.contains(fetches), "the page holds {fetches}");
    }
    assert!(
        page.contains("default-src &#39;none&#39;"),
        "a CSP that loads nothing"
    );
    // Every position with a source URL links to it.
    assert_eq!(
        page.matches("href=\"https://example.org/minutes-1\"")
            .count(),
        2
    );
    assert_eq!(fixture_page(), page);
}

#[test]
fn every_piece_of_data_is_escaped_and_only_web_urls_are_links() {
    let mut cmd = bare();
    cmd.current_dir(fixtures());
    let (page, stderr, code) = run(cmd, &["--data", "hostile", "report", "--out", "-"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert!(!page.contains("<script"), "{page}");
    assert!(!page.contains("<svg onload"));
    assert!(!page.contains("<i>line"));
    assert!(!page.contains("href=\"javascript"));
    assert!(page.contains(
        "<h1>Hostile &lt;/title&gt;&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;</h1>"
    ));
    assert!(
        page.contains("<span>A javascript: link</span>"),
        "a script URL stays text"
    );
    assert!(page.contains(
        "<a href=\"https://example.org/a?b=1&amp;c=&quot;2&quot;\">A web link with a query &amp; a quote</a>"
    ));
    assert!(page.contains(
        "<th scope=\"col\" title=\"Right &quot; onmouseover=&quot;alert(2)\">&lt;R&gt;</th>"
    ));
    // What changed: names, labels and the changed words, escaped too.
    assert!(page.contains(
        "stance moved 1 step towards Right &quot; onmouseover=&quot;alert(2) (1 → 0 steps apart)"
    ));
    assert!(page.contains(
        "<div class=\"words\">&lt;script&gt;alert(&#39;summary&#39;)&lt;/script&gt; <ins>&lt;b&gt;moved&lt;/b&gt;</ins></div>"
    ));
    assert!(page.contains("<ins>&lt;ins&gt;again&lt;/ins&gt;</ins>"));
}

#[test]
fn the_report_is_as_of_a_round() {
    let first = ok(&["report", "--round", "first", "--out", "-"]);
    assert!(first.contains("round 1 of 3"));
    // One round: every chart has at most one point.
    assert_eq!(first.matches("<svg class=\"trend\"").count(), 3);
    assert_eq!(first.matches("<polyline").count(), 0);
    // Nothing to compare the first round with: no changes.
    assert!(!first.contains("<section id=\"changes\">"));
    let latest = fixture_page();
    assert!(latest.contains("round 3 of 3"));
    assert!(latest.matches("<polyline").count() > 0);
    let (_, stderr, code) = run(redlines(), &["report", "--round", "fourth", "--out", "-"]);
    assert_eq!(code, 2);
    assert!(stderr.starts_with("unknown round `fourth`;"), "{stderr}");
}

#[test]
fn the_changes_run_from_the_first_round_or_from_another() {
    let verdict = |page: &str| {
        let start = page.find("<p class=\"verdict\">").expect("a verdict") + 19;
        page[start..start + page[start..].find("</p>").unwrap()].to_string()
    };
    assert_eq!(
        verdict(&fixture_page()),
        "Opening session → Third session: 2 of 3 issues moved; 1 relation improved, 1 worsened; 1 new position, 1 withdrawn"
    );
    let page = ok(&["report", "--from", "second", "--out", "-"]);
    assert_eq!(
        verdict(&page),
        "Second session → Third session: 1 of 3 issues moved; 0 relations improved, 1 worsened; 0 new positions, 1 withdrawn"
    );
    assert!(page.contains("<code>redlines diff 2024-04-10-second 2024-05-20-third</code>"));
    // The same round: nothing to show.
    let page = ok(&["report", "--from", "latest", "--out", "-"]);
    assert!(!page.contains("<section id=\"changes\">"));

    let (_, stderr, code) = run(
        redlines(),
        &[
            "report", "--round", "second", "--from", "third", "--out", "-",
        ],
    );
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "--from 2024-05-20-third is later than --round 2024-04-10-second: the report shows what changed up to the round it is as of\n"
    );
}

/// The changes section of `report` on the ceasefire talks of `diff.rs`,
/// whose second round moves, rewords, widens, withdraws and reprioritises.
fn ceasefire_changes(args: &[&str]) -> String {
    let mut cmd = bare();
    cmd.current_dir(fixtures()).args(["--data", "moves"]);
    let (page, stderr, code) = run(cmd, &[&["report", "--out", "-"], args].concat());
    assert_eq!(code, 0, "{stderr}");
    let start = page
        .find("<section id=\"changes\">")
        .expect("a changes section");
    let end = start + page[start..].find("</section>").unwrap();
    page[start..end].to_string()
}

#[test]
fn changes_are_marked_and_only_the_changed_words_struck_or_inserted() {
    let section = ceasefire_changes(&["--round", "second"]);
    insta::assert_snapshot!("report_ceasefire_changes", section);
    assert!(section.contains(
        "<div class=\"words\">The line runs <del>along Eastland&#39;s claim</del> <ins>just east of the current front</ins></div>"
    ));
    assert!(section.contains(
        "<div class=\"from-to\"><del>Along Eastland&#39;s claim</del> → <ins>East of the current front</ins></div>"
    ));
}

#[test]
fn rounds_without_change_say_so() {
    let section = ceasefire_changes(&["--from", "second", "--round", "third"]);
    assert!(
        section.contains("<p class=\"verdict\">Second meeting → Third meeting: no movement</p>")
    );
    assert!(section.contains("Nothing changed between these rounds."));
    assert!(!section.contains("<table"));
}

#[test]
fn writes_the_file_once_and_replaces_it_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("page.html");
    let out_s = out.to_str().unwrap();

    let (stdout, stderr, code) = run(redlines(), &["report", "--out", out_s]);
    assert_eq!((code, stdout.as_str()), (0, ""));
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(written, fixture_page());
    let kb = written.len() as f64 / 1000.0;
    assert_eq!(
        stderr,
        format!(
            "wrote {out_s} ({kb:.1} kB): matrix, trend, changes, relations, deal-zones, positions\n"
        )
    );

    std::fs::write(&out, "an analyst's own notes").unwrap();
    let (_, stderr, code) = run(redlines(), &["report", "--out", out_s]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        format!(
            "{out_s} already exists; pass --force to replace it, or choose another file with --out\n"
        )
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "an analyst's own notes"
    );

    let (_, _, code) = run(redlines(), &["report", "--out", out_s, "--force"]);
    assert_eq!(code, 0);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), written);
    // No temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["page.html"]);
}

#[test]
fn writes_report_html_in_the_current_directory_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let data = fixtures().join("data");
    let mut cmd = bare();
    cmd.current_dir(dir.path());
    let (_, stderr, code) = run(cmd, &["--data", data.to_str().unwrap(), "report"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.starts_with("wrote report.html ("), "{stderr}");
    assert!(dir.path().join("report.html").is_file());
}

#[test]
fn a_folder_that_does_not_exist_is_an_error() {
    let (_, stderr, code) = run(redlines(), &["report", "--out", "no/such/folder/page.html"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "cannot write no/such/folder/page.html: No such file or directory\n"
    );
}

/// `--force` replaces a page, never a device, a folder or what a link points at.
#[cfg(unix)]
#[test]
fn force_never_replaces_what_is_not_a_regular_file() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("elsewhere.html");
    std::fs::write(&target, "keep").unwrap();
    let link = tmp.path().join("link.html");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    for out in [link.as_path(), Path::new("/dev/null"), tmp.path()] {
        let (_, stderr, code) = run(
            redlines(),
            &["report", "--force", "--out", out.to_str().unwrap()],
        );
        assert_eq!(code, 2, "{stderr}");
        assert_eq!(
            stderr,
            format!(
                "{} is not a regular file; `report` only writes or replaces files (`--out -` prints the page)\n",
                out.display()
            )
        );
    }
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
}

#[test]
fn the_page_is_html_whatever_the_format() {
    let (_, stderr, code) = run(redlines(), &["report", "--out", "-", "--format", "json"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "`report` writes one HTML page; --format does not apply to it (`--out -` prints the page)\n"
    );
}

// ---------------------------------------------------------------------------
// In a real browser: headless Chromium (Debian's `chromium`, which .ci/run
// installs). Skipped where there is none, except under CI.

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return Some(p.into());
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|p| p.is_file())
}

/// Run Chromium headless on `page` with `args`; its stdout.
fn headless(chromium: &Path, page: &Path, args: &[&str]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Process::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    // Read while it runs: a DOM larger than the pipe's buffer (64 kB)
    // would otherwise block Chromium on its write until the timeout.
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut out).map(|_| out)
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            panic!("chromium took over 90 s on {}", page.display());
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "chromium failed on {}", page.display());
    let out = reader.join().unwrap().unwrap();
    String::from_utf8_lossy(&out).into_owned()
}

/// How many parties a talks has, how many of them are scored (not a
/// mediator or an observer), and how many issues, from `list … --format json`.
fn size_of(cmd: impl Fn() -> assert_cmd::Command) -> Size {
    let list = |what: &str| {
        let (out, stderr, code) = run(cmd(), &["list", what, "--format", "json"]);
        assert_eq!(code, 0, "{stderr}");
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        json[what].as_array().unwrap().clone()
    };
    let parties = list("parties");
    Size {
        parties: parties.len(),
        scored: parties.iter().filter(|p| p["role"].is_null()).count(),
        issues: list("issues").len(),
    }
}

#[derive(Clone, Copy)]
struct Size {
    parties: usize,
    scored: usize,
    issues: usize,
}

/// How many positions and relations changed from the first round to the
/// latest, as `diff … --format json` counts them.
fn changes_of(cmd: impl Fn() -> assert_cmd::Command) -> Changes {
    let (out, stderr, code) = run(cmd(), &["diff", "first", "latest", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let changes = json["changes"].as_array().unwrap();
    let mut positions: Vec<(&str, &str)> = changes
        .iter()
        .filter_map(|c| Some((c["party"].as_str()?, c["issue"].as_str()?)))
        .collect();
    positions.dedup();
    Changes {
        positions: positions.len(),
        relations: changes
            .iter()
            .filter(|c| c["kind"] == "relation-changed")
            .count(),
    }
}

struct Changes {
    /// Party·issue entries with at least one change.
    positions: usize,
    relations: usize,
}

/// The page as Chromium parsed it has every table and chart, one of each
/// per pair, party or issue as the data says, and a row per change as
/// `diff` says.
fn check_dom(dom: &str, size: Size, changes: Changes) {
    let Size {
        parties,
        scored,
        issues,
    } = size;
    // The heat map, the relations and the charts leave mediators out.
    let pairs = scored * (scored - 1) / 2;
    let n = |needle: &str| dom.matches(needle).count();
    for id in [
        "matrix",
        "trend",
        "changes",
        "relations",
        "deal-zones",
        "positions",
    ] {
        assert_eq!(n(&format!("<section id=\"{id}\">")), 1, "section {id}");
    }
    assert_eq!(n("<table class=\"heat\">"), 1);
    assert_eq!(n("<table class=\"relations\">"), 1);
    assert_eq!(n("<table class=\"zones\">"), 1);
    assert_eq!(n("<table class=\"positions\">"), 1);
    assert_eq!(
        n("<td class=\"cell"),
        scored * (scored - 1),
        "heat-map cells"
    );
    assert_eq!(n("<td class=\"self\">"), scored, "the heat map's diagonal");
    assert_eq!(n("<td class=\"rel "), pairs * issues, "relation cells");
    assert_eq!(n("<td class=\"zone "), issues, "deal zones");
    assert_eq!(n("<td class=\"pos"), parties * issues, "position cells");
    assert_eq!(n("<svg class=\"trend\""), pairs, "one chart per pair");
    assert_eq!(n("<svg class=\"key\""), 1, "the colour key");
    assert_eq!(
        (n("<tr class=\"change\">"), n("<tr class=\"rel-change\">")),
        (changes.positions, changes.relations),
        "a row per changed position and per changed relation"
    );
    assert!(n("<circle class=\"dot\"") > 0, "points in the charts");
    assert_eq!(n("<script"), 0);
}

#[test]
fn chromium_renders_every_table_and_chart() {
    let Some(chromium) = chromium() else {
        if std::env::var_os("CI").is_some() {
            panic!("CI is set but there is no chromium: .ci/run should have installed it");
        }
        eprintln!(
            "SKIPPED chromium_renders_every_table_and_chart: no chromium on PATH (apt-get install chromium)"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();

    // The built-in data: run where there is no ./data.
    let builtin = || {
        let mut c = bare();
        c.current_dir(dir.path())
            .args(["--talks", "euro-security-2022"]);
        c
    };
    let page = dir.path().join("builtin.html");
    let (_, stderr, code) = run(builtin(), &["report", "--out", page.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    check_dom(
        &headless(&chromium, &page, &["--dump-dom"]),
        size_of(builtin),
        changes_of(builtin),
    );

    let shot = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("report-screenshot.png");
    let _ = std::fs::remove_file(&shot);
    headless(
        &chromium,
        &page,
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1400,2400",
        ],
    );
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(
        png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 20_000,
        "a real PNG"
    );
    eprintln!("screenshot of the built-in report: {}", shot.display());

    // The second built-in talks, with a host and mediator among its parties.
    let ukraine = || {
        let mut c = bare();
        c.current_dir(dir.path())
            .args(["--talks", "russia-ukraine-2022"]);
        c
    };
    let page = dir.path().join("ukraine.html");
    let (_, stderr, code) = run(ukraine(), &["report", "--out", page.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    check_dom(
        &headless(&chromium, &page, &["--dump-dom"]),
        size_of(ukraine),
        changes_of(ukraine),
    );

    // The fixture talks.
    let page = dir.path().join("harbour.html");
    let (_, stderr, code) = run(redlines(), &["report", "--out", page.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    check_dom(
        &headless(&chromium, &page, &["--dump-dom"]),
        size_of(redlines),
        changes_of(redlines),
    );
}

/// `docs/report.html` is the report of the built-in talks, for a reader who
/// builds nothing: it must be what the tool writes today. After a change to
/// the data or the page, write it again:
/// `cargo run -- --talks euro-security-2022 report --out - > docs/report.html`.
#[test]
fn the_committed_report_of_the_built_in_talks_is_current() {
    let (page, stderr, code) = run(
        bare(),
        &["--talks", "euro-security-2022", "report", "--out", "-"],
    );
    assert_eq!(code, 0, "{stderr}");
    let committed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/report.html"),
    )
    .unwrap();
    assert!(
        committed == page,
        "docs/report.html is stale: cargo run -- --talks euro-security-2022 report --out - > docs/report.html"
    );
}

/// axe-core's script: `$AXE_CORE`, else where .ci/run installs it.
fn axe_core() -> Option<PathBuf> {
    std::env::var_os("AXE_CORE")
        .map(PathBuf::from)
        .or_else(|| {
            Some(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join(".ci/node/node_modules/axe-core/axe.min.js"),
            )
        })
        .filter(|p| p.is_file())
}

/// The report passes axe-core's audit (WCAG 2.0 and 2.1, A and AA, and
/// best practice) with no violations, run in headless Chromium on the
/// built-in talks, on the bay fixture and on a talks of many parties. The
/// page's own policy forbids scripts; the audited copy lets axe's in, and
/// nothing else changes.
#[test]
fn the_report_passes_axe_core() {
    let (Some(chromium), Some(axe)) = (chromium(), axe_core()) else {
        if std::env::var_os("CI").is_some() {
            panic!("CI is set but chromium or axe-core is missing: .ci/run installs both");
        }
        eprintln!(
            "SKIPPED the_report_passes_axe_core: needs chromium and axe-core (.ci/run installs them)"
        );
        return;
    };
    let axe = std::fs::read_to_string(axe).unwrap();
    let dir = tempfile::tempdir().unwrap();
    // The bay's page with its quotes checked against a saved copy of its
    // minutes that holds one of them: the marks of a check, and the note
    // at the top that shows each kind.
    let saved = tempfile::tempdir().unwrap();
    std::fs::write(
        saved.path().join("minutes.txt"),
        "West: We patrol alone. East left the room.",
    )
    .unwrap();
    let sources = saved.path().to_str().unwrap();
    // A talks of 40 parties: the page's sections summarised, as past 32.
    let many = crate::scale::synth(crate::scale::Params {
        parties: 40,
        issues: 6,
        rounds: 4,
        seed: 3,
        links: false,
    });
    let pages: [(&str, &[&str], &[&str]); 4] = [
        ("builtin", &["--talks", "euro-security-2022"], &[]),
        ("bay", &["--data", "linkage"], &[]),
        (
            "bay-checked",
            &["--data", "linkage"],
            &["--sources", sources],
        ),
        ("many", &["--data", many.path().to_str().unwrap()], &[]),
    ];
    for (name, data, more) in pages {
        let mut cmd = bare();
        cmd.current_dir(fixtures()).args(data);
        if name == "builtin" {
            cmd.current_dir(dir.path());
        }
        let mut args = vec!["report", "--out", "-"];
        args.extend(more);
        let (page, stderr, code) = run(cmd, &args);
        assert_eq!(code, 0, "{stderr}");
        if !more.is_empty() {
            for class in ["verified", "not-found", "unverified"] {
                assert!(
                    page.contains(&format!("<span class=\"check {class}\">")),
                    "{class}"
                );
            }
        }
        let csp = page
            .find("<meta http-equiv=\"Content-Security-Policy\"")
            .unwrap();
        let csp_end = csp + page[csp..].find('>').unwrap() + 1;
        let audit = r#"<script>axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}).then(function (r) { var p = document.createElement("pre"); p.id = "axe-result"; p.textContent = JSON.stringify(r.violations.map(function (v) { return {id: v.id, help: v.help, nodes: v.nodes.map(function (n) { return n.target.join(" "); })}; })); document.documentElement.appendChild(p); });</script>"#;
        let audited = format!(
            "{}{}",
            &page[..csp],
            &page[csp_end..].replace("</body>", &format!("<script>{axe}</script>{audit}</body>"))
        );
        let file = dir.path().join(format!("{name}.html"));
        std::fs::write(&file, audited).unwrap();
        let dom = headless(
            &chromium,
            &file,
            &["--virtual-time-budget=30000", "--dump-dom"],
        );
        let start = dom
            .find("<pre id=\"axe-result\">")
            .unwrap_or_else(|| panic!("{name}: axe-core did not report"))
            + "<pre id=\"axe-result\">".len();
        let end = start + dom[start..].find("</pre>").unwrap();
        let json = dom[start..end]
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
        let violations: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            violations,
            serde_json::json!([]),
            "{name}: axe-core finds violations"
        );
    }
}

/// Saved copies of the harbour's sources: minutes-1 holds its quote,
/// minutes-2 not, and minutes-3 is not there.
fn saved_minutes() -> tempfile::TempDir {
    let saved = tempfile::tempdir().unwrap();
    std::fs::write(
        saved.path().join("minutes-1.txt"),
        "North said: The harbour is ours to run. South listened.",
    )
    .unwrap();
    std::fs::write(
        saved.path().join("minutes-2.txt"),
        "South said: we might accept a board.",
    )
    .unwrap();
    saved
}

/// `report --sources DIR` marks each quote as `check --sources DIR` finds
/// it: verified in its source's saved copy, not found there, or not
/// verified for want of a copy; the page says once, near the top, what was
/// checked, and without `--sources` that nothing was and how to have it
/// done. The harbour's minutes-2 is saved without the quote of its
/// round's position, minutes-3 not at all.
#[test]
fn quotes_are_marked_as_checked_against_the_saved_sources() {
    let saved = saved_minutes();
    let dir = saved.path().to_str().unwrap();
    // The marks as of each round, after the words they mark.
    let mark = |page: &str, quote: &str| -> String {
        let at = page
            .find(&format!("“{quote}”"))
            .unwrap_or_else(|| panic!("{quote} is not on the page"));
        let rest = &page[at..];
        let end = rest
            .find("</blockquote>")
            .into_iter()
            .chain(rest.find("</div>"))
            .min()
            .unwrap();
        let piece = &rest[..end];
        let class = piece
            .find("<span class=\"check ")
            .map(|k| piece[k + 19..].split('"').next().unwrap().to_string());
        class.unwrap_or_else(|| "none".into())
    };
    let (first, stderr, code) = run(
        redlines(),
        &["report", "--round", "first", "--sources", dir, "--out", "-"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(mark(&first, "The harbour is ours to run."), "verified");
    let (latest, stderr, code) = run(redlines(), &["report", "--sources", dir, "--out", "-"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        mark(&latest, "We could live with a joint board."),
        "not-found"
    );
    assert_eq!(mark(&latest, "Nothing else will do."), "unverified");
    assert_eq!(latest.matches("<p class=\"quotes-note\">").count(), 1);
    assert!(
        latest.contains(&format!(
            "against the saved copies of their sources in {dir}: of 3 quotes in the data, 1 <span"
        )),
        "{latest}"
    );
    // The quote not found is said on stderr too, once.
    assert_eq!(
        stderr.matches("warning: 1 quote not found").count(),
        1,
        "{stderr}"
    );

    // Without --sources: no mark, and one note saying how.
    let (plain, _, code) = run(redlines(), &["report", "--out", "-"]);
    assert_eq!(code, 0);
    assert!(!plain.contains("class=\"check "));
    assert_eq!(plain.matches("<p class=\"quotes-note\">").count(), 1);
    assert!(plain.contains("<strong>Quotes not checked: </strong>"));
    assert!(plain.contains("<code>redlines report --sources DIR</code>"));
    // The curator's notes on positions are shown (the built-in talks of
    // spring 2022 flag their translated and unquoted positions so).
    let mut cmd = bare();
    cmd.args(["--talks", "russia-ukraine-2022"]);
    let (ukraine, _, code) = run(cmd, &["report", "--out", "-"]);
    assert_eq!(code, 0);
    assert!(ukraine.contains("<div class=\"note\">curator&#39;s note: No quote: "));
    assert!(ukraine.contains("<div class=\"note\">curator&#39;s note: Translated from Russian"));
}

/// A file name with blanks around it (a slip of the shell's quoting) is
/// refused before anything is read or written.
#[test]
fn an_out_name_with_blanks_around_it_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for name in [" ", " report.html", "report.html "] {
        let path = dir.path().join(name);
        let (stdout, stderr, code) = run(redlines(), &["report", "--out", path.to_str().unwrap()]);
        assert_eq!((stdout.as_str(), code), ("", 2), "{name:?}: {stderr}");
        assert!(
            stderr.ends_with(
                "names a file that begins or ends with a blank; give the name without them\n"
            ),
            "{stderr}"
        );
        assert!(!path.exists());
    }
}

//! Every console example in `README.md` and `docs/*.md` is run, and what
//! `redlines` prints is compared with what the page shows (trycmd).
//!
//! A page is one trycmd case: its ```` ```console ```` blocks run in order,
//! `$ redlines …` lines with the expected output under them (stdout and
//! stderr together), `? N` for an exit status other than 0, `...` for lines
//! and `[..]` for part of a line left out. A page runs in the repository's
//! root, where `./data` is the built-in talks, unless a folder `PAGE.out/`
//! sits beside it: then it runs in a temporary folder, a copy of `PAGE.in/`
//! when there is one, so that nothing it writes lands in the repository.
//!
//! trycmd turns every `\` the tool prints into `/` (for Windows paths)
//! before comparing, so a line holding a backslash can only be elided.
//!
//! After a change to the tool's output, rewrite the examples from what it
//! prints and read the diff:
//!
//! ```sh
//! TRYCMD=overwrite cargo test --test cli docs::
//! ```

use std::path::{Path, PathBuf};
use std::process::Command;

/// Settings that would change what the examples print, taken from the shell
/// that runs the tests.
const INHERITED: [&str; 4] = [
    "REDLINES_DATA",
    "REDLINES_TALKS",
    "REDLINES_WIDTH",
    "COLUMNS",
];

/// The programs a page may run: the tool, and `cp`, with which the walk in
/// `docs/adding-talks.md` puts the files it shows in place between steps (in
/// HTML comments, so that a reader does not see them). Any other name would be
/// skipped by trycmd without a word; `every_example_runs_a_known_program`
/// makes sure there is none.
const PROGRAMS: [&str; 2] = ["redlines", "cp"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The pages whose examples are run: the README and every page in `docs/`.
fn pages() -> Vec<PathBuf> {
    let mut pages = vec![root().join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    pages.extend(docs);
    pages
}

#[test]
fn console_examples() {
    if INHERITED.iter().any(|v| std::env::var_os(v).is_some()) {
        // Run this test again in a process without them: removing them from
        // this one would race with the tests running beside it.
        let mut again = Command::new(std::env::current_exe().unwrap());
        again.args(["docs::console_examples", "--exact", "--nocapture"]);
        for var in INHERITED {
            again.env_remove(var);
        }
        assert!(again.status().unwrap().success(), "the console examples");
        return;
    }
    let cp = ["/bin/cp", "/usr/bin/cp"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .expect("cp");
    let cases = trycmd::TestCases::new();
    cases
        .register_bin("redlines", Path::new(env!("CARGO_BIN_EXE_redlines")))
        .register_bin("cp", Path::new(cp))
        .env("NO_COLOR", "1")
        .timeout(std::time::Duration::from_secs(60));
    for page in pages() {
        cases.case(page);
    }
    cases.run();
}

/// The command lines of a page's console blocks, with their line numbers.
fn commands(page: &Path) -> Vec<(usize, String)> {
    let text = std::fs::read_to_string(page).unwrap();
    let mut out = Vec::new();
    let mut fence: Option<(String, bool)> = None;
    for (i, line) in text.lines().enumerate() {
        let ticks = line.len() - line.trim_start_matches('`').len();
        match &fence {
            None if ticks >= 3 => {
                let info = line[ticks..].trim();
                let lang = info.split(',').next().unwrap_or("");
                let runs = (info.is_empty() || lang == "console" || lang == "trycmd")
                    && !info.split(',').any(|a| a == "ignore");
                fence = Some((line[..ticks].to_string(), runs));
            }
            Some((ticks, _)) if line.starts_with(ticks.as_str()) => fence = None,
            Some((_, true)) => {
                if let Some(command) = line.strip_prefix("$ ") {
                    out.push((i + 1, command.to_string()));
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn every_example_runs_a_known_program() {
    let mut examples = 0;
    for page in pages() {
        for (line, command) in commands(&page) {
            let program = command
                .split_whitespace()
                .find(|w| !w.contains('='))
                .unwrap_or("");
            assert!(
                PROGRAMS.contains(&program),
                "{}:{line}: `{command}`: trycmd would skip `{program}` without running it",
                page.display()
            );
            examples += usize::from(program == "redlines");
        }
    }
    assert!(examples >= 40, "only {examples} examples found");
}

/// The walk in `docs/adding-talks.md` shows each file the reader writes, then
/// copies it in from `docs/adding-talks.in/` (out of sight): what the page
/// shows must be in the file copied.
#[test]
fn the_walk_copies_the_files_it_shows() {
    let page = root().join("docs/adding-talks.md");
    let text = std::fs::read_to_string(&page).unwrap();
    let mut shown: Vec<String> = Vec::new();
    let mut block: Option<String> = None;
    let mut copies = 0;
    for line in text.lines() {
        match &mut block {
            None if line == "```toml" => block = Some(String::new()),
            Some(_) if line == "```" => shown.push(block.take().unwrap()),
            Some(b) => {
                b.push_str(line);
                b.push('\n');
            }
            None => {
                if let Some(args) = line.strip_prefix("$ cp ") {
                    let from = args.split_whitespace().next().unwrap();
                    let file =
                        std::fs::read_to_string(root().join("docs/adding-talks.in").join(from))
                            .unwrap();
                    let last = shown.last().expect("a file shown before it is copied");
                    assert!(
                        file.contains(last.as_str()),
                        "docs/adding-talks.in/{from} does not hold what the page shows:\n{last}"
                    );
                    copies += 1;
                }
            }
        }
    }
    assert!(copies >= 4, "{copies} files copied");
}

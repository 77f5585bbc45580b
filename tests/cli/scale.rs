//! The synthetic talks of `examples/synth` (the benchmark's data): valid,
//! deterministic, and read by every command.

use std::fs;
use std::path::Path;

use crate::{bare, run};

#[path = "../../examples/synth/generate.rs"]
mod generate;

use generate::{Params, generate};

fn write(dir: &Path, files: &[(String, String)]) {
    for (rel, text) in files {
        let path = dir.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

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
        let mut cmd = bare();
        cmd.arg("--data").arg(tmp.path());
        let (_, stderr, code) = run(cmd, args);
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
        let mut cmd = bare();
        cmd.arg("--data").arg(tmp.path());
        let (_, stderr, code) = run(cmd, args);
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

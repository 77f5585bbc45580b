//! `completions` and `man`.

use std::process::Command as Process;

use crate::{fixtures, ok, redlines, run};

#[test]
fn completion_scripts_register_redlines_for_each_shell() {
    for (shell, starts) in [
        ("bash", "\n_clap_complete_redlines() {"),
        ("zsh", "#compdef redlines\n"),
        (
            "fish",
            "complete --keep-order --exclusive --command redlines ",
        ),
    ] {
        let script = ok(&["completions", shell]);
        assert!(script.starts_with(starts), "{shell}:\n{script}");
        assert!(
            script.contains("COMPLETE="),
            "{shell} calls back into redlines"
        );
    }
    let (_, stderr, code) = run(redlines(), &["completions", "tcsh"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("invalid value 'tcsh'"), "{stderr}");
}

/// What the completion scripts ask: `COMPLETE=fish redlines -- WORDS…`
/// (fish's protocol is the plainest: one candidate a line, then its help).
fn complete(words: &str) -> Vec<String> {
    let mut cmd = redlines();
    cmd.env("COMPLETE", "fish").arg("--");
    // `redlines()` already holds `--data data` and friends; the words are the line.
    cmd.args(words.split(' '));
    let out = cmd.output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('-'))
        .map(str::to_string)
        .collect()
}

#[test]
fn completion_offers_the_ids_in_the_data() {
    assert_eq!(
        complete("redlines --data data show "),
        ["north\tNorthland", "south\tSouthland", "mediator\tMediator"]
    );
    assert_eq!(
        complete("redlines --data data show north "),
        [
            "harbour-control\tHarbour control",
            "fishing-quota\tFishing quota",
            "toll\tHarbour toll"
        ]
    );
    assert_eq!(
        complete("redlines --data data report --round "),
        [
            "2024-03-01-opening\t2024-03-01 Opening session",
            "2024-04-10-second\t2024-04-10 Second session",
            "2024-05-20-third\t2024-05-20 Third session",
            "first\tthe first round",
            "latest\tthe latest round",
        ]
    );
    assert_eq!(
        complete("redlines --data data report --from sec"),
        ["2024-04-10-second\t2024-04-10 Second session"]
    );
    assert_eq!(
        complete("redlines --data data table --party s"),
        ["south\tSouthland"]
    );
    assert_eq!(complete("redlines --data data --talks "), ["harbour"]);
    // Without data to read, nothing to offer, and no error in the shell.
    assert_eq!(
        complete("redlines --data no-such-folder show "),
        Vec::<String>::new()
    );
    // --assume: PARTY.ISSUE= first, then the issue's outcomes.
    assert_eq!(
        complete("redlines --data data --assume south.to"),
        ["south.toll=\tHarbour toll"]
    );
    assert_eq!(
        complete("redlines --data data --assume south.toll+="),
        [
            "south.toll+=none\tNo toll",
            "south.toll+=low\tA low toll",
            "south.toll+=high\tA high toll"
        ]
    );
}

#[test]
fn the_bash_script_completes_party_ids_in_bash() {
    if Process::new("bash").arg("--version").output().is_err() {
        eprintln!("SKIPPED the_bash_script_completes_party_ids_in_bash: no bash");
        return;
    }
    let bin = assert_cmd::cargo::cargo_bin("redlines");
    let script = format!(
        r#"source <("{bin}" completions bash)
COMP_WORDS=(redlines --data data show "") COMP_CWORD=4 COMP_TYPE=9
_clap_complete_redlines redlines "" show
printf '%s\n' "${{COMPREPLY[@]}}" | grep -v '^-'"#,
        bin = bin.display()
    );
    let out = Process::new("bash")
        .args(["--norc", "--noprofile", "-c", &script])
        .current_dir(fixtures())
        .env_remove("REDLINES_DATA")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "north\nsouth\nmediator\n"
    );
}

#[test]
fn the_man_page_is_roff_that_man_reads() {
    let page = ok(&["man"]);
    assert!(page.contains(".TH redlines 1 "), "{page}");
    for section in [
        "NAME",
        "SYNOPSIS",
        "OPTIONS",
        "COMMANDS",
        "\"EXIT STATUS\"",
        "ENVIRONMENT",
    ] {
        assert!(
            page.contains(&format!(".SH {section}\n")),
            "section {section}"
        );
    }
    assert!(page.contains("\\fBredlines report [OPTIONS]\\fR"));
    // Where man is there, it must read the page without a complaint.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("redlines.1");
    std::fs::write(&file, &page).unwrap();
    match Process::new("man")
        .env("MANWIDTH", "80")
        .arg("-l")
        .arg(&file)
        .output()
    {
        Ok(out) => {
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(text.contains("redlines report [OPTIONS]"), "{text}");
            assert!(text.contains("EXIT STATUS"));
        }
        Err(_) => eprintln!("no man here: checked the roff only"),
    }
}

//! Hostile input: whatever a file holds, or whatever sits where a file
//! should be, `check` says what is wrong and exits 1 (the data) or 2 (the
//! folder), and never panics (101) or hangs. Each case is a copy of the
//! harbour talks in a temporary folder with one thing broken; big and weird
//! files are made here rather than kept in the repository.

use std::fs;
use std::path::PathBuf;
use std::time::Duration;

use tempfile::TempDir;

use crate::{bare, fixtures, run};

/// The harbour talks copied to `data/harbour` in a temporary folder.
struct Scratch {
    dir: TempDir,
}

impl Scratch {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let from = fixtures().join("data/harbour");
        crate::copy_dir(&from, &dir.path().join("data/harbour"));
        Scratch { dir }
    }

    /// A path inside the talks folder.
    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join("data/harbour").join(rel)
    }

    fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        fs::write(self.path(rel), bytes).unwrap();
    }

    /// Run with paths shown relative to the temporary folder; a hang fails
    /// the test after a minute instead of blocking it.
    fn run(&self, args: &[&str]) -> (String, String, i32) {
        let mut cmd = bare();
        cmd.current_dir(self.dir.path())
            .args(["--data", "data"])
            .timeout(Duration::from_secs(60));
        let (stdout, stderr, code) = run(cmd, args);
        assert!(
            code == 1 || code == 2 || code == 0,
            "redlines {args:?} exited {code}:\n{stderr}"
        );
        (stdout, stderr, code)
    }

    /// Write the fourth round, `body` after its date and title, and `check`.
    fn round_fails(&self, body: &str) -> String {
        self.write(ROUND, format!("{ROUND_HEAD}{body}"));
        self.check_fails()
    }

    /// `check`, which must fail with exit 1; its stderr.
    fn check_fails(&self) -> String {
        let (stdout, stderr, code) = self.run(&["check"]);
        assert_eq!(code, 1, "{stderr}");
        assert_eq!(stdout, "");
        stderr
    }
}

/// A round file of the harbour talks dated after its last round.
const ROUND: &str = "rounds/2024-06-01-fourth.toml";
const ROUND_HEAD: &str =
    "date = 2024-06-01\ntitle = \"Fourth session\"\nparticipants = [\"north\", \"south\"]\n";
/// The same, for a case that writes participants of its own.
const DATE_TITLE: &str = "date = 2024-06-01\ntitle = \"Fourth session\"\n";

#[test]
fn invalid_utf8_is_located_at_its_first_bad_byte() {
    let s = Scratch::new();
    s.write(ROUND, b"date = 2024-06-01\ntitle = \"caf\xe9\"\n");
    assert_eq!(
        s.check_fails(),
        r#"error: the file is not valid UTF-8
 --> data/harbour/rounds/2024-06-01-fourth.toml:2:13
  |
2 | title = "caf�"
  |             ^ this byte
  |
  = help: save the file as UTF-8

1 error in 1 talks, 5 files: data (from --data or $REDLINES_DATA)
"#
    );
}

/// Every file saved by a Windows editor: a byte order mark and CRLF line
/// ends read exactly as the plain files do.
#[test]
fn a_byte_order_mark_and_crlf_line_ends_simply_work() {
    let s = Scratch::new();
    let plain = s.run(&["table", "--format", "json"]).0;
    let mut files = vec!["talks.toml".to_string()];
    for entry in fs::read_dir(s.path("rounds")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        files.push(format!("rounds/{name}"));
    }
    for rel in &files {
        let text = fs::read_to_string(s.path(rel)).unwrap();
        s.write(rel, format!("\u{feff}{}", text.replace('\n', "\r\n")));
    }
    let (_, stderr, code) = s.run(&["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(s.run(&["table", "--format", "json"]).0, plain);
}

/// A multi-line string of a CRLF file holds its line ends as CRLF: each is
/// read as a line end, not as a stray U+000D.
#[test]
fn a_multi_line_string_of_a_crlf_file_is_read_with_its_line_ends() {
    let s = Scratch::new();
    let body = "[positions.north.harbour-control]\nstance = \"north-runs\"\n\
                summary = \"\"\"\nNorthland alone\nruns the harbour\"\"\"\n\
                note = '''\nStated in the session;\nno words recorded'''\n";
    s.write(ROUND, format!("{ROUND_HEAD}{body}").replace('\n', "\r\n"));
    let (_, stderr, code) = s.run(&["check"]);
    assert_eq!(code, 0, "{stderr}");
    let (shown, _, _) = s.run(&["show", "north", "harbour-control", "--format", "json"]);
    assert!(
        shown.contains(r#""Northland alone\nruns the harbour""#),
        "{shown}"
    );
    // A carriage return of its own is still refused.
    let stderr = s.round_fails(
        "[positions.north.harbour-control]\nstance = \"north-runs\"\nsummary = \"North\\rland\"\n",
    );
    assert!(
        stderr.contains("the text holds the invisible character U+000D"),
        "{stderr}"
    );
}

#[test]
fn positions_in_a_file_with_a_byte_order_mark_and_crlf_are_right() {
    let s = Scratch::new();
    s.write(
        ROUND,
        "\u{feff}date = 2024-06-01T10:00:00\r\ntitle = \"Fourth session\"\r\nparticipants = [\"nrth\"]\r\n",
    );
    assert_eq!(
        s.check_fails(),
        r#"error: expected a date, without a time of day
 --> data/harbour/rounds/2024-06-01-fourth.toml:1:8
  |
1 | date = 2024-06-01T10:00:00
  |        ^^^^^^^^^^^^^^^^^^^ not a plain date
  |
  = help: write the day alone: 2024-06-01

error: unknown party `nrth`
 --> data/harbour/rounds/2024-06-01-fourth.toml:3:17
  |
3 | participants = ["nrth"]
  |                 ^^^^^^ no such party
  |
  = help: did you mean `north`?

2 errors in 1 talks, 5 files: data (from --data or $REDLINES_DATA)
"#
    );
    // The JSON report counts columns the same way, the mark not included.
    let json: serde_json::Value =
        serde_json::from_str(&s.run(&["check", "--format", "json"]).0).unwrap();
    let at = |k: usize| {
        let p = &json["problems"][k];
        (p["line"].as_u64().unwrap(), p["column"].as_u64().unwrap())
    };
    assert_eq!((at(0), at(1)), ((1, 8), (3, 17)));
}

#[test]
fn empty_files() {
    let s = Scratch::new();
    s.write(ROUND, "");
    insta::assert_snapshot!("empty_round_file", s.check_fails());
    let s = Scratch::new();
    s.write("talks.toml", "");
    insta::assert_snapshot!("empty_talks_file", s.check_fails());
}

#[test]
fn arrays_and_tables_nested_100_000_deep() {
    let s = Scratch::new();
    let deep = 100_000;
    s.write(
        ROUND,
        format!(
            "{DATE_TITLE}participants = {}{}\n",
            "[".repeat(deep),
            "]".repeat(deep)
        ),
    );
    insta::assert_snapshot!("nested_arrays", s.check_fails());
    s.write(
        ROUND,
        format!(
            "{ROUND_HEAD}summary = {}1{}\n",
            "{ a = ".repeat(deep),
            " }".repeat(deep)
        ),
    );
    insta::assert_snapshot!("nested_tables", s.check_fails());
}

#[test]
fn a_ten_megabyte_string() {
    let s = Scratch::new();
    let big = "a".repeat(10 << 20);
    // Where it belongs, it is data like any other.
    s.write(ROUND, format!("{ROUND_HEAD}summary = \"{big}\"\n"));
    let (_, stderr, code) = s.run(&["check"]);
    assert_eq!(code, 0, "{stderr}");
    // Where it does not, the message quotes a window of the line, not 10 MB.
    let stderr = s.round_fails(&format!("subject = \"{big}\"\n"));
    insta::assert_snapshot!("ten_megabyte_string_in_an_unknown_field", stderr);
    // Unterminated, the error is at its end: line 3, column 10 485 772.
    let stderr = s.round_fails(&format!("summary = \"{big}\n"));
    insta::assert_snapshot!("ten_megabyte_string_unterminated", stderr);
}

/// Placing each diagnostic costs its own line, not the file before it: 20 000
/// problems on one line of 200 kB are reported in a moment. The line is cut
/// to a window around each one, the column still counted in the whole line:
/// 16 characters, 20 000 × 10, then 5 before `"nrth"`.
#[test]
fn twenty_thousand_problems_on_one_long_line() {
    let s = Scratch::new();
    let nobodies = vec!["\"nobody\""; 20_000].join(", ");
    s.write(
        ROUND,
        format!("{DATE_TITLE}participants = [{nobodies}, \"é\", \"nrth\"]\n"),
    );
    let stderr = s.check_fails();
    let last = stderr.rsplit("\n\n").nth(1).unwrap();
    assert_eq!(
        last,
        r#"error: unknown party `nrth`
 --> data/harbour/rounds/2024-06-01-fourth.toml:3:200022
  |
3 | ..."nobody", "nobody", "nobody", "é", "nrth"]
  |                                       ^^^^^^ no such party
  |
  = help: did you mean `north`?"#
    );
    assert!(
        stderr.ends_with(
            "\n20002 errors in 1 talks, 5 files: data (from --data or $REDLINES_DATA)\n"
        )
    );
}

#[test]
fn a_round_file_that_is_a_directory() {
    let s = Scratch::new();
    fs::create_dir(s.path(ROUND)).unwrap();
    assert_eq!(
        s.check_fails(),
        "error: cannot read data/harbour/rounds/2024-06-01-fourth.toml: is a directory, not a file
--> data/harbour/rounds/2024-06-01-fourth.toml

1 error in 1 talks, 5 files: data (from --data or $REDLINES_DATA)
"
    );
}

#[test]
fn a_talks_file_that_is_a_directory_is_reported_not_overlooked() {
    let s = Scratch::new();
    fs::remove_file(s.path("talks.toml")).unwrap();
    fs::create_dir(s.path("talks.toml")).unwrap();
    assert_eq!(
        s.check_fails(),
        "error: cannot read data/harbour/talks.toml: is a directory, not a file
--> data/harbour/talks.toml

1 error in 1 talks, 4 files: data (from --data or $REDLINES_DATA)
"
    );
}

#[test]
fn a_rounds_folder_that_is_a_file() {
    let s = Scratch::new();
    fs::remove_dir_all(s.path("rounds")).unwrap();
    s.write("rounds", "");
    let (_, stderr, code) = s.run(&["check"]);
    assert_eq!(code, 2);
    assert_eq!(stderr, "cannot read data/harbour/rounds: Not a directory\n");
}

#[cfg(unix)]
#[test]
fn an_unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let s = Scratch::new();
    s.write(ROUND, ROUND_HEAD);
    fs::set_permissions(s.path(ROUND), fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(s.path(ROUND)).is_ok() {
        eprintln!("skipped: this user reads files whatever their mode (root?)");
        return;
    }
    assert_eq!(
        s.check_fails(),
        "error: cannot read data/harbour/rounds/2024-06-01-fourth.toml: Permission denied
--> data/harbour/rounds/2024-06-01-fourth.toml

1 error in 1 talks, 5 files: data (from --data or $REDLINES_DATA)
"
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_and_a_dangling_link() {
    use std::os::unix::fs::symlink;
    let s = Scratch::new();
    symlink("loop-b.toml", s.path("rounds/loop-a.toml")).unwrap();
    symlink("loop-a.toml", s.path("rounds/loop-b.toml")).unwrap();
    symlink("nowhere.toml", s.path("rounds/2024-06-01-gone.toml")).unwrap();
    assert_eq!(
        s.check_fails(),
        "error: cannot read data/harbour/rounds/2024-06-01-gone.toml: No such file or directory
--> data/harbour/rounds/2024-06-01-gone.toml

error: cannot read data/harbour/rounds/loop-a.toml: Too many levels of symbolic links
--> data/harbour/rounds/loop-a.toml

error: cannot read data/harbour/rounds/loop-b.toml: Too many levels of symbolic links
--> data/harbour/rounds/loop-b.toml

3 errors in 1 talks, 7 files: data (from --data or $REDLINES_DATA)
"
    );
}

/// A named pipe would block a reader forever; it is refused before any read.
#[cfg(unix)]
#[test]
fn a_fifo_named_like_a_round_file_or_the_talks_file() {
    let s = Scratch::new();
    let mkfifo = |rel: &str| {
        let made = std::process::Command::new("mkfifo")
            .arg(s.path(rel))
            .status()
            .unwrap();
        assert!(made.success());
    };
    mkfifo(ROUND);
    assert_eq!(
        s.check_fails(),
        "error: cannot read data/harbour/rounds/2024-06-01-fourth.toml: is not a regular file
--> data/harbour/rounds/2024-06-01-fourth.toml

1 error in 1 talks, 5 files: data (from --data or $REDLINES_DATA)
"
    );
    fs::remove_file(s.path("talks.toml")).unwrap();
    mkfifo("talks.toml");
    assert!(
        s.check_fails()
            .starts_with("error: cannot read data/harbour/talks.toml: is not a regular file\n")
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused_unread() {
    let s = Scratch::new();
    // Sparse: 64 MiB and a byte on disk in name only.
    let f = fs::File::create(s.path(ROUND)).unwrap();
    f.set_len(64 * 1024 * 1024 + 1).unwrap();
    assert_eq!(
        s.check_fails(),
        "error: cannot read data/harbour/rounds/2024-06-01-fourth.toml: is 67108865 bytes, over the limit of
       64 MiB
--> data/harbour/rounds/2024-06-01-fourth.toml

1 error in 1 talks, 5 files: data (from --data or $REDLINES_DATA)
"
    );
}

#[test]
fn a_duplicate_table_header() {
    let s = Scratch::new();
    let stderr = s.round_fails(
        "\n[positions.north.toll]\nstance = \"low\"\n\n[positions.north.toll]\nstance = \"high\"\n",
    );
    insta::assert_snapshot!("duplicate_table_header", stderr);
}

#[test]
fn dates_out_of_range() {
    let s = Scratch::new();
    for (name, date) in [
        ("month_13", "2024-13-01"),
        ("february_29_of_a_common_year", "2023-02-29"),
        ("five_digit_year", "10000-01-01"),
        ("day_0", "2024-06-00"),
    ] {
        s.write(
            ROUND,
            format!("date = {date}\ntitle = \"Fourth session\"\nparticipants = [\"north\"]\n"),
        );
        insta::assert_snapshot!(format!("date_{name}"), s.check_fails());
    }
}

#[test]
fn nul_and_control_bytes() {
    let s = Scratch::new();
    let stderr = s.round_fails("summary = \"a\0b\u{7}\"\n");
    insta::assert_snapshot!("nul_byte_in_a_string", stderr);
}

/// Outcomes are a 64-bit set: a longer scale is an error, and positions on
/// its far outcomes are not a panic.
#[test]
fn a_scale_of_seventy_outcomes() {
    let s = Scratch::new();
    let outcomes: String = (0..70)
        .map(|i| format!("  {{ id = \"o{i}\", label = \"Outcome {i}\" }},\n"))
        .collect();
    let talks = fs::read_to_string(s.path("talks.toml")).unwrap();
    s.write(
        "talks.toml",
        format!("{talks}\n[[issues]]\nid = \"wide\"\ntitle = \"Wide\"\nscale = [\n{outcomes}]\n"),
    );
    let stderr = s.round_fails(
        "\n[[sources]]\nid = \"minutes-4\"\ntitle = \"Minutes\"\n\n[positions.north.wide]\nstance = \"o66\"\naccepts = [\"o66\", \"o65\", \"o1\"]\nsummary = \"Far out\"\nsource = \"minutes-4\"\n",
    );
    insta::assert_snapshot!("scale_of_seventy_outcomes", stderr);
}

/// Every command, not only `check`, meets broken data with the error list
/// and exit 1.
#[test]
fn other_commands_on_broken_data_exit_1() {
    let s = Scratch::new();
    s.write(ROUND, b"date = 2024-06-01\ntitle = \"\xff\"\n");
    for args in [&["table"][..], &["matrix"], &["list", "rounds"]] {
        let (stdout, stderr, code) = s.run(args);
        assert_eq!((stdout.as_str(), code), ("", 1), "{args:?}");
        assert!(
            stderr.ends_with(
                "error: the data has 1 error; run `redlines check` for the full report\n"
            ),
            "{stderr}"
        );
    }
}

// What a hostile data folder met in issue 16, replayed.

/// A one-word summary of 2 MB is drawn whole, wrapped to the width. (Its
/// time is measured by `benches/run.sh`; drawing it took seconds when
/// comfy-table wrapped it in time squared, and this test a minute.)
#[test]
fn a_two_megabyte_word_is_drawn_whole_and_wrapped() {
    let s = Scratch::new();
    let third = "rounds/2024-05-20-third.toml";
    let text = fs::read_to_string(s.path(third)).unwrap();
    let long = "z".repeat(2 << 20);
    s.write(
        third,
        text.replace(
            "The grounds must close for a season; nothing else will do",
            &long,
        ),
    );
    let (stdout, stderr, code) = s.run(&["show", "south", "fishing-quota"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.matches('z').count(), long.len(), "nothing lost");
    assert!(stdout.lines().all(|l| l.chars().count() <= 100));
}

/// A name a terminal would act on: a window title (OSC 0) and a clear screen.
const ESCAPES: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J";

/// Nothing a terminal acts on reaches it raw.
fn no_escapes(out: &str) {
    assert!(
        !out.contains(['\u{1b}', '\u{7}', '\u{9b}']),
        "raw escapes in: {out:?}"
    );
}

/// File and folder names are printed escaped: on the `-->` line, in the
/// message, in `list talks`, in every format of `check`.
#[test]
fn names_with_terminal_escapes_are_printed_escaped() {
    let s = Scratch::new();
    s.write(&format!("rounds/x{ESCAPES}.toml"), ROUND_HEAD);
    assert_eq!(
        s.check_fails(),
        r"error: the file name `x\u{1b}]0;pwned\u{7}\u{1b}[2J.toml` is not a valid round id
--> data/harbour/rounds/x\u{1b}]0;pwned\u{7}\u{1b}[2J.toml
 = help: rename it `x-0-pwned-2j.toml`: a round id is lowercase letters, digits and hyphens,
         starting with a letter or a digit (it names a file or a folder in the data folder, and is
         typed on the command line)

1 error in 1 talks, 5 files: data (from --data or $REDLINES_DATA)
"
    );
    for format in ["json", "csv", "markdown"] {
        let (stdout, stderr, code) = s.run(&["check", "--format", format]);
        assert_eq!(code, 1);
        no_escapes(&stdout);
        no_escapes(&stderr);
        assert!(stdout.contains("pwned"), "{stdout}");
    }

    let s = Scratch::new();
    let talks = s.dir.path().join(format!("data/y{ESCAPES}"));
    fs::create_dir(&talks).unwrap();
    fs::copy(s.path("talks.toml"), talks.join("talks.toml")).unwrap();
    let (stdout, stderr, code) = s.run(&["list", "talks"]);
    assert_eq!((stderr.as_str(), code), ("", 0));
    no_escapes(&stdout);
    assert!(
        stdout.contains(r"│ y\u{1b}]0;pwned\u{7}\u{1b}[2J ┆ 1 error —"),
        "{stdout}"
    );
    let stderr = s.check_fails();
    assert_eq!(
        stderr,
        r"error: the folder name `y\u{1b}]0;pwned\u{7}\u{1b}[2J` is not a valid talks id
--> data/y\u{1b}]0;pwned\u{7}\u{1b}[2J/talks.toml
 = help: rename the folder `y-0-pwned-2j`: a talks id is lowercase letters, digits and hyphens,
         starting with a letter or a digit (it names a file or a folder in the data folder, and is
         typed on the command line)

1 error in 2 talks, 5 files: data (from --data or $REDLINES_DATA)
"
    );
    let (_, stderr, code) = s.run(&["--talks", &format!("z{ESCAPES}"), "table"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "unknown talks `z\\u{1b}]0;pwned\\u{7}\\u{1b}[2J` in data (from --data or $REDLINES_DATA); \
         the talks there: harbour, y\\u{1b}]0;pwned\\u{7}\\u{1b}[2J; \
         did you mean `y\\u{1b}]0;pwned\\u{7}\\u{1b}[2J`?\n"
    );
}

/// A C1 control or an invisible character quoted from a file's line is
/// drawn as `�`, the caret still under it.
#[test]
fn a_line_quoted_in_a_diagnostic_holds_no_raw_c1_control() {
    let s = Scratch::new();
    let stderr = s.round_fails("summary = \"red \u{9b}31m text\"\n");
    no_escapes(&stderr);
    assert_eq!(
        stderr,
        "error: the text holds the invisible character U+009B, which a terminal would act on; remove it
 --> data/harbour/rounds/2024-06-01-fourth.toml:4:11
  |
4 | summary = \"red \u{fffd}31m text\"
  |           ^^^^^^^^^^^^^^^

1 error in 1 talks, 5 files: data (from --data or $REDLINES_DATA)
"
    );
}

/// Completion offers only valid ids: a folder named like a command
/// substitution is never put on a command line.
#[test]
fn completion_offers_no_talks_folder_whose_name_is_not_an_id() {
    let s = Scratch::new();
    for name in ["x$(touch PWNED)", "Upper", "-rf", "other"] {
        let dir = s.dir.path().join("data").join(name);
        fs::create_dir(&dir).unwrap();
        fs::copy(s.path("talks.toml"), dir.join("talks.toml")).unwrap();
    }
    let mut cmd = bare();
    cmd.current_dir(s.dir.path())
        .env("COMPLETE", "fish")
        .args(["--", "redlines", "--data", "data", "--talks", ""]);
    let (stdout, _, code) = run(cmd, &[]);
    assert_eq!((stdout.as_str(), code), ("harbour\nother\n", 0));
    assert!(!s.dir.path().join("PWNED").exists());
}

/// Invisible characters are refused in text and labels with a located
/// error; the joiners that Persian, the Indic scripts and emoji need are
/// allowed between two of their letters.
#[test]
fn invisible_characters_in_text_are_refused_and_script_joiners_allowed() {
    let s = Scratch::new();
    let stderr = s.round_fails(
        "summary = \"North\u{200e}land\"\nvenue = \"Tag\u{e0041}ged\"\nformat = \"one\u{2028}two\"\n",
    );
    assert_eq!(
        stderr,
        "error: the text holds the invisible character U+200E, which would hide or reorder text from a
       reader; remove it
 --> data/harbour/rounds/2024-06-01-fourth.toml:4:11
  |
4 | summary = \"North\u{fffd}land\"
  |           ^^^^^^^^^^^^
  |
  = help: ZWNJ and ZWJ (U+200C, U+200D) are allowed between two letters of a script that needs them,
          such as Persian, the Indic scripts or emoji

error: the text holds the invisible character U+E0041, which would hide or reorder text from a
       reader; remove it
 --> data/harbour/rounds/2024-06-01-fourth.toml:5:9
  |
5 | venue = \"Tag\u{fffd}ged\"
  |         ^^^^^^^^^
  |
  = help: ZWNJ and ZWJ (U+200C, U+200D) are allowed between two letters of a script that needs them,
          such as Persian, the Indic scripts or emoji

error: the text holds the invisible character U+2028, which would hide or reorder text from a
       reader; remove it
 --> data/harbour/rounds/2024-06-01-fourth.toml:6:10
  |
6 | format = \"one\u{fffd}two\"
  |          ^^^^^^^^^
  |
  = help: ZWNJ and ZWJ (U+200C, U+200D) are allowed between two letters of a script that needs them,
          such as Persian, the Indic scripts or emoji

3 errors in 1 talks, 5 files: data (from --data or $REDLINES_DATA)
"
    );
    let stderr = s.round_fails("summary = \"No\u{200d}rth\"\n");
    assert!(
        stderr.starts_with(
            "error: the text holds the invisible character U+200D where it joins nothing; remove it\n"
        ),
        "{stderr}"
    );
    s.write(
        ROUND,
        format!("{ROUND_HEAD}summary = \"می\u{200c}خواهم — क्\u{200d}ष — 👩\u{200d}⚕\u{fe0f}\"\n"),
    );
    let (_, stderr, code) = s.run(&["check"]);
    assert_eq!(code, 0, "{stderr}");
}

#[cfg(unix)]
mod links {
    use std::os::unix::fs::symlink;

    use super::*;

    /// `new talks evil`, `evil` a link to `../outside`: nothing is written
    /// there, nor anywhere.
    #[test]
    fn new_talks_through_a_link_out_of_the_data_folder_writes_nothing() {
        let s = Scratch::new();
        let outside = s.dir.path().join("outside");
        fs::create_dir(&outside).unwrap();
        symlink("../outside", s.dir.path().join("data/evil")).unwrap();
        let (_, stderr, code) = s.run(&["new", "talks", "evil"]);
        assert_eq!(
            (stderr.as_str(), code),
            (
                "cannot write data/evil/talks.toml: data/evil leads out of the data folder \
                 through a link; redlines writes only inside the data folder\n",
                2
            )
        );
        assert_eq!(fs::read_dir(&outside).unwrap().count(), 0);
        // A link to nothing would make what it names, wherever that is.
        fs::remove_file(s.dir.path().join("data/evil")).unwrap();
        symlink("../nowhere", s.dir.path().join("data/evil")).unwrap();
        let (_, stderr, code) = s.run(&["new", "talks", "evil"]);
        assert_eq!(
            (stderr.as_str(), code),
            (
                "cannot write data/evil/talks.toml: data/evil is a link that leads nowhere; \
                 redlines writes only inside the data folder\n",
                2
            )
        );
        assert!(!s.dir.path().join("nowhere").exists());
    }

    /// A `rounds` folder that is a link out of the data folder is neither
    /// read nor written into.
    #[test]
    fn a_rounds_folder_linking_out_of_the_data_folder() {
        let s = Scratch::new();
        let outside = s.dir.path().join("outside");
        fs::rename(s.path("rounds"), &outside).unwrap();
        symlink("../../outside", s.path("rounds")).unwrap();
        let message = "cannot read data/harbour/rounds: it leads out of the data folder through a \
                       link, and only what is inside it is read\n";
        for args in [&["check"][..], &["new", "round", "2024-06-01-fourth"]] {
            let (_, stderr, code) = s.run(args);
            assert_eq!((stderr.as_str(), code), (message, 2), "{args:?}");
        }
        assert_eq!(fs::read_dir(&outside).unwrap().count(), 3);
    }

    /// A round file linking to `/etc/passwd` is not read: none of its lines
    /// appear in an error.
    #[test]
    fn a_round_file_linking_out_of_the_data_folder_is_not_read() {
        let s = Scratch::new();
        symlink("/etc/passwd", s.path(ROUND)).unwrap();
        let stderr = s.check_fails();
        assert_eq!(
            stderr,
            "error: cannot read data/harbour/rounds/2024-06-01-fourth.toml: it leads out of the data folder
       through a link, and only what is inside it is read
--> data/harbour/rounds/2024-06-01-fourth.toml

1 error in 1 talks, 5 files: data (from --data or $REDLINES_DATA)
"
        );
    }

    /// A talks folder that is a link out of the data folder: one error, and
    /// the other talks are still checked.
    #[test]
    fn a_talks_folder_linking_out_of_the_data_folder() {
        let s = Scratch::new();
        let outside = s.dir.path().join("outside");
        fs::create_dir(&outside).unwrap();
        fs::copy(s.path("talks.toml"), outside.join("talks.toml")).unwrap();
        symlink("../outside", s.dir.path().join("data/elsewhere")).unwrap();
        assert_eq!(
            s.check_fails(),
            "error: cannot read data/elsewhere/talks.toml: the folder data/elsewhere leads out of the data folder
       through a link, and only what is inside it is read
--> data/elsewhere/talks.toml

1 error in 2 talks, 5 files: data (from --data or $REDLINES_DATA)
"
        );
    }

    /// Links that stay inside the data folder are followed, and a data
    /// folder that is itself a link is where it leads.
    #[test]
    fn links_inside_the_data_folder_are_read() {
        let s = Scratch::new();
        let third = "rounds/2024-05-20-third.toml";
        let text = fs::read_to_string(s.path(third)).unwrap();
        fs::rename(s.path(third), s.dir.path().join("data/third.toml")).unwrap();
        symlink("../../third.toml", s.path(third)).unwrap();
        symlink("data", s.dir.path().join("link")).unwrap();
        for data in ["data", "link"] {
            let mut cmd = bare();
            cmd.current_dir(s.dir.path()).args(["--data", data]);
            let (_, stderr, code) = run(cmd, &["check"]);
            assert_eq!(code, 0, "{stderr}");
        }
        assert!(text.contains("Third session"));
    }

    /// A `talks.toml` that is a link to nothing: `new talks` refuses before
    /// making anything.
    #[test]
    fn new_talks_over_a_dangling_talks_file_makes_nothing() {
        let s = Scratch::new();
        let t = s.dir.path().join("data/t");
        fs::create_dir(&t).unwrap();
        symlink("/nonexistent/talks.toml", t.join("talks.toml")).unwrap();
        let (_, stderr, code) = s.run(&["new", "talks", "t"]);
        assert_eq!(
            (stderr.as_str(), code),
            (
                "data/t/talks.toml already exists; `new` never overwrites a file (edit it, or \
                 choose another id)\n",
                2
            )
        );
        assert!(!t.join("rounds").exists());
    }
}

/// The files of a talks add up to more than 256 MiB: refused, unread, in
/// one message.
#[test]
fn a_talks_over_the_total_size_limit_is_refused_unread() {
    let s = Scratch::new();
    for i in 0..5 {
        // Sparse: 60 MiB each on disk in name only, under the limit per file.
        let f = fs::File::create(s.path(&format!("rounds/2024-06-0{}-big.toml", i + 1))).unwrap();
        f.set_len(60 * 1024 * 1024).unwrap();
    }
    let (_, stderr, code) = s.run(&["check"]);
    assert_eq!(
        (stderr.as_str(), code),
        (
            "the talks folder data/harbour holds 301 MiB of data files, over the limit of 256 MiB \
             for one talks; nothing was read\n",
            2
        )
    );
}

/// `report --force` keeps the permissions of the page it replaces, and
/// says that its other hard links still hold the old one.
#[cfg(unix)]
#[test]
fn report_force_keeps_the_mode_of_the_page_it_replaces() {
    use std::os::unix::fs::PermissionsExt;
    let s = Scratch::new();
    let page = s.dir.path().join("r.html");
    fs::write(&page, "old").unwrap();
    fs::set_permissions(&page, fs::Permissions::from_mode(0o640)).unwrap();
    fs::hard_link(&page, s.dir.path().join("r2.html")).unwrap();
    let (_, stderr, code) = s.run(&["report", "--out", "r.html", "--force"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.ends_with(
            "\nnote: the page replaced had 1 other hard link, which still holds the old page\n"
        ),
        "{stderr}"
    );
    let mode = fs::metadata(&page).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
    assert!(
        fs::read_to_string(&page)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    assert_eq!(
        fs::read_to_string(s.dir.path().join("r2.html")).unwrap(),
        "old"
    );
}

/// Messages say what the OS says, without its error number.
#[test]
fn a_folder_that_cannot_be_made_is_said_without_an_os_error_number() {
    let s = Scratch::new();
    fs::write(s.dir.path().join("data/t"), "").unwrap();
    let (_, stderr, code) = s.run(&["new", "talks", "t"]);
    assert_eq!(
        (stderr.as_str(), code),
        (
            "cannot create the folder data/t/rounds: Not a directory\n",
            2
        )
    );
}

/// A number that cannot be read says what is expected, not that an
/// integer overflowed.
#[test]
fn an_order_that_is_not_a_number_says_what_is_expected() {
    let s = Scratch::new();
    assert_eq!(
        s.round_fails("order = 0x\n"),
        "error: expected a whole number, found `0x`
 --> data/harbour/rounds/2024-06-01-fourth.toml:4:9
  |
4 | order = 0x
  |         ^^ not a number this can be
  |
  = help: write a number such as 1, in decimal digits

1 error in 1 talks, 5 files: data (from --data or $REDLINES_DATA)
"
    );
    assert!(
        s.round_fails("order = -1\n")
            .starts_with("error: expected a whole number from 0 to 4294967295, found `-1`\n")
    );
}

/// A talks of `n` parties whose conditions on issue `target` are built to
/// be slow to weigh together: each of the first `n - 2` may have it on one
/// of two issues of its own, and the last two conflict on issue `w`. With
/// `hub`, every condition also asks something of one shared issue.
fn knot(n: usize, hub: bool) -> TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("knot");
    fs::create_dir_all(dir.join("rounds")).unwrap();
    let issue = |id: &str| {
        format!(
            "[[issues]]\nid = \"{id}\"\ntitle = \"{id}\"\nscale = [{{ id = \"u\", label = \"U\" }}, {{ id = \"v\", label = \"V\" }}]\n"
        )
    };
    let mut talks = String::from("title = \"Knot\"\n");
    for i in 0..n {
        talks += &format!("[[parties]]\nid = \"p{i}\"\nname = \"P{i}\"\n");
    }
    for id in ["target", "w", "hub"] {
        talks += &issue(id);
    }
    for i in 0..n {
        talks += &issue(&format!("a{i}"));
        talks += &issue(&format!("b{i}"));
    }
    fs::write(dir.join("talks.toml"), talks).unwrap();
    let mut round = String::from(
        "date = 2024-06-01\ntitle = \"One\"\n[[sources]]\nid = \"s\"\ntitle = \"S\"\n",
    );
    let also = if hub { ", hub = [\"u\", \"v\"]" } else { "" };
    for i in 0..n {
        round +=
            &format!("[positions.p{i}.target]\nstance = \"u\"\nsummary = \"U\"\nsource = \"s\"\n");
        let conditions = match i {
            i if i + 2 == n => vec!["w = [\"u\"]".to_string()],
            i if i + 1 == n => vec!["w = [\"v\"]".to_string()],
            i => vec![format!("a{i} = [\"u\"]"), format!("b{i} = [\"u\"]")],
        };
        for c in conditions {
            round += &format!(
                "[[positions.p{i}.target.conditions]]\naccepts = [\"v\"]\nonly_if = {{ {c}{also} }}\nquote = \"V only if that.\"\nsource = \"s\"\n"
            );
        }
    }
    fs::write(dir.join("rounds/2024-06-01-one.toml"), round).unwrap();
    tmp
}

/// Conditions that cannot hold together, found only past every
/// combination of 38 parties' two conditions each (2^38 choices, which ran
/// for hours): parties whose conditions touch no issue in common are
/// weighed apart, and where they all do, the search stops at a budget and
/// says the outcome was not weighed.
#[test]
fn conditions_a_search_would_weigh_for_hours() {
    use crate::run_on;
    let target = |data: &TempDir| {
        let (stdout, stderr, code) = run_on(
            data.path(),
            &["matrix", "--by", "issue", "--format", "json"],
        );
        assert_eq!(code, 0, "{stderr}");
        let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        let rows = v["rows"].as_array().unwrap();
        rows.iter().find(|r| r["issue"] == "target").unwrap()["linkage"].clone()
    };
    // `u` is accepted by everyone as it is; `v` only on conditions that
    // cannot hold together, so it is not in the conditional zone.
    let apart = target(&knot(40, false));
    assert_eq!(
        apart,
        serde_json::json!({"blocked_by": [], "conditional_zone": []})
    );
    let together = knot(40, true);
    assert_eq!(target(&together)["undecided"], serde_json::json!(["v"]));
    let (stdout, stderr, code) = run_on(together.path(), &["matrix", "--by", "issue"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("weighed"), "{stdout}");
    for args in [
        &["bridge"][..],
        &["explain", "p0", "p1", "target"],
        &["check"],
    ] {
        assert_eq!(run_on(together.path(), args).2, 0, "{args:?}");
    }
}

/// Many linkages over many issues, each package big to search: each search
/// has its limit, and all of a view's searches share one budget, so that
/// their number does not multiply the time (200 of them ran past 20 s).
/// `--issue` narrows what is searched.
#[test]
fn linkages_a_search_would_weigh_for_minutes() {
    use crate::run_on;
    const ISSUES: usize = 14;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("pk");
    fs::create_dir_all(dir.join("rounds")).unwrap();
    let scale = "[{ id = \"a\", label = \"A\" }, { id = \"b\", label = \"B\" }, { id = \"c\", label = \"C\" }]";
    let mut talks = String::from(
        "title = \"P\"\n[[parties]]\nid = \"x\"\nname = \"X\"\n[[parties]]\nid = \"y\"\nname = \"Y\"\n",
    );
    for i in 0..ISSUES {
        talks += &format!("[[issues]]\nid = \"i{i}\"\ntitle = \"I{i}\"\nscale = {scale}\n");
    }
    fs::write(dir.join("talks.toml"), talks).unwrap();
    let mut round =
        String::from("date = 2024-01-01\ntitle = \"R\"\n[[sources]]\nid = \"s\"\ntitle = \"S\"\n");
    for p in ["x", "y"] {
        for i in 0..ISSUES {
            // Everything accepted but on the last issue, where they differ:
            // every package of the others' settlements is searched to the end.
            let accepts = match (i + 1 == ISSUES, p) {
                (false, _) => "[\"a\", \"b\", \"c\"]",
                (true, "x") => "[\"a\"]",
                (true, _) => "[\"c\"]",
            };
            round += &format!(
                "[positions.{p}.i{i}]\nstance = {}\naccepts = {accepts}\nsummary = \"x\"\nsource = \"s\"\n",
                &accepts[1..4]
            );
        }
    }
    for k in 0..40 {
        let issues: Vec<String> = (0..ISSUES)
            .filter(|&i| i != k % (ISSUES - 1))
            .map(|i| format!("\"i{i}\""))
            .collect();
        round += &format!(
            "[[linkages]]\nid = \"l{k}\"\nparty = \"x\"\nissues = [{}]\nsummary = \"x\"\nsource = \"s\"\n",
            issues.join(", ")
        );
    }
    fs::write(dir.join("rounds/2024-01-01-r.toml"), round).unwrap();
    let packages = |args: &[&str]| -> Vec<serde_json::Value> {
        let (stdout, stderr, code) = run_on(tmp.path(), args);
        assert_eq!(code, 0, "{stderr}");
        let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        v["packages"].as_array().unwrap().clone()
    };
    let all = packages(&["matrix", "--by", "issue", "--format", "json"]);
    assert_eq!(all.len(), 40);
    // The first are searched to the end (no package: the last issue
    // parts them); once the budget is spent, the rest say so.
    let searched = all.iter().take_while(|p| p["count"] == 0).count();
    assert!((3..40).contains(&searched), "{searched} searched");
    for p in &all[searched..] {
        assert_eq!(p["budget_spent"], true, "{p}");
        assert!(p["count"].is_null(), "{p}");
    }
    let (stdout, _, _) = run_on(tmp.path(), &["matrix", "--by", "issue"]);
    assert!(
        stdout.contains("the searches before it took the"),
        "{stdout}"
    );
    // Narrowed to one issue, only the linkages that tie it are searched.
    let narrowed = packages(&[
        "matrix", "--by", "issue", "--issue", "i0", "--format", "json",
    ]);
    assert_eq!(narrowed.len(), 40 - 40usize.div_ceil(ISSUES - 1));
}

/// Past 100 problems in a file, the rest are not looked for: a note says
/// so, and no count takes it for an error or for all of them.
#[test]
fn past_the_cap_of_problems_the_counts_say_at_least() {
    let s = Scratch::new();
    let keys: String = (0..150).map(|k| format!("k{k} = {k}\n")).collect();
    let stderr = s.round_fails(&format!(
        "[positions.north.harbour-control]\nstance = \"north-runs\"\n{keys}"
    ));
    assert!(
        stderr.starts_with(
            "note: more than 100 problems in this file: 100 of them are shown, in the order of the file"
        ),
        "{stderr}"
    );
    assert_eq!(
        stderr.matches("error: unknown key `k").count(),
        100,
        "{stderr}"
    );
    assert!(
        stderr.ends_with(
            "\nat least 100 errors in 1 talks, 5 files: data (from --data or $REDLINES_DATA)\n"
        ),
        "{stderr}"
    );
    let (_, stderr, code) = s.run(&["table"]);
    assert_eq!(code, 1);
    assert!(
        stderr.ends_with("error: the data has at least 100 errors (95 not shown here); run `redlines check` for the full report\n"),
        "{stderr}"
    );
}

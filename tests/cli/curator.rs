//! Issue 14 replayed: what a new curator tripped on, adding the 1977–79
//! Egypt–Israel talks, each as they met it, with the whole of what the tool
//! now says. Each case is a copy of `fixtures/egypt-israel` in a temporary
//! folder with one thing broken (or new).

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use tempfile::TempDir;

use crate::{bare, fixtures, run};

struct Curator {
    dir: TempDir,
}

const ROUND: &str = "rounds/1978-09-05-camp-david.toml";

impl Curator {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        crate::copy_dir(&fixtures().join("egypt-israel"), &dir.path().join("data"));
        Curator { dir }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join("data/egypt-israel").join(rel)
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap()
    }

    fn write(&self, rel: &str, text: &str) {
        fs::write(self.path(rel), text).unwrap();
    }

    /// `rel` with `old` replaced by `new`, as an editor would.
    fn edit(&self, rel: &str, old: &str, new: &str) {
        let text = self.read(rel);
        assert!(text.contains(old), "{old:?} not in {rel}");
        self.write(rel, &text.replacen(old, new, 1));
    }

    fn cmd(&self) -> assert_cmd::Command {
        let mut cmd = bare();
        cmd.current_dir(self.dir.path()).args(["--data", "data"]);
        cmd
    }

    /// (stdout, stderr, exit code)
    fn run(&self, args: &[&str]) -> (String, String, i32) {
        run(self.cmd(), args)
    }

    /// `check`'s stderr and exit code.
    fn check(&self, args: &[&str]) -> (String, i32) {
        let mut all = vec!["check"];
        all.extend(args);
        let (stdout, stderr, code) = self.run(&all);
        assert_eq!(stdout, "");
        (stderr, code)
    }
}

const SUMMARY: &str = "in 1 talks, 3 files: data (from --data or $REDLINES_DATA)\n";

#[test]
fn the_fixture_is_clean() {
    assert_eq!(
        Curator::new().check(&["--deny-warnings"]),
        (format!("ok: no problems {SUMMARY}"), 0)
    );
}

/// Item 1: `date = 17/09/1978`, unquoted then quoted: each one error naming
/// the form expected, `YYYY-MM-DD`, with the date as it should be written.
#[test]
fn item_1_a_date_in_another_form_names_the_form_expected() {
    let c = Curator::new();
    c.edit(ROUND, "date = 1978-09-05", "date = 05/09/1978");
    assert_eq!(
        c.check(&[]),
        (
            format!(
                "error: `date` takes a date written YYYY-MM-DD, without quotes
 --> data/egypt-israel/rounds/1978-09-05-camp-david.toml:1:8
  |
1 | date = 05/09/1978
  |        ^^^^^^^^^^ not a date as TOML writes one
  |
  = help: write `date = 1978-09-05` if you mean 5 September 1978, or `date = 1978-05-09` if you mean
          9 May 1978 (year, month, day)

1 error {SUMMARY}"
            ),
            1
        )
    );
    c.edit(ROUND, "date = 05/09/1978", "date = \"17/09/1978\"");
    c.edit(ROUND, "end = 1978-09-17 ", "");
    assert_eq!(
        c.check(&[]),
        (
            format!(
                "error: `date` takes a date written YYYY-MM-DD, without quotes
 --> data/egypt-israel/rounds/1978-09-05-camp-david.toml:1:8
  |
1 | date = \"17/09/1978\"
  |        ^^^^^^^^^^^^ in quotes, this is text, not a date
  |
  = help: write `date = 1978-09-17` (year, month, day)

1 error {SUMMARY}"
            ),
            1
        )
    );
}

/// Item 2: One missing `]`: one error, at the line of the list, not hundreds;
/// and no other command prints more than a few.
#[test]
fn item_2_a_missing_bracket_is_one_error_at_its_line() {
    let c = Curator::new();
    c.edit(ROUND, "\"israel\", \"us\"]", "\"israel\", \"us\"");
    let expected = "error: the list of `participants` is not closed: `]` is missing
 --> data/egypt-israel/rounds/1978-09-05-camp-david.toml:4:16
  |
4 | participants = [\"egypt\", \"israel\", \"us\"
  |                ^ this `[` is never closed
  |
  = help: close it after its last item: `participants = [\"egypt\", \"israel\", \"us\"]`
";
    assert_eq!(c.check(&[]), (format!("{expected}\n1 error {SUMMARY}"), 1));
    let (stdout, stderr, code) = c.run(&["table"]);
    assert_eq!((stdout.as_str(), code), ("", 1));
    assert_eq!(
        stderr,
        format!(
            "{expected}\nerror: the data has 1 error; run `redlines check` for the full report\n"
        )
    );
}

/// Item 3: A syntax error does not hide the file's other problems: a string
/// left open, and a red line that is text and an unknown issue beside it.
#[test]
fn item_3_a_syntax_error_does_not_hide_the_rest_of_its_file() {
    let c = Curator::new();
    c.edit(
        ROUND,
        "title = \"Camp David summit\"",
        "title = \"Camp David summit",
    );
    c.edit(ROUND, "[positions.us.autonomy]", "[positions.us.autonomie]");
    c.edit(
        ROUND,
        "follow_up = true",
        "follow_up = true\nred_line = \"yes\"",
    );
    assert_eq!(
        c.check(&[]),
        (
            format!(
                "error: the text of `title` has no closing `\"`
 --> data/egypt-israel/rounds/1978-09-05-camp-david.toml:3:9
  |
3 | title = \"Camp David summit
  |         ^ the text opened here is not closed on its line
  |
  = help: end it with `\"`: `title = \"Camp David summit\"`

error: `red_line` takes `true` or `false`, not text
  --> data/egypt-israel/rounds/1978-09-05-camp-david.toml:26:12
   |
26 | red_line = \"yes\"
   |            ^^^^^ wrong type
   |
   = help: write `red_line = true` or `red_line = false`, without quotes

error: unknown issue `autonomie`
  --> data/egypt-israel/rounds/1978-09-05-camp-david.toml:28:15
   |
28 | [positions.us.autonomie]
   |               ^^^^^^^^^ no such issue
   |
   = help: did you mean `autonomy`?

3 errors {SUMMARY}"
            ),
            1
        )
    );
}

/// Item 4: A year typo: the round's date is not the one its id starts with.
#[test]
fn item_4_a_round_dated_otherwise_than_its_id_is_an_error() {
    let c = Curator::new();
    c.edit(ROUND, "date = 1978-09-05", "date = 1977-09-05");
    c.edit(ROUND, "end = 1978-09-17 ", "end = 1977-09-17 ");
    c.edit(ROUND, "date = 1978-09-17\n", "");
    c.edit(ROUND, "date = 1978-09-20 ", "date = 1977-09-20 ");
    assert_eq!(
        c.check(&[]),
        (
            format!(
                "error: round `1978-09-05-camp-david` is dated 1977-09-05, but its id starts with 1978-09-05
 --> data/egypt-israel/rounds/1978-09-05-camp-david.toml:1:8
  |
1 | date = 1977-09-05
  |        ^^^^^^^^^^ not 1978-09-05
  |
  = help: if it began on 1978-09-05, write `date = 1978-09-05`; if on 1977-09-05, rename the file
          `1977-09-05-camp-david.toml`

1 error {SUMMARY}"
            ),
            1
        )
    );
}

/// Item 4: `new round` with an id and a --date that differ, or a day that is not.
#[test]
fn item_4_new_round_refuses_a_date_not_its_ids_and_a_day_that_is_not() {
    let c = Curator::new();
    let (_, stderr, code) = c.run(&[
        "new",
        "round",
        "1978-07-18-leeds-castle",
        "--date",
        "1978-07-19",
    ]);
    assert_eq!(
        (stderr.as_str(), code),
        (
            "round id `1978-07-18-leeds-castle` starts with 1978-07-18, but --date is 1978-07-19: a round's id starts with its date. Name it `1978-07-19-leeds-castle` if it began on 1978-07-19, or leave out --date if on 1978-07-18\n",
            2
        )
    );
    let (_, stderr, code) = c.run(&["new", "round", "1978-02-30-bad"]);
    assert_eq!(
        (stderr.as_str(), code),
        (
            "round id `1978-02-30-bad` starts with 1978-02-30, which is not a day: 30 February does not exist (February 1978 has 28 days); start the id with the round's date, YYYY-MM-DD\n",
            2
        )
    );
    assert!(!c.path("rounds/1978-07-18-leeds-castle.toml").exists());
}

/// Item 5: A round over days (`end`), a statement within them, and a follow-up
/// after them pass (the fixture holds all three); a statement after the
/// round's last day that is not a follow-up, or a follow-up as late as the
/// next round, does not.
#[test]
fn item_5_rounds_span_days_and_follow_ups_come_before_the_next_round() {
    let c = Curator::new();
    // Any day of a round over several days names it.
    let (stdout, _, code) = c.run(&["table", "--round", "1978-09-10", "--format", "json"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        (&json["as_of"]["id"], &json["as_of"]["end"]),
        (&"1978-09-05-camp-david".into(), &"1978-09-17".into())
    );
    c.edit(ROUND, "follow_up = true\n", "");
    let (stderr, code) = c.check(&[]);
    assert_eq!(
        (stderr, code),
        (
            format!(
                "error: the position is dated 1978-09-20, after its round (1978-09-17)
  --> data/egypt-israel/rounds/1978-09-05-camp-david.toml:24:8
   |
24 | date = 1978-09-20         # the Knesset vote was promised in a letter after the summit
   |        ^^^^^^^^^^ later than the round
   |
   = help: if this round's record holds it all the same (a statement days later, a side letter), add
           `follow_up = true` to the position; else move it to the round it belongs to, or correct
           the date

1 error {SUMMARY}"
            ),
            1
        )
    );
    c.edit(
        ROUND,
        "date = 1978-09-20 ",
        "follow_up = true\ndate = 1978-09-20 ",
    );
    c.write(
        "rounds/1978-09-19-washington.toml",
        "date = 1978-09-19\ntitle = \"Washington\"\nparticipants = [\"us\"]\n",
    );
    let (stderr, code) = c.check(&[]);
    assert_eq!(
        (stderr, code),
        (
            "error: the position is dated 1978-09-20, on or after the next round `1978-09-19-washington`
       (1978-09-19)
  --> data/egypt-israel/rounds/1978-09-05-camp-david.toml:25:8
   |
25 | date = 1978-09-20         # the Knesset vote was promised in a letter after the summit
   |        ^^^^^^^^^^ a follow-up of this round, but later than the next
   |
   = help: positions carry forward round by round: move it to `1978-09-19-washington` or a later
           round, or correct the date

1 error in 1 talks, 4 files: data (from --data or $REDLINES_DATA)
"
            .to_string(),
            1
        )
    );
}

/// Item 6: A table defined twice names itself and where it was first; a wrong
/// type names its key.
#[test]
fn item_6_a_duplicate_table_and_a_wrong_type_name_the_key() {
    let c = Curator::new();
    let round = c.read(ROUND);
    c.write(
        ROUND,
        &format!("{round}\n[positions.egypt.autonomy]\nstance = \"transitional\"\nsummary = \"Again\"\nsource = \"framework\"\n"),
    );
    assert_eq!(
        c.check(&[]),
        (
            format!(
                "error: the table `[positions.egypt.autonomy]` is defined twice
  --> data/egypt-israel/rounds/1978-09-05-camp-david.toml:32:1
   |
32 | [positions.egypt.autonomy]
   | ^^^^^^^^^^^^^^^^^^^^^^^^^^ defined again here
   |
   = help: it is first defined at line 6: put the keys of both in that one, and remove this one (the
           keys under it are not checked until then)

1 error {SUMMARY}"
            ),
            1
        )
    );
}

/// Item 7: A mediator: its positions show, but the matrix and the trend leave
/// it out of the scores, and say so, unless asked.
#[test]
fn item_7_a_mediator_is_not_scored_unless_asked() {
    let c = Curator::new();
    let (stdout, _, code) = c.run(&["matrix", "--format", "json"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["parties"], serde_json::json!(["egypt", "israel"]));
    assert_eq!(json["not_scored"], serde_json::json!(["us"]));
    let (stdout, _, _) = c.run(&["matrix"]);
    // Prose, wrapped to the width.
    let flat = stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Not scored, having no stake of their own: United States (mediator); --with-mediators scores them too."),
        "{stdout}"
    );
    let (stdout, _, _) = c.run(&["matrix", "--with-mediators", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        json["parties"],
        serde_json::json!(["egypt", "israel", "us"])
    );
    let (stdout, _, _) = c.run(&["trend", "--format", "csv"]);
    // One pair, Egypt–Israel, a row per round: the mediator is not scored.
    assert!(
        stdout.starts_with("a,b,round,date,score,assumed\negypt,israel,1977-12-25-ismailia,"),
        "{stdout}"
    );
    assert_eq!(stdout.lines().count(), 1 + 2, "{stdout}");
    // The mediator's position shows in the table as any other.
    let (stdout, _, _) = c.run(&["table", "--format", "csv"]);
    assert!(stdout.contains(",us,"), "{stdout}");
    // `kind = "mediator"` says what to write instead.
    c.edit(
        "talks.toml",
        "kind = \"state\"\nrole = \"mediator\"",
        "kind = \"mediator\"",
    );
    assert_eq!(
        c.check(&[]),
        (
            format!(
                "error: `mediator` is not allowed as `kind`
  --> data/egypt-israel/talks.toml:19:8
   |
19 | kind = \"mediator\"
   |        ^^^^^^^^^^ expected `state`, `alliance` or `organisation`
   |
   = help: a mediator is a role, not a kind: write `role = \"mediator\"` (and `kind`, if any, as
           state, alliance or organisation)

1 error {SUMMARY}"
            ),
            1
        )
    );
}

/// Item 8: A round with no participants, and the scaffold's TODO titles, do not
/// pass `--deny-warnings`.
#[test]
fn item_8_no_participants_and_todo_titles_are_warnings() {
    let c = Curator::new();
    c.edit(
        ROUND,
        "participants = [\"egypt\", \"israel\", \"us\"]\n",
        "",
    );
    c.edit(
        ROUND,
        "title = \"Camp David summit\"",
        "title = \"TODO: a short title of the meeting\"",
    );
    assert_eq!(
        c.check(&["--deny-warnings"]),
        (
            format!(
                "warning: the round lists no participants
--> data/egypt-israel/rounds/1978-09-05-camp-david.toml
 = help: add `participants = [\"…\", \"…\"]`: the parties present, or whose statements this round's
         record holds

warning: the title is still the scaffold's placeholder
 --> data/egypt-israel/rounds/1978-09-05-camp-david.toml:3:9
  |
3 | title = \"TODO: a short title of the meeting\"
  |         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ to fill in
  |
  = help: write the real title in its place

2 warnings {SUMMARY}"
            ),
            1
        )
    );
}

/// Item 9: A paraphrase: said to be one, with the closest passage of the source.
#[test]
fn item_9_a_paraphrase_shows_the_closest_passage() {
    let c = Curator::new();
    c.edit(
        ROUND,
        "quote = \"there should be transitional arrangements for the West Bank and Gaza for a period not exceeding five years\"",
        "quote = \"a transitional regime of five years for the occupied territories\"",
    );
    assert_eq!(
        c.check(&[]),
        (
            format!(
                "error: the quote is not found verbatim in source `framework`
  --> data/egypt-israel/rounds/1978-09-05-camp-david.toml:15:9
   |
15 | quote = \"a transitional regime of five years for the occupied territories\"
   |         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
   |
   = note: not in data/egypt-israel/sources/framework.txt
   = help: most of the quote is not in the source: at most 4 of its 10 words come together in
           it. The closest passage reads “transfer of authority, there should be transitional
           arrangements for the”; quote the words as the source prints them (a paraphrase goes in
           `summary`)

1 error {SUMMARY}"
            ),
            1
        )
    );
}

/// Item 10: Ids: not starting with `-`, and no name Windows reserves.
#[test]
fn item_10_ids_starting_with_a_hyphen_or_reserved_are_refused() {
    let c = Curator::new();
    let (_, stderr, code) = c.run(&["new", "talks", "--", "-x"]);
    assert_eq!(
        (stderr.as_str(), code),
        (
            "`-x` is not a valid talks id: a talks id is lowercase letters, digits and hyphens, starting with a letter or a digit (it names a file or a folder in the data folder, and is typed on the command line)\n",
            2
        )
    );
    for (what, id) in [("talks", "con"), ("round", "nul"), ("round", "com1")] {
        let (_, stderr, code) = c
            .run(&["new", what, id, "--date", "1978-01-01"][..if what == "talks" { 3 } else { 5 }]);
        assert_eq!(
            (stderr, code),
            (
                format!(
                    "`{id}` is not a valid {what} id: Windows reserves the name `{id}` for a device, and no file or folder there may have it; choose another, such as `{id}-1`\n"
                ),
                2
            )
        );
    }
}

/// Item 11: `check --watch` checks again when a file is saved: a broken round
/// written while it runs is reported without a new command.
#[test]
fn item_11_check_watch_reports_a_file_broken_after_it_started() {
    let c = Curator::new();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_redlines"))
        .current_dir(c.dir.path())
        .args(["--color", "never", "--data", "data", "check", "--watch"])
        .env_remove("REDLINES_DATA")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            if tx.send(line.unwrap_or_default()).is_err() {
                break;
            }
        }
    });
    // Lines until one holding `want`, within 30 seconds.
    let until = |want: &str| -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut seen = Vec::new();
        while let Ok(line) = rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            let done = line.contains(want);
            seen.push(line);
            if done {
                return seen;
            }
        }
        panic!("no line with {want:?} in time; read: {seen:#?}");
    };
    let first = until("watching data for changes (Ctrl-C to stop)");
    assert_eq!(
        first[0],
        "ok: no problems in 1 talks, 3 files: data (from --data or $REDLINES_DATA)"
    );
    c.edit(ROUND, "date = 1978-09-05", "date = 05/09/1978");
    let again = until("watching data for changes");
    child.kill().unwrap();
    let _ = child.wait();
    assert_eq!(
        again[..3],
        [
            "── data/egypt-israel/rounds/1978-09-05-camp-david.toml changed: checking again ──",
            "error: `date` takes a date written YYYY-MM-DD, without quotes",
            " --> data/egypt-israel/rounds/1978-09-05-camp-david.toml:1:8",
        ]
    );
    assert!(
        again.contains(
            &"1 error in 1 talks, 3 files: data (from --data or $REDLINES_DATA)".to_string()
        ),
        "{again:#?}"
    );
}

//! `check` on a folder of broken data files, `tests/fixtures/broken/`: one
//! small talks per kind of problem, and one with many problems at once. The
//! whole message is asserted: file:line:column, the source line, the caret,
//! what was expected, and the suggestion.

use crate::{bare, fixtures, redlines, run};

/// Assert the whole of what `check` says about a case, and its exit code.
#[track_caller]
fn expect(case: &str, code: i32, stderr: &str) {
    assert_eq!(check(case, &[]), (stderr.to_string(), code));
}

/// `redlines --data broken/CASE check ARGS`: (stderr, exit code).
fn check(case: &str, args: &[&str]) -> (String, i32) {
    let mut cmd = bare();
    cmd.current_dir(fixtures())
        .args(["--data", &format!("broken/{case}"), "check"]);
    let (stdout, stderr, code) = run(cmd, args);
    assert_eq!(stdout, "", "check prints to stderr");
    (stderr, code)
}

/// A file that is not valid TOML: one error per cause, at its line, and the
/// file read on as its writer meant it (the quote closed, the header
/// closed), so that its other problems are reported too: here, the position
/// under the header has no summary and no source.
#[test]
fn a_syntax_error_is_one_error_at_its_cause_and_the_file_is_read_on() {
    expect(
        "syntax",
        1,
        r##"error: the text of `title` has no closing `"`
 --> broken/syntax/rounds/2024-03-01-opening.toml:2:9
  |
2 | title = "Opening session
  |         ^ the text opened here is not closed on its line
  |
  = help: end it with `"`: `title = "Opening session"`

error: the table header `[positions.north.toll` is not closed
 --> broken/syntax/rounds/2024-03-01-opening.toml:5:1
  |
5 | [positions.north.toll
  | ^^^^^^^^^^^^^^^^^^^^^ `]` is missing
  |
  = help: write `[positions.north.toll]`

error: the position has no summary
 --> broken/syntax/rounds/2024-03-01-opening.toml:5:18
  |
5 | [positions.north.toll
  |                  ^^^^
  |
  = help: add `summary = "…"`: the position in a sentence

warning: the position has no source
 --> broken/syntax/rounds/2024-03-01-opening.toml:5:18
  |
5 | [positions.north.toll
  |                  ^^^^
  |
  = help: add `source = "…"` so that a reader can trace it

3 errors, 1 warning in 1 talks, 2 files: broken/syntax (from --data or $REDLINES_DATA)
"##,
    );
}

/// Issue 14, item 3: an unclosed string, a missing comma, a missing `=`
/// and a key set twice do not hide the round's other problems (a red line
/// that is text, an unknown issue); each is one error at its own line.
#[test]
fn syntax_errors_do_not_hide_the_other_problems_of_their_file() {
    expect(
        "syntax-and-more",
        1,
        r##"error: the text of `title` has no closing `"`
 --> broken/syntax-and-more/rounds/2024-03-01-opening.toml:2:9
  |
2 | title = "Opening session
  |         ^ the text opened here is not closed on its line
  |
  = help: end it with `"`: `title = "Opening session"`

error: a comma is missing between two items of `participants`
 --> broken/syntax-and-more/rounds/2024-03-01-opening.toml:3:24
  |
3 | participants = ["north" "south"]
  |                        ^ expected `,` here
  |
  = help: items are separated by commas: `participants = ["north", "south"]`

error: `stance` has no `=`
  --> broken/syntax-and-more/rounds/2024-03-01-opening.toml:10:7
   |
10 | stance "low"
   |       ^ expected `=` here
   |
   = help: a key and its value are written `key = value`: `stance = "low"`

error: `red_line` takes `true` or `false`, not text
  --> broken/syntax-and-more/rounds/2024-03-01-opening.toml:13:12
   |
13 | red_line = "yes"
   |            ^^^^^ wrong type
   |
   = help: write `red_line = true` or `red_line = false`, without quotes

error: unknown issue `tol`
  --> broken/syntax-and-more/rounds/2024-03-01-opening.toml:15:18
   |
15 | [positions.south.tol]
   |                  ^^^ no such issue
   |
   = help: did you mean `toll`?

error: `summary` is set twice in `[positions.south.toll]`
  --> broken/syntax-and-more/rounds/2024-03-01-opening.toml:24:1
   |
24 | summary = "No toll at all"
   | ^^^^^^^ set again here
   |
   = help: it is first set at line 22: keep one of the two

6 errors in 1 talks, 2 files: broken/syntax-and-more (from --data or $REDLINES_DATA)
"##,
    );
}

#[test]
fn values_of_the_wrong_type_say_what_was_expected() {
    expect(
        "wrong-type",
        1,
        r##"error: `country` is not allowed as `kind`
  --> broken/wrong-type/talks.toml:10:8
   |
10 | kind = "country"
   |        ^^^^^^^^^ expected `state`, `alliance` or `organisation`

error: `date` takes a date written YYYY-MM-DD, without quotes
 --> broken/wrong-type/rounds/2024-03-01-opening.toml:1:8
  |
1 | date = "2024-03-01"
  |        ^^^^^^^^^^^^ in quotes, this is text, not a date
  |
  = help: write `date = 2024-03-01` (year, month, day)

error: `order` takes a whole number, not text
 --> broken/wrong-type/rounds/2024-03-01-opening.toml:3:9
  |
3 | order = "first"
  |         ^^^^^^^ wrong type
  |
  = help: write a number, without quotes: `order = 1`

error: `participants` takes a list, not text
 --> broken/wrong-type/rounds/2024-03-01-opening.toml:4:16
  |
4 | participants = "north"
  |                ^^^^^^^ wrong type
  |
  = help: write a list in brackets: `participants = ["north"]`

error: `accepts` takes a list, not text
  --> broken/wrong-type/rounds/2024-03-01-opening.toml:12:11
   |
12 | accepts = "low"
   |           ^^^^^ wrong type
   |
   = help: write a list in brackets: `accepts = ["low"]`

error: `red_line` takes `true` or `false`, not text
  --> broken/wrong-type/rounds/2024-03-01-opening.toml:13:12
   |
13 | red_line = "yes"
   |            ^^^^^ wrong type
   |
   = help: write `red_line = true` or `red_line = false`, without quotes

error: `high` is not allowed as `priority`
  --> broken/wrong-type/rounds/2024-03-01-opening.toml:14:12
   |
14 | priority = "high"
   |            ^^^^^^ expected `core` or `secondary`

7 errors in 1 talks, 2 files: broken/wrong-type (from --data or $REDLINES_DATA)
"##,
    );
}

#[test]
fn ids_and_round_file_names_are_lowercase_letters_digits_and_hyphens() {
    expect(
        "bad-id",
        1,
        r##"error: invalid party id `North Land`
 --> broken/bad-id/talks.toml:4:6
  |
4 | id = "North Land"
  |      ^^^^^^^^^^^^
  |
  = note: expected lowercase letters, digits and hyphens, starting with a letter or a digit
  = help: try `north-land`

error: invalid outcome id `Low_Toll`
  --> broken/bad-id/talks.toml:12:10
   |
12 |   { id = "Low_Toll", label = "A low toll" },
   |          ^^^^^^^^^^
   |
   = note: expected lowercase letters, digits and hyphens, starting with a letter or a digit
   = help: try `low-toll`

error: the file name `2024-03-01_Opening.toml` is not a valid round id
--> broken/bad-id/rounds/2024-03-01_Opening.toml
 = help: rename it `2024-03-01-opening.toml`: a round id is lowercase letters, digits and hyphens,
         starting with a letter or a digit (it names a file or a folder in the data folder, and is
         typed on the command line)

error: invalid source id `Minutes 1`
 --> broken/bad-id/rounds/2024-03-01_Opening.toml:6:6
  |
6 | id = "Minutes 1"
  |      ^^^^^^^^^^^
  |
  = note: expected lowercase letters, digits and hyphens, starting with a letter or a digit
  = help: try `minutes-1`

error: unknown party `North`
 --> broken/bad-id/rounds/2024-03-01_Opening.toml:9:12
  |
9 | [positions.North.toll]
  |            ^^^^^ no such party
  |
  = help: did you mean `North Land`?

5 errors in 1 talks, 2 files: broken/bad-id (from --data or $REDLINES_DATA)
"##,
    );
}

/// Round ids are file names, so two rounds cannot share one.
#[test]
fn duplicate_ids_point_at_the_first_definition() {
    expect(
        "duplicate-id",
        1,
        r##"error: duplicate party id `north`
 --> broken/duplicate-id/talks.toml:8:6
  |
8 | id = "north"
  |      ^^^^^^^ defined again here
  |
  = help: `north` is first defined at line 4, column 6; an id names one party only

error: duplicate outcome id `low`
  --> broken/duplicate-id/talks.toml:17:10
   |
17 |   { id = "low", label = "A lower toll" },
   |          ^^^^^ defined again here
   |
   = help: `low` is first defined at line 16, column 10; an id names one outcome only

error: duplicate issue id `toll`
  --> broken/duplicate-id/talks.toml:21:6
   |
21 | id = "toll"
   |      ^^^^^^ defined again here
   |
   = help: `toll` is first defined at line 12, column 6; an id names one issue only

error: duplicate source id `minutes-1`
  --> broken/duplicate-id/rounds/2024-03-01-opening.toml:10:6
   |
10 | id = "minutes-1"
   |      ^^^^^^^^^^^ defined again here
   |
   = help: `minutes-1` is first defined at line 6, column 6; an id names one source only

4 errors in 1 talks, 2 files: broken/duplicate-id (from --data or $REDLINES_DATA)
"##,
    );
}

#[test]
fn unknown_references_suggest_a_near_miss() {
    expect(
        "unknown-ref",
        1,
        r##"error: unknown party `sotuh`
 --> broken/unknown-ref/rounds/2024-03-01-opening.toml:3:26
  |
3 | participants = ["north", "sotuh"]
  |                          ^^^^^^^ no such party
  |
  = help: did you mean `south`?

error: unknown party `nroth`
 --> broken/unknown-ref/rounds/2024-03-01-opening.toml:9:12
  |
9 | [positions.nroth.toll]
  |            ^^^^^ no such party
  |
  = help: did you mean `north`?

warning: `south` states positions in this round but is not among its participants
  --> broken/unknown-ref/rounds/2024-03-01-opening.toml:14:12
   |
14 | [positions.south.tol]
   |            ^^^^^
   |
   = help: add it to `participants`, or move the positions to the round where they were stated

error: unknown issue `tol`
  --> broken/unknown-ref/rounds/2024-03-01-opening.toml:14:18
   |
14 | [positions.south.tol]
   |                  ^^^ no such issue
   |
   = help: did you mean `toll`?

error: `lwo` is not an outcome on the scale of issue `toll`
  --> broken/unknown-ref/rounds/2024-03-01-opening.toml:20:10
   |
20 | stance = "lwo"
   |          ^^^^^ not on the scale
   |
   = help: did you mean `low`?

error: `lwo` is not an outcome on the scale of issue `toll`
  --> broken/unknown-ref/rounds/2024-03-01-opening.toml:21:12
   |
21 | accepts = ["lwo", "medium"]
   |            ^^^^^ not on the scale
   |
   = help: did you mean `low`?

error: `medium` is not an outcome on the scale of issue `toll`
  --> broken/unknown-ref/rounds/2024-03-01-opening.toml:21:19
   |
21 | accepts = ["lwo", "medium"]
   |                   ^^^^^^^^ not on the scale
   |
   = help: the scale is: none, low, high

error: unknown source `minutes-l`
  --> broken/unknown-ref/rounds/2024-03-01-opening.toml:23:10
   |
23 | source = "minutes-l"
   |          ^^^^^^^^^^^ no such source
   |
   = help: did you mean `minutes-1`?

error: unknown source `press-release`
  --> broken/unknown-ref/rounds/2024-03-01-opening.toml:28:10
   |
28 | source = "press-release"
   |          ^^^^^^^^^^^^^^^ no such source
   |
   = help: the sources here: minutes-1

8 errors, 1 warning in 1 talks, 2 files: broken/unknown-ref (from --data or $REDLINES_DATA)
"##,
    );
}

#[test]
fn stance_accepts_summary_and_withdrawal() {
    expect(
        "positions",
        1,
        r##"error: `accepts` leaves out the stance `low`
  --> broken/positions/rounds/2024-03-01-opening.toml:11:11
   |
11 | accepts = ["none", "high"]
   |           ^^^^^^^^^^^^^^^^ must include the stance
   |
   = help: a party accepts at least what it demands

error: the position has no stance
  --> broken/positions/rounds/2024-03-01-opening.toml:15:18
   |
15 | [positions.south.toll]
   |                  ^^^^
   |
   = help: add `stance = "…"`, one of: none, low, high

error: the position has no summary
  --> broken/positions/rounds/2024-03-01-opening.toml:15:18
   |
15 | [positions.south.toll]
   |                  ^^^^
   |
   = help: add `summary = "…"`: the position in a sentence

error: a withdrawn position has no stance
  --> broken/positions/rounds/2024-04-10-second.toml:11:10
   |
11 | stance = "low"
   |          ^^^^^
   |
   = help: remove `stance`, or remove `withdrawn = true`

error: a quote with no source
  --> broken/positions/rounds/2024-04-10-second.toml:17:9
   |
17 | quote = "A low toll, then."
   |         ^^^^^^^^^^^^^^^^^^^
   |
   = help: add `source = "…"`, the id of the source that prints this quote

5 errors in 1 talks, 3 files: broken/positions (from --data or $REDLINES_DATA)
"##,
    );
}

#[test]
fn dates_are_plain_days_rounds_on_one_day_are_ordered_and_statements_not_later_than_their_round() {
    expect(
        "dates",
        1,
        r##"error: expected a date, without a time of day
 --> broken/dates/rounds/2024-03-01-opening.toml:1:8
  |
1 | date = 2024-03-01T10:00:00
  |        ^^^^^^^^^^^^^^^^^^^ not a plain date
  |
  = help: write the day alone: 2024-03-01

error: expected a date, without a time of day
 --> broken/dates/rounds/2024-03-01-opening.toml:8:8
  |
8 | date = 2024-03-02T09:00:00+01:00
  |        ^^^^^^^^^^^^^^^^^^^^^^^^^ not a plain date
  |
  = help: write the day alone: 2024-03-02

error: rounds `2024-04-10-second` and `2024-04-10-third` are both dated 2024-04-10, and which came
       first is not given
 --> broken/dates/rounds/2024-04-10-third.toml:1:8
  |
1 | date = 2024-04-10
  |        ^^^^^^^^^^ same date as another round
  |
  = help: add `order = 1` to the round that came first and `order = 2` to the other, below their
          `date`

error: rounds `2024-05-20-evening` and `2024-05-20-morning` are both dated 2024-05-20, and both have
       `order = 1`
 --> broken/dates/rounds/2024-05-20-morning.toml:1:8
  |
1 | date = 2024-05-20
  |        ^^^^^^^^^^ same date as another round
  |
  = help: give them different orders: the lower one came first

error: 2024-06-31 is not a day: 31 June does not exist (June 2024 has 30 days)
 --> broken/dates/rounds/2024-06-31-summer.toml:1:8
  |
1 | date = 2024-06-31
  |        ^^^^^^^^^^ no such day
  |
  = help: correct it: `date = YYYY-MM-DD`, a day of the calendar

error: the position is dated 2024-08-01, after its round (2024-07-01)
  --> broken/dates/rounds/2024-07-01-later.toml:13:8
   |
13 | date = 2024-08-01
   |        ^^^^^^^^^^ later than the round
   |
   = help: if this round's record holds it all the same (a statement days later, a side letter), add
           `follow_up = true` to the position; else move it to the round it belongs to, or correct
           the date

6 errors in 1 talks, 8 files: broken/dates (from --data or $REDLINES_DATA)
"##,
    );
}

#[test]
fn a_scale_has_at_least_two_outcomes() {
    expect(
        "few-outcomes",
        1,
        r##"error: issue `toll` has 1 outcome; a scale needs at least two
  --> broken/few-outcomes/talks.toml:10:9
   |
10 |   scale = [
   |  _________^
11 | |   { id = "low", label = "A low toll" },
12 | | ]
   | |_^ the scale, from one pole to the other

error: issue `berths` has 0 outcomes; a scale needs at least two
  --> broken/few-outcomes/talks.toml:17:9
   |
17 | scale = []
   |         ^^ the scale, from one pole to the other

2 errors in 1 talks, 1 file: broken/few-outcomes (from --data or $REDLINES_DATA)
"##,
    );
}

#[test]
fn a_quote_needs_a_source() {
    expect(
        "quote-no-source",
        1,
        r##"error: a quote with no source
 --> broken/quote-no-source/rounds/2024-03-01-opening.toml:8:9
  |
8 | quote = "A low toll for all ships, and no more."
  |         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  |
  = help: add `source = "…"`, the id of the source that prints this quote

1 error in 1 talks, 2 files: broken/quote-no-source (from --data or $REDLINES_DATA)
"##,
    );
}

/// The source text is written for this test. The quotes of the first round
/// are found in it although its line breaks and quote marks differ.
#[test]
fn quotes_are_found_verbatim_in_the_source_text() {
    expect(
        "quotes",
        1,
        r##"error: cannot read the source text broken/quotes/sources/minutes-1-copy.txt: No such file or
       directory
  --> broken/quotes/rounds/2024-03-01-opening.toml:13:8
   |
13 | file = "sources/minutes-1-copy.txt"
   |        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^

error: cannot read the source text broken/quotes/../unknown-key/talks.toml: the path must stay
       inside the talks folder
  --> broken/quotes/rounds/2024-03-01-opening.toml:18:8
   |
18 | file = "../unknown-key/talks.toml"
   |        ^^^^^^^^^^^^^^^^^^^^^^^^^^^

error: the quote is not found verbatim in source `minutes-1`
  --> broken/quotes/rounds/2024-04-10-second.toml:14:9
   |
14 | quote = "A low toll for all ships, and not a single penny more."
   |         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
   |
   = note: not in broken/quotes/sources/minutes-1.txt
   = help: the source reads “…ships, and not a” and then “penny”, where the quote has “single”; copy
           the quote exactly as the source prints it (white space and quote marks may differ)

error: the quote is not found verbatim in source `minutes-1`
  --> broken/quotes/rounds/2024-04-10-second.toml:22:9
   |
22 | quote = "We will never agree to a low toll."
   |         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ not in broken/quotes/sources/minutes-1.txt
   |
   = help: most of the quote is not in the source: at most 3 of its 8 words come together in it. The
           closest passage reads “negotiation. The North delegate opened: "A low toll”; quote the
           words as the source prints them (a paraphrase goes in `summary`)

4 errors in 1 talks, 3 files: broken/quotes (from --data or $REDLINES_DATA)
"##,
    );
}

#[test]
fn a_file_that_is_not_utf8_is_located() {
    expect(
        "encoding",
        1,
        r##"error: the file is not valid UTF-8
 --> broken/encoding/rounds/2024-03-01-opening.toml:2:12
  |
2 | title = "Op�ning session"
  |            ^ this byte
  |
  = help: save the file as UTF-8

1 error in 1 talks, 2 files: broken/encoding (from --data or $REDLINES_DATA)
"##,
    );
}

#[test]
fn every_problem_in_every_file_is_reported_in_one_run() {
    expect(
        "many",
        1,
        r##"error: invalid party id `South`
 --> broken/many/talks.toml:8:6
  |
8 | id = "South"
  |      ^^^^^^^ expected lowercase letters, digits and hyphens, starting with a letter or a digit
  |
  = help: try `south`

error: `country` is not allowed as `kind`
  --> broken/many/talks.toml:10:8
   |
10 | kind = "country"
   |        ^^^^^^^^^ expected `state`, `alliance` or `organisation`

error: duplicate party id `north`
  --> broken/many/talks.toml:13:6
   |
13 | id = "north"
   |      ^^^^^^^ defined again here
   |
   = help: `north` is first defined at line 4, column 6; an id names one party only

error: issue `berths` has 1 outcome; a scale needs at least two
  --> broken/many/talks.toml:28:9
   |
28 | scale = [{ id = "all", label = "All berths shared" }]
   |         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ the scale, from one pole to the other

error: unknown party `sotuh`
 --> broken/many/rounds/2024-03-01-opening.toml:3:26
  |
3 | participants = ["north", "sotuh"]
  |                          ^^^^^^^ no such party
  |
  = help: known party ids: north, South

error: `lwo` is not an outcome on the scale of issue `toll`
  --> broken/many/rounds/2024-03-01-opening.toml:10:10
   |
10 | stance = "lwo"
   |          ^^^^^ not on the scale
   |
   = help: did you mean `low`?

error: unknown issue `tol`
  --> broken/many/rounds/2024-03-01-opening.toml:14:18
   |
14 | [positions.north.tol]
   |                  ^^^ no such issue
   |
   = help: did you mean `toll`?

warning: `South` states positions in this round but is not among its participants
  --> broken/many/rounds/2024-03-01-opening.toml:19:12
   |
19 | [positions.South.toll]
   |            ^^^^^
   |
   = help: add it to `participants`, or move the positions to the round where they were stated

warning: the position has no source
  --> broken/many/rounds/2024-03-01-opening.toml:19:18
   |
19 | [positions.South.toll]
   |                  ^^^^
   |
   = help: add `source = "…"` so that a reader can trace it

error: `date` takes a date written YYYY-MM-DD, without quotes
 --> broken/many/rounds/2024-04-10-second.toml:1:8
  |
1 | date = "2024-04-10"
  |        ^^^^^^^^^^^^ in quotes, this is text, not a date
  |
  = help: write `date = 2024-04-10` (year, month, day)

error: unknown key `stanse`
 --> broken/many/rounds/2024-04-10-second.toml:6:1
  |
6 | stanse = "none"
  | ^^^^^^ not a key of a position
  |
  = help: did you mean `stance`?

error: a quote with no source
 --> broken/many/rounds/2024-04-10-second.toml:8:9
  |
8 | quote = "No toll."
  |         ^^^^^^^^^^
  |
  = help: add `source = "…"`, the id of the source that prints this quote

warning: the quote has no speaker
 --> broken/many/rounds/2024-04-10-second.toml:8:9
  |
8 | quote = "No toll."
  |         ^^^^^^^^^^
  |
  = help: add `speaker = "…"`

warning: the position has no source
 --> broken/many/rounds/2024-04-10-third.toml:5:18
  |
5 | [positions.north.toll]
  |                  ^^^^
  |
  = help: add `source = "…"` so that a reader can trace it

error: `accepts` leaves out the stance `high`
 --> broken/many/rounds/2024-04-10-third.toml:7:11
  |
7 | accepts = ["none"]
  |           ^^^^^^^^ must include the stance
  |
  = help: a party accepts at least what it demands

11 errors, 4 warnings in 1 talks, 4 files: broken/many (from --data or $REDLINES_DATA)
"##,
    );
}

/// Warnings alone exit 0; with `--deny-warnings`, 1. A file in `rounds/`
/// that is not `.toml` is named, as a round that would otherwise be missed.
#[test]
fn warnings_exit_0_unless_denied() {
    let expected = r##"warning: `north` is listed twice among the participants
 --> broken/warnings/rounds/2024-03-01-opening.toml:3:26
  |
3 | participants = ["north", "north"]
  |                          ^^^^^^^ listed again here

warning: the quote has no speaker
  --> broken/warnings/rounds/2024-03-01-opening.toml:12:9
   |
12 | quote = "A low toll for all."
   |         ^^^^^^^^^^^^^^^^^^^^^
   |
   = help: add `speaker = "…"`

warning: `south` states positions in this round but is not among its participants
  --> broken/warnings/rounds/2024-03-01-opening.toml:15:12
   |
15 | [positions.south.toll]
   |            ^^^^^
   |
   = help: add it to `participants`, or move the positions to the round where they were stated

warning: the position has no source
  --> broken/warnings/rounds/2024-03-01-opening.toml:15:18
   |
15 | [positions.south.toll]
   |                  ^^^^
   |
   = help: add `source = "…"` so that a reader can trace it

warning: not read: round files end in `.toml`
--> broken/warnings/rounds/2024-04-10-second.txt
 = help: rename it to end in `.toml`, or move it out of `rounds/`

5 warnings in 1 talks, 2 files: broken/warnings (from --data or $REDLINES_DATA)
"##;
    let (stderr, code) = check("warnings", &[]);
    assert_eq!(code, 0);
    assert_eq!(stderr, expected);
    let (stderr, code) = check("warnings", &["--deny-warnings"]);
    assert_eq!(code, 1);
    assert_eq!(stderr, expected);
}

#[test]
fn json_gives_every_problem_with_its_place() {
    let mut cmd = bare();
    cmd.current_dir(fixtures())
        .args(["--data", "broken/unknown-ref", "check", "--format", "json"]);
    let (stdout, stderr, code) = run(cmd, &[]);
    assert_eq!(code, 1);
    assert_eq!(stderr, "");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["errors"], 8);
    assert_eq!(json["warnings"], 1);
    assert_eq!(
        json["problems"][0],
        serde_json::json!({
            "severity": "error",
            "file": "broken/unknown-ref/rounds/2024-03-01-opening.toml",
            "line": 3,
            "column": 26,
            "message": "unknown party `sotuh`",
            "label": "no such party",
            "help": "did you mean `south`?",
        })
    );
}

#[test]
fn clean_data_passes() {
    let (stdout, stderr, code) = run(redlines(), &["check", "--deny-warnings"]);
    assert_eq!((stdout.as_str(), code), ("", 0));
    assert_eq!(
        stderr,
        "ok: no problems in 1 talks, 4 files: data (from --data or $REDLINES_DATA)\n"
    );
}

#[test]
fn a_missing_data_folder_is_a_usage_error() {
    let (stdout, stderr, code) = run(bare(), &["--data", "/nonexistent/redlines", "check"]);
    assert_eq!((stdout.as_str(), code), ("", 2));
    assert_eq!(
        stderr,
        "cannot read the data folder /nonexistent/redlines: No such file or directory\n"
    );
}

#[test]
fn a_folder_without_talks_is_a_usage_error() {
    let empty = tempfile::tempdir().unwrap();
    let mut cmd = bare();
    cmd.current_dir(empty.path());
    let (_, stderr, code) = run(cmd, &["--data", ".", "check"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "no talks in . (from --data or $REDLINES_DATA): a talks is a folder holding talks.toml, and none is there; \
         the folder is empty. Start one with `redlines new talks ID`\n"
    );
}

/// Outside a terminal's table, the problems are the output: one row each.
#[test]
fn the_problems_as_csv_and_markdown_rows() {
    let at = |format: &str| {
        let mut cmd = bare();
        cmd.current_dir(fixtures())
            .args(["--data", "broken/dates", "check", "--format", format]);
        run(cmd, &[])
    };
    let (csv, stderr, code) = at("csv");
    assert_eq!((stderr.as_str(), code), ("", 1));
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("severity,file,line,column,message,help"));
    assert_eq!(lines.count(), 6, "{csv}");
    assert!(csv.contains(
        "error,broken/dates/rounds/2024-07-01-later.toml,13,8,\"the position is dated 2024-08-01, after its round (2024-07-01)\""
    ), "{csv}");
    let (markdown, _, code) = at("markdown");
    assert_eq!(code, 1);
    assert!(
        markdown.starts_with("# 6 errors, 0 warnings in 1 talks, 8 files"),
        "{markdown}"
    );
}

/// Text that a terminal would act on (escape sequences) or that would hide
/// or reorder text (bidirectional overrides) never reaches one; empty text
/// is a mistake too.
#[test]
fn text_holds_no_control_characters_and_is_not_empty() {
    expect(
        "text",
        1,
        r##"error: the text holds the invisible character U+001B, which a terminal would act on; remove it
 --> broken/text/talks.toml:2:9
  |
2 | title = "Bay talks\u001b]0;pwned\u0007"
  |         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

error: the text holds the invisible character U+202E, which would hide or reorder text from a
       reader; remove it
 --> broken/text/talks.toml:6:8
  |
6 | name = "North\u202Eland"
  |        ^^^^^^^^^^^^^^^^^
  |
  = help: ZWNJ and ZWJ (U+200C, U+200D) are allowed between two letters of a script that needs them,
          such as Persian, the Indic scripts or emoji

error: empty text: write something, or leave the key out
 --> broken/text/talks.toml:7:9
  |
7 | short = ""
  |         ^^

error: the text holds the invisible character U+001B, which a terminal would act on; remove it
  --> broken/text/talks.toml:14:25
   |
14 |   { id = "low", label = "A low toll\u001b[2J" },
   |                         ^^^^^^^^^^^^^^^^^^^^^

4 errors in 1 talks, 1 file: broken/text (from --data or $REDLINES_DATA)
"##,
    );
}

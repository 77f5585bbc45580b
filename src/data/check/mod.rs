//! Validation: parse every file of a talks, check every reference, and turn
//! the serde model into the resolved [`Talks`]. Collects every problem.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::Spanned;

use crate::data::diag::{Diagnostic, FileId, Files, did_you_mean};
use crate::data::load::{FileRead, RawTalks};
use crate::data::model::{IssueDef, PositionDef, RoundFile, TalksFile};
use crate::data::talks::{Date, Issue, Outcome, Outcomes, Party, Position, Round, Source, Talks};

/// The outcome of checking one talks: the resolved talks when it has no
/// errors, and every diagnostic (errors and warnings) in file order.
pub struct Checked {
    pub talks: Option<Talks>,
    pub diagnostics: Vec<Diagnostic>,
    /// Files read: the talks file and its rounds.
    pub files_read: usize,
    /// The quotes, and how many a source text verified.
    pub quotes: QuoteTally,
    /// Each quote's check against its source's text.
    pub checks: QuoteChecks,
}

/// What an id is, as every message refusing one says it.
pub const AN_ID: &str = "lowercase letters, digits and hyphens, starting with a letter or a digit";

/// An id: lowercase letters, digits and hyphens, not starting with a
/// hyphen (it would read as an option on the command line).
pub fn is_valid_id(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A name Windows keeps for a device: no file or folder there may have it,
/// with an extension or not (`con.toml`), so no talks or round id either.
pub fn is_reserved_name(s: &str) -> bool {
    matches!(s, "con" | "prn" | "aux" | "nul")
        || (s.len() == 4
            && (s.starts_with("com") || s.starts_with("lpt"))
            && matches!(s.as_bytes()[3], b'1'..=b'9'))
}

/// The words the command line reads as a round of its own, and what it
/// reads them as: a round with one of them as its id could not be named by
/// it (`--round latest`), or would be taken for a scenario (`--assume`
/// makes a round `assumed`; `core::whatif::ROUND_ID`).
pub const ROUND_KEYWORDS: &[(&str, &str)] = &[
    ("first", "`--round first` is the first round"),
    ("latest", "`--round latest` is the latest round"),
    ("last", "`--round last` is the latest round"),
    (
        "assumed",
        "`--assume` makes a round `assumed` of a scenario",
    ),
];

/// Why `id` cannot name a file or folder (a talks, a round), if it cannot.
pub fn file_id_problem(what: &str, id: &str) -> Option<String> {
    let keyword = ROUND_KEYWORDS.iter().find(|(k, _)| *k == id);
    if !is_valid_id(id) {
        Some(format!(
            "a {what} id is {AN_ID} (it names a file or a folder in the data folder, and is typed on the command line)"
        ))
    } else if is_reserved_name(id) {
        Some(format!(
            "Windows reserves the name `{id}` for a device, and no file or folder there may have it; choose another, such as `{id}-1`"
        ))
    } else if let Some((_, meaning)) = keyword.filter(|_| what == "round") {
        Some(format!(
            "{meaning}, so a round with this id could not be told from it; name it by its date, such as `YYYY-MM-DD-{id}`"
        ))
    } else {
        None
    }
}

struct Checker<'a> {
    files: &'a mut Files,
    diags: Vec<Diagnostic>,
    /// Per file, the spans where the parser put placeholders for values that
    /// were wrong or missing; already reported, they are not checked again.
    patched: HashMap<FileId, Vec<Range<usize>>>,
    /// Every source resolved so far, and the normalised text (with its
    /// path) that its quotes are verified against, where there is one.
    sources: Vec<Source>,
    texts: Vec<Option<(String, String)>>,
    /// Per source: where its id is defined, and whether anything cites it.
    defined: Vec<(FileId, Range<usize>)>,
    cited: Vec<bool>,
    /// talks.toml's source ids.
    talks_sources: HashMap<String, usize>,
    saved: Option<&'a SavedCopies>,
    tally: QuoteTally,
    checks: QuoteChecks,
    /// Files whose text did not read cleanly: advice on curation (a red
    /// line's evidence) waits until they do, one cause, one message.
    unclean: Vec<FileId>,
    /// Statements dated after their round as follow-ups: checked against
    /// the next round once the rounds are in order.
    follow_ups: Vec<FollowUp>,
    /// Proposals and linkages withdrawn, to be matched with an earlier
    /// round that tabled them once the rounds are in order.
    withdrawals: Vec<Withdrawal>,
    /// Every proposal stated (tabled, revised or withdrawn), to be held to
    /// the party that first tabled it once the rounds are in order.
    authored: Vec<Authored>,
    /// Issues whose scale was not read whole (an outcome written wrong,
    /// already reported): an outcome not found on it is not reported too.
    unread_scales: std::collections::HashSet<String>,
}

/// A statement dated after its round, `follow_up = true`.
struct Withdrawal {
    file: FileId,
    span: Range<usize>,
    /// `proposal` or `linkage`.
    what: &'static str,
    /// A linkage's party; a proposal is known by its id alone.
    party: Option<usize>,
    id: String,
}

/// A proposal as a round states it: by whom, written where.
struct Authored {
    file: FileId,
    /// Where its `by` is written.
    span: Range<usize>,
    id: String,
    by: usize,
}

struct FollowUp {
    file: FileId,
    date: Date,
    span: Range<usize>,
    what: String,
}

/// A source's local text, read by its path relative to the talks folder.
/// Checking reads nothing itself: the data folder ([`crate::data::load`])
/// passes its reader in.
pub type ReadSource<'r> = &'r dyn Fn(&str) -> FileRead;

mod header;
mod linkage;
mod quotes;
mod round;
mod sources;

pub use quotes::{QuoteCheck, QuoteChecks, normalise};
pub use sources::{QuoteTally, SavedCopies, fingerprint};

/// A file's bytes as text, kept in `files` for diagnostics to quote; a
/// file that cannot be read, or is not valid UTF-8, is a located error.
pub fn decode(read: FileRead, files: &mut Files) -> Result<(FileId, String), Diagnostic> {
    match read.bytes {
        Err(reason) => {
            let file = files.add(read.path.clone(), String::new());
            Err(Diagnostic::error(format!("cannot read {}: {reason}", read.path)).in_file(file))
        }
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => {
                let file = files.add(read.path, text.clone());
                Ok((file, text))
            }
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                let file = files.add(read.path, text);
                Err(Diagnostic::error("the file is not valid UTF-8")
                    .at(file, at..at + 1)
                    .label("this byte")
                    .help("save the file as UTF-8"))
            }
        },
    }
}

/// Check one talks as read: parse each file, resolve every reference, and
/// verify quotes against the local source texts that `read_source` gives,
/// and against the saved copies, where given.
pub fn check_talks(
    raw: RawTalks,
    read_source: ReadSource<'_>,
    saved: Option<&SavedCopies>,
    files: &mut Files,
) -> Checked {
    let mut c = Checker {
        files,
        diags: Vec::new(),
        patched: HashMap::new(),
        unread_scales: Default::default(),
        sources: Vec::new(),
        texts: Vec::new(),
        defined: Vec::new(),
        cited: Vec::new(),
        talks_sources: HashMap::new(),
        saved,
        tally: QuoteTally::default(),
        checks: QuoteChecks::default(),
        unclean: Vec::new(),
        follow_ups: Vec::new(),
        withdrawals: Vec::new(),
        authored: Vec::new(),
    };
    let files_read = 1 + raw.rounds.len();
    let header = c
        .decode(raw.talks)
        .and_then(|(file, text)| c.parse::<TalksFile>(file, &text).map(|t| (file, t)));
    let header = header.and_then(|(file, tf)| c.resolve_header(&raw.id, file, tf, read_source));

    let mut rounds = Vec::new();
    for (id, read) in raw.rounds {
        let Some((file, text)) = c.decode(read) else {
            continue;
        };
        // Round ids are file names, unique in their folder by construction;
        // an id that is not lowercase could clash on a case-blind file system.
        let keyword = ROUND_KEYWORDS.iter().any(|(k, _)| *k == id);
        if let Some(why) = file_id_problem("round", &id).filter(|_| !keyword) {
            c.push(
                Diagnostic::error(format!("the file name `{id}.toml` is not a valid round id"))
                    .in_file(file)
                    .help(format!("rename it `{}.toml`: {why}", suggest_id(&id))),
            );
        }
        let rf = c.parse::<RoundFile>(file, &text);
        // A word of the command line: named by its date, as rounds are.
        if keyword && let Some(why) = file_id_problem("round", &id) {
            let date = rf
                .as_ref()
                .and_then(|rf| Date::from_toml(rf.date.get_ref()));
            let why = match date {
                Some(date) => why.replace("YYYY-MM-DD", &date.to_string()),
                None => why,
            };
            c.push(
                Diagnostic::error(format!("a round cannot be named `{id}`"))
                    .in_file(file)
                    .help(format!("rename the file: {why}")),
            );
        }
        let Some(rf) = rf else {
            continue;
        };
        if let Some(h) = &header
            && let Some(round) = c.resolve_round(read_source, h, id, file, rf)
        {
            rounds.push(round);
        }
    }
    for path in raw.ignored {
        let file = c.files.add(path, String::new());
        c.push(
            Diagnostic::warning("not read: round files end in `.toml`")
                .in_file(file)
                .help("rename it to end in `.toml`, or move it out of `rounds/`"),
        );
    }
    c.order_rounds(&mut rounds);
    c.never_tabled(&rounds);
    c.authors(&rounds, header.as_ref());
    // Advice on curation waits until the errors are fixed: a source may
    // look uncited only because the position citing it did not read.
    if !c.diags.iter().any(Diagnostic::is_error) {
        c.uncited();
    }
    // File by file, in the order a person reads them.
    c.diags.sort_by_key(|d| {
        (
            d.locus.as_ref().map(|l| l.file),
            crate::data::parse::start(d),
        )
    });

    let errors = c.diags.iter().any(Diagnostic::is_error);
    let talks = match header {
        Some(h) if !errors => Some(Talks {
            id: raw.id,
            title: h.title,
            summary: h.summary,
            parties: h.parties,
            issues: h.issues,
            rounds: rounds.into_iter().map(|r| r.round).collect(),
            sources: c.sources,
        }),
        _ => None,
    };
    Checked {
        talks,
        quotes: c.tally,
        checks: c.checks,
        diagnostics: c.diags,
        files_read,
    }
}

/// Check a talks held in memory: the bytes of `talks.toml`, and of each round
/// file with its round id. The same path as [`check_talks`] on files read
/// from disk, for fuzzing and tests; a source's local `file` is never found.
pub fn check_texts(talks_toml: &[u8], rounds: &[(&str, &[u8])]) -> (Checked, Files) {
    let read = |path: String, bytes: &[u8]| FileRead {
        path,
        bytes: Ok(bytes.to_vec()),
    };
    let raw = RawTalks {
        id: "in-memory".into(),
        talks: read("talks.toml".into(), talks_toml),
        rounds: rounds
            .iter()
            .map(|&(id, bytes)| (id.to_string(), read(format!("rounds/{id}.toml"), bytes)))
            .collect(),
        ignored: Vec::new(),
    };
    let mut files = Files::default();
    let nowhere = |rel: &str| FileRead {
        path: rel.to_string(),
        bytes: Err("no such file".into()),
    };
    let checked = check_talks(raw, &nowhere, None, &mut files);
    (checked, files)
}

/// The parts of `talks.toml` the rounds refer to.
struct Header {
    title: String,
    summary: Option<String>,
    parties: Vec<Party>,
    issues: Vec<Issue>,
    party_ix: HashMap<String, usize>,
    issue_ix: HashMap<String, usize>,
    /// Per issue: outcome id → index on the scale.
    outcome_ix: Vec<HashMap<String, usize>>,
}

/// A round with what ordering needs to point at.
struct Placed {
    round: Round,
    file: FileId,
    date_span: Range<usize>,
    /// Where its `end` is written, if it has one.
    end_span: Option<Range<usize>>,
}

impl Checker<'_> {
    /// A proposal or linkage withdrawn where no earlier round tabled it (or
    /// after it was withdrawn already): most likely a typo in its id, or a
    /// round missing from the record.
    fn never_tabled(&mut self, rounds: &[Placed]) {
        let withdrawals = std::mem::take(&mut self.withdrawals);
        let mut tabled: std::collections::HashSet<(&str, Option<usize>, &str)> =
            std::collections::HashSet::new();
        for r in rounds {
            for w in withdrawals.iter().filter(|w| w.file == r.file) {
                if !tabled.contains(&(w.what, w.party, w.id.as_str())) {
                    self.push(
                        Diagnostic::warning(format!(
                            "{} `{}` is withdrawn here, but no earlier round tables it",
                            w.what, w.id
                        ))
                        .at(w.file, w.span.clone())
                        .label("withdrawn here")
                        .help(format!(
                            "check its id against the round that tabled it, or add that round; a {} is tabled by stating it without `withdrawn = true`",
                            w.what
                        )),
                    );
                }
            }
            let proposals = r
                .round
                .proposals
                .iter()
                .map(|p| (("proposal", None, p.id.as_str()), p.withdrawn));
            let linkages = r
                .round
                .linkages
                .iter()
                .map(|l| (("linkage", Some(l.party), l.id.as_str()), l.withdrawn));
            for (key, withdrawn) in proposals.chain(linkages) {
                if withdrawn {
                    tabled.remove(&key);
                } else {
                    tabled.insert(key);
                }
            }
        }
    }

    /// A proposal keeps the party that tabled it: revised or withdrawn in a
    /// later round under another `by`, it is an error at that `by`.
    fn authors(&mut self, rounds: &[Placed], header: Option<&Header>) {
        let authored = std::mem::take(&mut self.authored);
        let Some(h) = header else { return };
        // The statements in the order of the rounds (in a file's own order
        // within it): each proposal's author, and the round that first
        // tabled it.
        let place: HashMap<FileId, usize> = rounds
            .iter()
            .enumerate()
            .map(|(k, r)| (r.file, k))
            .collect();
        let mut in_order: Vec<(usize, &_)> = authored
            .iter()
            .filter_map(|a| Some((*place.get(&a.file)?, a)))
            .collect();
        in_order.sort_by_key(|&(k, _)| k);
        let mut first: HashMap<&str, (usize, &str)> = HashMap::new();
        for (k, a) in in_order {
            let r = &rounds[k];
            match first.get(a.id.as_str()) {
                Some(&(by, tabled)) if by != a.by => {
                    let (author, other) = (&h.parties[by].id, &h.parties[a.by].id);
                    self.push(
                        Diagnostic::error(format!(
                            "proposal `{}` was tabled by `{author}` in round `{tabled}`; `{other}` cannot revise or withdraw it",
                            a.id
                        ))
                        .at(a.file, a.span.clone())
                        .label(format!("not `{author}`"))
                        .help(format!(
                            "a proposal keeps the party that tabled it: write `by = \"{author}\"`, or give `{other}`'s proposal an id of its own"
                        )),
                    );
                }
                Some(_) => {}
                None => {
                    first.insert(&a.id, (a.by, &r.round.id));
                }
            }
        }
    }

    fn push(&mut self, d: Diagnostic) {
        let on_placeholder = d
            .locus
            .as_ref()
            .is_some_and(|l| l.span.as_ref().is_some_and(|s| self.is_patched(l.file, s)));
        if !on_placeholder {
            self.diags.push(d);
        }
    }

    /// `o` is not an outcome on the scale of `issue`: reported, with the
    /// outcome meant or the scale, unless the scale was not read whole.
    fn not_on_scale(&mut self, issue: &Issue, o: &Spanned<String>, file: FileId) {
        if self.unread_scales.contains(&issue.id) {
            return;
        }
        let scale_ids: Vec<&str> = issue.scale.iter().map(|o| o.id.as_str()).collect();
        self.push(
            Diagnostic::error(format!(
                "`{}` is not an outcome on the scale of issue `{}`",
                o.get_ref(),
                issue.id
            ))
            .at(file, o.span())
            .label("not on the scale")
            .help(
                did_you_mean(o.get_ref(), scale_ids.iter().copied())
                    .unwrap_or_else(|| format!("the scale is: {}", scale_ids.join(", "))),
            ),
        );
    }

    /// Whether a placeholder stands at `span`: what was there is reported.
    fn is_patched(&self, file: FileId, span: &Range<usize>) -> bool {
        self.patched.get(&file).is_some_and(|p| p.contains(span))
    }

    /// Bytes to text; an unreadable file or invalid UTF-8 is a located error.
    fn decode(&mut self, read: FileRead) -> Option<(FileId, String)> {
        decode(read, self.files).map_err(|d| self.push(d)).ok()
    }

    /// The file's model, with placeholders where it has problems (each
    /// reported); `None` only when it cannot be read as TOML at all.
    fn parse<T: DeserializeOwned>(&mut self, file: FileId, text: &str) -> Option<T> {
        let parsed = crate::data::parse::parse::<T>(text, file);
        if !parsed.problems.is_empty() {
            self.unclean.push(file);
        }
        self.diags.extend(parsed.problems);
        self.patched.insert(file, parsed.patched);
        parsed.value
    }

    fn check_id(&mut self, what: &str, id: &Spanned<String>, file: FileId) {
        if !is_valid_id(id.get_ref()) {
            self.push(
                Diagnostic::error(format!("invalid {what} id `{}`", id.get_ref()))
                    .at(file, id.span())
                    .label(format!("expected {AN_ID}"))
                    .help(format!("try `{}`", suggest_id(id.get_ref()))),
            );
        }
    }

    /// Record `id` in `seen`, or report it as a duplicate of an earlier one.
    fn unique(
        &mut self,
        what: &str,
        id: &Spanned<String>,
        file: FileId,
        seen: &mut HashMap<String, (usize, Range<usize>)>,
        ix: usize,
    ) -> bool {
        if let Some((_, first)) = seen.get(id.get_ref()) {
            let (line, col) = self.files.line_col(file, first.start);
            self.push(
                Diagnostic::error(format!("duplicate {what} id `{}`", id.get_ref()))
                    .at(file, id.span())
                    .label("defined again here")
                    .help(format!(
                        "`{}` is first defined at line {line}, column {col}; an id names one {what} only",
                        id.get_ref()
                    )),
            );
            false
        } else {
            seen.insert(id.get_ref().clone(), (ix, id.span()));
            true
        }
    }

    fn date(&mut self, dt: &Spanned<toml::value::Datetime>, file: FileId) -> Option<Date> {
        let date = Date::from_toml(dt.get_ref());
        if date.is_none() {
            let help = match dt.get_ref().date {
                Some(d) => format!("write the day alone: {d}"),
                None => "write the day, such as 2024-03-01".to_string(),
            };
            self.push(
                Diagnostic::error("expected a date, without a time of day")
                    .at(file, dt.span())
                    .label("not a plain date")
                    .help(help),
            );
        }
        date
    }

    /// Sort rounds in time order; two rounds on one date need distinct `order`s.
    fn order_rounds(&mut self, rounds: &mut [Placed]) {
        rounds.sort_by(|a, b| {
            (a.round.date, a.round.order, &a.round.id).cmp(&(
                b.round.date,
                b.round.order,
                &b.round.id,
            ))
        });
        let follow_ups = std::mem::take(&mut self.follow_ups);
        for w in rounds.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            let reported =
                self.is_patched(a.file, &a.date_span) || self.is_patched(b.file, &b.date_span);
            for f in follow_ups.iter().filter(|f| f.file == a.file && !reported) {
                if f.date >= b.round.date {
                    self.push(
                        Diagnostic::error(format!(
                            "the {} is dated {}, on or after the next round `{}` ({})",
                            f.what, f.date, b.round.id, b.round.date
                        ))
                        .at(f.file, f.span.clone())
                        .label("a follow-up of this round, but later than the next")
                        .help(format!(
                            "positions carry forward round by round: move it to `{}` or a later round, or correct the date",
                            b.round.id
                        )),
                    );
                }
            }
            // A round that ends after the next one begins: its statements
            // up to its `end` would be later than the next round's, which
            // carries forward after them.
            if let (Some(end), Some(at)) = (a.round.end, &a.end_span)
                && end > b.round.date
                && !reported
            {
                self.push(
                    Diagnostic::error(format!(
                        "the round ends on {end}, after the next round `{}` begins ({})",
                        b.round.id, b.round.date
                    ))
                    .at(a.file, at.clone())
                    .label("after the next round's date")
                    .help(format!(
                        "`end` is the round's last day, at most the day the next round begins: correct it (to {} or before)",
                        b.round.date
                    )),
                );
            }
            if a.round.date == b.round.date
                && (a.round.order.is_none() || a.round.order == b.round.order)
            {
                let why = match (a.round.order, b.round.order) {
                    (Some(o), Some(_)) => format!("both have `order = {o}`"),
                    _ => "which came first is not given".to_string(),
                };
                self.push(
                    Diagnostic::error(format!(
                        "rounds `{}` and `{}` are both dated {}, and {why}",
                        a.round.id, b.round.id, a.round.date
                    ))
                    .at(b.file, b.date_span.clone())
                    .label("same date as another round")
                    .help(match a.round.order {
                        Some(_) => "give them different orders: the lower one came first",
                        None => "add `order = 1` to the round that came first and `order = 2` to the other, below their `date`",
                    }),
                );
            }
        }
    }
}

fn unknown(what: &str, id: &Spanned<String>, file: FileId, known: &[&str]) -> Diagnostic {
    let help = did_you_mean(id.get_ref(), known.iter().copied()).unwrap_or_else(|| {
        if known.is_empty() {
            format!("no {what} is defined")
        } else {
            format!("known {what} ids: {}", known.join(", "))
        }
    });
    Diagnostic::error(format!("unknown {what} `{}`", id.get_ref()))
        .at(file, id.span())
        .label(format!("no such {what}"))
        .help(help)
}

/// The nearest valid id to a string: lowercase, other characters as hyphens.
fn suggest_id(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let t = out.trim_matches('-');
    if t.is_empty() {
        "an-id".into()
    } else if is_reserved_name(t) {
        format!("{t}-1")
    } else {
        t.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TALKS: &str = r#"
title = "Harbour"
[[parties]]
id = "north"
name = "North"
[[parties]]
id = "south"
name = "South"
[[issues]]
id = "toll"
title = "Toll"
scale = [{ id = "none", label = "No toll" }, { id = "half", label = "Half" }, { id = "full", label = "Full" }]
"#;

    const ROUND: &str = r#"
date = 2024-03-01
title = "Opening"
participants = ["north", "south"]
[[sources]]
id = "minutes"
title = "Minutes"
file = "sources/minutes.txt"
[positions.north.toll]
stance = "none"
summary = "No toll"
quote = "We will pay no toll."
speaker = "North's envoy"
source = "minutes"
"#;

    fn messages(c: &Checked) -> Vec<&str> {
        c.diagnostics.iter().map(|d| d.message.as_str()).collect()
    }

    /// Check the two files with `minutes` as the text of the source file.
    fn with_minutes(round: &str, minutes: &'static str) -> Checked {
        check_files(TALKS, round, minutes)
    }

    /// Check `talks` and `round` with `minutes` as the text of the source file.
    fn check_files(talks: &str, round: &str, minutes: &'static str) -> Checked {
        let read = |path: String, text: &str| FileRead {
            path,
            bytes: Ok(text.as_bytes().to_vec()),
        };
        let raw = RawTalks {
            id: "harbour".into(),
            talks: read("talks.toml".into(), talks),
            rounds: vec![(
                "2024-03-01-opening".into(),
                read("rounds/2024-03-01-opening.toml".into(), round),
            )],
            ignored: Vec::new(),
        };
        let source = |rel: &str| FileRead {
            path: rel.to_string(),
            bytes: match rel {
                "sources/minutes.txt" => Ok(minutes.as_bytes().to_vec()),
                _ => Err("no such file".into()),
            },
        };
        check_talks(raw, &source, None, &mut Files::default())
    }

    /// A value written as the wrong kind (text for a table, a list for
    /// text) is one error, with how to write it: nothing that follows
    /// from the placeholder put in its place is reported too.
    #[test]
    fn a_value_of_the_wrong_kind_is_one_error_that_shows_the_right_form() {
        let minutes = "We will pay no toll.";
        let help = |c: &Checked| -> Vec<String> {
            c.diagnostics
                .iter()
                .map(|d| format!("{} | {}", d.message, d.help.as_deref().unwrap_or("")))
                .collect()
        };
        let scale = r#"scale = [{ id = "none", label = "No toll" }, { id = "half", label = "Half" }, { id = "full", label = "Full" }]"#;
        for (written, said) in [
            (
                r#"scale = ["none", "half", "full"]"#,
                r#"an item of `scale` is a table, not text | write each outcome of a scale as a table in braces: `{ id = "none", label = "…" }`"#,
            ),
            (
                r#"scale = "none""#,
                r#"`scale` takes a list, not text | write a list in brackets: `scale = [{ id = "none", label = "…" }, …]`"#,
            ),
        ] {
            let c = check_files(&TALKS.replace(scale, written), ROUND, minutes);
            let said_of_each = if written.contains(',') { 3 } else { 1 };
            assert_eq!(
                help(&c),
                vec![said.to_string(); said_of_each]
                    .iter()
                    .enumerate()
                    .map(|(k, s)| s
                        .replace("\"none\"", &format!("\"{}\"", ["none", "half", "full"][k])))
                    .collect::<Vec<_>>(),
                "{written}"
            );
        }
        for (written, said) in [
            (
                r#"stance = ["none"]"#,
                r#"`stance` takes text in quotes, not a list | write one value, in quotes and without brackets: `stance = "none"`"#,
            ),
            (
                r#"stance = ["none", "half"]"#,
                r#"`stance` takes text in quotes, not a list | write one value, in quotes: `stance = "…"`"#,
            ),
            (
                "stance = \"none\"\nred_line = true\nevidence = \"not negotiable\"",
                r#"`evidence` takes a table, not text | write the evidence of a red line as a table in braces: `{ quote = "not negotiable" }`"#,
            ),
            (
                "stance = \"none\"\nconditions = \"if half\"",
                r#"`conditions` takes a list, not text | write a list in brackets: `conditions = [{ accepts = ["…"], only_if = { ISSUE = ["…"] } }, …]`"#,
            ),
        ] {
            let round = ROUND.replace("stance = \"none\"", written);
            let c = check_files(TALKS, &round, minutes);
            assert_eq!(help(&c), [said], "{written}");
        }
        // Keys of a position right under its party.
        let round = format!("{ROUND}[positions.south]\nstance = \"half\"\n");
        let c = check_files(TALKS, &round, minutes);
        assert_eq!(
            help(&c),
            [
                "`stance` is read as an issue of `[positions.PARTY]`, and a position is a table | a position goes under its party and its issue: `[positions.PARTY.ISSUE]` on a line of its own, then `stance = …` on the lines after it"
            ]
        );
    }

    #[test]
    fn a_clean_talks_resolves_with_every_reference_an_index() {
        let c = with_minutes(ROUND, "North said: “We will pay\n no toll.” South left.");
        assert_eq!(messages(&c), Vec::<&str>::new());
        let talks = c.talks.expect("resolved");
        let p = &talks.rounds[0].positions[0];
        assert_eq!((p.party, p.issue, p.stance), (0, 0, Some(0)));
        assert_eq!(c.files_read, 2);
    }

    #[test]
    fn a_quote_the_source_text_does_not_hold_is_an_error_that_says_where_it_parts() {
        let c = with_minutes(ROUND, "North said: We will pay a small toll.");
        assert_eq!(
            messages(&c),
            ["the quote is not found verbatim in source `minutes`"]
        );
        let help = c.diagnostics[0].help.as_deref().unwrap();
        assert!(help.contains("“We will pay” and then “a”"), "{help}");
        assert!(c.talks.is_none(), "an error leaves no talks to work on");
    }

    #[test]
    fn every_problem_of_a_round_is_reported_in_one_pass() {
        let round = ROUND
            .replace("[positions.north.toll]", "[positions.nort.toll]")
            .replace("source = \"minutes\"\n", "source = \"minutes\"\n[positions.south.toll]\nstance = \"double\"\nsummary = \"x\"\nsource = \"minutes\"\n");
        let c = with_minutes(&round, "We will pay no toll.");
        assert_eq!(
            messages(&c),
            [
                "unknown party `nort`",
                "`double` is not an outcome on the scale of issue `toll`"
            ]
        );
    }

    #[test]
    fn an_unreadable_source_text_is_located_at_its_file_key() {
        let round = ROUND.replace("sources/minutes.txt", "sources/gone.txt");
        let c = with_minutes(&round, "");
        assert_eq!(
            messages(&c),
            ["cannot read the source text sources/gone.txt: no such file"]
        );
        assert!(c.diagnostics[0].locus.as_ref().unwrap().span.is_some());
    }

    #[test]
    fn a_source_nothing_cites_is_a_warning_once_the_errors_are_fixed() {
        let talks_sources = "[[sources]]\nid = \"memoirs\"\ntitle = \"Memoirs\"\n";
        let read = |path: String, text: String| FileRead {
            path,
            bytes: Ok(text.into_bytes()),
        };
        let raw = |round: &str| RawTalks {
            id: "harbour".into(),
            talks: read("talks.toml".into(), format!("{TALKS}{talks_sources}")),
            rounds: vec![(
                "2024-03-01-opening".into(),
                read("r.toml".into(), round.into()),
            )],
            ignored: Vec::new(),
        };
        let nowhere = |rel: &str| FileRead {
            path: rel.to_string(),
            bytes: Err("no such file".into()),
        };
        let round = ROUND.replace("file = \"sources/minutes.txt\"\n", "");
        let c = check_talks(raw(&round), &nowhere, None, &mut Files::default());
        assert_eq!(messages(&c), ["source `memoirs` is cited by nothing"]);
        let broken = round.replace("stance = \"none\"", "stance = \"nothing\"");
        let c = check_talks(raw(&broken), &nowhere, None, &mut Files::default());
        assert_eq!(
            messages(&c),
            ["`nothing` is not an outcome on the scale of issue `toll`"]
        );
    }

    /// `latest`, `first`, `last` and `assumed` name rounds on the command
    /// line: a round file so named could not be chosen, and is refused.
    #[test]
    fn a_round_named_as_the_command_line_names_rounds_is_refused() {
        let round = ROUND.replace("file = \"sources/minutes.txt\"\n", "");
        for id in ["latest", "first", "last", "assumed"] {
            let (c, _) = check_texts(TALKS.as_bytes(), &[(id, round.as_bytes())]);
            assert_eq!(
                messages(&c),
                [format!("a round cannot be named `{id}`")],
                "{id}"
            );
            let help = c.diagnostics[0].help.as_deref().unwrap_or("");
            assert!(
                help.ends_with(&format!("name it by its date, such as `2024-03-01-{id}`")),
                "{help}"
            );
        }
        let (c, _) = check_texts(TALKS.as_bytes(), &[("2024-03-01-latest", round.as_bytes())]);
        assert_eq!(messages(&c), Vec::<String>::new());
    }

    /// A round's `end` may reach the day the next round begins, not past it.
    #[test]
    fn a_round_that_ends_after_the_next_begins_is_an_error_at_its_end() {
        let round = ROUND.replace("file = \"sources/minutes.txt\"\n", "");
        let next = round.replace("2024-03-01", "2024-03-05");
        for (end, said) in [
            ("2024-03-05", vec![]),
            (
                "9999-12-31",
                vec![
                    "the round ends on 9999-12-31, after the next round `2024-03-05-next` begins (2024-03-05)",
                ],
            ),
        ] {
            let first = round.replace(
                "date = 2024-03-01\n",
                &format!("date = 2024-03-01\nend = {end}\n"),
            );
            let (c, files) = check_texts(
                TALKS.as_bytes(),
                &[
                    ("2024-03-01-opening", first.as_bytes()),
                    ("2024-03-05-next", next.as_bytes()),
                ],
            );
            assert_eq!(messages(&c), said, "{end}");
            if let Some(d) = c.diagnostics.first() {
                let (path, at) = d.place(&files).unwrap();
                assert_eq!((path, at), ("rounds/2024-03-01-opening.toml", Some((3, 7))));
            }
        }
    }

    /// Two parties labelled alike (a `short`, or a name where there is no
    /// `short`) head two columns no one could tell apart.
    #[test]
    fn two_parties_labelled_alike_is_an_error_at_the_second() {
        let round = ROUND.replace("file = \"sources/minutes.txt\"\n", "");
        for (talks, said, (second, first)) in [
            (
                TALKS
                    .replace("name = \"North\"\n", "name = \"North\"\nshort = \"N\"\n")
                    .replace("name = \"South\"\n", "name = \"South\"\nshort = \"N\"\n"),
                "party `south` is labelled `N`, as party `north` is: their columns could not be told apart",
                (10, 6),
            ),
            (
                TALKS.replace(
                    "name = \"South\"\n",
                    "name = \"South\"\nshort = \"North\"\n",
                ),
                "party `south` is labelled `North`, as party `north` is: their columns could not be told apart",
                (9, 5),
            ),
        ] {
            let (c, files) = check_texts(
                talks.as_bytes(),
                &[("2024-03-01-opening", round.as_bytes())],
            );
            assert_eq!(messages(&c), [said]);
            let (path, at) = c.diagnostics[0].place(&files).unwrap();
            assert_eq!(
                (path, at.map(|(line, _)| line)),
                ("talks.toml", Some(second))
            );
            assert_eq!(
                c.diagnostics[0].label.as_deref(),
                Some(format!("`north`'s label too (line {first})").as_str())
            );
        }
    }

    /// A proposal keeps its author: another party's revision or withdrawal
    /// of it is an error at its `by`.
    #[test]
    fn a_proposal_revised_or_withdrawn_by_another_party_is_an_error() {
        let round = ROUND.replace("file = \"sources/minutes.txt\"\n", "");
        let plan = "[[proposals]]\nid = \"plan\"\nby = \"north\"\nsource = \"minutes\"\n\
                    [[proposals.terms]]\nissue = \"toll\"\noutcomes = [\"half\"]\n";
        let first = format!("{round}{plan}");
        let later = round.replace("2024-03-01", "2024-03-05");
        for (then, said) in [
            (plan.to_string(), vec![]),
            (
                plan.replace("by = \"north\"", "by = \"south\""),
                vec![
                    "proposal `plan` was tabled by `north` in round `2024-03-01-opening`; `south` cannot revise or withdraw it",
                ],
            ),
            (
                "[[proposals]]\nid = \"plan\"\nby = \"south\"\nwithdrawn = true\n".to_string(),
                vec![
                    "proposal `plan` was tabled by `north` in round `2024-03-01-opening`; `south` cannot revise or withdraw it",
                ],
            ),
        ] {
            let second = format!("{later}{then}");
            let (c, _) = check_texts(
                TALKS.as_bytes(),
                &[
                    ("2024-03-05-next", second.as_bytes()),
                    ("2024-03-01-opening", first.as_bytes()),
                ],
            );
            assert_eq!(messages(&c), said, "{then}");
        }
    }

    #[test]
    fn quotes_compare_with_white_space_folded_and_quote_marks_straight() {
        assert_eq!(normalise("“It’s\n  done”"), normalise("\"It's done\""));
    }
}

//! Validation: parse every file of a talks, check every reference, and turn
//! the serde model into the resolved [`Talks`]. Collects every problem.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::Spanned;

use crate::data::diag::{Diagnostic, FileId, Files, did_you_mean};
use crate::data::load::{FileRead, RawTalks};
use crate::data::model::{IssueDef, PositionDef, RoundFile, SourceDef, TalksFile};
use crate::data::talks::{Date, Issue, Outcome, Outcomes, Party, Position, Round, Source, Talks};

/// The outcome of checking one talks: the resolved talks when it has no
/// errors, and every diagnostic (errors and warnings) in file order.
pub struct Checked {
    pub talks: Option<Talks>,
    pub diagnostics: Vec<Diagnostic>,
    /// Files read: the talks file and its rounds.
    pub files_read: usize,
}

pub fn is_valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

struct Checker<'a> {
    files: &'a mut Files,
    diags: Vec<Diagnostic>,
    /// Per file, the spans where the parser put placeholders for values that
    /// were wrong or missing; already reported, they are not checked again.
    patched: HashMap<FileId, Vec<Range<usize>>>,
}

/// A source's local text, read by its path relative to the talks folder.
/// Checking reads nothing itself: the data folder ([`crate::data::load`])
/// passes its reader in.
pub type ReadSource<'r> = &'r dyn Fn(&str) -> FileRead;

/// Check one talks as read: parse each file, resolve every reference, and
/// verify quotes against the local source texts that `read_source` gives.
pub fn check_talks(raw: RawTalks, read_source: ReadSource<'_>, files: &mut Files) -> Checked {
    let mut c = Checker {
        files,
        diags: Vec::new(),
        patched: HashMap::new(),
    };
    let files_read = 1 + raw.rounds.len();
    let header = c
        .decode(raw.talks)
        .and_then(|(file, text)| c.parse::<TalksFile>(file, &text).map(|t| (file, t)));
    let header = header.and_then(|(file, tf)| c.resolve_header(&raw.id, file, tf));

    let mut rounds = Vec::new();
    for (id, read) in raw.rounds {
        let Some((file, text)) = c.decode(read) else {
            continue;
        };
        // Round ids are file names, unique in their folder by construction;
        // an id that is not lowercase could clash on a case-blind file system.
        if !is_valid_id(&id) {
            c.push(
                Diagnostic::error(format!("the file name `{id}.toml` is not a valid round id"))
                    .in_file(file)
                    .help(format!(
                        "rename it `{}.toml`: a round id is lowercase letters, digits and hyphens",
                        suggest_id(&id)
                    )),
            );
        }
        let Some(rf) = c.parse::<RoundFile>(file, &text) else {
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
        }),
        _ => None,
    };
    Checked {
        talks,
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
    let checked = check_talks(raw, &nowhere, &mut files);
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
}

impl Checker<'_> {
    fn push(&mut self, d: Diagnostic) {
        let on_placeholder = d.locus.as_ref().is_some_and(|l| {
            l.span
                .as_ref()
                .is_some_and(|s| self.patched.get(&l.file).is_some_and(|p| p.contains(s)))
        });
        if !on_placeholder {
            self.diags.push(d);
        }
    }

    /// Bytes to text; an unreadable file or invalid UTF-8 is a located error.
    fn decode(&mut self, read: FileRead) -> Option<(FileId, String)> {
        match read.bytes {
            Err(reason) => {
                let file = self.files.add(read.path.clone(), String::new());
                self.push(
                    Diagnostic::error(format!("cannot read {}: {reason}", read.path)).in_file(file),
                );
                None
            }
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => {
                    let file = self.files.add(read.path, text.clone());
                    Some((file, text))
                }
                Err(e) => {
                    let at = e.utf8_error().valid_up_to();
                    let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                    let file = self.files.add(read.path, text);
                    self.push(
                        Diagnostic::error("the file is not valid UTF-8")
                            .at(file, at..at + 1)
                            .label("this byte")
                            .help("save the file as UTF-8"),
                    );
                    None
                }
            },
        }
    }

    /// The file's model, with placeholders where it has problems (each
    /// reported); `None` only when it cannot be read as TOML at all.
    fn parse<T: DeserializeOwned>(&mut self, file: FileId, text: &str) -> Option<T> {
        let parsed = crate::data::parse::parse::<T>(text, file);
        self.diags.extend(parsed.problems);
        self.patched.insert(file, parsed.patched);
        parsed.value
    }

    fn check_id(&mut self, what: &str, id: &Spanned<String>, file: FileId) {
        if !is_valid_id(id.get_ref()) {
            self.push(
                Diagnostic::error(format!("invalid {what} id `{}`", id.get_ref()))
                    .at(file, id.span())
                    .label("expected lowercase letters, digits and hyphens")
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

    fn resolve_header(&mut self, talks_id: &str, file: FileId, tf: TalksFile) -> Option<Header> {
        if !is_valid_id(talks_id) {
            self.push(
                Diagnostic::error(format!(
                    "the folder name `{talks_id}` is not a valid talks id"
                ))
                .in_file(file)
                .help(format!(
                    "rename the folder `{}`: a talks id is lowercase letters, digits and hyphens",
                    suggest_id(talks_id)
                )),
            );
        }
        let mut parties = Vec::new();
        let mut seen = HashMap::new();
        for p in tf.parties {
            self.check_id("party", &p.id, file);
            if self.unique("party", &p.id, file, &mut seen, parties.len()) {
                parties.push(Party {
                    id: p.id.into_inner(),
                    name: p.name,
                    short: p.short,
                    kind: p.kind,
                });
            }
        }
        let party_ix = seen.into_iter().map(|(k, (i, _))| (k, i)).collect();

        let mut issues = Vec::new();
        let mut outcome_ix = Vec::new();
        let mut seen = HashMap::new();
        for i in tf.issues {
            self.check_id("issue", &i.id, file);
            if self.unique("issue", &i.id, file, &mut seen, issues.len()) {
                let (issue, outcomes) = self.resolve_issue(i, file);
                issues.push(issue);
                outcome_ix.push(outcomes);
            }
        }
        let issue_ix = seen.into_iter().map(|(k, (i, _))| (k, i)).collect();
        Some(Header {
            title: tf.title,
            summary: tf.summary,
            parties,
            issues,
            party_ix,
            issue_ix,
            outcome_ix,
        })
    }

    fn resolve_issue(&mut self, def: IssueDef, file: FileId) -> (Issue, HashMap<String, usize>) {
        let scale_span = def.scale.span();
        let n = def.scale.get_ref().len();
        if n < 2 {
            self.push(
                Diagnostic::error(format!(
                    "issue `{}` has {n} outcome{}; a scale needs at least two",
                    def.id.get_ref(),
                    if n == 1 { "" } else { "s" }
                ))
                .at(file, scale_span.clone())
                .label("the scale, from one pole to the other"),
            );
        } else if n > Outcomes::MAX {
            self.push(
                Diagnostic::error(format!(
                    "issue `{}` has {n} outcomes; a scale holds at most {}",
                    def.id.get_ref(),
                    Outcomes::MAX
                ))
                .at(file, scale_span),
            );
        }
        let mut seen = HashMap::new();
        let mut scale = Vec::new();
        for o in def.scale.into_inner() {
            self.check_id("outcome", &o.id, file);
            if self.unique("outcome", &o.id, file, &mut seen, scale.len()) {
                scale.push(Outcome {
                    id: o.id.into_inner(),
                    label: o.label,
                });
            }
        }
        let ix = seen.into_iter().map(|(k, (i, _))| (k, i)).collect();
        (
            Issue {
                id: def.id.into_inner(),
                title: def.title,
                question: def.question,
                scale,
            },
            ix,
        )
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

    fn resolve_round(
        &mut self,
        read_source: ReadSource<'_>,
        h: &Header,
        id: String,
        file: FileId,
        rf: RoundFile,
    ) -> Option<Placed> {
        let date = self.date(&rf.date, file);

        let mut participants = Vec::new();
        for p in &rf.participants {
            match h.party_ix.get(p.get_ref()) {
                Some(&ix) if participants.contains(&ix) => self.push(
                    Diagnostic::warning(format!(
                        "`{}` is listed twice among the participants",
                        p.get_ref()
                    ))
                    .at(file, p.span())
                    .label("listed again here"),
                ),
                Some(&ix) => participants.push(ix),
                None => self.push(unknown(
                    "party",
                    p,
                    file,
                    &h.parties.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
                )),
            }
        }

        let mut sources = Vec::new();
        let mut source_texts: Vec<Option<(String, String)>> = Vec::new();
        let mut seen = HashMap::new();
        for s in rf.sources {
            self.check_id("source", &s.id, file);
            if self.unique("source", &s.id, file, &mut seen, sources.len()) {
                let (source, text) = self.resolve_source(read_source, s, file);
                sources.push(source);
                source_texts.push(text);
            }
        }
        let source_ix: HashMap<String, usize> =
            seen.into_iter().map(|(k, (i, _))| (k, i)).collect();
        let source_ids: Vec<&str> = sources.iter().map(|s| s.id.as_str()).collect();
        let party_ids: Vec<&str> = h.parties.iter().map(|p| p.id.as_str()).collect();
        let issue_ids: Vec<&str> = h.issues.iter().map(|i| i.id.as_str()).collect();

        let mut positions = Vec::with_capacity(rf.positions.values().map(BTreeMap::len).sum());
        for (party_key, by_issue) in &rf.positions {
            let party = h.party_ix.get(party_key.get_ref()).copied();
            if party.is_none() {
                self.push(unknown("party", party_key, file, &party_ids));
            }
            if let Some(p) = party
                && !participants.is_empty()
                && !participants.contains(&p)
            {
                self.push(
                    Diagnostic::warning(format!(
                        "`{}` states positions in this round but is not among its participants",
                        party_key.get_ref()
                    ))
                    .at(file, party_key.span())
                    .help("add it to `participants`, or move the positions to the round where they were stated"),
                );
            }
            for (issue_key, def) in by_issue {
                let issue = h.issue_ix.get(issue_key.get_ref()).copied();
                if issue.is_none() {
                    self.push(unknown("issue", issue_key, file, &issue_ids));
                }
                let ctx = PositionCtx {
                    file,
                    key_span: issue_key.span(),
                    issue: issue.map(|i| (&h.issues[i], &h.outcome_ix[i])),
                    source_ix: &source_ix,
                    source_ids: &source_ids,
                };
                let resolved = self.resolve_position(def, &ctx);
                if let (Some(party), Some(issue), Some(mut pos)) = (party, issue, resolved) {
                    pos.party = party;
                    pos.issue = issue;
                    if let (Some(q), Some(s)) = (&def.quote, pos.source) {
                        self.verify_quote(q, file, &sources[s].id, source_texts[s].as_ref());
                    }
                    if let (Some(said), Some(held), Some(at)) = (pos.date, date, &def.date)
                        && said > held
                    {
                        // Carry-forward would place a later statement in an earlier round.
                        self.push(
                            Diagnostic::error(format!(
                                "the position is dated {said}, after its round ({held})"
                            ))
                            .at(file, at.span())
                            .label("later than the round")
                            .help(
                                "move the position to the round it belongs to, or correct the date",
                            ),
                        );
                    }
                    positions.push(pos);
                }
            }
        }
        positions.sort_by_key(|p| (p.party, p.issue));

        Some(Placed {
            round: Round {
                id,
                date: date?,
                order: rf.order.as_ref().map(|o| *o.get_ref()),
                title: rf.title,
                venue: rf.venue,
                format: rf.format,
                summary: rf.summary,
                participants,
                sources,
                positions,
            },
            file,
            date_span: rf.date.span(),
        })
    }

    /// The source, and the normalised text of its local copy when it names one.
    fn resolve_source(
        &mut self,
        read_source: ReadSource<'_>,
        s: SourceDef,
        file: FileId,
    ) -> (Source, Option<(String, String)>) {
        let date = s.date.as_ref().and_then(|d| self.date(d, file));
        let text = s.file.as_ref().and_then(|rel| {
            let read = read_source(rel.get_ref());
            match read.bytes {
                Ok(bytes) => Some((read.path, normalise(&String::from_utf8_lossy(&bytes)))),
                Err(reason) => {
                    self.push(
                        Diagnostic::error(format!(
                            "cannot read the source text {}: {reason}",
                            read.path
                        ))
                        .at(file, rel.span()),
                    );
                    None
                }
            }
        });
        (
            Source {
                id: s.id.into_inner(),
                title: s.title,
                publisher: s.publisher,
                date,
                url: s.url,
            },
            text,
        )
    }

    fn verify_quote(
        &mut self,
        quote: &Spanned<String>,
        file: FileId,
        source: &str,
        text: Option<&(String, String)>,
    ) {
        let Some((path, text)) = text else { return };
        let wanted = normalise(quote.get_ref());
        if !text.contains(&wanted) {
            self.push(
                Diagnostic::error(format!(
                    "the quote is not found verbatim in source `{source}`"
                ))
                .at(file, quote.span())
                .label(format!("not in {path}"))
                .help(where_quote_differs(&wanted, text)),
            );
        }
    }

    fn resolve_position(&mut self, def: &PositionDef, ctx: &PositionCtx<'_>) -> Option<Position> {
        let file = ctx.file;
        let withdrawn = def.withdrawn.as_ref().is_some_and(|w| *w.get_ref());
        let mut ok = true;

        let mut stance = None;
        let mut accepts = Outcomes::default();
        if withdrawn {
            if let Some(s) = &def.stance {
                self.push(
                    Diagnostic::error("a withdrawn position has no stance")
                        .at(file, s.span())
                        .help("remove `stance`, or remove `withdrawn = true`"),
                );
                ok = false;
            }
        } else if let Some((issue, outcomes)) = ctx.issue {
            let scale_ids: Vec<&str> = issue.scale.iter().map(|o| o.id.as_str()).collect();
            let lookup = |c: &mut Self, o: &Spanned<String>| -> Option<usize> {
                let ix = outcomes.get(o.get_ref()).copied();
                if ix.is_none() {
                    c.push(
                        Diagnostic::error(format!(
                            "`{}` is not an outcome on the scale of issue `{}`",
                            o.get_ref(),
                            issue.id
                        ))
                        .at(file, o.span())
                        .label("not on the scale")
                        .help(
                            did_you_mean(o.get_ref(), scale_ids.iter().copied()).unwrap_or_else(
                                || format!("the scale is: {}", scale_ids.join(", ")),
                            ),
                        ),
                    );
                }
                // An outcome past the 64th is on a scale already reported as too long.
                ix.filter(|&i| i < Outcomes::MAX)
            };
            match &def.stance {
                None => {
                    self.push(
                        Diagnostic::error("the position has no stance")
                            .at(file, ctx.key_span.clone())
                            .help(format!(
                                "add `stance = \"…\"`, one of: {}",
                                scale_ids.join(", ")
                            )),
                    );
                    ok = false;
                }
                Some(s) => {
                    stance = lookup(self, s);
                    ok &= stance.is_some();
                }
            }
            match &def.accepts {
                None => {
                    if let Some(s) = stance {
                        accepts = Outcomes::one(s);
                    }
                }
                Some(list) => {
                    for o in list.get_ref() {
                        match lookup(self, o) {
                            Some(ix) => accepts.insert(ix),
                            None => ok = false,
                        }
                    }
                    if let Some(s) = stance
                        && !accepts.contains(s)
                    {
                        self.push(
                            Diagnostic::error(format!(
                                "`accepts` leaves out the stance `{}`",
                                issue.scale[s].id
                            ))
                            .at(file, list.span())
                            .label("must include the stance")
                            .help("a party accepts at least what it demands"),
                        );
                        ok = false;
                    }
                }
            }
        }

        let summary = match &def.summary {
            Some(s) => s.get_ref().clone(),
            None if withdrawn => String::new(),
            None => {
                self.push(
                    Diagnostic::error("the position has no summary")
                        .at(file, ctx.key_span.clone())
                        .help("add `summary = \"…\"`: the position in a sentence"),
                );
                ok = false;
                String::new()
            }
        };

        let source = match &def.source {
            Some(s) => {
                let ix = ctx.source_ix.get(s.get_ref()).copied();
                if ix.is_none() {
                    self.push(unknown("source", s, file, ctx.source_ids).help_opt(Some(
                        did_you_mean(s.get_ref(), ctx.source_ids.iter().copied()).unwrap_or_else(|| {
                            if ctx.source_ids.is_empty() {
                                "this round has no [[sources]]; a source is defined in the round that cites it".into()
                            } else {
                                format!("this round's sources: {}", ctx.source_ids.join(", "))
                            }
                        }),
                    )));
                    ok = false;
                }
                ix
            }
            None => {
                if let Some(q) = &def.quote {
                    self.push(
                        Diagnostic::error("a quote with no source")
                            .at(file, q.span())
                            .help(
                                "add `source = \"…\"`, the id of the source that prints this quote",
                            ),
                    );
                    ok = false;
                } else if !withdrawn {
                    self.push(
                        Diagnostic::warning("the position has no source")
                            .at(file, ctx.key_span.clone())
                            .help("add `source = \"…\"` so that a reader can trace it"),
                    );
                }
                None
            }
        };
        if let Some(q) = &def.quote
            && def.speaker.is_none()
        {
            self.push(
                Diagnostic::warning("the quote has no speaker")
                    .at(file, q.span())
                    .help("add `speaker = \"…\"`"),
            );
        }
        let date = def.date.as_ref().and_then(|d| self.date(d, file));

        ok.then(|| Position {
            party: 0,
            issue: 0,
            stance,
            accepts,
            red_line: def.red_line,
            priority: def.priority,
            summary,
            quote: def.quote.as_ref().map(|q| q.get_ref().clone()),
            speaker: def.speaker.clone(),
            date,
            source,
            note: def.note.clone(),
        })
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
        for w in rounds.windows(2) {
            let (a, b) = (&w[0], &w[1]);
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

struct PositionCtx<'a> {
    file: FileId,
    key_span: Range<usize>,
    issue: Option<(&'a Issue, &'a HashMap<String, usize>)>,
    source_ix: &'a HashMap<String, usize>,
    source_ids: &'a [&'a str],
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
    } else {
        t.into()
    }
}

/// Where a quote parts from the source text: the longest run of its first
/// words that the text holds, and the word after it on either side.
fn where_quote_differs(quote: &str, text: &str) -> String {
    let words: Vec<&str> = quote.split(' ').collect();
    let mut matched = 0;
    while matched < words.len() && text.contains(&words[..=matched].join(" ")) {
        matched += 1;
    }
    if matched == 0 {
        return format!(
            "not even its first word, “{}”, is in the source text: is `source` the right one?",
            words.first().copied().unwrap_or_default()
        );
    }
    let prefix = words[..matched].join(" ");
    let after = text
        .find(&prefix)
        .and_then(|at| text[at + prefix.len()..].split(' ').find(|w| !w.is_empty()))
        .unwrap_or("(the end of the text)");
    let shown = words[matched.saturating_sub(4)..matched].join(" ");
    let lead = if matched > 4 { "…" } else { "" };
    format!(
        "the source reads “{lead}{shown}” and then “{after}”, where the quote has “{}”; copy the quote exactly as the source prints it (white space and quote marks may differ)",
        words[matched]
    )
}

/// Text as compared for verbatim quotes: white space runs folded to one
/// space, typographic quote marks made straight.
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '«' | '»' => '"',
            c => c,
        };
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

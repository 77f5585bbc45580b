//! A round file: its date, participants, sources and positions.

use super::sources::SourceScope;
use super::*;
use crate::data::talks::Evidence;

impl Checker<'_> {
    pub(super) fn resolve_round(
        &mut self,
        read_source: ReadSource<'_>,
        h: &Header,
        id: String,
        file: FileId,
        rf: RoundFile,
    ) -> Option<Placed> {
        let date = self.date(&rf.date, file);
        let end = self.round_end(&rf, date, file);
        self.id_date(&id, date, &rf.date, file);
        self.scaffolded(&rf.title, file);
        // A date already reported stands in as a placeholder: nothing is
        // measured against it.
        let reported = self.is_patched(file, &rf.date.span());
        let held = Held {
            last: end.or(date.filter(|_| !reported)),
            follow_up: false,
        };

        let mut participants = Vec::new();
        match &rf.participants {
            None => self.push(
                Diagnostic::warning("the round lists no participants")
                    .in_file(file)
                    .help("add `participants = [\"…\", \"…\"]`: the parties present, or whose statements this round's record holds"),
            ),
            Some(list) if list.get_ref().is_empty() => self.push(
                Diagnostic::warning("the round lists no participants")
                    .at(file, list.span())
                    .label("empty")
                    .help("list the parties present, or whose statements this round's record holds"),
            ),
            Some(_) => {}
        }
        for p in rf.participants.iter().flat_map(|l| l.get_ref()) {
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

        let round_sources = self.resolve_sources(rf.sources, file, read_source, true);
        let mut sources: Vec<usize> = round_sources.values().copied().collect();
        sources.sort_unstable();
        let talks_sources = std::mem::take(&mut self.talks_sources);
        let scope = SourceScope {
            round: &round_sources,
            talks: &talks_sources,
        };
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
                // A value that is no position (`[positions.PARTY]` then
                // `stance = …`), already reported: nothing more to say of it.
                if self.is_patched(file, &def.span()) {
                    continue;
                }
                let def = def.get_ref();
                let issue = h.issue_ix.get(issue_key.get_ref()).copied();
                if issue.is_none() {
                    self.push(unknown("issue", issue_key, file, &issue_ids));
                }
                let ctx = PositionCtx {
                    file,
                    key_span: issue_key.span(),
                    issue: issue.map(|i| (i, &h.issues[i], &h.outcome_ix[i])),
                    header: h,
                    scope: &scope,
                    held: held.follow(&def.follow_up),
                };
                let resolved = self.resolve_position(def, &ctx);
                if let (Some(party), Some(issue), Some(mut pos)) = (party, issue, resolved) {
                    pos.party = party;
                    pos.issue = issue;
                    positions.push(pos);
                }
            }
        }
        positions.sort_by_key(|p| (p.party, p.issue));
        let linkages = self.resolve_linkages(&rf.linkages, file, h, &scope, held);
        let proposals = self.resolve_proposals(&rf.proposals, file, h, &scope, held);
        self.talks_sources = talks_sources;

        Some(Placed {
            round: Round {
                id,
                date: date?,
                end,
                order: rf.order.as_ref().map(|o| *o.get_ref()),
                title: rf.title.into_inner(),
                venue: rf.venue,
                format: rf.format,
                summary: rf.summary,
                participants,
                sources,
                positions,
                linkages,
                proposals,
                assumed: Vec::new(),
            },
            file,
            date_span: rf.date.span(),
            end_span: rf.end.as_ref().map(Spanned::span),
        })
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
        } else if let Some((_, issue, outcomes)) = ctx.issue {
            let lookup = |c: &mut Self, o: &Spanned<String>| -> Option<usize> {
                let ix = outcomes.get(o.get_ref()).copied();
                if ix.is_none() {
                    c.not_on_scale(issue, o, file);
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
                                issue
                                    .scale
                                    .iter()
                                    .map(|o| o.id.as_str())
                                    .collect::<Vec<_>>()
                                    .join(", ")
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
                let ix = self.cite(s, file, ctx.scope);
                ok &= ix.is_some();
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
        if let Some(q) = &def.quote {
            if def.speaker.is_none() {
                self.push(
                    Diagnostic::warning("the quote has no speaker")
                        .at(file, q.span())
                        .help("add `speaker = \"…\"`"),
                );
            }
            self.verify_quote(q, file, source);
        }
        if !withdrawn {
            self.tally.positions += 1;
            self.tally.quoted += usize::from(def.quote.is_some());
        }
        let date = self.said_on(&def.date, file, ctx.held, "position");
        let evidence = self.evidence(def, file, ctx, source);
        let conditions = match ctx.issue {
            Some((i, _, _)) if !withdrawn => self.resolve_conditions(def, i, accepts, file, ctx),
            _ => Vec::new(),
        };

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
            evidence,
            conditions,
            assumed: false,
        })
    }

    /// A red line's evidence: the words that make it one. In the position's
    /// own quote, or from a source of its own; where neither is given, a
    /// warning.
    fn evidence(
        &mut self,
        def: &PositionDef,
        file: FileId,
        ctx: &PositionCtx<'_>,
        source: Option<usize>,
    ) -> Option<Evidence> {
        let Some(ev) = &def.evidence else {
            if def.red_line && !self.unclean.contains(&file) {
                self.push(
                    Diagnostic::warning("a red line without the words that make it one")
                        .at(file, ctx.key_span.clone())
                        .help("add `evidence = { quote = \"…\" }`: the words, verbatim, that say it is not negotiable (from this position's quote, or with their own `source`, `speaker` and `date`)"),
                );
            }
            return None;
        };
        let e = ev.get_ref();
        if !def.red_line {
            self.push(
                Diagnostic::warning("evidence of a red line, on a position that is not one")
                    .at(file, ev.span())
                    .help("add `red_line = true`, or remove `evidence`"),
            );
        }
        let own = e
            .source
            .as_ref()
            .and_then(|s| self.cite(s, file, ctx.scope));
        let in_quote = e.source.is_none()
            && def
                .quote
                .as_ref()
                .is_some_and(|q| normalise(q.get_ref()).contains(&normalise(e.quote.get_ref())));
        if !in_quote {
            if e.source.is_none() && source.is_none() {
                self.push(
                    Diagnostic::error("evidence with no source")
                        .at(file, e.quote.span())
                        .help(
                            "the words are not in the position's quote: give them their `source`",
                        ),
                );
            }
            self.verify_quote(&e.quote, file, own.or(source));
        }
        Some(Evidence {
            quote: e.quote.get_ref().clone(),
            speaker: e.speaker.clone(),
            source: own,
            date: self.said_on(&e.date, file, ctx.held, "evidence"),
        })
    }

    /// A cited source's index; an unknown id is reported.
    pub(super) fn cite(
        &mut self,
        s: &Spanned<String>,
        file: FileId,
        scope: &SourceScope<'_>,
    ) -> Option<usize> {
        let ix = scope.get(s.get_ref());
        if let Some(k) = ix {
            self.cited[k] = true;
        }
        if ix.is_none() {
            let ids = scope.ids();
            self.push(unknown("source", s, file, &ids).help_opt(Some(
                did_you_mean(s.get_ref(), ids.iter().copied()).unwrap_or_else(|| {
                    if ids.is_empty() {
                        "no [[sources]] in this round or in talks.toml; define the source in one of them".into()
                    } else {
                        format!("the sources here: {}", ids.join(", "))
                    }
                }),
            )));
        }
        ix
    }

    /// When something was said: its own date where given, which may not be
    /// after its round's last day, unless it is a follow-up.
    pub(super) fn said_on(
        &mut self,
        at: &Option<Spanned<toml::value::Datetime>>,
        file: FileId,
        round: Held,
        what: &str,
    ) -> Option<Date> {
        let at = at.as_ref()?;
        let said = self.date(at, file)?;
        if let Some(last) = round.last
            && said > last
        {
            if round.follow_up {
                // Checked once the rounds are in order: not on or after the next.
                self.follow_ups.push(FollowUp {
                    file,
                    date: said,
                    span: at.span(),
                    what: what.to_string(),
                });
            } else {
                // Carry-forward would place a later statement in an earlier round.
                self.push(
                    Diagnostic::error(format!(
                        "the {what} is dated {said}, after its round ({last})"
                    ))
                    .at(file, at.span())
                    .label("later than the round")
                    .help(format!(
                        "if this round's record holds it all the same (a statement days later, a side letter), add `follow_up = true` to the {}; else move it to the round it belongs to, or correct the date",
                        if matches!(what, "evidence" | "condition") { "position" } else { what }
                    )),
                );
            }
        }
        Some(said)
    }

    /// A round's `end`, which may not be before its `date`.
    fn round_end(&mut self, rf: &RoundFile, date: Option<Date>, file: FileId) -> Option<Date> {
        let at = rf.end.as_ref()?;
        let end = self.date(at, file)?;
        if let Some(first) = date
            && end < first
        {
            self.push(
                Diagnostic::error(format!(
                    "the round ends on {end}, before it begins ({first})"
                ))
                .at(file, at.span())
                .label("before `date`")
                .help("`end` is the last day of a round held over several days: on or after `date` (or leave it out for a round of one day)"),
            );
            return None;
        }
        Some(end)
    }

    /// A round id that starts with a date: a day of the calendar, and the
    /// round's first day. Only once the round's own date reads.
    fn id_date(
        &mut self,
        id: &str,
        date: Option<Date>,
        at: &Spanned<toml::value::Datetime>,
        file: FileId,
    ) {
        let Some(date) = date else { return };
        if self.is_patched(file, &at.span()) {
            return;
        }
        let rest = id.get(10..).unwrap_or("");
        let named = match id.get(..10).map(Date::from_text) {
            Some(Ok(d)) if rest.is_empty() || rest.starts_with('-') => d,
            Some(Err(Some(why))) => {
                self.push(
                    Diagnostic::error(format!(
                        "the round id `{id}` starts with {}, which is not a day: {why}",
                        &id[..10]
                    ))
                    .in_file(file)
                    .help(format!(
                        "rename the file `{date}{rest}.toml`, after the round's date"
                    )),
                );
                return;
            }
            _ => return,
        };
        if named != date {
            self.push(
                Diagnostic::error(format!(
                    "round `{id}` is dated {date}, but its id starts with {named}"
                ))
                .at(file, at.span())
                .label(format!("not {named}"))
                .help(format!(
                    "if it began on {named}, write `date = {named}`; if on {date}, rename the file `{date}{rest}.toml`"
                )),
            );
        }
    }

    /// A title still the scaffold's `TODO: …`.
    pub(super) fn scaffolded(&mut self, title: &Spanned<String>, file: FileId) {
        if title.get_ref().trim_start().starts_with("TODO") {
            self.push(
                Diagnostic::warning("the title is still the scaffold's placeholder")
                    .at(file, title.span())
                    .label("to fill in")
                    .help("write the real title in its place"),
            );
        }
    }
}

/// The days a statement of a round may be dated up to.
#[derive(Debug, Clone, Copy)]
pub(super) struct Held {
    /// The round's last day: its `end`, else its `date`.
    pub last: Option<Date>,
    /// A follow-up may be dated later, though before the next round.
    pub follow_up: bool,
}

impl Held {
    pub fn follow(self, flag: &Option<Spanned<bool>>) -> Held {
        Held {
            follow_up: flag.as_ref().is_some_and(|f| *f.get_ref()),
            ..self
        }
    }
}

pub(super) struct PositionCtx<'a> {
    pub file: FileId,
    pub key_span: Range<usize>,
    /// The issue's index, the issue, and its outcome ids.
    pub issue: Option<(usize, &'a Issue, &'a HashMap<String, usize>)>,
    pub header: &'a Header,
    pub scope: &'a SourceScope<'a>,
    pub held: Held,
}

//! A round file: its date, participants, sources and positions.

use super::*;

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
}

struct PositionCtx<'a> {
    file: FileId,
    key_span: Range<usize>,
    issue: Option<(&'a Issue, &'a HashMap<String, usize>)>,
    source_ix: &'a HashMap<String, usize>,
    source_ids: &'a [&'a str],
}

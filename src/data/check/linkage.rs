//! Linkage: conditional acceptance on a position, linkages between issues,
//! and proposals (packages tabled by a party).

use super::round::{Held, PositionCtx};
use super::sources::SourceScope;
use super::*;
use crate::data::model::{ConditionDef, LinkageDef, ProposalDef};
use crate::data::talks::{Condition, Linkage, Proposal, Said, Term};

/// The fields every statement has: its words and where they are printed.
pub(super) struct SaidDef<'a> {
    pub quote: &'a Option<Spanned<String>>,
    pub speaker: &'a Option<String>,
    pub source: &'a Option<Spanned<String>>,
    pub date: &'a Option<Spanned<toml::value::Datetime>>,
    pub note: &'a Option<String>,
}

impl Checker<'_> {
    /// A statement's quote, speaker, source and date, checked as a
    /// position's are: a quote needs a source, and is verified against it.
    pub(super) fn said(
        &mut self,
        d: SaidDef<'_>,
        file: FileId,
        scope: &SourceScope<'_>,
        round: Held,
        what: &str,
    ) -> Said {
        let source = d.source.as_ref().and_then(|s| self.cite(s, file, scope));
        if let Some(q) = d.quote {
            if d.source.is_none() {
                self.push(
                    Diagnostic::error("a quote with no source")
                        .at(file, q.span())
                        .help("add `source = \"…\"`, the id of the source that prints this quote"),
                );
            }
            if d.speaker.is_none() {
                self.push(
                    Diagnostic::warning("the quote has no speaker")
                        .at(file, q.span())
                        .help("add `speaker = \"…\"`"),
                );
            }
            self.verify_quote(q, file, source);
        }
        Said {
            quote: d.quote.as_ref().map(|q| q.get_ref().clone()),
            speaker: d.speaker.clone(),
            source,
            date: self.said_on(d.date, file, round, what),
            note: d.note.clone(),
        }
    }

    /// Outcome ids of one issue's scale; unknown ones are reported.
    fn outcomes(
        &mut self,
        h: &Header,
        issue: usize,
        ids: &[Spanned<String>],
        file: FileId,
    ) -> Option<Outcomes> {
        let mut set = Outcomes::default();
        let mut ok = true;
        for o in ids {
            match h.outcome_ix[issue].get(o.get_ref()) {
                Some(&ix) if ix < Outcomes::MAX => set.insert(ix),
                Some(_) => ok = false,
                None => {
                    self.not_on_scale(&h.issues[issue], o, file);
                    ok = false;
                }
            }
        }
        ok.then_some(set)
    }

    /// An issue id; an unknown one is reported.
    fn issue(&mut self, h: &Header, id: &Spanned<String>, file: FileId) -> Option<usize> {
        let ix = h.issue_ix.get(id.get_ref()).copied();
        if ix.is_none() {
            let ids: Vec<&str> = h.issues.iter().map(|i| i.id.as_str()).collect();
            self.push(unknown("issue", id, file, &ids));
        }
        ix
    }

    fn party(&mut self, h: &Header, id: &Spanned<String>, file: FileId) -> Option<usize> {
        let ix = h.party_ix.get(id.get_ref()).copied();
        if ix.is_none() {
            let ids: Vec<&str> = h.parties.iter().map(|p| p.id.as_str()).collect();
            self.push(unknown("party", id, file, &ids));
        }
        ix
    }

    /// The conditions of a position on issue `own` whose unconditional
    /// accepts are `accepts`.
    pub(super) fn resolve_conditions(
        &mut self,
        def: &PositionDef,
        own: usize,
        accepts: Outcomes,
        file: FileId,
        ctx: &PositionCtx<'_>,
    ) -> Vec<Condition> {
        let h = ctx.header;
        let mut out = Vec::new();
        for c in &def.conditions {
            let cond_accepts = self.outcomes(h, own, c.accepts.get_ref(), file);
            if c.accepts.get_ref().is_empty() {
                self.push(
                    Diagnostic::error("a condition that accepts nothing")
                        .at(file, c.accepts.span())
                        .help("list the outcomes of this issue accepted on the condition"),
                );
            }
            let mut only_if = Vec::new();
            let mut ok = cond_accepts.is_some();
            if c.only_if.get_ref().is_empty() {
                self.push(
                    Diagnostic::error("a condition on nothing")
                        .at(file, c.only_if.span())
                        .help("`only_if = { ISSUE = [\"OUTCOME\", …] }`: the issues that must be settled, and how"),
                );
                ok = false;
            }
            for (issue, outcomes) in c.only_if.get_ref() {
                let Some(i) = self.issue(h, issue, file) else {
                    ok = false;
                    continue;
                };
                if i == own {
                    self.push(
                        Diagnostic::error(format!(
                            "a condition on its own issue `{}`",
                            issue.get_ref()
                        ))
                        .at(file, issue.span())
                        .help("a position's conditions name other issues; what it accepts on this one is `accepts`"),
                    );
                    ok = false;
                    continue;
                }
                if outcomes.get_ref().is_empty() {
                    self.push(
                        Diagnostic::error("a condition that can never hold")
                            .at(file, outcomes.span())
                            .label("no outcome listed")
                            .help(format!(
                                "list the outcomes of `{}` the condition asks for",
                                issue.get_ref()
                            )),
                    );
                    ok = false;
                    continue;
                }
                match self.outcomes(h, i, outcomes.get_ref(), file) {
                    Some(set) => only_if.push((i, set)),
                    None => ok = false,
                }
            }
            if let Some(set) = cond_accepts
                && !set.is_empty()
                && set.minus(accepts).is_empty()
            {
                self.push(
                    Diagnostic::warning(
                        "the condition adds nothing: these outcomes are accepted without it",
                    )
                    .at(file, c.accepts.span())
                    .help("list only outcomes that are not in the position's `accepts`"),
                );
            }
            let said = self.said(condition_said(c), file, ctx.scope, ctx.held, "condition");
            if ok && let Some(set) = cond_accepts {
                only_if.sort_by_key(|&(i, _)| i);
                out.push(Condition {
                    accepts: set,
                    only_if,
                    summary: c.summary.clone(),
                    said,
                });
            }
        }
        out
    }

    pub(super) fn resolve_linkages(
        &mut self,
        defs: &[LinkageDef],
        file: FileId,
        h: &Header,
        scope: &SourceScope<'_>,
        round: Held,
    ) -> Vec<Linkage> {
        let mut out: Vec<Linkage> = Vec::new();
        for l in defs {
            self.check_id("linkage", &l.id, file);
            let party = self.party(h, &l.party, file);
            let mut issues = Vec::new();
            let mut ok = party.is_some();
            for id in l.issues.get_ref() {
                match self.issue(h, id, file) {
                    Some(i) if issues.contains(&i) => {
                        self.push(
                            Diagnostic::error(format!(
                                "the linkage names `{}` twice",
                                id.get_ref()
                            ))
                            .at(file, id.span())
                            .label("named again here"),
                        );
                        ok = false;
                    }
                    Some(i) => issues.push(i),
                    None => ok = false,
                }
            }
            if l.withdrawn {
                // A withdrawal names the linkage; its issues are optional.
            } else if l.issues.get_ref().len() < 2 {
                self.push(
                    Diagnostic::error("a linkage ties two issues or more")
                        .at(file, l.issues.span())
                        .help("list every issue the party will not settle alone"),
                );
                ok = false;
            }
            if let Some(p) = party
                && out.iter().any(|o| o.party == p && o.id == *l.id.get_ref())
            {
                self.push(
                    Diagnostic::error(format!(
                        "linkage `{}` of `{}` is stated twice in this round",
                        l.id.get_ref(),
                        l.party.get_ref()
                    ))
                    .at(file, l.id.span()),
                );
                ok = false;
            }
            let said = self.said(
                SaidDef {
                    quote: &l.quote,
                    speaker: &l.speaker,
                    source: &l.source,
                    date: &l.date,
                    note: &l.note,
                },
                file,
                scope,
                round.follow(&l.follow_up),
                "linkage",
            );
            if ok && let Some(party) = party {
                if l.withdrawn {
                    self.withdrawals.push(super::Withdrawal {
                        file,
                        span: l.id.span(),
                        what: "linkage",
                        party: Some(party),
                        id: l.id.get_ref().clone(),
                    });
                }
                issues.sort_unstable();
                out.push(Linkage {
                    id: l.id.get_ref().clone(),
                    party,
                    issues,
                    summary: l.summary.clone(),
                    withdrawn: l.withdrawn,
                    said,
                });
            }
        }
        out
    }

    pub(super) fn resolve_proposals(
        &mut self,
        defs: &[ProposalDef],
        file: FileId,
        h: &Header,
        scope: &SourceScope<'_>,
        round: Held,
    ) -> Vec<Proposal> {
        let mut out: Vec<Proposal> = Vec::new();
        let mut seen = HashMap::new();
        for (k, p) in defs.iter().enumerate() {
            self.check_id("proposal", &p.id, file);
            let mut ok = self.unique("proposal", &p.id, file, &mut seen, k);
            let by = self.party(h, &p.by, file);
            ok &= by.is_some();
            if p.withdrawn && !p.terms.is_empty() {
                self.push(
                    Diagnostic::error("a withdrawn proposal has no terms")
                        .at(file, p.terms[0].issue.span())
                        .help("remove the terms, or remove `withdrawn = true`"),
                );
                ok = false;
            }
            if !p.withdrawn && p.terms.is_empty() {
                self.push(
                    Diagnostic::error(format!("proposal `{}` has no terms", p.id.get_ref()))
                        .at(file, p.id.span())
                        .help("add `[[proposals.terms]]` with `issue` and `outcomes` for each issue it covers"),
                );
                ok = false;
            }
            let mut terms: Vec<(Term, Range<usize>)> = Vec::new();
            for t in &p.terms {
                let Some(i) = self.issue(h, &t.issue, file) else {
                    ok = false;
                    continue;
                };
                if let Some((_, first)) = terms.iter().find(|(x, _)| x.issue == i) {
                    let (line, _) = self.files.line_col(file, first.start);
                    self.push(
                        Diagnostic::error(format!(
                            "the proposal names issue `{}` twice",
                            t.issue.get_ref()
                        ))
                        .at(file, t.issue.span())
                        .label("named again here")
                        .help(format!(
                            "its first terms on it are on line {line}: merge the two"
                        )),
                    );
                    ok = false;
                    continue;
                }
                if t.outcomes.get_ref().is_empty() {
                    self.push(
                        Diagnostic::error("terms with no outcome")
                            .at(file, t.outcomes.span())
                            .help("list the outcomes the proposal would settle the issue for"),
                    );
                    ok = false;
                    continue;
                }
                let Some(outcomes) = self.outcomes(h, i, t.outcomes.get_ref(), file) else {
                    ok = false;
                    continue;
                };
                if let Some(q) = &t.quote {
                    self.verify_quote(
                        q,
                        file,
                        p.source.as_ref().and_then(|s| scope.get(s.get_ref())),
                    );
                }
                terms.push((
                    Term {
                        issue: i,
                        outcomes,
                        quote: t.quote.as_ref().map(|q| q.get_ref().clone()),
                        note: t.note.clone(),
                    },
                    t.issue.span(),
                ));
            }
            if p.terms.iter().any(|t| t.quote.is_some()) && p.source.is_none() {
                self.push(
                    Diagnostic::error("terms quoted with no source")
                        .at(file, p.id.span())
                        .help("add `source = \"…\"` to the proposal: the text its terms quote"),
                );
                ok = false;
            }
            let said = self.said(
                SaidDef {
                    quote: &p.quote,
                    speaker: &p.speaker,
                    source: &p.source,
                    date: &p.date,
                    note: &p.note,
                },
                file,
                scope,
                round.follow(&p.follow_up),
                "proposal",
            );
            if ok && let Some(by) = by {
                self.authored.push(super::Authored {
                    file,
                    span: p.by.span(),
                    id: p.id.get_ref().clone(),
                    by,
                });
                if p.withdrawn {
                    self.withdrawals.push(super::Withdrawal {
                        file,
                        span: p.id.span(),
                        what: "proposal",
                        party: None,
                        id: p.id.get_ref().clone(),
                    });
                }
                let mut terms: Vec<Term> = terms.into_iter().map(|(t, _)| t).collect();
                terms.sort_by_key(|t| t.issue);
                out.push(Proposal {
                    id: p.id.get_ref().clone(),
                    by,
                    title: p.title.clone(),
                    summary: p.summary.clone(),
                    withdrawn: p.withdrawn,
                    terms,
                    said,
                });
            }
        }
        out
    }
}

fn condition_said(c: &ConditionDef) -> SaidDef<'_> {
    SaidDef {
        quote: &c.quote,
        speaker: &c.speaker,
        source: &c.source,
        date: &c.date,
        note: &c.note,
    }
}

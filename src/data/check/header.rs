//! `talks.toml`: the parties, the issues and their scales.

use super::*;

impl Checker<'_> {
    pub(super) fn resolve_header(
        &mut self,
        talks_id: &str,
        file: FileId,
        tf: TalksFile,
        read_source: ReadSource<'_>,
    ) -> Option<Header> {
        if let Some(why) = file_id_problem("talks", talks_id) {
            self.push(
                Diagnostic::error(format!(
                    "the folder name `{talks_id}` is not a valid talks id"
                ))
                .in_file(file)
                .help(format!(
                    "rename the folder `{}`: {why}",
                    suggest_id(talks_id)
                )),
            );
        }
        self.scaffolded(&tf.title, file);
        let mut parties = Vec::new();
        let mut seen = HashMap::new();
        // Each party's column label (its `short`, else its name): whose,
        // and where it is written.
        let mut labels: HashMap<String, (String, Range<usize>)> = HashMap::new();
        for p in tf.parties {
            self.check_id("party", &p.id, file);
            if !self.unique("party", &p.id, file, &mut seen, parties.len()) {
                continue;
            }
            let label = p.short.as_ref().unwrap_or(&p.name);
            match labels.get(label.get_ref()) {
                _ if self.is_patched(file, &label.span()) => {}
                Some((first, at)) => {
                    let (line, _) = self.files.line_col(file, at.start);
                    self.push(
                        Diagnostic::error(format!(
                            "party `{}` is labelled `{}`, as party `{first}` is: their columns could not be told apart",
                            p.id.get_ref(),
                            label.get_ref()
                        ))
                        .at(file, label.span())
                        .label(format!("`{first}`'s label too (line {line})"))
                        .help(format!(
                            "a party's column is labelled with its `short`, else its name: give `{}` a `short` of its own",
                            p.id.get_ref()
                        )),
                    );
                }
                None => {
                    labels.insert(
                        label.get_ref().clone(),
                        (p.id.get_ref().clone(), label.span()),
                    );
                }
            }
            parties.push(Party {
                id: p.id.into_inner(),
                name: p.name.into_inner(),
                short: p.short.map(Spanned::into_inner),
                kind: p.kind,
                role: p.role.unwrap_or_default(),
            });
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
        self.talks_sources = self.resolve_sources(tf.sources, file, read_source, false);
        Some(Header {
            title: tf.title.into_inner(),
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
        if self.is_patched(file, &scale_span) {
            self.unread_scales.insert(def.id.get_ref().clone());
        }
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
            if self.is_patched(file, &o.id.span()) {
                self.unread_scales.insert(def.id.get_ref().clone());
            }
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
}

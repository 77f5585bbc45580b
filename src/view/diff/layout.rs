//! How a diff is laid out: on a terminal as text (dyff's layout: a heading
//! per party and issue, a marker line per change, the old and the new under
//! it), elsewhere as one row per change.
use super::{ChangeView, DiffView, Side};
use crate::core::diff::{ChangeKind, Trend};
use crate::data::diag::plural;
use crate::view::relation::{relation_mark, trend_said};
use crate::view::{Block, Doc, Layout, Lines, Rows, Table, Text, Tone, View};

impl ChangeView {
    /// Whose change it is: `party` or `a–b`.
    fn who(&self) -> String {
        match (&self.party, &self.parties) {
            (Some(p), _) => p.clone(),
            (None, Some([a, b])) => format!("{a}–{b}"),
            (None, None) => String::new(),
        }
    }
}

impl DiffView {
    /// Why pairs that became comparable are counted, not listed, and where
    /// to see each one.
    fn unlisted_note(&self) -> Option<String> {
        let pairs: usize = self.unlisted.iter().map(|u| u.pairs).sum();
        (pairs > 0).then(|| {
            format!(
                "{} became or stopped being comparable, each because a position was stated or withdrawn (above): too many to list, they are counted per issue; `redlines matrix --by issue --round {}` shows every pair.",
                plural(pairs, "pair"),
                self.to.id
            )
        })
    }

    fn title(&self) -> String {
        format!("{}: {} → {}", self.title, self.from.id, self.to.id)
    }

    /// A heading per party and issue (or pair and issue), a marker line per
    /// change, the old and the new under it.
    fn as_text_doc(&self) -> Doc<'_> {
        const INDENT: &str = "    ";
        let mut doc = Doc::default();
        doc.push(Block::Title(self.title()));
        if let Some(b) = self.to.banner().or_else(|| self.from.banner()) {
            doc.push(b);
        }
        if self.backwards {
            doc.push(Block::Line(Text::styled(
                format!(
                    "{} is earlier than {}: the changes read backwards in time.",
                    self.to.id, self.from.id
                ),
                Tone::Dim,
            )));
        }
        // Pairs that became (or stopped being) comparable only because one
        // side stated (or withdrew) a position, which is listed above them:
        // one line per issue, not a heading per pair.
        let comparable =
            |c: &ChangeView| matches!(c.trend, Some(Trend::NowKnown | Trend::NowUnknown));
        // A heading per party (or pair) and issue, its changes under it;
        // made as they are written.
        doc.push(Block::Lines(Lines::made(move || {
            let mut changes = self
                .changes
                .iter()
                .filter(move |c| !comparable(c))
                .peekable();
            std::iter::from_fn(move || {
                let c = changes.next()?;
                let heading = format!("{} · {}", c.who(), c.issue);
                let mut t = Text::styled(heading, Tone::Strong);
                let mut next = Some(c);
                while let Some(c) = next {
                    let (marker, tone) = c.marker;
                    t.line("  ", Tone::Plain)
                        .push(marker, tone)
                        .push(" ", Tone::Plain)
                        .push(c.detail.clone(), Tone::Plain);
                    for (sign, tone, side) in
                        [("- ", Tone::Removed, &c.old), ("+ ", Tone::Added, &c.new)]
                    {
                        if let Some(side) = side {
                            t.line(INDENT, Tone::Plain).push(sign, tone);
                            append(&mut t, side);
                        }
                    }
                    next = changes.next_if(|n| {
                        (&n.party, &n.parties, &n.issue) == (&c.party, &c.parties, &c.issue)
                    });
                }
                Some(t)
            })
        })));
        for (trend, heading) in [
            (
                Trend::NowKnown,
                "now comparable (one side had no position before)",
            ),
            (
                Trend::NowUnknown,
                "no longer comparable (one side has no position now)",
            ),
        ] {
            let mut t = Text::styled(heading, Tone::Strong);
            let mut issue: Option<String> = None;
            for c in self.changes.iter().filter(|c| c.trend == Some(trend)) {
                let sep = if issue.as_deref() == Some(c.issue.as_str()) {
                    ", "
                } else {
                    issue = Some(c.issue.clone());
                    t.line(format!("  {}:", c.issue), Tone::Plain);
                    " "
                };
                let side = if trend == Trend::NowKnown {
                    &c.to
                } else {
                    &c.from
                };
                t.push(format!("{sep}{} ", c.who()), Tone::Plain);
                if let Side::Relation(r) = side {
                    append(&mut t, &relation_mark(*r));
                }
            }
            for u in self.unlisted.iter().filter(|u| u.trend == trend) {
                issue = Some(u.issue.clone());
                t.line(
                    format!("  {}: {}", u.issue, plural(u.pairs, "pair")),
                    Tone::Plain,
                );
            }
            if issue.is_some() {
                doc.push(Block::Line(t));
            }
        }
        if let Some(note) = self.unlisted_note() {
            doc.push(Block::Line(Text::styled(note, Tone::Dim)));
        }
        doc.push(Block::Line(Text::styled(
            self.verdict.clone(),
            Tone::Strong,
        )));
        doc
    }

    /// One row per change, for Markdown and CSV.
    fn as_rows_doc(&self) -> Doc<'_> {
        let len = self.changes.len() + self.unlisted.len();
        let rows = Rows::made(len, || {
            self.changes
                .iter()
                .map(|c| {
                    let (from, to) = match &c.words {
                        // Only the changed words stand out: struck and bold in Markdown.
                        Some(_) => (
                            c.old.clone().unwrap_or_default(),
                            c.new.clone().unwrap_or_default(),
                        ),
                        None => (Text::plain(c.from.cell()), Text::plain(c.to.cell())),
                    };
                    vec![
                        Text::plain(c.kind.name()),
                        Text::plain(c.who()),
                        Text::plain(c.issue.as_str()),
                        from,
                        to,
                        Text::plain(c.detail.as_str()),
                    ]
                })
                .chain(self.unlisted.iter().map(|u| {
                    vec![
                        Text::plain(ChangeKind::RelationChanged.name()),
                        Text::plain(""),
                        Text::plain(u.issue.as_str()),
                        Text::plain(""),
                        Text::plain(""),
                        Text::plain(format!(
                            "{}: {} (not listed)",
                            trend_said(u.trend).0,
                            plural(u.pairs, "pair")
                        )),
                    ]
                }))
        });
        let mut doc = Doc::default();
        doc.push(Block::Title(self.title()));
        if let Some(b) = self.to.banner().or_else(|| self.from.banner()) {
            doc.push(b);
        }
        doc.push(Block::Table(Table {
            headers: ["kind", "party", "issue", "from", "to", "detail"]
                .map(String::from)
                .to_vec(),
            rows,
            ..Table::default()
        }));
        if let Some(note) = self.unlisted_note() {
            doc.push(Block::Line(Text::styled(note, Tone::Dim)));
        }
        doc.push(Block::Line(Text::styled(
            self.verdict.clone(),
            Tone::Strong,
        )));
        doc
    }
}

/// Append `more`'s spans to the last line of `t`.
fn append(t: &mut Text, more: &Text) {
    for span in more.lines.iter().flatten() {
        t.push(span.text.clone(), span.tone);
    }
}

impl View for DiffView {
    fn doc(&self, layout: Layout) -> Doc<'_> {
        // On a terminal, a diff reads as text (dyff's layout); elsewhere, as rows.
        if layout == Layout::Terminal {
            self.as_text_doc()
        } else {
            self.as_rows_doc()
        }
    }
}

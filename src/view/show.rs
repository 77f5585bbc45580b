//! What `show` shows: one position in full, with its quote and source.
use crate::core::state::State;
use crate::data::talks::Talks;
use crate::view::position::PositionView;
use crate::view::position::position_fields;
use crate::view::round::RoundRef;
use crate::view::{Block, Doc, Layout, Text, Tone, View};
use serde::Serialize;

#[derive(Serialize)]
pub struct Shown {
    party: String,
    party_name: String,
    issue: String,
    issue_title: String,
    question: Option<String>,
    as_of: RoundRef,
    /// `null` where the party has stated no position as of this round.
    position: Option<PositionView>,
}

impl Shown {
    pub fn new(talks: &Talks, round: usize, p: usize, i: usize) -> Self {
        let state = State::as_of(talks, round);
        Shown {
            party: talks.parties[p].id.clone(),
            party_name: talks.parties[p].name.clone(),
            issue: talks.issues[i].id.clone(),
            issue_title: talks.issues[i].title.clone(),
            question: talks.issues[i].question.clone(),
            as_of: RoundRef::new(&talks.rounds[round]),
            position: state
                .get(p, i)
                .map(|s| PositionView::new(talks, s.position, s.round)),
        }
    }
}

impl View for Shown {
    fn doc(&self, _layout: Layout) -> Doc<'_> {
        let mut doc = Doc::default();
        doc.push(Block::Title(format!(
            "{} on {} — as of {}",
            self.party_name, self.issue_title, self.as_of.id
        )));
        if let Some(b) = self.as_of.banner() {
            doc.push(b);
        }
        if let Some(q) = &self.question {
            doc.push(Block::Line(Text::styled(q.as_str(), Tone::Dim)));
        }
        let mut fields = vec![("party".to_string(), Text::plain(self.party.as_str()))];
        fields.push(("issue".into(), Text::plain(self.issue.as_str())));
        match &self.position {
            None => fields.push((
                "stance".into(),
                Text::styled(format!("none stated as of {}", self.as_of.id), Tone::Dim),
            )),
            Some(p) => fields.extend(position_fields(p)),
        }
        doc.push(Block::Fields(fields));
        doc
    }
}

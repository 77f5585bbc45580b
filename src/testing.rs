//! Builders of small talks for unit tests.

use crate::data::talks::{Date, Issue, Outcome, Outcomes, Party, Position, Round, Talks};

/// A talks of `parties` parties and one issue of `outcomes` outcomes, with
/// one round per entry of `rounds` (dated a day apart) stating those positions.
pub fn talks(parties: usize, outcomes: usize, rounds: Vec<Vec<Position>>) -> Talks {
    Talks {
        id: "t".into(),
        title: "t".into(),
        summary: None,
        parties: (0..parties)
            .map(|k| Party {
                id: format!("p{k}"),
                name: format!("P{k}"),
                short: None,
                kind: None,
                role: Default::default(),
            })
            .collect(),
        issues: vec![Issue {
            id: "i".into(),
            title: "i".into(),
            question: None,
            scale: (0..outcomes)
                .map(|o| Outcome {
                    id: format!("o{o}"),
                    label: String::new(),
                })
                .collect(),
        }],
        rounds: rounds
            .into_iter()
            .enumerate()
            .map(|(r, positions)| {
                let date = Date {
                    year: 2024,
                    month: 1,
                    day: r as u8 + 1,
                };
                Round::new(format!("r{r}"), date, format!("r{r}"), positions)
            })
            .collect(),
        sources: Vec::new(),
    }
}

/// Party `party` demanding outcome `stance` (None: withdrawing) on the issue.
pub fn stance(party: usize, stance: Option<usize>) -> Position {
    Position {
        stance,
        accepts: stance.map(Outcomes::one).unwrap_or_default(),
        ..Position::none(party, 0)
    }
}

//! What the `linkage` and `assume` targets share: the talks they start
//! from, kept whole in the binary, and everything the commands that show a
//! round do with it — the core's comparators, their views, and every text
//! format — so that a panic anywhere from a resolved talks to the bytes
//! printed is found.

use redlines::core::compare::{PairMatrix, deal_zone};
use redlines::core::diff::RoundDiff;
use redlines::core::linkage::package_zone;
use redlines::core::state::State;
use redlines::data::check::check_texts;
use redlines::data::talks::Talks;
use redlines::render::html::page;
use redlines::render::{Format, Style, write};
use redlines::view::View;
use redlines::view::bridge::BridgeView;
use redlines::view::diff::{DiffStat, DiffView};
use redlines::view::explain::Explained;
use redlines::view::matrix::{ByIssue, ByPair};
use redlines::view::proposals::ProposalsView;
use redlines::view::report::ReportView;
use redlines::view::show::Shown;
use redlines::view::table::PositionsTable;
use redlines::view::trades::TradesView;

/// A talks as its files hold it: `talks.toml`, and each round file with its
/// round id.
pub struct Fixed {
    pub id: &'static str,
    pub talks: &'static [u8],
    pub rounds: &'static [(&'static str, &'static [u8])],
}

macro_rules! fixed {
    ($id:literal, $dir:literal, [$($round:literal),* $(,)?]) => {
        Fixed {
            id: $id,
            talks: include_bytes!(concat!("../../../", $dir, "/talks.toml")),
            rounds: &[$((
                $round,
                include_bytes!(concat!("../../../", $dir, "/rounds/", $round, ".toml")),
            )),*],
        }
    };
}

/// The fictional bay talks of the linkage tests, and the built-in talks.
pub const FIXED: [Fixed; 3] = [
    fixed!(
        "bay",
        "tests/fixtures/linkage/bay",
        ["2024-06-01-first", "2024-07-01-second"]
    ),
    fixed!(
        "euro-security-2022",
        "data/euro-security-2022",
        [
            "2021-12-17-draft-treaties",
            "2022-01-10-geneva",
            "2022-01-12-brussels",
            "2022-01-13-vienna",
            "2022-01-21-blinken-lavrov",
            "2022-01-26-written-replies",
            "2022-02-17-russia-reply",
        ]
    ),
    fixed!(
        "russia-ukraine-2022",
        "data/russia-ukraine-2022",
        [
            "2022-02-28-gomel",
            "2022-03-03-belovezhskaya-pushcha",
            "2022-03-07-belovezhskaya-pushcha",
            "2022-03-10-antalya",
            "2022-03-17-videoconference",
            "2022-03-29-istanbul",
            "2022-04-15-draft",
        ]
    ),
];

impl Fixed {
    /// The talks resolved, as `check` reads it; it must check clean.
    pub fn resolved(&self) -> Talks {
        let (checked, _) = check_texts(self.talks, self.rounds);
        checked
            .talks
            .unwrap_or_else(|| panic!("{} does not check clean", self.id))
    }
}

/// The files an input holds, as the targets on data files split it: with no
/// NUL byte (which TOML never holds), no `talks.toml` and the whole input as
/// one round file; otherwise the part before the first NUL, `talks.toml`,
/// then up to `most` round files.
pub fn files(data: &[u8], most: usize) -> (Option<&[u8]>, Vec<&[u8]>) {
    if !data.contains(&0) {
        return (None, vec![data]);
    }
    let mut parts = data.split(|&b| b == 0);
    let talks = parts.next().unwrap_or_default();
    (Some(talks), parts.take(most).collect())
}

/// A package search this large visits most of the search's paths, the
/// one that gives up included, at a fuzzer's pace.
const PACKAGE_LIMIT: u64 = 20_000;

/// Everything the commands that show round `r` of `t` do: the comparators,
/// their views, each in every text format; the diff from the round before;
/// the report's page.
pub fn exercise(t: &Talks, r: usize) {
    let state = State::as_of(t, r);
    let parties: Vec<usize> = (0..t.parties.len()).collect();
    let issues: Vec<usize> = (0..t.issues.len()).collect();
    let m = PairMatrix::build(&state, &parties, &issues);
    for &i in &issues {
        let _ = deal_zone(&state, i);
    }
    // Every issue as one package: the views search only those a linkage
    // ties, with a limit no fuzzed input reaches in time.
    let _ = package_zone(&state, &issues, PACKAGE_LIMIT);

    // The views run the rest of the core: conditional deal zones and
    // packages (`ByIssue`), proposals evaluated (`ProposalsView`,
    // `Explained`), bridges and trades.
    show(&ByPair::new(t, r, &m, &[]));
    show(&ByIssue::new(t, &state, &parties, &issues));
    show(&PositionsTable::build(t, r, &parties, &issues));
    show(&ProposalsView::new(t, r, &parties, &issues));
    show(&BridgeView::new(t, r, &issues, false));
    show(&BridgeView::new(t, r, &issues, true));
    show(&TradesView::new(t, r, None, 20));
    if parties.len() >= 2 {
        for &i in &issues {
            show(&Explained::new(t, r, [0, 1], i));
        }
    }
    // `show` of each position that carries conditions.
    for &p in &parties {
        for &i in &issues {
            if state
                .get(p, i)
                .is_some_and(|s| !s.position.conditions.is_empty())
            {
                show(&Shown::new(t, r, p, i));
            }
        }
    }
    if r > 0 {
        let diff = RoundDiff::between(&State::as_of(t, r - 1), &state, &parties, &issues);
        show(&DiffView::new(t, &diff, &parties));
        show(&DiffStat::new(t, &diff));
    }
    let _ = page(&ReportView::build(t, r, 0, false));
}

/// A view in every text format: a narrow table in colour (wrapping and
/// styling are the table renderer's costly paths, and one table is most of
/// a run's time), Markdown, CSV, JSON.
fn show(view: &impl View) {
    let styles = [
        (Format::Table, true, Some(60)),
        (Format::Markdown, false, None),
        (Format::Csv, false, None),
        (Format::Json, false, None),
    ];
    for (format, color, width) in styles {
        let style = Style {
            format,
            color,
            width,
            csv_raw: false,
        };
        let _ = write(view, &style, &mut std::io::sink());
    }
}

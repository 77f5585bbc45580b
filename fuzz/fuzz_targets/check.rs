//! Arbitrary bytes through the loader's checking path, as `redlines check`
//! takes them from disk, then through everything a command does with a
//! talks that checks clean.
//!
//! Input: with no NUL byte, the bytes are one round file of a fixed, valid
//! talks.toml. Otherwise they are split at NUL bytes (which TOML never
//! holds): `talks.toml`, then up to four round files.

#![no_main]

#[allow(dead_code)] // each target uses part of it
mod common;

use common::files;
use libfuzzer_sys::fuzz_target;
use redlines::core::compare::{PairMatrix, deal_zone, score_trend};
use redlines::core::state::states;
use redlines::data::check::check_texts;
use redlines::data::diag::render_all;

const TALKS: &[u8] = include_bytes!("../../tests/fixtures/data/harbour/talks.toml");
const ROUND_IDS: [&str; 4] = ["2024-01-01-a", "2024-01-02-b", "round-c", "Not_An_Id"];

fuzz_target!(|data: &[u8]| {
    let (talks, rounds) = files(data, ROUND_IDS.len());
    let talks = talks.unwrap_or(TALKS);
    let rounds: Vec<(&str, &[u8])> = ROUND_IDS.iter().copied().zip(rounds).collect();
    let (checked, files) = check_texts(talks, &rounds);
    let _ = render_all(&checked.diagnostics, &files, false, Some(80));
    let _ = render_all(&checked.diagnostics, &files, true, Some(60));
    if let Some(t) = &checked.talks {
        let parties: Vec<usize> = (0..t.parties.len()).collect();
        let issues: Vec<usize> = (0..t.issues.len()).collect();
        for state in states(t) {
            let _ = PairMatrix::build(&state, &parties, &issues);
            for &i in &issues {
                let _ = deal_zone(&state, i);
            }
        }
        let _ = score_trend(t, &parties, &issues, t.rounds.len());
    }
});

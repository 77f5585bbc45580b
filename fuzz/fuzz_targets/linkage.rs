//! Arbitrary bytes as data that carries linkage — conditions on positions,
//! linkages, proposals — through the checking path, then, for a talks that
//! checks clean, through every comparator of linkage, bridge and trades,
//! their views and every text format, on every round.
//!
//! Input: with no NUL byte, the bytes are one round file of the fictional
//! bay talks (`tests/fixtures/linkage/bay/talks.toml`). Otherwise they are
//! split at NUL bytes (which TOML never holds): `talks.toml` — or the id of
//! a talks kept whole in the binary (`bay`, `euro-security-2022`,
//! `russia-ukraine-2022`), whose `talks.toml` is used — then up to four
//! round files.

#![no_main]

#[allow(dead_code)] // each target uses part of it
mod common;

use common::{FIXED, exercise, files};
use libfuzzer_sys::fuzz_target;
use redlines::data::check::check_texts;
use redlines::data::diag::render_all;

/// Round ids that name no date, so the rounds' own dates order them.
const ROUND_IDS: [&str; 4] = ["round-a", "round-b", "round-c", "round-d"];

fuzz_target!(|data: &[u8]| {
    let (talks, rounds) = files(data, ROUND_IDS.len());
    let talks = match talks {
        None => FIXED[0].talks,
        Some(first) => FIXED
            .iter()
            .find(|f| f.id.as_bytes() == first)
            .map_or(first, |f| f.talks),
    };
    let rounds: Vec<(&str, &[u8])> = ROUND_IDS.iter().copied().zip(rounds).collect();
    let (checked, files) = check_texts(talks, &rounds);
    let _ = render_all(&checked.diagnostics, &files, false, Some(80));
    if let Some(t) = &checked.talks {
        for r in 0..t.rounds.len() {
            exercise(t, r);
        }
    }
});

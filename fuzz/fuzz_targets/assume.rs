//! Arbitrary `--assume` specs laid over the built-in talks and the
//! fictional bay talks, as `Ctx::scenario` lays them: each parsed
//! (`whatif::parse`), the scenario made a round of its own
//! (`whatif::assume`), then every comparator, view and text format on that
//! round. A spec that is wrong must be an error, never a panic.
//!
//! Input: up to four specs, split at NUL bytes (which no command-line
//! argument holds), read as UTF-8 with bad bytes replaced. Each talks takes
//! them over its first round and over its latest.

#![no_main]

#[allow(dead_code)] // each target uses part of it
mod common;

use std::sync::LazyLock;

use common::{FIXED, exercise};
use libfuzzer_sys::fuzz_target;
use redlines::core::compare::score_trend;
use redlines::core::whatif;
use redlines::data::talks::Talks;

static TALKS: LazyLock<Vec<Talks>> = LazyLock::new(|| FIXED.iter().map(|f| f.resolved()).collect());

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let specs: Vec<&str> = text.split('\0').take(4).collect();
    for talks in TALKS.iter() {
        let Ok(assumptions) = specs
            .iter()
            .map(|s| whatif::parse(talks, s))
            .collect::<Result<Vec<_>, _>>()
        else {
            continue;
        };
        let latest = talks.rounds.len() - 1;
        for base in [0, latest] {
            if let Ok((t, r)) = whatif::assume(talks, base, &assumptions) {
                exercise(&t, r);
                // The rounds after a scenario carry it forward, as `trend` reads them.
                let parties: Vec<usize> = (0..t.parties.len()).collect();
                let issues: Vec<usize> = (0..t.issues.len()).collect();
                let _ = score_trend(&t, &parties, &issues, t.rounds.len());
            }
            if latest == 0 {
                break;
            }
        }
    }
});

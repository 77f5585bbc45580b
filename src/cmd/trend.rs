//! `trend`: each pair's agreement score, round by round.

use super::{Ctx, Output};
use crate::core::select;
use crate::data::talks::Talks;
use crate::error::{Error, Result};
use crate::view::trend::ScoreTrend;

pub fn run(ctx: &Ctx, pairs: &[String], with_mediators: bool) -> Result<Output> {
    let (talks, _) = ctx.scenario("latest")?;
    let mut chosen: Vec<(usize, usize)> = Vec::new();
    for spec in pairs {
        let (a, b) = pair(&talks, spec)?;
        // `--pair a,b --pair b,a` names one pair.
        if !chosen.contains(&(a, b)) && !chosen.contains(&(b, a)) {
            chosen.push((a, b));
        }
    }
    let pairs = chosen;
    let parties = select::every_party(&talks);
    if pairs.is_empty() {
        select::pairwise(
            &talks,
            &parties,
            "the trend",
            "name the pairs to follow with --pair A,B",
        )?;
    }
    let out = ctx.render(ScoreTrend::build(&talks, &pairs, &parties, with_mediators));
    super::noting_left_out(ctx, &talks, (false, parties.len()), out)
}

/// `A,B`: two different parties.
fn pair(talks: &Talks, spec: &str) -> Result<(usize, usize)> {
    let usage = || {
        Error::Usage(format!(
            "--pair takes two different parties separated by a comma, as in `--pair {},{}`; got `{spec}`",
            talks.parties.first().map_or("a", |p| p.id.as_str()),
            talks.parties.get(1).map_or("b", |p| p.id.as_str()),
        ))
    };
    let (a, b) = spec.split_once(',').ok_or_else(usage)?;
    let (a, b) = (
        select::party(talks, a.trim())?,
        select::party(talks, b.trim())?,
    );
    if a == b {
        return Err(usage());
    }
    Ok((a, b))
}

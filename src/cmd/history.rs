//! `history ISSUE`: one issue across every round.

use super::{Ctx, Output};
use crate::core::select;
use crate::error::Result;
use crate::view::history::History;

pub fn run(ctx: &Ctx, issue: &str, parties: &[String], with_mediators: bool) -> Result<Output> {
    let (talks, _) = ctx.scenario("latest")?;
    let i = select::issue(&talks, issue)?;
    let named = !parties.is_empty();
    let parties = select::parties(&talks, parties)?;
    // Pairs of the parties with a stake, as the matrix and the trend pair
    // them: mediators and observers named with --party are asked for.
    let paired = select::scored(&talks, &parties, with_mediators || named);
    select::pairwise(&talks, &paired, "the history", &select::name_parties())?;
    let out = ctx.render(History::build(&talks, i, &parties, &paired));
    super::noting_left_out(ctx, &talks, (named, parties.len()), out)
}

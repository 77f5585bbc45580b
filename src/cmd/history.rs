//! `history ISSUE`: one issue across every round.

use super::{Ctx, Output};
use crate::core::select;
use crate::error::Result;
use crate::view::history::History;

pub fn run(ctx: &Ctx, issue: &str, parties: &[String]) -> Result<Output> {
    let (talks, _) = ctx.scenario("latest")?;
    let i = select::issue(&talks, issue)?;
    let named = !parties.is_empty();
    let parties = select::parties(&talks, parties)?;
    select::pairwise(&talks, &parties, "the history", &select::name_parties())?;
    let out = ctx.render(History::build(&talks, i, &parties));
    super::noting_left_out(ctx, &talks, (named, parties.len()), out)
}

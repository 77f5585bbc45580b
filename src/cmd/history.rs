//! `history ISSUE`: one issue across every round.

use super::{Ctx, Output};
use crate::core::select;
use crate::error::Result;
use crate::view::history::History;

pub fn run(ctx: &Ctx, issue: &str, parties: &[String]) -> Result<Output> {
    let (talks, _) = ctx.scenario("latest")?;
    let i = select::issue(&talks, issue)?;
    let parties = select::parties(&talks, parties)?;
    let view = History::build(&talks, i, &parties);
    ctx.render(&view)
}

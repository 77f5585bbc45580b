//! `table`: side-by-side positions as of a round, issues × parties.

use super::{Ctx, Output};
use crate::cli::Filter;
use crate::core::select;
use crate::error::Result;
use crate::view::table::PositionsTable;

pub fn run(ctx: &Ctx, round: &str, filter: &Filter) -> Result<Output> {
    let (talks, r) = ctx.scenario(round)?;
    let parties = select::parties(&talks, &filter.parties)?;
    let issues = select::issues(&talks, &filter.issues)?;
    let out = ctx.render(PositionsTable::build(&talks, r, &parties, &issues));
    super::noting_left_out(
        ctx,
        &talks,
        (!filter.parties.is_empty(), parties.len()),
        out,
    )
}

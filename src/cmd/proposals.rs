//! `proposals`: every proposal on the table, and each party's answer.

use super::{Ctx, Output};
use crate::cli::Filter;
use crate::core::select;
use crate::error::Result;
use crate::view::proposals::ProposalsView;

pub fn run(ctx: &Ctx, round: &str, filter: &Filter) -> Result<Output> {
    let (talks, r) = ctx.scenario(round)?;
    let parties = select::parties(&talks, &filter.parties)?;
    let issues = select::issues(&talks, &filter.issues)?;
    ctx.render(ProposalsView::new(&talks, r, &parties, &issues))
}

//! `proposals`: every proposal on the table, and each party's answer.

use super::{Ctx, Output};
use crate::core::select;
use crate::error::Result;
use crate::view::proposals::ProposalsView;

pub fn run(ctx: &Ctx, round: &str) -> Result<Output> {
    let talks = ctx.load()?;
    let r = select::round(&talks, round)?;
    ctx.render(&ProposalsView::new(&talks, r))
}

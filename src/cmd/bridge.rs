//! `bridge [ISSUE]…`: what it would take to close an issue.

use super::{Ctx, Output};
use crate::core::select;
use crate::error::Result;
use crate::view::bridge::BridgeView;

pub fn run(ctx: &Ctx, issues: &[String], round: &str) -> Result<Output> {
    let (talks, r) = ctx.scenario(round)?;
    let chosen = select::issues(&talks, issues)?;
    ctx.render(BridgeView::new(&talks, r, &chosen, !issues.is_empty()))
}

//! `show PARTY ISSUE`: one position in full, with its quote and source.

use super::{Ctx, Output};
use crate::core::select;
use crate::error::Result;
use crate::view::show::Shown;

pub fn run(ctx: &Ctx, party: &str, issue: &str, round: &str) -> Result<Output> {
    let (talks, r) = ctx.scenario(round)?;
    let p = select::party(&talks, party)?;
    let i = select::issue(&talks, issue)?;
    ctx.render(Shown::new(&talks, r, p, i))
}

//! `explain A B ISSUE`: one relation, both positions side by side, and why.

use super::{Ctx, Output};
use crate::core::select;
use crate::error::{Error, Result};
use crate::view::explain::Explained;

pub fn run(ctx: &Ctx, a: &str, b: &str, issue: &str, round: &str) -> Result<Output> {
    let (talks, r) = ctx.scenario(round)?;
    let (pa, pb) = (select::party(&talks, a)?, select::party(&talks, b)?);
    if pa == pb {
        return Err(Error::Usage(format!(
            "`explain` compares two different parties; both name `{}`",
            talks.parties[pa].id
        )));
    }
    let i = select::issue(&talks, issue)?;
    ctx.render(Explained::new(&talks, r, [pa, pb], i))
}

//! `trades [PARTY PARTY]`: each side giving on what matters less to it.

use super::{Ctx, Output};
use crate::core::select;
use crate::error::{Error, Result};
use crate::view::trades::TradesView;

pub fn run(ctx: &Ctx, parties: &[String], round: &str, top: usize) -> Result<Output> {
    let (talks, r) = ctx.scenario(round)?;
    let between = match parties {
        [] => {
            select::pairwise(
                &talks,
                &select::every_party(&talks),
                "`trades`",
                "name the two parties to trade between",
            )?;
            None
        }
        [a, b] => {
            let (a, b) = (select::party(&talks, a)?, select::party(&talks, b)?);
            if a == b {
                return Err(Error::Usage(format!(
                    "`trades` weighs two different parties; both name `{}`",
                    talks.parties[a].id
                )));
            }
            Some((a, b))
        }
        _ => {
            return Err(Error::Usage(
                "`trades` takes two parties, or none for every pair".into(),
            ));
        }
    };
    ctx.render(TradesView::new(&talks, r, between, top))
}

//! `diff FROM TO`: what changed between two rounds.

use super::{Ctx, Output};
use crate::cli::Filter;
use crate::core::diff::RoundDiff;
use crate::core::select;
use crate::core::state::State;
use crate::error::Result;
use crate::view::diff::DiffView;

pub fn run(ctx: &Ctx, from: &str, to: &str, filter: &Filter, exit_code: bool) -> Result<Output> {
    let (talks, _) = ctx.scenario("latest")?;
    let (a, b) = (select::round(&talks, from)?, select::round(&talks, to)?);
    let parties = select::parties(&talks, &filter.parties)?;
    let issues = select::issues(&talks, &filter.issues)?;
    let diff = RoundDiff::between(
        &State::as_of(&talks, a),
        &State::as_of(&talks, b),
        &parties,
        &issues,
    );
    let view = DiffView::new(&talks, &diff, &parties);
    let mut out = ctx.render(&view)?;
    if exit_code && !diff.is_empty() {
        out.code = 1;
    }
    Ok(out)
}

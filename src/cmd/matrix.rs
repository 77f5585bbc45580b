//! `matrix`: party × party agreement and disagreement, or issue × pair
//! relations with each issue's deal zone.

use super::{Ctx, Output};
use crate::cli::{Filter, MatrixBy};
use crate::core::compare::PairMatrix;
use crate::core::select;
use crate::core::state::State;
use crate::error::Result;
use crate::view::matrix::{ByIssue, ByPair};

pub fn run(
    ctx: &Ctx,
    round: &str,
    by: MatrixBy,
    filter: &Filter,
    with_mediators: bool,
) -> Result<Output> {
    let (talks, r) = ctx.scenario(round)?;
    let selected = select::parties(&talks, &filter.parties)?;
    // Mediators and observers named with --party are asked for.
    let all = with_mediators || !filter.parties.is_empty();
    let parties = select::scored(&talks, &selected, all);
    let left_out: Vec<usize> = selected
        .into_iter()
        .filter(|p| !parties.contains(p))
        .collect();
    let issues = select::issues(&talks, &filter.issues)?;
    select::pairwise(
        &talks,
        &parties,
        "a matrix",
        &format!(
            "name at most {} with --party (one each)",
            select::MANY_PARTIES
        ),
    )?;
    let state = State::as_of(&talks, r);
    let m = PairMatrix::build(&state, &parties, &issues);
    let out = match by {
        MatrixBy::Pair => ctx.render(&ByPair::new(&talks, r, &m, &left_out)),
        MatrixBy::Issue => ctx.render(&ByIssue::new(&talks, &state, &m)),
    };
    let shown = if filter.parties.is_empty() {
        select::every_party(&talks).len()
    } else {
        talks.parties.len()
    };
    super::noting_left_out(ctx, &talks, shown, out)
}

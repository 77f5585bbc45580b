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
    let (parties, left_out) = select::scored_and_not(&talks, &selected, all);
    let issues = select::issues(&talks, &filter.issues)?;
    select::pairwise(&talks, &parties, "a matrix", &select::name_parties())?;
    let state = State::as_of(&talks, r);
    let out = match by {
        MatrixBy::Pair => {
            let m = PairMatrix::build(&state, &parties, &issues);
            ctx.render(ByPair::new(&talks, r, &m, &left_out))
        }
        MatrixBy::Issue => ctx.render(ByIssue::new(&talks, &state, &parties, &issues)),
    };
    super::noting_left_out(
        ctx,
        &talks,
        (!filter.parties.is_empty(), selected.len()),
        out,
    )
}

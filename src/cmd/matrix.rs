//! `matrix`: party × party agreement and disagreement, or issue × pair
//! relations with each issue's deal zone.

use super::{Ctx, Output};
use crate::cli::{Filter, MatrixBy};
use crate::core::compare::PairMatrix;
use crate::core::select;
use crate::core::state::State;
use crate::error::Result;
use crate::view::matrix::{ByIssue, ByPair};

pub fn run(ctx: &Ctx, round: &str, by: MatrixBy, filter: &Filter) -> Result<Output> {
    let (talks, r) = ctx.scenario(round)?;
    let parties = select::parties(&talks, &filter.parties)?;
    let issues = select::issues(&talks, &filter.issues)?;
    let state = State::as_of(&talks, r);
    let m = PairMatrix::build(&state, &parties, &issues);
    match by {
        MatrixBy::Pair => ctx.render(&ByPair::new(&talks, r, &m)),
        MatrixBy::Issue => ctx.render(&ByIssue::new(&talks, &state, &m)),
    }
}

//! `diff FROM TO`: what changed between two rounds.

use super::{Ctx, Output};
use crate::cli::Filter;
use crate::core::diff::RoundDiff;
use crate::core::select;
use crate::core::state::State;
use crate::error::{Error, Result};
use crate::view::diff::{DiffStat, DiffView};

/// How a diff is shown.
pub struct Show {
    pub exit_code: bool,
    pub stat: bool,
    pub moves_only: bool,
}

pub fn run(ctx: &Ctx, (from, to): (&str, &str), filter: &Filter, show: Show) -> Result<Output> {
    let (talks, _) = ctx.scenario("latest")?;
    let (a, b) = (ctx.round(&talks, from)?, ctx.round(&talks, to)?);
    if !ctx.assume.is_empty()
        && talks.rounds[a].assumed.is_empty()
        && talks.rounds[b].assumed.is_empty()
    {
        return Err(Error::Usage(
            "--assume makes a round of its own, `assumed`: name it, as in `diff latest assumed`"
                .into(),
        ));
    }
    let parties = select::parties(&talks, &filter.parties)?;
    let issues = select::issues(&talks, &filter.issues)?;
    let mut diff = RoundDiff::between(
        &State::as_of(&talks, a),
        &State::as_of(&talks, b),
        &parties,
        &issues,
    );
    if show.moves_only {
        diff.drop_wording();
    }
    let mut out = if show.stat {
        ctx.render(DiffStat::new(&talks, &diff))?
    } else {
        ctx.render(DiffView::new(&talks, &diff, &parties))?
    };
    if show.exit_code && !diff.is_empty() {
        out.code = 1;
    }
    super::noting_left_out(
        ctx,
        &talks,
        (!filter.parties.is_empty(), parties.len()),
        Ok(out),
    )
}

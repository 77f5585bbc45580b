//! `list talks|rounds|parties|issues`.

use super::{Ctx, Output};
use crate::cli::ListWhat;
use crate::data;
use crate::data::diag::Files;
use crate::data::printable::shown;
use crate::error::Result;
use crate::view::list::{IssuesList, PartiesList, RoundsList, TalksItem, TalksList};

pub fn run(ctx: &Ctx, what: ListWhat) -> Result<Output> {
    match what {
        ListWhat::Talks => ctx.render(talks_list(ctx)?),
        ListWhat::Rounds => ctx.render(RoundsList::new(&ctx.load()?)),
        ListWhat::Parties => {
            let t = ctx.load()?;
            ctx.render(PartiesList {
                talks: t.id.clone(),
                parties: t.parties,
            })
        }
        ListWhat::Issues => ctx.render(IssuesList::new(&ctx.load()?)),
    }
}

fn talks_list(ctx: &Ctx) -> Result<TalksList> {
    let mut talks = Vec::new();
    for id in ctx.data.talks_ids()? {
        let checked = data::check_in(&ctx.data, &id, &mut Files::default())?;
        // A folder's name, which may not be a valid id.
        talks.push(TalksItem::new(shown(&id).into_owned(), &checked));
    }
    Ok(TalksList {
        data: ctx.data.describe(),
        talks,
    })
}

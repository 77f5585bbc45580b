//! Changes that are not one party's position on one issue: linkages,
//! proposals, and the relations between pairs.

use super::*;

pub(super) fn linkage_change(
    talks: &Talks,
    c: &LinkageChange<'_>,
    rounds: FromTo<String>,
) -> ChangeView {
    let l = c.linkage();
    let ids = |l: &Linkage| -> Vec<String> {
        l.issues
            .iter()
            .map(|&i| talks.issues[i].id.clone())
            .collect()
    };
    let mut v = ChangeView::blank(
        c.kind,
        rounds,
        talks.parties[l.party].id.clone(),
        ids(l).join("+"),
    );
    v.from = Side::Issues(c.from.map(ids));
    v.to = Side::Issues(c.to.map(ids));
    let (what, marker) = match c.kind {
        ChangeKind::LinkageStated => ("linkage stated", ("+", Tone::Added)),
        ChangeKind::LinkageWithdrawn => ("linkage withdrawn", ("-", Tone::Removed)),
        _ => ("linkage changed", ("±", Tone::Strong)),
    };
    v.detail = format!("{what}: {} ({})", ids(l).join(" + "), l.id);
    v.marker = marker;
    v
}

pub(super) fn proposal_change(
    talks: &Talks,
    c: &ProposalChange<'_>,
    rounds: FromTo<String>,
) -> ChangeView {
    let p = c.proposal();
    let terms = |p: &Proposal| -> Vec<Requirement> {
        p.terms
            .iter()
            .map(|t| requirement(talks, t.issue, t.outcomes))
            .collect()
    };
    let issues: Vec<String> = p
        .terms
        .iter()
        .map(|t| talks.issues[t.issue].id.clone())
        .collect();
    let mut v = ChangeView::blank(
        c.kind,
        rounds,
        talks.parties[p.by].id.clone(),
        issues.join("+"),
    );
    v.from = Side::Terms(c.from.map(terms));
    v.to = Side::Terms(c.to.map(terms));
    let (what, marker) = match c.kind {
        ChangeKind::ProposalTabled => ("proposal tabled", ("+", Tone::Added)),
        ChangeKind::ProposalWithdrawn => ("proposal withdrawn", ("-", Tone::Removed)),
        _ => ("proposal revised", ("±", Tone::Strong)),
    };
    let name = p.title.clone().unwrap_or_else(|| p.id.clone());
    v.detail = format!("{what}: {name} ({})", p.id);
    v.marker = marker;
    v
}

/// A relation change, named by the ids of the parties and issues.
pub(super) fn relation_change(
    party_ids: &[String],
    issue_ids: &[String],
    r: &RelationChange,
    rounds: FromTo<String>,
) -> ChangeView {
    let (a, b) = r.parties;
    let trend = r.trend();
    let (said, mark, tone) = trend_said(trend);
    let mut v = ChangeView::blank(
        ChangeKind::RelationChanged,
        rounds,
        String::new(),
        issue_ids[r.issue].clone(),
    );
    v.party = None;
    v.parties = Some([party_ids[a].clone(), party_ids[b].clone()]);
    (v.from, v.to) = (Side::Relation(r.from), Side::Relation(r.to));
    v.detail = format!(
        "{said}: {} → {}",
        relation_said(r.from),
        relation_said(r.to)
    );
    v.trend = Some(trend);
    v.marker = (mark, tone);
    v
}

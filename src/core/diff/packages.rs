//! Linkages and proposals matched between two states: stated, tabled,
//! revised or withdrawn.

use super::ChangeKind;
use crate::core::state::State;
use crate::data::talks::{Linkage, Outcomes, Proposal};

/// A party's linkage stated, withdrawn, or changed in the issues it ties.
#[derive(Debug, Clone, Copy)]
pub struct LinkageChange<'t> {
    pub kind: ChangeKind,
    pub from: Option<&'t Linkage>,
    pub to: Option<&'t Linkage>,
}

impl<'t> LinkageChange<'t> {
    /// The linkage as of the later state, else the earlier one.
    pub fn linkage(&self) -> &'t Linkage {
        self.to.or(self.from).expect("one side or the other")
    }
}

/// A proposal tabled, withdrawn, or revised in its terms.
#[derive(Debug, Clone, Copy)]
pub struct ProposalChange<'t> {
    pub kind: ChangeKind,
    pub from: Option<&'t Proposal>,
    pub to: Option<&'t Proposal>,
}

impl<'t> ProposalChange<'t> {
    pub fn proposal(&self) -> &'t Proposal {
        self.to.or(self.from).expect("one side or the other")
    }
}

/// Items matched by key between two states: those only in `from`, only in
/// `to`, and in both but unlike.
fn matched<'t, T, K: PartialEq>(
    from: &[(&'t T, usize)],
    to: &[(&'t T, usize)],
    key: impl Fn(&T) -> K,
    same: impl Fn(&T, &T) -> bool,
) -> Vec<(Option<&'t T>, Option<&'t T>)> {
    let mut out = Vec::new();
    for &(a, _) in from {
        match to.iter().find(|(b, _)| key(b) == key(a)) {
            None => out.push((Some(a), None)),
            Some(&(b, _)) if !same(a, b) => out.push((Some(a), Some(b))),
            Some(_) => {}
        }
    }
    for &(b, _) in to {
        if !from.iter().any(|(a, _)| key(a) == key(b)) {
            out.push((None, Some(b)));
        }
    }
    out
}

pub(super) fn linkage_changes<'t>(
    from: &State<'t>,
    to: &State<'t>,
    parties: &[usize],
    issues: &[usize],
) -> Vec<LinkageChange<'t>> {
    let shown =
        |l: &Linkage| parties.contains(&l.party) && l.issues.iter().any(|i| issues.contains(i));
    let pick = |s: &State<'t>| -> Vec<(&'t Linkage, usize)> {
        s.linkages().into_iter().filter(|(l, _)| shown(l)).collect()
    };
    let mut out: Vec<LinkageChange<'t>> = matched(
        &pick(from),
        &pick(to),
        |l| (l.party, l.id.clone()),
        |a, b| a.issues == b.issues,
    )
    .into_iter()
    .map(|(a, b)| LinkageChange {
        kind: match (a, b) {
            (None, _) => ChangeKind::LinkageStated,
            (_, None) => ChangeKind::LinkageWithdrawn,
            _ => ChangeKind::LinkageChanged,
        },
        from: a,
        to: b,
    })
    .collect();
    out.sort_by_key(|c| (c.linkage().party, c.linkage().id.clone()));
    out
}

pub(super) fn proposal_changes<'t>(
    from: &State<'t>,
    to: &State<'t>,
    parties: &[usize],
    issues: &[usize],
) -> Vec<ProposalChange<'t>> {
    let shown =
        |p: &Proposal| parties.contains(&p.by) && p.terms.iter().any(|t| issues.contains(&t.issue));
    let pick = |s: &State<'t>| -> Vec<(&'t Proposal, usize)> {
        s.proposals()
            .into_iter()
            .filter(|(p, _)| shown(p))
            .collect()
    };
    let terms = |p: &Proposal| -> Vec<(usize, Outcomes)> {
        p.terms.iter().map(|t| (t.issue, t.outcomes)).collect()
    };
    matched(
        &pick(from),
        &pick(to),
        |p| p.id.clone(),
        |a, b| terms(a) == terms(b),
    )
    .into_iter()
    .map(|(a, b)| ProposalChange {
        kind: match (a, b) {
            (None, _) => ChangeKind::ProposalTabled,
            (_, None) => ChangeKind::ProposalWithdrawn,
            _ => ChangeKind::ProposalRevised,
        },
        from: a,
        to: b,
    })
    .collect()
}

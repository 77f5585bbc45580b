//! Linkage as every view shows it: an issue's conditional deal zone and
//! what blocks a deal on it, the package deal zone of linked issues, and
//! the words for each. `matrix --by issue`, `explain` and the report take
//! them from here.

use serde::Serialize;

use crate::core::linkage::{
    IssueLinkage, MAX_CHOICES, PackageZone, SEARCH_BUDGET, TooLarge, issue_linkage, package_zone,
};
use crate::core::state::State;
use crate::data::talks::{Linkage, Outcomes, Talks};
use crate::view::proposals::{SaidView, outcome_ids};

/// How many nodes a package search may visit before it gives up: far more
/// than any real talks needs (a package of ten issues of five outcomes each,
/// every party accepting everything, is ten million settlements).
pub const PACKAGE_LIMIT: u64 = 2_000_000;

/// Other issues and the outcomes they must settle within.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Requirement {
    pub issue: String,
    pub outcomes: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Blocked {
    pub issue: String,
    pub party: String,
    pub red_line: bool,
}

/// An outcome every party could accept, some only on conditions.
#[derive(Debug, Clone, Serialize)]
pub struct ConditionalView {
    pub outcome: String,
    pub requires: Vec<Requirement>,
    /// The parties that accept it only on conditions.
    pub conditional: Vec<String>,
    /// Parties that could accept none of the required outcomes on a
    /// required issue: the condition cannot hold while they stand there.
    pub blocked: Vec<Blocked>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Refuser {
    pub party: String,
    pub red_line: bool,
}

/// An outcome refused by the fewest parties, and those parties.
#[derive(Debug, Clone, Serialize)]
pub struct NearestView {
    pub outcome: String,
    pub refused_by: Vec<Refuser>,
}

/// What linkage does to one issue.
#[derive(Debug, Clone, Serialize, Default)]
pub struct IssueLinkageView {
    /// Outcomes every party accepts, some on conditions on other issues.
    pub conditional_zone: Vec<ConditionalView>,
    /// Where no outcome is acceptable to all, even on conditions: the
    /// outcomes refused by the fewest parties, and who refuses them.
    pub blocked_by: Vec<NearestView>,
    /// Outcomes refused by no one outright whose conditions were too many
    /// to weigh together: neither of the above.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub undecided: Vec<String>,
}

impl IssueLinkageView {
    /// `None` where fewer than two parties hold a position on the issue.
    pub fn new(state: &State<'_>, issue: usize) -> Option<Self> {
        issue_linkage(state, issue).map(|l| Self::of(state.talks(), issue, &l))
    }

    fn of(talks: &Talks, issue: usize, l: &IssueLinkage) -> Self {
        let party = |p: usize| talks.parties[p].id.clone();
        let outcome = |o: usize| talks.issues[issue].scale[o].id.clone();
        let requirement = |&(j, set): &(usize, Outcomes)| Requirement {
            issue: talks.issues[j].id.clone(),
            outcomes: outcome_ids(talks, j, set),
        };
        IssueLinkageView {
            conditional_zone: l
                .conditional
                .iter()
                .map(|c| ConditionalView {
                    outcome: outcome(c.outcome),
                    requires: c.requires.iter().map(requirement).collect(),
                    conditional: c.conditional.iter().map(|&p| party(p)).collect(),
                    blocked: c
                        .blocked
                        .iter()
                        .map(|&(j, p, red_line)| Blocked {
                            issue: talks.issues[j].id.clone(),
                            party: party(p),
                            red_line,
                        })
                        .collect(),
                })
                .collect(),
            blocked_by: l
                .nearest
                .iter()
                .map(|(o, refusers)| NearestView {
                    outcome: outcome(*o),
                    refused_by: refusers
                        .iter()
                        .map(|&(p, red_line)| Refuser {
                            party: party(p),
                            red_line,
                        })
                        .collect(),
                })
                .collect(),
            undecided: l.undecided.iter().map(|&o| outcome(o)).collect(),
        }
    }

    /// The conditional zone in words: `joint if border: median`, one per
    /// outcome, each with what blocks its condition.
    pub fn conditional_said(&self) -> Vec<String> {
        self.conditional_zone
            .iter()
            .map(|c| {
                let reqs: Vec<String> = c.requires.iter().map(requirement_said).collect();
                let mut s = format!("{} if {}", c.outcome, reqs.join(" and "));
                if !c.blocked.is_empty() {
                    let who: Vec<String> = c
                        .blocked
                        .iter()
                        .map(|b| format!("{}{} on {}", b.party, red(b.red_line), b.issue))
                        .collect();
                    s.push_str(&format!(" (refused by {})", who.join(", ")));
                }
                s
            })
            .chain(self.undecided.iter().map(|o| {
                format!("{o}: not weighed, its conditions too many to try together (more than {MAX_CHOICES} choices for one outcome, or {SEARCH_BUDGET} in all)")
            }))
            .collect()
    }

    /// What blocks a deal, in words, an outcome each: `none: west ⛔`.
    pub fn blocked_said(&self) -> Vec<String> {
        self.blocked_by
            .iter()
            .map(|n| {
                let who: Vec<String> = n
                    .refused_by
                    .iter()
                    .map(|r| format!("{}{}", r.party, red(r.red_line)))
                    .collect();
                format!("{}: {}", n.outcome, who.join(" "))
            })
            .collect()
    }
}

fn red(red_line: bool) -> &'static str {
    if red_line { " ⛔" } else { "" }
}

/// `border: median` or `border: median or west-line`.
pub fn requirement_said(r: &Requirement) -> String {
    format!("{}: {}", r.issue, r.outcomes.join(" or "))
}

/// The package deal zone of one linkage in force.
#[derive(Debug, Serialize)]
pub struct PackageView {
    /// The party that ties the issues, and its linkage's id.
    pub party: String,
    pub linkage: String,
    pub issues: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(flatten)]
    pub said: SaidView,
    /// The round that stated the linkage.
    pub stated_in: String,
    /// How many settlements of the issues every party accepts; `null` when
    /// the search gave up.
    pub count: Option<u64>,
    /// Per issue (in the order of `issues`), the outcomes in some such
    /// settlement.
    pub outcomes: Vec<Vec<String>>,
    /// The first settlements found, an outcome per issue.
    pub examples: Vec<Vec<String>>,
    /// The search gave up past this many nodes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub too_large: Option<u64>,
    /// It gave up sooner: the searches before it spent the budget of the
    /// view ([`SEARCH_BUDGET`] steps).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub budget_spent: bool,
    /// Where no package exists: the linked issues on which no outcome is
    /// acceptable to every party even on conditions, and the parties whose
    /// red lines stand in the way there.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub blocked_on: Vec<BlockedIssue>,
}

#[derive(Debug, Serialize)]
pub struct BlockedIssue {
    pub issue: String,
    /// Parties refusing the outcomes nearest to a deal as a red line.
    pub red_lines: Vec<String>,
}

impl PackageView {
    pub fn new(state: &State<'_>, l: &Linkage, stated_in: usize) -> Self {
        let talks = state.talks();
        let ids = |is: &[usize]| -> Vec<String> {
            is.iter().map(|&i| talks.issues[i].id.clone()).collect()
        };
        let mut budget_spent = false;
        let (count, outcomes, examples, too_large) =
            match package_zone(state, &l.issues, PACKAGE_LIMIT) {
                Ok(PackageZone {
                    issues,
                    count,
                    outcomes,
                    examples,
                    ..
                }) => (
                    Some(count),
                    issues
                        .iter()
                        .zip(&outcomes)
                        .map(|(&i, &set)| outcome_ids(talks, i, set))
                        .collect(),
                    examples
                        .iter()
                        .map(|e| {
                            issues
                                .iter()
                                .zip(e)
                                .map(|(&i, &o)| talks.issues[i].scale[o].id.clone())
                                .collect()
                        })
                        .collect(),
                    None,
                ),
                Err(TooLarge {
                    limit,
                    budget_spent: spent,
                }) => {
                    budget_spent = spent;
                    (None, Vec::new(), Vec::new(), Some(limit))
                }
            };
        let blocked_on = if count == Some(0) {
            l.issues
                .iter()
                .filter_map(|&i| {
                    let v = IssueLinkageView::new(state, i)?;
                    if v.blocked_by.is_empty() {
                        return None;
                    }
                    let mut red_lines: Vec<String> = v
                        .blocked_by
                        .iter()
                        .flat_map(|n| &n.refused_by)
                        .filter(|r| r.red_line)
                        .map(|r| r.party.clone())
                        .collect();
                    red_lines.sort();
                    red_lines.dedup();
                    Some(BlockedIssue {
                        issue: talks.issues[i].id.clone(),
                        red_lines,
                    })
                })
                .collect()
        } else {
            Vec::new()
        };
        PackageView {
            blocked_on,
            party: talks.parties[l.party].id.clone(),
            linkage: l.id.clone(),
            issues: ids(&l.issues),
            summary: l.summary.clone(),
            said: SaidView::new(talks, &l.said),
            stated_in: talks.rounds[stated_in].id.clone(),
            count,
            outcomes,
            examples,
            too_large,
            budget_spent,
        }
    }

    /// The package in a sentence.
    pub fn said(&self) -> String {
        let head = format!(
            "{} ties {} ({}):",
            self.party,
            self.issues.join(" + "),
            self.linkage
        );
        match (self.count, self.too_large) {
            (_, Some(_)) if self.budget_spent => format!(
                "{head} not searched to the end: the searches before it took the {SEARCH_BUDGET} steps a view may search; narrow it to fewer issues, as `matrix --by issue --issue ID` does"
            ),
            (_, Some(limit)) => format!(
                "{head} not searched to the end: more than {limit} combinations to try; narrow it to fewer issues, as `matrix --by issue --issue ID` does"
            ),
            (Some(0), _) if self.blocked_on.is_empty() => {
                format!("{head} no package every party accepts")
            }
            (Some(0), _) => {
                let on: Vec<String> = self
                    .blocked_on
                    .iter()
                    .map(|b| {
                        if b.red_lines.is_empty() {
                            b.issue.clone()
                        } else {
                            format!("{} (⛔ {})", b.issue, b.red_lines.join(", "))
                        }
                    })
                    .collect();
                format!(
                    "{head} no package every party accepts; no outcome all could accept, even on conditions, on {}",
                    on.join(", ")
                )
            }
            (Some(n), _) => {
                let first: Vec<String> = self
                    .issues
                    .iter()
                    .zip(&self.examples[0])
                    .map(|(i, o)| format!("{i}: {o}"))
                    .collect();
                let more = if n > 1 {
                    format!(" (and {} more)", n - 1)
                } else {
                    String::new()
                };
                format!(
                    "{head} {} every party accepts, such as {}{more}",
                    crate::data::diag::plural(n as usize, "package"),
                    first.join(", ")
                )
            }
            (None, None) => head,
        }
    }
}

/// The package of every linkage in force that `keep` keeps: only those
/// are searched.
pub fn packages(state: &State<'_>, keep: impl Fn(&Linkage) -> bool) -> Vec<PackageView> {
    state
        .linkages()
        .into_iter()
        .filter(|(l, _)| keep(l))
        .map(|(l, r)| PackageView::new(state, l, r))
        .collect()
}

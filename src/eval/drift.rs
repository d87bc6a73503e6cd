//! The drift set (issue 18): FNC-1 headlines with one name swapped for a name their body never
//! mentions. Built from any set of pairs: the topic split's train bodies to fit the verdict on,
//! its dev bodies (never fitted) to measure it.
//!
//! For each agree or discuss pair whose headline has a name the body states at least twice (a
//! supported name claim with two or more mentions, written once in the headline), the first such
//! name is replaced by a name taken from another body's focus (a name it mentions at least
//! twice, each of whose words the background, where it knows the word, writes with a capital
//! at least half the time: not "Greatest" from a film title) that this body never mentions:
//! none of its words is a word of this body, and checked alone against this body it is
//! unsupported (not "Britain" over a body that says "British"). Which donor depends on the
//! pair's place in the list, so the injected names vary.

use std::collections::BTreeMap;

use super::fnc1::Pair;
use crate::{BodyIndex, Checker, ClaimKind, Report, Status, Verdict};

/// One drifted copy.
#[derive(Clone, Debug, PartialEq)]
pub struct DriftCase {
    /// The original pair (an index into the pairs given).
    pub pair: usize,
    /// The headline with the name swapped.
    pub edited: String,
    /// The name put in.
    pub donor: String,
    /// The name taken out.
    pub replaced: String,
}

/// The originals and their drifted copies.
#[derive(Clone, Debug, Default)]
pub struct DriftSet {
    /// The agree and discuss pairs (indices), each with its report.
    pub originals: Vec<(usize, Report)>,
    /// Of those, the ones with a name whose every name occurs in the body ("name-clean").
    pub clean: Vec<usize>,
    /// The drifted copies.
    pub cases: Vec<DriftCase>,
}

/// Builds the drift set of `pairs`, whose bodies are indexed in `index` (pairs whose body is
/// missing are skipped).
pub fn drift_set(checker: &Checker, pairs: &[Pair], index: &BTreeMap<u32, BodyIndex>) -> DriftSet {
    // Names to inject: each body's focus names mentioned at least twice, with their body.
    let mut donors: Vec<(String, u32)> = Vec::new();
    for (&id, body) in index {
        let probe = checker.check_indexed("Report", body);
        for f in probe.focus.iter().filter(|f| f.kind == ClaimKind::Name) {
            let capitalised = |w: &str| {
                checker
                    .background
                    .and_then(|b| b.capital_share(&w.to_lowercase()))
                    .is_none_or(|s| s >= 0.5)
            };
            if f.mentions >= 2
                && f.text.chars().all(|c| c.is_alphabetic() || c == ' ')
                && f.text.split(' ').all(capitalised)
            {
                donors.push((f.text.clone(), id));
            }
        }
    }
    let mut set = DriftSet::default();
    for (n, pair) in pairs.iter().enumerate() {
        if !matches!(pair.stance.as_deref(), Some("agree" | "discuss")) {
            continue;
        }
        let Some(body) = index.get(&pair.body_id) else {
            continue;
        };
        let original = checker.check_indexed(&pair.headline, body);
        let names = || original.claims.iter().filter(|c| c.kind == ClaimKind::Name);
        if names().count() > 0 && names().all(|c| c.status != Status::Unsupported) {
            set.clean.push(n);
        }
        let target = names().find(|c| {
            c.status == Status::Supported
                && c.mentions >= 2
                && pair.headline.matches(&*c.text).count() == 1
        });
        if let Some(target) = target {
            let uses = |word: &str| {
                let lower = word.to_lowercase();
                body.tokens().iter().any(|t| t.norm == lower)
            };
            let start = n * 7919 % donors.len().max(1);
            let donor = donors[start..]
                .iter()
                .chain(&donors[..start])
                .find(|(name, id)| {
                    *id != pair.body_id && !name.split(' ').any(uses) && {
                        let alone = checker.check_indexed(name, body);
                        !alone.claims.is_empty()
                            && alone.claims.iter().all(|c| c.status == Status::Unsupported)
                    }
                });
            if let Some((donor, _)) = donor {
                set.cases.push(DriftCase {
                    pair: n,
                    edited: pair.headline.replacen(&*target.text, donor, 1),
                    donor: donor.clone(),
                    replaced: target.text.to_string(),
                });
            }
        }
        set.originals.push((n, original));
    }
    set
}

/// Whether `report` is flagged (not `consistent`) and lists `name` (or a word of it, in any
/// case, as claims are matched) as unsupported.
pub fn flagged_with(report: &Report, name: &str) -> bool {
    let name = name.to_lowercase();
    report.verdict != Verdict::Consistent
        && report.claims.iter().any(|c| {
            let text = c.text.to_lowercase();
            c.status == Status::Unsupported
                && (text.contains(&name)
                    || c.missing
                        .iter()
                        .any(|m| name.split(' ').any(|w| w == m.to_lowercase()))
                    || name.split(' ').any(|w| text.split(' ').any(|t| t == w)))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    #[test]
    fn donors_are_names_the_body_never_mentions_even_as_a_demonym() {
        let checker = Checker::new(Lang::En);
        let texts = [
            // The pair's body: it says "British", so "Britain" is no donor for it.
            "Rescuers led by Dana Whitlow reached the ferry on Monday. Dana Whitlow said the \
             British crew was safe. The crew thanked Dana Whitlow and the coastguard.",
            "The council met in Britain. Officials in Britain praised Britain for the plan.",
            "Farmers near Tomsk praised Oleg Varnov. Oleg Varnov visited Tomsk twice. Tomsk \
             officials thanked Oleg Varnov.",
        ];
        let index: BTreeMap<u32, BodyIndex> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| (i as u32, checker.index_body(t)))
            .collect();
        let pairs = [Pair {
            headline: "Dana Whitlow leads ferry rescue".into(),
            body_id: 0,
            stance: Some("agree".into()),
        }];
        let set = drift_set(&checker, &pairs, &index);
        assert_eq!(set.cases.len(), 1, "{:?}", set.cases);
        let case = &set.cases[0];
        assert_eq!(case.replaced, "Dana Whitlow");
        assert_ne!(case.donor, "Britain", "{case:?}");
        assert!(
            ["Oleg Varnov", "Tomsk"].contains(&case.donor.as_str()),
            "{case:?}"
        );
        let report = checker.check_indexed(&case.edited, &index[&0]);
        assert!(flagged_with(&report, &case.donor), "{report:?}");
    }
}

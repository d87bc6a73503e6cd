//! The drift set (issue 18): FNC-1 headlines with one name swapped for a name their body never
//! mentions. Built from any set of pairs: the topic split's train bodies to fit the verdict on,
//! its dev bodies (never fitted) to measure it.
//!
//! For each agree or discuss pair whose headline has a name the body states at least twice (a
//! supported name claim with two or more mentions, written once in the headline), the first such
//! name is replaced by a name taken from another body's focus (a name it mentions at least
//! twice) none of whose words this body uses. Which donor depends on the pair's place in the
//! list, so the injected names vary.

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
            if f.mentions >= 2 && f.text.chars().all(|c| c.is_alphabetic() || c == ' ') {
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
                .find(|(name, id)| *id != pair.body_id && !name.split(' ').any(uses));
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

/// Whether `report` is flagged (not `consistent`) and lists `name` (or a word of it) as
/// unsupported.
pub fn flagged_with(report: &Report, name: &str) -> bool {
    report.verdict != Verdict::Consistent
        && report.claims.iter().any(|c| {
            c.status == Status::Unsupported
                && (c.text.contains(name)
                    || c.missing.iter().any(|m| name.split(' ').any(|w| w == m))
                    || name.split(' ').any(|w| c.text.split(' ').any(|t| t == w)))
        })
}

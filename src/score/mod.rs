//! Matching the headline's claims against the body index, weighing them, the body focus, the
//! score and the verdict.

mod focus;
mod matching;
mod similarity;
mod verdict;

pub use focus::{body_focus, coverage, COVERAGE_TOPICS, FOCUS_ITEMS};
pub use matching::{match_claim, match_claim_with, ClaimMatch, Occurrence, Places, Reason};
pub use similarity::similarity;
pub use verdict::{
    decide, decide_with, is_heavy, support, HEAVY_TERM_WEIGHT, PARTIAL_BELOW, SCORE_PARTS,
    UNRELATED_BELOW,
};

use crate::analyze::{Background, BodyIndex, ClaimKey, ClaimSpec, Headline, KeyFact};
use crate::report::ClaimKind;

/// How much a claim matters, in [0, 1]. Names weigh at least 0.6, numbers 0.7 and quotes 0.8;
/// a term weighs its rarity; a multi-word unit half the mean rarity of its words, because its
/// words are also claims of their own. `facts` are the headline's [`Headline::key_facts`] in
/// `body`.
pub fn claim_weight(
    claim: &ClaimSpec,
    headline: &Headline,
    facts: &[KeyFact],
    body: &BodyIndex,
    background: Option<&Background>,
) -> f64 {
    // Most claims are single words: their one rarity without walking the key's parts.
    if let (ClaimKey::Single(k), ClaimKind::Name | ClaimKind::Term) = (&claim.key, claim.kind) {
        let rarity = match claim
            .part_index
            .first()
            .and_then(|&i| facts.get(i as usize))
        {
            Some(fact) => fact.rarity,
            None => headline.rarity(k, body, background),
        };
        let base = 0.0f64.max(rarity);
        return if claim.kind == ClaimKind::Name {
            0.6 + 0.4 * base
        } else {
            base
        };
    }
    let rarities =
        claim
            .key
            .parts()
            .zip(&claim.part_index)
            .map(|(k, &i)| match facts.get(i as usize) {
                Some(fact) => fact.rarity,
                None => headline.rarity(k, body, background),
            });
    match (&claim.kind, &claim.key) {
        (ClaimKind::Number, _) => 0.7,
        (ClaimKind::Quote, _) => 0.8,
        (ClaimKind::Phrase, _) => {
            let (sum, n) = rarities.fold((0.0, 0usize), |(s, n), r| (s + r, n + 1));
            0.5 * sum / n.max(1) as f64
        }
        (kind, key) => {
            let base = match key {
                ClaimKey::Sequence {
                    joined: Some(j), ..
                } if background.is_some_and(|b| b.df(j).is_some()) => {
                    headline.rarity(j, body, background)
                }
                _ => rarities.fold(0.0, f64::max),
            };
            if *kind == ClaimKind::Name {
                0.6 + 0.4 * base
            } else {
                base
            }
        }
    }
}

/// Rounds to three decimals, so reports print the same figures everywhere (and never "-0").
pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0 + 0.0
}

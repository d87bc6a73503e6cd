//! Matching the headline's claims against the body index, weighing them, the body focus, the
//! score and the verdict.

mod focus;
mod matching;
mod similarity;
mod verdict;

pub use focus::{body_focus, coverage, COVERAGE_TOPICS, FOCUS_ITEMS};
pub use matching::{
    check_name_parts, denial_of, is_denial_word, match_claim, match_claim_with, match_other_words,
    number_instead, wants_other_words, ClaimMatch, Occurrence, Places, Reason,
};
pub use similarity::similarity;
pub use verdict::{
    decide, is_fact, support, verdict_features, Decision, VerdictModel, VerdictModelError,
    N_VERDICT_FEATURES, VERDICT_FEATURES, VERDICT_FORMAT,
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
    round_half_away(x * 1000.0) / 1000.0 + 0.0
}

/// `x.round()` (halves away from zero), up to the sign of a zero result, without the `libm`
/// call that `f64::round` is on the baseline x86-64 target (a report rounds some twenty
/// figures).
fn round_half_away(x: f64) -> f64 {
    // From 2^52 on every double is a whole number (the infinities too).
    if x.is_nan() || x.abs() >= 4_503_599_627_370_496.0 {
        return x;
    }
    let whole = x as i64 as f64; // towards zero, exact in this range
    let fraction = x - whole; // exact
    if fraction >= 0.5 {
        whole + 1.0
    } else if fraction <= -0.5 {
        whole - 1.0
    } else {
        whole
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_agrees_with_the_standard_library() {
        let mut values = vec![
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.5,
            2.5,
            -2.5,
            0.499_999_999_999_999_94,
            -0.499_999_999_999_999_94,
            4_503_599_627_370_495.5,
            4_503_599_627_370_496.0,
            -4_503_599_627_370_497.0,
            1e300,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        // A deterministic spread of magnitudes and fractions, and the halves around them.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..100_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let v = f64::from_bits(x);
            if v.is_finite() {
                values.push(v);
            }
            let scaled = (x % 2_000_001) as f64 / 1000.0 - 1000.0;
            values.extend([scaled, scaled.trunc() + 0.5, scaled.trunc() - 0.5]);
        }
        for v in values {
            let (mine, std) = (round_half_away(v), v.round());
            assert!(
                mine == std || mine.is_nan() && std.is_nan(),
                "{v:e}: {mine} {std}"
            );
            assert_eq!(
                round3(v / 1000.0),
                (v / 1000.0 * 1000.0).round() / 1000.0 + 0.0
            );
        }
        assert!(round_half_away(f64::NAN).is_nan());
    }
}

//! From matched claims to a score and a verdict.

use crate::report::{Claim, ClaimKind, Status, Verdict};

/// Below this score the headline and body are about different things: the threshold with the
/// best related-vs-unrelated accuracy on the FNC-1 training pairs outside the official dev split
/// (`cargo run --release --example fnc1_relatedness`, README "How the verdict is reached").
pub const UNRELATED_BELOW: f64 = 0.26;

/// Below this support too much of the headline is only weakly supported for it to be
/// consistent.
pub const PARTIAL_BELOW: f64 = 0.60;

/// The score's parts: support (the headline's claims found in the body), coverage (the body's
/// main topics named by the headline) and similarity (√ of the cosine of the two word
/// vectors). Chosen for the best related-vs-unrelated AUROC on the FNC-1 pairs outside the
/// official dev split.
pub const SCORE_PARTS: [f64; 3] = [0.4, 0.3, 0.3];

/// An unsupported term at least this heavy (used by fewer than about 4% of background documents)
/// makes the headline partial on its own; unsupported names, numbers and quotes always do.
pub const HEAVY_TERM_WEIGHT: f64 = 0.5;

/// The weighted share of the headline supported by the body: each claim counts its weight times
/// 1 (supported), 0.5 (weak) or 0 (unsupported).
pub fn support(claims: &[Claim]) -> f64 {
    let total: f64 = claims.iter().map(|c| c.weight).sum();
    if total <= 0.0 {
        return 0.0;
    }
    claims
        .iter()
        .map(|c| c.weight * c.status.credit())
        .sum::<f64>()
        / total
}

/// Whether an unsupported claim is weighty enough to make the headline partial by itself.
pub fn is_heavy(claim: &Claim) -> bool {
    match claim.kind {
        ClaimKind::Name | ClaimKind::Number | ClaimKind::Quote => true,
        ClaimKind::Term => claim.weight >= HEAVY_TERM_WEIGHT,
        ClaimKind::Phrase => false,
    }
}

/// The score, the verdict and a sentence saying why. `coverage` and `similarity` are in [0, 1].
pub fn decide(claims: &[Claim], coverage: f64, similarity: f64) -> (f64, Verdict, String) {
    decide_with(claims, coverage, similarity, true)
}

/// [`decide`]; the sentence is left empty unless `explain`.
pub fn decide_with(
    claims: &[Claim],
    coverage: f64,
    similarity: f64,
    explain: bool,
) -> (f64, Verdict, String) {
    let why = |text: &dyn Fn() -> String| if explain { text() } else { String::new() };
    if claims.is_empty() {
        return (
            0.0,
            Verdict::Unrelated,
            why(&|| "the headline has no content words to check".into()),
        );
    }
    let support = support(claims);
    let [a, b, c] = SCORE_PARTS;
    let s = a * support + b * coverage + c * similarity;
    if s < UNRELATED_BELOW {
        return (
            s,
            Verdict::Unrelated,
            why(&|| {
                format!(
                    "score {:.2} is below {UNRELATED_BELOW}: the body is about something else",
                    s
                )
            }),
        );
    }
    let missing: Vec<&Claim> = claims
        .iter()
        .filter(|c| c.status == Status::Unsupported && is_heavy(c) && !c.negated)
        .collect();
    // "not guilty" over a body saying "guilty" is not supported, whatever its parts.
    let denied: Vec<&str> = claims
        .iter()
        .filter(|c| c.negated && c.status != Status::Supported)
        .map(|c| &*c.text)
        .collect();
    if !missing.is_empty() || !denied.is_empty() {
        let reason = why(&|| {
            let mut parts = Vec::new();
            if !missing.is_empty() {
                // A name the body names otherwise: the words it never uses ("Kerry" of "Kerry
                // Rivers"), since it does use the others.
                let named: Vec<String> = missing
                    .iter()
                    .map(|c| match c.missing.as_slice() {
                        [] => format!("\"{}\"", c.text),
                        words => format!("\"{}\" (of \"{}\")", words.join(" "), c.text),
                    })
                    .collect();
                let named: Vec<&str> = named.iter().map(String::as_str).collect();
                parts.push(format!("the body never mentions {}", join_list(&named)));
            }
            if !denied.is_empty() {
                parts.push(format!("the body never says {}", quote_list(&denied)));
            }
            parts.join("; ")
        });
        return (s, Verdict::Partial, reason);
    }
    let support_pct = (support * 100.0).round();
    if support < PARTIAL_BELOW {
        return (
            s,
            Verdict::Partial,
            why(&|| {
                format!(
                    "only {support_pct}% of the headline's claims (by weight) are supported (below {}%)",
                    PARTIAL_BELOW * 100.0
                )
            }),
        );
    }
    (
        s,
        Verdict::Consistent,
        why(&|| format!("{support_pct}% of the headline's claims (by weight) are supported")),
    )
}

fn quote_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("\"{s}\"")).collect();
    let quoted: Vec<&str> = quoted.iter().map(String::as_str).collect();
    join_list(&quoted)
}

/// "a", "a and b", "a, b and c".
fn join_list(items: &[&str]) -> String {
    match items {
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
        [] => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(kind: ClaimKind, weight: f64, status: Status) -> Claim {
        Claim {
            text: format!("{kind:?}").into(),
            kind,
            weight,
            status,
            reason: "".into(),
            mentions: 0,
            first_sentence: None,
            evidence: Vec::new(),
            negated: false,
            paraphrase: None,
            missing: Vec::new(),
            instead: None,
            part_of: None,
        }
    }

    #[test]
    fn an_unsupported_name_makes_it_partial() {
        let c = [
            claim(ClaimKind::Term, 0.4, Status::Supported),
            claim(ClaimKind::Term, 0.4, Status::Supported),
            claim(ClaimKind::Term, 0.4, Status::Supported),
            claim(ClaimKind::Name, 0.7, Status::Unsupported),
        ];
        let (s, v, why) = decide(&c, 0.5, 0.5);
        assert!((s - (0.4 * 1.2 / 1.9 + 0.3 * 0.5 + 0.3 * 0.5)).abs() < 1e-9);
        assert_eq!(v, Verdict::Partial);
        assert!(why.contains("Name"), "{why}");
    }

    #[test]
    fn light_unsupported_terms_do_not() {
        let c = [
            claim(ClaimKind::Name, 0.8, Status::Supported),
            claim(ClaimKind::Term, 0.5, Status::Supported),
            claim(ClaimKind::Term, 0.2, Status::Unsupported),
            claim(ClaimKind::Phrase, 0.2, Status::Unsupported),
        ];
        assert_eq!(decide(&c, 0.5, 0.5).1, Verdict::Consistent);
    }

    #[test]
    fn an_unstated_negation_makes_it_partial() {
        let mut not_guilty = claim(ClaimKind::Phrase, 0.3, Status::Weak);
        not_guilty.negated = true;
        let c = [
            claim(ClaimKind::Name, 0.8, Status::Supported),
            claim(ClaimKind::Term, 0.5, Status::Supported),
            not_guilty.clone(),
        ];
        let (_, v, why) = decide(&c, 0.5, 0.5);
        assert_eq!(v, Verdict::Partial);
        assert!(why.contains("never says"), "{why}");
        not_guilty.status = Status::Supported;
        let c = [claim(ClaimKind::Name, 0.8, Status::Supported), not_guilty];
        assert_eq!(decide(&c, 0.5, 0.5).1, Verdict::Consistent);
    }

    #[test]
    fn little_support_is_unrelated() {
        let c = [
            claim(ClaimKind::Name, 0.8, Status::Unsupported),
            claim(ClaimKind::Term, 0.5, Status::Weak),
            claim(ClaimKind::Term, 0.6, Status::Unsupported),
        ];
        assert_eq!(decide(&c, 0.1, 0.1).1, Verdict::Unrelated);
        assert_eq!(decide(&[], 0.0, 0.0).1, Verdict::Unrelated);
    }

    #[test]
    fn mostly_weak_is_partial() {
        let c = [
            claim(ClaimKind::Term, 0.4, Status::Weak),
            claim(ClaimKind::Term, 0.4, Status::Weak),
            claim(ClaimKind::Term, 0.4, Status::Weak),
        ];
        let (_, v, why) = decide(&c, 0.5, 0.5);
        assert_eq!(v, Verdict::Partial);
        assert!(why.contains("50%"), "{why}");
    }
}

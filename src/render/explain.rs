//! `headcheck explain` / `--debug`: every stage of a check, for people tuning or debugging.

use std::fmt::Write;

use crate::analyze::BodyIndex;
use crate::score::VERDICT_FEATURES;
use crate::Trace;

/// How many of each learned lexicon's words the stance stage lists.
const LEARNED_WORDS_SHOWN: usize = 12;

/// The stages of a check as plain text: headline tokens, claims with their keys, body
/// sentences and tokens, matches and evidence, focus, score and verdict.
pub fn explain(trace: &Trace, body: &BodyIndex) -> String {
    let mut out = String::new();
    let h = &trace.headline;
    let r = &trace.report;
    let _ = writeln!(out, "== headline\n{}", r.headline);
    let _ = writeln!(
        out,
        "title case: {}  (capitals alone {} mark names)",
        h.title_case,
        if h.title_case { "do not" } else { "do" }
    );
    let _ = writeln!(
        out,
        "\n== headline tokens (norm / key / kind / case / join / name)"
    );
    for (t, name) in h.tokens.iter().zip(&trace.analysis.names) {
        let _ = writeln!(
            out,
            "  {:>3}..{:<3} {:<18} {:<16} {:<9} {:<6} {:<7}{}{}",
            t.span.start,
            t.span.end,
            t.norm,
            t.key,
            format!("{:?}", t.kind).to_lowercase(),
            format!("{:?}", t.case).to_lowercase(),
            format!("{:?}", t.join).to_lowercase(),
            if *name { " name" } else { "" },
            if t.possessive { " possessive" } else { "" },
        );
    }
    let _ = writeln!(out, "\n== claims (kind / text / key)");
    for c in &trace.analysis.claims {
        let _ = writeln!(out, "  {:<7} {:<28} {:?}", c.kind.as_str(), c.text, c.key);
    }
    let _ = writeln!(
        out,
        "\n== body: {} sentences, {} tokens, lang {}",
        body.sentences().len(),
        body.tokens().len(),
        body.lang()
    );
    for (i, s) in body.sentences().iter().enumerate() {
        let keys: Vec<&str> = body.tokens()[s.tokens.clone()]
            .iter()
            .filter(|t| t.is_content())
            .map(|t| t.key.as_str())
            .collect();
        let _ = writeln!(
            out,
            "  #{:<3} p{:<2} {:>6}..{:<6} {}",
            i + 1,
            s.paragraph + 1,
            s.span.start,
            s.span.end,
            keys.join(" ")
        );
    }
    let _ = writeln!(
        out,
        "\n== matches (status / weight / mentions / reason / evidence)"
    );
    for c in &r.claims {
        let _ = writeln!(
            out,
            "  {:<28} {:<11} w={:.3} n={:<3} {}",
            c.text,
            c.status.as_str(),
            c.weight,
            c.mentions,
            c.reason
        );
        for e in &c.evidence {
            let _ = writeln!(
                out,
                "      #{} [{}..{}] matched {:?}",
                e.sentence + 1,
                e.start,
                e.end,
                e.matched
            );
        }
    }
    let _ = writeln!(
        out,
        "\n== focus (text / kind / mentions / first sentence / salience)"
    );
    for f in &r.focus {
        let _ = writeln!(
            out,
            "  {:<28} {:<5} n={:<3} #{:<4} {:.3}",
            f.text,
            f.kind.as_str(),
            f.mentions,
            f.first_sentence + 1,
            f.salience
        );
    }
    let m = trace.verdict;
    let [a, b, c] = m.relatedness_parts;
    let _ = writeln!(
        out,
        "\n== verdict\nsupport {:.3} = Σ weight × credit (supported 1, paraphrase 0.75, weak 0.5, unsupported and contradicted 0) / Σ weight\ncoverage {:.3}, similarity {:.3}\nrelatedness {:.3} = {a} × support + {b} × coverage + {c} × similarity (unrelated below {})",
        r.support, r.coverage, r.similarity, r.relatedness, m.unrelated_below
    );
    let features = crate::eval::verdict::features_of(r);
    let _ = writeln!(
        out,
        "score {:.3} = σ(constant {:.3} + Σ weight × (feature − mean) / scale); consistent from {:.3}, contradicted when the body denies a claim",
        r.score, m.bias, m.consistent_from
    );
    for (i, name) in VERDICT_FEATURES.iter().enumerate() {
        let effect = m.weights[i] * (features[i] - m.mean[i]) / m.scale[i];
        let _ = writeln!(
            out,
            "  {name:<20} {:.4}  weight {:+.3}  effect {effect:+.3}",
            features[i], m.weights[i]
        );
    }
    if let (Some(s), Some(f)) = (&r.stance, &r.features) {
        let p = s.probabilities;
        let _ = writeln!(
            out,
            "\n== stance (feature = value; the model's weights are in its file)\nprobabilities: agree {:.3}, disagree {:.3}, discuss {:.3}, unrelated {:.3} => {}",
            p.agree, p.disagree, p.discuss, p.unrelated, s.stance
        );
        for (name, value) in crate::stance::FEATURES.iter().zip(&f.values) {
            let _ = writeln!(out, "  {name:<20} {value:.4}");
        }
        // What the learned cue features summed (the heaviest words of each).
        for (stance, words) in crate::stance::LEXICON_STANCES
            .iter()
            .zip(&trace.learned_words)
        {
            let shown: Vec<String> = words
                .iter()
                .take(LEARNED_WORDS_SHOWN)
                .map(|(w, weight)| format!("{w} {weight:.2}"))
                .collect();
            let more = words.len().saturating_sub(LEARNED_WORDS_SHOWN);
            let _ = writeln!(
                out,
                "learned {stance} words in the body: {}{}",
                if shown.is_empty() {
                    "none".to_string()
                } else {
                    shown.join(", ")
                },
                if more > 0 {
                    format!(" (and {more} more)")
                } else {
                    String::new()
                }
            );
        }
        let most: Vec<String> = s
            .contributors
            .iter()
            .map(|c| format!("{} {:+.3}", c.feature, c.effect))
            .collect();
        let against = if s.stance.is_related() {
            "against the next most probable related stance"
        } else {
            "unrelated against related"
        };
        let _ = writeln!(out, "most weight ({against}): {}", most.join(", "));
    }
    let _ = writeln!(out, "=> {} ({})", r.verdict, r.reason);
    out
}

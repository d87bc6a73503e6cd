//! Word-vector similarity between the headline and the body.

use crate::analyze::{Background, BodyIndex, Headline, KeyFact};

/// The square root of the cosine between the headline's and the body's word vectors, each word
/// key weighing its count times its rarity. The body's vector length is computed once per body.
/// `facts` are the headline's [`Headline::key_facts`] in `body`.
pub fn similarity(
    headline: &Headline,
    facts: &[KeyFact],
    body: &BodyIndex,
    background: Option<&Background>,
) -> f64 {
    let (mut dot, mut norm) = (0.0, 0.0);
    for (n, fact) in headline.word_facts(facts, body, background) {
        let r = fact.rarity;
        norm += (n * r).powi(2);
        dot += n * r * fact.mentions as f64 * r;
    }
    if norm > 0.0 && body.vector_norm() > 0.0 {
        (dot / (norm.sqrt() * body.vector_norm()))
            .clamp(0.0, 1.0)
            .sqrt()
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::{Lang, LangTools};

    #[test]
    fn same_words_score_higher() {
        let tools = LangTools::new(Lang::En);
        let body = BodyIndex::new(
            "Ferry route opens. The ferry route links two towns.",
            &tools,
            None,
        );
        let sim = |h: &str| {
            let h = Headline::new(h, &tools, None);
            similarity(&h, &h.key_facts(&body), &body, None)
        };
        assert!(sim("New ferry route") > sim("Ferry strike"));
        assert!(sim("Ferry strike") > 0.0);
        assert_eq!(sim("Volcano erupts"), 0.0);
        assert!(sim("ferry route links towns opens") <= 1.0);
    }
}

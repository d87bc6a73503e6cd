//! Word-vector similarity between the headline and the body.

use crate::analyze::{Background, BodyIndex, Headline};

/// The square root of the cosine between the headline's and the body's word vectors, each word
/// key weighing its count times its rarity. The body's vector length is computed once per body.
pub fn similarity(headline: &Headline, body: &BodyIndex, background: Option<&Background>) -> f64 {
    let (mut dot, mut norm) = (0.0, 0.0);
    for (key, n) in &headline.word_counts {
        let r = headline.rarity(key, body, background);
        norm += (n * r).powi(2);
        dot += n * r * body.occurrences(key).len() as f64 * r;
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
        let sim = |h: &str| similarity(&Headline::new(h, &tools, None), &body, None);
        assert!(sim("New ferry route") > sim("Ferry strike"));
        assert!(sim("Ferry strike") > 0.0);
        assert_eq!(sim("Volcano erupts"), 0.0);
        assert!(sim("ferry route links towns opens") <= 1.0);
    }
}

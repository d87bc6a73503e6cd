//! Stance: whether a body agrees with its headline, disputes it, reports it without taking a
//! side, or is about something else (FNC-1's four classes), decided by a small model over
//! named, readable features of the claim-level evidence and of stance cues near it.
//!
//! - [`cue_of`] and [`Cues`] (in [`crate::text`]): refutation, hedging/attribution and
//!   confirmation words, marked by the tokenizer and counted per body sentence when the body is
//!   indexed (English only).
//! - [`Features`]: the [`FEATURES`] of one headline/body pair, computed by the checker.
//! - [`Model`]: multinomial logistic regression over the standardised features; the shipped
//!   English model is `corpus/stance/en.json`, embedded in the binary; [`fit`] makes one.

pub mod fit;
mod lexicon;
mod model;
mod trees;

pub use crate::text::{cue_of, Cue, Cues};
pub use fit::{
    fit, fit_linear, grouped_folds, grow_forest, topic_groups, Fit, FitSettings, Linear, Sample,
    CONVERGED_GRADIENT,
};
pub use lexicon::{
    distinct_word_keys, learn, LexiconBody, LexiconTable, LexiconWord, Lexicons,
    LEXICON_MIN_TOPICS, LEXICON_STANCES, LEXICON_WORDS,
};
pub use model::{Contribution, Model, ModelError, PerStance, Prediction, StanceReport, FORMAT};
pub use trees::{Forest, Node, Split, Tree, MAX_DEPTH, MAX_LAID_OUT};

use serde::{Deserialize, Serialize};

use crate::analyze::LEAD_SENTENCES;

/// A body's stance toward its headline (FNC-1's classes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    /// The body backs the headline.
    Agree,
    /// The body disputes the headline.
    Disagree,
    /// The body reports the headline's claim without taking a side.
    Discuss,
    /// The body is about something else.
    Unrelated,
}

impl Stance {
    /// The four stances, in FNC-1's order (`scorer.py`'s `LABELS`).
    pub const ALL: [Stance; 4] = [
        Stance::Agree,
        Stance::Disagree,
        Stance::Discuss,
        Stance::Unrelated,
    ];

    /// Its place in [`Stance::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Its lowercase name, as in FNC-1's files.
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Agree => "agree",
            Stance::Disagree => "disagree",
            Stance::Discuss => "discuss",
            Stance::Unrelated => "unrelated",
        }
    }

    /// Whether it is one of the three related stances.
    pub fn is_related(self) -> bool {
        self != Stance::Unrelated
    }

    /// Reads a stance as FNC-1 writes it (surrounding spaces and case ignored).
    pub fn parse(text: &str) -> Option<Stance> {
        let text = text.trim();
        Stance::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(text))
    }
}

impl std::fmt::Display for Stance {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The features' names, in the order of [`Features::values`]. What each measures:
///
/// Relatedness (from the claim-level evidence):
/// - `score`, `support`, `coverage`, `similarity`: the report's figures.
/// - `supported_share`: supported claims / claims (weak ones count half).
/// - `unsupported_names`, `unsupported_numbers`: how many name and number claims the body lacks.
/// - `supported_numbers`: how many number claims it has.
/// - `best_sentence`: the body sentence sharing most with the headline (rarity-weighted share of
///   the headline's content words); `lead`: the same over the first two sentences.
/// - `matched_sentences`: the share of body sentences holding a supported or weak claim.
///
/// Stance cues ([`cue_of`]), per sentence; "near" means in the sentences holding a supported
/// or weak claim:
/// - `body_refute`, `near_refute`: refutation words (hoax, fake, false, deny, debunk, …).
/// - `body_hedge`, `near_hedge`: hedging and attribution (reportedly, allegedly, claims,
///   according to, unconfirmed, …).
/// - `body_confirm`, `near_confirm`: confirmation (confirmed, officially, announced, …).
/// - `near_negation`: negations (not, no, never, n't) near the claims.
/// - `body_question`, `near_question`: the share of sentences ending in a question mark.
/// - `headline_refute`, `headline_hedge`, `headline_negation`, `headline_question`: the same
///   cues in the headline (a headline calling something a hoax is agreed with by a body that
///   debunks it).
/// - `refute_both`: 1 when the headline and the body both use refutation words.
/// - `body_length`: ln(1 + sentences).
///
/// Learned cue words ([`Lexicons`], part of the model): `learned_agree`, `learned_disagree`,
/// `learned_discuss`, the summed weights of the words of each stance's lexicon the body uses.
pub const FEATURES: [&str; 36] = [
    "score",
    "support",
    "coverage",
    "similarity",
    "supported_share",
    "unsupported_names",
    "unsupported_numbers",
    "supported_numbers",
    "best_sentence",
    "lead",
    "matched_sentences",
    "body_refute",
    "near_refute",
    "body_hedge",
    "near_hedge",
    "body_confirm",
    "near_confirm",
    "near_negation",
    "body_question",
    "near_question",
    "headline_refute",
    "headline_hedge",
    "headline_negation",
    "headline_question",
    "refute_both",
    "found_rarity",
    "headline_keys",
    "supported_names",
    "supported_phrases",
    "lead_refute",
    "lead_hedge",
    "best_refute",
    "body_negation",
    "learned_agree",
    "learned_disagree",
    "learned_discuss",
];

/// Where the three `learned_*` features start in [`FEATURES`].
pub const LEARNED_FEATURES: usize = N_FEATURES - 3;

/// How many features there are.
pub const N_FEATURES: usize = FEATURES.len();

/// One pair's feature values, in [`FEATURES`] order.
#[derive(Clone, Debug, PartialEq)]
pub struct Features {
    /// The values.
    pub values: [f64; N_FEATURES],
}

impl Features {
    /// The value of the feature called `name`.
    pub fn get(&self, name: &str) -> Option<f64> {
        FEATURES
            .iter()
            .position(|&f| f == name)
            .map(|i| self.values[i])
    }

    /// Sets the `learned_*` features (in [`LEXICON_STANCES`] order).
    pub fn set_learned(&mut self, scores: [f64; 3]) {
        self.values[LEARNED_FEATURES..].copy_from_slice(&scores);
    }
}

/// What the checker measured of one pair, from which [`Features`] are made.
#[derive(Clone, Debug, Default)]
pub struct Measures {
    /// The report's score, support, coverage and similarity.
    pub score: f64,
    /// See [`Measures::score`].
    pub support: f64,
    /// See [`Measures::score`].
    pub coverage: f64,
    /// See [`Measures::score`].
    pub similarity: f64,
    /// Claims: all, supported, weak.
    pub claims: usize,
    /// Supported claims.
    pub supported: usize,
    /// Weakly supported claims.
    pub weak: usize,
    /// Name and number claims the body lacks; number claims it has.
    pub unsupported_names: usize,
    /// See [`Measures::unsupported_names`].
    pub unsupported_numbers: usize,
    /// See [`Measures::unsupported_names`].
    pub supported_numbers: usize,
    /// The best sentence's and the lead's rarity-weighted share of the headline.
    pub best_sentence: f64,
    /// See [`Measures::best_sentence`].
    pub lead: f64,
    /// The body's sentences.
    pub sentences: usize,
    /// The cues of the whole body and of the sentences holding supported or weak claims, with
    /// how many such sentences there are.
    pub body_cues: Cues,
    /// See [`Measures::body_cues`].
    pub near_cues: Cues,
    /// See [`Measures::body_cues`].
    pub near_sentences: usize,
    /// The headline's cues.
    pub headline_cues: Cues,
    /// The summed rarity of the headline's content keys the body has, and how many content keys
    /// the headline has.
    pub found_rarity: f64,
    /// See [`Measures::found_rarity`].
    pub headline_keys: usize,
    /// Supported name claims; the share of phrase claims supported.
    pub supported_names: usize,
    /// See [`Measures::supported_names`].
    pub supported_phrases: f64,
    /// The cues of the first three sentences, of the sentence sharing most with the headline.
    pub lead_cues: Cues,
    /// See [`Measures::lead_cues`].
    pub best_cues: Cues,
    /// The body's learned cue scores ([`LexiconTable::score`]).
    pub learned: [f64; 3],
}

impl Measures {
    /// The feature values.
    pub fn features(&self) -> Features {
        let per = |count: u32, of: usize| f64::from(count) / of.max(1) as f64;
        let (b, n, h) = (&self.body_cues, &self.near_cues, &self.headline_cues);
        let (all, near) = (self.sentences, self.near_sentences);
        let refute_both = (h.refute > 0 && b.refute > 0) as u8;
        Features {
            values: [
                self.score,
                self.support,
                self.coverage,
                self.similarity,
                (self.supported as f64 + 0.5 * self.weak as f64) / self.claims.max(1) as f64,
                self.unsupported_names as f64,
                self.unsupported_numbers as f64,
                self.supported_numbers as f64,
                self.best_sentence,
                self.lead,
                near as f64 / all.max(1) as f64,
                per(b.refute, all),
                per(n.refute, near),
                per(b.hedge, all),
                per(n.hedge, near),
                per(b.confirm, all),
                per(n.confirm, near),
                per(n.negation, near),
                per(b.questions, all),
                per(n.questions, near),
                f64::from(h.refute),
                f64::from(h.hedge),
                f64::from(h.negation),
                f64::from(h.questions),
                f64::from(refute_both),
                self.found_rarity,
                self.headline_keys as f64,
                self.supported_names as f64,
                self.supported_phrases,
                per(self.lead_cues.refute, all.min(LEAD_SENTENCES)),
                per(self.lead_cues.hedge, all.min(LEAD_SENTENCES)),
                f64::from(self.best_cues.refute),
                per(b.negation, all),
                self.learned[0],
                self.learned[1],
                self.learned[2],
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stances_read_and_write_as_fnc1_does() {
        for s in Stance::ALL {
            assert_eq!(Stance::parse(s.as_str()), Some(s));
            assert_eq!(Stance::ALL[s.index()], s);
        }
        assert_eq!(Stance::parse(" Disagree "), Some(Stance::Disagree));
        assert_eq!(Stance::parse("agreed"), None);
        assert!(!Stance::Unrelated.is_related());
        assert!(Stance::Discuss.is_related());
    }

    #[test]
    fn features_are_named_once_each() {
        let mut names = FEATURES.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), N_FEATURES);
        let f = Measures {
            claims: 4,
            supported: 2,
            weak: 1,
            sentences: 10,
            near_sentences: 2,
            near_cues: Cues {
                refute: 1,
                ..Cues::default()
            },
            ..Measures::default()
        }
        .features();
        assert_eq!(f.get("supported_share"), Some(2.5 / 4.0));
        assert_eq!(f.get("near_refute"), Some(0.5));
        assert_eq!(f.get("matched_sentences"), Some(0.2));
        assert_eq!(f.get("refute_both"), Some(0.0));
        assert_eq!(f.get("no such feature"), None);
    }
}

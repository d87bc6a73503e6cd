//! Learned cue words: per stance, the body words that mark bodies of that stance across many
//! topics (the hand-written cue lists miss most of the ways a body disputes a claim).
//!
//! For each of agree, disagree and discuss, [`learn`] compares the training bodies with a
//! related pair of that stance against the other bodies with a related pair, word by word
//! (match keys, present or not): a word's weight is its smoothed log-odds ratio, and only words
//! found in bodies of that stance in at least [`LEXICON_MIN_TOPICS`] distinct topics are kept,
//! so that a topic's own vocabulary ("ebola", "isis") cannot be learned as a cue. The
//! [`LEXICON_WORDS`] heaviest positive words make the stance's lexicon. A body's `learned_*`
//! feature is the summed weight of the lexicon words it uses (each once).

use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use crate::analyze::BodyIndex;

use super::Stance;

/// How many words each stance's lexicon keeps at most.
pub const LEXICON_WORDS: usize = 200;

/// In how many distinct topics a word must occur in bodies of a stance to be a cue for it.
pub const LEXICON_MIN_TOPICS: usize = 10;

/// The stances that have a lexicon, in the order of the `learned_*` features.
pub const LEXICON_STANCES: [Stance; 3] = [Stance::Agree, Stance::Disagree, Stance::Discuss];

/// One learned cue word: a match key and its weight (a log-odds ratio, rounded as stored).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LexiconWord(pub String, pub f64);

/// The learned cue words of agree, disagree and discuss, heaviest first.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lexicons {
    /// Words of bodies that back their headline.
    pub agree: Vec<LexiconWord>,
    /// Words of bodies that dispute it.
    pub disagree: Vec<LexiconWord>,
    /// Words of bodies that report it without taking a side.
    pub discuss: Vec<LexiconWord>,
}

/// A body seen in training: its distinct word keys ([`BodyIndex::word_keys`]), the stances of
/// its related training pairs, and its topic (a [`super::topic_groups`] number).
#[derive(Clone, Debug)]
pub struct LexiconBody<'a> {
    /// Its distinct word keys.
    pub keys: &'a [String],
    /// Per [`LEXICON_STANCES`] entry: whether one of its related pairs has that stance.
    pub stances: [bool; 3],
    /// Its topic.
    pub topic: usize,
}

/// Learns the three lexicons from `bodies` (those with at least one related training pair).
/// Deterministic: the same bodies in any order give the same lexicons.
pub fn learn(bodies: &[LexiconBody<'_>]) -> Lexicons {
    let mut lists = LEXICON_STANCES.map(|_| Vec::new());
    for (c, list) in lists.iter_mut().enumerate() {
        let positive = bodies.iter().filter(|b| b.stances[c]).count() as f64;
        let negative = bodies.len() as f64 - positive;
        // Per word: bodies with the stance using it, other bodies using it, and the topics of
        // the first (a set, so the order of bodies does not matter).
        let mut seen: FxHashMap<&str, (u32, u32, FxHashSet<usize>)> = FxHashMap::default();
        for b in bodies {
            for k in b.keys {
                let e = seen.entry(k.as_str()).or_default();
                if b.stances[c] {
                    e.0 += 1;
                    e.2.insert(b.topic);
                } else {
                    e.1 += 1;
                }
            }
        }
        let mut words: Vec<(f64, &str)> = seen
            .into_iter()
            .filter(|(_, (_, _, topics))| topics.len() >= LEXICON_MIN_TOPICS)
            .map(|(k, (pos, neg, _))| {
                let odds = ((f64::from(pos) + 1.0) / (positive + 2.0)).ln()
                    - ((f64::from(neg) + 1.0) / (negative + 2.0)).ln();
                ((odds * 1e4).round() / 1e4, k)
            })
            .filter(|&(w, _)| w > 0.0)
            .collect();
        // Heaviest first; equal weights in key order.
        words.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        words.truncate(LEXICON_WORDS);
        *list = words
            .into_iter()
            .map(|(w, k)| LexiconWord(k.to_string(), w))
            .collect();
    }
    let [agree, disagree, discuss] = lists;
    Lexicons {
        agree,
        disagree,
        discuss,
    }
}

/// The distinct word keys of a body, for [`learn`] and for scoring it in training: each once,
/// in text order (first use), the order [`BodyIndex::learned_scores`] sums them in.
pub fn distinct_word_keys(body: &BodyIndex) -> Vec<String> {
    body.word_keys().map(str::to_string).collect()
}

/// The lexicons as one table: per word, its weight in each lexicon (0 where it is not one of
/// its words). Shared, so that a body can remember which table it was scored with.
#[derive(Debug, Default)]
pub struct LexiconTable {
    weights: FxHashMap<String, [f64; 3]>,
    /// One bit per [`sketch`] of the lexicon words: a body key whose bit is clear is not one of
    /// them, found without hashing it (most of a body's keys are not).
    sketches: Vec<u64>,
}

/// Tables are equal when their words and weights are (the sketches follow from them).
impl PartialEq for LexiconTable {
    fn eq(&self, other: &Self) -> bool {
        self.weights == other.weights
    }
}

/// How many bits [`LexiconTable::sketches`] has.
const SKETCH_BITS: usize = 1 << 16;

/// A cheap fingerprint of a key: its length, first two and last bytes.
fn sketch(key: &str) -> usize {
    let b = key.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return 0;
    };
    let second = b.get(1).copied().unwrap_or(0);
    let mixed = (b.len() as u32).wrapping_mul(0x9E37_79B9)
        ^ u32::from(first).wrapping_mul(0x85EB_CA6B)
        ^ u32::from(second).wrapping_mul(0xC2B2_AE35)
        ^ u32::from(last).wrapping_mul(0x27D4_EB2F);
    (mixed ^ (mixed >> 16)) as usize % SKETCH_BITS
}

impl LexiconTable {
    /// The table of `lexicons`.
    pub fn new(lexicons: &Lexicons) -> Arc<LexiconTable> {
        let mut weights: FxHashMap<String, [f64; 3]> = FxHashMap::default();
        for (c, list) in [&lexicons.agree, &lexicons.disagree, &lexicons.discuss]
            .into_iter()
            .enumerate()
        {
            for LexiconWord(k, w) in list {
                weights.entry(k.clone()).or_default()[c] += w;
            }
        }
        let mut sketches = vec![0u64; SKETCH_BITS / 64];
        for k in weights.keys() {
            let bit = sketch(k);
            sketches[bit / 64] |= 1 << (bit % 64);
        }
        Arc::new(LexiconTable { weights, sketches })
    }

    /// The summed weights of the lexicon words among `keys` (each key once), per
    /// [`LEXICON_STANCES`] entry, summed in the order of `keys`.
    pub fn score<'a>(&self, keys: impl Iterator<Item = &'a str>) -> [f64; 3] {
        let mut sum = [0.0; 3];
        if self.weights.is_empty() {
            return sum;
        }
        for k in keys {
            let bit = sketch(k);
            if self.sketches[bit / 64] & (1 << (bit % 64)) == 0 {
                continue;
            }
            if let Some(w) = self.weights.get(k) {
                for c in 0..3 {
                    sum[c] += w[c];
                }
            }
        }
        sum
    }

    /// The lexicon words `body` uses for the stance at `index` in [`LEXICON_STANCES`], heaviest
    /// first (for explanations).
    pub fn words_in(&self, body: &BodyIndex, index: usize) -> Vec<(String, f64)> {
        let mut found: Vec<(String, f64)> = body
            .word_keys()
            .filter_map(|k| {
                let w = self.weights.get(k)?[index];
                (w > 0.0).then(|| (k.to_string(), w))
            })
            .collect();
        found.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(words: &str) -> Vec<String> {
        words.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn a_word_becomes_a_cue_only_across_enough_topics() {
        // "hoax" is in disagree bodies of 12 topics, "ebola" in disagree bodies of one topic
        // only (many of them), "report" everywhere.
        let hoax = keys("hoax report");
        let ebola = keys("ebola report");
        let plain = keys("report said");
        let mut bodies = Vec::new();
        for t in 0..12 {
            bodies.push(LexiconBody {
                keys: &hoax,
                stances: [false, true, false],
                topic: t,
            });
        }
        for _ in 0..30 {
            bodies.push(LexiconBody {
                keys: &ebola,
                stances: [false, true, false],
                topic: 99,
            });
        }
        for t in 0..50 {
            bodies.push(LexiconBody {
                keys: &plain,
                stances: [true, false, t % 2 == 0],
                topic: 100 + t,
            });
        }
        let lex = learn(&bodies);
        let disagree: Vec<&str> = lex.disagree.iter().map(|w| w.0.as_str()).collect();
        assert_eq!(disagree, ["hoax"]);
        // ln((12 + 1) / (42 + 2)) - ln((0 + 1) / (50 + 2)), rounded to 4 decimals.
        let expected = ((13.0f64 / 44.0).ln() - (1.0f64 / 52.0).ln()) * 1e4;
        assert_eq!(lex.disagree[0].1, expected.round() / 1e4);
        // "said" marks agree bodies (all 50 use it, no other body does), in 50 topics.
        assert_eq!(lex.agree.first().map(|w| w.0.as_str()), Some("said"));
        // The same bodies in another order give the same lexicons.
        bodies.reverse();
        assert_eq!(learn(&bodies), lex);
    }

    #[test]
    fn a_table_sums_each_lexicon_word_a_body_uses() {
        let lex = Lexicons {
            agree: vec![LexiconWord("confirm".into(), 0.5)],
            disagree: vec![
                LexiconWord("hoax".into(), 2.0),
                LexiconWord("fals".into(), 1.5),
            ],
            discuss: vec![LexiconWord("hoax".into(), 0.25)],
        };
        let table = LexiconTable::new(&lex);
        assert_eq!(
            table.score(["hoax", "fals", "ebola"].into_iter()),
            [0.0, 3.5, 0.25]
        );
        assert_eq!(table.score(std::iter::empty()), [0.0; 3]);
        // The sketch lets every lexicon word through, and keys of any length are safe.
        for w in ["confirm", "hoax", "fals"] {
            assert_ne!(table.score(std::iter::once(w)), [0.0; 3], "{w}");
        }
        assert_eq!(
            table.score(["", "h", "ho", "hoa", "hoaxes"].into_iter()),
            [0.0; 3]
        );
        let empty = LexiconTable::new(&Lexicons::default());
        assert_eq!(empty.score(["hoax"].into_iter()), [0.0; 3]);
    }

    #[test]
    fn a_body_keeps_the_scores_of_the_first_table_and_computes_others_afresh() {
        let checker = crate::Checker::new(crate::Lang::En);
        let body = checker.index_body("Officials said the photo was a hoax. The hoax spread fast.");
        let keys: Vec<String> = distinct_word_keys(&body);
        assert!(keys.iter().any(|k| k == "hoax"), "{keys:?}");
        assert!(
            !keys.iter().any(|k| k == "the"),
            "stop words are not keys: {keys:?}"
        );
        let one = LexiconTable::new(&Lexicons {
            disagree: vec![LexiconWord("hoax".into(), 2.0)],
            ..Lexicons::default()
        });
        let other = LexiconTable::new(&Lexicons {
            agree: vec![LexiconWord("spread".into(), 0.5)],
            discuss: vec![LexiconWord("offici".into(), 1.0)],
            ..Lexicons::default()
        });
        for _ in 0..2 {
            // "hoax" counts once, however often the body uses it.
            assert_eq!(body.learned_scores(&one), [0.0, 2.0, 0.0]);
            assert_eq!(body.learned_scores(&other), [0.5, 0.0, 1.0]);
        }
        assert_eq!(one.words_in(&body, 1), vec![("hoax".to_string(), 2.0)]);
        assert!(one.words_in(&body, 0).is_empty());
    }
}

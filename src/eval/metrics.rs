//! The FNC-1 figures of a set of stance predictions: the official score (the arithmetic of
//! FNC-1's `scorer.py`), related-vs-unrelated accuracy, per-class precision, recall and F1,
//! macro-F1 and the confusion matrix.

use serde::Serialize;

use crate::stance::Stance;

/// Everything `headcheck eval` prints about a set of predictions.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StanceMetrics {
    /// How many pairs were scored.
    pub pairs: usize,
    /// The FNC-1 score: per pair 0.25 for the right `unrelated`, 0.25 for any related stance
    /// on a related pair, and 0.75 more for the right related stance.
    pub score: f64,
    /// The score of a perfect prediction.
    pub max_score: f64,
    /// The score of predicting `unrelated` everywhere (`scorer.py`'s NULL).
    pub null_score: f64,
    /// `score` as a percentage of `max_score`.
    pub relative: f64,
    /// The share of pairs whose related-or-unrelated call is right.
    pub related_accuracy: f64,
    /// The share of pairs whose stance is right.
    pub accuracy: f64,
    /// Per stance, in [`Stance::ALL`] order.
    pub classes: Vec<ClassMetrics>,
    /// The mean of the four F1 figures.
    pub macro_f1: f64,
    /// Rows are the true stances, columns the predicted ones, both in [`Stance::ALL`] order
    /// (as `scorer.py` prints it).
    pub confusion: [[usize; 4]; 4],
}

/// One stance's precision, recall and F1 (0 when undefined, as scikit-learn reports it).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClassMetrics {
    /// The stance.
    pub stance: Stance,
    /// How many pairs truly have it.
    pub support: usize,
    /// Right predictions of it / all predictions of it.
    pub precision: f64,
    /// Right predictions of it / pairs that have it.
    pub recall: f64,
    /// The harmonic mean of precision and recall.
    pub f1: f64,
}

/// The FNC-1 score of one pair, as `scorer.py` computes it.
pub fn pair_score(gold: Stance, predicted: Stance) -> f64 {
    let mut score = 0.0;
    if gold == predicted {
        score += 0.25;
        if gold != Stance::Unrelated {
            score += 0.50;
        }
    }
    if gold.is_related() && predicted.is_related() {
        score += 0.25;
    }
    score
}

/// The figures of `(gold, predicted)` pairs. `None` when there are none.
pub fn stance_metrics(pairs: &[(Stance, Stance)]) -> Option<StanceMetrics> {
    if pairs.is_empty() {
        return None;
    }
    let mut confusion = [[0usize; 4]; 4];
    let (mut score, mut max_score, mut null_score) = (0.0, 0.0, 0.0);
    for &(gold, predicted) in pairs {
        confusion[gold.index()][predicted.index()] += 1;
        score += pair_score(gold, predicted);
        max_score += pair_score(gold, gold);
        null_score += pair_score(gold, Stance::Unrelated);
    }
    let n = pairs.len();
    let right = (0..4).map(|k| confusion[k][k]).sum::<usize>();
    let related_right = pairs
        .iter()
        .filter(|(g, p)| g.is_related() == p.is_related())
        .count();
    let classes: Vec<ClassMetrics> = Stance::ALL
        .iter()
        .map(|&stance| {
            let k = stance.index();
            let tp = confusion[k][k] as f64;
            let predicted: usize = (0..4).map(|g| confusion[g][k]).sum();
            let support: usize = confusion[k].iter().sum();
            let precision = ratio(tp, predicted as f64);
            let recall = ratio(tp, support as f64);
            ClassMetrics {
                stance,
                support,
                precision,
                recall,
                f1: ratio(2.0 * precision * recall, precision + recall),
            }
        })
        .collect();
    let macro_f1 = classes.iter().map(|c| c.f1).sum::<f64>() / 4.0;
    Some(StanceMetrics {
        pairs: n,
        score,
        max_score,
        null_score,
        relative: ratio(100.0 * score, max_score),
        related_accuracy: related_right as f64 / n as f64,
        accuracy: right as f64 / n as f64,
        classes,
        macro_f1,
        confusion,
    })
}

/// `a / b`, or 0 when `b` is 0.
fn ratio(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        0.0
    } else {
        a / b
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Stance::{Agree, Disagree, Discuss, Unrelated};

    #[test]
    fn pair_scores_follow_the_official_scorer() {
        assert_eq!(pair_score(Unrelated, Unrelated), 0.25);
        assert_eq!(pair_score(Unrelated, Agree), 0.0);
        assert_eq!(pair_score(Agree, Agree), 1.0);
        assert_eq!(pair_score(Agree, Discuss), 0.25);
        assert_eq!(pair_score(Disagree, Unrelated), 0.0);
        assert_eq!(pair_score(Discuss, Discuss), 1.0);
    }

    /// Six pairs worked by hand:
    /// gold      agree agree disagree discuss unrelated unrelated
    /// predicted agree discuss unrelated discuss unrelated agree
    /// score     1   + 0.25  + 0      + 1     + 0.25    + 0      = 2.5
    /// max       1   + 1     + 1      + 1     + 0.25    + 0.25   = 4.5
    /// null      0   + 0     + 0      + 0     + 0.25    + 0.25   = 0.5
    #[test]
    fn six_pairs_by_hand() {
        let pairs = [
            (Agree, Agree),
            (Agree, Discuss),
            (Disagree, Unrelated),
            (Discuss, Discuss),
            (Unrelated, Unrelated),
            (Unrelated, Agree),
        ];
        let m = stance_metrics(&pairs).unwrap();
        assert_eq!(m.score, 2.5);
        assert_eq!(m.max_score, 4.5);
        assert_eq!(m.null_score, 0.5);
        assert!((m.relative - 100.0 * 2.5 / 4.5).abs() < 1e-12);
        // Related-or-not right: 1, 2, 4, 5 (pair 3 and 6 wrong).
        assert!((m.related_accuracy - 4.0 / 6.0).abs() < 1e-12);
        assert!((m.accuracy - 3.0 / 6.0).abs() < 1e-12);
        assert_eq!(m.confusion[0], [1, 0, 1, 0]);
        assert_eq!(m.confusion[1], [0, 0, 0, 1]);
        assert_eq!(m.confusion[2], [0, 0, 1, 0]);
        assert_eq!(m.confusion[3], [1, 0, 0, 1]);
        // agree: predicted twice, right once; 2 true → P 0.5, R 0.5, F1 0.5.
        let agree = &m.classes[0];
        assert_eq!((agree.precision, agree.recall, agree.f1), (0.5, 0.5, 0.5));
        assert_eq!(agree.support, 2);
        // disagree: never predicted → all 0.
        assert_eq!(m.classes[1].f1, 0.0);
        // discuss: predicted twice, right once; 1 true → P 0.5, R 1, F1 2/3.
        assert!((m.classes[2].f1 - 2.0 / 3.0).abs() < 1e-12);
        // unrelated: predicted twice, right once; 2 true → 0.5.
        assert_eq!(m.classes[3].f1, 0.5);
        assert!((m.macro_f1 - (0.5 + 0.0 + 2.0 / 3.0 + 0.5) / 4.0).abs() < 1e-12);
    }

    #[test]
    fn no_pairs_no_metrics() {
        assert_eq!(stance_metrics(&[]), None);
    }
}

//! Measuring: the area under the ROC curve of a score, and the threshold that best separates
//! two classes; reading the FNC-1 files.

pub mod drift;
pub mod fnc1;
pub mod frank;
pub mod metrics;
pub mod verdict;
pub mod wordnet;

/// The area under the ROC curve: the probability that a random positive scores above a random
/// negative, ties counting one half. `None` when either class is empty.
pub fn auroc(scores: &[(f64, bool)]) -> Option<f64> {
    let pos = scores.iter().filter(|s| s.1).count();
    let neg = scores.len() - pos;
    if pos == 0 || neg == 0 {
        return None;
    }
    let mut sorted: Vec<(f64, bool)> = scores.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Sum of the positives' ranks, ties given their average rank.
    let mut rank_sum = 0.0;
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i;
        while j + 1 < sorted.len() && sorted[j + 1].0 == sorted[i].0 {
            j += 1;
        }
        let avg_rank = (i + j) as f64 / 2.0 + 1.0;
        rank_sum += avg_rank * sorted[i..=j].iter().filter(|s| s.1).count() as f64;
        i = j + 1;
    }
    let (p, n) = (pos as f64, neg as f64);
    Some((rank_sum - p * (p + 1.0) / 2.0) / (p * n))
}

/// The threshold `t` maximising the accuracy of "positive when score ≥ t", with that accuracy.
/// Ties go to the lowest such threshold. `None` for no scores.
pub fn best_threshold(scores: &[(f64, bool)]) -> Option<(f64, f64)> {
    if scores.is_empty() {
        return None;
    }
    let mut sorted: Vec<(f64, bool)> = scores.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total_pos = sorted.iter().filter(|s| s.1).count();
    // Threshold at sorted[i].0: everything from i on is called positive.
    let mut neg_below = 0usize;
    let mut pos_below = 0usize;
    let mut best = (sorted[0].0, total_pos);
    let mut i = 0;
    while i < sorted.len() {
        let correct = neg_below + (total_pos - pos_below);
        if correct > best.1 {
            best = (sorted[i].0, correct);
        }
        let v = sorted[i].0;
        while i < sorted.len() && sorted[i].0 == v {
            if sorted[i].1 {
                pos_below += 1;
            } else {
                neg_below += 1;
            }
            i += 1;
        }
    }
    let n = sorted.len() as f64;
    Some((best.0, best.1 as f64 / n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auroc_hand_computed() {
        assert_eq!(auroc(&[(0.9, true), (0.1, false)]), Some(1.0));
        assert_eq!(auroc(&[(0.1, true), (0.9, false)]), Some(0.0));
        assert_eq!(auroc(&[(0.5, true), (0.5, false)]), Some(0.5));
        // Positives 0.8, 0.4; negatives 0.6, 0.2: pairs won 3 of 4.
        let s = [(0.8, true), (0.4, true), (0.6, false), (0.2, false)];
        assert_eq!(auroc(&s), Some(0.75));
        assert_eq!(auroc(&[(0.3, true)]), None);
    }

    #[test]
    fn threshold_hand_computed() {
        let s = [
            (0.1, false),
            (0.2, false),
            (0.35, true),
            (0.3, false),
            (0.9, true),
        ];
        assert_eq!(best_threshold(&s), Some((0.35, 1.0)));
        let s = [(0.1, true), (0.2, false), (0.9, true)];
        let (t, acc) = best_threshold(&s).unwrap();
        assert_eq!(t, 0.1);
        assert!((acc - 2.0 / 3.0).abs() < 1e-12);
    }
}

//! Human judgements of faithfulness: how well headcheck's score and verdict agree with people
//! who judged machine-written summaries against their articles (FRANK: Pagnoni, Balachandran and
//! Tsvetkov, NAACL 2021), per dataset.
//!
//! Each judged item has a `factuality` in [0, 1] (the share of its sentences people found free
//! of factual errors) and the summarising system that wrote it. headcheck's figures: the AUROC of
//! the score for telling fully faithful items (`factuality` 1) from the others; the balanced
//! accuracy of the verdict (`consistent` for faithful, anything else for not); and FRANK's own
//! figure, the partial Pearson and Spearman correlations of the score with `factuality`, the
//! summarising system held constant.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::auroc;
use crate::Verdict;

/// One judged summary, as FRANK-style JSON Lines give it.
#[derive(Clone, Debug, Deserialize)]
pub struct JudgedRecord {
    /// The record's id.
    #[serde(default)]
    pub id: Option<String>,
    /// Which dataset it comes from (`bbc`, `cnndm`).
    pub dataset: String,
    /// The summarising system.
    pub model: String,
    /// The share of its sentences judged free of factual errors, in [0, 1].
    pub factuality: f64,
    /// The summary, checked as a headline.
    pub headline: String,
    /// The article.
    pub body: String,
}

/// Each record checked (scores only, no evidence) against its article, every article indexed
/// once however many summaries of it were judged: per record, its report and its article's
/// number (articles numbered in text order).
pub fn check_judged(
    checker: &crate::Checker,
    records: &[JudgedRecord],
) -> Vec<(crate::Report, usize)> {
    use rayon::prelude::*;
    let mut bodies: Vec<&str> = records.iter().map(|r| r.body.as_str()).collect();
    bodies.sort_unstable();
    bodies.dedup();
    let indexes: Vec<crate::BodyIndex> = bodies.par_iter().map(|b| checker.index_body(b)).collect();
    records
        .par_iter()
        .map(|r| {
            let at = bodies.binary_search(&r.body.as_str()).unwrap_or(0);
            let headline = checker.prepare_headline(&r.headline);
            (
                checker.check_with(&headline, &indexes[at], crate::Detail::Scores),
                at,
            )
        })
        .collect()
}

/// One judged item as headcheck scored it.
#[derive(Clone, Debug, PartialEq)]
pub struct Judged {
    /// Its dataset.
    pub dataset: String,
    /// The summarising system.
    pub system: String,
    /// People's judgement.
    pub factuality: f64,
    /// headcheck's score.
    pub score: f64,
    /// headcheck's verdict.
    pub verdict: Verdict,
}

/// The figures for one dataset (or all of them, `dataset` "all").
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct JudgedMetrics {
    /// The dataset.
    pub dataset: String,
    /// How many items.
    pub items: usize,
    /// How many of them people judged fully faithful (`factuality` 1).
    pub faithful: usize,
    /// The AUROC of the score for faithful against the rest (`None` when either is empty).
    pub auroc: Option<f64>,
    /// The mean of the verdict's recall on faithful items (called `consistent`) and on the
    /// others (called anything else); `None` when either is empty.
    pub balanced_accuracy: Option<f64>,
    /// The share of faithful items called `consistent`.
    pub faithful_consistent: Option<f64>,
    /// The share of the other items called something else.
    pub unfaithful_flagged: Option<f64>,
    /// Pearson correlation of the score and `factuality`, the system held constant (both
    /// centred on each system's mean).
    pub partial_pearson: Option<f64>,
    /// The same on ranks (average ranks for ties): FRANK's partial Spearman correlation.
    pub partial_spearman: Option<f64>,
}

/// The figures per dataset, in name order, then for all items together.
pub fn judged_metrics(items: &[Judged]) -> Vec<JudgedMetrics> {
    let mut by_dataset: BTreeMap<&str, Vec<&Judged>> = BTreeMap::new();
    for item in items {
        by_dataset.entry(&item.dataset).or_default().push(item);
    }
    let mut out: Vec<JudgedMetrics> = by_dataset
        .iter()
        .map(|(name, list)| metrics_of(name, list))
        .collect();
    if by_dataset.len() > 1 {
        let all: Vec<&Judged> = items.iter().collect();
        out.push(metrics_of("all", &all));
    }
    out
}

fn metrics_of(name: &str, items: &[&Judged]) -> JudgedMetrics {
    let faithful = |j: &Judged| j.factuality >= 1.0;
    let scored: Vec<(f64, bool)> = items.iter().map(|j| (j.score, faithful(j))).collect();
    let n_faithful = scored.iter().filter(|s| s.1).count();
    let share = |hits: usize, of: usize| (of > 0).then(|| hits as f64 / of as f64);
    let consistent_faithful = items
        .iter()
        .filter(|j| faithful(j) && j.verdict == Verdict::Consistent)
        .count();
    let flagged_other = items
        .iter()
        .filter(|j| !faithful(j) && j.verdict != Verdict::Consistent)
        .count();
    let recall_faithful = share(consistent_faithful, n_faithful);
    let recall_other = share(flagged_other, items.len() - n_faithful);
    let systems: Vec<&str> = items.iter().map(|j| j.system.as_str()).collect();
    let score: Vec<f64> = items.iter().map(|j| j.score).collect();
    let fact: Vec<f64> = items.iter().map(|j| j.factuality).collect();
    JudgedMetrics {
        dataset: name.to_string(),
        items: items.len(),
        faithful: n_faithful,
        auroc: auroc(&scored),
        balanced_accuracy: recall_faithful
            .zip(recall_other)
            .map(|(a, b)| (a + b) / 2.0),
        faithful_consistent: recall_faithful,
        unfaithful_flagged: recall_other,
        partial_pearson: partial_correlation(&score, &fact, &systems),
        partial_spearman: partial_correlation(&ranks(&score), &ranks(&fact), &systems),
    }
}

/// Pearson correlation of `x` and `y` after removing each group's mean from both (the residuals
/// of a regression on one indicator per group); `None` when either has no variance left.
pub fn partial_correlation(x: &[f64], y: &[f64], groups: &[&str]) -> Option<f64> {
    let mut sums: BTreeMap<&str, (f64, f64, usize)> = BTreeMap::new();
    for ((&a, &b), &g) in x.iter().zip(y).zip(groups) {
        let e = sums.entry(g).or_default();
        e.0 += a;
        e.1 += b;
        e.2 += 1;
    }
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for ((&a, &b), &g) in x.iter().zip(y).zip(groups) {
        let (sa, sb, n) = sums[g];
        let (da, db) = (a - sa / n as f64, b - sb / n as f64);
        sxy += da * db;
        sxx += da * da;
        syy += db * db;
    }
    (sxx > 1e-12 && syy > 1e-12).then(|| sxy / (sxx * syy).sqrt())
}

/// Each value's rank from 1, ties given their average rank.
pub fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut out = vec![0.0; values.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && values[order[j + 1]] == values[order[i]] {
            j += 1;
        }
        let rank = (i + j) as f64 / 2.0 + 1.0;
        for &k in &order[i..=j] {
            out[k] = rank;
        }
        i = j + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(dataset: &str, system: &str, factuality: f64, score: f64, verdict: Verdict) -> Judged {
        Judged {
            dataset: dataset.into(),
            system: system.into(),
            factuality,
            score,
            verdict,
        }
    }

    #[test]
    fn ranks_share_ties() {
        assert_eq!(ranks(&[3.0, 1.0, 3.0, 2.0]), [3.5, 1.0, 3.5, 2.0]);
    }

    #[test]
    fn partial_correlation_removes_what_the_groups_explain() {
        // Within each group y rises with x, but group b is higher on both: the plain
        // correlation mixes the two, the partial one sees only the within-group rise.
        let x = [0.0, 1.0, 2.0, 10.0, 11.0, 12.0];
        let y = [0.0, 1.0, 2.0, 100.0, 101.0, 102.0];
        let g = ["a", "a", "a", "b", "b", "b"];
        let r = partial_correlation(&x, &y, &g).expect("variance left");
        assert!((r - 1.0).abs() < 1e-12, "{r}");
        // y falls with x inside each group, though it rises across them.
        let y = [2.0, 1.0, 0.0, 102.0, 101.0, 100.0];
        let r = partial_correlation(&x, &y, &g).expect("variance left");
        assert!((r + 1.0).abs() < 1e-12, "{r}");
        // Nothing left once each group's mean is removed.
        assert_eq!(
            partial_correlation(&[1.0, 2.0], &[3.0, 3.0], &["a", "a"]),
            None
        );
    }

    #[test]
    fn figures_per_dataset_and_together() {
        let items = [
            item("bbc", "s1", 1.0, 0.9, Verdict::Consistent),
            item("bbc", "s1", 0.0, 0.2, Verdict::Partial),
            item("bbc", "s2", 0.0, 0.95, Verdict::Consistent),
            item("bbc", "s2", 1.0, 0.6, Verdict::Partial),
            item("cnndm", "s1", 1.0, 0.8, Verdict::Consistent),
            item("cnndm", "s1", 0.5, 0.4, Verdict::Consistent),
        ];
        let m = judged_metrics(&items);
        assert_eq!(
            m.iter().map(|m| m.dataset.as_str()).collect::<Vec<_>>(),
            ["bbc", "cnndm", "all"]
        );
        let bbc = &m[0];
        assert_eq!((bbc.items, bbc.faithful), (4, 2));
        // Faithful 0.9 and 0.6 against 0.2 and 0.95: 2 of 4 pairs ordered right.
        assert_eq!(bbc.auroc, Some(0.5));
        // One of two faithful called consistent, one of two others flagged.
        assert_eq!(bbc.balanced_accuracy, Some(0.5));
        let cnndm = &m[1];
        assert_eq!(cnndm.auroc, Some(1.0));
        assert_eq!(cnndm.unfaithful_flagged, Some(0.0));
        assert_eq!(cnndm.balanced_accuracy, Some(0.5));
        assert_eq!(m[2].items, 6);
    }
}

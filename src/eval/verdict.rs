//! Fitting the verdict model ([`crate::score::VerdictModel`]): a logistic regression, by
//! Newton's method with an L2 penalty, on labelled rows from several sources (people's
//! judgements of summaries, FNC-1 stances, the drift set), each source weighted to the same
//! total; cross-validation by group (an article, a topic) so that no row is scored by a model
//! fitted on its own article; the consistent-from threshold with the best balanced accuracy;
//! and the reliability table that shows whether the probability means what it says.
//! Deterministic: every sum runs in row order.

// Matrix and vector code reads best with its indices.
#![allow(clippy::needless_range_loop)]

use std::collections::BTreeMap;

use crate::score::{VerdictModel, N_VERDICT_FEATURES, VERDICT_FEATURES, VERDICT_FORMAT};

/// Where a row comes from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    /// A judged summary of this dataset (FRANK's `bbc`, `cnndm`).
    Judged(String),
    /// An FNC-1 related pair (agree or discuss: supported; disagree: not).
    Stance,
    /// The drift set: an original headline (supported) or its copy with a name swapped (not).
    Drift,
}

impl Source {
    /// Its name in printed tables.
    pub fn name(&self) -> String {
        match self {
            Source::Judged(d) => format!("judged {d}"),
            Source::Stance => "FNC-1 related pairs".into(),
            Source::Drift => "drift set".into(),
        }
    }
}

/// One labelled pair.
#[derive(Clone, Debug)]
pub struct Row {
    /// The verdict model's features ([`crate::score::verdict_features`]).
    pub features: [f64; N_VERDICT_FEATURES],
    /// Whether people (or the labels) call the headline supported.
    pub supported: bool,
    /// Where it comes from.
    pub source: Source,
    /// Rows of one group (an article, a topic) are always in the same fold.
    pub group: String,
    /// Never consistent whatever the probability: unrelated (below the relatedness gate) or
    /// contradicted (the body denies a claim).
    pub forced: bool,
}

/// How the model is fitted.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct VerdictSettings {
    /// The L2 penalty on the standardised weights (not the constant).
    pub l2: f64,
    /// Folds for cross-validation (≥ 2).
    pub folds: usize,
    /// The share of the total weight held by people's judgements (split equally among their
    /// datasets); the other sources share the rest equally. Without judged rows (or without
    /// others) every source weighs the same.
    pub judged_share: f64,
}

impl Default for VerdictSettings {
    fn default() -> Self {
        VerdictSettings {
            l2: 0.1,
            folds: 5,
            judged_share: 0.8,
        }
    }
}

/// A fitted regression: standardisation, weights, constant, and whether Newton's method
/// converged.
#[derive(Clone, Debug, PartialEq)]
pub struct Logistic {
    /// Feature means.
    pub mean: [f64; N_VERDICT_FEATURES],
    /// Feature standard deviations (1 for a constant feature).
    pub scale: [f64; N_VERDICT_FEATURES],
    /// Weights of the standardised features.
    pub weights: [f64; N_VERDICT_FEATURES],
    /// The constant.
    pub bias: f64,
    /// Whether the fit reached its tolerance.
    pub converged: bool,
}

const P: usize = N_VERDICT_FEATURES + 1;

/// Rounds to 6 decimals, as the model file stores its numbers.
fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

impl Logistic {
    /// The probability of supported.
    pub fn probability(&self, f: &[f64; N_VERDICT_FEATURES]) -> f64 {
        let mut z = self.bias;
        for i in 0..N_VERDICT_FEATURES {
            z += self.weights[i] * (f[i] - self.mean[i]) / self.scale[i];
        }
        1.0 / (1.0 + (-z).exp())
    }
}

/// Each row's weight: the judged sources hold `judged_share` of the total between them, the
/// others the rest, each source of a kind the same.
fn source_weights(rows: &[&Row], judged_share: f64) -> Vec<f64> {
    let mut per: BTreeMap<&Source, usize> = BTreeMap::new();
    for r in rows {
        *per.entry(&r.source).or_default() += 1;
    }
    let judged = per
        .keys()
        .filter(|s| matches!(s, Source::Judged(_)))
        .count();
    let others = per.len() - judged;
    let share = |s: &Source| match (judged, others) {
        (0, _) | (_, 0) => 1.0 / per.len().max(1) as f64,
        _ if matches!(s, Source::Judged(_)) => judged_share / judged as f64,
        _ => (1.0 - judged_share) / others as f64,
    };
    rows.iter()
        .map(|r| share(&r.source) / per[&r.source] as f64)
        .collect()
}

/// Fits the regression on `rows` (all of them when the slice is whole), rounded as stored.
pub fn fit_logistic(rows: &[&Row], settings: VerdictSettings) -> Logistic {
    let l2 = settings.l2;
    let n = rows.len().max(1) as f64;
    let mut mean = [0.0; N_VERDICT_FEATURES];
    for r in rows {
        for (m, v) in mean.iter_mut().zip(&r.features) {
            *m += v / n;
        }
    }
    let mut scale = [0.0; N_VERDICT_FEATURES];
    for r in rows {
        for i in 0..N_VERDICT_FEATURES {
            scale[i] += (r.features[i] - mean[i]).powi(2) / n;
        }
    }
    for i in 0..N_VERDICT_FEATURES {
        mean[i] = round6(mean[i]);
        scale[i] = round6(scale[i].sqrt());
        if scale[i].is_nan() || scale[i] < 1e-6 {
            scale[i] = 1.0;
        }
    }
    let x: Vec<[f64; P]> = rows
        .iter()
        .map(|r| {
            let mut z = [0.0; P];
            z[0] = 1.0;
            for i in 0..N_VERDICT_FEATURES {
                z[i + 1] = (r.features[i] - mean[i]) / scale[i];
            }
            z
        })
        .collect();
    let w = source_weights(rows, settings.judged_share);
    let mut beta = [0.0; P];
    let mut converged = false;
    for _ in 0..MAX_NEWTON_STEPS {
        let mut grad = [0.0; P];
        let mut hess = [[0.0; P]; P];
        for ((xi, r), wi) in x.iter().zip(rows).zip(&w) {
            let z: f64 = xi.iter().zip(&beta).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let y = f64::from(u8::from(r.supported));
            let g = wi * (p - y);
            let h = wi * p * (1.0 - p);
            for a in 0..P {
                grad[a] += g * xi[a];
                for b in 0..=a {
                    hess[a][b] += h * xi[a] * xi[b];
                }
            }
        }
        for a in 1..P {
            grad[a] += l2 * beta[a];
            hess[a][a] += l2;
        }
        // A tiny ridge on the constant too, so that a separable sample cannot make the
        // system singular.
        hess[0][0] += 1e-9;
        for a in 0..P {
            for b in 0..a {
                hess[b][a] = hess[a][b];
            }
        }
        if grad.iter().all(|g| g.abs() < NEWTON_TOLERANCE) {
            converged = true;
            break;
        }
        let Some(step) = solve(hess, grad) else { break };
        for a in 0..P {
            beta[a] -= step[a];
        }
    }
    let mut weights = [0.0; N_VERDICT_FEATURES];
    for i in 0..N_VERDICT_FEATURES {
        weights[i] = round6(beta[i + 1]);
    }
    Logistic {
        mean,
        scale,
        weights,
        bias: round6(beta[0]),
        converged,
    }
}

/// Newton's method stops after this many steps at most.
const MAX_NEWTON_STEPS: usize = 100;

/// It has converged when no gradient component is above this.
const NEWTON_TOLERANCE: f64 = 1e-10;

/// Solves `a x = b` for a symmetric positive definite `a` (Cholesky); `None` if it is not.
fn solve(mut a: [[f64; P]; P], b: [f64; P]) -> Option<[f64; P]> {
    for j in 0..P {
        let mut d = a[j][j];
        for k in 0..j {
            d -= a[j][k] * a[j][k];
        }
        if d.is_nan() || d <= 0.0 {
            return None;
        }
        let d = d.sqrt();
        a[j][j] = d;
        for i in j + 1..P {
            let mut s = a[i][j];
            for k in 0..j {
                s -= a[i][k] * a[j][k];
            }
            a[i][j] = s / d;
        }
    }
    let mut y = [0.0; P];
    for i in 0..P {
        let mut s = b[i];
        for k in 0..i {
            s -= a[i][k] * y[k];
        }
        y[i] = s / a[i][i];
    }
    let mut x = [0.0; P];
    for i in (0..P).rev() {
        let mut s = y[i];
        for k in i + 1..P {
            s -= a[k][i] * x[k];
        }
        x[i] = s / a[i][i];
    }
    Some(x)
}

/// The probability a row's verdict is decided on: its own, or −1 (never consistent) when it is
/// forced, a name, number or quote of it is unsupported, or an unsupported claim weighs at
/// least `partial_from`, which make a headline partial whatever the probability
/// ([`crate::score::decide`]).
pub fn verdict_probability(p: f64, row: &Row, partial_from: f64) -> f64 {
    if row.forced
        || row.features[MISSING_FACTS] > 0.0
        || row.features[HEAVIEST_MISSING] >= partial_from
    {
        -1.0
    } else {
        p
    }
}

/// Where `missing_facts` and `heaviest_missing` are among the features.
const MISSING_FACTS: usize = 8;
const HEAVIEST_MISSING: usize = 9;

/// The weights from which an unsupported claim makes a headline partial that the fit chooses
/// among (above 1: never).
pub const PARTIAL_FROM_CANDIDATES: [f64; 8] = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.5];

/// The rule with the best mean balanced accuracy over the sources on `rows` scored by
/// `model`: (the weight from which an unsupported claim makes a headline partial, the
/// probability from which it is consistent). Ties go to the higher weight.
pub fn choose_rule(model: &Logistic, rows: &[&Row]) -> (f64, f64) {
    let probability: Vec<f64> = rows
        .iter()
        .map(|r| model.probability(&r.features))
        .collect();
    let mut best = (f64::NEG_INFINITY, 1.5, 0.5);
    for &from in PARTIAL_FROM_CANDIDATES.iter().rev() {
        let scored: Vec<(f64, &Row)> = rows
            .iter()
            .zip(&probability)
            .map(|(r, &p)| (verdict_probability(p, r, from), *r))
            .collect();
        let (t, score) = balanced_threshold(&scored);
        if score > best.0 + 1e-12 {
            best = (score, from, t);
        }
    }
    (best.1, best.2)
}

/// The threshold `t` with the best balanced accuracy of "supported when p ≥ t", averaged over
/// the sources (each source's balanced accuracy, then their mean); ties to the lowest. Only
/// sources with both classes count. `scored` holds (probability, row). Returns the threshold
/// and its mean balanced accuracy.
pub fn balanced_threshold(scored: &[(f64, &Row)]) -> (f64, f64) {
    let mut candidates: Vec<f64> = scored
        .iter()
        .map(|s| round6(s.0))
        .filter(|&p| p >= 0.0)
        .collect();
    candidates.sort_by(f64::total_cmp);
    candidates.dedup();
    let mut per: BTreeMap<&Source, Vec<(f64, bool)>> = BTreeMap::new();
    for (p, r) in scored {
        per.entry(&r.source).or_default().push((*p, r.supported));
    }
    let per: Vec<Vec<(f64, bool)>> = per
        .into_values()
        .filter(|v| v.iter().any(|s| s.1) && v.iter().any(|s| !s.1))
        .collect();
    let mut best = (0.5, f64::NEG_INFINITY);
    for &t in &candidates {
        let mean = per
            .iter()
            .map(|v| balanced_accuracy(v, t).unwrap_or(0.0))
            .sum::<f64>()
            / per.len().max(1) as f64;
        if mean > best.1 + 1e-12 {
            best = (t, mean);
        }
    }
    best
}

/// The balanced accuracy of "supported when p ≥ t": the mean of the recalls of both classes.
pub fn balanced_accuracy(scored: &[(f64, bool)], t: f64) -> Option<f64> {
    let pos = scored.iter().filter(|s| s.1).count();
    let neg = scored.len() - pos;
    if pos == 0 || neg == 0 {
        return None;
    }
    let tp = scored.iter().filter(|s| s.1 && s.0 >= t).count();
    let tn = scored.iter().filter(|s| !s.1 && s.0 < t).count();
    Some((tp as f64 / pos as f64 + tn as f64 / neg as f64) / 2.0)
}

/// Per row, its fold: rows of one group together; per source, the largest groups first, each
/// to the fold with the fewest rows of that source so far.
pub fn folds(rows: &[Row], k: usize) -> Vec<usize> {
    let k = k.max(1);
    let mut size: BTreeMap<(&Source, &str), usize> = BTreeMap::new();
    for r in rows {
        *size.entry((&r.source, &r.group)).or_default() += 1;
    }
    let mut order: Vec<(&(&Source, &str), &usize)> = size.iter().collect();
    order.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let mut filled: BTreeMap<&Source, Vec<usize>> = BTreeMap::new();
    let mut fold_of: BTreeMap<(&Source, &str), usize> = BTreeMap::new();
    for (key, &n) in order {
        let filled = filled.entry(key.0).or_insert_with(|| vec![0; k]);
        let f = (0..k).min_by_key(|&f| (filled[f], f)).unwrap_or(0);
        filled[f] += n;
        fold_of.insert(*key, f);
    }
    rows.iter()
        .map(|r| fold_of[&(&r.source, r.group.as_str())])
        .collect()
}

/// One fit's figures: per row the probability cross-validated (fitted without its fold) and
/// whether the fold's model, with the threshold chosen on its own fitting rows, calls it
/// consistent.
#[derive(Clone, Debug)]
pub struct CrossValidated {
    /// Per row: its held-out probability.
    pub probability: Vec<f64>,
    /// Per row: called consistent by its fold's model and threshold.
    pub consistent: Vec<bool>,
}

/// Cross-validates the whole procedure (fit, then threshold) over `k` folds by group.
pub fn cross_validate(rows: &[Row], settings: VerdictSettings) -> CrossValidated {
    let fold = folds(rows, settings.folds);
    let mut probability = vec![0.0; rows.len()];
    let mut consistent = vec![false; rows.len()];
    for f in 0..settings.folds.max(1) {
        let train: Vec<&Row> = rows
            .iter()
            .zip(&fold)
            .filter(|(_, &g)| g != f)
            .map(|(r, _)| r)
            .collect();
        if train.is_empty() {
            continue;
        }
        let model = fit_logistic(&train, settings);
        let (from, t) = choose_rule(&model, &train);
        for (i, r) in rows.iter().enumerate() {
            if fold[i] == f {
                probability[i] = model.probability(&r.features);
                consistent[i] = verdict_probability(probability[i], r, from) >= t;
            }
        }
    }
    CrossValidated {
        probability,
        consistent,
    }
}

/// Fits the shipped model on every row: the regression, then the rule ([`choose_rule`]) on its
/// own probabilities; the relatedness gate is carried over from `gate`.
pub fn fit_verdict(
    rows: &[Row],
    settings: VerdictSettings,
    gate: &VerdictModel,
    trained_on: &str,
) -> (VerdictModel, bool) {
    let all: Vec<&Row> = rows.iter().collect();
    let fit = fit_logistic(&all, settings);
    let (from, t) = choose_rule(&fit, &all);
    (
        VerdictModel {
            format: VERDICT_FORMAT.into(),
            lang: "en".into(),
            trained_on: trained_on.into(),
            features: VERDICT_FEATURES.iter().map(|s| s.to_string()).collect(),
            mean: fit.mean.to_vec(),
            scale: fit.scale.to_vec(),
            weights: fit.weights.to_vec(),
            bias: fit.bias,
            consistent_from: t,
            partial_from: from,
            relatedness_parts: gate.relatedness_parts,
            unrelated_below: gate.unrelated_below,
        },
        fit.converged,
    )
}

/// One bin of a reliability table.
#[derive(Clone, Debug, PartialEq)]
pub struct Bin {
    /// The bin's probabilities: from (inclusive) …
    pub from: f64,
    /// … to (exclusive; the last bin includes 1).
    pub to: f64,
    /// Rows in it.
    pub rows: usize,
    /// Their mean probability.
    pub mean_probability: f64,
    /// The share of them that are supported.
    pub observed: f64,
}

/// The reliability table of (probability, supported) pairs in `bins` equal-width bins (empty
/// bins left out).
pub fn reliability(scored: &[(f64, bool)], bins: usize) -> Vec<Bin> {
    let bins = bins.max(1);
    let mut sums = vec![(0usize, 0.0, 0usize); bins];
    for &(p, y) in scored {
        let b = ((p.clamp(0.0, 1.0) * bins as f64) as usize).min(bins - 1);
        sums[b].0 += 1;
        sums[b].1 += p;
        sums[b].2 += usize::from(y);
    }
    sums.iter()
        .enumerate()
        .filter(|(_, s)| s.0 > 0)
        .map(|(b, &(n, p, y))| Bin {
            from: b as f64 / bins as f64,
            to: (b + 1) as f64 / bins as f64,
            rows: n,
            mean_probability: p / n as f64,
            observed: y as f64 / n as f64,
        })
        .collect()
}

/// The verdict model's features of a report (its claims, coverage, similarity and stance).
pub fn features_of(report: &crate::Report) -> [f64; N_VERDICT_FEATURES] {
    crate::score::verdict_features(
        &report.claims,
        report.coverage,
        report.similarity,
        report
            .stance
            .as_ref()
            .map_or(0.0, |s| s.probabilities.disagree),
    )
}

/// Whether a report's verdict is fixed whatever the fitted model says: unrelated or
/// contradicted.
pub fn is_forced(report: &crate::Report) -> bool {
    matches!(
        report.verdict,
        crate::Verdict::Unrelated | crate::Verdict::Contradicted
    )
}

/// Rows from judged summaries: supported when `factuality` is 1; grouped by article (the id
/// before its `:`, else the body).
pub fn judged_rows(checker: &crate::Checker, records: &[super::frank::JudgedRecord]) -> Vec<Row> {
    records
        .iter()
        .zip(super::frank::check_judged(checker, records))
        .map(|(r, (report, at))| {
            let group = match r.id.as_deref().and_then(|id| id.split_once(':')) {
                Some((article, _)) => article.to_string(),
                None => format!("body {at}"),
            };
            Row {
                features: features_of(&report),
                supported: r.factuality >= 1.0,
                source: Source::Judged(r.dataset.clone()),
                group,
                forced: is_forced(&report),
            }
        })
        .collect()
}

/// Per pair, its topic's name ([`super::fnc1::topics`]).
pub fn topics_of(pairs: &[super::fnc1::Pair]) -> Vec<String> {
    super::fnc1::topics(pairs)
        .into_iter()
        .map(|g| format!("topic {g}"))
        .collect()
}

/// Rows from FNC-1 related pairs whose body is in `index`: agree and discuss supported,
/// disagree not; grouped by topic.
pub fn stance_rows(
    checker: &crate::Checker,
    pairs: &[super::fnc1::Pair],
    index: &BTreeMap<u32, crate::BodyIndex>,
) -> Vec<Row> {
    use rayon::prelude::*;
    let topics = topics_of(pairs);
    pairs
        .par_iter()
        .zip(&topics)
        .filter_map(|(p, topic)| {
            let supported = match p.stance.as_deref()? {
                "agree" | "discuss" => true,
                "disagree" => false,
                _ => return None,
            };
            let body = index.get(&p.body_id)?;
            let report = checker.check_with(
                &checker.prepare_headline(&p.headline),
                body,
                crate::Detail::Scores,
            );
            Some(Row {
                features: features_of(&report),
                supported,
                source: Source::Stance,
                group: topic.clone(),
                forced: is_forced(&report),
            })
        })
        .collect()
}

/// Rows from a drift set of `pairs`: each drifted copy (not supported) and its original
/// (supported), grouped by the original's topic.
pub fn drift_rows(
    checker: &crate::Checker,
    pairs: &[super::fnc1::Pair],
    index: &BTreeMap<u32, crate::BodyIndex>,
    set: &super::drift::DriftSet,
) -> Vec<Row> {
    use rayon::prelude::*;
    let topics = topics_of(pairs);
    let originals: BTreeMap<usize, &crate::Report> =
        set.originals.iter().map(|(n, r)| (*n, r)).collect();
    set.cases
        .par_iter()
        .flat_map_iter(|case| {
            let pair = &pairs[case.pair];
            let body = &index[&pair.body_id];
            let edited = checker.check_with(
                &checker.prepare_headline(&case.edited),
                body,
                crate::Detail::Scores,
            );
            let group = topics[case.pair].clone();
            let original = originals.get(&case.pair).map(|r| Row {
                features: features_of(r),
                supported: true,
                source: Source::Drift,
                group: group.clone(),
                forced: is_forced(r),
            });
            original.into_iter().chain(std::iter::once(Row {
                features: features_of(&edited),
                supported: false,
                source: Source::Drift,
                group,
                forced: is_forced(&edited),
            }))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(x: f64, supported: bool, source: Source, group: &str) -> Row {
        let mut features = [0.0; N_VERDICT_FEATURES];
        features[0] = x;
        features[1] = 1.0; // constant: scale stays 1
        Row {
            features,
            supported,
            source,
            group: group.into(),
            forced: false,
        }
    }

    #[test]
    fn the_fit_finds_the_direction_and_the_threshold() {
        let rows: Vec<Row> = (0..40)
            .map(|i| {
                let x = i as f64 / 40.0;
                // Supported above 0.5, with two rows the other way round.
                let y = (x >= 0.5) != (i == 10 || i == 30);
                row(x, y, Source::Stance, &format!("g{}", i % 8))
            })
            .collect();
        let all: Vec<&Row> = rows.iter().collect();
        let settings = VerdictSettings {
            l2: 0.001,
            folds: 4,
            judged_share: 0.5,
        };
        let fit = fit_logistic(&all, settings);
        assert!(fit.converged);
        assert!(fit.weights[0] > 1.0, "{fit:?}");
        assert_eq!(fit.scale[1], 1.0);
        assert_eq!(fit.weights[1], 0.0);
        let scored: Vec<(f64, &Row)> = rows
            .iter()
            .map(|r| (fit.probability(&r.features), r))
            .collect();
        let (t, _) = balanced_threshold(&scored);
        let at_half = fit.probability(&row(0.5, true, Source::Stance, "").features);
        let below = fit.probability(&row(0.475, true, Source::Stance, "").features);
        assert!(t <= at_half && t > below, "{t} {below} {at_half}");
        let cv = cross_validate(&rows, settings);
        let right = rows
            .iter()
            .zip(&cv.consistent)
            .filter(|(r, &c)| r.supported == c)
            .count();
        assert!(right >= 34, "{right}");
    }

    #[test]
    fn folds_keep_groups_together_and_sources_apart() {
        let mut rows = Vec::new();
        for g in 0..6 {
            for _ in 0..=g {
                rows.push(row(
                    0.0,
                    true,
                    Source::Judged("bbc".into()),
                    &format!("a{g}"),
                ));
            }
            rows.push(row(0.0, false, Source::Drift, &format!("a{g}")));
        }
        let f = folds(&rows, 3);
        for (a, fa) in rows.iter().zip(&f) {
            for (b, fb) in rows.iter().zip(&f) {
                if a.group == b.group && a.source == b.source {
                    assert_eq!(fa, fb);
                }
            }
        }
        // Each source spread over every fold.
        for source in [Source::Judged("bbc".into()), Source::Drift] {
            let used: std::collections::BTreeSet<usize> = rows
                .iter()
                .zip(&f)
                .filter(|(r, _)| r.source == source)
                .map(|(_, &x)| x)
                .collect();
            assert_eq!(used.len(), 3, "{source:?}");
        }
    }

    #[test]
    fn sources_weigh_the_same() {
        let a = row(0.0, true, Source::Stance, "x");
        let b = row(0.0, true, Source::Drift, "x");
        let rows = [&a, &a, &a, &b];
        let w = source_weights(&rows, 0.9);
        assert_eq!(w, [1.0 / 6.0, 1.0 / 6.0, 1.0 / 6.0, 0.5]);
        let c = row(0.0, true, Source::Judged("bbc".into()), "x");
        let w = source_weights(&[&a, &c, &c, &b], 0.6);
        assert_eq!(w, [0.2, 0.3, 0.3, 0.2]);
    }

    #[test]
    fn reliability_bins() {
        let s = [
            (0.05, false),
            (0.15, false),
            (0.12, true),
            (0.95, true),
            (1.0, true),
        ];
        let t = reliability(&s, 10);
        assert_eq!(t.len(), 3);
        assert_eq!((t[1].rows, t[1].observed), (2, 0.5));
        assert_eq!((t[2].from, t[2].rows), (0.9, 2));
        assert!((t[2].mean_probability - 0.975).abs() < 1e-12);
        let half = balanced_accuracy(&s, 0.5).unwrap();
        assert!((half - 5.0 / 6.0).abs() < 1e-12, "{half}");
        assert_eq!(balanced_accuracy(&s, 0.1), Some(0.75));
    }
}

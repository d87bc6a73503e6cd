//! Fitting a stance model in two stages: logistic regression for related against unrelated
//! (on every pair), then, on the related pairs, multinomial logistic regression over agree,
//! disagree and discuss blended with gradient-boosted trees ([`super::trees`]). The regressions
//! have an L2 penalty and class weights and are minimised by L-BFGS. Deterministic: the same
//! samples in the same order give the same model (every sum runs in sample order on one thread).

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::model::{FeatureWeights, Model, PerStance, FORMAT};
use super::trees::{self, Forest};
use super::{Features, Stance, FEATURES, N_FEATURES};

/// One labelled pair.
#[derive(Clone, Debug)]
pub struct Sample {
    /// Its features.
    pub features: Features,
    /// Its true stance.
    pub stance: Stance,
}

/// How a model is fitted.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FitSettings {
    /// The L2 penalty on the regressions' weights (not the constant terms), per sample. The
    /// first stage is fitted as a two-class softmax with both classes' weights penalised, so on
    /// the weights it stores (their difference) the penalty is `l2 / 2`.
    pub l2: f64,
    /// How far rare classes are weighted up, in each stage: each sample counts
    /// (pairs / (classes × pairs of its class))^balance, so 0 is unweighted and 1 fully balanced.
    pub balance: f64,
    /// The trees' share of the related stances' log-odds: 0 is the regression alone, 1 the
    /// trees alone.
    pub trees: f64,
}

/// Parameters per class: the constant term, then one weight per feature.
const P: usize = N_FEATURES + 1;

impl FitSettings {
    /// Checks the settings: `l2` finite and not negative, `balance` and `trees` in [0, 1].
    pub fn check(&self) -> Result<(), String> {
        if !(self.l2.is_finite() && self.l2 >= 0.0) {
            return Err(format!("--l2 must be a number ≥ 0, not {}", self.l2));
        }
        for (name, v) in [("--balance", self.balance), ("--trees", self.trees)] {
            if !(v.is_finite() && (0.0..=1.0).contains(&v)) {
                return Err(format!("{name} must be a number from 0 to 1, not {v}"));
            }
        }
        Ok(())
    }
}

/// A fitted model, and whether the fit converged (the gradient's largest component below
/// [`CONVERGED_GRADIENT`] at the end).
#[derive(Clone, Debug)]
pub struct Fit {
    /// The model.
    pub model: Model,
    /// Whether the optimiser reached the minimum.
    pub converged: bool,
}

/// A fit whose final gradient has no component above this counts as converged.
pub const CONVERGED_GRADIENT: f64 = 1e-4;

/// The most L-BFGS iterations a fit makes.
const MAX_ITERATIONS: usize = 1000;

/// A fit stops when the gradient's largest component is below this.
const GRADIENT_TOLERANCE: f64 = 1e-7;

/// Rounds to 6 decimals, as the model file stores weights and tree values.
pub(super) fn round(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// Fits a model on `samples` (which must not be empty). `trained_on` says what they were. The
/// means and scales are rounded as the model file stores them before the features are
/// standardised, and the regressions' weights after the fit; the trees' values and thresholds
/// are rounded as they are grown. The stored model is the one that predicts.
pub fn fit(samples: &[Sample], settings: FitSettings, lang: &str, trained_on: &str) -> Fit {
    let linear = fit_linear(samples, settings.l2, settings.balance);
    let forest = if settings.trees > 0.0 {
        grow_forest(samples, settings.balance)
    } else {
        Forest::default()
    };
    linear.model(settings, forest, lang, trained_on)
}

/// The two regressions of a model, fitted (see [`fit_linear`]).
#[derive(Clone, Debug)]
pub struct Linear {
    mean: [f64; N_FEATURES],
    scale: [f64; N_FEATURES],
    /// Unrelated against related: constant and weights.
    unrelated: Vec<f64>,
    /// Agree, disagree, discuss: constant and weights of each.
    related: Vec<f64>,
    converged: bool,
}

impl Linear {
    /// The model of these regressions with `forest`, fitted with `settings`.
    pub fn model(
        &self,
        settings: FitSettings,
        forest: Forest,
        lang: &str,
        trained_on: &str,
    ) -> Fit {
        let at = |k: usize, j: usize| {
            if k == 3 {
                self.unrelated[j]
            } else {
                self.related[k * P + j]
            }
        };
        let model = Model {
            format: FORMAT.to_string(),
            lang: lang.to_string(),
            trained_on: trained_on.to_string(),
            settings,
            bias: PerStance::from_array([at(0, 0), at(1, 0), at(2, 0), at(3, 0)]),
            features: (0..N_FEATURES)
                .map(|i| FeatureWeights {
                    name: FEATURES[i].to_string(),
                    mean: self.mean[i],
                    scale: self.scale[i],
                    weights: PerStance::from_array([
                        at(0, i + 1),
                        at(1, i + 1),
                        at(2, i + 1),
                        at(3, i + 1),
                    ]),
                })
                .collect(),
            trees: forest,
            lexicons: Default::default(),
            table: Default::default(),
        };
        Fit {
            model,
            converged: self.converged,
        }
    }
}

/// Class weights (n / (classes × n_c))^balance per sample, for `labels` in 0..`classes`.
fn class_weights(labels: &[usize], classes: usize, balance: f64) -> Vec<f64> {
    let mut counts = vec![0usize; classes];
    for &l in labels {
        counts[l] += 1;
    }
    let n = labels.len() as f64;
    let per_class: Vec<f64> = counts
        .iter()
        .map(|&c| {
            if c == 0 {
                0.0
            } else {
                (n / (classes as f64 * c as f64)).powf(balance)
            }
        })
        .collect();
    labels.iter().map(|&l| per_class[l]).collect()
}

/// The related samples' labels: 0 agree, 1 disagree, 2 discuss.
fn related_labels(samples: &[Sample]) -> (Vec<usize>, Vec<usize>) {
    samples
        .iter()
        .enumerate()
        .filter(|(_, s)| s.stance.is_related())
        .map(|(i, s)| (i, s.stance.index()))
        .unzip()
}

/// Fits the two regressions: standardisation over all samples, unrelated against related on
/// all of them, and the three related stances on the related ones.
pub fn fit_linear(samples: &[Sample], l2: f64, balance: f64) -> Linear {
    let n = samples.len().max(1) as f64;
    // Standardisation.
    let mut mean = [0.0; N_FEATURES];
    for s in samples {
        for (m, v) in mean.iter_mut().zip(&s.features.values) {
            *m += v;
        }
    }
    mean.iter_mut().for_each(|m| *m /= n);
    let mut scale = [0.0; N_FEATURES];
    for s in samples {
        for i in 0..N_FEATURES {
            scale[i] += (s.features.values[i] - mean[i]).powi(2);
        }
    }
    for s in &mut scale {
        *s = round((*s / n).sqrt());
        // A constant feature (or one whose spread rounds away) keeps scale 1.
        if s.is_nan() || *s < 1e-6 {
            *s = 1.0;
        }
    }
    for m in &mut mean {
        *m = round(*m);
    }
    let rows: Vec<[f64; N_FEATURES]> = samples
        .iter()
        .map(|s| {
            let mut z = [0.0; N_FEATURES];
            for i in 0..N_FEATURES {
                z[i] = (s.features.values[i] - mean[i]) / scale[i];
            }
            z
        })
        .collect();
    // Stage one: class 0 related, 1 unrelated; stored as the unrelated log-odds.
    let labels: Vec<usize> = samples
        .iter()
        .map(|s| usize::from(!s.stance.is_related()))
        .collect();
    let (theta, converged_1) = fit_softmax(&rows, &labels, 2, l2, balance);
    let unrelated: Vec<f64> = (0..P).map(|j| round(theta[P + j] - theta[j])).collect();
    // Stage two.
    let (index, labels) = related_labels(samples);
    let related_rows: Vec<[f64; N_FEATURES]> = index.iter().map(|&i| rows[i]).collect();
    let (theta, converged_2) = fit_softmax(&related_rows, &labels, 3, l2, balance);
    Linear {
        mean,
        scale,
        unrelated,
        related: theta.into_iter().map(round).collect(),
        converged: converged_1 && converged_2,
    }
}

/// Fits a `classes`-way softmax regression with class weights from `balance`: its parameters
/// (per class, the constant then the weights) and whether it converged.
fn fit_softmax(
    rows: &[[f64; N_FEATURES]],
    labels: &[usize],
    classes: usize,
    l2: f64,
    balance: f64,
) -> (Vec<f64>, bool) {
    let objective = Objective {
        classes,
        rows,
        labels,
        weights: &class_weights(labels, classes, balance),
        l2,
    };
    lbfgs(&objective, vec![0.0; classes * P])
}

/// Grows the trees on the related samples' raw features, with class weights as [`fit_linear`].
pub fn grow_forest(samples: &[Sample], balance: f64) -> Forest {
    let (index, labels) = related_labels(samples);
    let rows: Vec<[f64; N_FEATURES]> = index.iter().map(|&i| samples[i].features.values).collect();
    trees::grow(&rows, &labels, &class_weights(&labels, 3, balance))
}

/// The weighted mean cross-entropy of a `classes`-way softmax regression plus the L2 penalty,
/// with its gradient.
struct Objective<'a> {
    classes: usize,
    rows: &'a [[f64; N_FEATURES]],
    labels: &'a [usize],
    weights: &'a [f64],
    l2: f64,
}

impl Objective<'_> {
    fn value_and_gradient(&self, theta: &[f64]) -> (f64, Vec<f64>) {
        let k_max = self.classes;
        let mut grad = vec![0.0; theta.len()];
        let mut loss = 0.0;
        let total: f64 = self.weights.iter().sum::<f64>().max(f64::MIN_POSITIVE);
        let mut p = vec![0.0; k_max];
        for ((z, &y), &w) in self.rows.iter().zip(self.labels).zip(self.weights) {
            if w == 0.0 {
                continue;
            }
            for (k, l) in p.iter_mut().enumerate() {
                let t = &theta[k * P..(k + 1) * P];
                *l = t[0] + t[1..].iter().zip(z).map(|(a, b)| a * b).sum::<f64>();
            }
            softmax_in_place(&mut p);
            loss -= w * p[y].max(1e-300).ln();
            for k in 0..k_max {
                let d = w * (p[k] - f64::from(u8::from(k == y)));
                let g = &mut grad[k * P..(k + 1) * P];
                g[0] += d;
                for (gj, zj) in g[1..].iter_mut().zip(z) {
                    *gj += d * zj;
                }
            }
        }
        loss /= total;
        grad.iter_mut().for_each(|g| *g /= total);
        for k in 0..k_max {
            for j in 1..P {
                let t = theta[k * P + j];
                loss += 0.5 * self.l2 * t * t;
                grad[k * P + j] += self.l2 * t;
            }
        }
        (loss, grad)
    }
}

/// Turns log-odds into probabilities, in place.
pub(crate) fn softmax_in_place(v: &mut [f64]) {
    let max = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    v.iter_mut().for_each(|x| *x = (*x - max).exp());
    let sum: f64 = v.iter().sum();
    v.iter_mut().for_each(|x| *x /= sum);
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Minimises `objective` from `theta` by L-BFGS (10 corrections) with a backtracking line
/// search; says whether the end is a minimum (see [`CONVERGED_GRADIENT`]).
fn lbfgs(objective: &Objective<'_>, mut theta: Vec<f64>) -> (Vec<f64>, bool) {
    const MEMORY: usize = 10;
    let (mut f, mut g) = objective.value_and_gradient(&theta);
    let mut history: Vec<(Vec<f64>, Vec<f64>, f64)> = Vec::new(); // (s, y, 1 / yᵀs)
    for _ in 0..MAX_ITERATIONS {
        if g.iter().all(|x| x.abs() < GRADIENT_TOLERANCE) {
            break;
        }
        // Two-loop recursion: direction = −H·g.
        let mut q = g.clone();
        let mut alphas = Vec::with_capacity(history.len());
        for (s, y, rho) in history.iter().rev() {
            let a = rho * dot(s, &q);
            q.iter_mut().zip(y).for_each(|(qi, yi)| *qi -= a * yi);
            alphas.push(a);
        }
        if let Some((s, y, _)) = history.last() {
            let gamma = dot(s, y) / dot(y, y);
            q.iter_mut().for_each(|qi| *qi *= gamma);
        }
        for ((s, y, rho), a) in history.iter().zip(alphas.iter().rev()) {
            let b = rho * dot(y, &q);
            q.iter_mut().zip(s).for_each(|(qi, si)| *qi += (a - b) * si);
        }
        let mut direction: Vec<f64> = q.iter().map(|x| -x).collect();
        let mut slope = dot(&g, &direction);
        if slope.is_nan() || slope >= 0.0 {
            // Not a descent direction: start again from the gradient.
            history.clear();
            direction = g.iter().map(|x| -x).collect();
            slope = dot(&g, &direction);
        }
        // Backtracking (Armijo).
        let mut step = 1.0;
        let mut next = None;
        for _ in 0..40 {
            let candidate: Vec<f64> = theta
                .iter()
                .zip(&direction)
                .map(|(t, d)| t + step * d)
                .collect();
            let (fc, gc) = objective.value_and_gradient(&candidate);
            if fc <= f + 1e-4 * step * slope {
                next = Some((candidate, fc, gc));
                break;
            }
            step *= 0.5;
        }
        let Some((candidate, fc, gc)) = next else {
            break; // no progress possible
        };
        let s: Vec<f64> = candidate.iter().zip(&theta).map(|(a, b)| a - b).collect();
        let y: Vec<f64> = gc.iter().zip(&g).map(|(a, b)| a - b).collect();
        let ys = dot(&y, &s);
        if ys > 1e-12 {
            if history.len() == MEMORY {
                history.remove(0);
            }
            history.push((s, y, 1.0 / ys));
        }
        let done = (f - fc).abs() <= 1e-12 * f.abs().max(1.0);
        theta = candidate;
        f = fc;
        g = gc;
        if done {
            break;
        }
    }
    let converged = g.iter().all(|x| x.abs() < CONVERGED_GRADIENT);
    (theta, converged)
}

/// Per pair, its topic: pairs are joined when they share a headline or a body and at least one
/// of the two is related, so a topic is a connected group of related headlines and bodies
/// (an unrelated pair joins nothing and takes its body's topic). Topics are numbered in order of
/// first appearance. `pairs` holds (headline, body id, related).
pub fn topic_groups<'a>(pairs: &[(&'a str, &'a str, bool)]) -> Vec<usize> {
    let mut node: FxHashMap<(bool, &'a str), usize> = FxHashMap::default();
    let mut parent: Vec<usize> = Vec::new();
    let mut id = |key: (bool, &'a str), parent: &mut Vec<usize>| -> usize {
        *node.entry(key).or_insert_with(|| {
            parent.push(parent.len());
            parent.len() - 1
        })
    };
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let ids: Vec<(usize, usize)> = pairs
        .iter()
        .map(|&(h, b, _)| (id((false, h), &mut parent), id((true, b), &mut parent)))
        .collect();
    for (&(h, b), &(_, _, related)) in ids.iter().zip(pairs) {
        if related {
            let (rh, rb) = (find(&mut parent, h), find(&mut parent, b));
            if rh != rb {
                parent[rh.max(rb)] = rh.min(rb);
            }
        }
    }
    let mut number: FxHashMap<usize, usize> = FxHashMap::default();
    ids.iter()
        .map(|&(_, b)| {
            let root = find(&mut parent, b);
            let next = number.len();
            *number.entry(root).or_insert(next)
        })
        .collect()
}

/// Per pair, one of `k` folds, whole topics at a time: the largest topics first, each to the
/// fold with the fewest pairs so far (the lowest-numbered of equal ones).
pub fn grouped_folds(groups: &[usize], k: usize) -> Vec<usize> {
    let k = k.max(1);
    let n_groups = groups.iter().max().map_or(0, |&g| g + 1);
    let mut size = vec![0usize; n_groups];
    for &g in groups {
        size[g] += 1;
    }
    let mut order: Vec<usize> = (0..n_groups).collect();
    order.sort_by(|&a, &b| size[b].cmp(&size[a]).then(a.cmp(&b)));
    let mut fold_of = vec![0usize; n_groups];
    let mut filled = vec![0usize; k];
    for g in order {
        let f = (0..k).min_by_key(|&f| (filled[f], f)).unwrap_or(0);
        fold_of[g] = f;
        filled[f] += size[g];
    }
    groups.iter().map(|&g| fold_of[g]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(values: &[(usize, f64)], stance: Stance) -> Sample {
        let mut features = Features {
            values: [0.0; N_FEATURES],
        };
        for &(i, v) in values {
            features.values[i] = v;
        }
        Sample { features, stance }
    }

    /// Four separable clusters on two features: the fit finds them, and fitting twice gives
    /// the same model.
    #[test]
    fn fits_separable_data_deterministically() {
        let mut samples = Vec::new();
        for i in 0..40 {
            let jitter = (i % 5) as f64 * 0.01;
            samples.push(sample(&[(0, 1.0 + jitter), (1, 1.0)], Stance::Agree));
            samples.push(sample(&[(0, 1.0 + jitter), (1, -1.0)], Stance::Disagree));
            samples.push(sample(&[(0, -1.0 - jitter), (1, 1.0)], Stance::Discuss));
            samples.push(sample(&[(0, -1.0 - jitter), (1, -1.0)], Stance::Unrelated));
        }
        let settings = FitSettings {
            l2: 0.001,
            balance: 0.0,
            trees: 0.0,
        };
        let Fit { model, converged } = fit(&samples, settings, "en", "test");
        assert!(converged);
        for s in &samples {
            assert_eq!(model.predict(&s.features, false).stance, s.stance);
        }
        let again = fit(&samples, settings, "en", "test").model;
        assert_eq!(model.to_json().unwrap(), again.to_json().unwrap());
        assert_eq!(Model::parse(&model.to_json().unwrap()).unwrap(), model);
    }

    /// Balancing moves the decision toward a rare class.
    #[test]
    fn balance_weights_rare_stances_up() {
        let mut samples = Vec::new();
        for i in 0..100 {
            let x = (i % 10) as f64 / 10.0;
            samples.push(sample(&[(0, x)], Stance::Unrelated));
        }
        for i in 0..10 {
            let x = 0.5 + (i % 5) as f64 / 10.0;
            samples.push(sample(&[(0, x)], Stance::Agree));
        }
        let predicted = |balance: f64| {
            let m = fit(
                &samples,
                FitSettings {
                    l2: 0.01,
                    balance,
                    trees: 0.0,
                },
                "en",
                "t",
            )
            .model;
            samples
                .iter()
                .filter(|s| m.predict(&s.features, false).stance == Stance::Agree)
                .count()
        };
        assert!(predicted(1.0) > predicted(0.0));
    }

    #[test]
    fn settings_are_checked() {
        let ok = FitSettings {
            l2: 0.0,
            balance: 1.0,
            trees: 0.5,
        };
        assert!(ok.check().is_ok());
        for (l2, balance, trees) in [
            (-1.0, 0.5, 0.0),
            (f64::NAN, 0.5, 0.0),
            (0.1, 1.5, 0.0),
            (0.1, f64::INFINITY, 0.0),
            (0.1, 0.5, -0.1),
            (0.1, 0.5, f64::NAN),
        ] {
            let err = FitSettings { l2, balance, trees }.check().unwrap_err();
            assert!(err.starts_with("--"), "{l2} {balance} {trees}: {err}");
        }
    }

    #[test]
    fn topics_join_related_pairs_only() {
        let pairs = [
            ("h1", "b1", true),
            ("h1", "b2", true),
            ("h2", "b2", false), // unrelated: h2 does not join b2's topic…
            ("h2", "b3", true),  // …its own related body does
            ("h3", "b1", false), // takes b1's topic
        ];
        let g = topic_groups(&pairs);
        assert_eq!(g, vec![0, 0, 0, 1, 0]);
        let folds = grouped_folds(&g, 2);
        assert_eq!(folds, vec![0, 0, 0, 1, 0]);
    }
}

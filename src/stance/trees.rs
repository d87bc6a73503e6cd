//! Gradient-boosted regression trees over the three related stances (agree, disagree,
//! discuss): softmax boosting, one small tree per stance per round, grown best-first on binned
//! feature values. Deterministic: every sum runs in sample order on one thread, and ties go to
//! the first feature and threshold.
//!
//! Each node stores the value it would have as a leaf, so a prediction splits exactly into a
//! constant plus one share per feature (the change of value along the path at the splits on that
//! feature): [`Forest::scores_and_shares`].

use serde::{Deserialize, Serialize};

// Tree values and thresholds are rounded as they are made (6 decimals, as the regressions'
// weights), so the model file holds exactly the trees that were fitted.
use super::fit::{round, softmax_in_place};
use super::{FEATURES, N_FEATURES};

/// Boosting rounds (one tree per related stance in each).
pub const ROUNDS: usize = 50;
/// The most leaves a tree has.
pub const LEAVES: usize = 7;
/// The learning rate: each tree's values are scaled by it.
pub const RATE: f64 = 0.1;
/// The fewest samples a leaf holds.
pub const MIN_LEAF: usize = 20;
/// The most thresholds per feature.
const MAX_THRESHOLDS: usize = 255;
/// The least summed hessian a leaf holds.
const MIN_HESSIAN: f64 = 1e-3;

/// The three related stances, in [`super::Stance::ALL`] order.
pub const RELATED: usize = 3;

/// The trees of a stance model.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawForest")]
pub struct Forest {
    /// Per related stance (agree, disagree, discuss): the log-odds before any tree (the weighted
    /// share of the stance among the fitted pairs, as a logarithm).
    pub base: [f64; RELATED],
    /// The trees, round by round; within a round agree, disagree, discuss.
    pub trees: Vec<Tree>,
    /// `trees` laid out for prediction ([`Flat`]; made by [`Forest::check`] and [`grow`]).
    #[serde(skip)]
    flat: Flat,
}

/// A forest as a file holds it; reading one checks it ([`Forest::check`]), so a forest read is
/// always laid out for prediction.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawForest {
    base: [f64; RELATED],
    trees: Vec<Tree>,
}

impl TryFrom<RawForest> for Forest {
    type Error = String;

    fn try_from(raw: RawForest) -> Result<Forest, String> {
        let mut forest = Forest {
            base: raw.base,
            trees: raw.trees,
            flat: Flat::default(),
        };
        forest.check()?;
        Ok(forest)
    }
}

/// The trees laid out for prediction without unpredictable branches: each tree filled out to a
/// complete binary tree of its depth (a leaf above the bottom becomes a split that sends every
/// value to two copies of itself) and stored as a heap (node i's children at 2i + 1 and 2i + 2)
/// in a block of 2^(depth + 1) nodes, so a walk is `depth` steps of arithmetic; the trees are
/// grouped by depth, so each group's walk runs a fixed number of steps. Summed group by group, in
/// tree order within a group.
#[derive(Clone, Debug, Default, PartialEq)]
struct Flat {
    groups: Vec<Group>,
}

/// The trees of one depth in [`Flat`], padded with trees of value 0 (stance [`RELATED`], which
/// nothing reads) to a whole number of [`LANES`].
#[derive(Clone, Debug, Default, PartialEq)]
struct Group {
    depth: usize,
    /// Per tree, the related stance it adds to.
    stances: Vec<usize>,
    /// Per tree, its block of 2^(depth + 1) nodes (the last one unused).
    nodes: Vec<FlatNode>,
}

/// A node of [`Flat`].
#[derive(Clone, Copy, Debug, PartialEq)]
struct FlatNode {
    at: f64,
    value: f64,
    feature: usize,
}

/// A node that sends every value left (NaN right) and adds nothing.
const ZERO_NODE: FlatNode = FlatNode {
    at: f64::INFINITY,
    value: 0.0,
    feature: 0,
};

/// The feature values padded to a power of two, so a node's feature index needs no bounds check.
const PADDED: usize = N_FEATURES.next_power_of_two();

/// How many trees a prediction walks side by side.
const LANES: usize = 8;

/// The deepest tree a model may have (its complete form has 2^13 − 1 nodes).
pub const MAX_DEPTH: usize = 12;

/// The most nodes the trees of a model may take laid out for prediction (about 100 MB).
pub const MAX_LAID_OUT: usize = 1 << 22;

/// A tree's depth (a lone leaf has depth 0), or `None` beyond [`MAX_DEPTH`].
fn depth(tree: &Tree) -> Option<usize> {
    // Children come after their parent ([`Forest::check`]), so one backward pass has every
    // child's depth before its parent's.
    let mut below = vec![0usize; tree.nodes.len()];
    for n in (0..tree.nodes.len()).rev() {
        if let Some(s) = &tree.nodes[n].split {
            below[n] = 1 + below[s.left].max(below[s.right]);
        }
    }
    below.first().copied().filter(|&d| d <= MAX_DEPTH)
}

// Grown trees must fit the prediction layout.
const _: () = assert!(LEAVES <= MAX_DEPTH + 1);
// [`Forest::walk`] has a copy of the walk for each depth 0–12.
const _: () = assert!(MAX_DEPTH == 12);

/// One regression tree: node 0 is the root.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tree {
    /// The related stance whose log-odds it adds to: 0 agree, 1 disagree, 2 discuss.
    pub stance: usize,
    /// Its nodes; a node's children come after it.
    pub nodes: Vec<Node>,
}

/// A tree node.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
    /// What it adds to the log-odds when a pair ends here (for an inner node: had it been a
    /// leaf).
    pub value: f64,
    /// For an inner node: how it splits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split: Option<Split>,
}

/// A split: pairs whose feature is at most `at` go to `left`, the others to `right`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Split {
    /// The feature's name (one of [`FEATURES`]).
    pub feature: String,
    /// The threshold.
    pub at: f64,
    /// The node for values at most `at`.
    pub left: usize,
    /// The node for larger values (and NaN).
    pub right: usize,
    /// `feature`'s index in [`FEATURES`] (set by [`Forest::check`]).
    #[serde(skip)]
    pub index: usize,
}

impl Forest {
    /// Lays the trees out for prediction ([`Flat`]). The trees must have been checked.
    fn flatten(&mut self) {
        let mut by_depth: Vec<Vec<usize>> = Vec::new();
        for (t, tree) in self.trees.iter().enumerate() {
            let d = depth(tree).unwrap_or(MAX_DEPTH);
            if by_depth.len() <= d {
                by_depth.resize(d + 1, Vec::new());
            }
            by_depth[d].push(t);
        }
        let mut flat = Flat::default();
        for (d, trees) in by_depth.into_iter().enumerate() {
            if trees.is_empty() {
                continue;
            }
            let inner = (1usize << d) - 1;
            let block = 2usize << d;
            let padded = trees.len().div_ceil(LANES) * LANES;
            let mut group = Group {
                depth: d,
                stances: Vec::with_capacity(padded),
                nodes: Vec::with_capacity(padded * block),
            };
            for t in trees {
                let tree = &self.trees[t];
                group.stances.push(tree.stance);
                // The tree's node at each heap place.
                let mut source = vec![0usize; block - 1];
                for i in 0..block - 1 {
                    let node = &tree.nodes[source[i]];
                    let split = node.split.as_ref().filter(|_| i < inner);
                    group.nodes.push(match split {
                        Some(s) => FlatNode {
                            at: s.at,
                            value: node.value,
                            feature: s.index,
                        },
                        // A leaf: at the bottom, or filled out below with copies of itself.
                        None => FlatNode {
                            at: f64::INFINITY,
                            value: node.value,
                            feature: 0,
                        },
                    });
                    if i < inner {
                        let (l, r) = split.map_or((source[i], source[i]), |s| (s.left, s.right));
                        source[2 * i + 1] = l;
                        source[2 * i + 2] = r;
                    }
                }
                group.nodes.push(ZERO_NODE);
            }
            group.stances.resize(padded, RELATED);
            group.nodes.resize(padded * block, ZERO_NODE);
            flat.groups.push(group);
        }
        self.flat = flat;
    }

    /// Checks a forest and lays it out for prediction (reading one does this; call it again
    /// after changing `trees`): known features (their names resolved), finite numbers, stances
    /// 0–2, children after their parent inside the tree, no tree deeper than [`MAX_DEPTH`], and
    /// at most [`MAX_LAID_OUT`] nodes laid out.
    pub fn check(&mut self) -> Result<(), String> {
        if self.base.iter().any(|b| !b.is_finite()) {
            return Err(format!("the trees' base {:?} is not finite", self.base));
        }
        for (t, tree) in self.trees.iter_mut().enumerate() {
            if tree.stance >= RELATED {
                return Err(format!("tree {t} has stance {} (0–2)", tree.stance));
            }
            if tree.nodes.is_empty() {
                return Err(format!("tree {t} has no nodes"));
            }
            let len = tree.nodes.len();
            for (n, node) in tree.nodes.iter_mut().enumerate() {
                if !node.value.is_finite() {
                    return Err(format!("tree {t} node {n} has value {}", node.value));
                }
                if let Some(s) = &mut node.split {
                    s.index = FEATURES
                        .iter()
                        .position(|f| *f == s.feature)
                        .ok_or_else(|| {
                            format!("tree {t} node {n} splits on `{}`, not a feature", s.feature)
                        })?;
                    if !s.at.is_finite()
                        || s.left <= n
                        || s.right <= n
                        || s.left >= len
                        || s.right >= len
                    {
                        return Err(format!("tree {t} node {n} has a bad split"));
                    }
                }
            }
        }
        if let Some(t) = self.trees.iter().position(|t| depth(t).is_none()) {
            return Err(format!("tree {t} is deeper than {MAX_DEPTH}"));
        }
        // A block of 2^(depth + 1) nodes per tree, and per depth up to LANES − 1 padding trees
        // (together at most LANES − 1 blocks of each depth up to MAX_DEPTH).
        let laid_out: usize = self
            .trees
            .iter()
            .map(|t| 2usize << depth(t).unwrap_or(MAX_DEPTH))
            .sum::<usize>()
            + (LANES - 1) * (2usize << (MAX_DEPTH + 1));
        if laid_out > MAX_LAID_OUT {
            return Err(format!(
                "the trees would take {laid_out} nodes laid out for prediction (at most {MAX_LAID_OUT})"
            ));
        }
        self.flatten();
        Ok(())
    }

    /// Each related stance's log-odds for the raw feature values `x`, walking the flat trees;
    /// with `SHARES`, also adds to each feature's share of them (`shares`) what the splits on it
    /// changed along each tree's path.
    fn walk<const SHARES: bool>(
        &self,
        x: &[f64; N_FEATURES],
        mut shares: Option<&mut Shares>,
    ) -> [f64; RELATED] {
        let mut padded = [0.0; PADDED];
        padded[..N_FEATURES].copy_from_slice(x);
        // The padding trees add to the last place, which is dropped.
        let mut out = [0.0; RELATED + 1];
        out[..RELATED].copy_from_slice(&self.base);
        for group in &self.flat.groups {
            let shares = shares.as_deref_mut();
            // One copy of the walk per depth, so the block size and the number of steps are
            // constants.
            macro_rules! walk {
                ($($depth:literal)*) => {
                    match group.depth {
                        $($depth => walk_group::<{ 2 << $depth }, SHARES>(
                            group, &padded, &mut out, shares,
                        ),)*
                        // Deeper than MAX_DEPTH: [`Forest::check`] refuses such trees.
                        _ => {}
                    }
                };
            }
            walk!(0 1 2 3 4 5 6 7 8 9 10 11 12);
        }
        [out[0], out[1], out[2]]
    }

    /// Each related stance's log-odds for the raw feature values `x`.
    pub fn scores(&self, x: &[f64; N_FEATURES]) -> [f64; RELATED] {
        self.walk::<false>(x, None)
    }

    /// [`Forest::scores`], and each feature's share of them (added to `shares`): what the
    /// splits on it changed along each tree's path. The scores are [`Forest::constant`] plus the
    /// shares.
    pub fn scores_and_shares(&self, x: &[f64; N_FEATURES], shares: &mut Shares) -> [f64; RELATED] {
        self.walk::<true>(x, Some(shares))
    }

    /// The part of every pair's scores that no feature moves: the base plus each root's value.
    pub fn constant(&self) -> [f64; RELATED] {
        let mut constant = self.base;
        for group in &self.flat.groups {
            let block = 2 << group.depth;
            for (t, &stance) in group.stances.iter().enumerate() {
                if stance < RELATED {
                    constant[stance] += group.nodes[t * block].value;
                }
            }
        }
        constant
    }
}

/// Walks the trees of one group ([`Forest::walk`]) whose blocks hold `B` nodes (depth
/// log2(B) − 1), [`LANES`] trees side by side, level by level: each walk is a chain of dependent
/// loads, and walking several side by side lets them overlap.
fn walk_group<const B: usize, const SHARES: bool>(
    group: &Group,
    x: &[f64; PADDED],
    out: &mut [f64; RELATED + 1],
    mut shares: Option<&mut Shares>,
) {
    let depth = B.trailing_zeros() - 1;
    let (trees, _) = group.nodes.as_chunks::<B>();
    for (chunk, stances) in trees
        .chunks_exact(LANES)
        .zip(group.stances.chunks_exact(LANES))
    {
        let mut at = [0usize; LANES];
        for _ in 0..depth {
            for l in 0..LANES {
                let node = &chunk[l][at[l] % B];
                // NaN compares false and goes right.
                let left = x[node.feature % PADDED] <= node.at;
                let next = 2 * at[l] + 1 + usize::from(!left);
                if SHARES && stances[l] < RELATED {
                    if let Some(s) = shares.as_deref_mut() {
                        s[node.feature][stances[l]] += chunk[l][next % B].value - node.value;
                    }
                }
                at[l] = next;
            }
        }
        for l in 0..LANES {
            out[stances[l].min(RELATED)] += chunk[l][at[l] % B].value;
        }
    }
}

/// Per feature (in [`FEATURES`] order), a share of each related stance's log-odds.
pub type Shares = [[f64; RELATED]; N_FEATURES];

/// Per feature, the thresholds a split may use: between neighbouring distinct values (at most
/// [`MAX_THRESHOLDS`], at quantiles when there are more), rounded, ascending, distinct.
fn thresholds(values: &mut [f64]) -> Vec<f64> {
    values.sort_by(f64::total_cmp);
    let mut distinct: Vec<f64> = Vec::new();
    for &v in values.iter() {
        if v.is_finite() && distinct.last() != Some(&v) {
            distinct.push(v);
        }
    }
    let cuts: Vec<usize> = if distinct.len() <= MAX_THRESHOLDS + 1 {
        (0..distinct.len().saturating_sub(1)).collect()
    } else {
        // Distinct values at quantiles of all values, each cut after it.
        let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        (1..=MAX_THRESHOLDS)
            .map(|q| {
                let v = finite[(q * finite.len() / (MAX_THRESHOLDS + 1)).min(finite.len() - 1)];
                distinct.partition_point(|d| *d < v)
            })
            .filter(|&i| i + 1 < distinct.len())
            .collect()
    };
    let mut out: Vec<f64> = cuts
        .into_iter()
        .map(|i| round((distinct[i] + distinct[i + 1]) / 2.0))
        .collect();
    out.dedup();
    out
}

/// Summed gradient, hessian and count.
#[derive(Clone, Copy, Default)]
struct Sums {
    g: f64,
    h: f64,
    n: usize,
}

impl Sums {
    fn add(&mut self, g: f64, h: f64) {
        self.g += g;
        self.h += h;
        self.n += 1;
    }
    fn sub(self, o: Sums) -> Sums {
        Sums {
            g: self.g - o.g,
            h: self.h - o.h,
            n: self.n - o.n,
        }
    }
    /// The score a leaf of these samples gains the loss (Newton step).
    fn gain(self) -> f64 {
        self.g * self.g / self.h
    }
    /// The value of a leaf of these samples.
    fn value(self) -> f64 {
        round(-RATE * self.g / self.h.max(MIN_HESSIAN))
    }
}

/// A leaf that may be split: its samples, node index and best split.
struct Candidate {
    node: usize,
    samples: Vec<u32>,
    best: Option<(f64, usize, usize)>, // (gain, feature, threshold index)
}

/// Fits the trees on `rows` (raw feature values), `labels` (0–2: agree, disagree, discuss) and
/// sample `weights`. Empty input gives an empty forest.
pub fn grow(rows: &[[f64; N_FEATURES]], labels: &[usize], weights: &[f64]) -> Forest {
    let n = rows.len();
    let total: f64 = weights.iter().sum();
    if n == 0 || total <= 0.0 {
        return Forest::default();
    }
    // Binning: a value's bin is the number of thresholds below it, so `x <= t[b]` ⇔ bin ≤ b.
    let cuts: Vec<Vec<f64>> = (0..N_FEATURES)
        .map(|f| thresholds(&mut rows.iter().map(|r| r[f]).collect::<Vec<_>>()))
        .collect();
    let bins: Vec<[u8; N_FEATURES]> = rows
        .iter()
        .map(|r| {
            let mut b = [0u8; N_FEATURES];
            for f in 0..N_FEATURES {
                let x = r[f];
                // NaN goes after every threshold, as prediction sends it right.
                let i = if x.is_nan() {
                    cuts[f].len()
                } else {
                    cuts[f].partition_point(|t| *t < x)
                };
                b[f] = i as u8;
            }
            b
        })
        .collect();
    let mut base = [0.0; RELATED];
    for (k, b) in base.iter_mut().enumerate() {
        let w: f64 = labels
            .iter()
            .zip(weights)
            .filter(|(&l, _)| l == k)
            .map(|(_, w)| w)
            .sum();
        *b = round((w.max(1e-12) / total).ln());
    }
    let mut scores: Vec<[f64; RELATED]> = vec![base; n];
    let mut trees = Vec::with_capacity(ROUNDS * RELATED);
    let (mut g, mut h) = (vec![0.0; n], vec![0.0; n]);
    for _ in 0..ROUNDS {
        let p: Vec<[f64; RELATED]> = scores
            .iter()
            .map(|s| {
                let mut p = *s;
                softmax_in_place(&mut p);
                p
            })
            .collect();
        for k in 0..RELATED {
            for i in 0..n {
                let y = f64::from(u8::from(labels[i] == k));
                g[i] = weights[i] * (p[i][k] - y);
                h[i] = weights[i] * p[i][k] * (1.0 - p[i][k]);
            }
            let (tree, leaves) = grow_tree(k, &bins, &cuts, &g, &h);
            for (node, samples) in leaves {
                let v = tree.nodes[node].value;
                for i in samples {
                    scores[i as usize][k] += v;
                }
            }
            trees.push(tree);
        }
    }
    let mut forest = Forest {
        base,
        trees,
        flat: Flat::default(),
    };
    forest.flatten();
    forest
}

/// Grows one tree best-first up to [`LEAVES`] leaves; returns it with each leaf's samples.
fn grow_tree(
    stance: usize,
    bins: &[[u8; N_FEATURES]],
    cuts: &[Vec<f64>],
    g: &[f64],
    h: &[f64],
) -> (Tree, Vec<(usize, Vec<u32>)>) {
    // Where each feature's bins start in a histogram.
    let mut offsets = Vec::with_capacity(N_FEATURES + 1);
    offsets.push(0);
    for c in cuts {
        offsets.push(offsets[offsets.len() - 1] + c.len() + 1);
    }
    let sums = |samples: &[u32]| {
        let mut s = Sums::default();
        for &i in samples {
            s.add(g[i as usize], h[i as usize]);
        }
        s
    };
    let best_split = |samples: &[u32]| -> Option<(f64, usize, usize)> {
        if samples.len() < 2 * MIN_LEAF {
            return None;
        }
        let mut hist = vec![Sums::default(); offsets[N_FEATURES]];
        for &i in samples {
            let i = i as usize;
            for (f, &b) in bins[i].iter().enumerate() {
                hist[offsets[f] + usize::from(b)].add(g[i], h[i]);
            }
        }
        let all = sums(samples);
        let parent = all.gain();
        let mut best: Option<(f64, usize, usize)> = None;
        for (f, c) in cuts.iter().enumerate() {
            let mut left = Sums::default();
            for t in 0..c.len() {
                let b = hist[offsets[f] + t];
                left.g += b.g;
                left.h += b.h;
                left.n += b.n;
                let right = all.sub(left);
                if left.n < MIN_LEAF || right.n < MIN_LEAF {
                    continue;
                }
                if left.h < MIN_HESSIAN || right.h < MIN_HESSIAN {
                    continue;
                }
                let gain = left.gain() + right.gain() - parent;
                if gain > 1e-12 && best.is_none_or(|(bg, _, _)| gain > bg) {
                    best = Some((gain, f, t));
                }
            }
        }
        best
    };
    let root: Vec<u32> = (0..bins.len() as u32).collect();
    let mut nodes = vec![Node {
        value: sums(&root).value(),
        split: None,
    }];
    let mut open = vec![Candidate {
        node: 0,
        best: best_split(&root),
        samples: root,
    }];
    let mut leaves = 1;
    while leaves < LEAVES {
        // The open leaf with the largest gain (the first of equal ones).
        let mut pick: Option<usize> = None;
        for (i, c) in open.iter().enumerate() {
            if let Some((gain, _, _)) = c.best {
                if pick.is_none_or(|p| open[p].best.is_none_or(|(pg, _, _)| gain > pg)) {
                    pick = Some(i);
                }
            }
        }
        let Some(pick) = pick else { break };
        let c = open.remove(pick);
        let Some((_, f, t)) = c.best else { break };
        let (left, right): (Vec<u32>, Vec<u32>) = c
            .samples
            .iter()
            .partition(|&&i| usize::from(bins[i as usize][f]) <= t);
        let (l, r) = (nodes.len(), nodes.len() + 1);
        nodes[c.node].split = Some(Split {
            feature: FEATURES[f].to_string(),
            at: cuts[f][t],
            left: l,
            right: r,
            index: f,
        });
        for samples in [left, right] {
            nodes.push(Node {
                value: sums(&samples).value(),
                split: None,
            });
            open.push(Candidate {
                node: nodes.len() - 1,
                best: best_split(&samples),
                samples,
            });
        }
        leaves += 1;
    }
    let leaves = open.into_iter().map(|c| (c.node, c.samples)).collect();
    (Tree { stance, nodes }, leaves)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(a: f64, b: f64) -> [f64; N_FEATURES] {
        let mut r = [0.0; N_FEATURES];
        r[0] = a;
        r[1] = b;
        r
    }

    /// Stance 0 when feature 0 is high, 1 when feature 1 is high, else 2: not linear, and the
    /// trees learn it.
    fn data() -> (Vec<[f64; N_FEATURES]>, Vec<usize>) {
        let mut rows = Vec::new();
        let mut labels = Vec::new();
        for i in 0..300 {
            let a = f64::from(i % 17) / 17.0;
            let b = f64::from((i * 7) % 23) / 23.0;
            rows.push(row(a, b));
            labels.push(if a > 0.6 {
                0
            } else if b > 0.5 {
                1
            } else {
                2
            });
        }
        (rows, labels)
    }

    #[test]
    fn trees_learn_a_rule_deterministically() {
        let (rows, labels) = data();
        let weights = vec![1.0; rows.len()];
        let forest = grow(&rows, &labels, &weights);
        assert_eq!(forest.trees.len(), ROUNDS * RELATED);
        assert!(forest.trees.iter().all(|t| t.nodes.len() < 2 * LEAVES));
        let right = rows
            .iter()
            .zip(&labels)
            .filter(|(r, &l)| {
                let s = forest.scores(r);
                (0..3).max_by(|&a, &b| s[a].total_cmp(&s[b])) == Some(l)
            })
            .count();
        assert_eq!(right, rows.len());
        assert_eq!(grow(&rows, &labels, &weights), forest);
    }

    /// The shares as the trees themselves say them, node by node (what the flat walk must
    /// give).
    fn shares_by_tree(forest: &Forest, x: &[f64; N_FEATURES]) -> Shares {
        let mut shares = [[0.0; RELATED]; N_FEATURES];
        for tree in &forest.trees {
            let mut n = 0;
            while let Some(s) = &tree.nodes[n].split {
                let next = if x[s.index] <= s.at { s.left } else { s.right };
                shares[s.index][tree.stance] += tree.nodes[next].value - tree.nodes[n].value;
                n = next;
            }
        }
        shares
    }

    #[test]
    fn contributions_add_up_to_the_scores() {
        let (rows, labels) = data();
        let forest = grow(&rows, &labels, &vec![1.0; rows.len()]);
        let constant = forest.constant();
        for r in rows.iter().step_by(37) {
            let mut shares = [[0.0; RELATED]; N_FEATURES];
            let s = forest.scores_and_shares(r, &mut shares);
            assert_eq!(s, forest.scores(r));
            // The same as walking the trees themselves (summed in another order).
            for (a, b) in shares.iter().zip(shares_by_tree(&forest, r)) {
                for k in 0..RELATED {
                    assert!((a[k] - b[k]).abs() < 1e-9, "{a:?} vs {b:?}");
                }
            }
            for k in 0..RELATED {
                let total = constant[k] + shares.iter().map(|x| x[k]).sum::<f64>();
                assert!((total - s[k]).abs() < 1e-9, "{total} vs {}", s[k]);
            }
            // Only the two features the labels depend on are used.
            assert!(shares[2..].iter().all(|x| *x == [0.0; RELATED]));
        }
    }

    #[test]
    fn thresholds_lie_between_values() {
        assert_eq!(thresholds(&mut [3.0, 1.0, 2.0, 2.0]), vec![1.5, 2.5]);
        assert!(thresholds(&mut [1.0, 1.0]).is_empty());
        let mut many: Vec<f64> = (0..10_000).map(|i| f64::from(i) / 7.0).collect();
        let t = thresholds(&mut many);
        assert!(t.len() <= MAX_THRESHOLDS && t.len() > 200);
        assert!(t.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn bad_forests_are_refused() {
        let (rows, labels) = data();
        let mut forest = grow(&rows, &labels, &vec![1.0; rows.len()]);
        let text = serde_json::to_string(&forest).unwrap();
        let mut back: Forest = serde_json::from_str(&text).unwrap();
        back.check().unwrap();
        assert_eq!(back, forest);
        if let Some(s) = forest.trees[0].nodes[0].split.as_mut() {
            s.left = 0;
        }
        assert!(forest.check().unwrap_err().contains("bad split"));
        // Reading checks: a forest that does not pass is not read.
        let err = serde_json::from_str::<Forest>(&text.replacen("\"score\"", "\"nope\"", 1))
            .unwrap_err()
            .to_string();
        assert!(err.contains("`nope`"), "{err}");
        // A chain deeper than MAX_DEPTH (its complete form would be too large to lay out).
        // Node 2d is the d-th split; its left child 2d + 1 is a leaf of value d, its right
        // child the next split (or, last, a leaf of value −1).
        let chain = |depth: usize| {
            let mut nodes = Vec::new();
            for d in 0..depth {
                nodes.push(Node {
                    value: 0.0,
                    split: Some(Split {
                        feature: "score".into(),
                        at: d as f64,
                        left: 2 * d + 1,
                        right: 2 * d + 2,
                        index: 0,
                    }),
                });
                nodes.push(Node {
                    value: d as f64,
                    split: None,
                });
            }
            nodes.push(Node {
                value: -1.0,
                split: None,
            });
            Forest {
                base: [0.0; RELATED],
                trees: vec![Tree { stance: 0, nodes }],
                flat: Flat::default(),
            }
        };
        let mut ok = chain(MAX_DEPTH);
        ok.check().unwrap();
        // The walk follows the chain: a value above every threshold ends at the last leaf.
        let mut x = [0.0; N_FEATURES];
        x[0] = 1e9;
        assert_eq!(ok.scores(&x), [-1.0, 0.0, 0.0]);
        x[0] = 2.5;
        assert_eq!(ok.scores(&x), [3.0, 0.0, 0.0]);
        let err = chain(MAX_DEPTH + 1).check().unwrap_err();
        assert_eq!(err, format!("tree 0 is deeper than {MAX_DEPTH}"));
        // Many deep trees would take too much memory laid out.
        let mut many = chain(MAX_DEPTH);
        let tree = many.trees[0].clone();
        many.trees = vec![tree; MAX_LAID_OUT / (2 << MAX_DEPTH) + 1];
        assert!(many.check().unwrap_err().contains("laid out"));
    }
}

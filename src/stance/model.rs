//! The stance model, in two stages over [`Features`]: logistic regression for unrelated against
//! related, then for a related pair multinomial logistic regression over agree, disagree and
//! discuss, blended with gradient-boosted trees. Stored as readable JSON: one entry per feature
//! (its name, mean, scale and a weight per stance), the trees node by node, the learned cue
//! words.

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use super::fit::softmax_in_place;
use super::fit::FitSettings;
use super::lexicon::{LexiconTable, Lexicons};
use super::trees::{Forest, Shares};
use super::{Features, Stance, FEATURES, N_FEATURES};

/// The value of the `format` field this version reads and writes.
pub const FORMAT: &str = "headcheck-stance-3";

/// The shipped English model (`corpus/stance/en.json`, made by `headcheck train`: README,
/// "Stance").
const ENGLISH: &str = include_str!("../../corpus/stance/en.json");

/// A stance model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Model {
    /// Always [`FORMAT`].
    pub format: String,
    /// The language its cue words are in.
    pub lang: String,
    /// What it was fitted on.
    pub trained_on: String,
    /// How it was fitted.
    pub settings: FitSettings,
    /// The regressions' constant terms: `unrelated` for the first stage (the log-odds of
    /// unrelated against related), the others for the second.
    pub bias: PerStance,
    /// Per feature, in [`FEATURES`] order: its standardisation and its weights in the two
    /// regressions (`unrelated` in the first, the others in the second).
    pub features: Vec<FeatureWeights>,
    /// The second stage's trees (over raw feature values); `settings.trees` is their share.
    pub trees: Forest,
    /// The learned cue words of the `learned_*` features.
    pub lexicons: Lexicons,
    /// `lexicons` as one table (made by [`Model::parse`] and [`Model::with_lexicons`]).
    #[serde(skip)]
    pub(super) table: Arc<LexiconTable>,
}

/// One feature's standardisation and weights.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeatureWeights {
    /// Its name (one of [`FEATURES`]).
    pub name: String,
    /// Its mean over the training pairs.
    pub mean: f64,
    /// Its standard deviation over the training pairs (1 when it was constant).
    pub scale: f64,
    /// Per stance: the weight of the standardised value.
    pub weights: PerStance,
}

/// One number per stance.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerStance {
    /// For `agree`.
    pub agree: f64,
    /// For `disagree`.
    pub disagree: f64,
    /// For `discuss`.
    pub discuss: f64,
    /// For `unrelated`.
    pub unrelated: f64,
}

impl PerStance {
    /// From values in [`Stance::ALL`] order.
    pub fn from_array(v: [f64; 4]) -> PerStance {
        PerStance {
            agree: v[0],
            disagree: v[1],
            discuss: v[2],
            unrelated: v[3],
        }
    }

    /// The values in [`Stance::ALL`] order.
    pub fn to_array(self) -> [f64; 4] {
        [self.agree, self.disagree, self.discuss, self.unrelated]
    }
}

/// A model file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// Not JSON of the model's shape.
    #[error("not a stance model: {0}")]
    Json(#[from] serde_json::Error),
    /// Another format or another feature list than this version's.
    #[error("{0}")]
    Mismatch(String),
}

/// A model's decision on one pair.
#[derive(Clone, Debug, PartialEq)]
pub struct Prediction {
    /// `unrelated` when its probability is above one half, else the most probable related
    /// stance.
    pub stance: Stance,
    /// The probability of each stance, in [`Stance::ALL`] order.
    pub probabilities: [f64; 4],
    /// The features that moved the decision most toward (positive) or away from `stance`: for
    /// `unrelated`, against related; for a related stance, against the runner-up among the
    /// related stances.
    pub contributors: Vec<Contribution>,
}

/// How much one feature moved a decision between the chosen stance and the alternative.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Contribution {
    /// The feature's name.
    pub feature: Cow<'static, str>,
    /// Its value for this pair.
    pub value: f64,
    /// What it added to the log-odds of the chosen stance against the alternative (related, or
    /// the next most probable related stance): positive for the chosen one. Through both the
    /// regression and the trees.
    pub effect: f64,
}

/// The stance part of a report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StanceReport {
    /// The stance (see [`Prediction::stance`]).
    pub stance: Stance,
    /// The probability of each stance (rounded to 3 decimals).
    pub probabilities: PerStance,
    /// The features that contributed most, largest effect first.
    pub contributors: Vec<Contribution>,
}

impl StanceReport {
    /// A prediction as reported: probabilities and effects rounded to 3 decimals.
    pub fn new(p: &Prediction) -> StanceReport {
        StanceReport {
            stance: p.stance,
            probabilities: PerStance::from_array(p.probabilities.map(crate::score::round3)),
            contributors: p
                .contributors
                .iter()
                .map(|c| Contribution {
                    feature: c.feature.clone(),
                    value: crate::score::round3(c.value),
                    effect: crate::score::round3(c.effect),
                })
                .collect(),
        }
    }
}

/// How many contributors a prediction names.
pub const CONTRIBUTORS: usize = 5;

impl Model {
    /// Reads a model file's text, checking that its format and features are this version's.
    pub fn parse(text: &str) -> Result<Model, ModelError> {
        // The format first, so that a model of another version is named as such rather than
        // failing on the fields it lacks.
        #[derive(Deserialize)]
        struct Format {
            format: String,
        }
        let format: Format = serde_json::from_str(text)?;
        if format.format != FORMAT {
            return Err(ModelError::Mismatch(format!(
                "model format `{}`, this headcheck reads `{FORMAT}`",
                format.format
            )));
        }
        let mut model: Model = serde_json::from_str(text)?;
        model.table = LexiconTable::new(&model.lexicons);
        // (The trees were checked as they were read.)
        model.settings.check().map_err(ModelError::Mismatch)?;
        let names: Vec<&str> = model.features.iter().map(|f| f.name.as_str()).collect();
        if names != FEATURES {
            return Err(ModelError::Mismatch(format!(
                "the model's features ({}) are not this headcheck's ({})",
                names.join(", "),
                FEATURES.join(", ")
            )));
        }
        if let Some(f) = model
            .features
            .iter()
            .find(|f| !(f.scale > 0.0 && f.scale.is_finite() && f.mean.is_finite()))
        {
            return Err(ModelError::Mismatch(format!(
                "feature `{}` has scale {} and mean {}",
                f.name, f.scale, f.mean
            )));
        }
        Ok(model)
    }

    /// The shipped model for `lang`, if there is one.
    pub fn for_lang(lang: crate::Lang) -> Option<&'static Model> {
        static EN: OnceLock<Option<Model>> = OnceLock::new();
        match lang {
            // The embedded file is checked by a test; a broken one leaves English without
            // stance rather than failing every check.
            crate::Lang::En => EN.get_or_init(|| Model::parse(ENGLISH).ok()).as_ref(),
            _ => None,
        }
    }

    /// The same model with other learned cue words.
    pub fn with_lexicons(mut self, lexicons: Lexicons) -> Model {
        self.table = LexiconTable::new(&lexicons);
        self.lexicons = lexicons;
        self
    }

    /// The body's `learned_*` feature values under this model's lexicons (computed once per
    /// body).
    pub fn learned(&self, body: &crate::analyze::BodyIndex) -> [f64; 3] {
        body.learned_scores(&self.table)
    }

    /// The lexicon words `body` uses for the stance at `index` of
    /// [`super::LEXICON_STANCES`], heaviest first.
    pub fn learned_words(
        &self,
        body: &crate::analyze::BodyIndex,
        index: usize,
    ) -> Vec<(String, f64)> {
        self.table.words_in(body, index)
    }

    /// The model as written to a file: pretty JSON with a final newline.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        let mut text = serde_json::to_string_pretty(self)?;
        text.push('\n');
        Ok(text)
    }

    /// The standardised values of `features`.
    fn standardise(&self, features: &Features) -> [f64; N_FEATURES] {
        let mut z = [0.0; N_FEATURES];
        for (i, f) in self.features.iter().enumerate() {
            z[i] = (features.values[i] - f.mean) / f.scale;
        }
        z
    }

    /// The probability of unrelated, and of each related stance given related; with `shares`,
    /// the trees' shares per feature (see [`Forest::scores_and_shares`]) are added to it when
    /// the trees are walked (see [`Model::tree_share`]).
    fn stages(
        &self,
        features: &Features,
        z: &[f64; N_FEATURES],
        shares: Option<&mut Shares>,
    ) -> (f64, [f64; 3]) {
        let mut unrelated = self.bias.unrelated;
        let mut related = [self.bias.agree, self.bias.disagree, self.bias.discuss];
        for (f, &zf) in self.features.iter().zip(z) {
            unrelated += f.weights.unrelated * zf;
            related[0] += f.weights.agree * zf;
            related[1] += f.weights.disagree * zf;
            related[2] += f.weights.discuss * zf;
        }
        let unrelated = 1.0 / (1.0 + (-unrelated).exp());
        let share = self.tree_share(unrelated);
        if share > 0.0 {
            let t = match shares {
                Some(shares) => self.trees.scores_and_shares(&features.values, shares),
                None => self.trees.scores(&features.values),
            };
            for k in 0..3 {
                related[k] = (1.0 - share) * related[k] + share * t[k];
            }
        }
        softmax_in_place(&mut related);
        (unrelated, related)
    }

    /// The trees' share of the related stances' log-odds for a pair whose probability of
    /// unrelated is `unrelated`: none when the first stage calls it unrelated (the trees only
    /// tell related stances apart, so they are not walked for it), else `settings.trees`.
    fn tree_share(&self, unrelated: f64) -> f64 {
        if unrelated > 0.5 {
            0.0
        } else {
            self.settings.trees
        }
    }

    /// Per feature, what it added to the log-odds of stance `best` against the alternative: for
    /// unrelated (3), against related (the first stage); for a related stance, against the
    /// runner-up among the related stances (`related`: their probabilities), through the
    /// regression's share of the weights' difference and the trees' share (`share`) of what the
    /// splits on the feature moved.
    fn effects(
        &self,
        z: &[f64; N_FEATURES],
        best: usize,
        related: &[f64; 3],
        (trees, share): (&Shares, f64),
    ) -> Vec<f64> {
        if best == 3 {
            return self
                .features
                .iter()
                .zip(z)
                .map(|(f, zf)| f.weights.unrelated * zf)
                .collect();
        }
        let second = runner_up(related, best);
        self.features
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let w = f.weights.to_array();
                (1.0 - share) * (w[best] - w[second]) * z[i]
                    + share * (trees[i][best] - trees[i][second])
            })
            .collect()
    }

    /// The stance of one pair, its probabilities and (when `explain`) its main contributors.
    pub fn predict(&self, features: &Features, explain: bool) -> Prediction {
        let z = self.standardise(features);
        // The trees' shares per feature, for the contributors (zero without trees).
        let mut shares = [[0.0; 3]; N_FEATURES];
        let (unrelated, related) = self.stages(features, &z, explain.then_some(&mut shares));
        let r = 1.0 - unrelated;
        let probabilities = [r * related[0], r * related[1], r * related[2], unrelated];
        let mut best = 0;
        for k in 1..3 {
            if related[k] > related[best] {
                best = k;
            }
        }
        let best = if unrelated > 0.5 { 3 } else { best };
        if !explain {
            return Prediction {
                stance: Stance::ALL[best],
                probabilities,
                contributors: Vec::new(),
            };
        }
        let effects = self.effects(&z, best, &related, (&shares, self.tree_share(unrelated)));
        let mut contributors: Vec<Contribution> = effects
            .iter()
            .enumerate()
            .map(|(i, &effect)| Contribution {
                feature: Cow::Borrowed(FEATURES[i]),
                value: features.values[i],
                effect,
            })
            .collect();
        // Largest effect first; equal effects in feature order (the sort is stable).
        contributors.sort_by(|a, b| b.effect.abs().total_cmp(&a.effect.abs()));
        contributors.truncate(CONTRIBUTORS);
        Prediction {
            stance: Stance::ALL[best],
            probabilities,
            contributors,
        }
    }
}

/// The most probable related stance other than `best` (the first of equal ones).
fn runner_up(related: &[f64; 3], best: usize) -> usize {
    let mut second = usize::from(best == 0);
    for k in 0..3 {
        if k != best && related[k] > related[second] {
            second = k;
        }
    }
    second
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_english_model_reads() {
        let model = Model::parse(ENGLISH).expect("corpus/stance/en.json");
        assert_eq!(model.lang, "en");
        assert!(Model::for_lang(crate::Lang::En).is_some());
        assert!(Model::for_lang(crate::Lang::De).is_none());
    }

    #[test]
    fn bad_model_files_are_named_errors() {
        let mut model = Model::parse(ENGLISH).expect("corpus/stance/en.json");
        model.features.swap(0, 1);
        let err = Model::parse(&model.to_json().unwrap())
            .unwrap_err()
            .to_string();
        assert!(err.contains("features"), "{err}");
        let err = Model::parse("{\"format\": 1}").unwrap_err().to_string();
        assert!(err.starts_with("not a stance model"), "{err}");
        // A model of the earlier format (no learned cue words) is named as such.
        let mut old: serde_json::Value = serde_json::from_str(ENGLISH).unwrap();
        old["format"] = "headcheck-stance-1".into();
        old.as_object_mut().unwrap().remove("lexicons");
        let err = Model::parse(&old.to_string()).unwrap_err().to_string();
        assert_eq!(
            err,
            "model format `headcheck-stance-1`, this headcheck reads `headcheck-stance-3`"
        );
        // The current format without its lexicons is not a model.
        old["format"] = FORMAT.into();
        let err = Model::parse(&old.to_string()).unwrap_err().to_string();
        assert!(err.contains("lexicons"), "{err}");
    }

    /// The effects explain the whole decision: with the constant terms they add up to the
    /// log-odds of the stance against its alternative, through the regression and the trees.
    #[test]
    fn effects_add_up_to_the_log_odds() {
        let model = Model::parse(ENGLISH).expect("corpus/stance/en.json");
        assert!(model.settings.trees > 0.0 && !model.trees.trees.is_empty());
        let mut seen = [false; 4];
        for seed in 0..18 {
            let mut features = Features {
                values: [0.0; N_FEATURES],
            };
            for (i, f) in model.features.iter().enumerate() {
                let step = ((i * 7 + seed * 13) % 9) as f64 / 4.0 - 1.0;
                features.values[i] = f.mean + f.scale * step;
            }
            if seed % 2 == 1 {
                // On topic: the headline well supported, nothing missing.
                for name in [
                    "score",
                    "support",
                    "coverage",
                    "similarity",
                    "supported_share",
                ] {
                    let i = FEATURES.iter().position(|f| *f == name).unwrap();
                    features.values[i] = model.features[i].mean + 2.0 * model.features[i].scale;
                }
                features.values[5] = 0.0;
                features.values[6] = 0.0;
            }
            let z = model.standardise(&features);
            let mut shares = [[0.0; 3]; N_FEATURES];
            let (unrelated, related) = model.stages(&features, &z, Some(&mut shares));
            let p = model.predict(&features, true);
            seen[p.stance.index()] = true;
            // The contributors are the largest effects.
            let share = model.tree_share(unrelated);
            let effects = model.effects(&z, p.stance.index(), &related, (&shares, share));
            let largest = effects.iter().map(|e| e.abs()).fold(0.0, f64::max);
            assert_eq!(p.contributors[0].effect.abs(), largest);
            // Whichever stance is chosen.
            for best in 0..4 {
                let sum: f64 = model
                    .effects(&z, best, &related, (&shares, share))
                    .iter()
                    .sum();
                let (log_odds, constant) = if best == 3 {
                    ((unrelated / (1.0 - unrelated)).ln(), model.bias.unrelated)
                } else {
                    let second = runner_up(&related, best);
                    let b = model.bias.to_array();
                    let t = model.trees.constant();
                    (
                        (related[best] / related[second]).ln(),
                        (1.0 - share) * (b[best] - b[second]) + share * (t[best] - t[second]),
                    )
                };
                assert!(
                    (constant + sum - log_odds).abs() < 1e-9,
                    "{seed} {best}: {constant} + {sum} vs {log_odds}"
                );
            }
        }
        assert!(seen[3] && seen[..3].iter().any(|&s| s), "{seen:?}");
    }

    #[test]
    fn softmax_in_place_is_a_distribution() {
        let mut p = [0.0; 4];
        softmax_in_place(&mut p);
        assert_eq!(p, [0.25; 4]);
        let mut p = [1000.0, 0.0, 0.0];
        softmax_in_place(&mut p);
        assert!((p[0] - 1.0).abs() < 1e-12);
    }
}

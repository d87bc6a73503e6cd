//! The stance model: multinomial logistic regression over standardised [`Features`], stored as
//! readable JSON (one entry per feature: its name, mean, scale and a weight per stance).

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use super::fit::FitSettings;
use super::lexicon::{LexiconTable, Lexicons};
use super::{Features, Stance, FEATURES, N_FEATURES};

/// The value of the `format` field this version reads and writes.
pub const FORMAT: &str = "headcheck-stance-2";

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
    /// Per stance: the constant term.
    pub bias: PerStance,
    /// Per feature, in [`FEATURES`] order.
    pub features: Vec<FeatureWeights>,
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
    /// The most probable stance.
    pub stance: Stance,
    /// The probability of each stance, in [`Stance::ALL`] order.
    pub probabilities: [f64; 4],
    /// The features that moved the decision most toward (positive) or away from `stance`,
    /// against the runner-up.
    pub contributors: Vec<Contribution>,
}

/// How much one feature moved a decision between the chosen stance and the runner-up.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Contribution {
    /// The feature's name.
    pub feature: Cow<'static, str>,
    /// Its value for this pair.
    pub value: f64,
    /// What it added to the log-odds of the chosen stance against the runner-up (the next most
    /// probable stance): positive for the chosen one.
    pub effect: f64,
}

/// The stance part of a report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StanceReport {
    /// The most probable stance.
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

    /// Each stance's log-odds (before the softmax).
    fn logits(&self, z: &[f64; N_FEATURES]) -> [f64; 4] {
        let mut out = self.bias.to_array();
        for (f, &zf) in self.features.iter().zip(z) {
            let w = f.weights.to_array();
            for k in 0..4 {
                out[k] += w[k] * zf;
            }
        }
        out
    }

    /// The stance of one pair, its probabilities and (when `explain`) its main contributors.
    pub fn predict(&self, features: &Features, explain: bool) -> Prediction {
        let z = self.standardise(features);
        let probabilities = softmax(self.logits(&z));
        let best = argmax(&probabilities);
        if !explain {
            return Prediction {
                stance: Stance::ALL[best],
                probabilities,
                contributors: Vec::new(),
            };
        }
        // The decision is against the runner-up: what moved the log-odds between the two.
        let mut second = usize::from(best == 0);
        for k in 0..4 {
            if k != best && probabilities[k] > probabilities[second] {
                second = k;
            }
        }
        let mut contributors: Vec<Contribution> = self
            .features
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let w = f.weights.to_array();
                Contribution {
                    feature: Cow::Borrowed(FEATURES[i]),
                    value: features.values[i],
                    effect: (w[best] - w[second]) * z[i],
                }
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

/// The probabilities of log-odds.
pub(crate) fn softmax(logits: [f64; 4]) -> [f64; 4] {
    let max = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let e = logits.map(|l| (l - max).exp());
    let sum: f64 = e.iter().sum();
    e.map(|x| x / sum)
}

/// The index of the largest value (the first of equal ones).
pub(crate) fn argmax(v: &[f64; 4]) -> usize {
    let mut best = 0;
    for k in 1..4 {
        if v[k] > v[best] {
            best = k;
        }
    }
    best
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
            "model format `headcheck-stance-1`, this headcheck reads `headcheck-stance-2`"
        );
        // The current format without its lexicons is not a model.
        old["format"] = FORMAT.into();
        let err = Model::parse(&old.to_string()).unwrap_err().to_string();
        assert!(err.contains("lexicons"), "{err}");
    }

    #[test]
    fn softmax_and_argmax() {
        let p = softmax([0.0, 0.0, 0.0, 0.0]);
        assert_eq!(p, [0.25; 4]);
        let p = softmax([1000.0, 0.0, 0.0, 0.0]);
        assert!((p[0] - 1.0).abs() < 1e-12);
        assert_eq!(argmax(&[0.1, 0.4, 0.4, 0.1]), 1);
    }
}

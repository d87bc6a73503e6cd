//! Languages: which stop-word list, stemmer and negation words each one uses.

use rustc_hash::{FxHashMap, FxHashSet};
use std::fmt;
use std::str::FromStr;

use rust_stemmers::{Algorithm, Stemmer};

use crate::error::Error;

/// A language headcheck can analyse: covered by both the NLTK stop-word lists and the Snowball
/// stemmers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// Arabic
    Ar,
    /// Danish
    Da,
    /// German
    De,
    /// Greek
    El,
    /// English
    En,
    /// Spanish
    Es,
    /// Finnish
    Fi,
    /// French
    Fr,
    /// Hungarian
    Hu,
    /// Italian
    It,
    /// Dutch
    Nl,
    /// Norwegian
    No,
    /// Portuguese
    Pt,
    /// Romanian
    Ro,
    /// Russian
    Ru,
    /// Swedish
    Sv,
    /// Tamil
    Ta,
    /// Turkish
    Tr,
}

impl Lang {
    /// Every supported language, in code order.
    pub const ALL: [Lang; 18] = [
        Lang::Ar,
        Lang::Da,
        Lang::De,
        Lang::El,
        Lang::En,
        Lang::Es,
        Lang::Fi,
        Lang::Fr,
        Lang::Hu,
        Lang::It,
        Lang::Nl,
        Lang::No,
        Lang::Pt,
        Lang::Ro,
        Lang::Ru,
        Lang::Sv,
        Lang::Ta,
        Lang::Tr,
    ];

    /// The ISO 639-1 code, e.g. `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::Da => "da",
            Lang::De => "de",
            Lang::El => "el",
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Fi => "fi",
            Lang::Fr => "fr",
            Lang::Hu => "hu",
            Lang::It => "it",
            Lang::Nl => "nl",
            Lang::No => "no",
            Lang::Pt => "pt",
            Lang::Ro => "ro",
            Lang::Ru => "ru",
            Lang::Sv => "sv",
            Lang::Ta => "ta",
            Lang::Tr => "tr",
        }
    }

    /// The language's English name.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Ar => "Arabic",
            Lang::Da => "Danish",
            Lang::De => "German",
            Lang::El => "Greek",
            Lang::En => "English",
            Lang::Es => "Spanish",
            Lang::Fi => "Finnish",
            Lang::Fr => "French",
            Lang::Hu => "Hungarian",
            Lang::It => "Italian",
            Lang::Nl => "Dutch",
            Lang::No => "Norwegian",
            Lang::Pt => "Portuguese",
            Lang::Ro => "Romanian",
            Lang::Ru => "Russian",
            Lang::Sv => "Swedish",
            Lang::Ta => "Tamil",
            Lang::Tr => "Turkish",
        }
    }

    fn algorithm(self) -> Algorithm {
        match self {
            Lang::Ar => Algorithm::Arabic,
            Lang::Da => Algorithm::Danish,
            Lang::De => Algorithm::German,
            Lang::El => Algorithm::Greek,
            Lang::En => Algorithm::English,
            Lang::Es => Algorithm::Spanish,
            Lang::Fi => Algorithm::Finnish,
            Lang::Fr => Algorithm::French,
            Lang::Hu => Algorithm::Hungarian,
            Lang::It => Algorithm::Italian,
            Lang::Nl => Algorithm::Dutch,
            Lang::No => Algorithm::Norwegian,
            Lang::Pt => Algorithm::Portuguese,
            Lang::Ro => Algorithm::Romanian,
            Lang::Ru => Algorithm::Russian,
            Lang::Sv => Algorithm::Swedish,
            Lang::Ta => Algorithm::Tamil,
            Lang::Tr => Algorithm::Turkish,
        }
    }

    /// Words that turn a claim around. They are kept even where the stop-word list has them,
    /// because "not guilty" and "guilty" are different claims.
    pub fn negations(self) -> &'static [&'static str] {
        match self {
            Lang::Ar => &["لا", "لم", "لن", "ليس", "ليست", "غير"],
            Lang::Da => &["ikke", "aldrig", "ingen", "intet", "ingenting"],
            Lang::De => &[
                "nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals",
                "nichts", "niemand", "weder",
            ],
            Lang::El => &["δεν", "μην", "όχι", "ποτέ", "τίποτα", "κανείς"],
            Lang::En => &[
                "not", "no", "nor", "never", "none", "nobody", "nothing", "neither", "nowhere",
                "cannot", "without",
            ],
            Lang::Es => &[
                "no", "nunca", "jamás", "nada", "nadie", "ningún", "ninguno", "ninguna", "ni",
                "tampoco", "sin",
            ],
            Lang::Fi => &[
                "ei", "en", "et", "emme", "ette", "eivät", "koskaan", "ilman",
            ],
            Lang::Fr => &[
                "ne", "pas", "non", "jamais", "rien", "aucun", "aucune", "ni", "sans",
            ],
            Lang::Hu => &["nem", "sem", "soha", "nincs", "nincsenek", "semmi", "senki"],
            Lang::It => &[
                "non", "mai", "nessuno", "nessuna", "niente", "nulla", "né", "senza",
            ],
            Lang::Nl => &[
                "niet", "geen", "nooit", "niets", "niemand", "noch", "zonder",
            ],
            Lang::No => &["ikke", "aldri", "ingen", "intet", "ingenting", "uten"],
            Lang::Pt => &[
                "não", "nunca", "nada", "ninguém", "nenhum", "nenhuma", "nem", "sem",
            ],
            Lang::Ro => &[
                "nu",
                "niciodată",
                "nimic",
                "nimeni",
                "niciun",
                "nicio",
                "fără",
            ],
            Lang::Ru => &["не", "нет", "ни", "никогда", "ничего", "никто", "без"],
            Lang::Sv => &[
                "inte",
                "ej",
                "aldrig",
                "ingen",
                "inget",
                "inga",
                "ingenting",
                "utan",
            ],
            Lang::Ta => &["இல்லை", "அல்ல"],
            Lang::Tr => &["değil", "yok", "hiç", "asla", "hiçbir"],
        }
    }

    /// Words the NLTK list has as stop words that are words of their own too: English "won"
    /// is there as the first part of "won't", and is the past of "win" ("Team wins" over "the
    /// team won").
    pub fn kept_words(self) -> &'static [&'static str] {
        match self {
            Lang::En => &["won"],
            _ => &[],
        }
    }

    /// Function words the NLTK list lacks but that claim nothing ("amid", "via"), so they
    /// neither become claims nor join words into multi-word units.
    pub fn extra_stop_words(self) -> &'static [&'static str] {
        match self {
            Lang::En => &[
                "amid",
                "amidst",
                "among",
                "amongst",
                "despite",
                "via",
                "upon",
                "onto",
                "toward",
                "towards",
                "across",
                "along",
                "alongside",
                "around",
                "behind",
                "beyond",
                "near",
                "per",
                "since",
                "though",
                "although",
                "unless",
                "until",
                "whether",
                "within",
                "may",
                "might",
                "must",
                "shall",
                "could",
                "would",
                "also",
                "yet",
                "us",
            ],
            _ => &[],
        }
    }

    /// Whether a lowercased word is a negation in this language (English `n't` forms included).
    pub fn is_negation(self, lower: &str) -> bool {
        self.negations().contains(&lower) || (self == Lang::En && lower.ends_with("n't"))
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // A language tag ("en-GB", "pt_BR") names its language first.
        let wanted = s.trim().to_lowercase();
        let wanted = wanted.split(['-', '_']).next().unwrap_or_default();
        Lang::ALL
            .into_iter()
            .find(|l| l.code() == wanted || l.name().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| Error::UnknownLanguage(s.to_string()))
    }
}

/// The per-language tools: stop words (negations removed) and a stemmer. Built once per
/// [`crate::Checker`].
pub struct LangTools {
    /// The language.
    pub lang: Lang,
    stop: FxHashSet<&'static str>,
    negations: FxHashSet<&'static str>,
    /// Stop words and negations in one map, for the tokenizer's single lookup per word.
    function_words: FxHashMap<&'static str, FunctionWord>,
    stemmer: Stemmer,
}

/// A word that is not content: a stop word, or a negation (never a stop word).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FunctionWord {
    /// A stop word.
    Stop,
    /// A negation.
    Negation,
}

impl LangTools {
    /// Builds the stop-word set and stemmer for `lang`.
    pub fn new(lang: Lang) -> Self {
        let stop: FxHashSet<&'static str> = stop_words::lookup(lang.code())
            .unwrap_or(&[])
            .iter()
            .chain(lang.extra_stop_words())
            .copied()
            .filter(|w| !lang.is_negation(w) && !lang.kept_words().contains(w))
            .collect();
        let negations: FxHashSet<&'static str> = lang.negations().iter().copied().collect();
        let function_words = stop
            .iter()
            .map(|&w| (w, FunctionWord::Stop))
            .chain(negations.iter().map(|&w| (w, FunctionWord::Negation)))
            .collect();
        LangTools {
            lang,
            stop,
            negations,
            function_words,
            stemmer: Stemmer::create(lang.algorithm()),
        }
    }

    /// Whether a lowercased word is a stop word or a negation, in one lookup.
    pub fn function_word(&self, lower: &str) -> Option<FunctionWord> {
        match self.function_words.get(lower) {
            Some(&w) => Some(w),
            None if self.lang == Lang::En && lower.ends_with("n't") => Some(FunctionWord::Negation),
            None => None,
        }
    }

    /// Whether a lowercased word is a stop word. Negations never are.
    pub fn is_stop(&self, lower: &str) -> bool {
        self.stop.contains(lower)
    }

    /// Whether a lowercased word is a negation (see [`Lang::is_negation`]).
    pub fn is_negation(&self, lower: &str) -> bool {
        self.negations.contains(lower) || (self.lang == Lang::En && lower.ends_with("n't"))
    }

    /// The stem of a lowercased word.
    pub fn stem(&self, lower: &str) -> String {
        self.stemmer.stem(lower).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_stop_words_and_a_stemmer() {
        for lang in Lang::ALL {
            assert!(
                stop_words::lookup(lang.code()).is_some_and(|w| !w.is_empty()),
                "{lang}"
            );
            let tools = LangTools::new(lang);
            assert!(!tools.stop.is_empty(), "{lang}");
        }
    }

    #[test]
    fn negations_are_never_stop_words() {
        for lang in Lang::ALL {
            let tools = LangTools::new(lang);
            for neg in lang.negations() {
                assert!(!tools.is_stop(neg), "{lang}: {neg}");
            }
        }
        let en = LangTools::new(Lang::En);
        assert!(stop_words::lookup("en").is_some_and(|w| w.contains(&"not")));
        assert!(!en.is_stop("not") && !en.is_stop("no") && !en.is_stop("never"));
        assert!(!en.is_stop("didn't"));
        assert!(en.is_stop("the"));
    }

    #[test]
    fn parses_codes_and_names() {
        assert_eq!("de".parse::<Lang>().ok(), Some(Lang::De));
        assert_eq!("German".parse::<Lang>().ok(), Some(Lang::De));
        assert!("xx".parse::<Lang>().is_err());
        assert_eq!("en-GB".parse::<Lang>().ok(), Some(Lang::En));
        assert_eq!("pt_BR".parse::<Lang>().ok(), Some(Lang::Pt));
    }
}

//! Background statistics: how many documents of a reference collection use each stem, and how
//! often each word is capitalised mid-sentence. The English table is derived from the FNC-1
//! training bodies (see README, "Background statistics") and embedded in the binary.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::lang::{Lang, LangTools};
use crate::text::{sentence_spans, tokenize, Case, TokenKind};

use super::BodyIndex;

/// The English table, as committed in corpus/background/en.tsv.
const EN_TABLE: &str = include_str!("../../corpus/background/en.tsv");

/// Stems used by fewer documents than this are left out of a built table (they fall back to
/// in-document statistics, which rate them as rare anyway).
const MIN_DF: u32 = 2;
/// Words seen fewer times than this mid-sentence are left out of the case table.
const MIN_CASE_COUNT: u32 = 3;

/// Document frequencies and capitalisation counts of a reference collection.
#[derive(Debug, Default)]
pub struct Background {
    docs: u32,
    df: HashMap<String, u32>,
    case: HashMap<String, (u32, u32)>,
}

impl Background {
    /// The shipped table for `lang`, if there is one (English only for now). Parsed once.
    pub fn for_lang(lang: Lang) -> Option<&'static Background> {
        static EN: OnceLock<Option<Background>> = OnceLock::new();
        match lang {
            Lang::En => EN.get_or_init(|| Background::parse(EN_TABLE).ok()).as_ref(),
            _ => None,
        }
    }

    /// Number of documents the table was built from.
    pub fn docs(&self) -> u32 {
        self.docs
    }

    /// In how many documents `stem` occurs, if the table has it.
    pub fn df(&self, stem: &str) -> Option<u32> {
        self.df.get(stem).copied()
    }

    /// How often the lowercased `word` was written with a capital mid-sentence, as a share of
    /// its mid-sentence occurrences, if the table has it.
    pub fn capital_share(&self, word: &str) -> Option<f64> {
        self.case
            .get(word)
            .map(|&(lower, upper)| f64::from(upper) / f64::from(lower + upper))
    }

    /// Parses the TSV format written by [`Background::build`].
    pub fn parse(text: &str) -> Result<Background, String> {
        let mut bg = Background::default();
        for (n, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut f = line.split('\t');
            let bad = || format!("line {}: malformed: {line:?}", n + 1);
            let num = |s: Option<&str>| s.and_then(|s| s.parse::<u32>().ok());
            match f.next() {
                Some("docs") => bg.docs = num(f.next()).ok_or_else(bad)?,
                Some("s") => {
                    let stem = f.next().ok_or_else(bad)?;
                    bg.df.insert(stem.to_string(), num(f.next()).ok_or_else(bad)?);
                }
                Some("c") => {
                    let word = f.next().ok_or_else(bad)?;
                    let lower = num(f.next()).ok_or_else(bad)?;
                    let upper = num(f.next()).ok_or_else(bad)?;
                    bg.case.insert(word.to_string(), (lower, upper));
                }
                _ => return Err(bad()),
            }
        }
        if bg.docs == 0 {
            return Err("no `docs` line".into());
        }
        Ok(bg)
    }

    /// Builds the table from a collection of documents and writes it as TSV, sorted, so the
    /// same collection always gives the same bytes.
    pub fn build<'a>(docs: impl IntoIterator<Item = &'a str>, lang: Lang, source: &str) -> String {
        let tools = LangTools::new(lang);
        let mut df: HashMap<String, u32> = HashMap::new();
        let mut case: HashMap<String, (u32, u32)> = HashMap::new();
        let mut n_docs = 0u32;
        let mut seen = HashSet::new();
        for doc in docs {
            n_docs += 1;
            seen.clear();
            for s in sentence_spans(doc) {
                let text = &doc[s.span.start..s.span.end];
                let tokens = tokenize(text, s.span.start, &tools, false);
                for (i, t) in tokens.iter().enumerate() {
                    if t.kind != TokenKind::Word {
                        continue;
                    }
                    if !seen.contains(&t.key) {
                        seen.insert(t.key.clone());
                        *df.entry(t.key.clone()).or_default() += 1;
                    }
                    if i > 0 {
                        let e = case.entry(t.norm.clone()).or_default();
                        match t.case {
                            Case::Lower => e.0 += 1,
                            Case::Title | Case::Upper => e.1 += 1,
                            Case::Other => {}
                        }
                    }
                }
            }
        }
        let mut stems: Vec<_> = df.into_iter().filter(|(_, d)| *d >= MIN_DF).collect();
        stems.sort();
        let mut words: Vec<_> = case
            .into_iter()
            .filter(|(w, (l, u))| l + u >= MIN_CASE_COUNT && !w.contains(['\t', '\n']))
            .collect();
        words.sort();
        let mut out = String::new();
        out.push_str("# headcheck background statistics (figures only, no text)\n");
        out.push_str(&format!("# lang\t{}\n# source\t{source}\n", lang.code()));
        out.push_str("# rows: `s stem df` = documents using the stem; `c word lower upper` = mid-sentence lowercase / capitalised uses\n");
        out.push_str(&format!("docs\t{n_docs}\n"));
        for (stem, d) in stems {
            out.push_str(&format!("s\t{stem}\t{d}\n"));
        }
        for (word, (l, u)) in words {
            out.push_str(&format!("c\t{word}\t{l}\t{u}\n"));
        }
        out
    }
}

/// How rare a key is, in [0, 1]: its normalised inverse document frequency in the background
/// table. A word the table lacks was used by at most one of its documents, so it is at least as
/// rare as a one-document word, or rarer if the body's own sentences say so. Without a table
/// (languages other than English), rarity comes from the body's sentences alone.
pub fn rarity(key: &str, body: &BodyIndex, background: Option<&Background>) -> f64 {
    match background {
        Some(bg) => match bg.df(key) {
            Some(df) => idf(df, bg.docs()),
            None => idf(1, bg.docs()).max(body.sentence_rarity(key)),
        },
        None => body.sentence_rarity(key),
    }
}

/// Inverse document frequency normalised to (0, 1]: 1 for a word no document uses.
fn idf(df: u32, docs: u32) -> f64 {
    let n = f64::from(docs);
    let idf = ((n + 1.0) / (f64::from(df) + 1.0)).ln() + 1.0;
    (idf / ((n + 1.0).ln() + 1.0)).min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_then_parse_round_trips() {
        let docs = [
            "The Mayor of Springfield met Anna Berg. Berg said peace talks failed in Springfield.",
            "Peace returned to Springfield. The talks ended.",
        ];
        let table = Background::build(docs, Lang::En, "test");
        let bg = Background::parse(&table).unwrap();
        assert_eq!(bg.docs(), 2);
        assert_eq!(bg.df("peac"), Some(2));
        assert_eq!(bg.df("springfield"), Some(2));
        assert_eq!(bg.capital_share("peace"), None, "fewer than three mid-sentence uses");
        assert_eq!(bg.df("berg"), None, "df 1 is left out");
        assert_eq!(bg.capital_share("springfield"), Some(1.0));
        assert_eq!(Background::build(docs, Lang::En, "test"), table);
    }

    #[test]
    fn shipped_english_table_loads() {
        let bg = Background::for_lang(Lang::En).expect("the English table parses");
        assert!(bg.docs() > 1000);
        assert!(bg.df("govern").is_some());
        assert!(bg.capital_share("government").is_some_and(|s| s < 0.5));
        assert!(Background::for_lang(Lang::De).is_none());
    }

    #[test]
    fn malformed_rows_are_errors() {
        assert!(Background::parse("docs\t3\ns\tonly-stem\n").is_err());
        assert!(Background::parse("s\tx\t1\n").is_err());
    }
}

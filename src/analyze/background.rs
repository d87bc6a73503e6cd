//! Background statistics: how many documents of a reference collection use each stem, and how
//! often each word is capitalised mid-sentence. The English table is derived from the FNC-1
//! training bodies (see README, "Background statistics") and embedded in the binary.

use std::collections::{HashMap, HashSet};

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

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
///
/// Loading only finds the rows and files each word's row number in a hash map; a lookup reads
/// the figures from the text, so nothing is copied and a process starts in well under a
/// millisecond.
#[derive(Debug)]
pub struct Background {
    docs: u32,
    /// `s` rows as (stem, "df"), sorted by stem.
    stems: Vec<(&'static str, &'static str)>,
    /// `c` rows as (word, "lower\tupper\tstem"), sorted by word.
    words: Vec<(&'static str, &'static str)>,
    /// Stem → its row in `stems`.
    stem_rows: FxHashMap<&'static str, u32>,
    /// Word → its row in `words`.
    word_rows: FxHashMap<&'static str, u32>,
    /// Per row of `stems`: its document frequency, read once at load (`None` if malformed).
    stem_df: Vec<Option<u32>>,
    /// [`idf`] of every document frequency from 0 to the table's largest, computed once.
    idf_by_df: Vec<f64>,
    /// Per row of `words`: its capital share, read when first asked for.
    capital_shares: OnceLock<Vec<Option<f64>>>,
}

fn lookup(
    rows: &[(&'static str, &'static str)],
    index: &FxHashMap<&'static str, u32>,
    key: &str,
) -> Option<&'static str> {
    index.get(key).map(|&i| rows[i as usize].1)
}

fn index_rows(rows: &[(&'static str, &'static str)]) -> FxHashMap<&'static str, u32> {
    rows.iter()
        .enumerate()
        .map(|(i, (word, _))| (*word, i as u32))
        .collect()
}

/// The capital share of a `c` row's figures ("lower\tupper\tstem").
fn capital_share_of(figures: &str) -> Option<f64> {
    let mut figures = figures.split('\t');
    let (lower, upper) = (figures.next()?, figures.next()?);
    let (lower, upper): (u32, u32) = (lower.parse().ok()?, upper.parse().ok()?);
    (lower + upper > 0).then(|| f64::from(upper) / f64::from(lower + upper))
}

fn split_static(row: &'static str) -> (&'static str, &'static str) {
    row.split_once('\t').unwrap_or((row, ""))
}

impl Background {
    /// The shipped table for `lang`, if there is one (English only for now). Loaded once.
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
        self.stem_df[*self.stem_rows.get(stem)? as usize]
    }

    /// The rarity of a stem used by `df` of the table's documents ([`idf`]).
    fn idf(&self, df: u32) -> f64 {
        match self.idf_by_df.get(df as usize) {
            Some(&r) => r,
            None => idf(df, self.docs),
        }
    }

    /// How often the lowercased `word` was written with a capital mid-sentence, as a share of
    /// its mid-sentence occurrences, if the table has it.
    pub fn capital_share(&self, word: &str) -> Option<f64> {
        let row = *self.word_rows.get(word)? as usize;
        let shares = self.capital_shares.get_or_init(|| {
            self.words
                .iter()
                .map(|(_, figures)| capital_share_of(figures))
                .collect()
        });
        shares[row]
    }

    /// The stem of a lowercased word, as the stemmer gave it when the table was built: a
    /// lookup is cheaper than stemming, and the table knows the commonest words.
    pub fn stem(&self, word: &str) -> Option<&'static str> {
        lookup(&self.words, &self.word_rows, word)?
            .split('\t')
            .nth(2)
    }

    /// Reads the TSV format written by [`Background::build`]: finds the rows and the `docs`
    /// line; rows are read at lookup ([`Background::validate`] checks them all). The table
    /// borrows from `text`, which lives as long as the process (the shipped table is embedded
    /// in the binary).
    pub fn parse(text: &'static str) -> Result<Background, String> {
        let mut bg = Background {
            docs: 0,
            stems: Vec::with_capacity(text.len() / 12),
            words: Vec::with_capacity(text.len() / 24),
            stem_rows: FxHashMap::default(),
            word_rows: FxHashMap::default(),
            stem_df: Vec::new(),
            idf_by_df: Vec::new(),
            capital_shares: OnceLock::new(),
        };
        let mut start = 0;
        let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
        for (n, end) in ends.enumerate() {
            let line = &text[start..end];
            start = end + 1;
            if let Some(row) = line.strip_prefix("s\t") {
                bg.stems.push(split_static(row));
            } else if let Some(row) = line.strip_prefix("c\t") {
                bg.words.push(split_static(row));
            } else if let Some(docs) = line.strip_prefix("docs\t") {
                bg.docs = docs
                    .parse()
                    .map_err(|_| format!("line {}: malformed: {line:?}", n + 1))?;
            } else if !(line.is_empty() || line.starts_with('#')) {
                return Err(format!("line {}: malformed: {line:?}", n + 1));
            }
        }
        if bg.docs == 0 {
            return Err("no `docs` line".into());
        }
        bg.stem_rows = index_rows(&bg.stems);
        bg.stem_df = bg.stems.iter().map(|(_, df)| df.parse().ok()).collect();
        // Up to the largest document frequency in the table (and 1, for unknown words).
        let max_df = bg
            .stem_df
            .iter()
            .flatten()
            .copied()
            .max()
            .unwrap_or(0)
            .max(1);
        bg.idf_by_df = (0..=max_df).map(|df| idf(df, bg.docs)).collect();
        bg.word_rows = index_rows(&bg.words);
        Ok(bg)
    }

    /// Checks every row: the right number of figures, and rows sorted by their word.
    pub fn validate(&self) -> Result<(), String> {
        for (rows, fields) in [(&self.stems, 1), (&self.words, 3)] {
            for pair in rows.windows(2) {
                if pair[0].0 >= pair[1].0 {
                    return Err(format!(
                        "rows out of order: {:?} before {:?}",
                        pair[0].0, pair[1].0
                    ));
                }
            }
            for (word, figures) in rows.iter() {
                let figures: Vec<&str> = figures.split('\t').collect();
                let numbers = figures.iter().take(fields.min(2));
                if figures.len() != fields
                    || numbers.clone().any(|f| f.parse::<u32>().is_err())
                    || figures.iter().any(|f| f.is_empty())
                {
                    return Err(format!("malformed row for {word:?}"));
                }
            }
        }
        Ok(())
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
                    if !seen.contains(t.key.as_str()) {
                        seen.insert(t.key.to_string());
                        *df.entry(t.key.to_string()).or_default() += 1;
                    }
                    if i > 0 {
                        let e = case.entry(t.norm.to_string()).or_default();
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
        out.push_str("# rows: `s stem df` = documents using the stem; `c word lower upper stem` = mid-sentence lowercase / capitalised uses, and the word's stem\n");
        out.push_str(&format!("docs\t{n_docs}\n"));
        for (stem, d) in stems {
            out.push_str(&format!("s\t{stem}\t{d}\n"));
        }
        for (word, (l, u)) in words {
            let stem = tools.stem(&word);
            out.push_str(&format!("c\t{word}\t{l}\t{u}\t{stem}\n"));
        }
        out
    }
}

/// How rare a key is, in [0, 1]: its normalised inverse document frequency in the background
/// table. A word the table lacks was used by at most one of its documents, so it is at least as
/// rare as a one-document word, or rarer if the body's own sentences say so. Without a table
/// (languages other than English), rarity comes from the body's sentences alone.
///
/// The body index keeps the rarity of each of its own words (computed with the background it
/// was built with), so only words the body lacks are looked up again.
pub fn rarity(key: &str, body: &BodyIndex, background: Option<&Background>) -> f64 {
    if let Some(r) = body.stored_rarity(key) {
        return r;
    }
    fresh_rarity(key, body, background)
}

/// [`rarity`] computed from the tables, without the body's stored figures.
pub(crate) fn fresh_rarity(key: &str, body: &BodyIndex, background: Option<&Background>) -> f64 {
    key_rarity(key, background, || body.sentence_rarity(key))
}

/// [`rarity`], with `in_sentences` giving the body's [`BodyIndex::sentence_rarity`] of `key`
/// when it is needed.
pub(crate) fn key_rarity(
    key: &str,
    background: Option<&Background>,
    in_sentences: impl FnOnce() -> f64,
) -> f64 {
    match background {
        Some(bg) => match bg.df(key) {
            Some(df) => bg.idf(df),
            None => bg.idf(1).max(in_sentences()),
        },
        None => in_sentences(),
    }
}

/// The rarity of a key in a body that lacks it: what [`fresh_rarity`] gives then (a body's
/// sentence rarity of an absent key is 1), without needing the body.
pub(crate) fn absent_rarity(key: &str, background: Option<&Background>) -> f64 {
    background
        .and_then(|bg| bg.df(key).map(|df| bg.idf(df)))
        .unwrap_or(1.0)
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
        let bg = Background::parse(Box::leak(table.clone().into_boxed_str())).unwrap();
        assert_eq!(bg.docs(), 2);
        assert_eq!(bg.df("peac"), Some(2));
        assert_eq!(bg.df("springfield"), Some(2));
        assert_eq!(
            bg.capital_share("peace"),
            None,
            "fewer than three mid-sentence uses"
        );
        assert_eq!(bg.df("berg"), None, "df 1 is left out");
        assert_eq!(bg.capital_share("springfield"), Some(1.0));
        assert_eq!(bg.stem("springfield"), Some("springfield"));
        assert_eq!(bg.stem("talks"), None, "only two mid-sentence uses");
        assert_eq!(Background::build(docs, Lang::En, "test"), table);
    }

    #[test]
    fn shipped_english_table_loads() {
        let bg = Background::for_lang(Lang::En).expect("the English table parses");
        bg.validate().expect("every row is well formed and sorted");
        assert!(bg.docs() > 1000);
        assert!(bg.df("govern").is_some());
        assert!(bg.capital_share("government").is_some_and(|s| s < 0.5));
        assert!(Background::for_lang(Lang::De).is_none());
    }

    /// The per-thread caches in `text::tokenize` share stems between bodies (which take them
    /// from this table) and headlines (which use the stemmer): both must agree.
    #[test]
    fn stored_stems_are_the_stemmer_s() {
        let bg = Background::for_lang(Lang::En).expect("the English table parses");
        let tools = LangTools::new(Lang::En);
        let differ: Vec<&str> = bg
            .words
            .iter()
            .filter(|(word, _)| bg.stem(word) != Some(tools.stem(word).as_str()))
            .map(|(word, _)| *word)
            .collect();
        assert!(differ.is_empty(), "{differ:?}");
        assert!(bg.words.len() > 5_000);
    }

    #[test]
    fn malformed_rows_are_errors() {
        let check = |t: &'static str| Background::parse(t).and_then(|b| b.validate());
        assert!(check("docs\t3\ns\tonly-stem\n").is_err());
        assert!(check("s\tx\t1\n").is_err(), "no docs line");
        assert!(check("docs\t3\nx\ty\n").is_err());
        assert!(check("docs\t3\ns\tb\t1\ns\ta\t1\n").is_err(), "unsorted");
        assert!(
            check("docs\t3\ns\ta\t1\ns\tb\t1\nc\tb\t1\t2\n").is_err(),
            "no stem"
        );
        assert!(check("docs\t3\ns\ta\t1\ns\tb\t1\nc\tbs\t1\t2\tb\n").is_ok());
    }
}

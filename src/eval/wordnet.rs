//! The English paraphrase lexicon (corpus/lexicon/en.tsv) from WordNet 3.0 (Debian's
//! `wordnet-base` package: `apt-get install wordnet-base`; another copy of WordNet's database
//! files through `WORDNET_DIR`).
//!
//! cargo run --release --example build_lexicon > corpus/lexicon/en.tsv
//!
//! Each line is `from<TAB>relation<TAB>to`: two word sequences as headcheck's English keys (stems,
//! canonical acronyms) separated by spaces, and how WordNet relates them (see
//! `headcheck::analyze::Relation`). Only a word's three most frequent senses take part (its first
//! alone when it has more than five), and the other word only in its most frequent sense, so
//! that a common word is not related to every rare use of it. WordNet's hypernyms ("a kind
//! of") are left out: followed one step, from a stem that several words share, they related
//! "citizens" to "nation" and "approves" to "supported".

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::lang::{Lang, LangTools};
use crate::text::{tokenize, TokenKind};

/// A word's senses beyond this rank (WordNet orders them by frequency) take no part.
const SENSES: usize = 3;
/// A word with more senses than this (in one part of speech) takes part only in its first.
const MANY: usize = 5;
/// Lemmas of more words than this are left out.
const MAX_WORDS: usize = 3;

struct Synset {
    words: Vec<String>,
    /// (symbol, target pos, target offset, source word, target word); word numbers from 1, 0
    /// for the whole synset.
    pointers: Vec<(String, char, u64, usize, usize)>,
}

/// Where WordNet's database files are: `$WORDNET_DIR`, else Debian's `/usr/share/wordnet`.
pub fn wordnet_dir() -> PathBuf {
    std::env::var_os("WORDNET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/share/wordnet"))
}

/// The English paraphrase lexicon (`corpus/lexicon/en.tsv`) made from the WordNet database in
/// `dir`.
pub fn english_lexicon(dir: &Path) -> Result<String, Box<dyn std::error::Error>> {
    let tools = LangTools::new(Lang::En);
    let mut synsets: HashMap<(char, u64), Synset> = HashMap::new();
    for file in ["data.noun", "data.verb", "data.adj", "data.adv"] {
        let (path, text) = read(dir, file)?;
        for (n, line) in entries(&text) {
            let (fields, _gloss) = line.split_once(" | ").unwrap_or((line, ""));
            let f: Vec<&str> = fields.split(' ').collect();
            let (key, synset) = parse_synset(&f)
                .ok_or_else(|| format!("{}:{}: not a WordNet data line", path.display(), n + 1))?;
            // Animals and plants (noun.animal, noun.plant): their taxonomy would relate
            // thousands of names to their genera, and news rarely needs it.
            if !matches!(f[1], "05" | "20") {
                synsets.insert(key, synset);
            }
        }
    }
    // Each lemma's senses in frequency order, per part of speech.
    let mut senses: HashMap<(char, String), Vec<u64>> = HashMap::new();
    for (file, pos) in [
        ("index.noun", 'n'),
        ("index.verb", 'v'),
        ("index.adj", 'a'),
        ("index.adv", 'r'),
    ] {
        let (path, text) = read(dir, file)?;
        for (n, line) in entries(&text) {
            let f: Vec<&str> = line.split(' ').filter(|s| !s.is_empty()).collect();
            let bad = || format!("{}:{}: not a WordNet index line", path.display(), n + 1);
            let count: usize = f.get(2).and_then(|c| c.parse().ok()).ok_or_else(bad)?;
            let offsets = f
                .get(f.len().saturating_sub(count).max(3)..)
                .ok_or_else(bad)?
                .iter()
                .map(|o| o.parse())
                .collect::<Result<Vec<u64>, _>>()
                .map_err(|_| bad())?;
            senses.insert((pos, f[0].replace('_', " ")), offsets);
        }
    }
    let rank = |pos: char, word: &str, offset: u64| -> usize {
        senses
            .get(&(pos, word.to_lowercase()))
            .and_then(|list| list.iter().position(|&o| o == offset))
            .unwrap_or(usize::MAX)
    };

    // The strongest relation between two key sequences wins (lower is stronger).
    let mut out: BTreeMap<(String, String), u8> = BTreeMap::new();
    let mut keys_of = HashMap::new();
    let mut keys = |word: &str| -> Option<String> {
        keys_of
            .entry(word.to_string())
            .or_insert_with(|| word_keys(word, &tools))
            .clone()
    };
    let mut emit = |from: &str, to: &str, relation: u8| {
        let (Some(a), Some(b)) = (keys(from), keys(to)) else {
            return;
        };
        if a != b {
            let slot = out.entry((a, b)).or_insert(relation);
            *slot = (*slot).min(relation);
        }
    };

    for (&(pos, offset), synset) in &synsets {
        // A word of many senses ("bring", "get") takes part only in its first.
        let source = |w: &String| {
            let many = senses
                .get(&(pos, w.to_lowercase()))
                .is_some_and(|s| s.len() > MANY);
            rank(pos, w, offset) < if many { 1 } else { SENSES }
        };
        for a in synset.words.iter().filter(|w| source(w)) {
            // The word's most frequent sense: the only one whose wider relations are followed.
            let first = rank(pos, a, offset) == 0;
            // The body's word in its own most frequent sense: "comedian" for "comic", but not
            // "control" for "government" (a rare sense of "control").
            for b in synset
                .words
                .iter()
                .filter(|w| rank(pos, w, offset) == 0 && *w != a)
            {
                emit(
                    a,
                    b,
                    if proper(a) && proper(b) {
                        ALIAS
                    } else {
                        SYNONYM
                    },
                );
            }
            for (sym, tpos, toff, src, tgt) in &synset.pointers {
                let Some(target) = synsets.get(&(*tpos, *toff)) else {
                    continue;
                };
                let lexical = *src > 0;
                if lexical && synset.words.get(src - 1) != Some(a) {
                    continue;
                }
                let targets: Vec<&String> = if lexical {
                    target.words.get(tgt - 1).into_iter().collect()
                } else {
                    target
                        .words
                        .iter()
                        .filter(|w| rank(*tpos, w, *toff) == 0)
                        .collect()
                };
                let target_proper = proper(a) && target.words.iter().any(|w| proper(w));
                // A kind of member of a group is a member of it: "cop" is a kind of "policeman",
                // and policemen make up the "police".
                if sym == "@" && first && pos == 'n' {
                    for (sym2, tpos2, toff2, _, _) in &target.pointers {
                        let group = synsets.get(&(*tpos2, *toff2));
                        if sym2 != "#m" {
                            continue;
                        }
                        for b in group.into_iter().flat_map(|g| &g.words) {
                            if rank(*tpos2, b, *toff2) == 0 {
                                emit(a, b, MEMBER);
                            }
                        }
                    }
                }
                let relation = match sym.as_str() {
                    "+" => DERIVED,
                    // An adjective "of or pertaining to" a noun: a demonym of a place is an
                    // alias of its name ("American": "America", and so "United States").
                    "\\" if target_proper => ALIAS,
                    "\\" => DERIVED,
                    "#m" | "%m" if first => MEMBER,
                    ">" if first => CAUSE,
                    _ => continue,
                };
                for b in &targets {
                    emit(a, b, relation);
                    emit(b, a, relation);
                }
                if sym == "\\" && target_proper {
                    for b in target
                        .words
                        .iter()
                        .filter(|w| rank(*tpos, w, *toff) < SENSES)
                    {
                        emit(a, b, ALIAS);
                        emit(b, a, ALIAS);
                    }
                }
            }
        }
    }
    // Irregular forms: "said say", "died die", "mice mouse".
    for file in ["noun.exc", "verb.exc", "adj.exc"] {
        let (_, text) = read(dir, file)?;
        for line in text.lines() {
            let mut f = line.split(' ');
            let Some(form) = f.next() else { continue };
            for base in f {
                emit(&form.replace('_', " "), &base.replace('_', " "), FORM);
                emit(&base.replace('_', " "), &form.replace('_', " "), FORM);
            }
        }
    }
    // Another name of another name is one too: "UK" is "Britain", whose people are "British".
    let aliases: Vec<(String, String)> = out
        .iter()
        .filter(|(_, &r)| r == ALIAS)
        .map(|((a, b), _)| (a.clone(), b.clone()))
        .collect();
    let mut of: HashMap<&str, Vec<&str>> = HashMap::new();
    for (a, b) in &aliases {
        of.entry(a.as_str()).or_default().push(b.as_str());
    }
    for (a, b) in &aliases {
        for c in of.get(b.as_str()).into_iter().flatten() {
            if c != a {
                let slot = out.entry((a.clone(), c.to_string())).or_insert(ALIAS);
                *slot = (*slot).min(ALIAS);
            }
        }
    }
    let mut text = String::new();
    for ((a, b), relation) in &out {
        text.push_str(&format!("{a}\t{}\t{b}\n", NAMES[*relation as usize]));
    }
    Ok(text)
}

const FORM: u8 = 0;
const ALIAS: u8 = 1;
const SYNONYM: u8 = 2;
const DERIVED: u8 = 3;
const MEMBER: u8 = 4;
const CAUSE: u8 = 5;
const NAMES: [&str; 6] = ["form", "alias", "synonym", "derived", "member", "cause"];

/// One of WordNet's files, with its path (for messages).
fn read(dir: &Path, file: &str) -> Result<(PathBuf, String), String> {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("{}: {e} (apt-get install wordnet-base)", path.display()))?;
    Ok((path, text))
}

/// The numbered lines of a data or index file that are entries (the licence at the top starts
/// with spaces).
fn entries(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with(' '))
}

/// One line of a `data.*` file, split at spaces before the gloss: its synset's key (part of
/// speech, offset) and words and pointers; `None` when it is malformed.
fn parse_synset(f: &[&str]) -> Option<((char, u64), Synset)> {
    let offset: u64 = f.first()?.parse().ok()?;
    let pos = index_pos(f.get(2)?.chars().next()?);
    let n = usize::from_str_radix(f.get(3)?, 16).ok()?;
    let mut words = Vec::with_capacity(n);
    for i in 0..n {
        let w = *f.get(4 + 2 * i)?;
        // Adjectives may carry a syntactic marker: "galore(ip)".
        let w = w.split('(').next().unwrap_or(w);
        words.push(w.replace('_', " "));
    }
    let mut at = 4 + 2 * n;
    let p: usize = f.get(at)?.parse().ok()?;
    at += 1;
    let mut pointers = Vec::with_capacity(p);
    for _ in 0..p {
        let (sym, off, tpos, st) = (f.get(at)?, f.get(at + 1)?, f.get(at + 2)?, f.get(at + 3)?);
        at += 4;
        let src = usize::from_str_radix(st.get(..2)?, 16).ok()?;
        let tgt = usize::from_str_radix(st.get(2..)?, 16).ok()?;
        let tpos = index_pos(tpos.chars().next()?);
        pointers.push((sym.to_string(), tpos, off.parse().ok()?, src, tgt));
    }
    Some(((pos, offset), Synset { words, pointers }))
}

/// Whether WordNet writes the word as a name.
fn proper(word: &str) -> bool {
    word.starts_with(char::is_uppercase)
}

/// The part of speech as the index files name it (adjective satellites are adjectives).
fn index_pos(c: char) -> char {
    if c == 's' {
        'a'
    } else {
        c
    }
}

/// A lemma's keys as headcheck's English tokeniser makes them, or `None` when the lemma is
/// not a short run of content words (a stop word, a number, more than [`MAX_WORDS`] words).
fn word_keys(lemma: &str, tools: &LangTools) -> Option<String> {
    let tokens = tokenize(lemma, 0, tools, false);
    let words = tokens.len();
    let all_content = tokens.iter().all(|t| t.kind == TokenKind::Word);
    if words == 0 || words > MAX_WORDS || !all_content {
        return None;
    }
    let keys: Vec<&str> = tokens.iter().map(|t| t.key.as_str()).collect();
    Some(keys.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The committed lexicon is what [`english_lexicon`] makes from WordNet. Needs WordNet's
    /// database (`apt-get install wordnet-base`, or `WORDNET_DIR`); without it the test says so
    /// and passes, unless `HEADCHECK_REQUIRE_DATA=1` (as `.ci/run` sets, which installs it).
    #[test]
    #[allow(clippy::unwrap_used)]
    fn the_lexicon_regenerates_exactly() {
        let dir = wordnet_dir();
        if !dir.join("data.noun").exists() {
            assert!(
                std::env::var("HEADCHECK_REQUIRE_DATA").as_deref() != Ok("1"),
                "{} is missing: apt-get install wordnet-base",
                dir.display()
            );
            println!("SKIPPED: {} is missing", dir.join("data.noun").display());
            return;
        }
        let made = english_lexicon(&dir).unwrap();
        let committed = include_str!("../../corpus/lexicon/en.tsv");
        assert!(
            made == committed,
            "corpus/lexicon/en.tsv is not what WordNet gives now: \
             cargo run --release --example build_lexicon > corpus/lexicon/en.tsv"
        );
    }
}

//! Regenerates corpus/lexicon/en.tsv, the English paraphrase lexicon, from WordNet 3.0 (Debian's
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

mod common;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use headcheck::text::tokenize;
use headcheck::{Lang, LangTools};

/// A word's senses beyond this rank (WordNet orders them by frequency) take no part.
const SENSES: usize = 3;
/// A word with more senses than this (in one part of speech) takes part only in its first.
const MANY: usize = 5;
/// Lemmas of more words than this are left out.
const MAX_WORDS: usize = 3;

fn main() -> std::process::ExitCode {
    common::main_with(run)
}

struct Synset {
    words: Vec<String>,
    /// (symbol, target pos, target offset, source word, target word); word numbers from 1, 0
    /// for the whole synset.
    pointers: Vec<(String, char, u64, usize, usize)>,
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::var_os("WORDNET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/share/wordnet"));
    let tools = LangTools::new(Lang::En);
    let mut synsets: HashMap<(char, u64), Synset> = HashMap::new();
    for file in ["data.noun", "data.verb", "data.adj", "data.adv"] {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("{}: {e} (apt-get install wordnet-base)", path.display()))?;
        for line in text.lines().filter(|l| !l.starts_with(' ')) {
            let (fields, _gloss) = line.split_once(" | ").unwrap_or((line, ""));
            let f: Vec<&str> = fields.split(' ').collect();
            let offset: u64 = f[0].parse()?;
            // Animals and plants (noun.animal, noun.plant): their taxonomy would relate
            // thousands of names to their genera, and news rarely needs it.
            if matches!(f[1], "05" | "20") {
                continue;
            }
            let pos = index_pos(f[2].chars().next().unwrap_or('n'));
            let n = usize::from_str_radix(f[3], 16)?;
            let words: Vec<String> = (0..n)
                .map(|i| {
                    let w = f[4 + 2 * i];
                    // Adjectives may carry a syntactic marker: "galore(ip)".
                    let w = w.split('(').next().unwrap_or(w);
                    w.replace('_', " ")
                })
                .collect();
            let mut at = 4 + 2 * n;
            let p: usize = f[at].parse()?;
            at += 1;
            let mut pointers = Vec::with_capacity(p);
            for _ in 0..p {
                let (sym, off, tpos, st) = (f[at], f[at + 1], f[at + 2], f[at + 3]);
                at += 4;
                let src = usize::from_str_radix(&st[..2], 16)?;
                let tgt = usize::from_str_radix(&st[2..], 16)?;
                let tpos = index_pos(tpos.chars().next().unwrap_or('n'));
                pointers.push((sym.to_string(), tpos, off.parse()?, src, tgt));
            }
            synsets.insert((pos, offset), Synset { words, pointers });
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
        let text = std::fs::read_to_string(dir.join(file))?;
        for line in text.lines().filter(|l| !l.starts_with(' ')) {
            let f: Vec<&str> = line.split(' ').filter(|s| !s.is_empty()).collect();
            let count: usize = f[2].parse()?;
            let offsets = f[f.len() - count..]
                .iter()
                .map(|o| o.parse())
                .collect::<Result<Vec<u64>, _>>()?;
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
        let text = std::fs::read_to_string(dir.join(file))?;
        for line in text.lines() {
            let mut f = line.split(' ');
            let Some(form) = f.next() else { continue };
            for base in f {
                emit(&form.replace('_', " "), &base.replace('_', " "), FORM);
                emit(&base.replace('_', " "), &form.replace('_', " "), FORM);
            }
        }
    }
    let mut text = String::new();
    for ((a, b), relation) in &out {
        text.push_str(&format!("{a}\t{}\t{b}\n", NAMES[*relation as usize]));
    }
    print!("{text}");
    Ok(())
}

const FORM: u8 = 0;
const ALIAS: u8 = 1;
const SYNONYM: u8 = 2;
const DERIVED: u8 = 3;
const MEMBER: u8 = 4;
const CAUSE: u8 = 5;
const NAMES: [&str; 6] = ["form", "alias", "synonym", "derived", "member", "cause"];

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
    let all_content = tokens
        .iter()
        .all(|t| t.kind == headcheck::text::TokenKind::Word);
    if words == 0 || words > MAX_WORDS || !all_content {
        return None;
    }
    let keys: Vec<&str> = tokens.iter().map(|t| t.key.as_str()).collect();
    Some(keys.join(" "))
}

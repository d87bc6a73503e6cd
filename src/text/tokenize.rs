//! Words and numbers with their byte spans in the original text.

use std::cell::RefCell;

use super::segment::{for_each_segment, SegmentKind};
use compact_str::CompactString;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::cues::{cue_of, Cue};
use super::normalize::{normalize_number, normalize_word};
use super::Span;
use crate::analyze::Background;
use crate::lang::{FunctionWord, LangTools};

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// A word that carries meaning.
    Word,
    /// A stop word ("the", "of"); negations never are.
    Stop,
    /// A negation ("not", "never", "kein").
    Negation,
    /// A number, number word or amount; its key is the canonical number.
    Number,
}

/// How a token is capitalised where it is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Case {
    /// "peace"
    Lower,
    /// "Peace"
    Title,
    /// "NATO"
    Upper,
    /// Digits, or scripts without case.
    Other,
}

/// What stands between a token and the one before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Join {
    /// It is the first token.
    Start,
    /// Only white space.
    Space,
    /// A hyphen with no space around it ("peace-keeping").
    Hyphen,
    /// Punctuation or anything else.
    Punct,
}

/// One word or number of a text.
#[derive(Clone, Debug, Serialize)]
pub struct Token {
    /// Where it is in the original text.
    pub span: Span,
    /// Normalised, lowercased form.
    pub norm: CompactString,
    /// The matching key: the stem for words, the canonical number for numbers.
    pub key: CompactString,
    /// What it is.
    pub kind: TokenKind,
    /// How it is written.
    pub case: Case,
    /// What separates it from the previous token.
    pub join: Join,
    /// The word ended in a possessive `'s`.
    pub possessive: bool,
    /// The stance cue it is (English words only; [`super::cue_of`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cue: Option<Cue>,
}

impl Token {
    /// A word or number that can be a claim or evidence (not a stop word).
    pub fn is_content(&self) -> bool {
        self.kind != TokenKind::Stop
    }
}

/// The longest word tokenised, in bytes: German's longest dictionary compounds have about 80
/// letters; anything longer is a blob, not a word, and is skipped.
pub const MAX_WORD_BYTES: usize = 256;

/// How many stems a thread keeps, all languages together, before it starts afresh (a bound on
/// memory for endless streams of new words: about 10 MB per thread at most).
const MAX_CACHED_STEMS: usize = 1 << 17;

/// Empties every language's cache once they hold `max` entries together.
fn bound<V>(caches: &mut [FxHashMap<CompactString, V>], max: usize) {
    if caches.iter().map(FxHashMap::len).sum::<usize>() >= max {
        caches.iter_mut().for_each(FxHashMap::clear);
    }
}

thread_local! {
    /// Stems computed on this thread, per language: a word is stemmed once per thread rather
    /// than once per body. Stemming is a pure function, so the cache cannot change a result.
    static STEMS: RefCell<Vec<FxHashMap<CompactString, CompactString>>> =
        const { RefCell::new(Vec::new()) };
}

/// Where stems come from: this thread's cache, then the background table (which stores the
/// stems of its common words), then the stemmer.
#[derive(Debug, Default)]
pub struct StemCache<'a> {
    background: Option<&'a Background>,
}

impl<'a> StemCache<'a> {
    /// Stems, also taken from the background table.
    pub fn new(background: Option<&'a Background>) -> Self {
        StemCache { background }
    }

    fn stem(&mut self, tools: &LangTools, norm: &CompactString) -> CompactString {
        let lang = tools.lang as usize;
        STEMS.with_borrow_mut(|caches| {
            if caches.len() <= lang {
                caches.resize_with(lang + 1, FxHashMap::default);
            }
            if let Some(stem) = caches[lang].get(norm) {
                return stem.clone();
            }
            let stem = match self.background.and_then(|b| b.stem(norm)) {
                Some(known) => CompactString::from(known),
                None => CompactString::from(tools.stem(norm)),
            };
            bound(caches, MAX_CACHED_STEMS);
            caches[lang].insert(norm.clone(), stem.clone());
            stem
        })
    }
}

/// Tokenises `text` (whose first byte is at `offset` in the original), keeping byte spans.
/// `shouting` says the text is written in capitals throughout, so capitals mean nothing.
pub fn tokenize(text: &str, offset: usize, tools: &LangTools, shouting: bool) -> Vec<Token> {
    let mut tokens = Vec::new();
    tokenize_into(
        text,
        offset,
        tools,
        shouting,
        &mut StemCache::default(),
        &mut tokens,
    );
    tokens
}

/// [`tokenize`], appending to `tokens` and reusing `cache` across calls.
pub fn tokenize_into(
    text: &str,
    offset: usize,
    tools: &LangTools,
    shouting: bool,
    cache: &mut StemCache<'_>,
    tokens: &mut Vec<Token>,
) {
    let lang = tools.lang as usize;
    // This thread's caches of analysed words, one per language, borrowed once per text.
    WORDS.with_borrow_mut(|words| {
        if words.len() <= lang {
            words.resize_with(lang + 1, FxHashMap::default);
        }
        let first = tokens.len();
        let mut last_end: Option<usize> = None;
        let mut pending_hyphen = false;
        let mut gap_is_space = true;
        for_each_segment(text, |pos, seg, kind| {
            if kind != SegmentKind::Word {
                let is_hyphen = matches!(seg, "-" | "\u{2010}" | "\u{2011}");
                if is_hyphen && last_end == Some(pos) {
                    pending_hyphen = true;
                } else if kind == SegmentKind::Other {
                    gap_is_space = false;
                    pending_hyphen = false;
                } else {
                    pending_hyphen = false;
                }
                return;
            }
            // A run of letters longer than any word (an encoded blob, a line of one letter)
            // is no token: stemming it would cost more than its size.
            if seg.len() > MAX_WORD_BYTES {
                gap_is_space = false;
                pending_hyphen = false;
                return;
            }
            let join = match last_end {
                None => Join::Start,
                Some(end) if pending_hyphen && end < pos && gap_is_space => Join::Hyphen,
                Some(_) if gap_is_space => Join::Space,
                Some(_) => Join::Punct,
            };
            let token = cached_token(words, seg, offset + pos, tools, shouting, join, cache);
            if token.norm.is_empty() {
                return; // a lone apostrophe-like letter ("ʼ") is no word
            }
            let mine = tokens.len() > first;
            let prev = tokens.last_mut().filter(|_| mine && join == Join::Hyphen);
            // "twenty-two" is one number, 22.
            if let Some((prev, value)) =
                prev.and_then(|p| compound_number(p, &token).map(|v| (p, v)))
            {
                prev.key = CompactString::from(value.to_string());
                prev.norm = CompactString::from(format!("{}-{}", prev.norm, token.norm));
                prev.span.end = token.span.end;
            } else {
                tokens.push(token);
            }
            last_end = Some(pos + seg.len());
            pending_hyphen = false;
            gap_is_space = true;
        });
    });
}

/// The value of an English tens word joined to a unit word ("twenty" + "two" = 22; "one"
/// counts here).
fn compound_number(tens: &Token, unit: &Token) -> Option<u32> {
    let tens_value: u32 = match tens.norm.as_str() {
        "twenty" | "thirty" | "forty" | "fifty" | "sixty" | "seventy" | "eighty" | "ninety" => {
            tens.key.parse().ok()?
        }
        _ => return None,
    };
    let unit_value = match unit.norm.as_str() {
        "one" => 1,
        _ if unit.kind == TokenKind::Number => {
            unit.key.parse().ok().filter(|v| (2..=9).contains(v))?
        }
        _ => return None,
    };
    Some(tens_value + unit_value)
}

/// How many analysed words a thread keeps, all languages together, before it starts afresh
/// (about 15 MB per thread at most).
const MAX_CACHED_WORDS: usize = 1 << 17;

/// A word as written, analysed: everything of a [`Token`] but its place.
#[derive(Clone, Debug)]
struct WordFacts {
    norm: CompactString,
    key: CompactString,
    kind: TokenKind,
    case: Case,
    possessive: bool,
    cue: Option<Cue>,
}

thread_local! {
    /// Words analysed on this thread, per language, by how they are written: news text
    /// repeats its words, so most tokens are one lookup. The analysis of a written word
    /// depends only on it and the language (text in capitals throughout is not cached), so
    /// the cache cannot change a result.
    static WORDS: RefCell<Vec<FxHashMap<CompactString, WordFacts>>> =
        const { RefCell::new(Vec::new()) };
}

/// [`make_token`], through `words`, this thread's caches of analysed words per language.
fn cached_token(
    words: &mut [FxHashMap<CompactString, WordFacts>],
    raw: &str,
    start: usize,
    tools: &LangTools,
    shouting: bool,
    join: Join,
    cache: &mut StemCache<'_>,
) -> Token {
    if shouting {
        return make_token(raw, start, tools, shouting, join, cache);
    }
    let span = Span::new(start, start + raw.len());
    let lang = tools.lang as usize;
    if let Some(f) = words[lang].get(raw) {
        return Token {
            span,
            norm: f.norm.clone(),
            key: f.key.clone(),
            kind: f.kind,
            case: f.case,
            join,
            possessive: f.possessive,
            cue: f.cue,
        };
    }
    let token = make_token(raw, start, tools, shouting, join, cache);
    bound(words, MAX_CACHED_WORDS);
    words[lang].insert(
        CompactString::from(raw),
        WordFacts {
            norm: token.norm.clone(),
            key: token.key.clone(),
            kind: token.kind,
            case: token.case,
            possessive: token.possessive,
            cue: token.cue,
        },
    );
    token
}

fn make_token(
    raw: &str,
    start: usize,
    tools: &LangTools,
    shouting: bool,
    join: Join,
    cache: &mut StemCache<'_>,
) -> Token {
    let lang = tools.lang;
    let norm = normalize_word(raw, lang);
    let case = case_of(raw);
    let possessive = lang == crate::Lang::En && raw.len() > norm.len() && {
        let tail = raw.trim_end_matches(['s', 'S']);
        tail.ends_with(['\'', '\u{2019}'])
    };
    let function_word = tools.function_word(&norm);
    let cue = if lang == crate::Lang::En {
        cue_of(&norm)
    } else {
        None
    };
    let (kind, key) = if let Some(num) = normalize_number(&norm, lang) {
        (TokenKind::Number, CompactString::from(num))
    } else if function_word == Some(FunctionWord::Negation) {
        (TokenKind::Negation, norm.clone())
    } else if case == Case::Upper && !shouting && raw.chars().count() >= 2 {
        // An acronym: "US" is not the stop word "us". Stemmed like any word, so that "ISIS"
        // and "Isis" match.
        (TokenKind::Word, cache.stem(tools, &norm))
    } else if function_word == Some(FunctionWord::Stop) {
        (TokenKind::Stop, norm.clone())
    } else {
        (TokenKind::Word, cache.stem(tools, &norm))
    };
    Token {
        span: Span::new(start, start + raw.len()),
        norm,
        key,
        kind,
        case,
        join,
        possessive,
        cue,
    }
}

/// How a raw word is capitalised.
fn case_of(raw: &str) -> Case {
    if raw.is_ascii() {
        let mut letters = raw.bytes().filter(u8::is_ascii_alphabetic);
        return match letters.next() {
            None => Case::Other,
            Some(first) if first.is_ascii_uppercase() => {
                let mut rest = letters.peekable();
                if rest.peek().is_some() && rest.all(|b| b.is_ascii_uppercase()) {
                    Case::Upper
                } else {
                    Case::Title
                }
            }
            Some(_) => Case::Lower,
        };
    }
    let mut letters = raw.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else {
        return Case::Other;
    };
    if first.is_uppercase() {
        let mut rest = letters.peekable();
        if rest.peek().is_some() && rest.all(char::is_uppercase) {
            Case::Upper
        } else {
            Case::Title
        }
    } else if first.is_lowercase() {
        Case::Lower
    } else {
        Case::Other
    }
}

/// Whether a text is written in capitals throughout (more than 60% of its cased letters are
/// capitals), so that capitalisation says nothing about names.
pub fn is_shouting(text: &str) -> bool {
    let (mut upper, mut cased) = (0usize, 0usize);
    for c in text.chars() {
        if c.is_uppercase() {
            upper += 1;
            cased += 1;
        } else if c.is_lowercase() {
            cased += 1;
        }
    }
    cased > 0 && upper * 10 > cased * 6
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    fn toks(text: &str) -> Vec<Token> {
        tokenize(text, 0, &LangTools::new(Lang::En), is_shouting(text))
    }

    #[test]
    fn a_run_of_letters_longer_than_any_word_is_skipped() {
        let kept = "a".repeat(MAX_WORD_BYTES);
        let blob = "way".repeat(100_000);
        let t = toks(&format!("ferry {kept} {blob} pier"));
        let norms: Vec<&str> = t.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(norms, ["ferry", kept.as_str(), "pier"]);
        // The word after the blob does not join the one before it.
        assert_eq!(t[2].join, Join::Punct);
    }

    #[test]
    fn spans_point_into_the_original() {
        let text = "Putin\u{2019}s peace-keeping plan: 5,000 troops";
        let t = toks(text);
        let words: Vec<&str> = t.iter().map(|t| &text[t.span.start..t.span.end]).collect();
        assert_eq!(
            words,
            [
                "Putin\u{2019}s",
                "peace",
                "keeping",
                "plan",
                "5,000",
                "troops"
            ]
        );
        assert_eq!(t[0].norm, "putin");
        assert!(t[0].possessive);
        assert_eq!(t[2].join, Join::Hyphen);
        assert_eq!(t[3].join, Join::Space);
        assert_eq!(t[4].join, Join::Punct);
        assert_eq!(t[4].kind, TokenKind::Number);
        assert_eq!(t[4].key, "5000");
    }

    #[test]
    fn hyphenated_number_words_are_one_number() {
        let t = toks("Navy sends twenty-two ships, twenty-one boats and forty planes");
        let numbers: Vec<&str> = t
            .iter()
            .filter(|t| t.kind == TokenKind::Number)
            .map(|t| t.key.as_str())
            .collect();
        assert_eq!(numbers, ["22", "21", "40"]);
        let text = "twenty-two";
        let t = toks(text);
        assert_eq!((t[0].span.start, t[0].span.end), (0, text.len()));
    }

    #[test]
    fn acronyms_are_not_stop_words_unless_shouting() {
        let t = toks("US envoys meet us");
        assert_eq!(t[0].kind, TokenKind::Word);
        assert_eq!(t[3].kind, TokenKind::Stop);
        let t = toks("US ENVOYS MEET US");
        assert_eq!(t[0].kind, TokenKind::Stop);
    }

    #[test]
    fn negations_are_kept() {
        let t = toks("Senator not guilty, never charged");
        assert_eq!(t[1].kind, TokenKind::Negation);
        assert_eq!(t[3].kind, TokenKind::Negation);
    }

    #[test]
    fn stems_are_lowercase_input() {
        let t = toks("Negotiations NEGOTIATE");
        assert_eq!(t[0].key, "negoti");
        assert_eq!(t[0].case, Case::Title);
        assert_eq!(t[1].case, Case::Upper);
    }
}

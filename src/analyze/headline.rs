//! The headline's claims: content terms, multi-word units, names, numbers and quoted spans.

use crate::text::Cues;
use std::sync::{Arc, Mutex, PoisonError};

use smallvec::SmallVec;

use crate::lang::{Lang, LangTools};
use crate::report::ClaimKind;
use crate::text::{
    is_currency, is_number_unit, is_shouting, quoted_spans, scale_of, scaled, tokenize, Case, Join,
    Span, Token, TokenKind,
};

use super::background::absent_rarity;
use super::paraphrase::{Paraphrases, Relation};
use super::topics::prefix_code;
use super::{rarity, Background, BodyIndex};

/// How a claim is looked for in the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClaimKey {
    /// One stem.
    Single(String),
    /// Stems that must be adjacent and in this order (a multi-word name); a hyphenated compound
    /// also matches its joined form.
    Sequence {
        /// The stems, in order.
        parts: Vec<String>,
        /// The joined stem of a hyphenated compound ("peacekeep").
        joined: Option<String>,
    },
    /// Two stems that must be adjacent, in either order (a multi-word unit).
    Pair(String, String),
    /// A canonical number.
    Number(String),
    /// A quoted span: its lowercased words, and the keys of its content words.
    Quote {
        /// Every word, stop words included.
        words: Vec<String>,
        /// The content words' keys.
        keys: Vec<String>,
    },
}

impl ClaimKey {
    /// The keys of the content words the claim is made of.
    pub fn parts(&self) -> impl Iterator<Item = &str> + '_ {
        let (pair, list): ([Option<&str>; 2], &[String]) = match self {
            ClaimKey::Single(k) | ClaimKey::Number(k) => ([Some(k), None], &[]),
            ClaimKey::Sequence { parts, .. } => ([None, None], parts),
            ClaimKey::Pair(a, b) => ([Some(a), Some(b)], &[]),
            ClaimKey::Quote { keys, .. } => ([None, None], keys),
        };
        pair.into_iter()
            .flatten()
            .chain(list.iter().map(String::as_str))
    }
}

/// One claim of the headline before it is matched.
#[derive(Clone, Debug)]
pub struct ClaimSpec {
    /// What kind of claim.
    pub kind: ClaimKind,
    /// As written in the headline.
    pub text: Arc<str>,
    /// Where it is in the headline.
    pub span: Span,
    /// How to look for it.
    pub key: ClaimKey,
    /// A multi-word unit led by a negation ("not guilty").
    pub negated: bool,
    /// Per part of the key ([`ClaimKey::parts`]): its place in [`Headline::content_keys`] of
    /// the headline it was extracted from (a place that does not hold the part is ignored).
    pub part_index: SmallVec<[u32; 4]>,
    /// For a quote: a word of it that every body token written the same way files under the
    /// same key, so that a word-for-word match need only be looked for around that key's
    /// places in the body.
    pub quote_anchor: Option<QuoteAnchor>,
}

/// A word of a quote claim (see [`ClaimSpec::quote_anchor`]): a word (not a function word,
/// number or negation) whose key is a function of how it is written, in `lang`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuoteAnchor {
    /// Its place among the quote's words.
    pub word: u32,
    /// Its place among the quote's content keys.
    pub key: u32,
    /// The language the quote was analysed in: the body must be indexed in it too.
    pub lang: Lang,
}

/// A headline tokenised once, to check against any number of bodies: everything about it that
/// does not depend on the body.
#[derive(Clone, Debug)]
pub struct Headline {
    /// As written.
    pub text: String,
    /// Its tokens.
    pub tokens: Vec<Token>,
    /// Whether it is written in capitals throughout (so capitals mean nothing).
    pub shouting: bool,
    /// Whether it is written in Title Case (so capitals alone do not mark names).
    pub title_case: bool,
    /// Whether it is written without a single capital (as machine-written summaries often
    /// are), so the body's writing of each word decides which are names.
    pub lower_case: bool,
    /// Its quoted spans, as byte ranges.
    pub quotes: Vec<(usize, usize)>,
    /// The keys of its content words, sorted, each once.
    pub content_keys: Vec<String>,
    /// The [`prefix_code`]s of the content keys, sorted.
    pub key_codes: Vec<u64>,
    /// Each word key (numbers and stop words left out) with how many times the headline uses
    /// it, in key order: the headline's term vector.
    pub word_counts: Vec<(String, f64)>,
    /// Per entry of `word_counts`: its place in `content_keys`.
    word_index: Vec<usize>,
    /// Per content key: its rarity in a body that lacks it (which depends only on the
    /// background table), so checking against many bodies looks it up once.
    absent_rarity: Vec<f64>,
    /// Per token: how often the background capitalises the word mid-sentence.
    background_capitals: Vec<Option<f64>>,
    /// Per token: whether the background knows the word's stem.
    background_knows: Vec<bool>,
    /// Per token: its key's place in `content_keys` (content tokens only), so a body's
    /// [`Headline::key_facts`] answer for it without another lookup (the place is checked
    /// against `content_keys` where it is used: the fields are public).
    token_key: Vec<Option<u32>>,
    /// Its stance cues (cue words are English only).
    pub cues: Cues,
    /// Per token: whether it frames the story rather than states a fact ("EXCLUSIVE:",
    /// "Shocking"; English only), so it is no claim.
    pub framing: Vec<bool>,
    /// The claims already extracted, by which tokens were names: they depend on the body only
    /// through that, so checking against many bodies extracts them a few times at most.
    claims_memo: ClaimsMemo,
    /// The paraphrase lexicon's entries already looked up for its claims, by key: they depend
    /// only on the claim, so a headline checked against many bodies looks each up once.
    other_words: OtherWordsMemo,
}

/// Another way a body may state a claim ([`Headline::other_words`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OtherWords {
    /// How it relates to the claim.
    pub relation: Relation,
    /// The keys of its words, in order.
    pub keys: SmallVec<[&'static str; 3]>,
}

/// A claim's place and kind.
type ClaimId = (usize, usize, ClaimKind);

/// The other words of a headline's claims, by claim.
type OtherWordsMemo = Memo<ClaimId, [OtherWords]>;

/// A headline's claims by the language and pattern of names (per token) they were extracted
/// with.
type ClaimsMemo = Memo<(Lang, Vec<bool>), [ClaimSpec]>;

/// Values a prepared headline computed for one of its bodies that other bodies may reuse, by
/// key (at most [`Memo::MAX`]; more are computed anew each time). Shared between threads; a
/// clone starts empty.
struct Memo<K, V: ?Sized>(Mutex<Vec<(K, Arc<V>)>>);

impl<K, V: ?Sized> Memo<K, V> {
    /// More keys than this for one headline are computed anew each time.
    const MAX: usize = 32;

    fn get(&self, is: impl Fn(&K) -> bool) -> Option<Arc<V>> {
        let memo = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        memo.iter().find(|(k, _)| is(k)).map(|(_, v)| Arc::clone(v))
    }

    /// Keeps `value` under `key` unless the memo is full or another thread kept one first.
    fn put(&self, key: K, value: &Arc<V>, is: impl Fn(&K) -> bool) {
        let mut memo = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if memo.len() < Self::MAX && !memo.iter().any(|(k, _)| is(k)) {
            memo.push((key, Arc::clone(value)));
        }
    }
}

impl<K, V: ?Sized> Default for Memo<K, V> {
    fn default() -> Self {
        Memo(Mutex::new(Vec::new()))
    }
}

impl<K, V: ?Sized> Clone for Memo<K, V> {
    fn clone(&self) -> Self {
        Memo::default()
    }
}

impl<K, V: ?Sized> std::fmt::Debug for Memo<K, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memo")
    }
}

impl Headline {
    /// Tokenises `text` in the language of `tools`, with what `background` knows of its words.
    pub fn new(text: &str, tools: &LangTools, background: Option<&Background>) -> Headline {
        let shouting = is_shouting(text);
        let tokens = tokenize(text, 0, tools, shouting);
        let title_case = shouting || is_title_case(&tokens);
        let lower_case = !tokens.is_empty()
            && tokens
                .iter()
                .all(|t| !matches!(t.case, Case::Title | Case::Upper));
        let mut content_keys: Vec<String> = tokens
            .iter()
            .filter(|t| t.is_content())
            .map(|t| String::from(t.key.as_str()))
            .collect();
        content_keys.sort_unstable();
        content_keys.dedup();
        let absent_rarity = content_keys
            .iter()
            .map(|k| absent_rarity(k, background))
            .collect();
        let mut key_codes: Vec<u64> = content_keys.iter().map(|k| prefix_code(k)).collect();
        key_codes.sort_unstable();
        let mut word_counts: Vec<(String, f64)> = Vec::new();
        let mut words: Vec<&str> = tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| t.key.as_str())
            .collect();
        words.sort_unstable();
        for w in words {
            match word_counts.last_mut() {
                Some((k, n)) if k == w => *n += 1.0,
                _ => word_counts.push((w.to_string(), 1.0)),
            }
        }
        let word_index = word_counts
            .iter()
            .map(|(w, _)| {
                content_keys
                    .binary_search_by(|k| k.as_str().cmp(w))
                    .unwrap_or(usize::MAX)
            })
            .collect();
        let token_key = tokens
            .iter()
            .map(|t| {
                let place = content_keys.binary_search_by(|k| k.as_str().cmp(&t.key));
                place.ok().filter(|_| t.is_content()).map(|i| i as u32)
            })
            .collect();
        Headline {
            framing: framing_words(text, &tokens, tools.lang),
            token_key,
            cues: Cues::of(&tokens, text.trim_end().ends_with('?')),
            word_index,
            text: text.to_string(),
            quotes: quoted_spans(text),
            background_capitals: tokens
                .iter()
                .map(|t| background.and_then(|b| b.capital_share(&t.norm)))
                .collect(),
            background_knows: tokens
                .iter()
                .map(|t| background.is_some_and(|b| b.df(&t.key).is_some()))
                .collect(),
            tokens,
            shouting,
            title_case,
            lower_case,
            content_keys,
            key_codes,
            word_counts,
            absent_rarity,
            claims_memo: ClaimsMemo::default(),
            other_words: OtherWordsMemo::default(),
        }
    }

    /// The other words a body may use for `claim` ([`Paraphrases`]), strongest relation first,
    /// as far as they depend on the claim alone: for a name only its other forms and names;
    /// none for numbers and quotes; never one of the headline's own words ("arrest" is its own
    /// claim in "Cops arrest man", not evidence for "Cops", though WordNet lists "cop" as a
    /// verb for it). Looked up once per headline and claim (for at most [`Memo::MAX`]
    /// claims; more are looked up each time).
    pub fn other_words(&self, claim: &ClaimSpec, lexicon: &Paraphrases) -> Arc<[OtherWords]> {
        let id = (claim.span.start, claim.span.end, claim.kind);
        if let Some(found) = self.other_words.get(|k| *k == id) {
            return found;
        }
        let from: Option<String> = match (&claim.kind, &claim.key) {
            (ClaimKind::Term | ClaimKind::Name, ClaimKey::Single(k)) => Some(k.clone()),
            (ClaimKind::Term | ClaimKind::Name, ClaimKey::Sequence { parts, .. }) => {
                Some(parts.join(" "))
            }
            _ => None,
        };
        let own = |k: &str| {
            self.content_keys
                .binary_search_by(|c| c.as_str().cmp(k))
                .is_ok()
        };
        let found: Arc<[OtherWords]> = from
            .map(|from| lexicon.of(&from))
            .unwrap_or_default()
            .into_iter()
            .filter(|p| claim.kind != ClaimKind::Name || p.relation.is_same_word())
            .map(|p| OtherWords {
                relation: p.relation,
                keys: p.keys().collect(),
            })
            .filter(|w| !(w.keys.len() == 1 && own(w.keys[0])))
            .collect();
        self.other_words.put(id, &found, |k| *k == id);
        found
    }

    /// Each content key (in [`Headline::content_keys`] order) as `body` has it: looked up once
    /// per headline and body.
    pub fn key_facts(&self, body: &BodyIndex) -> Vec<KeyFact> {
        self.content_keys
            .iter()
            .zip(&self.absent_rarity)
            .map(|(k, &absent)| match body.key_id(k) {
                Some(id) => KeyFact {
                    mentions: body.postings(id).len(),
                    rarity: body.rarity_of(id),
                    id: Some(id),
                },
                None => KeyFact {
                    mentions: 0,
                    rarity: absent,
                    id: None,
                },
            })
            .collect()
    }

    /// Each word key of the headline with its count ([`Headline::word_counts`]) and its facts in
    /// `body`.
    pub fn word_facts<'a>(
        &'a self,
        facts: &'a [KeyFact],
        body: &'a BodyIndex,
        background: Option<&'a Background>,
    ) -> impl Iterator<Item = (f64, KeyFact)> + 'a {
        self.word_counts
            .iter()
            .zip(&self.word_index)
            .map(move |((key, n), &i)| match facts.get(i) {
                Some(&fact) => (*n, fact),
                // Every word key is a content key; this is never reached.
                None => (
                    *n,
                    KeyFact {
                        mentions: body.occurrences(key).len(),
                        rarity: self.rarity(key, body, background),
                        id: body.key_id(key),
                    },
                ),
            })
    }

    /// The rarity of `key` in `body` ([`rarity`]), without looking up the background again for
    /// the headline's own content keys.
    pub fn rarity(&self, key: &str, body: &BodyIndex, background: Option<&Background>) -> f64 {
        if let Some(r) = body.stored_rarity(key) {
            return r;
        }
        match self.content_keys.binary_search_by(|k| k.as_str().cmp(key)) {
            Ok(i) => self.absent_rarity[i],
            Err(_) => rarity(key, body, background),
        }
    }
}

/// One of a headline's content keys as a body has it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KeyFact {
    /// How many times the body uses it.
    pub mentions: usize,
    /// Its rarity in the body ([`rarity`]).
    pub rarity: f64,
    /// Its key number in the body, if the body has it.
    pub id: Option<u32>,
}

/// What the body makes of a headline: which words are names, and the claims.
#[derive(Clone, Debug)]
pub struct HeadlineAnalysis {
    /// Per token: whether it was taken for a name.
    pub names: Vec<bool>,
    /// Its claims, in headline order.
    pub claims: Vec<ClaimSpec>,
}

/// Breaks a headline into claims. The body and the background decide which capitalised words
/// are names, since headlines are often in Title Case.
pub fn extract_claims(
    prepared: &Headline,
    tools: &LangTools,
    body: &BodyIndex,
) -> HeadlineAnalysis {
    extract_claims_with(prepared, tools, body, &prepared.key_facts(body))
}

/// [`extract_claims`], given the headline's [`Headline::key_facts`] in `body`.
pub(crate) fn extract_claims_with(
    prepared: &Headline,
    tools: &LangTools,
    body: &BodyIndex,
    facts: &[KeyFact],
) -> HeadlineAnalysis {
    let names = names_in(prepared, body, facts);
    let claims = claims_with_names(prepared, tools, &names).to_vec();
    HeadlineAnalysis { names, claims }
}

/// Per headline token: whether it is a name, as `body` decides.
fn names_in(prepared: &Headline, body: &BodyIndex, facts: &[KeyFact]) -> Vec<bool> {
    let (title_case, shouting) = (prepared.title_case, prepared.shouting);
    prepared
        .tokens
        .iter()
        .enumerate()
        .map(|(i, t)| is_name(prepared, i, t, title_case, shouting, body, facts))
        .collect()
}

/// [`extract_claims`]'s claims, shared: extracted once per pattern of names.
/// `facts` are the headline's [`Headline::key_facts`] in `body`.
pub(crate) fn claims_against(
    prepared: &Headline,
    tools: &LangTools,
    body: &BodyIndex,
    facts: &[KeyFact],
) -> Arc<[ClaimSpec]> {
    claims_with_names(prepared, tools, &names_in(prepared, body, facts))
}

fn claims_with_names(prepared: &Headline, tools: &LangTools, names: &[bool]) -> Arc<[ClaimSpec]> {
    let is = |(lang, n): &(Lang, Vec<bool>)| *lang == tools.lang && n.as_slice() == names;
    if let Some(claims) = prepared.claims_memo.get(is) {
        return claims;
    }
    let claims: Arc<[ClaimSpec]> = build_claims(prepared, tools, names).into();
    prepared
        .claims_memo
        .put((tools.lang, names.to_vec()), &claims, is);
    claims
}

/// The claims of a headline whose names are `names` (per token).
fn build_claims(prepared: &Headline, tools: &LangTools, names: &[bool]) -> Vec<ClaimSpec> {
    let (headline, tokens) = (prepared.text.as_str(), &prepared.tokens);
    let quotes = &prepared.quotes;
    let in_quote = |t: &Token| {
        quotes
            .iter()
            .any(|&(s, e)| t.span.start >= s && t.span.end <= e)
    };

    let mut claims = Vec::new();
    for &(s, e) in quotes {
        let inside: Vec<&Token> = tokens
            .iter()
            .filter(|t| t.span.start >= s && t.span.end <= e)
            .collect();
        let keys: Vec<String> = inside
            .iter()
            .filter(|t| t.is_content())
            .map(|t| String::from(t.key.as_str()))
            .collect();
        if keys.is_empty() {
            continue;
        }
        let mut content_before = 0;
        let mut quote_anchor = None;
        for (k, t) in inside.iter().enumerate() {
            if t.kind == TokenKind::Word && tools.function_word(&t.norm).is_none() {
                quote_anchor = Some(QuoteAnchor {
                    word: k as u32,
                    key: content_before,
                    lang: tools.lang,
                });
                break;
            }
            if t.is_content() {
                content_before += 1;
            }
        }
        claims.push(ClaimSpec {
            kind: ClaimKind::Quote,
            text: headline[s..e].into(),
            span: Span::new(s, e),
            key: ClaimKey::Quote {
                words: inside
                    .iter()
                    .map(|t| String::from(t.norm.as_str()))
                    .collect(),
                keys,
            },
            negated: false,
            part_index: SmallVec::new(),
            quote_anchor,
        });
    }

    // Per token: the words after a number that say what it counts in or multiply it ("$12
    // Million", "5 per cent", "44 degrees Celsius"), which are part of its claim.
    let number_words = number_words(tokens, tools);
    // Group tokens into units: a run of adjacent names, a hyphenated compound, or one token.
    let mut i = 0;
    let mut units: Vec<(usize, usize, bool)> = Vec::new(); // (first, last, is_name)
    while i < tokens.len() {
        let t = &tokens[i];
        let framing = prepared.framing.get(i).copied().unwrap_or(false);
        if !t.is_content() || t.kind == TokenKind::Number || number_words[i] || framing {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < tokens.len() {
            let next = &tokens[j + 1];
            let same_kind = next.kind == TokenKind::Word && in_quote(next) == in_quote(&tokens[j]);
            let hyphen = next.join == Join::Hyphen;
            let name_run = names[j] && names[j + 1] && next.join == Join::Space;
            if same_kind && !tokens[j].possessive && (hyphen || name_run) {
                j += 1;
            } else {
                break;
            }
        }
        let all_names = (i..=j).all(|k| names[k]);
        units.push((i, j, all_names));
        i = j + 1;
    }

    for &(first, last, name) in &units {
        let span = Span::new(tokens[first].span.start, tokens[last].span.end);
        let text = trim_possessive(&headline[span.start..span.end]).to_string();
        let key = if first == last {
            if tokens[first].kind == TokenKind::Negation {
                continue; // a negation alone claims nothing; it joins a multi-word unit below
            }
            ClaimKey::Single(String::from(tokens[first].key.as_str()))
        } else {
            let compound = (first + 1..=last).all(|k| tokens[k].join == Join::Hyphen);
            let joined = compound.then(|| {
                let word: String = (first..=last).map(|k| tokens[k].norm.as_str()).collect();
                tools.stem(&word)
            });
            ClaimKey::Sequence {
                parts: (first..=last)
                    .map(|k| String::from(tokens[k].key.as_str()))
                    .collect(),
                joined,
            }
        };
        let kind = if name {
            ClaimKind::Name
        } else {
            ClaimKind::Term
        };
        claims.push(ClaimSpec {
            kind,
            text: text.into(),
            span,
            key,
            negated: false,
            part_index: SmallVec::new(),
            quote_anchor: None,
        });
    }

    // Multi-word units: two adjacent units of single content words, with nothing but a space
    // between them, not across a possessive ("Putin's Peace").
    for pair in units.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let (ta, tb) = (&tokens[a.1], &tokens[b.0]);
        let single = a.0 == a.1 && b.0 == b.1;
        // A negation only turns the word after it ("not guilty"), never the one before.
        let negation_last = tb.kind == TokenKind::Negation;
        if !single || b.0 != a.1 + 1 || tb.join != Join::Space || ta.possessive || negation_last {
            continue;
        }
        let span = Span::new(ta.span.start, tb.span.end);
        claims.push(ClaimSpec {
            kind: ClaimKind::Phrase,
            text: trim_possessive(&headline[span.start..span.end]).into(),
            span,
            key: ClaimKey::Pair(String::from(ta.key.as_str()), String::from(tb.key.as_str())),
            negated: ta.kind == TokenKind::Negation,
            part_index: SmallVec::new(),
            quote_anchor: None,
        });
    }

    for (i, t) in tokens.iter().enumerate() {
        if t.kind != TokenKind::Number {
            continue;
        }
        let mut key = String::from(t.key.as_str());
        let mut end = t.span.end;
        for (k, next) in tokens.iter().enumerate().skip(i + 1) {
            if !number_words[k] {
                break;
            }
            end = next.span.end;
            let plain = key.bytes().all(|b| b.is_ascii_digit() || b == b'.');
            if let (Some(zeros), true) = (scale_of(&next.norm), plain) {
                key = scaled(&key, zeros);
            }
        }
        // The currency sign before it is part of what the headline writes.
        let start = headline[..t.span.start]
            .char_indices()
            .next_back()
            .filter(|&(_, c)| is_currency(c))
            .map_or(t.span.start, |(p, _)| p);
        // So is a per cent sign after it ("15%").
        let end = end + usize::from(headline[end..].starts_with('%'));
        let span = Span::new(start, end);
        // The currency is part of the amount ("$12 Million" is not "£12 million").
        if start < t.span.start {
            key.insert_str(0, &headline[start..t.span.start]);
        }
        claims.push(ClaimSpec {
            kind: ClaimKind::Number,
            text: headline[span.start..span.end].into(),
            span,
            key: ClaimKey::Number(key),
            negated: false,
            part_index: SmallVec::new(),
            quote_anchor: None,
        });
    }

    claims.sort_by_key(|c| (c.span.start, c.span.end));
    // The first claim with each key stays.
    let mut kept: Vec<ClaimSpec> = Vec::with_capacity(claims.len());
    for mut c in claims {
        if !kept.iter().any(|k| k.key == c.key) {
            c.part_index = c
                .key
                .parts()
                .map(|p| {
                    let i = prepared
                        .content_keys
                        .binary_search_by(|k| k.as_str().cmp(p));
                    i.map_or(u32::MAX, |i| i as u32)
                })
                .collect();
            kept.push(c);
        }
    }
    kept
}

/// Labels a headline may open with, before a colon ("EXCLUSIVE: …", "Watch: …").
const FRAMING_LABELS: &[&str] = &[
    "analysis",
    "breaking",
    "exclusive",
    "explainer",
    "just",
    "in",
    "latest",
    "listen",
    "live",
    "news",
    "opinion",
    "photos",
    "pictures",
    "report",
    "revealed",
    "update",
    "updated",
    "updates",
    "video",
    "watch",
];

/// Words that judge rather than state, wherever they stand ("Shocking video shows …").
const FRAMING_WORDS: &[&str] = &[
    "amazing",
    "appalling",
    "astonishing",
    "awesome",
    "bizarre",
    "disgusting",
    "epic",
    "heartbreaking",
    "heartwarming",
    "hilarious",
    "horrific",
    "horrifying",
    "incredible",
    "insane",
    "jaw-dropping",
    "mind-blowing",
    "outrageous",
    "shocking",
    "sickening",
    "stunning",
    "terrifying",
    "unbelievable",
];

/// Per token: whether it frames the story ([`Headline::framing`]): a label before the
/// headline's first colon whose words are all labels, or a word that judges.
fn framing_words(text: &str, tokens: &[Token], lang: Lang) -> Vec<bool> {
    let mut out = vec![false; tokens.len()];
    if lang != Lang::En {
        return out;
    }
    if let Some(colon) = text.find(':') {
        let label: Vec<usize> = (0..tokens.len())
            .filter(|&i| tokens[i].span.end <= colon)
            .collect();
        if !label.is_empty()
            && label
                .iter()
                .all(|&i| FRAMING_LABELS.contains(&&*tokens[i].norm))
        {
            label.iter().for_each(|&i| out[i] = true);
        }
    }
    for (i, t) in tokens.iter().enumerate() {
        if FRAMING_WORDS.contains(&t.norm.as_str()) {
            out[i] = true;
        }
    }
    out
}

/// Per token: whether it is a word after a number that multiplies it or names its unit
/// ("million", "bn", "per cent", "degrees Celsius"; English only), with nothing but spaces
/// (or "per") between.
fn number_words(tokens: &[Token], tools: &LangTools) -> Vec<bool> {
    let mut out = vec![false; tokens.len()];
    if tools.lang != Lang::En {
        return out;
    }
    for i in 0..tokens.len() {
        if tokens[i].kind != TokenKind::Number {
            continue;
        }
        let mut scaled_once = false;
        for k in i + 1..tokens.len() {
            let t = &tokens[k];
            let word = t.norm.as_str();
            let scale = !scaled_once && scale_of(word).is_some();
            if t.join != Join::Space || !(scale || is_number_unit(word) || word == "per") {
                break;
            }
            scaled_once |= scale;
            out[k] = word != "per" || tokens.get(k + 1).is_some_and(|n| n.norm == "cent");
            if !out[k] {
                break;
            }
        }
    }
    out
}

/// `s` without a final possessive ("Putin's": "Putin").
pub(crate) fn trim_possessive(s: &str) -> &str {
    for suffix in ["'s", "\u{2019}s", "'", "\u{2019}"] {
        if let Some(stripped) = s.strip_suffix(suffix) {
            return stripped;
        }
    }
    s
}

/// Title Case: most words of four letters or more after the first start with a capital.
fn is_title_case(tokens: &[Token]) -> bool {
    let long: Vec<&Token> = tokens
        .iter()
        .skip(1)
        .filter(|t| t.kind != TokenKind::Number && t.norm.chars().count() >= 4)
        .collect();
    let capitals = long
        .iter()
        .filter(|t| matches!(t.case, Case::Title | Case::Upper))
        .count();
    !long.is_empty() && capitals * 10 >= long.len() * 6
}

/// Whether headline token `i` is a name. In a sentence-case headline a capital after the first
/// word marks a name; otherwise the body's own writing of the word decides, then the
/// background's, and a capitalised word neither knows is taken for a name.
fn is_name(
    headline: &Headline,
    i: usize,
    t: &Token,
    title_case: bool,
    shouting: bool,
    body: &BodyIndex,
    facts: &[KeyFact],
) -> bool {
    if t.kind != TokenKind::Word {
        return false;
    }
    match t.case {
        Case::Lower if !headline.lower_case => false,
        Case::Other => false,
        Case::Upper if !shouting => true,
        Case::Title if !title_case && i > 0 && t.join != Join::Punct => true,
        _ => {
            // The key's number in the body, from the facts when they have the key.
            let place = headline
                .token_key
                .get(i)
                .copied()
                .flatten()
                .map(|k| k as usize);
            let known =
                place.filter(|&k| headline.content_keys.get(k).is_some_and(|c| *c == *t.key));
            let id = match known.and_then(|k| facts.get(k)) {
                Some(fact) => fact.id,
                None => body.key_id(&t.key),
            };
            body.is_name_of_with(&t.norm, id, || headline.background_capitals[i])
                .unwrap_or({
                    // Neither the body nor the background's case counts know the word. If the
                    // background knows its stem, it is a rarer form of a common word
                    // ("Denounces"); otherwise a capitalised unknown word is most likely a
                    // name; a lower-case one (in a lower-case headline) only when the body
                    // uses it (capitalised where case says nothing: "Joan" opening a sentence).
                    (t.case != Case::Lower || id.is_some()) && !headline.background_knows[i]
                })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    fn claims(headline: &str, body: &str) -> Vec<(ClaimKind, String)> {
        let tools = LangTools::new(Lang::En);
        let bg = Background::for_lang(Lang::En);
        let b = BodyIndex::new(body, &tools, bg);
        extract_claims(&Headline::new(headline, &tools, bg), &tools, &b)
            .claims
            .into_iter()
            .map(|c| (c.kind, c.text))
            .map(|(k, t)| (k, t.to_string()))
            .collect()
    }

    fn has(list: &[(ClaimKind, String)], kind: ClaimKind, text: &str) -> bool {
        list.iter().any(|(k, t)| *k == kind && t == text)
    }

    #[test]
    fn title_case_names_come_from_the_body() {
        let c = claims(
            "Putin's Peace Efforts Protect Russian Citizens",
            "Officials said Putin met them. The Russian side spoke of peace and efforts.",
        );
        assert!(has(&c, ClaimKind::Name, "Putin"), "{c:?}");
        assert!(has(&c, ClaimKind::Name, "Russian"), "{c:?}");
        assert!(has(&c, ClaimKind::Term, "Peace"), "{c:?}");
        assert!(has(&c, ClaimKind::Phrase, "Peace Efforts"), "{c:?}");
        assert!(has(&c, ClaimKind::Phrase, "Russian Citizens"), "{c:?}");
        assert!(!c.iter().any(|(_, t)| t.contains("Putin's")), "{c:?}");
        assert!(!has(&c, ClaimKind::Phrase, "Putin's Peace"), "{c:?}");
    }

    #[test]
    fn unknown_capitalised_words_are_names_known_ones_are_not() {
        let c = claims(
            "Officials Denounce Plan for Zorblatt Valley",
            "Nothing here.",
        );
        assert!(has(&c, ClaimKind::Term, "Denounce"), "{c:?}");
        assert!(has(&c, ClaimKind::Name, "Zorblatt Valley"), "{c:?}");
    }

    #[test]
    fn sentence_case_capitals_mark_names() {
        let c = claims("Court fines Danube Freight 2,400 euros", "Nothing here.");
        assert!(has(&c, ClaimKind::Name, "Danube Freight"), "{c:?}");
        assert!(has(&c, ClaimKind::Number, "2,400"), "{c:?}");
        assert!(has(&c, ClaimKind::Term, "fines"), "{c:?}");
    }

    #[test]
    fn quotes_compounds_and_negations() {
        let c = claims(
            "Coach calls defeat \"a lesson we needed\" after not-so-late peace-keeping vote",
            "x",
        );
        assert!(has(&c, ClaimKind::Quote, "a lesson we needed"), "{c:?}");
        assert!(
            has(&c, ClaimKind::Term, "lesson"),
            "quote words are also terms: {c:?}"
        );
        assert!(has(&c, ClaimKind::Term, "peace-keeping"), "{c:?}");
        let c = claims("Senator not guilty", "x");
        assert!(has(&c, ClaimKind::Phrase, "not guilty"), "{c:?}");
        let tools = LangTools::new(Lang::En);
        let b = BodyIndex::new("x", &tools, None);
        let specs = extract_claims(
            &Headline::new("Senator not guilty", &tools, None),
            &tools,
            &b,
        )
        .claims;
        assert!(specs.iter().any(|c| c.negated && &*c.text == "not guilty"));
        assert!(specs.iter().filter(|c| c.negated).count() == 1);
        assert!(!has(&c, ClaimKind::Phrase, "Senator not"), "{c:?}");
        assert!(!has(&c, ClaimKind::Term, "not"), "{c:?}");
    }

    #[test]
    fn a_lower_case_headline_gets_its_names_from_the_body() {
        let c = claims(
            "joan rivers dies in new york hospital",
            "Joan Rivers, the comedian, died in a New York hospital on Thursday. Rivers was 81.",
        );
        assert!(has(&c, ClaimKind::Name, "joan rivers"), "{c:?}");
        assert!(has(&c, ClaimKind::Name, "new york"), "{c:?}");
        assert!(has(&c, ClaimKind::Term, "hospital"), "{c:?}");
        assert!(has(&c, ClaimKind::Term, "dies"), "{c:?}");
        // An unknown lower-case word is no name.
        let c = claims("council approves zorblatt plan", "The council met.");
        assert!(has(&c, ClaimKind::Term, "zorblatt"), "{c:?}");
    }

    #[test]
    fn repeated_claims_appear_once() {
        let c = claims("Rain, rain and more rain", "x");
        assert_eq!(
            c.iter()
                .filter(|(_, t)| t.eq_ignore_ascii_case("rain"))
                .count(),
            1
        );
    }
}

//! The body index: sentences, tokens and where each stem occurs. Built once per body, then
//! queried for any number of headlines.

use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, OnceLock, Weak};

use compact_str::CompactString;
use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;
use smallvec::SmallVec;

use crate::lang::{Lang, LangTools};
use crate::stance::LexiconTable;
use crate::text::Cues;
use crate::text::{
    is_currency, scale_of, scaled, sentence_spans, tokenize_into, Case, Join, Span, StemCache,
    Token, TokenKind,
};

use super::background::key_rarity;
use super::topics::{prefix_code, RELATED_PREFIX_CHARS};
use super::{body_topics, Background, Topic};

/// One sentence of the body.
#[derive(Clone, Debug)]
pub struct Sentence {
    /// Where it is in the body.
    pub span: Span,
    /// 0-based paragraph number.
    pub paragraph: usize,
    /// Its tokens: a range into [`BodyIndex::tokens`].
    pub tokens: std::ops::Range<usize>,
}

/// Everything the matcher needs to know about a body.
#[derive(Debug)]
pub struct BodyIndex {
    lang: Lang,
    text: String,
    sentences: Vec<Sentence>,
    tokens: Vec<Token>,
    /// Per token: its sentence.
    sentence_of: Vec<u32>,
    /// Per token: how many content tokens come before it, so stop words do not count as gaps
    /// ("actions of the government" has "actions" and "government" adjacent).
    content_pos: Vec<u32>,
    /// Key numbers, found by their key's [`key_hash`]. Hyphenated compounds are also filed
    /// under their joined stem, at their first part.
    key_ids: HashTable<u32>,
    /// Per key number: the key.
    key_names: Vec<CompactString>,
    /// Per key number: in how many sentences it occurs.
    key_sentences: Vec<u32>,
    /// Per key number: where its occurrences start in `positions` (one more entry at the end).
    offsets: Vec<u32>,
    /// The content tokens of each key, key by key, each key's in text order.
    positions: Vec<u32>,
    /// Per key number: where its words start in `case_words` (one more entry at the end).
    case_offsets: Vec<u32>,
    /// Each lowercased word filed under a key, key by key, with its (lowercase, capitalised)
    /// uses that do not start a sentence (a word's key is a function of the word, so its
    /// counts are found by the key's number, one hash, and a look at the few words there).
    case_words: Vec<CaseCounts>,
    /// The salient names and terms, most salient first.
    topics: Vec<Topic>,
    /// Per sentence: its stance cues (cue words are English only).
    cues: Vec<Cues>,
    /// The cues of all sentences, and of the first three.
    total_cues: Cues,
    /// See [`BodyIndex::total_cues`].
    lead_cues: Cues,
    /// Per key number: its rarity, computed once with the background the index was built with.
    rarity: Vec<f64>,
    /// Euclidean length of the body's term vector (mentions × rarity per word key).
    vector_norm: f64,
    /// Per key number: its [`prefix_code`] for word keys of at least [`RELATED_PREFIX_CHARS`]
    /// bytes, [`NOT_A_WORD`] for numbers and shorter keys: the candidates for related forms
    /// ([`BodyIndex::words_with_code`]).
    word_codes: Vec<u64>,
    /// How many times [`BodyIndex::words_with_code`] was asked; after [`SCANS_BEFORE_SORTING`]
    /// it sorts the codes once (`codes_sorted`) rather than scan them again.
    code_lookups: AtomicU32,
    /// (code, key number) of the word keys, sorted; made when first needed.
    codes_sorted: OnceLock<Vec<(u64, u32)>>,
    /// The stance model's learned cue scores of this body, with the table they came from
    /// (a `Weak` keeps its address from being reused); made when first needed.
    learned: OnceLock<(Weak<LexiconTable>, [f64; 3])>,
}

/// The space [`BodyIndex::new`] builds in, kept by each thread from body to body.
#[derive(Default)]
struct Scratch {
    tokens: Vec<Token>,
    key_names: Vec<CompactString>,
    key_sentences: Vec<u32>,
    word_codes: Vec<u64>,
    /// Per key number: the last sentence it was filed in (tokens are filed in text order).
    last_sentence: Vec<u32>,
    /// (key number, token) per filing.
    pairs: Vec<(u32, u32)>,
    /// Per key number: the words filed under it with their case counts.
    case: Vec<SmallVec<[CaseCounts; 1]>>,
}

impl Scratch {
    fn clear(&mut self) {
        self.tokens.clear();
        self.key_names.clear();
        self.key_sentences.clear();
        self.word_codes.clear();
        self.last_sentence.clear();
        self.pairs.clear();
        self.case.clear();
    }
}

thread_local! {
    static SCRATCH: std::cell::Cell<Scratch> = std::cell::Cell::new(Scratch::default());
}

/// A body of more tokens than this leaves its scratch space to be freed rather than kept, so
/// a thread keeps at most a few MiB (a news article has a few thousand tokens).
const MAX_SCRATCH_TOKENS: usize = 1 << 14;

/// The hash [`BodyIndex::key_ids`] files a key under.
fn key_hash(key: &str) -> u64 {
    FxBuildHasher.hash_one(key)
}

/// A body checked against one headline asks for a few related forms, which a scan of the codes
/// answers cheapest; one checked against many headlines (a pair file) sorts them once.
const SCANS_BEFORE_SORTING: u32 = 8;

/// One word's mid-sentence uses in a body.
#[derive(Debug)]
struct CaseCounts {
    word: CompactString,
    lower: u32,
    upper: u32,
}

/// The code of keys that have no related forms to look for: numbers and short keys (no
/// [`prefix_code`] is this large).
const NOT_A_WORD: u64 = u64::MAX;

impl BodyIndex {
    /// Indexes `text` in the language of `tools`; `background` rates how rare its words are.
    pub fn new(text: &str, tools: &LangTools, background: Option<&Background>) -> BodyIndex {
        // Built in this thread's scratch space, then copied out at its exact size: a pair file
        // keeps every body's index, and fresh memory costs more than the copy.
        let mut scratch = SCRATCH.take();
        scratch.clear();
        let Scratch {
            tokens: ref mut all,
            ref mut key_names,
            ref mut key_sentences,
            ref mut word_codes,
            ref mut last_sentence,
            ref mut pairs,
            ref mut case,
        } = scratch;
        let spans = sentence_spans(text);
        // A large body's tokens in one allocation, not a doubling series (a token for about
        // every six bytes of prose; a guess over the mark grows once).
        if text.len() / 6 > MAX_SCRATCH_TOKENS {
            all.reserve_exact(text.len() / 6);
        }
        let mut sentences = Vec::with_capacity(spans.len());
        let mut cache = StemCache::new(background);
        for s in spans {
            let slice = &text[s.span.start..s.span.end];
            let start = all.len();
            tokenize_into(slice, s.span.start, tools, false, &mut cache, all);
            sentences.push(Sentence {
                span: s.span,
                paragraph: s.paragraph,
                tokens: start..all.len(),
            });
        }
        // Moved out into a vector of the exact size; the scratch keeps its capacity. A body
        // too large for the scratch to be kept takes its vector instead: a copy would hold the
        // tokens twice at the peak.
        let tokens: Vec<Token> = if all.capacity() > MAX_SCRATCH_TOKENS {
            std::mem::take(all)
        } else {
            let mut exact = Vec::with_capacity(all.len());
            exact.append(all);
            exact
        };
        let mut sentence_of = vec![0u32; tokens.len()];
        for (i, s) in sentences.iter().enumerate() {
            for t in s.tokens.clone() {
                sentence_of[t] = i as u32;
            }
        }
        let mut content_pos = Vec::with_capacity(tokens.len());
        // A body has at most as many keys as content tokens (and a few compounds): the table
        // is sized for that bound once, in place, rather than grown.
        let mut key_ids: HashTable<u32> =
            HashTable::with_capacity(tokens.iter().filter(|t| t.is_content()).count());
        let mut file = |key: &str, token: usize, pairs: &mut Vec<(u32, u32)>| -> usize {
            let sentence = sentence_of[token];
            // One hash per filing, hit or miss.
            let hash = key_hash(key);
            let id = match key_ids.find(hash, |&id| key_names[id as usize] == key) {
                Some(&id) => {
                    let id = id as usize;
                    if last_sentence[id] != sentence {
                        last_sentence[id] = sentence;
                        key_sentences[id] += 1;
                    }
                    id
                }
                None => {
                    let id = key_names.len();
                    key_names.push(CompactString::from(key));
                    key_ids.insert_unique(hash, id as u32, |&id| key_hash(&key_names[id as usize]));
                    key_sentences.push(1);
                    last_sentence.push(sentence);
                    // Keys shorter than the prefix related forms share have none.
                    let related = key.len() >= RELATED_PREFIX_CHARS;
                    word_codes.push(if related && tokens[token].kind == TokenKind::Word {
                        prefix_code(key)
                    } else {
                        NOT_A_WORD
                    });
                    id
                }
            };
            pairs.push((id as u32, token as u32));
            id
        };
        let mut n_content = 0u32;
        for (i, t) in tokens.iter().enumerate() {
            content_pos.push(n_content);
            if !t.is_content() {
                continue;
            }
            n_content += 1;
            let id = file(&t.key, i, pairs);
            let starts_sentence = i == 0 || sentence_of[i - 1] != sentence_of[i];
            if t.kind == TokenKind::Word && !starts_sentence {
                if case.len() <= id {
                    case.resize_with(id + 1, SmallVec::new);
                }
                let words = &mut case[id];
                let e = match words.iter().position(|c| c.word == t.norm) {
                    Some(k) => &mut words[k],
                    None => {
                        words.push(CaseCounts {
                            word: t.norm.clone(),
                            lower: 0,
                            upper: 0,
                        });
                        let last = words.len() - 1;
                        &mut words[last]
                    }
                };
                match t.case {
                    Case::Lower => e.lower += 1,
                    Case::Title | Case::Upper => e.upper += 1,
                    Case::Other => {}
                }
            }
            // "£2.1 billion" is also filed as the amount it is, at its number ("2100000000",
            // as a headline's "£2.1bn" is keyed).
            if t.kind == TokenKind::Word && i > 0 && tokens[i - 1].kind == TokenKind::Number {
                let zeros = (tools.lang == Lang::En)
                    .then(|| scale_of(&t.norm))
                    .flatten();
                let number = &tokens[i - 1].key;
                let plain = number.bytes().all(|b| b.is_ascii_digit() || b == b'.');
                if let (Some(zeros), true) = (zeros, plain && t.join == Join::Space) {
                    file(&scaled(number, zeros), i - 1, pairs);
                }
            }
            if t.join == Join::Hyphen && i > 0 && tokens[i - 1].kind == TokenKind::Word {
                let joined =
                    CompactString::from(tools.stem(&format!("{}{}", tokens[i - 1].norm, t.norm)));
                if joined != tokens[i - 1].key {
                    file(&joined, i - 1, pairs);
                }
            }
        }
        let n_keys = key_names.len();
        // Counting sort of the (key, token) pairs into one array, key by key.
        let mut offsets = vec![0u32; n_keys + 1];
        for &(id, _) in pairs.iter() {
            offsets[id as usize + 1] += 1;
        }
        for k in 1..offsets.len() {
            offsets[k] += offsets[k - 1];
        }
        let mut fill = offsets.clone();
        let mut positions = vec![0u32; pairs.len()];
        for &(id, t) in pairs.iter() {
            positions[fill[id as usize] as usize] = t;
            fill[id as usize] += 1;
        }
        // Tokens were filed in text order (a compound's joined stem, filed one token late,
        // goes under another key), so each key's positions are already sorted.
        debug_assert!(offsets
            .windows(2)
            .all(|w| positions[w[0] as usize..w[1] as usize].is_sorted()));
        // The case counts, flattened key by key.
        let mut case_offsets = Vec::with_capacity(n_keys + 1);
        let mut case_words = Vec::with_capacity(case.iter().map(SmallVec::len).sum());
        for id in 0..n_keys {
            case_offsets.push(case_words.len() as u32);
            if let Some(words) = case.get_mut(id) {
                case_words.extend(words.drain(..));
            }
        }
        case_offsets.push(case_words.len() as u32);
        let mut names: Vec<CompactString> = Vec::with_capacity(key_names.len());
        names.append(key_names);
        let key_sentences = key_sentences.to_vec();
        let word_codes = word_codes.to_vec();
        if scratch.tokens.capacity() <= MAX_SCRATCH_TOKENS {
            SCRATCH.set(scratch);
        }
        let mut index = BodyIndex {
            lang: tools.lang,
            text: text.to_string(),
            sentences,
            tokens,
            sentence_of,
            content_pos,
            key_ids,
            key_names: names,
            key_sentences,
            offsets,
            positions,
            case_offsets,
            case_words,
            topics: Vec::new(),
            cues: Vec::new(),
            total_cues: Cues::default(),
            lead_cues: Cues::default(),
            rarity: Vec::new(),
            vector_norm: 0.0,
            word_codes,
            code_lookups: AtomicU32::new(0),
            codes_sorted: OnceLock::new(),
            learned: OnceLock::new(),
        };
        index.rarity = (0..index.key_names.len())
            .map(|id| {
                key_rarity(&index.key_names[id], background, || {
                    index.rarity_in_sentences(index.key_sentences[id])
                })
            })
            .collect();
        index.topics = body_topics(&index, background);
        index.cues = (0..index.sentences.len())
            .map(|i| {
                let s = &index.sentences[i];
                let asks = index.sentence_text(i).trim_end().ends_with('?');
                Cues::of(&index.tokens[s.tokens.clone()], asks)
            })
            .collect();
        for (i, c) in index.cues.iter().enumerate() {
            index.total_cues.add(c);
            if index.in_lead(i) {
                index.lead_cues.add(c);
            }
        }
        // Summed in key-number order (first use in the text), never in hash-map order.
        index.vector_norm = (0..index.key_names.len() as u32)
            .map(|id| (id, index.postings(id)))
            .filter(|(_, occ)| index.tokens[occ[0] as usize].kind == TokenKind::Word)
            .map(|(id, occ)| (occ.len() as f64 * index.rarity[id as usize]).powi(2))
            .sum::<f64>()
            .sqrt();
        index
    }

    /// The currency sign written just before token `t` ("£" of "£2.1"), if any.
    pub fn currency_before(&self, t: u32) -> Option<char> {
        let start = self.tokens.get(t as usize)?.span.start;
        self.text[..start]
            .chars()
            .next_back()
            .filter(|&c| is_currency(c))
    }

    /// The body's salient names and terms, most salient first.
    pub fn topics(&self) -> &[Topic] {
        &self.topics
    }

    /// The rarity of one of the body's own keys, as computed when it was indexed.
    pub fn stored_rarity(&self, key: &str) -> Option<f64> {
        self.key_id(key).map(|id| self.rarity[id as usize])
    }

    /// Euclidean length of the body's term vector: each word key weighs its mentions times its
    /// rarity.
    pub fn vector_norm(&self) -> f64 {
        self.vector_norm
    }

    /// The language it was indexed in.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The body text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The sentences, in order.
    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }

    /// All tokens, in order.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// The text of sentence `i`.
    pub fn sentence_text(&self, i: usize) -> &str {
        let s = &self.sentences[i];
        &self.text[s.span.start..s.span.end]
    }

    /// The stance cues of sentence `i` (cue words are English only).
    pub fn sentence_cues(&self, i: usize) -> Cues {
        self.cues.get(i).copied().unwrap_or_default()
    }

    /// The stance cues of all sentences, and of the lead ([`BodyIndex::in_lead`]).
    pub fn cues(&self) -> (Cues, Cues) {
        (self.total_cues, self.lead_cues)
    }

    /// The sentence token `t` is in.
    pub fn sentence_of(&self, t: u32) -> usize {
        self.sentence_of[t as usize] as usize
    }

    /// The content position of token `t` (see the field's comment).
    pub fn content_pos(&self, t: u32) -> u32 {
        self.content_pos[t as usize]
    }

    /// Content tokens with this key, in text order.
    pub fn occurrences(&self, key: &str) -> &[u32] {
        match self.key_id(key) {
            Some(id) => self.postings(id),
            None => &[],
        }
    }

    /// The number of a key, if the body has it.
    pub fn key_id(&self, key: &str) -> Option<u32> {
        self.key_ids
            .find(key_hash(key), |&id| self.key_names[id as usize] == key)
            .copied()
    }

    /// The rarity of key number `id`, as computed when the body was indexed.
    pub fn rarity_of(&self, id: u32) -> f64 {
        self.rarity[id as usize]
    }

    /// Content tokens with key number `id`, in text order.
    pub fn postings(&self, id: u32) -> &[u32] {
        let id = id as usize;
        &self.positions[self.offsets[id] as usize..self.offsets[id + 1] as usize]
    }

    /// The keys of words (negations included, numbers not), each once, in number order (first
    /// use in the text).
    pub fn word_keys(&self) -> impl Iterator<Item = &str> {
        self.numbered_keys()
            .filter(|(_, _, occ)| {
                matches!(
                    self.tokens[occ[0] as usize].kind,
                    TokenKind::Word | TokenKind::Negation
                )
            })
            .map(|(_, k, _)| k)
    }

    /// [`LexiconTable::score`] of the body's keys (numbers add nothing), computed once
    /// per body for the first table asked (a run uses one stance model); for any other table,
    /// computed each time.
    pub fn learned_scores(&self, table: &Arc<LexiconTable>) -> [f64; 3] {
        let (owner, scores) = self
            .learned
            .get_or_init(|| (Arc::downgrade(table), self.learned_now(table)));
        if std::ptr::eq(owner.as_ptr(), Arc::as_ptr(table)) {
            *scores
        } else {
            self.learned_now(table)
        }
    }

    /// [`LexiconTable::score`] of the body's keys. All keys are offered, numbers too: a lexicon
    /// holds word keys only (it is learned from [`BodyIndex::word_keys`], and a number's key is
    /// never a word's), so they add nothing, and the sums run over the same words in the same
    /// order, without looking up each key's kind.
    fn learned_now(&self, table: &LexiconTable) -> [f64; 3] {
        table.score(self.key_names.iter().map(CompactString::as_str))
    }

    /// All keys with their numbers and occurrences, in number order.
    pub fn numbered_keys(&self) -> impl Iterator<Item = (u32, &str, &[u32])> {
        self.key_names
            .iter()
            .enumerate()
            .map(|(id, k)| (id as u32, k.as_str(), self.postings(id as u32)))
    }

    /// The word keys (numbers excluded) of at least [`RELATED_PREFIX_CHARS`] bytes whose
    /// [`prefix_code`] is `code`, with their occurrences, in no particular order.
    pub fn words_with_code(&self, code: u64) -> impl Iterator<Item = (&str, &[u32])> {
        // A scan of one integer per key, eight at a time (the compiler makes it a few vector
        // compares): cheaper than sorting the codes for the few lookups most bodies get.
        let mut ids: SmallVec<[usize; 4]> = SmallVec::new();
        let sorted = match self.codes_sorted.get() {
            Some(sorted) => Some(sorted),
            None if self.code_lookups.fetch_add(1, Ordering::Relaxed) >= SCANS_BEFORE_SORTING => {
                Some(self.codes_sorted.get_or_init(|| {
                    let mut sorted: Vec<(u64, u32)> = (self.word_codes.iter().enumerate())
                        .filter(|&(_, &c)| c != NOT_A_WORD)
                        .map(|(id, &c)| (c, id as u32))
                        .collect();
                    sorted.sort_unstable();
                    sorted
                }))
            }
            None => None,
        };
        if let Some(sorted) = sorted {
            let start = sorted.partition_point(|&(c, _)| c < code);
            ids.extend(
                sorted[start..]
                    .iter()
                    .take_while(|&&(c, _)| c == code)
                    .map(|&(_, id)| id as usize),
            );
        } else if code != NOT_A_WORD {
            let chunks = self.word_codes.chunks_exact(8);
            let rest = chunks.remainder();
            for (n, chunk) in chunks.enumerate() {
                if chunk.iter().fold(false, |any, &c| any | (c == code)) {
                    let base = n * 8;
                    ids.extend((0..8).filter(|&k| chunk[k] == code).map(|k| base + k));
                }
            }
            let base = self.word_codes.len() - rest.len();
            ids.extend(
                (0..rest.len())
                    .filter(|&k| rest[k] == code)
                    .map(|k| base + k),
            );
        }
        ids.into_iter()
            .map(|id| (self.key_names[id].as_str(), self.postings(id as u32)))
    }

    /// Whether `sentence` is part of the lead: the first three sentences.
    pub fn in_lead(&self, sentence: usize) -> bool {
        sentence < LEAD_SENTENCES
    }

    /// Whether the body is long enough for a single mention outside the lead to count as a
    /// passing one.
    pub fn has_body_beyond_lead(&self) -> bool {
        self.sentences.len() > 2 * LEAD_SENTENCES
    }

    /// The body's own evidence on how `word` (lowercased, a word whose match key is `key`) is
    /// written mid-sentence: (lowercase, capitalised) counts.
    pub fn case_counts(&self, word: &str, key: &str) -> Option<(u32, u32)> {
        self.case_counts_of(word, self.key_id(key)?)
    }

    /// [`BodyIndex::case_counts`] of a word filed under key number `id`.
    pub fn case_counts_of(&self, word: &str, id: u32) -> Option<(u32, u32)> {
        let id = id as usize;
        let words = *self.case_offsets.get(id)? as usize..*self.case_offsets.get(id + 1)? as usize;
        let c = self.case_words[words].iter().find(|c| c.word == word)?;
        Some((c.lower, c.upper))
    }

    /// Whether `word` (lowercased, with match key `key`) is a name in this body: capitalised in
    /// most of its mid-sentence uses here, or, when it never occurs mid-sentence, in the
    /// background.
    pub fn is_name(&self, word: &str, key: &str, background: Option<&Background>) -> Option<bool> {
        self.is_name_with(word, key, || background.and_then(|b| b.capital_share(word)))
    }

    /// [`BodyIndex::is_name`], asking `background_share` for the background's capital share of
    /// `word` only when the body cannot tell.
    pub fn is_name_with(
        &self,
        word: &str,
        key: &str,
        background_share: impl FnOnce() -> Option<f64>,
    ) -> Option<bool> {
        Self::name_from(self.case_counts(word, key), background_share)
    }

    /// [`BodyIndex::is_name`] of a word filed under key number `id`.
    pub fn is_name_of(&self, word: &str, id: u32, background: Option<&Background>) -> Option<bool> {
        Self::name_from(self.case_counts_of(word, id), || {
            background.and_then(|b| b.capital_share(word))
        })
    }

    /// [`BodyIndex::is_name_with`] of a word filed under key number `id` (`None`: the body
    /// lacks its key).
    pub fn is_name_of_with(
        &self,
        word: &str,
        id: Option<u32>,
        background_share: impl FnOnce() -> Option<f64>,
    ) -> Option<bool> {
        Self::name_from(
            id.and_then(|id| self.case_counts_of(word, id)),
            background_share,
        )
    }

    /// A name by the body's case counts, else by the background's capital share.
    fn name_from(
        counts: Option<(u32, u32)>,
        background_share: impl FnOnce() -> Option<f64>,
    ) -> Option<bool> {
        match counts {
            Some((lower, upper)) if lower + upper > 0 => Some(upper > lower),
            _ => background_share().map(|s| s >= 0.5),
        }
    }

    /// How rare `key` is across this body's sentences, in [0, 1]: 1 when it is in no sentence,
    /// lower the more sentences use it. The fallback when no background table knows a word.
    pub fn sentence_rarity(&self, key: &str) -> f64 {
        let sf = self
            .key_id(key)
            .map_or(0, |id| self.key_sentences[id as usize]);
        self.rarity_in_sentences(sf)
    }

    /// [`BodyIndex::sentence_rarity`] of a key used in `sf` sentences.
    fn rarity_in_sentences(&self, sf: u32) -> f64 {
        let n = self.sentences.len() as f64;
        let idf = ((n + 1.0) / (f64::from(sf) + 1.0)).ln() + 1.0;
        idf / ((n + 1.0).ln() + 1.0)
    }
}

/// The first sentences, where a news story states what it is about.
pub const LEAD_SENTENCES: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;

    fn index(text: &str) -> BodyIndex {
        BodyIndex::new(text, &LangTools::new(Lang::En), None)
    }

    #[test]
    fn postings_and_sentences() {
        let b = index("The peace-keeping force arrived. Peacekeeping costs rose.\n\nIt left.");
        assert_eq!(b.sentences().len(), 3);
        assert_eq!(b.sentences()[2].paragraph, 1);
        let joined = b.occurrences("peacekeep");
        assert_eq!(joined.len(), 2, "the compound and the joined word");
        assert_eq!(b.sentence_of(joined[0]), 0);
        assert_eq!(b.sentence_of(joined[1]), 1);
        assert_eq!(b.occurrences("keep").len(), 1);
    }

    /// Everything a check reads of an index, as text: keys with their numbers, places,
    /// sentence counts and rarities, and each token's case counts.
    fn summary(b: &BodyIndex) -> String {
        let mut out = String::new();
        for (id, key, places) in b.numbered_keys() {
            let counts = b.tokens().iter().map(|t| b.case_counts(&t.norm, key));
            out += &format!(
                "{id} {key} {places:?} {} {} {:?}\n",
                b.sentence_rarity(key),
                b.rarity_of(id),
                counts.flatten().collect::<Vec<_>>()
            );
            assert_eq!(b.key_id(key), Some(id));
        }
        out + &format!("{:?} {}", b.tokens(), b.vector_norm())
    }

    #[test]
    fn the_scratch_space_carries_nothing_from_body_to_body() {
        // Bodies of fewer and more keys than the one before, and one too large for its
        // scratch space to be kept.
        let bodies = [
            "Bridges, harbours and mayors: the council's long report on the Harbour. ".repeat(40),
            "Mayor Lund opened the Harbour Bridge. The bridge cost 4 million euros.".to_string(),
            "The Harbour Bridge reopened. Mayor Lund said the bridge, the harbour and the \
             council's ferries would be repaired; bridges in Oslo and Bergen wait."
                .to_string(),
            "word ".repeat(MAX_SCRATCH_TOKENS + 1),
            "Lund's bridge opened.".to_string(),
        ];
        // Each indexed on a thread of its own, with an empty scratch space.
        let fresh: Vec<String> = bodies
            .iter()
            .map(|b| {
                let b = b.clone();
                std::thread::spawn(move || summary(&index(&b)))
                    .join()
                    .expect("indexing thread")
            })
            .collect();
        for round in 0..2 {
            for (body, fresh) in bodies.iter().zip(&fresh) {
                assert_eq!(&summary(&index(body)), fresh, "round {round}");
            }
        }
    }

    #[test]
    fn stop_words_do_not_separate_content() {
        let b = index("Actions of the government were praised.");
        let a = b.occurrences("action")[0];
        let g = b.occurrences("govern")[0];
        assert_eq!(b.content_pos(g), b.content_pos(a) + 1);
    }

    #[test]
    fn names_from_the_body_case() {
        let b =
            index("Talks began. Officials met Zelensky in Davos. Later Zelensky spoke of peace.");
        let tools = LangTools::new(Lang::En);
        let is_name = |w: &str| b.is_name(w, &tools.stem(w), None);
        assert_eq!(is_name("zelensky"), Some(true));
        assert_eq!(is_name("peace"), Some(false));
        assert_eq!(is_name("talks"), None, "only seen starting a sentence");
    }

    #[test]
    fn rarity_falls_with_spread() {
        let b = index("Rain fell. Rain stopped. Sun came. Wind rose.");
        assert!(b.sentence_rarity("rain") < b.sentence_rarity("sun"));
        assert!(b.sentence_rarity("sun") < b.sentence_rarity("snow"));
        assert!((b.sentence_rarity("snow") - 1.0).abs() < 1e-9);
    }
}

//! Finding each claim in the body: supported, weak or unsupported, and where.

use std::borrow::Cow;

use smallvec::{smallvec, SmallVec};

use crate::analyze::trim_possessive;
use crate::analyze::{
    prefix_code, related, BodyIndex, ClaimKey, ClaimSpec, Headline, KeyFact, Paraphrases,
    QuoteAnchor, Relation, RELATED_PREFIX_CHARS,
};
use crate::report::ClaimKind;
use crate::report::Status;
use crate::text::{is_currency, is_number_unit, scale_of, Case, Join, Token, TokenKind};

/// One place a claim was found: the body tokens that matched, in text order, all in one
/// sentence. Most are one or two tokens, kept without a heap allocation.
pub type Occurrence = SmallVec<[u32; 4]>;

/// Why a claim got its status. Kept as data until it is shown ([`Reason::text`]): outputs
/// that show no reasons never format them.
#[derive(Clone, Debug, PartialEq)]
pub enum Reason {
    /// A fixed phrase ("not in the body").
    Fixed(&'static str),
    /// Found this many times ("found 3 times", "together 1 time").
    Found {
        /// How it was found: "found", "stated", "together", "quoted word for word".
        what: &'static str,
        /// How many times.
        times: usize,
    },
    /// One passing mention, in this sentence (0-based).
    Passing(usize),
    /// Only a related form, at this body token.
    Related(u32),
    /// A multi-word claim never found whole whose words all share a sentence this many times.
    Apart {
        /// Why it is not found whole ("never together").
        apart: &'static str,
        /// In how many sentences all its words occur.
        times: usize,
    },
    /// Each of its words occurs (at these body tokens, one per word), never in one sentence.
    NeverInOneSentence(SmallVec<[u32; 4]>),
    /// Only some of its words occur (at these body tokens, one per word found).
    OnlyFound(SmallVec<[u32; 4]>),
    /// Stated in other words, at this body token (the first of the other words).
    OtherWords {
        /// How the body's words relate to the headline's.
        relation: Relation,
        /// The first body token of them.
        token: u32,
        /// The last (the same for one word).
        last: u32,
    },
    /// A multi-word name the body never uses whole: the words of it the body lacks, and the
    /// name the body uses instead, if it names one with the words it has.
    NameParts {
        /// The headline's words the body never uses.
        missing: Vec<String>,
        /// The body's own name ("Joan Rivers").
        instead: Option<String>,
    },
    /// A number the body does not state, and the one it states in its place.
    OtherNumber(String),
    /// Denied where the body first mentions it: the denying word (a body token).
    Denied(u32),
    /// A negated claim ("not guilty") whose word the body states plainly, in a sentence with
    /// no negation, refutation or hedge: that word (a body token).
    Unnegated(u32),
    /// A quote not found word for word, with this many of its words in one sentence.
    Paraphrase {
        /// Words found in the best sentence.
        found: usize,
        /// The quote's content words.
        of: usize,
    },
}

impl Reason {
    /// The reason in a few words, as reports show it.
    pub fn text(&self, body: &BodyIndex) -> Cow<'static, str> {
        let word = |t: &u32| format!("\"{}\"", body.tokens()[*t as usize].norm);
        let words = |ts: &[u32]| ts.iter().map(word).collect::<Vec<_>>().join(", ");
        match self {
            Reason::Fixed(text) => Cow::Borrowed(text),
            Reason::Found { what, times: 1 } => Cow::Owned(format!("{what} 1 time")),
            Reason::Found { what, times } => Cow::Owned(format!("{what} {times} times")),
            Reason::Passing(s) => Cow::Owned(format!("one passing mention, in sentence {}", s + 1)),
            Reason::Related(t) => Cow::Owned(format!("only the related form {}", word(t))),
            Reason::Apart { apart, times: 1 } => {
                Cow::Owned(format!("{apart}; all its words share a sentence once"))
            }
            Reason::Apart { apart, times } => Cow::Owned(format!(
                "{apart}; all its words share a sentence {times} times"
            )),
            Reason::NeverInOneSentence(ts) => {
                Cow::Owned(format!("its words {} are never in one sentence", words(ts)))
            }
            Reason::OnlyFound(ts) => Cow::Owned(format!("only {} found", words(ts))),
            Reason::OtherWords {
                relation,
                token,
                last,
            } => {
                let what = match relation {
                    Relation::Form => "another form of the word",
                    Relation::Alias => "another name for it",
                    Relation::Synonym => "a synonym",
                    Relation::Derived => "a related word",
                    Relation::Member => "its group or member",
                    Relation::Cause => "its cause or effect",
                };
                let tokens = body.tokens();
                let (a, b) = (&tokens[*token as usize], &tokens[*last as usize]);
                let written = body.text()[a.span.start..b.span.end].to_lowercase();
                Cow::Owned(format!("as \"{written}\": {what}"))
            }
            Reason::NameParts { missing, instead } => {
                let quoted: Vec<String> = missing.iter().map(|w| format!("\"{w}\"")).collect();
                let list = quoted.join(" and ");
                let verb = if missing.len() == 1 { "is" } else { "are" };
                Cow::Owned(match instead {
                    Some(name) => format!("{list} {verb} not in the body, which names \"{name}\""),
                    None => format!("{list} {verb} not in the body"),
                })
            }
            Reason::OtherNumber(n) => {
                Cow::Owned(format!("number not in the body, which states \"{n}\""))
            }
            Reason::Unnegated(t) => {
                Cow::Owned(format!("the body states {} without the negation", word(t)))
            }
            Reason::Denied(t) => Cow::Owned(format!(
                "the body denies it where it first mentions it ({})",
                word(t)
            )),
            Reason::Paraphrase { found, of } => Cow::Owned(format!(
                "not word for word; {found} of {of} words in one sentence"
            )),
        }
    }
}

/// Each place a claim (or, when weak, the part of it) was found, in text order.
#[derive(Clone, Debug, PartialEq)]
pub enum Places<'b> {
    /// One token per place: a key's postings in the body index, not copied.
    Tokens(&'b [u32]),
    /// Places of one or more tokens each.
    Groups(Vec<Occurrence>),
}

impl Places<'_> {
    /// How many places.
    pub fn len(&self) -> usize {
        match self {
            Places::Tokens(t) => t.len(),
            Places::Groups(g) => g.len(),
        }
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The first token of the first place.
    pub fn first_token(&self) -> Option<u32> {
        match self {
            Places::Tokens(t) => t.first().copied(),
            Places::Groups(g) => g.first().map(|o| o[0]),
        }
    }

    /// Each place's tokens.
    pub fn iter(&self) -> impl Iterator<Item = &[u32]> {
        let (tokens, groups): (&[u32], &[Occurrence]) = match self {
            Places::Tokens(t) => (t, &[]),
            Places::Groups(g) => (&[], g),
        };
        tokens
            .iter()
            .map(std::slice::from_ref)
            .chain(groups.iter().map(|o| o.as_slice()))
    }
}

/// What the body says about one claim.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimMatch<'b> {
    /// The status.
    pub status: Status,
    /// Why.
    pub reason: Reason,
    /// Each place the claim (or, when weak, the part of it) was found: the body tokens that
    /// matched, all in one sentence.
    pub occurrences: Places<'b>,
}

impl<'b> ClaimMatch<'b> {
    fn unsupported(reason: &'static str) -> Self {
        ClaimMatch {
            status: Status::Unsupported,
            reason: Reason::Fixed(reason),
            occurrences: Places::Groups(Vec::new()),
        }
    }

    /// Supported, unless it is a single mention outside the lead of a longer body.
    /// `occurrences` is not empty.
    fn found(body: &BodyIndex, occurrences: Places<'b>, what: &'static str) -> Self {
        let first = body.sentence_of(occurrences.first_token().unwrap_or(0));
        if occurrences.len() == 1 && body.has_body_beyond_lead() && !body.in_lead(first) {
            return ClaimMatch::weak(Reason::Passing(first), occurrences);
        }
        ClaimMatch {
            status: Status::Supported,
            reason: Reason::Found {
                what,
                times: occurrences.len(),
            },
            occurrences,
        }
    }

    fn weak(reason: Reason, occurrences: Places<'b>) -> Self {
        ClaimMatch {
            status: Status::Weak,
            reason,
            occurrences,
        }
    }
}

/// Looks for a claim in the body.
pub fn match_claim<'b>(key: &ClaimKey, body: &'b BodyIndex) -> ClaimMatch<'b> {
    if let ClaimKey::Number(k) = key {
        return match_number(k, body);
    }
    let occ: PartPlaces<'b> = key.parts().map(|p| body.occurrences(p)).collect();
    match_parts(key, &occ, None, body)
}

/// [`match_claim`] for a claim of a prepared headline, with that headline's
/// [`crate::analyze::Headline::key_facts`] in `body`: the parts' places are read from the
/// facts rather than looked up again.
pub fn match_claim_with<'b>(
    claim: &ClaimSpec,
    facts: &[KeyFact],
    body: &'b BodyIndex,
) -> ClaimMatch<'b> {
    let place = |n: usize, part: &str| -> &'b [u32] {
        match claim.part_index.get(n).and_then(|&i| facts.get(i as usize)) {
            Some(fact) => fact.id.map_or(&[][..], |id| body.postings(id)),
            None => body.occurrences(part),
        }
    };
    // Most claims are single words: no list of places for them.
    if let ClaimKey::Single(k) = &claim.key {
        return match_single(k, place(0, k), body);
    }
    if let ClaimKey::Number(k) = &claim.key {
        return match_number(k, body);
    }
    let occ: PartPlaces<'b> = claim
        .key
        .parts()
        .enumerate()
        .map(|(n, p)| place(n, p))
        .collect();
    match_parts(&claim.key, &occ, claim.quote_anchor, body)
}

/// Per part of a claim ([`ClaimKey::parts`]): the content tokens with its key.
type PartPlaces<'b> = SmallVec<[&'b [u32]; 4]>;

/// Looks for a claim whose parts occur at `occ` (a quote may have an anchor word).
fn match_parts<'b>(
    key: &ClaimKey,
    occ: &[&'b [u32]],
    anchor: Option<QuoteAnchor>,
    body: &'b BodyIndex,
) -> ClaimMatch<'b> {
    let first = occ.first().copied().unwrap_or_default();
    match key {
        ClaimKey::Single(k) => match_single(k, first, body),
        ClaimKey::Number(k) => match_number(k, body),
        ClaimKey::Sequence { parts, joined } => {
            let mut found = sequence_occurrences(parts, first, body);
            if let Some(j) = joined {
                // The index files a hyphenated compound under its first part.
                found.extend(body.occurrences(j).iter().map(|&t| {
                    if body.tokens()[t as usize].key == *j {
                        smallvec![t]
                    } else {
                        smallvec![t, t + 1]
                    }
                }));
                found.sort();
                found.dedup();
            }
            if found.is_empty() {
                partial_evidence(occ, body, "the words are never adjacent")
            } else {
                ClaimMatch::found(body, Places::Groups(found), "found")
            }
        }
        ClaimKey::Pair(_, b) => {
            let found = pair_occurrences(first, b, body);
            if found.is_empty() {
                partial_evidence(occ, body, "never together")
            } else {
                ClaimMatch::found(body, Places::Groups(found), "together")
            }
        }
        ClaimKey::Quote { words, keys } => match_quote(words, keys.len(), occ, anchor, body),
    }
}

/// A number claim's key: its canonical value, after the currency sign the headline writes
/// before it, if any ("$12000000"). The body must state the value with the same currency sign
/// or with none (the currency may be in words: "12 million dollars"); the value in another
/// currency only ("£12 million") is not the amount, and the reason says what the body states.
fn match_number<'b>(key: &str, body: &'b BodyIndex) -> ClaimMatch<'b> {
    let currency = key.chars().next().filter(|&c| is_currency(c));
    let plain = currency.map_or(key, |c| &key[c.len_utf8()..]);
    let occ = body.occurrences(plain);
    if occ.is_empty() {
        return ClaimMatch::unsupported("number not in the body");
    }
    let Some(c) = currency else {
        return ClaimMatch::found(body, Places::Tokens(occ), "stated");
    };
    let same: Vec<Occurrence> = occ
        .iter()
        .filter(|&&t| body.currency_before(t).is_none_or(|b| b == c))
        .map(|&t| smallvec![t])
        .collect();
    if same.is_empty() {
        let text = amount_text(body, occ[0] as usize);
        return ClaimMatch {
            status: Status::Unsupported,
            reason: Reason::OtherNumber(text),
            occurrences: Places::Groups(Vec::new()),
        };
    }
    ClaimMatch::found(body, Places::Groups(same), "stated")
}

/// The amount at body token `n` as the body writes it: a currency sign before it, and after it
/// a magnitude and a unit ("£1.4 billion", "9 per cent", "39 degrees Celsius").
fn amount_text(body: &BodyIndex, n: usize) -> String {
    let tokens = body.tokens();
    let sentence = &body.sentences()[body.sentence_of(n as u32)];
    let mut start = tokens[n].span.start;
    if body.currency_before(n as u32).is_some() {
        start = body.text()[..start]
            .char_indices()
            .next_back()
            .map_or(start, |(p, _)| p);
    }
    let mut end = tokens[n].span.end;
    let mut k = n + 1;
    while k < sentence.tokens.end && tokens[k].join == Join::Space {
        let word = tokens[k].norm.as_str();
        let per_cent = word == "per" && tokens.get(k + 1).is_some_and(|t| t.norm == "cent");
        if scale_of(word).is_none() && !is_number_unit(word) && !per_cent {
            break;
        }
        end = tokens[k].span.end;
        k += 1;
    }
    if body.text()[end..].starts_with('%') {
        end += 1;
    }
    body.text()[start..end].to_string()
}

fn singletons(list: &[u32]) -> Vec<Occurrence> {
    list.iter().map(|&t| smallvec![t]).collect()
}

fn match_single<'b>(key: &str, occ: &'b [u32], body: &'b BodyIndex) -> ClaimMatch<'b> {
    if !occ.is_empty() {
        return ClaimMatch::found(body, Places::Tokens(occ), "found");
    }
    match related_form(key, body) {
        Some(other) => ClaimMatch::weak(Reason::Related(other[0]), Places::Tokens(other)),
        None => ClaimMatch::unsupported("not in the body"),
    }
}

/// A body word sharing a long prefix with `key` ("russia" for "russian", "ukrain" for
/// "ukrainian"): the most used one, ties broken alphabetically.
fn related_form<'b>(key: &str, body: &'b BodyIndex) -> Option<&'b [u32]> {
    // Numbers have no related forms, and keys shorter than the shared prefix [`related`] asks
    // for have none either.
    if key.len() < RELATED_PREFIX_CHARS || key.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // Related keys share their prefix code.
    let mut best: Option<(&[u32], &str)> = None;
    for (other, occ) in body.words_with_code(prefix_code(key)) {
        if !related(key, other) {
            continue;
        }
        let better = match best {
            None => true,
            Some((o_occ, o)) => occ.len() > o_occ.len() || (occ.len() == o_occ.len() && other < o),
        };
        if better {
            best = Some((occ, other));
        }
    }
    best.map(|(occ, _)| occ)
}

/// Places where `parts` occur as consecutive words of one sentence; the first part occurs at
/// `first`.
fn sequence_occurrences<S: AsRef<str>>(
    parts: &[S],
    first: &[u32],
    body: &BodyIndex,
) -> Vec<Occurrence> {
    let tokens = body.tokens();
    first
        .iter()
        .filter(|&&t| {
            parts.iter().enumerate().skip(1).all(|(k, p)| {
                let i = t as usize + k;
                i < tokens.len()
                    && tokens[i].key.as_str() == p.as_ref()
                    && body.sentence_of(i as u32) == body.sentence_of(t)
            })
        })
        .map(|&t| (t..t + parts.len() as u32).collect())
        .collect()
}

/// Places where the word at `a` (the occurrences of one key) and `b` are neighbouring content
/// words (stop words between them do not count) of one sentence, in either order. Linear in
/// the occurrences of `a`.
fn pair_occurrences(a: &[u32], b: &str, body: &BodyIndex) -> Vec<Occurrence> {
    let tokens = body.tokens();
    let mut out = Vec::new();
    for &ta in a {
        let sentence = &body.sentences()[body.sentence_of(ta)];
        let next = (ta as usize + 1..sentence.tokens.end).find(|&i| tokens[i].is_content());
        let prev = (sentence.tokens.start..ta as usize)
            .rev()
            .find(|&i| tokens[i].is_content());
        for n in [prev, next].into_iter().flatten() {
            if tokens[n].key == b {
                let n = n as u32;
                out.push(if ta < n {
                    smallvec![ta, n]
                } else {
                    smallvec![n, ta]
                });
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// For one key occurring at `occ`: each sentence using it, with the first token there, in
/// sentence order.
fn first_per_sentence(occ: &[u32], body: &BodyIndex) -> Vec<(usize, u32)> {
    let mut out: Vec<(usize, u32)> = Vec::new();
    for &t in occ {
        let s = body.sentence_of(t);
        if out.last().is_none_or(|&(last, _)| last != s) {
            out.push((s, t));
        }
    }
    out
}

/// A multi-word claim not found whole: weak when all its words share a sentence or some of them
/// occur, unsupported when none does.
/// `parts` are the places of each part.
fn partial_evidence<'b>(
    parts: &[&'b [u32]],
    body: &'b BodyIndex,
    apart: &'static str,
) -> ClaimMatch<'b> {
    // Sentences holding every part, with the first token of each part there (none when a part
    // is missing, the common case).
    let mut per_sentence: Vec<(usize, Occurrence)> = Vec::new();
    let all_occur = parts.iter().all(|p| !p.is_empty());
    let lists: Vec<Vec<(usize, u32)>> = if all_occur {
        parts.iter().map(|p| first_per_sentence(p, body)).collect()
    } else {
        Vec::new()
    };
    if let Some((first, rest)) = lists.split_first() {
        for &(s, t) in first {
            let mut hits: Occurrence = smallvec![t];
            for list in rest {
                match list.binary_search_by_key(&s, |&(sent, _)| sent) {
                    Ok(i) => hits.push(list[i].1),
                    Err(_) => break,
                }
            }
            if hits.len() == parts.len() {
                hits.sort_unstable();
                per_sentence.push((s, hits));
            }
        }
    }
    if !per_sentence.is_empty() {
        let times = per_sentence.len();
        let occ = per_sentence.into_iter().map(|(_, h)| h).collect();
        return ClaimMatch::weak(Reason::Apart { apart, times }, Places::Groups(occ));
    }
    let found: SmallVec<[&[u32]; 4]> = parts
        .iter()
        .copied()
        .filter(|occ| !occ.is_empty())
        .collect();
    if found.is_empty() {
        return ClaimMatch::unsupported("none of its words is in the body");
    }
    let mut occ: Vec<Occurrence> = found.iter().flat_map(|occ| singletons(occ)).collect();
    occ.sort();
    let firsts = found.iter().map(|occ| occ[0]).collect();
    if found.len() == parts.len() {
        return ClaimMatch::weak(Reason::NeverInOneSentence(firsts), Places::Groups(occ));
    }
    ClaimMatch::weak(Reason::OnlyFound(firsts), Places::Groups(occ))
}

/// `keys` content words, whose keys occur at `occ`.
fn match_quote<'b>(
    words: &[String],
    keys: usize,
    occ_of_keys: &[&[u32]],
    anchor: Option<QuoteAnchor>,
    body: &'b BodyIndex,
) -> ClaimMatch<'b> {
    let tokens = body.tokens();
    let n = tokens.len();
    // Whether the quote is written word for word from body token `start` on.
    let whole_at = |start: usize| {
        let end = start + words.len() - 1;
        end < n
            && words
                .iter()
                .enumerate()
                .all(|(k, w)| tokens[start + k].norm == *w)
            && body.sentence_of(start as u32) == body.sentence_of(end as u32)
    };
    let found = |start: usize| -> Occurrence {
        (start as u32..=(start + words.len() - 1) as u32).collect()
    };
    let anchored = anchor
        .filter(|a| a.lang == body.lang())
        .and_then(|a| Some((a.word as usize, *occ_of_keys.get(a.key as usize)?)));
    let occ: Vec<Occurrence> = match anchored {
        _ if words.is_empty() => Vec::new(),
        // Every body token written as the anchor word is one of its key's places.
        Some((k, places)) => places
            .iter()
            .filter_map(|&t| (t as usize).checked_sub(k))
            .filter(|&start| whole_at(start))
            .map(found)
            .collect(),
        None => (0..n.saturating_sub(words.len() - 1))
            .filter(|&start| whole_at(start))
            .map(found)
            .collect(),
    };
    if !occ.is_empty() {
        return ClaimMatch::found(body, Places::Groups(occ), "quoted word for word");
    }
    // Paraphrase: most of the quote's content words in one sentence.
    let mut per_sentence: std::collections::BTreeMap<usize, Vec<u32>> = Default::default();
    for k in occ_of_keys {
        for (s, t) in first_per_sentence(k, body) {
            per_sentence.entry(s).or_default().push(t);
        }
    }
    let mut best: Option<(usize, Vec<u32>)> = None;
    for hits in per_sentence.into_values() {
        if hits.len() > best.as_ref().map_or(0, |b| b.0) {
            best = Some((hits.len(), hits));
        }
    }
    match best {
        Some((n, mut hits)) if n * 10 >= keys * 6 => {
            hits.sort_unstable();
            ClaimMatch::weak(
                Reason::Paraphrase { found: n, of: keys },
                Places::Groups(vec![hits.into()]),
            )
        }
        _ => ClaimMatch::unsupported("the quoted words are not in the body together"),
    }
}

/// Whether a match may be bettered by the body's other words for the claim: nothing found,
/// or only a related form.
pub fn wants_other_words(m: &ClaimMatch) -> bool {
    m.status == Status::Unsupported || matches!(m.reason, Reason::Related(_))
}

/// The claim as the body states it in other words ([`Paraphrases`]), the strongest relation
/// the body has first: a name only in another form or by another name, never a number or a
/// quote, and never through another of the headline's own words ("arrest" is its own claim in
/// "Cops arrest man", not evidence for "Cops").
pub fn match_other_words<'b>(
    claim: &ClaimSpec,
    headline: &Headline,
    lexicon: &Paraphrases,
    body: &'b BodyIndex,
) -> Option<ClaimMatch<'b>> {
    for p in headline.other_words(claim, lexicon).iter() {
        let first = body.occurrences(p.keys[0]);
        if first.is_empty() {
            continue;
        }
        let places = if p.keys.len() == 1 {
            Places::Tokens(first)
        } else {
            let found = sequence_occurrences(&p.keys, first, body);
            if found.is_empty() {
                continue;
            }
            Places::Groups(found)
        };
        let first_place = places.iter().next().unwrap_or(&[]);
        let token = first_place.first().copied().unwrap_or(0);
        let reason = Reason::OtherWords {
            relation: p.relation,
            token,
            last: first_place.last().copied().unwrap_or(token),
        };
        return Some(if p.relation.is_same_word() {
            let mut m = ClaimMatch::found(body, places, "found");
            if m.status == Status::Supported {
                m.reason = reason;
            }
            m
        } else {
            ClaimMatch {
                status: Status::Paraphrase,
                reason,
                occurrences: places,
            }
        });
    }
    None
}

/// A multi-word name the body never uses whole, some of whose words it never uses at all
/// ("Kerry Rivers" over a body about "Joan Rivers"), is unsupported: the body names someone
/// or somewhere else. The reason says which words are missing and what the body names
/// instead; the places of the words it has stay as evidence. Other matches are returned as
/// they are.
pub fn check_name_parts<'b>(
    claim: &ClaimSpec,
    headline: &Headline,
    m: ClaimMatch<'b>,
    body: &'b BodyIndex,
) -> ClaimMatch<'b> {
    let multi_word_name = claim.kind == ClaimKind::Name
        && matches!(claim.key, ClaimKey::Sequence { .. })
        && m.status == Status::Weak;
    if !multi_word_name {
        return m;
    }
    let words: Vec<&Token> = headline
        .tokens
        .iter()
        .filter(|t| {
            t.is_content() && t.span.start >= claim.span.start && t.span.end <= claim.span.end
        })
        .collect();
    let missing: Vec<String> = words
        .iter()
        .filter(|t| body.occurrences(&t.key).is_empty())
        .map(|t| trim_possessive(&headline.text[t.span.start..t.span.end]).to_string())
        .collect();
    if missing.is_empty() || missing.len() == words.len() {
        return m;
    }
    let instead = m
        .occurrences
        .iter()
        .find_map(|o| body_name_around(o[0], body));
    ClaimMatch {
        status: Status::Unsupported,
        reason: Reason::NameParts { missing, instead },
        occurrences: m.occurrences,
    }
}

/// The capitalised run of words around body token `t` in its sentence ("Joan Rivers"), when
/// it is more than the one word.
fn body_name_around(t: u32, body: &BodyIndex) -> Option<String> {
    let tokens = body.tokens();
    let sentence = &body.sentences()[body.sentence_of(t)];
    let capital = |i: usize| {
        tokens[i].kind == TokenKind::Word && matches!(tokens[i].case, Case::Title | Case::Upper)
    };
    let t = t as usize;
    if !capital(t) {
        return None;
    }
    let (mut first, mut last) = (t, t);
    while first > sentence.tokens.start
        && capital(first - 1)
        && tokens[first].join == Join::Space
        && !tokens[first - 1].possessive
    {
        first -= 1;
    }
    while last + 1 < sentence.tokens.end
        && capital(last + 1)
        && tokens[last + 1].join == Join::Space
        && !tokens[last].possessive
    {
        last += 1;
    }
    (first < last).then(|| {
        let text = &body.text()[tokens[first].span.start..tokens[last].span.end];
        trim_possessive(text).to_string()
    })
}

/// For a number the body does not state: the number the body states in its place, next to
/// the headline's word after (or else before) the number ("37" for "120 jobs" over "37
/// jobs"), as the body writes it.
pub fn number_instead(claim: &ClaimSpec, headline: &Headline, body: &BodyIndex) -> Option<String> {
    let tokens = &headline.tokens;
    let at = tokens
        .iter()
        .position(|t| t.span.start >= claim.span.start)?;
    let after = tokens[at..]
        .iter()
        .skip_while(|t| t.span.end <= claim.span.end)
        .find(|t| t.kind == TokenKind::Word);
    let before = tokens[..at]
        .iter()
        .rev()
        .find(|t| t.kind == TokenKind::Word);
    let body_tokens = body.tokens();
    for word in [after, before].into_iter().flatten() {
        for &w in body.occurrences(&word.key) {
            let sentence = &body.sentences()[body.sentence_of(w)];
            let w = w as usize;
            let near =
                sentence.tokens.start.max(w.saturating_sub(3))..(w + 4).min(sentence.tokens.end);
            let Some(n) = near
                .clone()
                .find(|&i| body_tokens[i].kind == TokenKind::Number)
            else {
                continue;
            };
            return Some(amount_text(body, n));
        }
    }
    None
}

/// Words that deny what follows them in their sentence: "denied reports that the singer is
/// cancelling", "dismissed claims that …", "debunked the story that …".
const DENIALS: &[&str] = &[
    "deny",
    "denies",
    "denied",
    "denying",
    "denial",
    "denials",
    "refute",
    "refutes",
    "refuted",
    "refuting",
    "debunk",
    "debunks",
    "debunked",
    "debunking",
    "dismissed",
    "dismisses",
    "dismissing",
    "rejected",
    "rejects",
    "rejecting",
    "disputed",
    "disputes",
    "disputing",
];

/// Words that attribute what is said ("…, officials said").
const ATTRIBUTION: &[&str] = &[
    "say",
    "says",
    "said",
    "saying",
    "told",
    "tells",
    "according",
];

/// Words that report a claim ("claims that …", "a study claiming …", "reports that …").
const REPORTED: &[&str] = &[
    "claim", "claims", "claimed", "claiming", "report", "reports", "reported", "rumour", "rumours",
    "rumor", "rumors", "story", "stories",
];

/// Words that refute a reported claim after it: "claims that … are false", "a study claiming …
/// has been retracted".
const REFUTED: &[&str] = &[
    "false",
    "untrue",
    "retracted",
    "debunked",
    "wrong",
    "hoax",
    "fake",
    "baseless",
    "unfounded",
    "incorrect",
    "fabricated",
    "bogus",
];

/// Whether a lowercased word denies or refutes a claim ([`DENIALS`], [`REFUTED`]).
pub fn is_denial_word(word: &str) -> bool {
    DENIALS.contains(&word) || REFUTED.contains(&word)
}

/// The body token that denies a found claim, when the body denies it where it first mentions
/// it: the mention follows, in its sentence, a denial ([`DENIALS`]) that is not itself negated
/// ("did not deny"), or it lies between a word reporting a claim ([`REPORTED`]) and a word
/// refuting it ([`REFUTED`]).
///
/// What is denied is an event or a description, never who reports or is reported on: a
/// mention that opens with a name as the body writes it ("denied reports that Kim Jong-un
/// …", "ISIS leader") or with an attribution ("…, officials said") is not denied; the
/// headline's other claims carry the denial.
pub fn denial_of(places: &Places, body: &BodyIndex) -> Option<u32> {
    let tokens = body.tokens();
    let at = places.iter().map(|o| o[0]).min()? as usize;
    let sentence = &body.sentences()[body.sentence_of(at as u32)];
    // A capital mid-sentence marks a name unless the body writes the word lowercase more
    // often; one opening a sentence only when it does mostly write it with a capital.
    let t = &tokens[at];
    let name = body.is_name(&t.norm, &t.key, None);
    let is_name = matches!(t.case, Case::Title | Case::Upper)
        && if at == sentence.tokens.start {
            name == Some(true)
        } else {
            name != Some(false)
        };
    let is = |i: usize, words: &[&str]| words.contains(&tokens[i].norm.as_str());
    if is_name || is(at, ATTRIBUTION) || is(at, REPORTED) {
        return None;
    }
    let negated = |i: usize| {
        i > sentence.tokens.start && tokens[i - 1].kind == crate::text::TokenKind::Negation
    };
    let before = sentence.tokens.start..at.min(sentence.tokens.end);
    if let Some(denial) = before
        .clone()
        .rev()
        .find(|&i| is(i, DENIALS) && !negated(i))
    {
        return Some(denial as u32);
    }
    if before.clone().any(|i| is(i, REPORTED)) {
        let after = (at + 1).min(sentence.tokens.end)..sentence.tokens.end;
        if let Some(refuted) = after.clone().find(|&i| is(i, REFUTED) && !negated(i)) {
            return Some(refuted as u32);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::{Lang, LangTools};

    fn body(text: &str) -> BodyIndex {
        BodyIndex::new(text, &LangTools::new(Lang::En), None)
    }

    fn key1(k: &str) -> ClaimKey {
        ClaimKey::Single(k.into())
    }

    #[test]
    fn single_words_and_related_forms() {
        let b = body("Russia sent envoys. The envoys met officials.");
        assert_eq!(match_claim(&key1("envoy"), &b).status, Status::Supported);
        let m = match_claim(&key1("russian"), &b);
        assert_eq!(m.status, Status::Weak);
        let reason = m.reason.text(&b);
        assert!(reason.contains("russia"), "{reason}");
        assert_eq!(
            match_claim(&key1("donbass"), &b).status,
            Status::Unsupported
        );
    }

    #[test]
    fn quotes_found_from_their_anchor_word_as_by_a_full_scan() {
        let tools = LangTools::new(Lang::En);
        let bodies = [
            "The minister said the deal is dead. Later: the deal is dead, he repeated.",
            "Nobody said the deal was dead. The deal is alive.",
            "THE DEAL IS DEAD, the banner read. the deal\nis dead.",
            "Deals are dead. The deal is. Dead.",
            "It is the deal is dead is the deal is dead.",
        ];
        for headline in [
            "Minister says \"the deal is dead\"",
            "MINISTER SAYS \"THE DEAL IS DEAD\"",
            "Minister says \"deal is dead\"",
            "\"It is the\" deal",
        ] {
            let h = crate::analyze::Headline::new(headline, &tools, None);
            for text in bodies {
                let b = body(text);
                let a = crate::analyze::extract_claims(&h, &tools, &b);
                let facts = h.key_facts(&b);
                for spec in a
                    .claims
                    .iter()
                    .filter(|c| matches!(c.key, ClaimKey::Quote { .. }))
                {
                    assert_eq!(
                        match_claim_with(spec, &facts, &b),
                        match_claim(&spec.key, &b),
                        "{headline:?} in {text:?}"
                    );
                }
            }
        }
        let h = crate::analyze::Headline::new("Minister says \"the deal is dead\"", &tools, None);
        let b = body(bodies[0]);
        let a = crate::analyze::extract_claims(&h, &tools, &b);
        let quote = a.claims.iter().find(|c| c.quote_anchor.is_some());
        let quote = quote.expect("the quote has an anchor word");
        let m = match_claim_with(quote, &h.key_facts(&b), &b);
        assert_eq!(m.occurrences.len(), 2, "{m:?}");
    }

    #[test]
    fn keys_shorter_than_the_shared_prefix_have_no_related_form() {
        // "isis" and "isisx" share four characters, fewer than `related` asks for; the lookup
        // skips such keys without asking the body.
        let b = body("Isisx fighters advanced. Isisx leaders spoke.");
        assert!(!related("isis", "isisx"));
        assert_eq!(match_claim(&key1("isis"), &b).status, Status::Unsupported);
        assert_eq!(match_claim(&key1("isisx"), &b).status, Status::Supported);
    }

    #[test]
    fn multi_word_claims_must_occur_together() {
        let b = body("Russian officials met. Citizens were angry.\n\nCitizens of Russia left.");
        let m = match_claim(&ClaimKey::Pair("russian".into(), "citizen".into()), &b);
        assert_eq!(m.status, Status::Weak, "{m:?}");
        let b = body("The actions of the government were praised.");
        let m = match_claim(&ClaimKey::Pair("govern".into(), "action".into()), &b);
        assert_eq!(m.status, Status::Supported, "{m:?}");
        let b = body("Peace came. Nothing else.");
        let m = match_claim(&ClaimKey::Pair("war".into(), "negoti".into()), &b);
        assert_eq!(m.status, Status::Unsupported);
    }

    #[test]
    fn names_in_sequence() {
        let seq = ClaimKey::Sequence {
            parts: vec!["steve".into(), "witkoff".into()],
            joined: None,
        };
        let b = body("Envoy Steve Witkoff landed. Witkoff spoke.");
        assert_eq!(match_claim(&seq, &b).status, Status::Supported);
        let b = body("Witkoff landed. Steve spoke.");
        assert_eq!(match_claim(&seq, &b).status, Status::Weak);
    }

    #[test]
    fn compounds_match_joined_and_split() {
        let k = ClaimKey::Sequence {
            parts: vec!["peac".into(), "keep".into()],
            joined: Some("peacekeep".into()),
        };
        assert_eq!(
            match_claim(&k, &body("A peacekeeping force.")).status,
            Status::Supported
        );
        assert_eq!(
            match_claim(&k, &body("A peace-keeping force.")).status,
            Status::Supported
        );
        assert_eq!(
            match_claim(&k, &body("Peace keeping costs.")).status,
            Status::Supported
        );
    }

    #[test]
    fn passing_mentions_are_weak() {
        let text = "One. Two. Three. Four. Five. Six. Seven. The donbass was named once here.";
        let b = body(text);
        let m = match_claim(&key1("donbass"), &b);
        assert_eq!(m.status, Status::Weak);
        assert!(m.reason.text(&b).contains("passing"));
    }

    #[test]
    fn numbers_and_quotes() {
        let b = body("Some 5000 people came. He called it \"a useful talk\" twice.");
        assert_eq!(
            match_claim(&ClaimKey::Number("5000".into()), &b).status,
            Status::Supported
        );
        assert_eq!(
            match_claim(&ClaimKey::Number("500".into()), &b).status,
            Status::Unsupported
        );
        let q = ClaimKey::Quote {
            words: vec!["a".into(), "useful".into(), "talk".into()],
            keys: vec!["use".into(), "talk".into()],
        };
        assert_eq!(match_claim(&q, &b).status, Status::Supported);
        let b = body("The talk was useful, he said.");
        assert_eq!(match_claim(&q, &b).status, Status::Weak);
    }
}

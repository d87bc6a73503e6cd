//! The body's topics: its salient names and terms, ranked once per body. Each headline then
//! takes from them what it does not mention (the focus) and how much of them it names (the
//! coverage).

use rustc_hash::FxHashMap;

use crate::analyze::{Background, BodyIndex};
use crate::report::ClaimKind;
use crate::text::{Case, Join, TokenKind};

/// How many topics a body keeps.
const MAX_TOPICS: usize = 64;

/// A salient name or term of the body.
#[derive(Clone, Debug, PartialEq)]
pub struct Topic {
    /// The match key (stem).
    pub key: String,
    /// How the body writes it ("Volodymyr Zelensky", "negotiations").
    pub text: String,
    /// `Name` or `Term`.
    pub kind: ClaimKind,
    /// How many times the body uses it.
    pub mentions: usize,
    /// The first sentence using it.
    pub first_sentence: usize,
    /// mentions × rarity, ×1.5 for names, ×1.25 when the lead uses it.
    pub salience: f64,
    /// [`prefix_code`] of the key.
    pub code: u64,
}

/// A key's first [`RELATED_PREFIX_CHARS`] bytes (all of a shorter key, with its length):
/// equal for equal keys and for [`related`] ones, so comparing codes rules most pairs out
/// with one integer comparison.
pub fn prefix_code(key: &str) -> u64 {
    let bytes = key.as_bytes();
    let n = bytes.len().min(RELATED_PREFIX_CHARS);
    let mut code = n as u64;
    for &b in &bytes[..n] {
        code = (code << 8) | u64::from(b);
    }
    code
}

/// The body's most salient words, most salient first (ties by key). Single mentions count only
/// in short bodies; a first name always followed by a surname is part of that name.
pub fn body_topics(body: &BodyIndex, background: Option<&Background>) -> Vec<Topic> {
    let tokens = body.tokens();
    let min_mentions = if body.has_body_beyond_lead() { 2 } else { 1 };
    // Candidates as (key, salience, name, key number); Topics are made for the top ones only.
    let mut candidates: Vec<(&str, f64, bool, u32)> = Vec::new();
    for (id, key, occ) in body.numbered_keys() {
        let first = occ[0] as usize;
        if tokens[first].kind != TokenKind::Word || occ.len() < min_mentions {
            continue;
        }
        let t = &tokens[first];
        // A compound's joined stem is filed at its first part, whose own key differs.
        let name = if t.key == key {
            body.is_name_of(&t.norm, id, background)
        } else {
            body.is_name(&t.norm, &t.key, background)
        } == Some(true);
        if name && is_first_name(body, occ, background) {
            continue;
        }
        let mut salience = occ.len() as f64 * body.rarity_of(id);
        if name {
            salience *= 1.5;
        }
        if body.in_lead(body.sentence_of(occ[0])) {
            salience *= 1.25;
        }
        candidates.push((key, salience, name, id));
    }
    let order = |a: &(&str, f64, bool, u32), b: &(&str, f64, bool, u32)| {
        b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0))
    };
    // Only the top ones are kept: partition them off before sorting.
    if candidates.len() > MAX_TOPICS {
        candidates.select_nth_unstable_by(MAX_TOPICS, order);
        candidates.truncate(MAX_TOPICS);
    }
    candidates.sort_by(order);
    candidates
        .into_iter()
        .map(|(key, salience, name, id)| {
            let occ = body.postings(id);
            Topic {
                code: prefix_code(key),
                key: String::from(key),
                text: if name {
                    name_display(body, occ, background)
                } else {
                    String::from(tokens[occ[0] as usize].norm.as_str())
                },
                kind: if name {
                    ClaimKind::Name
                } else {
                    ClaimKind::Term
                },
                mentions: occ.len(),
                first_sentence: body.sentence_of(occ[0]),
                salience,
            }
        })
        .collect()
}

/// Stems sharing a long prefix ("russia", "russian", "ukrain", "ukrainian"): the same thing
/// for focus purposes, and a weak match for claims.
pub fn related(a: &str, b: &str) -> bool {
    // Five equal characters need five equal bytes: a cheap first test.
    let prefix = |s: &str| -> Option<[u8; RELATED_PREFIX_CHARS]> {
        s.as_bytes().get(..RELATED_PREFIX_CHARS)?.try_into().ok()
    };
    match (prefix(a), prefix(b)) {
        (Some(x), Some(y)) if x == y => {}
        _ => return false,
    }
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let shorter = a.chars().count().min(b.chars().count());
    common >= RELATED_PREFIX_CHARS && common + 1 >= shorter
}

/// How many leading characters related stems share at least.
pub const RELATED_PREFIX_CHARS: usize = 5;

fn is_name_token(body: &BodyIndex, i: usize, background: Option<&Background>) -> bool {
    let t = &body.tokens()[i];
    t.kind == TokenKind::Word
        && matches!(t.case, Case::Title | Case::Upper)
        && body.is_name(&t.norm, &t.key, background) == Some(true)
}

/// A word that is part of a full name and nothing else: never lowercase in this body, and
/// nearly always capitalised in the background. Titles ("President") are often lowercase, so
/// they do not lengthen a displayed name.
fn is_proper_word(body: &BodyIndex, i: usize, background: Option<&Background>) -> bool {
    let t = &body.tokens()[i];
    is_name_token(body, i, background)
        && body
            .case_counts(&t.norm, &t.key)
            .is_none_or(|(lower, _)| lower == 0)
        && background
            .and_then(|b| b.capital_share(&t.norm))
            .is_none_or(|s| s >= 0.9)
}

/// A name that is always followed by another name ("Steve" in "Steve Witkoff") is shown as part
/// of that name, not on its own.
fn is_first_name(body: &BodyIndex, occ: &[u32], background: Option<&Background>) -> bool {
    let tokens = body.tokens();
    occ.iter().all(|&t| {
        let next = t as usize + 1;
        next < tokens.len()
            && tokens[next].join == Join::Space
            && body.sentence_of(next as u32) == body.sentence_of(t)
            && is_name_token(body, next, background)
    })
}

/// How the body writes a name in full: the most used run of two or more proper words ending in
/// it ("Volodymyr Zelensky"), the shorter of equally used ones, then the earliest; the word
/// alone when it never has a run.
fn name_display(body: &BodyIndex, occ: &[u32], background: Option<&Background>) -> String {
    let tokens = body.tokens();
    let mut seen: FxHashMap<&str, (usize, usize, usize)> = FxHashMap::default(); // text -> (len, count, first)
    for (n, &t) in occ.iter().enumerate() {
        let mut start = t as usize;
        while start > 0
            && tokens[start].join == Join::Space
            && body.sentence_of(start as u32 - 1) == body.sentence_of(t)
            && is_proper_word(body, start - 1, background)
            && !tokens[start - 1].possessive
            && t as usize - start < 3
        {
            start -= 1;
        }
        let text = &body.text()[tokens[start].span.start..tokens[t as usize].span.end];
        // As `trim_end_matches("'s").trim_end_matches("’s")`, without building a searcher
        // per call.
        let mut text = text;
        while let Some(rest) = text.strip_suffix("'s") {
            text = rest;
        }
        while let Some(rest) = text.strip_suffix("\u{2019}s") {
            text = rest;
        }
        let e = seen.entry(text).or_insert((t as usize - start + 1, 0, n));
        e.1 += 1;
    }
    let mut all: Vec<(&str, (usize, usize, usize))> = seen.into_iter().collect();
    // Multi-word runs first; then most used, shorter, earlier.
    all.sort_by(|a, b| {
        (b.1 .0 > 1)
            .cmp(&(a.1 .0 > 1))
            .then(b.1 .1.cmp(&a.1 .1))
            .then(a.1 .0.cmp(&b.1 .0))
            .then(a.1 .2.cmp(&b.1 .2))
    });
    all.first()
        .map(|(t, _)| (*t).to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::{Lang, LangTools};

    #[test]
    fn a_compounds_joined_stem_is_a_name_as_its_first_part_is() {
        // "alshabaab" is filed at "Al", whose own key is "al": the name test asks about "al".
        let text = "Fighters of Al-Shabaab attacked the town. Later Al-Shabaab fighters \
                    retreated. Officials said Al-Shabaab lost many men.";
        let body = BodyIndex::new(text, &LangTools::new(Lang::En), None);
        let topics = body_topics(&body, None);
        let joined = topics.iter().find(|t| t.key == "alshabaab");
        let joined = joined.expect("the joined stem is a topic");
        assert_eq!(joined.kind, ClaimKind::Name, "{topics:?}");
    }

    #[test]
    fn focus_names_what_the_headline_ignores() {
        let text = "Envoys met in Moscow. President Volodymyr Zelensky spoke in Davos. \
                    Later Zelensky criticised Europe. Zelensky said Europe must act. \
                    Envoy Steve Witkoff listened. Then Witkoff left.";
        let body = BodyIndex::new(text, &LangTools::new(Lang::En), None);
        let head = crate::analyze::Headline::new("Envoy Moscow", &LangTools::new(Lang::En), None);
        let f = crate::score::body_focus(&body_topics(&body, None), &head);
        assert_eq!(f[0].text, "Volodymyr Zelensky", "{f:?}");
        assert_eq!(f[0].mentions, 3);
        assert!(f.iter().any(|x| x.text == "Steve Witkoff"), "{f:?}");
        assert!(!f.iter().any(|x| x.text == "Steve"), "{f:?}");
        assert!(
            !f.iter().any(|x| x.text.eq_ignore_ascii_case("envoys")),
            "{f:?}"
        );
    }
}

//! Finding each claim in the body: supported, weak or unsupported, and where.

use std::borrow::Cow;

use smallvec::{smallvec, SmallVec};

use crate::analyze::{prefix_code, related, BodyIndex, ClaimKey};
use crate::report::Status;

/// One place a claim was found: the body tokens that matched, in text order, all in one
/// sentence. Most are one or two tokens, kept without a heap allocation.
pub type Occurrence = SmallVec<[u32; 4]>;

/// What the body says about one claim.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimMatch {
    /// The status.
    pub status: Status,
    /// Why, in a few words.
    pub reason: Cow<'static, str>,
    /// Each place the claim (or, when weak, the part of it) was found: the body tokens that
    /// matched, all in one sentence.
    pub occurrences: Vec<Occurrence>,
}

impl ClaimMatch {
    fn unsupported(reason: &'static str) -> Self {
        ClaimMatch {
            status: Status::Unsupported,
            reason: Cow::Borrowed(reason),
            occurrences: Vec::new(),
        }
    }

    /// Supported, unless it is a single mention outside the lead of a longer body.
    fn found(body: &BodyIndex, occurrences: Vec<Occurrence>, what: &str) -> Self {
        let first = body.sentence_of(occurrences[0][0]);
        if occurrences.len() == 1 && body.has_body_beyond_lead() && !body.in_lead(first) {
            return ClaimMatch {
                status: Status::Weak,
                reason: Cow::Owned(format!("one passing mention, in sentence {}", first + 1)),
                occurrences,
            };
        }
        let n = occurrences.len();
        let reason = match n {
            1 => Cow::Owned([what, " 1 time"].concat()),
            n => Cow::Owned([what, " ", &n.to_string(), " times"].concat()),
        };
        ClaimMatch {
            status: Status::Supported,
            reason,
            occurrences,
        }
    }

    fn weak(reason: String, occurrences: Vec<Occurrence>) -> Self {
        ClaimMatch {
            status: Status::Weak,
            reason: Cow::Owned(reason),
            occurrences,
        }
    }
}

/// Looks for a claim in the body.
pub fn match_claim(key: &ClaimKey, body: &BodyIndex) -> ClaimMatch {
    match key {
        ClaimKey::Single(k) => match_single(k, body),
        ClaimKey::Number(n) => {
            let occ = singletons(body.occurrences(n));
            if occ.is_empty() {
                ClaimMatch::unsupported("number not in the body")
            } else {
                ClaimMatch::found(body, occ, "stated")
            }
        }
        ClaimKey::Sequence { parts, joined } => {
            let mut occ = sequence_occurrences(parts, body);
            if let Some(j) = joined {
                // The index files a hyphenated compound under its first part.
                occ.extend(body.occurrences(j).iter().map(|&t| {
                    if body.tokens()[t as usize].key == *j {
                        smallvec![t]
                    } else {
                        smallvec![t, t + 1]
                    }
                }));
                occ.sort();
                occ.dedup();
            }
            if occ.is_empty() {
                partial_evidence(parts, body, "the words are never adjacent")
            } else {
                ClaimMatch::found(body, occ, "found")
            }
        }
        ClaimKey::Pair(a, b) => {
            let occ = pair_occurrences(a, b, body);
            if occ.is_empty() {
                partial_evidence(&[a.clone(), b.clone()], body, "never together")
            } else {
                ClaimMatch::found(body, occ, "together")
            }
        }
        ClaimKey::Quote { words, keys } => match_quote(words, keys, body),
    }
}

fn singletons(list: &[u32]) -> Vec<Occurrence> {
    list.iter().map(|&t| smallvec![t]).collect()
}

fn match_single(key: &str, body: &BodyIndex) -> ClaimMatch {
    let occ = body.occurrences(key);
    if !occ.is_empty() {
        return ClaimMatch::found(body, singletons(occ), "found");
    }
    match related_form(key, body) {
        Some(other) => {
            let occ = singletons(body.occurrences(&other));
            let t = occ[0][0] as usize;
            let word = &body.tokens()[t].norm;
            ClaimMatch::weak(format!("only the related form \"{word}\""), occ)
        }
        None => ClaimMatch::unsupported("not in the body"),
    }
}

/// A body word sharing a long prefix with `key` ("russia" for "russian", "ukrain" for
/// "ukrainian"): the most used one, ties broken alphabetically.
fn related_form(key: &str, body: &BodyIndex) -> Option<String> {
    if key.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // Related keys share their prefix code.
    let mut best: Option<(usize, &str)> = None;
    for (other, occ) in body.words_with_code(prefix_code(key)) {
        if !related(key, other) {
            continue;
        }
        let better = match best {
            None => true,
            Some((n, o)) => occ.len() > n || (occ.len() == n && other < o),
        };
        if better {
            best = Some((occ.len(), other));
        }
    }
    best.map(|(_, o)| o.to_string())
}

/// Places where `parts` occur as consecutive words of one sentence.
fn sequence_occurrences(parts: &[String], body: &BodyIndex) -> Vec<Occurrence> {
    let tokens = body.tokens();
    let Some(first) = parts.first() else {
        return Vec::new();
    };
    body.occurrences(first)
        .iter()
        .filter(|&&t| {
            parts.iter().enumerate().skip(1).all(|(k, p)| {
                let i = t as usize + k;
                i < tokens.len()
                    && tokens[i].key == *p
                    && body.sentence_of(i as u32) == body.sentence_of(t)
            })
        })
        .map(|&t| (t..t + parts.len() as u32).collect())
        .collect()
}

/// Places where `a` and `b` are neighbouring content words (stop words between them do not
/// count) of one sentence, in either order. Linear in the occurrences of `a`.
fn pair_occurrences(a: &str, b: &str, body: &BodyIndex) -> Vec<Occurrence> {
    let tokens = body.tokens();
    let mut out = Vec::new();
    for &ta in body.occurrences(a) {
        let sentence = &body.sentences()[body.sentence_of(ta)];
        let next = (ta as usize + 1..sentence.tokens.end).find(|&i| tokens[i].is_content());
        let prev = (sentence.tokens.start..ta as usize)
            .rev()
            .find(|&i| tokens[i].is_content());
        for n in [prev, next].into_iter().flatten() {
            if tokens[n].key == b {
                let n = n as u32;
                out.push(if ta < n { smallvec![ta, n] } else { smallvec![n, ta] });
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// For one key: each sentence using it, with the first token there, in sentence order.
fn first_per_sentence(key: &str, body: &BodyIndex) -> Vec<(usize, u32)> {
    let mut out: Vec<(usize, u32)> = Vec::new();
    for &t in body.occurrences(key) {
        let s = body.sentence_of(t);
        if out.last().is_none_or(|&(last, _)| last != s) {
            out.push((s, t));
        }
    }
    out
}

/// A multi-word claim not found whole: weak when all its words share a sentence or some of them
/// occur, unsupported when none does.
fn partial_evidence(parts: &[String], body: &BodyIndex, apart: &str) -> ClaimMatch {
    // Sentences holding every part, with the first token of each part there (none when a part
    // is missing, the common case).
    let mut per_sentence: Vec<(usize, Occurrence)> = Vec::new();
    let all_occur = parts.iter().all(|p| !body.occurrences(p).is_empty());
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
        let n = per_sentence.len();
        let occ = per_sentence.into_iter().map(|(_, h)| h).collect();
        let times = if n == 1 {
            "once".to_string()
        } else {
            format!("{n} times")
        };
        return ClaimMatch::weak(
            format!("{apart}; all its words share a sentence {times}"),
            occ,
        );
    }
    let found: Vec<&String> = parts
        .iter()
        .filter(|p| !body.occurrences(p).is_empty())
        .collect();
    if found.is_empty() {
        return ClaimMatch::unsupported("none of its words is in the body");
    }
    let occ: Vec<Occurrence> = found
        .iter()
        .flat_map(|p| singletons(body.occurrences(p)))
        .collect();
    let mut occ = occ;
    occ.sort();
    let names: Vec<String> = found
        .iter()
        .map(|p| {
            format!(
                "\"{}\"",
                body.tokens()[body.occurrences(p)[0] as usize].norm
            )
        })
        .collect();
    if found.len() == parts.len() {
        return ClaimMatch::weak(
            format!("its words {} are never in one sentence", names.join(", ")),
            occ,
        );
    }
    ClaimMatch::weak(format!("only {} found", names.join(", ")), occ)
}

fn match_quote(words: &[String], keys: &[String], body: &BodyIndex) -> ClaimMatch {
    let tokens = body.tokens();
    let mut occ = Vec::new();
    if let Some(first) = words.first() {
        for start in 0..tokens.len().saturating_sub(words.len() - 1) {
            let end = start + words.len() - 1;
            if tokens[start].norm == *first
                && body.sentence_of(start as u32) == body.sentence_of(end as u32)
                && words
                    .iter()
                    .enumerate()
                    .all(|(k, w)| tokens[start + k].norm == *w)
            {
                occ.push((start as u32..=end as u32).collect());
            }
        }
    }
    if !occ.is_empty() {
        return ClaimMatch::found(body, occ, "quoted word for word");
    }
    // Paraphrase: most of the quote's content words in one sentence.
    let mut per_sentence: std::collections::BTreeMap<usize, Vec<u32>> = Default::default();
    for k in keys {
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
        Some((n, mut hits)) if n * 10 >= keys.len() * 6 => {
            hits.sort_unstable();
            ClaimMatch::weak(
                format!(
                    "not word for word; {n} of {} words in one sentence",
                    keys.len()
                ),
                vec![hits.into()],
            )
        }
        _ => ClaimMatch::unsupported("the quoted words are not in the body together"),
    }
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
        assert!(m.reason.contains("russia"), "{}", m.reason);
        assert_eq!(
            match_claim(&key1("donbass"), &b).status,
            Status::Unsupported
        );
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
        let m = match_claim(&key1("donbass"), &body(text));
        assert_eq!(m.status, Status::Weak);
        assert!(m.reason.contains("passing"));
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

//! The body focus (what the body is about that the headline does not mention) and the
//! coverage (how much of what the body is about the headline names).

use crate::analyze::{related, Headline, Topic};
use crate::report::Focus;

use super::round3;

/// How many focus items a report lists.
pub const FOCUS_ITEMS: usize = 8;

/// How many of the body's top topics the coverage looks at.
pub const COVERAGE_TOPICS: usize = 20;

/// Whether the headline names a topic, by stem or related form.
fn mentioned(topic: &Topic, headline: &Headline) -> bool {
    // Equal and related keys share their prefix code: most topics stop here. (A headline has
    // a handful of codes: a scan of them beats a binary search.)
    if !headline.key_codes.contains(&topic.code) {
        return false;
    }
    let keys = &headline.content_keys;
    keys.binary_search_by(|k| k.as_str().cmp(&topic.key))
        .is_ok()
        || keys.iter().any(|h| related(h, &topic.key))
}

/// The body's most salient topics that the headline does not mention, by stem or related form,
/// with salience relative to the first.
pub fn body_focus(topics: &[Topic], headline: &Headline) -> Vec<Focus> {
    let items: Vec<&Topic> = topics
        .iter()
        .filter(|t| !mentioned(t, headline))
        .take(FOCUS_ITEMS)
        .collect();
    let top = items.first().map_or(1.0, |t| t.salience);
    items
        .into_iter()
        .map(|t| Focus {
            text: t.text.clone(),
            kind: t.kind,
            mentions: t.mentions,
            first_sentence: t.first_sentence,
            salience: round3(t.salience / top),
        })
        .collect()
}

/// The salience-weighted share of the body's top [`COVERAGE_TOPICS`] topics that the headline
/// mentions, in [0, 1]; 0 for a body without topics.
pub fn coverage(topics: &[Topic], headline: &Headline) -> f64 {
    let top = &topics[..topics.len().min(COVERAGE_TOPICS)];
    let total: f64 = top.iter().map(|t| t.salience).sum();
    if total <= 0.0 {
        return 0.0;
    }
    top.iter()
        .filter(|t| mentioned(t, headline))
        .map(|t| t.salience)
        .sum::<f64>()
        / total
}

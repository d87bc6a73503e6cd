//! Words never counted as a headline's claims: section labels ("EXCLUSIVE", "LIVE",
//! "Opinion"), the outlet's own name. They are blanked out of the headline before it is
//! analysed, so they are neither supported nor unsupported claims, and the report still shows
//! the headline as written.

use unicode_segmentation::UnicodeSegmentation;

/// Words and phrases to leave out of headlines, matched whole-word and ignoring case.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IgnoreList {
    /// Each entry's words, lowercased; longest entries first, so that a phrase wins over a
    /// word inside it.
    phrases: Vec<Vec<String>>,
}

impl IgnoreList {
    /// A list from entries such as `EXCLUSIVE` or `The Harbour Gazette`; entries without
    /// words are left out.
    pub fn new<S: AsRef<str>>(entries: impl IntoIterator<Item = S>) -> Self {
        let mut phrases: Vec<Vec<String>> = entries
            .into_iter()
            .map(|e| words(e.as_ref()).map(|(_, w)| w.to_lowercase()).collect())
            .filter(|p: &Vec<String>| !p.is_empty())
            .collect();
        phrases.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        phrases.dedup();
        IgnoreList { phrases }
    }

    /// Whether the list has no entries.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// `headline` with every listed word or phrase replaced by spaces (so the byte offsets of
    /// everything else stay put), or `None` when none occurs in it.
    pub fn mask(&self, headline: &str) -> Option<String> {
        if self.phrases.is_empty() {
            return None;
        }
        let found: Vec<(usize, &str)> = words(headline).collect();
        let mut out: Option<String> = None;
        let mut i = 0;
        while i < found.len() {
            // The phrase and how many bytes of a possessive `'s` follow it.
            let matched = self.phrases.iter().find_map(|p| {
                if p.len() > found.len() - i {
                    return None;
                }
                let (body, last) = p.split_at(p.len() - 1);
                let words_match = body
                    .iter()
                    .zip(&found[i..])
                    .all(|(want, (_, got))| got.to_lowercase() == *want);
                let got = found[i + p.len() - 1].1.to_lowercase();
                let suffix = ["", "'s", "\u{2019}s"]
                    .into_iter()
                    .find(|s| got.strip_suffix(s) == Some(last[0].as_str()))?;
                words_match.then_some((p, suffix.len()))
            });
            match matched {
                Some((p, suffix)) => {
                    let start = found[i].0;
                    let (last_at, last) = found[i + p.len() - 1];
                    let end = last_at + last.len() - suffix;
                    let text = out.get_or_insert_with(|| headline.to_string());
                    text.replace_range(start..end, &" ".repeat(end - start));
                    i += p.len();
                }
                None => i += 1,
            }
        }
        out
    }
}

/// The words of `text` (segments holding a letter or digit) with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_words_and_phrases_are_blanked_whole_word_ignoring_case() {
        let list = IgnoreList::new(["EXCLUSIVE", "live", "The Harbour Gazette", "  "]);
        assert_eq!(
            list.mask("Exclusive: Mayor quits, tells The harbour gazette"),
            Some("         : Mayor quits, tells                    ".to_string())
        );
        assert_eq!(list.mask("LIVE updates"), Some("     updates".into()));
        // The outlet's possessive: the name goes, the 's stays.
        assert_eq!(
            list.mask("The Harbour Gazette's poll"),
            Some("                   's poll".into())
        );
        assert_eq!(
            list.mask("The Harbour Gazette\u{2019}s poll"),
            Some("                   \u{2019}s poll".into())
        );
        // Whole words only: "lively" and "delivers" are not "live".
        assert_eq!(list.mask("A lively crowd delivers"), None);
        assert_eq!(list.mask("The Harbour reopens"), None);
        assert!(IgnoreList::new(["", "--"]).is_empty());
    }
}

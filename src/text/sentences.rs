//! Sentences and paragraphs with byte spans.

use unicode_segmentation::UnicodeSegmentation;

use super::Span;

/// One sentence: its span (trimmed of white space) and the paragraph it is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SentenceSpan {
    /// Where the sentence is.
    pub span: Span,
    /// 0-based paragraph number.
    pub paragraph: usize,
}

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: [&str; 24] = [
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep",
    "jr", "sr", "inc", "co", "corp", "ltd", "no", "vs", "approx", "dept",
];

/// Splits `text` into paragraphs (at blank lines) and each paragraph into sentences (Unicode
/// sentence boundaries, not splitting after common abbreviations or initials such as "U.S.").
pub fn sentence_spans(text: &str) -> Vec<SentenceSpan> {
    let mut out = Vec::new();
    let mut paragraph = 0;
    for (para_start, para) in paragraphs(text) {
        let before = out.len();
        let mut pending: Option<(usize, usize)> = None;
        // Line breaks inside a paragraph are wrapping, not sentence ends; a space has the same
        // length, so offsets stay valid.
        let flat = para.replace(['\n', '\r'], " ");
        for (pos, sent) in flat.split_sentence_bound_indices() {
            let start = para_start + pos;
            let end = start + sent.len();
            let (s, e) = match pending.take() {
                Some((s, _)) => (s, end),
                None => (start, end),
            };
            if ends_with_abbreviation(&text[s..e]) {
                pending = Some((s, e));
                continue;
            }
            push_trimmed(text, s, e, paragraph, &mut out);
        }
        if let Some((s, e)) = pending {
            push_trimmed(text, s, e, paragraph, &mut out);
        }
        if out.len() > before {
            paragraph += 1;
        }
    }
    out
}

fn push_trimmed(text: &str, s: usize, e: usize, paragraph: usize, out: &mut Vec<SentenceSpan>) {
    let slice = &text[s..e];
    let lead = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if trimmed.chars().any(char::is_alphanumeric) {
        let start = s + lead;
        out.push(SentenceSpan {
            span: Span::new(start, start + trimmed.len()),
            paragraph,
        });
    }
}

/// Whether a sentence candidate ends in an abbreviation or an initial, so it goes on.
fn ends_with_abbreviation(sent: &str) -> bool {
    let t = sent.trim_end();
    let Some(body) = t.strip_suffix('.') else {
        return false;
    };
    let last = body
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    let letters: Vec<char> = last.chars().filter(|c| *c != '.').collect();
    if letters.len() == 1 && letters[0].is_uppercase() {
        return true; // "J." or "U.S."'s last letter
    }
    if last.contains('.') && letters.iter().all(|c| c.is_uppercase()) && !letters.is_empty() {
        return true; // "U.S." "U.K."
    }
    let lower = last.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

/// Paragraphs: runs of lines separated by blank lines, with their start offsets.
fn paragraphs(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push((s, &text[s..end]));
            }
        } else {
            if start.is_none() {
                start = Some(pos);
            }
            end = pos + line.len();
        }
        pos += line.len();
    }
    if let Some(s) = start {
        out.push((s, &text[s..end]));
    }
    out.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(&str, usize)> {
        sentence_spans(text)
            .into_iter()
            .map(|s| (&text[s.span.start..s.span.end], s.paragraph))
            .collect()
    }

    #[test]
    fn splits_sentences_and_paragraphs() {
        let t = "First one. Second one!\n\n\nThird, in a new paragraph? Yes.\nA caption line";
        assert_eq!(
            texts(t),
            [
                ("First one.", 0),
                ("Second one!", 0),
                ("Third, in a new paragraph?", 1),
                ("Yes.", 1),
                ("A caption line", 1)
            ]
        );
    }

    #[test]
    fn abbreviations_do_not_split() {
        let t = "The U.S. envoy met Mr. Smith and J. Doe today. Then he left.";
        assert_eq!(
            texts(t),
            [("The U.S. envoy met Mr. Smith and J. Doe today.", 0), ("Then he left.", 0)]
        );
    }

    #[test]
    fn no_words_no_sentence() {
        assert!(sentence_spans("  \n\n --- \n").is_empty());
    }
}

//! Sentences and paragraphs with byte spans.

use super::Span;

/// One sentence: its span (trimmed of white space) and the paragraph it is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SentenceSpan {
    /// Where the sentence is.
    pub span: Span,
    /// 0-based paragraph number.
    pub paragraph: usize,
}

/// Where sentence-ending characters may start in a paragraph: only these bytes can start one:
/// `.`, `!`, `?`, and the first bytes of `…` (E2 80 A6), `。` (E3 80 82), `！` (EF BC 81) and
/// `？` (EF BC 9F). Two `memchr3` searches, each over every byte at most once: the next ASCII
/// stop is remembered until the scan passes it, and the three lead bytes are looked for only
/// before it.
struct EndCandidates<'a> {
    bytes: &'a [u8],
    /// The next `.`, `!` or `?` at or after the last position asked about (`None`: none).
    ascii: Option<usize>,
}

impl<'a> EndCandidates<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        EndCandidates {
            bytes,
            ascii: memchr::memchr3(b'.', b'!', b'?', bytes),
        }
    }

    /// The first candidate byte at or after `from` (which never goes back).
    fn next_from(&mut self, from: usize) -> Option<usize> {
        if from > self.bytes.len() {
            return None;
        }
        if self.ascii.is_some_and(|a| a < from) {
            self.ascii = memchr::memchr3(b'.', b'!', b'?', &self.bytes[from..]).map(|i| from + i);
        }
        let limit = self.ascii.unwrap_or(self.bytes.len());
        match memchr::memchr3(0xE2, 0xE3, 0xEF, &self.bytes[from..limit]) {
            Some(i) => Some(from + i),
            None => self.ascii,
        }
    }
}

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: [&str; 24] = [
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep",
    "jr", "sr", "inc", "co", "corp", "ltd", "no", "vs", "approx", "dept",
];

/// Splits `text` into paragraphs (at blank lines) and each paragraph into sentences: a sentence
/// ends at `.`, `!`, `?` or `…` (with any closing quotes or brackets after it) followed by white
/// space and a word that does not start in lowercase; not after common abbreviations or
/// initials such as "U.S.". Line breaks inside a paragraph are wrapping, not sentence ends.
///
/// A hand-written scanner rather than Unicode's sentence rules: those cost more than the rest of
/// the body index together, and news prose needs no more than this.
pub fn sentence_spans(text: &str) -> Vec<SentenceSpan> {
    let mut out = Vec::new();
    let mut paragraph = 0;
    for (para_start, para) in paragraphs(text) {
        let before = out.len();
        let mut start = 0;
        let bytes = para.as_bytes();
        let mut from = 0;
        let mut candidates = EndCandidates::new(bytes);
        while let Some(i) = candidates.next_from(from) {
            let Some(c) = para[i..].chars().next() else {
                break;
            };
            from = i + c.len_utf8();
            if !matches!(
                c,
                '.' | '!' | '?' | '\u{2026}' | '\u{3002}' | '\u{FF01}' | '\u{FF1F}'
            ) {
                continue;
            }
            // Take the rest of the punctuation run and any closing quotes or brackets.
            let mut end = from;
            for d in para[end..].chars() {
                if matches!(
                    d,
                    '.' | '!'
                        | '?'
                        | '\u{2026}'
                        | '"'
                        | '\''
                        | '\u{201D}'
                        | '\u{2019}'
                        | '\u{00BB}'
                        | ')'
                        | ']'
                ) {
                    end += d.len_utf8();
                } else {
                    break;
                }
            }
            from = end;
            let wide_stop = matches!(c, '\u{3002}' | '\u{FF01}' | '\u{FF1F}');
            let rest = &para[end..];
            let next = rest.trim_start().chars().next();
            let spaced = rest.starts_with(char::is_whitespace);
            let ends = match next {
                None => true,
                Some(n) => (spaced || wide_stop) && !n.is_lowercase(),
            };
            let numbered = next.is_some_and(|n| n.is_ascii_digit()); // "No. 5"
            if ends && !(c == '.' && ends_with_abbreviation(&para[start..end], numbered)) {
                push_trimmed(
                    text,
                    para_start + start,
                    para_start + end,
                    paragraph,
                    &mut out,
                );
                start = end;
            }
        }
        push_trimmed(
            text,
            para_start + start,
            para_start + para.len(),
            paragraph,
            &mut out,
        );
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
fn ends_with_abbreviation(sent: &str, before_digit: bool) -> bool {
    let t = sent.trim_end();
    let Some(body) = t.strip_suffix('.') else {
        return false;
    };
    let last = body
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    let (mut letters, mut all_upper) = (0, true);
    for c in last.chars().filter(|c| *c != '.') {
        letters += 1;
        all_upper &= c.is_uppercase();
    }
    if letters == 1 && all_upper {
        return true; // "J." or "U.S."'s last letter
    }
    if last.contains('.') && all_upper && letters > 0 {
        return true; // "U.S." "U.K."
    }
    if last.is_ascii() {
        if last.eq_ignore_ascii_case("no") {
            return before_digit;
        }
        return ABBREVIATIONS.iter().any(|a| last.eq_ignore_ascii_case(a));
    }
    let lower = last.to_lowercase();
    if lower == "no" {
        return before_digit; // "No. 5", but "the answer was no."
    }
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

    #[test]
    fn end_candidates_are_every_byte_that_can_start_a_stop() {
        let texts = [
            "",
            "No stop here",
            "U.S. officials met. \u{201c}Really?\u{201d} he asked\u{2026} Then: done!",
            "\u{4ed6}\u{8bf4}\u{3002}\u{597d}\u{ff01}\u{771f}\u{7684}\u{ff1f}",
            "caf\u{e9}\u{2019}s \u{20ac}5. \u{2014} end",
            "...!!??\u{2026}\u{2026}",
        ];
        for text in texts {
            let bytes = text.as_bytes();
            let naive: Vec<usize> = (0..bytes.len())
                .filter(|&i| matches!(bytes[i], b'.' | b'!' | b'?' | 0xE2 | 0xE3 | 0xEF))
                .collect();
            let mut found = Vec::new();
            let mut c = EndCandidates::new(bytes);
            let mut from = 0;
            while let Some(i) = c.next_from(from) {
                found.push(i);
                from = i + 1;
            }
            assert_eq!(found, naive, "{text:?}");
        }
    }

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
            [
                ("The U.S. envoy met Mr. Smith and J. Doe today.", 0),
                ("Then he left.", 0)
            ]
        );
    }

    #[test]
    fn quotes_and_lowercase_continuations() {
        let t = "He said \u{201C}it is over.\u{201D} Then left. e.g. this stays. Done?! Yes";
        assert_eq!(
            texts(t),
            [
                ("He said \u{201C}it is over.\u{201D}", 0),
                ("Then left. e.g. this stays.", 0),
                ("Done?!", 0),
                ("Yes", 0)
            ]
        );
        let t = "The answer was no. The mayor said it. See No. 5 here.";
        assert_eq!(
            texts(t),
            [
                ("The answer was no.", 0),
                ("The mayor said it.", 0),
                ("See No. 5 here.", 0)
            ]
        );
        let t = "Wrapped line\ncontinues here. Next one.";
        assert_eq!(
            texts(t),
            [("Wrapped line\ncontinues here.", 0), ("Next one.", 0)]
        );
    }

    #[test]
    fn no_words_no_sentence() {
        assert!(sentence_spans("  \n\n --- \n").is_empty());
    }
}

//! Word boundaries (Unicode UAX #29) with a fast path for ASCII.
//!
//! The tokenizer needs the word segments of a text and, between them, whether the gap is only
//! whitespace, a hyphen, or other punctuation. `unicode-segmentation` gives exactly that but
//! reads about 45 MB/s; most news text is ASCII, where the UAX #29 rules come down to a few
//! byte classes. Text is cut at ASCII whitespace (UAX #29 always breaks there, see below); an
//! ASCII piece is segmented here, any other piece by `unicode-segmentation`. A test compares
//! both on the corpus and on tricky strings.
//!
//! Whitespace: WB3a/3b break around line breaks and WB999 around spaces. The one exception,
//! WB4, attaches a following Extend/Format/ZWJ character to the space; the segment is then
//! neither a word nor pure whitespace either way, which is all the tokenizer asks of it.

use unicode_segmentation::{UWordBoundIndices, UnicodeSegmentation};

/// The word-break classes of ASCII bytes that matter inside a piece without whitespace.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A–Z, a–z (ALetter).
    Letter,
    /// 0–9 (Numeric).
    Digit,
    /// `_` (ExtendNumLet).
    Connector,
    /// `:` (MidLetter): joins letters only.
    MidLetter,
    /// `.` and `'` (MidNumLet, Single_Quote): join letters or digits.
    MidBoth,
    /// `,` and `;` (MidNum): join digits only.
    MidNum,
    /// Everything else: a segment of its own.
    Other,
}

/// Each ASCII byte's class (bytes ≥ 0x80 never reach it).
const CLASSES: [Class; 128] = {
    let mut table = [Class::Other; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = match b as u8 {
            b'A'..=b'Z' | b'a'..=b'z' => Class::Letter,
            b'0'..=b'9' => Class::Digit,
            b'_' => Class::Connector,
            b':' => Class::MidLetter,
            b'.' | b'\'' => Class::MidBoth,
            b',' | b';' => Class::MidNum,
            _ => Class::Other,
        };
        b += 1;
    }
    table
};

fn class(b: u8) -> Class {
    CLASSES[usize::from(b & 0x7f)]
}

/// The end of the word segment starting at `start` (a letter, digit or `_`) in ASCII `bytes`.
fn word_end(bytes: &[u8], start: usize) -> usize {
    let mut prev = class(bytes[start]);
    let mut i = start + 1;
    while i < bytes.len() {
        let cur = class(bytes[i]);
        match cur {
            // WB5, WB8, WB9, WB10, WB13a, WB13b.
            Class::Letter | Class::Digit | Class::Connector => {
                prev = cur;
                i += 1;
            }
            Class::MidLetter | Class::MidBoth | Class::MidNum => {
                // A middle character joins a letter or digit to the same kind after it:
                // WB6/WB7 (letter : ' . letter), WB11/WB12 (digit , ; ' . digit).
                let next = bytes.get(i + 1).map(|&b| class(b));
                let joins = match (prev, cur) {
                    (Class::Letter, Class::MidLetter | Class::MidBoth) => {
                        next == Some(Class::Letter)
                    }
                    (Class::Digit, Class::MidNum | Class::MidBoth) => next == Some(Class::Digit),
                    _ => false,
                };
                if !joins {
                    break;
                }
                // `prev` stays: the character after is of the same kind.
                i += 2;
            }
            Class::Other => break,
        }
    }
    i
}

/// What a segment is, as far as the tokenizer cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SegmentKind {
    /// It holds a letter or digit.
    Word,
    /// Whitespace only.
    Space,
    /// Anything else (punctuation, symbols).
    Other,
}

impl SegmentKind {
    /// The kind of any segment, by its characters.
    pub fn of(seg: &str) -> SegmentKind {
        if seg.chars().any(char::is_alphanumeric) {
            SegmentKind::Word
        } else if seg.chars().all(char::is_whitespace) {
            SegmentKind::Space
        } else {
            SegmentKind::Other
        }
    }
}

/// ASCII whitespace as Unicode sees it (`char::is_whitespace`, which UAX #29 breaks around):
/// tab, line feed, vertical tab, form feed, carriage return and space. (`u8::is_ascii_whitespace`
/// leaves out the vertical tab, which word processors export as a line break.)
fn is_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// Word-boundary segments of a text with their byte offsets and kinds, as
/// `UnicodeSegmentation::split_word_bound_indices` gives them, except that a run of
/// whitespace may come in other pieces (still whitespace only).
pub struct WordBounds<'a> {
    text: &'a str,
    pos: usize,
    /// The whole text is ASCII: no pieces needed.
    ascii: bool,
    /// A non-ASCII piece being segmented by `unicode-segmentation`, and its offset.
    unicode: Option<(usize, UWordBoundIndices<'a>)>,
    /// Where the current ASCII piece ends.
    piece_end: usize,
}

/// The word-boundary segments of `text`.
pub fn word_bounds(text: &str) -> WordBounds<'_> {
    WordBounds {
        text,
        pos: 0,
        ascii: text.is_ascii(),
        unicode: None,
        piece_end: 0,
    }
}

/// The end and kind of the ASCII segment at `start` in `bytes` (a piece without whitespace, or
/// ending at whitespace).
fn ascii_segment_at(bytes: &[u8], start: usize) -> (usize, SegmentKind) {
    match class(bytes[start]) {
        Class::Letter | Class::Digit => (word_end(bytes, start), SegmentKind::Word),
        Class::Connector => {
            let stop = word_end(bytes, start);
            let word = bytes[start..stop].iter().any(u8::is_ascii_alphanumeric);
            (
                stop,
                if word {
                    SegmentKind::Word
                } else {
                    SegmentKind::Other
                },
            )
        }
        _ => (start + 1, SegmentKind::Other),
    }
}

impl<'a> WordBounds<'a> {
    /// The ASCII segment at `start`, in bytes up to `end`.
    fn ascii_segment(&mut self, start: usize, end: usize) -> (usize, &'a str, SegmentKind) {
        let (stop, kind) = ascii_segment_at(&self.text.as_bytes()[..end], start);
        self.pos = stop;
        (start, &self.text[start..stop], kind)
    }
}

/// Calls `f` with each segment [`word_bounds`] gives, in order: the same segments, without an
/// iterator's bookkeeping between them (the tokenizer's inner loop).
pub fn for_each_segment<'a>(text: &'a str, mut f: impl FnMut(usize, &'a str, SegmentKind)) {
    let bytes = text.as_bytes();
    let ascii = text.is_ascii();
    let mut i = 0;
    while i < bytes.len() {
        if is_space(bytes[i]) {
            let start = i;
            i += 1;
            while i < bytes.len() && is_space(bytes[i]) {
                i += 1;
            }
            f(start, &text[start..i], SegmentKind::Space);
            continue;
        }
        // A piece: up to the next whitespace.
        let end = if ascii {
            bytes.len()
        } else {
            let end = bytes[i..]
                .iter()
                .position(|&b| is_space(b))
                .map_or(bytes.len(), |n| i + n);
            if !bytes[i..end].is_ascii() {
                for (k, seg) in text[i..end].split_word_bound_indices() {
                    f(i + k, seg, SegmentKind::of(seg));
                }
                i = end;
                continue;
            }
            end
        };
        let piece = &bytes[..end];
        while i < end && !is_space(bytes[i]) {
            let (stop, kind) = ascii_segment_at(piece, i);
            f(i, &text[i..stop], kind);
            i = stop;
        }
    }
}

impl<'a> Iterator for WordBounds<'a> {
    type Item = (usize, &'a str, SegmentKind);

    fn next(&mut self) -> Option<Self::Item> {
        if let Some((offset, iter)) = &mut self.unicode {
            if let Some((i, seg)) = iter.next() {
                return Some((*offset + i, seg, SegmentKind::of(seg)));
            }
            self.unicode = None;
        }
        let bytes = self.text.as_bytes();
        let start = self.pos;
        if start >= bytes.len() {
            return None;
        }
        if is_space(bytes[start]) {
            let end = bytes[start..]
                .iter()
                .position(|&b| !is_space(b))
                .map_or(bytes.len(), |n| start + n);
            self.pos = end;
            return Some((start, &self.text[start..end], SegmentKind::Space));
        }
        if self.ascii {
            return Some(self.ascii_segment(start, bytes.len()));
        }
        if start >= self.piece_end {
            // A new piece: up to the next ASCII whitespace.
            let end = bytes[start..]
                .iter()
                .position(|&b| is_space(b))
                .map_or(bytes.len(), |n| start + n);
            self.piece_end = end;
            if !bytes[start..end].is_ascii() {
                self.pos = end;
                let mut iter = self.text[start..end].split_word_bound_indices();
                let first = iter.next();
                self.unicode = Some((start, iter));
                return first.map(|(i, seg)| (start + i, seg, SegmentKind::of(seg)));
            }
        }
        Some(self.ascii_segment(start, self.piece_end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the tokenizer sees: each word segment with its offset and how it joins the one
    /// before (the same rules as `tokenize_into`: a hyphen right after a word, only
    /// whitespace, or other punctuation).
    fn shape<'a>(segs: impl Iterator<Item = (usize, &'a str)>) -> Vec<(usize, String, char)> {
        let mut out = Vec::new();
        let (mut last_end, mut hyphen, mut space) = (None, false, true);
        for (pos, seg) in segs {
            if !seg.chars().any(char::is_alphanumeric) {
                if matches!(seg, "-" | "\u{2010}" | "\u{2011}") && last_end == Some(pos) {
                    hyphen = true;
                } else {
                    space &= seg.chars().all(char::is_whitespace);
                    hyphen = false;
                }
                continue;
            }
            let join = match (hyphen, space) {
                (true, true) => '-',
                (false, true) => ' ',
                _ => '.',
            };
            out.push((pos, seg.to_string(), join));
            (last_end, hyphen, space) = (Some(pos + seg.len()), false, true);
        }
        out
    }

    pub(crate) fn same_as_unicode(text: &str) {
        for (_, seg, kind) in word_bounds(text) {
            assert_eq!(kind, SegmentKind::of(seg), "{seg:?} in {text:?}");
        }
        let mut each = Vec::new();
        for_each_segment(text, |i, seg, kind| each.push((i, seg, kind)));
        assert_eq!(
            each,
            word_bounds(text).collect::<Vec<_>>(),
            "for_each_segment and word_bounds differ on {text:?}"
        );
        assert_eq!(
            shape(word_bounds(text).map(|(i, s, _)| (i, s))),
            shape(text.split_word_bound_indices()),
            "{text:?}"
        );
    }

    #[test]
    fn matches_uax29_on_tricky_ascii() {
        for text in [
            "Putin's peace-keeping plan: 5,000 troops",
            "U.S. officials said e.g. a.b.c. and 3.5% or 1,2,3 or 1,,2",
            "can't won't rock'n'roll 'quoted' it's.",
            "a:b 1:2 x_y _lead trail_ __init__ 5bn $5.2m 22nd covid-19",
            "end. Next\r\nline\ttab  two spaces\u{a0}nbsp",
            "vertical\u{b}tab and form\u{c}feed",
            "1.2.3 a.1 1.a a'1 1'2 3;4 a;b ... -- '' \"q\"",
            "",
            " ",
            "x",
            ".",
        ] {
            same_as_unicode(text);
        }
    }

    #[test]
    fn matches_uax29_with_non_ascii() {
        for text in [
            "Zelensky’s “peace” café naïve — Ukraine’s 5 000 €",
            "Straße, Grüße; l’État d’Italia",
            "日本語のテキスト and ASCII",
            "e\u{301}clair a\u{200d}b \u{301}x",
            "emoji 👍🏽 flags 🇺🇦 mixed",
        ] {
            same_as_unicode(text);
        }
    }

    #[test]
    fn matches_uax29_on_the_corpus() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/articles");
        let mut n = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            same_as_unicode(&text);
            n += 1;
        }
        assert!(n > 20);
    }

    /// 3.7 MB of real news text (other people's, read from ../shared, never copied).
    #[test]
    fn matches_uax29_on_the_fnc1_bodies() {
        let path = crate::eval::fnc1::data_dir().join("train_bodies.csv");
        let Ok(bodies) = crate::eval::fnc1::load_bodies(&path) else {
            assert!(
                std::env::var_os("HEADCHECK_REQUIRE_DATA").is_none_or(|v| v != "1"),
                "{} is required (HEADCHECK_REQUIRE_DATA=1)",
                path.display()
            );
            eprintln!("SKIPPED: {} not found", path.display());
            return;
        };
        for body in bodies.values() {
            same_as_unicode(body);
        }
    }
}

//! Word boundaries (Unicode UAX #29) with a fast path for Latin-script text.
//!
//! The tokenizer needs the word segments of a text and, between them, whether the gap is only
//! whitespace, a hyphen, or other punctuation. `unicode-segmentation` gives exactly that but
//! reads about 45 MB/s; most news text is Latin script, where the UAX #29 rules come down to a
//! few character classes. Text is cut at ASCII whitespace (UAX #29 always breaks there, see
//! below); an ASCII piece, or a short one (≤ 256 bytes) made only of ASCII, Latin letters
//! (U+00C0–U+024F) and the curly apostrophes, is segmented here, any other piece by
//! `unicode-segmentation`. Tests compare both on the
//! corpus, on all FNC-1 bodies and on tricky strings.
//!
//! Whitespace: WB3a/3b break around line breaks and WB999 around spaces. The one exception,
//! WB4, attaches a following Extend/Format/ZWJ character to the space; the segment is then
//! neither a word nor pure whitespace either way, which is all the tokenizer asks of it.

use smallvec::SmallVec;
use unicode_segmentation::UnicodeSegmentation;

/// The word-break classes that matter inside a piece without whitespace.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A–Z, a–z and Latin letters (ALetter).
    Letter,
    /// 0–9 (Numeric).
    Digit,
    /// `_` (ExtendNumLet).
    Connector,
    /// `:` (MidLetter): joins letters only.
    MidLetter,
    /// `.`, `'`, `‘` and `’` (MidNumLet, Single_Quote): join letters or digits.
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

/// The class of a character the fast path knows: ASCII, the Latin letters of Latin-1
/// Supplement and Latin Extended-A/B (all ALetter, a test checks each against
/// `unicode-segmentation`), and `‘` `’` (MidNumLet). `None` sends the piece to
/// `unicode-segmentation`.
fn char_class(c: char) -> Option<Class> {
    match c {
        '\0'..='\u{7f}' => Some(class(c as u8)),
        '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{24F}' => Some(Class::Letter),
        '\u{2018}' | '\u{2019}' => Some(Class::MidBoth),
        _ => None,
    }
}

/// The end of the word segment starting at `start` (a letter, digit or `_`) among `n`
/// characters whose classes `class_at` gives.
fn word_end(n: usize, class_at: impl Fn(usize) -> Class, start: usize) -> usize {
    let mut prev = class_at(start);
    let mut i = start + 1;
    while i < n {
        let cur = class_at(i);
        match cur {
            // WB5, WB8, WB9, WB10, WB13a, WB13b.
            Class::Letter | Class::Digit | Class::Connector => {
                prev = cur;
                i += 1;
            }
            Class::MidLetter | Class::MidBoth | Class::MidNum => {
                // A middle character joins a letter or digit to the same kind after it:
                // WB6/WB7 (letter : ' . letter), WB11/WB12 (digit , ; ' . digit).
                let next = (i + 1 < n).then(|| class_at(i + 1));
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

/// The end and kind of the segment starting at character `start` of `n`.
fn segment_at(n: usize, class_at: impl Fn(usize) -> Class, start: usize) -> (usize, SegmentKind) {
    match class_at(start) {
        Class::Letter | Class::Digit => (word_end(n, &class_at, start), SegmentKind::Word),
        Class::Connector => {
            let stop = word_end(n, &class_at, start);
            let word = (start..stop).any(|i| matches!(class_at(i), Class::Letter | Class::Digit));
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

/// Calls `f` with each word-boundary segment of `text`, its byte offset and its kind, in order:
/// the segments of `UnicodeSegmentation::split_word_bound_indices`, except that a run of
/// whitespace may come in other pieces (still whitespace only).
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
                latin_piece(text, i, end, &mut f);
                i = end;
                continue;
            }
            end
        };
        let class_at = |k: usize| class(bytes[k]);
        while i < end && !is_space(bytes[i]) {
            let (stop, kind) = segment_at(end, class_at, i);
            f(i, &text[i..stop], kind);
            i = stop;
        }
    }
}

/// Pieces longer than this (bytes) always go to `unicode-segmentation`, which streams them: the
/// fast path holds a class per character.
const LATIN_PIECE_MAX: usize = 256;

/// Segments the piece `text[start..end]` (no ASCII whitespace, not all ASCII): here when it is
/// short and all its characters have a [`char_class`], else by `unicode-segmentation`.
fn latin_piece<'a>(
    text: &'a str,
    start: usize,
    end: usize,
    f: &mut impl FnMut(usize, &'a str, SegmentKind),
) {
    let piece = &text[start..end];
    let mut chars: SmallVec<[(usize, Class); 32]> = SmallVec::new();
    let classes = piece
        .char_indices()
        .map(|(k, c)| Some((start + k, char_class(c)?)));
    let known = piece.len() <= LATIN_PIECE_MAX
        && classes
            .map(|c| c.map(|c| chars.push(c)))
            .collect::<Option<()>>()
            .is_some();
    if !known {
        for (k, seg) in piece.split_word_bound_indices() {
            f(start + k, seg, SegmentKind::of(seg));
        }
        return;
    }
    let n = chars.len();
    let offset = |i: usize| if i < n { chars[i].0 } else { end };
    let mut i = 0;
    while i < n {
        let (stop, kind) = segment_at(n, |k| chars[k].1, i);
        f(offset(i), &text[offset(i)..offset(stop)], kind);
        i = stop;
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

    fn segments(text: &str) -> Vec<(usize, &str, SegmentKind)> {
        let mut out = Vec::new();
        for_each_segment(text, |i, seg, kind| out.push((i, seg, kind)));
        out
    }

    pub(crate) fn same_as_unicode(text: &str) {
        let segs = segments(text);
        for &(_, seg, kind) in &segs {
            assert_eq!(kind, SegmentKind::of(seg), "{seg:?} in {text:?}");
        }
        let mut next = 0;
        for &(i, seg, _) in &segs {
            assert_eq!(i, next, "segments cover {text:?} in order");
            next = i + seg.len();
        }
        assert_eq!(next, text.len(), "segments cover {text:?}");
        assert_eq!(
            shape(segs.iter().map(|&(i, s, _)| (i, s))),
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
    fn latin_letters_are_aletter() {
        for c in ('\u{C0}'..='\u{24F}').filter(|&c| char_class(c) == Some(Class::Letter)) {
            for text in [
                format!("a{c}b"),
                format!("{c}"),
                format!("1{c}2"),
                format!("x{c}\u{2019}{c}y {c}.{c} {c}:{c} {c}_1"),
            ] {
                same_as_unicode(&text);
            }
        }
        let long = "é".repeat(LATIN_PIECE_MAX) + ",a’b";
        for text in [
            long.as_str(),
            "don\u{2019}t l\u{2018}x 1\u{2019}000 a\u{2019} \u{2019}a \u{2018}\u{2019}",
            "Händlervereinigung bemängelt. Kundinnen, Straße; ça-va élève’s",
            "ĳ ǅ ǲ ȿ ɏ ß ÿ Ø ø × ÷ ª º µ",
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

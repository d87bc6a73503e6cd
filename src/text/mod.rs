//! Text handling: normalising words, tokens with byte spans, sentences and paragraphs, stance
//! cue words.

mod cues;
mod normalize;
mod segment;
mod sentences;
mod tokenize;

pub use cues::{cue_of, Cue, Cues};
pub use normalize::{
    is_currency, is_number_unit, normalize_number, normalize_word, quoted_spans, scale_of, scaled,
};
pub use segment::{for_each_segment, SegmentKind};
pub use sentences::{sentence_spans, SentenceSpan};
pub use tokenize::{
    is_shouting, tokenize, tokenize_into, Case, Join, StemCache, Token, TokenKind, MAX_WORD_BYTES,
};

use serde::Serialize;

/// A byte range `[start, end)` into a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
}

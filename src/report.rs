//! The report model: one serde data model that every output format renders.

use std::borrow::Cow;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// What the checker concluded about a headline, from best to worst.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The body supports the headline's weighty claims.
    Consistent,
    /// On topic, but weighty claims are not supported by the body.
    Partial,
    /// On topic, and the body denies one of the headline's claims (shown as a `contradicted`
    /// claim with the denying sentence).
    Contradicted,
    /// The headline and the body are about different things.
    Unrelated,
}

impl Verdict {
    /// Every verdict, from best to worst (the order `--fail-on` uses).
    pub const ALL: [Verdict; 4] = [
        Verdict::Consistent,
        Verdict::Partial,
        Verdict::Contradicted,
        Verdict::Unrelated,
    ];

    /// Its lowercase name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Consistent => "consistent",
            Verdict::Partial => "partial",
            Verdict::Contradicted => "contradicted",
            Verdict::Unrelated => "unrelated",
        }
    }
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of claim a piece of the headline is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    /// A content word ("negotiations").
    Term,
    /// Adjacent content words that must occur together ("Russian citizens").
    Phrase,
    /// A proper noun, possibly several words ("Steve Witkoff").
    Name,
    /// A number, date or amount ("5,000").
    Number,
    /// Text inside quotation marks.
    Quote,
}

impl ClaimKind {
    /// Its lowercase name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Term => "term",
            ClaimKind::Phrase => "phrase",
            ClaimKind::Name => "name",
            ClaimKind::Number => "number",
            ClaimKind::Quote => "quote",
        }
    }
}

/// How well the body supports a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Found, and more than in passing.
    Supported,
    /// Only a related form, only part of a multi-word claim, or a single passing mention.
    Weak,
    /// Stated in other words: a synonym, a derived word, a member of the group, what it
    /// causes (`Claim::paraphrase` says which). Never a name or a number.
    Paraphrase,
    /// Absent from the body.
    Unsupported,
    /// The body denies it where it first mentions it ("denied reports that … cancelling",
    /// "claims that … are false"); the evidence is the denying sentence.
    Contradicted,
}

impl Status {
    /// Its lowercase name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Supported => "supported",
            Status::Weak => "weak",
            Status::Paraphrase => "paraphrase",
            Status::Unsupported => "unsupported",
            Status::Contradicted => "contradicted",
        }
    }

    /// The share of a claim's weight that counts towards the score.
    pub fn credit(self) -> f64 {
        match self {
            Status::Supported => 1.0,
            Status::Weak => 0.5,
            // Other words can say the same thing, or nearly: between a stated claim and a
            // weak one, a design choice until the verdict is fitted.
            Status::Paraphrase => 0.75,
            Status::Unsupported | Status::Contradicted => 0.0,
        }
    }
}

/// A body sentence that supports a claim.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// 0-based sentence number in the body.
    pub sentence: usize,
    /// 0-based paragraph number.
    pub paragraph: usize,
    /// The sentence, exactly as written.
    pub text: String,
    /// Byte offset of the sentence in the body.
    pub start: usize,
    /// Byte offset just past the sentence.
    pub end: usize,
    /// Byte ranges `[start, end]` in the body of the words that matched the claim.
    pub matched: Vec<[usize; 2]>,
}

/// One claim of the headline and what the body says about it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// As written in the headline (shared with the prepared headline's claim).
    pub text: Arc<str>,
    /// What kind of claim.
    pub kind: ClaimKind,
    /// How much it matters, in [0, 1]: rarer words and names weigh more.
    pub weight: f64,
    /// Whether the body supports it.
    pub status: Status,
    /// Why the status is what it is, in a few words.
    pub reason: Cow<'static, str>,
    /// How many times the body states it.
    pub mentions: usize,
    /// The first sentence that states it, if any.
    pub first_sentence: Option<usize>,
    /// The best supporting sentence first; empty when unsupported.
    pub evidence: Vec<Evidence>,
    /// A multi-word unit led by a negation ("not guilty"): unless the body states it whole, the
    /// headline is partial. Only present (true) on such claims.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub negated: bool,
    /// When the body states it in other words: the body's word and how it relates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paraphrase: Option<ParaphraseMatch>,
    /// For a multi-word name the body does not name: the words of it the body never uses
    /// ("Kerry" of "Kerry Rivers").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    /// For a multi-word name or number the body does not state: what the body states instead
    /// ("Joan Rivers"; "37").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instead: Option<String>,
    /// For a word of a two-word phrase claim: the phrase's place in the report's claims (it
    /// comes first, and renderers show the word under it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<usize>,
}

/// How the body states a claim in other words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParaphraseMatch {
    /// The body's word (or words), as written at its first use in the evidence.
    pub word: String,
    /// How it relates to the headline's.
    pub relation: crate::analyze::Relation,
}

/// What the body is about that the headline does not mention.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Focus {
    /// The name or word, as the body writes it.
    pub text: String,
    /// `name` or `term`.
    pub kind: ClaimKind,
    /// How many times the body uses it.
    pub mentions: usize,
    /// The first sentence using it.
    pub first_sentence: usize,
    /// How central it is to the body, relative to the most central item (1.0).
    pub salience: f64,
}

/// How many claims got each status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Supported claims.
    pub supported: usize,
    /// Weakly supported claims.
    pub weak: usize,
    /// Claims stated in other words.
    #[serde(default)]
    pub paraphrase: usize,
    /// Unsupported claims.
    pub unsupported: usize,
    /// Claims the body denies.
    #[serde(default)]
    pub contradicted: usize,
}

impl Counts {
    /// The claims per status.
    pub fn of(claims: &[Claim]) -> Counts {
        let mut counts = Counts::default();
        for c in claims {
            match c.status {
                Status::Supported => counts.supported += 1,
                Status::Weak => counts.weak += 1,
                Status::Paraphrase => counts.paraphrase += 1,
                Status::Unsupported => counts.unsupported += 1,
                Status::Contradicted => counts.contradicted += 1,
            }
        }
        counts
    }
}

/// The result of checking one article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The article's id or file, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The headline checked.
    pub headline: String,
    /// The language the article was analysed in.
    pub lang: String,
    /// The conclusion.
    pub verdict: Verdict,
    /// The probability that a person would judge the headline supported by the body, from the
    /// fitted verdict model (see README, "How the verdict is reached").
    pub score: f64,
    /// How related the headline and the body are, in [0, 1]: 0.4 × `support` + 0.3 ×
    /// `coverage` + 0.3 × `similarity`; below the model's `unrelated_below` the verdict is
    /// `unrelated`.
    #[serde(default)]
    pub relatedness: f64,
    /// The weighted share of the headline's claims the body supports, in [0, 1].
    pub support: f64,
    /// The salience-weighted share of the body's main topics the headline names, in [0, 1].
    pub coverage: f64,
    /// The square root of the cosine between the headline's and the body's word vectors
    /// (mentions × rarity), in [0, 1].
    pub similarity: f64,
    /// One sentence saying why the verdict is what it is.
    pub reason: String,
    /// Claims per status.
    pub counts: Counts,
    /// The headline's claims, in headline order.
    pub claims: Vec<Claim>,
    /// The headline's words that frame the story rather than state a fact ("EXCLUSIVE",
    /// "Shocking"): shown, not checked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub framing: Vec<String>,
    /// The body's most salient names and terms that the headline does not mention.
    pub focus: Vec<Focus>,
    /// Number of sentences in the body.
    pub sentences: usize,
    /// The body's stance toward the headline, when the language has a stance model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stance: Option<crate::stance::StanceReport>,
    /// The stance model's input, for training (not written out).
    #[serde(skip)]
    pub features: Option<crate::stance::Features>,
}

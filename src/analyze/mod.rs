//! Analysis of each side: the body index (built once per body) and the headline's claims.

mod background;
mod body;
mod headline;
mod paraphrase;
mod topics;

pub use background::{rarity, Background};
pub use body::{BodyIndex, Sentence, LEAD_SENTENCES};
pub(crate) use headline::{claims_against, extract_claims_with, trim_possessive};
pub use headline::{
    extract_claims, ClaimKey, ClaimSpec, Headline, HeadlineAnalysis, KeyFact, OtherWords,
    QuoteAnchor,
};
pub use paraphrase::{Paraphrase, Paraphrases, Relation};
pub use topics::{body_topics, prefix_code, related, Topic, RELATED_PREFIX_CHARS};

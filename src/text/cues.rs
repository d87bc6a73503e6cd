//! Stance cue words (English): refutation, hedging and attribution, confirmation. The tokenizer
//! marks each word's cue; [`crate::stance`] counts them near a headline's claims.

use super::{Token, TokenKind};

/// What a cue word signals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Cue {
    /// The claim is disputed: hoax, fake, false, deny, debunk, …
    Refute,
    /// The claim is reported, not asserted: reportedly, allegedly, claims, according (to), …
    Hedge,
    /// The claim is asserted as fact: confirmed, officially, announced, …
    Confirm,
}

/// The cue a lowercased English word is, if any. Negations (not, no, never, n't) are counted
/// apart, from the tokenizer's [`TokenKind::Negation`].
pub fn cue_of(word: &str) -> Option<Cue> {
    Some(match word {
        "hoax" | "hoaxes" | "fake" | "fakes" | "faked" | "false" | "falsely" | "deny"
        | "denies" | "denied" | "denying" | "denial" | "debunk" | "debunks" | "debunked"
        | "debunking" | "untrue" | "fabricated" | "fabrication" | "bogus" | "myth" | "refute"
        | "refutes" | "refuted" | "dismiss" | "dismissed" | "dismisses" | "reject" | "rejected"
        | "rejects" | "satire" | "satirical" | "prank" | "misleading" | "doctored"
        | "photoshopped" | "baseless" | "lie" | "lies" | "lied" | "fraud" | "scam" | "nonsense"
        | "retract" | "retracted" | "retraction" | "incorrect" | "wrong" | "unfounded"
        | "spoof" | "parody" | "fiction" | "fictional" | "invented" | "disputes" | "disputed"
        | "contradicts" | "contradicted" => Cue::Refute,
        "reportedly" | "allegedly" | "alleged" | "alleges" | "claim" | "claims" | "claimed"
        | "claiming" | "according" | "unconfirmed" | "unverified" | "rumor" | "rumors"
        | "rumour" | "rumours" | "rumored" | "rumoured" | "apparently" | "purportedly"
        | "purported" | "supposedly" | "speculation" | "speculated" | "possibly" | "may"
        | "might" | "could" | "suggests" | "suggested" | "appears" | "appeared" | "seems"
        | "believed" | "reports" | "reported" | "report" | "sources" | "unclear" | "uncertain"
        | "unknown" => Cue::Hedge,
        "confirmed" | "confirms" | "confirm" | "confirmation" | "officially" | "announced"
        | "announces" | "revealed" | "proved" | "proven" | "verified" | "indeed" | "true"
        | "genuine" | "authentic" | "admitted" | "admits" => Cue::Confirm,
        _ => return None,
    })
}

/// Cue counts over some tokens (a sentence, a headline, a set of sentences).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cues {
    /// Refutation words.
    pub refute: u32,
    /// Hedging and attribution words.
    pub hedge: u32,
    /// Confirmation words.
    pub confirm: u32,
    /// Negations.
    pub negation: u32,
    /// Sentences (or headlines) ending in a question mark.
    pub questions: u32,
}

impl Cues {
    /// The cues of `tokens` (as the tokenizer marked them: English words only; `question` when
    /// the text asks).
    pub fn of(tokens: &[Token], question: bool) -> Cues {
        let mut cues = Cues {
            questions: u32::from(question),
            ..Cues::default()
        };
        for t in tokens {
            if t.kind == TokenKind::Negation {
                cues.negation += 1;
                continue;
            }
            match t.cue {
                Some(Cue::Refute) => cues.refute += 1,
                Some(Cue::Hedge) => cues.hedge += 1,
                Some(Cue::Confirm) => cues.confirm += 1,
                None => {}
            }
        }
        cues
    }

    /// Adds `other`'s counts.
    pub fn add(&mut self, other: &Cues) {
        self.refute += other.refute;
        self.hedge += other.hedge;
        self.confirm += other.confirm;
        self.negation += other.negation;
        self.questions += other.questions;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;
    use crate::{Lang, LangTools};

    #[test]
    fn cues_of_a_sentence() {
        let tools = LangTools::new(Lang::En);
        let text = "Officials denied the report, which was reportedly not true at all?";
        let cues = Cues::of(&tokenize(text, 0, &tools, false), text.ends_with('?'));
        assert_eq!(
            cues,
            Cues {
                refute: 1,
                hedge: 2,
                confirm: 1,
                negation: 1,
                questions: 1
            }
        );
        let mut sum = cues;
        sum.add(&cues);
        assert_eq!(sum.hedge, 4);
        assert_eq!(cue_of("Hoax"), None, "cue words are looked up lowercased");
    }
}

//! headcheck: is a news headline supported by its article body?
//!
//! The headline is broken into claims (terms, multi-word units, names, numbers, quoted spans);
//! each is looked for in an index of the body and gets a status (`supported`, `weak`,
//! `unsupported`), a weight and the body sentence that supports it. From these come a score in
//! [0, 1], a verdict, and the names and terms the body is really about that the headline ignores.
//!
//! ```
//! use headcheck::{Article, Checker, Lang, Verdict};
//!
//! let checker = Checker::new(Lang::En);
//! let article = Article::new(
//!     "Harbour Council Approves New Ferry Route to Castle Island",
//!     "The harbour council approved a new ferry route on Tuesday. The route links the \
//!      harbour with Castle Island twice a day. Council members said the ferry route \
//!      would start in May.",
//! );
//! let report = checker.check(&article);
//! assert_eq!(report.verdict, Verdict::Consistent);
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod analyze;
mod article;
pub mod batch;
pub mod config;
mod error;
pub mod eval;
pub mod findings;
mod ignore;
pub mod input;
mod lang;
pub mod render;
mod report;
pub mod score;
pub mod stance;
pub mod text;

pub use analyze::{Background, BodyIndex, Headline, HeadlineAnalysis};
pub use article::Article;
pub use config::{Config, FailOn};
pub use error::Error;
pub use ignore::IgnoreList;
pub use lang::{FunctionWord, Lang, LangTools};
pub use report::{
    Claim, ClaimKind, Counts, Evidence, Focus, ParaphraseMatch, Report, Status, Verdict,
};

use std::borrow::Cow;

use analyze::ClaimSpec;
use analyze::Paraphrases;
use score::{
    body_focus, check_name_parts, claim_weight, coverage, decide, denial_of, match_claim_with,
    match_other_words, number_instead, round3, wants_other_words, Places, Reason, VerdictModel,
};
use stance::{Cues, Model, StanceReport};

/// Checks headlines against bodies in one language. Cheap to build; the background table is
/// loaded once per process.
pub struct Checker {
    tools: LangTools,
    background: Option<&'static Background>,
    stance: Option<&'static Model>,
    paraphrases: Option<&'static Paraphrases>,
    verdict: &'static VerdictModel,
    ignore: IgnoreList,
}

/// How much of a report to compute.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Detail {
    /// Everything: each claim's evidence sentences and the body's focus.
    #[default]
    Full,
    /// The verdict, scores and claims, without evidence sentences, the claims' reasons (left
    /// empty) and focus, which leave the verdict and scores unchanged: for outputs that show
    /// none of them.
    Verdict,
    /// As [`Detail::Verdict`], and without the sentence saying why (left empty).
    Scores,
}

/// Every stage of one check, for `headcheck explain`.
pub struct Trace {
    /// The headline's tokens.
    pub headline: Headline,
    /// Its names and claims, as the body decided them.
    pub analysis: HeadlineAnalysis,
    /// The report.
    pub report: Report,
    /// Per `learned_*` feature (agree, disagree, discuss): the stance model's learned cue words
    /// the body uses, heaviest first (empty without a model).
    pub learned_words: [Vec<(String, f64)>; 3],
    /// The verdict model that decided.
    pub verdict: &'static VerdictModel,
}

impl Checker {
    /// A checker for `lang`, with the shipped background table when there is one.
    pub fn new(lang: Lang) -> Self {
        Checker {
            tools: LangTools::new(lang),
            background: Background::for_lang(lang),
            stance: Model::for_lang(lang),
            paraphrases: Paraphrases::for_lang(lang),
            verdict: VerdictModel::builtin(),
            ignore: IgnoreList::default(),
        }
    }

    /// The same checker leaving these words and phrases out of every headline (section labels,
    /// the outlet's name): they count as neither supported nor unsupported claims.
    pub fn with_ignore(mut self, ignore: IgnoreList) -> Self {
        self.ignore = ignore;
        self
    }

    /// The same checker with another stance model (`None`: no stance in reports).
    pub fn with_stance_model(mut self, model: Option<&'static Model>) -> Self {
        self.stance = model;
        self
    }

    /// The same checker with another verdict model.
    pub fn with_verdict_model(mut self, model: &'static VerdictModel) -> Self {
        self.verdict = model;
        self
    }

    /// The verdict model in use.
    pub fn verdict_model(&self) -> &'static VerdictModel {
        self.verdict
    }

    /// The stance model in use, if any.
    pub fn stance_model(&self) -> Option<&'static Model> {
        self.stance
    }

    /// The language it checks.
    pub fn lang(&self) -> Lang {
        self.tools.lang
    }

    /// The background table in use, if any.
    pub fn background(&self) -> Option<&'static Background> {
        self.background
    }

    /// Indexes a body once, to check any number of headlines against it.
    pub fn index_body(&self, body: &str) -> BodyIndex {
        BodyIndex::new(body, &self.tools, self.background)
    }

    /// Checks one article.
    pub fn check(&self, article: &Article) -> Report {
        self.check_article(article, Detail::Full)
    }

    /// [`Checker::check`] with the report's detail chosen (see [`Checker::check_with`]).
    pub fn check_article(&self, article: &Article, detail: Detail) -> Report {
        let body = self.index_body(&article.body);
        let mut report = self.check_with(&self.prepare_headline(&article.headline), &body, detail);
        report.id.clone_from(&article.id);
        report
    }

    /// Tokenises a headline once, to check it against any number of bodies.
    pub fn prepare_headline(&self, headline: &str) -> Headline {
        match self.ignore.mask(headline) {
            // A headline made only of ignore words is checked as written: there is nothing
            // else to check.
            Some(masked) if masked.chars().any(char::is_alphanumeric) => {
                let mut prepared = Headline::new(&masked, &self.tools, self.background);
                prepared.text = headline.to_string();
                prepared
            }
            _ => Headline::new(headline, &self.tools, self.background),
        }
    }

    /// Checks a headline against an indexed body.
    pub fn check_indexed(&self, headline: &str, body: &BodyIndex) -> Report {
        self.check_prepared(&self.prepare_headline(headline), body)
    }

    /// Checks a prepared headline against an indexed body.
    pub fn check_prepared(&self, headline: &Headline, body: &BodyIndex) -> Report {
        self.check_with(headline, body, Detail::Full)
    }

    /// [`Checker::check_prepared`] with the report's detail chosen: outputs that show neither
    /// evidence sentences nor the body's focus need not compute them.
    pub fn check_with(&self, headline: &Headline, body: &BodyIndex, detail: Detail) -> Report {
        let facts = headline.key_facts(body);
        let claims = analyze::claims_against(headline, &self.tools, body, &facts);
        self.report(headline, &claims, body, detail, facts)
    }

    /// Checks a headline against an indexed body, keeping every stage.
    pub fn trace(&self, headline: &str, body: &BodyIndex) -> Trace {
        let headline = self.prepare_headline(headline);
        let facts = headline.key_facts(body);
        let analysis = analyze::extract_claims_with(&headline, &self.tools, body, &facts);
        let report = self.report(&headline, &analysis.claims, body, Detail::Full, facts);
        let learned_words = self
            .stance
            .map(|m| [0, 1, 2].map(|i| m.learned_words(body, i)))
            .unwrap_or_default();
        Trace {
            headline,
            analysis,
            report,
            learned_words,
            verdict: self.verdict,
        }
    }

    fn report(
        &self,
        headline: &Headline,
        specs: &[ClaimSpec],
        body: &BodyIndex,
        detail: Detail,
        facts: Vec<analyze::KeyFact>,
    ) -> Report {
        let full = detail == Detail::Full;
        // Evidence picking and the stance both read it.
        let overlap = if full || self.stance.is_some() {
            sentence_overlap(&facts, body)
        } else {
            Vec::new()
        };
        // The sentences holding a supported or weak claim, for the stance cues near them.
        let mut near: Vec<u32> = Vec::new();
        // Per claim: a phrase the body writes word after word, in its order.
        let mut attested: Vec<bool> = Vec::with_capacity(specs.len());
        // Per claim: the body's word denying it, if the body denies it. Not for a headline
        // that itself negates, refutes, hedges or asks ("Is Durex Planning …?"): it asserts
        // nothing a body's denial could contradict.
        let mut denied: Vec<Option<Reason>> = Vec::with_capacity(specs.len());
        let headline_denies = headline.text.trim_end().ends_with('?')
            || headline.tokens.iter().any(|t| {
                t.kind == text::TokenKind::Negation
                    || matches!(t.cue, Some(text::Cue::Refute | text::Cue::Hedge))
            });
        // A body that denies or refutes anything anywhere is debunking: its plain mentions of
        // a negated claim's word are the claim it debunks, not a contradiction of the headline.
        // Looked at only for a negated claim (rare), not for every pair.
        let body_refutes = || body.tokens().iter().any(|t| score::is_denial_word(&t.norm));
        let claims: Vec<Claim> = specs
            .iter()
            .map(|spec| {
                let mut m = match_claim_with(spec, &facts, body);
                if let Some(lexicon) = self.paraphrases.filter(|_| wants_other_words(&m)) {
                    if let Some(other) = match_other_words(spec, headline, lexicon, body) {
                        m = other;
                    }
                }
                let mut m = check_name_parts(spec, headline, m, body);
                // A number the body does not state: the one it states in its place, if any
                // (a match in another currency has said so already).
                if spec.kind == ClaimKind::Number
                    && m.status == Status::Unsupported
                    && !matches!(m.reason, Reason::OtherNumber(_))
                {
                    if let Some(amount) = number_instead(spec, headline, body) {
                        m.reason = Reason::OtherNumber(amount);
                    }
                }
                attested.push(match &spec.key {
                    analyze::ClaimKey::Pair(first, _) if m.status == Status::Supported => {
                        m.occurrences.iter().any(|o| {
                            o.len() == 2
                                && o[1] == o[0] + 1
                                && body.tokens()[o[0] as usize].key == *first
                        })
                    }
                    _ => false,
                });
                denied.push(match spec.kind {
                    ClaimKind::Term | ClaimKind::Phrase
                        if !headline_denies && !spec.negated && m.status != Status::Unsupported =>
                    {
                        denial_of(&m.occurrences, body).map(Reason::Denied)
                    }
                    // "not guilty" over a body that says "guilty" in a sentence with no
                    // negation, refutation or hedge in it (not "rumoured to be making").
                    ClaimKind::Phrase
                        if spec.negated && m.status == Status::Weak && !body_refutes() =>
                    {
                        m.occurrences
                            .iter()
                            .map(|o| o[0])
                            .find(|&t| {
                                let i = body.sentence_of(t);
                                let plain = body.tokens()[body.sentences()[i].tokens.clone()]
                                    .iter()
                                    .all(|w| {
                                        w.kind != text::TokenKind::Negation
                                            && !score::is_denial_word(&w.norm)
                                    });
                                plain && body.sentence_cues(i).hedge == 0
                            })
                            .map(Reason::Unnegated)
                    }
                    _ => None,
                });
                let (missing, instead) = match &m.reason {
                    Reason::NameParts { missing, instead } => (missing.clone(), instead.clone()),
                    Reason::OtherNumber(amount) => (Vec::new(), Some(amount.clone())),
                    _ => (Vec::new(), None),
                };
                let paraphrase = match m.reason {
                    Reason::OtherWords {
                        relation,
                        token,
                        last,
                    } if full => Some(ParaphraseMatch {
                        word: body.text()[body.tokens()[token as usize].span.start
                            ..body.tokens()[last as usize].span.end]
                            .to_string(),
                        relation,
                    }),
                    _ => None,
                };
                let weight = round3(claim_weight(spec, headline, &facts, body, self.background));
                if self.stance.is_some() && m.status != Status::Unsupported {
                    near.extend(m.occurrences.iter().map(|o| body.sentence_of(o[0]) as u32));
                }
                let evidence = if full {
                    pick_evidence(&m.occurrences, body, &overlap)
                } else {
                    Vec::new()
                };
                Claim {
                    text: spec.text.clone(),
                    kind: spec.kind,
                    weight,
                    status: m.status,
                    reason: if full {
                        m.reason.text(body)
                    } else {
                        Cow::Borrowed("")
                    },
                    mentions: m.occurrences.len(),
                    first_sentence: m.occurrences.first_token().map(|t| body.sentence_of(t)),
                    evidence,
                    negated: spec.negated,
                    paraphrase,
                    missing,
                    instead,
                    part_of: None,
                }
            })
            .collect();
        let (claims, denied) = units_only(specs, claims, &attested, &denied);
        let coverage = coverage(body.topics(), headline);
        let similarity = score::similarity(headline, &facts, body, self.background);
        let explain = detail != Detail::Scores;
        let support = score::support(&claims);
        let relatedness = self.verdict.relatedness(support, coverage, similarity);
        let mut counts = Counts::of(&claims);
        let mut features = None;
        // The stance reads the claims as matched, before any denial is marked: the denial is
        // evidence the verdict shows, the stance's cues its own reading of the same words.
        let stance = self.stance.map(|model| {
            let mut measures = stance_measures(
                headline,
                body,
                &facts,
                &claims,
                &counts,
                &overlap,
                [relatedness, support, coverage, similarity],
                near,
            );
            measures.learned = model.learned(body);
            let f = measures.features();
            let prediction = model.predict(&f, explain);
            features = Some(f);
            StanceReport::new(&prediction)
        });
        let mut claims = claims;
        for (claim, denial) in claims.iter_mut().zip(&denied) {
            if let Some(reason) = denial {
                claim.status = Status::Contradicted;
                if full {
                    claim.reason = reason.text(body);
                }
            }
        }
        counts = Counts::of(&claims);
        let decision = decide(
            self.verdict,
            &claims,
            // As the report states them, so that the model reads what its fitting rows (made
            // from reports) and `explain` read.
            round3(coverage),
            round3(similarity),
            relatedness,
            stance.as_ref(),
            explain,
        );
        let support = score::support(&claims);
        let focus = if full {
            body_focus(body.topics(), headline)
        } else {
            Vec::new()
        };
        Report {
            id: None,
            headline: headline.text.clone(),
            lang: self.tools.lang.code().to_string(),
            verdict: decision.verdict,
            score: round3(decision.score),
            relatedness: round3(relatedness),
            support: round3(support),
            coverage: round3(coverage),
            similarity: round3(similarity),
            reason: decision.reason,
            counts,
            claims,
            framing: headline
                .tokens
                .iter()
                .zip(&headline.framing)
                .filter(|(_, &f)| f)
                .map(|(t, _)| headline.text[t.span.start..t.span.end].to_string())
                .collect(),
            focus,
            sentences: body.sentences().len(),
            stance,
            features,
        }
    }
}

/// The claims less the two-word phrases that are no unit: a phrase stays when the body writes
/// its two words one after the other, in the headline's order (`attested`, per claim: so they
/// are attested as a unit) or when a negation leads it ("not
/// guilty", which the verdict needs whole). The words of a phrase that stays point at it
/// (`part_of`) and follow it.
fn units_only(
    specs: &[ClaimSpec],
    claims: Vec<Claim>,
    attested: &[bool],
    denied: &[Option<Reason>],
) -> (Vec<Claim>, Vec<Option<Reason>>) {
    let keep: Vec<bool> = claims
        .iter()
        .zip(attested)
        .map(|(c, &attested)| c.kind != ClaimKind::Phrase || c.negated || attested)
        .collect();
    let mut order: Vec<usize> = (0..claims.len()).filter(|&i| keep[i]).collect();
    // A phrase before the words it is made of.
    order.sort_by_key(|&i| (specs[i].span.start, std::cmp::Reverse(specs[i].span.end)));
    let mut slots: Vec<Option<Claim>> = claims.into_iter().map(Some).collect();
    let mut out: Vec<Claim> = Vec::with_capacity(order.len());
    let mut out_denied: Vec<Option<Reason>> = Vec::with_capacity(order.len());
    let mut phrase: Option<(usize, text::Span)> = None;
    for i in order {
        let Some(mut claim) = slots[i].take() else {
            continue;
        };
        let span = specs[i].span;
        if claim.kind == ClaimKind::Phrase {
            phrase = Some((out.len(), span));
        } else if let Some((at, p)) = phrase {
            if span.start >= p.start && span.end <= p.end {
                claim.part_of = Some(at);
            }
        }
        out.push(claim);
        out_denied.push(denied[i].clone());
    }
    (out, out_denied)
}

/// What the stance model reads of one pair: the report's figures and claims, the headline's
/// overlap ([`sentence_overlap`]) with the best sentence and the lead, and the cues of the body,
/// of the sentences holding its claims (`near`, sentence numbers in any order) and of the
/// headline.
#[allow(clippy::too_many_arguments)]
fn stance_measures(
    headline: &Headline,
    body: &BodyIndex,
    facts: &[analyze::KeyFact],
    claims: &[Claim],
    counts: &Counts,
    overlap: &[f64],
    [score, support, coverage, similarity]: [f64; 4],
    mut near: Vec<u32>,
) -> stance::Measures {
    let total: f64 = facts.iter().map(|f| f.rarity).sum();
    let share = |x: f64| if total > 0.0 { x / total } else { 0.0 };
    let best = overlap.iter().copied().fold(0.0, f64::max);
    let best_sentence = overlap.iter().position(|&o| o == best && o > 0.0);
    let lead = overlap.iter().take(2).copied().fold(0.0, f64::max);
    near.sort_unstable();
    near.dedup();
    let mut near_cues = Cues::default();
    for &s in &near {
        near_cues.add(&body.sentence_cues(s as usize));
    }
    let (body_cues, lead_cues) = body.cues();
    let phrases = claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Phrase)
        .count();
    let count = |kind: ClaimKind, status: Status| {
        claims
            .iter()
            .filter(|c| c.kind == kind && c.status == status)
            .count()
    };
    stance::Measures {
        score,
        support,
        coverage,
        similarity,
        claims: claims.len(),
        supported: counts.supported,
        weak: counts.weak,
        unsupported_names: count(ClaimKind::Name, Status::Unsupported),
        unsupported_numbers: count(ClaimKind::Number, Status::Unsupported),
        supported_numbers: count(ClaimKind::Number, Status::Supported),
        best_sentence: share(best),
        lead: share(lead),
        sentences: body.sentences().len(),
        body_cues,
        near_cues,
        near_sentences: near.len(),
        headline_cues: headline.cues,
        found_rarity: facts
            .iter()
            .filter(|f| f.id.is_some())
            .map(|f| f.rarity)
            .sum(),
        headline_keys: facts.len(),
        supported_names: count(ClaimKind::Name, Status::Supported),
        supported_phrases: if phrases == 0 {
            0.0
        } else {
            count(ClaimKind::Phrase, Status::Supported) as f64 / phrases as f64
        },
        lead_cues,
        best_cues: best_sentence.map_or_else(Cues::default, |s| body.sentence_cues(s)),
        learned: [0.0; 3],
    }
}

/// Per body sentence: the summed rarity of the headline's distinct content keys it contains
/// (from the check's key facts). The sentence sharing most with the headline is the best
/// evidence for any claim in it.
fn sentence_overlap(facts: &[analyze::KeyFact], body: &BodyIndex) -> Vec<f64> {
    let mut overlap = vec![0.0; body.sentences().len()];
    for f in facts {
        let Some(id) = f.id else { continue };
        let mut last = usize::MAX;
        for &t in body.postings(id) {
            let s = body.sentence_of(t);
            if s != last {
                overlap[s] += f.rarity;
                last = s;
            }
        }
    }
    overlap
}

/// The best sentence among a claim's occurrences (most overlap with the headline, then
/// earliest), and the first mention when that is another sentence.
fn pick_evidence(occurrences: &Places, body: &BodyIndex, overlap: &[f64]) -> Vec<Evidence> {
    let Some(first) = occurrences.first_token() else {
        return Vec::new();
    };
    let first_s = body.sentence_of(first);
    let mut best = first_s;
    for o in occurrences.iter() {
        let s = body.sentence_of(o[0]);
        if overlap[s] > overlap[best] {
            best = s;
        }
    }
    let mut out = vec![evidence(best, occurrences, body)];
    if first_s != best {
        out.push(evidence(first_s, occurrences, body));
    }
    out
}

fn evidence(sentence: usize, occurrences: &Places, body: &BodyIndex) -> Evidence {
    let s = &body.sentences()[sentence];
    let tokens = body.tokens();
    let mut matched: Vec<[usize; 2]> = occurrences
        .iter()
        .filter(|o| body.sentence_of(o[0]) == sentence)
        .flat_map(|o| o.iter().map(|&t| tokens[t as usize].span))
        .map(|sp| [sp.start, sp.end])
        .collect();
    matched.sort_unstable();
    matched.dedup();
    Evidence {
        sentence,
        paragraph: s.paragraph,
        text: body.sentence_text(sentence).to_string(),
        start: s.span.start,
        end: s.span.end,
        matched,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_denied_claim_is_contradicted_with_the_denying_sentence() {
        let checker = Checker::new(Lang::En);
        let article = Article::new(
            "Singer Mara Quill cancels her autumn tour",
            "Representatives for Mara Quill have denied reports that the singer is cancelling her autumn tour. \
             Quill will play twelve cities, her manager said. Tickets for the tour sold out in May.",
        );
        let report = checker.check(&article);
        assert_eq!(report.verdict, Verdict::Contradicted, "{}", report.reason);
        let cancels = report
            .claims
            .iter()
            .find(|c| &*c.text == "cancels")
            .unwrap();
        assert_eq!(cancels.status, Status::Contradicted);
        assert!(cancels.reason.contains("\"denied\""), "{}", cancels.reason);
        assert!(
            cancels.evidence[0].text.contains("have denied reports"),
            "{:?}",
            cancels.evidence
        );
        assert!(
            report.reason.starts_with("the body contradicts")
                && report.reason.contains("\"cancels\""),
            "{}",
            report.reason
        );
        // Every claim first mentioned inside the denied clause is marked, but not a name.
        assert!(report.counts.contradicted >= 1);
        assert_eq!(claim(&report, "Mara Quill").status, Status::Supported);
        // A denial the body itself negates, or a headline that reports the denial, is no
        // contradiction.
        for (headline, body) in [
            ("Singer Mara Quill cancels her autumn tour", "Mara Quill did not deny that she is cancelling her autumn tour. The singer will rest."),
            ("Mara Quill denies cancelling her autumn tour", article.body.as_str()),
        ] {
            let report = checker.check(&Article::new(headline, body));
            assert!(report.claims.iter().all(|c| c.status != Status::Contradicted), "{headline}: {:?}", report.claims);
            assert_ne!(report.verdict, Verdict::Contradicted, "{headline}");
        }
    }

    #[test]
    fn a_denial_contradicts_the_event_not_the_names_or_the_attribution() {
        let body = "North Korea has denied reports that Kim Jong-un will open a restaurant in \
                    Scotland, officials said. Officials in Pyongyang called the story false.";
        let report = check(
            "North Korea's Kim Jong-un to open restaurant in Scotland, officials say",
            body,
        );
        assert_eq!(report.verdict, Verdict::Contradicted, "{}", report.reason);
        assert_eq!(claim(&report, "restaurant").status, Status::Contradicted);
        for name in ["Kim Jong-un", "Scotland", "say"] {
            let c = claim(&report, name);
            assert_ne!(c.status, Status::Contradicted, "{name}: {c:?}");
        }
        // A question asserts nothing for the body to deny.
        let report = check("Is Kim Jong-un opening a restaurant in Scotland?", body);
        assert!(
            report
                .claims
                .iter()
                .all(|c| c.status != Status::Contradicted),
            "{:?}",
            report.claims
        );
        assert_ne!(report.verdict, Verdict::Contradicted, "{}", report.reason);
    }

    #[test]
    fn a_negation_the_body_states_plainly_is_contradicted_a_stated_one_is_not() {
        let checker = Checker::new(Lang::En);
        let headline = "Jury finds Smith not guilty of fraud";
        let against = Article::new(
            headline,
            "A jury found John Smith guilty of fraud on Friday. Smith will appeal the fraud verdict.",
        );
        let report = checker.check(&against);
        assert_eq!(report.verdict, Verdict::Contradicted, "{}", report.reason);
        assert!(
            report.reason.contains("contradicts \"not guilty\""),
            "{}",
            report.reason
        );
        let not_guilty = claim(&report, "not guilty");
        assert_eq!(not_guilty.status, Status::Contradicted);
        assert!(
            not_guilty.reason.contains("\"guilty\""),
            "{}",
            not_guilty.reason
        );
        assert!(
            not_guilty.evidence[0].text.starts_with("A jury found"),
            "{:?}",
            not_guilty.evidence
        );
        // A body that says "guilty" only where it negates or refutes something is no
        // contradiction: the claim is left unstated.
        let hedged = Article::new(
            headline,
            "Smith said he was never guilty of fraud. The jury has not yet reached a verdict on Smith.",
        );
        let report = checker.check(&hedged);
        assert_ne!(report.verdict, Verdict::Contradicted, "{}", report.reason);
        let with = Article::new(
            headline,
            "A jury finds John Smith not guilty of fraud. Smith thanked the jury after the fraud trial.",
        );
        let report = checker.check(&with);
        assert_eq!(report.verdict, Verdict::Consistent, "{}", report.reason);
    }

    fn check(headline: &str, body: &str) -> Report {
        Checker::new(Lang::En).check(&Article::new(headline, body))
    }

    fn claim<'r>(report: &'r Report, text: &str) -> &'r Claim {
        let found = report.claims.iter().find(|c| &*c.text == text);
        found.unwrap_or_else(|| panic!("no claim {text:?} in {:?}", report.claims))
    }

    #[test]
    fn newsroom_wording_is_supported_in_other_words() {
        let report = check(
            "Cops arrest man after bank robbery in Leeds",
            "Police arrested a man on Friday after a bank in central Leeds was robbed. Officers \
             said the man was detained near the station an hour after the robbery.",
        );
        let cops = claim(&report, "Cops");
        assert_eq!(cops.status, Status::Paraphrase, "{}", cops.reason);
        let via = cops.paraphrase.as_ref().expect("the body's word");
        assert_eq!(via.word, "Police");
        assert_eq!(via.relation, analyze::Relation::Member);
        assert_eq!(cops.evidence[0].sentence, 0);
        assert_eq!(report.verdict, Verdict::Consistent, "{}", report.reason);

        let report = check(
            "Chancellor says schools will get £2.1bn more next year",
            "The chancellor said on Monday that schools in England would receive an extra \
             £2.1 billion next year. Head teachers welcomed the money.",
        );
        let says = claim(&report, "says");
        assert_eq!(says.status, Status::Supported, "{}", says.reason);
        assert!(says.reason.contains("\"said\""), "{}", says.reason);
        assert_eq!(claim(&report, "£2.1bn").status, Status::Supported);
        assert_eq!(report.verdict, Verdict::Consistent, "{}", report.reason);
    }

    #[test]
    fn a_paraphrase_never_supports_a_name_or_a_number() {
        // The UK is a member of the EU, but "EU" does not state "UK".
        let report = check(
            "UK leaders meet in Brussels",
            "EU leaders met in Brussels on Monday. The leaders meet again in March in Brussels.",
        );
        let uk = claim(&report, "UK");
        assert_eq!(uk.status, Status::Unsupported, "{}", uk.reason);
        assert!(uk.paraphrase.is_none());
        // As a term, "comic" is stated by "comedian".
        let report = check("Comic wins award", "The comedian won the award on Sunday.");
        assert_eq!(claim(&report, "Comic").status, Status::Paraphrase);
        let report = check("Storm leaves three dead", "The storm left 3 people dead.");
        assert_eq!(claim(&report, "three").status, Status::Supported);
    }

    #[test]
    fn a_swapped_first_name_is_unsupported_and_says_whom_the_body_names() {
        let report = check(
            "Kerry Rivers dies at 81",
            "Joan Rivers, the comedian and television host, has died in New York at the age of \
             81. Rivers had been in hospital since last week. Her daughter said Rivers died \
             peacefully.",
        );
        let name = claim(&report, "Kerry Rivers");
        assert_eq!(name.status, Status::Unsupported, "{}", name.reason);
        assert_eq!(name.missing, ["Kerry"]);
        assert_eq!(name.instead.as_deref(), Some("Joan Rivers"));
        assert!(
            name.reason.contains("names \"Joan Rivers\""),
            "{}",
            name.reason
        );
        assert_eq!(report.verdict, Verdict::Partial);
        assert!(
            report.reason.contains("\"Kerry\" (of \"Kerry Rivers\")"),
            "{}",
            report.reason
        );
        // The right name is supported.
        let report = check(
            "Joan Rivers dies at 81",
            "Joan Rivers, the comedian, has died at the age of 81. Rivers died peacefully.",
        );
        assert_eq!(claim(&report, "Joan Rivers").status, Status::Supported);
    }

    #[test]
    fn a_wrong_number_says_what_the_body_states() {
        let report = check(
            "Factory to cut 120 jobs in Derby",
            "The factory in Derby will cut 37 jobs next year, the company said. The 37 jobs are \
             in packing.",
        );
        let number = claim(&report, "120");
        assert_eq!(number.status, Status::Unsupported);
        assert_eq!(number.instead.as_deref(), Some("37"));
        assert!(number.reason.contains("\"37\""), "{}", number.reason);
        assert_eq!(report.verdict, Verdict::Partial);
        // Shorthand and words for the same amount match.
        let report = check(
            "Council Approves $12 Million Seawall Repair",
            "The council voted to spend $12 million repairing the seawall. The seawall repair \
             starts in spring.",
        );
        let amount = claim(&report, "$12 Million");
        assert_eq!(amount.kind, ClaimKind::Number);
        assert_eq!(amount.status, Status::Supported, "{}", amount.reason);
        assert!(!report.claims.iter().any(|c| &*c.text == "Million"));
        let report = check(
            "Seville swelters at 44C",
            "Seville reached 44 degrees Celsius.",
        );
        assert_eq!(claim(&report, "44C").status, Status::Supported);
        // The currency is part of the amount; none in the body (or in words) is no conflict.
        let body = "Schools will get an extra £2.1 billion next year, the chancellor said.";
        let report = check("Schools to get $2.1bn next year", body);
        let amount = claim(&report, "$2.1bn");
        assert_eq!(amount.status, Status::Unsupported, "{}", amount.reason);
        assert_eq!(amount.instead.as_deref(), Some("£2.1 billion"));
        for (headline, text) in [
            ("Schools to get £2.1bn next year", "£2.1bn"),
            ("Schools to get 2.1bn next year", "2.1bn"),
        ] {
            let report = check(headline, body);
            assert_eq!(claim(&report, text).status, Status::Supported, "{headline}");
        }
        let report = check(
            "Fares to rise 15% in April",
            "Fares will rise by 9 per cent in April. The 9 per cent rise was agreed.",
        );
        assert_eq!(claim(&report, "15%").instead.as_deref(), Some("9 per cent"));
    }

    #[test]
    fn framing_words_are_shown_not_checked() {
        let report = check(
            "EXCLUSIVE: Shocking video shows harbour crane collapse",
            "A video filmed on Tuesday shows the harbour crane collapse. Nobody was hurt when \
             the harbour crane fell.",
        );
        assert_eq!(report.framing, ["EXCLUSIVE", "Shocking"]);
        assert!(!report
            .claims
            .iter()
            .any(|c| c.text.contains("EXCLUSIVE") || c.text.contains("Shocking")));
        assert_eq!(report.verdict, Verdict::Consistent, "{}", report.reason);
    }

    #[test]
    fn phrases_are_units_the_body_attests_with_their_words_under_them() {
        let report = check(
            "Council Approves Seawall Repair",
            "The council voted for the seawall repair on Tuesday. The repair of the seawall \
             starts in spring.",
        );
        let texts: Vec<&str> = report.claims.iter().map(|c| &*c.text).collect();
        assert!(!texts.contains(&"Council Approves"), "{texts:?}");
        assert!(!texts.contains(&"Approves Seawall"), "{texts:?}");
        let at = texts.iter().position(|t| *t == "Seawall Repair");
        let at = at.expect("the body writes the phrase");
        assert_eq!(report.claims[at + 1].part_of, Some(at));
        assert_eq!(report.claims[at + 2].part_of, Some(at));
        assert_eq!(&*report.claims[at + 1].text, "Seawall");
    }
}

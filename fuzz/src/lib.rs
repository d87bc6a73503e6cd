//! What every fuzz target shares: the checkers, built once, and the invariants a report, an
//! article and a batch must keep whatever the input (issue 19).

#![forbid(unsafe_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use headcheck::batch::{self, Event, Options, Outcome, Record, Source};
use headcheck::{Article, Checker, Detail, Lang, Report};

/// The languages the checker target draws from (by the input's first byte).
pub const LANGS: [Lang; 4] = [Lang::En, Lang::De, Lang::Ru, Lang::Ar];

/// The checker for `lang`, built on first use.
pub fn checker(lang: Lang) -> &'static Checker {
    static CHECKERS: OnceLock<Vec<(Lang, Checker)>> = OnceLock::new();
    let all = CHECKERS.get_or_init(|| LANGS.iter().map(|&l| (l, Checker::new(l))).collect());
    all.iter()
        .find(|(l, _)| *l == lang)
        .map_or_else(|| &all[0].1, |(_, c)| c)
}

/// Asserts what holds of every report of `headline` over `body`: scores in [0, 1], evidence
/// offsets on char boundaries of the body with `body[start..end] == text`, matched words
/// inside their sentence, the same verdict and scores at every detail level, and the same
/// report when the body is checked again.
pub fn check_pair(checker: &Checker, headline: &str, body: &str) -> Report {
    let prepared = checker.prepare_headline(headline);
    let index = checker.index_body(body);
    let full = checker.check_with(&prepared, &index, Detail::Full);
    assert_report(&full, body);
    let scores = checker.check_with(&prepared, &index, Detail::Scores);
    assert_eq!(full.verdict, scores.verdict, "verdict by detail");
    assert_eq!(
        full.score.to_bits(),
        scores.score.to_bits(),
        "score by detail"
    );
    let again = checker.check_with(&prepared, &checker.index_body(body), Detail::Full);
    assert_eq!(full, again, "the same pair checked twice");
    full
}

/// The report invariants of [`check_pair`] for one report of `body`.
pub fn assert_report(report: &Report, body: &str) {
    for (name, x) in [
        ("score", report.score),
        ("relatedness", report.relatedness),
        ("support", report.support),
        ("coverage", report.coverage),
        ("similarity", report.similarity),
    ] {
        assert!((0.0..=1.0).contains(&x), "{name} {x} outside [0, 1]");
    }
    for claim in &report.claims {
        assert!(
            (0.0..=1.0).contains(&claim.weight),
            "weight {}",
            claim.weight
        );
        for e in &claim.evidence {
            assert!(
                e.start <= e.end && e.end <= body.len(),
                "{}..{}",
                e.start,
                e.end
            );
            assert!(body.is_char_boundary(e.start) && body.is_char_boundary(e.end));
            assert_eq!(&body[e.start..e.end], e.text, "evidence text");
            for &[s, t] in &e.matched {
                assert!(e.start <= s && s <= t && t <= e.end, "matched {s}..{t}");
                assert!(body.is_char_boundary(s) && body.is_char_boundary(t));
            }
        }
    }
}

/// Parses `data` as an article file named `name` (its extension picks the reader) and, when it
/// is an article, checks it with the invariants of [`check_pair`].
pub fn read_and_check(name: &str, data: &[u8]) {
    let path = Path::new(name);
    let Ok(article) = headcheck::input::parse_article(path, data, None) else {
        return;
    };
    assert_article(&article);
    check_pair(
        checker(article.lang.unwrap_or(Lang::En)),
        &article.headline,
        &article.body,
    );
}

/// What a parsed article always has: a headline within the limit, a body with a word in it.
pub fn assert_article(article: &Article) {
    assert!(
        !article.headline.trim().is_empty(),
        "empty headline accepted"
    );
    assert!(article.headline.len() <= headcheck::input::MAX_HEADLINE_BYTES);
    assert!(
        article.body.chars().any(char::is_alphanumeric),
        "empty body accepted"
    );
    assert!(headcheck::input::body_too_long(&article.body).is_none());
}

/// A file of this process's own under the temporary folder, written with `data`.
pub fn scratch_file(name: &str, data: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("headcheck-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let path = dir.join(name);
    std::fs::write(&path, data).expect("scratch file");
    path
}

/// Runs a batch over `source` and returns its records and the number of warnings, asserting
/// that lines never go backwards, checked records' scores are in [0, 1] and every error has a
/// message.
pub fn run_batch(source: Source) -> (Vec<Record>, usize) {
    let options = Options::default();
    let mut records = Vec::new();
    let mut warnings = 0;
    let _ = batch::run(&[source], &options, &|r| r, &mut |e: Event<Record>| {
        match e {
            Event::Record(r) => records.push(r),
            Event::Warning(_) => warnings += 1,
            _ => {}
        }
        Ok::<(), ()>(())
    });
    let mut last = 0;
    for r in &records {
        if let Some(line) = r.line {
            assert!(line >= last, "record of line {line} after line {last}");
            last = line;
        }
        match &r.outcome {
            Outcome::Checked(report) => {
                for x in [report.score, report.relatedness, report.support] {
                    assert!((0.0..=1.0).contains(&x), "{x} outside [0, 1]");
                }
            }
            Outcome::Failed { error, .. } => {
                assert!(!error.is_empty(), "an error without a message")
            }
        }
    }
    (records, warnings)
}

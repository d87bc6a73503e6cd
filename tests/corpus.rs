//! Golden tests over corpus/articles: every article declares its expected verdict (`expect:`)
//! and the headline words its body never mentions (`absent:`) in its own front matter. An
//! article headcheck is known to get wrong also says what it gets (`known_miss:`): the test
//! checks that exactly, so a change in either direction shows (README, "Known misses").
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

mod common;

use std::path::{Path, PathBuf};

use headcheck::{input, Checker, ClaimKind, Lang, Status, Verdict};

struct Expectation {
    verdict: Verdict,
    absent: Vec<String>,
    known_miss: Option<Verdict>,
}

fn articles() -> Vec<PathBuf> {
    let dir = common::crate_dir().join("corpus").join("articles");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus/articles exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files
}

fn expectation(path: &Path) -> Expectation {
    let text = std::fs::read_to_string(path).expect("readable");
    let front = text
        .strip_prefix("---\n")
        .and_then(|t| t.split_once("\n---\n"))
        .map(|(f, _)| f)
        .unwrap_or_else(|| panic!("{}: no front matter", path.display()));
    let value: serde_json::Value = serde_norway::from_str(front).expect("valid YAML");
    let verdict = serde_json::from_value(value["expect"].clone())
        .unwrap_or_else(|_| panic!("{}: `expect` must be a verdict", path.display()));
    let absent = value["absent"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    let known_miss = value.get("known_miss").map(|v| {
        serde_json::from_value(v.clone())
            .unwrap_or_else(|_| panic!("{}: `known_miss` must be a verdict", path.display()))
    });
    Expectation {
        verdict,
        absent,
        known_miss,
    }
}

#[test]
fn every_corpus_article_gets_its_declared_verdict() {
    let files = articles();
    let mut failures = Vec::new();
    for path in &files {
        let want = expectation(path);
        let article = input::read_article(path, None).expect("corpus articles parse");
        let checker = Checker::new(article.lang.unwrap_or(Lang::En));
        let report = checker.check(&article);
        if let Some(miss) = want.known_miss {
            println!(
                "known miss: {} is {} but headcheck says {} ({})",
                path.display(),
                want.verdict,
                report.verdict,
                report.reason
            );
            if miss == want.verdict || report.verdict != miss {
                failures.push(format!(
                    "{}: known_miss {miss}, got {} (expected {}): update the front matter",
                    path.display(),
                    report.verdict,
                    want.verdict
                ));
            }
            continue;
        }
        if report.verdict != want.verdict {
            failures.push(format!(
                "{}: expected {}, got {} ({}; score {})",
                path.display(),
                want.verdict,
                report.verdict,
                report.reason,
                report.score
            ));
        }
        for word in &want.absent {
            let flagged = report.claims.iter().any(|c| {
                c.status == Status::Unsupported
                    && c.text
                        .split_whitespace()
                        .any(|w| w.eq_ignore_ascii_case(word))
            });
            if !flagged {
                failures.push(format!(
                    "{}: \"{word}\" is not an unsupported claim",
                    path.display()
                ));
            }
        }
        // A consistent verdict never leaves a claim unsupported that the verdict model counts
        // as making a headline partial on its own.
        if report.verdict == Verdict::Consistent {
            let partial_from = headcheck::score::VerdictModel::builtin().partial_from;
            assert!(
                report.claims.iter().all(|c| c.status != Status::Unsupported
                    || c.negated
                    || (c.kind != ClaimKind::Name
                        && c.kind != ClaimKind::Number
                        && c.kind != ClaimKind::Quote
                        && c.weight < partial_from)),
                "{}: a weighty claim is unsupported",
                path.display()
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_corpus_covers_every_verdict_and_several_languages() {
    let files = articles();
    assert!(files.len() >= 24, "{} articles", files.len());
    for verdict in Verdict::ALL {
        let n = files
            .iter()
            .map(|p| expectation(p))
            .filter(|e| e.verdict == verdict && e.known_miss.is_none())
            .count();
        let least = if verdict == Verdict::Contradicted {
            1
        } else {
            5
        };
        assert!(n >= least, "{n} {verdict} articles headcheck gets right");
    }
    let other_languages = files
        .iter()
        .filter_map(|p| input::read_article(p, None).ok()?.lang)
        .filter(|l| *l != Lang::En)
        .count();
    assert!(
        other_languages >= 4,
        "{other_languages} non-English articles"
    );
}

//! Property tests (issue 19): on generated articles — names, numbers, quotes, negations,
//! several scripts, combining marks, paragraphs — every report keeps its invariants, and a
//! batch gives one record per input record, in order, whatever the thread count.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

use headcheck::batch::{self, Event, Options, Outcome, Record, Source};
use headcheck::{Checker, Detail, Lang};
use proptest::prelude::*;

/// Words an article is made of: plain words, names, numbers with units, negations, quotes,
/// punctuation, other scripts, combining marks and emoji.
const WORDS: &[&str] = &[
    "the",
    "council",
    "voted",
    "to",
    "repair",
    "seawall",
    "harbour",
    "Mayor",
    "Lund",
    "said",
    "not",
    "never",
    "denied",
    "reports",
    "that",
    "£2.1bn",
    "2.1",
    "billion",
    "$40m",
    "44C",
    "15%",
    "per",
    "cent",
    "twenty-two",
    "US",
    "United",
    "States",
    "police",
    "cops",
    "died",
    "\"the",
    "deal",
    "is",
    "dead\"",
    "—",
    "(",
    ")",
    ",",
    ".",
    "?",
    "!",
    ":",
    "Joan",
    "Rivers",
    "Kerry",
    "Москва",
    "совет",
    "東京",
    "都庁",
    "القاهرة",
    "مجلس",
    "e\u{301}te\u{301}",
    "Zoë",
    "naïve",
    "👩\u{200d}👩\u{200d}👧",
    "\u{200f}",
    "O'Neill's",
    "-",
    "1,000",
];

fn word() -> impl Strategy<Value = &'static str> {
    prop::sample::select(WORDS)
}

/// A body: paragraphs of sentences of words, separated by spaces, line breaks or nothing.
fn body() -> impl Strategy<Value = String> {
    let sentence = prop::collection::vec(word(), 1..14).prop_map(|w| w.join(" ") + ".");
    let paragraph = prop::collection::vec(sentence, 1..5).prop_map(|s| s.join(" "));
    prop::collection::vec(paragraph, 1..5).prop_map(|p| p.join("\n\n"))
}

fn headline() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 1..10).prop_map(|w| w.join(" "))
}

fn checker() -> &'static Checker {
    static CHECKER: std::sync::OnceLock<Checker> = std::sync::OnceLock::new();
    CHECKER.get_or_init(|| Checker::new(Lang::En))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn reports_keep_their_invariants(headline in headline(), body in body()) {
        let c = checker();
        let prepared = c.prepare_headline(&headline);
        let index = c.index_body(&body);
        let full = c.check_with(&prepared, &index, Detail::Full);
        for x in [full.score, full.relatedness, full.support, full.coverage, full.similarity] {
            prop_assert!((0.0..=1.0).contains(&x), "{} outside [0, 1]", x);
        }
        for claim in &full.claims {
            prop_assert!((0.0..=1.0).contains(&claim.weight));
            for e in &claim.evidence {
                prop_assert!(e.start <= e.end && e.end <= body.len());
                prop_assert!(body.is_char_boundary(e.start) && body.is_char_boundary(e.end));
                prop_assert_eq!(&body[e.start..e.end], e.text.as_str());
                for &[s, t] in &e.matched {
                    prop_assert!(e.start <= s && s <= t && t <= e.end);
                    prop_assert!(body.is_char_boundary(s) && body.is_char_boundary(t));
                }
            }
        }
        // Less detail leaves the verdict and the score as they are.
        let scores = c.check_with(&prepared, &index, Detail::Scores);
        prop_assert_eq!(full.verdict, scores.verdict);
        prop_assert_eq!(full.score.to_bits(), scores.score.to_bits());
        // The same pair, indexed again, gives the same report.
        prop_assert_eq!(&full, &c.check_with(&prepared, &c.index_body(&body), Detail::Full));
    }
}

/// A JSON Lines record: an article, a record missing its body, a line that is not JSON, or a
/// blank line (no record).
#[derive(Clone, Debug)]
enum Line {
    Article(String, String),
    NoBody(String),
    NotJson(String),
    Blank,
}

fn line() -> impl Strategy<Value = Line> {
    prop_oneof![
        4 => (headline(), body()).prop_map(|(h, b)| Line::Article(h, b)),
        1 => headline().prop_map(Line::NoBody),
        1 => headline().prop_map(|h| Line::NotJson(format!("{{\"headline\": {h}"))),
        1 => Just(Line::Blank),
    ]
}

fn jsonl(lines: &[Line]) -> String {
    let mut out = String::new();
    for l in lines {
        let text = match l {
            Line::Article(h, b) => serde_json::json!({"headline": h, "body": b}).to_string(),
            Line::NoBody(h) => serde_json::json!({ "headline": h }).to_string(),
            Line::NotJson(t) => t.clone(),
            Line::Blank => "  ".into(),
        };
        out.push_str(&text);
        out.push('\n');
    }
    out
}

/// The batch's records over `path` on a pool of `threads`, as JSON.
fn batch_on(path: &std::path::Path, threads: usize) -> Vec<(Option<u64>, String)> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let mut records: Vec<Record> = Vec::new();
    pool.install(|| {
        batch::run(
            &[Source::Jsonl(path.to_path_buf())],
            &Options::default(),
            &|r| r,
            &mut |e: Event<Record>| {
                if let Event::Record(r) = e {
                    records.push(r);
                }
                Ok::<(), ()>(())
            },
        )
    })
    .unwrap();
    records
        .into_iter()
        .map(|r| {
            let json = match &r.outcome {
                Outcome::Checked(report) => serde_json::to_string(report).unwrap(),
                Outcome::Failed { error, .. } => error.clone(),
            };
            (r.line, json)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn a_batch_gives_one_record_per_line_in_order_whatever_the_threads(
        lines in prop::collection::vec(line(), 1..40)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("in.jsonl");
        std::fs::write(&path, jsonl(&lines)).unwrap();
        let one = batch_on(&path, 1);
        let expected: Vec<Option<u64>> = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| !matches!(l, Line::Blank))
            .map(|(i, _)| Some(i as u64 + 1))
            .collect();
        let got: Vec<Option<u64>> = one.iter().map(|(line, _)| *line).collect();
        prop_assert_eq!(got, expected);
        for ((_, json), l) in one.iter().zip(lines.iter().filter(|l| !matches!(l, Line::Blank))) {
            // A generated article may still be all punctuation (an error like the others).
            let checked = json.starts_with('{');
            prop_assert!(checked || json.contains("in.jsonl:"), "{}", json);
            prop_assert!(matches!(l, Line::Article(..)) || !checked, "{}", json);
        }
        prop_assert_eq!(one, batch_on(&path, 3));
    }
}

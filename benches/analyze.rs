//! Benchmarks of the check engine on corpus/bench/long-article.md (about 1,000 words).
//!
//! cargo bench --bench analyze
#![allow(missing_docs, clippy::expect_used)]

use headcheck::{input, Article, Background, Checker, Lang};

fn main() {
    divan::main();
}

fn article() -> Article {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/bench/long-article.md");
    input::read_article(&path, None).expect("the bench article reads")
}

/// The whole check of one article: index the body, extract and match the claims, focus, verdict.
#[divan::bench]
fn check_1000_word_article(bencher: divan::Bencher) {
    let checker = Checker::new(Lang::En);
    let article = article();
    bencher.bench_local(|| checker.check(divan::black_box(&article)));
}

/// Indexing the body alone (done once per body in a batch).
#[divan::bench]
fn index_1000_word_body(bencher: divan::Bencher) {
    let checker = Checker::new(Lang::En);
    let article = article();
    bencher.bench_local(|| checker.index_body(divan::black_box(&article.body)));
}

/// One more headline against an already indexed body (the per-pair cost in a batch).
#[divan::bench]
fn headline_against_indexed_body(bencher: divan::Bencher) {
    let checker = Checker::new(Lang::En);
    let article = article();
    let body = checker.index_body(&article.body);
    bencher.bench_local(|| checker.check_indexed(divan::black_box(&article.headline), &body));
}

/// Parsing the embedded English background table (once per process).
#[divan::bench]
fn load_background_table() {
    let table = include_str!("../corpus/background/en.tsv");
    divan::black_box(Background::parse(divan::black_box(table)).expect("parses"));
}

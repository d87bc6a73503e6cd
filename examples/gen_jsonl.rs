//! Writes a large JSON Lines file of articles for the batch throughput and memory benchmarks,
//! built from the team's own corpus/articles (no third-party text).
//!
//! cargo run --release --example gen_jsonl -- OUT.jsonl SIZE_MB
//!
//! Each record is one corpus article whose body is its paragraphs in a shuffled order (a
//! fixed-seed generator, so the same command writes the same file), with `id`, `headline`,
//! `body` and `lang`. Bodies differ from record to record, so no cache sees the same text twice
//! in a row. Prints the bytes of article text written (headlines and bodies, as UTF-8) on
//! standard output, and the records and file size on standard error.

mod common;

use std::io::Write;

fn main() -> std::process::ExitCode {
    common::main_with(run)
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let out = args.next().ok_or("usage: gen_jsonl OUT.jsonl SIZE_MB")?;
    let size_mb: u64 = args
        .next()
        .ok_or("usage: gen_jsonl OUT.jsonl SIZE_MB")?
        .parse()?;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/articles");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    let mut articles = Vec::new();
    for p in &paths {
        let a = headcheck::input::read_article(p, None)?;
        let paragraphs: Vec<String> = a
            .body
            .split("\n\n")
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        articles.push((
            a.headline,
            paragraphs,
            a.lang.unwrap_or(headcheck::Lang::En),
        ));
    }
    let mut w = std::io::BufWriter::new(std::fs::File::create(&out)?);
    let (mut written, limit) = (0u64, size_mb * 1024 * 1024);
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let (mut n, mut text) = (0u64, 0u64);
    while written < limit {
        let (headline, paragraphs, lang) = &articles[(n as usize) % articles.len()];
        let mut order: Vec<usize> = (0..paragraphs.len()).collect();
        for i in (1..order.len()).rev() {
            // xorshift64*
            seed ^= seed >> 12;
            seed ^= seed << 25;
            seed ^= seed >> 27;
            let r = seed.wrapping_mul(0x2545_f491_4f6c_dd1d);
            order.swap(i, (r % (i as u64 + 1)) as usize);
        }
        let body: Vec<&str> = order.iter().map(|&i| paragraphs[i].as_str()).collect();
        let body = body.join("\n\n");
        text += (headline.len() + body.len()) as u64;
        let record = serde_json::json!({
            "id": n,
            "headline": headline,
            "body": body,
            "lang": lang.code(),
        });
        let line = serde_json::to_string(&record)?;
        w.write_all(line.as_bytes())?;
        w.write_all(b"\n")?;
        written += line.len() as u64 + 1;
        n += 1;
    }
    w.flush()?;
    // benches/batch_jsonl.sh reads standard output: the bytes of headline and body text (UTF-8,
    // as the articles hold them; the rest of the file is JSON syntax, ids and escapes).
    eprintln!("{out}: {n} records, {written} bytes");
    println!("{text}");
    Ok(())
}

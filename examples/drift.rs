//! The drift set (issue 18): FNC-1 headlines with one name swapped for a name their body never
//! mentions, on the topic split's dev bodies (new claims, never fitted by the stance model).
//!
//! cargo run --release --example drift
//!
//! For each agree or discuss pair of topic_dev_stances.csv whose headline has a name the body
//! states at least twice (a supported name claim with two or more mentions), the first such name
//! is replaced by a name taken from another dev body's focus (a name it mentions at least
//! twice) none of whose words this body uses. It prints the share of drifted copies flagged
//! (verdict not `consistent`) with the injected name listed unsupported, and the share of the
//! original headlines whose every name occurs in the body that are flagged all the same.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use headcheck::eval::fnc1;
use headcheck::{ClaimKind, Report, Status, Verdict};

fn main() -> std::process::ExitCode {
    common::main_with(run)
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let dir = fnc1::data_dir();
    let pairs = fnc1::load_stances(&dir.join("topic_dev_stances.csv"))?;
    let bodies = fnc1::load_bodies(&dir.join("train_bodies.csv"))?;
    let checker = headcheck::Checker::new(headcheck::Lang::En);
    let ids: BTreeSet<u32> = pairs.iter().map(|p| p.body_id).collect();
    let mut index = BTreeMap::new();
    for &id in &ids {
        let text = bodies.get(&id).ok_or(format!("no body {id}"))?;
        index.insert(id, checker.index_body(text));
    }
    // Names to inject: each dev body's focus names mentioned at least twice, with their body.
    let mut donors: Vec<(String, u32)> = Vec::new();
    for (&id, body) in &index {
        let probe = checker.check_indexed("Report", body);
        for f in probe.focus.iter().filter(|f| f.kind == ClaimKind::Name) {
            if f.mentions >= 2 && f.text.chars().all(|c| c.is_alphabetic() || c == ' ') {
                donors.push((f.text.clone(), id));
            }
        }
    }
    let mut drifted = (0usize, 0usize); // (copies, flagged with the name listed)
    let mut clean = (0usize, 0usize); // (name-clean originals, flagged)
    let mut misses: Vec<String> = Vec::new();
    for (n, pair) in pairs.iter().enumerate() {
        if !matches!(pair.stance.as_deref(), Some("agree" | "discuss")) {
            continue;
        }
        let body = &index[&pair.body_id];
        let original = checker.check_indexed(&pair.headline, body);
        let names = || original.claims.iter().filter(|c| c.kind == ClaimKind::Name);
        if names().count() > 0 && names().all(|c| c.status != Status::Unsupported) {
            clean.0 += 1;
            clean.1 += usize::from(original.verdict != Verdict::Consistent);
        }
        let Some(target) = names().find(|c| {
            c.status == Status::Supported
                && c.mentions >= 2
                && pair.headline.matches(&*c.text).count() == 1
        }) else {
            continue;
        };
        // A donor from another body, none of whose words this body uses; which one depends on
        // the pair's place in the file, so that the injected names vary.
        let uses = |word: &str| {
            let lower = word.to_lowercase();
            body.tokens().iter().any(|t| t.norm == lower)
        };
        let start = n * 7919 % donors.len().max(1);
        let donor = donors[start..]
            .iter()
            .chain(&donors[..start])
            .find(|(name, id)| *id != pair.body_id && !name.split(' ').any(uses));
        let Some((donor, _)) = donor else { continue };
        let edited = pair.headline.replacen(&*target.text, donor, 1);
        let after = checker.check_indexed(&edited, body);
        drifted.0 += 1;
        if flagged_with(&after, donor) {
            drifted.1 += 1;
        } else if misses.len() < 10 {
            misses.push(format!("{edited:?} ({}; {})", after.verdict, after.reason));
        }
    }
    let share = |(n, k): (usize, usize)| 100.0 * k as f64 / n.max(1) as f64;
    println!(
        "drifted copies: {} of {} flagged with the injected name listed unsupported ({:.1}%)",
        drifted.1,
        drifted.0,
        share(drifted)
    );
    println!(
        "name-clean originals: {} of {} flagged all the same ({:.1}%)",
        clean.1,
        clean.0,
        share(clean)
    );
    for m in misses {
        println!("  missed: {m}");
    }
    Ok(())
}

/// Whether `report` is flagged and lists `name` (or a word of it) as unsupported.
fn flagged_with(report: &Report, name: &str) -> bool {
    report.verdict != Verdict::Consistent
        && report.claims.iter().any(|c| {
            c.status == Status::Unsupported
                && (c.text.contains(name)
                    || c.missing.iter().any(|m| name.split(' ').any(|w| w == m))
                    || name.split(' ').any(|w| c.text.split(' ').any(|t| t == w)))
        })
}

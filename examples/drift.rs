//! The drift set (issue 18) on the topic split's dev bodies (new claims, never fitted by the
//! verdict model, which is fitted on the drift set of the train side): see
//! `headcheck::eval::drift`.
//!
//! cargo run --release --example drift
//!
//! Prints the share of drifted copies flagged (verdict not `consistent`) with the injected name
//! listed unsupported, and the share of the original headlines whose every name occurs in the
//! body that are flagged all the same, with their verdicts counted.

mod common;

use std::collections::BTreeMap;

use headcheck::eval::drift::{drift_set, flagged_with};
use headcheck::eval::fnc1;
use headcheck::{ClaimKind, Status, Verdict};

fn main() -> std::process::ExitCode {
    common::main_with(run)
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let dir = fnc1::data_dir();
    let pairs = fnc1::load_stances(&dir.join("topic_dev_stances.csv"))?;
    let bodies = fnc1::load_bodies(&dir.join("train_bodies.csv"))?;
    let checker = headcheck::Checker::new(headcheck::Lang::En);
    let mut index = BTreeMap::new();
    for p in &pairs {
        let text = bodies
            .get(&p.body_id)
            .ok_or(format!("no body {}", p.body_id))?;
        index
            .entry(p.body_id)
            .or_insert_with(|| checker.index_body(text));
    }
    let set = drift_set(&checker, &pairs, &index);
    let mut flagged = 0usize;
    let mut misses: Vec<String> = Vec::new();
    for case in &set.cases {
        let body = &index[&pairs[case.pair].body_id];
        let after = checker.check_indexed(&case.edited, body);
        if flagged_with(&after, &case.donor) {
            flagged += 1;
        } else if misses.len() < 10 {
            misses.push(format!(
                "{:?} ({}; {})",
                case.edited, after.verdict, after.reason
            ));
        }
    }
    let reports: BTreeMap<usize, &headcheck::Report> =
        set.originals.iter().map(|(n, r)| (*n, r)).collect();
    let mut verdicts: BTreeMap<Verdict, usize> = BTreeMap::new();
    for n in &set.clean {
        *verdicts.entry(reports[n].verdict).or_default() += 1;
    }
    let clean_flagged = set.clean.len() - verdicts.get(&Verdict::Consistent).copied().unwrap_or(0);
    // Why the partial ones are partial: a number or quotation the body does not state, or not.
    let stated_fact = set
        .clean
        .iter()
        .filter(|n| {
            let r = reports[n];
            r.verdict == Verdict::Partial
                && r.claims.iter().any(|c| {
                    c.status == Status::Unsupported
                        && matches!(c.kind, ClaimKind::Number | ClaimKind::Quote)
                })
        })
        .count();
    let share = |k: usize, n: usize| 100.0 * k as f64 / n.max(1) as f64;
    println!(
        "drifted copies: {flagged} of {} flagged with the injected name listed unsupported ({:.1}%)",
        set.cases.len(),
        share(flagged, set.cases.len())
    );
    println!(
        "name-clean originals: {clean_flagged} of {} flagged all the same ({:.1}%): {:?}",
        set.clean.len(),
        share(clean_flagged, set.clean.len()),
        verdicts
    );
    println!(
        "  of the partial ones, {stated_fact} with a number or quotation the body does not state"
    );
    for m in misses {
        println!("  missed: {m}");
    }
    Ok(())
}

//! Figures on the FNC-1 data in ../shared/data/fnc1 (read from there, never copied).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

mod common;

use std::collections::HashMap;

use headcheck::eval::{auroc, fnc1};
use headcheck::{Checker, ClaimKind, Lang, Status, Verdict};

/// The official dev split: its pairs (Body ID in hold_out_ids.txt) and their bodies, indexed
/// once each. `None` (the test skips) when the data is absent.
struct DevSplit {
    checker: Checker,
    index: HashMap<u32, headcheck::BodyIndex>,
    pairs: Vec<fnc1::Pair>,
}

fn dev_split() -> Option<DevSplit> {
    let bodies = common::shared_file("data/fnc1/train_bodies.csv")?;
    let stances = common::shared_file("data/fnc1/train_stances.csv")?;
    let holdout = common::shared_file("data/fnc1/hold_out_ids.txt")?;
    let holdout = fnc1::load_holdout(&holdout).expect("holdout ids");
    let checker = Checker::new(Lang::En);
    let index = fnc1::load_bodies(&bodies)
        .expect("bodies")
        .iter()
        .filter(|(id, _)| holdout.contains(id))
        .map(|(id, text)| (*id, checker.index_body(text)))
        .collect();
    let pairs = fnc1::load_stances(&stances)
        .expect("stances")
        .into_iter()
        .filter(|p| holdout.contains(&p.body_id))
        .collect();
    Some(DevSplit {
        checker,
        index,
        pairs,
    })
}

/// On the official dev split (pairs whose Body ID is in hold_out_ids.txt), the relatedness
/// separates related from unrelated pairs with AUROC ≥ 0.995 (a plain TF-IDF cosine: 0.992).
#[test]
fn dev_split_auroc_related_vs_unrelated() {
    let Some(DevSplit {
        checker,
        index,
        pairs,
    }) = dev_split()
    else {
        return;
    };
    let scores: Vec<(f64, bool)> = pairs
        .iter()
        .map(|p| {
            let body = &index[&p.body_id];
            let related = p.is_related().expect("labelled");
            (
                checker.check_indexed(&p.headline, body).relatedness,
                related,
            )
        })
        .collect();
    assert_eq!(scores.len(), 9622, "the README's dev split size");
    let auc = auroc(&scores).expect("both classes");
    println!("FNC-1 dev split AUROC (related vs unrelated): {auc:.4}");
    assert!(auc >= 0.995, "AUROC {auc:.4}");
}

/// The committed background table is exactly what the documented command regenerates.
#[test]
fn background_table_regenerates_exactly() {
    let (Some(_), Some(_)) = (
        common::shared_file("data/fnc1/train_bodies.csv"),
        common::shared_file("data/fnc1/hold_out_ids.txt"),
    ) else {
        return;
    };
    let built = fnc1::english_background(&fnc1::data_dir()).expect("the FNC-1 files read");
    let committed = std::fs::read_to_string(common::crate_dir().join("corpus/background/en.tsv"))
        .expect("committed table");
    assert!(
        built == committed,
        "corpus/background/en.tsv is stale: regenerate it (README)"
    );
}

/// The incongruent-headline test from FNC1-NOTES.md: take dev-split related pairs that headcheck
/// finds consistent, change one supported name or number in the headline to one the body never
/// mentions, and check that exactly that claim becomes unsupported and the headline is flagged.
#[test]
fn edited_name_or_number_is_the_one_claim_flagged() {
    let Some(DevSplit {
        checker,
        index,
        pairs,
    }) = dev_split()
    else {
        return;
    };
    let (mut tried, mut failures) = (0, Vec::new());
    for pair in pairs {
        if pair.is_related() != Some(true) {
            continue;
        }
        let body = &index[&pair.body_id];
        let before = checker.check_indexed(&pair.headline, body);
        if before.verdict != Verdict::Consistent {
            continue;
        }
        // The first supported one-word name or number, replaced by an invented one.
        let Some(target) = before.claims.iter().find(|c| {
            c.status == Status::Supported
                && matches!(c.kind, ClaimKind::Name | ClaimKind::Number)
                && !c.text.contains(char::is_whitespace)
                && pair.headline.matches(&*c.text).count() == 1
        }) else {
            continue;
        };
        let invented = if target.kind == ClaimKind::Number {
            "8191"
        } else {
            "Vrelisk"
        };
        let edited = pair.headline.replacen(&*target.text, invented, 1);
        let after = checker.check_indexed(&edited, body);
        tried += 1;
        let unsupported = |r: &headcheck::Report| -> Vec<String> {
            r.claims
                .iter()
                .filter(|c| c.status == Status::Unsupported && c.kind != ClaimKind::Phrase)
                .map(|c| c.text.to_string())
                .collect()
        };
        let old = unsupported(&before);
        let new: Vec<String> = unsupported(&after)
            .into_iter()
            .filter(|t| !old.contains(t))
            .collect();
        // The invented word, and at most a quoted span around it, are the new unsupported claims.
        let exact = new.iter().any(|t| t == invented) && new.iter().all(|t| t.contains(invented));
        if after.verdict == Verdict::Consistent || !exact {
            failures.push(format!("{edited:?}: {} {new:?}", after.verdict));
        }
    }
    println!(
        "edited {tried} consistent related headlines; {} not flagged exactly",
        failures.len()
    );
    assert!(tried >= 100, "only {tried} pairs to edit");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

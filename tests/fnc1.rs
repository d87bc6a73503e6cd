//! Figures on the FNC-1 data in ../shared/data/fnc1 (read from there, never copied).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

mod common;

use std::collections::HashMap;

use headcheck::eval::{auroc, fnc1};
use headcheck::{Background, Checker, Lang};

/// On the official dev split (pairs whose Body ID is in hold_out_ids.txt), the score separates
/// related from unrelated pairs with AUROC ≥ 0.995 (a plain TF-IDF cosine: 0.992).
#[test]
fn dev_split_auroc_related_vs_unrelated() {
    let (Some(bodies), Some(stances), Some(holdout)) = (
        common::shared_file("data/fnc1/train_bodies.csv"),
        common::shared_file("data/fnc1/train_stances.csv"),
        common::shared_file("data/fnc1/hold_out_ids.txt"),
    ) else {
        return;
    };
    let holdout = fnc1::load_holdout(&holdout).expect("holdout ids");
    let bodies = fnc1::load_bodies(&bodies).expect("bodies");
    let checker = Checker::new(Lang::En);
    let index: HashMap<u32, _> = bodies
        .iter()
        .filter(|(id, _)| holdout.contains(id))
        .map(|(id, text)| (*id, checker.index_body(text)))
        .collect();
    let scores: Vec<(f64, bool)> = fnc1::load_stances(&stances)
        .expect("stances")
        .iter()
        .filter(|p| holdout.contains(&p.body_id))
        .map(|p| {
            let body = &index[&p.body_id];
            let related = p.is_related().expect("labelled");
            (checker.check_indexed(&p.headline, body).score, related)
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
    let (Some(bodies), Some(holdout)) = (
        common::shared_file("data/fnc1/train_bodies.csv"),
        common::shared_file("data/fnc1/hold_out_ids.txt"),
    ) else {
        return;
    };
    let holdout = fnc1::load_holdout(&holdout).expect("holdout ids");
    let bodies = fnc1::load_bodies(&bodies).expect("bodies");
    let docs = bodies
        .iter()
        .filter(|(id, _)| !holdout.contains(id))
        .map(|(_, t)| t.as_str());
    let committed = std::fs::read_to_string(common::crate_dir().join("corpus/background/en.tsv"))
        .expect("committed table");
    let source = committed
        .lines()
        .find_map(|l| l.strip_prefix("# source\t"))
        .expect("source line");
    let built = Background::build(docs, Lang::En, source);
    assert!(
        built == committed,
        "corpus/background/en.tsv is stale: regenerate it (README)"
    );
}

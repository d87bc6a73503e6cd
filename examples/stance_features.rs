//! Writes the stance model's features of every pair of an FNC-1 style stances file as CSV
//! (Body ID, topic, stance, then one column per feature), for looking at them in other tools:
//!   cargo run --release --example stance_features -- STANCES.csv BODIES.csv > features.csv
#![allow(clippy::unwrap_used, clippy::expect_used)] // a tool for the team: fail loudly

use std::collections::HashMap;

use headcheck::eval::fnc1;
use headcheck::stance::FEATURES;
use headcheck::{Checker, Detail, Lang};
use rayon::prelude::*;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (stances, bodies) = (&args[1], &args[2]);
    let checker = Checker::new(Lang::En);
    let bodies: HashMap<u32, headcheck::BodyIndex> = fnc1::load_bodies(bodies.as_ref())
        .expect("bodies")
        .into_par_iter()
        .map(|(id, text)| (id, checker.index_body(&text)))
        .collect();
    let pairs = fnc1::load_stances(stances.as_ref()).expect("stances");
    let topics = fnc1::topics(&pairs);
    let rows: Vec<String> = pairs
        .par_iter()
        .zip(&topics)
        .map(|(p, topic)| {
            let headline = checker.prepare_headline(&p.headline);
            let r = checker.check_with(&headline, &bodies[&p.body_id], Detail::Scores);
            let f = r.features.expect("English has a stance model");
            let values: Vec<String> = f.values.iter().map(|v| v.to_string()).collect();
            format!(
                "{},{topic},{},{}",
                p.body_id,
                p.stance.as_deref().unwrap_or(""),
                values.join(",")
            )
        })
        .collect();
    println!("body_id,topic,stance,{}", FEATURES.join(","));
    for r in rows {
        println!("{r}");
    }
}

//! How well headcheck's relatedness separates related from unrelated FNC-1 pairs.
//!
//! cargo run --release --example fnc1_relatedness
//!
//! Prints, for the pairs whose body is outside the official dev split ("fit": where the
//! unrelated threshold was chosen) and for the dev split (hold_out_ids.txt: reported), the
//! AUROC of `relatedness` for related vs unrelated and the accuracy of `relatedness >=
//! threshold`. The threshold that maximises accuracy on the fit part is printed too; the dev
//! figures use the shipped verdict model's `unrelated_below`.

mod common;

use std::collections::HashMap;

use headcheck::eval::{auroc, best_threshold, fnc1};
use headcheck::{Checker, Lang};

fn main() -> std::process::ExitCode {
    common::main_with(run)
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let unrelated_below = headcheck::score::VerdictModel::builtin().unrelated_below;
    let dir = fnc1::data_dir();
    let bodies = fnc1::load_bodies(&dir.join("train_bodies.csv"))?;
    let pairs = fnc1::load_stances(&dir.join("train_stances.csv"))?;
    let holdout = fnc1::load_holdout(&dir.join("hold_out_ids.txt"))?;
    let checker = Checker::new(Lang::En);
    let start = std::time::Instant::now();
    let index: HashMap<u32, _> = bodies
        .iter()
        .map(|(id, text)| (*id, checker.index_body(text)))
        .collect();
    let (mut fit, mut dev) = (Vec::new(), Vec::new());
    for p in &pairs {
        let Some(body) = index.get(&p.body_id) else {
            continue;
        };
        let Some(related) = p.is_related() else {
            continue;
        };
        let score = checker.check_indexed(&p.headline, body).relatedness;
        if holdout.contains(&p.body_id) {
            dev.push((score, related));
        } else {
            fit.push((score, related));
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let acc = |s: &[(f64, bool)], t: f64| {
        s.iter().filter(|(x, r)| (*x >= t) == *r).count() as f64 / s.len() as f64
    };
    let (best_t, best_acc) = best_threshold(&fit).unwrap_or((0.0, 0.0));
    println!("pairs: fit {} / dev {} ({secs:.2} s)", fit.len(), dev.len());
    println!(
        "fit: AUROC {:.4}; best threshold {best_t:.3} (accuracy {best_acc:.4}); accuracy at {unrelated_below}: {:.4}",
        auroc(&fit).unwrap_or(f64::NAN),
        acc(&fit, unrelated_below)
    );
    println!(
        "dev: AUROC {:.4}; accuracy at {unrelated_below}: {:.4}",
        auroc(&dev).unwrap_or(f64::NAN),
        acc(&dev, unrelated_below)
    );
    Ok(())
}

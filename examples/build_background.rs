//! Regenerates corpus/background/en.tsv from the FNC-1 training bodies, leaving out the bodies of
//! the official dev split (hold_out_ids.txt) so that dev figures are measured on unseen bodies.
//!
//! cargo run --release --example build_background > corpus/background/en.tsv

use headcheck::eval::fnc1;
use headcheck::{Background, Lang};

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "error: {e} (the FNC-1 data: ../shared/data/fnc1, or $HEADCHECK_DATA/data/fnc1)"
            );
            std::process::ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let dir = fnc1::data_dir();
    let bodies = fnc1::load_bodies(&dir.join("train_bodies.csv"))?;
    let holdout = fnc1::load_holdout(&dir.join("hold_out_ids.txt"))?;
    let docs = bodies
        .iter()
        .filter(|(id, _)| !holdout.contains(id))
        .map(|(_, text)| text.as_str());
    let table = Background::build(
        docs,
        Lang::En,
        "FNC-1 train_bodies.csv without the hold_out_ids.txt bodies; regenerate with `cargo run --release --example build_background > corpus/background/en.tsv`",
    );
    print!("{table}");
    Ok(())
}

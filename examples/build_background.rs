//! Regenerates corpus/background/en.tsv from the FNC-1 training bodies, leaving out the bodies of
//! the official dev split (hold_out_ids.txt) so that dev figures are measured on unseen bodies.
//!
//! cargo run --release --example build_background > corpus/background/en.tsv

mod common;

use headcheck::eval::fnc1;

fn main() -> std::process::ExitCode {
    common::main_with(run)
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    print!("{}", fnc1::english_background(&fnc1::data_dir())?);
    Ok(())
}

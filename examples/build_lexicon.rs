//! Regenerates corpus/lexicon/en.tsv, the English paraphrase lexicon, from WordNet 3.0 (Debian's
//! `wordnet-base` package: `apt-get install wordnet-base`; another copy of WordNet's database
//! files through `WORDNET_DIR`).
//!
//! cargo run --release --example build_lexicon > corpus/lexicon/en.tsv
//!
//! Each line is `from<TAB>relation<TAB>to`: two word sequences as headcheck's English keys (stems,
//! canonical acronyms) separated by spaces, and how WordNet relates them (see
//! `headcheck::analyze::Relation`). Only a word's three most frequent senses take part (its first
//! alone when it has more than five), and the other word only in its most frequent sense, so
//! that a common word is not related to every rare use of it. WordNet's hypernyms ("a kind
//! of") are left out: followed one step, from a stem that several words share, they related
//! "citizens" to "nation" and "approves" to "supported".

mod common;

use headcheck::eval::wordnet;

fn main() -> std::process::ExitCode {
    common::main_with(run)
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    print!("{}", wordnet::english_lexicon(&wordnet::wordnet_dir())?);
    Ok(())
}

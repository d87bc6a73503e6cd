//! An FNC-1 pair file: the input up to its first 0xFF byte (never in UTF-8) is the stances
//! file, the rest the bodies file. One record per stance row, in line order.
#![no_main]
use headcheck::batch::Source;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == 0xFF).unwrap_or(data.len());
    let stances = headcheck_fuzz::scratch_file("stances.csv", &data[..split]);
    let bodies = headcheck_fuzz::scratch_file("bodies.csv", data.get(split + 1..).unwrap_or(&[]));
    headcheck_fuzz::run_batch(Source::Pairs { stances, bodies });
});

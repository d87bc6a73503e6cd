//! A CSV batch input (header row, headline and body columns): records in line order, each a
//! report within its bounds or an error with a message.
#![no_main]
use headcheck::batch::Source;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let path = headcheck_fuzz::scratch_file("in.csv", data);
    headcheck_fuzz::run_batch(Source::Csv(path));
});

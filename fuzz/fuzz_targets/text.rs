//! A plain-text article: headline on the first line, body below.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| headcheck_fuzz::read_and_check("a.txt", data));

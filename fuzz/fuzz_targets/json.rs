//! An article file read by the json reader (`a.json`), then checked.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| headcheck_fuzz::read_and_check("a.json", data));

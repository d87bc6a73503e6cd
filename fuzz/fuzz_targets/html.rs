//! An article file read by the html reader (`a.html`), then checked.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| headcheck_fuzz::read_and_check("a.html", data));

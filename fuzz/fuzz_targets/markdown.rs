//! A Markdown article (YAML or TOML front matter, raw HTML), read and checked.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| headcheck_fuzz::read_and_check("a.md", data));

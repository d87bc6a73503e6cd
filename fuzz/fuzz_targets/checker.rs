//! The checker on any headline and body: the first byte picks the language, the text up to
//! the first line break is the headline, the rest the body (invalid UTF-8 replaced).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let lang = headcheck_fuzz::LANGS[pick as usize % headcheck_fuzz::LANGS.len()];
    let text = String::from_utf8_lossy(rest);
    let (headline, body) = text.split_once('\n').unwrap_or((&text, ""));
    headcheck_fuzz::check_pair(headcheck_fuzz::checker(lang), headline, body);
});

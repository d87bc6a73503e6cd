//! `headcheck.toml`: parsed or refused with a line, and a parsed one answers for any file.
#![no_main]
use std::path::Path;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match headcheck::Config::parse(Path::new("headcheck.toml"), text) {
        Ok(config) => {
            for file in ["a.md", "posts/b.html", "drafts/x/y.txt", "../z.json"] {
                let file = Path::new(file);
                let _ = config.includes(file);
                let _ = config.settings_for(file).ignore_list();
                let _ = config.profile(file);
            }
        }
        Err(e) => assert!(e.to_string().starts_with("headcheck.toml"), "{e}"),
    }
});

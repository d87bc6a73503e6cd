//! A JSON Lines batch input: exactly one record per line that is not blank, in line order.
#![no_main]
use headcheck::batch::Source;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let path = headcheck_fuzz::scratch_file("in.jsonl", data);
    let (records, _) = headcheck_fuzz::run_batch(Source::Jsonl(path));
    let mut lines: Vec<&[u8]> = data.split(|&b| b == b'\n').collect();
    if data.ends_with(b"\n") || data.is_empty() {
        lines.pop();
    }
    let expected: Vec<u64> = lines
        .iter()
        .enumerate()
        .filter(|(i, l)| {
            let l = if *i == 0 {
                l.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(l)
            } else {
                l
            };
            !l.iter().all(u8::is_ascii_whitespace)
        })
        .map(|(i, _)| i as u64 + 1)
        .collect();
    let got: Vec<u64> = records.iter().map(|r| r.line.unwrap_or(0)).collect();
    assert_eq!(got, expected, "one record per non-blank line, in order");
});

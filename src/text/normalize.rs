//! Word-level normalisation: Unicode NFKC, one apostrophe, possessives and elisions, numbers.

use compact_str::CompactString;
use unicode_normalization::UnicodeNormalization;

use crate::lang::Lang;

/// Characters used as apostrophes that are unified to `'`.
const APOSTROPHES: [char; 5] = ['\u{2019}', '\u{2018}', '\u{02BC}', '\u{00B4}', '`'];

/// Normalises one word as it is written: NFKC, apostrophes unified, lowercased, and with the
/// possessive `'s` (English) or an elided article such as `l'` (French, Italian) removed.
/// Returns the lowercased form.
pub fn normalize_word(raw: &str, lang: Lang) -> CompactString {
    let mut word: CompactString = if raw.is_ascii() {
        let mut w = CompactString::from(raw);
        w.make_ascii_lowercase();
        if !raw.bytes().any(|b| b == b'.' || b == b'\'') {
            return w; // the common case: nothing more to do
        }
        w
    } else {
        let folded: String = raw
            .nfkc()
            .map(|c| if APOSTROPHES.contains(&c) { '\'' } else { c })
            .collect();
        CompactString::from(folded.to_lowercase())
    };
    if is_dotted_acronym(&word) {
        word.retain(|c| c != '.'); // "U.S." = "US"
    }
    if !word.contains('\'') {
        return word;
    }
    match lang {
        Lang::En => {
            if lang.is_negation(&word) {
                return word;
            }
            if let Some(stripped) = word.strip_suffix("'s") {
                word.truncate(stripped.len());
            } else if word.ends_with('\'') {
                word.pop();
            }
        }
        Lang::Fr | Lang::It | Lang::Pt | Lang::Es | Lang::Ro => {
            if let Some(pos) = word.rfind('\'') {
                let (head, tail) = word.split_at(pos);
                if head.chars().count() <= 5 && tail.len() > 1 {
                    word = CompactString::from(&tail[1..]);
                }
            }
        }
        _ => {}
    }
    word
}

/// Single letters joined by full stops: "u.s", "u.k".
fn is_dotted_acronym(word: &str) -> bool {
    if !word.contains('.') {
        return false;
    }
    let mut parts = word.split('.').filter(|p| !p.is_empty());
    let n = parts.clone().count();
    n >= 2
        && word.contains('.')
        && parts.all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

/// An English number word as digits ("three" = "3"). "one" is left out: it is mostly a
/// pronoun ("one of the ...").
fn en_number_word(lower: &str) -> Option<&'static str> {
    Some(match lower {
        "two" => "2",
        "three" => "3",
        "four" => "4",
        "five" => "5",
        "six" => "6",
        "seven" => "7",
        "eight" => "8",
        "nine" => "9",
        "ten" => "10",
        "eleven" => "11",
        "twelve" => "12",
        "thirteen" => "13",
        "fourteen" => "14",
        "fifteen" => "15",
        "sixteen" => "16",
        "seventeen" => "17",
        "eighteen" => "18",
        "nineteen" => "19",
        "twenty" => "20",
        "thirty" => "30",
        "forty" => "40",
        "fifty" => "50",
        "sixty" => "60",
        "seventy" => "70",
        "eighty" => "80",
        "ninety" => "90",
        _ => return None,
    })
}

/// The canonical form of a number written as `lower` (already lowercased), or `None` when it
/// is not a number. Group separators go ("5,000" = "5000"; "5.000" in languages that write
/// decimals with a comma), the decimal separator becomes `.`, ordinal suffixes go ("22nd" = "22"),
/// and English number words become digits.
pub fn normalize_number(lower: &str, lang: Lang) -> Option<String> {
    let first = lower.chars().next()?;
    if !first.is_ascii_digit() {
        if lang == Lang::En {
            return en_number_word(lower).map(str::to_string);
        }
        return None;
    }
    let digits_end = lower
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(lower.len());
    let (num, suffix) = lower.split_at(digits_end);
    if !suffix.chars().all(char::is_alphabetic) {
        return None; // "4x4", "covid-19"-like mixtures are words, not amounts
    }
    // Ordinal endings go ("22nd" = "22"), and so do the units headlines write after a number
    // ("44C", "5pc"); a magnitude multiplies it ("2.1bn" = "2100000000"); another unit stays
    // ("5kg" ≠ "5").
    let ordinal = ["st", "nd", "rd", "th", "er", "e", "º", "ª"];
    let zeros = if lang == Lang::En {
        scale_of(suffix)
    } else {
        None
    };
    let unit = if ordinal.contains(&suffix) || zeros.is_some() || is_dropped_unit(suffix, lang) {
        ""
    } else {
        suffix
    };
    let num = num.trim_end_matches(['.', ',']);
    let comma_decimal = lang != Lang::En;
    let (group, decimal) = if comma_decimal {
        ('.', ',')
    } else {
        (',', '.')
    };
    let grouped = is_grouped(num, group);
    let mut out = String::with_capacity(num.len());
    for c in num.chars() {
        if c == group && grouped {
            continue;
        }
        if c == decimal || c == group {
            out.push('.');
        } else {
            out.push(c);
        }
    }
    // "5.50" and "5.5" are the same amount; "5.0" is "5" (one decimal point only).
    if out.matches('.').count() == 1 {
        let trimmed = out.trim_end_matches('0').trim_end_matches('.');
        out.truncate(trimmed.len());
    }
    if let Some(zeros) = zeros {
        out = scaled(&out, zeros);
    }
    out.push_str(unit);
    Some(out)
}

/// The power of ten a magnitude written after a number stands for, in English ("bn", "m",
/// "k", "tn", "million", …); `None` for anything else.
pub fn scale_of(word: &str) -> Option<usize> {
    Some(match word {
        "k" | "thousand" => 3,
        "m" | "mn" | "mln" | "million" | "millions" => 6,
        "b" | "bn" | "bln" | "billion" | "billions" => 9,
        "tn" | "trn" | "trillion" | "trillions" => 12,
        _ => return None,
    })
}

/// Units a headline writes after a number that the body writes as words of their own
/// ("44C": "44 degrees Celsius"; "5pc": "5 per cent"; "80mph": "80 miles per hour"), so the
/// number alone is compared.
fn is_dropped_unit(suffix: &str, lang: Lang) -> bool {
    lang == Lang::En && matches!(suffix, "c" | "f" | "pc" | "mph" | "kph")
}

/// A currency sign a number may be written after ("£2.1bn"): part of the amount.
pub fn is_currency(c: char) -> bool {
    matches!(c, '$' | '£' | '€' | '¥' | '₹')
}

/// Words after a number that only say what it counts in ("per cent", "degrees Celsius"): part
/// of a number claim, never claims of their own.
pub fn is_number_unit(word: &str) -> bool {
    matches!(
        word,
        "percent" | "cent" | "pc" | "degree" | "degrees" | "celsius" | "fahrenheit" | "c" | "f"
    )
}

/// `number` (digits with at most one `.`) times ten to the `zeros`, in the same canonical form
/// ("2.1" and 9: "2100000000"; "0.5" and 3: "500").
pub fn scaled(number: &str, zeros: usize) -> String {
    let (int, frac) = number.split_once('.').unwrap_or((number, ""));
    let mut out = String::with_capacity(int.len() + zeros + 1);
    out.push_str(int);
    if frac.len() <= zeros {
        out.push_str(frac);
        out.extend(std::iter::repeat_n('0', zeros - frac.len()));
    } else {
        out.push_str(&frac[..zeros]);
        out.push('.');
        out.push_str(&frac[zeros..]);
    }
    let trimmed = out.trim_start_matches('0');
    if trimmed.is_empty() || trimmed.starts_with('.') {
        format!("0{trimmed}")
    } else {
        trimmed.to_string()
    }
}

/// Whether `num` is written in groups of three separated by `sep` ("12,345,678").
fn is_grouped(num: &str, sep: char) -> bool {
    let int_part = num
        .split(if sep == ',' { '.' } else { ',' })
        .next()
        .unwrap_or(num);
    let mut groups = int_part.split(sep);
    let Some(head) = groups.next() else {
        return false;
    };
    let mut any = false;
    for g in groups {
        if g.len() != 3 {
            return false;
        }
        any = true;
    }
    any && (1..=3).contains(&head.len())
}

/// Opening quotation marks and the marks that may close them (writers mix straight and curly
/// quotes: "‘like this'").
const QUOTES: [(char, &str); 7] = [
    ('"', "\"\u{201D}\u{201C}"),
    ('\u{201C}', "\u{201D}\"\u{201C}"),
    ('\u{201E}', "\u{201C}\u{201D}\""),
    ('\u{00AB}', "\u{00BB}"),
    ('\u{2018}', "\u{2019}'\u{2018}"),
    ('\'', "'\u{2019}"),
    ('\u{201A}', "\u{2018}\u{2019}'"),
];

/// Byte spans of the text inside quotation marks, quotes excluded. A quote opens only at the
/// start of the text or after a space or bracket, and closes only before a space, punctuation or
/// the end, so apostrophes in words ("Putin's") never open one.
pub fn quoted_spans(text: &str) -> Vec<(usize, usize)> {
    if !text.contains(|c| QUOTES.iter().any(|(open, _)| *open == c)) {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        let close = QUOTES.iter().find(|(o, _)| *o == c).map(|(_, cl)| *cl);
        let prev_ok = || {
            i == 0 || {
                let p = chars[i - 1].1;
                p.is_whitespace() || "([{:-–—".contains(p)
            }
        };
        if let Some(close) = close.filter(|_| prev_ok()) {
            let open_end = pos + c.len_utf8();
            let found = chars[i + 1..].iter().enumerate().find(|(k, (_, d))| {
                let next = chars.get(i + 2 + k).map(|(_, n)| *n);
                close.contains(*d) && next.is_none_or(|n| !n.is_alphanumeric())
            });
            if let Some((k, (end, _))) = found {
                if *end > open_end && text[open_end..*end].chars().any(char::is_alphanumeric) {
                    spans.push((open_end, *end));
                    i += k + 2;
                    continue;
                }
            }
        }
        i += 1;
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn possessive_and_apostrophes() {
        assert_eq!(normalize_word("Putin\u{2019}s", Lang::En), "putin");
        assert_eq!(normalize_word("Putin's", Lang::En), "putin");
        assert_eq!(normalize_word("workers'", Lang::En), "workers");
        assert_eq!(normalize_word("didn\u{2019}t", Lang::En), "didn't");
        assert_eq!(normalize_word("l\u{2019}accord", Lang::Fr), "accord");
        assert_eq!(normalize_word("dell'Italia", Lang::It), "italia");
        assert_eq!(normalize_word("U.S", Lang::En), "us");
        assert_eq!(normalize_word("U.K.", Lang::En), "uk");
        assert_eq!(normalize_word("e.on", Lang::En), "e.on");
    }

    #[test]
    fn nfkc_folds_compatibility_forms() {
        assert_eq!(normalize_word("\u{FF21}\u{FF22}\u{FF23}", Lang::En), "abc");
        assert_eq!(normalize_word("\u{FB01}nal", Lang::En), "final");
    }

    #[test]
    fn numbers() {
        let n = |s: &str, l| normalize_number(s, l);
        assert_eq!(n("5,000", Lang::En).as_deref(), Some("5000"));
        assert_eq!(n("5000", Lang::En).as_deref(), Some("5000"));
        assert_eq!(n("1,234,567.50", Lang::En).as_deref(), Some("1234567.5"));
        assert_eq!(n("5.000", Lang::De).as_deref(), Some("5000"));
        assert_eq!(n("3,5", Lang::De).as_deref(), Some("3.5"));
        assert_eq!(n("22nd", Lang::En).as_deref(), Some("22"));
        assert_eq!(n("three", Lang::En).as_deref(), Some("3"));
        assert_eq!(n("drei", Lang::De), None);
        assert_eq!(n("word", Lang::En), None);
        assert_eq!(n("4x4", Lang::En), None);
        assert_eq!(n("5bn", Lang::En).as_deref(), Some("5000000000"));
        assert_eq!(n("2.1bn", Lang::En).as_deref(), Some("2100000000"));
        assert_eq!(n("40m", Lang::En).as_deref(), Some("40000000"));
        assert_eq!(n("3k", Lang::En).as_deref(), Some("3000"));
        assert_eq!(n("1.25tn", Lang::En).as_deref(), Some("1250000000000"));
        assert_eq!(n("44c", Lang::En).as_deref(), Some("44"));
        assert_eq!(n("5kg", Lang::En).as_deref(), Some("5kg"));
        assert_eq!(n("5bn", Lang::De).as_deref(), Some("5bn"));
        assert_ne!(n("5bn", Lang::En), n("5m", Lang::En));
        assert_eq!(scaled("0.5", 3), "500");
        assert_eq!(scaled("1.23456", 3), "1234.56");
        assert_eq!(scaled("0", 6), "0");
        assert_eq!(n("1.000.000", Lang::De).as_deref(), Some("1000000"));
        assert_eq!(n("1.2.3", Lang::En).as_deref(), Some("1.2.3"));
    }

    #[test]
    fn quotes_not_apostrophes() {
        let t = "Putin\u{2019}s aide calls talks \u{2018}useful\u{2019} and \"very open\"";
        let got: Vec<&str> = quoted_spans(t).iter().map(|&(s, e)| &t[s..e]).collect();
        assert_eq!(got, ["useful", "very open"]);
        assert!(quoted_spans("Mayor's plan isn't 'done").is_empty());
        let t = "\u{2018}The harbour fox': council says it \u{2018}ran away\u{2019}";
        let got: Vec<&str> = quoted_spans(t).iter().map(|&(s, e)| &t[s..e]).collect();
        assert_eq!(got, ["The harbour fox", "ran away"]);
    }
}

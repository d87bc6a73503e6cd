//! One renderer per output format, all over the same [`crate::Report`].

mod batch;
mod ci;
mod explain;
mod html;
mod json;
mod markdown;
mod table;

pub use batch::{batch_markdown, jsonl_record, stance_of, CsvLayout};
pub use ci::{github, sarif};
pub use explain::explain;
pub use html::html;
pub use json::json;
pub use markdown::markdown;
pub use table::table;

/// One line on the report's stance: the stance and its probability, the others', and the
/// features that moved the decision most (empty without a stance).
pub(crate) fn stance_line(report: &crate::Report) -> String {
    let Some(s) = &report.stance else {
        return String::new();
    };
    let p = s.probabilities.to_array();
    let others: Vec<String> = crate::stance::Stance::ALL
        .iter()
        .filter(|&&o| o != s.stance)
        .map(|o| format!("{o} {:.2}", p[o.index()]))
        .collect();
    let why: Vec<String> = s
        .contributors
        .iter()
        .map(|c| format!("{} {:+.2}", c.feature, c.effect))
        .collect();
    format!(
        "stance: {} {:.2} ({}); most weight: {}",
        s.stance,
        p[s.stance.index()],
        others.join(", "),
        why.join(", ")
    )
}

/// About `max` characters of `text` around the byte range `focus`, cut at word boundaries,
/// with "…" where cut.
pub(crate) fn excerpt(text: &str, focus: Option<[usize; 2]>, max: usize) -> String {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    if chars.len() <= max {
        return text.to_string();
    }
    let centre_byte = focus.map_or(0, |[s, e]| (s + e.min(text.len())) / 2);
    let centre = chars.partition_point(|(b, _)| *b < centre_byte);
    let mut start = centre.saturating_sub(max / 2).min(chars.len() - max);
    let mut end = start + max;
    // Move the cuts inwards to the nearest space, so no word is cut in half.
    if start > 0 {
        while start < end && !chars[start - 1].1.is_whitespace() {
            start += 1;
        }
    }
    if end < chars.len() {
        while end > start && !chars[end].1.is_whitespace() {
            end -= 1;
        }
    }
    if start >= end {
        // No space to cut at (CJK, Thai, a long URL): cut between characters.
        start = centre.saturating_sub(max / 2).min(chars.len() - max);
        end = start + max;
    }
    let byte = |i: usize| chars.get(i).map_or(text.len(), |c| c.0);
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.push_str(text[byte(start)..byte(end)].trim());
    if end < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn excerpts_cut_between_words_around_the_match() {
        let text = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda";
        let at = text.find("theta").unwrap();
        let e = excerpt(text, Some([at, at + 5]), 20);
        assert!(e.contains("theta"), "{e}");
        assert!(e.starts_with('…') && e.ends_with('…'), "{e}");
        for word in e.trim_matches('…').split(' ') {
            assert!(
                text.split(' ').any(|w| w == word),
                "cut word {word:?} in {e}"
            );
        }
        assert_eq!(excerpt("short", None, 20), "short");
        let cjk = "今日は".repeat(30) + "東京" + &"で会議".repeat(10);
        let at = cjk.find("東京").unwrap();
        let e = excerpt(&cjk, Some([at, at + "東京".len()]), 20);
        assert!(e.contains("東京") && e.chars().count() >= 20, "{e}");
    }
}

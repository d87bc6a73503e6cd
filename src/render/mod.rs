//! One renderer per output format, all over the same [`crate::Report`].

mod explain;
mod json;
mod markdown;
mod table;

pub use explain::explain;
pub use json::json;
pub use markdown::markdown;
pub use table::table;

/// Up to `max` characters of `text` around the byte range `focus`, with "…" where cut.
pub(crate) fn excerpt(text: &str, focus: Option<[usize; 2]>, max: usize) -> String {
    let text_chars = text.chars().count();
    if text_chars <= max {
        return text.to_string();
    }
    let centre = focus.map_or(0, |[s, e]| {
        text[..s.min(text.len())].chars().count()
            + text[s.min(text.len())..e.min(text.len())].chars().count() / 2
    });
    let half = max / 2;
    let start = centre.saturating_sub(half).min(text_chars - max);
    let end = start + max;
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.extend(text.chars().skip(start).take(end - start));
    if end < text_chars {
        out.push('…');
    }
    out
}

//! `--format json`: the report model, pretty-printed.

use crate::report::Report;

/// The report as pretty-printed JSON, ending in a newline.
pub fn json(report: &Report) -> String {
    // Serialising plain data with string keys cannot fail.
    let mut out = serde_json::to_string_pretty(report).unwrap_or_default();
    out.push('\n');
    out
}

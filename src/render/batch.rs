//! Batch outputs: JSON Lines and CSV, written a record at a time; the Markdown summary.

use std::fmt::Write as _;

use super::excerpt;
use crate::batch::{unsupported_claims, Record, Summary};
use crate::report::Verdict;

/// `--format jsonl`: appends one record as a JSON object and a line break to `out`. Records
/// are rendered where they were checked (in parallel) and written in input order.
pub fn jsonl_record(record: &Record, out: &mut Vec<u8>) -> serde_json::Result<()> {
    serde_json::to_writer(&mut *out, record)?;
    out.push(b'\n');
    Ok(())
}

/// The FNC-1 stance of a report: the stance model's, or for languages without one, what the
/// verdict stands for (unrelated, contradicted → disagree, else discuss).
pub fn stance_of(report: &crate::Report) -> &'static str {
    match (&report.stance, report.verdict) {
        (Some(s), _) => s.stance.as_str(),
        (None, Verdict::Unrelated) => "unrelated",
        (None, Verdict::Contradicted) => "disagree",
        (None, Verdict::Consistent | Verdict::Partial) => "discuss",
    }
}

/// `--format csv`. For FNC-1 pair files: the stance file's columns in their order, `Stance`
/// set to the prediction (added when missing), then `score`, `verdict`, `error`, so the
/// official scorer reads it as a submission. For other inputs: `id`, `verdict`, `score`,
/// `unsupported` (the unsupported claims, `; `-separated), `error`.
#[derive(Clone, Debug)]
pub struct CsvLayout {
    header: Vec<String>,
    /// For pair files: the stance file's width (with `Stance`) and where `Stance` is in it.
    pairs: Option<(usize, usize)>,
}

impl CsvLayout {
    /// The layout for pair files whose stance file has `header`.
    pub fn pairs(header: &[String]) -> Self {
        let mut header = header.to_vec();
        let stance = match header.iter().position(|h| h == "Stance") {
            Some(i) => i,
            None => {
                header.push("Stance".into());
                header.len() - 1
            }
        };
        let width = header.len();
        header.extend(["score", "verdict", "error"].map(String::from));
        CsvLayout {
            header,
            pairs: Some((width, stance)),
        }
    }

    /// The layout for articles (folders, JSON Lines, CSV).
    pub fn articles() -> Self {
        CsvLayout {
            header: ["id", "verdict", "score", "unsupported", "error"]
                .map(String::from)
                .to_vec(),
            pairs: None,
        }
    }

    /// Appends the header row to `out`.
    pub fn header(&self, out: &mut Vec<u8>) {
        csv_record(out, self.header.iter().map(String::as_bytes));
    }

    /// Appends one record's row to `out`.
    pub fn row(&self, record: &Record, out: &mut Vec<u8>) {
        let report = record.report();
        let verdict = report.map_or("error", |r| r.verdict.as_str());
        let score = report.map_or(String::new(), |r| thousandths(r.score));
        let error = record.error().unwrap_or_default();
        match self.pairs {
            Some((width, stance)) => {
                let predicted = report.map_or("", stance_of);
                let fields = (0..width).map(|i| match record.fields.get(i) {
                    _ if i == stance => predicted,
                    Some(f) => f.as_str(),
                    None => "",
                });
                let fields = fields.chain([score.as_str(), verdict, error]);
                csv_record(out, fields.map(str::as_bytes));
            }
            None => {
                let unsupported = report
                    .map(|r| unsupported_claims(r).collect::<Vec<_>>().join("; "))
                    .unwrap_or_default();
                let fields = [
                    record.id().unwrap_or_default(),
                    verdict,
                    &score,
                    &unsupported,
                    error,
                ];
                csv_record(out, fields.map(str::as_bytes));
            }
        }
    }
}

/// A score rounded to three decimals ([`crate::score::round3`]) as `f64`'s `Display` writes it
/// ("0.044", "0.5", "1"), without the general float formatting.
fn thousandths(score: f64) -> String {
    let k = (score * 1000.0).round();
    if !(0.0..=1e12).contains(&k) || crate::score::round3(score) != score {
        return score.to_string();
    }
    let k = k as u64;
    let (whole, mut frac) = (k / 1000, k % 1000);
    if frac == 0 {
        return whole.to_string();
    }
    let mut digits = 3;
    while frac % 10 == 0 {
        frac /= 10;
        digits -= 1;
    }
    let mut out = whole.to_string();
    out.push('.');
    let frac = frac.to_string();
    out.extend(std::iter::repeat_n('0', digits - frac.len()));
    out.push_str(&frac);
    out
}

/// Appends one CSV record to `out` as the `csv` crate's default writer does: fields quoted
/// only when needed (RFC 4180), a `\n` after the record.
fn csv_record<'a>(out: &mut Vec<u8>, fields: impl IntoIterator<Item = &'a [u8]>) {
    let mut writer = csv_core::Writer::new();
    // Writes with `step` into room for `max` bytes at the end of `out`.
    let put = |out: &mut Vec<u8>, max: usize, step: &mut dyn FnMut(&mut [u8]) -> usize| {
        let start = out.len();
        out.resize(start + max, 0);
        let n = step(&mut out[start..]);
        out.truncate(start + n);
    };
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            put(out, 2, &mut |buf| writer.delimiter(buf).1);
        }
        // At most every byte doubled, plus the quotes around.
        put(out, 2 + 2 * field.len(), &mut |buf| {
            writer.field(field, buf).2
        });
    }
    put(out, 4, &mut |buf| writer.terminator(buf).1);
}

/// `--format markdown`: counts per verdict, the worst articles with their unsupported claims,
/// and the first errors.
pub fn batch_markdown(summary: &Summary) -> String {
    let t = &summary.tally;
    let mut out = String::new();
    let _ = writeln!(out, "## headcheck batch: {} records\n", t.records);
    out.push_str("| Verdict | Articles |\n|---|---:|\n");
    for v in Verdict::ALL {
        let _ = writeln!(out, "| {v} | {} |", t.count(v));
    }
    let _ = writeln!(out, "| error | {} |\n", t.errors);
    if summary.worst.is_empty() {
        out.push_str("No article was flagged.\n");
    } else {
        let flagged = t.partial + t.contradicted + t.unrelated;
        let _ = writeln!(
            out,
            "### Worst articles ({} of {flagged} flagged)\n",
            summary.worst.len()
        );
        out.push_str("| # | Id | Headline | Verdict | Score | Unsupported claims |\n");
        out.push_str("|---:|---|---|---|---:|---|\n");
        for (n, f) in summary.worst.iter().enumerate() {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {:.3} | {} |",
                n + 1,
                cell(f.id.as_deref().unwrap_or("")),
                cell(&excerpt(&f.headline, None, 120)),
                f.verdict,
                f.score,
                cell(&f.unsupported.join("; "))
            );
        }
    }
    if !summary.errors.is_empty() {
        let _ = writeln!(
            out,
            "\n### Errors ({} of {})\n",
            summary.errors.len(),
            t.errors
        );
        for e in &summary.errors {
            let _ = writeln!(out, "- {}", cell(e));
        }
    }
    out
}

/// Text safe inside a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousandths_are_written_as_display_writes_them() {
        for k in 0..=3000u32 {
            let x = crate::score::round3(f64::from(k) / 1000.0);
            assert_eq!(thousandths(x), x.to_string(), "{k}");
        }
        for x in [0.1234, -0.5, 1e15, f64::NAN] {
            assert_eq!(thousandths(x), x.to_string());
        }
    }

    #[test]
    fn csv_records_are_written_as_the_csv_crate_writes_them() {
        let rows: [&[&str]; 6] = [
            &["plain", "two words", "1.5"],
            &["a,b", "say \"hi\"", "line\nbreak", "cr\rhere", ""],
            &[""],
            &["", ""],
            &["\"", "#x", " lead", "tab\there", "caf\u{e9}"],
            &["x,\"y\"\r\n", "last"],
        ];
        for row in rows {
            let mut ours = Vec::new();
            csv_record(&mut ours, row.iter().map(|f| f.as_bytes()));
            let mut theirs = csv::Writer::from_writer(Vec::new());
            theirs.write_record(row).unwrap();
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                String::from_utf8(theirs.into_inner().unwrap()).unwrap(),
                "{row:?}"
            );
        }
    }
}

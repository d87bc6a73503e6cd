//! Batch outputs: JSON Lines and CSV, written a record at a time; the Markdown summary.

use std::fmt::Write as _;
use std::io::Write;

use super::excerpt;
use crate::batch::{unsupported_claims, Record, Summary};
use crate::report::Verdict;

/// `--format jsonl`: one JSON object per record and line, in input order.
pub struct JsonlOutput<W: Write> {
    out: W,
}

impl<W: Write> JsonlOutput<W> {
    /// Writes to `out`.
    pub fn new(out: W) -> Self {
        JsonlOutput { out }
    }

    /// Writes one record.
    pub fn write(&mut self, record: &Record) -> std::io::Result<()> {
        serde_json::to_writer(&mut self.out, record)?;
        self.out.write_all(b"\n")
    }

    /// Flushes and hands back the writer.
    pub fn finish(mut self) -> std::io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// The FNC-1 stance a verdict stands for, until a stance model exists: unrelated, else
/// discuss.
pub fn stance_of(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Unrelated => "unrelated",
        Verdict::Consistent | Verdict::Partial => "discuss",
    }
}

/// `--format csv`. For FNC-1 pair files: the stance file's columns in their order, `Stance`
/// set to the prediction (added when missing), then `score`, `verdict`, `error`, so the
/// official scorer reads it as a submission. For other inputs: `id`, `verdict`, `score`,
/// `unsupported` (the unsupported claims, `; `-separated), `error`.
pub struct CsvOutput<W: Write> {
    out: csv::Writer<W>,
    /// For pair files: the stance file's header and where `Stance` is in it.
    pairs: Option<(usize, usize)>,
}

impl<W: Write> CsvOutput<W> {
    /// Output for pair files whose stance file has `header`.
    pub fn pairs(out: W, header: &[String]) -> std::io::Result<Self> {
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
        let mut out = csv::Writer::from_writer(out);
        out.write_record(&header)?;
        Ok(CsvOutput {
            out,
            pairs: Some((width, stance)),
        })
    }

    /// Output for articles (folders, JSON Lines, CSV).
    pub fn articles(out: W) -> std::io::Result<Self> {
        let mut out = csv::Writer::from_writer(out);
        out.write_record(["id", "verdict", "score", "unsupported", "error"])?;
        Ok(CsvOutput { out, pairs: None })
    }

    /// Writes one record.
    pub fn write(&mut self, record: &Record) -> std::io::Result<()> {
        let report = record.report();
        let verdict = report.map_or("error", |r| r.verdict.as_str());
        let score = report.map_or(String::new(), |r| format!("{}", r.score));
        let error = record.error().unwrap_or_default();
        match self.pairs {
            Some((width, stance)) => {
                let mut row = record.fields.clone();
                row.resize(width, String::new());
                row[stance] = report.map_or("", |r| stance_of(r.verdict)).to_string();
                row.extend([score, verdict.to_string(), error.to_string()]);
                self.out.write_record(&row)?;
            }
            None => {
                let unsupported = report
                    .map(|r| unsupported_claims(r).collect::<Vec<_>>().join("; "))
                    .unwrap_or_default();
                self.out.write_record([
                    record.id().unwrap_or_default(),
                    verdict,
                    &score,
                    &unsupported,
                    error,
                ])?;
            }
        }
        Ok(())
    }

    /// Flushes and hands back the writer.
    pub fn finish(self) -> std::io::Result<W> {
        self.out.into_inner().map_err(|e| e.into_error())
    }
}

/// `--format markdown`: counts per verdict, the worst articles with their unsupported claims,
/// and the first errors.
pub fn batch_markdown(summary: &Summary) -> String {
    let t = &summary.tally;
    let mut out = String::new();
    let _ = writeln!(out, "## headcheck batch: {} records\n", t.records);
    out.push_str("| Verdict | Articles |\n|---|---:|\n");
    for v in [Verdict::Consistent, Verdict::Partial, Verdict::Unrelated] {
        let _ = writeln!(out, "| {v} | {} |", t.count(v));
    }
    let _ = writeln!(out, "| error | {} |\n", t.errors);
    if summary.worst.is_empty() {
        out.push_str("No article was flagged.\n");
    } else {
        let flagged = t.partial + t.unrelated;
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

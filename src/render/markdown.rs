//! `--format markdown`: a summary, an evidence table and a focus table in GitHub Markdown.

use std::fmt::Write;

use super::excerpt;
use crate::report::Report;

/// The report as Markdown.
pub fn markdown(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## headcheck: {}\n", cell(&report.headline));
    let _ = writeln!(
        out,
        "**Verdict: {}** (score {:.3}): {}.\n",
        report.verdict,
        report.score,
        cell(&report.reason)
    );
    let c = report.counts;
    let _ = writeln!(
        out,
        "{} claims: {} supported, {} paraphrased, {} weak, {} unsupported{}.\n",
        report.claims.len(),
        c.supported,
        c.paraphrase,
        c.weak,
        c.unsupported,
        super::table::contradicted_count(&c)
    );
    if !report.framing.is_empty() {
        let _ = writeln!(
            out,
            "Framing, not checked: {}.\n",
            cell(&report.framing.join(", "))
        );
    }
    let stance = super::stance_line(report);
    if !stance.is_empty() {
        let _ = writeln!(out, "{}\n", cell(&stance));
    }
    out.push_str("| Claim | Kind | Weight | Status | Evidence |\n|---|---|---:|---|---|\n");
    for claim in &report.claims {
        let evidence = claim.evidence.first().map_or_else(
            || format!("_{}_", cell(&claim.reason)),
            |e| {
                let rel = e.matched.first().map(|m| [m[0] - e.start, m[1] - e.start]);
                format!(
                    "{} _(sentence {}; {})_",
                    cell(&excerpt(&e.text, rel, 140)),
                    e.sentence + 1,
                    cell(&claim.reason)
                )
            },
        );
        let _ = writeln!(
            out,
            "| {}{} | {} | {:.2} | {} | {} |",
            if claim.part_of.is_some() { "└ " } else { "" },
            cell(&claim.text),
            claim.kind.as_str(),
            claim.weight,
            claim.status.as_str(),
            evidence
        );
    }
    if !report.focus.is_empty() {
        out.push_str("\n### What the body is about that the headline does not mention\n\n");
        out.push_str(
            "| Focus | Kind | Mentions | First sentence | Salience |\n|---|---|---:|---:|---:|\n",
        );
        for f in &report.focus {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {:.2} |",
                cell(&f.text),
                f.kind.as_str(),
                f.mentions,
                f.first_sentence + 1,
                f.salience
            );
        }
    }
    out
}

/// Text safe inside a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

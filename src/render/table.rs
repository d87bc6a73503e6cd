//! `--format table`: a summary line, an evidence table and a body-focus table (comfy-table).

use comfy_table::{
    presets::UTF8_FULL_CONDENSED, Attribute, Cell, CellAlignment, Color, ContentArrangement, Table,
};

use super::excerpt;
use crate::report::{Report, Status, Verdict};

/// The report as terminal tables, coloured when `color` is set. `width` caps the tables' width;
/// without it they fit the terminal when there is one.
pub fn table(report: &Report, color: bool, width: Option<u16>) -> String {
    let mut out = String::new();
    let verdict = report.verdict.as_str().to_uppercase();
    let verdict = if color {
        let code = match report.verdict {
            Verdict::Consistent => "32",
            Verdict::Partial => "33",
            Verdict::Contradicted => "35",
            Verdict::Unrelated => "31",
        };
        format!("\x1b[1;{code}m{verdict}\x1b[0m")
    } else {
        verdict
    };
    out.push_str(&format!(
        "{verdict}  score {:.3}  {}\n",
        report.score, report.reason
    ));
    out.push_str(&format!("headline: {}\n", report.headline));
    let c = report.counts;
    out.push_str(&format!(
        "{} claims: {} supported, {} paraphrased, {} weak, {} unsupported{}; body: {} sentences; lang: {}\n",
        report.claims.len(),
        c.supported,
        c.paraphrase,
        c.weak,
        c.unsupported,
        contradicted_count(&c),
        report.sentences,
        report.lang
    ));
    if !report.framing.is_empty() {
        out.push_str(&format!(
            "framing, not checked: {}\n",
            report.framing.join(", ")
        ));
    }
    out.push('\n');
    let stance = super::stance_line(report);
    if !stance.is_empty() {
        out.push_str(&stance);
        out.push_str("\n\n");
    }

    let mut t = new_table(color, width);
    t.set_header(["Claim", "Kind", "Weight", "Status", "Evidence"]);
    // A sentence already shown on the row above is not shown again.
    let mut shown: Option<usize> = None;
    for claim in &report.claims {
        let status = Cell::new(claim.status.as_str());
        let status = if color {
            status.fg(match claim.status {
                Status::Supported => Color::Green,
                Status::Weak => Color::Yellow,
                Status::Paraphrase => Color::Cyan,
                Status::Unsupported => Color::Red,
                Status::Contradicted => Color::Magenta,
            })
        } else {
            status
        };
        let unsupported = claim.status == Status::Unsupported;
        let evidence = match claim.evidence.first() {
            // An unsupported claim's sentence shows what the body says instead ("Joan Rivers"
            // for "Kerry Rivers"): the reason first, so it does not read as support.
            Some(e) if unsupported => {
                let rel = e.matched.first().map(|m| [m[0] - e.start, m[1] - e.start]);
                format!(
                    "({})\n#{} instead: {}",
                    claim.reason,
                    e.sentence + 1,
                    excerpt(&e.text, rel, 110)
                )
            }
            Some(e) if shown == Some(e.sentence) => {
                format!("#{}, as above\n({})", e.sentence + 1, claim.reason)
            }
            Some(e) => {
                let rel = e.matched.first().map(|m| [m[0] - e.start, m[1] - e.start]);
                format!(
                    "#{}: {}\n({})",
                    e.sentence + 1,
                    excerpt(&e.text, rel, 110),
                    claim.reason
                )
            }
            None => format!("({})", claim.reason),
        };
        shown = claim
            .evidence
            .first()
            .filter(|_| !unsupported)
            .map(|e| e.sentence);
        let text = match claim.part_of {
            Some(_) => format!("└ {}", cell_text(&claim.text)),
            None => cell_text(&claim.text),
        };
        t.add_row(vec![
            Cell::new(text),
            Cell::new(claim.kind.as_str()),
            Cell::new(format!("{:.2}", claim.weight)).set_alignment(CellAlignment::Right),
            status,
            Cell::new(evidence),
        ]);
    }
    out.push_str(&t.to_string());
    out.push('\n');

    if !report.focus.is_empty() {
        out.push_str("\nWhat the body is about that the headline does not mention:\n");
        let mut f = new_table(color, width);
        f.set_header(["Focus", "Kind", "Mentions", "First sentence", "Salience"]);
        for item in &report.focus {
            let name = Cell::new(cell_text(&item.text));
            let name = if color {
                name.add_attribute(Attribute::Bold)
            } else {
                name
            };
            f.add_row(vec![
                name,
                Cell::new(item.kind.as_str()),
                Cell::new(item.mentions).set_alignment(CellAlignment::Right),
                Cell::new(item.first_sentence + 1).set_alignment(CellAlignment::Right),
                Cell::new(format!("{:.2}", item.salience)).set_alignment(CellAlignment::Right),
            ]);
        }
        out.push_str(&f.to_string());
        out.push('\n');
    }
    out
}

/// A claim or focus word as a table shows it: at most [`CELL_CHARS`] characters. (The table
/// wraps a cell's words itself, which takes time quadratic in a word's length: a body that is
/// one endless "word" must not stall the report.)
fn cell_text(text: &str) -> String {
    excerpt(text, None, CELL_CHARS)
}

/// The most characters of a claim or focus word a table shows.
const CELL_CHARS: usize = 120;

fn new_table(color: bool, width: Option<u16>) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    match width {
        Some(width) => {
            t.set_width(width);
        }
        // A terminal that reports no usable width (some CI logs, `script`): 120 columns.
        None if t.width().is_none_or(|w| w < 40) => {
            t.set_width(120);
        }
        None => {}
    }
    if color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    t
}

/// ", N contradicted" when the body denies any claim, else nothing.
pub(crate) fn contradicted_count(c: &crate::Counts) -> String {
    if c.contradicted > 0 {
        format!(", {} contradicted", c.contradicted)
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Article, Checker, Lang};

    #[test]
    fn endless_words_are_cut_in_cells() {
        // The longest word the tokenizer keeps (a longer run of letters is no word).
        let word = "a".repeat(crate::text::MAX_WORD_BYTES);
        let body = format!("{word} {word}. The {word} again.");
        let report = Checker::new(Lang::En).check(&Article::new("Council approves budget", &body));
        assert!(
            report.focus.iter().any(|f| f.text == word),
            "{:?}",
            report
                .focus
                .iter()
                .map(|f| f.text.len())
                .collect::<Vec<_>>()
        );
        let out = table(&report, false, Some(100));
        assert!(!out.contains(&word), "the whole word is shown");
        assert!(out.contains("aaaa…"), "{out}");
    }
}

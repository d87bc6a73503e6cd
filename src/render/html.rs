//! `batch --format html`: the whole batch as one self-contained HTML page.
//!
//! The page makes no requests of its own (inline CSS, inline SVG, inline JS, system fonts), so
//! it can be mailed, archived or opened from a CI artifact as it is. It reads fine without
//! JavaScript; the script only makes the table's columns sortable.

use std::cmp::Ordering;
use std::fmt::Write;

use crate::batch::{unsupported_claims, Outcome, Record, Tally};
use crate::report::{Claim, Evidence, Report, Verdict};

/// The page may load nothing: everything it needs is inline. A browser then blocks (and
/// reports) any request that slips in, rather than quietly making it.
const CSP: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
                   style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">";
/// Histogram bins over [0, 1].
const BINS: usize = 10;
/// Evidence sentences longer than this (bytes) are shown as a window around the first match.
const MAX_SENTENCE: usize = 600;

/// The batch as one HTML page (no external requests): counts per verdict, a histogram of
/// scores as inline SVG, a sortable worst-first table and each article's evidence.
///
/// `title` is used for the page's `<title>` and its heading. The output depends only on the
/// arguments, so the same batch always gives the same bytes.
pub fn html(records: &[Record], tally: &Tally, title: &str) -> String {
    let mut out = String::with_capacity(16 * 1024 + records.len() * 4 * 1024);
    let title = escape(title);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"headcheck\">\n{CSP}\n<title>{title}</title>\n\
         <style>{CSS}</style>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n"
    );
    summary(&mut out, tally);
    histogram(&mut out, records);
    table(&mut out, records);
    let _ = write!(out, "</main>\n<script>{JS}</script>\n</body>\n</html>\n");
    out
}

/// Text safe in HTML content and in quoted attribute values.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// How the table's verdict column ranks a record: the worse, the higher; failures lowest so
/// that "worst first" lists them after every checked article.
fn rank(record: &Record) -> i32 {
    match record.verdict() {
        Some(Verdict::Unrelated) => 3,
        Some(Verdict::Contradicted) => 2,
        Some(Verdict::Partial) => 1,
        Some(Verdict::Consistent) => 0,
        None => -1,
    }
}

/// Worst verdict first, then lowest score, then input order; failed records last.
fn worst_first((a_seq, a): &(usize, &Record), (b_seq, b): &(usize, &Record)) -> Ordering {
    let score = |r: &Record| r.report().map_or(f64::INFINITY, |r| r.score);
    rank(b)
        .cmp(&rank(a))
        .then(score(a).total_cmp(&score(b)))
        .then(a_seq.cmp(b_seq))
}

fn summary(out: &mut String, tally: &Tally) {
    let share = |n: usize| {
        if tally.records == 0 {
            String::new()
        } else {
            format!("{:.0}%", 100.0 * n as f64 / tally.records as f64)
        }
    };
    out.push_str("<section class=\"summary\" aria-label=\"Counts\">\n");
    let _ = writeln!(
        out,
        "<div class=\"card total\"><span class=\"n\">{}</span><span class=\"label\">records</span></div>",
        tally.records
    );
    for (class, n) in [
        ("consistent", tally.consistent),
        ("partial", tally.partial),
        ("contradicted", tally.contradicted),
        ("unrelated", tally.unrelated),
        ("error", tally.errors),
    ] {
        let label = if class == "error" { "errors" } else { class };
        let _ = writeln!(
            out,
            "<div class=\"card {class}\"><span class=\"n\">{n}</span>\
             <span class=\"label\">{label}</span><span class=\"share\">{}</span></div>",
            share(n)
        );
    }
    out.push_str("</section>\n");
}

/// A verdict's place in a histogram bin's counts, bottom of the stacked bar first.
fn slot(verdict: Verdict) -> usize {
    match verdict {
        Verdict::Consistent => 0,
        Verdict::Partial => 1,
        Verdict::Contradicted => 2,
        Verdict::Unrelated => 3,
    }
}

fn histogram(out: &mut String, records: &[Record]) {
    // Per bin: consistent, partial, contradicted, unrelated.
    let mut bins = [[0usize; 4]; BINS];
    for report in records.iter().filter_map(Record::report) {
        if !report.score.is_finite() {
            continue;
        }
        let bin = ((report.score.clamp(0.0, 1.0) * BINS as f64) as usize).min(BINS - 1);
        bins[bin][slot(report.verdict)] += 1;
    }
    let max = bins
        .iter()
        .map(|b| b.iter().sum::<usize>())
        .max()
        .unwrap_or(0);
    // A "nice" tick step giving at most five gridlines.
    let mut step = 1;
    for s in [
        1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000,
    ] {
        step = s;
        if max.div_ceil(s) <= 5 {
            break;
        }
    }
    while max.div_ceil(step) > 5 {
        step *= 10;
    }
    let top = (max.div_ceil(step) * step).max(step);

    let (w, h) = (640.0, 250.0);
    let (left, right, up, down) = (48.0, 12.0, 18.0, 48.0);
    let (pw, ph) = (w - left - right, h - up - down);
    let x = |v: f64| left + v * pw;
    let y = |n: f64| up + ph - n / top as f64 * ph;

    out.push_str("<section class=\"histogram\">\n<h2>Score distribution</h2>\n");
    let _ = writeln!(
        out,
        "<svg viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" \
         aria-label=\"Histogram of scores of checked articles\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    // Gridlines and y labels.
    let mut n = 0;
    while n <= top {
        let yy = y(n as f64);
        let _ = writeln!(
            out,
            "<line class=\"grid\" x1=\"{:.1}\" y1=\"{yy:.1}\" x2=\"{:.1}\" y2=\"{yy:.1}\"/>\
             <text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{n}</text>",
            x(0.0),
            x(1.0),
            left - 6.0,
            yy + 4.0
        );
        n += step;
    }
    // Bars, stacked by verdict, one group per bin so its tooltip covers the whole bar.
    let bar = pw / BINS as f64;
    for (i, counts) in bins.iter().enumerate() {
        let lo = i as f64 / BINS as f64;
        let hi = (i + 1) as f64 / BINS as f64;
        let total: usize = counts.iter().sum();
        let mut tip = format!(
            "score {lo:.1}–{hi:.1}: {total} article{}",
            if total == 1 { "" } else { "s" }
        );
        if total > 0 {
            let parts: Vec<String> = Verdict::ALL
                .iter()
                .filter(|v| counts[slot(**v)] > 0)
                .map(|v| format!("{} {}", counts[slot(*v)], v.as_str()))
                .collect();
            let _ = write!(tip, " ({})", parts.join(", "));
        }
        let _ = writeln!(out, "<g class=\"bin\"><title>{tip}</title>");
        let bx = x(lo) + 2.0;
        let bw = bar - 4.0;
        // An invisible full-height target, so empty and short bins still show their tooltip.
        let _ = writeln!(
            out,
            "<rect class=\"hit\" x=\"{bx:.1}\" y=\"{:.1}\" width=\"{bw:.1}\" height=\"{ph:.1}\"/>",
            y(top as f64)
        );
        let mut base = 0usize;
        for v in Verdict::ALL {
            let c = counts[slot(v)];
            if c == 0 {
                continue;
            }
            let y0 = y(base as f64);
            let y1 = y((base + c) as f64);
            let _ = writeln!(
                out,
                "<rect class=\"bar {}\" x=\"{bx:.1}\" y=\"{y1:.1}\" width=\"{bw:.1}\" height=\"{:.1}\"/>",
                v.as_str(),
                y0 - y1
            );
            base += c;
        }
        if total > 0 {
            let _ = writeln!(
                out,
                "<text class=\"count\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{total}</text>",
                bx + bw / 2.0,
                y(total as f64) - 4.0
            );
        }
        out.push_str("</g>\n");
    }
    // Axes, x ticks and axis labels.
    let _ = writeln!(
        out,
        "<line class=\"axis\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\"/>\
         <line class=\"axis\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\"/>",
        x(0.0),
        y(0.0),
        x(1.0),
        y(0.0),
        x(0.0),
        y(0.0),
        x(0.0),
        y(top as f64)
    );
    for i in 0..=BINS {
        let v = i as f64 / BINS as f64;
        let _ = writeln!(
            out,
            "<text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{v:.1}</text>",
            x(v),
            y(0.0) + 16.0
        );
    }
    let _ = writeln!(
        out,
        "<text class=\"label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">score (the chance a reader finds the headline supported)</text>",
        x(0.5),
        h - 8.0
    );
    let _ = writeln!(
        out,
        "<text class=\"label\" transform=\"translate(14 {:.1}) rotate(-90)\" text-anchor=\"middle\">articles</text>",
        up + ph / 2.0
    );
    if max == 0 {
        let _ = writeln!(
            out,
            "<text class=\"label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">no checked articles</text>",
            x(0.5),
            y(top as f64 / 2.0)
        );
    }
    out.push_str("</svg>\n<p class=\"legend\">");
    for v in Verdict::ALL {
        let _ = write!(
            out,
            "<span><i class=\"swatch {0}\"></i>{0}</span> ",
            v.as_str()
        );
    }
    out.push_str("<span class=\"hint\">Hover a bar for its count.</span></p>\n</section>\n");
}

fn table(out: &mut String, records: &[Record]) {
    let mut order: Vec<(usize, &Record)> = records.iter().enumerate().collect();
    order.sort_by(worst_first);
    out.push_str(
        "<section class=\"records\">\n<h2>Articles</h2>\n\
         <p class=\"hint\">Worst first: unrelated, then contradicted, then partial, then consistent; lowest score \
         first within each; records that could not be checked last. \
         <span id=\"sort-hint\" hidden>Click a column header to sort by it, again to reverse.</span></p>\n\
         <table id=\"articles\">\n<thead><tr>\
         <th class=\"num\" data-sort=\"seq\" data-first=\"asc\" scope=\"col\">#</th>\
         <th data-sort=\"id\" data-first=\"asc\" scope=\"col\">id</th>\
         <th data-sort=\"headline\" data-first=\"asc\" scope=\"col\">headline</th>\
         <th data-sort=\"verdict\" data-first=\"desc\" scope=\"col\" aria-sort=\"descending\">verdict</th>\
         <th class=\"num\" data-sort=\"score\" data-first=\"asc\" scope=\"col\">score</th>\
         <th data-sort=\"unsupported\" data-first=\"desc\" scope=\"col\">unsupported claims</th>\
         </tr></thead>\n<tbody>\n",
    );
    for (seq, record) in order {
        match &record.outcome {
            Outcome::Checked(report) => checked_row(out, seq, record, report),
            Outcome::Failed { error, .. } => failed_row(out, seq, record, error),
        }
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

/// The id cell: the record's id, and where it came from when known.
fn id_cell(record: &Record) -> String {
    let mut cell = record.id().map_or_else(
        || "<span class=\"muted\">—</span>".to_string(),
        // A break opportunity after each slash keeps long paths from widening the column.
        |id| format!("<code>{}</code>", escape(id).replace('/', "/<wbr>")),
    );
    if let Some(body) = &record.body_id {
        let _ = write!(
            cell,
            "<br><span class=\"muted\">body {}</span>",
            escape(body)
        );
    }
    if let Some(line) = record.line {
        let _ = write!(cell, "<br><span class=\"muted\">line {line}</span>");
    }
    cell
}

fn checked_row(out: &mut String, seq: usize, record: &Record, report: &Report) {
    let verdict = report.verdict.as_str();
    let unsupported: Vec<&str> = unsupported_claims(report).collect();
    let claims = if unsupported.is_empty() {
        "<span class=\"muted\">none</span>".to_string()
    } else {
        unsupported
            .iter()
            .map(|c| format!("<span class=\"chip\">{}</span>", escape(c)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let width = if report.score.is_finite() {
        report.score.clamp(0.0, 1.0) * 100.0
    } else {
        0.0
    };
    let _ = writeln!(
        out,
        "<tr class=\"article\" data-verdict=\"{verdict}\" data-seq=\"{seq}\" data-verdict-rank=\"{}\" \
         data-score=\"{}\" data-unsupported=\"{}\" data-id=\"{}\" data-headline=\"{}\">\
         <td class=\"num\">{}</td><td class=\"id\">{}</td><td class=\"headline\">{}</td>\
         <td><span class=\"badge {verdict}\">{verdict}</span></td>\
         <td class=\"num score\">{:.3}<span class=\"meter\"><span class=\"fill {verdict}\" \
         style=\"width:{width:.0}%\"></span></span></td><td>{claims}</td></tr>",
        rank(record),
        report.score,
        unsupported.len(),
        escape(record.id().unwrap_or("")),
        escape(&report.headline),
        seq + 1,
        id_cell(record),
        escape(&report.headline),
        report.score,
    );
    let c = report.counts;
    let _ = writeln!(
        out,
        "<tr class=\"detail\"><td></td><td colspan=\"5\"><details><summary>\
         <span class=\"why\">{}</span> <span class=\"muted\">({} claim{}: {} supported, {} paraphrased, \
         {} weak, {} unsupported{})</span></summary>",
        escape(&report.reason),
        report.claims.len(),
        if report.claims.len() == 1 { "" } else { "s" },
        c.supported,
        c.paraphrase,
        c.weak,
        c.unsupported,
        super::table::contradicted_count(&c)
    );
    let _ = writeln!(
        out,
        "<p class=\"metrics\">score {:.3} = 0.4 × support {:.3} + 0.3 × coverage {:.3} + 0.3 × \
         similarity {:.3}; {} sentence{}, language {}</p>",
        report.score,
        report.support,
        report.coverage,
        report.similarity,
        report.sentences,
        if report.sentences == 1 { "" } else { "s" },
        escape(&report.lang)
    );
    if !report.claims.is_empty() {
        out.push_str(
            "<table class=\"claims\"><thead><tr><th>claim</th><th>kind</th><th>status</th>\
             <th class=\"num\">weight</th><th>reason</th><th>first evidence</th></tr></thead><tbody>\n",
        );
        for claim in &report.claims {
            claim_row(out, claim);
        }
        out.push_str("</tbody></table>\n");
    }
    if !report.focus.is_empty() {
        out.push_str(
            "<p class=\"focus-title\">What the body is about that the headline does not mention:</p>\
             <ul class=\"focus\">",
        );
        for f in &report.focus {
            let _ = write!(
                out,
                "<li title=\"{} · {} mention{} · first in sentence {} · salience {:.2}\">\
                 <b>{}</b> <span class=\"muted\">{} ×{}</span></li>",
                f.kind.as_str(),
                f.mentions,
                if f.mentions == 1 { "" } else { "s" },
                f.first_sentence + 1,
                f.salience,
                escape(&f.text),
                f.kind.as_str(),
                f.mentions
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</details></td></tr>\n");
}

fn claim_row(out: &mut String, claim: &Claim) {
    let status = claim.status.as_str();
    let evidence = claim.evidence.first().map_or_else(
        || "<span class=\"muted\">—</span>".to_string(),
        |e| {
            format!(
                "<q>{}</q> <span class=\"muted\">(sentence {}, paragraph {}{})</span>",
                highlight(e),
                e.sentence + 1,
                e.paragraph + 1,
                if claim.mentions > 1 {
                    format!("; {} mentions", claim.mentions)
                } else {
                    String::new()
                }
            )
        },
    );
    let _ = writeln!(
        out,
        "<tr><td><b>{}</b>{}</td><td>{}</td><td><span class=\"status {status}\">{status}</span></td>\
         <td class=\"num\">{:.2}</td><td>{}</td><td class=\"evidence\">{evidence}</td></tr>",
        escape(&claim.text),
        if claim.negated {
            " <span class=\"chip\">negated</span>"
        } else {
            ""
        },
        claim.kind.as_str(),
        claim.weight,
        escape(&claim.reason),
    );
}

/// The evidence sentence, escaped, with its matched words in `<mark>`. Ranges that do not fall
/// inside the sentence on character boundaries are skipped; long sentences are cut to a window
/// around the first match.
fn highlight(e: &Evidence) -> String {
    let text = e.text.as_str();
    let mut ranges: Vec<(usize, usize)> = e
        .matched
        .iter()
        .filter_map(|[a, b]| Some((a.checked_sub(e.start)?, b.checked_sub(e.start)?)))
        .filter(|(a, b)| a < b && text.get(*a..*b).is_some())
        .collect();
    ranges.sort_unstable();

    let (mut from, mut to) = (0, text.len());
    if text.len() > MAX_SENTENCE {
        let centre = ranges.first().map_or(0, |r| r.0);
        from = centre.saturating_sub(MAX_SENTENCE / 3);
        while from > 0 && !text.is_char_boundary(from) {
            from -= 1;
        }
        to = (from + MAX_SENTENCE).min(text.len());
        while to < text.len() && !text.is_char_boundary(to) {
            to += 1;
        }
    }

    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let mut at = from;
    for (a, b) in ranges {
        // Overlapping or outside the shown window: skip, rather than mark twice or cut.
        if a < at || b > to {
            continue;
        }
        let (Some(before), Some(word)) = (text.get(at..a), text.get(a..b)) else {
            continue;
        };
        let _ = write!(out, "{}<mark>{}</mark>", escape(before), escape(word));
        at = b;
    }
    out.push_str(&escape(text.get(at..to).unwrap_or("")));
    if to < text.len() {
        out.push('…');
    }
    out
}

fn failed_row(out: &mut String, seq: usize, record: &Record, error: &str) {
    let _ = writeln!(
        out,
        "<tr class=\"article\" data-verdict=\"error\" data-seq=\"{seq}\" data-verdict-rank=\"{}\" data-score=\"\" \
         data-unsupported=\"\" data-id=\"{}\" data-headline=\"\">\
         <td class=\"num\">{}</td><td class=\"id\">{}</td>\
         <td class=\"headline\"><span class=\"muted\">could not be checked:</span> \
         <span class=\"error-message\">{}</span></td>\
         <td><span class=\"badge error\">error</span></td>\
         <td class=\"num\"><span class=\"muted\">—</span></td>\
         <td><span class=\"muted\">—</span></td></tr>",
        rank(record),
        escape(record.id().unwrap_or("")),
        seq + 1,
        id_cell(record),
        escape(error)
    );
}

const CSS: &str = r#"
:root {
  --fg: #1f2328; --muted: #656d76; --line: #d8dee4; --bg: #ffffff; --soft: #f6f8fa;
  --ok: #1a7f37; --ok-bg: #dafbe1; --part: #9a6700; --part-bg: #fff3c4;
  --bad: #cf222e; --bad-bg: #ffe4e2; --err: #6e40c9; --err-bg: #f0e8ff;
  --ok-bar: #4ac26b; --part-bar: #e3b341; --bad-bar: #f47067;
  --contra: #bc4c00; --contra-bg: #fff1e5; --contra-bar: #fb8f44;
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1240px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 1.6rem; margin: 0 0 16px; word-break: break-word; }
h2 { font-size: 1.15rem; margin: 28px 0 10px; }
code { font: 0.85em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: break-word; }
.muted { color: var(--muted); }
.hint { color: var(--muted); font-size: 0.88rem; margin: 4px 0 10px; }
.summary { display: flex; flex-wrap: wrap; gap: 12px; }
.card { min-width: 130px; padding: 10px 16px; border: 1px solid var(--line); border-radius: 8px;
  background: var(--soft); display: flex; flex-direction: column; }
.card .n { font-size: 1.7rem; font-weight: 650; line-height: 1.2; }
.card .label { font-size: 0.85rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); }
.card .share { font-size: 0.8rem; color: var(--muted); min-height: 1.2em; }
.card.consistent { border-left: 5px solid var(--ok); }
.card.partial { border-left: 5px solid var(--part); }
.card.contradicted { border-left: 5px solid var(--contra); }
.card.unrelated { border-left: 5px solid var(--bad); }
.card.error { border-left: 5px solid var(--err); }
.histogram svg { max-width: 100%; height: auto; display: block; }
svg text { font: 11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; fill: var(--muted); }
svg text.label { font-size: 12px; fill: var(--fg); }
svg text.count { font-size: 11px; font-weight: 600; fill: var(--fg); }
svg .grid { stroke: #eaeef2; stroke-width: 1; }
svg .axis { stroke: #8c959f; stroke-width: 1; }
svg .hit { fill: transparent; }
svg .bin:hover .hit { fill: #f3f4f6; }
svg .bar.consistent { fill: var(--ok-bar); }
svg .bar.partial { fill: var(--part-bar); }
svg .bar.contradicted { fill: var(--contra-bar); }
svg .bar.unrelated { fill: var(--bad-bar); }
.legend { display: flex; flex-wrap: wrap; gap: 16px; font-size: 0.88rem; margin: 4px 0 0 48px; align-items: center; }
.legend .hint { margin: 0; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 6px; vertical-align: -1px; }
.swatch.consistent { background: var(--ok-bar); }
.swatch.partial { background: var(--part-bar); }
.swatch.contradicted { background: var(--contra-bar); }
.swatch.unrelated { background: var(--bad-bar); }
table { border-collapse: collapse; width: 100%; }
#articles > thead th { position: sticky; top: 0; background: var(--soft); text-align: left; font-weight: 600;
  font-size: 0.85rem; text-transform: uppercase; letter-spacing: 0.03em; color: var(--muted);
  border-bottom: 2px solid var(--line); padding: 8px 10px; white-space: nowrap; z-index: 1; }
#articles > thead th button { all: inherit; padding: 0; cursor: pointer; }
#articles > thead th button:focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
#articles > thead th[aria-sort="ascending"] button::after { content: " \25B2"; }
#articles > thead th[aria-sort="descending"] button::after { content: " \25BC"; }
#articles > tbody > tr > td { padding: 8px 10px; vertical-align: top; }
#articles > tbody > tr.article > td { border-top: 1px solid var(--line); }
#articles > tbody > tr.detail > td { padding-top: 0; }
#articles td.num, #articles th.num, .claims .num { text-align: right; font-variant-numeric: tabular-nums; }
#articles td.id { max-width: 240px; }
#articles td.headline { font-weight: 550; min-width: 260px; }
tr.article[data-verdict="unrelated"] > td:first-child { box-shadow: inset 4px 0 var(--bad); }
tr.article[data-verdict="partial"] > td:first-child { box-shadow: inset 4px 0 var(--part); }
tr.article[data-verdict="contradicted"] > td:first-child { box-shadow: inset 4px 0 var(--contra); }
tr.article[data-verdict="consistent"] > td:first-child { box-shadow: inset 4px 0 var(--ok); }
tr.article[data-verdict="error"] > td { background: var(--err-bg); }
tr.article[data-verdict="error"] > td:first-child { box-shadow: inset 4px 0 var(--err); }
tr.article[data-verdict="error"] td.headline { font-weight: 400; }
.error-message { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.85rem; word-break: break-word; }
.badge, .status { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 0.8rem; font-weight: 600; white-space: nowrap; }
.badge.consistent, .status.supported { background: var(--ok-bg); color: var(--ok); }
.badge.partial, .status.weak { background: var(--part-bg); color: var(--part); }
.status.paraphrase { background: var(--ok-bg); color: var(--part); }
.badge.contradicted, .status.contradicted { background: var(--contra-bg); color: var(--contra); }
.badge.unrelated, .status.unsupported { background: var(--bad-bg); color: var(--bad); }
.badge.error { background: var(--err); color: #fff; }
.score { white-space: nowrap; }
.meter { display: block; width: 64px; height: 5px; margin: 4px 0 0 auto; background: #eaeef2; border-radius: 3px; overflow: hidden; }
.meter .fill { display: block; height: 100%; }
.fill.consistent { background: var(--ok-bar); }
.fill.partial { background: var(--part-bar); }
.fill.contradicted { background: var(--contra-bar); }
.fill.unrelated { background: var(--bad-bar); }
.chip { display: inline-block; margin: 1px 2px 1px 0; padding: 0 6px; border-radius: 4px; background: var(--bad-bg);
  color: #82071e; font-size: 0.85rem; }
details { font-size: 0.9rem; }
summary { cursor: pointer; color: var(--muted); }
summary .why { color: var(--fg); }
details[open] { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px 12px; margin: 2px 0 6px; }
.metrics { margin: 8px 0; color: var(--muted); font-size: 0.85rem; }
.claims { background: var(--bg); border: 1px solid var(--line); font-size: 0.86rem; }
.claims th { text-align: left; background: var(--soft); color: var(--muted); font-weight: 600; padding: 5px 8px; border-bottom: 1px solid var(--line); }
.claims td { padding: 5px 8px; border-top: 1px solid #eaeef2; vertical-align: top; }
.claims td.evidence { min-width: 320px; }
q { quotes: "\201C" "\201D"; }
mark { background: #fff8a8; color: inherit; padding: 0 1px; border-radius: 2px; box-shadow: 0 0 0 1px #f0d000 inset; }
.focus-title { margin: 10px 0 4px; color: var(--muted); }
.focus { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 6px; }
.focus li { background: var(--bg); border: 1px solid var(--line); border-radius: 4px; padding: 1px 8px; }
@media print { details { display: block; } #articles > thead th { position: static; } }
"#;

const JS: &str = r#"
(function () {
  "use strict";
  var table = document.getElementById("articles");
  if (!table || !table.tBodies.length) { return; }
  var tbody = table.tBodies[0];
  // Each article row with the evidence row that follows it, if any.
  var groups = [];
  var rows = tbody.rows;
  for (var i = 0; i < rows.length; i++) {
    var row = rows[i];
    if (!row.classList.contains("article")) { continue; }
    var group = [row];
    var next = row.nextElementSibling;
    if (next && !next.classList.contains("article")) { group.push(next); }
    groups.push(group);
  }
  function num(row, key) {
    var v = parseFloat(row.getAttribute("data-" + key));
    return isNaN(v) ? null : v;
  }
  function str(row, key) { return (row.getAttribute("data-" + key) || "").toLowerCase(); }
  // Comparators in ascending order; missing values always sort last.
  function byNum(key) {
    return function (a, b, dir) {
      var x = num(a, key), y = num(b, key);
      if (x === null || y === null) { return (x === null) - (y === null); }
      return dir * (x - y);
    };
  }
  function byStr(key) {
    return function (a, b, dir) {
      var x = str(a, key), y = str(b, key);
      if (!x || !y) { return !x - !y; }
      return dir * x.localeCompare(y);
    };
  }
  var compare = {
    seq: byNum("seq"),
    id: byStr("id"),
    headline: byStr("headline"),
    score: byNum("score"),
    unsupported: byNum("unsupported"),
    verdict: function (a, b, dir) {
      var r = num(a, "verdict-rank") - num(b, "verdict-rank");
      if (r) { return dir * r; }
      return byNum("score")(a, b, -dir);
    }
  };
  function sortBy(th, dir) {
    var cmp = compare[th.getAttribute("data-sort")];
    if (!cmp) { return; }
    groups.sort(function (g, h) {
      return cmp(g[0], h[0], dir) || (num(g[0], "seq") - num(h[0], "seq"));
    });
    var frag = document.createDocumentFragment();
    groups.forEach(function (g) { g.forEach(function (r) { frag.appendChild(r); }); });
    tbody.appendChild(frag);
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) {
      if (c === th) { c.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending"); }
      else { c.removeAttribute("aria-sort"); }
    });
  }
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    if (!th.hasAttribute("data-sort")) { return; }
    var button = document.createElement("button");
    button.type = "button";
    while (th.firstChild) { button.appendChild(th.firstChild); }
    th.appendChild(button);
    button.addEventListener("click", function () {
      var now = th.getAttribute("aria-sort");
      var first = th.getAttribute("data-first") === "desc" ? -1 : 1;
      var dir = now === "ascending" ? -1 : now === "descending" ? 1 : first;
      sortBy(th, dir);
    });
  });
  var hint = document.getElementById("sort-hint");
  if (hint) { hint.hidden = false; }
  table.setAttribute("data-ready", "1");
}());
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Article, Checker, Lang};

    fn checked(headline: &str, body: &str, id: &str) -> Record {
        let mut report = Checker::new(Lang::En).check(&Article::new(headline, body));
        report.id = Some(id.to_string());
        Record::new(Outcome::Checked(Box::new(report)))
    }

    fn failed(id: &str, error: &str) -> Record {
        Record {
            line: Some(7),
            ..Record::new(Outcome::Failed {
                id: Some(id.to_string()),
                error: error.to_string(),
            })
        }
    }

    const BODY: &str = "The harbour council approved a new ferry route on Tuesday. The route \
         links the harbour with Castle Island twice a day. Council members said the ferry \
         route would start in May.";

    fn batch() -> (Vec<Record>, Tally) {
        let records = vec![
            checked(
                "Harbour Council Approves New Ferry Route to Castle Island",
                BODY,
                "ferry.md",
            ),
            checked(
                "Council <script>alert(1)</script> & Ferry \"Route\" 'Plan'",
                BODY,
                "x<y>&.md",
            ),
            failed("broken.md", "broken.md: line 3: <bad> front matter & more"),
            checked(
                "Chess champion wins title in Oslo after long match",
                BODY,
                "chess.md",
            ),
        ];
        let mut tally = Tally::default();
        for r in &records {
            tally.add(r);
        }
        (records, tally)
    }

    fn assert_no_raw_script(page: &str) {
        // The only script element is ours.
        assert_eq!(page.matches("<script").count(), 1, "{page}");
    }

    #[test]
    fn escape_covers_the_five_characters() {
        assert_eq!(
            escape(r#"<a href="x">Tom & 'Jerry'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn headlines_ids_and_title_are_escaped() {
        let (records, tally) = batch();
        let page = html(&records, &tally, "batch <b>& co</b>");
        assert_no_raw_script(&page);
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Ferry"));
        assert!(page.contains("&quot;Route&quot; &#39;Plan&#39;"));
        assert!(page.contains("x&lt;y&gt;&amp;.md"));
        assert!(page.contains("<title>batch &lt;b&gt;&amp; co&lt;/b&gt;</title>"));
        assert!(page.contains("<h1>batch &lt;b&gt;&amp; co&lt;/b&gt;</h1>"));
        assert!(!page.contains("alert(1)</script>"));
    }

    #[test]
    fn one_row_per_record_worst_first_failed_last() {
        let (records, tally) = batch();
        let page = html(&records, &tally, "t");
        assert_eq!(page.matches("class=\"article\"").count(), records.len());
        let seqs: Vec<&str> = page
            .split("<tr class=\"article\"")
            .skip(1)
            .filter_map(|row| row.split("data-seq=\"").nth(1)?.split('"').next())
            .collect();
        assert_eq!(seqs.len(), records.len());
        assert_eq!(seqs.last(), Some(&"2"), "failed record last: {seqs:?}");
        let ranks: Vec<i32> = page
            .split("<tr class=\"article\"")
            .skip(1)
            .filter_map(|row| row.split("data-verdict-rank=\"").nth(1)?.split('"').next())
            .filter_map(|r| r.parse().ok())
            .collect();
        assert!(ranks.windows(2).all(|w| w[0] >= w[1]), "{ranks:?}");
    }

    #[test]
    fn failed_records_show_their_error() {
        let (records, tally) = batch();
        let page = html(&records, &tally, "t");
        assert!(page.contains("<tr class=\"article\" data-verdict=\"error\""));
        assert!(page.contains("broken.md: line 3: &lt;bad&gt; front matter &amp; more"));
        assert!(page.contains("line 7"));
        assert!(page.contains("<span class=\"n\">1</span><span class=\"label\">errors</span>"));
    }

    #[test]
    fn makes_no_external_requests() {
        let (records, tally) = batch();
        let page = html(&records, &tally, "t");
        for bad in [
            "src=\"http",
            "href=\"http",
            "src='http",
            "href='http",
            "url(",
            "@import",
        ] {
            assert!(!page.contains(bad), "found {bad}");
        }
        assert!(!page.contains("https://"));
        // The SVG namespace is an identifier, not a request.
        assert_eq!(page.matches("http://").count(), 1);
        assert!(page.contains("xmlns=\"http://www.w3.org/2000/svg\""));
    }

    #[test]
    fn evidence_is_highlighted_and_histogram_counts_checked_records() {
        let (records, tally) = batch();
        let page = html(&records, &tally, "t");
        assert!(page.contains("<mark>"), "no highlighted evidence");
        assert!(page.contains("<details>"));
        let bars: usize = page.matches("<title>score ").count();
        assert_eq!(bars, BINS);
        assert!(page.contains("3 articles") || page.contains(": 1 article"));
        assert_eq!(page, html(&records, &tally, "t"), "deterministic");
    }

    #[test]
    fn bad_evidence_offsets_never_panic() {
        let text = "Grüße aus <Köln> & Bonn";
        let koeln = 100 + text.find("Köln").unwrap_or(0);
        let e = Evidence {
            sentence: 0,
            paragraph: 0,
            text: text.to_string(),
            start: 100,
            end: 100 + text.len(),
            // Before the sentence, inside a character, overlapping, past its end.
            matched: vec![
                [50, 60],
                [101, 103],
                [100, 100 + "Grüße".len()],
                [koeln, koeln + "Köln".len()],
                [koeln + 1, koeln + 2],
                [90, 400],
            ],
        };
        let h = highlight(&e);
        assert!(h.contains("<mark>Grüße</mark>"), "{h}");
        assert!(h.contains("&lt;<mark>Köln</mark>&gt; &amp; Bonn"), "{h}");
        let long = Evidence {
            text: "word ".repeat(400) + "target" + &" tail".repeat(200),
            start: 0,
            end: 0,
            matched: vec![[2000, 2006]],
            ..e
        };
        let h = highlight(&long);
        assert!(h.starts_with('…') && h.ends_with('…') && h.contains("<mark>target</mark>"));
    }
}

//! The batch record model: one per input record, in input order, whatever its fate.

use std::path::Path;
use std::sync::Arc;

use serde::Serialize;

use crate::report::{Report, Status, Verdict};

/// The result of one input record: a report, or the reason it could not be checked.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Record {
    /// What happened to it.
    #[serde(flatten)]
    pub outcome: Outcome,
    /// The 1-based line the record starts on, for line-based inputs (JSON Lines, CSV).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// For FNC-1 pair files: the body the headline was checked against.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_id: Option<String>,
    /// For FNC-1 pair files: the stance row's fields as read, so a CSV output can repeat them.
    #[serde(skip)]
    pub fields: Vec<String>,
    /// The file the record was read from (an article file, or the JSON Lines or CSV file
    /// holding it), when there is one: where CI findings point.
    #[serde(skip)]
    pub file: Option<Arc<Path>>,
    /// The 1-based line of `file` holding the headline (or the error), when known.
    #[serde(skip)]
    pub headline_line: Option<u64>,
}

/// A report, or an error naming the file and line or record.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Outcome {
    /// The record was checked.
    Checked(Box<Report>),
    /// The record could not be read or checked.
    Failed {
        /// The record's id, when it could be read.
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        /// What went wrong, naming the file and line.
        error: String,
    },
}

impl Record {
    /// A record of `outcome`, from no line, body or file.
    pub fn new(outcome: Outcome) -> Record {
        Record {
            outcome,
            line: None,
            body_id: None,
            fields: Vec::new(),
            file: None,
            headline_line: None,
        }
    }

    /// The report, when the record was checked.
    pub fn report(&self) -> Option<&Report> {
        match &self.outcome {
            Outcome::Checked(r) => Some(r),
            Outcome::Failed { .. } => None,
        }
    }

    /// The error message, when the record failed.
    pub fn error(&self) -> Option<&str> {
        match &self.outcome {
            Outcome::Checked(_) => None,
            Outcome::Failed { error, .. } => Some(error),
        }
    }

    /// The record's id, when known.
    pub fn id(&self) -> Option<&str> {
        match &self.outcome {
            Outcome::Checked(r) => r.id.as_deref(),
            Outcome::Failed { id, .. } => id.as_deref(),
        }
    }

    /// The verdict, when checked.
    pub fn verdict(&self) -> Option<Verdict> {
        self.report().map(|r| r.verdict)
    }
}

/// The unsupported claims of a report, as written in the headline.
pub fn unsupported_claims(report: &Report) -> impl Iterator<Item = &str> {
    report
        .claims
        .iter()
        .filter(|c| c.status == Status::Unsupported)
        .map(|c| &*c.text)
}

/// What a whole batch came to: counts per verdict and errors.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Tally {
    /// Records read.
    pub records: usize,
    /// Records checked as consistent.
    pub consistent: usize,
    /// Records checked as partial.
    pub partial: usize,
    /// Records checked as contradicted.
    pub contradicted: usize,
    /// Records checked as unrelated.
    pub unrelated: usize,
    /// Records that could not be checked.
    pub errors: usize,
}

impl Tally {
    /// Counts one record.
    pub fn add(&mut self, record: &Record) {
        self.add_verdict(record.verdict());
    }

    /// Counts one record by its verdict (`None`: it could not be checked).
    pub fn add_verdict(&mut self, verdict: Option<Verdict>) {
        self.records += 1;
        match verdict {
            Some(Verdict::Consistent) => self.consistent += 1,
            Some(Verdict::Partial) => self.partial += 1,
            Some(Verdict::Contradicted) => self.contradicted += 1,
            Some(Verdict::Unrelated) => self.unrelated += 1,
            None => self.errors += 1,
        }
    }

    /// The count for one verdict.
    pub fn count(&self, verdict: Verdict) -> usize {
        match verdict {
            Verdict::Consistent => self.consistent,
            Verdict::Partial => self.partial,
            Verdict::Contradicted => self.contradicted,
            Verdict::Unrelated => self.unrelated,
        }
    }
}

/// One of the worst articles of a batch, as a summary lists it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Flagged {
    /// Its place in the input (0-based), to keep input order among equals.
    pub seq: usize,
    /// The record's id.
    pub id: Option<String>,
    /// The headline.
    pub headline: String,
    /// The verdict.
    pub verdict: Verdict,
    /// The score.
    pub score: f64,
    /// Why.
    pub reason: String,
    /// The unsupported claims.
    pub unsupported: Vec<String>,
}

/// A bounded summary of a batch: the tally, the worst articles (worst verdict, then lowest
/// score, then input order) and the first errors. Memory does not grow with the batch.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Counts per verdict and errors.
    pub tally: Tally,
    /// The worst articles, worst first, at most [`Summary::WORST`].
    pub worst: Vec<Flagged>,
    /// The first [`Summary::ERRORS`] error messages.
    pub errors: Vec<String>,
    /// The verdict and score of the last of the worst list when it was last cut to size.
    #[serde(skip)]
    cutoff: Option<(Verdict, f64)>,
}

impl Summary {
    /// How many worst articles a summary keeps.
    pub const WORST: usize = 25;
    /// How many error messages a summary keeps.
    pub const ERRORS: usize = 50;

    /// Takes one record into account.
    pub fn add(&mut self, record: &Record) {
        let seq = self.tally.records;
        self.tally.add(record);
        match &record.outcome {
            Outcome::Failed { error, .. } => {
                if self.errors.len() < Self::ERRORS {
                    self.errors.push(error.clone());
                }
            }
            Outcome::Checked(report) => {
                if report.verdict == Verdict::Consistent {
                    return;
                }
                // Once the list is full, a record no worse than its last cannot enter it.
                if self.worst.len() >= Self::WORST {
                    if let Some(last) = self.cutoff {
                        if (last.0, -last.1) >= (report.verdict, -report.score) {
                            return;
                        }
                    }
                }
                self.worst.push(Flagged {
                    seq,
                    id: report.id.clone(),
                    headline: report.headline.clone(),
                    verdict: report.verdict,
                    score: report.score,
                    reason: report.reason.clone(),
                    unsupported: unsupported_claims(report).map(str::to_string).collect(),
                });
                if self.worst.len() >= 4 * Self::WORST {
                    self.trim();
                }
            }
        }
    }

    /// Sorts the worst list and cuts it to size; call before reading it.
    pub fn finish(&mut self) {
        self.trim();
    }

    fn trim(&mut self) {
        self.worst.sort_by(worst_first);
        self.worst.truncate(Self::WORST);
        if self.worst.len() == Self::WORST {
            self.cutoff = self.worst.last().map(|f| (f.verdict, f.score));
        }
    }
}

/// Worst verdict first, then lowest score, then input order.
pub fn worst_first(a: &Flagged, b: &Flagged) -> std::cmp::Ordering {
    b.verdict
        .cmp(&a.verdict)
        .then(a.score.total_cmp(&b.score))
        .then(a.seq.cmp(&b.seq))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Article, Checker, Lang};

    #[test]
    fn the_worst_list_is_the_worst_of_all() {
        let checker = Checker::new(Lang::En);
        let body = "The harbour council approved a new ferry route on Tuesday. The route links \
                    the harbour with Castle Island. Council members said the ferry would start \
                    in May.";
        let headlines = [
            "Council approves ferry route to Castle Island",
            "Council approves ferry route to Bronze Island",
            "Mayor resigns over budget scandal",
            "New ferry route approved",
            "Harbour council rejects tram plan",
        ];
        let mut summary = Summary::default();
        let mut all = Vec::new();
        for n in 0..300 {
            let mut report = checker.check(&Article::new(headlines[(n * 7) % 5], body));
            report.score = f64::from((n * 37 % 101) as u32) / 100.0; // many ties and orders
            let record = Record::new(Outcome::Checked(Box::new(report.clone())));
            summary.add(&record);
            if report.verdict != Verdict::Consistent {
                all.push((n, report.verdict, report.score));
            }
        }
        summary.finish();
        all.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.total_cmp(&b.2)).then(a.0.cmp(&b.0)));
        let got: Vec<(usize, Verdict, f64)> = summary
            .worst
            .iter()
            .map(|f| (f.seq, f.verdict, f.score))
            .collect();
        assert_eq!(got, all[..Summary::WORST].to_vec());
        assert_eq!(summary.tally.records, 300);
    }
}

//! What a CI gate reports about a record: findings with a rule, a level and a place (the file
//! and the headline's line), for the SARIF and GitHub Actions renderers.
//!
//! An article gets one finding when its verdict is not `consistent` or its score is below the
//! minimum, and one per unsupported weighty claim (a name, number, quote or rare term the body
//! never mentions: the claims that make a headline partial by themselves). A record that could
//! not be read gets one finding. The level follows the gate: `error` when the article fails
//! it (`fail_on`, `min_score`), `warning` when it passes with a verdict other than
//! `consistent`, `note` for an unsupported claim in a headline that is consistent overall.

use serde::Serialize;

use crate::batch::Record;
use crate::config::FailOn;
use crate::report::{Claim, ClaimKind, Report, Status, Verdict};
use crate::score::is_fact;

/// An unsupported term at least this heavy (used by fewer than about 4% of background
/// documents) gets a finding of its own, as unsupported names, numbers and quotes always do.
/// It chooses which claims are listed as findings, not the verdict (the fitted verdict model
/// does that).
pub const FINDING_TERM_WEIGHT: f64 = 0.5;

/// Whether an unsupported claim is listed as a finding of its own.
fn is_finding(claim: &Claim) -> bool {
    is_fact(claim) || (claim.kind == ClaimKind::Term && claim.weight >= FINDING_TERM_WEIGHT)
}

/// When an article fails the gate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Gate {
    /// From which verdict.
    pub fail_on: FailOn,
    /// Below which score, whatever the verdict.
    pub min_score: Option<f64>,
}

impl Gate {
    /// Whether `report` fails the gate.
    pub fn fails(&self, report: &Report) -> bool {
        self.fail_on.fails(report.verdict) || self.below_min(report)
    }

    fn below_min(&self, report: &Report) -> bool {
        self.min_score.is_some_and(|m| report.score < m)
    }
}

/// How serious a finding is (SARIF's levels; GitHub's error, warning and notice).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Worth a look; does not fail the gate.
    Note,
    /// The headline is not fully supported, but the gate lets it pass.
    Warning,
    /// The article fails the gate, or could not be read.
    Error,
}

impl Level {
    /// Its name in SARIF.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Note => "note",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

/// The kinds of finding, each a SARIF rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Rule {
    /// The headline is about something other than the body.
    HeadlineUnrelated,
    /// The body disputes the headline.
    HeadlineContradicted,
    /// Weighty claims of the headline are not in the body.
    HeadlinePartial,
    /// The score is below `min_score`.
    ScoreBelowMinimum,
    /// One weighty claim the body never mentions.
    UnsupportedClaim,
    /// The article could not be read or checked.
    Unreadable,
    /// The `headcheck.toml` is invalid: nothing was checked.
    InvalidConfig,
}

impl Rule {
    /// Every rule, in the order SARIF lists them.
    pub const ALL: [Rule; 7] = [
        Rule::HeadlineUnrelated,
        Rule::HeadlineContradicted,
        Rule::HeadlinePartial,
        Rule::ScoreBelowMinimum,
        Rule::UnsupportedClaim,
        Rule::Unreadable,
        Rule::InvalidConfig,
    ];

    /// Its id (`HC001` …) and name.
    pub fn id(self) -> &'static str {
        match self {
            Rule::HeadlineUnrelated => "HC001",
            Rule::HeadlineContradicted => "HC002",
            Rule::HeadlinePartial => "HC003",
            Rule::ScoreBelowMinimum => "HC004",
            Rule::UnsupportedClaim => "HC005",
            Rule::Unreadable => "HC006",
            Rule::InvalidConfig => "HC007",
        }
    }

    /// Its name, in kebab case.
    pub fn name(self) -> &'static str {
        match self {
            Rule::HeadlineUnrelated => "headline-unrelated",
            Rule::HeadlineContradicted => "headline-contradicted",
            Rule::HeadlinePartial => "headline-partial",
            Rule::ScoreBelowMinimum => "score-below-minimum",
            Rule::UnsupportedClaim => "unsupported-claim",
            Rule::Unreadable => "unreadable-article",
            Rule::InvalidConfig => "invalid-config",
        }
    }

    /// A short title (a GitHub annotation's title).
    pub fn title(self) -> &'static str {
        match self {
            Rule::HeadlineUnrelated => "headline unrelated to its body",
            Rule::HeadlineContradicted => "headline contradicted by its body",
            Rule::HeadlinePartial => "headline not supported",
            Rule::ScoreBelowMinimum => "headline score below the minimum",
            Rule::UnsupportedClaim => "unsupported claim",
            Rule::Unreadable => "article could not be checked",
            Rule::InvalidConfig => "invalid headcheck.toml",
        }
    }

    /// What the rule means.
    pub fn description(self) -> &'static str {
        match self {
            Rule::HeadlineUnrelated => {
                "The headline and the body are about different things: few of the headline's claims are in the body."
            }
            Rule::HeadlineContradicted => {
                "The body is on the headline's topic but disputes it (the stance model reads it as disagreeing)."
            }
            Rule::HeadlinePartial => {
                "The body is on the headline's topic, but weighty claims of the headline (names, numbers, quotes, rare terms) are not in it."
            }
            Rule::ScoreBelowMinimum => {
                "The headline's support score is below the configured min_score."
            }
            Rule::UnsupportedClaim => {
                "A weighty claim of the headline (a name, number, quote or rare term) that the body never mentions."
            }
            Rule::Unreadable => {
                "The article could not be read or checked: bad front matter, no title, no article text, invalid UTF-8."
            }
            Rule::InvalidConfig => {
                "The headcheck.toml could not be read, or has an unknown key or a bad value: nothing was checked."
            }
        }
    }
}

/// One thing to report about one record.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// What kind.
    pub rule: Rule,
    /// How serious.
    pub level: Level,
    /// The file, as given.
    pub file: Option<String>,
    /// The 1-based line of the headline (or the error) in it.
    pub line: Option<u64>,
    /// What is wrong, in a sentence or two.
    pub message: String,
}

/// The finding for a config that could not be loaded (`error` names its file and line).
pub fn config_error(error: &crate::Error) -> Finding {
    Finding {
        rule: Rule::InvalidConfig,
        level: Level::Error,
        file: error.path().map(|p| p.display().to_string()),
        line: error.line(),
        message: error.to_string(),
    }
}

/// The findings for one record under `gate`.
pub fn findings(record: &Record, gate: &Gate) -> Vec<Finding> {
    let file = record.file.as_ref().map(|f| f.display().to_string());
    let line = record.headline_line;
    let finding = |rule: Rule, level: Level, message: String| Finding {
        rule,
        level,
        file: file.clone(),
        line,
        message,
    };
    let report = match (record.report(), record.error()) {
        (Some(r), _) => r,
        (None, error) => {
            return vec![finding(
                Rule::Unreadable,
                Level::Error,
                error.unwrap_or("could not be checked").to_string(),
            )]
        }
    };
    let fails = gate.fails(report);
    let mut out = Vec::new();
    let rule = match report.verdict {
        Verdict::Consistent => None,
        Verdict::Partial => Some(Rule::HeadlinePartial),
        Verdict::Contradicted => Some(Rule::HeadlineContradicted),
        Verdict::Unrelated => Some(Rule::HeadlineUnrelated),
    };
    let level = if fails { Level::Error } else { Level::Warning };
    if let Some(rule) = rule {
        let mut message = format!(
            "\"{}\" is {} (score {:.2})",
            report.headline, report.verdict, report.score
        );
        if !report.reason.is_empty() {
            message.push_str(": ");
            message.push_str(&report.reason);
        }
        out.push(finding(rule, level, message));
    }
    if let Some(min) = gate.min_score.filter(|_| gate.below_min(report)) {
        out.push(finding(
            Rule::ScoreBelowMinimum,
            Level::Error,
            format!(
                "\"{}\" scores {:.2}, below the minimum {min}",
                report.headline, report.score
            ),
        ));
    }
    let claim_level = match (fails, report.verdict) {
        (true, _) => Level::Error,
        (false, Verdict::Consistent) => Level::Note,
        (false, _) => Level::Warning,
    };
    for claim in report
        .claims
        .iter()
        .filter(|c| c.status == Status::Unsupported && is_finding(c) && !c.negated)
    {
        out.push(finding(
            Rule::UnsupportedClaim,
            claim_level,
            match &claim.instead {
                // What the body names or states in its place ("Joan Rivers", "9 per cent").
                Some(instead) => format!(
                    "the body never mentions \"{}\" ({}) from the headline \"{}\"; it has \"{instead}\" instead",
                    claim.text,
                    claim.kind.as_str(),
                    report.headline
                ),
                None => format!(
                    "the body never mentions \"{}\" ({}) from the headline \"{}\"",
                    claim.text,
                    claim.kind.as_str(),
                    report.headline
                ),
            },
        ));
    }
    out
}

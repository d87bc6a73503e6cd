//! Command-line arguments (clap), validated into settings before the engine runs.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
pub use headcheck::FailOn;

/// Checks whether a news headline is supported by its article body, and shows the evidence.
#[derive(Debug, Parser)]
#[command(name = "headcheck", version, about, long_about = None)]
#[command(
    after_help = "Settings can come from a headcheck.toml in the current folder or its parents \
(or --config FILE); command-line flags win over it.\n\nExit codes: 0 no article fails the gate; \
1 some article fails it (verdict at or above --fail-on, or score below --min-score); 2 usage, \
config, read or parse error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check one article: its claims, the evidence for each, the body's focus, a verdict.
    Check(CheckArgs),
    /// Check many articles: a folder, JSON Lines, CSV, or an FNC-1 pair file with --bodies.
    /// One output record per input record, in input order.
    Batch(BatchArgs),
    /// Print every stage of a check (tokens, claims, sentences, matches), for tuning and
    /// debugging.
    Explain(ExplainArgs),
    /// Score stance predictions on a labelled FNC-1 style pair file (the FNC-1 score, related
    /// accuracy, AUROC, per-stance precision/recall/F1, macro-F1, confusion matrix), or the
    /// score and verdict on human judgements of faithfulness (a FRANK-style .jsonl file).
    Eval(EvalArgs),
    /// Fit a stance model on a labelled FNC-1 style pair file (deterministic: the same data
    /// gives the same model), optionally measuring it on pairs it did not fit.
    Train(TrainArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell) to standard output.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to standard output, or with --dir write one page per
    /// command (headcheck.1, headcheck-check.1, …) into a folder.
    Man {
        /// Write every command's page into this folder instead.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

/// `explain`: the article, and the config whose language and ignore words apply (as in
/// `check`).
#[derive(Debug, Args)]
pub struct ExplainArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Read settings from this file instead of the headcheck.toml found in the current folder
    /// or its parents.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Read no headcheck.toml.
    #[arg(long)]
    pub no_config: bool,
}

/// The CI gate: when an article fails, which config applies, which words to leave out.
#[derive(Debug, Args)]
pub struct GateArgs {
    /// Exit with 1 when a verdict is at or above this level. Default: the config's
    /// `fail_on`, else partial.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<FailOn>,

    /// Also exit with 1 when a score is below this (0 to 1). Default: the config's
    /// `min_score`, else none.
    #[arg(long, value_name = "SCORE", value_parser = parse_score)]
    pub min_score: Option<f64>,

    /// Leave this word or phrase out of headlines (a section label such as EXCLUSIVE, the
    /// outlet's name): it counts as neither supported nor unsupported. Repeatable; added to
    /// the config's `ignore` list.
    #[arg(long, value_name = "WORDS")]
    pub ignore: Vec<String>,

    /// Read settings from this file instead of the headcheck.toml found in the current folder
    /// or its parents.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Read no headcheck.toml.
    #[arg(long)]
    pub no_config: bool,
}

fn parse_score(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!("`{s}` is not a score between 0 and 1")),
    }
}

#[derive(Debug, Args)]
#[command(
    after_help = "Pairs that cannot be read or checked (bad rows, unknown Body IDs, empty \
headlines, a Stance that is not agree/disagree/discuss/unrelated) are reported on standard error \
with their line and left out; the rest are scored. The shipped model was trained on all FNC-1 \
training pairs, so its figures on any part of them are in-sample: measure on held-out pairs with \
`headcheck train --dev` or `--holdout`, or with --model and a model trained without them.\n\n\
A `.jsonl` file is read instead as human judgements of faithfulness (FRANK style: one object a \
line with `headline`, `body`, `factuality` in [0, 1], `dataset` and `model`, the summarising \
system); eval then prints per dataset the AUROC of the score for fully faithful items, the \
balanced accuracy of the verdict (consistent for faithful) and the partial Pearson and Spearman \
correlations of the score with `factuality`, the system held constant.\n\n\
Exit codes: 0 all pairs scored; 2 some pair could not be scored, the bodies file had bad rows, no \
pair could be read, a file could not be read, or a usage error."
)]
pub struct EvalArgs {
    /// The labelled stances file (`Headline,Body ID,Stance`), or a `.jsonl` file of judged
    /// headlines (`headline`, `body`, `factuality`, `dataset`, `model`).
    #[arg(value_name = "STANCES.csv|JUDGED.jsonl")]
    pub stances: PathBuf,

    /// The bodies file (`Body ID,articleBody`); not needed with --predictions or a `.jsonl`
    /// file.
    #[arg(long, value_name = "BODIES.csv")]
    pub bodies: Option<PathBuf>,

    /// Score these predictions (`Headline,Body ID,Stance`, one row per stances row, in its
    /// order, as FNC-1's scorer reads them) instead of headcheck's own.
    #[arg(long, value_name = "PRED.csv", conflicts_with = "model")]
    pub predictions: Option<PathBuf>,

    /// Use this stance model (made by `headcheck train`) instead of the shipped one.
    #[arg(long, value_name = "MODEL.json")]
    pub model: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = EvalFormat::Table)]
    pub format: EvalFormat,

    /// Worker threads. Default: one per core.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
    /// Text tables.
    Table,
    /// The figures as JSON.
    Json,
}

#[derive(Debug, Args)]
#[command(
    after_help = "The model has two stages: a logistic regression for related or unrelated (fitted \
on every pair), then, for a related pair, a logistic regression over agree, disagree and discuss \
blended with gradient-boosted trees (50 rounds of 7-leaf trees), both fitted on the related \
pairs. It also holds the learned cue words (per stance, the body words that mark its bodies \
across at least 10 topics, learned from the fitted pairs and, with --cv, again inside each \
fold).\n\nThe shipped English model (corpus/stance/en.json) is made by \
`headcheck train ../shared/data/fnc1/train_stances.csv --bodies ../shared/data/fnc1/train_bodies.csv \
--l2 L --balance B --trees W --out corpus/stance/en.json` with the settings README.md gives.\n\nExit codes: \
0 every pair used; 2 some pair could not be read (left out, reported on standard error), or a \
file could not be read or written.\n\nWith --verdict it fits the verdict model instead \
(corpus/verdict/en.json): `headcheck train --verdict --judged ../shared/data/frank/valid.jsonl \
../shared/data/fnc1/topic_train_stances.csv --bodies ../shared/data/fnc1/train_bodies.csv --out \
corpus/verdict/en.json` (README.md, \"The fitted verdict model\")."
)]
pub struct TrainArgs {
    /// The labelled stances file to fit on (`Headline,Body ID,Stance`).
    #[arg(value_name = "STANCES.csv")]
    pub stances: PathBuf,

    /// The bodies file (`Body ID,articleBody`).
    #[arg(long, value_name = "BODIES.csv")]
    pub bodies: PathBuf,

    /// Where to write the model (JSON).
    #[arg(long, value_name = "MODEL.json")]
    pub out: PathBuf,

    /// Also score the model on this labelled stances file (same bodies file).
    #[arg(long, value_name = "DEV.csv", conflicts_with = "holdout")]
    pub dev: Option<PathBuf>,

    /// Leave out the pairs whose Body ID is listed here (one per line), and score the model on
    /// them (FNC-1's official dev split: hold_out_ids.txt).
    #[arg(long, value_name = "IDS.txt")]
    pub holdout: Option<PathBuf>,

    /// The L2 penalty on the regressions' weights.
    #[arg(long, value_name = "L2", default_value_t = 0.0001)]
    pub l2: f64,

    /// How far rare classes are weighted up, in both stages: 0 unweighted, 1 fully balanced.
    #[arg(long, value_name = "B", default_value_t = 0.5)]
    pub balance: f64,

    /// The trees' share of the related stances' log-odds: 0 the regression alone, 1 the
    /// gradient-boosted trees alone.
    #[arg(long, value_name = "W", default_value_t = 0.5)]
    pub trees: f64,

    /// Choose --l2, --balance and --trees by K-fold cross-validation grouped by topic on the
    /// pairs being fitted (each setting's figures are printed), then fit with the best. K ≥ 2.
    #[arg(long, value_name = "K", conflicts_with_all = ["l2", "balance", "trees"],
          value_parser = clap::value_parser!(u64).range(2..))]
    pub cv: Option<u64>,

    /// Worker threads. Default: one per core. The model is the same whatever the number.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,

    /// Fit the verdict model instead of the stance model: on the judged summaries of --judged
    /// and the drift set built from STANCES.csv's agree and discuss pairs; prints its figures
    /// cross-validated by article and topic and the score's reliability table.
    #[arg(long, requires = "judged", conflicts_with_all = ["holdout", "dev", "cv"])]
    pub verdict: bool,

    /// With --verdict: the judged summaries (FRANK-style JSON Lines: `headline`, `body`,
    /// `factuality`, `dataset`, `model`, `id`).
    #[arg(long, value_name = "JUDGED.jsonl", requires = "verdict")]
    pub judged: Option<PathBuf>,
}

/// Where the article comes from and in which language.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// The article: plain text (headline on the first non-empty line), .json (`headline` and
    /// `body` or `articleBody`), .md (YAML or TOML front matter `title`, or a first `# `
    /// heading) or .html (og:title, JSON-LD headline, `<h1>` or `<title>`; the article text by
    /// readability). `-` or nothing reads standard input.
    #[arg(value_name = "FILE|-")]
    pub file: Option<PathBuf>,

    /// Take the headline from here and the whole file as the body.
    #[arg(long, value_name = "TEXT")]
    pub headline: Option<String>,

    /// Language code (ar da de el en es fi fr hu it nl no pt ro ru sv ta tr). Default: the
    /// language the article declares (`lang` in JSON or front matter, `<html lang>`), else
    /// the config's `lang`, else en.
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    #[command(flatten)]
    pub gate: GateArgs,

    /// When to colour the table: auto (a terminal, and NO_COLOR unset), always or never.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,

    /// Also print every stage of the check (as `explain` does) to standard error.
    #[arg(long)]
    pub debug: bool,

    /// Use this stance model (made by `headcheck train`) instead of the shipped one; it must be
    /// for the article's language.
    #[arg(long, value_name = "MODEL.json")]
    pub model: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Inputs: a folder (every .txt/.text/.md/.markdown/.json/.html/.htm file in it, recursively, \
in sorted path order; hidden files and folders are skipped, links followed; with a config, only \
files its include/exclude globs let through, and likewise for article files named here), \
.jsonl/.ndjson (one article object per line; `-` reads JSON Lines from standard input), .csv (a \
header row with headline and body columns), or with --bodies an FNC-1 stances file \
(Headline,Body ID[,Stance]). Any other file is read as one article.\n\nSettings can come from a \
headcheck.toml in the current folder or its parents (or --config FILE): fail_on, min_score, \
lang, ignore, include/exclude, [fields], [[overrides]]; command-line flags win over it.\n\n\
Exit codes: 0 no record fails the gate; 1 some record fails it (verdict at or above --fail-on, \
or score below --min-score); 2 some record could not be read or checked, an input could not be \
opened, a bodies file had bad rows, an invalid config, or a usage error."
)]
pub struct BatchArgs {
    /// Folders, .jsonl, .csv or article files, processed in the order given.
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<PathBuf>,

    /// The FNC-1 bodies file (`Body ID,articleBody`) for stance-file inputs.
    #[arg(long, value_name = "BODIES.csv")]
    pub bodies: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = BatchFormat::Jsonl)]
    pub format: BatchFormat,

    /// Write the output here instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub gate: GateArgs,

    /// Language code for every article. Default: what each article declares, else the
    /// config's `lang` for its file, else en.
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,

    /// The headline field of JSON Lines and CSV records (JSON: a dotted path such as
    /// `title.rendered`). Default: headline.
    #[arg(long, value_name = "FIELD")]
    pub headline_field: Option<String>,

    /// The body field. Default: body (JSON Lines also articleBody).
    #[arg(long, value_name = "FIELD")]
    pub body_field: Option<String>,

    /// The id field. Default: id; records without one are named FILE:LINE.
    #[arg(long, value_name = "FIELD")]
    pub id_field: Option<String>,

    /// Worker threads. Default: one per core (or RAYON_NUM_THREADS). The output is the same
    /// whatever the number.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,

    /// No progress bar and no summary line on standard error.
    #[arg(long, short)]
    pub quiet: bool,

    /// Use this stance model (made by `headcheck train`) instead of the shipped one, for the
    /// articles in its language.
    #[arg(long, value_name = "MODEL.json")]
    pub model: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum BatchFormat {
    /// One JSON report (or error) per line, in input order.
    Jsonl,
    /// One row per record; for FNC-1 pair files, the stance file with Stance predicted.
    Csv,
    /// Counts per verdict and the worst articles.
    Markdown,
    /// One self-contained page: counts, score histogram, sortable table, evidence.
    Html,
    /// SARIF 2.1.0 for code-scanning tools: one result per flagged article and per unsupported
    /// weighty claim, at the file and the headline's line.
    Sarif,
    /// GitHub Actions workflow commands (::error / ::warning / ::notice), one per finding.
    Github,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Summary line, evidence table and focus table.
    Table,
    /// The report model as JSON.
    Json,
    /// Summary and tables in Markdown.
    Markdown,
    /// SARIF 2.1.0 for code-scanning tools.
    Sarif,
    /// GitHub Actions workflow commands, one per finding.
    Github,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour on a terminal unless NO_COLOR is set.
    Auto,
    /// Always colour (NO_COLOR still wins).
    Always,
    /// Never colour.
    Never,
}

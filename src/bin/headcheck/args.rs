//! Command-line arguments (clap), validated into settings before the engine runs.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Checks whether a news headline is supported by its article body, and shows the evidence.
#[derive(Debug, Parser)]
#[command(name = "headcheck", version, about, long_about = None)]
#[command(
    after_help = "Exit codes: 0 verdict below --fail-on; 1 verdict at or above --fail-on; \
2 usage, read or parse error."
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
    Explain(InputArgs),
}

/// Where the article comes from and in which language.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// The article: plain text (headline on the first non-empty line), .json (`headline` and
    /// `body` or `articleBody`) or .md (front matter `title:` or a first `# ` heading).
    /// `-` or nothing reads standard input.
    #[arg(value_name = "FILE|-")]
    pub file: Option<PathBuf>,

    /// Take the headline from here and the whole file as the body.
    #[arg(long, value_name = "TEXT")]
    pub headline: Option<String>,

    /// Language code (ar da de el en es fi fr hu it nl no pt ro ru sv ta tr). Default: the
    /// language the article declares (`lang` in JSON or front matter), else en.
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

    /// Exit with 1 when the verdict is at or above this level.
    #[arg(long, value_enum, default_value_t = FailOn::Partial, value_name = "LEVEL")]
    pub fail_on: FailOn,

    /// When to colour the table: auto (a terminal, and NO_COLOR unset), always or never.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,

    /// Also print every stage of the check (as `explain` does) to standard error.
    #[arg(long)]
    pub debug: bool,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Inputs: a folder (every .txt/.text/.md/.markdown/.json file in it, recursively, \
in sorted path order; hidden files and folders are skipped, links followed), .jsonl/.ndjson (one \
article object per line; `-` reads JSON Lines from standard input), .csv (a header row with headline and body columns), \
or with --bodies an FNC-1 stances file (Headline,Body ID[,Stance]). Any other file is read as one \
article.\n\nExit codes: 0 no record at or above --fail-on; 1 some record at or above --fail-on; \
2 some record could not be read or checked, an input could not be opened, a bodies file had bad \
rows, or a usage error."
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

    /// Exit with 1 when any article's verdict is at or above this level.
    #[arg(long, value_enum, default_value_t = FailOn::Partial, value_name = "LEVEL")]
    pub fail_on: FailOn,

    /// Language code for every article. Default: what each article declares, else en.
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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Summary line, evidence table and focus table.
    Table,
    /// The report model as JSON.
    Json,
    /// Summary and tables in Markdown.
    Markdown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Fail on partial or unrelated.
    Partial,
    /// Fail on unrelated only.
    Unrelated,
    /// Never fail because of the verdict.
    Never,
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

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

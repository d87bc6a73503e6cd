//! The `headcheck` command line: argument handling, output and exit codes. The engine lives in
//! the library and never prints.

mod args;

/// mimalloc: the checker allocates many small strings and vectors, and glibc malloc took about
/// a fifth of a batch run's CPU time (ARCHITECTURE.md, "Decisions and why").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod batch;
mod stance;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use headcheck::{input, render, Article, Checker, Lang, Verdict};

use args::{CheckArgs, Cli, ColorWhen, Command, FailOn, Format, InputArgs};

/// The documented exit codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Exit {
    /// The verdict is below the --fail-on level.
    Pass = 0,
    /// The verdict is at or above the --fail-on level.
    Flagged = 1,
    /// Usage, read or parse error.
    Error = 2,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(&args),
        Command::Batch(args) => batch::run(&args),
        Command::Explain(args) => explain(&args),
        Command::Eval(args) => stance::eval(&args),
        Command::Train(args) => stance::train(&args),
    };
    match result {
        Ok(code) => ExitCode::from(code as u8),
        Err(message) => {
            eprintln!("headcheck: {message}");
            ExitCode::from(Exit::Error as u8)
        }
    }
}

/// Reads the article and picks the language: --lang, else what the article declares, else en.
fn load(args: &InputArgs) -> Result<(Article, Checker), String> {
    let path = args.file.clone().unwrap_or_else(|| PathBuf::from("-"));
    if path == Path::new("-") && args.file.is_none() && std::io::stdin().is_terminal() {
        return Err("no input: give an article FILE, or pipe one in (see --help)".into());
    }
    let article =
        input::read_article(&path, args.headline.as_deref()).map_err(|e| e.to_string())?;
    let lang = match &args.lang {
        Some(code) => code.parse::<Lang>().map_err(|e| e.to_string())?,
        None => article.lang.unwrap_or(Lang::En),
    };
    Ok((article, Checker::new(lang)))
}

fn check(args: &CheckArgs) -> Result<Exit, String> {
    let (article, mut checker) = load(&args.input)?;
    if let Some(path) = &args.model {
        let model = stance::load_model(path)?;
        if model.lang != checker.lang().code() {
            return Err(format!(
                "{}: the model is for `{}`, the article is in `{}`",
                path.display(),
                model.lang,
                checker.lang().code()
            ));
        }
        checker = checker.with_stance_model(Some(model));
    }
    let body = checker.index_body(&article.body);
    let mut trace = checker.trace(&article.headline, &body);
    trace.report.id.clone_from(&article.id);
    if args.debug {
        eprint!("{}", render::explain(&trace, &body));
    }
    let report = &trace.report;
    let out = match args.format {
        Format::Json => render::json(report),
        Format::Markdown => render::markdown(report),
        Format::Table => {
            let stdout_tty = std::io::stdout().is_terminal();
            let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && match args.color {
                    ColorWhen::Auto => stdout_tty,
                    ColorWhen::Always => true,
                    ColorWhen::Never => false,
                };
            // On a terminal the tables fit it; elsewhere COLUMNS, or 120.
            let width = terminal_width().or((!stdout_tty).then_some(120));
            render::table(report, color, width)
        }
    };
    write_stdout(&out)?;
    Ok(if fails(args.fail_on, report.verdict) {
        Exit::Flagged
    } else {
        Exit::Pass
    })
}

/// Whether `verdict` is at or above the --fail-on level.
pub(crate) fn fails(fail_on: FailOn, verdict: Verdict) -> bool {
    match fail_on {
        FailOn::Partial => verdict >= Verdict::Partial,
        FailOn::Contradicted => verdict >= Verdict::Contradicted,
        FailOn::Unrelated => verdict >= Verdict::Unrelated,
        FailOn::Never => false,
    }
}

fn explain(args: &InputArgs) -> Result<Exit, String> {
    let (article, checker) = load(args)?;
    let body = checker.index_body(&article.body);
    let trace = checker.trace(&article.headline, &body);
    write_stdout(&render::explain(&trace, &body))?;
    Ok(Exit::Pass)
}

/// Writes to standard output; a reader that closed the pipe early is not an error.
pub(crate) fn write_stdout(text: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("cannot write output: {e}")),
    }
}

/// The terminal's width from COLUMNS, when set to a usable width (40 or more).
fn terminal_width() -> Option<u16> {
    std::env::var("COLUMNS")
        .ok()?
        .trim()
        .parse()
        .ok()
        .filter(|w| *w >= 40)
}

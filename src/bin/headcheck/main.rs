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

use clap::{CommandFactory, Parser};
use headcheck::batch::{Outcome, Record};
use headcheck::config::Settings;
use headcheck::findings::{findings, Gate};
use headcheck::{input, render, Article, Checker, Config, FailOn, IgnoreList, Lang};

use args::{CheckArgs, Cli, ColorWhen, Command, ExplainArgs, Format, GateArgs, InputArgs};

/// The documented exit codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Exit {
    /// The verdict is below the --fail-on level.
    Pass = 0,
    /// The verdict is at or above the --fail-on level, or the score below --min-score.
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
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "headcheck", &mut out);
            write_stdout(&String::from_utf8_lossy(&out)).map(|()| Exit::Pass)
        }
        Command::Man { dir } => man(dir.as_deref()),
    };
    match result {
        Ok(code) => ExitCode::from(code as u8),
        Err(message) => {
            eprintln!("headcheck: {message}");
            ExitCode::from(Exit::Error as u8)
        }
    }
}

/// The article's path (`-` for standard input), refusing a terminal as input.
fn input_path(args: &InputArgs) -> Result<PathBuf, String> {
    let path = args.file.clone().unwrap_or_else(|| PathBuf::from("-"));
    if path == Path::new("-") && args.file.is_none() && std::io::stdin().is_terminal() {
        return Err("no input: give an article FILE, or pipe one in (see --help)".into());
    }
    Ok(path)
}

/// A checker for `article`: the language is --lang, else what the article declares, else the
/// config's, else en; the ignore words are the config's and `ignore`.
fn checker_for(
    args: &InputArgs,
    article: &Article,
    settings: &Settings,
    ignore: &[String],
) -> Result<Checker, String> {
    let lang = match &args.lang {
        Some(code) => code.parse::<Lang>().map_err(|e| e.to_string())?,
        None => article.lang.or(settings.lang).unwrap_or(Lang::En),
    };
    Ok(Checker::new(lang).with_ignore(IgnoreList::new(settings.ignore.iter().chain(ignore))))
}

/// The config: --config's file, else (unless --no-config) the headcheck.toml found in the
/// current folder or its parents.
pub(crate) fn load_config(gate: &GateArgs) -> Result<Option<Config>, headcheck::Error> {
    find_config(gate.config.as_deref(), gate.no_config)
}

fn find_config(file: Option<&Path>, none: bool) -> Result<Option<Config>, headcheck::Error> {
    match (file, none) {
        (Some(path), _) => Config::load(path).map(Some),
        (None, true) => Ok(None),
        (None, false) => Config::discover(Path::new(".")),
    }
}

/// Findings as GitHub workflow commands, or else as SARIF.
pub(crate) fn ci_output(github: bool, found: &[headcheck::findings::Finding]) -> String {
    if github {
        render::github(found)
    } else {
        render::sarif(found)
    }
}

/// A config error in a CI format: the finding, for the pipeline to show.
pub(crate) fn config_error_output(error: &headcheck::Error, github: bool) -> String {
    ci_output(github, &[headcheck::findings::config_error(error)])
}

/// The gate for a file with these settings: flags win over the config.
pub(crate) fn gate_of(args: &GateArgs, settings: &Settings) -> Gate {
    Gate {
        fail_on: args.fail_on.or(settings.fail_on).unwrap_or(FailOn::Partial),
        min_score: args.min_score.or(settings.min_score),
    }
}

fn check(args: &CheckArgs) -> Result<Exit, String> {
    let config = match load_config(&args.gate) {
        Ok(c) => c,
        Err(e) if matches!(args.format, Format::Sarif | Format::Github) => {
            write_stdout(&config_error_output(&e, args.format == Format::Github))?;
            return Err(e.to_string());
        }
        Err(e) => return Err(e.to_string()),
    };
    let path = input_path(&args.input)?;
    let settings = settings_for(config.as_ref(), &path);
    let gate = gate_of(&args.gate, &settings);
    let ci_format = matches!(args.format, Format::Sarif | Format::Github);
    let article = match input::read_article(&path, args.input.headline.as_deref()) {
        Ok(a) => a,
        // In the CI formats an unreadable article is a finding, so the pipeline shows it.
        Err(e) if ci_format => {
            let record = Record {
                file: Some(path.as_path().into()),
                headline_line: e.line(),
                ..Record::new(Outcome::Failed {
                    id: Some(path.display().to_string()),
                    error: e.to_string(),
                })
            };
            write_stdout(&ci_output(
                args.format == Format::Github,
                &findings(&record, &gate),
            ))?;
            return Err(e.to_string());
        }
        Err(e) => return Err(e.to_string()),
    };
    let mut checker = checker_for(&args.input, &article, &settings, &args.gate.ignore)?;
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
        Format::Sarif | Format::Github => {
            let record = Record {
                file: (path != Path::new("-")).then(|| path.as_path().into()),
                headline_line: article.headline_line,
                ..Record::new(Outcome::Checked(Box::new(report.clone())))
            };
            ci_output(args.format == Format::Github, &findings(&record, &gate))
        }
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
    Ok(if gate.fails(report) {
        Exit::Flagged
    } else {
        Exit::Pass
    })
}

/// The config's settings for the article at `path` (its top level for standard input).
fn settings_for(config: Option<&Config>, path: &Path) -> Settings {
    match config {
        Some(c) if path != Path::new("-") => c.settings_for(path),
        Some(c) => c.base().clone(),
        None => Settings::default(),
    }
}

fn explain(args: &ExplainArgs) -> Result<Exit, String> {
    let config = find_config(args.config.as_deref(), args.no_config).map_err(|e| e.to_string())?;
    let path = input_path(&args.input)?;
    let article =
        input::read_article(&path, args.input.headline.as_deref()).map_err(|e| e.to_string())?;
    let settings = settings_for(config.as_ref(), &path);
    let checker = checker_for(&args.input, &article, &settings, &[])?;
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

/// `headcheck man`: the main page to standard output, or every command's page into `dir`.
fn man(dir: Option<&Path>) -> Result<Exit, String> {
    let cmd = Cli::command();
    match dir {
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .and_then(|()| clap_mangen::generate_to(cmd, dir))
                .map_err(|e| format!("{}: cannot write: {e}", dir.display()))?;
        }
        None => {
            let mut out = Vec::new();
            clap_mangen::Man::new(cmd)
                .render(&mut out)
                .map_err(|e| format!("cannot render the manual page: {e}"))?;
            write_stdout(&String::from_utf8_lossy(&out))?;
        }
    }
    Ok(Exit::Pass)
}

/// `n` and the noun, plural unless `n` is 1 ("1 record", "0 errors").
fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
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

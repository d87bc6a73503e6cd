//! `headcheck batch`: runs the library's batch engine and writes its records in the chosen
//! format, with a progress bar and a summary line on standard error.

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use headcheck::batch::{self, CsvRows, Event, Fields, Options, Record, Source, Summary};
use headcheck::findings::{findings, Finding, Gate};
use headcheck::render::{self, CsvLayout};
use headcheck::{Config, Detail, Lang, Verdict};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::args::{BatchArgs, BatchFormat, GateArgs};
use crate::{config_error_output, gate_of, load_config, Exit};

/// The output formats, as the batch engine's threads and the writer see them.
enum Format {
    Jsonl,
    Csv(CsvLayout),
    /// Markdown keeps a bounded summary.
    Markdown,
    /// HTML keeps every record.
    Html(Vec<Record>),
    /// SARIF keeps every finding (one document at the end).
    Sarif(Vec<Finding>),
    /// GitHub workflow commands, rendered on the checking threads.
    Github,
}

/// A record as it reaches the writer: its verdict (`None`: an error), and either its rendered
/// bytes (JSON Lines, CSV: rendered on the thread that checked it) or the record itself
/// (Markdown, HTML: rendered at the end).
struct Done {
    verdict: Option<Verdict>,
    /// Whether it fails the gate.
    fails: bool,
    rendered: Result<Vec<u8>, String>,
    record: Option<Record>,
    /// For SARIF: its findings.
    findings: Vec<Finding>,
}

/// Each record's gate: the flags over the config's settings for its file. A batch's records
/// mostly come from one file (JSON Lines, CSV) or each from its own, so the last file's gate
/// is kept.
struct Gates<'a> {
    args: &'a GateArgs,
    config: Option<Arc<Config>>,
    last: Mutex<Option<(Arc<Path>, Gate)>>,
}

impl Gates<'_> {
    fn gate(&self, file: Option<&Arc<Path>>) -> Gate {
        let (Some(config), Some(file)) = (&self.config, file) else {
            let settings = self.config.as_ref().map(|c| c.base().clone());
            return gate_of(self.args, &settings.unwrap_or_default());
        };
        let mut last = self.last.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((f, gate)) = &*last {
            if Arc::ptr_eq(f, file) {
                return *gate;
            }
        }
        let gate = gate_of(self.args, &config.settings_for(file));
        *last = Some((Arc::clone(file), gate));
        gate
    }
}

pub fn run(args: &BatchArgs) -> Result<Exit, String> {
    if let Some(n) = args.threads {
        if n == 0 {
            return Err("--threads must be at least 1".into());
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .map_err(|e| format!("cannot start {n} threads: {e}"))?;
    }
    let lang = match &args.lang {
        Some(code) => Some(code.parse::<Lang>().map_err(|e| e.to_string())?),
        None => None,
    };
    let config = load_config(&args.gate);
    let sources: Vec<Source> = args
        .inputs
        .iter()
        .map(|p| {
            if p.as_os_str() == "-" {
                Source::Jsonl(p.clone())
            } else {
                Source::detect(p, args.bodies.as_deref())
            }
        })
        .collect();
    let pairs = sources
        .iter()
        .filter(|s| matches!(s, Source::Pairs { .. }))
        .count();
    if args.bodies.is_some() && pairs == 0 {
        return Err("--bodies is for FNC-1 stance files (.csv inputs)".into());
    }
    if args.format == BatchFormat::Csv && pairs > 0 && pairs < sources.len() {
        return Err("--format csv: FNC-1 pair files cannot be mixed with other inputs".into());
    }
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(BufWriter::new(
            File::create(path).map_err(|e| format!("{}: cannot write: {e}", path.display()))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    };
    // An invalid config stops the run; in the CI formats it is also a finding.
    let config = match config {
        Ok(c) => c.map(Arc::new),
        Err(e) => {
            if matches!(args.format, BatchFormat::Sarif | BatchFormat::Github) {
                let text = config_error_output(&e, args.format == BatchFormat::Github);
                out.write_all(text.as_bytes())
                    .and_then(|()| out.flush())
                    .map_err(write_err)?;
            }
            return Err(e.to_string());
        }
    };
    let mut format = match args.format {
        BatchFormat::Jsonl => Format::Jsonl,
        BatchFormat::Csv if pairs > 0 => {
            // The stance file's own header, when it can be read; the engine reports it
            // otherwise.
            let header = CsvRows::open(sources[0].path())
                .map(|r| r.headers().to_vec())
                .unwrap_or_else(|_| vec!["Headline".into(), "Body ID".into()]);
            Format::Csv(CsvLayout::pairs(&header))
        }
        BatchFormat::Csv => Format::Csv(CsvLayout::articles()),
        BatchFormat::Markdown => Format::Markdown,
        BatchFormat::Html => Format::Html(Vec::new()),
        BatchFormat::Sarif => Format::Sarif(Vec::new()),
        BatchFormat::Github => Format::Github,
    };
    if let Format::Csv(layout) = &format {
        let mut header = Vec::new();
        layout.header(&mut header);
        out.write_all(&header).map_err(write_err)?;
    }
    let stance_model = args
        .model
        .as_deref()
        .map(crate::stance::load_model)
        .transpose()?;
    let configured = config
        .as_ref()
        .map(|c| c.fields.clone())
        .unwrap_or_default();
    let options = Options {
        stance_model,
        fields: Fields {
            headline: args.headline_field.clone().or(configured.headline),
            body: args.body_field.clone().or(configured.body),
            id: args.id_field.clone().or(configured.id),
        },
        lang,
        // Only JSON Lines and HTML show evidence sentences and focus; CSV shows no reasons.
        detail: match args.format {
            BatchFormat::Jsonl | BatchFormat::Html => Detail::Full,
            BatchFormat::Markdown | BatchFormat::Sarif | BatchFormat::Github => Detail::Verdict,
            BatchFormat::Csv => Detail::Scores,
        },
        config: config.clone(),
        ignore: args.gate.ignore.clone(),
    };
    let gates = Gates {
        args: &args.gate,
        config,
        last: Mutex::new(None),
    };
    let progress = progress_bar(args.quiet);
    let start = Instant::now();
    let mut summary = Summary::default();
    let mut warnings = 0usize;
    let mut excluded = 0u64;
    let mut flagged = false;
    let mut unit = "";
    let csv_layout = match &format {
        Format::Csv(layout) => Some(layout.clone()),
        _ => None,
    };
    let keep_records = matches!(format, Format::Markdown | Format::Html(_));
    let (sarif, github) = (
        matches!(format, Format::Sarif(_)),
        matches!(format, Format::Github),
    );
    let finish = |record: Record| -> Done {
        let verdict = record.verdict();
        let gate = gates.gate(record.file.as_ref());
        let fails = record.report().is_some_and(|r| gate.fails(r));
        let mut done = Done {
            verdict,
            fails,
            rendered: Ok(Vec::new()),
            record: None,
            findings: Vec::new(),
        };
        if keep_records {
            done.record = Some(record);
            return done;
        }
        if sarif || github {
            let found = findings(&record, &gate);
            if github {
                done.rendered = Ok(render::github(&found).into_bytes());
            } else {
                done.findings = found;
            }
            return done;
        }
        let mut bytes = Vec::new();
        done.rendered = match &csv_layout {
            Some(layout) => {
                layout.row(&record, &mut bytes);
                Ok(bytes)
            }
            None => render::jsonl_record(&record, &mut bytes)
                .map(|()| bytes)
                .map_err(|e| e.to_string()),
        };
        done
    };
    let result = batch::run(
        &sources,
        &options,
        &finish,
        &mut |event| -> std::io::Result<()> {
            match event {
                Event::Record(mut done) => {
                    flagged |= done.fails;
                    if let Format::Sarif(all) = &mut format {
                        all.append(&mut done.findings);
                    }
                    match done.record {
                        Some(record) => {
                            summary.add(&record);
                            if let Format::Html(all) = &mut format {
                                all.push(record);
                            }
                        }
                        None => summary.tally.add_verdict(done.verdict),
                    }
                    let bytes = done.rendered.map_err(std::io::Error::other)?;
                    out.write_all(&bytes)?;
                }
                Event::Progress {
                    done,
                    total,
                    unit: u,
                } => {
                    if u != unit {
                        unit = u;
                        progress.set_style(style(u));
                    }
                    progress.set_length(total.max(done));
                    progress.set_position(done);
                }
                Event::Excluded(n) => excluded += n,
                Event::Warning(message) => {
                    warnings += 1;
                    progress.suspend(|| eprintln!("headcheck: warning: {message}"));
                }
            }
            Ok(())
        },
    );
    progress.finish_and_clear();
    let finished = result.and_then(|()| {
        summary.finish();
        match format {
            Format::Jsonl | Format::Csv(_) | Format::Github => {}
            Format::Sarif(all) => out.write_all(render::sarif(&all).as_bytes())?,
            Format::Markdown => out.write_all(render::batch_markdown(&summary).as_bytes())?,
            Format::Html(all) => {
                let title = format!("headcheck batch: {}", describe(&args.inputs));
                out.write_all(render::html(&all, &summary.tally, &title).as_bytes())?;
            }
        }
        out.flush()
    });
    match finished {
        Ok(()) => {}
        // A reader that closed the pipe early (`| head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(write_err(e)),
    }
    if !args.quiet {
        let t = &summary.tally;
        eprintln!(
            "headcheck: {}: {} consistent, {} partial, {} contradicted, {} unrelated; {}{}{}; {:.2} s",
            crate::counted(t.records, "record"),
            t.count(Verdict::Consistent),
            t.count(Verdict::Partial),
            t.count(Verdict::Contradicted),
            t.count(Verdict::Unrelated),
            crate::counted(t.errors, "error"),
            if warnings > 0 {
                format!(", {}", crate::counted(warnings, "warning"))
            } else {
                String::new()
            },
            if excluded > 0 {
                format!(
                    "; {} left out by the config's include/exclude",
                    crate::counted(usize::try_from(excluded).unwrap_or(usize::MAX), "article file")
                )
            } else {
                String::new()
            },
            start.elapsed().as_secs_f64()
        );
    }
    Ok(if summary.tally.errors > 0 || warnings > 0 {
        Exit::Error
    } else if flagged {
        Exit::Flagged
    } else {
        Exit::Pass
    })
}

fn write_err(e: std::io::Error) -> String {
    format!("cannot write output: {e}")
}

fn describe(inputs: &[std::path::PathBuf]) -> String {
    inputs
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A progress bar on standard error when it is a terminal and --quiet is not given; hidden
/// otherwise.
fn progress_bar(quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    bar.set_style(style("bytes"));
    bar
}

fn style(unit: &str) -> ProgressStyle {
    let template = if unit == "bytes" {
        "{elapsed_precise} [{bar:40}] {bytes}/{total_bytes} ({bytes_per_sec}, {eta})"
    } else {
        "{elapsed_precise} [{bar:40}] {pos}/{len} files ({eta})"
    };
    ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ")
}

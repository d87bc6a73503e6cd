//! `headcheck eval` and `headcheck train`: FNC-1 style labelled pair files in, figures and
//! models out. Pairs are read and checked through the batch engine, so bad records become errors
//! naming their line, and the run goes on without them.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::Instant;

use headcheck::batch::{self, CsvRows, Event, Fields, Options, Record, Source};
use headcheck::eval::metrics::{stance_metrics, StanceMetrics};
use headcheck::eval::{auroc, fnc1};
use headcheck::stance::{
    distinct_word_keys, fit, fit_linear, grouped_folds, grow_forest, learn, topic_groups, Fit,
    FitSettings, Forest, LexiconBody, LexiconTable, Lexicons, Linear, Model, Sample, Stance,
    LEXICON_STANCES,
};
use headcheck::{Checker, Detail, Lang};
use serde::Serialize;

use crate::args::{EvalArgs, EvalFormat, TrainArgs};
use crate::Exit;

/// One labelled pair as the checker saw it.
struct Pair {
    headline: String,
    body_id: String,
    gold: Stance,
    /// The checker's stance and score, and the stance model's input.
    predicted: Option<Stance>,
    score: f64,
    sample: Option<Sample>,
}

/// What reading a pair file gave.
struct Pairs {
    /// The pairs that could be read and checked, in file order.
    pairs: Vec<Pair>,
    /// Records that could not (each printed to standard error with its line).
    errors: usize,
    /// Bad rows of the bodies file (printed too); pairs pointing at them are errors.
    warnings: usize,
}

/// Uses `threads` worker threads for the whole command (as `batch --threads` does).
fn set_threads(threads: Option<usize>) -> Result<(), String> {
    match threads {
        None => Ok(()),
        Some(0) => Err("--threads must be at least 1".into()),
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .map_err(|e| format!("cannot start {n} threads: {e}")),
    }
}

/// Reads a model file for `check`, `batch` and `eval --model`. It lives as long as the process.
pub fn load_model(path: &Path) -> Result<&'static Model, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let model = Model::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(Box::leak(Box::new(model)))
}

/// Reads and checks every pair of `stances` against `bodies` (with `model` instead of the
/// shipped one when given). Bad records and bodies-file warnings are printed to standard error,
/// naming their line, and counted; the rest go on. An error when no pair could be read at all.
fn read_pairs(
    stances: &Path,
    bodies: &Path,
    model: Option<&'static Model>,
) -> Result<Pairs, String> {
    let stance_col = CsvRows::open(stances)
        .and_then(|rows| rows.column("Stance"))
        .map_err(|e| e.to_string())?;
    let name = stances.display().to_string();
    let options = Options {
        fields: Fields::default(),
        lang: Some(Lang::En),
        detail: Detail::Scores,
        stance_model: model,
        ..Options::default()
    };
    let finish = |record: Record| -> Result<Pair, String> {
        let line = record.line.unwrap_or(0);
        let report = match (record.report(), record.error()) {
            (Some(r), _) => r,
            (None, Some(e)) => return Err(e.to_string()),
            (None, None) => return Err(format!("{name}:{line}: not checked")),
        };
        let gold = gold_stance(&record.fields, stance_col, &name, line)?;
        Ok(Pair {
            headline: report.headline.clone(),
            body_id: record.body_id.clone().unwrap_or_default(),
            gold,
            predicted: report.stance.as_ref().map(|s| s.stance),
            score: report.relatedness,
            sample: report.features.clone().map(|features| Sample {
                features,
                stance: gold,
            }),
        })
    };
    let (mut pairs, mut errors, mut warnings) = (Vec::new(), 0usize, 0usize);
    let sources = [Source::Pairs {
        stances: stances.to_path_buf(),
        bodies: bodies.to_path_buf(),
    }];
    batch::run(
        &sources,
        &options,
        &finish,
        &mut |event| -> Result<(), String> {
            match event {
                Event::Record(Ok(pair)) => pairs.push(pair),
                Event::Record(Err(e)) => {
                    errors += 1;
                    eprintln!("headcheck: {e}");
                }
                Event::Warning(e) => {
                    warnings += 1;
                    eprintln!("headcheck: warning: {e}");
                }
                Event::Progress { .. } | Event::Excluded(_) => {}
            }
            Ok(())
        },
    )?;
    if pairs.is_empty() {
        return Err(format!(
            "no pair of {name} could be read and checked against {}",
            bodies.display()
        ));
    }
    Ok(Pairs {
        pairs,
        errors,
        warnings,
    })
}

/// A row's Stance, or an error naming its line.
fn gold_stance(fields: &[String], column: usize, name: &str, line: u64) -> Result<Stance, String> {
    let label = fields.get(column).map_or("", String::as_str);
    Stance::parse(label).ok_or_else(|| {
        format!("{name}:{line}: Stance `{label}` is not one of agree, disagree, discuss, unrelated")
    })
}

/// The JSON of `eval --format json`: the figures, the AUROC of `score` (when headcheck made
/// the predictions) and how many pairs were left out.
#[derive(Serialize)]
struct EvalOutput<'a> {
    #[serde(flatten)]
    metrics: &'a StanceMetrics,
    auroc: Option<f64>,
    errors: usize,
    warnings: usize,
}

/// `headcheck eval`.
pub fn eval(args: &EvalArgs) -> Result<Exit, String> {
    let start = Instant::now();
    set_threads(args.threads)?;
    if args.stances.extension().is_some_and(|e| e == "jsonl") {
        if args.bodies.is_some() || args.predictions.is_some() {
            return Err(
                "a .jsonl file of judged headlines takes no --bodies or --predictions".into(),
            );
        }
        return eval_judged(args, start);
    }
    let (predicted, auc, errors, warnings) = match (&args.predictions, &args.bodies) {
        (Some(path), _) => {
            let (pairs, errors) = match_predictions(&args.stances, path)?;
            (pairs, None, errors, 0)
        }
        (None, Some(bodies)) => {
            let model = args.model.as_deref().map(load_model).transpose()?;
            let read = read_pairs(&args.stances, bodies, model)?;
            let predicted: Vec<(Stance, Stance)> = read
                .pairs
                .iter()
                .filter_map(|p| p.predicted.map(|s| (p.gold, s)))
                .collect();
            let scores: Vec<(f64, bool)> = read
                .pairs
                .iter()
                .map(|p| (p.score, p.gold.is_related()))
                .collect();
            (predicted, auroc(&scores), read.errors, read.warnings)
        }
        (None, None) => return Err("give --bodies (or --predictions)".into()),
    };
    let metrics = stance_metrics(&predicted)
        .ok_or_else(|| format!("no pair of {} could be scored", args.stances.display()))?;
    let out = match args.format {
        EvalFormat::Table => metrics_table(&metrics, auc, errors),
        EvalFormat::Json => {
            let output = EvalOutput {
                metrics: &metrics,
                auroc: auc,
                errors,
                warnings,
            };
            let mut text = serde_json::to_string_pretty(&output).map_err(|e| e.to_string())?;
            text.push('\n');
            text
        }
    };
    crate::write_stdout(&out)?;
    eprintln!(
        "headcheck eval: {} scored, {errors} left out, {}; {:.1} s",
        crate::counted(metrics.pairs, "pair"),
        crate::counted(warnings, "bodies-file warning"),
        start.elapsed().as_secs_f64()
    );
    Ok(if errors + warnings > 0 {
        Exit::Error
    } else {
        Exit::Pass
    })
}

/// `headcheck eval JUDGED.jsonl`: headcheck's score and verdict against people's judgements.
/// Each distinct article is indexed once; a line that cannot be read or checked is printed with
/// its line number and left out.
/// The records of a judged JSON Lines file, and how many lines were left out (each reported
/// on standard error with its line number).
fn read_judged(path: &Path) -> Result<(Vec<headcheck::eval::frank::JudgedRecord>, usize), String> {
    use headcheck::eval::frank::JudgedRecord;
    let name = path.display().to_string();
    let text = std::fs::read(path).map_err(|e| format!("cannot read {name}: {e}"))?;
    let mut errors = 0usize;
    let mut records: Vec<JudgedRecord> = Vec::new();
    for (n, line) in text.split(|&b| b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let parsed = std::str::from_utf8(line)
            .map_err(|e| format!("invalid UTF-8: {e}"))
            .and_then(|l| serde_json::from_str::<JudgedRecord>(l).map_err(|e| e.to_string()));
        match parsed {
            Ok(r) if r.headline.trim().is_empty() || r.body.trim().is_empty() => {
                errors += 1;
                eprintln!("headcheck: {name}:{}: empty headline or body", n + 1);
            }
            Ok(r) if !(0.0..=1.0).contains(&r.factuality) => {
                errors += 1;
                eprintln!("headcheck: {name}:{}: factuality must be in [0, 1]", n + 1);
            }
            Ok(r) => records.push(r),
            Err(e) => {
                errors += 1;
                eprintln!("headcheck: {name}:{}: {e}", n + 1);
            }
        }
    }
    Ok((records, errors))
}

fn eval_judged(args: &EvalArgs, start: Instant) -> Result<Exit, String> {
    use headcheck::eval::frank::{check_judged, judged_metrics, Judged};
    let path = &args.stances;
    let name = path.display().to_string();
    let model = args.model.as_deref().map(load_model).transpose()?;
    let checker = Checker::new(Lang::En);
    let checker = match model {
        Some(m) => checker.with_stance_model(Some(m)),
        None => checker,
    };
    let (records, errors) = read_judged(path)?;
    let checked = check_judged(&checker, &records);
    let articles = checked.iter().map(|(_, at)| at + 1).max().unwrap_or(0);
    let items: Vec<Judged> = records
        .iter()
        .zip(checked)
        .map(|(r, (report, _))| Judged {
            dataset: r.dataset.clone(),
            system: r.model.clone(),
            factuality: r.factuality,
            score: report.score,
            verdict: report.verdict,
        })
        .collect();
    if items.is_empty() {
        return Err(format!("no judged headline of {name} could be read"));
    }
    let metrics = judged_metrics(&items);
    let out = match args.format {
        EvalFormat::Json => {
            let mut text = serde_json::to_string_pretty(&metrics).map_err(|e| e.to_string())?;
            text.push('\n');
            text
        }
        EvalFormat::Table => judged_table(&metrics, &items),
    };
    crate::write_stdout(&out)?;
    eprintln!(
        "headcheck eval: {} scored ({}), {errors} left out; {:.1} s",
        crate::counted(items.len(), "judged headline"),
        crate::counted(articles, "article"),
        start.elapsed().as_secs_f64()
    );
    Ok(if errors > 0 { Exit::Error } else { Exit::Pass })
}

/// Scores a predictions file (`Headline,Body ID,Stance`, one row per row of the stances file,
/// in its order, as FNC-1's scorer reads them) against the stances file's labels, row by row.
/// Only the labels are read (no checking, no bodies), as `scorer.py` does. A row that cannot be
/// read in either file, whose headline or Body ID differs from its gold row's, or whose stance
/// is not one of the four is an error and left out; so are extra or missing rows.
fn match_predictions(
    stances: &Path,
    path: &Path,
) -> Result<(Vec<(Stance, Stance)>, usize), String> {
    let open = |p: &Path| -> Result<(CsvRows, [usize; 3]), String> {
        let rows = CsvRows::open(p).map_err(|e| e.to_string())?;
        let cols = [
            rows.column("Headline").map_err(|e| e.to_string())?,
            rows.column("Body ID").map_err(|e| e.to_string())?,
            rows.column("Stance").map_err(|e| e.to_string())?,
        ];
        Ok((rows, cols))
    };
    let (gold_rows, [gh, gb, gs]) = open(stances)?;
    let (predicted_rows, [ph, pb, ps]) = open(path)?;
    let (gold_name, name) = (stances.display().to_string(), path.display().to_string());
    let mut out = Vec::new();
    let mut bad = 0usize;
    let mut fail = |message: String| {
        bad += 1;
        eprintln!("headcheck: {message}");
    };
    let mut predicted_rows = predicted_rows.fuse();
    for gold in gold_rows {
        let Some(predicted) = predicted_rows.next() else {
            fail(format!(
                "{name}: no prediction for {gold_name}:{}",
                gold.line
            ));
            continue;
        };
        let (g, p) = match (gold.fields, predicted.fields) {
            (Ok(g), Ok(p)) => (g, p),
            (Err(e), _) | (_, Err(e)) => {
                fail(e);
                continue;
            }
        };
        if g[gh].trim() != p[ph].trim() || g[gb].trim() != p[pb].trim() {
            fail(format!(
                "{name}:{}: expected Headline `{}` with Body ID {} ({gold_name}:{}), got `{}` with {}",
                predicted.line,
                g[gh].trim(),
                g[gb].trim(),
                gold.line,
                p[ph].trim(),
                p[pb].trim()
            ));
            continue;
        }
        match (
            gold_stance(&g, gs, &gold_name, gold.line),
            gold_stance(&p, ps, &name, predicted.line),
        ) {
            (Ok(g), Ok(p)) => out.push((g, p)),
            (Err(e), _) | (_, Err(e)) => fail(e),
        }
    }
    for extra in predicted_rows {
        fail(format!(
            "{name}:{}: a prediction after the last row of {gold_name}",
            extra.line
        ));
    }
    Ok((out, bad))
}

/// The figures as text tables.
fn metrics_table(m: &StanceMetrics, auc: Option<f64>, left_out: usize) -> String {
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    line(format!(
        "FNC-1 score: {:.2} of {:.2} ({:.2}%); all unrelated would score {:.2}",
        m.score, m.max_score, m.relative, m.null_score
    ));
    line(format!(
        "pairs: {}  related-vs-unrelated accuracy: {:.2}%  accuracy: {:.2}%  macro-F1: {:.3}{}",
        m.pairs,
        100.0 * m.related_accuracy,
        100.0 * m.accuracy,
        m.macro_f1,
        auc.map_or(String::new(), |a| format!(
            "  AUROC of score (related): {a:.4}"
        ))
    ));
    if left_out > 0 {
        line(format!("pairs left out (errors): {left_out}"));
    }
    line(String::new());
    line(format!(
        "{:<10} {:>9} {:>9} {:>9} {:>8}",
        "stance", "precision", "recall", "F1", "pairs"
    ));
    for c in &m.classes {
        line(format!(
            "{:<10} {:>9.3} {:>9.3} {:>9.3} {:>8}",
            c.stance.as_str(),
            c.precision,
            c.recall,
            c.f1,
            c.support
        ));
    }
    line(String::new());
    line("confusion (rows: true stance, columns: predicted)".to_string());
    line(format!(
        "{:<10} {:>9} {:>9} {:>9} {:>9}",
        "", "agree", "disagree", "discuss", "unrelated"
    ));
    for s in Stance::ALL {
        let r = m.confusion[s.index()];
        line(format!(
            "{:<10} {:>9} {:>9} {:>9} {:>9}",
            s.as_str(),
            r[0],
            r[1],
            r[2],
            r[3]
        ));
    }
    out
}

/// The settings `--cv` tries: each L2 penalty with each balance and each share of the trees.
const L2_GRID: [f64; 4] = [0.0001, 0.001, 0.01, 0.1];
const BALANCE_GRID: [f64; 3] = [0.0, 0.5, 1.0];
const TREES_GRID: [f64; 5] = [0.0, 0.25, 0.5, 0.75, 1.0];

/// `headcheck train`.
pub fn train(args: &TrainArgs) -> Result<Exit, String> {
    let start = Instant::now();
    set_threads(args.threads)?;
    if args.verdict {
        return train_verdict(args, start);
    }
    let given = FitSettings {
        l2: args.l2,
        balance: args.balance,
        trees: args.trees,
    };
    given.check()?;
    let read = read_pairs(&args.stances, &args.bodies, None)?;
    let read_time = start.elapsed();
    let (mut errors, mut warnings) = (read.errors, read.warnings);
    let (fit_on, held): (Vec<&Pair>, Vec<&Pair>) = match &args.holdout {
        Some(path) => {
            let ids: HashSet<String> = fnc1::load_holdout(path)
                .map_err(|e| e.to_string())?
                .into_iter()
                .map(|id| id.to_string())
                .collect();
            read.pairs.iter().partition(|p| !ids.contains(&p.body_id))
        }
        None => (read.pairs.iter().collect(), Vec::new()),
    };
    if let (Some(path), true) = (&args.holdout, held.is_empty()) {
        return Err(format!(
            "no pair of {} has a Body ID listed in {}",
            args.stances.display(),
            path.display()
        ));
    }
    let body_keys = body_keys(&args.bodies)?;
    let lexicons = learn_lexicons(&fit_on, &body_keys);
    let samples = with_learned(&fit_on, &lexicons, &body_keys);
    if samples.is_empty() {
        return Err(format!(
            "no pair of {} could be used for training",
            args.stances.display()
        ));
    }
    let settings = match args.cv.and_then(|k| usize::try_from(k).ok()) {
        Some(k) => {
            let chosen = cross_validate(&fit_on, k, &body_keys)?;
            eprintln!(
                "headcheck train: chose --l2 {} --balance {} --trees {} by {k}-fold cross-validation grouped by topic",
                chosen.l2, chosen.balance, chosen.trees
            );
            chosen
        }
        None => given,
    };
    let trained_on = format!(
        "{} ({} pairs{}), {}",
        file_name(&args.stances),
        samples.len(),
        if args.holdout.is_some() {
            ", Body IDs in the holdout file left out"
        } else {
            ""
        },
        file_name(&args.bodies)
    );
    let fit_start = Instant::now();
    let Fit { model, converged } = fit(&samples, settings, "en", &trained_on);
    let model = model.with_lexicons(lexicons);
    let fit_time = fit_start.elapsed();
    if !converged {
        eprintln!(
            "headcheck: warning: the fit stopped before reaching the minimum (try a larger --l2)"
        );
    }
    // Figures on what was not fitted: the holdout's pairs, or --dev.
    let dev_pairs;
    let measured: Vec<&Pair> = match &args.dev {
        Some(dev) => {
            let read = read_pairs(dev, &args.bodies, None)?;
            errors += read.errors;
            warnings += read.warnings;
            dev_pairs = read.pairs;
            dev_pairs.iter().collect()
        }
        None => held,
    };
    // Their learned cue features under the new model's lexicons.
    let measured: Vec<&Pair> = measured
        .into_iter()
        .filter(|p| p.sample.is_some())
        .collect();
    let predicted: Vec<(Stance, Stance)> = measured
        .iter()
        .zip(with_learned(&measured, &model.lexicons, &body_keys))
        .map(|(p, s)| (p.gold, model.predict(&s.features, false).stance))
        .collect();
    if let Some(m) = stance_metrics(&predicted) {
        let what = match &args.dev {
            Some(dev) => dev.display().to_string(),
            None => "the held-out Body IDs".to_string(),
        };
        let mut text = format!("On {what} (not fitted):\n");
        text.push_str(&metrics_table(&m, None, 0));
        crate::write_stdout(&text)?;
    }
    write_model(&args.out, &model)?;
    eprintln!(
        "headcheck train: {} fitted ({errors} left out, {}); {:.1} s in all: reading and checking {:.1} s, fitting {:.1} s; model written to {}",
        crate::counted(samples.len(), "pair"),
        crate::counted(warnings, "bodies-file warning"),
        start.elapsed().as_secs_f64(),
        read_time.as_secs_f64(),
        fit_time.as_secs_f64(),
        args.out.display()
    );
    Ok(if errors + warnings > 0 {
        Exit::Error
    } else {
        Exit::Pass
    })
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Writes the model, after checking that it reads back as the same model.
fn write_model(path: &Path, model: &Model) -> Result<(), String> {
    let text = model.to_json().map_err(|e| e.to_string())?;
    match Model::parse(&text) {
        Ok(back) if back == *model => {}
        Ok(_) => return Err("the fitted model does not read back as itself".into()),
        Err(e) => return Err(format!("the fitted model is not usable: {e}")),
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Grouped `k`-fold cross-validation over the settings grid: each fold's topics are predicted
/// by a model fitted on the other folds. A setting's merit is the mean over folds of the
/// average of FNC-1 relative score (as a share) and macro-F1. Prints each setting's figures
/// (pooled over the folds) and merit (± its standard error over the folds) to standard output,
/// and returns the setting with the best merit (the first of equal ones).
fn cross_validate(
    pairs: &[&Pair],
    k: usize,
    body_keys: &HashMap<String, Vec<String>>,
) -> Result<FitSettings, String> {
    use rayon::prelude::*;
    let usable: Vec<&Pair> = pairs
        .iter()
        .copied()
        .filter(|p| p.sample.is_some())
        .collect();
    let keys: Vec<(&str, &str, bool)> = usable
        .iter()
        .map(|p| (p.headline.as_str(), p.body_id.as_str(), p.gold.is_related()))
        .collect();
    let folds = grouped_folds(&topic_groups(&keys), k);
    // Per fold: every usable pair's sample with the cue words learned from the other folds.
    let per_fold: Vec<Vec<Sample>> = (0..k)
        .into_par_iter()
        .map(|f| {
            let train: Vec<&Pair> = usable
                .iter()
                .zip(&folds)
                .filter(|(_, &g)| g != f)
                .map(|(p, _)| *p)
                .collect();
            with_learned(&usable, &learn_lexicons(&train, body_keys), body_keys)
        })
        .collect();
    // The fitted parts each setting shares: per fold, its training samples; per fold and
    // balance, the trees; per fold, L2 and balance, the regressions.
    let trains: Vec<Vec<Sample>> = per_fold
        .iter()
        .enumerate()
        .map(|(f, samples)| {
            samples
                .iter()
                .zip(&folds)
                .filter(|(_, &g)| g != f)
                .map(|(s, _)| s.clone())
                .collect()
        })
        .collect();
    let nb = BALANCE_GRID.len();
    let forests: Vec<Forest> = (0..k * nb)
        .into_par_iter()
        .map(|i| grow_forest(&trains[i / nb], BALANCE_GRID[i % nb]))
        .collect();
    let nl = L2_GRID.len();
    let linears: Vec<Linear> = (0..k * nl * nb)
        .into_par_iter()
        .map(|i| {
            let (f, l, b) = (i / (nl * nb), (i / nb) % nl, i % nb);
            fit_linear(&trains[f], L2_GRID[l], BALANCE_GRID[b])
        })
        .collect();
    let mut grid = Vec::new();
    for (l, &l2) in L2_GRID.iter().enumerate() {
        for (b, &balance) in BALANCE_GRID.iter().enumerate() {
            for &trees in &TREES_GRID {
                grid.push((l, b, FitSettings { l2, balance, trees }));
            }
        }
    }
    let results: Vec<(FitSettings, StanceMetrics, f64, f64)> = grid
        .par_iter()
        .filter_map(|&(l, b, settings)| {
            let mut predicted = Vec::with_capacity(usable.len());
            let mut merits = Vec::with_capacity(k);
            for (f, samples) in per_fold.iter().enumerate() {
                if trains[f].is_empty() {
                    continue;
                }
                let model = linears[(f * nl + l) * nb + b]
                    .model(settings, forests[f * nb + b].clone(), "en", "cv")
                    .model;
                let fold: Vec<(Stance, Stance)> = samples
                    .iter()
                    .zip(&folds)
                    .filter(|(_, &g)| g == f)
                    .map(|(s, _)| (s.stance, model.predict(&s.features, false).stance))
                    .collect();
                if let Some(m) = stance_metrics(&fold) {
                    merits.push((m.relative / 100.0 + m.macro_f1) / 2.0);
                }
                predicted.extend(fold);
            }
            let n = merits.len() as f64;
            let mean = merits.iter().sum::<f64>() / n;
            let se = if merits.len() < 2 {
                0.0
            } else {
                let var = merits.iter().map(|m| (m - mean).powi(2)).sum::<f64>() / (n - 1.0);
                (var / n).sqrt()
            };
            stance_metrics(&predicted).map(|m| (settings, m, mean, se))
        })
        .collect();
    let mut text = format!(
        "{k}-fold cross-validation grouped by topic ({} pairs; figures pooled over the folds, merit per fold):\n{:>8} {:>8} {:>6} {:>9} {:>9} {:>11} {:>9} {:>15}\n",
        usable.len(),
        "l2",
        "balance",
        "trees",
        "relative",
        "macro-F1",
        "disagree F1",
        "related",
        "merit ± SE"
    );
    for (s, m, merit, se) in &results {
        text.push_str(&format!(
            "{:>8} {:>8} {:>6} {:>8.2}% {:>9.3} {:>11.3} {:>8.2}% {:>8.4} ± {:.4}\n",
            s.l2,
            s.balance,
            s.trees,
            m.relative,
            m.macro_f1,
            m.classes[Stance::Disagree.index()].f1,
            100.0 * m.related_accuracy,
            merit,
            se
        ));
    }
    crate::write_stdout(&text)?;
    results
        .iter()
        .filter(|r| r.2.is_finite())
        .fold(
            None,
            |best: Option<&(FitSettings, StanceMetrics, f64, f64)>, r| {
                if best.is_none_or(|b| r.2 > b.2) {
                    Some(r)
                } else {
                    best
                }
            },
        )
        .map(|r| r.0)
        .ok_or_else(|| "cross-validation had nothing to fit".to_string())
}

/// Each body's distinct word keys in text order ([`distinct_word_keys`]), by Body ID, for
/// learning cue words. Rows that cannot be read, and repeated Body IDs after the first, are left
/// out (reading the pairs has already warned of them).
fn body_keys(bodies: &Path) -> Result<HashMap<String, Vec<String>>, String> {
    use rayon::prelude::*;
    let rows = CsvRows::open(bodies).map_err(|e| e.to_string())?;
    let (id, text) = (
        rows.column("Body ID").map_err(|e| e.to_string())?,
        rows.column("articleBody").map_err(|e| e.to_string())?,
    );
    let mut seen = HashSet::new();
    let texts: Vec<(String, String)> = rows
        .filter_map(|row| row.fields.ok())
        .filter_map(|mut f| {
            let body_id = f[id].trim().to_string();
            seen.insert(body_id.clone())
                .then(|| (body_id, std::mem::take(&mut f[text])))
        })
        .collect();
    let checker = Checker::new(Lang::En);
    Ok(texts
        .into_par_iter()
        .map(|(id, text)| (id, distinct_word_keys(&checker.index_body(&text))))
        .collect())
}

/// The cue words learned from the related pairs among `pairs`: per body, the stances of its
/// related pairs and its topic.
fn learn_lexicons(pairs: &[&Pair], body_keys: &HashMap<String, Vec<String>>) -> Lexicons {
    let keys: Vec<(&str, &str, bool)> = pairs
        .iter()
        .map(|p| (p.headline.as_str(), p.body_id.as_str(), p.gold.is_related()))
        .collect();
    let topics = topic_groups(&keys);
    // Body ID order, so the bodies come in the same order whatever the pairs' order.
    let mut bodies: std::collections::BTreeMap<&str, ([bool; 3], usize)> = Default::default();
    for (p, &topic) in pairs.iter().zip(&topics) {
        let Some(c) = LEXICON_STANCES.iter().position(|&s| s == p.gold) else {
            continue;
        };
        bodies
            .entry(p.body_id.as_str())
            .or_insert(([false; 3], topic))
            .0[c] = true;
    }
    let list: Vec<LexiconBody<'_>> = bodies
        .into_iter()
        .filter_map(|(id, (stances, topic))| {
            Some(LexiconBody {
                keys: body_keys.get(id)?,
                stances,
                topic,
            })
        })
        .collect();
    learn(&list)
}

/// The samples of `pairs` (those that have one), with the `learned_*` features of `lexicons`.
fn with_learned(
    pairs: &[&Pair],
    lexicons: &Lexicons,
    body_keys: &HashMap<String, Vec<String>>,
) -> Vec<Sample> {
    let table = LexiconTable::new(lexicons);
    let mut scores: HashMap<&str, [f64; 3]> = HashMap::new();
    pairs
        .iter()
        .filter_map(|p| {
            let mut sample = p.sample.clone()?;
            let learned = *scores.entry(p.body_id.as_str()).or_insert_with(|| {
                body_keys
                    .get(&p.body_id)
                    .map_or([0.0; 3], |k| table.score(k.iter().map(String::as_str)))
            });
            sample.features.set_learned(learned);
            Some(sample)
        })
        .collect()
}

/// The judged figures as a text table, with what its columns mean.
fn judged_table(
    metrics: &[headcheck::eval::frank::JudgedMetrics],
    items: &[headcheck::eval::frank::Judged],
) -> String {
    use headcheck::Verdict;
    let f = |x: Option<f64>| x.map_or_else(|| "-".to_string(), |x| format!("{x:.3}"));
    let mut t = String::from(
        "dataset   items  faithful   AUROC  bal.acc  faithful→consistent  others→flagged  partial r  partial ρ\n",
    );
    for m in metrics {
        t.push_str(&format!(
            "{:<8} {:>6} {:>9} {:>7} {:>8} {:>20} {:>15} {:>10} {:>10}\n",
            m.dataset,
            m.items,
            m.faithful,
            f(m.auroc),
            f(m.balanced_accuracy),
            f(m.faithful_consistent),
            f(m.unfaithful_flagged),
            f(m.partial_pearson),
            f(m.partial_spearman)
        ));
    }
    let consistent = items
        .iter()
        .filter(|i| i.verdict == Verdict::Consistent)
        .count();
    t.push_str(&format!(
        "\nfaithful: factuality 1 (every sentence judged free of factual errors); AUROC of the \
         score for faithful against the rest; bal.acc: the mean of the two shares after it \
         (verdict consistent for faithful, anything else for the rest; {consistent} of {} \
         called consistent); partial r and ρ: Pearson and Spearman correlation of the score \
         with factuality, each summarising system's mean removed (FRANK's figure)\n",
        items.len()
    ));
    t
}

/// `headcheck train --verdict`: fits the verdict model on judged summaries and the drift set
/// of the stances file's pairs, prints its cross-validated figures and reliability table, and
/// writes it.
fn train_verdict(args: &TrainArgs, start: Instant) -> Result<Exit, String> {
    use headcheck::eval::frank::{judged_metrics, Judged};
    use headcheck::eval::verdict::{
        cross_validate, drift_rows, fit_verdict, judged_rows, reliability, Row, Source,
        VerdictSettings,
    };
    use headcheck::eval::{drift, fnc1 as f1};
    use headcheck::Verdict;
    let Some(judged_path) = &args.judged else {
        return Err("--verdict needs --judged JUDGED.jsonl".into());
    };
    let (records, mut errors) = read_judged(judged_path)?;
    if records.is_empty() {
        return Err(format!(
            "no judged headline of {} could be read",
            judged_path.display()
        ));
    }
    let pairs = f1::load_stances(&args.stances).map_err(|e| e.to_string())?;
    let bodies = f1::load_bodies(&args.bodies).map_err(|e| e.to_string())?;
    let checker = Checker::new(Lang::En);
    let mut index = std::collections::BTreeMap::new();
    for p in &pairs {
        match bodies.get(&p.body_id) {
            Some(text) => {
                index
                    .entry(p.body_id)
                    .or_insert_with(|| checker.index_body(text));
            }
            None => {
                errors += 1;
                eprintln!(
                    "headcheck: {}: no body {} in {}",
                    args.stances.display(),
                    p.body_id,
                    args.bodies.display()
                );
            }
        }
    }
    let read_time = start.elapsed();
    let mut rows: Vec<Row> = judged_rows(&checker, &records);
    let set = drift::drift_set(&checker, &pairs, &index);
    rows.extend(drift_rows(&checker, &pairs, &index, &set));
    let settings = VerdictSettings::default();
    let fit_start = Instant::now();
    let cv = cross_validate(&rows, settings);
    let trained_on = format!(
        "{} ({} judged summaries) and the drift set of {} ({} drifted copies with their \
         originals; bodies {}), sources weighted {} judged / {} drift, L2 {}: `headcheck train \
         --verdict --judged {} {} --bodies {} --out FILE` (README, \"How the verdict is reached\")",
        file_name(judged_path),
        records.len(),
        file_name(&args.stances),
        set.cases.len(),
        file_name(&args.bodies),
        settings.judged_share,
        1.0 - settings.judged_share,
        settings.l2,
        file_name(judged_path),
        file_name(&args.stances),
        file_name(&args.bodies)
    );
    let (model, converged) = fit_verdict(
        &rows,
        settings,
        headcheck::score::VerdictModel::builtin(),
        &trained_on,
    );
    let fit_time = fit_start.elapsed();
    if !converged {
        eprintln!("headcheck: warning: the verdict fit stopped before reaching the minimum");
    }
    // The judged figures, each summary scored by a model fitted without its article.
    let items: Vec<Judged> = records
        .iter()
        .zip(&rows)
        .zip(cv.probability.iter().zip(&cv.consistent))
        .map(|((r, _), (&p, &consistent))| Judged {
            dataset: r.dataset.clone(),
            system: r.model.clone(),
            factuality: r.factuality,
            score: p,
            verdict: if consistent {
                Verdict::Consistent
            } else {
                Verdict::Partial
            },
        })
        .collect();
    let mut out = format!(
        "Judged summaries, {}-fold cross-validated by article (each scored by a model fitted \
         without its article):\n",
        settings.folds
    );
    out.push_str(&judged_table(&judged_metrics(&items), &items));
    let drift: Vec<(bool, bool)> = rows
        .iter()
        .zip(&cv.consistent)
        .filter(|(r, _)| r.source == Source::Drift)
        .map(|(r, &c)| (r.supported, c))
        .collect();
    let share = |want: bool, called: bool| {
        let of: Vec<&(bool, bool)> = drift.iter().filter(|d| d.0 == want).collect();
        100.0 * of.iter().filter(|d| d.1 == called).count() as f64 / of.len().max(1) as f64
    };
    out.push_str(&format!(
        "\nDrift set of {} (cross-validated by topic): {:.1}% of drifted copies flagged, {:.1}% of originals flagged\n",
        file_name(&args.stances),
        share(false, false),
        share(true, false)
    ));
    out.push_str(
        "\nReliability of the score on the judged summaries (cross-validated):\n\
         probability   summaries  mean score  share faithful\n",
    );
    let judged: Vec<(f64, bool)> = items
        .iter()
        .map(|i| (i.score, i.factuality >= 1.0))
        .collect();
    for bin in reliability(&judged, 10) {
        out.push_str(&format!(
            "{:.1}–{:.1}     {:>11} {:>11.3} {:>15.3}\n",
            bin.from, bin.to, bin.rows, bin.mean_probability, bin.observed
        ));
    }
    crate::write_stdout(&out)?;
    let text = model.to_json().map_err(|e| e.to_string())?;
    std::fs::write(&args.out, text)
        .map_err(|e| format!("cannot write {}: {e}", args.out.display()))?;
    eprintln!(
        "headcheck train: verdict model fitted on {} rows ({errors} left out); {:.1} s in all: reading {:.1} s, checking and fitting {:.1} s; written to {}",
        rows.len(),
        start.elapsed().as_secs_f64(),
        read_time.as_secs_f64(),
        fit_time.as_secs_f64(),
        args.out.display()
    );
    Ok(if errors > 0 { Exit::Error } else { Exit::Pass })
}

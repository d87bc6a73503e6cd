//! `headcheck eval` and `headcheck train`: FNC-1 style labelled pair files in, figures and
//! models out. Both read the pairs through the batch engine, so bad records become errors
//! naming their line, and the run goes on without them.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use headcheck::batch::{self, CsvRows, Event, Fields, Options, Record, Source};
use headcheck::eval::metrics::{stance_metrics, StanceMetrics};
use headcheck::eval::{auroc, fnc1};
use headcheck::stance::{fit, grouped_folds, topic_groups, FitSettings, Model, Sample, Stance};
use headcheck::{Detail, Lang};

use crate::args::{EvalArgs, EvalFormat, TrainArgs};
use crate::Exit;

/// One labelled pair as the checker saw it.
struct Pair {
    headline: String,
    body_id: String,
    gold: Stance,
    /// The checker's stance and score (from the shipped model), and the stance model's input.
    predicted: Option<Stance>,
    score: f64,
    sample: Option<Sample>,
}

/// What reading a pair file gave: the pairs that could be checked, and how many could not.
struct Pairs {
    pairs: Vec<Pair>,
    /// Per record of the stances file, in order: its place in `pairs`, or `None` when it could
    /// not be read or checked.
    rows: Vec<Option<usize>>,
    errors: usize,
}

/// Reads and checks every pair of `stances` against `bodies`. Bad records (and bodies-file
/// warnings) are printed to standard error, naming their line, and counted; the rest go on.
fn read_pairs(stances: &Path, bodies: &Path, threads: Option<usize>) -> Result<Pairs, String> {
    let stance_col = CsvRows::open(stances)
        .and_then(|rows| rows.column("Stance"))
        .map_err(|e| e.to_string())?;
    let name = stances.display().to_string();
    let options = Options {
        fields: Fields::default(),
        lang: Some(Lang::En),
        detail: Detail::Scores,
    };
    let finish = |record: Record| -> Result<Pair, String> {
        let line = record.line.unwrap_or(0);
        let report = match (record.report(), record.error()) {
            (Some(r), _) => r,
            (None, Some(e)) => return Err(e.to_string()),
            (None, None) => return Err(format!("{name}:{line}: not checked")),
        };
        let label = record.fields.get(stance_col).map_or("", String::as_str);
        let gold = Stance::parse(label).ok_or_else(|| {
            format!(
                "{name}:{line}: Stance `{label}` is not one of agree, disagree, discuss, unrelated"
            )
        })?;
        Ok(Pair {
            headline: report.headline.clone(),
            body_id: record.body_id.clone().unwrap_or_default(),
            gold,
            predicted: report.stance.as_ref().map(|s| s.stance),
            score: report.score,
            sample: report.features.clone().map(|features| Sample {
                features,
                stance: gold,
            }),
        })
    };
    let mut pairs = Vec::new();
    let mut rows = Vec::new();
    let mut errors = 0usize;
    let sources = [Source::Pairs {
        stances: stances.to_path_buf(),
        bodies: bodies.to_path_buf(),
    }];
    let mut run = || {
        batch::run(
            &sources,
            &options,
            &finish,
            &mut |event| -> Result<(), String> {
                match event {
                    Event::Record(Ok(pair)) => {
                        rows.push(Some(pairs.len()));
                        pairs.push(pair);
                    }
                    Event::Record(Err(e)) => {
                        rows.push(None);
                        errors += 1;
                        eprintln!("headcheck: {e}");
                    }
                    Event::Warning(e) => {
                        errors += 1;
                        eprintln!("headcheck: {e}");
                    }
                    Event::Progress { .. } => {}
                }
                Ok(())
            },
        )
    };
    match threads {
        Some(0) => return Err("--threads must be at least 1".into()),
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map_err(|e| format!("cannot start {n} threads: {e}"))?
            .install(run)?,
        None => run()?,
    }
    Ok(Pairs {
        pairs,
        rows,
        errors,
    })
}

/// `headcheck eval`.
pub fn eval(args: &EvalArgs) -> Result<Exit, String> {
    let start = Instant::now();
    let read = read_pairs(&args.stances, &args.bodies, args.threads)?;
    let mut errors = read.errors;
    let predicted: Vec<(Stance, Stance)> = match &args.predictions {
        None => read
            .pairs
            .iter()
            .filter_map(|p| p.predicted.map(|s| (p.gold, s)))
            .collect(),
        Some(path) => {
            let (matched, bad) = match_predictions(&read, path)?;
            errors += bad;
            matched
        }
    };
    let metrics = stance_metrics(&predicted)
        .ok_or_else(|| format!("no pair of {} could be scored", args.stances.display()))?;
    // The score's AUROC, related vs unrelated (only for the checker's own predictions).
    let auc = if args.predictions.is_none() {
        let scores: Vec<(f64, bool)> = read
            .pairs
            .iter()
            .map(|p| (p.score, p.gold.is_related()))
            .collect();
        auroc(&scores)
    } else {
        None
    };
    let out = match args.format {
        EvalFormat::Table => metrics_table(&metrics, auc, errors),
        EvalFormat::Json => {
            let mut v = serde_json::to_value(&metrics).map_err(|e| e.to_string())?;
            v["auroc"] = serde_json::json!(auc);
            v["errors"] = serde_json::json!(errors);
            let mut text = serde_json::to_string_pretty(&v).map_err(|e| e.to_string())?;
            text.push('\n');
            text
        }
    };
    crate::write_stdout(&out)?;
    eprintln!(
        "headcheck eval: {} pairs scored, {errors} errors, {:.1} s",
        metrics.pairs,
        start.elapsed().as_secs_f64()
    );
    Ok(if errors > 0 { Exit::Error } else { Exit::Pass })
}

/// Pairs a predictions file (`Headline,Body ID,Stance`, one row per row of the stances file,
/// in its order, as FNC-1's scorer wants it) with the gold pairs row by row. A prediction for a
/// gold row that could not be read is skipped (that row was reported already); a row whose
/// headline or Body ID differs from the gold row's, or whose stance cannot be read, is an error
/// and left out, and so are extra or missing rows.
fn match_predictions(gold: &Pairs, path: &Path) -> Result<(Vec<(Stance, Stance)>, usize), String> {
    let rows = CsvRows::open(path).map_err(|e| e.to_string())?;
    let h = rows.column("Headline").map_err(|e| e.to_string())?;
    let b = rows.column("Body ID").map_err(|e| e.to_string())?;
    let s = rows.column("Stance").map_err(|e| e.to_string())?;
    let name = path.display();
    let (mut out, mut bad) = (Vec::new(), 0usize);
    let mut read = 0usize;
    for (k, row) in rows.enumerate() {
        read = k + 1;
        let Some(slot) = gold.rows.get(k) else {
            bad += 1;
            eprintln!(
                "headcheck: {name}:{}: more predictions than pairs ({})",
                row.line,
                gold.rows.len()
            );
            continue;
        };
        let Some(g) = slot.map(|i| &gold.pairs[i]) else {
            continue; // the gold row could not be read
        };
        let fields = match row.fields {
            Ok(f) => f,
            Err(e) => {
                bad += 1;
                eprintln!("headcheck: {e}");
                continue;
            }
        };
        let (headline, body_id) = (fields[h].trim(), fields[b].trim());
        if g.headline.trim() != headline || g.body_id != body_id {
            bad += 1;
            eprintln!(
                "headcheck: {name}:{}: expected Headline `{}` with Body ID {}, got `{headline}` with {body_id}",
                row.line, g.headline, g.body_id
            );
            continue;
        }
        match Stance::parse(&fields[s]) {
            Some(p) => out.push((g.gold, p)),
            None => {
                bad += 1;
                eprintln!(
                    "headcheck: {name}:{}: Stance `{}` is not one of agree, disagree, discuss, unrelated",
                    row.line, fields[s]
                );
            }
        }
    }
    if read < gold.rows.len() {
        bad += 1;
        eprintln!(
            "headcheck: {name}: {read} predictions for {} pairs",
            gold.rows.len()
        );
    }
    Ok((out, bad))
}

/// The figures as text tables.
fn metrics_table(m: &StanceMetrics, auc: Option<f64>, errors: usize) -> String {
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
    if errors > 0 {
        line(format!("errors (pairs left out): {errors}"));
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

/// The settings `--cv` tries: each L2 penalty with each balance.
const L2_GRID: [f64; 4] = [0.0001, 0.001, 0.01, 0.1];
const BALANCE_GRID: [f64; 3] = [0.0, 0.5, 1.0];

/// `headcheck train`.
pub fn train(args: &TrainArgs) -> Result<Exit, String> {
    let start = Instant::now();
    let read = read_pairs(&args.stances, &args.bodies, args.threads)?;
    let read_at = Instant::now();
    let mut errors = read.errors;
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
    let samples: Vec<Sample> = fit_on.iter().filter_map(|p| p.sample.clone()).collect();
    if samples.is_empty() {
        return Err(format!(
            "no pair of {} could be used for training",
            args.stances.display()
        ));
    }
    let settings = if let Some(k) = args.cv {
        let chosen = cross_validate(&fit_on, k)?;
        eprintln!(
            "headcheck train: chose --l2 {} --balance {} by {k}-fold cross-validation grouped by topic",
            chosen.l2, chosen.balance
        );
        chosen
    } else {
        FitSettings {
            l2: args.l2,
            balance: args.balance,
        }
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
    let model = fit(&samples, settings, "en", &trained_on);
    let fit_time = fit_start.elapsed();
    // Figures on what was not fitted: the holdout's pairs, or --dev.
    let dev_pairs;
    let measured: Vec<&Pair> = match &args.dev {
        Some(dev) => {
            let read = read_pairs(dev, &args.bodies, args.threads)?;
            errors += read.errors;
            dev_pairs = read.pairs;
            dev_pairs.iter().collect()
        }
        None => held,
    };
    if !measured.is_empty() {
        let predicted: Vec<(Stance, Stance)> = measured
            .iter()
            .filter_map(|p| {
                let s = p.sample.as_ref()?;
                Some((p.gold, model.predict(&s.features, false).stance))
            })
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
    }
    write_model(&args.out, &model)?;
    eprintln!(
        "headcheck train: {} pairs fitted ({errors} errors); {:.1} s in all: reading and checking {:.1} s, fitting {:.1} s; model written to {}",
        samples.len(),
        start.elapsed().as_secs_f64(),
        read_at.duration_since(start).as_secs_f64(),
        fit_time.as_secs_f64(),
        args.out.display()
    );
    Ok(if errors > 0 { Exit::Error } else { Exit::Pass })
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn write_model(path: &PathBuf, model: &Model) -> Result<(), String> {
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::File::create(path)?;
        f.write_all(model.to_json().as_bytes())?;
        f.flush()
    };
    write().map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Grouped `k`-fold cross-validation over the settings grid: each fold's topics are predicted
/// by a model fitted on the other folds. A setting's merit is the mean over folds of the
/// average of FNC-1 relative score (as a share) and macro-F1. Prints each setting's figures
/// (pooled over the folds) and merit (± its standard error over the folds) to standard output,
/// and returns the setting with the best merit (the first of equal ones).
fn cross_validate(pairs: &[&Pair], k: usize) -> Result<FitSettings, String> {
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
    let grid: Vec<FitSettings> = L2_GRID
        .iter()
        .flat_map(|&l2| {
            BALANCE_GRID
                .iter()
                .map(move |&balance| FitSettings { l2, balance })
        })
        .collect();
    let results: Vec<(FitSettings, StanceMetrics, f64, f64)> = grid
        .par_iter()
        .filter_map(|&settings| {
            let mut predicted = Vec::with_capacity(usable.len());
            let mut merits = Vec::with_capacity(k);
            for f in 0..k {
                let train: Vec<Sample> = usable
                    .iter()
                    .zip(&folds)
                    .filter(|(_, &g)| g != f)
                    .filter_map(|(p, _)| p.sample.clone())
                    .collect();
                if train.is_empty() {
                    continue;
                }
                let model = fit(&train, settings, "en", "cv");
                let fold: Vec<(Stance, Stance)> = usable
                    .iter()
                    .zip(&folds)
                    .filter(|(_, &g)| g == f)
                    .filter_map(|(p, _)| {
                        let s = p.sample.as_ref()?;
                        Some((p.gold, model.predict(&s.features, false).stance))
                    })
                    .collect();
                if let Some(m) = stance_metrics(&fold) {
                    merits.push((m.relative / 100.0 + m.macro_f1) / 2.0);
                }
                predicted.extend(fold);
            }
            let n = merits.len() as f64;
            let mean = merits.iter().sum::<f64>() / n;
            let sd = (merits.iter().map(|m| (m - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
            stance_metrics(&predicted).map(|m| (settings, m, mean, sd / n.sqrt()))
        })
        .collect();
    let mut text = format!(
        "{k}-fold cross-validation grouped by topic ({} pairs; figures pooled over the folds, merit per fold):\n{:>8} {:>8} {:>9} {:>9} {:>11} {:>9} {:>15}\n",
        usable.len(),
        "l2",
        "balance",
        "relative",
        "macro-F1",
        "disagree F1",
        "related",
        "merit ± SE"
    );
    for (s, m, merit, se) in &results {
        text.push_str(&format!(
            "{:>8} {:>8} {:>8.2}% {:>9.3} {:>11.3} {:>8.2}% {:>8.4} ± {:.4}\n",
            s.l2,
            s.balance,
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

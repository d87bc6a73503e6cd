//! Stance as a user meets it: `check --format json` gains `stance`, `headcheck eval` scores
//! predictions with FNC-1's arithmetic, `headcheck train` fits deterministically and reproduces
//! the shipped model, and bad records are errors naming their line while the run goes on.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use headcheck::eval::metrics::stance_metrics;
use headcheck::stance::{Model, Stance, FEATURES};
use serde_json::Value;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_headcheck"))
        .env_remove("HEADCHECK_DATA")
        .env_remove("RAYON_NUM_THREADS")
        .args(args)
        .output()
        .expect("runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `headcheck eval STANCES --predictions PRED --format json`, with its output parsed (`Null`
/// when it is not JSON).
fn eval_predictions(stances: &Path, predictions: &Path) -> (Output, Value) {
    let out = run(&[
        "eval",
        stances.to_str().unwrap(),
        "--predictions",
        predictions.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let figures = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out, figures)
}

fn corpus(name: &str) -> PathBuf {
    common::crate_dir().join("corpus/articles").join(name)
}

fn article(name: &str) -> (String, String) {
    let a = headcheck::input::read_article(&corpus(name), None).unwrap();
    (a.headline, a.body)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// A labelled pair file from the team's corpus articles: three bodies, each article's headline
/// with its own body (labelled as the corpus article's kind suggests) and with the others
/// (unrelated).
const ARTICLES: [(&str, &str); 3] = [
    ("en-consistent-bristol-tram.md", "agree"),
    ("en-partial-ghent-flooding.md", "discuss"),
    ("en-consistent-arctic-microplastics.md", "agree"),
];

fn pair_files(dir: &Path, extra_rows: &[[&str; 3]]) -> (PathBuf, PathBuf) {
    let articles: Vec<(String, String)> = ARTICLES.iter().map(|(a, _)| article(a)).collect();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["Body ID", "articleBody"]).unwrap();
    for (i, (_, body)) in articles.iter().enumerate() {
        w.write_record([&(i + 1).to_string(), body.as_str()])
            .unwrap();
    }
    let bodies = write(dir, "bodies.csv", &w.into_inner().unwrap());
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["Headline", "Body ID", "Stance"]).unwrap();
    for (i, (headline, _)) in articles.iter().enumerate() {
        for j in 0..articles.len() {
            let stance = if i == j { ARTICLES[i].1 } else { "unrelated" };
            w.write_record([headline.as_str(), &(j + 1).to_string(), stance])
                .unwrap();
        }
    }
    for row in extra_rows {
        w.write_record(row).unwrap();
    }
    let stances = write(dir, "stances.csv", &w.into_inner().unwrap());
    (stances, bodies)
}

#[test]
fn check_json_has_the_stance_its_probabilities_and_contributors() {
    let out = run(&[
        "check",
        corpus("en-consistent-bristol-tram.md").to_str().unwrap(),
        "--format",
        "json",
    ]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let stance = &report["stance"];
    let name = stance["stance"].as_str().unwrap();
    assert!(Stance::parse(name).is_some(), "{stance}");
    let p = &stance["probabilities"];
    let probs: Vec<f64> = ["agree", "disagree", "discuss", "unrelated"]
        .iter()
        .map(|s| p[s].as_f64().unwrap())
        .collect();
    assert!((probs.iter().sum::<f64>() - 1.0).abs() < 0.01, "{p}");
    let best = probs.iter().copied().fold(0.0, f64::max);
    assert_eq!(
        p[name].as_f64(),
        Some(best),
        "the stance is the most probable"
    );
    assert_ne!(name, "unrelated", "an article's own headline and body");
    let contributors = stance["contributors"].as_array().unwrap();
    assert!(!contributors.is_empty() && contributors.len() <= 5);
    let effects: Vec<f64> = contributors
        .iter()
        .map(|c| {
            assert!(FEATURES.contains(&c["feature"].as_str().unwrap()), "{c}");
            c["effect"].as_f64().unwrap().abs()
        })
        .collect();
    assert!(effects.windows(2).all(|w| w[0] >= w[1]), "largest first");
}

#[test]
fn fail_on_contradicted_passes_partial_and_flags_contradicted() {
    let contradicted = corpus("en-contradicted-washing-fine.md");
    let code = |path: &Path| {
        run(&["check", path.to_str().unwrap(), "--fail-on", "contradicted"])
            .status
            .code()
    };
    assert_eq!(code(&contradicted), Some(1));
    assert_eq!(code(&corpus("en-partial-ghent-flooding.md")), Some(0));
    assert_eq!(code(&corpus("en-unrelated-rates-chess.md")), Some(1));
}

#[test]
fn eval_figures_are_those_of_the_batch_predictions() {
    let dir = tempfile::tempdir().unwrap();
    let (stances, bodies) = pair_files(dir.path(), &[]);
    let (s, b) = (stances.to_str().unwrap(), bodies.to_str().unwrap());
    let out = run(&["eval", s, "--bodies", b, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let figures: Value = serde_json::from_slice(&out.stdout).unwrap();
    // The same pairs through `batch --format csv`, scored here with the library's arithmetic.
    let batch = run(&["batch", s, "--bodies", b, "--format", "csv", "-q"]);
    let mut gold = csv::Reader::from_path(&stances).unwrap();
    let mut predicted = csv::Reader::from_reader(batch.stdout.as_slice());
    let pairs: Vec<(Stance, Stance)> = gold
        .records()
        .zip(predicted.records())
        .map(|(g, p)| {
            let (g, p) = (g.unwrap(), p.unwrap());
            (Stance::parse(&g[2]).unwrap(), Stance::parse(&p[2]).unwrap())
        })
        .collect();
    assert_eq!(pairs.len(), 9);
    let want = stance_metrics(&pairs).unwrap();
    assert_eq!(figures["pairs"], 9);
    assert_eq!(figures["score"].as_f64(), Some(want.score));
    assert_eq!(figures["max_score"].as_f64(), Some(3.0 * 1.0 + 6.0 * 0.25));
    assert_eq!(figures["macro_f1"].as_f64(), Some(want.macro_f1));
    assert_eq!(
        figures["confusion"],
        serde_json::to_value(want.confusion).unwrap()
    );
    assert!(figures["auroc"].as_f64().is_some());
    // The table names the same score.
    let table = run(&["eval", s, "--bodies", b]);
    let text = String::from_utf8(table.stdout).unwrap();
    assert!(
        text.contains(&format!("FNC-1 score: {:.2} of 4.50", want.score)),
        "{text}"
    );
}

#[test]
fn eval_of_a_predictions_file_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let (stances, _) = pair_files(dir.path(), &[]);
    let mut gold = csv::Reader::from_path(&stances).unwrap();
    let rows: Vec<csv::StringRecord> = gold.records().map(Result::unwrap).collect();
    // Predict: first pair right (agree: 1.0), second right (unrelated: 0.25), all others
    // `discuss`. Gold: agree, unrelated, unrelated | unrelated, discuss, unrelated |
    // unrelated, unrelated, agree. Others score: u→d 0, u→d 0, u→d 0, d→d 1.0, u→d 0, u→d 0,
    // u→d 0, a→d 0.25. Total 2.5 of 4.5.
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["Headline", "Body ID", "Stance"]).unwrap();
    for (i, r) in rows.iter().enumerate() {
        let p = match i {
            0 => "agree",
            1 => "unrelated",
            _ => "discuss",
        };
        w.write_record([&r[0], &r[1], p]).unwrap();
    }
    let predictions = write(dir.path(), "pred.csv", &w.into_inner().unwrap());
    let (out, f) = eval_predictions(&stances, &predictions);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(f["score"].as_f64(), Some(2.5));
    assert_eq!(f["max_score"].as_f64(), Some(4.5));
    assert_eq!(f["null_score"].as_f64(), Some(1.5));
    // Related-or-not right: pairs 1, 2, 5 and 9.
    assert_eq!(f["related_accuracy"].as_f64(), Some(4.0 / 9.0));

    // A predictions row for another pair is an error naming its line; the rest are scored.
    let mut text = std::fs::read_to_string(&predictions).unwrap();
    text = text.replacen(",1,agree", ",2,agree", 1);
    std::fs::write(&predictions, text).unwrap();
    let (out, f) = eval_predictions(&stances, &predictions);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("pred.csv:2: expected Headline"),
        "{}",
        stderr(&out)
    );
    assert_eq!(f["pairs"], 8);
    assert_eq!(f["errors"], 1);
}

#[test]
fn eval_and_train_report_bad_records_and_go_on() {
    let dir = tempfile::tempdir().unwrap();
    let headline = article(ARTICLES[0].0).0;
    let (stances, bodies) = pair_files(
        dir.path(),
        &[
            [headline.as_str(), "1", "agreed"],     // line 11: no such stance
            [headline.as_str(), "77", "unrelated"], // line 12: unknown Body ID
            ["", "2", "unrelated"],                 // line 13: empty headline
        ],
    );
    let (s, b) = (stances.to_str().unwrap(), bodies.to_str().unwrap());
    let out = run(&["eval", s, "--bodies", b, "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    for want in [
        "stances.csv:11: Stance `agreed` is not one of",
        "stances.csv:12: unknown Body ID `77`",
        "stances.csv:13:",
    ] {
        assert!(err.contains(want), "{want} in {err}");
    }
    let f: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(f["pairs"], 9, "the good pairs are scored");
    assert_eq!(f["errors"], 3);

    // A predictions file with a row for every stances row, bad ones included: as FNC-1's
    // scorer, `--predictions` reads only the labels, so a pair whose body is unknown or whose
    // headline is empty is scored; the row whose label is not a stance is left out, and the
    // rows after it still line up with theirs.
    let text = std::fs::read_to_string(&stances).unwrap();
    let predicted: String = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                format!("{l}\n")
            } else {
                let cut = l.rfind(',').unwrap();
                format!("{},discuss\n", &l[..cut])
            }
        })
        .collect();
    let predictions = write(dir.path(), "pred.csv", predicted.as_bytes());
    let (out, f) = eval_predictions(&stances, &predictions);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("stances.csv:11: Stance `agreed`"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("pred.csv"), "{}", stderr(&out));
    assert_eq!(f["pairs"], 11);
    assert_eq!(f["errors"], 1);
    assert_eq!(f["classes"][2]["recall"].as_f64(), Some(1.0), "all discuss");

    let model = dir.path().join("m.json");
    let m = model.to_str().unwrap();
    let out = run(&["train", s, "--bodies", b, "--out", m]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("stances.csv:12: unknown Body ID"));
    assert!(stderr(&out).contains("9 pairs fitted"), "{}", stderr(&out));
    Model::parse(&std::fs::read_to_string(&model).unwrap()).expect("a model was written");
}

#[test]
fn training_is_deterministic_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let (stances, bodies) = pair_files(dir.path(), &[]);
    let (s, b) = (stances.to_str().unwrap(), bodies.to_str().unwrap());
    let models: Vec<String> = ["1", "2", "2"]
        .iter()
        .enumerate()
        .map(|(i, threads)| {
            let out = dir.path().join(format!("m{i}.json"));
            let o = run(&[
                "train",
                s,
                "--bodies",
                b,
                "--out",
                out.to_str().unwrap(),
                "--threads",
                threads,
                "--l2",
                "0.01",
            ]);
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
            std::fs::read_to_string(out).unwrap()
        })
        .collect();
    assert_eq!(models[0], models[1]);
    assert_eq!(models[1], models[2]);
    let model = Model::parse(&models[0]).unwrap();
    assert_eq!(model.settings.l2, 0.01);
    assert!(model.trained_on.starts_with("stances.csv (9 pairs)"));
}

/// `headcheck train` on all FNC-1 training pairs, with the settings recorded in the shipped
/// model, writes exactly the shipped model.
#[test]
fn the_shipped_model_is_reproduced_by_train() {
    let Some(stances) = common::shared_file("data/fnc1/train_stances.csv") else {
        return;
    };
    let bodies = stances.with_file_name("train_bodies.csv");
    let shipped_path = common::crate_dir().join("corpus/stance/en.json");
    let shipped_text = std::fs::read_to_string(&shipped_path).unwrap();
    let shipped = Model::parse(&shipped_text).unwrap();
    let dir = tempfile::tempdir().unwrap();
    // On one thread and on two: the trees and regressions must not depend on it.
    for threads in ["1", "2"] {
        let out = dir.path().join(format!("en-{threads}.json"));
        let o = run(&[
            "train",
            stances.to_str().unwrap(),
            "--bodies",
            bodies.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--l2",
            &shipped.settings.l2.to_string(),
            "--balance",
            &shipped.settings.balance.to_string(),
            "--trees",
            &shipped.settings.trees.to_string(),
            "--threads",
            threads,
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let trained = std::fs::read_to_string(out).unwrap();
        assert!(
            trained == shipped_text,
            "corpus/stance/en.json is not what `headcheck train --threads {threads}` makes now: regenerate it (README, \"Stance\")"
        );
    }
}

/// `headcheck train --verdict` on FRANK's validation split and the drift set of the FNC-1 topic
/// split's training pairs writes exactly the shipped verdict model, on one thread or two.
#[test]
fn the_shipped_verdict_model_is_reproduced_by_train() {
    let Some(judged) = common::shared_file("data/frank/valid.jsonl") else {
        return;
    };
    let Some(stances) = common::shared_file("data/fnc1/topic_train_stances.csv") else {
        return;
    };
    let bodies = stances.with_file_name("train_bodies.csv");
    let shipped =
        std::fs::read_to_string(common::crate_dir().join("corpus/verdict/en.json")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for threads in ["1", "2"] {
        let out = dir.path().join(format!("verdict-{threads}.json"));
        let o = run(&[
            "train",
            "--verdict",
            "--judged",
            judged.to_str().unwrap(),
            stances.to_str().unwrap(),
            "--bodies",
            bodies.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--threads",
            threads,
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let text = String::from_utf8_lossy(&o.stdout);
        // The figures it prints are the cross-validated ones, with the reliability table.
        assert!(text.contains("cross-validated by article"), "{text}");
        assert!(text.contains("Reliability of the score"), "{text}");
        let trained = std::fs::read_to_string(out).unwrap();
        assert!(
            trained == shipped,
            "corpus/verdict/en.json is not what `headcheck train --verdict --threads {threads}` makes now: regenerate it (README, \"How the verdict is reached\")"
        );
    }
}

#[test]
fn predictions_need_no_bodies_and_a_bad_first_row_shifts_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (stances, _) = pair_files(dir.path(), &[]);
    let text = std::fs::read_to_string(&stances).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    // The first data row of the gold file gets a label that is no stance.
    let cut = lines[1].rfind(',').unwrap();
    let gold = format!("{},agreed", &lines[1][..cut]);
    let predicted: String = lines.iter().map(|l| format!("{l}\n")).collect();
    lines[1] = gold;
    let gold: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let gold = write(dir.path(), "gold.csv", gold.as_bytes());
    let predictions = write(dir.path(), "pred.csv", predicted.as_bytes());
    let (out, f) = eval_predictions(&gold, &predictions);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("gold.csv:2: Stance `agreed`"),
        "{}",
        stderr(&out)
    );
    assert_eq!(f["pairs"], 8);
    assert_eq!(
        f["accuracy"].as_f64(),
        Some(1.0),
        "every other row lines up"
    );
    // A missing prediction row is an error too.
    let short: String = predicted
        .lines()
        .take(5)
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&predictions, short).unwrap();
    let (out, f) = eval_predictions(&stances, &predictions);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out).matches("no prediction for").count(), 5);
    assert_eq!(f["pairs"], 4, "the rows that are there are scored");
}

#[test]
fn a_trained_model_is_used_by_eval_check_and_batch() {
    let dir = tempfile::tempdir().unwrap();
    let (stances, bodies) = pair_files(dir.path(), &[]);
    let (s, b) = (stances.to_str().unwrap(), bodies.to_str().unwrap());
    let model = dir.path().join("m.json");
    let m = model.to_str().unwrap();
    // Fitted on nine pairs with no penalty, the model differs from the shipped one.
    let o = run(&["train", s, "--bodies", b, "--out", m, "--l2", "0"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let own = Model::parse(&std::fs::read_to_string(&model).unwrap()).unwrap();
    let article = corpus("en-consistent-bristol-tram.md");
    let stance_of = |extra: &[&str]| -> Value {
        let mut args = vec!["check", article.to_str().unwrap(), "--format", "json"];
        args.extend_from_slice(extra);
        let out = run(&args);
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        report["stance"]["probabilities"].clone()
    };
    let shipped = stance_of(&[]);
    let mine = stance_of(&["--model", m]);
    assert_ne!(shipped, mine, "--model changes the probabilities");
    let body = headcheck::input::read_article(&article, None).unwrap();
    let checker = headcheck::Checker::new(headcheck::Lang::En)
        .with_stance_model(Some(Box::leak(Box::new(own))));
    let expected = checker.check(&body).stance.unwrap().probabilities;
    assert_eq!(mine, serde_json::to_value(expected).unwrap());
    // eval and batch take it too; a model for another language is refused by check.
    let out = run(&["eval", s, "--bodies", b, "--model", m]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = run(&["batch", s, "--bodies", b, "--model", m, "-q"]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    let german = corpus("de-consistent-freiburg-radwege.md");
    let out = run(&["check", german.to_str().unwrap(), "--model", m]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the model is for `en`"),
        "{}",
        stderr(&out)
    );
    let out = run(&[
        "check",
        german.to_str().unwrap(),
        "--model",
        "/nonexistent/m.json",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn bad_training_settings_and_inputs_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (stances, bodies) = pair_files(dir.path(), &[]);
    let (s, b) = (stances.to_str().unwrap(), bodies.to_str().unwrap());
    let out_path = dir.path().join("m.json");
    let m = out_path.to_str().unwrap();
    for (args, want) in [
        (vec!["--l2=-1"], "--l2 must be"),
        (vec!["--l2", "NaN"], "--l2 must be"),
        (vec!["--balance", "2"], "--balance must be"),
        (vec!["--cv", "1"], "--cv"),
        (vec!["--cv", "3", "--l2", "0.1"], "--cv"),
    ] {
        let mut all = vec!["train", s, "--bodies", b, "--out", m];
        all.extend_from_slice(&args);
        let out = run(&all);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(want), "{args:?}: {}", stderr(&out));
        assert!(!out_path.exists(), "{args:?} wrote a model");
    }
    let ids = write(dir.path(), "ids.txt", b"12345\n");
    let out = run(&[
        "train",
        s,
        "--bodies",
        b,
        "--out",
        m,
        "--holdout",
        ids.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("has a Body ID listed in"),
        "{}",
        stderr(&out)
    );
    // A bodies file that cannot be read: one clear error, not one per pair.
    let out = run(&["eval", s, "--bodies", "/nonexistent/bodies.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).lines().count() <= 3, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("/nonexistent/bodies.csv"),
        "{}",
        stderr(&out)
    );
}

/// `headcheck eval JUDGED.jsonl`: human judgements in, per-dataset figures out; bad lines are
/// errors naming their line, and the rest are scored.
#[test]
fn eval_scores_judged_headlines_and_reports_bad_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("judged.jsonl");
    let record = |headline: &str, body: &str, factuality: f64, dataset: &str, model: &str| {
        serde_json::json!({
            "headline": headline, "body": body, "factuality": factuality,
            "dataset": dataset, "model": model,
        })
        .to_string()
    };
    let body = "The harbour council approved a new ferry route on Tuesday. The route links the \
                harbour with Castle Island twice a day, council members said.";
    let lines = [
        record(
            "Council approves ferry route to Castle Island",
            body,
            1.0,
            "bbc",
            "a",
        ),
        record(
            "Council rejects ferry route to Brackmoor",
            body,
            0.0,
            "bbc",
            "a",
        ),
        "{not json".to_string(),
        record("Council approves ferry route", body, 1.5, "bbc", "b"),
        record(
            "Harbour council approves a new ferry route",
            body,
            1.0,
            "bbc",
            "b",
        ),
        record("Council scraps bus lanes in Dunmore", body, 0.0, "bbc", "b"),
        record("Castle Island gets a ferry route", body, 1.0, "cnndm", "a"),
    ];
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let out = run(&["eval", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("judged.jsonl:3:"), "{err}");
    assert!(
        err.contains("judged.jsonl:4: factuality must be in [0, 1]"),
        "{err}"
    );
    assert!(
        err.contains("5 judged headlines scored (1 article), 2 left out"),
        "{err}"
    );
    let figures: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = figures.as_array().unwrap();
    let names: Vec<&str> = rows
        .iter()
        .map(|r| r["dataset"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["bbc", "cnndm", "all"]);
    assert_eq!(rows[0]["items"], 4);
    assert_eq!(rows[0]["faithful"], 2);
    // The two faithful headlines score above the two that name what the body never says.
    assert_eq!(rows[0]["auroc"], 1.0, "{figures}");
    assert_eq!(rows[0]["balanced_accuracy"], 1.0, "{figures}");
    // One item, all faithful: no AUROC or correlation to give.
    assert_eq!(rows[1]["auroc"], Value::Null);
    // A .jsonl file takes no bodies file.
    let out = run(&["eval", path.to_str().unwrap(), "--bodies", "x.csv"]);
    assert_eq!(out.status.code(), Some(2));
}

/// The FRANK validation split (`../shared/data/frank/valid.jsonl`) reads whole, in both datasets.
#[test]
fn eval_reads_the_frank_validation_split() {
    let Some(path) = common::shared_file("data/frank/valid.jsonl") else {
        return;
    };
    let out = run(&["eval", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("671 judged headlines scored (149 articles), 0 left out"));
    let figures: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = figures.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    for row in rows {
        let auroc = row["auroc"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&auroc), "{row}");
    }
}

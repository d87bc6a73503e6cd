//! `headcheck batch` as a user runs it: every input kind, every bad-record kind, output
//! order and determinism, exit codes.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::write;
use serde_json::Value;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_headcheck"));
    c.env_remove("NO_COLOR")
        .env_remove("HEADCHECK_DATA")
        .env_remove("RAYON_NUM_THREADS");
    c
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("runs")
}

/// `headcheck batch STANCES --bodies BODIES` with more arguments.
fn run_pairs(stances: &Path, bodies: &Path, more: &[&str]) -> Output {
    let mut args = vec![
        "batch",
        stances.to_str().unwrap(),
        "--bodies",
        bodies.to_str().unwrap(),
    ];
    args.extend_from_slice(more);
    run(&args)
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn corpus_dir() -> PathBuf {
    common::crate_dir().join("corpus/articles")
}

/// A corpus article (the team's own text): (headline, body).
fn article(name: &str) -> (String, String) {
    let a = headcheck::input::read_article(&corpus_dir().join(name), None).unwrap();
    (a.headline, a.body)
}

const CONSISTENT: &str = "en-consistent-bristol-tram.md";
const PARTIAL: &str = "en-partial-ghent-flooding.md";

fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect()
}

#[test]
fn jsonl_bad_records_each_become_one_error_record_in_place() {
    let (h, b) = article(CONSISTENT);
    let good = serde_json::json!({"id": "good-1", "headline": h, "body": b}).to_string();
    let good2 = serde_json::json!({"headline": h, "articleBody": b}).to_string();
    let mut input = Vec::new();
    for line in [
        good.as_bytes(),                                         // 1
        b"{\"headline\": \"Broken\", \"body\": ",                // 2 malformed JSON
        b"{\"headline\": \"Bad \xff byte\", \"body\": \"x\"}",   // 3 invalid UTF-8
        br#"{"id": 7, "headline": "  ", "body": "Some body."}"#, // 4 empty headline
        br#"{"id": "e", "headline": "A headline", "body": ""}"#, // 5 empty body
        br#"{"headline": "No body field"}"#,                     // 6 missing body
        b"[1, 2, 3]",                                            // 7 not an object
        br#"{"headline": 5, "body": "x"}"#,                      // 8 wrong type
        b"",                                                     // 9 blank: no record
        good2.as_bytes(),                                        // 10
    ] {
        input.extend_from_slice(line);
        input.push(b'\n');
    }
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "feed.jsonl", &input);
    let out = run(&["batch", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let records = json_lines(&stdout(&out));
    let lines: Vec<u64> = records
        .iter()
        .map(|r| r["line"].as_u64().unwrap())
        .collect();
    assert_eq!(
        lines,
        [1, 2, 3, 4, 5, 6, 7, 8, 10],
        "one record per record, in order"
    );
    assert_eq!(records[0]["id"], "good-1");
    assert_eq!(records[0]["verdict"], "consistent");
    assert!(records[8]["verdict"].is_string(), "articleBody is read");
    let name = path.display().to_string();
    let expect = [
        (1, "invalid JSON"),
        (2, "invalid UTF-8"),
        (3, "empty headline"),
        (4, "empty body"),
        (5, "empty body (field `body`/`articleBody`)"),
        (6, "expected a JSON object"),
        (7, "field `headline`: expected a string, found a number"),
    ];
    for (i, what) in expect {
        let e = records[i]["error"]
            .as_str()
            .unwrap_or_else(|| panic!("{}", records[i]));
        assert!(e.starts_with(&format!("{name}:{}: ", i + 1)), "{e}");
        assert!(e.contains(what), "{e} should say {what}");
    }
    assert_eq!(
        records[3]["id"], "7",
        "a numeric id is kept on an error record"
    );
    let err = stderr(&out);
    assert!(
        err.contains("9 records: 2 consistent, 0 partial, 0 contradicted, 0 unrelated; 7 errors"),
        "{err}"
    );
}

#[test]
fn csv_bad_rows_never_stop_the_run() {
    let (h, b) = article(CONSISTENT);
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["id", "headline", "body"]).unwrap();
    w.write_record(["a", &h, &b]).unwrap();
    let mut input = w.into_inner().unwrap();
    input.extend_from_slice(b"b,\"Unclosed quote headline,Body text here.\n");
    input.extend_from_slice(b"c,only two fields\n");
    input.extend_from_slice(b"d,Bad \xff byte,Body text here.\n");
    input.extend_from_slice(b"e,Headline without body,\n");
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["f", &h, &b]).unwrap();
    input.extend_from_slice(&w.into_inner().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "articles.csv", &input);
    let out = run(&["batch", path.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let mut r = csv::Reader::from_reader(out.stdout.as_slice());
    assert_eq!(
        r.headers().unwrap(),
        vec!["id", "verdict", "score", "unsupported", "error"]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let verdicts: Vec<&str> = rows.iter().map(|r| &r[1]).collect();
    assert_eq!(
        verdicts,
        [
            "consistent",
            "error",
            "error",
            "error",
            "error",
            "consistent"
        ],
        "{rows:?}"
    );
    assert_eq!(&rows[0][0], "a");
    assert_eq!(&rows[5][0], "f");
    let name = path.display().to_string();
    // The first row starts on line 2 and its quoted body spans lines.
    let broken_line = 2 + b.matches('\n').count() + 1;
    assert!(rows[1][4].contains("unbalanced quote"), "{:?}", &rows[1]);
    for (row, what) in [
        (2, "expected 3 fields, found 2"),
        (3, "invalid UTF-8 in column `headline`"),
        (4, "empty body"),
    ] {
        assert!(
            rows[row][4].starts_with(&format!("{name}:")),
            "{:?}",
            &rows[row]
        );
        assert!(
            rows[row][4].contains(what),
            "{:?} should say {what}",
            &rows[row]
        );
    }
    assert!(
        rows[1][4].starts_with(&format!("{name}:{broken_line}:")),
        "{:?} (should start on line {broken_line})",
        &rows[1]
    );
}

/// A small FNC-1 style pair file written here (the team's own text).
fn pair_files(dir: &Path) -> (PathBuf, PathBuf) {
    let (h1, b1) = article(CONSISTENT);
    let (h2, b2) = article(PARTIAL);
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["Body ID", "articleBody"]).unwrap();
    w.write_record(["10", &b1]).unwrap();
    w.write_record(["20", &b2]).unwrap();
    w.write_record(["30", "   "]).unwrap();
    w.write_record(["20", "A second body under an ID already used."])
        .unwrap(); // a warning too: the first body stays
    let mut raw = w.into_inner().unwrap();
    raw.extend_from_slice(b"40\n"); // a broken bodies row: a warning, the run goes on
    let bodies = write(dir, "bodies.csv", &raw);
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["Headline", "Body ID", "Stance"]).unwrap();
    for (h, id, s) in [
        (&h1, "10", "agree"),
        (&h2, "10", "unrelated"),
        (&h2, "20", "discuss"),
        (&h1, "99", "unrelated"),
        (&h1, "30", "unrelated"),
        (&String::new(), "20", "unrelated"),
        (&h1, "20", "unrelated"),
    ] {
        w.write_record([h.as_str(), id, s]).unwrap();
    }
    let stances = write(dir, "stances.csv", &w.into_inner().unwrap());
    (stances, bodies)
}

#[test]
fn pair_file_csv_repeats_the_stance_rows_with_predictions() {
    let dir = tempfile::tempdir().unwrap();
    let (stances, bodies) = pair_files(dir.path());
    let out = run_pairs(&stances, &bodies, &["--format", "csv"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "unknown and empty bodies are errors"
    );
    let err = stderr(&out);
    assert!(
        err.contains("warning: ") && err.contains("expected 2 fields, found 1"),
        "{err}"
    );
    assert!(
        err.contains("Body ID `20` again (first on line ")
            && err.contains("); this row is ignored"),
        "{err}"
    );
    assert!(
        err.contains("headcheck: 7 records: ") && err.contains("; 3 errors, 2 warnings; "),
        "{err}"
    );
    let mut input = csv::Reader::from_path(&stances).unwrap();
    let mut output = csv::Reader::from_reader(out.stdout.as_slice());
    assert_eq!(
        output.headers().unwrap(),
        vec!["Headline", "Body ID", "Stance", "score", "verdict", "error"]
    );
    let rows_in: Vec<csv::StringRecord> = input.records().map(Result::unwrap).collect();
    let rows_out: Vec<csv::StringRecord> = output.records().map(Result::unwrap).collect();
    assert_eq!(rows_in.len(), rows_out.len());
    for (i, o) in rows_in.iter().zip(&rows_out) {
        assert_eq!((&i[0], &i[1]), (&o[0], &o[1]), "same rows, same order");
    }
    let stance: Vec<&str> = rows_out.iter().map(|r| &r[2]).collect();
    // The CSV's Stance is the stance model's prediction, as the JSON report gives it.
    let jsonl = run_pairs(&stances, &bodies, &[]);
    let reports: Vec<serde_json::Value> = String::from_utf8(jsonl.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(reports.len(), stance.len());
    for (row, report) in stance.iter().zip(&reports) {
        match report.get("stance") {
            Some(s) => assert_eq!(s["stance"].as_str(), Some(*row), "{report}"),
            None => assert!(report.get("error").is_some(), "{report}"),
        }
    }
    assert_ne!(stance[0], "unrelated", "a headline with its own body");
    assert_eq!(stance[1], "unrelated");
    assert_eq!(stance[6], "unrelated");
    assert!(
        rows_out[3][5].contains("unknown Body ID `99`"),
        "{:?}",
        &rows_out[3]
    );
    assert!(
        rows_out[4][5].contains("empty body (Body ID `30`"),
        "{:?}",
        &rows_out[4]
    );
    assert!(
        rows_out[5][5].contains("empty headline"),
        "{:?}",
        &rows_out[5]
    );
    for r in &rows_out[3..6] {
        assert_eq!((&r[2], &r[4]), ("", "error"), "{r:?}");
    }
    // JSON Lines for the same pairs carry headline and body_id.
    let out = run_pairs(&stances, &bodies, &[]);
    let records = json_lines(&stdout(&out));
    assert_eq!(records.len(), 7);
    assert_eq!(records[2]["body_id"], "20");
    assert!(records[2]["headline"].is_string());
    assert_eq!(records[3]["body_id"], "99");
    assert!(records[3]["error"].is_string());
}

#[test]
fn output_is_the_same_with_one_and_two_threads() {
    let corpus = corpus_dir();
    for format in ["jsonl", "csv", "markdown", "html"] {
        let one = run(&[
            "batch",
            corpus.to_str().unwrap(),
            "--format",
            format,
            "--threads",
            "1",
        ]);
        let two = run(&[
            "batch",
            corpus.to_str().unwrap(),
            "--format",
            format,
            "--threads",
            "2",
        ]);
        assert!(!one.stdout.is_empty());
        assert_eq!(one.stdout, two.stdout, "{format}");
    }
    let Some(stances) = common::shared_file("data/fnc1/train_stances.csv") else {
        return;
    };
    let bodies = stances.with_file_name("train_bodies.csv");
    let pairs = |threads: &str| run_pairs(&stances, &bodies, &["--threads", threads, "--quiet"]);
    let (one, two) = (pairs("1"), pairs("2"));
    assert_eq!(one.stdout.iter().filter(|&&b| b == b'\n').count(), 49_972);
    assert!(
        one.stdout == two.stdout,
        "FNC-1 pairs differ between 1 and 2 threads"
    );
}

#[test]
fn fnc1_pair_csv_has_the_input_rows_in_order() {
    let Some(stances) = common::shared_file("data/fnc1/train_stances.csv") else {
        return;
    };
    let bodies = stances.with_file_name("train_bodies.csv");
    let out = run_pairs(&stances, &bodies, &["--format", "csv"]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    let mut input = csv::Reader::from_path(&stances).unwrap();
    let mut output = csv::Reader::from_reader(out.stdout.as_slice());
    let (mut n, mut unrelated_ok) = (0, 0);
    let mut input_rows = input.records();
    for o in output.records() {
        let o = o.unwrap();
        let i = input_rows
            .next()
            .expect("no more output rows than input")
            .unwrap();
        assert_eq!((&i[0], &i[1]), (&o[0], &o[1]), "row {n}");
        assert!(
            matches!(&o[2], "agree" | "disagree" | "discuss" | "unrelated"),
            "{o:?}"
        );
        assert_eq!(&o[5], "", "no errors: {o:?}");
        unrelated_ok += usize::from((&i[2] == "unrelated") == (&o[2] == "unrelated"));
        n += 1;
    }
    assert!(input_rows.next().is_none(), "as many output rows as input");
    assert_eq!(n, 49_972);
    // Not a tuned figure: a sanity floor far below the measured related/unrelated accuracy.
    assert!(unrelated_ok * 100 > n * 90, "{unrelated_ok} of {n}");
}

#[test]
fn folders_are_read_recursively_in_sorted_order() {
    let dir = tempfile::tempdir().unwrap();
    let (h, b) = article(CONSISTENT);
    let text = format!("{h}\n\n{b}");
    write(dir.path(), "b/2.txt", text.as_bytes());
    write(dir.path(), "b/10.txt", text.as_bytes());
    write(dir.path(), "a.md", format!("# {h}\n\n{b}").as_bytes());
    write(dir.path(), "c.json", br#"{"headline": "H", "body": "B."}"#);
    write(dir.path(), ".hidden/x.txt", text.as_bytes());
    write(dir.path(), "notes.rtf", b"not an article");
    write(dir.path(), "z/empty.txt", b"");
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("a.md"), dir.path().join("d-link.md")).unwrap();
    let out = run(&["batch", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "the empty file is an error");
    let ids: Vec<String> = json_lines(&stdout(&out))
        .iter()
        .map(|r| {
            let id = r["id"].as_str().unwrap();
            Path::new(id)
                .strip_prefix(dir.path())
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    let mut expect = vec!["a.md", "b/10.txt", "b/2.txt", "c.json", "z/empty.txt"];
    if cfg!(unix) {
        expect.insert(4, "d-link.md"); // links are followed
    }
    assert_eq!(ids, expect);
}

#[test]
fn dotted_field_paths_and_custom_fields() {
    let (h, b) = article(CONSISTENT);
    let rec = serde_json::json!({
        "slug": "tram",
        "title": {"rendered": h},
        "content": {"rendered": b},
    });
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "wp.jsonl", format!("{rec}\n").as_bytes());
    let out = run(&[
        "batch",
        path.to_str().unwrap(),
        "--headline-field",
        "title.rendered",
        "--body-field",
        "content.rendered",
        "--id-field",
        "slug",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let r = &json_lines(&stdout(&out))[0];
    assert_eq!(
        (r["id"].as_str(), r["verdict"].as_str()),
        (Some("tram"), Some("consistent"))
    );
    // Without the options the same record names the missing default field.
    let out = run(&["batch", path.to_str().unwrap()]);
    let r = &json_lines(&stdout(&out))[0];
    assert!(
        r["error"]
            .as_str()
            .unwrap()
            .contains("empty headline (field `headline`)"),
        "{r}"
    );
}

#[test]
fn exit_codes_follow_fail_on_and_errors() {
    let consistent = corpus_dir().join(CONSISTENT);
    let partial = corpus_dir().join(PARTIAL);
    let code = |args: &[&str]| run(args).status.code();
    let c = consistent.to_str().unwrap();
    let p = partial.to_str().unwrap();
    assert_eq!(code(&["batch", c, "-q"]), Some(0));
    assert_eq!(code(&["batch", c, p, "-q"]), Some(1));
    assert_eq!(
        code(&["batch", c, p, "-q", "--fail-on", "unrelated"]),
        Some(0)
    );
    assert_eq!(code(&["batch", c, p, "-q", "--fail-on", "never"]), Some(0));
    let out = run(&["batch", c]);
    assert!(
        stderr(&out).contains(
            "headcheck: 1 record: 1 consistent, 0 partial, 0 contradicted, 0 unrelated; 0 errors; "
        ),
        "singular and plural: {}",
        stderr(&out)
    );
    let out = run(&["batch", c, "/no/such/feed.jsonl"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("headcheck: 2 records: ") && stderr(&out).contains("; 1 error; "),
        "{}",
        stderr(&out)
    );
    let records = json_lines(&stdout(&out));
    assert_eq!(records.len(), 2, "the missing input is an error record");
    assert!(records[1]["error"]
        .as_str()
        .unwrap()
        .contains("/no/such/feed.jsonl: cannot read"));
    assert_eq!(code(&["batch", c, "--threads", "0"]), Some(2));
    assert_eq!(
        code(&["batch", c, "--bodies", c]),
        Some(2),
        "--bodies needs a .csv input"
    );
}

#[test]
fn summary_line_markdown_and_quiet() {
    let corpus = corpus_dir();
    let n = std::fs::read_dir(&corpus).unwrap().count();
    let out = run(&["batch", corpus.to_str().unwrap(), "--format", "markdown"]);
    let md = stdout(&out);
    assert!(
        md.starts_with(&format!("## headcheck batch: {n} records")),
        "{md}"
    );
    assert!(
        md.contains("| consistent |") && md.contains("### Worst articles"),
        "{md}"
    );
    assert!(
        md.contains("Tiago Mendes"),
        "unsupported claims are listed: {md}"
    );
    let err = stderr(&out);
    assert!(err.contains(&format!("headcheck: {n} records: ")), "{err}");
    assert!(err.trim_end().ends_with(" s"), "{err}");
    let quiet = run(&[
        "batch",
        corpus.to_str().unwrap(),
        "--format",
        "markdown",
        "-q",
    ]);
    assert_eq!(stderr(&quiet), "");
    assert_eq!(quiet.stdout, out.stdout);
    // --output writes the file instead of standard output.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.jsonl");
    let o = run(&[
        "batch",
        corpus.to_str().unwrap(),
        "-o",
        file.to_str().unwrap(),
        "-q",
    ]);
    assert!(o.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(file).unwrap().lines().count(), n);
}

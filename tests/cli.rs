//! The command line as a user runs it: formats, exit codes, errors, colour.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_headcheck"));
    c.env_remove("NO_COLOR").env_remove("HEADCHECK_DATA");
    c
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("runs")
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("writes");
    child.wait_with_output().expect("finishes")
}

fn corpus(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus/articles")
        .join(name)
        .display()
        .to_string()
}

fn temp_file(name: &str, content: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, content).expect("writes");
    (dir, path)
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const CONSISTENT: &str = "en-consistent-bristol-tram.md";
const PARTIAL: &str = "en-partial-ghent-flooding.md";
const UNRELATED: &str = "en-unrelated-rates-chess.md";

#[test]
fn exit_codes_follow_fail_on() {
    assert_eq!(run(&["check", &corpus(CONSISTENT)]).status.code(), Some(0));
    assert_eq!(run(&["check", &corpus(PARTIAL)]).status.code(), Some(1));
    assert_eq!(run(&["check", &corpus(UNRELATED)]).status.code(), Some(1));
    let fail_on = |file: &str, level: &str| {
        run(&["check", &corpus(file), "--fail-on", level])
            .status
            .code()
    };
    assert_eq!(fail_on(PARTIAL, "unrelated"), Some(0));
    assert_eq!(fail_on(UNRELATED, "unrelated"), Some(1));
    assert_eq!(fail_on(UNRELATED, "never"), Some(0));
    assert_eq!(fail_on(CONSISTENT, "partial"), Some(0));
}

#[test]
fn json_has_the_documented_schema_and_no_escapes() {
    let o = run(&["check", "--format", "json", &corpus(PARTIAL)]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(!text.contains('\u{1b}'), "no ANSI escapes in JSON");
    let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    for key in [
        "headline", "verdict", "score", "claims", "focus", "lang", "reason", "counts",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["verdict"], "partial");
    assert_eq!(v["lang"], "en");
    let claims = v["claims"].as_array().expect("claims array");
    assert!(!claims.is_empty());
    for c in claims {
        for key in ["text", "kind", "weight", "status", "evidence"] {
            assert!(c.get(key).is_some(), "claim missing {key}: {c}");
        }
    }
    let aalst = claims
        .iter()
        .find(|c| c["text"] == "Aalst")
        .expect("Aalst claim");
    assert_eq!(aalst["status"], "unsupported");
    assert_eq!(aalst["kind"], "name");
    let supported = claims
        .iter()
        .find(|c| c["status"] == "supported")
        .expect("one supported");
    let e = &supported["evidence"][0];
    assert!(e["text"].is_string() && e["start"].is_u64() && e["end"].is_u64());
}

#[test]
fn json_evidence_offsets_point_into_the_body() {
    let body = "Ferry route opens.\n\nThe new ferry route links the harbour with Castle Island.";
    let (_dir, path) = temp_file(
        "a.json",
        serde_json::json!({"headline": "New ferry route opens", "body": body})
            .to_string()
            .as_bytes(),
    );
    let o = run(&["check", "--format", "json", path.to_str().expect("path")]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    for c in v["claims"].as_array().expect("claims") {
        for e in c["evidence"].as_array().expect("evidence") {
            let (s, t) = (
                e["start"].as_u64().expect("start") as usize,
                e["end"].as_u64().expect("end") as usize,
            );
            assert_eq!(&body[s..t], e["text"].as_str().expect("text"));
        }
    }
}

#[test]
fn table_and_markdown_show_claims_and_focus() {
    let o = run(&["check", &corpus(PARTIAL)]);
    let t = stdout(&o);
    assert!(t.starts_with("PARTIAL"), "{t}");
    assert!(
        t.contains("Aalst") && t.contains("unsupported") && t.contains("Evidence"),
        "{t}"
    );
    assert!(t.contains("Focus"), "{t}");
    assert!(
        !t.contains('\u{1b}'),
        "no colour when stdout is not a terminal"
    );
    let o = run(&["check", "--format", "markdown", &corpus(PARTIAL)]);
    let m = stdout(&o);
    assert!(m.contains("**Verdict: partial**"), "{m}");
    assert!(m.contains("| Aalst | name |"), "{m}");
}

#[test]
fn colour_only_when_asked_and_never_with_no_color() {
    let o = run(&["check", "--color", "always", &corpus(PARTIAL)]);
    assert!(stdout(&o).contains('\u{1b}'), "colour forced");
    let o = bin()
        .args(["check", "--color", "always", &corpus(PARTIAL)])
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert!(!stdout(&o).contains('\u{1b}'), "NO_COLOR wins");
}

#[test]
fn stdin_and_headline_override() {
    let o = run_stdin(
        &["check", "-", "--format", "json"],
        b"Ferry route opens\n\nThe ferry route opens today. The ferry route links two towns.",
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["headline"], "Ferry route opens");
    let o = run_stdin(
        &[
            "check",
            "--headline",
            "Ferry route opens",
            "--format",
            "json",
        ],
        b"The ferry route opens today. The ferry route links two towns.",
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["headline"], "Ferry route opens");
    assert_eq!(v["verdict"], "consistent", "{v}");
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn bad_input_is_exit_2_with_the_file_named() {
    let cases: Vec<(&str, &[u8], &str)> = vec![
        ("empty.txt", b"", "empty headline"),
        ("blank.txt", b"\n \n\t\n", "empty headline"),
        ("nobody.txt", b"A headline only\n\n", "empty body"),
        (
            "bad.txt",
            b"Headline\nbody \xff\xfe here",
            "bad.txt:2: invalid UTF-8",
        ),
        ("bad.json", b"{\"headline\": \"x\",", "invalid JSON"),
        (
            "nohead.json",
            b"{\"body\": \"text\"}",
            "no `headline` field",
        ),
        (
            "bad.md",
            b"---\ntitle: [unclosed\n---\nBody",
            "invalid front matter",
        ),
    ];
    for (name, content, want) in cases {
        let (_dir, path) = temp_file(name, content);
        let o = run(&["check", path.to_str().expect("path")]);
        assert_eq!(o.status.code(), Some(2), "{name}");
        let err = stderr(&o);
        assert!(err.contains(name) && err.contains(want), "{name}: {err}");
        assert!(o.stdout.is_empty(), "{name}: nothing on stdout");
    }
    let o = run(&["check", "/no/such/article.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("/no/such/article.txt: cannot read"),
        "{}",
        stderr(&o)
    );
    let o = run(&["check", "--lang", "xx", &corpus(CONSISTENT)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown language"), "{}", stderr(&o));
    let o = run(&["check", "--format", "yaml", &corpus(CONSISTENT)]);
    assert_eq!(o.status.code(), Some(2), "usage errors are 2");
    let o = run_stdin(
        &["check", "--headline", "", "--format", "json"],
        b"Body text.",
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn explain_and_debug_show_every_stage() {
    let o = run(&["explain", &corpus(PARTIAL)]);
    assert_eq!(o.status.code(), Some(0));
    let t = stdout(&o);
    for stage in [
        "== headline tokens",
        "== claims",
        "== body:",
        "== matches",
        "== focus",
        "== verdict",
        "== stance",
    ] {
        assert!(t.contains(stage), "{stage} missing:\n{t}");
    }
    // Every stance feature is listed with its value.
    for name in headcheck::stance::FEATURES {
        assert!(
            t.contains(&format!("  {name:<20} ")),
            "{name} missing:\n{t}"
        );
    }
    // The learned cue words the body uses are listed, each with its weight in the shipped
    // model's lexicon, and (when all are shown) they sum to the feature's value.
    let o = run(&["explain", &corpus("en-contradicted-washing-fine.md")]);
    let t = stdout(&o);
    let model = headcheck::stance::Model::for_lang(headcheck::Lang::En).expect("model");
    for (stance, lexicon, feature) in [
        ("agree", &model.lexicons.agree, "learned_agree"),
        ("disagree", &model.lexicons.disagree, "learned_disagree"),
        ("discuss", &model.lexicons.discuss, "learned_discuss"),
    ] {
        let prefix = format!("learned {stance} words in the body: ");
        let line = t
            .lines()
            .find_map(|l| l.strip_prefix(&prefix))
            .unwrap_or_else(|| panic!("{prefix} missing:\n{t}"));
        let value: f64 = t
            .lines()
            .find_map(|l| l.trim().strip_prefix(feature))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or_else(|| panic!("{feature} missing:\n{t}"));
        if line == "none" {
            assert_eq!(value, 0.0);
            continue;
        }
        let mut sum = 0.0;
        for item in line.split(" (and ").next().unwrap_or_default().split(", ") {
            let (word, weight) = item.rsplit_once(' ').expect("word weight");
            let w = lexicon
                .iter()
                .find(|x| x.0 == word)
                .unwrap_or_else(|| panic!("{word} is not a learned {stance} word"));
            assert_eq!(format!("{:.2}", w.1), weight, "{word}");
            sum += w.1;
        }
        if !line.contains(" (and ") {
            assert!(
                (sum - value).abs() < 1e-3,
                "{feature}: {sum} against {value}"
            );
        }
    }
    let o = run(&["check", "--debug", "--format", "json", &corpus(PARTIAL)]);
    assert!(stderr(&o).contains("== claims"));
    serde_json::from_str::<serde_json::Value>(&stdout(&o)).expect("stdout stays JSON");
}

#[test]
fn output_is_deterministic() {
    let a = stdout(&run(&["check", "--format", "json", &corpus(PARTIAL)]));
    let b = stdout(&run(&["check", "--format", "json", &corpus(PARTIAL)]));
    assert_eq!(a, b);
}

#[test]
fn declared_language_is_used_and_lang_overrides_it() {
    let o = run(&[
        "check",
        "--format",
        "json",
        &corpus("de-partial-unwetter-feuerwehr.md"),
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["lang"], "de");
    let o = run(&[
        "check",
        "--format",
        "json",
        "--lang",
        "fr",
        &corpus("de-partial-unwetter-feuerwehr.md"),
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["lang"], "fr");
}

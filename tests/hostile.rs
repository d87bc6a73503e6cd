//! Hostile inputs (issue 19), run through the built binary: empty and blank files, byte-order
//! marks, NUL bytes, invalid UTF-8, lone surrogates, CRLF, huge lines and words, the size and
//! word limits, deep nesting, element floods, broken CSV, bad FNC-1 pairs, mixed scripts.
//!
//! Every case asserts the exit code, that an error names the file (and the line where there is
//! one), that a batch writes exactly one record per input record in input order, and that
//! nothing panics. Every input is generated here. Time bounds are ratios against an ordinary
//! input of the same size, measured the same way and interleaved with it, never absolute times.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use common::write;
use headcheck::input::{body_words_over, MAX_ARTICLE_BYTES, MAX_BODY_BYTES, MAX_BODY_WORDS};
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------------
// Running the binary

/// What one run of the binary left behind.
struct Run {
    /// What the command line was, for messages.
    args: String,
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: String,
    /// Wall time of the process, start to exit.
    secs: f64,
}

impl Run {
    fn stdout(&self) -> String {
        String::from_utf8(self.stdout.clone()).expect("UTF-8 output")
    }

    /// The run, shortened for an assertion message.
    fn show(&self) -> String {
        let cut = |s: &str| {
            if s.len() > 2_000 {
                let mut end = 2_000;
                while !s.is_char_boundary(end) {
                    end -= 1;
                }
                format!("{}… ({} bytes)", &s[..end], s.len())
            } else {
                s.to_string()
            }
        };
        format!(
            "`headcheck {}` exited with {:?}\nstderr: {}\nstdout: {}",
            self.args,
            self.code,
            cut(&self.stderr),
            cut(&String::from_utf8_lossy(&self.stdout))
        )
    }
}

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_headcheck"));
    c.env_remove("NO_COLOR")
        .env_remove("HEADCHECK_DATA")
        .env_remove("RAYON_NUM_THREADS");
    c
}

/// Runs the binary with `env` set; it must exit on its own with a documented code (not be
/// killed by a signal, as a stack overflow is) and print no panic.
fn run_env(args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = bin();
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let start = Instant::now();
    let out = cmd.output().expect("headcheck runs");
    let secs = start.elapsed().as_secs_f64();
    let run = Run {
        args: args.join(" "),
        code: out.status.code(),
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        secs,
    };
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("RUST_BACKTRACE"),
        "a panic: {}",
        run.show()
    );
    assert!(
        matches!(run.code, Some(0..=2)),
        "no documented exit code (killed by a signal?): {}",
        run.show()
    );
    run
}

fn run(args: &[&str]) -> Run {
    run_env(args, &[])
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temp path")
}

/// `headcheck check --format json FILE`.
fn check(path: &Path) -> Run {
    run(&["check", "--no-config", "--format", "json", s(path)])
}

/// The report of a run that checked its article (exit 0 or 1).
fn report(r: &Run) -> Value {
    assert!(matches!(r.code, Some(0 | 1)), "not checked: {}", r.show());
    serde_json::from_slice(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.show()))
}

/// The message of a run that refused its article: exit 2, nothing on standard output, and one
/// `headcheck: PATH…` line on standard error naming the file.
fn refused(r: &Run, path: &Path) -> String {
    assert_eq!(r.code, Some(2), "not refused: {}", r.show());
    assert!(r.stdout.is_empty(), "nothing on stdout: {}", r.show());
    let message = r
        .stderr
        .trim_end()
        .strip_prefix("headcheck: ")
        .unwrap_or_else(|| panic!("no `headcheck: ` message: {}", r.show()))
        .to_string();
    assert!(
        message.starts_with(s(path)),
        "the message does not start with the file name {}: {}",
        path.display(),
        r.show()
    );
    message
}

/// `headcheck batch --no-config INPUTS… MORE…`.
fn batch(inputs: &[&Path], more: &[&str]) -> Run {
    let mut args = vec!["batch", "--no-config"];
    args.extend(inputs.iter().map(|p| s(p)));
    args.extend_from_slice(more);
    run(&args)
}

/// The JSON Lines records of a batch run.
fn records(r: &Run) -> Vec<Value> {
    r.stdout()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// The `line` of each record.
fn lines_of(records: &[Value]) -> Vec<u64> {
    records
        .iter()
        .map(|r| r["line"].as_u64().unwrap_or_else(|| panic!("no line: {r}")))
        .collect()
}

/// A record is an error naming `path` and `line`, saying `what`.
fn assert_error_at(record: &Value, path: &Path, line: u64, what: &str) {
    let error = record["error"]
        .as_str()
        .unwrap_or_else(|| panic!("line {line} should be an error record: {record}"));
    let at = format!("{}:{line}: ", path.display());
    assert!(error.starts_with(&at), "`{error}` should start with `{at}`");
    assert!(error.contains(what), "`{error}` should say `{what}`");
    assert_eq!(record["line"].as_u64(), Some(line), "{record}");
}

/// A record was checked: it has a verdict and no error.
fn assert_checked(record: &Value) {
    assert!(
        record["verdict"].is_string() && record.get("error").is_none(),
        "should be checked: {record}"
    );
}

/// `text` with every folder in `dirs` written `DIR`, so runs over copies in two folders compare.
fn without_dirs(text: &str, dirs: &[&Path]) -> String {
    dirs.iter()
        .fold(text.to_string(), |t, d| t.replace(s(d), "DIR"))
}

// ---------------------------------------------------------------------------------------------
// Timing

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Held while a comparison is timed.
static TIMING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The median wall times of `n` runs of `hostile` and of `ordinary` (at least 7 when a run
/// takes under 0.2 s, where a process's start-up jitter is a large share), taken in turn
/// (hostile, ordinary, hostile, …) so both see the same load on the machine. When the first
/// hostile run takes over 30 times the ordinary one, no load explains it and a slow case is
/// not run again.
fn median_times(n: usize, hostile: &dyn Fn() -> Run, ordinary: &dyn Fn() -> Run) -> (f64, f64) {
    // One measurement at a time: the tests run in parallel, and another test's slow case on
    // the other core would load one side of a comparison more than the other.
    let _alone = TIMING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let (mut h, mut o) = (Vec::new(), Vec::new());
    let mut runs = n;
    while h.len() < runs {
        h.push(hostile().secs);
        o.push(ordinary().secs);
        if h[0] > 30.0 * o[0] {
            break;
        }
        if h[0] < 0.2 && o[0] < 0.2 {
            runs = runs.max(7);
        }
    }
    (median(h), median(o))
}

/// `None` when the hostile input took at most `ratio` times the ordinary one of the same
/// size, else what was measured.
fn time_ratio(what: &str, (hostile, ordinary): (f64, f64), ratio: f64) -> Option<String> {
    eprintln!(
        "timing {what}: {hostile:.3} s against {ordinary:.3} s ({:.1}×)",
        hostile / ordinary
    );
    (hostile > ratio * ordinary).then(|| {
        format!(
            "{what} took {hostile:.3} s, {:.1}× the {ordinary:.3} s of an ordinary input of the same size (at most {ratio}× allowed)",
            hostile / ordinary
        )
    })
}

/// No time bound was passed (every case is measured before this fails).
fn assert_fast(slow: &[String]) {
    assert!(slow.is_empty(), "too slow:\n{}", slow.join("\n"));
}

/// The hostile input took at most `ratio` times the ordinary one of the same size.
fn assert_time_ratio(what: &str, times: (f64, f64), ratio: f64) {
    assert_fast(
        &time_ratio(what, times, ratio)
            .into_iter()
            .collect::<Vec<_>>(),
    );
}

// ---------------------------------------------------------------------------------------------
// Ordinary articles

const HEADLINE: &str = "Bristol council approves new tram line";

/// Three paragraphs supporting [`HEADLINE`]; the first is over 140 characters, so an HTML page
/// of it is readable.
const BODY: &str = "The council in Bristol approved a new tram line on Monday after a long debate. \
The tram line will link Temple Meads station with the harbour and the city centre, the council said.\n\n\
Councillors said the new tram would cut traffic in Bristol by a tenth. Work on the line starts \
in spring and the first trams should run in two years.\n\n\
The mayor of Bristol welcomed the vote. \"This tram line is a new start for the city,\" she said.";

/// The words of [`prose`].
const WORDS: &str = "council tram line station harbour Bristol approved Monday traffic cut mayor \
vote work spring route city centre riders fare bus cost million plan year said would link new \
residents welcomed the a of and to in on with after by";

fn words() -> Vec<&'static str> {
    WORDS.split_whitespace().collect()
}

/// Ordinary English news prose of at least `bytes` bytes: sentences of 12 words, paragraphs
/// of 6 sentences (about 5.9 bytes a word, so 1 MB is about 170,000 words).
fn prose(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 128);
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut sentences = 0;
    let words = words();
    while out.len() < bytes {
        for i in 0..12 {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let word = words[(seed >> 33) as usize % words.len()];
            if i == 0 {
                let mut chars = word.chars();
                let first = chars.next().unwrap();
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            } else {
                out.push(' ');
                out.push_str(word);
            }
        }
        out.push('.');
        sentences += 1;
        out.push_str(if sentences % 6 == 0 { "\n\n" } else { " " });
    }
    out.truncate(out.trim_end().len());
    out
}

/// The article formats `check` reads.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Txt,
    Json,
    /// Markdown with YAML front matter.
    Yaml,
    /// Markdown with TOML front matter.
    Toml,
    /// Markdown with a `# ` heading.
    Heading,
    Html,
}

impl Kind {
    const ALL: [Kind; 6] = [
        Kind::Txt,
        Kind::Json,
        Kind::Yaml,
        Kind::Toml,
        Kind::Heading,
        Kind::Html,
    ];

    fn file(self) -> &'static str {
        match self {
            Kind::Txt => "article.txt",
            Kind::Json => "article.json",
            Kind::Yaml => "yaml.md",
            Kind::Toml => "toml.md",
            Kind::Heading => "heading.md",
            Kind::Html => "page.html",
        }
    }

    /// An article of this kind, `body`'s paragraphs separated by blank lines.
    fn article(self, headline: &str, body: &str) -> String {
        match self {
            Kind::Txt => format!("{headline}\n\n{body}\n"),
            Kind::Json => {
                let v = json!({"headline": headline, "body": body, "lang": "en"});
                format!("{}\n", serde_json::to_string_pretty(&v).unwrap())
            }
            Kind::Yaml => format!("---\ntitle: \"{headline}\"\nlang: en\n---\n{body}\n"),
            Kind::Toml => format!("+++\ntitle = \"{headline}\"\nlang = \"en\"\n+++\n{body}\n"),
            Kind::Heading => format!("# {headline}\n\n{body}\n"),
            Kind::Html => {
                let paragraphs: String = body
                    .split("\n\n")
                    .map(|p| format!("<p>{}</p>\n", html_escape(p)))
                    .collect();
                format!(
                    "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{h}</title>\n</head>\n<body>\n<article>\n<h1>{h}</h1>\n{paragraphs}</article>\n</body>\n</html>\n",
                    h = html_escape(headline)
                )
            }
        }
    }
}

fn html_escape(t: &str) -> String {
    t.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// An ordinary article of `kind` of `bytes` bytes or a little less (its markup allowed for).
fn ordinary(kind: Kind, bytes: usize) -> String {
    let mut body_bytes = bytes.saturating_sub(200);
    loop {
        let text = kind.article(HEADLINE, &prose(body_bytes));
        if text.len() <= bytes {
            return text;
        }
        body_bytes -= (text.len() - bytes).max(100);
    }
}

/// The parts of a report that must not depend on how the file was laid out (line ends, a
/// byte-order mark): the verdict, the figures, each claim with its status and its evidence
/// sentences (without carriage returns), the focus.
fn essence(r: &Value) -> Value {
    let claims: Vec<Value> = r["claims"]
        .as_array()
        .unwrap_or_else(|| panic!("no claims: {r}"))
        .iter()
        .map(|c| {
            let evidence: Vec<Value> = c["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| {
                    json!([
                        e["sentence"],
                        e["paragraph"],
                        e["text"].as_str().unwrap().replace('\r', "")
                    ])
                })
                .collect();
            json!([
                c["text"],
                c["kind"],
                c["status"],
                c["mentions"],
                c["first_sentence"],
                evidence
            ])
        })
        .collect();
    let focus: Vec<&Value> = r["focus"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| &f["text"])
        .collect();
    json!({
        "headline": r["headline"],
        "verdict": r["verdict"],
        "score": r["score"],
        "relatedness": r["relatedness"],
        "support": r["support"],
        "coverage": r["coverage"],
        "similarity": r["similarity"],
        "counts": r["counts"],
        "sentences": r["sentences"],
        "stance": r["stance"],
        "claims": claims,
        "focus": focus,
    })
}

// ---------------------------------------------------------------------------------------------
// Empty and blank files

#[test]
fn empty_and_blank_article_files_are_exit_2_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    // (file, content, what the message says after the file name)
    let cases: Vec<(&str, &[u8], &str)> = vec![
        ("empty.txt", b"", ": empty headline"),
        ("blank.txt", b"  \n\t\n \r\n  ", ": empty headline"),
        ("empty.json", b"", ":1:1: invalid JSON"),
        ("blank.json", b" \n\t\n  ", ":3:2: invalid JSON"),
        ("empty.md", b"", ":1: empty headline"),
        ("blank.md", b" \n\n\t \n", ":1: empty headline"),
        ("empty-yaml.md", b"---\n---\n", ":1: empty headline"),
        (
            "blank-yaml.md",
            b"---\n  \n---\n \n\t\n",
            ":1: empty headline",
        ),
        (
            "yaml-blank-body.md",
            b"---\ntitle: Tram line opens\n---\n  \n\n",
            ": empty body",
        ),
        ("empty-toml.md", b"+++\n+++\n", ":1: empty headline"),
        ("blank-toml.md", b"+++\n \n+++\n \n", ":1: empty headline"),
        (
            "toml-blank-body.md",
            b"+++\ntitle = \"Tram line opens\"\n+++\n \n",
            ": empty body",
        ),
        ("empty.html", b"", ":1: empty body"),
        ("blank.html", b"  \n \n", ":1: empty body"),
        (
            "blank-page.html",
            b"<html><head><title>Tram</title></head>\n<body>\n \n</body></html>",
            ":2: empty body",
        ),
    ];
    let mut paths = Vec::new();
    for (name, content, what) in &cases {
        let path = write(dir.path(), name, content);
        let message = refused(&check(&path), &path);
        assert!(
            message.starts_with(&format!("{}{what}", path.display())),
            "{name}: `{message}` should start with the file name and `{what}`"
        );
        paths.push((path, message));
    }
    // A folder of them: one error record each, in sorted path order, with the message `check`
    // gives.
    let out = batch(&[dir.path()], &[]);
    assert_eq!(out.code, Some(2), "{}", out.show());
    let recs = records(&out);
    paths.sort();
    assert_eq!(
        recs.len(),
        paths.len(),
        "one record per file: {}",
        out.show()
    );
    for (rec, (path, message)) in recs.iter().zip(&paths) {
        assert_eq!(rec["id"].as_str(), Some(s(path)), "{rec}");
        assert_eq!(rec["error"].as_str(), Some(message.as_str()), "{rec}");
    }
}

#[test]
fn empty_and_blank_jsonl_and_csv_batch_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let empty_jsonl = write(dir.path(), "empty.jsonl", b"");
    let blank_jsonl = write(dir.path(), "blank.jsonl", b" \n\n\t\r\n  \n");
    let empty_csv = write(dir.path(), "empty.csv", b"");
    let blank_csv = write(dir.path(), "blank.csv", b"\n\r\n\n");
    let spaces_csv = write(dir.path(), "spaces.csv", b"\n  \n");
    let good = write(
        dir.path(),
        "good.txt",
        Kind::Txt.article(HEADLINE, BODY).as_bytes(),
    );
    // JSON Lines without records give no records and no error.
    for path in [&empty_jsonl, &blank_jsonl] {
        let out = batch(&[path], &[]);
        assert_eq!(out.code, Some(0), "{}", out.show());
        assert!(out.stdout.is_empty(), "{}", out.show());
        assert!(
            out.stderr.contains("headcheck: 0 records: "),
            "{}",
            out.show()
        );
    }
    // A CSV file without a header row is one error record naming it and the line looked at;
    // the inputs after it are still read, in order.
    let out = batch(
        &[
            &empty_csv,
            &good,
            &blank_jsonl,
            &blank_csv,
            &spaces_csv,
            &good,
        ],
        &[],
    );
    assert_eq!(out.code, Some(2), "{}", out.show());
    let recs = records(&out);
    assert_eq!(recs.len(), 5, "{}", out.show());
    let no_header = |rec: &Value, path: &Path, line: u64| {
        assert_eq!(
            rec["error"].as_str(),
            Some(format!("{}:{line}: no header row", path.display()).as_str()),
            "{rec}"
        );
    };
    no_header(&recs[0], &empty_csv, 1);
    assert_checked(&recs[1]);
    no_header(&recs[2], &blank_csv, 1);
    no_header(&recs[3], &spaces_csv, 2);
    assert_checked(&recs[4]);
    assert_eq!(recs[4]["id"].as_str(), Some(s(&good)));
}

// ---------------------------------------------------------------------------------------------
// Byte-order marks

const BOM: &str = "\u{feff}";

#[test]
fn a_byte_order_mark_is_read_as_if_absent_in_every_article_format() {
    let plain = tempfile::tempdir().unwrap();
    let marked = tempfile::tempdir().unwrap();
    let dirs = [plain.path(), marked.path()];
    for kind in Kind::ALL {
        let text = kind.article(HEADLINE, BODY);
        let a = write(plain.path(), kind.file(), text.as_bytes());
        let b = write(
            marked.path(),
            kind.file(),
            format!("{BOM}{text}").as_bytes(),
        );
        let (ra, rb) = (check(&a), check(&b));
        report(&ra);
        assert_eq!(
            without_dirs(&ra.stdout(), &dirs),
            without_dirs(&rb.stdout(), &dirs),
            "{kind:?}: the same report with a byte-order mark"
        );
        assert_eq!(ra.code, rb.code, "{kind:?}");
    }
}

#[test]
fn a_byte_order_mark_is_read_as_if_absent_in_batch_inputs() {
    let plain = tempfile::tempdir().unwrap();
    let marked = tempfile::tempdir().unwrap();
    let dirs = [plain.path(), marked.path()];
    let both = |name: &str, text: &str| {
        (
            write(plain.path(), name, text.as_bytes()),
            write(marked.path(), name, format!("{BOM}{text}").as_bytes()),
        )
    };
    // JSON Lines: the mark before the first record.
    let jsonl: String = [
        json!({"id": "one", "headline": HEADLINE, "body": BODY}),
        json!({"id": "two", "headline": "Bristol mayor welcomes tram vote", "body": BODY}),
    ]
    .iter()
    .map(|v| format!("{v}\n"))
    .collect();
    // CSV: the mark before the header, whose first column is the headline.
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["headline", "body", "id"]).unwrap();
    w.write_record([HEADLINE, BODY, "one"]).unwrap();
    w.write_record(["Bristol mayor welcomes tram vote", BODY, "two"])
        .unwrap();
    let csv_text = String::from_utf8(w.into_inner().unwrap()).unwrap();
    // FNC-1 pairs: the mark before both headers.
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["Body ID", "articleBody"]).unwrap();
    w.write_record(["7", BODY]).unwrap();
    let bodies_text = String::from_utf8(w.into_inner().unwrap()).unwrap();
    let stances_text = format!(
        "Headline,Body ID,Stance\n{HEADLINE},7,agree\nChess champion retires,7,unrelated\n"
    );
    for (name, text) in [
        ("feed.jsonl", jsonl.as_str()),
        ("rows.csv", csv_text.as_str()),
    ] {
        let (a, b) = both(name, text);
        let (ra, rb) = (batch(&[&a], &["-q"]), batch(&[&b], &["-q"]));
        assert_eq!(ra.code, Some(0), "{}", ra.show());
        let recs = records(&ra);
        assert_eq!(recs.len(), 2, "{}", ra.show());
        recs.iter().for_each(assert_checked);
        assert_eq!(
            without_dirs(&ra.stdout(), &dirs),
            without_dirs(&rb.stdout(), &dirs),
            "{name}: the same records with a byte-order mark"
        );
        assert_eq!(ra.code, rb.code, "{name}");
    }
    let (sa, sb) = both("stances.csv", &stances_text);
    let (ba, bb) = both("bodies.csv", &bodies_text);
    let ra = batch(&[&sa], &["--bodies", s(&ba), "-q"]);
    let rb = batch(&[&sb], &["--bodies", s(&bb), "-q"]);
    let recs = records(&ra);
    assert_eq!(recs.len(), 2, "{}", ra.show());
    recs.iter().for_each(assert_checked);
    assert_eq!(
        without_dirs(&ra.stdout(), &dirs),
        without_dirs(&rb.stdout(), &dirs),
        "pair files: the same records with byte-order marks"
    );
    assert_eq!(ra.code, rb.code);
    assert_eq!(rb.stderr, "", "no warnings: {}", rb.show());
}

// ---------------------------------------------------------------------------------------------
// NUL bytes, invalid UTF-8, lone surrogates

#[test]
fn nul_bytes_in_headline_and_body_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let headline = "Bristol council\0approves new\0tram line";
    let body = BODY.replace(" tram ", "\0tram\0").replace(". ", ".\0 ");
    assert!(body.contains('\0'));
    for kind in Kind::ALL {
        let path = write(
            dir.path(),
            kind.file(),
            kind.article(headline, &body).as_bytes(),
        );
        let run = check(&path);
        // YAML and TOML forbid a raw NUL: refused at the title's line, or read anyway.
        if matches!(kind, Kind::Yaml | Kind::Toml) && run.code == Some(2) {
            let message = refused(&run, &path);
            assert!(
                message.starts_with(&format!("{}:2: invalid front matter", path.display())),
                "{kind:?}: {message}"
            );
            let body_only = write(
                dir.path(),
                &format!("body-only-{}", kind.file()),
                kind.article(HEADLINE, &body).as_bytes(),
            );
            let r = report(&check(&body_only));
            assert!(
                r["counts"]["supported"].as_u64().unwrap() >= 3,
                "{kind:?}: {r}"
            );
            continue;
        }
        let r = report(&run);
        let supported = r["counts"]["supported"].as_u64().unwrap();
        assert!(
            supported >= 3,
            "{kind:?}: the headline's words are found: {r}"
        );
    }
    // In batch records too: JSON escapes and raw bytes in CSV.
    let feed = write(
        dir.path(),
        "nul.jsonl",
        format!(
            "{}\n{}\n",
            json!({"headline": headline, "body": body}),
            json!({"headline": "\0", "body": body})
        )
        .as_bytes(),
    );
    let out = batch(&[&feed], &["-q"]);
    let recs = records(&out);
    assert_eq!(lines_of(&recs), [1, 2], "{}", out.show());
    assert_checked(&recs[0]);
    assert!(
        recs[1].get("verdict").is_some()
            || recs[1]["error"]
                .as_str()
                .is_some_and(|e| e.starts_with(&format!("{}:2: ", feed.display()))),
        "a headline of one NUL is checked or refused naming its line: {}",
        recs[1]
    );
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["headline", "body"]).unwrap();
    w.write_record([headline, body.as_str()]).unwrap();
    let rows = write(dir.path(), "nul.csv", &w.into_inner().unwrap());
    let out = batch(&[&rows], &["-q"]);
    let recs = records(&out);
    assert_eq!(lines_of(&recs), [2], "{}", out.show());
    assert_checked(&recs[0]);
}

/// `text` with `bad` inserted at byte `at`, and the message `check` must give for it.
fn with_bad_bytes(path: &Path, text: &[u8], at: usize, bad: &[u8]) -> (Vec<u8>, String) {
    let mut bytes = text[..at].to_vec();
    bytes.extend_from_slice(bad);
    bytes.extend_from_slice(&text[at..]);
    let line = text[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    let message = format!(
        "{}:{line}: invalid UTF-8 (byte offset {at})",
        path.display()
    );
    (bytes, message)
}

#[test]
fn invalid_utf8_at_the_start_middle_and_end_names_the_line_and_offset() {
    let dir = tempfile::tempdir().unwrap();
    let mut expected = Vec::new();
    for kind in Kind::ALL {
        let text = kind.article(HEADLINE, BODY).into_bytes();
        let middle = text
            .windows(7)
            .position(|w| w == b"harbour")
            .expect("the body says harbour");
        let end = text.len();
        for (place, at, bad) in [
            ("start", 0, &b"\xff"[..]),
            ("middle", middle, &b"\xc3("[..]),
            ("end", end, &b"\xe2\x82"[..]), // a sequence cut short
        ] {
            let name = format!("{place}-{}", kind.file());
            let path = dir.path().join(&name);
            let (bytes, message) = with_bad_bytes(&path, &text, at, bad);
            std::fs::write(&path, &bytes).unwrap();
            let got = refused(&check(&path), &path);
            assert_eq!(got, message, "{name}");
            expected.push((path, message));
        }
    }
    // The same files in a batch: one error record each, with the same message.
    let out = batch(&[dir.path()], &["-q"]);
    assert_eq!(out.code, Some(2));
    let recs = records(&out);
    expected.sort();
    assert_eq!(recs.len(), expected.len(), "{}", out.show());
    for (rec, (path, message)) in recs.iter().zip(&expected) {
        assert_eq!(rec["id"].as_str(), Some(s(path)), "{rec}");
        assert_eq!(rec["error"].as_str(), Some(message.as_str()), "{rec}");
    }
}

#[test]
fn invalid_utf8_in_jsonl_and_csv_records_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let good = json!({"headline": HEADLINE, "body": BODY}).to_string();
    let mut feed: Vec<u8> = Vec::new();
    for line in [
        good.as_bytes(),
        b"\xff{\"headline\": \"Start\", \"body\": \"Bad first byte.\"}",
        b"{\"headline\": \"Bristol \xc3( tram\", \"body\": \"Bad middle byte.\"}",
        b"{\"headline\": \"End\", \"body\": \"Bad last bytes.\"}\xe2\x82",
        good.as_bytes(),
    ] {
        feed.extend_from_slice(line);
        feed.push(b'\n');
    }
    let path = write(dir.path(), "bad.jsonl", &feed);
    let out = batch(&[&path], &["-q"]);
    assert_eq!(out.code, Some(2));
    let recs = records(&out);
    assert_eq!(lines_of(&recs), [1, 2, 3, 4, 5], "{}", out.show());
    assert_checked(&recs[0]);
    assert_error_at(&recs[1], &path, 2, "invalid UTF-8 (byte 1 of the line)");
    assert_error_at(&recs[2], &path, 3, "invalid UTF-8 (byte 23 of the line)");
    let end = br#"{"headline": "End", "body": "Bad last bytes."}"#.len() + 1;
    assert_error_at(
        &recs[3],
        &path,
        4,
        &format!("invalid UTF-8 (byte {end} of the line)"),
    );
    assert_checked(&recs[4]);

    let mut rows: Vec<u8> = b"headline,body\n".to_vec();
    rows.extend_from_slice(format!("{HEADLINE},The council approved the tram line.\n").as_bytes());
    rows.extend_from_slice(b"\xffStart,Body text here.\n");
    rows.extend_from_slice(b"Bristol tram,\"Body with a \xc3( bad byte\nover two lines.\"\n");
    rows.extend_from_slice(b"End,Body text here.\xe2\x82\n");
    rows.extend_from_slice(format!("{HEADLINE},The council approved the tram line.").as_bytes());
    let path = write(dir.path(), "bad.csv", &rows);
    let out = batch(&[&path], &["-q"]);
    let recs = records(&out);
    assert_eq!(lines_of(&recs), [2, 3, 4, 6, 7], "{}", out.show());
    assert_checked(&recs[0]);
    assert_error_at(&recs[1], &path, 3, "invalid UTF-8 in column `headline`");
    assert_error_at(&recs[2], &path, 4, "invalid UTF-8 in column `body`");
    assert_error_at(&recs[3], &path, 6, "invalid UTF-8 in column `body`");
    assert_checked(&recs[4]);
}

#[test]
fn invalid_utf8_after_a_byte_order_mark_gives_the_offset_in_the_file() {
    // The offset is where the bad byte is in the file, as a hex dump shows it: the mark's
    // three bytes count.
    let dir = tempfile::tempdir().unwrap();
    let text = format!("{BOM}{}", Kind::Txt.article(HEADLINE, BODY)).into_bytes();
    let at = text.windows(7).position(|w| w == b"harbour").unwrap();
    let path = dir.path().join("bom.txt");
    let (bytes, message) = with_bad_bytes(&path, &text, at, b"\xff");
    std::fs::write(&path, bytes).unwrap();
    assert_eq!(refused(&check(&path), &path), message);
}

#[test]
fn lone_surrogates_in_json_are_refused_naming_the_place() {
    let dir = tempfile::tempdir().unwrap();
    // A surrogate escape without its pair is no Unicode scalar value: the text cannot be a
    // Rust string, so the JSON is invalid at that place.
    let escapes = [
        r"\ud800",
        r"\udc00",
        r"\udfff",
        r"\ud800\u0041",
        r"\udbff\ud7ff",
    ];
    let mut feed = String::new();
    for (i, esc) in escapes.iter().enumerate() {
        let headline = json!({"headline": "Bristol tram SURROGATE line", "body": BODY})
            .to_string()
            .replace("SURROGATE", esc);
        let body = json!({"headline": HEADLINE, "body": format!("Tram SURROGATE line. {BODY}")})
            .to_string()
            .replace("SURROGATE", esc);
        for (which, text) in [("headline", &headline), ("body", &body)] {
            let path = write(dir.path(), &format!("{which}-{i}.json"), text.as_bytes());
            let message = refused(&check(&path), &path);
            assert!(
                message.starts_with(&format!("{}:1:", path.display()))
                    && message.contains(": invalid JSON: "),
                "{which} {esc}: {message}"
            );
            feed.push_str(text);
            feed.push('\n');
        }
    }
    feed.push_str(&json!({"headline": HEADLINE, "body": BODY}).to_string());
    feed.push('\n');
    let path = write(dir.path(), "surrogates.jsonl", feed.as_bytes());
    let out = batch(&[&path], &["-q"]);
    let recs = records(&out);
    let n = 2 * escapes.len() as u64;
    assert_eq!(
        lines_of(&recs),
        (1..=n + 1).collect::<Vec<_>>(),
        "{}",
        out.show()
    );
    for (i, rec) in recs[..n as usize].iter().enumerate() {
        assert_error_at(rec, &path, i as u64 + 1, "invalid JSON");
    }
    assert_checked(&recs[n as usize]);
}

// ---------------------------------------------------------------------------------------------
// CRLF

fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

#[test]
fn crlf_line_endings_give_the_same_report_as_lf_in_every_article_format() {
    let dir = tempfile::tempdir().unwrap();
    for kind in Kind::ALL {
        let text = kind.article(HEADLINE, BODY);
        let lf = write(dir.path(), &format!("lf/{}", kind.file()), text.as_bytes());
        let cr = write(
            dir.path(),
            &format!("crlf/{}", kind.file()),
            crlf(&text).as_bytes(),
        );
        let (a, b) = (check(&lf), check(&cr));
        assert_eq!(a.code, b.code, "{kind:?}");
        assert_eq!(essence(&report(&a)), essence(&report(&b)), "{kind:?}");
    }
    // A JSON body whose own line ends are CRLF.
    let lf = write(
        dir.path(),
        "body-lf.json",
        json!({"headline": HEADLINE, "body": BODY})
            .to_string()
            .as_bytes(),
    );
    let cr = write(
        dir.path(),
        "body-crlf.json",
        json!({"headline": HEADLINE, "body": crlf(BODY)})
            .to_string()
            .as_bytes(),
    );
    assert_eq!(
        essence(&report(&check(&lf))),
        essence(&report(&check(&cr))),
        "a CRLF body"
    );
}

#[test]
fn crlf_line_endings_give_the_same_records_and_lines_in_batch_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let other = "Bristol mayor welcomes tram vote";
    let jsonl = format!(
        "{}\n\n{}\nnot json\n{}\n",
        json!({"id": "a", "headline": HEADLINE, "body": BODY}),
        json!({"id": "b", "headline": other, "body": BODY}),
        json!({"id": "c", "headline": HEADLINE, "body": ""}),
    );
    // Quoted bodies span lines, so the line numbers depend on counting them right.
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["id", "headline", "body"]).unwrap();
    w.write_record(["a", HEADLINE, BODY]).unwrap();
    w.write_record(["b", other, BODY]).unwrap();
    let mut csv_text = String::from_utf8(w.into_inner().unwrap()).unwrap();
    csv_text.push_str("\nc,only two\nd,\"unclosed,quote\n");
    csv_text.push_str(&format!(
        "e,{HEADLINE},The council approved the tram line.\n"
    ));
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["Body ID", "articleBody"]).unwrap();
    w.write_record(["1", BODY]).unwrap();
    w.write_record(["2", "Chess players met in Oslo.\n\nThe champion won again."])
        .unwrap();
    let bodies_text = String::from_utf8(w.into_inner().unwrap()).unwrap();
    let stances_text =
        format!("Headline,Body ID\n{HEADLINE},1\n\n{other},2\n{HEADLINE},3\n{HEADLINE},2\n");
    type Run2 = dyn Fn(&Path, &Path) -> Run;
    let plain: &Run2 = &|input, _| batch(&[input], &["-q"]);
    let pairs: &Run2 = &|input, bodies| batch(&[input], &["--bodies", s(bodies), "-q"]);
    for (name, text, bodies, go, lines) in [
        ("feed.jsonl", jsonl.as_str(), "", plain, vec![1u64, 3, 4, 5]),
        (
            "rows.csv",
            csv_text.as_str(),
            "",
            plain,
            vec![2, 7, 13, 14, 15],
        ),
        (
            "stances.csv",
            stances_text.as_str(),
            bodies_text.as_str(),
            pairs,
            vec![2, 4, 5, 6],
        ),
    ] {
        let lf = write(dir.path(), &format!("lf/{name}"), text.as_bytes());
        let cr = write(dir.path(), &format!("crlf/{name}"), crlf(text).as_bytes());
        let lf_bodies = write(dir.path(), "lf/bodies.csv", bodies.as_bytes());
        let cr_bodies = write(dir.path(), "crlf/bodies.csv", crlf(bodies).as_bytes());
        let (a, b) = (go(&lf, &lf_bodies), go(&cr, &cr_bodies));
        assert_eq!(a.code, Some(2), "{}", a.show());
        assert_eq!(a.code, b.code, "{name}");
        let (ra, rb) = (records(&a), records(&b));
        assert_eq!(lines_of(&ra), lines, "{name} with LF: {}", a.show());
        assert_eq!(lines_of(&rb), lines, "{name} with CRLF: {}", b.show());
        for (x, y) in ra.iter().zip(&rb) {
            match (x.get("error"), y.get("error")) {
                (None, None) => assert_eq!(essence(x), essence(y), "{name}"),
                (Some(ex), Some(ey)) => assert_eq!(
                    ex.as_str().unwrap().replace("/lf/", "/X/"),
                    ey.as_str().unwrap().replace("/crlf/", "/X/"),
                    "{name}"
                ),
                _ => panic!("{name}: {x} against {y}"),
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Huge lines, huge words, the size and word limits

const MIB: usize = 1024 * 1024;

#[test]
fn fifteen_mib_single_lines_are_refused_within_3x_of_an_ordinary_file_that_size() {
    let mut slow = Vec::new();
    let dir = tempfile::tempdir().unwrap();
    let size = 15 * MIB;
    let words_line = |n: usize| {
        let mut line = String::with_capacity(n + 16);
        while line.len() < n {
            line.push_str("tram line ");
        }
        line.truncate(n);
        line
    };
    let ordinary_path = write(
        dir.path(),
        "ordinary.txt",
        ordinary(Kind::Txt, size).as_bytes(),
    );
    // The whole file one line: that line is the headline, and far too long for one.
    let one = write(dir.path(), "one-line.txt", words_line(size).as_bytes());
    let message = refused(&check(&one), &one);
    assert!(
        message.starts_with(&format!(
            "{}:1: empty headline (the headline is ",
            one.display()
        )) && message.contains(" bytes long, more than 2000"),
        "{message}"
    );
    // A headline, then one line of 15 MiB of words: over the word limit.
    let body_line = format!("{HEADLINE}\n{}", words_line(size - HEADLINE.len() - 1));
    let two = write(dir.path(), "body-line.txt", body_line.as_bytes());
    let message = refused(&check(&two), &two);
    assert!(message.contains("body too long"), "{message}");
    // An ordinary article of that size is refused the same way.
    let message = refused(&check(&ordinary_path), &ordinary_path);
    assert!(message.contains("body too long"), "{message}");
    for hostile in [&one, &two] {
        let times = median_times(3, &|| check(hostile), &|| check(&ordinary_path));
        slow.extend(time_ratio(
            &format!("{}", hostile.file_name().unwrap().to_string_lossy()),
            times,
            3.0,
        ));
    }
    assert_fast(&slow);
}

#[test]
fn a_fifteen_mib_one_word_body_is_refused_as_too_long_within_3x_of_an_ordinary_file_that_size() {
    // One word is far below the word limit, but the body is over the byte limit: refused as
    // quickly as an ordinary file of the same size (which the word limit refuses at once).
    let dir = tempfile::tempdir().unwrap();
    let size = 15 * MIB;
    let ordinary_path = write(
        dir.path(),
        "ordinary.txt",
        ordinary(Kind::Txt, size).as_bytes(),
    );
    let word = "x".repeat(size - BODY.len() - HEADLINE.len() - 4);
    let body = format!("{BODY} {word}");
    assert!(!body_words_over(&body));
    let path = write(
        dir.path(),
        "word.txt",
        Kind::Txt.article(HEADLINE, &body).as_bytes(),
    );
    let message = refused(&check(&path), &path);
    assert!(
        message.contains(": body too long: ")
            && message.ends_with(&format!(
                " bytes, more than the {MAX_BODY_BYTES}-byte limit for one article's body"
            )),
        "{message}"
    );
    let times = median_times(3, &|| check(&path), &|| check(&ordinary_path));
    assert_time_ratio("a 15 MiB one-word body", times, 3.0);
}

#[test]
fn million_letter_words_are_checked_within_3x_of_ordinary_text_that_size() {
    let mut slow = Vec::new();
    let dir = tempfile::tempdir().unwrap();
    let ordinary_path = write(
        dir.path(),
        "ordinary.txt",
        ordinary(Kind::Txt, 1_000_000 + 2 * BODY.len() + HEADLINE.len()).as_bytes(),
    );
    report(&check(&ordinary_path));
    let plain = write(
        dir.path(),
        "plain.txt",
        Kind::Txt.article(HEADLINE, BODY).as_bytes(),
    );
    let found = supported(&report(&check(&plain)));
    for (name, unit) in [
        ("a", "a"),
        ("alphabet", "abcdefghijklmnopqrstuvwxyz"),
        ("way", "way"),
    ] {
        let word = unit.repeat(1_000_000 / unit.len() + 1);
        let body = format!("{BODY} {word} {BODY}");
        let path = write(
            dir.path(),
            &format!("{name}.txt"),
            Kind::Txt.article(HEADLINE, &body).as_bytes(),
        );
        let r = report(&check(&path));
        assert_eq!(
            supported(&r),
            found,
            "{name}: the long word changes no claim"
        );
        let times = median_times(3, &|| check(&path), &|| check(&ordinary_path));
        slow.extend(time_ratio(
            &format!("a 1,000,000-letter word of `{unit}`"),
            times,
            3.0,
        ));
    }
    assert_fast(&slow);
}

/// A body of exactly `count` words, as [`body_words_over`] counts them.
fn body_of_words(count: usize) -> String {
    let mut body = String::from("The council in Bristol approved a new tram line.");
    let words = words();
    let mut n = 9;
    let mut i = 0;
    while n < count {
        body.push(' ');
        body.push_str(words[i % words.len()]);
        n += 1;
        i += 1;
        if i % 12 == 0 {
            body.push('.');
        }
    }
    body
}

#[test]
fn the_body_word_limit_is_exact_and_a_longer_body_is_refused_as_too_long() {
    let dir = tempfile::tempdir().unwrap();
    let at_limit = body_of_words(MAX_BODY_WORDS);
    let over = body_of_words(MAX_BODY_WORDS + 1);
    assert!(!body_words_over(&at_limit) && body_words_over(&over));
    // A page's body is what readability extracts, which may take the heading too: it gets a
    // margin below the limit.
    let under = body_of_words(MAX_BODY_WORDS - 50);
    for kind in Kind::ALL {
        let fits = if kind == Kind::Html {
            &under
        } else {
            &at_limit
        };
        let ok = write(
            dir.path(),
            &format!("at-limit/{}", kind.file()),
            kind.article(HEADLINE, fits).as_bytes(),
        );
        report(&check(&ok));
        let long = write(
            dir.path(),
            &format!("over/{}", kind.file()),
            kind.article(HEADLINE, &over).as_bytes(),
        );
        let message = refused(&check(&long), &long);
        assert!(message.contains("body too long"), "{kind:?}: {message}");
    }
    // A batch record over the limit is an error record in its place; the run goes on.
    let feed = write(
        dir.path(),
        "feed.jsonl",
        format!(
            "{}\n{}\n{}\n",
            json!({"headline": HEADLINE, "body": at_limit}),
            json!({"headline": HEADLINE, "body": over}),
            json!({"headline": HEADLINE, "body": BODY}),
        )
        .as_bytes(),
    );
    let out = batch(&[&feed], &["-q"]);
    assert_eq!(out.code, Some(2));
    let recs = records(&out);
    assert_eq!(lines_of(&recs), [1, 2, 3], "{}", out.show());
    assert_checked(&recs[0]);
    assert_error_at(&recs[1], &feed, 2, "body too long");
    assert_checked(&recs[2]);
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["headline", "body"]).unwrap();
    w.write_record([HEADLINE, &over]).unwrap();
    w.write_record([HEADLINE, BODY]).unwrap();
    let rows = write(dir.path(), "rows.csv", &w.into_inner().unwrap());
    let out = batch(&[&rows], &["-q"]);
    let recs = records(&out);
    assert_eq!(lines_of(&recs), [2, 3], "{}", out.show());
    assert_error_at(&recs[0], &rows, 2, "body too long");
    assert_checked(&recs[1]);
    // A pair file's body over the limit fails the rows that point at it.
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["Body ID", "articleBody"]).unwrap();
    w.write_record(["1", &over]).unwrap();
    w.write_record(["2", BODY]).unwrap();
    let bodies = write(dir.path(), "bodies.csv", &w.into_inner().unwrap());
    let stances = write(
        dir.path(),
        "stances.csv",
        format!("Headline,Body ID\n{HEADLINE},1\n{HEADLINE},2\n").as_bytes(),
    );
    let out = batch(&[&stances], &["--bodies", s(&bodies), "-q"]);
    let recs = records(&out);
    assert_eq!(lines_of(&recs), [2, 3], "{}", out.show());
    assert_error_at(&recs[0], &stances, 2, "body too long");
    assert_checked(&recs[1]);
}

#[test]
fn files_over_16_mib_are_refused_and_a_jsonl_line_over_it_is_one_error_record() {
    let dir = tempfile::tempdir().unwrap();
    let limit = MAX_ARTICLE_BYTES as usize;
    let mut text = Kind::Txt.article(HEADLINE, BODY).into_bytes();
    text.resize(limit + 1, b' ');
    let big = write(dir.path(), "big.txt", &text);
    let message = refused(&check(&big), &big);
    assert!(
        message.contains(&format!(
            "file is {} bytes, more than the {limit}-byte limit",
            limit + 1
        )),
        "{message}"
    );
    // At the limit it is read, and then its body (padded to 16 MiB) is over the body's own
    // byte limit.
    text.truncate(limit);
    let at_limit = write(dir.path(), "limit.txt", &text);
    let too_long = refused(&check(&at_limit), &at_limit);
    assert!(
        too_long.contains("-byte limit for one article's body"),
        "{too_long}"
    );
    // A file under both limits is checked.
    text.truncate(MAX_BODY_BYTES);
    let fine = write(dir.path(), "fine.txt", &text);
    report(&check(&fine));
    // In a batch: the big file is one error record, the files around it are checked.
    let out = batch(&[&fine, &big, &at_limit, &fine], &["-q"]);
    let recs = records(&out);
    assert_eq!(recs.len(), 4, "{}", out.show());
    assert_checked(&recs[0]);
    assert_eq!(recs[1]["error"].as_str(), Some(message.as_str()));
    assert_eq!(recs[2]["error"].as_str(), Some(too_long.as_str()));
    assert_checked(&recs[3]);
    let mut feed = json!({"headline": HEADLINE, "body": BODY})
        .to_string()
        .into_bytes();
    feed.push(b'\n');
    let huge = json!({"headline": HEADLINE, "body": "tram ".repeat(limit / 5 + 1)}).to_string();
    feed.extend_from_slice(huge.as_bytes());
    feed.push(b'\n');
    feed.extend_from_slice(
        json!({"headline": HEADLINE, "body": BODY})
            .to_string()
            .as_bytes(),
    );
    let path = write(dir.path(), "huge.jsonl", &feed);
    let out = batch(&[&path], &["-q"]);
    let recs = records(&out);
    assert_eq!(lines_of(&recs), [1, 2, 3], "{}", out.show());
    assert_checked(&recs[0]);
    assert_error_at(
        &recs[1],
        &path,
        2,
        &format!("more than the {limit}-byte limit"),
    );
    assert_checked(&recs[2]);
}

// ---------------------------------------------------------------------------------------------
// Deep nesting and element floods

#[test]
fn json_nested_100000_deep_is_refused_quickly_naming_the_place() {
    let mut slow = Vec::new();
    let dir = tempfile::tempdir().unwrap();
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let inside = format!(
        "{{\"headline\": \"{HEADLINE}\", \"body\": {}, \"extra\": {deep}}}",
        serde_json::to_string(BODY).unwrap()
    );
    let ordinary_path = write(
        dir.path(),
        "ordinary.json",
        ordinary(Kind::Json, inside.len()).as_bytes(),
    );
    report(&check(&ordinary_path));
    for (name, text) in [("deep.json", &deep), ("inside.json", &inside)] {
        let path = write(dir.path(), name, text.as_bytes());
        let message = refused(&check(&path), &path);
        assert!(
            message.starts_with(&format!("{}:1:", path.display()))
                && message.contains("invalid JSON"),
            "{message}"
        );
        let times = median_times(5, &|| check(&path), &|| check(&ordinary_path));
        slow.extend(time_ratio(name, times, 3.0));
    }
    let good = json!({"headline": HEADLINE, "body": BODY}).to_string();
    let feed = write(
        dir.path(),
        "deep.jsonl",
        format!("{good}\n{deep}\n{inside}\n{good}\n").as_bytes(),
    );
    let out = batch(&[&feed], &["-q"]);
    let recs = records(&out);
    assert_eq!(lines_of(&recs), [1, 2, 3, 4], "{}", out.show());
    assert_checked(&recs[0]);
    assert_error_at(&recs[1], &feed, 2, "invalid JSON");
    assert_error_at(&recs[2], &feed, 3, "invalid JSON");
    assert_checked(&recs[3]);
    assert_fast(&slow);
}

/// Markdown with `front` as its front matter (fences included), and an ordinary Markdown
/// file of the same size.
fn front_matter_pair(dir: &Path, name: &str, front: &str) -> (PathBuf, PathBuf) {
    let text = format!("{front}\n{BODY}\n");
    let path = write(dir, name, text.as_bytes());
    let ordinary_path = write(
        dir,
        &format!("ordinary-{name}"),
        ordinary(Kind::Heading, text.len()).as_bytes(),
    );
    report(&check(&ordinary_path));
    (path, ordinary_path)
}

/// Each of `nests` as the value of a front matter key on line 3 (`fence` and `key` in the
/// dialect's syntax): refused naming that line, at most 4× an ordinary file of the same size.
fn nested_front_matter_is_refused_quickly(
    dialect: &str,
    fence: &str,
    key: &str,
    nests: &[(&str, String)],
) {
    let mut slow = Vec::new();
    let dir = tempfile::tempdir().unwrap();
    for (name, nest) in nests {
        let front = format!("{fence}\ntitle{key}\"{HEADLINE}\"\nnest{key}{nest}\n{fence}");
        let (path, ordinary_path) = front_matter_pair(dir.path(), name, &front);
        let message = refused(&check(&path), &path);
        assert!(
            message.starts_with(&format!("{}:3: invalid front matter", path.display())),
            "{name}: {message}"
        );
        let times = median_times(3, &|| check(&path), &|| check(&ordinary_path));
        slow.extend(time_ratio(
            &format!("{dialect} front matter nested deep ({name})"),
            times,
            4.0,
        ));
    }
    assert_fast(&slow);
}

#[test]
fn yaml_front_matter_nested_deep_is_refused_quickly_naming_the_line() {
    // 30,000 deep fits the 64 KiB front matter limit.
    let n = 30_000;
    nested_front_matter_is_refused_quickly(
        "YAML",
        "---",
        ": ",
        &[
            ("closed.md", format!("{}{}", "[".repeat(n), "]".repeat(n))),
            ("open.md", "[".repeat(2 * n)),
            (
                "maps.md",
                format!("{}1{}", "{a: ".repeat(n / 4), "}".repeat(n / 4)),
            ),
        ],
    );
}

#[test]
fn toml_front_matter_nested_deep_is_refused_quickly_naming_the_line() {
    let n = 30_000;
    nested_front_matter_is_refused_quickly(
        "TOML",
        "+++",
        " = ",
        &[
            ("arrays.md", format!("{}{}", "[".repeat(n), "]".repeat(n))),
            (
                "tables.md",
                format!("{}1{}", "{a = ".repeat(n / 4), "}".repeat(n / 4)),
            ),
        ],
    );
}

#[test]
fn a_yaml_alias_bomb_in_front_matter_is_refused_quickly_naming_the_line() {
    let mut slow = Vec::new();
    let dir = tempfile::tempdir().unwrap();
    // "Billion laughs": nine levels of nine aliases each, 9^9 strings if expanded.
    let mut bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for w in names.windows(2) {
        let refs = vec![format!("*{}", w[0]); 9].join(",");
        bomb.push_str(&format!("{n}: &{n} [{refs}]\n", n = w[1]));
    }
    // The same, then as many lines of twenty aliases to the top level as fill the front
    // matter's 64 KiB.
    let mut filling = bomb.clone();
    let refs = vec!["*i"; 20].join(",");
    for k in 0.. {
        let line = format!("z{k}: [{refs}]\n");
        if filling.len() + line.len() > 60_000 {
            break;
        }
        filling.push_str(&line);
    }
    for (name, front) in [
        (
            "bomb-first.md",
            format!("---\n{bomb}title: \"{HEADLINE}\"\n---"),
        ),
        (
            "bomb-last.md",
            format!("---\ntitle: \"{HEADLINE}\"\n{bomb}---"),
        ),
        (
            "bomb-filling.md",
            format!("---\ntitle: \"{HEADLINE}\"\n{filling}---"),
        ),
    ] {
        let (path, ordinary_path) = front_matter_pair(dir.path(), name, &front);
        let message = refused(&check(&path), &path);
        assert!(
            message.starts_with(&format!("{}:", path.display()))
                && message.contains(": invalid front matter"),
            "{name}: {message}"
        );
        let line: usize = message[s(&path).len() + 1..]
            .split(':')
            .next()
            .unwrap()
            .parse()
            .unwrap_or_else(|_| panic!("no line in {message}"));
        assert!(
            (2..=front.lines().count()).contains(&line),
            "the line is in the front matter: {message}"
        );
        let times = median_times(5, &|| check(&path), &|| check(&ordinary_path));
        slow.extend(time_ratio(
            &format!("a YAML alias bomb ({name})"),
            times,
            4.0,
        ));
    }
    assert_fast(&slow);
}

#[test]
fn html_nested_100000_divs_deep_is_refused_quickly_as_nested() {
    let dir = tempfile::tempdir().unwrap();
    let n = 100_000;
    let page = format!(
        "<!doctype html>\n<html lang=\"en\">\n<head><title>{HEADLINE}</title></head>\n<body>{}<p>{}</p>{}</body></html>\n",
        "<div>".repeat(n),
        html_escape(BODY),
        "</div>".repeat(n)
    );
    let path = write(dir.path(), "divs.html", page.as_bytes());
    let ordinary_path = write(
        dir.path(),
        "ordinary.html",
        ordinary(Kind::Html, page.len()).as_bytes(),
    );
    report(&check(&ordinary_path));
    let message = refused(&check(&path), &path);
    assert!(message.contains("nested"), "{message}");
    let times = median_times(5, &|| check(&path), &|| check(&ordinary_path));
    assert_time_ratio("100,000 nested <div>", times, 3.0);
}

/// An HTML page of `BODY` followed by `n` empty script elements.
fn scripts_page(n: usize) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head><title>{HEADLINE}</title></head>\n<body><article><h1>{HEADLINE}</h1><p>{}</p></article>{}</body></html>\n",
        html_escape(BODY),
        "<script></script>".repeat(n)
    )
}

#[test]
fn html_with_a_million_empty_scripts_is_refused_quickly() {
    let mut slow = Vec::new();
    let dir = tempfile::tempdir().unwrap();
    // 1,000,000 of them take 17,000,000 bytes: over the file limit before any tag is read.
    let million = write(
        dir.path(),
        "million.html",
        scripts_page(1_000_000).as_bytes(),
    );
    let message = refused(&check(&million), &million);
    assert!(
        message.contains(&format!("more than the {MAX_ARTICLE_BYTES}-byte limit")),
        "{message}"
    );
    // As many as fit under the limit: refused for the elements, from a scan of the tags.
    let n = (MAX_ARTICLE_BYTES as usize - 1_000) / "<script></script>".len();
    let page = scripts_page(n);
    assert!(page.len() as u64 <= MAX_ARTICLE_BYTES);
    let path = write(dir.path(), "scripts.html", page.as_bytes());
    let message = refused(&check(&path), &path);
    assert!(message.contains("more than 100000 elements"), "{message}");
    let ordinary_path = write(
        dir.path(),
        "ordinary.html",
        ordinary(Kind::Html, page.len()).as_bytes(),
    );
    for hostile in [&million, &path] {
        let times = median_times(3, &|| check(hostile), &|| check(&ordinary_path));
        slow.extend(time_ratio(
            &format!(
                "{} empty <script> elements",
                if hostile == &million { 1_000_000 } else { n }
            ),
            times,
            3.0,
        ));
    }
    assert_fast(&slow);
}

#[test]
fn markdown_nested_10000_deep_is_checked_quickly() {
    let mut slow = Vec::new();
    let dir = tempfile::tempdir().unwrap();
    let n = 10_000;
    let deep_lines =
        |prefix: &str| format!("{}The tram line opens in spring.\n", prefix.repeat(n)).repeat(3);
    let indented: String = (0..1_000)
        .map(|i| format!("{}- the tram line, stop {i}\n", "  ".repeat(i)))
        .collect();
    for (name, nest) in [
        ("quotes.md", deep_lines("> ")),
        ("bullets.md", deep_lines("- ")),
        ("numbers.md", deep_lines("1. ")),
        ("quoted-lists.md", deep_lines("> - ")),
        ("indented.md", indented),
    ] {
        let text = format!("# {HEADLINE}\n\n{BODY}\n\n{nest}");
        let path = write(dir.path(), name, text.as_bytes());
        let ordinary_path = write(
            dir.path(),
            &format!("ordinary-{name}"),
            ordinary(Kind::Heading, text.len()).as_bytes(),
        );
        report(&check(&ordinary_path));
        let r = report(&check(&path));
        assert_eq!(r["headline"], HEADLINE, "{name}");
        let times = median_times(5, &|| check(&path), &|| check(&ordinary_path));
        slow.extend(time_ratio(
            &format!("Markdown nested deep ({name})"),
            times,
            4.0,
        ));
    }
    assert_fast(&slow);
}

#[test]
fn markdown_with_200000_scripts_in_a_raw_html_block_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "# {HEADLINE}\n\n{BODY}\n\n<div class=\"embed\">\n{}\n</div>\n",
        "<script></script>".repeat(200_000)
    );
    let path = write(dir.path(), "scripts.md", text.as_bytes());
    let message = refused(&check(&path), &path);
    assert!(message.contains("more than 100000 elements"), "{message}");
    let ordinary_path = write(
        dir.path(),
        "ordinary.md",
        ordinary(Kind::Heading, text.len()).as_bytes(),
    );
    let times = median_times(5, &|| check(&path), &|| check(&ordinary_path));
    assert_time_ratio("200,000 <script> elements in Markdown", times, 3.0);
}

// ---------------------------------------------------------------------------------------------
// CSV and FNC-1 pairs

#[test]
fn csv_broken_rows_each_give_one_record_in_order_with_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let good = format!("{HEADLINE},The council in Bristol approved the new tram line.");
    let mut text = String::from("id,headline,body\n"); // 1
    text.push_str(&format!("a,{good}\n")); // 2
    text.push_str(&format!(
        "b,{HEADLINE},\"The council approved\nthe tram line, said \"\"the mayor\"\".\"\n"
    )); // 3-4
    text.push_str("c,\"Unclosed quote headline,Body text here.\n"); // 5
    text.push_str(&format!("d,{good}\n")); // 6
    text.push_str("e,\"Closed\" then text,Body text here.\n"); // 7
    text.push_str("f,only two\n"); // 8
    text.push_str("\n\n"); // 9-10
    text.push_str(&format!("g,{good},extra\n")); // 11
    text.push_str("h\n"); // 12
    text.push_str(&format!("i,{good}\n")); // 13
    text.push_str("j,Headline without body,\n"); // 14
    text.push_str(&format!(
        "k,{HEADLINE},\"Never closed to the end of the file\nl,{good}\n"
    )); // 15-16
    let path = write(dir.path(), "broken.csv", text.as_bytes());
    let out = batch(&[&path], &["-q"]);
    assert_eq!(out.code, Some(2), "{}", out.show());
    let recs = records(&out);
    assert_eq!(
        lines_of(&recs),
        [2, 3, 5, 6, 7, 8, 11, 12, 13, 14, 15, 16],
        "{}",
        out.show()
    );
    let errors = [
        (2, 5, "unbalanced quote"),
        (4, 7, "unbalanced quote"),
        (5, 8, "expected 3 fields, found 2"),
        (6, 11, "expected 3 fields, found 4"),
        (7, 12, "expected 3 fields, found 1"),
        (9, 14, "empty body"),
        (10, 15, "unbalanced quote"),
    ];
    for (i, line, what) in errors {
        assert_error_at(&recs[i], &path, line, what);
    }
    for (i, id) in [(0, "a"), (1, "b"), (3, "d"), (8, "i"), (11, "l")] {
        assert_eq!(recs[i]["id"].as_str(), Some(id), "{}", recs[i]);
        assert_checked(&recs[i]);
    }
    assert_eq!(
        recs[9]["id"].as_str(),
        Some("j"),
        "a parsed row's id is kept: {}",
        recs[9]
    );
    // The CSV output has the same rows in the same order.
    let out = batch(&[&path], &["-q", "--format", "csv"]);
    let mut r = csv::Reader::from_reader(out.stdout.as_slice());
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let verdicts: Vec<bool> = rows.iter().map(|r| &r[1] == "error").collect();
    let expect: Vec<bool> = recs.iter().map(|r| r.get("error").is_some()).collect();
    assert_eq!(verdicts, expect, "{rows:?}");
}

#[test]
fn csv_header_without_the_headline_or_body_column_is_one_error_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(
        dir.path(),
        "good.txt",
        Kind::Txt.article(HEADLINE, BODY).as_bytes(),
    );
    for (name, header, missing) in [
        ("no-headline.csv", "id,title,body", "headline"),
        ("no-body.csv", "id,headline,text", "body"),
        ("neither.csv", "a,b", "headline"),
    ] {
        let path = write(
            dir.path(),
            name,
            format!("{header}\n1,{HEADLINE},Body\n").as_bytes(),
        );
        let out = batch(&[&path, &good], &["-q"]);
        assert_eq!(out.code, Some(2), "{}", out.show());
        let recs = records(&out);
        assert_eq!(recs.len(), 2, "{}", out.show());
        let error = recs[0]["error"]
            .as_str()
            .unwrap_or_else(|| panic!("{}", recs[0]));
        assert!(
            error.starts_with(&format!("{}:1: no `{missing}` column", path.display())),
            "{error}"
        );
        assert_checked(&recs[1]);
    }
}

/// A bodies file: body 10 spans lines, body 20, then (when `hostile`) body 10 again with
/// other text, a row missing its text, and body 30.
fn bodies_csv(hostile: bool) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["Body ID", "articleBody"]).unwrap();
    w.write_record(["10", BODY]).unwrap();
    w.write_record([
        "20",
        "Chess players met in Oslo on Sunday.\n\nThe champion won the final game in forty moves.",
    ])
    .unwrap();
    if hostile {
        w.write_record([
            "10",
            "A second body under ID 10, about the weather in Oslo, which is never used.",
        ])
        .unwrap();
    }
    let mut raw = w.into_inner().unwrap();
    if hostile {
        raw.extend_from_slice(b"30\n");
    }
    raw
}

#[test]
fn pair_files_with_unknown_and_repeated_body_ids_keep_every_row_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let hostile_bodies = write(dir.path(), "hostile/bodies.csv", &bodies_csv(true));
    let clean_bodies = write(dir.path(), "clean/bodies.csv", &bodies_csv(false));
    let chess = "Champion wins chess final in Oslo";
    let mut text = String::from("Headline,Body ID,Stance\n"); // 1
    text.push_str(&format!("{HEADLINE},10,agree\n")); // 2
    text.push_str(&format!("{chess},20,agree\n")); // 3
    text.push_str(&format!("{HEADLINE},99,unrelated\n")); // 4 unknown
    text.push_str(&format!("\"{HEADLINE},10,agree\n")); // 5 unclosed quote
    text.push_str(&format!("{chess},20\n")); // 6 missing column
    text.push_str(&format!("{chess},20,agree,extra\n")); // 7 extra column
    text.push('\n'); // 8
    text.push_str(&format!("{chess},10,unrelated\n")); // 9
    text.push_str(&format!("{HEADLINE},30,unrelated\n")); // 10 unknown: its row was bad
    text.push_str(&format!("{HEADLINE}, 10 ,agree\n")); // 11 the ID trimmed
    text.push_str(",20,unrelated\n"); // 12 empty headline
    let stances = write(dir.path(), "stances.csv", text.as_bytes());
    let out = batch(&[&stances], &["--bodies", s(&hostile_bodies)]);
    assert_eq!(out.code, Some(2), "{}", out.show());
    let recs = records(&out);
    assert_eq!(
        lines_of(&recs),
        [2, 3, 4, 5, 6, 7, 9, 10, 11, 12],
        "{}",
        out.show()
    );
    for i in [0, 1, 6, 8] {
        assert_checked(&recs[i]);
        assert_eq!(
            recs[i]["id"].as_str(),
            Some(format!("{}:{}", stances.display(), recs[i]["line"]).as_str())
        );
    }
    assert_error_at(&recs[2], &stances, 4, "unknown Body ID `99`");
    assert_error_at(&recs[3], &stances, 5, "unbalanced quote");
    assert_error_at(&recs[4], &stances, 6, "expected 3 fields, found 2");
    assert_error_at(&recs[5], &stances, 7, "expected 3 fields, found 4");
    assert_error_at(&recs[7], &stances, 10, "unknown Body ID `30`");
    assert_error_at(&recs[9], &stances, 12, "empty headline");
    assert_eq!(recs[0]["body_id"], "10");
    assert_eq!(recs[8]["body_id"], "10");
    assert_eq!(recs[2]["body_id"], "99");
    // The repeated ID and the bad row are warnings naming the bodies file and line.
    let b = hostile_bodies.display();
    let again = bodies_csv(false).iter().filter(|&&c| c == b'\n').count() + 1;
    assert!(
        out.stderr.contains(&format!(
            "warning: {b}:{again}: Body ID `10` again (first on line 2); this row is ignored"
        )),
        "{}",
        out.show()
    );
    assert!(
        out.stderr.contains(&format!(
            "warning: {b}:{}: expected 2 fields, found 1",
            again + 1
        )),
        "{}",
        out.show()
    );
    // The first body under a repeated ID is the one used: the records are those of a bodies
    // file without the repeat.
    let clean = batch(&[&stances], &["--bodies", s(&clean_bodies)]);
    let a = out.stdout().replace(s(&hostile_bodies), "BODIES");
    let c = clean.stdout().replace(s(&clean_bodies), "BODIES");
    assert_eq!(a, c, "the repeated Body ID changed a record");
    assert_eq!(recs[0]["verdict"], "consistent", "{}", recs[0]);
    // CSV output: the stance rows in the same order, errors in their places.
    let out = batch(
        &[&stances],
        &["--bodies", s(&hostile_bodies), "--format", "csv", "-q"],
    );
    let mut r = csv::Reader::from_reader(out.stdout.as_slice());
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), recs.len(), "{rows:?}");
    for (row, rec) in rows.iter().zip(&recs) {
        assert_eq!(
            &row[4] == "error",
            rec.get("error").is_some(),
            "{row:?} against {rec}"
        );
    }
    assert_eq!((&rows[0][0], &rows[0][1]), (HEADLINE, "10"));
    assert_eq!((&rows[2][0], &rows[2][1]), (HEADLINE, "99"));
    assert_eq!((&rows[6][0], &rows[6][1]), (chess, "10"));
}

// ---------------------------------------------------------------------------------------------
// Scripts, directions, combining marks, emoji

const MIXED_HEADLINE: &str = "Zürich café opens tram line to Москва and 東京 for 👩‍👩‍👧 families";

/// Latin with precomposed and combining accents, Cyrillic, Japanese, Arabic, Hebrew in
/// embedding controls, emoji ZWJ sequences, skin tones and flags.
fn mixed_body() -> String {
    [
        "Zu\u{308}rich cafe\u{301} owners opened a tram line on Monday. The tram line runs from Zürich to Москва, said the café owner.",
        "Жители Москвы приветствовали новый трамвай. Москва ждёт. 東京の市民も新しい路面電車を歓迎した。東京は大きい。",
        "قال رئيس البلدية إن خط الترام الجديد سيفتح في زيورخ. \u{202b}שלום עולם\u{202c} and the families 👩‍👩‍👧 👨🏽‍🚒 🏳️‍🌈 cheered the tram line.",
        "The Zürich café said families from Москва and 東京 would ride the tram line every day.\u{200f}",
    ]
    .join("\n\n")
}

/// Every evidence of `r` is a slice of `body` on char boundaries, with its matched words
/// inside it; returns how many there are.
fn assert_evidence_in(r: &Value, body: &str, what: &str) -> usize {
    let mut n = 0;
    for c in r["claims"].as_array().unwrap() {
        for e in c["evidence"].as_array().unwrap() {
            let (start, end) = (
                e["start"].as_u64().unwrap() as usize,
                e["end"].as_u64().unwrap() as usize,
            );
            assert!(
                start <= end
                    && end <= body.len()
                    && body.is_char_boundary(start)
                    && body.is_char_boundary(end),
                "{what}: {start}..{end} is no char range of the body: {e}"
            );
            assert_eq!(
                &body[start..end],
                e["text"].as_str().unwrap(),
                "{what}: {e}"
            );
            for m in e["matched"].as_array().unwrap() {
                let (a, b) = (
                    m[0].as_u64().unwrap() as usize,
                    m[1].as_u64().unwrap() as usize,
                );
                assert!(
                    start <= a && a < b && b <= end && body.is_char_boundary(a) && body.is_char_boundary(b),
                    "{what}: matched {a}..{b} outside {start}..{end} or not on char boundaries: {e}"
                );
            }
            n += 1;
        }
    }
    n
}

/// The claims of `r` found in the body, by text.
fn supported(r: &Value) -> Vec<String> {
    r["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] == "supported")
        .map(|c| c["text"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn mixed_scripts_rtl_combining_marks_and_emoji_are_checked_with_exact_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let body = mixed_body();
    let expect_found = ["Москва", "東京", "tram line", "families"];
    // A text file's body is the text after the headline's line, line ends and all.
    for (name, text) in [
        ("mixed.txt", format!("{MIXED_HEADLINE}\n{body}\n")),
        (
            "mixed-crlf.txt",
            crlf(&format!("{MIXED_HEADLINE}\n{body}\n")),
        ),
        (
            "mixed-blank-lines.txt",
            format!("\n\n  {MIXED_HEADLINE}  \r\n\r\n{body}"),
        ),
    ] {
        let path = write(dir.path(), name, text.as_bytes());
        let r = report(&check(&path));
        let after = text.find(MIXED_HEADLINE).unwrap() + MIXED_HEADLINE.len();
        let body_start = after + text[after..].find('\n').unwrap() + 1;
        let n = assert_evidence_in(&r, &text[body_start..], name);
        assert!(n >= 8, "{name}: {n} evidence sentences");
        let found = supported(&r);
        for claim in expect_found {
            assert!(
                found.iter().any(|f| f == claim),
                "{name}: {claim} not supported in {found:?}"
            );
        }
    }
    // A JSON file's and a JSON Lines record's body is the field.
    let path = write(
        dir.path(),
        "mixed.json",
        json!({"headline": MIXED_HEADLINE, "body": body})
            .to_string()
            .as_bytes(),
    );
    let r = report(&check(&path));
    assert!(assert_evidence_in(&r, &body, "mixed.json") >= 8);
    let feed = write(
        dir.path(),
        "mixed.jsonl",
        format!(
            "{}\n{}\n",
            json!({"headline": MIXED_HEADLINE, "body": body}),
            json!({"headline": "Le cafe\u{301} de Zu\u{308}rich ouvre une ligne de tram", "body": body, "lang": "fr"})
        )
        .as_bytes(),
    );
    let out = batch(&[&feed], &["-q"]);
    let recs = records(&out);
    assert_eq!(lines_of(&recs), [1, 2], "{}", out.show());
    assert!(assert_evidence_in(&recs[0], &body, "mixed.jsonl:1") >= 8);
    assert_evidence_in(&recs[1], &body, "mixed.jsonl:2");
    assert_eq!(recs[1]["lang"], "fr");
    // Markdown's body is the text less its syntax: each evidence sentence is in the file.
    let md = format!("---\ntitle: \"{MIXED_HEADLINE}\"\n---\n{body}\n");
    let path = write(dir.path(), "mixed.md", md.as_bytes());
    let r = report(&check(&path));
    let mut n = 0;
    for c in r["claims"].as_array().unwrap() {
        for e in c["evidence"].as_array().unwrap() {
            assert!(md.contains(e["text"].as_str().unwrap()), "mixed.md: {e}");
            n += 1;
        }
    }
    assert!(n >= 8, "mixed.md: {n} evidence sentences");
}

// ---------------------------------------------------------------------------------------------
// A hostile feed, and determinism

/// What a line of a feed must give.
enum Want {
    /// A checked record with this id.
    Checked(String),
    /// An error record naming the file and line, saying this.
    Error(&'static str),
}

/// A JSON Lines feed mixing good and bad records, and what each line must give (`None`: the
/// line is no record).
fn hostile_feed() -> (Vec<u8>, Vec<Option<Want>>) {
    let mut lines: Vec<(Vec<u8>, Option<Want>)> = Vec::new();
    let mut add = |bytes: Vec<u8>, want: Option<Want>| lines.push((bytes, want));
    let good = |id: &str| json!({"id": id, "headline": HEADLINE, "body": BODY}).to_string();
    add(
        format!("{BOM}{}", good("bom")).into_bytes(),
        Some(Want::Checked("bom".into())),
    );
    add(
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
        Some(Want::Error("invalid JSON")),
    );
    add(
        format!(
            r#"{{"id": "s", "headline": "Bristol tram \ud800", "body": "{}"}}"#,
            "Tram line."
        )
        .into_bytes(),
        Some(Want::Error("invalid JSON")),
    );
    add(json!({"id": "nul", "headline": "Bristol council\0approves new tram line", "body": BODY.replace(' ', "\0")}).to_string().into_bytes(), Some(Want::Checked("nul".into())));
    add(
        b"{\"id\": \"raw-nul\", \"headline\": \"Bristol\x00tram\", \"body\": \"x\"}".to_vec(),
        Some(Want::Error("invalid JSON")),
    );
    add(
        b"\xff{\"headline\": \"x\", \"body\": \"y\"}".to_vec(),
        Some(Want::Error("invalid UTF-8")),
    );
    add(
        b"{\"headline\": \"Bristol \xc3( tram\", \"body\": \"y\"}".to_vec(),
        Some(Want::Error("invalid UTF-8")),
    );
    add(
        b"{\"headline\": \"x\", \"body\": \"y\"}\xe2\x82".to_vec(),
        Some(Want::Error("invalid UTF-8")),
    );
    add(
        format!("{}\r", good("crlf")).into_bytes(),
        Some(Want::Checked("crlf".into())),
    );
    add(Vec::new(), None);
    add(b"  \t \r".to_vec(), None);
    add(
        json!({"id": "long", "headline": HEADLINE, "body": body_of_words(MAX_BODY_WORDS + 1)})
            .to_string()
            .into_bytes(),
        Some(Want::Error("body too long")),
    );
    add(
        b"\"just a string\"".to_vec(),
        Some(Want::Error("expected a JSON object")),
    );
    add(
        json!({"id": "mixed", "headline": MIXED_HEADLINE, "body": mixed_body()})
            .to_string()
            .into_bytes(),
        Some(Want::Checked("mixed".into())),
    );
    add(
        format!(
            r#"{{"id": "deep", "headline": "{HEADLINE}", "body": "Tram.", "x": {}1{}}}"#,
            "{\"a\": ".repeat(200),
            "}".repeat(200)
        )
        .into_bytes(),
        Some(Want::Error("invalid JSON")),
    );
    add(b"{}".to_vec(), Some(Want::Error("empty headline")));
    add(
        br#"{"headline": "Truncated", "#.to_vec(),
        Some(Want::Error("invalid JSON")),
    );
    add(json!({"id": "bidi", "headline": "\u{202e}enil mart\u{202c} Bristol tram line", "body": BODY}).to_string().into_bytes(), Some(Want::Checked("bidi".into())));
    add(
        good("last").into_bytes(),
        Some(Want::Checked("last".into())),
    );
    let mut bytes = Vec::new();
    let mut wants = Vec::new();
    for (line, want) in lines {
        bytes.extend_from_slice(&line);
        bytes.push(b'\n');
        wants.push(want);
    }
    (bytes, wants)
}

#[test]
fn a_hostile_jsonl_feed_gives_one_record_per_line_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let (bytes, wants) = hostile_feed();
    let path = write(dir.path(), "hostile.jsonl", &bytes);
    let out = batch(&[&path], &[]);
    assert_eq!(out.code, Some(2), "{}", out.show());
    let recs = records(&out);
    let expect: Vec<(u64, &Want)> = wants
        .iter()
        .enumerate()
        .filter_map(|(i, w)| w.as_ref().map(|w| (i as u64 + 1, w)))
        .collect();
    assert_eq!(
        lines_of(&recs),
        expect.iter().map(|(l, _)| *l).collect::<Vec<_>>(),
        "{}",
        out.show()
    );
    for (rec, (line, want)) in recs.iter().zip(&expect) {
        match want {
            Want::Checked(id) => {
                assert_checked(rec);
                assert_eq!(rec["id"].as_str(), Some(id.as_str()), "line {line}: {rec}");
            }
            Want::Error(what) => assert_error_at(rec, &path, *line, what),
        }
    }
    let errors = expect
        .iter()
        .filter(|(_, w)| matches!(w, Want::Error(_)))
        .count();
    assert!(
        out.stderr
            .contains(&format!("headcheck: {} records: ", expect.len()))
            && out.stderr.contains(&format!("; {errors} errors; ")),
        "{}",
        out.show()
    );
}

#[test]
fn batch_output_is_byte_identical_with_one_and_two_threads() {
    let dir = tempfile::tempdir().unwrap();
    let (mut bytes, _) = hostile_feed();
    // More than one chunk of records (4,096), good and bad mixed, so the threads' shares and
    // the chunk boundaries both differ between the runs.
    for i in 0..5_000 {
        let line = match i % 5 {
            0 => {
                json!({"headline": format!("Bristol council approves tram line {i}"), "body": BODY})
                    .to_string()
            }
            1 => format!("{{\"headline\": \"broken {i}\", "),
            2 => json!({"headline": MIXED_HEADLINE, "body": mixed_body(), "id": i}).to_string(),
            3 => json!({"headline": format!("Chess champion wins game {i}"), "body": BODY})
                .to_string(),
            _ => json!({"headline": "", "body": BODY}).to_string(),
        };
        bytes.extend_from_slice(line.as_bytes());
        bytes.push(b'\n');
    }
    let path = write(dir.path(), "mixed.jsonl", &bytes);
    let one = run_env(
        &["batch", "--no-config", "-q", s(&path)],
        &[("RAYON_NUM_THREADS", "1")],
    );
    let two = run_env(
        &["batch", "--no-config", "-q", s(&path)],
        &[("RAYON_NUM_THREADS", "2")],
    );
    assert_eq!(one.code, Some(2));
    assert_eq!(one.code, two.code);
    let n = records(&one).len();
    assert_eq!(n, 17 + 5_000, "one record per record");
    assert!(
        one.stdout == two.stdout,
        "1 and 2 threads give different output"
    );
}

#[test]
fn a_folder_of_hostile_files_gives_one_record_per_file_in_sorted_order() {
    let dir = tempfile::tempdir().unwrap();
    let text = Kind::Txt.article(HEADLINE, BODY);
    let files: Vec<(&str, Vec<u8>, Option<&str>)> = vec![
        ("a-empty.txt", Vec::new(), Some("empty headline")),
        ("b-bom.md", format!("{BOM}{}", Kind::Yaml.article(HEADLINE, BODY)).into_bytes(), None),
        ("c-bad-utf8.txt", [text.as_bytes(), b"\xff"].concat(), Some("invalid UTF-8")),
        ("d-deep.json", format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(), Some("invalid JSON")),
        ("e-divs.html", format!("<html><body>{}</body></html>", "<div>".repeat(100_000)).into_bytes(), Some("nested")),
        ("f-crlf.txt", crlf(&text).into_bytes(), None),
        ("g-nul.txt", text.replace(' ', "\0").into_bytes(), None),
        ("h-scripts.md", format!("# {HEADLINE}\n\n<div>\n{}\n</div>\n", "<script></script>".repeat(200_000)).into_bytes(), Some("more than 100000 elements")),
        ("i-mixed.txt", format!("{MIXED_HEADLINE}\n{}", mixed_body()).into_bytes(), None),
        ("j-unclosed.md", b"---\ntitle: never closed\n\nBody".to_vec(), Some(":1: invalid front matter")),
        ("k-bomb.md", b"---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ntitle: Bomb\n---\nThe body.\n".to_vec(), Some("invalid front matter")),
        ("l-good.html", Kind::Html.article(HEADLINE, BODY).into_bytes(), None),
    ];
    for (name, bytes, _) in &files {
        write(dir.path(), name, bytes);
    }
    let out = batch(&[dir.path()], &["-q"]);
    assert_eq!(out.code, Some(2), "{}", out.show());
    let recs = records(&out);
    assert_eq!(recs.len(), files.len(), "{}", out.show());
    for (rec, (name, _, want)) in recs.iter().zip(&files) {
        let path = dir.path().join(name);
        assert_eq!(rec["id"].as_str(), Some(s(&path)), "{rec}");
        match want {
            None => assert_checked(rec),
            Some(what) => {
                let error = rec["error"]
                    .as_str()
                    .unwrap_or_else(|| panic!("{name}: {rec}"));
                assert!(
                    error.starts_with(s(&path)) && error.contains(what),
                    "{name}: {error}"
                );
            }
        }
    }
}

//! The batch HTML page as a browser sees it: built by `headcheck batch --format html` over
//! corpus/articles, loaded in headless Chromium, which must run its script without a console
//! message or a blocked request, show one table row per article, and sort on a header click.
//!
//! Skipped (with a printed reason) when Chromium is not installed, unless
//! `HEADCHECK_REQUIRE_BROWSER=1`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long one browser run may take before the test fails.
const BROWSER_DEADLINE: Duration = Duration::from_secs(60);
/// Where a copy of the screenshot is left, to look at after a run.
const SHOT_COPY: &str = "/tmp/headcheck-html-shot.png";

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The article files `batch` reads from corpus/articles.
fn article_count() -> usize {
    std::fs::read_dir(crate_dir().join("corpus/articles"))
        .expect("corpus/articles is readable")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_file() && e.file_name().to_string_lossy().ends_with(".md"))
        .count()
}

/// Chromium, or `None` after printing why the browser checks are skipped.
fn chromium() -> Option<PathBuf> {
    let fixed = Path::new("/usr/bin/chromium");
    let found = if fixed.is_file() {
        Some(fixed.to_path_buf())
    } else {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join("chromium"))
                .find(|p| p.is_file())
        })
    };
    if found.is_none() {
        let why = "SKIPPED: chromium not installed";
        if std::env::var("HEADCHECK_REQUIRE_BROWSER").is_ok_and(|v| v == "1") {
            panic!("{why}");
        }
        println!("{why}");
    }
    found
}

/// Builds the page through the CLI and returns its path.
fn build_page(dir: &Path) -> PathBuf {
    let page = dir.join("report.html");
    let out = Command::new(env!("CARGO_BIN_EXE_headcheck"))
        .current_dir(crate_dir())
        .env_remove("NO_COLOR")
        .args(["batch", "corpus/articles", "--format", "html", "--output"])
        .arg(&page)
        .arg("--quiet")
        .output()
        .expect("headcheck runs");
    let code = out.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "headcheck batch exited with {code:?}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(page.is_file(), "{} was not written", page.display());
    page
}

/// What one browser run left behind.
struct Run {
    stdout: String,
    stderr: String,
}

/// Runs Chromium headless on `url` with `extra` flags, in a fresh profile, killing it when it
/// takes longer than [`BROWSER_DEADLINE`].
fn run_chromium(browser: &Path, dir: &Path, name: &str, extra: &[String], url: &str) -> Run {
    let profile = tempfile::tempdir_in(dir).expect("profile dir");
    let out_path = dir.join(format!("{name}.stdout"));
    let err_path = dir.join(format!("{name}.stderr"));
    // Files rather than pipes: a page's DOM is bigger than a pipe buffer, and files cannot
    // deadlock a child that nobody reads from while we wait for it.
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args([
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=2000",
        ])
        .args(extra)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(File::create(&out_path).expect("stdout file"))
        .stderr(File::create(&err_path).expect("stderr file"))
        .spawn()
        .expect("chromium starts");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("waits for chromium") {
            break status;
        }
        if started.elapsed() > BROWSER_DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "chromium ({name}) did not finish within {BROWSER_DEADLINE:?}\nstderr:\n{}",
                std::fs::read_to_string(&err_path).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let run = Run {
        stdout: String::from_utf8_lossy(&std::fs::read(&out_path).unwrap_or_default()).into_owned(),
        stderr: String::from_utf8_lossy(&std::fs::read(&err_path).unwrap_or_default()).into_owned(),
    };
    assert!(
        status.success(),
        "chromium ({name}) failed: {status}\nstderr:\n{}",
        run.stderr
    );
    run
}

/// Whether a line of Chromium's log reports a problem with the page: an uncaught exception,
/// any console message (the page logs nothing, and this Chromium logs every console level as
/// INFO, so any message is one too many), a blocked or refused load, or a failed request for a
/// file. Everything else (D-Bus, sandbox and GPU chatter) is the browser talking about itself.
fn is_page_problem(line: &str) -> bool {
    line.contains("Uncaught")
        || line.contains(":CONSOLE")
        || line.contains("CONSOLE(")
        || line.contains("Refused to")
        || line.contains("Content Security Policy")
        || (line.contains("net::ERR_") && (line.contains("file://") || line.contains("report")))
}

fn assert_clean_log(run: &Run, name: &str) {
    let (bad, ignored): (Vec<&str>, Vec<&str>) =
        run.stderr.lines().partition(|l| is_page_problem(l));
    assert!(
        bad.is_empty(),
        "chromium ({name}) reported problems with the page:\n{}\n\nlines ignored:\n{}",
        bad.join("\n"),
        ignored.join("\n")
    );
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// The value of `data-<key>` of every article row, in DOM order.
fn row_values<'a>(dom: &'a str, key: &str) -> Vec<&'a str> {
    let attr = format!("data-{key}=\"");
    dom.split("<tr class=\"article\"")
        .skip(1)
        .filter_map(|row| {
            row.split('>')
                .next()?
                .split(&attr)
                .nth(1)?
                .split('"')
                .next()
        })
        .collect()
}

#[test]
fn the_batch_page_renders_and_sorts_in_chromium() {
    let articles = article_count();
    assert!(articles > 0, "no .md files in corpus/articles");
    let dir = tempfile::tempdir().expect("temp dir");
    let page = build_page(dir.path());
    let html = std::fs::read_to_string(&page).expect("page is UTF-8");
    assert_eq!(html.matches("class=\"article\"").count(), articles);
    assert!(html.starts_with("<!DOCTYPE html>"));

    let Some(browser) = chromium() else {
        return;
    };

    // The DOM after the script ran.
    let dom_run = run_chromium(
        &browser,
        dir.path(),
        "dom",
        &["--dump-dom".to_string()],
        &file_url(&page),
    );
    assert_clean_log(&dom_run, "dom");
    let dom = &dom_run.stdout;
    assert!(
        dom.contains("<table id=\"articles\""),
        "no table in:\n{dom}"
    );
    assert_eq!(
        dom.matches("class=\"article\"").count(),
        articles,
        "one row per article file"
    );
    assert!(
        dom.contains("data-ready=\"1\""),
        "the sorting script did not run"
    );
    assert!(dom.contains("<svg"), "no histogram");

    // Clicking a header sorts; clicking it again reverses. A copy of the page with a test
    // script at the end clicks the score header twice and leaves the orders in the DOM.
    let probe = dir.path().join("probe.html");
    let script = r#"<script>
(function () {
  var button = document.querySelector('#articles th[data-sort="score"] button');
  var rows = function () {
    return Array.prototype.map.call(document.querySelectorAll("tr.article"), function (r) {
      return r.getAttribute("data-score") || "-";
    }).join(" ");
  };
  button.click();
  document.body.setAttribute("data-probe-up", rows());
  button.click();
  document.body.setAttribute("data-probe-down", rows());
}());
</script></body>"#;
    std::fs::write(&probe, html.replacen("</body>", script, 1)).expect("writes probe");
    let probe_run = run_chromium(
        &browser,
        dir.path(),
        "probe",
        &["--dump-dom".to_string()],
        &file_url(&probe),
    );
    // The CSP blocks nothing here: the probe is inline, as the page's own script is.
    assert_clean_log(&probe_run, "probe");
    let scores = |attr: &str| -> Vec<f64> {
        let key = format!("{attr}=\"");
        let list = probe_run
            .stdout
            .split(&key)
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("no {attr} in the probe's DOM"));
        list.split(' ').filter_map(|s| s.parse().ok()).collect()
    };
    let up = scores("data-probe-up");
    let down = scores("data-probe-down");
    assert!(
        !up.is_empty() && up.len() == down.len(),
        "{up:?} / {down:?}"
    );
    assert!(up.windows(2).all(|w| w[0] <= w[1]), "not ascending: {up:?}");
    assert!(
        down.windows(2).all(|w| w[0] >= w[1]),
        "not descending: {down:?}"
    );
    // Worst first before any click: verdict rank never rises down the table.
    let ranks: Vec<i32> = row_values(dom, "verdict-rank")
        .iter()
        .filter_map(|r| r.parse().ok())
        .collect();
    assert_eq!(ranks.len(), articles);
    assert!(ranks.windows(2).all(|w| w[0] >= w[1]), "{ranks:?}");

    // A screenshot, to check that the page paints and to look at.
    let shot = dir.path().join("shot.png");
    let shot_run = run_chromium(
        &browser,
        dir.path(),
        "shot",
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,2000".to_string(),
        ],
        &file_url(&page),
    );
    assert_clean_log(&shot_run, "shot");
    let size = std::fs::metadata(&shot).map(|m| m.len()).unwrap_or(0);
    assert!(size > 10_000, "screenshot is {size} bytes");
    let _ = std::fs::copy(&shot, SHOT_COPY);
    println!("screenshot: {SHOT_COPY} ({size} bytes)");
}

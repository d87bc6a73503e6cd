//! The CI gate end to end, over the test site under tests/site (Markdown with YAML and TOML
//! front matter, HTML pages with navigation, adverts and footers, a headcheck.toml with an
//! override, and a folder of broken files): the findings, their lines and the exit codes in
//! each format, the config's errors, completions, the manual page, the pre-commit hook and the
//! example workflow.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn site() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/site")
}

/// Runs headcheck in `dir`.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_headcheck"))
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .args(args)
        .output()
        .expect("runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// (level, file, line, rule id) of a finding.
type Found = (String, String, u64, String);

/// The findings of GitHub workflow commands.
fn github_findings(out: &str) -> Vec<Found> {
    out.lines()
        .map(|l| {
            let (head, _message) = l[2..].split_once("::").expect("::level props::message");
            let (level, props) = head.split_once(' ').expect("level and properties");
            let prop = |k: &str| {
                props
                    .split(',')
                    .find_map(|p| p.strip_prefix(&format!("{k}=")))
                    .unwrap_or_default()
                    .to_string()
            };
            let title = prop("title");
            let rule = title[title.rfind('(').unwrap() + 1..title.len() - 1].to_string();
            (
                level.to_string(),
                prop("file"),
                prop("line").parse().unwrap_or(0),
                rule,
            )
        })
        .collect()
}

/// The findings of a SARIF log.
fn sarif_findings(log: &Value) -> Vec<Found> {
    log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let loc = &r["locations"][0]["physicalLocation"];
            (
                r["level"].as_str().unwrap().replace("note", "notice"),
                loc["artifactLocation"]["uri"].as_str().unwrap().to_string(),
                loc["region"]["startLine"].as_u64().unwrap_or(0),
                r["ruleId"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn hit(level: &str, file: &str, line: u64, rule: &str) -> Found {
    (level.into(), file.into(), line, rule.into())
}

/// What the site's content gives under its headcheck.toml (fail_on partial; opinion columns
/// never fail; drafts excluded; the GAZETTE EXTRA label and the outlet's name ignored). The line is the
/// headline's: a front matter `title` (a TOML one on line 3), an HTML `<h1>`.
fn expected_site() -> Vec<Found> {
    vec![
        // Opinion: unrelated, but its override says never fail: warnings.
        hit("warning", "content/opinion/column-trams.md", 2, "HC001"),
        // "trams", and "Harbour Road", a street the body never names.
        hit("warning", "content/opinion/column-trams.md", 2, "HC005"),
        hit("warning", "content/opinion/column-trams.md", 2, "HC005"),
        // HTML without og:title or JSON-LD: the headline is the <h1>, on line 44.
        hit("error", "content/pages/grain-prices.html", 44, "HC003"),
        hit("error", "content/pages/grain-prices.html", 44, "HC005"),
        // Title on line 4, after date and author.
        hit("error", "content/posts/museum-fire.md", 4, "HC001"),
        hit("error", "content/posts/museum-fire.md", 4, "HC005"),
        hit("error", "content/posts/museum-fire.md", 4, "HC005"),
        hit("error", "content/posts/museum-fire.md", 4, "HC005"),
        hit("error", "content/posts/museum-fire.md", 4, "HC005"),
        hit("error", "content/posts/rates.md", 2, "HC003"),
        hit("error", "content/posts/rates.md", 2, "HC005"),
        hit("error", "content/posts/rates.md", 2, "HC005"),
    ]
}

#[test]
fn site_as_github_annotations() {
    let o = run_in(&site(), &["batch", "content", "--format", "github", "-q"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(github_findings(&out), expected_site(), "{out}");
    // The messages name what is missing.
    assert!(
        out.contains("::the body never mentions \"Tollgate Brewery\" (name)"),
        "{out}"
    );
    assert!(
        out.contains("title=headline not supported (HC003)"),
        "{out}"
    );
    // Consistent articles, the ignored label and the excluded draft give nothing.
    for quiet in [
        "harbour-bridge",
        "council-vote",
        "lighthouse",
        "title-only",
        "exclusive",
        "drafts",
    ] {
        assert!(!out.contains(quiet), "{quiet}: {out}");
    }
}

#[test]
fn site_as_sarif_round_trips_through_the_sarif_types() {
    let o = run_in(&site(), &["batch", "content", "--format", "sarif", "-q"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let log: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(sarif_findings(&log), expected_site());
    // Strict round trip: every property must be one SARIF 2.1.0 defines, with the right type
    // and enum value, or it is lost or refused on the way.
    let typed: serde_sarif::sarif::Sarif = serde_json::from_value(log.clone()).unwrap();
    assert_eq!(serde_json::to_value(&typed).unwrap(), log);
    // The round trip has teeth: a level SARIF does not define is refused, a property it does
    // not define is lost.
    let mut bad = log.clone();
    bad["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(serde_json::from_value::<serde_sarif::sarif::Sarif>(bad).is_err());
    let mut extra = log.clone();
    extra["runs"][0]["results"][0]["severity"] = "high".into();
    let typed: serde_sarif::sarif::Sarif = serde_json::from_value(extra.clone()).unwrap();
    assert_ne!(serde_json::to_value(&typed).unwrap(), extra);
    // Rules: one per finding kind, each result pointing at its own.
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    for r in log["runs"][0]["results"].as_array().unwrap() {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
    }
}

#[test]
fn flags_and_config_set_the_gate() {
    // --fail-on never: everything a warning (opinion included), exit 0.
    let (code, found) = site_github(&["--fail-on", "never"]);
    assert_eq!(code, Some(0));
    let levels: BTreeSet<String> = found.into_iter().map(|f| f.0).collect();
    assert_eq!(levels, BTreeSet::from(["warning".to_string()]));
    // --fail-on unrelated: the partial articles become warnings, the unrelated ones fail, the
    // opinion column too (the flag wins over its override).
    let (code, found) = site_github(&["--fail-on", "unrelated"]);
    assert_eq!(code, Some(1));
    let errors: BTreeSet<String> = found
        .into_iter()
        .filter(|f| f.0 == "error")
        .map(|f| f.1)
        .collect();
    assert_eq!(
        errors,
        BTreeSet::from([
            "content/opinion/column-trams.md".to_string(),
            "content/posts/museum-fire.md".to_string()
        ])
    );
    // --min-score: consistent articles scoring below it (the probability that a reader finds
    // the headline supported) fail too, with their own rule.
    let (code, found) = site_github(&["--min-score", "0.7"]);
    assert_eq!(code, Some(1));
    assert!(
        found.contains(&found_min("content/posts/harbour-bridge.md", 2)),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|f| f.1.contains("council-vote")),
        "{found:?}"
    );
    // Without the config: GAZETTE EXTRA counts as an unsupported name, drafts are checked, and the
    // opinion column fails like any other.
    let o = run_in(
        &site(),
        &[
            "batch",
            "content",
            "--format",
            "github",
            "--no-config",
            "-q",
        ],
    );
    let out = stdout(&o);
    assert!(
        out.contains("::error file=content/posts/exclusive-ferry.md,line=2,"),
        "{out}"
    );
    assert!(
        out.contains("::error file=content/opinion/column-trams.md,line=2,"),
        "{out}"
    );
    let jsonl = stdout(&run_in(&site(), &["batch", "content", "--no-config", "-q"]));
    assert!(jsonl.contains("content/drafts/unfinished.md"), "{jsonl}");
    // --ignore adds words on the command line.
    let o = run_in(
        &site(),
        &[
            "check",
            "content/posts/exclusive-ferry.md",
            "--no-config",
            "--ignore",
            "gazette extra",
            "--format",
            "json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

/// `headcheck batch content --format github -q EXTRA…` in the site: its exit code and findings.
fn site_github(extra: &[&str]) -> (Option<i32>, Vec<Found>) {
    let mut args = vec!["batch", "content", "--format", "github", "-q"];
    args.extend(extra);
    let o = run_in(&site(), &args);
    (o.status.code(), github_findings(&stdout(&o)))
}

fn found_min(file: &str, line: u64) -> Found {
    hit("error", file, line, "HC004")
}

#[test]
fn check_one_file_in_each_format() {
    let site = site();
    let o = run_in(
        &site,
        &["check", "content/posts/rates.md", "--format", "github"],
    );
    assert_eq!(o.status.code(), Some(1));
    let found = github_findings(&stdout(&o));
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found
        .iter()
        .all(|f| f.1 == "content/posts/rates.md" && f.2 == 2));
    // The override applies to `check` too: the opinion column passes, with warnings.
    let o = run_in(
        &site,
        &[
            "check",
            "content/opinion/column-trams.md",
            "--format",
            "github",
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).starts_with("::warning file=content/opinion/column-trams.md,line=2,"));
    // A consistent page: an empty SARIF log, exit 0; its headline is the og:title.
    let o = run_in(
        &site,
        &[
            "check",
            "content/pages/lighthouse.html",
            "--format",
            "sarif",
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    let log: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 0);
    let o = run_in(
        &site,
        &["check", "content/pages/lighthouse.html", "--format", "json"],
    );
    let report: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        report["headline"],
        "Lighthouse keeper's log goes on display in Portmere"
    );
    assert_eq!(report["verdict"], "consistent");
    // TOML front matter, the title on line 3.
    let o = run_in(
        &site,
        &[
            "check",
            "content/posts/council-vote.md",
            "--format",
            "json",
            "--min-score",
            "0.99",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "below the minimum score");
    let report: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(report["verdict"], "consistent");
    let o = run_in(
        &site,
        &[
            "check",
            "content/posts/council-vote.md",
            "--format",
            "github",
            "--min-score",
            "0.99",
        ],
    );
    assert_eq!(
        github_findings(&stdout(&o)),
        [hit("error", "content/posts/council-vote.md", 3, "HC004")]
    );
    // An unreadable article in a CI format is a finding too, and exit 2.
    let o = run_in(
        &site,
        &["check", "broken/bad-toml.md", "--format", "github"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        github_findings(&stdout(&o)),
        [hit("error", "broken/bad-toml.md", 2, "HC006")]
    );
    assert!(
        stderr(&o).contains("broken/bad-toml.md:2: invalid front matter"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn markdown_bodies_are_stripped_of_their_syntax() {
    let file = site().join("content/posts/harbour-bridge.md");
    let raw = std::fs::read_to_string(&file).unwrap();
    let body = headcheck::input::read_article(&file, None).unwrap().body;
    // The markup is in the file, and none of it reaches the body.
    for markup in ["zorblax", "example.org", ".png", "**", "## ", "```", "]("] {
        assert!(raw.contains(markup), "{markup} not in the file");
        assert!(!body.contains(markup), "{markup} in the body: {body}");
    }
    // The link's text stays.
    let link_text = raw.split("](").next().unwrap().rsplit('[').next().unwrap();
    assert!(body.contains(link_text), "{link_text} not in {body}");
}

#[test]
fn broken_files_each_name_their_line_and_the_batch_goes_on() {
    let o = run_in(
        &site(),
        &["batch", "broken", "--no-config", "--format", "github", "-q"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        github_findings(&stdout(&o)),
        [
            hit("error", "broken/bad-front-matter.md", 3, "HC006"),
            hit("error", "broken/bad-toml.md", 2, "HC006"),
            hit("error", "broken/no-body.html", 9, "HC006"),
            hit("error", "broken/no-title.md", 1, "HC006"),
        ]
    );
    let o = run_in(&site(), &["batch", "broken", "--no-config"]);
    assert_eq!(o.status.code(), Some(2));
    let records: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let errors: Vec<&str> = records.iter().filter_map(|r| r["error"].as_str()).collect();
    assert_eq!(
        errors,
        [
            "broken/bad-front-matter.md:3: invalid front matter: mapping values are not allowed in this context",
            "broken/bad-toml.md:2: invalid front matter: invalid basic string, expected `\"`",
            "broken/no-body.html:9: empty body (no article text in the page: no paragraph of more than 140 characters, and 19 characters of text in all)",
            "broken/no-title.md:1: empty headline (the YAML front matter has no `title` or `headline`, and there is no `# ` heading)",
        ]
    );
    assert_eq!(records.len(), 5);
    assert_eq!(records[2]["id"], "broken/fine.md");
    assert_eq!(records[2]["verdict"], "consistent");
    assert!(
        stderr(&o).contains("5 records: 1 consistent"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_invalid_config_names_its_file_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    std::fs::copy(
        site().join("content/posts/rates.md"),
        dir.path().join("content/rates.md"),
    )
    .unwrap();
    let cases = [
        (
            "fail_on = \"partial\"\nfial_on = \"never\"\n",
            "headcheck.toml:2: invalid config: unknown field `fial_on`",
        ),
        (
            "fail_on = \"sometimes\"\n",
            "headcheck.toml:1: invalid config: `fail_on`: unknown variant `sometimes`",
        ),
        (
            "min_score = 2\n",
            "headcheck.toml:1: invalid config: `min_score`",
        ),
        (
            "[[overrides]]\nfiles = [\"a/{b\"]\n",
            "headcheck.toml:2: invalid config: `files`: invalid glob `a/{b`",
        ),
    ];
    for (text, says) in cases {
        std::fs::write(dir.path().join("headcheck.toml"), text).unwrap();
        // Found from a subfolder, in `batch` and `check`.
        for args in [&["batch", "."][..], &["check", "rates.md"][..]] {
            let o = run_in(&dir.path().join("content"), args);
            assert_eq!(o.status.code(), Some(2), "{text}");
            let err = stderr(&o);
            assert!(err.contains(says), "{text}: {err}");
            assert!(stdout(&o).is_empty());
        }
    }
    // In the CI formats it is a finding too (a discovered config is named from where headcheck
    // runs), so the pipeline shows it; with -o the SARIF log is written.
    let o = run_in(
        &dir.path().join("content"),
        &["batch", ".", "--format", "github"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        github_findings(&stdout(&o)),
        [hit("error", "../headcheck.toml", 2, "HC007")]
    );
    let o = run_in(
        dir.path(),
        &["batch", "content", "--format", "sarif", "-o", "out.sarif"],
    );
    assert_eq!(o.status.code(), Some(2));
    let log: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out.sarif")).unwrap())
            .unwrap();
    assert_eq!(
        sarif_findings(&log),
        [hit("error", "headcheck.toml", 2, "HC007")]
    );
    // --no-config passes over it; --config names another.
    let o = run_in(dir.path(), &["check", "content/rates.md", "--no-config"]);
    assert_eq!(o.status.code(), Some(1));
    std::fs::write(dir.path().join("other.toml"), "fail_on = \"never\"\n").unwrap();
    let o = run_in(
        dir.path(),
        &["check", "content/rates.md", "--config", "other.toml"],
    );
    assert_eq!(o.status.code(), Some(0));
    let o = run_in(
        dir.path(),
        &["check", "content/rates.md", "--config", "missing.toml"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("missing.toml: cannot read"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn completions_and_manual_pages() {
    let here = site();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let o = run_in(&here, &["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}");
        let out = stdout(&o);
        assert!(
            out.contains("headcheck") && out.contains("fail-on"),
            "{shell}"
        );
    }
    let o = run_in(&here, &["man"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).starts_with(".ie \\n(.g .ds Aq"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains(".TH headcheck 1"));
    let dir = tempfile::tempdir().unwrap();
    let o = run_in(&here, &["man", "--dir", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for page in ["headcheck.1", "headcheck-check.1", "headcheck-batch.1"] {
        let text = std::fs::read_to_string(dir.path().join(page)).unwrap();
        assert!(text.contains(".TH"), "{page}");
    }
}

#[test]
fn pre_commit_hook_runs_as_declared() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let hooks: Value = serde_norway::from_str(
        &std::fs::read_to_string(root.join(".pre-commit-hooks.yaml")).unwrap(),
    )
    .unwrap();
    let hook = &hooks[0];
    assert_eq!(hook["id"], "headcheck");
    let entry: Vec<&str> = hook["entry"].as_str().unwrap().split_whitespace().collect();
    assert_eq!(entry[0], "headcheck");
    // pre-commit passes the staged files matching `files` after the entry.
    let files = hook["files"].as_str().unwrap();
    assert_eq!(files, r"\.(md|markdown|html?)$");
    let mut args: Vec<&str> = entry[1..].to_vec();
    args.extend([
        "content/posts/harbour-bridge.md",
        "content/pages/lighthouse.html",
    ]);
    let o = run_in(&site(), &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    args.push("content/posts/rates.md");
    let o = run_in(&site(), &args);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("Corvane Marsh"), "{}", stdout(&o));
}

#[test]
fn example_workflow_step_checks_the_changed_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let workflow: Value = serde_norway::from_str(
        &std::fs::read_to_string(root.join("examples/ci/headcheck.yml")).unwrap(),
    )
    .unwrap();
    let steps = workflow["jobs"]["headlines"]["steps"].as_array().unwrap();
    let script = |name: &str| {
        steps
            .iter()
            .find(|s| s["name"] == name)
            .and_then(|s| s["run"].as_str())
            .unwrap()
            .to_string()
    };
    let check = script("Check headlines");
    let sarif = script("SARIF report");
    // Run the step as the runner does (bash -e), with headcheck on PATH, in a copy of the site
    // whose pull request changed three files.
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&site(), dir.path());
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_headcheck")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    // changed.txt as the listing step writes it: NUL-separated names.
    let step = |script: &str, changed: &str| {
        std::fs::write(dir.path().join("changed.txt"), changed.replace('\n', "\0")).unwrap();
        Command::new("bash")
            .args(["-e", "-c", script])
            .current_dir(dir.path())
            .env("PATH", &path)
            .output()
            .unwrap()
    };
    // A name with a space and a non-ASCII letter arrives whole.
    std::fs::copy(
        dir.path().join("content/posts/rates.md"),
        dir.path().join("content/posts/café rents.md"),
    )
    .unwrap();
    let o = step(
        &check,
        "content/posts/harbour-bridge.md\ncontent/posts/café rents.md\ncontent/drafts/unfinished.md\n",
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let changed = github_findings(&stdout(&o));
    assert_eq!(changed.len(), 3, "{changed:?}");
    assert!(
        changed.iter().all(|f| f.1 == "content/posts/café rents.md"),
        "{changed:?}"
    );
    assert!(
        stderr(&o).contains("1 article file left out"),
        "{}",
        stderr(&o)
    );
    let o = step(&check, "content/posts/harbour-bridge.md\n");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = step(&check, "");
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "no content files changed\n");
    let o = step(&sarif, "");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!dir.path().join("headcheck.sarif").exists());
    let o = step(&sarif, "content/posts/rates.md\n");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let log: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("headcheck.sarif")).unwrap())
            .unwrap();
    // At the gate's levels: rates.md fails it.
    assert_eq!(
        sarif_findings(&log)
            .iter()
            .map(|f| f.0.as_str())
            .collect::<Vec<_>>(),
        ["error"; 3]
    );
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn html_pages_lose_their_navigation_adverts_and_footers() {
    for page in ["lighthouse", "grain-prices", "title-only"] {
        let file = site().join(format!("content/pages/{page}.html"));
        let article = headcheck::input::read_article(&file, None).unwrap();
        let body = &article.body;
        assert!(body.len() > 800, "{page}: {body}");
        for junk in [
            "Sunseeker",
            "Related stories",
            "cookies",
            "All rights reserved",
            "Subscribe",
            "Weather",
        ] {
            assert!(!body.contains(junk), "{page}: {junk} in {body}");
        }
        // Not the headline itself either (it would support every claim).
        assert!(!body.starts_with(&article.headline), "{page}: {body}");
    }
    // The page's own headline in each case: og:title (the <title> has the site's name), the
    // <h1>, the <title> less its suffix.
    let headline = |file: &str| {
        let o = run_in(&site(), &["check", file, "--format", "json"]);
        let report: Value = serde_json::from_str(&stdout(&o)).unwrap();
        report["headline"].as_str().unwrap().to_string()
    };
    assert_eq!(
        headline("content/pages/title-only.html"),
        "Wrenfield school choir wins county singing contest"
    );
    assert_eq!(
        headline("content/pages/grain-prices.html"),
        "Grain prices climb at Redmarsh market as Tollgate Brewery cuts orders"
    );
}

#[test]
fn config_fields_name_the_json_lines_fields() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("headcheck.toml"),
        "[fields]\nheadline = \"title\"\nbody = \"content\"\nid = \"slug\"\n",
    )
    .unwrap();
    let record = serde_json::json!({
        "slug": "ferry-night",
        "title": "Ferry operator adds night crossings",
        "content": "The ferry operator adds night crossings to the island from June. The new \
                    night crossings run on Fridays and Saturdays, the operator said."
    });
    std::fs::write(dir.path().join("feed.jsonl"), format!("{record}\n")).unwrap();
    let o = run_in(dir.path(), &["batch", "feed.jsonl", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let report: Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(report["id"], "ferry-night");
    assert_eq!(report["verdict"], "consistent");
    // A flag wins over the config: this field does not exist.
    let o = run_in(
        dir.path(),
        &["batch", "feed.jsonl", "-q", "--headline-field", "headline"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("\"error\""), "{}", stdout(&o));
}

#[test]
fn explain_applies_the_config_as_check_does() {
    let file = "content/posts/exclusive-ferry.md";
    let with = stdout(&run_in(&site(), &["explain", file]));
    let without = stdout(&run_in(&site(), &["explain", file, "--no-config"]));
    // The headline as written either way; GAZETTE EXTRA a claim only without the config.
    let label = "GAZETTE EXTRA: Ferry operator";
    assert!(with.contains(label) && without.contains(label));
    assert!(!with.contains("\"gazett\""), "{with}");
    assert!(without.contains("\"gazett\""), "{without}");
    assert!(with.contains("=> consistent"), "{with}");
}

#[test]
fn an_override_s_ignore_words_apply_to_its_files_only() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["posts", "other"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        std::fs::copy(
            site().join("content/posts/exclusive-ferry.md"),
            dir.path().join(sub).join("ferry.md"),
        )
        .unwrap();
    }
    std::fs::write(
        dir.path().join("headcheck.toml"),
        "[[overrides]]\nfiles = [\"posts/**\"]\nignore = [\"GAZETTE EXTRA\"]\n",
    )
    .unwrap();
    for args in [&["batch", "."][..], &["batch", "other", "posts"][..]] {
        let mut args = args.to_vec();
        args.extend(["--format", "github", "-q"]);
        let o = run_in(dir.path(), &args);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let files: BTreeSet<String> = github_findings(&stdout(&o))
            .into_iter()
            .map(|f| f.1)
            .collect();
        assert_eq!(files.len(), 1, "{files:?}");
        assert!(
            files.iter().all(|f| f.ends_with("other/ferry.md")),
            "{files:?}"
        );
    }
}

/// An unsupported name or number's finding says what the body has in its place.
#[test]
fn unsupported_claim_findings_say_what_the_body_has_instead() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/articles");
    for (file, instead) in [
        ("en-partial-wrong-bus-fares.md", "9 per cent"),
        ("en-partial-wrong-harbour-master.md", "Alan Fairweather"),
    ] {
        let o = run_in(
            &corpus,
            &["check", file, "--format", "github", "--no-config"],
        );
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let out = stdout(&o);
        let hc005 = out.lines().find(|l| l.contains("(HC005)")).unwrap_or("");
        assert!(
            hc005.ends_with(&format!("; it has \"{instead}\" instead")),
            "{out}"
        );
    }
}

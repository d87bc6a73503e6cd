//! `headcheck.toml`: a project's settings for running headcheck in CI. Found in the current
//! folder or its parents (or named with `--config`); command-line flags win over it.
//!
//! ```toml
//! fail_on = "partial"            # partial | contradicted | unrelated | never
//! min_score = 0.5                # also flag articles scoring below this
//! lang = "en"                    # for articles that declare no language
//! ignore = ["EXCLUSIVE", "LIVE", "The Harbour Gazette"]
//! include = ["content/**/*.md", "content/**/*.html"]
//! exclude = ["content/drafts/**"]
//!
//! [fields]                       # JSON Lines and CSV inputs
//! headline = "title"
//! body = "content"
//! id = "slug"
//!
//! [[overrides]]                  # later entries win
//! files = ["content/opinion/**"]
//! fail_on = "never"
//! ignore = ["Opinion"]           # added to the list above
//! ```
//!
//! Globs are relative to the file's folder; `*` stays within a folder, `**` crosses folders.

use std::path::{Component, Path, PathBuf};

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::error::Error;
use crate::ignore::IgnoreList;
use crate::lang::Lang;
use crate::report::Verdict;

/// The file name looked for.
pub const FILE_NAME: &str = "headcheck.toml";

/// From which verdict an article fails the gate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// Fail on partial, contradicted or unrelated.
    Partial,
    /// Fail on contradicted or unrelated.
    Contradicted,
    /// Fail on unrelated only.
    Unrelated,
    /// Never fail because of the verdict.
    Never,
}

impl FailOn {
    /// Whether `verdict` is at or above this level.
    pub fn fails(self, verdict: Verdict) -> bool {
        match self {
            FailOn::Partial => verdict >= Verdict::Partial,
            FailOn::Contradicted => verdict >= Verdict::Contradicted,
            FailOn::Unrelated => verdict >= Verdict::Unrelated,
            FailOn::Never => false,
        }
    }
}

/// Where the headline, body and id are in JSON Lines and CSV records.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldNames {
    /// The headline field.
    pub headline: Option<String>,
    /// The body field.
    pub body: Option<String>,
    /// The id field.
    pub id: Option<String>,
}

/// The settings that apply to one file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Settings {
    /// From which verdict it fails.
    pub fail_on: Option<FailOn>,
    /// Below which score it fails, whatever the verdict.
    pub min_score: Option<f64>,
    /// Its language when it declares none.
    pub lang: Option<Lang>,
    /// Words never counted as claims.
    pub ignore: Vec<String>,
}

/// A loaded `headcheck.toml`.
#[derive(Clone, Debug)]
pub struct Config {
    /// The file it was read from.
    pub path: PathBuf,
    /// The folder globs are relative to (the file's).
    root: PathBuf,
    /// The top-level settings.
    base: Settings,
    /// JSON Lines and CSV field names.
    pub fields: FieldNames,
    include: Option<GlobSet>,
    exclude: GlobSet,
    overrides: Vec<(GlobSet, Settings)>,
}

/// The file as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    fail_on: Option<FailOn>,
    min_score: Option<Spanned<f64>>,
    lang: Option<Spanned<String>>,
    #[serde(default)]
    ignore: Vec<String>,
    include: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    fields: FieldNames,
    #[serde(default)]
    overrides: Vec<RawOverride>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    files: Spanned<Vec<Spanned<String>>>,
    fail_on: Option<FailOn>,
    min_score: Option<Spanned<f64>>,
    lang: Option<Spanned<String>>,
    #[serde(default)]
    ignore: Vec<String>,
}

impl Config {
    /// The `headcheck.toml` in `dir` or the nearest of its parents, if any.
    /// Its path is named relative to `dir` (`headcheck.toml`, `../headcheck.toml`).
    pub fn discover(dir: &Path) -> Result<Option<Config>, Error> {
        let abs = normalise(&std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf()));
        for (up, folder) in abs.ancestors().enumerate() {
            if folder.join(FILE_NAME).is_file() {
                let mut shown = dir.to_path_buf();
                for _ in 0..up {
                    shown.push("..");
                }
                shown.push(FILE_NAME);
                let shown = shown
                    .strip_prefix(".")
                    .map(Path::to_path_buf)
                    .unwrap_or(shown);
                let mut config = Config::load_with_root(&shown, folder)?;
                config.path = shown;
                return Ok(Some(config));
            }
        }
        Ok(None)
    }

    /// Reads and checks a config file.
    pub fn load(path: &Path) -> Result<Config, Error> {
        Config::load_with_root(path, &folder_of(path))
    }

    fn load_with_root(path: &Path, root: &Path) -> Result<Config, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let mut config = Config::parse(path, &text)?;
        config.root = root.to_path_buf();
        Ok(config)
    }

    /// Parses and checks config text read from `path` (globs are relative to its folder).
    pub fn parse(path: &Path, text: &str) -> Result<Config, Error> {
        let error = |span: Option<std::ops::Range<usize>>, message: String| {
            let at = span.map_or(0, |s| s.start);
            let line = crate::input::line_of(text, at);
            let key = key_on_line(text, at);
            Error::Config {
                path: path.to_path_buf(),
                line,
                message: match key {
                    Some(k) if !message.contains(&format!("`{k}`")) => format!("`{k}`: {message}"),
                    _ => message,
                },
            }
        };
        let raw: Raw =
            toml::from_str(text).map_err(|e| error(e.span(), e.message().trim().to_string()))?;
        let min_score = |v: &Option<Spanned<f64>>| match v {
            Some(s) if !(0.0..=1.0).contains(s.get_ref()) => Err(error(
                Some(s.span()),
                format!("must be between 0 and 1, not {}", s.get_ref()),
            )),
            Some(s) => Ok(Some(*s.get_ref())),
            None => Ok(None),
        };
        let lang = |v: &Option<Spanned<String>>| match v {
            Some(s) => s
                .get_ref()
                .parse::<Lang>()
                .map(Some)
                .map_err(|e| error(Some(s.span()), e.to_string())),
            None => Ok(None),
        };
        let globs = |list: &[Spanned<String>]| -> Result<GlobSet, Error> {
            let mut set = GlobSetBuilder::new();
            for g in list {
                let pattern = g.get_ref().trim_start_matches("./");
                let invalid = |why: String| {
                    error(
                        Some(g.span()),
                        format!("invalid glob `{}`: {why}", g.get_ref()),
                    )
                };
                if pattern.starts_with('/') || Path::new(pattern).is_absolute() {
                    return Err(invalid(
                        "globs are relative to the config's folder, not absolute".into(),
                    ));
                }
                if pattern.split('/').any(|part| part == "..") {
                    return Err(invalid(
                        "`..` cannot match: globs match paths inside the config's folder".into(),
                    ));
                }
                set.add(glob(pattern).map_err(|e| invalid(e.kind().to_string()))?);
            }
            set.build()
                .map_err(|e| error(list.first().map(Spanned::span), e.to_string()))
        };
        let base = Settings {
            fail_on: raw.fail_on,
            min_score: min_score(&raw.min_score)?,
            lang: lang(&raw.lang)?,
            ignore: raw.ignore,
        };
        let mut overrides = Vec::new();
        for o in &raw.overrides {
            if o.files.get_ref().is_empty() {
                return Err(error(
                    Some(o.files.span()),
                    "`files` must list at least one glob".into(),
                ));
            }
            overrides.push((
                globs(o.files.get_ref())?,
                Settings {
                    fail_on: o.fail_on,
                    min_score: min_score(&o.min_score)?,
                    lang: lang(&o.lang)?,
                    ignore: o.ignore.clone(),
                },
            ));
        }
        let root = folder_of(path);
        Ok(Config {
            path: path.to_path_buf(),
            root,
            base,
            fields: raw.fields,
            include: raw.include.as_deref().map(globs).transpose()?,
            exclude: globs(&raw.exclude)?,
            overrides,
        })
    }

    /// `file` relative to the config's folder, for matching globs: by its absolute path, else
    /// with links resolved on both sides; a file outside the folder matches as given.
    fn relative(&self, file: &Path) -> PathBuf {
        let abs = normalise(&std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf()));
        if let Ok(rel) = abs.strip_prefix(&self.root) {
            return rel.to_path_buf();
        }
        if let (Ok(f), Ok(r)) = (file.canonicalize(), self.root.canonicalize()) {
            if let Ok(rel) = f.strip_prefix(&r) {
                return rel.to_path_buf();
            }
        }
        file.to_path_buf()
    }

    /// Whether `file` is to be checked: matched by `include` (when given) and not by
    /// `exclude`.
    pub fn includes(&self, file: &Path) -> bool {
        let rel = self.relative(file);
        self.include.as_ref().is_none_or(|set| set.is_match(&rel)) && !self.exclude.is_match(&rel)
    }

    /// The settings for `file`: the top level's, with the matching overrides applied in order
    /// (their `ignore` words added, everything else replaced).
    pub fn settings_for(&self, file: &Path) -> Settings {
        let rel = self.relative(file);
        let mut settings = self.base.clone();
        for (set, o) in &self.overrides {
            if !set.is_match(&rel) {
                continue;
            }
            settings.fail_on = o.fail_on.or(settings.fail_on);
            settings.min_score = o.min_score.or(settings.min_score);
            settings.lang = o.lang.or(settings.lang);
            settings.ignore.extend(o.ignore.iter().cloned());
        }
        settings
    }

    /// The top-level settings (for inputs that are not files of the site: standard input).
    pub fn base(&self) -> &Settings {
        &self.base
    }

    /// Which overrides match `file`, by index: files with the same list get the same
    /// settings.
    pub fn profile(&self, file: &Path) -> Vec<usize> {
        let rel = self.relative(file);
        self.overrides
            .iter()
            .enumerate()
            .filter(|(_, (set, _))| set.is_match(&rel))
            .map(|(i, _)| i)
            .collect()
    }
}

impl Settings {
    /// The ignore words as a list for the checker.
    pub fn ignore_list(&self) -> IgnoreList {
        IgnoreList::new(&self.ignore)
    }
}

/// The absolute, normalised folder of a file path (the current folder for a bare name).
fn folder_of(path: &Path) -> PathBuf {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    normalise(&std::path::absolute(parent).unwrap_or_else(|_| parent.to_path_buf()))
}

fn glob(pattern: &str) -> Result<Glob, globset::Error> {
    GlobBuilder::new(pattern).literal_separator(true).build()
}

/// `path` without `.` and with `..` applied (no file system look-ups).
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The key set on the line holding byte `at` (`key = …`, `[table]`), if any.
fn key_on_line(text: &str, at: usize) -> Option<String> {
    let at = at.min(text.len());
    let start = text.as_bytes()[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = text.get(start..)?.lines().next()?.trim();
    let (key, _) = line.split_once('=')?;
    let key = key.trim().trim_matches('"');
    (!key.is_empty() && !key.contains(' ')).then(|| key.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Error> {
        Config::parse(Path::new("/site/headcheck.toml"), text)
    }

    const SITE: &str = r#"
fail_on = "contradicted"
min_score = 0.4
lang = "en"
ignore = ["EXCLUSIVE", "The Harbour Gazette"]
include = ["content/**/*.md", "content/**/*.html"]
exclude = ["content/drafts/**"]

[fields]
headline = "title"

[[overrides]]
files = ["content/opinion/**"]
fail_on = "never"
ignore = ["Opinion"]

[[overrides]]
files = ["content/de/**"]
lang = "de"
min_score = 0.2
"#;

    #[test]
    fn settings_follow_the_overrides_in_order() {
        let c = parse(SITE).unwrap();
        assert_eq!(c.fields.headline.as_deref(), Some("title"));
        let post = c.settings_for(Path::new("/site/content/posts/a.md"));
        assert_eq!(post.fail_on, Some(FailOn::Contradicted));
        assert_eq!(post.min_score, Some(0.4));
        assert_eq!(post.ignore, ["EXCLUSIVE", "The Harbour Gazette"]);
        let opinion = c.settings_for(Path::new("/site/content/opinion/b.md"));
        assert_eq!(opinion.fail_on, Some(FailOn::Never));
        assert_eq!(opinion.ignore.len(), 3);
        let de = c.settings_for(Path::new("/site/content/de/x/../c.md"));
        assert_eq!((de.lang, de.min_score), (Some(Lang::De), Some(0.2)));
        assert_eq!(c.profile(Path::new("/site/content/de/c.md")), [1]);
    }

    #[test]
    fn include_and_exclude_globs() {
        let c = parse(SITE).unwrap();
        assert!(c.includes(Path::new("/site/content/posts/a.md")));
        assert!(c.includes(Path::new("/site/content/a.html")));
        assert!(!c.includes(Path::new("/site/content/drafts/a.md")));
        assert!(!c.includes(Path::new("/site/README.md")));
        assert!(!c.includes(Path::new("/site/content/posts/a.txt")));
        let all = parse("").unwrap();
        assert!(all.includes(Path::new("/elsewhere/x.txt")));
        // `./` is the config's folder too.
        let dotted = parse("include = [\"./content/**/*.md\"]").unwrap();
        assert!(dotted.includes(Path::new("/site/content/posts/a.md")));
    }

    #[test]
    fn a_config_named_without_a_folder_is_in_the_current_one() {
        let dir = tempfile::tempdir().unwrap();
        let cwd = std::env::current_dir().unwrap();
        let c = Config::parse(Path::new("headcheck.toml"), "include = [\"content/**\"]").unwrap();
        assert!(c.includes(&cwd.join("content/a.md")));
        assert!(c.includes(Path::new("content/a.md")));
        assert!(!c.includes(&dir.path().join("content/a.md")));
        let up = Config::parse(Path::new("../x/headcheck.toml"), "include = [\"c/**\"]").unwrap();
        let parent = cwd.parent().unwrap();
        assert!(up.includes(&parent.join("x/c/a.md")));
    }

    #[test]
    fn unknown_keys_and_bad_values_name_the_key_and_line() {
        let cases = [
            (
                "fail_on = \"partial\"\nfail_onn = \"never\"\n",
                2,
                "fail_onn",
            ),
            ("\n\nfail_on = \"sometimes\"\n", 3, "`fail_on`"),
            (
                "min_score = 1.5\n",
                1,
                "`min_score`: must be between 0 and 1",
            ),
            ("lang = \"xx\"\n", 1, "`lang`: unknown language `xx`"),
            ("include = [\"a/[b\"]\n", 1, "`include`: invalid glob"),
            ("include = [\"/content/**\"]\n", 1, "not absolute"),
            (
                "exclude = [\"content/../drafts/**\"]\n",
                1,
                "`..` cannot match",
            ),
            ("[fields]\nheadline = \"t\"\nbdy = \"b\"\n", 3, "bdy"),
            (
                "[[overrides]]\nfiles = [\"a/**\"]\ncolour = 1\n",
                3,
                "colour",
            ),
            ("[[overrides]]\nfail_on = \"never\"\n", 1, "files"),
            ("ignore = \"EXCLUSIVE\"\n", 1, "`ignore`"),
            ("min_score = \n", 1, ""),
        ];
        for (text, line, says) in cases {
            let e = parse(text).unwrap_err();
            let shown = e.to_string();
            assert!(
                shown.starts_with(&format!("/site/headcheck.toml:{line}: invalid config: ")),
                "{text:?}: {shown}"
            );
            assert!(shown.contains(says), "{text:?}: {shown}");
        }
    }

    #[test]
    fn discovered_in_the_folder_or_its_parents() {
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("content/posts");
        std::fs::create_dir_all(&deep).unwrap();
        assert!(Config::discover(&deep)
            .unwrap()
            .is_none_or(|c| !c.path.starts_with(dir.path())));
        std::fs::write(dir.path().join(FILE_NAME), "fail_on = \"never\"\n").unwrap();
        let c = Config::discover(&deep).unwrap().unwrap();
        assert_eq!(c.path, deep.join("../..").join(FILE_NAME));
        assert!(c.includes(&deep.join("a.md")));
        assert_eq!(c.root, normalise(dir.path()));
        assert_eq!(c.base().fail_on, Some(FailOn::Never));
    }
}

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
    pub fn discover(dir: &Path) -> Result<Option<Config>, Error> {
        let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
        for folder in dir.ancestors() {
            let candidate = folder.join(FILE_NAME);
            if candidate.is_file() {
                return Config::load(&candidate).map(Some);
            }
        }
        Ok(None)
    }

    /// Reads and checks a config file.
    pub fn load(path: &Path) -> Result<Config, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Config::parse(path, &text)
    }

    /// Parses and checks config text read from `path`.
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
                set.add(glob(g.get_ref()).map_err(|e| {
                    error(
                        Some(g.span()),
                        format!("invalid glob `{}`: {}", g.get_ref(), e.kind()),
                    )
                })?);
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
        let root = path
            .parent()
            .map(|p| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()))
            .unwrap_or_default();
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

    /// `file` relative to the config's folder, for matching globs (as given when it is not
    /// under that folder).
    fn relative(&self, file: &Path) -> PathBuf {
        let abs = normalise(&std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf()));
        abs.strip_prefix(&self.root)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| file.to_path_buf())
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

    /// Which overrides match `file`, as a bit set (the first 64): files with the same set get
    /// the same settings.
    pub fn profile(&self, file: &Path) -> u64 {
        let rel = self.relative(file);
        self.overrides
            .iter()
            .take(64)
            .enumerate()
            .filter(|(_, (set, _))| set.is_match(&rel))
            .fold(0, |bits, (i, _)| bits | 1 << i)
    }
}

impl Settings {
    /// The ignore words as a list for the checker.
    pub fn ignore_list(&self) -> IgnoreList {
        IgnoreList::new(&self.ignore)
    }
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
        assert_eq!(c.profile(Path::new("/site/content/de/c.md")), 0b10);
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
        assert_eq!(c.path, dir.path().join(FILE_NAME));
        assert_eq!(c.base().fail_on, Some(FailOn::Never));
    }
}

//! Checking many articles: a folder of article files, JSON Lines, CSV, or an FNC-1 pair file
//! (stances with a bodies file). Records are read in bounded chunks, checked in parallel
//! (rayon) and handed back in input order, one [`Record`] per input record, so the output does
//! not depend on the thread count and memory does not grow with the input.

mod csv_rows;
mod lines;
mod record;

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde_json::Value;

use crate::config::{Config, Settings};
use crate::input::{self, MAX_ARTICLE_BYTES, MAX_HEADLINE_BYTES};
use crate::{Article, BodyIndex, Checker, Detail, Headline, IgnoreList, Lang};

pub use csv_rows::{CsvRows, Row};
pub use lines::LineReader;
pub use record::{unsupported_claims, worst_first, Flagged, Outcome, Record, Summary, Tally};

/// How many bytes of article text a chunk holds at most (the last record may overshoot).
pub const CHUNK_BYTES: usize = 4 * 1024 * 1024;
/// How many records a chunk holds at most.
pub const CHUNK_RECORDS: usize = 4096;
/// How many rows of a pair file a chunk holds when the records carry scores only
/// ([`Detail::Scores`], a line of CSV each): more pairs of each body checked together.
pub const PAIR_CHUNK_SCORES: usize = 16_384;
/// How many folder files a chunk holds at most.
const CHUNK_FILES: usize = 256;

/// The file extensions a folder is searched for: the formats `check` reads.
pub const ARTICLE_EXTENSIONS: [&str; 7] = ["txt", "text", "md", "markdown", "json", "html", "htm"];

/// Where the headline, body and id are in JSON Lines and CSV records. `None` means the
/// defaults: `headline`; `body` (JSON also `articleBody`); `id`. JSON fields may be dotted
/// paths (`title.rendered`).
#[derive(Clone, Debug, Default)]
pub struct Fields {
    /// The headline field.
    pub headline: Option<String>,
    /// The body field.
    pub body: Option<String>,
    /// The id field.
    pub id: Option<String>,
}

impl Fields {
    fn headline(&self) -> Vec<&str> {
        self.headline
            .as_deref()
            .map_or(vec!["headline"], |f| vec![f])
    }
    fn body(&self) -> Vec<&str> {
        self.body
            .as_deref()
            .map_or(vec!["body", "articleBody"], |f| vec![f])
    }
    fn id(&self) -> &str {
        self.id.as_deref().unwrap_or("id")
    }
}

/// How a batch runs.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Field names for JSON Lines and CSV inputs.
    pub fields: Fields,
    /// The language of every article; `None`: what each article declares, else English.
    pub lang: Option<Lang>,
    /// How much of each report to compute (outputs that show no evidence need less).
    pub detail: Detail,
    /// A stance model to use instead of the shipped one, for articles in its language.
    pub stance_model: Option<&'static crate::stance::Model>,
    /// A `headcheck.toml`: which article files to check (`include`, `exclude`), each file's
    /// language default and ignore words.
    pub config: Option<Arc<Config>>,
    /// Words never counted as claims, in every article (besides the config's).
    pub ignore: Vec<String>,
}

/// One input of a batch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// Every article file under a folder, recursively, in sorted path order.
    Folder(PathBuf),
    /// One article file, in any format `check` reads.
    Article(PathBuf),
    /// JSON Lines: one article object per line.
    Jsonl(PathBuf),
    /// CSV with a header row and headline and body columns.
    Csv(PathBuf),
    /// An FNC-1 stances file (`Headline,Body ID[,Stance]`) and its bodies file
    /// (`Body ID,articleBody`).
    Pairs {
        /// The stances file.
        stances: PathBuf,
        /// The bodies file.
        bodies: PathBuf,
    },
}

impl Source {
    /// What kind of input `path` is: a folder, `.jsonl`/`.ndjson`, `.csv` (a pair file when
    /// `bodies` is given), or an article file.
    pub fn detect(path: &Path, bodies: Option<&Path>) -> Source {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if path.is_dir() {
            return Source::Folder(path.to_path_buf());
        }
        match (ext.as_deref(), bodies) {
            (Some("csv"), Some(b)) => Source::Pairs {
                stances: path.to_path_buf(),
                bodies: b.to_path_buf(),
            },
            (Some("csv"), None) => Source::Csv(path.to_path_buf()),
            (Some("jsonl" | "ndjson"), _) => Source::Jsonl(path.to_path_buf()),
            _ => Source::Article(path.to_path_buf()),
        }
    }

    /// The (main) file or folder.
    pub fn path(&self) -> &Path {
        match self {
            Source::Folder(p) | Source::Article(p) | Source::Jsonl(p) | Source::Csv(p) => p,
            Source::Pairs { stances, .. } => stances,
        }
    }
}

/// What a running batch reports, in order. `T` is what [`run`]'s `finish` made of each
/// record.
#[derive(Debug)]
pub enum Event<T = Record> {
    /// The next record, in input order.
    Record(T),
    /// Progress through the current input, in `unit`s (bytes, or files for folders).
    Progress {
        /// How much is done.
        done: u64,
        /// How much there is.
        total: u64,
        /// `bytes` or `files`.
        unit: &'static str,
    },
    /// Something wrong outside the records themselves (a bad row in a bodies file, an
    /// unreadable folder entry). It counts as an error.
    Warning(String),
    /// Article files passed over because the config's `include`/`exclude` globs leave them
    /// out (this many, in a folder or named).
    Excluded(u64),
}

/// One checker per language (and, with a config's overrides, per set of matching overrides),
/// made when first needed; shared by the worker threads.
struct Checkers<'a> {
    /// For files no override matches.
    checkers: [OnceLock<Checker>; Lang::ALL.len()],
    /// For files some override matches: by the matching overrides and the language.
    profiles: Mutex<FxHashMap<Profile, Arc<Checker>>>,
    /// A stance model replacing the shipped one for its language.
    model: Option<&'static crate::stance::Model>,
    options: &'a Options,
}

/// Which overrides of the config match a file, and the language: files alike share a checker.
type Profile = (Vec<usize>, Lang);

/// A file's place in the config: the overrides that match it and the settings they give.
struct FileSettings {
    file: Arc<Path>,
    overrides: Vec<usize>,
    settings: Settings,
}

/// A checker from [`Checkers`].
enum CheckerRef<'a> {
    Shared(&'a Checker),
    Profile(Arc<Checker>),
}

impl std::ops::Deref for CheckerRef<'_> {
    type Target = Checker;
    fn deref(&self) -> &Checker {
        match self {
            CheckerRef::Shared(c) => c,
            CheckerRef::Profile(c) => c,
        }
    }
}

impl<'a> Checkers<'a> {
    fn new(options: &'a Options) -> Self {
        Checkers {
            checkers: std::array::from_fn(|_| OnceLock::new()),
            profiles: Mutex::default(),
            model: options.stance_model,
            options,
        }
    }

    /// What the config says of `file`, worked out once per file (a JSON Lines or CSV file's
    /// records share it).
    fn file(&self, file: &Path) -> FileSettings {
        let file_arc: Arc<Path> = Arc::from(file);
        match &self.options.config {
            Some(c) => FileSettings {
                file: file_arc,
                overrides: c.profile(file),
                settings: c.settings_for(file),
            },
            None => FileSettings {
                file: file_arc,
                overrides: Vec::new(),
                settings: Settings::default(),
            },
        }
    }

    /// The settings for files no override matches.
    fn base(&self) -> Settings {
        self.options
            .config
            .as_ref()
            .map(|c| c.base().clone())
            .unwrap_or_default()
    }

    fn make(&self, lang: Lang, settings: &Settings) -> Checker {
        let checker = Checker::new(lang).with_ignore(IgnoreList::new(
            settings.ignore.iter().chain(&self.options.ignore),
        ));
        match self.model {
            Some(m) if m.lang == lang.code() => checker.with_stance_model(Some(m)),
            _ => checker,
        }
    }

    /// The checker for files no override matches.
    fn get(&self, lang: Lang) -> &Checker {
        let i = Lang::ALL.iter().position(|&l| l == lang).unwrap_or(0);
        self.checkers[i].get_or_init(|| self.make(lang, &self.base()))
    }

    /// The checker for an article read from `file`: the language is --lang, else what the
    /// article declares, else the config's for the file, else English.
    fn for_article(&self, declared: Option<Lang>, file: &FileSettings) -> CheckerRef<'_> {
        let lang = self
            .options
            .lang
            .or(declared)
            .or(file.settings.lang)
            .unwrap_or(Lang::En);
        if file.overrides.is_empty() {
            return CheckerRef::Shared(self.get(lang));
        }
        let mut profiles = self
            .profiles
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let checker = profiles
            .entry((file.overrides.clone(), lang))
            .or_insert_with(|| Arc::new(self.make(lang, &file.settings)));
        CheckerRef::Profile(Arc::clone(checker))
    }
}

/// Runs a batch over `sources`, in order, handing every event to `sink`. Each record goes
/// through `finish` on the thread that checked it (to render it there, say) before it reaches
/// `sink` in input order. Input is read on a thread of its own, a chunk ahead of the checking.
/// Stops early only when `sink` fails (a closed output).
pub fn run<T: Send, E>(
    sources: &[Source],
    options: &Options,
    finish: &(dyn Fn(Record) -> T + Sync),
    sink: &mut dyn FnMut(Event<T>) -> Result<(), E>,
) -> Result<(), E> {
    let checkers = Checkers::new(options);
    let batch = Batch {
        options,
        checkers: &checkers,
        finish,
    };
    for source in sources {
        match source {
            Source::Folder(dir) => batch.folder(dir, sink)?,
            // A file the config excludes is passed over, as in a folder.
            Source::Article(path) if !batch.included(path) => sink(Event::Excluded(1))?,
            Source::Article(path) => {
                let record = batch.article_file(path);
                sink(Event::Record(finish(record)))?;
            }
            Source::Jsonl(path) => batch.jsonl(path, sink)?,
            Source::Csv(path) => batch.csv(path, sink)?,
            Source::Pairs { stances, bodies } => batch.pairs(stances, bodies, sink)?,
        }
    }
    Ok(())
}

/// A record before it is checked.
enum Pending {
    Article {
        article: Article,
        line: Option<u64>,
    },
    Failed {
        id: Option<String>,
        line: Option<u64>,
        error: String,
    },
}

struct Batch<'a, T> {
    options: &'a Options,
    checkers: &'a Checkers<'a>,
    finish: &'a (dyn Fn(Record) -> T + Sync),
}

fn failed(id: Option<String>, line: Option<u64>, error: String) -> Record {
    Record {
        outcome: Outcome::Failed { id, error },
        line,
        body_id: None,
        fields: Vec::new(),
        file: None,
        headline_line: line,
    }
}

impl<T: Send> Batch<'_, T> {
    /// Checks a record read from `file`.
    fn check(&self, pending: Pending, file: &FileSettings) -> Record {
        let mut record = match pending {
            Pending::Article { article, line } => {
                let report = self
                    .checkers
                    .for_article(article.lang, file)
                    .check_article(&article, self.options.detail);
                Record {
                    outcome: Outcome::Checked(Box::new(report)),
                    line,
                    body_id: None,
                    fields: Vec::new(),
                    file: None,
                    headline_line: article.headline_line.or(line),
                }
            }
            Pending::Failed { id, line, error } => failed(id, line, error),
        };
        record.file = Some(Arc::clone(&file.file));
        record
    }

    fn article_file(&self, path: &Path) -> Record {
        match input::read_article(path, None) {
            Ok(article) => self.check(
                Pending::Article {
                    article,
                    line: None,
                },
                &self.checkers.file(path),
            ),
            Err(e) => {
                let mut record = failed(Some(path.display().to_string()), None, e.to_string());
                record.headline_line = e.line();
                record.file = Some(Arc::from(path));
                record
            }
        }
    }

    /// Whether the config (if any) has `path` checked.
    fn included(&self, path: &Path) -> bool {
        self.options
            .config
            .as_ref()
            .is_none_or(|c| c.includes(path))
    }

    /// Every article file under `dir`, sorted by path, checked a chunk of files at a time.
    fn folder<E>(
        &self,
        dir: &Path,
        sink: &mut dyn FnMut(Event<T>) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut files = Vec::new();
        let mut excluded = 0;
        // Links are followed (a loop is reported as a warning, not followed again).
        let walk = walkdir::WalkDir::new(dir)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walk {
            match entry {
                Ok(e) if e.file_type().is_file() && is_article_file(e.path()) => {
                    if self.included(e.path()) {
                        files.push(e.into_path());
                    } else {
                        excluded += 1;
                    }
                }
                Ok(_) => {}
                Err(e) => sink(Event::Warning(format!("{}: {e}", dir.display())))?,
            }
        }
        if excluded > 0 {
            sink(Event::Excluded(excluded))?;
        }
        let total = files.len() as u64;
        for (n, chunk) in files.chunks(CHUNK_FILES).enumerate() {
            let records: Vec<T> = chunk
                .par_iter()
                .map(|p| (self.finish)(self.article_file(p)))
                .collect();
            let done = (n * CHUNK_FILES + chunk.len()) as u64;
            emit(records, done, total, "files", sink)?;
        }
        Ok(())
    }

    /// JSON Lines, a chunk of lines at a time.
    fn jsonl<E>(
        &self,
        path: &Path,
        sink: &mut dyn FnMut(Event<T>) -> Result<(), E>,
    ) -> Result<(), E> {
        let (mut lines, total) = match open_lines(path) {
            Ok(x) => x,
            Err(e) => return self.fail(failed(None, None, e.to_string()), sink),
        };
        let name = path.display().to_string();
        let file = self.checkers.file(path);
        let mut io_failed = false;
        let read = move || {
            let mut chunk: Vec<(u64, Result<Vec<u8>, String>)> = Vec::new();
            let mut bytes = 0;
            while !io_failed && chunk.len() < CHUNK_RECORDS && bytes < CHUNK_BYTES {
                match lines.next_line() {
                    Ok(Some((line, text))) => {
                        bytes += text.as_ref().map_or(0, Vec::len);
                        if text
                            .as_ref()
                            .is_ok_and(|t| t.iter().all(u8::is_ascii_whitespace))
                        {
                            continue; // blank lines are no records
                        }
                        chunk.push((line, text));
                    }
                    Ok(None) => break,
                    Err(e) => {
                        chunk.push((lines.line() + 1, Err(format!("cannot read: {e}"))));
                        io_failed = true;
                    }
                }
            }
            (!chunk.is_empty()).then(|| (chunk, lines.bytes_read()))
        };
        pipelined(read, |(chunk, done)| {
            let records: Vec<T> = chunk
                .into_par_iter()
                .map(|(line, text)| {
                    let pending = match text {
                        Ok(text) => self.json_record(&name, line, &text),
                        Err(error) => Pending::Failed {
                            id: None,
                            line: Some(line),
                            error: format!("{name}:{line}: {error}"),
                        },
                    };
                    (self.finish)(self.check(pending, &file))
                })
                .collect();
            emit(records, done, total, "bytes", sink)
        })
    }

    /// A record that failed before any chunk, handed to `sink` at once.
    fn fail<E>(
        &self,
        record: Record,
        sink: &mut dyn FnMut(Event<T>) -> Result<(), E>,
    ) -> Result<(), E> {
        sink(Event::Record((self.finish)(record)))
    }

    fn json_record(&self, name: &str, line: u64, bytes: &[u8]) -> Pending {
        let fail = |id: Option<String>, msg: String| Pending::Failed {
            id,
            line: Some(line),
            error: format!("{name}:{line}: {msg}"),
        };
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                return fail(
                    None,
                    format!("invalid UTF-8 (byte {} of the line)", e.valid_up_to() + 1),
                )
            }
        };
        let value: Value = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(e) => {
                let message = e.to_string();
                let message = message.split(" at line ").next().unwrap_or_default();
                return fail(
                    None,
                    format!("invalid JSON: {message} (column {})", e.column()),
                );
            }
        };
        if !value.is_object() {
            return fail(None, "expected a JSON object".into());
        }
        let fields = &self.options.fields;
        let id = match lookup(&value, fields.id()) {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        let get = |names: &[&str]| -> Result<Option<String>, String> {
            for name in names {
                match lookup(&value, name) {
                    None | Some(Value::Null) => continue,
                    Some(Value::String(s)) => return Ok(Some(s.clone())),
                    Some(other) => {
                        return Err(format!(
                            "field `{name}`: expected a string, found {}",
                            input::json_kind(other)
                        ))
                    }
                }
            }
            Ok(None)
        };
        let headline = match get(&fields.headline()) {
            Ok(h) => h,
            Err(e) => return fail(id, e),
        };
        let body = match get(&fields.body()) {
            Ok(b) => b,
            Err(e) => return fail(id, e),
        };
        let lang = match lookup(&value, "lang").or_else(|| lookup(&value, "inLanguage")) {
            Some(Value::String(code)) => match code.parse::<Lang>() {
                Ok(l) => Some(l),
                Err(e) => return fail(id, e.to_string()),
            },
            _ => None,
        };
        let article = Article {
            id: id.clone().or_else(|| Some(format!("{name}:{line}"))),
            headline: headline.unwrap_or_default(),
            body: body.unwrap_or_default(),
            lang,
            headline_line: Some(line),
        };
        match validate(&article, &fields.headline(), &fields.body()) {
            Ok(()) => Pending::Article {
                article,
                line: Some(line),
            },
            Err(e) => fail(id, e),
        }
    }

    /// CSV with headline and body columns, a chunk of rows at a time.
    fn csv<E>(
        &self,
        path: &Path,
        sink: &mut dyn FnMut(Event<T>) -> Result<(), E>,
    ) -> Result<(), E> {
        let fields = &self.options.fields;
        let opened = CsvRows::open(path).and_then(|rows| {
            let h = rows.column(fields.headline.as_deref().unwrap_or("headline"))?;
            let b = rows.column(fields.body.as_deref().unwrap_or("body"))?;
            // The default `id` column is optional; a named one must exist.
            let id = match &fields.id {
                Some(name) => Some(rows.column(name)?),
                None => rows.column("id").ok(),
            };
            Ok((rows, h, b, id))
        });
        let (rows, h, b, id_col) = match opened {
            Ok(x) => x,
            Err(e) => return self.fail(failed(None, None, e.to_string()), sink),
        };
        let total = file_size(path);
        let name = path.display().to_string();
        let file = self.checkers.file(path);
        let (h_name, b_name) = (rows.headers()[h].clone(), rows.headers()[b].clone());
        pipelined(chunks(rows, CHUNK_RECORDS), |(chunk, done)| {
            let records: Vec<T> = chunk
                .into_par_iter()
                .map(|row| {
                    let pending = match row.fields {
                        Err(error) => Pending::Failed {
                            id: None,
                            line: Some(row.line),
                            error,
                        },
                        Ok(f) => {
                            let id = id_col.map(|i| f[i].clone()).filter(|s| !s.is_empty());
                            let article = Article {
                                id: id.clone().or_else(|| Some(format!("{name}:{}", row.line))),
                                headline: f[h].clone(),
                                body: f[b].clone(),
                                lang: None,
                                headline_line: Some(row.line),
                            };
                            match validate(&article, &[&h_name], &[&b_name]) {
                                Ok(()) => Pending::Article {
                                    article,
                                    line: Some(row.line),
                                },
                                Err(e) => Pending::Failed {
                                    id,
                                    line: Some(row.line),
                                    error: format!("{name}:{}: {e}", row.line),
                                },
                            }
                        }
                    };
                    (self.finish)(self.check(pending, &file))
                })
                .collect();
            emit(records, done, total, "bytes", sink)
        })
    }

    /// An FNC-1 pair file: every body indexed once (in parallel), then the stance rows a chunk
    /// at a time, each distinct headline tokenised once.
    ///
    /// Three things overlap: the stances file is read (and each chunk grouped by Body ID) on a
    /// thread of its own from the start, while the bodies are indexed; each chunk is checked on
    /// the pool while this thread hands the chunk before it to `sink`.
    fn pairs<E>(
        &self,
        stances: &Path,
        bodies_path: &Path,
        sink: &mut dyn FnMut(Event<T>) -> Result<(), E>,
    ) -> Result<(), E> {
        let settings = self.checkers.file(stances);
        let checker = self.checkers.for_article(None, &settings);
        let opened = CsvRows::open(stances).and_then(|rows| {
            let h = rows.column("Headline")?;
            let b = rows.column("Body ID")?;
            Ok((rows, h, b))
        });
        let (rows, h_col, b_col) = match opened {
            Ok(x) => x,
            Err(e) => return self.fail(failed(None, None, e.to_string()), sink),
        };
        // The reader thread also groups each chunk's rows by Body ID ([`by_body`]), so the pairs
        // of one body are checked one after another while its index is in the cache; the
        // records are put back in input order before they are written.
        let size = if self.options.detail == Detail::Scores {
            PAIR_CHUNK_SCORES
        } else {
            CHUNK_RECORDS
        };
        let mut read = chunks(rows, size);
        let chunks = prefetch(move || read().map(|(chunk, done)| (by_body(chunk, b_col), done)));
        let bodies = match self.load_bodies(bodies_path, &checker, sink)? {
            Some(b) => b,
            None => return Ok(()),
        };
        let total = file_size(stances);
        let mut pairs = Pairs {
            checker: &checker,
            bodies: &bodies,
            bodies_path,
            file: settings.file,
            name: stances.display().to_string(),
            columns: (h_col, b_col),
            headlines: FxHashMap::default(),
        };
        // A chunk checked, in input order, and how far into the file it ends: written while
        // the next one is checked.
        let mut pending: Option<(Placed<T>, u64)> = None;
        let checked = chunks.run(|(chunk, done)| {
            let (checked, written) = std::thread::scope(|s| {
                let pairs = &pairs;
                let checking = s.spawn(move || self.check_pairs(pairs, chunk));
                let written = pending.take().map_or(Ok(()), |(records, done)| {
                    emit(
                        records.into_iter().map(|(_, r)| r),
                        done,
                        total,
                        "bytes",
                        sink,
                    )
                });
                (checking.join(), written)
            });
            let (records, headlines) =
                checked.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            pairs.headlines.extend(headlines);
            written?;
            pending = Some((records, done));
            Ok(())
        });
        let written = match (checked, pending) {
            (Ok(()), Some((records, done))) => emit(
                records.into_iter().map(|(_, r)| r),
                done,
                total,
                "bytes",
                sink,
            ),
            (checked, _) => checked,
        };
        // The indexes are freed on all threads (a pair file's bodies are many).
        let Pairs { headlines, .. } = pairs;
        bodies.into_par_iter().for_each(drop);
        headlines.into_par_iter().for_each(drop);
        written
    }

    /// Checks one chunk of a pair file's rows (grouped by Body ID, each with its place in the
    /// chunk) on the pool: the records back in input order (with those places), and the
    /// headlines new in this chunk, prepared.
    fn check_pairs(
        &self,
        pairs: &Pairs<'_>,
        chunk: Vec<(usize, Row)>,
    ) -> (Placed<T>, Vec<(String, Headline)>) {
        let (h_col, b_col) = pairs.columns;
        let checker = pairs.checker;
        let mut new: Vec<&str> = chunk
            .iter()
            .filter_map(|(_, r)| r.fields.as_ref().ok())
            .map(|f| f[h_col].as_str())
            .filter(|h| !pairs.headlines.contains_key(*h))
            .collect();
        new.sort_unstable();
        new.dedup();
        let prepared: Vec<(String, Headline)> = new
            .par_iter()
            .map(|h| (h.to_string(), checker.prepare_headline(h.trim())))
            .collect();
        // Sorted by headline (as `new` was), so each row finds its headline by a binary search.
        let find = |headline: &str| {
            pairs.headlines.get(headline).or_else(|| {
                prepared
                    .binary_search_by(|(h, _)| h.as_str().cmp(headline))
                    .ok()
                    .map(|i| &prepared[i].1)
            })
        };
        let mut records: Placed<T> = chunk
            .into_par_iter()
            .map(|(at, row)| {
                let fields = match row.fields {
                    Ok(f) => f,
                    Err(e) => {
                        let mut record = failed(None, Some(row.line), e);
                        record.file = Some(Arc::clone(&pairs.file));
                        return (at, (self.finish)(record));
                    }
                };
                let id = [pairs.name.as_str(), ":", &row.line.to_string()].concat();
                let body_id = fields[b_col].trim().to_string();
                let headline = fields[h_col].as_str();
                let checked = match (headline_problem(headline), pairs.bodies.get(&body_id)) {
                    (Some(p), _) => Err(format!("{id}: {p}")),
                    (None, None) => Err(format!(
                        "{id}: unknown Body ID `{body_id}` (not in {})",
                        pairs.bodies_path.display()
                    )),
                    (None, Some(Err(e))) => Err(format!("{id}: {e}")),
                    (None, Some(Ok(body))) => {
                        let detail = self.options.detail;
                        Ok(match find(headline) {
                            Some(prepared) => checker.check_with(prepared, body, detail),
                            None => checker.check_with(
                                &checker.prepare_headline(headline.trim()),
                                body,
                                detail,
                            ),
                        })
                    }
                };
                let outcome = match checked {
                    Ok(mut report) => {
                        report.id = Some(id);
                        Outcome::Checked(Box::new(report))
                    }
                    Err(error) => Outcome::Failed {
                        id: Some(id),
                        error,
                    },
                };
                let record = Record {
                    outcome,
                    line: Some(row.line),
                    body_id: Some(body_id),
                    fields,
                    file: Some(Arc::clone(&pairs.file)),
                    headline_line: Some(row.line),
                };
                (at, (self.finish)(record))
            })
            .collect();
        // Back in input order.
        let mut at: Vec<usize> = records.iter().map(|&(at, _)| at).collect();
        permute(&mut records, &mut at);
        (records, prepared)
    }

    /// Reads and indexes every body of a bodies file (once each, in parallel). A bad row is a
    /// warning; headlines pointing at its body then fail as unknown. `None` when the file
    /// cannot be read at all (the error has gone to `sink` as a record).
    #[allow(clippy::type_complexity)]
    fn load_bodies<E>(
        &self,
        path: &Path,
        checker: &Checker,
        sink: &mut dyn FnMut(Event<T>) -> Result<(), E>,
    ) -> Result<Option<FxHashMap<String, Result<BodyIndex, String>>>, E> {
        let opened = CsvRows::open(path).and_then(|rows| {
            let id = rows.column("Body ID")?;
            let text = rows.column("articleBody")?;
            Ok((rows, id, text))
        });
        let (rows, id_col, text_col) = match opened {
            Ok(x) => x,
            Err(e) => {
                self.fail(failed(None, None, e.to_string()), sink)?;
                return Ok(None);
            }
        };
        let name = path.display().to_string();
        let mut indexed: FxHashMap<String, Result<BodyIndex, String>> = FxHashMap::default();
        let mut seen: FxHashMap<String, u64> = FxHashMap::default();
        // Small chunks, so indexing starts while the rest of the file is read.
        pipelined(chunks(rows, BODY_CHUNK_RECORDS), |(chunk, _)| {
            let mut texts: Vec<(String, u64, String)> = Vec::with_capacity(chunk.len());
            for row in chunk {
                match row.fields {
                    Err(e) => sink(Event::Warning(e))?,
                    Ok(mut f) => {
                        let id = f[id_col].trim().to_string();
                        if let Some(first) = seen.get(&id) {
                            sink(Event::Warning(format!(
                                "{name}:{}: Body ID `{id}` again (first on line {first}); this row is ignored",
                                row.line
                            )))?;
                            continue;
                        }
                        seen.insert(id.clone(), row.line);
                        texts.push((id, row.line, std::mem::take(&mut f[text_col])));
                    }
                }
            }
            let chunk: Vec<(String, Result<BodyIndex, String>)> = texts
                .into_par_iter()
                .map(|(id, line, text)| {
                    let index = if !text.chars().any(char::is_alphanumeric) {
                        Err(format!("empty body (Body ID `{id}`, {name}:{line})"))
                    } else if let Some(detail) = crate::input::body_too_long(&text) {
                        Err(format!(
                            "body too long: {detail} (Body ID `{id}`, {name}:{line})"
                        ))
                    } else {
                        Ok(checker.index_body(&text))
                    };
                    (id, index)
                })
                .collect();
            indexed.extend(chunk);
            Ok(())
        })?;
        Ok(Some(indexed))
    }
}

/// A chunk of pair rows grouped by Body ID (`column`), each with its place in the chunk: each
/// Body ID numbered by first use, then a counting sort on the numbers (stable: a body's rows
/// keep their order; rows that could not be read are grouped under the empty ID).
fn by_body(chunk: Vec<Row>, column: usize) -> Vec<(usize, Row)> {
    let mut numbers: FxHashMap<&str, u32> = FxHashMap::default();
    let groups: Vec<u32> = chunk
        .iter()
        .map(|row| {
            let id = row
                .fields
                .as_ref()
                .ok()
                .and_then(|f| f.get(column))
                .map_or("", |id| id.trim());
            let next = numbers.len() as u32;
            *numbers.entry(id).or_insert(next)
        })
        .collect();
    // Where each group's rows start, then the next free place in it.
    let mut place = vec![0usize; numbers.len() + 1];
    drop(numbers);
    for &g in &groups {
        place[g as usize + 1] += 1;
    }
    for g in 1..place.len() {
        place[g] += place[g - 1];
    }
    let mut dest: Vec<usize> = groups
        .iter()
        .map(|&g| {
            let at = place[g as usize];
            place[g as usize] += 1;
            at
        })
        .collect();
    let mut rows: Vec<(usize, Row)> = chunk.into_iter().enumerate().collect();
    permute(&mut rows, &mut dest);
    rows
}

/// Moves each `items[i]` to place `dest[i]` (a permutation of the places), in place: following
/// each cycle, every swap puts one item where it belongs. `dest` ends as 0, 1, 2, ….
fn permute<T>(items: &mut [T], dest: &mut [usize]) {
    for i in 0..items.len() {
        while dest[i] != i {
            let d = dest[i];
            items.swap(i, d);
            dest.swap(i, d);
        }
    }
}

/// Hands a checked chunk's records to `sink` in order, then the progress.
fn emit<T, E>(
    records: impl IntoIterator<Item = T>,
    done: u64,
    total: u64,
    unit: &'static str,
    sink: &mut dyn FnMut(Event<T>) -> Result<(), E>,
) -> Result<(), E> {
    for r in records {
        sink(Event::Record(r))?;
    }
    sink(Event::Progress { done, total, unit })
}

/// Calls `process` on each chunk `read` gives, in order, while `read` makes the next one on a
/// thread of its own (so reading overlaps checking; at most two chunks are held). When
/// `process` fails, the reader stops at its next chunk and is waited for.
fn pipelined<C: Send + 'static, E>(
    read: impl FnMut() -> Option<C> + Send + 'static,
    process: impl FnMut(C) -> Result<(), E>,
) -> Result<(), E> {
    prefetch(read).run(process)
}

/// Chunks made on a thread of their own, one ahead of their use ([`prefetch`]). Dropped before
/// its chunks are all used (an early return, a failed sink), it closes the channel and waits
/// for the reader to stop at its next chunk: no reader outlives the batch that started it.
struct Prefetched<C> {
    chunks: Option<std::sync::mpsc::Receiver<C>>,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl<C> Drop for Prefetched<C> {
    fn drop(&mut self) {
        drop(self.chunks.take());
        if let Some(reader) = self.reader.take() {
            // A reader that panicked after its consumer gave up has nothing left to report.
            let _ = reader.join();
        }
    }
}

/// Starts making the chunks `read` gives on a thread of its own: the first is made at once,
/// each next one while the one before is used. Dropped unused, the reader stops at its next
/// chunk and is waited for.
fn prefetch<C: Send + 'static>(
    mut read: impl FnMut() -> Option<C> + Send + 'static,
) -> Prefetched<C> {
    let (tx, chunks) = std::sync::mpsc::sync_channel::<C>(0);
    let reader = std::thread::spawn(move || {
        while let Some(chunk) = read() {
            if tx.send(chunk).is_err() {
                break;
            }
        }
    });
    Prefetched {
        chunks: Some(chunks),
        reader: Some(reader),
    }
}

impl<C> Prefetched<C> {
    /// Calls `process` on each chunk, in order. When `process` fails, the reader stops at its
    /// next chunk and is waited for (on drop).
    fn run<E>(mut self, mut process: impl FnMut(C) -> Result<(), E>) -> Result<(), E> {
        if let Some(chunks) = self.chunks.take() {
            for chunk in chunks.iter() {
                process(chunk)?;
            }
        }
        // The channel closed: the reader has finished, or panicked (which must not pass for
        // the end of the input).
        if let Some(Err(panic)) = self.reader.take().map(std::thread::JoinHandle::join) {
            std::panic::resume_unwind(panic);
        }
        Ok(())
    }
}

/// Records, each with its place in its chunk.
type Placed<T> = Vec<(usize, T)>;

/// What checking a pair file's chunks needs besides the rows.
struct Pairs<'a> {
    checker: &'a Checker,
    bodies: &'a FxHashMap<String, Result<BodyIndex, String>>,
    bodies_path: &'a Path,
    /// The stances file, for the records.
    file: Arc<Path>,
    /// The stances file's name, for ids and errors.
    name: String,
    /// The Headline and Body ID columns.
    columns: (usize, usize),
    /// The headlines prepared so far, by their text as written.
    headlines: FxHashMap<String, Headline>,
}

/// How many rows of a bodies file are indexed together.
const BODY_CHUNK_RECORDS: usize = 256;

/// The chunks of a CSV file (at most `records` rows each) with how far into it each ends, for
/// [`pipelined`].
fn chunks(
    mut rows: CsvRows,
    records: usize,
) -> impl FnMut() -> Option<(Vec<Row>, u64)> + Send + 'static {
    move || {
        let chunk = take_chunk(&mut rows, records);
        (!chunk.is_empty()).then(|| (chunk, rows.bytes_read()))
    }
}

/// Up to `records` rows or [`CHUNK_BYTES`] of text.
fn take_chunk(rows: &mut CsvRows, records: usize) -> Vec<Row> {
    let mut chunk = Vec::new();
    let mut bytes = 0;
    while chunk.len() < records && bytes < CHUNK_BYTES {
        match rows.next() {
            Some(row) => {
                bytes += row
                    .fields
                    .as_ref()
                    .map_or(0, |f| f.iter().map(String::len).sum());
                chunk.push(row);
            }
            None => break,
        }
    }
    chunk
}

fn open_lines(path: &Path) -> Result<(LineReader<Box<dyn BufRead + Send>>, u64), crate::Error> {
    let read_err = |source| crate::Error::Read {
        path: path.to_path_buf(),
        source,
    };
    if path == Path::new("-") {
        let stdin: Box<dyn BufRead + Send> = Box::new(std::io::BufReader::new(std::io::stdin()));
        return Ok((LineReader::new(stdin, MAX_ARTICLE_BYTES as usize), 0));
    }
    let file = std::fs::File::open(path).map_err(read_err)?;
    let meta = file.metadata().map_err(read_err)?;
    if meta.is_dir() {
        return Err(read_err(std::io::Error::other("is a directory")));
    }
    let reader: Box<dyn BufRead + Send> =
        Box::new(std::io::BufReader::with_capacity(1 << 20, file));
    Ok((
        LineReader::new(reader, MAX_ARTICLE_BYTES as usize),
        meta.len(),
    ))
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

fn is_article_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// A JSON value at a dotted path: the whole name first (a key may hold a dot), then its parts.
fn lookup<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    if let Some(v) = value.get(path) {
        return Some(v);
    }
    if !path.contains('.') {
        return None;
    }
    path.split('.').try_fold(value, |v, part| match v {
        Value::Array(items) => part.parse::<usize>().ok().and_then(|i| items.get(i)),
        _ => v.get(part),
    })
}

/// What is wrong with a headline, if anything.
fn headline_problem(headline: &str) -> Option<String> {
    if headline.trim().is_empty() {
        Some("empty headline".into())
    } else if headline.len() > MAX_HEADLINE_BYTES {
        Some(format!(
            "the headline is {} bytes long, more than {MAX_HEADLINE_BYTES}",
            headline.len()
        ))
    } else {
        None
    }
}

/// The same checks `check` makes on an article read from a file.
fn validate(
    article: &Article,
    headline_fields: &[&str],
    body_fields: &[&str],
) -> Result<(), String> {
    if let Some(p) = headline_problem(&article.headline) {
        return Err(format!("{p} (field `{}`)", headline_fields.join("`/`")));
    }
    if !article.body.chars().any(char::is_alphanumeric) {
        return Err(format!("empty body (field `{}`)", body_fields.join("`/`")));
    }
    if let Some(detail) = crate::input::body_too_long(&article.body) {
        return Err(format!(
            "body too long: {detail} (field `{}`)",
            body_fields.join("`/`")
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prefetch_dropped_unused_waits_for_its_reader() {
        // Found by the `pairs` fuzz target as a leak: a pair batch whose bodies file had no
        // header returned while its stances reader went on, on a thread of its own.
        let alive = Arc::new(());
        let held = Arc::clone(&alive);
        let mut left = 3;
        let chunks = prefetch(move || {
            let _held = &held;
            std::thread::sleep(std::time::Duration::from_millis(30));
            left -= 1;
            (left > 0).then_some(left)
        });
        drop(chunks);
        assert_eq!(Arc::strong_count(&alive), 1, "the reader still runs");
        // And one stopped early by its consumer.
        let held = Arc::clone(&alive);
        let chunks = prefetch(move || {
            let _held = &held;
            Some(1)
        });
        assert_eq!(chunks.run(|_| Err::<(), _>(())), Err(()));
        assert_eq!(Arc::strong_count(&alive), 1, "the reader still runs");
    }

    #[test]
    fn permute_moves_each_item_to_its_place() {
        let mut items = vec!['a', 'b', 'c', 'd', 'e'];
        let mut dest = vec![3, 0, 4, 1, 2];
        permute(&mut items, &mut dest);
        assert_eq!(items, vec!['b', 'd', 'e', 'a', 'c']);
        assert_eq!(dest, vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn pair_rows_are_grouped_by_body_in_first_use_order_keeping_their_order() {
        let row = |line: u64, id: Option<&str>| Row {
            line,
            fields: id
                .map(|id| vec![format!("headline {line}"), id.to_string()])
                .ok_or_else(|| format!("line {line}: bad row")),
        };
        let chunk = vec![
            row(2, Some("7")),
            row(3, Some("12")),
            row(4, None),
            row(5, Some(" 7 ")),
            row(6, Some("12")),
            row(7, Some("7")),
            row(8, None),
        ];
        let grouped: Vec<(usize, u64)> = by_body(chunk, 1)
            .into_iter()
            .map(|(at, r)| (at, r.line))
            .collect();
        assert_eq!(
            grouped,
            vec![(0, 2), (3, 5), (5, 7), (1, 3), (4, 6), (2, 4), (6, 8)]
        );
    }
}

//! The library's errors: reading and parsing inputs can fail, scoring cannot.

use std::path::PathBuf;

/// Everything that can go wrong before an article reaches the checker.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be opened or read.
    #[error("{path}: cannot read: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The file is larger than [`crate::input::MAX_ARTICLE_BYTES`].
    #[error("{path}: file is {size} bytes, more than the {limit}-byte limit for one article")]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The bytes are not UTF-8.
    #[error("{path}:{line}: invalid UTF-8 (byte offset {offset})")]
    InvalidUtf8 {
        /// The file.
        path: PathBuf,
        /// The 1-based line of the first invalid byte.
        line: usize,
        /// The byte offset of the first invalid byte.
        offset: usize,
    },
    /// No headline could be found (empty file, blank title, missing field).
    #[error("{path}{}: empty headline{}", at(*line), detail.as_deref().map(|d| format!(" ({d})")).unwrap_or_default())]
    EmptyHeadline {
        /// The file.
        path: PathBuf,
        /// The 1-based line where the headline was looked for, when there is one.
        line: Option<u64>,
        /// Where the headline was looked for.
        detail: Option<String>,
    },
    /// The body has no words.
    #[error("{path}{}: empty body{}", at(*line), detail.as_deref().map(|d| format!(" ({d})")).unwrap_or_default())]
    EmptyBody {
        /// The file.
        path: PathBuf,
        /// The 1-based line where the body was looked for, when there is one.
        line: Option<u64>,
        /// Where the body was looked for.
        detail: Option<String>,
    },
    /// The body has more words than [`crate::input::MAX_BODY_WORDS`] or more bytes than
    /// [`crate::input::MAX_BODY_BYTES`].
    #[error("{path}{}: body too long: {detail}", at(*line))]
    BodyTooLong {
        /// The file.
        path: PathBuf,
        /// The 1-based line the body starts on, when there is one.
        line: Option<u64>,
        /// Which limit, and how far over it ([`crate::input::body_too_long`]).
        detail: String,
    },
    /// A JSON file did not parse or lacked the expected fields.
    #[error("{path}:{line}:{column}: invalid JSON: {message}")]
    Json {
        /// The file.
        path: PathBuf,
        /// The 1-based line.
        line: usize,
        /// The 1-based column.
        column: usize,
        /// What the parser said.
        message: String,
    },
    /// A field had the wrong type.
    #[error("{path}: field `{field}`: {message}")]
    Field {
        /// The file.
        path: PathBuf,
        /// The field name.
        field: String,
        /// What is wrong with it.
        message: String,
    },
    /// Markdown front matter did not parse.
    #[error("{path}:{line}: invalid front matter: {message}")]
    FrontMatter {
        /// The file.
        path: PathBuf,
        /// The 1-based line in the file.
        line: usize,
        /// What the parser said.
        message: String,
    },
    /// An HTML page that cannot be read as an article.
    #[error("{path}: invalid HTML: {message}")]
    Html {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A `headcheck.toml` did not parse, has an unknown key or a bad value.
    #[error("{path}:{line}: invalid config: {message}")]
    Config {
        /// The file.
        path: PathBuf,
        /// The 1-based line of the key or value.
        line: u64,
        /// What is wrong, naming the key.
        message: String,
    },
    /// A CSV record could not be read, or a field in it is invalid.
    #[error("{path}:{line}: {message}")]
    Csv {
        /// The file.
        path: PathBuf,
        /// The 1-based line the record starts on (0 when unknown).
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// A language code no stemmer and stop-word list both cover.
    #[error(
        "unknown language `{0}` (supported: ar da de el en es fi fr hu it nl no pt ro ru sv ta tr)"
    )]
    UnknownLanguage(String),
}

impl Error {
    /// The 1-based line of the file the error is on, when it names one.
    pub fn line(&self) -> Option<u64> {
        match self {
            Error::InvalidUtf8 { line, .. } | Error::FrontMatter { line, .. } => Some(*line as u64),
            Error::Json { line, .. } => Some(*line as u64),
            Error::EmptyHeadline { line, .. }
            | Error::EmptyBody { line, .. }
            | Error::BodyTooLong { line, .. } => *line,
            Error::Config { line, .. } | Error::Csv { line, .. } => Some(*line).filter(|&l| l > 0),
            _ => None,
        }
    }

    /// The file the error is about, when it names one.
    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            Error::Read { path, .. }
            | Error::TooLarge { path, .. }
            | Error::InvalidUtf8 { path, .. }
            | Error::EmptyHeadline { path, .. }
            | Error::EmptyBody { path, .. }
            | Error::BodyTooLong { path, .. }
            | Error::Json { path, .. }
            | Error::Field { path, .. }
            | Error::FrontMatter { path, .. }
            | Error::Html { path, .. }
            | Error::Config { path, .. }
            | Error::Csv { path, .. } => Some(path),
            Error::UnknownLanguage(_) => None,
        }
    }
}

/// `:LINE` when the line is known.
fn at(line: Option<u64>) -> String {
    line.map(|l| format!(":{l}")).unwrap_or_default()
}

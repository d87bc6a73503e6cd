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
    #[error("{path}: empty headline{}", detail.as_deref().map(|d| format!(" ({d})")).unwrap_or_default())]
    EmptyHeadline {
        /// The file.
        path: PathBuf,
        /// Where the headline was looked for.
        detail: Option<String>,
    },
    /// The body has no words.
    #[error("{path}: empty body{}", detail.as_deref().map(|d| format!(" ({d})")).unwrap_or_default())]
    EmptyBody {
        /// The file.
        path: PathBuf,
        /// Where the body was looked for.
        detail: Option<String>,
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

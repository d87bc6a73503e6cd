//! Reading articles from files: plain text, JSON and Markdown with front matter.

mod html;
mod json;
mod markdown;
mod text;

pub(crate) use json::kind as json_kind;

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::article::Article;
use crate::error::Error;

/// The largest single article file read, in bytes (16 MiB; news articles are far smaller). Larger files are refused with
/// [`Error::TooLarge`] rather than exhausting memory.
pub const MAX_ARTICLE_BYTES: u64 = 16 * 1024 * 1024;

/// The longest headline accepted, in bytes: anything longer is not a headline (a text file
/// without line breaks, a field holding the body), and would only make claim extraction slow.
pub const MAX_HEADLINE_BYTES: usize = 2_000;

/// The most words an article's body may have (about 1.2 MiB of English prose; a long-read has
/// 20,000): a body's index costs memory and time with each word, so a larger one is refused
/// with [`Error::BodyTooLong`] (and a batch record with the same message) rather than checked
/// slowly. Words are counted as [`body_words_over`] counts them.
pub const MAX_BODY_WORDS: usize = 200_000;

/// The most bytes an article's body may have (4 MiB: 200,000 words of prose take about 1.2
/// MiB): a body of few but enormous "words" (an encoded blob) costs its size in segmentation
/// and copies, so it is refused as [`MAX_BODY_WORDS`] refuses many words.
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

/// Why `body` is too long to check, if it is: more than [`MAX_BODY_BYTES`] bytes or more than
/// [`MAX_BODY_WORDS`] words. The text follows "body too long: " in every error that reports it.
pub fn body_too_long(body: &str) -> Option<String> {
    if body.len() > MAX_BODY_BYTES {
        Some(format!(
            "{} bytes, more than the {MAX_BODY_BYTES}-byte limit for one article's body",
            body.len()
        ))
    } else if body_words_over(body) {
        Some(format!(
            "more than {MAX_BODY_WORDS} words, the limit for one article"
        ))
    } else {
        None
    }
}

/// `true` when `body` has more than [`MAX_BODY_WORDS`] words: runs of letters and digits,
/// with each Chinese or Japanese character a word of its own (as the tokenizer splits them).
/// One pass over the text, stopping at the limit.
pub fn body_words_over(body: &str) -> bool {
    let mut words = 0usize;
    let mut in_word = false;
    for c in body.chars() {
        if is_ideograph(c) {
            words += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            words += usize::from(!in_word);
            in_word = true;
        } else {
            in_word = false;
        }
        if words > MAX_BODY_WORDS {
            return true;
        }
    }
    false
}

/// CJK ideographs, kana and their punctuation-free neighbours that word segmentation splits
/// one character at a time.
fn is_ideograph(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// The largest front matter read, in bytes.
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

/// The formats an article file can be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Headline on the first non-empty line, body below.
    Text,
    /// A JSON object with `headline` and `body` (or schema.org `articleBody`).
    Json,
    /// Markdown with YAML (`---`) or TOML (`+++`) front matter `title`, or a first `# `
    /// heading.
    Markdown,
    /// An HTML page: headline from og:title, JSON-LD, `<h1>` or `<title>`; body by readability.
    Html,
}

impl Format {
    /// The format a file name says, falling back to sniffing the content (for stdin and
    /// unknown extensions).
    pub fn detect(path: &Path, text: &str) -> Format {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_lowercase)
        {
            Some(e) if e == "json" => Format::Json,
            Some(e) if e == "md" || e == "markdown" => Format::Markdown,
            Some(e) if e == "html" || e == "htm" => Format::Html,
            Some(e) if e == "txt" || e == "text" => Format::Text,
            _ => {
                let t = text.trim_start();
                let head = t.get(..15).unwrap_or(t).to_ascii_lowercase();
                if t.starts_with('{') {
                    Format::Json
                } else if head.starts_with("<!doctype html") || head.starts_with("<html") {
                    Format::Html
                } else if ["---\n", "---\r\n", "+++\n", "+++\r\n", "# "]
                    .iter()
                    .any(|p| t.starts_with(p))
                {
                    Format::Markdown
                } else {
                    Format::Text
                }
            }
        }
    }
}

/// Reads an article from `path` (`-` is standard input). With `headline`, the whole text is
/// the body and `headline` the headline.
pub fn read_article(path: &Path, headline: Option<&str>) -> Result<Article, Error> {
    let bytes = read_bytes(path)?;
    parse_article(path, &bytes, headline)
}

/// Reads a file (or standard input for `-`) whole, refusing files over the size limit.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, Error> {
    let read_err = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let too_large = |size| Error::TooLarge {
        path: path.to_path_buf(),
        size,
        limit: MAX_ARTICLE_BYTES,
    };
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        std::io::stdin()
            .lock()
            .take(MAX_ARTICLE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(read_err)?;
        if bytes.len() as u64 > MAX_ARTICLE_BYTES {
            return Err(too_large(bytes.len() as u64));
        }
        return Ok(bytes);
    }
    let file = std::fs::File::open(path).map_err(read_err)?;
    let meta = file.metadata().map_err(read_err)?;
    if meta.is_dir() {
        return Err(read_err(std::io::Error::other("is a directory")));
    }
    if meta.len() > MAX_ARTICLE_BYTES {
        return Err(too_large(meta.len()));
    }
    // Read into one allocation of the file's size (the limit hides the size from
    // `read_to_end`, which would double its way up to it).
    bytes.reserve_exact(meta.len() as usize + 1);
    file.take(MAX_ARTICLE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_err)?;
    if bytes.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Parses an article from bytes read from `path`.
pub fn parse_article(path: &Path, bytes: &[u8], headline: Option<&str>) -> Result<Article, Error> {
    let text = decode(path, bytes)?;
    let mut article = match (Format::detect(path, text), headline) {
        // A plain-text file given a headline is all body.
        (Format::Text, Some(h)) => Article::new(h.trim(), text),
        (Format::Text, None) => text::parse(path, text)?,
        // JSON and Markdown keep their own body (and id, language); only the headline changes.
        (format, h) => {
            let mut article = match format {
                Format::Json => json::parse(path, text, h.is_some())?,
                Format::Html => html::parse(path, text, h.is_some())?,
                _ => markdown::parse(path, text, h.is_some())?,
            };
            if let Some(h) = h {
                article.headline = h.trim().to_string();
            }
            article
        }
    };
    if article.headline.trim().is_empty() {
        return Err(Error::EmptyHeadline {
            path: path.to_path_buf(),
            line: article.headline_line,
            detail: None,
        });
    }
    if article.headline.len() > MAX_HEADLINE_BYTES {
        return Err(Error::EmptyHeadline {
            path: path.to_path_buf(),
            line: article.headline_line,
            detail: Some(format!(
                "the headline is {} bytes long, more than {MAX_HEADLINE_BYTES}: is the first line the whole article?",
                article.headline.len()
            )),
        });
    }
    if !article.body.chars().any(char::is_alphanumeric) {
        return Err(Error::EmptyBody {
            path: path.to_path_buf(),
            line: None,
            detail: None,
        });
    }
    if let Some(detail) = body_too_long(&article.body) {
        return Err(Error::BodyTooLong {
            path: path.to_path_buf(),
            line: None,
            detail,
        });
    }
    if article.id.is_none() && path != Path::new("-") {
        article.id = Some(path.display().to_string());
    }
    Ok(article)
}

/// The 1-based line of `text` that byte `at` is on.
pub(crate) fn line_of(text: &str, at: usize) -> u64 {
    let at = at.min(text.len());
    memchr::memchr_iter(b'\n', &text.as_bytes()[..at]).count() as u64 + 1
}

/// UTF-8 text without a byte-order mark, or an error naming the line of the first bad byte.
fn decode<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str, Error> {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(text).map_err(|e| {
        let offset = e.valid_up_to();
        Error::InvalidUtf8 {
            path: PathBuf::from(path),
            line: text[..offset].iter().filter(|&&b| b == b'\n').count() + 1,
            // In the file, byte-order mark included.
            offset: offset + (bytes.len() - text.len()),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(name: &str, text: &[u8]) -> Result<Article, Error> {
        parse_article(Path::new(name), text, None)
    }

    #[test]
    fn invalid_utf8_names_the_line() {
        let err = parse("a.txt", b"Headline\n\nBody ok\nbad \xff here\n").unwrap_err();
        assert_eq!(err.to_string(), "a.txt:4: invalid UTF-8 (byte offset 22)");
    }

    #[test]
    fn empty_inputs_are_errors() {
        assert!(matches!(
            parse("a.txt", b""),
            Err(Error::EmptyHeadline { .. })
        ));
        assert!(matches!(
            parse("a.txt", b"\n\n  \n"),
            Err(Error::EmptyHeadline { .. })
        ));
        assert!(matches!(
            parse("a.txt", b"Only a headline\n\n"),
            Err(Error::EmptyBody { .. })
        ));
        let err = parse_article(Path::new("b.txt"), b"Body", Some("  ")).unwrap_err();
        assert!(matches!(err, Error::EmptyHeadline { .. }));
    }

    #[test]
    fn overlong_headlines_and_front_matter_are_errors() {
        let long = format!("{}\n\nBody.", "word ".repeat(1000));
        let e = parse("a.txt", long.as_bytes()).unwrap_err().to_string();
        assert!(e.contains("more than 2000"), "{e}");
        let fm = format!("---\ntitle: {}\n---\nBody.", "[".repeat(100_000));
        let e = parse("a.md", fm.as_bytes()).unwrap_err().to_string();
        assert!(
            e.contains("a.md:1: invalid front matter") && e.contains("longer than"),
            "{e}"
        );
    }

    #[test]
    fn headline_override_takes_the_whole_file_as_body() {
        let a = parse_article(Path::new("-"), b"Line one.\nLine two.", Some("Head")).unwrap();
        assert_eq!(a.headline, "Head");
        assert_eq!(a.body, "Line one.\nLine two.");
        assert_eq!(a.id, None);
    }

    #[test]
    fn bom_is_ignored_and_formats_sniffed() {
        let a = parse("-", b"\xEF\xBB\xBFTitle here\nBody here.").unwrap();
        assert_eq!(a.headline, "Title here");
        let a = parse("-", br#"{"headline": "H", "body": "B b."}"#).unwrap();
        assert_eq!(a.headline, "H");
    }

    #[test]
    fn headline_override_keeps_a_structured_body() {
        let md = b"---\ntitle: Old\nlang: de\n---\nDer Text.\n";
        let a = parse_article(Path::new("a.md"), md, Some("Neu")).unwrap();
        assert_eq!((a.headline.as_str(), a.body.as_str()), ("Neu", "Der Text."));
        assert_eq!(a.lang, Some(crate::Lang::De));
        let js = br#"{"body": "Only body."}"#;
        let a = parse_article(Path::new("a.json"), js, Some("New")).unwrap();
        assert_eq!(
            (a.headline.as_str(), a.body.as_str()),
            ("New", "Only body.")
        );
        let a = parse("-", b"\n# Heading here\n\nBody text.").unwrap();
        assert_eq!(a.headline, "Heading here");
    }

    #[test]
    fn a_body_over_the_word_limit_is_refused() {
        let words = |n: usize| "word ".repeat(n);
        assert!(!body_words_over(&words(MAX_BODY_WORDS)));
        assert!(body_words_over(&words(MAX_BODY_WORDS + 1)));
        // Punctuation and spaces do not count; each Chinese character does.
        assert!(!body_words_over(&"—, ".repeat(3 * MAX_BODY_WORDS)));
        assert!(body_words_over(&"東".repeat(MAX_BODY_WORDS + 1)));
        assert!(!body_words_over(&"don't-stop ".repeat(MAX_BODY_WORDS / 4)));
        let text = format!("Ferry opens\n{}", words(MAX_BODY_WORDS + 1));
        let e = parse("a.txt", text.as_bytes()).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "a.txt: body too long: more than {MAX_BODY_WORDS} words, the limit for one article"
            )
        );
        let fine = format!("Ferry opens\n{}", words(MAX_BODY_WORDS));
        assert!(parse("a.txt", fine.as_bytes()).is_ok());
        // Few words, but more bytes than a body may have.
        let blob = format!(
            "Ferry opens\nThe ferry opens. {}",
            "x".repeat(MAX_BODY_BYTES)
        );
        let e = parse("a.txt", blob.as_bytes()).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "a.txt: body too long: {} bytes, more than the {MAX_BODY_BYTES}-byte limit for one article's body",
                MAX_BODY_BYTES + 17
            )
        );
    }

    #[test]
    fn missing_file_is_a_read_error() {
        let err = read_article(Path::new("/no/such/file.txt"), None).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("/no/such/file.txt: cannot read"),
            "{err}"
        );
    }
}

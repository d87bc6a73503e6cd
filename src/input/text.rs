//! Plain text: the first non-empty line is the headline, the rest is the body.

use std::path::Path;

use crate::article::Article;
use crate::error::Error;

pub(super) fn parse(path: &Path, text: &str) -> Result<Article, Error> {
    let mut pos = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        pos += line.len();
        let headline = line.trim();
        if !headline.is_empty() {
            let mut article = Article::new(headline, &text[pos..]);
            article.headline_line = Some(n as u64 + 1);
            return Ok(article);
        }
    }
    Err(Error::EmptyHeadline {
        path: path.to_path_buf(),
        line: None,
        detail: Some("no non-empty line".into()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_non_empty_line_is_the_headline() {
        let a = parse(Path::new("x"), "\n  Head line \r\nBody one.\n\nBody two.").unwrap();
        assert_eq!(a.headline, "Head line");
        assert_eq!(a.headline_line, Some(2));
        assert_eq!(a.body, "Body one.\n\nBody two.");
    }
}

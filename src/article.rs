//! An article: a headline and a body, with an optional id and declared language.

use crate::lang::Lang;

/// One article to check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    /// Where it came from (a file name or a record id), if anywhere.
    pub id: Option<String>,
    /// The headline.
    pub headline: String,
    /// The body text.
    pub body: String,
    /// The language the article declares for itself (JSON `lang` / `inLanguage`, front matter
    /// `lang`), if any.
    pub lang: Option<Lang>,
    /// The 1-based line of the source file the headline was read from (a front matter `title`,
    /// an HTML `og:title`, a first line), when known: where CI findings point.
    pub headline_line: Option<u64>,
}

impl Article {
    /// An article from a headline and a body.
    pub fn new(headline: impl Into<String>, body: impl Into<String>) -> Self {
        Article {
            id: None,
            headline: headline.into(),
            body: body.into(),
            lang: None,
            headline_line: None,
        }
    }
}

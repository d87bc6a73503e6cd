//! HTML pages as a CMS renders them. The headline is the page's `og:title`, else a JSON-LD
//! `headline`, else its first `<h1>`, else its `<title>` without a ` | Site` suffix. The body is
//! the article text that a readability extraction (dom_smoothie, after Mozilla's Readability)
//! finds, without navigation, adverts, related links and footers.

use std::path::Path;

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};
use serde_json::Value;

use crate::article::Article;
use crate::error::Error;

/// With `headline_given`, a page without a headline is fine.
pub(super) fn parse(path: &Path, text: &str, headline_given: bool) -> Result<Article, Error> {
    let doc = Document::from(text);
    let headline = headline(&doc, text);
    let lang = doc.select("html").attr("lang").and_then(|l| {
        l.split(['-', '_'])
            .next()?
            .to_ascii_lowercase()
            .parse()
            .ok()
    });
    let body_line = find_ci(text, "<body").map_or(1, |at| super::line_of(text, at));
    let config = Config {
        text_mode: TextMode::Formatted,
        // Readable when some paragraph is longer than `readable_min_content_length` (140)
        // characters: readability.js also asks for a score of 20, which a short news brief
        // does not reach.
        readable_min_score: 0.0,
        ..Config::default()
    };
    let body = Readability::with_document(doc, None, Some(config))
        .ok()
        .filter(Readability::is_probably_readable)
        .and_then(|mut r| r.parse().ok())
        .map(|a| a.text_content.to_string())
        .unwrap_or_default();
    if !body.chars().any(char::is_alphanumeric) {
        return Err(Error::EmptyBody {
            path: path.to_path_buf(),
            line: Some(body_line),
            detail: Some(
                "no article text in the page: no paragraph of more than 140 characters".into(),
            ),
        });
    }
    let (headline, headline_line) = match headline {
        Some((h, line)) => (h, Some(line)),
        None if headline_given => (String::new(), None),
        None => {
            return Err(Error::EmptyHeadline {
                path: path.to_path_buf(),
                line: Some(1),
                detail: Some("no og:title, JSON-LD `headline`, `<h1>` or `<title>`".into()),
            })
        }
    };
    Ok(Article {
        id: None,
        headline,
        body: tidy(&body),
        lang,
        headline_line,
    })
}

/// The headline and the 1-based line it is on: og:title, JSON-LD `headline`, the first
/// `<h1>`, or `<title>` less a ` | Site` suffix, the first that is not empty.
fn headline(doc: &Document, text: &str) -> Option<(String, u64)> {
    let line = |needle: &str| find_ci(text, needle).map_or(1, |at| super::line_of(text, at));
    let og = doc
        .select(r#"meta[property="og:title"], meta[name="og:title"]"#)
        .attr("content")
        .map(|c| squeeze(&c));
    if let Some(og) = og.filter(|t| !t.is_empty()) {
        return Some((og, line("og:title")));
    }
    for script in doc.select(r#"script[type="application/ld+json"]"#).iter() {
        let found = serde_json::from_str::<Value>(&script.text())
            .ok()
            .and_then(|v| json_ld_headline(&v));
        if let Some(h) = found.map(|h| squeeze(&h)).filter(|h| !h.is_empty()) {
            return Some((h, line("\"headline\"")));
        }
    }
    let h1 = squeeze(&doc.select("h1").first().text());
    if !h1.is_empty() {
        return Some((h1, line("<h1")));
    }
    let title = squeeze(&doc.select("title").first().text());
    let title = match title.rsplit_once(" | ") {
        Some((head, _site)) if !head.trim().is_empty() => head.trim().to_string(),
        _ => title,
    };
    (!title.is_empty()).then(|| (title, line("<title")))
}

/// The `headline` of a JSON-LD object, an array of them, or an `@graph`.
fn json_ld_headline(v: &Value) -> Option<String> {
    match v {
        Value::Array(items) => items.iter().find_map(json_ld_headline),
        Value::Object(obj) => match obj.get("headline") {
            Some(Value::String(h)) => Some(h.clone()),
            _ => obj.get("@graph").and_then(json_ld_headline),
        },
        _ => None,
    }
}

/// Whitespace runs as single spaces, trimmed.
fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The extracted text with each line's whitespace squeezed and blank-line runs as one
/// paragraph break.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines() {
        let line = squeeze(line);
        if line.is_empty() {
            blank = true;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        out.push_str(&line);
        blank = false;
    }
    out
}

/// Where `needle` (ASCII) first occurs in `text`, ignoring ASCII case.
fn find_ci(text: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (text.as_bytes(), needle.as_bytes());
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en-GB">
<head>
<title>Mayor opens the new river ferry | The Gazette</title>
{META}
</head>
<body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav>
<div class="ad">Win a cruise with Sunseeker Holidays today</div>
<article>
{H1}
<p>The mayor opened the new river ferry on Monday morning, cutting a ribbon at the north pier
while a brass band played. The ferry links the two halves of the city for the first time since
the old bridge closed for repairs three years ago.</p>
<p>Officials said the ferry would carry up to four hundred passengers an hour at peak times and
run every fifteen minutes from six in the morning until midnight, every day of the week.</p>
<p>Residents on both banks welcomed the service. Several said the long detour through the
industrial estate had added half an hour to their daily journeys to work and school.</p>
</article>
<footer>Copyright The Gazette. Contact us. Follow us on social media.</footer>
</body>
</html>"#;

    fn page(meta: &str, h1: &str) -> String {
        PAGE.replace("{META}", meta).replace("{H1}", h1)
    }

    fn parse_html(text: &str) -> Result<Article, Error> {
        parse(Path::new("p.html"), text, false)
    }

    #[test]
    fn headline_sources_in_order() {
        let og = r#"<meta property="og:title" content="Mayor opens river ferry">"#;
        let ld = r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","headline":"Ferry opens, says mayor"}]}</script>"#;
        let h1 = "<h1>A ferry for the city</h1>";
        let a = parse_html(&page(&format!("{ld}\n{og}"), h1)).unwrap();
        assert_eq!(
            (a.headline.as_str(), a.headline_line),
            ("Mayor opens river ferry", Some(6))
        );
        let a = parse_html(&page(ld, h1)).unwrap();
        assert_eq!(
            (a.headline.as_str(), a.headline_line),
            ("Ferry opens, says mayor", Some(5))
        );
        let a = parse_html(&page("", h1)).unwrap();
        assert_eq!(
            (a.headline.as_str(), a.headline_line),
            ("A ferry for the city", Some(11))
        );
        let a = parse_html(&page("", "")).unwrap();
        assert_eq!(
            (a.headline.as_str(), a.headline_line),
            ("Mayor opens the new river ferry", Some(4))
        );
        assert_eq!(a.lang, Some(crate::Lang::En));
    }

    #[test]
    fn body_is_the_article_without_navigation_adverts_or_footer() {
        let a = parse_html(&page("", "")).unwrap();
        assert!(a.body.starts_with("The mayor opened"), "{}", a.body);
        assert!(a.body.contains("\n\nOfficials said"), "{}", a.body);
        for junk in ["Sport", "Sunseeker", "Copyright", "Follow us"] {
            assert!(!a.body.contains(junk), "{junk} in {}", a.body);
        }
    }

    #[test]
    fn a_page_without_article_text_or_headline_is_an_error() {
        let e = parse_html(
            "<html>\n<head><title>Tide tables</title></head>\n<body>\n<nav><a href=\"/\">Home</a></nav>\n</body></html>",
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "p.html:3: empty body (no article text in the page: no paragraph of more than 140 characters)"
        );
        let e = parse_html(&page("", "").replace(
            "<title>Mayor opens the new river ferry | The Gazette</title>",
            "",
        ))
        .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("p.html:1: empty headline (no og:title"),
            "{e}"
        );
    }
}

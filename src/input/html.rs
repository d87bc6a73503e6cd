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

/// Page parts that are never the article: navigation, asides (related stories), footers,
/// forms and dialogs, adverts and cookie notices by their usual roles, classes and ids.
const NOT_ARTICLE: &str = "nav, aside, footer, form, dialog, noscript, template, \
    [role=\"navigation\"], [role=\"complementary\"], [role=\"contentinfo\"], [role=\"dialog\"], \
    [role=\"banner\"], [aria-label=\"Advertisement\"], [aria-label=\"advertisement\"], \
    [class~=\"ad\"], [class~=\"ads\"], [class~=\"advert\"], [class~=\"advertisement\"], \
    [class~=\"sponsored\"], [class*=\"cookie\"], [id*=\"cookie\"], [class~=\"newsletter\"], \
    [class~=\"share\"], [class~=\"social\"]";

/// How much text a page whose paragraphs are all short (none over 140 characters) needs for its
/// text to be taken as an article, in characters.
pub const MIN_SHORT_PARAGRAPH_TEXT: usize = 500;

/// The deepest element nesting read: real pages stay far below it, while readability's cost
/// grows with depth × elements, so a page nested thousands deep would stall a run.
pub const MAX_DEPTH: usize = 256;

/// The most elements (start tags, scripts and styles among them) a page or a Markdown file's
/// raw HTML may have: a news page has a few thousand, and the parsed tree and readability cost
/// memory and time with each one, so a page of millions of empty elements is refused from a
/// scan of its tags, before it is parsed.
pub const MAX_ELEMENTS: usize = 100_000;

/// With `headline_given`, a page without a headline is fine.
pub(super) fn parse(path: &Path, text: &str, headline_given: bool) -> Result<Article, Error> {
    // The HTML parser itself slows down with depth, so a page far too deep is refused from a
    // scan of its tags before it is parsed; the parsed tree is then measured exactly.
    check_tags(path, text, 4 * MAX_DEPTH)?;
    // Site generators (Hugo) keep HTML content files with front matter too: its title and
    // language come first.
    let (front, start) = super::markdown::front_matter(path, text)?;
    let doc = Document::from(&text[start..]);
    if let Some(depth) = deeper_than(&doc, MAX_DEPTH) {
        return Err(too_deep(path, depth));
    }
    let headline = front.title.or_else(|| headline(&doc, text));
    let lang = match front.lang {
        Some(l) => Some(l),
        None => page_lang(path, &doc)?,
    };
    let body_line = find_ci(text, "<body").map_or(1, |at| super::line_of(text, at));
    // What is plainly not the article goes before readability looks for it: readability
    // scores text blocks, and an advert or a cookie notice next to the article can join it.
    doc.select(NOT_ARTICLE).remove();
    let config = Config {
        text_mode: TextMode::Formatted,
        // Readable when some paragraph is longer than `readable_min_content_length` (140)
        // characters: readability.js also asks for a score of 20, which a short news brief
        // does not reach.
        readable_min_score: 0.0,
        ..Config::default()
    };
    let (readable, body) = match Readability::with_document(doc, None, Some(config)) {
        Ok(mut r) => (
            r.is_probably_readable(),
            r.parse().map(|a| tidy(&a.text_content)).unwrap_or_default(),
        ),
        Err(_) => (false, String::new()),
    };
    // A page with a long paragraph is an article page; one without is taken only when the
    // extracted text is long enough not to be a menu or a footer.
    if !readable && body.chars().count() < MIN_SHORT_PARAGRAPH_TEXT {
        return Err(Error::EmptyBody {
            path: path.to_path_buf(),
            line: Some(body_line),
            detail: Some(format!(
                "no article text in the page: no paragraph of more than 140 characters, and {} characters of text in all",
                body.chars().count()
            )),
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
        body,
        lang,
        headline_line,
    })
}

/// The language `<html lang>` declares: `None` when it declares none (or "und", "mul",
/// "zxx", a private `x-` tag), an error naming it when headcheck does not support it.
fn page_lang(path: &Path, doc: &Document) -> Result<Option<crate::Lang>, Error> {
    let Some(tag) = doc.select("html").attr("lang") else {
        return Ok(None);
    };
    let primary = tag
        .trim()
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    if primary.is_empty() || ["und", "mul", "zxx", "x", "i"].contains(&primary.as_str()) {
        return Ok(None);
    }
    primary.parse().map(Some).map_err(|e: Error| Error::Html {
        path: path.to_path_buf(),
        message: format!("<html lang=\"{}\">: {e}", tag.trim()),
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

/// Elements whose end tag may be left out (the parser closes them) or that have none: not
/// counted in depth by [`scan_tags`].
const SELF_CLOSING: [&str; 30] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead",
    "tfoot", "colgroup", "rb", "rt", "rp", "param",
];

/// An error when `text`'s tags run more than `depth_limit` deep or number more than
/// [`MAX_ELEMENTS`] (see [`scan_tags`]).
pub(super) fn check_tags(path: &Path, text: &str, depth_limit: usize) -> Result<(), Error> {
    match scan_tags(text, depth_limit) {
        Some(TagsBeyond::Depth(depth)) => Err(too_deep(path, depth)),
        Some(TagsBeyond::Elements) => Err(Error::Html {
            path: path.to_path_buf(),
            message: format!(
                "more than {MAX_ELEMENTS} elements, the most read: not an article page"
            ),
        }),
        None => Ok(()),
    }
}

/// The error for a page nested `depth` deep.
fn too_deep(path: &Path, depth: usize) -> Error {
    Error::Html {
        path: path.to_path_buf(),
        message: format!(
            "elements nested {depth} deep or more, beyond the {MAX_DEPTH} read: not an article page"
        ),
    }
}

/// Which limit a tag scan passed.
#[derive(Debug, PartialEq)]
enum TagsBeyond {
    /// Nested this deep.
    Depth(usize),
    /// More than [`MAX_ELEMENTS`] elements.
    Elements,
}

/// Where the start tags of `text` (less end tags; comments, scripts and styles skipped) run
/// more than `limit` deep, or number more than [`MAX_ELEMENTS`]: a scan that needs no parse,
/// linear in the text (each byte is looked at a bounded number of times).
fn scan_tags(text: &str, limit: usize) -> Option<TagsBeyond> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut elements = 0usize;
    let mut at = 0;
    while let Some(lt) = memchr::memchr(b'<', &bytes[at..]) {
        at += lt + 1;
        let rest = &bytes[at..];
        if rest.starts_with(b"!--") {
            at += memchr::memmem::find(rest, b"-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = usize::from(closing);
        let name_len = rest[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            continue;
        }
        if !closing {
            elements += 1;
            if elements > MAX_ELEMENTS {
                return Some(TagsBeyond::Elements);
            }
        }
        let name = rest[name_start..name_start + name_len].to_ascii_lowercase();
        if SELF_CLOSING.iter().any(|v| v.as_bytes() == name.as_slice()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        let tag_end = memchr::memchr(b'>', rest).map_or(rest.len(), |e| e + 1);
        if rest[..tag_end].ends_with(b"/>") {
            continue;
        }
        if name == b"script" || name == b"style" {
            let end: &[u8] = if name == b"script" {
                b"</script"
            } else {
                b"</style"
            };
            at += find_ci_bytes(rest, end).unwrap_or(rest.len());
            continue;
        }
        depth += 1;
        if depth > limit {
            return Some(TagsBeyond::Depth(depth));
        }
    }
    None
}

/// The text of an HTML fragment (a raw HTML block in Markdown), without scripts and styles.
pub(super) fn fragment_text(html: &str) -> String {
    if scan_tags(html, MAX_DEPTH).is_some() {
        return String::new();
    }
    let doc = Document::fragment(html);
    doc.select("script, style, noscript, template").remove();
    squeeze(&doc.root().text())
}

/// `Some(depth)` when some node of `doc` is nested more than `limit` deep.
fn deeper_than(doc: &Document, limit: usize) -> Option<usize> {
    let mut stack = vec![(doc.root(), 0usize)];
    while let Some((node, depth)) = stack.pop() {
        if depth > limit {
            return Some(depth);
        }
        let mut child = node.first_child();
        while let Some(c) = child {
            child = c.next_sibling();
            stack.push((c, depth + 1));
        }
    }
    None
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
    find_ci_bytes(text.as_bytes(), needle.as_bytes())
}

/// Where `needle` (ASCII, not empty) first occurs in `hay`, ignoring ASCII case: a scan for
/// its first byte in either case, so linear in `hay` and allocation-free.
fn find_ci_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let mut at = 0;
    while let Some(i) = memchr::memchr2(
        first.to_ascii_lowercase(),
        first.to_ascii_uppercase(),
        &hay[at..],
    ) {
        let start = at + i;
        let candidate = hay.get(start + 1..start + needle.len())?;
        if candidate.eq_ignore_ascii_case(rest) {
            return Some(start);
        }
        at = start + 1;
    }
    None
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
    fn front_matter_and_declared_language() {
        let page = page("", "<h1>A ferry for the city</h1>");
        let with_front =
            format!("---\ndate: 2026-01-01\ntitle: From the front matter\n---\n{page}");
        let a = parse_html(&with_front).unwrap();
        assert_eq!(
            (a.headline.as_str(), a.headline_line),
            ("From the front matter", Some(3))
        );
        // The page's own heading is page text when the headline is another.
        assert!(
            a.body
                .starts_with("A ferry for the city\n\nThe mayor opened"),
            "{}",
            a.body
        );
        let a = parse_html(&format!("+++\nlang = \"en\"\n+++\n{page}")).unwrap();
        assert_eq!(
            (a.headline.as_str(), a.headline_line),
            ("A ferry for the city", Some(14))
        );
        let e = parse_html(&page.replace("en-GB", "pl")).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("p.html: invalid HTML: <html lang=\"pl\">: unknown language `pl`"),
            "{e}"
        );
        let a = parse_html(&page.replace("en-GB", "und")).unwrap();
        assert_eq!(a.lang, None);
    }

    #[test]
    fn short_paragraphs_make_an_article_when_there_are_enough() {
        let para = "<p>The ferry now runs every hour from the north pier to the island.</p>\n";
        let page = |n: usize| {
            format!(
                "<html><head><title>Ferry runs hourly | Gazette</title></head><body><div>{}</div>\
                 <footer>Contact us</footer></body></html>",
                para.repeat(n)
            )
        };
        let a = parse_html(&page(12)).unwrap();
        assert!(a.body.matches("north pier").count() >= 10, "{}", a.body);
        let e = parse_html(&page(2)).unwrap_err();
        assert!(
            e.to_string().contains("no paragraph of more than 140"),
            "{e}"
        );
    }

    #[test]
    fn a_page_nested_too_deep_is_refused_at_once() {
        let deep = format!(
            "<html><body>{}<p>{}</p></body></html>",
            "<div>".repeat(100_000),
            "word ".repeat(100)
        );
        let e = parse_html(&deep).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("p.html: invalid HTML: elements nested"),
            "{e}"
        );
        let fine = format!(
            "<html><body><h1>Ferry opens</h1>{}<p>{}</p></body></html>",
            "<div>".repeat(200),
            "The ferry opens on Monday with four crossings a day. ".repeat(5)
        );
        assert_eq!(parse_html(&fine).unwrap().headline, "Ferry opens");
    }

    #[test]
    fn a_page_of_too_many_elements_is_refused_from_the_scan() {
        let page = |n: usize| {
            format!(
                "<html><head><title>Ferry opens</title></head><body><p>{}</p>{}</body></html>",
                "The ferry opens on Monday with four crossings a day. ".repeat(5),
                "<script></script>".repeat(n)
            )
        };
        // <html>, <head>, <title>, <body> and <p> are five of them.
        let e = parse_html(&page(MAX_ELEMENTS - 4)).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("p.html: invalid HTML: more than {MAX_ELEMENTS} elements, the most read: not an article page")
        );
        assert_eq!(
            parse_html(&page(MAX_ELEMENTS - 5)).unwrap().headline,
            "Ferry opens"
        );
    }

    #[test]
    fn case_blind_search_finds_the_first_match_or_none() {
        assert_eq!(
            find_ci_bytes(b"<p></SCRIPT></script>", b"</script"),
            Some(3)
        );
        assert_eq!(find_ci_bytes(b"</scrip", b"</script"), None);
        assert_eq!(find_ci_bytes(b"<<</ScRiPt", b"</script"), Some(2));
        assert_eq!(find_ci_bytes(b"abc", b""), None);
        // An unclosed script hides the rest of the page from the depth count.
        assert_eq!(scan_tags("<script><div><div><div>", 2), None);
        assert_eq!(
            scan_tags("<SCRIPT></Script ><div><div><div>", 2),
            Some(TagsBeyond::Depth(3))
        );
    }

    #[test]
    fn a_page_without_article_text_or_headline_is_an_error() {
        let e = parse_html(
            "<html>\n<head><title>Tide tables</title></head>\n<body>\n<nav><a href=\"/\">Home</a></nav>\n</body></html>",
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "p.html:3: empty body (no article text in the page: no paragraph of more than 140 characters, and 0 characters of text in all)"
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

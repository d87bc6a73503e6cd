//! Markdown as static-site generators keep it (Hugo, Jekyll, Astro): YAML front matter between
//! `---` lines or TOML front matter between `+++` lines, with `title` (or `headline`) and
//! optionally `lang`; without a title, a first `# ` heading. The body is the Markdown after the
//! front matter (without that heading) with its syntax stripped: links keep their text, code
//! blocks, images and raw HTML are dropped, block ends become paragraph breaks.

use std::path::Path;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::article::Article;
use crate::error::Error;
use crate::lang::Lang;

/// The front matter's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dialect {
    Yaml,
    Toml,
}

impl Dialect {
    fn fence(self) -> &'static str {
        match self {
            Dialect::Yaml => "---",
            Dialect::Toml => "+++",
        }
    }
}

/// A file's front matter: its text, its dialect, and where the Markdown after it starts.
struct Front<'a> {
    text: &'a str,
    dialect: Dialect,
    body_start: usize,
}

/// What the front matter says.
#[derive(Default)]
pub(super) struct Meta {
    /// The title and the 1-based line of the file it is on.
    pub title: Option<(String, u64)>,
    /// The declared language.
    pub lang: Option<Lang>,
    /// The front matter's dialect, when there is front matter.
    dialect: Option<Dialect>,
}

/// With `headline_given`, a missing title is fine.
pub(super) fn parse(path: &Path, text: &str, headline_given: bool) -> Result<Article, Error> {
    // Raw HTML is read as a page is: the same bound on its elements, from one scan of the file
    // (each block's depth is bounded where its text is taken).
    super::html::check_tags(path, text, usize::MAX)?;
    let (meta, body_start) = front_matter(path, text)?;
    let rest = &text[body_start..];
    let first_line = line_at(text, body_start);
    let (headline, headline_line, body) = match meta.title {
        Some((t, line)) => (t, Some(line), strip(rest)),
        None if headline_given => (String::new(), None, strip(rest)),
        None => match first_heading(rest) {
            Some((h, at, after)) => (
                h,
                Some(first_line + line_at(rest, at) - 1),
                strip(&rest[after..]),
            ),
            None => {
                return Err(Error::EmptyHeadline {
                    path: path.to_path_buf(),
                    line: Some(if meta.dialect.is_some() { 1 } else { first_line }),
                    detail: Some(match meta.dialect {
                        Some(d) => format!(
                            "the {} front matter has no `title` or `headline`, and there is no `# ` heading",
                            match d {
                                Dialect::Yaml => "YAML",
                                Dialect::Toml => "TOML",
                            }
                        ),
                        None => "no front matter `title` and no `# ` heading".into(),
                    }),
                })
            }
        },
    };
    Ok(Article {
        id: None,
        headline: headline.trim().to_string(),
        body,
        lang: meta.lang,
        headline_line,
    })
}

/// What a file's front matter (YAML or TOML, if it opens with one) says, and where the text
/// after it starts.
pub(super) fn front_matter(path: &Path, text: &str) -> Result<(Meta, usize), Error> {
    let front_err = |line: u64, message: String| Error::FrontMatter {
        path: path.to_path_buf(),
        line: line as usize,
        message,
    };
    let front = split_front_matter(text).map_err(|fence| {
        front_err(
            1,
            format!("front matter opened here is never closed with `{fence}`"),
        )
    })?;
    let meta = match &front {
        Some(f) if f.text.len() > super::MAX_FRONT_MATTER_BYTES => {
            return Err(front_err(
                1,
                format!(
                    "front matter longer than {} bytes",
                    super::MAX_FRONT_MATTER_BYTES
                ),
            ))
        }
        Some(f) => match f.dialect {
            Dialect::Yaml => yaml_meta(path, f.text)?,
            Dialect::Toml => toml_meta(path, f.text)?,
        },
        None => Meta::default(),
    };
    let mut meta = meta;
    meta.dialect = front.as_ref().map(|f| f.dialect);
    Ok((meta, front.map_or(0, |f| f.body_start)))
}

/// The front matter, if the file opens with a `---` or `+++` fence; `Err(fence)` when that
/// fence is never closed.
fn split_front_matter(text: &str) -> Result<Option<Front<'_>>, &'static str> {
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next() else {
        return Ok(None);
    };
    let dialect = match first.trim_end() {
        "---" => Dialect::Yaml,
        "+++" => Dialect::Toml,
        _ => return Ok(None),
    };
    let start = first.len();
    let mut pos = start;
    for line in lines {
        let l = line.trim_end();
        if l == dialect.fence() || (dialect == Dialect::Yaml && l == "...") {
            return Ok(Some(Front {
                text: &text[start..pos],
                dialect,
                body_start: pos + line.len(),
            }));
        }
        pos += line.len();
    }
    Err(dialect.fence())
}

/// The 1-based line of the file that byte `at` is on.
fn line_at(text: &str, at: usize) -> u64 {
    super::line_of(text, at)
}

/// The title, its line, and the language from YAML front matter (which starts on line 2).
/// The deepest `[`/`{` nesting YAML front matter may have: the YAML parser's cost grows with
/// the square of the depth (30,000 deep took seconds), and real front matter nests two or three.
pub const MAX_YAML_DEPTH: usize = 64;

/// The most aliases (`*name`) YAML front matter may use: each can stand for a large node, so a
/// few thousand cost seconds even under the parser's repetition limit.
pub const MAX_YAML_ALIASES: usize = 32;

/// `Some((line, message))` when YAML front matter nests flow collections deeper than
/// [`MAX_YAML_DEPTH`] or uses more than [`MAX_YAML_ALIASES`] aliases: one pass over the text,
/// quoted scalars and comments skipped, before the parser sees it. `line` is 1-based in `front`.
fn yaml_too_complex(front: &str) -> Option<(usize, String)> {
    let (mut depth, mut aliases, mut line) = (0usize, 0usize, 1usize);
    let mut quote: Option<char> = None;
    let mut comment = false;
    let mut prev = '\n';
    for c in front.chars() {
        if c == '\n' {
            line += 1;
            comment = false;
        }
        if comment {
            prev = c;
            continue;
        }
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '"' | '\'' if prev.is_whitespace() || "[{,:-".contains(prev) => quote = Some(c),
                '#' if prev.is_whitespace() => comment = true,
                '[' | '{' => {
                    depth += 1;
                    if depth > MAX_YAML_DEPTH {
                        return Some((line, format!("nested more than {MAX_YAML_DEPTH} deep")));
                    }
                }
                ']' | '}' => depth = depth.saturating_sub(1),
                '*' if prev.is_whitespace() || "[{,".contains(prev) => {
                    aliases += 1;
                    if aliases > MAX_YAML_ALIASES {
                        return Some((line, format!("more than {MAX_YAML_ALIASES} aliases")));
                    }
                }
                _ => {}
            },
        }
        prev = c;
    }
    None
}

fn yaml_meta(path: &Path, front: &str) -> Result<Meta, Error> {
    use serde_norway::Value;
    if let Some((line, message)) = yaml_too_complex(front) {
        return Err(Error::FrontMatter {
            path: path.to_path_buf(),
            line: 1 + line,
            message,
        });
    }
    let value: Value = serde_norway::from_str(front).map_err(|e| Error::FrontMatter {
        path: path.to_path_buf(),
        line: 2 + e.location().map_or(0, |l| l.line().saturating_sub(1)),
        message: e
            .to_string()
            .split(" at line ")
            .next()
            .unwrap_or_default()
            .to_string(),
    })?;
    let map = match &value {
        Value::Mapping(map) => map,
        Value::Null => return Ok(Meta::default()),
        _ => {
            return Err(Error::FrontMatter {
                path: path.to_path_buf(),
                line: 2,
                message: "expected `key: value` lines".into(),
            })
        }
    };
    // `Some(None)`: present but not text.
    let field = |key: &str| {
        map.get(key).map(|v| match v {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        })
    };
    meta_from(path, front, ':', field)
}

/// The title, its line, and the language from TOML front matter (which starts on line 2).
fn toml_meta(path: &Path, front: &str) -> Result<Meta, Error> {
    let table: toml::Table = toml::from_str(front).map_err(|e| Error::FrontMatter {
        path: path.to_path_buf(),
        line: 1 + e.span().map_or(1, |s| super::line_of(front, s.start)) as usize,
        message: e.message().trim_end().replace('\n', " "),
    })?;
    let field = |key: &str| {
        table.get(key).map(|v| match v {
            toml::Value::String(s) => Some(s.clone()),
            toml::Value::Integer(n) => Some(n.to_string()),
            toml::Value::Float(n) => Some(n.to_string()),
            toml::Value::Boolean(b) => Some(b.to_string()),
            _ => None,
        })
    };
    meta_from(path, front, '=', field)
}

/// The title (`title`, else `headline`) with its line, and the language, from a front matter's
/// top-level `field`s (`Some(None)`: present but not text; `sep`: `:` YAML, `=` TOML).
fn meta_from(
    path: &Path,
    front: &str,
    sep: char,
    field: impl Fn(&str) -> Option<Option<String>>,
) -> Result<Meta, Error> {
    let mut meta = Meta::default();
    for key in ["title", "headline"] {
        if let Some(v) = field(key) {
            let line = key_line(front, key, sep);
            let title = v.ok_or_else(|| Error::FrontMatter {
                path: path.to_path_buf(),
                line: line as usize,
                message: format!("`{key}` must be text"),
            })?;
            meta.title = Some((title, line));
            break;
        }
    }
    if let Some(v) = field("lang") {
        meta.lang = Some(parse_lang(
            path,
            key_line(front, "lang", sep),
            &v.unwrap_or_default(),
        )?);
    }
    Ok(meta)
}

fn parse_lang(path: &Path, line: u64, code: &str) -> Result<Lang, Error> {
    code.parse().map_err(|_| Error::FrontMatter {
        path: path.to_path_buf(),
        line: line as usize,
        message: format!("`lang`: unknown language `{code}`"),
    })
}

/// The 1-based line of the file on which the top-level `key` of the front matter is set, counting
/// the opening fence as line 1; line 2 if it cannot be told (a key written in quotes, say).
/// YAML (`key:`): a top-level key starts its line. TOML (`key =`): top-level keys may be
/// indented, and come before the first `[table]`.
fn key_line(front: &str, key: &str, sep: char) -> u64 {
    let toml = sep == '=';
    for (i, line) in front.lines().enumerate() {
        let line = if toml { line.trim_start() } else { line };
        if toml && line.starts_with('[') {
            break;
        }
        let found = ["", "\"", "'"].iter().any(|q| {
            line.strip_prefix(q)
                .and_then(|l| l.strip_prefix(key))
                .and_then(|l| l.strip_prefix(q))
                .is_some_and(|rest| rest.trim_start().starts_with(sep))
        });
        if found {
            return i as u64 + 2;
        }
    }
    2
}

/// The first level-1 heading (`# Title`, or a title underlined with `===`), as Markdown parses
/// it (so not a `# ` line inside a code block): its text, the offset it starts at, and the
/// offset just past it.
fn first_heading(text: &str) -> Option<(String, usize, usize)> {
    let mut heading: Option<(String, usize)> = None;
    for (event, range) in Parser::new_ext(text, Options::empty()).into_offset_iter() {
        match (&mut heading, event) {
            (
                None,
                Event::Start(Tag::Heading {
                    level: pulldown_cmark::HeadingLevel::H1,
                    ..
                }),
            ) => heading = Some((String::new(), range.start)),
            (Some((h, _)), Event::Text(t) | Event::Code(t)) => h.push_str(&t),
            (Some((h, _)), Event::SoftBreak | Event::HardBreak) => h.push(' '),
            (Some((h, start)), Event::End(TagEnd::Heading(_))) => {
                return Some((std::mem::take(h), *start, range.end));
            }
            _ => {}
        }
    }
    None
}

/// The text a reader sees in `markdown`: paragraphs, headings, list items, quotes and table
/// rows as blocks separated by blank lines; links keep their text; code blocks, images, inline
/// HTML tags, footnote markers and math are dropped; inline code keeps its text; a raw HTML
/// block keeps its text (less scripts and styles).
pub(crate) fn strip(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS;
    let mut out = String::with_capacity(markdown.len());
    // Inside a code block or an image, text is skipped.
    let mut skip = 0usize;
    // A raw HTML block's source, read as HTML when it ends.
    let mut html: Option<String> = None;
    let block_break = |out: &mut String| {
        let trimmed = out.trim_end_matches([' ', '\n']).len();
        out.truncate(trimmed);
        if !out.is_empty() {
            out.push_str("\n\n");
        }
    };
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::Image { .. } | Tag::MetadataBlock(_)) => {
                skip += 1
            }
            Event::End(TagEnd::CodeBlock | TagEnd::Image | TagEnd::MetadataBlock(_)) => {
                skip = skip.saturating_sub(1);
                block_break(&mut out);
            }
            _ if skip > 0 => {}
            Event::Start(Tag::HtmlBlock) => html = Some(String::new()),
            Event::Html(h) => {
                if let Some(block) = &mut html {
                    block.push_str(&h);
                }
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Some(block) = html.take() {
                    out.push_str(&super::html::fragment_text(&block));
                }
                block_break(&mut out);
            }
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::End(TagEnd::TableCell) => out.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::FootnoteDefinition,
            )
            | Event::Rule => block_break(&mut out),
            Event::Start(Tag::Item) => block_break(&mut out),
            _ => {}
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    fn parse_md(text: &str) -> Result<Article, Error> {
        parse(Path::new("a.md"), text, false)
    }

    #[test]
    fn yaml_nested_deep_or_full_of_aliases_is_refused_before_parsing() {
        let md = |front: &str| {
            format!("---\ntitle: Ferry opens\n{front}\n---\nThe ferry opens on Monday.\n")
        };
        let deep = format!("nest: {}{}", "[".repeat(30_000), "]".repeat(30_000));
        let e = parse_md(&md(&deep)).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("a.md:3: invalid front matter: nested more than {MAX_YAML_DEPTH} deep")
        );
        let unclosed = format!("nest: {}", "{a: ".repeat(1_000));
        assert!(parse_md(&md(&unclosed)).is_err());
        let aliases = format!(
            "a: &a [1, 2]\nb: [{}]",
            vec!["*a"; MAX_YAML_ALIASES + 1].join(", ")
        );
        let e = parse_md(&md(&aliases)).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("a.md:4: invalid front matter: more than {MAX_YAML_ALIASES} aliases")
        );
        // Brackets, stars and hashes in quotes and comments are text, and a few aliases and a
        // little nesting are fine.
        let fine = format!(
            "tags: [\"[[[[\", '*a *b', {{x: [1, [2]]}}]\nnote: \"{}\" # [[[[ *c *d\nb: &b 1\nc: [*b, *b]",
            "[*".repeat(100)
        );
        let a = parse_md(&md(&fine)).unwrap();
        assert_eq!(a.headline, "Ferry opens");
    }

    #[test]
    fn yaml_front_matter_title_line_and_lang() {
        let a = parse_md(
            "---\ndate: 2026-01-02\ntitle: \"Die Schlagzeile\"\nlang: de\nexpect: partial\n---\nDer Text.\n",
        )
        .unwrap();
        assert_eq!(a.headline, "Die Schlagzeile");
        assert_eq!(a.headline_line, Some(3));
        assert_eq!(a.lang, Some(Lang::De));
        assert_eq!(a.body, "Der Text.");
    }

    #[test]
    fn toml_front_matter_title_line_and_lang() {
        let a = parse_md(
            "+++\ndate = 2026-03-04\n\ntitle = \"Council backs the tram\"\nlang = \"en\"\n[taxonomies]\ntags = [\"a\"]\n+++\nThe council voted.\n",
        )
        .unwrap();
        assert_eq!(a.headline, "Council backs the tram");
        assert_eq!(a.headline_line, Some(4));
        assert_eq!(a.lang, Some(Lang::En));
        assert_eq!(a.body, "The council voted.");
        let a = parse_md("+++\nheadline = 'Quoted'\n+++\nBody.").unwrap();
        assert_eq!((a.headline.as_str(), a.headline_line), ("Quoted", Some(2)));
        // Indented or quoted keys; a `title` in a table is not the page's.
        let a = parse_md("+++\ndate = 2026-01-01\n  \"title\" = \"Indented\"\n[params]\ntitle = \"x\"\n+++\nBody.")
            .unwrap();
        assert_eq!(
            (a.headline.as_str(), a.headline_line),
            ("Indented", Some(3))
        );
        let a = parse_md("+++\n[params]\ntitle = \"x\"\n+++\n# Heading\nBody.").unwrap();
        assert_eq!((a.headline.as_str(), a.headline_line), ("Heading", Some(5)));
        let a = parse_md("---\nparams:\n  title: nested\n'title': Quoted\n---\nBody.").unwrap();
        assert_eq!((a.headline.as_str(), a.headline_line), ("Quoted", Some(4)));
    }

    #[test]
    fn a_heading_in_a_code_block_is_no_headline() {
        let a = parse_md("---\n---\n```sh\n# install\n```\n\n# Title\nBody text.").unwrap();
        assert_eq!((a.headline.as_str(), a.headline_line), ("Title", Some(7)));
        assert_eq!(a.body, "Body text.");
        let a = parse_md("Intro.\n\nThe Title\n=========\n\nBody.").unwrap();
        assert_eq!(
            (a.headline.as_str(), a.headline_line),
            ("The Title", Some(3))
        );
    }

    #[test]
    fn first_heading_without_front_matter() {
        let a = parse_md("Intro\n# The Title #\nBody text.").unwrap();
        assert_eq!(a.headline, "The Title");
        assert_eq!(a.headline_line, Some(2));
        assert_eq!(a.body, "Body text.");
        let a = parse_md("---\ndate: x\n---\n\n# Heading\nBody.").unwrap();
        assert_eq!((a.headline.as_str(), a.headline_line), ("Heading", Some(5)));
    }

    #[test]
    fn markdown_syntax_is_stripped_from_the_body() {
        let body = strip(
            "## Section\n\nThe [harbour bridge](https://x.org/a \"t\") opens on **Monday** \
             and _early_.\n\n- first item\n- second `item`\n\n```rust\nzorblax_config = 7\n```\n\n\
             ![a photo of the bridge](b.png)\n\n> A quote\n> goes on.\n\n<p class=\"lead\">The <em>mayor</em> &amp; council</p>\n<script>track('Buy now')</script>\n\n\
             | a | b |\n|---|---|\n| one | two |\n\nLast line  \nbroken.",
        );
        assert_eq!(
            body,
            "Section\n\nThe harbour bridge opens on Monday and early.\n\nfirst item\n\nsecond item\n\n\
             A quote goes on.\n\nThe mayor & council\n\na b\n\none two\n\nLast line\nbroken."
        );
        assert!(!body.contains("zorblax") && !body.contains("photo") && !body.contains("Buy"));
    }

    #[test]
    fn bad_front_matter_names_the_line() {
        let e = parse_md("---\ntitle: ok\nlang: [de\n---\nBody").unwrap_err();
        assert!(e.to_string().starts_with("a.md:"), "{e}");
        assert!(
            matches!(e, Error::FrontMatter { line, .. } if (3..=4).contains(&line)),
            "{e}"
        );
        let e = parse_md("---\nlang: xx\n---\n# T\nBody").unwrap_err();
        assert_eq!(
            e.to_string(),
            "a.md:2: invalid front matter: `lang`: unknown language `xx`"
        );
        let e = parse_md("Just text, no heading").unwrap_err();
        assert!(matches!(e, Error::EmptyHeadline { .. }));
        let e = parse_md("---\ntitle: never closed\n\nBody").unwrap_err();
        assert!(
            e.to_string().contains("a.md:1: invalid front matter"),
            "{e}"
        );
        let e = parse_md("+++\ndate = 2026-01-01\ntitle = \"unterminated\n+++\nBody").unwrap_err();
        assert!(matches!(e, Error::FrontMatter { line: 3, .. }), "{e}");
        let e = parse_md("+++\ntitle = [1, 2]\n+++\nBody").unwrap_err();
        assert_eq!(
            e.to_string(),
            "a.md:2: invalid front matter: `title` must be text"
        );
        let e = parse_md("---\ndate: 2026-01-01\nauthor: Ann\n---\nNo heading here.").unwrap_err();
        assert_eq!(
            e.to_string(),
            "a.md:1: empty headline (the YAML front matter has no `title` or `headline`, and there is no `# ` heading)"
        );
    }
}

//! Markdown: YAML front matter with `title` (or `headline`) and optionally `lang`, or else a
//! first `# ` heading. The body is the text after the front matter (without that heading).

use std::path::Path;

use serde_norway::Value;

use crate::article::Article;
use crate::error::Error;

/// With `headline_given`, a missing title is fine.
pub(super) fn parse(path: &Path, text: &str, headline_given: bool) -> Result<Article, Error> {
    let (front, body_start, fm_line) = split_front_matter(text);
    if front.is_some_and(|f| f.len() > super::MAX_FRONT_MATTER_BYTES) {
        return Err(Error::FrontMatter {
            path: path.to_path_buf(),
            line: 1,
            message: format!(
                "front matter longer than {} bytes",
                super::MAX_FRONT_MATTER_BYTES
            ),
        });
    }
    if front.is_none()
        && text.trim_start().starts_with("---")
        && text.lines().next().is_some_and(|l| l.trim_end() == "---")
    {
        return Err(Error::FrontMatter {
            path: path.to_path_buf(),
            line: 1,
            message: "front matter opened here is never closed with `---`".into(),
        });
    }
    let mut title = None;
    let mut lang = None;
    if let Some(front) = front {
        let value: Value = serde_norway::from_str(front).map_err(|e| Error::FrontMatter {
            path: path.to_path_buf(),
            line: fm_line + e.location().map_or(0, |l| l.line().saturating_sub(1)),
            message: e
                .to_string()
                .split(" at line ")
                .next()
                .unwrap_or_default()
                .to_string(),
        })?;
        if let Value::Mapping(map) = &value {
            for key in ["title", "headline"] {
                if let Some(v) = map.get(key) {
                    title = Some(scalar(v).ok_or_else(|| Error::Field {
                        path: path.to_path_buf(),
                        field: key.into(),
                        message: "expected text".into(),
                    })?);
                    break;
                }
            }
            if let Some(v) = map.get("lang") {
                let code = scalar(v).unwrap_or_default();
                lang = Some(code.parse().map_err(|_| Error::Field {
                    path: path.to_path_buf(),
                    field: "lang".into(),
                    message: format!("unknown language `{code}`"),
                })?);
            }
        } else if !matches!(value, Value::Null) {
            return Err(Error::FrontMatter {
                path: path.to_path_buf(),
                line: fm_line,
                message: "expected `key: value` lines".into(),
            });
        }
    }
    let rest = &text[body_start..];
    let (headline, body) = match title {
        Some(t) => (t, rest.to_string()),
        None if headline_given => (String::new(), rest.to_string()),
        None => match first_heading(rest) {
            Some((h, after)) => (h.to_string(), rest[after..].to_string()),
            None => {
                return Err(Error::EmptyHeadline {
                    path: path.to_path_buf(),
                    detail: Some("no front matter `title` and no `# ` heading".into()),
                })
            }
        },
    };
    Ok(Article {
        id: None,
        headline: headline.trim().to_string(),
        body,
        lang,
    })
}

/// The front matter text, where the body starts, and the 1-based line the front matter's first
/// key is on.
fn split_front_matter(text: &str) -> (Option<&str>, usize, usize) {
    let mut lines = text.split_inclusive('\n');
    match lines.next() {
        Some(first) if first.trim_end() == "---" => {
            let start = first.len();
            let mut pos = start;
            for line in lines {
                if line.trim_end() == "---" || line.trim_end() == "..." {
                    return (Some(&text[start..pos]), pos + line.len(), 2);
                }
                pos += line.len();
            }
            (None, 0, 1)
        }
        _ => (None, 0, 1),
    }
}

/// The first ATX `# ` heading: its text and the offset just past its line.
fn first_heading(text: &str) -> Option<(&str, usize)> {
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        pos += line.len();
        if let Some(h) = line.trim_start().strip_prefix("# ") {
            return Some((h.trim().trim_end_matches('#').trim(), pos));
        }
    }
    None
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    fn parse_md(text: &str) -> Result<Article, Error> {
        parse(Path::new("a.md"), text, false)
    }

    #[test]
    fn front_matter_title_and_lang() {
        let a = parse_md(
            "---\ntitle: \"Die Schlagzeile\"\nlang: de\nexpect: partial\n---\nDer Text.\n",
        )
        .unwrap();
        assert_eq!(a.headline, "Die Schlagzeile");
        assert_eq!(a.lang, Some(Lang::De));
        assert_eq!(a.body, "Der Text.\n");
    }

    #[test]
    fn first_heading_without_front_matter() {
        let a = parse_md("Intro\n# The Title #\nBody text.").unwrap();
        assert_eq!(a.headline, "The Title");
        assert_eq!(a.body, "Body text.");
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
        assert!(e.to_string().contains("unknown language"), "{e}");
        let e = parse_md("Just text, no heading").unwrap_err();
        assert!(matches!(e, Error::EmptyHeadline { .. }));
        let e = parse_md("---\ntitle: never closed\n\nBody").unwrap_err();
        assert!(
            e.to_string().contains("a.md:1: invalid front matter"),
            "{e}"
        );
    }
}

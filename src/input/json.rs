//! JSON: an object with `headline` and `body` (or schema.org `articleBody`), optionally `id`
//! and `lang` (or `inLanguage`).

use std::path::Path;

use serde_json::Value;

use crate::article::Article;
use crate::error::Error;

/// With `headline_given`, a missing `headline` field is fine.
pub(super) fn parse(path: &Path, text: &str, headline_given: bool) -> Result<Article, Error> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        // The message without serde's own " at line L column C": the error names the place.
        let message = e.to_string();
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or_default()
            .to_string();
        Error::Json {
            path: path.to_path_buf(),
            line: e.line(),
            column: e.column().max(1),
            message,
        }
    })?;
    let Value::Object(obj) = value else {
        return Err(Error::Json {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: "expected an object with `headline` and `body`".into(),
        });
    };
    let field = |names: &[&str]| -> Result<Option<(String, String)>, Error> {
        for name in names {
            match obj.get(*name) {
                None | Some(Value::Null) => continue,
                Some(Value::String(s)) => return Ok(Some((name.to_string(), s.clone()))),
                Some(other) => {
                    return Err(Error::Field {
                        path: path.to_path_buf(),
                        field: name.to_string(),
                        message: format!("expected a string, found {}", kind(other)),
                    })
                }
            }
        }
        Ok(None)
    };
    let headline = match field(&["headline"])? {
        Some((_, h)) => h,
        None if headline_given => String::new(),
        None => {
            return Err(Error::EmptyHeadline {
                path: path.to_path_buf(),
                line: None,
                detail: Some("no `headline` field".into()),
            })
        }
    };
    let body = field(&["body", "articleBody"])?.ok_or_else(|| Error::EmptyBody {
        path: path.to_path_buf(),
        line: None,
        detail: Some("no `body` or `articleBody` field".into()),
    })?;
    let lang = match field(&["lang", "inLanguage"])? {
        Some((name, code)) => Some(code.parse().map_err(|_| Error::Field {
            path: path.to_path_buf(),
            field: name,
            message: format!("unknown language `{code}`"),
        })?),
        None => None,
    };
    let id = match obj.get("id") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    Ok(Article {
        id,
        headline: headline.trim().to_string(),
        body: body.1,
        lang,
        headline_line: Some(
            text.find("\"headline\"")
                .map_or(1, |at| super::line_of(text, at)),
        ),
    })
}

/// How a JSON value's type reads in an error message ("a number").
pub(crate) fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    fn parse_(p: &Path, text: &str) -> Result<Article, Error> {
        parse(p, text, false)
    }

    #[test]
    fn reads_schema_org_and_plain_fields() {
        let p = Path::new("a.json");
        let a = parse_(
            p,
            r#"{"headline":"H","articleBody":"B.","inLanguage":"de","id":7}"#,
        )
        .unwrap();
        assert_eq!((a.headline.as_str(), a.body.as_str()), ("H", "B."));
        assert_eq!(a.lang, Some(Lang::De));
        assert_eq!(a.id.as_deref(), Some("7"));
    }

    #[test]
    fn errors_name_the_place() {
        let p = Path::new("a.json");
        let e = parse_(p, "{\"headline\": \"H\",\n \"body\": }").unwrap_err();
        assert!(e.to_string().starts_with("a.json:2:"), "{e}");
        let e = parse_(p, r#"{"headline": 3, "body": "b"}"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "a.json: field `headline`: expected a string, found a number"
        );
        let e = parse_(p, r#"{"body": "b"}"#).unwrap_err();
        assert!(e.to_string().contains("no `headline` field"), "{e}");
        let e = parse_(p, r#"[1]"#).unwrap_err();
        assert!(e.to_string().contains("expected an object"), "{e}");
    }
}

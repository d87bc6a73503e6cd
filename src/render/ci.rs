//! The CI formats: SARIF 2.1.0 (for code-scanning tools) and GitHub Actions workflow commands,
//! both over [`crate::findings`].

use serde_json::{json, Value};

use crate::findings::{Finding, Level, Rule};

/// A SARIF 2.1.0 log with one run: headcheck's rules, and a result per finding.
pub fn sarif(findings: &[Finding]) -> String {
    let rules: Vec<Value> = Rule::ALL
        .iter()
        .map(|r| {
            json!({
                "id": r.id(),
                "name": r.name(),
                "shortDescription": {"text": r.title()},
                "fullDescription": {"text": r.description()},
                "defaultConfiguration": {"level": default_level(*r).as_str()},
            })
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let mut result = json!({
                "ruleId": f.rule.id(),
                "ruleIndex": Rule::ALL.iter().position(|r| *r == f.rule).unwrap_or(0),
                "level": f.level.as_str(),
                "message": {"text": f.message},
            });
            if let Some(file) = &f.file {
                let mut location = json!({"artifactLocation": {"uri": uri(file)}});
                if let Some(line) = f.line.filter(|&l| l > 0) {
                    location["region"] = json!({"startLine": line});
                }
                result["locations"] = json!([{"physicalLocation": location}]);
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "headcheck",
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
        }],
    });
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_default();
    out.push('\n');
    out
}

/// What a rule's findings usually are.
fn default_level(rule: Rule) -> Level {
    match rule {
        Rule::UnsupportedClaim | Rule::HeadlinePartial => Level::Warning,
        _ => Level::Error,
    }
}

/// A relative path as a URI reference (`/` separators, other reserved bytes percent-encoded);
/// an absolute one as a `file://` URI.
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// GitHub Actions workflow commands, one line per finding:
/// `::error file=F,line=L,title=T::message`, values escaped as the runner expects.
pub fn github(findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let command = match f.level {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "notice",
        };
        let mut props = Vec::new();
        if let Some(file) = &f.file {
            props.push(format!("file={}", escape_property(file)));
            if let Some(line) = f.line.filter(|&l| l > 0) {
                props.push(format!("line={line}"));
            }
        }
        props.push(format!(
            "title={}",
            escape_property(&format!("{} ({})", f.rule.title(), f.rule.id()))
        ));
        out.push_str(&format!(
            "::{command} {}::{}\n",
            props.join(","),
            escape_data(&f.message)
        ));
    }
    out
}

/// A workflow command's message: `%`, CR and LF encoded.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value: as [`escape_data`], and `:` and `,` too.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(message: &str, file: Option<&str>, line: Option<u64>) -> Finding {
        Finding {
            rule: Rule::HeadlinePartial,
            level: Level::Warning,
            file: file.map(str::to_string),
            line,
            message: message.into(),
        }
    }

    #[test]
    fn github_commands_escape_values_as_the_runner_expects() {
        let out = github(&[finding(
            "100% sure:\r\nnot, really",
            Some("content/a,b:c.md"),
            Some(2),
        )]);
        assert_eq!(
            out,
            "::warning file=content/a%2Cb%3Ac.md,line=2,title=headline not supported (HC003)::100%25 sure:%0D%0Anot, really\n"
        );
        let out = github(&[finding("m", None, None)]);
        assert_eq!(out, "::warning title=headline not supported (HC003)::m\n");
    }

    #[test]
    fn sarif_uris_are_encoded_and_lines_optional() {
        assert_eq!(uri("content/posts/a b.md"), "content/posts/a%20b.md");
        assert_eq!(uri("/abs/x#1.md"), "file:///abs/x%231.md");
        let log: Value = serde_json::from_str(&sarif(&[finding("m", Some("a.md"), None)])).unwrap();
        let loc = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "a.md");
        assert!(loc.get("region").is_none());
    }
}

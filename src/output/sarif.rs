//! SARIF 2.1.0: the rules in force as `tool.driver.rules`, one result per finding, columns
//! counted in Unicode code points (as hblint counts them).

use super::FileFindings;
use crate::diagnostic::Severity;
use crate::rules::meta::RuleMeta;
use serde_json::{Value, json};

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative URI reference for a path: `/`-separated, with the characters URIs reserve escaped.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

pub fn render(files: &[FileFindings<'_>], rules: &[&'static RuleMeta]) -> String {
    let mut rules: Vec<&'static RuleMeta> = rules.to_vec();
    // Rules that reported but are not listed (none today) still get an entry to point at.
    for file in files {
        for d in file.diagnostics {
            if !rules.iter().any(|r| r.code == d.diagnostic.rule.code) {
                rules.push(d.diagnostic.rule);
            }
        }
    }
    rules.sort_by_key(|r| r.code);
    rules.dedup_by_key(|r| r.code);
    let descriptors: Vec<Value> = rules
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.summary },
                "help": { "text": r.docs, "markdown": r.docs },
                "defaultConfiguration": { "level": level(r.severity) },
                "properties": { "tags": [r.group.as_str()] },
            })
        })
        .collect();
    let mut results = Vec::new();
    for file in files {
        for d in file.diagnostics {
            let rule = d.diagnostic.rule;
            let mut message = d.diagnostic.message.clone();
            if let Some(help) = &d.diagnostic.help {
                message.push_str(&format!(" ({help})"));
            }
            results.push(json!({
                "ruleId": rule.code,
                "ruleIndex": rules.iter().position(|r| r.code == rule.code).unwrap_or(0),
                "level": level(d.diagnostic.severity),
                "message": { "text": message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&file.repo_path), "uriBaseId": "%SRCROOT%" },
                        "region": {
                            "startLine": d.start.line,
                            "startColumn": d.start.column,
                            "endLine": d.end.line,
                            "endColumn": d.end.column,
                        }
                    }
                }],
                "partialFingerprints": { "hblint/v1": d.fingerprint },
            }));
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "hblint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": descriptors,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    #[test]
    fn uris_escape_reserved_characters() {
        assert_eq!(super::uri("a b/c#d.md"), "a%20b/c%23d.md");
    }
}

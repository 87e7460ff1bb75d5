//! GitLab Code Quality report: one JSON array of Code Climate issues, as the merge-request
//! widget reads it. GitLab stops at the first invalid entry, so every entry has every field it
//! requires: `description`, `check_name`, `fingerprint`, `severity`, `location.path` (relative to
//! the repository root) and `location.lines.begin`.

use super::FileFindings;
use crate::diagnostic::Severity;
use serde::Serialize;

#[derive(Serialize)]
struct Issue<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    description: String,
    check_name: &'static str,
    fingerprint: &'a str,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

/// Code Climate severities: GitLab shows `major` and above as critical in the widget.
fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

pub fn render(files: &[FileFindings<'_>]) -> String {
    let issues: Vec<Issue<'_>> = files
        .iter()
        .flat_map(|file| {
            file.diagnostics.iter().map(move |d| Issue {
                kind: "issue",
                description: format!("{} {}", d.diagnostic.rule.code, d.diagnostic.message),
                check_name: d.diagnostic.rule.code,
                fingerprint: &d.fingerprint,
                severity: severity(d.diagnostic.severity),
                location: Location {
                    path: &file.repo_path,
                    lines: Lines { begin: d.start.line, end: d.end.line.max(d.start.line) },
                },
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".to_string());
    text.push('\n');
    text
}

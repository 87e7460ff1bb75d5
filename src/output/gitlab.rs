//! GitLab Code Quality report: one JSON array of Code Climate issues, as the merge-request
//! widget reads it. GitLab stops at the first invalid entry, so every entry has every field it
//! requires: `description`, `check_name`, `categories` (the Code Climate spec's), `fingerprint`, `severity`, `location.path` (relative to
//! the repository root) and `location.lines.begin`.

use super::json_stream::{FindingArray, push_item};
use super::{FileFindings, ReportContext, Reporter};
use crate::diagnostic::{Finding, Severity};
use crate::rules::Group;
use serde::Serialize;

#[derive(Serialize)]
struct Issue<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    description: String,
    check_name: &'static str,
    categories: [&'static str; 1],
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

/// The Code Climate category of a rule's group: the spec requires at least one per issue, from
/// a fixed list (Bug Risk, Clarity, Compatibility, Complexity, Duplication, Performance,
/// Security, Style).
fn category(group: Group) -> &'static str {
    match group {
        // What breaks the page or the site: front matter, links, ladders that contradict the data.
        Group::Page | Group::Links | Group::Ladder => "Bug Risk",
        Group::Markdown => "Style",
        // What a reader or applicant gets wrong or is put off by.
        Group::JobFamily | Group::Prose | Group::Inclusive => "Clarity",
    }
}

/// Starts a Code Quality report (see [`super::FORMATS`]).
pub fn start(_: &ReportContext) -> Box<dyn Reporter> {
    Box::new(FindingArray::new(item))
}

/// Appends one finding as a Code Climate issue.
fn item(file: &FileFindings<'_>, d: &Finding, items: &mut Vec<u8>) {
    let issue = Issue {
        kind: "issue",
        description: format!("{} {}", d.diagnostic.rule.code, d.diagnostic.message),
        check_name: d.diagnostic.rule.code,
        categories: [category(d.diagnostic.rule.group)],
        fingerprint: &d.fingerprint,
        severity: severity(d.diagnostic.severity),
        location: Location {
            path: &file.repo_path,
            lines: Lines { begin: d.start.line, end: d.end.line.max(d.start.line) },
        },
    };
    push_item(items, &issue, 0);
}

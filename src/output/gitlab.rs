//! GitLab Code Quality report: one JSON array of Code Climate issues, as the merge-request
//! widget reads it. GitLab stops at the first invalid entry, so every entry has every field it
//! requires: `description`, `check_name`, `fingerprint`, `severity`, `location.path` (relative to
//! the repository root) and `location.lines.begin`.

use super::json_stream::{ArrayWriter, push_item};
use super::{FileFindings, ReportContext, Reporter};
use crate::diagnostic::Severity;
use crate::source::SourceFile;
use serde::Serialize;
use std::io::{self, Write};

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

/// The Code Quality array, an issue at a time.
struct Gitlab {
    array: ArrayWriter,
}

/// Starts a Code Quality report (see [`super::FORMATS`]).
pub fn start(_: &ReportContext) -> Box<dyn Reporter> {
    Box::new(Gitlab { array: ArrayWriter::new(0) })
}

impl Reporter for Gitlab {
    fn needs_fingerprints(&self) -> bool {
        true
    }

    fn render_file(&self, file: &FileFindings<'_>, _: &SourceFile) -> Vec<u8> {
        let mut items = Vec::new();
        for d in file.diagnostics {
            let issue = Issue {
                kind: "issue",
                description: format!("{} {}", d.diagnostic.rule.code, d.diagnostic.message),
                check_name: d.diagnostic.rule.code,
                fingerprint: &d.fingerprint,
                severity: severity(d.diagnostic.severity),
                location: Location {
                    path: &file.repo_path,
                    lines: Lines { begin: d.start.line, end: d.end.line.max(d.start.line) },
                },
            };
            push_item(&mut items, &issue, 0);
        }
        items
    }

    fn write_file(&self, _: &FileFindings<'_>, rendered: &[u8], out: &mut dyn Write) -> io::Result<()> {
        self.array.write_items(rendered, out)
    }

    fn finish(&self, out: &mut dyn Write) -> io::Result<()> {
        self.array.close(out)?;
        out.write_all(b"\n")
    }
}

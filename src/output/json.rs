//! JSON output: one array, one object per finding, sorted by path then position.

use super::json_stream::{FindingArray, push_item};
use super::{FileFindings, ReportContext, Reporter};
use crate::diagnostic::Finding;
use serde::Serialize;

/// One finding as JSON.
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub path: &'a str,
    pub code: &'static str,
    pub rule: &'static str,
    pub severity: &'static str,
    pub message: &'a str,
    pub help: Option<&'a str>,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// Whether `hblint check --fix` fixes this finding.
    pub fixable: bool,
    /// Stable across edits that move the finding (see `output::fingerprint`).
    pub fingerprint: &'a str,
}

/// Starts JSON output (see [`super::FORMATS`]).
pub fn start(_: &ReportContext) -> Box<dyn Reporter> {
    Box::new(FindingArray::new(item))
}

/// Appends one finding as a JSON object.
fn item(file: &FileFindings<'_>, l: &Finding, items: &mut Vec<u8>) {
    let item = JsonDiagnostic {
        path: file.path.as_str(),
        code: l.diagnostic.rule.code,
        rule: l.diagnostic.rule.name,
        severity: l.diagnostic.severity.as_str(),
        message: &l.diagnostic.message,
        help: l.diagnostic.help.as_deref(),
        line: l.start.line,
        column: l.start.column,
        end_line: l.end.line,
        end_column: l.end.column,
        fixable: l.diagnostic.fix.is_some(),
        fingerprint: &l.fingerprint,
    };
    push_item(items, &item, 0);
}

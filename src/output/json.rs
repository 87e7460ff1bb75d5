//! JSON output: one array, one object per finding, sorted by path then position.

use super::FileFindings;
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

/// Serializes findings of many files (already in path order) as a pretty JSON array.
pub fn render(files: &[FileFindings<'_>]) -> String {
    let items: Vec<JsonDiagnostic<'_>> = files
        .iter()
        .flat_map(|file| {
            file.diagnostics.iter().map(move |l| JsonDiagnostic {
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
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".to_string());
    text.push('\n');
    text
}

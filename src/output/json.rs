//! JSON output: one array, one object per finding, sorted by path then position.

use super::json_stream::{ArrayWriter, push_item};
use super::{FileFindings, ReportContext, Reporter};
use crate::source::SourceFile;
use serde::Serialize;
use std::io::{self, Write};

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

/// The JSON array, an item at a time.
struct Json {
    array: ArrayWriter,
}

/// Starts JSON output (see [`super::FORMATS`]).
pub fn start(_: &ReportContext) -> Box<dyn Reporter> {
    Box::new(Json { array: ArrayWriter::new(0) })
}

impl Reporter for Json {
    fn needs_fingerprints(&self) -> bool {
        true
    }

    fn render_file(&self, file: &FileFindings<'_>, _: &SourceFile) -> Vec<u8> {
        let mut items = Vec::new();
        for l in file.diagnostics {
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
            push_item(&mut items, &item, 0);
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

//! Concise output: `path:line:col: CODE message`, one a line, for editors and grep.

use super::{FileFindings, ReportContext, Reporter};
use crate::source::SourceFile;

struct Concise;

/// Starts concise output (see [`super::FORMATS`]).
pub fn start(_: &ReportContext) -> Box<dyn Reporter> {
    Box::new(Concise)
}

impl Reporter for Concise {
    fn render_file(&self, file: &FileFindings<'_>, _: &SourceFile) -> Vec<u8> {
        let mut out = String::new();
        for d in file.diagnostics {
            let message = d.diagnostic.message.replace('\n', " ");
            out.push_str(&format!(
                "{}:{}:{}: {} {message}\n",
                file.path, d.start.line, d.start.column, d.diagnostic.rule.code
            ));
        }
        out.into_bytes()
    }
}

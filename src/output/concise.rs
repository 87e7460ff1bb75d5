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
        use std::fmt::Write;
        // Written in place: `--select ALL` on a handbook gives hundreds of thousands of lines.
        let mut out = String::new();
        for d in file.diagnostics {
            let _ = write!(out, "{}:{}:{}: {} ", file.path, d.start.line, d.start.column, d.diagnostic.rule.code);
            let message = &d.diagnostic.message;
            if message.contains('\n') {
                out.push_str(&message.replace('\n', " "));
            } else {
                out.push_str(message);
            }
            out.push('\n');
        }
        out.into_bytes()
    }
}

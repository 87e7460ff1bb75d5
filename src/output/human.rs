//! Human output: codespan-reporting excerpts with labels and help, then a one-line summary.

use crate::diagnostic::Located;
use crate::rules::Severity;
use crate::source::SourceFile;
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config, termcolor::Buffer};

/// Renders one file's diagnostics; `color` adds ANSI colors.
pub fn render_file(source: &SourceFile, diagnostics: &[Located], color: bool) -> Vec<u8> {
    if diagnostics.is_empty() {
        return Vec::new();
    }
    let name = super::display_path(&source.path);
    let file = SimpleFile::new(name.as_str(), source.text.as_str());
    let config = Config::default();
    let mut buffer = if color { Buffer::ansi() } else { Buffer::no_color() };
    for located in diagnostics {
        let d = &located.diagnostic;
        let severity = match d.severity {
            Severity::Error => CsSeverity::Error,
            Severity::Warning => CsSeverity::Warning,
            Severity::Info => CsSeverity::Note,
        };
        let mut labels = vec![Label::primary((), d.span.start..d.span.end).with_message(d.rule.name)];
        labels.extend(d.labels.iter().map(|l| Label::secondary((), l.span.start..l.span.end).with_message(&l.message)));
        let mut notes = Vec::new();
        if let Some(help) = &d.help {
            notes.push(format!("help: {help}"));
        }
        let diagnostic = CsDiagnostic::new(severity)
            .with_code(d.rule.code)
            .with_message(&d.message)
            .with_labels(labels)
            .with_notes(notes);
        // Rendering into memory cannot fail for a span inside the file; a span bug must not kill the run.
        if term::emit_to_write_style(&mut buffer, &config, &file, &diagnostic).is_err() {
            let _ = std::io::Write::write_all(
                &mut buffer,
                format!("{name}:{}:{}: {} {}\n", located.start.line, located.start.column, d.rule.code, d.message)
                    .as_bytes(),
            );
        }
    }
    buffer.into_inner()
}

/// Counts for the closing summary line.
#[derive(Debug, Default, Clone, Copy)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub files_with_problems: usize,
    pub files_checked: usize,
    pub unreadable: usize,
}

impl Summary {
    pub fn line(&self) -> String {
        let total = self.errors + self.warnings + self.infos;
        let files = |n: usize| if n == 1 { "1 file".to_string() } else { format!("{n} files") };
        let mut line = if total == 0 {
            format!("No problems in {}", files(self.files_checked))
        } else {
            let problems = if total == 1 { "problem" } else { "problems" };
            let mut counts = vec![
                format!("{} error{}", self.errors, if self.errors == 1 { "" } else { "s" }),
                format!("{} warning{}", self.warnings, if self.warnings == 1 { "" } else { "s" }),
            ];
            if self.infos > 0 {
                counts.push(format!("{} info", self.infos));
            }
            format!(
                "{total} {problems} ({}) in {} ({} checked)",
                counts.join(", "),
                files(self.files_with_problems),
                self.files_checked
            )
        };
        if self.unreadable > 0 {
            line.push_str(&format!("; {} could not be read", files(self.unreadable)));
        }
        line
    }
}

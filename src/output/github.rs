//! GitHub Actions workflow commands: `::warning file=…,line=…::message` annotations.

use super::{FileFindings, ReportContext, Reporter};
use crate::diagnostic::Severity;
use crate::source::SourceFile;

struct Github;

/// Starts GitHub annotations (see [`super::FORMATS`]).
pub fn start(_: &ReportContext) -> Box<dyn Reporter> {
    Box::new(Github)
}

/// The escaping GitHub's runner undoes in a command's message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// The escaping of a property value, which also may not hold `:` or `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

impl Reporter for Github {
    fn render_file(&self, file: &FileFindings<'_>, _: &SourceFile) -> Vec<u8> {
        let mut out = String::new();
        for d in file.diagnostics {
            let level = match d.diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let rule = d.diagnostic.rule;
            let mut message = d.diagnostic.message.clone();
            if let Some(help) = &d.diagnostic.help {
                message.push_str(&format!("\nhelp: {help}"));
            }
            out.push_str(&format!(
                "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                escape_property(&file.repo_path),
                d.start.line,
                d.start.column,
                d.end.line,
                d.end.column,
                escape_property(&format!("{} {}", rule.code, rule.name)),
                escape_data(&message)
            ));
        }
        out.into_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_the_runner_unescapes() {
        assert_eq!(escape_data("50% a\nb"), "50%25 a%0Ab");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}

//! JUnit XML as GitLab's test report reads it: one failing test case per finding (named by the
//! rule and the finding's message, class named by the file from the repository root, with
//! `file` and `line` attributes); a clean file is one passing test case. The format is a few
//! elements with escaped attributes, written directly.
//!
//! The header carries the totals, known only at the end: the test cases wait in a spooled
//! temporary file (in memory while small) so that memory stays flat however many there are.

use super::{FileFindings, ReportContext, Reporter};
use crate::rendering::Rendering;
use crate::source::SourceFile;
use std::collections::HashMap;
use std::io::{self, Seek, Write};
use std::sync::Mutex;
use tempfile::SpooledTempFile;

/// Test cases held in memory up to this size, then on disk.
const SPOOL_IN_MEMORY: usize = 1 << 20;

/// Escapes text for an XML attribute or element, dropping characters XML 1.0 cannot hold.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The report so far: totals and the test cases written after the header at the end.
struct Junit {
    written: Mutex<Written>,
}

struct Written {
    tests: usize,
    failures: usize,
    cases: SpooledTempFile,
}

/// Starts a JUnit report (see [`super::FORMATS`]).
pub fn start(_: &ReportContext) -> Box<dyn Reporter> {
    let cases = tempfile::spooled_tempfile(SPOOL_IN_MEMORY);
    Box::new(Junit { written: Mutex::new(Written { tests: 0, failures: 0, cases }) })
}

impl Reporter for Junit {
    fn render_file(&self, file: &FileFindings<'_>, _: &SourceFile) -> Vec<u8> {
        // Relative to the repository root, as Code Quality's: GitLab links `file` from the root
        // and keys a case by its class, so the same page is the same case wherever hblint runs.
        let path = escape(&file.repo_path);
        if file.diagnostics.is_empty() {
            return format!("    <testcase name=\"hblint\" classname=\"{path}\" file=\"{path}\"/>\n").into_bytes();
        }
        let mut cases = String::new();
        // GitLab tells a new failure from an old one by suite, class and test name, so each
        // finding is its own case, named by what it says rather than where: a second finding
        // of a rule in a file is a new failure, and lines moving above it change nothing.
        let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
        for d in file.diagnostics {
            let code = d.diagnostic.rule.code;
            let occurrence = seen.entry((code, d.diagnostic.message.as_str())).or_default();
            *occurrence += 1;
            let again = if *occurrence > 1 { format!(" ({})", occurrence) } else { String::new() };
            let mut body =
                format!("{}:{}:{}: {} {}\n", file.repo_path, d.start.line, d.start.column, code, d.diagnostic.message);
            if let Some(help) = &d.diagnostic.help {
                body.push_str(&format!("  help: {help}\n"));
            }
            cases.push_str(&format!(
                "    <testcase name=\"{code} {}: {}{again}\" classname=\"{path}\" file=\"{path}\" line=\"{}\">\n      <failure message=\"{}\" type=\"{code}\">{}</failure>\n    </testcase>\n",
                escape(d.diagnostic.rule.name),
                escape(&d.diagnostic.message),
                d.start.line,
                escape(&d.diagnostic.message),
                escape(&body)
            ));
        }
        cases.into_bytes()
    }

    fn write_file(&self, file: &FileFindings<'_>, rendered: &Rendering, _: &mut dyn Write) -> io::Result<()> {
        let mut written = self.written.lock().unwrap_or_else(|e| e.into_inner());
        // A clean file is one passing case; otherwise one failing case per finding.
        let findings = file.diagnostics.len();
        written.tests += findings.max(1);
        written.failures += findings;
        rendered.write_to(&mut written.cases)
    }

    fn finish(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut written = self.written.lock().unwrap_or_else(|e| e.into_inner());
        let (tests, failures) = (written.tests, written.failures);
        write!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"hblint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">\n  <testsuite name=\"hblint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">\n"
        )?;
        written.cases.rewind()?;
        io::copy(&mut written.cases, out)?;
        out.write_all(b"  </testsuite>\n</testsuites>\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}

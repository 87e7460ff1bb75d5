//! Human output: codespan-reporting excerpts with labels and help, then a one-line summary.

use super::human_window::{char_widths, decimal_digits, push_decimal, spaces};
use crate::diagnostic::Finding;
use crate::diagnostic::Severity;
use crate::source::{LineIndex, SourceFile};
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config, termcolor::Buffer};

/// Human output: each file's findings as codespan-reporting excerpts, written as files finish.
struct Human {
    color: bool,
}

/// Starts human output (see [`super::FORMATS`]).
pub fn start(context: &super::ReportContext) -> Box<dyn super::Reporter> {
    Box::new(Human { color: context.color })
}

impl super::Reporter for Human {
    fn render_file(&self, file: &super::FileFindings<'_>, source: &SourceFile) -> Vec<u8> {
        render_file(source, file.diagnostics, self.color)
    }
}

/// Renders one file's diagnostics; `color` adds ANSI colors.
pub fn render_file(source: &SourceFile, diagnostics: &[Finding], color: bool) -> Vec<u8> {
    if diagnostics.is_empty() {
        return Vec::new();
    }
    let name = super::display_path(&source.path);
    let text = source.text.as_str();
    let lines = LineIndex::new(text);
    // codespan's file indexes its lines when made: only findings that need codespan pay for it.
    let mut file = None;
    let mut long_lines = super::human_window::LongLines::default();
    // About 650 bytes a finding on the GitLab handbook: one allocation instead of a series of
    // reallocations that copy the text so far.
    let mut out = Vec::with_capacity(diagnostics.len() * 640);
    for located in diagnostics {
        // Most findings are one plain label on one line; writing those directly is several times
        // faster than codespan's general renderer, with the same bytes (see the tests below).
        // A finding on a very long line shows a window of it (see `human_window`).
        if let Some(long) = super::human_window::long_line(text, &lines, located, &mut long_lines) {
            super::human_window::write(&mut out, &name, text, &lines, located, (long, &mut long_lines));
            continue;
        }
        let mark = out.len();
        if !color && write_single_line(&mut out, &name, text, &lines, located) {
            continue;
        }
        out.truncate(mark);
        let mut buffer = if color { Buffer::ansi() } else { Buffer::no_color() };
        let file = file.get_or_insert_with(|| SimpleFile::new(name.as_str(), text));
        emit_with_codespan(&mut buffer, file, &name, located);
        out.extend_from_slice(buffer.as_slice());
    }
    out
}

/// codespan-reporting's rendering of one finding, for every shape of finding.
fn emit_with_codespan(buffer: &mut Buffer, file: &SimpleFile<&str, &str>, name: &str, located: &Finding) {
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
    if term::emit_to_write_style(buffer, &Config::default(), file, &diagnostic).is_err() {
        let _ = std::io::Write::write_all(
            buffer,
            format!("{name}:{}:{}: {} {}\n", located.start.line, located.start.column, d.rule.code, d.message)
                .as_bytes(),
        );
    }
}

/// Writes a finding whose only label sits on one line exactly as codespan-reporting lays it out
/// without color (`Config::default()`); returns false, having written something partial, for any
/// other finding.
fn write_single_line(out: &mut Vec<u8>, name: &str, text: &str, lines: &LineIndex, located: &Finding) -> bool {
    let d = &located.diagnostic;
    let (start, end) = (d.span.start, d.span.end);
    if !d.labels.is_empty()
        || start > end
        || end > text.len()
        || !text.is_char_boundary(start)
        || !text.is_char_boundary(end)
    {
        return false;
    }
    // codespan's lines: each runs to just after its '\n'; a span ending on the next line's first
    // byte is a multi-line label there.
    let line = lines.line_of(start);
    if lines.line_of(end) != line {
        return false;
    }
    let line_start = lines.line_start(line);
    let line_end = if line + 1 < lines.line_count() { lines.line_start(line + 1) } else { text.len() };
    let source = text[line_start..line_end].trim_end_matches(['\n', '\r', '\0']);
    let number = line + 1;
    let gutter = decimal_digits(number) + 1;
    let label_start = start - line_start;
    let label_end = (end - line_start).max(label_start + 1);
    // Room for all of it at once: a column is at most 4 bytes wide (a tab), a caret line no
    // longer than the source line's columns.
    out.reserve(d.message.len() + name.len() + d.help.as_ref().map_or(0, String::len) + 8 * source.len() + 128);

    // warning[MD013]: message
    out.extend_from_slice(match d.severity {
        Severity::Error => b"error",
        Severity::Warning => b"warning",
        Severity::Info => b"note",
    });
    if !d.rule.code.is_empty() {
        out.push(b'[');
        out.extend_from_slice(d.rule.code.as_bytes());
        out.push(b']');
    }
    out.extend_from_slice(b": ");
    out.extend_from_slice(d.message.as_bytes());
    out.push(b'\n');
    //    ┌─ path:14:81
    //    │
    let column = text[line_start..start].chars().count() + 1;
    spaces(out, gutter);
    out.extend_from_slice("┌─ ".as_bytes());
    out.extend_from_slice(name.as_bytes());
    out.push(b':');
    push_decimal(out, number);
    out.push(b':');
    push_decimal(out, column);
    out.push(b'\n');
    spaces(out, gutter);
    out.extend_from_slice("│\n".as_bytes());
    // 14 │ source line
    //    │     ^^^^ rule-name
    push_decimal(out, number);
    out.extend_from_slice(" │ ".as_bytes());
    // No early exit, so the test runs over whole words at a time.
    let printable_ascii = source.bytes().fold(true, |all, b| all & (b' '..=b'~').contains(&b));
    if printable_ascii {
        out.extend_from_slice(source.as_bytes());
    } else {
        for (ch, width) in char_widths(source) {
            if ch == '\t' {
                spaces(out, width);
            } else {
                let mut utf8 = [0; 4];
                out.extend_from_slice(ch.encode_utf8(&mut utf8).as_bytes());
            }
        }
    }
    out.push(b'\n');
    spaces(out, gutter);
    out.extend_from_slice("│ ".as_bytes());
    if printable_ascii {
        // One column a byte, plus the placeholder column after the line's end.
        let columns = source.len() + 1;
        spaces(out, label_start.min(columns));
        out.resize(out.len() + label_end.min(columns).saturating_sub(label_start), b'^');
    } else {
        let placeholder = ('\0', 1);
        let mut byte = 0;
        for (ch, width) in char_widths(source).chain(std::iter::once(placeholder)) {
            let len = ch.len_utf8();
            if label_start.max(byte) < label_end.min(byte + len) {
                out.resize(out.len() + width, b'^');
            } else if byte < label_end {
                spaces(out, width);
            }
            byte += len;
        }
    }
    if !d.rule.name.is_empty() {
        out.push(b' ');
        out.extend_from_slice(d.rule.name.as_bytes());
    }
    out.push(b'\n');
    //    │
    //    = help: …
    if let Some(help) = &d.help {
        spaces(out, gutter);
        out.extend_from_slice("│\n".as_bytes());
        // codespan writes a note a line at a time (`str::lines`), each under the first.
        let mut note_lines = help.lines();
        spaces(out, gutter);
        out.extend_from_slice(b"= help: ");
        out.extend_from_slice(note_lines.next().unwrap_or("").as_bytes());
        out.push(b'\n');
        for note_line in note_lines {
            spaces(out, gutter);
            out.extend_from_slice(b"  ");
            out.extend_from_slice(note_line.as_bytes());
            out.push(b'\n');
        }
    }
    out.push(b'\n');
    true
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
    /// With `--fix`, files whose fixes could not be written.
    pub unwritable: usize,
    /// Files `--fix` left unchanged because their fixes never settle.
    pub unfixed: usize,
    /// Files a broken configuration kept from being linted.
    pub not_linted: usize,
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
        if self.unwritable > 0 {
            line.push_str(&format!("; {} could not be written", files(self.unwritable)));
        }
        if self.unfixed > 0 {
            line.push_str(&format!("; {} could not be fixed (fixes that never settle)", files(self.unfixed)));
        }
        if self.not_linted > 0 {
            line.push_str(&format!("; {} not linted (broken configuration)", files(self.not_linted)));
        }
        line
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;
    use crate::rules::{Group, RuleMeta};
    use crate::source::Span;

    static RULE: RuleMeta = RuleMeta {
        code: "XX001",
        name: "some-rule",
        group: Group::Markdown,
        summary: "",
        docs: "",
        severity: Severity::Warning,
        fix: false,
        params: &[],
    };

    /// A finding of a test rule over `start..end`, for the writers' tests here and in `human_window`.
    pub(crate) fn located(text: &str, start: usize, end: usize, severity: Severity, help: Option<&str>) -> Finding {
        let diagnostic = Diagnostic {
            rule: &RULE,
            severity,
            message: "something is off".into(),
            span: Span::new(start, end),
            labels: Vec::new(),
            help: help.map(str::to_string),
            fix: None,
        };
        Finding::new(diagnostic, text, &LineIndex::new(text))
    }

    fn with_codespan(text: &str, located: &Finding) -> Vec<u8> {
        let file = SimpleFile::new("dir/page.md", text);
        let mut buffer = Buffer::no_color();
        emit_with_codespan(&mut buffer, &file, "dir/page.md", located);
        buffer.into_inner()
    }

    /// The direct writer gives codespan's bytes for every span of every line of awkward text:
    /// tabs at every stop, wide and zero-width characters, CRLF, NUL, control characters, a
    /// missing final newline, empty spans and spans at the end of the file.
    #[test]
    fn single_line_findings_are_written_byte_for_byte_as_codespan_writes_them() {
        let texts = [
            "plain ascii line\nsecond line\n",
            "a\tb\t\tc  \tend\n\tlead\n",
            "wide 漢字 and emoji 😀 here\r\nnext\r\n",
            "zero\u{200b}width e\u{301}\u{0}nul\x07bell\n",
            "no final newline",
            "",
            "\n\n\n",
            "trailing\0\0\n",
            "x\ty漢\tz\r\n",
        ];
        let mut written = 0;
        for text in texts {
            let lines = LineIndex::new(text);
            let boundaries: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            for &start in &boundaries {
                for &end in boundaries.iter().filter(|&&end| end >= start) {
                    for help in [None, Some("do this"), Some("two\nlines"), Some(""), Some("\nlead"), Some("trail\r\n")]
                    {
                        let finding = located(text, start, end, Severity::Warning, help);
                        let mut direct = Vec::new();
                        if write_single_line(&mut direct, "dir/page.md", text, &lines, &finding) {
                            written += 1;
                            assert_eq!(
                                String::from_utf8_lossy(&direct),
                                String::from_utf8_lossy(&with_codespan(text, &finding)),
                                "text {text:?}, span {start}..{end}"
                            );
                        }
                    }
                }
            }
        }
        assert!(written > 1000, "the direct writer took only {written} findings");
    }

    #[test]
    fn every_severity_and_a_two_digit_line_match_codespan() {
        let text = "l\n".repeat(12) + "the twelfth line\n";
        let lines = LineIndex::new(&text);
        for severity in [Severity::Error, Severity::Warning, Severity::Info] {
            let finding = located(&text, 28, 33, severity, Some("help"));
            let mut direct = Vec::new();
            assert!(write_single_line(&mut direct, "dir/page.md", &text, &lines, &finding));
            assert_eq!(String::from_utf8_lossy(&direct), String::from_utf8_lossy(&with_codespan(&text, &finding)));
        }
    }

    #[test]
    fn multi_line_and_labelled_findings_go_to_codespan() {
        let text = "one\ntwo\n";
        let lines = LineIndex::new(text);
        let across = located(text, 1, 6, Severity::Warning, None);
        assert!(!write_single_line(&mut Vec::new(), "p.md", text, &lines, &across));
        let through_newline = located(text, 0, 4, Severity::Warning, None);
        assert!(!write_single_line(&mut Vec::new(), "p.md", text, &lines, &through_newline));
        let mut labelled = located(text, 0, 3, Severity::Warning, None);
        labelled.diagnostic.label(Span::new(4, 7), "first here");
        assert!(!write_single_line(&mut Vec::new(), "p.md", text, &lines, &labelled));
        // The whole-file renderer still shows them, through codespan.
        let source = SourceFile::from_text("p.md".into(), text.into(), false);
        let rendered = String::from_utf8(render_file(&source, &[across, labelled], false)).unwrap();
        assert!(rendered.contains("╭") && rendered.contains("first here"), "{rendered}");
    }
}

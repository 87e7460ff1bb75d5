//! Inline suppression comments:
//! `<!-- hblint-disable [CODE…] -->` … `<!-- hblint-enable [CODE…] -->`,
//! `<!-- hblint-disable-line [CODE…] -->`, `<!-- hblint-disable-next-line [CODE…] -->` and
//! `<!-- hblint-disable-file [CODE…] -->`. Without codes a comment applies to every rule; codes
//! may be rule codes or names, separated by spaces or commas.

use crate::source::{LineIndex, Span};
use regex::Regex;
use std::sync::LazyLock;

/// What a suppression comment does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveKind {
    Disable,
    Enable,
    DisableLine,
    DisableNextLine,
    DisableFile,
}

/// One suppression comment: where it is and which rules it names (empty: all).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// 1-based line of the comment.
    pub line: usize,
    /// Lowercase codes or names; empty means every rule.
    pub rules: Vec<String>,
}

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--\s*hblint-(disable-file|disable-next-line|disable-line|disable|enable)\b([^>]*?)-->")
        .expect("valid")
});

/// Finds the directives in an HTML block or inline HTML node's source.
pub fn scan(text: &str, span: Span, lines: &LineIndex, out: &mut Vec<Directive>) {
    let html = &text[span.start..span.end];
    if !html.contains("hblint-") {
        return;
    }
    for caps in DIRECTIVE.captures_iter(html) {
        let (Some(all), Some(kind), Some(rules)) = (caps.get(0), caps.get(1), caps.get(2)) else { continue };
        let kind = match kind.as_str() {
            "disable-file" => DirectiveKind::DisableFile,
            "disable-next-line" => DirectiveKind::DisableNextLine,
            "disable-line" => DirectiveKind::DisableLine,
            "disable" => DirectiveKind::Disable,
            _ => DirectiveKind::Enable,
        };
        let rules = rules
            .as_str()
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|r| !r.is_empty())
            .map(str::to_lowercase)
            .collect();
        out.push(Directive { kind, line: lines.line_of(span.start + all.start()) + 1, rules });
    }
}

/// Decides whether a finding is suppressed, from a page's directives.
pub struct Suppressions<'d> {
    directives: &'d [Directive],
}

impl<'d> Suppressions<'d> {
    pub fn new(directives: &'d [Directive]) -> Self {
        Suppressions { directives }
    }

    /// Whether the rule (`code`, `name`) is suppressed on 1-based `line`.
    pub fn is_suppressed(&self, code: &str, name: &str, line: usize) -> bool {
        if self.directives.is_empty() {
            return false;
        }
        let names =
            |d: &Directive| d.rules.is_empty() || d.rules.iter().any(|r| r.eq_ignore_ascii_case(code) || r == name);
        let mut disabled = false;
        for d in self.directives.iter().filter(|d| names(d)) {
            match d.kind {
                DirectiveKind::DisableFile => return true,
                DirectiveKind::DisableLine if d.line == line => return true,
                DirectiveKind::DisableNextLine if d.line + 1 == line => return true,
                DirectiveKind::Disable if d.line <= line => disabled = true,
                DirectiveKind::Enable if d.line <= line => disabled = false,
                _ => {}
            }
        }
        disabled
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directives(text: &str) -> Vec<Directive> {
        let lines = LineIndex::new(text);
        let mut out = Vec::new();
        scan(text, Span::new(0, text.len()), &lines, &mut out);
        out
    }

    #[test]
    fn ranges_lines_and_files() {
        let text = "a\n<!-- hblint-disable PR201, slash-typo -->\nb\n<!-- hblint-enable PR201 -->\nc\n<!-- hblint-disable-next-line -->\nd\n";
        let d = directives(text);
        let s = Suppressions::new(&d);
        assert!(!s.is_suppressed("PR201", "doubled-word", 1));
        assert!(s.is_suppressed("PR201", "doubled-word", 3));
        assert!(!s.is_suppressed("PR201", "doubled-word", 5));
        assert!(s.is_suppressed("PR001", "slash-typo", 5));
        assert!(s.is_suppressed("JF001", "missing-job-grade", 7));
        assert!(!s.is_suppressed("JF001", "missing-job-grade", 5));
        let file = directives("x <!-- hblint-disable-file JF004 --> y");
        assert!(Suppressions::new(&file).is_suppressed("JF004", "inherited-duplicate-bullet", 99));
        assert!(!Suppressions::new(&file).is_suppressed("JF003", "duplicate-bullet", 99));
    }
}

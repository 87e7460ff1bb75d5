//! Inline suppression comments:
//! `<!-- hblint-disable [CODE…] -->` … `<!-- hblint-enable [CODE…] -->`,
//! `<!-- hblint-disable-line [CODE…] -->`, `<!-- hblint-disable-next-line [CODE…] -->` and
//! `<!-- hblint-disable-file [CODE…] -->`. Without codes a comment applies to every rule; codes
//! may be rule codes or names, separated by spaces or commas. markdownlint's own comments
//! (`markdownlint-disable`…, `markdownlint-configure-file`) are read here too.
//!
//! The comments are read from the HTML the page model recorded, after the page is built: the
//! page model knows nothing of configuration, and the findings are filtered after the rules ran.

use crate::page::Page;
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
    EnableFile,
    /// markdownlint's `capture`: remember the current state…
    Capture,
    /// …and `restore` it.
    Restore,
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
    Regex::new(
        r"<!--\s*(?:hblint|markdownlint)-(disable-file|enable-file|disable-next-line|disable-line|disable|enable|capture|restore)\b([^>]*?)-->",
    )
        .expect("valid")
});

/// Finds the directives in an HTML block or inline HTML node's source.
pub fn scan(text: &str, span: Span, lines: &LineIndex, out: &mut Vec<Directive>) {
    let html = &text[span.start..span.end];
    if !html.contains("hblint-") && !html.contains("markdownlint-") {
        return;
    }
    for caps in DIRECTIVE.captures_iter(html) {
        let (Some(all), Some(kind), Some(rules)) = (caps.get(0), caps.get(1), caps.get(2)) else { continue };
        let kind = match kind.as_str() {
            "disable-file" => DirectiveKind::DisableFile,
            "enable-file" => DirectiveKind::EnableFile,
            "capture" => DirectiveKind::Capture,
            "restore" => DirectiveKind::Restore,
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

static CONFIGURE_FILE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)<!--\s*markdownlint-configure-file(?:\s(.*?))?-->").expect("valid"));

/// Merges the configuration of the `<!-- markdownlint-configure-file { … } -->` comments in an
/// HTML block or inline HTML node's source into `out`: later keys win, as in markdownlint. A
/// comment that is not a JSON (or YAML) object is ignored, as markdownlint ignores it.
pub fn scan_configure_file(text: &str, span: Span, out: &mut Option<serde_json::Map<String, serde_json::Value>>) {
    let html = &text[span.start..span.end];
    if !html.contains("markdownlint-configure-file") {
        return;
    }
    for caps in CONFIGURE_FILE.captures_iter(html) {
        let Some(parsed) = caps.get(1).and_then(|c| crate::config::markdownlint::parse_inline(c.as_str())) else {
            continue;
        };
        out.get_or_insert_with(serde_json::Map::new).extend(parsed);
    }
}

/// What a page's comments say: its suppression directives and its merged
/// `markdownlint-configure-file` configuration.
#[derive(Debug, Default)]
pub struct InlineComments {
    pub directives: Vec<Directive>,
    /// The merged markdownlint configuration of the page's `<!-- markdownlint-configure-file
    /// { … } -->` comments, if it has any.
    pub file_config: Option<serde_json::Map<String, serde_json::Value>>,
}

impl InlineComments {
    /// Reads the comments in the page's HTML blocks and inline HTML, in document order.
    pub fn of(page: &Page<'_>) -> InlineComments {
        let mut comments = InlineComments::default();
        let (blocks, inline) = (&page.html_blocks, &page.html_inline);
        if blocks.is_empty() && inline.is_empty() {
            return comments;
        }
        // Both lists are in document order: merge them so later comments come later.
        let (mut b, mut i) = (0, 0);
        while b < blocks.len() || i < inline.len() {
            let span = if i >= inline.len() || (b < blocks.len() && blocks[b].start <= inline[i].start) {
                b += 1;
                blocks[b - 1]
            } else {
                i += 1;
                inline[i - 1]
            };
            scan(&page.source.text, span, &page.lines, &mut comments.directives);
            scan_configure_file(&page.source.text, span, &mut comments.file_config);
        }
        comments
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
        // File-wide comments apply everywhere; the last one wins.
        let mut file_disabled = false;
        for d in self.directives.iter().filter(|d| names(d)) {
            match d.kind {
                DirectiveKind::DisableFile => file_disabled = true,
                DirectiveKind::EnableFile => file_disabled = false,
                _ => {}
            }
        }
        let mut disabled = file_disabled;
        let mut captured: Vec<bool> = Vec::new();
        for d in self.directives.iter().take_while(|d| d.line <= line) {
            match d.kind {
                // capture/restore save the state of every rule, whatever their list says.
                DirectiveKind::Capture => captured.push(disabled),
                DirectiveKind::Restore => disabled = captured.pop().unwrap_or(file_disabled),
                _ if !names(d) => {}
                DirectiveKind::DisableLine if d.line == line => return true,
                DirectiveKind::Disable => disabled = true,
                DirectiveKind::Enable => disabled = false,
                _ => {}
            }
        }
        let next_line =
            self.directives.iter().any(|d| d.kind == DirectiveKind::DisableNextLine && d.line + 1 == line && names(d));
        disabled || next_line
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
        let mdl = directives(
            "<!-- markdownlint-disable MD001 -->\na\n<!-- markdownlint-capture -->\n<!-- markdownlint-enable -->\nb\n<!-- markdownlint-restore -->\nc\n",
        );
        let s = Suppressions::new(&mdl);
        assert!(s.is_suppressed("MD001", "heading-increment", 2));
        assert!(!s.is_suppressed("MD001", "heading-increment", 5));
        assert!(s.is_suppressed("MD001", "heading-increment", 7));
        let file = directives("x <!-- hblint-disable-file JF004 --> y");
        assert!(Suppressions::new(&file).is_suppressed("JF004", "inherited-duplicate-bullet", 99));
        assert!(!Suppressions::new(&file).is_suppressed("JF003", "duplicate-bullet", 99));
    }

    #[test]
    fn configure_file_comments_merge_and_bad_ones_are_ignored() {
        let text = "<!-- markdownlint-configure-file { \"MD009\": false, \"MD026\": true } -->\n<!-- markdownlint-configure-file not json: [ -->\n<!-- markdownlint-configure-file\nMD026:\n  punctuation: \"!\"\n-->";
        let mut config = None;
        scan_configure_file(text, Span::new(0, text.len()), &mut config);
        let config = config.expect("configured");
        assert_eq!(config["MD009"], serde_json::json!(false));
        assert_eq!(config["MD026"], serde_json::json!({"punctuation": "!"}));
        assert_eq!(config.len(), 2);
    }
}

//! Inline comments that switch rules off and on, and configure a page.
//!
//! markdownlint's comments are read as markdownlint reads them, so a team switching keeps what
//! its comments say: `<!-- markdownlint-disable [NAME…] -->`, `-enable`, `-disable-line`,
//! `-disable-next-line`, `-disable-file`, `-enable-file`, `-capture`, `-restore` and
//! `-configure-file { … }`. The keyword is matched in any case; a NAME is a rule's code, name,
//! alias or tag (`whitespace`, `headings`…), in any case, and names are separated by white space
//! only (`MD009,MD010` names nothing, in markdownlint as here). They are found in the raw text of
//! the page after its front matter, on one line each (a comment whose `-->` is on a later line
//! does nothing), also inside code, as markdownlint finds them; `configure-file` may span lines.
//!
//! hblint's own comments (`<!-- hblint-disable [CODE…] -->` and the same keywords but
//! `configure-file`) are read only where the page has real HTML (an HTML block or inline HTML),
//! so a page that shows them in a code sample is not switched off; their names are also
//! separated by commas. Without names, an hblint comment applies to every rule, a markdownlint
//! comment to every markdownlint rule (what markdownlint itself means by it).
//!
//! What the comments do is markdownlint's model, for both kinds: every rule has a state, on or
//! off, starting from the configuration. `disable-file`/`enable-file` comments change the
//! starting state wherever they are; then, line by line, `disable`/`enable` change it from
//! their line on (the line itself included), `capture` remembers it and `restore` returns to
//! the last captured state (the starting state when nothing was captured; a capture can be
//! restored many times). `disable-line` and `disable-next-line` switch rules off for one line.
//! `enable` turns on a rule the configuration switched off, when the rule could run here (see
//! `linter`). The page model knows nothing of configuration: the rules run, then their findings
//! are kept or dropped here.

use crate::config::ordered_keys::OrderedKeys;
use crate::page::Page;
use crate::source::{LineIndex, Span};
use regex::Regex;
use std::sync::LazyLock;

/// What a comment does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveKind {
    Disable,
    Enable,
    DisableLine,
    DisableNextLine,
    DisableFile,
    EnableFile,
    /// Remember the current state…
    Capture,
    /// …and return to it.
    Restore,
}

/// Whose comment it is: it decides how names are separated and what "no names" means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Markdownlint,
    Hblint,
}

/// One comment: where it is and which rules it names (empty: all).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    pub origin: Origin,
    /// 1-based line of the comment.
    pub line: usize,
    /// Byte offset of the comment: orders comments on one line.
    pub offset: usize,
    /// The names as written; empty means every rule.
    pub names: Vec<String>,
}

/// markdownlint's comment start: the keyword, then white space or the comment's end. The
/// parameter runs from there to the first `-->`.
static MARKDOWNLINT_COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)<!--\s*markdownlint-(disable-file|enable-file|disable-next-line|disable-line|disable|enable|capture|restore|configure-file)(?:\s|-->)",
    )
    .expect("valid")
});

static HBLINT_COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)<!--\s*hblint-(disable-file|enable-file|disable-next-line|disable-line|disable|enable|capture|restore)\b([^>]*?)-->",
    )
    .expect("valid")
});

fn kind_of(keyword: &str) -> Option<DirectiveKind> {
    Some(match keyword.to_ascii_lowercase().as_str() {
        "disable-file" => DirectiveKind::DisableFile,
        "enable-file" => DirectiveKind::EnableFile,
        "capture" => DirectiveKind::Capture,
        "restore" => DirectiveKind::Restore,
        "disable-next-line" => DirectiveKind::DisableNextLine,
        "disable-line" => DirectiveKind::DisableLine,
        "disable" => DirectiveKind::Disable,
        "enable" => DirectiveKind::Enable,
        _ => return None,
    })
}

/// Finds hblint's directives in an HTML block or inline HTML node's source.
pub fn scan_hblint(text: &str, span: Span, lines: &LineIndex, out: &mut Vec<Directive>) {
    let html = &text[span.start..span.end];
    if !html.contains("hblint-") && !html.contains("HBLINT-") && !html.to_ascii_lowercase().contains("hblint-") {
        return;
    }
    for caps in HBLINT_COMMENT.captures_iter(html) {
        let (Some(all), Some(keyword), Some(names)) = (caps.get(0), caps.get(1), caps.get(2)) else { continue };
        let Some(kind) = kind_of(keyword.as_str()) else { continue };
        let names = names
            .as_str()
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|r| !r.is_empty())
            .map(str::to_owned)
            .collect();
        let offset = span.start + all.start();
        out.push(Directive { kind, origin: Origin::Hblint, line: lines.line_of(offset) + 1, offset, names });
    }
}

/// Finds markdownlint's directives in the page's text from `body_start` (after the front
/// matter), line by line as markdownlint does.
pub fn scan_markdownlint(text: &str, body_start: usize, lines: &LineIndex, out: &mut Vec<Directive>) {
    let body = &text[body_start..];
    if !body.contains("<!--") {
        return;
    }
    let first = lines.line_of(body_start);
    for line in first..lines.line_count() {
        let start = lines.line_start(line).max(body_start);
        let end = if line + 1 < lines.line_count() { lines.line_start(line + 1) } else { text.len() };
        let content = text[start..end].trim_end_matches(['\n', '\r']);
        if !content.contains("<!--") {
            continue;
        }
        for (start_in_line, keyword, parameter) in markdownlint_comments(content) {
            let Some(kind) = kind_of(keyword) else { continue }; // configure-file
            let names = parameter.split_whitespace().map(str::to_owned).collect();
            let offset = start + start_in_line;
            out.push(Directive { kind, origin: Origin::Markdownlint, line: line + 1, offset, names });
        }
    }
}

/// markdownlint's comments in `text`, as markdownlint finds them: (offset, keyword, parameter),
/// the parameter running to the next `-->`; the search ends at a comment with no `-->` after it.
fn markdownlint_comments(text: &str) -> impl Iterator<Item = (usize, &str, &str)> {
    let mut from = 0;
    std::iter::from_fn(move || {
        let caps = MARKDOWNLINT_COMMENT.captures_at(text, from)?;
        let (all, keyword) = (caps.get(0)?, caps.get(1)?);
        let close = text[keyword.end()..].find("-->")?;
        from = all.end();
        Some((all.start(), keyword.as_str(), &text[keyword.end()..keyword.end() + close]))
    })
}

/// Merges the configuration of the `<!-- markdownlint-configure-file { … } -->` comments in the
/// page's text after its front matter into `out`, as markdownlint does: the comment may span
/// lines, later keys win, and a comment that is not a JSON (or YAML) object is ignored.
pub fn scan_configure_file(text: &str, body_start: usize, out: &mut Option<OrderedKeys>) {
    let body = &text[body_start..];
    if !body.contains("<!--") {
        return;
    }
    for (_, keyword, parameter) in markdownlint_comments(body) {
        if !keyword.eq_ignore_ascii_case("configure-file") {
            continue;
        }
        if let Some(parsed) = crate::config::markdownlint::parse_inline(parameter) {
            out.get_or_insert_with(OrderedKeys::default).merge(parsed);
        }
    }
}

/// What a page's comments say: its directives and its merged `markdownlint-configure-file`
/// configuration.
#[derive(Debug, Default)]
pub struct InlineComments {
    /// In document order.
    pub directives: Vec<Directive>,
    /// The merged markdownlint configuration of the page's `<!-- markdownlint-configure-file
    /// { … } -->` comments, if it has any.
    pub file_config: Option<OrderedKeys>,
}

impl InlineComments {
    /// Reads the page's comments.
    pub fn of(page: &Page<'_>) -> InlineComments {
        let mut comments = InlineComments::default();
        let text = page.source.text.as_str();
        scan_markdownlint(text, page.body_start, &page.lines, &mut comments.directives);
        scan_configure_file(text, page.body_start, &mut comments.file_config);
        for span in page.html_blocks.iter().chain(&page.html_inline) {
            scan_hblint(text, *span, &page.lines, &mut comments.directives);
        }
        comments.directives.sort_by_key(|d| d.offset);
        comments
    }
}

/// A rule a page's comments may name: its code and name, and whether it is one of
/// markdownlint's (what a markdownlint comment without names applies to).
#[derive(Debug, Clone, Copy)]
pub struct CommentTarget<'r> {
    pub code: &'r str,
    pub name: &'r str,
    pub markdownlint: bool,
}

/// Which rules are on, line by line, after a page's comments: markdownlint's model (module
/// docs), over a fixed list of rules by index.
#[derive(Debug)]
pub struct RuleStates {
    /// The state from a line on: (first 1-based line, on/off by rule index), by line.
    from_line: Vec<(usize, Vec<bool>)>,
    /// Rules switched off on one line (`disable-line`, `disable-next-line`): (line, rule index).
    off_on_line: Vec<(usize, usize)>,
}

impl RuleStates {
    /// Applies `directives` (in document order) to rules `targets`, starting from `initially`.
    pub fn new(directives: &[Directive], targets: &[CommentTarget<'_>], initially: Vec<bool>) -> RuleStates {
        let named = |d: &Directive| -> Vec<usize> {
            (0..targets.len())
                .filter(|&i| {
                    let target = &targets[i];
                    if d.names.is_empty() {
                        return d.origin == Origin::Hblint || target.markdownlint;
                    }
                    d.names.iter().any(|n| crate::config::markdownlint::names_rule(n, target.code, target.name))
                })
                .collect()
        };
        let set = |state: &mut Vec<bool>, d: &Directive, on: bool| {
            for i in named(d) {
                state[i] = on;
            }
        };
        let mut start = initially;
        for d in directives {
            match d.kind {
                DirectiveKind::DisableFile => set(&mut start, d, false),
                DirectiveKind::EnableFile => set(&mut start, d, true),
                _ => {}
            }
        }
        let mut from_line = vec![(1, start.clone())];
        let mut captured = start.clone();
        let mut state = start;
        let mut off_on_line = Vec::new();
        for d in directives {
            match d.kind {
                DirectiveKind::Capture => captured = state.clone(),
                DirectiveKind::Restore => state = captured.clone(),
                DirectiveKind::Disable => set(&mut state, d, false),
                DirectiveKind::Enable => set(&mut state, d, true),
                DirectiveKind::DisableLine => off_on_line.extend(named(d).into_iter().map(|i| (d.line, i))),
                DirectiveKind::DisableNextLine => off_on_line.extend(named(d).into_iter().map(|i| (d.line + 1, i))),
                DirectiveKind::DisableFile | DirectiveKind::EnableFile => continue,
            }
            match from_line.last_mut() {
                Some((line, last)) if *line == d.line => last.clone_from(&state),
                Some((_, last)) if *last == state => {}
                _ => from_line.push((d.line, state.clone())),
            }
        }
        off_on_line.sort_unstable();
        off_on_line.dedup();
        RuleStates { from_line, off_on_line }
    }

    /// Whether rule `rule` (an index into the targets) is on at 1-based `line`.
    pub fn enabled(&self, rule: usize, line: usize) -> bool {
        let at = self.from_line.partition_point(|(from, _)| *from <= line).saturating_sub(1);
        self.from_line[at].1[rule] && self.off_on_line.binary_search(&(line, rule)).is_err()
    }

    /// Whether rule `rule` is on anywhere on the page (else it need not run).
    pub fn ever_enabled(&self, rule: usize) -> bool {
        self.from_line.iter().any(|(_, state)| state[rule])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TARGETS: &[CommentTarget<'static>] = &[
        CommentTarget { code: "MD009", name: "no-trailing-spaces", markdownlint: true },
        CommentTarget { code: "MD013", name: "line-length", markdownlint: true },
        CommentTarget { code: "PR201", name: "doubled-word", markdownlint: false },
        CommentTarget { code: "JF001", name: "missing-job-grade", markdownlint: false },
    ];

    fn states(text: &str, initially: [bool; 4]) -> RuleStates {
        let lines = LineIndex::new(text);
        let mut directives = Vec::new();
        scan_markdownlint(text, 0, &lines, &mut directives);
        scan_hblint(text, Span::new(0, text.len()), &lines, &mut directives);
        directives.sort_by_key(|d| d.offset);
        RuleStates::new(&directives, TARGETS, initially.to_vec())
    }

    /// The on/off state of rule `rule` on lines 1..=n.
    fn column(states: &RuleStates, rule: usize, n: usize) -> String {
        (1..=n).map(|line| if states.enabled(rule, line) { '1' } else { '0' }).collect()
    }

    #[test]
    fn hblint_ranges_lines_and_files() {
        let text = "a\n<!-- hblint-disable PR201, line-length -->\nb\n<!-- HBLINT-ENABLE PR201 -->\nc\n<!-- hblint-disable-next-line -->\nd\n";
        let s = states(text, [true; 4]);
        assert_eq!(column(&s, 2, 7), "1001110");
        assert_eq!(column(&s, 1, 7), "1000000");
        assert_eq!(column(&s, 3, 7), "1111110");
        let file = states("x <!-- hblint-disable-file JF001 --> y", [true; 4]);
        assert_eq!(column(&file, 3, 1), "0");
        assert_eq!(column(&file, 2, 1), "1");
    }

    #[test]
    fn markdownlint_keywords_in_any_case_and_names_by_tag() {
        let text = "<!-- markdownlint-disable whitespace -->\na\n<!-- MARKDOWNLINT-ENABLE No-Trailing-Spaces -->\nb\n";
        let s = states(text, [true; 4]);
        assert_eq!(column(&s, 0, 4), "0011");
        // A markdownlint comment without names leaves hblint's own rules alone.
        let bare = states("<!-- markdownlint-disable -->\na\n", [true; 4]);
        assert_eq!(column(&bare, 0, 2), "00");
        assert_eq!(column(&bare, 2, 2), "11");
        // Names are separated by white space only, as markdownlint separates them.
        let comma = states("<!-- markdownlint-disable MD009,MD013 -->\na\n", [true; 4]);
        assert_eq!(column(&comma, 0, 2), "11");
        // The `-->` must be on the comment's line.
        let split = states("<!-- markdownlint-disable\nMD009 -->\na\n", [true; 4]);
        assert_eq!(column(&split, 0, 3), "111");
    }

    #[test]
    fn restore_can_be_used_again_and_enable_turns_on_a_rule_the_configuration_left_off() {
        let text = "<!-- markdownlint-capture -->\n<!-- markdownlint-disable MD009 -->\na\n<!-- markdownlint-restore -->\nb\n<!-- markdownlint-disable MD009 -->\nc\n<!-- markdownlint-restore -->\nd\n";
        let s = states(text, [true; 4]);
        assert_eq!(column(&s, 0, 9), "100110011");
        let off = states("a\n<!-- markdownlint-enable MD013 -->\nb\n", [true, false, true, true]);
        assert_eq!(column(&off, 1, 3), "011");
        assert!(off.ever_enabled(1));
        let file = states("a\n<!-- markdownlint-enable-file MD013 -->\n", [true, false, true, true]);
        assert_eq!(column(&file, 1, 2), "11");
        // Restore without capture returns to the starting state (after the file comments).
        let restore = states(
            "<!-- markdownlint-disable-file MD009 -->\n<!-- markdownlint-enable -->\na\n<!-- markdownlint-restore -->\nb\n",
            [true; 4],
        );
        assert_eq!(column(&restore, 0, 5), "01100");
    }

    #[test]
    fn configure_file_comments_merge_span_lines_and_bad_ones_are_ignored() {
        let text = "<!-- markdownlint-configure-file { \"MD009\": false, \"MD026\": true } -->\n<!-- markdownlint-configure-file not json: [ -->\n<!-- MarkdownLint-Configure-File\nMD026:\n  punctuation: \"!\"\n-->";
        let mut config = None;
        scan_configure_file(text, 0, &mut config);
        let config = config.expect("configured");
        assert_eq!(config.get("MD009"), Some(&serde_json::json!(false)));
        assert_eq!(config.get("MD026"), Some(&serde_json::json!({"punctuation": "!"})));
        assert_eq!(config.len(), 2);
    }
}

//! MD020 no-missing-space-closed-atx.

use super::lines::{body_lines, code_and_html_lines};
use crate::diagnostic::Edit;
use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;
use regex::Regex;
use std::sync::LazyLock;

pub static META: RuleMeta = RuleMeta {
    code: "MD020",
    name: "no-missing-space-closed-atx",
    group: Group::Markdown,
    summary: "no space inside hashes on closed atx style heading",
    docs: r##"## What it does
markdownlint's MD020: a line outside code and HTML blocks that starts and ends with `#`
characters, with no space between the opening hashes and the text or between the text and the
closing hashes (`#Heading#`, `# Heading#`). An escaped closing hash (`# Heading \##`) needs a
space after it too.

A line whose start is inside an HTML comment is not checked: markdownlint hides the text of
comments from its line rules (an inline comment only when it is valid CommonMark: no `--`
inside).

## Why is this bad?
Without the spaces the line is not a closed heading: "#Heading#" renders as a paragraph and
"# Heading#" as a heading whose text ends with a "#".

## Example
```markdown
#Heading#

## Heading##
```

## Use instead
```markdown
# Heading #

## Heading ##
```
"##,
    severity: Severity::Warning,
    fix: true,
    params: &[],
};

/// "#Heading#" lines.
pub struct NoMissingSpaceClosedAtx;

/// markdownlint's pattern for a closed ATX heading line, spaces or not.
static CLOSED_ATX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(#+)([ \t]*)([^# \t\\]|[^# \t][^#]*?[^# \t\\])([ \t]*)((?:\\#)?)(#+)(\s*)$").expect("valid")
});

impl Rule for NoMissingSpaceClosedAtx {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, _params: &Params, out: &mut Sink<'_>) {
        let mut ignored: Option<Vec<bool>> = None;
        let mut hidden: Option<Vec<Span>> = None;
        for line in body_lines(page) {
            let text = line.text;
            if !text.starts_with('#') || !text.trim_end().ends_with('#') {
                continue;
            }
            let Some(caps) = CLOSED_ATX.captures(text) else { continue };
            if ignored.get_or_insert_with(|| code_and_html_lines(page))[line.number] {
                continue;
            }
            // markdownlint hides the text of HTML comments from its line rules.
            if super::html::in_hidden_comment(
                hidden.get_or_insert_with(|| super::html::hidden_comments(page)),
                line.start,
            ) {
                continue;
            }
            let group = |i: usize| caps.get(i).map_or("", |m| m.as_str());
            let (left_hash, right_hash) = (group(1), group(6));
            let left = group(2).is_empty();
            let right = group(4).is_empty() || !group(5).is_empty();
            if !left && !right {
                continue;
            }
            let shown = text.trim();
            let escape_at = caps.get(5).map_or(0, |m| m.start());
            let hash_at = caps.get(6).map_or(0, |m| m.start());
            let (span, message) = if left {
                (
                    Span::new(line.start, line.start + left_hash.len()),
                    format!("no space after the opening '{left_hash}' in closed heading '{shown}'"),
                )
            } else {
                // markdownlint's column: the character before the closing hashes' last run.
                let before = text[..hash_at].chars().next_back().map_or(0, char::len_utf8);
                (
                    Span::new(line.start + hash_at - before, line.start + hash_at + right_hash.len()),
                    format!("no space before the closing '{right_hash}' in closed heading '{shown}'"),
                )
            };
            // Only the missing spaces are inserted: the rest of the line is no business of this
            // rule (MD021 owns runs of spaces), and small edits leave other fixes room.
            let mut edits = Vec::new();
            let mut insert = |at: usize| {
                edits.push(Edit { span: Span::new(line.start + at, line.start + at), replacement: " ".into() })
            };
            if left {
                insert(left_hash.len());
            }
            if right {
                if group(4).is_empty() {
                    insert(if group(5).is_empty() { hash_at } else { escape_at });
                }
                if !group(5).is_empty() {
                    insert(hash_at);
                }
            }
            out.report(span, message)
                .help("put a space between the '#' characters and the heading text on both sides")
                .fix(edits);
        }
    }
}

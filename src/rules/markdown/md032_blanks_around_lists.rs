//! MD032 blanks-around-lists.

use super::{is_blank_at, line_range, line_span, lines_by_number};
use crate::page::Page;
use crate::rules::{Group, Rule, RuleMeta, Severity, Sink};

pub static META: RuleMeta = RuleMeta {
    code: "MD032",
    name: "blanks-around-lists",
    group: Group::Markdown,
    summary: "lists should be surrounded by blank lines",
    docs: r#"## What it does
markdownlint's MD032: a list (not nested in another list) without a blank line before its
first line or after its last.

**Differences from markdownlint.** comrak (hblint's CommonMark parser) starts an HTML block at an
unindented `<br>` or `<img …>` line that directly follows a list item's text, where CommonMark and
micromark continue the item's paragraph (such a tag cannot interrupt a paragraph). On those few
lines the list ends one line earlier for hblint, and the lines up to the next blank line are HTML
to it. These make 16 of the 17 lines that differ
on the GitLab handbook (of 5,650); the other is a list item after a sub-list indented less than
the item's text ("  4. #### Title" after "    1. …"), which comrak and micromark nest differently.

## Why is this bad?
A list glued to a paragraph may not start where the author meant, and lazy continuation lines
can swallow the paragraph after it.

## Example
```markdown
Requirements:
* SQL
Text after the list.
```

## Use instead
```markdown
Requirements:

* SQL

Text after the list.
```
"#,
    severity: Severity::Warning,
    fix: false,
};

/// Lists glued to other blocks.
pub struct BlanksAroundLists;

impl Rule for BlanksAroundLists {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, out: &mut Sink<'_>) {
        let lines = lines_by_number(page);
        let text_of = |n: usize| lines.get(n).copied().flatten();
        let line_span = |number: usize| line_span(page, lines, number);
        for list in page.lists.iter().filter(|l| l.depth == 0) {
            let (start, mut end) = line_range(page, list.span);
            // The list ends at its last line with content.
            while end > start && text_of(end).is_none_or(super::is_blank) {
                end -= 1;
            }
            if !is_blank_at(lines, start - 1) {
                out.report(line_span(start), "no blank line before the list").help("add a blank line before the list");
            }
            if !is_blank_at(lines, end + 1) {
                out.report(line_span(end), "no blank line after the list").help("add a blank line after the list");
            }
        }
    }
}

//! MD032 blanks-around-lists.

use super::lines::{is_blank_at, line_range, line_span, lines_by_number};
use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};

pub static META: RuleMeta = RuleMeta {
    code: "MD032",
    name: "blanks-around-lists",
    group: Group::Markdown,
    summary: "lists should be surrounded by blank lines",
    docs: r#"## What it does
markdownlint's MD032: a list (not nested in another list) without a blank line before its
first line or after its last.

**Differences from markdownlint.** comrak (hblint's CommonMark parser) starts an HTML block
at an unindented `<br>` or `<img …>` line that directly follows a list item's text, where
CommonMark and micromark continue the item's paragraph (such a tag cannot interrupt a
paragraph). This rule follows the paragraph to find where the list ends, as markdownlint does;
but a list that starts inside the lines comrak took for HTML (up to the next blank line) is not
seen. On the GitLab handbook 3 lines of 5,636 differ: that case, a list item after a sub-list
indented less than the item's text ("  4. #### Title" after "    1. …"), which comrak and
micromark nest differently, and one `<br/>` where micromark ends the list a line earlier.

Inside a `$$` math block (micromark's math extension, which CommonMark lacks), a line that
starts with `+ ` or `- ` is math to markdownlint and a list to hblint.

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
    fix: true,
    params: &[],
};

/// Lists glued to other blocks.
pub struct BlanksAroundLists;

impl Rule for BlanksAroundLists {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, _params: &Params, out: &mut Sink<'_>) {
        let lines = lines_by_number(page);
        let text_of = |n: usize| lines.get(n).copied().flatten();
        let line_span = |number: usize| line_span(page, lines, number);
        for list in page.lists.iter().filter(|l| l.depth == 0) {
            let (start, mut end) = line_range(page, list.span);
            // The list ends at its last line with content.
            while end > start && text_of(end).is_none_or(super::lines::is_blank) {
                end -= 1;
            }
            // An unindented `<br>`-like line right after the last item's text continues that
            // paragraph (CommonMark, micromark), where comrak starts an HTML block: the list
            // runs on to the next line that can interrupt a paragraph.
            let mut continues = false;
            if text_of(end + 1).is_some_and(super::html::is_lazy_html) {
                end += 1;
                while text_of(end + 1).is_some_and(|l| !super::lines::is_blank(l) && !interrupts_paragraph(l)) {
                    end += 1;
                }
                // A list item there continues the same list, whose end comrak no longer sees.
                continues = text_of(end + 1).is_some_and(starts_list_item);
            }
            if !is_blank_at(lines, start - 1) {
                out.report(line_span(start), "no blank line before the list")
                    .help("add a blank line before the list")
                    .fix(vec![super::fixes::insert_blank_lines(page, lines, start, start, 1)]);
            }
            if !continues && !is_blank_at(lines, end + 1) {
                out.report(line_span(end), "no blank line after the list")
                    .help("add a blank line after the list")
                    .fix(vec![super::fixes::insert_blank_lines(page, lines, end + 1, end, 1)]);
            }
        }
    }
}

/// Whether a line starts with a list marker.
fn starts_list_item(line: &str) -> bool {
    let trimmed = line.trim_start();
    let ordered = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    let rest =
        if ordered > 0 { trimmed[ordered..].strip_prefix(['.', ')']) } else { trimmed.strip_prefix(['-', '*', '+']) };
    rest.is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t']))
}

/// Whether a line opens a block that may interrupt a paragraph (so it ends a lazy continuation).
fn interrupts_paragraph(line: &str) -> bool {
    let trimmed = line.trim_start();
    if line.len() - trimmed.len() > 3 {
        return false;
    }
    let ordered = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    trimmed.starts_with(['#', '>', '-', '*', '+', '<'])
        || trimmed.starts_with("```")
        || trimmed.starts_with("~~~")
        || (ordered > 0 && trimmed[ordered..].starts_with(['.', ')']))
}

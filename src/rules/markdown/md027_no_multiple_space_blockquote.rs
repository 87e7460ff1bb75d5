//! MD027 no-multiple-space-blockquote.

use super::lines::{body_lines, code_and_html_lines};
use crate::diagnostic::Edit;
use crate::page::Page;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;

const LIST_ITEMS: Param = Param::boolean("list_items", true, "check list items in block quotes too");

pub static META: RuleMeta = RuleMeta {
    code: "MD027",
    name: "no-multiple-space-blockquote",
    group: Group::Markdown,
    summary: "multiple spaces after blockquote symbol",
    docs: r#"## What it does
markdownlint's MD027: more than one space after a block quote's `>` (an indented code block
inside the quote, four spaces or more after a blank quote line, is fine; the same spaces
continuing a paragraph are not). The fix removes the extra spaces. Parameter: `list_items`
(default `true`; `false` leaves the lines of lists inside quotes alone).

## Why is this bad?
The extra spaces do nothing, or turn the line into code by accident when they grow.

## Example
```markdown
>  Quoted text
```

## Use instead
```markdown
> Quoted text
```
"#,
    severity: Severity::Warning,
    fix: true,
    params: &[LIST_ITEMS],
};

/// `>  text`.
pub struct NoMultipleSpaceBlockquote;

impl Rule for NoMultipleSpaceBlockquote {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        let ignored = code_and_html_lines(page);
        let list_items = params.flag(&LIST_ITEMS);
        // The deepest list covering each line, computed once (a scan of every list per line
        // would be quadratic on long pages).
        let mut list_depth: Vec<Option<usize>> = vec![None; page.lines.line_count() + 2];
        for list in &page.lists {
            let (first, last) = super::lines::line_range(page, list.span);
            for slot in &mut list_depth[first..=last.min(page.lines.line_count())] {
                *slot = Some(slot.map_or(list.depth, |d: usize| d.max(list.depth)));
            }
        }
        for line in body_lines(page) {
            let text = line.text;
            let indent = text.len() - text.trim_start_matches(' ').len();
            if ignored[line.number] || indent > 3 || !text[indent..].starts_with('>') {
                continue;
            }
            // Past every `>` marker, each with its one optional space.
            let mut at = indent;
            while text[at..].starts_with('>') {
                at += 1;
                let spaces = text[at..].len() - text[at..].trim_start_matches(' ').len();
                if text[at + spaces..].starts_with('>') {
                    at += spaces;
                }
            }
            let rest = &text[at..];
            let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            // Five or more spaces are indented code only when they open a block; continuing a
            // paragraph they are extra spaces too (code lines are skipped above).
            if spaces < 2 {
                continue;
            }
            // Inside a list item of the quote the spaces are the item's indentation; before the
            // marker of an item of the quote's own list they are extra, as markdownlint sees it.
            if let Some(depth) = list_depth[line.number] {
                if !list_items {
                    continue;
                }
                let marker = rest.trim_start().starts_with(['-', '*', '+'])
                    || rest
                        .trim_start()
                        .split_once(['.', ')'])
                        .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
                if !(marker && depth == 0) {
                    continue;
                }
            }
            let extra = Span::new(line.start + at + 1, line.start + at + spaces);
            out.report(extra, format!("{spaces} spaces after '>'"))
                .help("use one space after '>'")
                .fix(vec![Edit { span: extra, replacement: String::new() }]);
        }
    }
}

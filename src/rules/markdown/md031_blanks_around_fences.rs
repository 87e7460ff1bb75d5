//! MD031 blanks-around-fences.

use super::lines::{is_blank_at, line_range, line_span, lines_by_number};
use crate::page::Page;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};

const LIST_ITEMS: Param = Param::boolean("list_items", true, "check fenced code blocks inside list items too");

pub static META: RuleMeta = RuleMeta {
    code: "MD031",
    name: "blanks-around-fences",
    group: Group::Markdown,
    summary: "fenced code blocks should be surrounded by blank lines",
    docs: r#"## What it does
markdownlint's MD031: a fenced code block without a blank line before its opening fence or
after its closing fence (in list items too, unless `list_items = false`: then a block anywhere
inside a list, in a block quote in an item too, is not checked, which allows tight lists that
hold code).

**Differences from markdownlint.** One place in the GitLab handbook differs: a fenced block in a
list whose lines are indented less than the item's content, which comrak and micromark close in
different places. A fence left open in a list item ends, for comrak, where the next item starts;
micromark takes that item's first line into the code, so markdownlint does not ask for a blank
line there and hblint does.

## Why is this bad?
Some renderers do not start a code block glued to a paragraph, and the source is hard to read.

## Example
````markdown
Run this:
```shell
git status
```
````

## Use instead
````markdown
Run this:

```shell
git status
```
````
"#,
    severity: Severity::Warning,
    fix: true,
    params: &[LIST_ITEMS],
};

/// Fences glued to other lines.
pub struct BlanksAroundFences;

impl Rule for BlanksAroundFences {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        let lines = lines_by_number(page);
        let first = super::lines::first_body_line(page) + 1;
        let list_items = params.flag(&LIST_ITEMS);
        let in_list_item =
            |at: usize| page.lists.iter().flat_map(|l| &l.items).any(|item| item.span.start < at && at < item.span.end);
        for block in page.markdown.code_blocks.iter().filter(|b| b.fenced) {
            if !list_items && in_list_item(block.span.start) {
                continue;
            }
            let (start, end) = line_range(page, block.span);
            let line_span = |number: usize| line_span(page, lines, number);
            if start > first && !is_blank_at(lines, start - 1) {
                out.report(line_span(start), "no blank line before the code fence")
                    .help("add a blank line before the fence")
                    .fix(vec![super::fixes::insert_blank_lines(page, lines, start, start, 1)]);
            }
            if !is_blank_at(lines, end + 1) && !is_blank_at(lines, end) {
                out.report(line_span(end), "no blank line after the code fence")
                    .help("add a blank line after the fence")
                    .fix(vec![super::fixes::insert_blank_lines(page, lines, end + 1, end, 1)]);
            }
        }
    }
}

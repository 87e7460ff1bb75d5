//! MD022 blanks-around-headings.

use super::lines::{is_blank_at, line_range, lines_by_number};
use crate::page::Page;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};

const LINES_ABOVE: Param = Param::width("lines_above", 1, "the blank lines wanted above a heading");
const LINES_BELOW: Param = Param::width("lines_below", 1, "the blank lines wanted below a heading");

pub static META: RuleMeta = RuleMeta {
    code: "MD022",
    name: "blanks-around-headings",
    group: Group::Markdown,
    summary: "headings should be surrounded by blank lines",
    docs: r#"## What it does
markdownlint's MD022: a heading without `lines_above` (default 1) blank lines before it or
`lines_below` (default 1) after it. The start of the body (after front matter) and the end of
the file count as blank.

**Differences from markdownlint.** comrak (hblint's CommonMark parser) starts an HTML block at an
unindented `<br>` or `<img …>` line that directly follows a list item's text, where CommonMark and
micromark continue the item's paragraph (such a tag cannot interrupt a paragraph). On those few
lines the list ends one line earlier for hblint, and the lines up to the next blank line are HTML
to it. A heading inside such lines is not seen. Headings inside list items after a sub-list
indented less than the item's text (" 4. #### Title" after " 1. …") are headings to comrak but not
to micromark.

## Why is this bad?
Some renderers do not see a heading glued to a paragraph, and the source is harder to scan.

## Example
```markdown
# Title
Text right under the heading.
```

## Use instead
```markdown
# Title

Text under the heading.
```
"#,
    severity: Severity::Warning,
    fix: true,
    params: &[LINES_ABOVE, LINES_BELOW],
};

/// Headings glued to other lines.
pub struct BlanksAroundHeadings;

impl Rule for BlanksAroundHeadings {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        let above = params.int(&LINES_ABOVE) as usize;
        let below = params.int(&LINES_BELOW) as usize;
        let lines = lines_by_number(page);
        let first = super::lines::first_body_line(page) + 1;
        for heading in &page.headings {
            let (start, end) = line_range(page, heading.span);
            let blank_above = (1..=above).take_while(|i| start < first + i || is_blank_at(lines, start - i)).count();
            if blank_above < above {
                out.report(
                    heading.span,
                    format!(
                        "expected {above} blank line{} above the heading, found {blank_above}",
                        if above == 1 { "" } else { "s" }
                    ),
                )
                .help("add a blank line before the heading")
                .fix(vec![super::fixes::insert_blank_lines(
                    page,
                    lines,
                    start,
                    start.saturating_sub(1),
                    above - blank_above,
                )]);
            }
            let blank_below = (1..=below).take_while(|i| is_blank_at(lines, end + i)).count();
            if blank_below < below {
                out.report(
                    heading.span,
                    format!(
                        "expected {below} blank line{} below the heading, found {blank_below}",
                        if below == 1 { "" } else { "s" }
                    ),
                )
                .help("add a blank line after the heading")
                .fix(vec![super::fixes::insert_blank_lines(
                    page,
                    lines,
                    end + 1,
                    end + 1,
                    below - blank_below,
                )]);
            }
        }
    }
}

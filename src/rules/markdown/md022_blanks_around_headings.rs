//! MD022 blanks-around-headings.

use super::fixes::insert_blank_lines;
use super::lines::{is_blank_at, line_range, lines_by_number};
use crate::page::Page;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};

const LINES_ABOVE: Param = Param::per_heading_level("lines_above", 1, "the blank lines wanted above a heading");
const LINES_BELOW: Param = Param::per_heading_level("lines_below", 1, "the blank lines wanted below a heading");
const INCLUDE_FRONT_MATTER: Param = Param::boolean(
    "include_front_matter",
    false,
    "count the front matter's lines above the first heading (else they count as blank)",
);

pub static META: RuleMeta = RuleMeta {
    code: "MD022",
    name: "blanks-around-headings",
    group: Group::Markdown,
    summary: "headings should be surrounded by blank lines",
    docs: r#"## What it does
markdownlint's MD022: a heading without `lines_above` (default 1) blank lines before it or
`lines_below` (default 1) after it. The start of the body (after front matter) and the end of
the file count as blank. More blank lines than asked are fine (MD012 reports those).
Either parameter is one number for every heading, or a list whose items are for heading levels
1 to 6 in order (`lines_above = [1, 2]`: one line above `#` headings, two above `##`, one, the
default, above the rest); `-1` means any number of blank lines, none included. With
`include_front_matter = true`, a heading right under the front matter needs its blank lines
too (by default the front matter counts as blank lines).

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
    params: &[LINES_ABOVE, LINES_BELOW, INCLUDE_FRONT_MATTER],
};

/// Headings glued to other lines.
pub struct BlanksAroundHeadings;

impl Rule for BlanksAroundHeadings {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        let lines = lines_by_number(page);
        let first = super::lines::first_body_line(page) + 1;
        let include_front_matter = params.flag(&INCLUDE_FRONT_MATTER);
        let text = page.source.text.as_str();
        // A line before the body: blank, unless it is a front matter line that counts.
        let blank_before_body = |number: usize| {
            if !include_front_matter || number == 0 {
                return true;
            }
            let start = page.lines.line_start(number - 1).min(text.len());
            let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
            super::lines::is_blank(text[start..end].trim_end_matches('\r'))
        };
        for heading in &page.headings {
            let (start, end) = line_range(page, heading.span);
            let wanted = |param| params.for_heading_level(param, heading.level).map(|n| n as usize);
            if let Some(above) = wanted(&LINES_ABOVE) {
                // Lines before the body (front matter, the start of the file) count as blank.
                let blank_above = (1..=above)
                    .take_while(|&i| match start.checked_sub(i) {
                        Some(number) if number >= first => is_blank_at(lines, number),
                        Some(number) => blank_before_body(number),
                        None => true,
                    })
                    .count();
                if blank_above < above {
                    out.report(heading.span, expected(above, "above", blank_above))
                        .help("add a blank line before the heading")
                        .fix(vec![insert_blank_lines(
                            page,
                            lines,
                            start,
                            start.saturating_sub(1),
                            above - blank_above,
                        )]);
                }
            }
            if let Some(below) = wanted(&LINES_BELOW) {
                let blank_below = (1..=below).take_while(|i| is_blank_at(lines, end + i)).count();
                if blank_below < below {
                    out.report(heading.span, expected(below, "below", blank_below))
                        .help("add a blank line after the heading")
                        .fix(vec![insert_blank_lines(page, lines, end + 1, end + 1, below - blank_below)]);
                }
            }
        }
    }
}

/// The message for `found` blank lines on one `side` of a heading where `wanted` are due.
fn expected(wanted: usize, side: &str, found: usize) -> String {
    format!("expected {wanted} blank line{} {side} the heading, found {found}", if wanted == 1 { "" } else { "s" })
}

//! MD058 blanks-around-tables.

use super::lines::line_range;
use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};

pub static META: RuleMeta = RuleMeta {
    code: "MD058",
    name: "blanks-around-tables",
    group: Group::Markdown,
    summary: "tables should be surrounded by blank lines",
    docs: r#"## What it does
markdownlint's MD058: a table with a non-blank line right before or right after it.

**Differences from markdownlint.** Where a table's last row is followed by a line holding only `|`
or spaces and `|`, comrak ends the table one row later than micromark (2 tables in the GitLab
handbook).

**Like markdownlint, not CommonMark.** A `:::` line that opens a container directive (`:::note`,
with an optional `[label]` and `{attributes}`) or closes an open one (`:::`), which markdownlint's
parser reads, ends a table: a table right above it needs a blank line, and the line is not a row
for MD055, MD056 or MD060. Other `:::` lines (`::: note` with a space, `:::{.x}` with no name, a
`:::` with no directive open) are rows, for markdownlint too. hblint finds the open directives
line by line without its parser, so a directive fence shown inside a code block counts too.

## Why is this bad?
Some renderers do not recognise a table glued to a paragraph, and the source is hard to read.

## Example
```markdown
Grades:
| Level | Grade |
|-------|-------|
| Senior | 7 |
```

## Use instead
```markdown
Grades:

| Level | Grade |
|-------|-------|
| Senior | 7 |
```
"#,
    severity: Severity::Warning,
    fix: true,
    params: &[],
};

/// Tables glued to other blocks.
pub struct BlanksAroundTables;

/// A missing line (before the first or after the last) counts as blank.
fn is_blank(line: Option<&str>) -> bool {
    line.is_none_or(super::lines::is_blank)
}

impl Rule for BlanksAroundTables {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, _params: &Params, out: &mut Sink<'_>) {
        if page.markdown.tables.is_empty() {
            return;
        }
        let lines = super::lines::lines_by_number(page);
        let text_of = |n: usize| lines.get(n).copied().flatten();
        for table in &page.markdown.tables {
            let (first, last) = line_range(page, *table);
            if !is_blank(first.checked_sub(1).and_then(text_of)) {
                out.report(super::lines::line_span(page, lines, first), "no blank line before the table")
                    .help("add a blank line before the table")
                    .fix(vec![super::fixes::insert_blank_lines(page, lines, first, first, 1)]);
            }
            if !is_blank(text_of(last + 1)) {
                out.report(super::lines::line_span(page, lines, last), "no blank line after the table")
                    .help("add a blank line after the table")
                    .fix(vec![super::fixes::insert_blank_lines(page, lines, last + 1, last, 1)]);
            }
        }
    }
}

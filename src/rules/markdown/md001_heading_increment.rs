//! MD001 heading-increment.

use super::headings::front_matter_has_title;
use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};

pub static META: RuleMeta = RuleMeta {
    code: "MD001",
    name: "heading-increment",
    group: Group::Markdown,
    summary: "heading levels should only increment by one level at a time",
    docs: r#"## What it does
markdownlint's MD001: a heading may be at most one level deeper than the heading before it. A
front matter `title` counts as the level-1 heading (parameter `front_matter_title`, as in
markdownlint).

**Differences from markdownlint.** After an unindented `<br>` or `<img …>` line right below a list
item's text, comrak (like cmark-gfm, which GitHub and GitLab render with) reads the lines up to
the next blank line as an HTML block, where micromark continues the item: a heading there is
seen by markdownlint only (see `hblint explain MD022`).

## Why is this bad?
Skipped levels break the outline that screen readers, tables of contents and anchors rely on.

## Example
```markdown
# Title
### Details
```

## Use instead
```markdown
# Title
## Details
```
"#,
    severity: Severity::Warning,
    fix: false,
    params: &[super::headings::FRONT_MATTER_TITLE],
};

/// Headings that skip a level.
pub struct HeadingIncrement;

impl Rule for HeadingIncrement {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        let mut previous: u8 = if front_matter_has_title(page, params.pattern(&super::headings::FRONT_MATTER_TITLE)) {
            1
        } else {
            u8::MAX
        };
        for heading in &page.headings {
            if heading.level > previous.saturating_add(1) {
                out.report(
                    heading.span,
                    format!("heading level jumps from h{previous} to h{}; expected h{}", heading.level, previous + 1),
                )
                .help(format!("make it an h{} heading, or add the missing level above it", previous + 1));
            }
            previous = heading.level;
        }
    }
}

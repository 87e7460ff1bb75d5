//! MD025 single-title / single-h1.

use super::headings::front_matter_has_title;
use crate::page::{BlockKind, Page};
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};

/// The level of the title heading.
const LEVEL: Param = Param::integer("level", 1, "the heading level of the title");

pub static META: RuleMeta = RuleMeta {
    code: "MD025",
    name: "single-h1",
    group: Group::Markdown,
    summary: "multiple top-level headings in the same document",
    docs: r#"## What it does
markdownlint's MD025 (also `single-title`): more than one heading of `level` (default 1). A
front matter `title` counts as the top-level heading, so every H1 is then reported. When the
first H1 is not the first content of the page, the page has no title heading and nothing is
reported, as in markdownlint. Parameters: `level`, `front_matter_title`.

## Why is this bad?
A page has one title; a second H1 splits its outline in two.

## Example
```markdown
# Title
# Another title
```

## Use instead
```markdown
# Title
## Section
```
"#,
    severity: Severity::Warning,
    fix: false,
    params: &[LEVEL, super::headings::FRONT_MATTER_TITLE],
};

/// A second top-level heading.
pub struct SingleH1;

impl Rule for SingleH1 {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        let level = params.int(&LEVEL) as u8;
        let matching: Vec<usize> = (0..page.headings.len()).filter(|&i| page.headings[i].level == level).collect();
        let Some(&first) = matching.first() else { return };
        let titled = front_matter_has_title(page, params.pattern(&super::headings::FRONT_MATTER_TITLE));
        let first_is_title = titled || {
            // Only blank lines and HTML comments may come before the title heading.
            let before = page.headings[first].span.start;
            page.blocks
                .iter()
                .take_while(|b| b.span.start < before)
                .all(|b| b.kind == BlockKind::Html && page.slice(b.span).trim_start().starts_with("<!--"))
        };
        if !first_is_title {
            return;
        }
        for &i in matching.iter().skip(usize::from(!titled)) {
            let heading = &page.headings[i];
            let reason = if titled {
                "the front matter title is the page's top-level heading"
            } else {
                "the page already has one"
            };
            out.report(heading.span, format!("more than one h{level} heading: '{}' ({reason})", heading.text))
                .help(format!("make it an h{} heading", level + 1));
        }
    }
}

//! MD024 no-duplicate-heading.

use super::headings::heading_text;
use crate::page::Page;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};

const SIBLINGS_ONLY: Param =
    Param::boolean("siblings_only", false, "only headings under the same parent heading must differ");

pub static META: RuleMeta = RuleMeta {
    code: "MD024",
    name: "no-duplicate-heading",
    group: Group::Markdown,
    summary: "multiple headings with the same content",
    docs: r#"## What it does
markdownlint's MD024: a heading with the same text as an earlier one. With `siblings_only`,
only headings under the same parent heading are compared (a "Requirements" under each level of
a job-family page is fine then).

## Why is this bad?
Duplicate headings get numbered anchors (`#requirements-1`) that nobody can guess, and readers
lose track of where they are.

## Example
```markdown
## Overview
## Overview
```

## Use instead
```markdown
## Overview
## Details
```
"#,
    severity: Severity::Warning,
    fix: false,
    params: &[SIBLINGS_ONLY],
};

/// Repeated headings.
pub struct NoDuplicateHeading;

impl Rule for NoDuplicateHeading {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        let siblings_only = params.flag(&SIBLINGS_ONLY);
        // One list of known texts per open level (index 0 unused), as markdownlint keeps them.
        let mut known: Vec<Vec<String>> = vec![Vec::new(), Vec::new()];
        let mut last_level = 1usize;
        for heading in &page.headings {
            let text = heading_text(page, heading);
            let slot = if siblings_only {
                let level = usize::from(heading.level);
                while last_level < level {
                    last_level += 1;
                    if known.len() <= last_level {
                        known.push(Vec::new());
                    }
                    known[last_level].clear();
                }
                while last_level > level {
                    known[last_level].clear();
                    last_level -= 1;
                }
                level
            } else {
                1
            };
            if known[slot].contains(&text) {
                out.report(heading.span, format!("duplicate heading '{text}'"))
                    .help("give the heading a distinct name");
            } else {
                known[slot].push(text);
            }
        }
    }
}

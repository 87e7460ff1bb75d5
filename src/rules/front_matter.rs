//! FM001 broken-front-matter.

use super::{Group, Rule, RuleMeta, Severity, Sink};
use crate::page::Page;

pub static META: RuleMeta = RuleMeta {
    code: "FM001",
    name: "broken-front-matter",
    group: Group::Page,
    summary: "the front matter block is unclosed, not valid YAML, or lacks its opening `---`",
    docs: r#"## What it does
Checks the YAML front matter block at the top of a page: it must be closed by a `---` line and
parse as a YAML mapping. A page that starts with `layout:` or `title:` lines followed by a lone
`---` has lost its opening `---`: that is reported too (other `key: value` lines before a
`---` are an ordinary paragraph turned into a heading, and are left alone).

## Why is this bad?
A broken block loses the page's `layout` and `title`: the site renders the YAML as text (the
closing `---` even turns the line above into a heading), and hblint cannot tell that the page is a
job-family page.

## Example
```markdown
---
layout: job_family_page
title: Manager: Data
---
```

## Use instead
```markdown
---
layout: job_family_page
title: "Manager: Data"
---
```
"#,
    severity: Severity::Error,
    fix: false,
    params: &[],
};

/// Reports the problem `Page::build` found while reading front matter.
pub struct BrokenFrontMatter;

impl Rule for BrokenFrontMatter {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, _params: &crate::rules::Params, out: &mut Sink<'_>) {
        if let Some(problem) = &page.front_matter_problem {
            out.report(problem.span, problem.message.clone()).help(problem.help);
        }
    }
}

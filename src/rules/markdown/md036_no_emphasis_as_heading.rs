//! MD036 no-emphasis-as-heading.

use crate::page::Page;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};

const PUNCTUATION: Param = Param::string(
    "punctuation",
    ".,;:!?。，；：！？",
    "an emphasized paragraph ending with one of these is not a heading",
);

pub static META: RuleMeta = RuleMeta {
    code: "MD036",
    name: "no-emphasis-as-heading",
    group: Group::Markdown,
    summary: "emphasis used instead of a heading",
    docs: r#"## What it does
markdownlint's MD036: a paragraph that is only emphasized text (`**Overview**`), not ending
in punctuation (parameter `punctuation`, default `.,;:!?` and their full-width forms).

**Differences from markdownlint.** markdownlint-cli2 parses `$…$` as inline math (micromark's math
extension); hblint reads dollar amounts such as "$5k … $10k" as text. markdownlint skips a bold
line that holds such "math"; hblint reports it (two lines in the GitLab handbook).

## Why is this bad?
It looks like a heading but is not one: it is missing from the outline, the table of contents
and the anchors.

## Example
```markdown
**Requirements**

* SQL
```

## Use instead
```markdown
### Requirements

* SQL
```
"#,
    severity: Severity::Warning,
    fix: false,
    params: &[PUNCTUATION],
};

/// Bold or italic lines standing in for headings.
pub struct NoEmphasisAsHeading;

impl Rule for NoEmphasisAsHeading {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        let punctuation = params.text(&PUNCTUATION);
        for (span, text) in &page.markdown.emphasis_paragraphs {
            if text.chars().next_back().is_some_and(|c| punctuation.contains(c)) {
                continue;
            }
            // markdownlint does not report a line with trailing whitespace after the emphasis.
            let rest = &page.source.text[span.end..];
            let line_rest = rest.split('\n').next().unwrap_or("").trim_end_matches('\r');
            if !line_rest.is_empty() && line_rest.trim().is_empty() {
                continue;
            }
            out.report(*span, format!("emphasis used as a heading: '{text}'"))
                .help("make it a heading (## …), or part of a sentence");
        }
    }
}

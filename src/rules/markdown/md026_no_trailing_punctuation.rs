//! MD026 no-trailing-punctuation.

use crate::diagnostic::Edit;
use crate::page::Page;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;
use regex::Regex;
use std::sync::LazyLock;

const PUNCTUATION: Param = Param::string("punctuation", ".,;:!。，；：！", "the characters a heading may not end with");

pub static META: RuleMeta = RuleMeta {
    code: "MD026",
    name: "no-trailing-punctuation",
    group: Group::Markdown,
    summary: "trailing punctuation in heading",
    docs: r#"## What it does
markdownlint's MD026: a heading that ends with punctuation, `.,;:!` and their full-width forms
by default (parameter `punctuation`). A heading ending in an HTML entity (`&amp;`) or an emoji
code (`:tada:`) is not reported.

**Differences from markdownlint.** Headings inside list items after a sub-list indented less than
the item's text (" 4. #### Title:" after " 1. …") are headings to comrak but not to micromark.

## Why is this bad?
Headings are titles, not sentences; "Requirements:" also makes its anchor and links odd.

## Example
```markdown
### Requirements:
```

## Use instead
```markdown
### Requirements
```
"#,
    severity: Severity::Warning,
    fix: true,
    params: &[PUNCTUATION],
};

/// Headings ending in punctuation.
pub struct NoTrailingPunctuation;

static HTML_ENTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"&(?:#\d+|#[xX][\da-fA-F]+|[a-zA-Z]{2,31}|blk\d{2}|emsp1[34]|frac\d{2}|sup\d|there4);$").expect("valid")
});
static EMOJI_CODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r":(?:[a-z0-9_+-]{1,40}):$").expect("valid"));

impl Rule for NoTrailingPunctuation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        let punctuation = params.text(&PUNCTUATION);
        if punctuation.is_empty() {
            return;
        }
        for heading in &page.headings {
            let text_span = super::headings::heading_text_span(page, heading);
            let raw = page.slice(text_span).trim_end();
            if raw.is_empty() || HTML_ENTITY.is_match(raw) || EMOJI_CODE.is_match(raw) {
                continue;
            }
            let kept = raw.trim_end_matches(|c: char| punctuation.contains(c));
            if kept.len() == raw.len() {
                continue;
            }
            let kept = kept.trim_end();
            let span = Span::new(text_span.start + kept.len(), text_span.start + raw.len());
            let found = &raw[kept.len()..];
            out.report(span, format!("trailing punctuation '{found}' in heading"))
                .help("remove the punctuation at the end of the heading")
                .fix(vec![Edit { span, replacement: String::new() }]);
        }
    }
}

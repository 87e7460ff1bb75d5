//! MD021 no-multiple-space-closed-atx.

use super::headings::{heading_style, heading_text_span};
use crate::diagnostic::Edit;
use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;

pub static META: RuleMeta = RuleMeta {
    code: "MD021",
    name: "no-multiple-space-closed-atx",
    group: Group::Markdown,
    summary: "multiple spaces inside hashes on closed atx style heading",
    docs: r##"## What it does
markdownlint's MD021: a closed ATX heading (`# Title #`) with more than one space between the
opening `#` characters and the text, or between the text and the closing `#` characters.

## Why is this bad?
Extra spaces are invisible in the output and inconsistent in the source.

## Example
```markdown
##  Heading  ##
```

## Use instead
```markdown
## Heading ##
```
"##,
    severity: Severity::Warning,
    fix: true,
    params: &[],
};

/// "##  Heading  ##".
pub struct NoMultipleSpaceClosedAtx;

impl Rule for NoMultipleSpaceClosedAtx {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, _params: &Params, out: &mut Sink<'_>) {
        let text = page.source.text.as_str();
        for heading in page.headings.iter().filter(|h| !h.setext) {
            if heading_style(page, heading) != "atx_closed" {
                continue;
            }
            let content = heading_text_span(page, heading);
            let line = text[heading.span.start..heading.span.end].lines().next().unwrap_or("");
            let hashes_start = heading.span.start + (line.len() - line.trim_start_matches([' ', '\t']).len());
            let hashes = text[hashes_start..].bytes().take_while(|&b| b == b'#').count();
            let opening_gap = Span::new(hashes_start + hashes, content.start);
            let closing_len =
                text[content.end..].bytes().skip_while(|&b| b == b' ' || b == b'\t').take_while(|&b| b == b'#').count();
            let closing_start =
                content.end + text[content.end..].bytes().take_while(|&b| b == b' ' || b == b'\t').count();
            let closing_gap = Span::new(content.end, closing_start);
            let opening = &text[hashes_start..hashes_start + hashes];
            let closing = &text[closing_start..closing_start + closing_len];
            for (gap, message) in [
                (
                    opening_gap,
                    format!(
                        "{} spaces after the opening '{opening}' in closed heading",
                        opening_gap.end - opening_gap.start
                    ),
                ),
                (
                    closing_gap,
                    format!(
                        "{} spaces before the closing '{closing}' in closed heading",
                        closing_gap.end - closing_gap.start
                    ),
                ),
            ] {
                if gap.end > gap.start + 1 {
                    let extra = Span::new(gap.start + 1, gap.end);
                    out.report(extra, message)
                        .help("use one space between the '#' characters and the heading text")
                        .fix(vec![Edit { span: extra, replacement: String::new() }]);
                }
            }
        }
    }
}

//! MD028 no-blanks-blockquote.

use super::lines::{line_range, line_span, lines_by_number};
use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};

pub static META: RuleMeta = RuleMeta {
    code: "MD028",
    name: "no-blanks-blockquote",
    group: Group::Markdown,
    summary: "blank line inside blockquote",
    docs: r#"## What it does
markdownlint's MD028: blank lines between two block quotes with nothing else between them. Each
blank line is reported.

## Why is this bad?
Markdown tools disagree on what the blank line means: some render one quote, others two. Mark
the gap with `>` when it is one quote, or put some text between two quotes.

## Example
```markdown
> First paragraph of the quote

> Second paragraph of the quote
```

## Use instead
```markdown
> First paragraph of the quote
>
> Second paragraph of the quote
```
"#,
    severity: Severity::Warning,
    fix: false,
    params: &[],
};

/// A blank line between two block quotes.
pub struct NoBlanksBlockquote;

impl Rule for NoBlanksBlockquote {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, _params: &Params, out: &mut Sink<'_>) {
        let lines = lines_by_number(page);
        for quote in &page.markdown.quotes {
            let Some(before) = quote.after_quote else { continue };
            let (_, previous_end) = line_range(page, before);
            let (start, _) = line_range(page, quote.span);
            let gap = previous_end + 1..start;
            // Only whitespace between them: a line comrak drops (a link reference definition)
            // separates the quotes, and a `>` line belongs to an enclosing quote.
            if gap.is_empty()
                || !gap.clone().all(|n| lines.get(n).copied().flatten().is_some_and(|l| l.trim().is_empty()))
            {
                continue;
            }
            for number in gap {
                out.report(line_span(page, lines, number), "blank line between block quotes")
                    .help("start the blank line with '>' to keep one quote, or put text between the two quotes");
            }
        }
    }
}

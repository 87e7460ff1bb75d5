//! MD011 no-reversed-links.

use super::lines::{body_lines, code_and_html_lines};
use crate::diagnostic::Edit;
use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;
use regex::Regex;
use std::sync::LazyLock;

pub static META: RuleMeta = RuleMeta {
    code: "MD011",
    name: "no-reversed-links",
    group: Group::Markdown,
    summary: "reversed link syntax",
    docs: r#"## What it does
markdownlint's MD011: `(text)[link]`, the parentheses and brackets of a link swapped, outside
code. The fix writes `[text](link)`.

Like markdownlint, which reads math with micromark's math extension where CommonMark has none,
math is not checked either: `$$` blocks (a line of two or more `$`, up to a line of at least
as many, or to the end of the quote or list item holding it) and `$$ … $$` on one line.
Text inside HTML comments is not checked: markdownlint hides the text of comments from its
line rules (an inline comment only when it is valid CommonMark: no `--` inside).

**Differences from markdownlint.** markdownlint also reads text between single dollar signs
(`$(a)[b]$`) as math and skips it; hblint, like its other rules, reads single `$` as dollar
amounts and checks that text.

## Why is this bad?
The reversed form renders as plain text with brackets: the link is lost.

## Example
```markdown
See (the handbook)[https://handbook.gitlab.com].
```

## Use instead
```markdown
See [the handbook](https://handbook.gitlab.com).
```
"#,
    severity: Severity::Warning,
    fix: true,
    params: &[],
};

/// `(text)[link]`.
pub struct NoReversedLinks;

static REVERSED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(^|[^\\])\(([^()]+)\)\[([^\]^][^\]]*)\]").expect("valid"));

impl Rule for NoReversedLinks {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, _params: &Params, out: &mut Sink<'_>) {
        let ignored = code_and_html_lines(page);
        let mut math: Option<Vec<bool>> = None;
        let mut hidden: Option<Vec<Span>> = None;
        for line in body_lines(page) {
            if ignored[line.number] || !line.text.contains(")[") {
                continue;
            }
            // Only pages with a reversed-looking link pay for finding the math blocks.
            if math.get_or_insert_with(|| super::math::block_lines(page, &ignored))[line.number] {
                continue;
            }
            for caps in REVERSED.captures_iter(line.text) {
                let (Some(all), Some(pre), Some(text), Some(dest)) =
                    (caps.get(0), caps.get(1), caps.get(2), caps.get(3))
                else {
                    continue;
                };
                if line.text[all.end()..].starts_with('(')
                    || text.as_str().ends_with('\\')
                    || dest.as_str().ends_with('\\')
                {
                    continue;
                }
                let span = Span::new(line.start + all.start() + pre.len(), line.start + all.end());
                // markdownlint hides the text of HTML comments from its line rules.
                if super::html::in_hidden_comment(
                    hidden.get_or_insert_with(|| super::html::hidden_comments(page)),
                    span.start,
                ) {
                    continue;
                }
                if page.markdown.code_spans.iter().any(|c| c.start < span.end && span.start < c.end)
                    || super::math::inline_spans(line.text, 2)
                        .any(|(start, end)| line.start + start < span.end && span.start < line.start + end)
                {
                    continue;
                }
                let fixed = format!("[{}]({})", text.as_str(), dest.as_str());
                out.report(span, format!("reversed link '{}'", &line.text[all.start() + pre.len()..all.end()]))
                    .help(format!("write '{fixed}'"))
                    .fix(vec![Edit { span, replacement: fixed }]);
            }
        }
    }
}

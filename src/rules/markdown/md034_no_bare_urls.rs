//! MD034 no-bare-urls.

use crate::diagnostic::Edit;
use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};

pub static META: RuleMeta = RuleMeta {
    code: "MD034",
    name: "no-bare-urls",
    group: Group::Markdown,
    summary: "bare URL used",
    docs: r#"## What it does
markdownlint's MD034: a URL or e-mail address written bare in text (GitHub's autolink
extension links it, CommonMark does not), outside code, HTML blocks and inline HTML elements.
The fix wraps it in angle brackets.

**Differences from markdownlint.** markdownlint-cli2 parses `$…$` as inline math (micromark's math
extension); hblint reads dollar amounts such as "$5k … $10k" as text. One line of the GitLab
handbook differs for that reason ("$1.3B … [$3B by 2025](…)").

## Why is this bad?
Whether a bare URL becomes a link depends on the renderer; `<…>` or `[text](…)` always does.

## Example
```markdown
See https://handbook.gitlab.com for details.
```

## Use instead
```markdown
See <https://handbook.gitlab.com> for details.
```
"#,
    severity: Severity::Warning,
    fix: true,
    params: &[],
};

/// Bare URLs.
pub struct NoBareUrls;

impl Rule for NoBareUrls {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, _params: &Params, out: &mut Sink<'_>) {
        let text = page.source.text.as_str();
        for link in page.markdown.link_model.hyperlinks() {
            let (span, url) = (&link.span, &link.url);
            let source = page.slice(*span);
            if source.starts_with(['<', '[']) || source.is_empty() {
                continue;
            }
            let bare = url.strip_prefix("mailto:").unwrap_or(url);
            if !(source == url || source == bare || url.ends_with(source)) {
                continue;
            }
            // Inside an inline HTML element on the same line (`<span>…url…</span>`).
            let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = text[span.end..].find('\n').map_or(text.len(), |i| span.end + i);
            let opened = page.html_inline.iter().any(|h| {
                h.start >= line_start
                    && h.end <= span.start
                    && !page.slice(*h).starts_with("</")
                    && !page.slice(*h).ends_with("/>")
            });
            let closed = page
                .html_inline
                .iter()
                .any(|h| h.start >= span.end && h.end <= line_end && page.slice(*h).starts_with("</"));
            if opened && closed {
                continue;
            }
            out.report(*span, format!("bare URL '{source}'"))
                .help(format!("write <{source}> or [text]({source})"))
                .fix(vec![Edit { span: *span, replacement: format!("<{source}>") }]);
        }
    }
}

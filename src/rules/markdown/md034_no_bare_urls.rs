//! MD034 no-bare-urls.

use crate::diagnostic::Edit;
use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;

pub static META: RuleMeta = RuleMeta {
    code: "MD034",
    name: "no-bare-urls",
    group: Group::Markdown,
    summary: "bare URL used",
    docs: r#"## What it does
markdownlint's MD034: a URL or e-mail address written bare in text (GitHub's autolink
extension links it, CommonMark does not), outside code, HTML blocks and inline HTML elements.
The fix wraps it in angle brackets, only where that makes a CommonMark autolink: GFM links
`r@.c` and a URL holding a control character or ending in `>`, but wrapped they are no autolink
(a domain starts with a letter or digit; an autolink holds no control character, space, `<` or
`>`), so the next run would flag and wrap them again; those are reported without a fix.

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

/// Whether `span` is inside an inline HTML element of its paragraph (`<code>…url…</code>`), as
/// markdownlint decides it: an opening tag hides everything up to the closing tag of the same
/// name (case-sensitive, counting nested ones of that name); a tag never closed (`<br>`) hides
/// only itself. The paragraph is the run of non-blank lines around the URL.
fn inside_html_element(page: &Page<'_>, span: Span) -> bool {
    let text = page.source.text.as_str();
    let start = text[..span.start].rfind("\n\n").map_or(0, |i| i + 2);
    let end = text[span.end..].find("\n\n").map_or(text.len(), |i| span.end + i);
    let first = page.html_inline.partition_point(|h| h.start < start);
    let tags: Vec<(Span, bool, &str)> = page.html_inline[first..]
        .iter()
        .take_while(|h| h.end <= end)
        .filter_map(|h| tag_of(page.slice(*h)).map(|(close, name)| (*h, close, name)))
        .collect();
    let mut i = 0;
    while i < tags.len() {
        let (open, close, name) = tags[i];
        if !close {
            let mut depth = 1;
            let matching = tags[i + 1..].iter().position(|&(_, c, n)| {
                if n == name {
                    depth += if c { -1 } else { 1 };
                }
                depth == 0
            });
            if let Some(j) = matching {
                let closing = tags[i + 1 + j].0;
                if open.start <= span.start && span.end <= closing.end {
                    return true;
                }
                i += 1 + j;
            }
        }
        i += 1;
    }
    false
}

/// An HTML tag's name and whether it closes (`</em>`: true, "em"); `None` for a comment,
/// declaration or anything else that is not a tag.
fn tag_of(html: &str) -> Option<(bool, &str)> {
    let rest = html.strip_prefix('<')?;
    let first = rest.chars().next().filter(|c| !matches!(c, '!' | '>'))?;
    let after = &rest[first.len_utf8()..];
    let end = first.len_utf8() + after.find(|c: char| c == '/' || c == '>' || c.is_whitespace()).unwrap_or(after.len());
    let name = &rest[..end];
    match name.strip_prefix('/') {
        Some(closing) => Some((true, closing)),
        None => Some((false, name)),
    }
}

impl Rule for NoBareUrls {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, _params: &Params, out: &mut Sink<'_>) {
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
            if inside_html_element(page, *span) {
                continue;
            }
            let finding =
                out.report(*span, format!("bare URL '{source}'")).help(format!("write <{source}> or [text]({source})"));
            let wrapped =
                page.source.text[..span.start].ends_with('<') && page.source.text[span.end..].starts_with('>');
            if !wrapped && wraps_into_autolink(source) {
                finding.fix(vec![Edit { span: *span, replacement: format!("<{source}>") }]);
            }
        }
    }
}

/// Whether `<text>` is a CommonMark autolink (a `www.` link has no scheme: wrapped, GFM does not
/// link it again, as it only starts after whitespace or `*_~(`).
fn wraps_into_autolink(text: &str) -> bool {
    match text.split_once(':') {
        Some((scheme, rest)) => {
            (2..=32).contains(&scheme.len())
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
                && !rest.chars().any(|c| c.is_ascii_control() || matches!(c, ' ' | '<' | '>'))
        }
        None if text.contains('@') => is_email_autolink(text),
        None => true,
    }
}

/// Whether `<text>` is a CommonMark e-mail autolink: a local part of letters, digits and
/// ``.!#$%&'*+/=?^_`{|}~-``, an `@`, then dot-separated labels of letters, digits and inner
/// hyphens, at most 63 characters each.
fn is_email_autolink(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else { return false };
    let local_ok =
        !local.is_empty() && local.chars().all(|c| c.is_ascii_alphanumeric() || ".!#$%&'*+/=?^_`{|}~-".contains(c));
    let label_ok = |label: &str| {
        (1..=63).contains(&label.len())
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    local_ok && domain.split('.').all(label_ok)
}

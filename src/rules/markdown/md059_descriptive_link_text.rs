//! MD059 descriptive-link-text.

use crate::page::Page;
use crate::page::links::LinkKind;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;

const PROHIBITED_TEXTS: Param =
    Param::strings("prohibited_texts", &DEFAULT_PROHIBITED, "link texts that do not describe the target");

pub static META: RuleMeta = RuleMeta {
    code: "MD059",
    name: "descriptive-link-text",
    group: Group::Markdown,
    summary: "link text should be descriptive",
    docs: r#"## What it does
markdownlint's MD059: a link whose text is one of `prohibited_texts` (default `click here`,
`here`, `link`, `more`), compared without case, punctuation or extra spaces (like markdownlint,
only ASCII letters and digits count: other characters are separators). Link text that holds
code or HTML is not checked; images and autolinks have no link text to check.

## Why is this bad?
Screen reader users often jump from link to link: a list of "here", "here" and "more" says
nothing about where each one goes. Descriptive text also tells sighted readers what to expect.

## Example
```markdown
To request access, click [here](https://gitlab.com/gitlab-com/team-member-epics/access-requests).
```

## Use instead
```markdown
To request access, open an [access request](https://gitlab.com/gitlab-com/team-member-epics/access-requests).
```
"#,
    severity: Severity::Warning,
    fix: false,
    params: &[PROHIBITED_TEXTS],
};

/// Links whose text says nothing about where they go.
pub struct DescriptiveLinkText;

/// markdownlint's normalization: every run of characters other than ASCII letters and digits
/// becomes one space; lowercase; trimmed.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    out
}

const DEFAULT_PROHIBITED: [&str; 4] = ["click here", "here", "link", "more"];

impl Rule for DescriptiveLinkText {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        let links = &page.markdown.link_model.links;
        if links.is_empty() {
            return;
        }
        let prohibited: Vec<String> =
            params.strings(&PROHIBITED_TEXTS).unwrap_or_default().iter().map(|t| normalize(t)).collect();
        if prohibited.is_empty() {
            return;
        }
        let longest = prohibited.iter().map(String::len).max().unwrap_or(0);
        let text = page.source.text.as_str();
        let within = |inner: &Span, outer: &Span| inner.start >= outer.start && inner.end <= outer.end;
        for link in links {
            if link.image || matches!(link.kind, LinkKind::Autolink | LinkKind::Literal) {
                continue;
            }
            let label = &text[link.text.start..link.text.end];
            // Cheap exit: normalizing never keeps more letters and digits than the text has.
            let mut alphanumeric = label.bytes().filter(u8::is_ascii_alphanumeric);
            if alphanumeric.nth(longest).is_some() {
                continue;
            }
            if !prohibited.contains(&normalize(label)) {
                continue;
            }
            // Code or HTML directly in the link text (not inside emphasis) exempts it. The span
            // lists are in document order: look only at the ones inside the link text.
            let inside = |spans: &'_ [Span]| {
                let from = spans.partition_point(|s| s.start < link.text.start);
                let to = spans.partition_point(|s| s.start < link.text.end);
                spans[from..to.max(from)].iter().filter(|s| s.end <= link.text.end).copied().collect::<Vec<Span>>()
            };
            let mut marked = inside(&page.markdown.code_spans);
            marked.extend(inside(&page.html_inline));
            if !marked.is_empty() {
                let emphasis: Vec<Span> =
                    page.markdown.emphasis.iter().map(|(s, _)| *s).filter(|s| within(s, &link.text)).collect();
                if marked.iter().any(|m| !emphasis.iter().any(|e| within(m, e))) {
                    continue;
                }
            }
            out.report(link.text, format!("link text '{label}' does not say where the link goes"))
                .help("use text that names the destination, such as the page's title");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn normalizes_like_markdownlint() {
        assert_eq!(normalize(" Click  HERE! "), "click here");
        assert_eq!(normalize("**more**..."), "more");
        assert_eq!(normalize("café"), "caf");
    }
}

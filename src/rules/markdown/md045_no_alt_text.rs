//! MD045 no-alt-text.

use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;
use regex::Regex;
use std::sync::LazyLock;

pub static META: RuleMeta = RuleMeta {
    code: "MD045",
    name: "no-alt-text",
    group: Group::Markdown,
    summary: "images should have alternate text (alt text)",
    docs: r#"## What it does
markdownlint's MD045: an image without alt text, in Markdown (`![](logo.png)`) or in HTML
(`<img src="logo.png">` without `alt`, unless `aria-hidden="true"`). An image inside an HTML
comment is not checked: markdownlint hides the text of comments from its rules.

## Why is this bad?
Screen readers have nothing to say about the image, and nothing shows when it fails to load.

## Example
```markdown
![](team-photo.png)
```

## Use instead
```markdown
![The team at the 2024 summit](team-photo.png)
```
"#,
    severity: Severity::Warning,
    fix: false,
    params: &[],
};

/// Images without alt text.
pub struct NoAltText;

static IMG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)<img\b[^>]*>").expect("valid"));
static ALT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"(?i)\salt\s*=\s*['"]?"#).expect("valid"));
static ARIA_HIDDEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?i)\saria-hidden\s*=\s*['"]?true"#).expect("valid"));

impl Rule for NoAltText {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, _params: &Params, out: &mut Sink<'_>) {
        for image in page.markdown.link_model.images() {
            if image.empty {
                out.report(image.span, "image without alt text")
                    .help("describe the image between the brackets: ![description](…)");
            }
        }
        for area in page.html_blocks.iter().chain(&page.html_inline) {
            let html = page.slice(*area);
            // markdownlint hides the text of HTML comments from its rules: an image commented
            // out is not there.
            let comments = if html.contains("<!--") { super::html::html_comments(html) } else { Vec::new() };
            for tag in IMG.find_iter(html) {
                if comments.iter().any(|c| c.start <= tag.start() && tag.end() <= c.end) {
                    continue;
                }
                let text = tag.as_str();
                if !ALT.is_match(text) && !ARIA_HIDDEN.is_match(text) {
                    let span = Span::new(area.start + tag.start(), area.start + tag.end());
                    out.report(span, "HTML image without an alt attribute")
                        .help("add alt=\"description\" to the <img> tag");
                }
            }
        }
    }
}

//! MD039 no-space-in-links.

use crate::diagnostic::Edit;
use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;

pub static META: RuleMeta = RuleMeta {
    code: "MD039",
    name: "no-space-in-links",
    group: Group::Markdown,
    summary: "spaces inside link text",
    docs: r#"## What it does
markdownlint's MD039: whitespace right inside the brackets of a link's text. The fix removes it.

**Differences from markdownlint.** When the space inside the brackets is a no-break space
(U+00A0), markdownlint reports the line before the link (its regular expression does not see
U+00A0, and it then subtracts a line); hblint reports the link's own line.

## Why is this bad?
The spaces become part of the underlined link text, which looks like a mistake.

## Example
```markdown
See [ the handbook ](https://handbook.gitlab.com).
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

/// `[ text ](…)`.
pub struct NoSpaceInLinks;

/// The span of a link's label text, between its brackets: from after `[` to the `]` that
/// closes it (brackets inside the text are balanced).
fn label_span(source: &str, start: usize) -> Option<Span> {
    let bytes = source.as_bytes();
    if bytes.first() != Some(&b'[') {
        return None;
    }
    let mut depth = 0usize;
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'[' => depth += 1,
            b']' if depth == 0 => return Some(Span::new(start + 1, start + i)),
            b']' => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    None
}

impl Rule for NoSpaceInLinks {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, _params: &Params, out: &mut Sink<'_>) {
        let text = page.source.text.as_str();
        for span in page.markdown.link_model.hyperlinks().map(|l| &l.span) {
            let Some(label) = label_span(&text[span.start..span.end], span.start) else { continue };
            let inner = &text[label.start..label.end];
            if inner.is_empty() {
                continue;
            }
            let lead = inner.len() - inner.trim_start().len();
            let trail = inner.len() - inner.trim_end().len();
            for (found, at) in [(lead, label.start), (trail, label.end - trail)] {
                if found > 0 {
                    let space = Span::new(at, at + found);
                    out.report(
                        space,
                        format!(
                            "space inside the link text '{}'",
                            inner.split_whitespace().collect::<Vec<_>>().join(" ")
                        ),
                    )
                    .help("remove the space between the bracket and the link text")
                    .fix(vec![Edit { span: space, replacement: String::new() }]);
                }
            }
        }
    }
}

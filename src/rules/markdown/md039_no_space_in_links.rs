//! MD039 no-space-in-links.

use super::references::without_quote_markers;
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
When the whitespace starts with a line break (`[` at the end of a line), the line after the `[`
is reported; when it ends with one (`]` at the start of a line), the line before the `]`; as in
markdownlint, there is then nothing to fix (only spaces and tabs on the bracket's line are).

**Differences from markdownlint.** When the space inside the brackets is a no-break space
(U+00A0), markdownlint reports the line before the link (its regular expression does not see
U+00A0, and it then subtracts a line); hblint reports the link's own line.
On Rust's 12,000-line release notes one link differs (markdownlint reports it, hblint does not)
for a reason not yet found: cut out of the page with its definition, the two agree.

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
            // markdownlint measures the spaces and tabs right inside a bracket, on the bracket's
            // line: whitespace that starts (or ends) with a line break is reported on the line
            // after the `[` (before the `]`) with nothing to fix.
            let horizontal = |c: char| c.is_whitespace() && c != '\n' && c != '\r';
            let lead_spaces = inner.len() - inner.trim_start_matches(horizontal).len();
            let trail_spaces = inner.len() - inner.trim_end_matches(horizontal).len();
            let mut found: Vec<(Span, bool)> = Vec::with_capacity(2);
            if lead_spaces > 0 {
                found.push((Span::new(label.start, label.start + lead_spaces), true));
            } else if lead > 0 {
                let next_line = label.start + inner.find('\n').map_or(0, |nl| nl + 1);
                found.push((Span::new(next_line, next_line.max(label.start + lead)), false));
            }
            if trail_spaces > 0 {
                found.push((Span::new(label.end - trail_spaces, label.end), true));
            } else if trail > 0 {
                found.push((Span::new(label.end - trail, label.end), false));
            }
            for (space, fixable) in found {
                let diagnostic = out
                    .report(
                        space,
                        format!(
                            "space inside the link text '{}'",
                            without_quote_markers(inner).split_whitespace().collect::<Vec<_>>().join(" ")
                        ),
                    )
                    .help("remove the space between the bracket and the link text");
                if fixable {
                    diagnostic.fix(vec![Edit { span: space, replacement: String::new() }]);
                }
            }
        }
    }
}

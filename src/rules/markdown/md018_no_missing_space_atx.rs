//! MD018 no-missing-space-atx.

use super::lines::{body_lines, code_and_html_lines};
use crate::diagnostic::Edit;
use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;

pub static META: RuleMeta = RuleMeta {
    code: "MD018",
    name: "no-missing-space-atx",
    group: Group::Markdown,
    summary: "no space after hash on atx style heading",
    docs: r##"## What it does
markdownlint's MD018: a line that starts with `#` followed directly by text, outside code and
HTML blocks: it was meant as a heading but renders as a paragraph.

A line whose start is inside an HTML comment is not checked: markdownlint hides the text of
comments from its line rules (an inline comment only when it is valid CommonMark: no `--`
inside), so `Text <!-- x` then `#tag -->` is no heading to it.

## Why is this bad?
"#Heading" is not a heading in CommonMark: the section disappears from the outline.

## Example
```markdown
#Heading
```

## Use instead
```markdown
# Heading
```
"##,
    severity: Severity::Warning,
    fix: true,
    params: &[],
};

/// "#Heading" lines.
pub struct NoMissingSpaceAtx;

impl Rule for NoMissingSpaceAtx {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, _params: &Params, out: &mut Sink<'_>) {
        let ignored = code_and_html_lines(page);
        let hidden = super::html::hidden_comments(page);
        for line in body_lines(page) {
            let text = line.text;
            if ignored[line.number] || !text.starts_with('#') || text.starts_with("#\u{fe0f}\u{20e3}") {
                continue;
            }
            // markdownlint hides the text of HTML comments from its line rules.
            if super::html::in_hidden_comment(&hidden, line.start) {
                continue;
            }
            let hashes = text.bytes().take_while(|&b| b == b'#').count();
            let next = text[hashes..].chars().next();
            if next.is_none_or(|c| c == ' ' || c == '\t') || text.trim_end().ends_with('#') {
                continue;
            }
            let at = Span::new(line.start + hashes, line.start + hashes);
            out.report(
                Span::new(line.start, line.start + hashes),
                format!("no space after '{}' in '{}'", &text[..hashes], text.trim()),
            )
            .help("put a space between the '#' characters and the heading text")
            .fix(vec![Edit { span: at, replacement: " ".into() }]);
        }
    }
}

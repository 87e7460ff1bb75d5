//! MD023 heading-start-left.

use crate::diagnostic::Edit;
use crate::page::Page;
use crate::rules::{Group, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;

pub static META: RuleMeta = RuleMeta {
    code: "MD023",
    name: "heading-start-left",
    group: Group::Markdown,
    summary: "headings must start at the beginning of the line",
    docs: r#"## What it does
markdownlint's MD023: a heading indented by spaces.

## Why is this bad?
Some renderers do not treat an indented line as a heading, and it reads like a mistake.

## Example
```markdown
  # Heading
```

## Use instead
```markdown
# Heading
```
"#,
    severity: Severity::Warning,
    fix: true,
};

/// Indented headings.
pub struct HeadingStartLeft;

impl Rule for HeadingStartLeft {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, out: &mut Sink<'_>) {
        let text = page.source.text.as_str();
        for heading in &page.headings {
            // Like markdownlint: the heading's line starts with whitespace, whatever container
            // (an indented list item "  1. # Title") the heading sits in.
            let line_start = page.lines.line_start(page.lines.line_of(heading.span.start));
            let line = &text[line_start..];
            let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
            if indent == 0 {
                continue;
            }
            let span = Span::new(line_start, line_start + indent);
            let d = out.report(span, "heading does not start at the beginning of the line");
            d.help("remove the indentation before the heading");
            // Removing indentation inside a list would change the list: fix top-level headings only.
            if heading.block.is_some() {
                d.fix(vec![Edit { span, replacement: String::new() }]);
            }
        }
    }
}

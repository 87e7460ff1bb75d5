//! MD047 single-trailing-newline.

use super::fixes::newline;
use super::lines::is_blank;
use crate::diagnostic::Edit;
use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;

pub static META: RuleMeta = RuleMeta {
    code: "MD047",
    name: "single-trailing-newline",
    group: Group::Markdown,
    summary: "files should end with a single newline character",
    docs: r#"## What it does
markdownlint's MD047: the last line of the file is not empty, so the file does not end with a
newline. A last line holding only whitespace or an HTML comment counts as empty, as in
markdownlint. The fix adds a newline (the file's own line ending).

## Why is this bad?
Tools that concatenate or diff files expect a final newline; without it the last line shows as
changed whenever a line is added after it.

## Example
```markdown
Last line⏎ is missing
```

## Use instead
```markdown
Last line with a newline after it
```
"#,
    severity: Severity::Warning,
    fix: true,
    params: &[],
};

/// A missing final newline.
pub struct SingleTrailingNewline;

impl Rule for SingleTrailingNewline {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, _params: &Params, out: &mut Sink<'_>) {
        let text = page.source.text.as_str();
        let last_start = text.rfind('\n').map_or(0, |i| i + 1);
        let last = &text[last_start..];
        let first = super::lines::first_body_line(page);
        if first >= page.lines.line_count() || last_start < page.lines.line_start(first) || is_blank(last) {
            return;
        }
        let end = Span::new(text.len(), text.len());
        out.report(Span::new(last_start, text.len()), "the file does not end with a newline")
            .help("add a newline at the end of the file")
            .fix(vec![Edit { span: end, replacement: newline(page).into() }]);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn blank_lines_as_markdownlint_sees_them() {
        assert!(super::super::lines::is_blank("  "));
        assert!(super::super::lines::is_blank("<!-- note -->"));
        assert!(super::super::lines::is_blank("> "));
        assert!(!super::super::lines::is_blank("text"));
    }
}

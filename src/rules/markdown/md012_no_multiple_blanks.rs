//! MD012 no-multiple-blanks.

use super::lines::{body_lines, line_flags, mark_code_lines};
use crate::diagnostic::Edit;
use crate::page::Page;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;

const MAXIMUM: Param = Param::integer("maximum", 1, "the consecutive blank lines allowed");

pub static META: RuleMeta = RuleMeta {
    code: "MD012",
    name: "no-multiple-blanks",
    group: Group::Markdown,
    summary: "multiple consecutive blank lines",
    docs: r#"## What it does
markdownlint's MD012: more than `maximum` (default 1) blank lines in a row, outside code blocks.
Each extra blank line is reported; the fix removes it.

Inside an HTML comment, a line of spaces is not blank but an empty line is: markdownlint hides
the text of comments from its line rules, spaces that end a line included, and counts what is
left.

## Why is this bad?
Extra blank lines render as nothing and only make the source longer.

## Example
```markdown
One.


Two.
```

## Use instead
```markdown
One.

Two.
```
"#,
    severity: Severity::Warning,
    fix: true,
    params: &[MAXIMUM],
};

/// Runs of blank lines.
pub struct NoMultipleBlanks;

impl Rule for NoMultipleBlanks {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        let maximum = params.int(&MAXIMUM) as usize;
        let mut in_code = line_flags(page);
        mark_code_lines(page, &mut in_code, true);
        let text_len = page.source.text.len();
        let mut count = 0;
        let hidden = super::html::hidden_comments(page);
        for line in body_lines(page) {
            // markdownlint hides the text of HTML comments, spaces that end a line too: a line
            // of spaces inside a comment is not blank to it.
            let hidden_spaces = !line.text.is_empty()
                && super::html::line_ends_in_hidden_comment(&hidden, line.start + line.text.len());
            count = if in_code[line.number] || !line.text.trim().is_empty() || hidden_spaces { 0 } else { count + 1 };
            if count > maximum {
                let end = page.lines.line_start(line.number).min(text_len).max(line.start + line.text.len());
                let span = Span::new(line.start, end);
                // The empty "line" after the file's final newline: remove the newline before it.
                let mut removed = span;
                if span.start == span.end && span.start > 0 {
                    let text = page.source.text.as_bytes();
                    let back = if span.start >= 2 && text[span.start - 2] == b'\r' { 2 } else { 1 };
                    removed = Span::new(span.start - back, span.start);
                }
                out.report(span, format!("{count} consecutive blank lines (at most {maximum} allowed)"))
                    .help("remove the extra blank line")
                    .fix(vec![Edit { span: removed, replacement: String::new() }]);
            }
        }
    }
}

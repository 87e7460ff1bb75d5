//! MD038 no-space-in-code.

use crate::diagnostic::Edit;
use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;

pub static META: RuleMeta = RuleMeta {
    code: "MD038",
    name: "no-space-in-code",
    group: Group::Markdown,
    summary: "spaces inside code span elements",
    docs: r#"## What it does
markdownlint's MD038: a code span with whitespace next to its backticks, as in `` ` text` ``
or `` `text ` ``. One space on both sides is padding that CommonMark strips, so `` ` text ` ``
and a code span of spaces only are allowed; so is the one space a code span starting or ending
with a backtick needs (``` `` `x` `` ```).

## Why is this bad?
The extra space is usually a typo, and it shows in the rendered code.

## Example
```markdown
Run ` make test` and then `make lint `.
```

## Use instead
```markdown
Run `make test` and then `make lint`.
```
"#,
    severity: Severity::Warning,
    fix: true,
    params: &[],
};

/// "` code`".
pub struct NoSpaceInCode;

/// Bytes taken by the first `count` characters of `text`.
fn char_bytes(text: &str, count: usize) -> usize {
    text.char_indices().nth(count).map_or(text.len(), |(i, _)| i)
}

/// A code span's data lines (its content without padding, split at line endings): offset and text.
fn chunks(content: &str, base: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    for piece in content.split('\n') {
        let line = piece.strip_suffix('\r').unwrap_or(piece);
        if !line.is_empty() {
            out.push((base + at, line));
        }
        at += piece.len() + 1;
    }
    out
}

impl Rule for NoSpaceInCode {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, _params: &Params, out: &mut Sink<'_>) {
        let text = page.source.text.as_str();
        for span in &page.markdown.code_spans {
            let source = &text[span.start..span.end];
            let fence = source.bytes().take_while(|&b| b == b'`').count();
            if fence == 0 || source.len() < 2 * fence || !source[source.len() - fence..].bytes().all(|b| b == b'`') {
                continue;
            }
            let content = &source[fence..source.len() - fence];
            let shown = source.replace("\r\n", " ").replace('\n', " ");
            let is_pad = |c: Option<char>| matches!(c, Some(' ' | '\n' | '\r'));
            let has_data = content.chars().any(|c| !matches!(c, ' ' | '\n' | '\r'));
            // CommonMark strips one space (or line ending) on both sides when both are there.
            let padded = has_data && is_pad(content.chars().next()) && is_pad(content.chars().next_back());
            let head = if !padded {
                0
            } else if content.starts_with("\r\n") {
                2
            } else {
                1
            };
            let tail = if !padded {
                0
            } else if content.ends_with("\r\n") && content.len() > head + 1 {
                2
            } else {
                1
            };
            let base = span.start + fence;
            let inner = &content[head..content.len() - tail];
            let datas = chunks(inner, base + head);
            let (Some(&(first_at, first)), Some(&(last_at, last))) = (datas.first(), datas.last()) else { continue };
            let lead = first.chars().take_while(|c| c.is_whitespace()).count();
            let after_lead = first.chars().nth(lead);
            let start_backtick = after_lead == Some('`');
            let start_count =
                if after_lead.is_some() { lead.saturating_sub(usize::from(start_backtick && !padded)) } else { 0 };
            let trail = last.chars().rev().take_while(|c| c.is_whitespace()).count();
            let before_trail = last.chars().rev().nth(trail);
            let end_backtick = before_trail == Some('`');
            let end_count =
                if before_trail.is_some() { trail.saturating_sub(usize::from(end_backtick && !padded)) } else { 0 };
            let remove_padding = start_count > 0 && end_count > 0 && padded && !start_backtick && !end_backtick;
            if start_count > 0 {
                let gap = if remove_padding {
                    Span::new(base, first_at + char_bytes(first, start_count))
                } else {
                    Span::new(first_at, first_at + char_bytes(first, start_count))
                };
                out.report(gap, format!("space after the opening backtick in code span '{shown}'"))
                    .help("remove the space between the backtick and the code")
                    .fix(vec![Edit { span: gap, replacement: String::new() }]);
            }
            if end_count > 0 {
                let last_end = last_at + last.len();
                let keep = last.chars().count() - end_count;
                let gap_start = last_at + char_bytes(last, keep);
                let gap = if remove_padding {
                    Span::new(gap_start, span.end - fence)
                } else {
                    Span::new(gap_start, last_end)
                };
                out.report(gap, format!("space before the closing backtick in code span '{shown}'"))
                    .help("remove the space between the code and the backtick")
                    .fix(vec![Edit { span: gap, replacement: String::new() }]);
            }
        }
    }
}

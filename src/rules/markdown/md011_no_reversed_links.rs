//! MD011 no-reversed-links.

use super::lines::{body_lines, code_and_html_lines};
use crate::diagnostic::Edit;
use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;
use regex::Regex;
use std::sync::LazyLock;

pub static META: RuleMeta = RuleMeta {
    code: "MD011",
    name: "no-reversed-links",
    group: Group::Markdown,
    summary: "reversed link syntax",
    docs: r#"## What it does
markdownlint's MD011: `(text)[link]`, the parentheses and brackets of a link swapped, outside
code. The fix writes `[text](link)`.

Like markdownlint, which reads math with micromark's math extension where CommonMark has none,
math is not checked either: `$$` blocks (a line of two or more `$`, up to a line of at least
as many, or to the end of the quote or list item holding it) and `$$ … $$` on one line.
Text inside HTML comments is not checked: markdownlint hides the text of comments from its
line rules (an inline comment only when it is valid CommonMark: no `--` inside).

**Differences from markdownlint.** markdownlint also reads text between single dollar signs
(`$(a)[b]$`) as math and skips it; hblint, like its other rules, reads single `$` as dollar
amounts and checks that text.

## Why is this bad?
The reversed form renders as plain text with brackets: the link is lost.

## Example
```markdown
See (the handbook)[https://handbook.gitlab.com].
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

/// `(text)[link]`.
pub struct NoReversedLinks;

static REVERSED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(^|[^\\])\(([^()]+)\)\[([^\]^][^\]]*)\]").expect("valid"));

impl Rule for NoReversedLinks {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, _params: &Params, out: &mut Sink<'_>) {
        let ignored = code_and_html_lines(page);
        let mut math: Option<Vec<bool>> = None;
        let mut hidden: Option<Vec<Span>> = None;
        for line in body_lines(page) {
            if ignored[line.number] || !line.text.contains(")[") {
                continue;
            }
            // Only pages with a reversed-looking link pay for finding the math blocks.
            if math.get_or_insert_with(|| math_block_lines(page, &ignored))[line.number] {
                continue;
            }
            for caps in REVERSED.captures_iter(line.text) {
                let (Some(all), Some(pre), Some(text), Some(dest)) =
                    (caps.get(0), caps.get(1), caps.get(2), caps.get(3))
                else {
                    continue;
                };
                if line.text[all.end()..].starts_with('(')
                    || text.as_str().ends_with('\\')
                    || dest.as_str().ends_with('\\')
                {
                    continue;
                }
                let span = Span::new(line.start + all.start() + pre.len(), line.start + all.end());
                // markdownlint hides the text of HTML comments from its line rules.
                if super::html::in_hidden_comment(
                    hidden.get_or_insert_with(|| super::html::hidden_comments(page)),
                    span.start,
                ) {
                    continue;
                }
                if page.markdown.code_spans.iter().any(|c| c.start < span.end && span.start < c.end)
                    || display_math_spans(line.text)
                        .any(|(start, end)| line.start + start < span.end && span.start < line.start + end)
                {
                    continue;
                }
                let fixed = format!("[{}]({})", text.as_str(), dest.as_str());
                out.report(span, format!("reversed link '{}'", &line.text[all.start() + pre.len()..all.end()]))
                    .help(format!("write '{fixed}'"))
                    .fix(vec![Edit { span, replacement: fixed }]);
            }
        }
    }
}

/// The lines of markdownlint's math blocks (micromark's math extension): a fence of two or more
/// `$` (its rest holding no `$`) up to a line of at least as many `$`, or to the end of the quote
/// or list item it sits in (of the page, when in none). CommonMark reads them as paragraphs.
fn math_block_lines(page: &Page<'_>, ignored: &[bool]) -> Vec<bool> {
    let mut math = vec![false; ignored.len()];
    if !page.source.text[page.body_start.min(page.source.text.len())..].contains("$$") {
        return math;
    }
    // The open block: its fence length, quote depth and, in a list item, its indentation.
    let mut open: Option<(usize, usize, Option<usize>)> = None;
    for line in body_lines(page) {
        let (depth, indent, rest) = split_prefix(line.text);
        if let Some((fence, open_depth, item_indent)) = open {
            let left_item = item_indent.is_some_and(|n| indent < n && !rest.is_empty());
            if depth < open_depth || left_item {
                open = None;
            } else {
                math[line.number] = true;
                let run = rest.bytes().take_while(|&b| b == b'$').count();
                if run >= fence && rest[run..].trim().is_empty() {
                    open = None;
                }
                continue;
            }
        }
        if ignored[line.number] {
            continue;
        }
        let run = rest.bytes().take_while(|&b| b == b'$').count();
        if run >= 2 && !rest[run..].contains('$') {
            math[line.number] = true;
            let in_list = page.lists.iter().any(|l| l.span.start <= line.start && line.start < l.span.end);
            open = Some((run, depth, (in_list && indent > 0).then_some(indent)));
        }
    }
    math
}

/// A line's block quote depth, the indentation after its `>` markers, and the rest.
fn split_prefix(line: &str) -> (usize, usize, &str) {
    let mut rest = line;
    let mut depth = 0;
    loop {
        let trimmed = rest.trim_start_matches([' ', '\t']);
        match trimmed.strip_prefix('>') {
            Some(after) => {
                depth += 1;
                rest = after.strip_prefix(' ').unwrap_or(after);
            }
            None => return (depth, rest.len() - trimmed.len(), trimmed.trim_end()),
        }
    }
}

/// Inline display math on one line (`$$ … $$`: a run of two or more `$` up to the next run of as
/// many), as byte ranges of the line. Single `$` pairs stay text (dollar amounts), as in the
/// other rules.
fn display_math_spans(line: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = line.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            match bytes[at] {
                b'\\' => at += 2,
                b'$' => {
                    let run = bytes[at..].iter().take_while(|&&b| b == b'$').count();
                    let start = at;
                    at += run;
                    if run < 2 {
                        continue;
                    }
                    let mut j = at;
                    while j < bytes.len() {
                        let other = bytes[j..].iter().take_while(|&&b| b == b'$').count();
                        if other == run {
                            at = j + run;
                            return Some((start, at));
                        }
                        j += other.max(1);
                    }
                }
                _ => at += 1,
            }
        }
        None
    })
}

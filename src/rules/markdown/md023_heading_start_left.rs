//! MD023 heading-start-left.

use crate::diagnostic::Edit;
use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;

pub static META: RuleMeta = RuleMeta {
    code: "MD023",
    name: "heading-start-left",
    group: Group::Markdown,
    summary: "headings must start at the beginning of the line",
    docs: r#"## What it does
markdownlint's MD023: a heading indented by spaces, at the start of its line or after the `>`
of a block quote (`>  ## Heading`: the space after `>` belongs to the marker, the others
indent the heading).

**Differences from markdownlint.** A heading on a continuation line of a list item is reported
only for indentation beyond the item's content column, as micromark reads it. Headings inside list
items after a sub-list indented less than the item's text (" 4. #### Title" after " 1. …") are
headings to comrak but not to micromark, which reports nothing there.

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
    params: &[],
};

/// Indented headings.
pub struct HeadingStartLeft;

impl Rule for HeadingStartLeft {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, _params: &Params, out: &mut Sink<'_>) {
        let text = page.source.text.as_str();
        for heading in &page.headings {
            // Like markdownlint: the heading's line starts with whitespace, whatever container
            // (an indented list item "  1. # Title") the heading sits in.
            let line_start = page.lines.line_start(page.lines.line_of(heading.span.start));
            if let Some(span) = quoted_indent(page, heading.span.start, line_start) {
                out.report(span, "heading does not start at the beginning of the line")
                    .help("remove the indentation between '>' and the heading")
                    .fix(vec![Edit { span, replacement: String::new() }]);
                continue;
            }
            let line = &text[line_start..];
            let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
            if indent == 0 {
                continue;
            }
            // Only indented headings pay for the search of the list item around them.
            let container = item_continuation_column(page, heading.span.start, line_start);
            if indent <= container {
                continue;
            }
            let span = Span::new(line_start + container, line_start + indent);
            let d = out.report(span, "heading does not start at the beginning of the line");
            d.help("remove the indentation before the heading");
            // Removing indentation before a list marker would change the list: fix top-level
            // headings, and the excess past an item's content column.
            if heading.block.is_some() || container > 0 {
                d.fix(vec![Edit { span, replacement: String::new() }]);
            }
        }
    }
}

/// The indentation of a heading right after a block quote's `>` and its optional space, beyond
/// the content column of a list item of that quote it continues (`>    ## Heading` under
/// `> - Item`). `None` when no `>` comes right before the heading's spaces, or none is extra.
fn quoted_indent(page: &Page<'_>, at: usize, line_start: usize) -> Option<Span> {
    let text = page.source.text.as_str();
    let before = &text[line_start..at];
    let markers = before.trim_end_matches([' ', '\t']);
    if !markers.ends_with('>') || !markers.bytes().all(|b| matches!(b, b'>' | b' ' | b'\t')) {
        return None;
    }
    let mut prefix_end = line_start + markers.len();
    if text.as_bytes().get(prefix_end) == Some(&b' ') {
        prefix_end += 1;
    }
    if prefix_end >= at {
        return None;
    }
    // The innermost quote around the heading, and the innermost list item inside it.
    let quote = page.markdown.quotes.iter().rfind(|q| q.span.start <= at && at < q.span.end)?;
    let item = page
        .lists
        .iter()
        .flat_map(|list| &list.items)
        .filter(|item| quote.span.start <= item.span.start && item.span.start < line_start && at < item.span.end)
        .min_by_key(|item| item.span.end - item.span.start);
    let content_column = item.map_or(0, |item| {
        let item_line = page.lines.line_start(page.lines.line_of(item.span.start));
        let item_prefix = &text[item_line..item.span.start];
        let item_markers = item_prefix.trim_end_matches([' ', '\t']);
        let item_prefix_end = item_line + item_markers.len() + usize::from(item_prefix.len() > item_markers.len());
        let after = &text[item.span.start..];
        let marker = after.bytes().take_while(u8::is_ascii_digit).count();
        let marker = if marker > 0 { marker + 1 } else { 1 };
        let rest = after.get(marker..).unwrap_or("");
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        (item.span.start - item_prefix_end) + marker + if (1..=4).contains(&spaces) { spaces } else { 1 }
    });
    (at - prefix_end > content_column).then(|| Span::new(prefix_end + content_column, at))
}

/// For a heading on a continuation line of a list item, the item's content column: micromark
/// reads indentation up to there as the item's (`listItemIndent`), not the heading's
/// (`linePrefix`), and markdownlint reports only what lies beyond it. 0 elsewhere.
fn item_continuation_column(page: &Page<'_>, at: usize, line_start: usize) -> usize {
    let text = page.source.text.as_str();
    let innermost = page
        .lists
        .iter()
        .flat_map(|list| &list.items)
        .filter(|item| item.span.start <= at && at < item.span.end)
        .min_by_key(|item| item.span.end - item.span.start);
    let Some(item) = innermost else { return 0 };
    if item.span.start >= line_start {
        // The heading is on the item's marker line.
        return 0;
    }
    let item_line_start = page.lines.line_start(page.lines.line_of(item.span.start));
    let first_line = text[item_line_start..].lines().next().unwrap_or("");
    let before_marker = first_line.len() - first_line.trim_start_matches([' ', '\t']).len();
    let after_indent = &first_line[before_marker..];
    let marker = after_indent.bytes().take_while(|b| b.is_ascii_digit()).count();
    let marker = if marker > 0 { marker + 1 } else { 1 };
    let rest = after_indent.get(marker..).unwrap_or("");
    let spaces = rest.len() - rest.trim_start_matches(' ').len();
    // 1–4 spaces after the marker set the content column; more make the content indented code.
    before_marker + marker + if (1..=4).contains(&spaces) { spaces } else { 1 }
}

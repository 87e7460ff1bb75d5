//! MD037 no-space-in-emphasis.

use crate::diagnostic::Edit;
use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;

pub static META: RuleMeta = RuleMeta {
    code: "MD037",
    name: "no-space-in-emphasis",
    group: Group::Markdown,
    summary: "spaces inside emphasis markers",
    docs: r#"## What it does
markdownlint's MD037: emphasis markers (`*`, `**`, `***`, `_`, `__`, `___`) that emphasize
nothing because of a space between the marker and the text, as in `** bold **`. Like
markdownlint, markers that stayed literal text are paired up in order within one paragraph,
heading, link text or table cell, and a pair is reported where a space follows the opening
marker or precedes the closing one on the same line.

Like markdownlint, which reads math with micromark's math extension where CommonMark has none,
markers inside math are not emphasis: text between dollar signs (`$2 * 3 * 4$`, `$$ … $$`) and
`$$` blocks. So a line of dollar amounts (`$2083.33 * 6% * 50%`) is not reported either.

## Differences from markdownlint
comrak and micromark pair runs of mixed markers differently in rare cases
(`*emph***strong **`), and comrak does not read a comment ending in `--->` as HTML, so markers
inside it are checked.

## Why is this bad?
Emphasis is only parsed when the markers touch the text: the reader sees the asterisks or
underscores instead of bold or italic text.

## Example
```markdown
Here is some ** bold ** text and some _ italic _ text.
```

## Use instead
```markdown
Here is some **bold** text and some _italic_ text.
```
"#,
    severity: Severity::Warning,
    fix: true,
    params: &[],
};

/// "** bold **".
pub struct NoSpaceInEmphasis;

/// The line holding byte `at`: its start and end (without the line ending).
fn line_bounds(page: &Page<'_>, at: usize) -> (usize, usize) {
    let span = super::lines::line_span(page, super::lines::lines_by_number(page), page.lines.line_of(at) + 1);
    (span.start, span.end)
}

impl Rule for NoSpaceInEmphasis {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, _params: &Params, out: &mut Sink<'_>) {
        let markers = &page.markdown.bare_emphasis_markers;
        if markers.len() < 2 {
            return;
        }
        let text = page.source.text.as_str();
        // Markers inside math (`$1 * 2 * 3$`, `$$` blocks) are math to markdownlint, not emphasis.
        let outside_math;
        let markers = if text[page.body_start.min(text.len())..].contains('$') {
            let ignored = super::lines::code_and_html_lines(page);
            let math_lines = super::math::block_lines(page, &ignored);
            outside_math = markers
                .iter()
                .copied()
                .filter(|(span, _)| {
                    let line = page.lines.line_of(span.start);
                    if math_lines.get(line).copied().unwrap_or(false) {
                        return false;
                    }
                    let (start, end) = line_bounds(page, span.start);
                    !super::math::inline_spans(&text[start..end], 1)
                        .any(|(a, b)| start + a <= span.start && span.end <= start + b)
                })
                .collect::<Vec<_>>();
            &outside_math
        } else {
            markers
        };
        if markers.len() < 2 {
            return;
        }
        // markdownlint pairs the bare markers of each container and each marker string in order.
        let mut order: Vec<usize> = (0..markers.len()).collect();
        order.sort_by_key(|&i| {
            let (span, container) = markers[i];
            (container, &text[span.start..span.end], span.start)
        });
        for group in order.chunk_by(|&a, &b| {
            markers[a].1 == markers[b].1
                && text[markers[a].0.start..markers[a].0.end] == text[markers[b].0.start..markers[b].0.end]
        }) {
            let same: Vec<Span> = group.iter().map(|&i| markers[i].0).collect();
            let marker = &text[same[0].start..same[0].end];
            for pair in same.chunks_exact(2) {
                let (open, close) = (pair[0], pair[1]);
                let (_, open_line_end) = line_bounds(page, open.start);
                let after = &text[open.end..open_line_end];
                let spaces = after.len() - after.trim_start().len();
                if spaces > 0 && spaces < after.len() {
                    let gap = Span::new(open.end, open.end + spaces);
                    let next = after[spaces..].chars().next().unwrap_or(' ');
                    out.report(gap, format!("space after the opening '{marker}' in '{marker} {next}'"))
                        .help(format!("remove the space so that '{marker}' touches the text it emphasizes"))
                        .fix(vec![Edit { span: gap, replacement: String::new() }]);
                }
                let (close_line_start, _) = line_bounds(page, close.start);
                let before = &text[close_line_start..close.start];
                let kept = before.trim_end();
                if !kept.is_empty() && kept.len() < before.len() {
                    let gap = Span::new(close_line_start + kept.len(), close.start);
                    let previous = kept.chars().next_back().unwrap_or(' ');
                    out.report(gap, format!("space before the closing '{marker}' in '{previous} {marker}'"))
                        .help(format!("remove the space so that '{marker}' touches the text it emphasizes"))
                        .fix(vec![Edit { span: gap, replacement: String::new() }]);
                }
            }
        }
    }
}

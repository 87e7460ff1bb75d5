//! MD041 first-line-heading.

use super::headings::front_matter_has_title;
use super::html::is_html_comment_block;
use super::lines::line_range;
use crate::page::{BlockKind, Page};
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;

const LEVEL: Param = Param::integer("level", 1, "the heading level the first line must have");
const ALLOW_PREAMBLE: Param =
    Param::boolean("allow_preamble", false, "allow content before the first heading when it is not a heading");

pub static META: RuleMeta = RuleMeta {
    code: "MD041",
    name: "first-line-heading",
    group: Group::Markdown,
    summary: "first line in a file should be a top-level heading",
    docs: r#"## What it does
markdownlint's MD041: a page whose first content (after front matter, blank lines and HTML
comments) is not a heading of `level` (default 1). An HTML heading (`<h1>`) counts. A page whose
front matter has a title (`front_matter_title`, a regular expression, default
`^\s*"?title"?\s*[:=]`; an empty string ignores front matter) is not checked. With
`allow_preamble`, content before the first heading is allowed and only that heading's level is
checked.

## Why is this bad?
A page without a title heading has no name in the rendered page, in search results or in the
outline.

## Example
```markdown
This page starts with text.

# Title
```

## Use instead
```markdown
# Title

This page starts with a heading.
```
"#,
    severity: Severity::Warning,
    fix: false,
    params: &[LEVEL, super::headings::FRONT_MATTER_TITLE, ALLOW_PREAMBLE],
};

/// Pages that do not start with a title heading.
pub struct FirstLineHeading;

/// The name of the first tag of an HTML block, lowercase (`None` for a comment or text).
fn first_tag(html: &str) -> Option<String> {
    let rest = &html[html.find('<')? + 1..];
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    if rest.starts_with(['!', '>']) {
        return None;
    }
    let end = rest.find(|c: char| c == '/' || c == '>' || c.is_whitespace()).unwrap_or(rest.len());
    Some(rest[..end].to_ascii_lowercase())
}

impl Rule for FirstLineHeading {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        if front_matter_has_title(page, params.pattern(&super::headings::FRONT_MATTER_TITLE)) {
            return;
        }
        let level = params.int(&LEVEL);
        let allow_preamble = params.flag(&ALLOW_PREAMBLE);
        let text = page.source.text.as_str();
        // Link reference definitions leave no block behind, but they are content: look for
        // non-blank lines between blocks too.
        let mut next_line = super::lines::first_body_line(page) + 1;
        let lines = super::lines::lines_by_number(page);
        let definition_before = |end_line: usize, from: usize| {
            (from..end_line).find(|&n| lines.get(n).copied().flatten().is_some_and(|l| !l.trim().is_empty()))
        };
        let mut problem: Option<(usize, String)> = None;
        let mut decided = false;
        for block in &page.blocks {
            let (first, last) = line_range(page, block.span);
            if let Some(line) = definition_before(first, next_line)
                && !allow_preamble
            {
                problem = Some((line, String::new()));
                decided = true;
                break;
            }
            next_line = last + 1;
            decided = true;
            match block.kind {
                BlockKind::Heading(h) => {
                    let found = u64::from(page.headings[h].level);
                    if found != level {
                        problem = Some((first, format!("the first heading is level {found}, expected level {level}")));
                    }
                    break;
                }
                BlockKind::Html if is_html_comment_block(page.slice(block.span)) => decided = false,
                BlockKind::Html
                    if first_tag(page.slice(block.span)).is_some_and(|t| {
                        t.len() == 2 && t.starts_with('h') && matches!(t.as_bytes()[1], b'1'..=b'6')
                    }) =>
                {
                    let tag = first_tag(page.slice(block.span)).unwrap_or_default();
                    if tag != format!("h{level}") {
                        problem = Some((
                            first,
                            format!("the first heading is an HTML <{tag}>, expected a level {level} heading"),
                        ));
                    }
                    break;
                }
                _ if !allow_preamble => {
                    problem = Some((first, String::new()));
                    break;
                }
                _ => decided = false,
            }
        }
        if !decided
            && !allow_preamble
            && let Some(line) = definition_before(page.lines.line_count() + 1, next_line)
        {
            problem = Some((line, String::new()));
        }
        let Some((line, mut message)) = problem else { return };
        let start = page.lines.line_start(line - 1);
        let end = text[start..].find(['\n', '\r']).map_or(text.len(), |n| start + n);
        if message.is_empty() {
            let shown = text[start..end].trim();
            let cut = shown.char_indices().nth(40).map_or(shown.len(), |(i, _)| i);
            let more = if cut < shown.len() { "…" } else { "" };
            message = format!("the page starts with '{}{more}', not a level {level} heading", &shown[..cut]);
        }
        out.report(Span::new(start, end), message).help(format!(
            "start the page with a level {level} heading ('{} Title') or give it a title in front matter",
            "#".repeat(level.clamp(1, 6) as usize)
        ));
    }
}

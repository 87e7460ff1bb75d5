//! MD030 list-marker-space.

use super::lines::{line_range, lines_by_number};
use super::lists::{item_prefix, parsed_lists};
use crate::diagnostic::Edit;
use crate::page::Page;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};

const UL_SINGLE: Param =
    Param::width("ul_single", 1, "spaces after the marker of a bullet list of one-paragraph items");
const OL_SINGLE: Param =
    Param::width("ol_single", 1, "spaces after the marker of an ordered list of one-paragraph items");
const UL_MULTI: Param = Param::width("ul_multi", 1, "spaces after the marker of a bullet list with longer items");
const OL_MULTI: Param = Param::width("ol_multi", 1, "spaces after the marker of an ordered list with longer items");

pub static META: RuleMeta = RuleMeta {
    code: "MD030",
    name: "list-marker-space",
    group: Group::Markdown,
    summary: "spaces after list markers",
    docs: r#"## What it does
markdownlint's MD030: another number of spaces between a list marker and the item's text than
the list's kind asks for. A list whose items each take one line uses `ul_single` / `ol_single`;
a list with an item over several lines, or blank lines between items, uses `ul_multi` /
`ol_multi`. All four default to 1. The fix sets the spaces, as markdownlint's does, except
where that would change what the item holds: with a width of 5 or more (five spaces after a
marker make the item's text an indented code block, so the parser measures one space again and
each run would add more), or where the gap is followed by more whitespace (the item starts with
indented code). Those are reported without a fix.

**Differences from markdownlint.** None on the GitLab handbook with the default parameters.
With different single and multi-line spacings, a few lists differ: markdownlint keeps a list
going across a `<br>`-like HTML line and a blank line, and counts a link reference definition
at the end of the last item as one of its lines, where comrak ends the list.

## Why is this bad?
Extra spaces after a marker shift the item's text, make its continuation lines hard to indent
consistently, and at five spaces turn the text into a code block.

## Example
```markdown
*   One
*   Two
```

## Use instead
```markdown
* One
* Two
```
"#,
    severity: Severity::Warning,
    fix: true,
    params: &[UL_SINGLE, OL_SINGLE, UL_MULTI, OL_MULTI],
};

/// The wrong number of spaces after a list marker.
pub struct ListMarkerSpace;

impl Rule for ListMarkerSpace {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        let ul_single = params.int(&UL_SINGLE) as usize;
        let ol_single = params.int(&OL_SINGLE) as usize;
        let ul_multi = params.int(&UL_MULTI) as usize;
        let ol_multi = params.int(&OL_MULTI) as usize;
        let lines = lines_by_number(page);
        let html_starts: std::collections::HashSet<usize> =
            page.html_blocks.iter().map(|span| line_range(page, *span).0).collect();
        let paragraph_ends: std::collections::HashSet<usize> =
            page.markdown.paragraphs.iter().map(|span| line_range(page, *span).1).collect();
        for list in parsed_lists(page) {
            let (first, mut last) = line_range(page, list.span);
            // The list ends at its last line with content.
            while last > first && lines.get(last).copied().flatten().is_none_or(|l| l.trim().is_empty()) {
                last -= 1;
            }
            // An HTML line that cannot interrupt a paragraph (`<br>`) right after an item's
            // paragraph: comrak makes it a block after the list, markdownlint's parser keeps it
            // in the item.
            if paragraph_ends.contains(&last)
                && html_starts.contains(&(last + 1))
                && lines.get(last + 1).copied().flatten().is_some_and(super::html::is_lazy_html)
            {
                last += 1;
            }
            let single = last - first + 1 == list.items.len();
            let expected = match (list.bullet.is_some(), single) {
                (true, true) => ul_single,
                (true, false) => ul_multi,
                (false, true) => ol_single,
                (false, false) => ol_multi,
            };
            for item in &list.items {
                let Some(prefix) = item_prefix(page, list, item) else { continue };
                let Some(space) = prefix.space else { continue };
                let actual = page.slice(space).chars().count();
                if actual == expected {
                    continue;
                }
                let finding = out
                    .report(
                        space,
                        format!(
                            "{actual} space{} after list marker '{}'; expected {expected}",
                            if actual == 1 { "" } else { "s" },
                            page.slice(prefix.marker)
                        ),
                    )
                    .help(format!("put {expected} space{} after the marker", if expected == 1 { "" } else { "s" }));
                // Why 4: CommonMark makes five spaces after a marker the start of indented code.
                let code_follows = page.source.text[space.end..].starts_with([' ', '\t']);
                if expected <= 4 && !code_follows {
                    finding.fix(vec![Edit { span: space, replacement: " ".repeat(expected) }]);
                }
            }
        }
    }
}

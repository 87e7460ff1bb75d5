//! MD005 list-indent.

use super::lists::{item_prefix, parsed_lists, reindent};
use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};

pub static META: RuleMeta = RuleMeta {
    code: "MD005",
    name: "list-indent",
    group: Group::Markdown,
    summary: "inconsistent indentation for list items at the same level",
    docs: r#"## What it does
markdownlint's MD005: an item of a list that does not start in the same column as the list's
first item. Ordered lists may instead right-align their numbers (` 9.` above `10.`): once an item
ends its number where the first item ends it, the others must too. The fix re-indents items of
ordered lists; markdownlint leaves bullets to MD007 (ul-indent), and so does hblint.

## Why is this bad?
An item indented a little more or less than its siblings is hard to tell from a nested item, and
other Markdown tools may nest it or start a new list.

## Example
```markdown
* One
 * Two
* Three
```

## Use instead
```markdown
* One
* Two
* Three
```
"#,
    severity: Severity::Warning,
    fix: true,
    params: &[],
};

/// Items of one list in different columns.
pub struct ListIndent;

impl Rule for ListIndent {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, _params: &Params, out: &mut Sink<'_>) {
        for list in parsed_lists(page) {
            let Some(first) = list.items.first().and_then(|item| item_prefix(page, list, item)) else { continue };
            let expected = first.marker_column(page);
            // Ordered lists: where the first item's number ends, and whether the items follow it.
            let mut expected_end = None;
            let mut end_matching = false;
            for item in &list.items {
                let Some(prefix) = item_prefix(page, list, item) else { continue };
                let actual = prefix.marker_column(page);
                let marker = page.slice(prefix.marker);
                if list.bullet.is_some() {
                    if actual != expected {
                        out.report(
                            prefix.marker,
                            format!("list item '{marker}' at column {}; expected column {}", actual + 1, expected + 1),
                        )
                        .help("start every item of the list in the column of its first item");
                    }
                    continue;
                }
                let width = marker.len();
                let actual_end = actual + width;
                let expected_end = *expected_end.get_or_insert(actual_end);
                if actual == expected && !end_matching {
                    continue;
                }
                if actual_end == expected_end {
                    end_matching = true;
                    continue;
                }
                let (message, want) = if end_matching {
                    (
                        format!("list item '{marker}' ends at column {actual_end}; expected column {expected_end}"),
                        // A number wider than the column it should end at ("100." under " 9.")
                        // cannot be moved there: reported, not fixed.
                        expected_end.checked_sub(width),
                    )
                } else {
                    (
                        format!("list item '{marker}' at column {}; expected column {}", actual + 1, expected + 1),
                        Some(expected),
                    )
                };
                let diagnostic = out.report(prefix.marker, message).help(if end_matching {
                    "right-align the item's number with the other items"
                } else {
                    "start every item of the list in the column of its first item"
                });
                let Some(want) = want else { continue };
                let at = actual.min(want);
                let (from, to) = if actual > want { (actual - at, 0) } else { (0, want - at) };
                if let Some(edit) = reindent(page, prefix.line_start, at, from, to) {
                    diagnostic.fix(vec![edit]);
                }
            }
        }
    }
}

//! MD007 ul-indent.

use super::lists::{item_prefix, parsed_lists, reindent};
use crate::page::Page;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};

const INDENT: Param = Param::width("indent", 2, "spaces of indentation per nesting level");
const START_INDENTED: Param = Param::boolean("start_indented", false, "whether top-level lists are indented");
const START_INDENT: Param =
    Param::width("start_indent", 2, "spaces of indentation of top-level lists, with `start_indented`")
        .defaults_to("indent");

pub static META: RuleMeta = RuleMeta {
    code: "MD007",
    name: "ul-indent",
    group: Group::Markdown,
    summary: "unordered list indentation",
    docs: r#"## What it does
markdownlint's MD007: a bullet indented otherwise than `indent` spaces (default 2) per level of
nesting. Top-level bullets start at the left margin, or `start_indent` spaces in (default:
`indent`) when `start_indented` is true. Bullets nested under an ordered list are not checked; in
a block quote the indentation counts from the `>`. The fix re-indents the bullet.

**Differences from markdownlint.** None on the GitLab handbook with the default parameters.
comrak drops a footnote definition nobody references, so its bullets go unchecked; and a
`<br>`-like HTML line after a list item swallows the lines after it in comrak (markdownlint
keeps the list going), which shows with `start_indented` on one page.

## Why is this bad?
Indentation that does not follow one step per level makes the nesting hard to see, and some
Markdown tools need a fixed indentation to nest lists at all.

## Example
```markdown
* One
   * Nested three spaces in
```

## Use instead
```markdown
* One
  * Nested two spaces in
```
"#,
    severity: Severity::Warning,
    fix: true,
    params: &[INDENT, START_INDENTED, START_INDENT],
};

/// Bullets indented by another step than `indent`.
pub struct UlIndent;

impl Rule for UlIndent {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        let indent = params.int(&INDENT) as usize;
        let start = if params.flag(&START_INDENTED) { params.int(&START_INDENT) as usize } else { 0 };
        let text = page.source.text.as_str();
        for list in parsed_lists(page).filter(|l| l.bullet.is_some()) {
            let Some(nesting) = list.ul_nesting else { continue };
            let expected = if list.in_footnote { 4 } else { 0 } + start + nesting * indent;
            for item in &list.items {
                let Some(prefix) = item_prefix(page, list, item) else { continue };
                // In a block quote the indentation counts from the last `>` on the line (and the
                // one space or tab after it).
                let before = &text[prefix.line_start..prefix.marker.start];
                let quote_end = before
                    .rfind('>')
                    .map_or(0, |i| i + 1 + usize::from(matches!(before.as_bytes().get(i + 1), Some(b' ' | b'\t'))));
                let base = before[..quote_end].chars().count();
                let actual = prefix.marker_column(page) - base;
                if actual == expected {
                    continue;
                }
                let marker = page.slice(prefix.marker);
                let diagnostic = out
                    .report(
                        prefix.marker,
                        format!(
                            "bullet '{marker}' indented {actual} space{}; expected {expected}",
                            if actual == 1 { "" } else { "s" }
                        ),
                    )
                    .help(format!("indent nested bullets {indent} spaces per level"));
                if let Some(edit) = reindent(page, prefix.line_start, base, actual, expected) {
                    diagnostic.fix(vec![edit]);
                }
            }
        }
    }
}

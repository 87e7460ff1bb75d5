//! MD009 no-trailing-spaces.

use super::html::html_comments;
use super::lines::{body_lines, line_flags, mark_code_lines};
use crate::diagnostic::Edit;
use crate::page::Page;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;

const BR_SPACES: Param =
    Param::integer("br_spaces", 2, "the trailing spaces allowed for a hard line break (under 2: none)");
const STRICT: Param = Param::boolean("strict", false, "report trailing spaces even when they make a line break");
const NBSP: Param = Param::boolean("nbsp", true, "count non-breaking spaces as trailing whitespace");
const CODE_BLOCKS: Param = Param::boolean("code_blocks", false, "check the lines of code blocks too");

pub static META: RuleMeta = RuleMeta {
    code: "MD009",
    name: "no-trailing-spaces",
    group: Group::Markdown,
    summary: "trailing spaces",
    docs: r#"## What it does
markdownlint's MD009: whitespace at the end of a line, outside code blocks. Exactly `br_spaces`
(default 2) trailing spaces make a hard line break and are allowed, unless `strict`. Like
markdownlint (JavaScript's `trimEnd`), a trailing no-break space (U+00A0) counts as trailing
whitespace: pasted from a word processor, it is invisible in review. Parameters: `br_spaces`,
`code_blocks`, `list_item_empty_lines`, `strict`, and hblint's own `nbsp` (default `true`;
`false` leaves trailing no-break spaces alone, for pages that use them on purpose).

**Differences from markdownlint.** One line in the GitLab handbook differs: a fenced block in a
list whose lines are indented less than the item's content, which comrak and micromark close in
different places.

## Why is this bad?
Invisible characters that produce noisy diffs, and sometimes an unintended line break.

## Example
```markdown
Some text.␠␠␠
```

## Use instead
```markdown
Some text.
```
"#,
    severity: Severity::Warning,
    fix: true,
    params: &[BR_SPACES, STRICT, NBSP, CODE_BLOCKS],
};

/// Whitespace at the end of lines.
pub struct NoTrailingSpaces;

impl Rule for NoTrailingSpaces {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        let br_spaces = params.int(&BR_SPACES) as usize;
        let expected = if br_spaces < 2 { 0 } else { br_spaces };
        let strict = params.flag(&STRICT);
        let nbsp = params.flag(&NBSP);
        let trailing_space = |c: char| c.is_whitespace() && (nbsp || c != '\u{a0}');
        let mut in_code = line_flags(page);
        if !params.flag(&CODE_BLOCKS) {
            mark_code_lines(page, &mut in_code, false);
        }
        // markdownlint blanks the inside of HTML comments before its rules read the lines.
        let comments = html_comments(&page.source.text);
        for line in body_lines(page) {
            let kept = line.text.trim_end_matches(trailing_space);
            let trailing = line.text[kept.len()..].chars().count();
            if trailing == 0 || in_code[line.number] || (trailing == expected && !strict) {
                continue;
            }
            let at = line.start + kept.len();
            if comments.iter().any(|c| c.start < at && at < c.end.saturating_sub(3)) {
                continue;
            }
            let span = Span::new(line.start + kept.len(), line.start + line.text.len());
            let allowed = if expected == 0 { "0".to_string() } else { format!("0 or {expected}") };
            out.report(
                span,
                format!("{trailing} trailing space{} (expected {allowed})", if trailing == 1 { "" } else { "s" }),
            )
            .help("remove the whitespace at the end of the line")
            .fix(vec![Edit { span, replacement: String::new() }]);
        }
    }
}

//! MD009 no-trailing-spaces.

use super::html::{hidden_comments, line_ends_in_hidden_comment};
use super::lines::{body_lines, line_flags, line_range, mark_code_lines};
use crate::diagnostic::Edit;
use crate::page::Page;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;

const BR_SPACES: Param =
    Param::integer("br_spaces", 2, "the trailing spaces allowed for a hard line break (under 2: none)");
const STRICT: Param = Param::boolean("strict", false, "report trailing spaces even when they make a line break");
const NBSP: Param = Param::boolean("nbsp", true, "count non-breaking spaces as trailing whitespace");
const CODE_BLOCKS: Param = Param::boolean("code_blocks", false, "check the lines of code blocks too");
const LIST_ITEM_EMPTY_LINES: Param =
    Param::boolean("list_item_empty_lines", false, "allow spaces on the empty lines inside list items");

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

With `strict = true`, `br_spaces` spaces are reported too where they make no line break: at the
end of a paragraph, outside paragraphs, and on a line that ends inside a code span. A real hard
break (inside a paragraph, before its last line) stays allowed.

With `list_item_empty_lines = true`, as markdownlint reads it, no line of a list is reported
(the item's text lines too), except whitespace-only lines that end an item (nothing of the item
follows them).

As in markdownlint, which hides the text of HTML comments from its line rules, trailing spaces
on a line that ends inside an HTML comment are not reported (an inline comment only when it is
valid CommonMark: no `--` inside).

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
    params: &[BR_SPACES, STRICT, NBSP, CODE_BLOCKS, LIST_ITEM_EMPTY_LINES],
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
        let in_list = if params.flag(&LIST_ITEM_EMPTY_LINES) { list_lines(page) } else { Vec::new() };
        let makes_break = if strict { hard_break_lines(page) } else { Vec::new() };
        // markdownlint hides the inside of HTML comments before its rules read the lines.
        let hidden = hidden_comments(page);
        for line in body_lines(page) {
            let kept = line.text.trim_end_matches(trailing_space);
            let trailing = line.text[kept.len()..].chars().count();
            if trailing == 0
                || in_code[line.number]
                || in_list.get(line.number).copied().unwrap_or(false)
                || (trailing == expected && (!strict || makes_break[line.number]))
            {
                continue;
            }
            let line_end = line.start + line.text.len();
            if line_ends_in_hidden_comment(&hidden, line_end) {
                continue;
            }
            let span = Span::new(line.start + kept.len(), line_end);
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

/// The lines where trailing spaces make a hard line break, as markdownlint's `strict` reads
/// them: a paragraph's lines but its last, unless a code span goes on past the line's end.
fn hard_break_lines(page: &Page<'_>) -> Vec<bool> {
    let mut flags = line_flags(page);
    for span in &page.markdown.paragraphs {
        let (first, last) = line_range(page, *span);
        flags[first..last].fill(true);
    }
    for span in &page.markdown.code_spans {
        let (first, last) = line_range(page, *span);
        flags[first..last].fill(false);
    }
    flags
}

/// The lines `list_item_empty_lines` exempts, as markdownlint reads it: every line of a list,
/// but the whitespace-only lines that end an item (no line of the item's follows them).
fn list_lines(page: &Page<'_>) -> Vec<bool> {
    let mut flags = line_flags(page);
    let lines = super::lines::lines_by_number(page);
    let blank = |number: usize| lines.get(number).copied().flatten().is_none_or(|l| l.trim().is_empty());
    for list in &page.lists {
        let (first, last) = line_range(page, list.span);
        flags[first..=last].fill(true);
        for (index, item) in list.items.iter().enumerate() {
            let item_first = line_range(page, item.span).0;
            let item_last = match list.items.get(index + 1) {
                Some(next) => line_range(page, next.span).0 - 1,
                None => last,
            };
            let mut number = item_last;
            while number > item_first && blank(number) {
                flags[number] = false;
                number -= 1;
            }
        }
    }
    flags
}

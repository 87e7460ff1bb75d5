//! MD055 table-pipe-style.

use super::tables::table_rows;
use crate::page::Page;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::{Span, floor_char_boundary};

const STYLE: Param = Param::choice(
    "style",
    &["consistent", "leading_only", "trailing_only", "leading_and_trailing", "no_leading_or_trailing", "per_table"],
    "consistent",
    "where table rows have pipes; `consistent` takes the first row's",
);

pub static META: RuleMeta = RuleMeta {
    code: "MD055",
    name: "table-pipe-style",
    group: Group::Markdown,
    summary: "table pipe style",
    docs: r#"## What it does
markdownlint's MD055: table rows (the delimiter row included) whose leading and trailing pipes
differ from `style`: `consistent` (the first row of the page's first table, the default),
`per_table` (each table's first row), `leading_and_trailing`, `leading_only`, `trailing_only` or
`no_leading_or_trailing`. Text right after a table, without a blank line, is a row of it.

## Why is this bad?
Some renderers need the pipes, and rows that begin and end alike are easier to read and edit.

## Example
```markdown
| Level | Grade |
| ----- | ----- |
  Senior | 7    |
```

## Use instead
```markdown
| Level  | Grade |
| ------ | ----- |
| Senior | 7     |
```
"#,
    severity: Severity::Warning,
    fix: false,
    params: &[STYLE],
};

/// Rows with or without leading and trailing pipes, against the style.
pub struct TablePipeStyle;

fn style_name(leading: bool, trailing: bool) -> &'static str {
    match (leading, trailing) {
        (true, true) => "leading_and_trailing",
        (true, false) => "leading_only",
        (false, true) => "trailing_only",
        (false, false) => "no_leading_or_trailing",
    }
}

impl Rule for TablePipeStyle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        if page.markdown.tables.is_empty() {
            return;
        }
        let style = params.text(&STYLE).to_string();
        let per_table = style == "per_table";
        let mut expected: Option<(bool, bool)> = match style.as_str() {
            "leading_and_trailing" => Some((true, true)),
            "leading_only" => Some((true, false)),
            "trailing_only" => Some((false, true)),
            "no_leading_or_trailing" => Some((false, false)),
            _ => None,
        };
        let mut current_table = usize::MAX;
        let bytes = page.source.text.as_bytes();
        for row in table_rows(page) {
            if per_table && row.table != current_table {
                expected = None;
                current_table = row.table;
            }
            let leading = row.leading_pipe(bytes);
            let trailing = row.trailing_pipe(bytes);
            let (want_leading, want_trailing) = *expected.get_or_insert((leading, trailing));
            let want = style_name(want_leading, want_trailing);
            let actual = style_name(leading, trailing);
            if leading != want_leading {
                let what = if want_leading { "missing" } else { "unexpected" };
                // The row's first character, which may take more than one byte.
                let first = page.source.text[row.start..].chars().next().map_or(0, char::len_utf8);
                out.report(
                    Span::new(row.start, row.start + first),
                    format!("{what} leading pipe: the row is {actual}, expected {want}"),
                )
                .help(if want_leading {
                    "start the row with '|'"
                } else {
                    "remove the '|' that starts the row"
                });
            }
            if trailing != want_trailing {
                let what = if want_trailing { "missing" } else { "unexpected" };
                let last = row.start + bytes[row.start..row.end].trim_ascii_end().len();
                out.report(
                    Span::new(floor_char_boundary(&page.source.text, last.saturating_sub(1)).max(row.start), last),
                    format!("{what} trailing pipe: the row is {actual}, expected {want}"),
                )
                .help(if want_trailing {
                    "end the row with '|'"
                } else {
                    "remove the '|' that ends the row"
                });
            }
        }
    }
}

//! MD056 table-column-count.

use super::tables::table_rows;
use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::{Span, floor_char_boundary};

pub static META: RuleMeta = RuleMeta {
    code: "MD056",
    name: "table-column-count",
    group: Group::Markdown,
    summary: "table column count",
    docs: r#"## What it does
markdownlint's MD056: a table row with fewer or more cells than the table's header row. Cells
are split at every pipe that is not escaped, in code spans too (as GitHub does): write `\|` for
a pipe inside a cell.

## Why is this bad?
A row with too few cells renders with empty cells; the cells of a row with too many are
dropped: the text is silently lost.

## Example
```markdown
| Level  | Grade |
| ------ | ----- |
| Senior | 7 | 8 |
```

## Use instead
```markdown
| Level  | Grade |
| ------ | ----- |
| Senior | 7, 8  |
```
"#,
    severity: Severity::Warning,
    fix: false,
    params: &[],
};

/// Rows whose cell count differs from the header's.
pub struct TableColumnCount;

impl Rule for TableColumnCount {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, _params: &Params, out: &mut Sink<'_>) {
        if page.markdown.tables.is_empty() {
            return;
        }
        let mut expected = 0;
        let mut current_table = usize::MAX;
        let bytes = page.source.text.as_bytes();
        for row in table_rows(page) {
            if row.table != current_table {
                expected = 0;
                current_table = row.table;
            }
            let actual = row.cell_count(bytes);
            if expected == 0 {
                expected = actual;
            }
            let plural = |n: usize| if n == 1 { "" } else { "s" };
            if actual < expected {
                let at = floor_char_boundary(&page.source.text, row.end.saturating_sub(1)).max(row.start);
                out.report(
                    Span::new(at, row.end),
                    format!(
                        "row has {actual} cell{}, the header has {expected}: the row will be missing data",
                        plural(actual)
                    ),
                )
                .help("add the missing cells, empty ones if need be ('| |')");
            } else if actual > expected {
                let first_extra = row.cell_start(bytes, expected);
                out.report(
                    Span::new(first_extra, row.end),
                    format!("row has {actual} cells, the header has {expected}: the extra cells will not be shown"),
                )
                .help("merge or remove the extra cells, add columns to the header, or escape a pipe inside a cell as '\\|'");
            }
        }
    }
}

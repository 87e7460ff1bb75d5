//! MD060 table-column-style.

use super::tables::{Piece, Row, Token, table_rows};
use crate::diagnostic::Edit;
use crate::page::Page;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;
use unicode_width::UnicodeWidthStr;

const STYLE: Param = Param::choice(
    "style",
    &["any", "aligned", "compact", "tight"],
    "any",
    "the table column style: padded to align, one space around cells, no space, or any",
);
const ALIGNED_DELIMITER: Param =
    Param::boolean("aligned_delimiter", false, "the delimiter row's pipes must line up with the header's");

pub static META: RuleMeta = RuleMeta {
    code: "MD060",
    name: "table-column-style",
    group: Group::Markdown,
    summary: "table column style",
    docs: r#"## What it does
markdownlint's MD060: table pipes placed against `style`. `aligned`: every pipe sits in the
same column as the header row's (by display width: wide characters count two). `compact`:
exactly one space on each side of a pipe that has a cell next to it. `tight`: no space around
pipes. `any` (the default): each table is held to whichever of the three it breaks least, and
is clean when it is aligned. With `aligned_delimiter: true`, the delimiter row's pipes must also
line up with the header's in the compact and tight styles.

`--fix` adds or removes the spaces for the compact and tight styles (never a space that would
turn a row into a list item); aligning a table is left to you or to a table formatter.

## Why is this bad?
Tables whose pipes wander are hard to read and to edit in the source, and each style change
makes noisy diffs.

## Example
```markdown
| Level | Grade |
|--------|---|
| Senior  | 7 |
```

## Use instead
```markdown
| Level  | Grade |
| ------ | ----- |
| Senior | 7     |
```
"#,
    severity: Severity::Warning,
    fix: true,
    params: &[STYLE, ALIGNED_DELIMITER],
};

/// Table pipes placed against the style.
pub struct TableColumnStyle;

/// A pipe out of place: where, what is wrong, and the edit that fixes it.
struct Problem {
    at: usize,
    message: &'static str,
    help: &'static str,
    edit: Option<Edit>,
}

/// Display width as markdownlint's `string-width` counts it: control characters (tabs) take
/// no room.
fn width(text: &str) -> usize {
    if text.bytes().all(|b| b.is_ascii() && !b.is_ascii_control()) {
        return text.len();
    }
    text.split(char::is_control).map(UnicodeWidthStr::width).sum()
}

/// A row and its pieces.
struct Split<'t> {
    row: &'t Row,
    tokens: &'t [Token],
}

/// The display column of each divider of a row, counted from the start of its line.
fn divider_columns(page: &Page<'_>, row: &Split<'_>, out: &mut Vec<(usize, usize)>) {
    let text = page.source.text.as_str();
    let mut at = page.lines.line_start(page.lines.line_of(row.row.start));
    let mut column = 0;
    out.clear();
    for token in row.tokens.iter().filter(|t| t.kind == Piece::Divider) {
        column += width(&text[at..token.start]);
        at = token.start;
        out.push((token.start, column));
    }
}

/// Pipes of `rows[1..]` that are not in a column of the header's (`rows[0]`) pipes.
fn misaligned(page: &Page<'_>, rows: &[Split<'_>], message: &'static str, out: &mut Vec<Problem>) {
    let Some((header, rest)) = rows.split_first() else { return };
    let mut columns = Vec::new();
    divider_columns(page, header, &mut columns);
    let header_columns: Vec<usize> = columns.iter().map(|(_, c)| *c).collect();
    let mut remaining = Vec::with_capacity(header_columns.len());
    for row in rest {
        remaining.clear();
        remaining.extend_from_slice(&header_columns);
        divider_columns(page, row, &mut columns);
        for &(at, column) in &columns {
            if remaining.is_empty() {
                break;
            }
            match remaining.iter().position(|&c| c == column) {
                Some(found) => {
                    remaining.swap_remove(found);
                }
                None => out.push(Problem {
                    at,
                    message,
                    help: "pad the cells so that each pipe sits under a pipe of the header row",
                    edit: None,
                }),
            }
        }
    }
}

/// An insertion of one space, unless it would turn the row into a list item (`- | a`).
fn insert_space(page: &Page<'_>, at: usize) -> Option<Edit> {
    let text = page.source.text.as_str();
    let line_start = page.lines.line_start(page.lines.line_of(at));
    let before = text[line_start..at].trim_start_matches(|c: char| c == '>' || c.is_whitespace());
    if matches!(before, "-" | "+" | "*") {
        return None;
    }
    Some(Edit { span: Span::new(at, at), replacement: " ".to_string() })
}

/// The spacing problems of a row for the compact and the tight styles.
fn spacing(page: &Page<'_>, split: &Split<'_>, compact: &mut Vec<Problem>, tight: &mut Vec<Problem>) {
    const COMPACT: &str = "put exactly one space between the pipe and the cell text";
    const TIGHT: &str = "remove the spaces around the pipe";
    let (row, tokens) = (split.row, split.tokens);
    for (i, token) in tokens.iter().enumerate() {
        if token.kind != Piece::Divider {
            continue;
        }
        let at = token.start;
        if let Some(previous) = i.checked_sub(1).map(|p| tokens[p]) {
            if previous.kind == Piece::Whitespace {
                let len = previous.end - previous.start;
                if len != 1 {
                    compact.push(Problem {
                        at,
                        message: "more than one space before the pipe (style 'compact')",
                        help: COMPACT,
                        edit: Some(Edit {
                            span: Span::new(previous.start, previous.end - 1),
                            replacement: String::new(),
                        }),
                    });
                }
                tight.push(Problem {
                    at,
                    message: "space before the pipe (style 'tight')",
                    help: TIGHT,
                    edit: Some(Edit { span: Span::new(previous.start, previous.end), replacement: String::new() }),
                });
            } else {
                compact.push(Problem {
                    at,
                    message: "no space before the pipe (style 'compact')",
                    help: COMPACT,
                    edit: insert_space(page, previous.end),
                });
            }
        }
        if let Some(next) = tokens.get(i + 1) {
            if next.kind == Piece::Whitespace {
                // Whitespace that ends the row does not count.
                if next.end != row.end {
                    let len = next.end - next.start;
                    if len != 1 {
                        compact.push(Problem {
                            at,
                            message: "more than one space after the pipe (style 'compact')",
                            help: COMPACT,
                            edit: Some(Edit { span: Span::new(next.start, next.end - 1), replacement: String::new() }),
                        });
                    }
                    tight.push(Problem {
                        at,
                        message: "space after the pipe (style 'tight')",
                        help: TIGHT,
                        edit: Some(Edit { span: Span::new(next.start, next.end), replacement: String::new() }),
                    });
                }
            } else {
                compact.push(Problem {
                    at,
                    message: "no space after the pipe (style 'compact')",
                    help: COMPACT,
                    edit: insert_space(page, next.start),
                });
            }
        }
    }
}

impl Rule for TableColumnStyle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        if page.markdown.tables.is_empty() {
            return;
        }
        let style = params.text(&STYLE);
        let aligned_allowed = matches!(style, "any" | "aligned");
        let compact_allowed = matches!(style, "any" | "compact");
        let tight_allowed = matches!(style, "any" | "tight");
        let aligned_delimiter = params.flag(&ALIGNED_DELIMITER);
        let rows = table_rows(page);
        let bytes = page.source.text.as_bytes();
        let mut tokens: Vec<Token> = Vec::new();
        let mut first = 0;
        while first < rows.len() {
            let table = rows[first].table;
            let last = rows[first..].iter().position(|r| r.table != table).map_or(rows.len(), |p| first + p);
            tokens.clear();
            let mut bounds = Vec::with_capacity(last - first);
            for row in &rows[first..last] {
                let from = tokens.len();
                row.tokenize(bytes, &mut tokens);
                bounds.push(from..tokens.len());
            }
            let table_rows: Vec<Split<'_>> = rows[first..last]
                .iter()
                .zip(bounds)
                .map(|(row, range)| Split { row, tokens: &tokens[range] })
                .collect();
            first = last;

            let mut if_aligned = Vec::new();
            if aligned_allowed {
                misaligned(
                    page,
                    &table_rows,
                    "pipe does not line up with the header row's pipes (style 'aligned')",
                    &mut if_aligned,
                );
            }
            let mut if_compact = Vec::new();
            let mut if_tight = Vec::new();
            if (compact_allowed || tight_allowed) && !(aligned_allowed && if_aligned.is_empty()) {
                if aligned_delimiter {
                    let message = "delimiter row pipe does not line up with the header row's pipes (aligned_delimiter)";
                    let head = &table_rows[..table_rows.len().min(2)];
                    misaligned(page, head, message, &mut if_compact);
                    misaligned(page, head, message, &mut if_tight);
                }
                for row in &table_rows {
                    spacing(page, row, &mut if_compact, &mut if_tight);
                }
            }
            // Report the allowed style this table breaks least.
            let mut chosen = if_aligned;
            if compact_allowed && (!aligned_allowed || if_compact.len() < chosen.len()) {
                chosen = if_compact;
            }
            if tight_allowed && (if_tight.len() < chosen.len() || (!aligned_allowed && !compact_allowed)) {
                chosen = if_tight;
            }
            for problem in chosen {
                let diagnostic = out.report(Span::new(problem.at, problem.at + 1), problem.message).help(problem.help);
                if let Some(edit) = problem.edit {
                    diagnostic.fix(vec![edit]);
                }
            }
        }
    }
}

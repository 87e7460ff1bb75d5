//! List items as markdownlint's micromark tokens see them: prefixes, columns and re-indenting.

use crate::diagnostic::Edit;
use crate::page::Page;
use crate::source::Span;

/// A list item's prefix as markdownlint's micromark tokens see it (`listItemPrefix`).
pub struct ItemPrefix {
    /// 1-based line of the marker.
    pub line: usize,
    /// Byte offset where that line starts.
    pub line_start: usize,
    /// The marker: `*`, `-`, `+`, or an ordered item's number and delimiter (`10.`).
    pub marker: Span,
    /// An ordered item's number (its digits are `marker` without the last byte).
    pub value: Option<u64>,
    /// The whitespace after the marker that belongs to the prefix: one character before an
    /// indented code block, none in an empty item.
    pub space: Option<Span>,
}

impl ItemPrefix {
    /// 0-based character column of a byte offset on the marker's line.
    pub fn column(&self, page: &Page<'_>, at: usize) -> usize {
        page.source.text[self.line_start..at].chars().count()
    }

    /// The marker's 0-based character column.
    pub fn marker_column(&self, page: &Page<'_>) -> usize {
        self.column(page, self.marker.start)
    }

    /// The end of the whole prefix (marker and its whitespace).
    pub fn end(&self) -> usize {
        self.space.map_or(self.marker.end, |s| s.end)
    }
}

/// The prefix of `item`; `None` when the source at the item's start is not a list marker
/// (comrak positions that cannot be trusted).
pub fn item_prefix(page: &Page<'_>, list: &crate::page::List, item: &crate::page::ListItem) -> Option<ItemPrefix> {
    let text = page.source.text.as_str();
    let bytes = text.as_bytes();
    let start = item.span.start;
    let (marker_end, value) = if list.bullet.is_some() {
        if !matches!(bytes.get(start), Some(b'*' | b'-' | b'+')) {
            return None;
        }
        (start + 1, None)
    } else {
        let digits = bytes[start..].iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 || digits > 9 || !matches!(bytes.get(start + digits), Some(b'.' | b')')) {
            return None;
        }
        (start + digits + 1, text[start..start + digits].parse().ok())
    };
    let line = page.lines.line_of(start);
    let line_start = page.lines.line_start(line);
    let rest = &bytes[marker_end..];
    let run = rest.iter().take_while(|&&b| b == b' ' || b == b'\t').count();
    let at_end = matches!(rest.get(run), None | Some(b'\n' | b'\r'));
    let space = if run == 0 || at_end {
        None
    } else {
        // Five columns or more of whitespace start an indented code block: the prefix then
        // keeps one character of it.
        let mut column = text[line_start..marker_end].chars().count();
        for &b in &rest[..run] {
            column = if b == b'\t' { column + 4 - column % 4 } else { column + 1 };
        }
        let width = column - text[line_start..marker_end].chars().count();
        let kept = if width >= 5 { 1 } else { run };
        Some(Span::new(marker_end, marker_end + kept))
    };
    Some(ItemPrefix { line: line + 1, line_start, marker: Span::new(start, marker_end), value, space })
}

/// The byte offset of 0-based character column `column` on the line starting at `line_start`
/// (the line's end when it is shorter).
pub fn byte_at_column(page: &Page<'_>, line_start: usize, column: usize) -> usize {
    let text = page.source.text.as_str();
    let line_end = text[line_start..].find(['\n', '\r']).map_or(text.len(), |i| line_start + i);
    text[line_start..line_end].char_indices().nth(column).map_or(line_end, |(i, _)| line_start + i)
}

/// The edit that turns the `actual` columns of indentation starting at `at` into `expected`
/// columns, as markdownlint's fixes do: delete the surplus, or insert spaces. `None` when the
/// surplus is not plain whitespace.
pub fn reindent(page: &Page<'_>, line_start: usize, at: usize, actual: usize, expected: usize) -> Option<Edit> {
    let start = byte_at_column(page, line_start, at);
    if actual > expected {
        let end = byte_at_column(page, line_start, at + actual - expected);
        let removed = &page.source.text[start..end];
        (!removed.is_empty() && removed.bytes().all(|b| b == b' ' || b == b'\t'))
            .then(|| Edit { span: Span::new(start, end), replacement: String::new() })
    } else {
        Some(Edit { span: Span::new(start, start), replacement: " ".repeat(expected - actual) })
    }
}

/// The lists markdownlint's parser sees: all but those CommonMark reads as paragraph text
/// (`List::continues_paragraph`).
pub fn parsed_lists<'p>(page: &'p Page<'_>) -> impl Iterator<Item = &'p crate::page::List> {
    page.lists.iter().filter(|l| !l.continues_paragraph)
}

//! Table rows split the way markdownlint's parser (micromark's GFM tables) splits them, shared
//! by MD055, MD056 and MD060. comrak drops extra cells, pads missing ones and has no node for
//! the delimiter row, so rows are split from the source: dividers (`|` not escaped; a pipe in
//! a code span divides too, as in GFM), whitespace runs and content.

use crate::page::Page;

/// What a piece of a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    Divider,
    Whitespace,
    Content,
}

/// A piece of a row: its kind and byte range in the file.
#[derive(Debug, Clone, Copy)]
pub struct Token {
    pub kind: Piece,
    pub start: usize,
    pub end: usize,
}

/// One row of a table, the delimiter row included.
#[derive(Debug, Clone)]
pub struct Row {
    /// Index into `Page::tables`.
    pub table: usize,
    /// From the row's first character to the end of its line (trailing whitespace included).
    pub start: usize,
    pub end: usize,
    pub tokens: Vec<Token>,
}

impl Row {
    /// The cells, as ranges of token indices: a divider opens a cell, except the trailing one,
    /// which closes the last cell.
    pub fn cells(&self) -> Vec<std::ops::Range<usize>> {
        let trailing = self.trailing_divider();
        let mut cells: Vec<std::ops::Range<usize>> = Vec::new();
        for (i, token) in self.tokens.iter().enumerate() {
            let opens = token.kind == Piece::Divider && Some(i) != trailing;
            match cells.last_mut() {
                Some(cell) if !opens => cell.end = i + 1,
                _ => cells.push(i..i + 1),
            }
        }
        cells
    }

    /// The index of the last divider when only whitespace follows it.
    pub fn trailing_divider(&self) -> Option<usize> {
        let last = self.tokens.iter().rposition(|t| t.kind != Piece::Whitespace)?;
        (self.tokens[last].kind == Piece::Divider && last > 0).then_some(last)
    }

    /// Whether the row ends with a pipe (a lone pipe both starts and ends its row).
    pub fn trailing_pipe(&self) -> bool {
        self.tokens.iter().rfind(|t| t.kind != Piece::Whitespace).is_some_and(|t| t.kind == Piece::Divider)
    }

    /// Whether the row starts with a pipe.
    pub fn leading_pipe(&self) -> bool {
        self.tokens.iter().find(|t| t.kind != Piece::Whitespace).is_some_and(|t| t.kind == Piece::Divider)
    }
}

/// Splits the text of a row (`start..end` in `text`) into pieces.
fn tokenize(text: &str, start: usize, end: usize) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens: Vec<Token> = Vec::new();
    let mut i = start;
    while i < end {
        let kind = match bytes[i] {
            b' ' | b'\t' => Piece::Whitespace,
            b'|' => Piece::Divider,
            _ => Piece::Content,
        };
        let from = i;
        match kind {
            Piece::Divider => i += 1,
            Piece::Whitespace => {
                while i < end && matches!(bytes[i], b' ' | b'\t') {
                    i += 1;
                }
            }
            Piece::Content => {
                // Content runs to the next unescaped pipe; its trailing whitespace is a piece of its own.
                while i < end && bytes[i] != b'|' {
                    i += if bytes[i] == b'\\' && i + 1 < end { 2 } else { 1 };
                }
                while i > from && matches!(bytes[i - 1], b' ' | b'\t') {
                    i -= 1;
                }
            }
        }
        tokens.push(Token { kind, start: from, end: i.min(end) });
    }
    tokens
}

/// Every row of every table of the page, in order; the delimiter row follows the header row.
pub fn table_rows(page: &Page<'_>) -> Vec<Row> {
    let text = page.source.text.as_str();
    let bytes = text.as_bytes();
    let mut rows = Vec::with_capacity(page.table_rows.len() + page.tables.len());
    // The line after `line`, past indentation and blockquote markers: (start, end).
    let next_line = |line: usize| {
        let next = line + 1;
        if next >= page.lines.line_count() {
            return None;
        }
        let line_start = page.lines.line_start(next).min(bytes.len());
        let mut end = memchr::memchr(b'\n', &bytes[line_start..]).map_or(bytes.len(), |p| line_start + p);
        if end > line_start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        let start = line_start + bytes[line_start..end].iter().take_while(|b| matches!(b, b' ' | b'\t' | b'>')).count();
        Some((start, end))
    };
    for (i, row) in page.table_rows.iter().enumerate() {
        let tokens = tokenize(text, row.span.start, row.span.end);
        rows.push(Row { table: row.table, start: row.span.start, end: row.span.end, tokens });
        let line = page.lines.line_of(row.span.start);
        if row.header {
            // A delimiter row holds only `|`, `-`, `:` and spaces: no marker to confuse with.
            if let Some((start, end)) = next_line(line) {
                rows.push(Row { table: row.table, start, end, tokens: tokenize(text, start, end) });
            }
        } else if page.table_rows.get(i + 1).is_none_or(|next| next.table != row.table) {
            // comrak ends a table at a line holding a lone pipe; micromark reads it as a last row.
            let mut line = line;
            while let Some((start, end)) = next_line(line)
                && text[start..end].trim() == "|"
            {
                let start = start + (text[start..end].len() - text[start..end].trim_start().len());
                rows.push(Row { table: row.table, start, end, tokens: tokenize(text, start, end) });
                line += 1;
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(row: &str) -> usize {
        Row { table: 0, start: 0, end: row.len(), tokens: tokenize(row, 0, row.len()) }.cells().len()
    }

    #[test]
    fn rows_split_like_micromark() {
        assert_eq!(cells("| a | b |"), 2);
        assert_eq!(cells("| a || c |  "), 3);
        assert_eq!(cells("|  | x |"), 2);
        assert_eq!(cells("a | b"), 2);
        assert_eq!(cells("| `a|b` | \\| c |"), 3);
        assert_eq!(cells("a |"), 1);
    }
}

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
#[derive(Debug, Clone, Copy)]
pub struct Row {
    /// Index into `MarkdownFacts::tables`.
    pub table: usize,
    /// From the row's first character to the end of its line (trailing whitespace included).
    pub start: usize,
    pub end: usize,
}

/// Whether the pipe at `at` is escaped (an odd run of backslashes before it).
fn escaped(bytes: &[u8], from: usize, at: usize) -> bool {
    bytes[from..at].iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 1
}

impl Row {
    /// Whether the row starts with a pipe.
    pub fn leading_pipe(&self, bytes: &[u8]) -> bool {
        bytes.get(self.start) == Some(&b'|') && self.start < self.end
    }

    /// Whether the row ends with a pipe (a lone pipe both starts and ends its row).
    pub fn trailing_pipe(&self, bytes: &[u8]) -> bool {
        let row = &bytes[self.start..self.end];
        match row.iter().rposition(|b| !matches!(b, b' ' | b'\t')) {
            Some(last) => row[last] == b'|' && !escaped(bytes, self.start, self.start + last),
            None => false,
        }
    }

    /// The number of cells: a divider opens a cell, except the trailing one, which closes the
    /// last cell; a row that does not start with a pipe opens one with its first content.
    pub fn cell_count(&self, bytes: &[u8]) -> usize {
        let row = &bytes[self.start..self.end];
        let dividers = memchr::memchr_iter(b'|', row).filter(|&i| !escaped(bytes, self.start, self.start + i)).count();
        let leading = self.leading_pipe(bytes);
        let trailing = self.trailing_pipe(bytes) && !(leading && dividers == 1);
        dividers - usize::from(trailing) + usize::from(!leading && self.start < self.end)
    }

    /// Splits the row into pieces, appending them to `out`.
    pub fn tokenize(&self, bytes: &[u8], out: &mut Vec<Token>) {
        let (start, end) = (self.start, self.end);
        let mut i = start;
        while i < end {
            let from = i;
            let kind = match bytes[i] {
                b' ' | b'\t' => {
                    while i < end && matches!(bytes[i], b' ' | b'\t') {
                        i += 1;
                    }
                    Piece::Whitespace
                }
                b'|' => {
                    i += 1;
                    Piece::Divider
                }
                _ => {
                    // Content runs to the next unescaped pipe, without its trailing whitespace.
                    while i < end && bytes[i] != b'|' {
                        i += if bytes[i] == b'\\' && i + 1 < end { 2 } else { 1 };
                    }
                    while i > from && matches!(bytes[i - 1], b' ' | b'\t') {
                        i -= 1;
                    }
                    Piece::Content
                }
            };
            out.push(Token { kind, start: from, end: i.min(end) });
        }
    }

    /// Where the cell after the first `count` cells starts (for a row with too many cells).
    pub fn cell_start(&self, bytes: &[u8], count: usize) -> usize {
        let mut tokens = Vec::new();
        self.tokenize(bytes, &mut tokens);
        let trailing = tokens
            .iter()
            .rposition(|t| t.kind != Piece::Whitespace)
            .filter(|&i| i > 0 && tokens[i].kind == Piece::Divider);
        let mut cells = 0;
        for (i, token) in tokens.iter().enumerate() {
            let opens = (token.kind == Piece::Divider && Some(i) != trailing) || i == 0;
            if opens {
                if cells == count {
                    return token.start;
                }
                cells += 1;
            }
        }
        self.end
    }
}

/// Every row of every table of the page, in order; the delimiter row follows the header row.
pub fn table_rows(page: &Page<'_>) -> Vec<Row> {
    let text = page.source.text.as_str();
    let bytes = text.as_bytes();
    let mut rows = Vec::with_capacity(page.markdown.table_rows.len() + page.markdown.tables.len());
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
    for (i, row) in page.markdown.table_rows.iter().enumerate() {
        rows.push(Row { table: row.table, start: row.span.start, end: row.span.end });
        if row.header {
            // A delimiter row holds only `|`, `-`, `:` and spaces: no marker to confuse with.
            if let Some((start, end)) = next_line(page.lines.line_of(row.span.start)) {
                rows.push(Row { table: row.table, start, end });
            }
        } else if page.markdown.table_rows.get(i + 1).is_none_or(|next| next.table != row.table) {
            // comrak ends a table at a line holding a lone pipe; micromark reads it as a last row.
            let mut line = page.lines.line_of(row.span.start);
            while let Some((start, end)) = next_line(line)
                && text[start..end].trim() == "|"
            {
                let start = start + (text[start..end].len() - text[start..end].trim_start().len());
                rows.push(Row { table: row.table, start, end });
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
        Row { table: 0, start: 0, end: row.len() }.cell_count(row.as_bytes())
    }

    #[test]
    fn rows_split_like_micromark() {
        assert_eq!(cells("| a | b |"), 2);
        assert_eq!(cells("| a || c |  "), 3);
        assert_eq!(cells("|  | x |"), 2);
        assert_eq!(cells("a | b"), 2);
        assert_eq!(cells("| `a|b` | \\| c |"), 3);
        assert_eq!(cells("a |"), 1);
        assert_eq!(cells("|"), 1);
        assert_eq!(cells("| a \\\\|"), 1);
        let row = "| a | b | c |";
        assert_eq!(Row { table: 0, start: 0, end: row.len() }.cell_start(row.as_bytes(), 2), 8);
    }
}

//! Source text, byte spans and the line index that turns spans into 1-based lines and columns.

use std::path::PathBuf;

/// A half-open byte range `[start, end)` into a file's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end: end.max(start) }
    }
}

/// How lines end in a file; kept so that rewriting a file never changes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnding {
    Lf,
    CrLf,
    /// A lone carriage return (classic Mac OS): CommonMark and markdownlint end a line there.
    Cr,
}

/// One file's text, decoded once. The BOM is stripped from `text` and remembered.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    pub bom: bool,
    pub line_ending: LineEnding,
}

/// Why a file's bytes could not be linted as Markdown text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// A NUL byte in the first 8 KiB: the file is binary, not text.
    Binary,
    /// The bytes are not UTF-8; `line` is where the first bad byte sits.
    InvalidUtf8 { line: usize, column: usize },
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Binary => write!(f, "binary file (contains NUL bytes), not Markdown"),
            DecodeError::InvalidUtf8 { line, column } => {
                write!(f, "invalid UTF-8 at line {line}, byte column {column}; save the file as UTF-8")
            }
        }
    }
}

impl SourceFile {
    /// Decodes raw bytes: rejects binary and non-UTF-8 input, strips a UTF-8 BOM.
    pub fn from_bytes(path: PathBuf, bytes: Vec<u8>) -> Result<SourceFile, DecodeError> {
        let head = &bytes[..bytes.len().min(8192)];
        if head.contains(&0) {
            return Err(DecodeError::Binary);
        }
        let mut text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(err) => {
                let valid = err.utf8_error().valid_up_to();
                let bytes = err.as_bytes();
                let before = &bytes[..valid];
                let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
                let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
                return Err(DecodeError::InvalidUtf8 { line, column: valid - line_start + 1 });
            }
        };
        let bom = text.starts_with('\u{feff}');
        if bom {
            text.drain(..'\u{feff}'.len_utf8());
        }
        Ok(SourceFile::from_text(path, text, bom))
    }

    /// Wraps text that is already decoded (tests, stdin).
    pub fn from_text(path: PathBuf, text: String, bom: bool) -> SourceFile {
        let bytes = text.as_bytes();
        let line_ending = match memchr::memchr2(b'\n', b'\r', bytes) {
            Some(i) if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') => LineEnding::CrLf,
            Some(i) if bytes[i] == b'\r' => LineEnding::Cr,
            _ => LineEnding::Lf,
        };
        SourceFile { path, text, bom, line_ending }
    }

    /// The same file with every lone carriage return (one not followed by a line feed) turned
    /// into a line feed, or `None` when it has none. CommonMark (so comrak) and markdownlint end a
    /// line at a lone `\r`; linting this view makes every rule and the line index agree with the
    /// parser. The swap is byte for byte, so spans found in the view are spans of the file, and a
    /// fix applied to the file keeps its carriage returns.
    pub fn lone_cr_as_newline(&self) -> Option<SourceFile> {
        let bytes = self.text.as_bytes();
        let lone = |&i: &usize| bytes.get(i + 1) != Some(&b'\n');
        memchr::memchr_iter(b'\r', bytes).find(lone)?;
        let mut view = bytes.to_vec();
        for i in memchr::memchr_iter(b'\r', bytes).filter(lone) {
            view[i] = b'\n';
        }
        // Swapping one ASCII byte for another keeps the text UTF-8.
        let text = String::from_utf8(view).unwrap_or_default();
        Some(SourceFile { text, ..self.clone() })
    }
}

/// Byte offsets of line starts, for span → (line, column) conversion.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Lines end at `\n`, `\r\n` and a lone `\r`, as CommonMark says.
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        if memchr::memchr(b'\r', bytes).is_none() {
            starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        } else {
            let ends = memchr::memchr2_iter(b'\n', b'\r', bytes);
            starts.extend(ends.filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n')).map(|i| i + 1));
        }
        LineIndex { starts }
    }

    /// Number of lines (a final line without a newline counts; an empty file has one line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where 0-based line `line` starts, clamped to the last line.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line.min(self.starts.len() - 1)]
    }

    /// 0-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// The span from 1-based `line` and character `column` to the end of that line, trailing
    /// whitespace left out: where an entry of a data file is written (a YAML node's position).
    pub fn rest_of_line(&self, text: &str, line: usize, column: usize) -> Span {
        let line_start = self.line_start(line.saturating_sub(1)).min(text.len());
        let line_text = text[line_start..].split('\n').next().unwrap_or("");
        let column_byte = line_text.char_indices().nth(column.saturating_sub(1)).map_or(0, |(i, _)| i);
        Span::new(line_start + column_byte, line_start + line_text.trim_end().len().max(column_byte))
    }

    /// 1-based line and 1-based character column of byte `offset`.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.starts[line];
        (line + 1, text[start..offset].chars().count() + 1)
    }
}

/// The largest char boundary at or before `i`.
pub fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary at or after `i`.
pub fn ceil_char_boundary(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "ab\né x\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), (1, 1));
        assert_eq!(index.position(text, 3), (2, 1));
        // 'x' is after a 2-byte 'é' and a space: character column 3.
        assert_eq!(index.position(text, 6), (2, 3));
        assert_eq!(index.line_count(), 3);
    }

    #[test]
    fn decoding_rejects_binary_and_bad_utf8_and_keeps_bom() {
        let path = PathBuf::from("x.md");
        assert_eq!(SourceFile::from_bytes(path.clone(), b"a\0b".to_vec()).unwrap_err(), DecodeError::Binary);
        assert_eq!(
            SourceFile::from_bytes(path.clone(), b"ok\nab\xffc".to_vec()).unwrap_err(),
            DecodeError::InvalidUtf8 { line: 2, column: 3 }
        );
        let file = SourceFile::from_bytes(path, "\u{feff}# T\r\n".as_bytes().to_vec()).unwrap();
        assert!(file.bom);
        assert_eq!(file.text, "# T\r\n");
        assert_eq!(file.line_ending, LineEnding::CrLf);
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let text = "a\rb\r\nc\nd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.position(text, 2), (2, 1));
        assert_eq!(index.position(text, 5), (3, 1));
        assert_eq!(index.position(text, 7), (4, 1));
        let file = SourceFile::from_text(PathBuf::from("x.md"), text.to_string(), false);
        assert_eq!(file.line_ending, LineEnding::Cr);
        assert_eq!(file.lone_cr_as_newline().unwrap().text, "a\nb\r\nc\nd");
        let crlf = SourceFile::from_text(PathBuf::from("x.md"), "a\r\nb\n".to_string(), false);
        assert!(crlf.lone_cr_as_newline().is_none());
        assert_eq!(crlf.line_ending, LineEnding::CrLf);
    }
}

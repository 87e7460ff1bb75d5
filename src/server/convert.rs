//! Between hblint's byte offsets and paths and the protocol's positions and URIs.
//!
//! LSP positions count a line's characters in UTF-16 code units unless the client accepts UTF-8
//! (`positionEncoding`); hblint's spans are byte offsets into the text. A file's lines are found
//! once per text ([`LineMap`]) and every conversion is a binary search and a scan of one line.

use lsp_types::{Position, Range, Uri};
use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// How the client counts characters in a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// Where each line of a text starts (`\n`, `\r\n` and a lone `\r` end a line, as for the
/// protocol).
pub struct LineMap {
    starts: Vec<usize>,
    encoding: Encoding,
}

impl LineMap {
    pub fn new(text: &str, encoding: Encoding) -> LineMap {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while let Some(found) = memchr::memchr2(b'\n', b'\r', &bytes[i..]) {
            let at = i + found;
            let next = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') { at + 2 } else { at + 1 };
            starts.push(next);
            i = next;
        }
        LineMap { starts, encoding }
    }

    /// The protocol position of a byte offset (clamped into the text, floored to a character).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = crate::source::floor_char_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let before = &text[self.starts[line]..offset];
        let character = match self.encoding {
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 => before.chars().map(char::len_utf16).sum(),
        };
        Position { line: line as u32, character: character as u32 }
    }

    pub fn range(&self, text: &str, start: usize, end: usize) -> Range {
        Range { start: self.position(text, start), end: self.position(text, end) }
    }

    /// The byte offset of a protocol position: past a line's end is its end (before the line
    /// break), past the last line is the end of the text, inside a character (between the two
    /// halves of a surrogate pair) is its end.
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else { return text.len() };
        let end = self.starts.get(position.line as usize + 1).copied().unwrap_or(text.len());
        let line = text[start..end].trim_end_matches(['\n', '\r']);
        let wanted = position.character as usize;
        let mut counted = 0;
        for (i, c) in line.char_indices() {
            if counted >= wanted {
                return start + i;
            }
            counted += match self.encoding {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            };
        }
        start + line.len()
    }
}

/// What a path keeps as is in a `file:` URI: RFC 3986's unreserved characters, `/` and the
/// sub-delimiters editors leave alone; everything else is percent-encoded.
const PATH_KEEPS: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// The file a `file:` URI names, or `None` for another scheme (an unsaved buffer's
/// `untitled:`): such a document is linted under its URI's text as a name.
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    let text = uri.as_str();
    let rest = text.strip_prefix("file://")?;
    // The authority: empty or localhost on every system editors run on here.
    let path = match rest.find('/') {
        Some(0) => rest,
        Some(i) if rest[..i].eq_ignore_ascii_case("localhost") => &rest[i..],
        _ => return None,
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let decoded = percent_decode_str(path).decode_utf8().ok()?;
    Some(PathBuf::from(decoded.as_ref()))
}

/// The `file:` URI of an absolute path.
pub fn uri_of(path: &Path) -> Option<Uri> {
    let text = path.to_str()?;
    Uri::from_str(&format!("file://{}", utf8_percent_encode(text, PATH_KEEPS))).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units_or_bytes() {
        let text = "a\u{1F600}b\r\né\rx";
        let utf16 = LineMap::new(text, Encoding::Utf16);
        assert_eq!(utf16.position(text, 5), Position { line: 0, character: 3 });
        assert_eq!(utf16.offset(text, Position { line: 0, character: 3 }), 5);
        assert_eq!(utf16.position(text, 8), Position { line: 1, character: 0 });
        assert_eq!(utf16.position(text, 10), Position { line: 1, character: 1 });
        assert_eq!(utf16.position(text, 11), Position { line: 2, character: 0 });
        // Past a line's end is the line's end; past the text is its end.
        assert_eq!(utf16.offset(text, Position { line: 0, character: 99 }), 6);
        assert_eq!(utf16.offset(text, Position { line: 9, character: 0 }), text.len());
        let utf8 = LineMap::new(text, Encoding::Utf8);
        assert_eq!(utf8.position(text, 5), Position { line: 0, character: 5 });
        assert_eq!(utf8.offset(text, Position { line: 1, character: 2 }), 10);
    }

    #[test]
    fn file_uris_round_trip_with_reserved_characters() {
        let path = Path::new("/work/hand book/a#b%c/ü.md");
        let uri = uri_of(path).unwrap();
        assert_eq!(uri.as_str(), "file:///work/hand%20book/a%23b%25c/%C3%BC.md");
        assert_eq!(path_of(&uri).unwrap(), path);
        let localhost = Uri::from_str("file://localhost/tmp/x.md").unwrap();
        assert_eq!(path_of(&localhost).unwrap(), Path::new("/tmp/x.md"));
        assert_eq!(path_of(&Uri::from_str("untitled:Untitled-1").unwrap()), None);
    }
}

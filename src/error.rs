//! One error type for every file hblint parses (rule packs, `hblint.toml`, markdownlint
//! configurations, baselines): the file, the line and column, and what is wrong. A leaf: it
//! imports nothing of the crate.

use std::path::{Path, PathBuf};

/// An error located in a file; line 0 stands for a command-line flag, not a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocatedError {
    pub path: PathBuf,
    /// 1-based; 0 when `path` names a command-line flag.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub message: String,
}

impl LocatedError {
    /// An error at a byte offset of the file's text.
    pub fn at_offset(path: &Path, text: &str, offset: usize, message: impl Into<String>) -> LocatedError {
        let (line, column) = line_column(text, offset);
        LocatedError { path: path.to_path_buf(), line, column, message: message.into() }
    }

    /// An error at a known 1-based line and column.
    pub fn at(path: &Path, line: usize, column: usize, message: impl Into<String>) -> LocatedError {
        LocatedError { path: path.to_path_buf(), line, column, message: message.into() }
    }

    /// An error about the file as a whole (it cannot be read, it is the wrong version…),
    /// reported at its first line.
    pub fn in_file(path: &Path, message: impl Into<String>) -> LocatedError {
        LocatedError::at(path, 1, 1, message)
    }

    /// An error in the value of a command-line flag (`--select`).
    pub fn flag(flag: &str, message: impl Into<String>) -> LocatedError {
        LocatedError { path: PathBuf::from(flag), line: 0, column: 0, message: message.into() }
    }
}

impl std::fmt::Display for LocatedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            return write!(f, "{}: {}", self.path.display(), self.message);
        }
        write!(f, "{}:{}:{}: {}", self.path.display(), self.line, self.column, self.message)
    }
}

impl std::error::Error for LocatedError {}

/// The 1-based line and character column of a byte offset (clamped into the text, floored to a
/// character boundary).
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..offset].chars().count() + 1)
}

/// A short, human description of an I/O error.
pub fn describe_io(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_character_columns() {
        let text = "ab\nçd = 1\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        // 'ç' is two bytes: the column counts characters, and an offset inside it is floored.
        assert_eq!(line_column(text, 5), (2, 2));
        assert_eq!(line_column(text, 4), (2, 1));
        assert_eq!(line_column(text, 999), (3, 1));
    }

    #[test]
    fn flags_have_no_line() {
        assert_eq!(LocatedError::flag("--select", "unknown rule 'X'").to_string(), "--select: unknown rule 'X'");
        assert_eq!(LocatedError::at_offset(Path::new("a.toml"), "x\ny", 2, "bad").to_string(), "a.toml:2:1: bad");
    }
}

//! Edits several rules' fixes share: blank lines inserted in the file's own line ending.

use crate::page::Page;
use crate::source::Span;

/// The fix of the blank-line rules (MD022, MD031, MD032, MD058), as markdownlint makes it:
/// insert `count` blank lines before line `number` (1-based; past the last line, at the end),
/// each carrying the block-quote markers of line `quote_from` so the quote stays one quote.
pub fn insert_blank_lines(
    page: &Page<'_>,
    lines: &[Option<&str>],
    number: usize,
    quote_from: usize,
    count: usize,
) -> crate::diagnostic::Edit {
    let text = page.source.text.as_str();
    let at = if number >= 1 && number <= page.lines.line_count() {
        page.lines.line_start(number - 1).min(text.len())
    } else {
        text.len()
    };
    let quote = lines.get(quote_from).copied().flatten().unwrap_or("");
    let markers = quote.len() - quote.trim_start_matches([' ', '\t', '>']).len();
    let prefix = quote[..markers].trim_end();
    let prefix = if prefix.contains('>') { prefix } else { "" };
    let newline = newline(page);
    let mut replacement = String::new();
    // Past a last line without its line ending, end that line first.
    if at == text.len() && !text.is_empty() && !text.ends_with('\n') {
        replacement.push_str(newline);
    }
    for _ in 0..count {
        replacement.push_str(prefix);
        replacement.push_str(newline);
    }
    crate::diagnostic::Edit { span: Span::new(at, at), replacement }
}

/// The line ending to insert: the file's own.
pub fn newline(page: &Page<'_>) -> &'static str {
    match page.source.line_ending {
        crate::source::LineEnding::CrLf => "\r\n",
        crate::source::LineEnding::Lf => "\n",
        crate::source::LineEnding::Cr => "\r",
    }
}

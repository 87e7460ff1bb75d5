//! Block-level facts of one source line: fences, list items, setext underlines, explicit
//! heading ids, and where the front matter ends.

use super::IdStyle;

/// A code fence being skipped: its character and length.
#[derive(Clone, Copy)]
pub(super) struct Fence {
    marker: u8,
    len: usize,
}

/// The text after the front matter: `---` YAML (closed by `---` or `...`), and for Hugo `+++`
/// TOML. An unclosed block is not front matter.
pub(super) fn skip_front_matter(text: &str, style: IdStyle) -> &str {
    let first_end = text.find('\n').unwrap_or(text.len());
    let fence = text[..first_end].trim_end();
    let closers: &[&str] = match fence {
        "---" => &["---", "..."],
        "+++" if style == IdStyle::Hugo => &["+++"],
        _ => return text,
    };
    let mut offset = first_end + 1;
    while offset < text.len() {
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        if closers.contains(&text[offset..end].trim_end()) {
            return text.get(end + 1..).unwrap_or("");
        }
        offset = end + 1;
    }
    text
}

/// `Heading {#id}` (kramdown: `{#id}` after a space, id `[A-Za-z][\w:-]*`) or Goldmark's
/// attribute block `{#id .class key=value}`: the text before it and the id.
pub(super) fn trailing_id_attribute(text: &str, style: IdStyle) -> Option<(&str, &str)> {
    let inner = text.strip_suffix('}')?;
    let open = inner.rfind('{')?;
    let before = &text[..open];
    let attributes = &inner[open + 1..];
    match style {
        IdStyle::Kramdown => {
            let id = attributes.strip_prefix('#')?;
            let valid = id.starts_with(|c: char| c.is_ascii_alphabetic())
                && id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b':' | b'-'));
            (valid && before.ends_with([' ', '\t'])).then(|| (before.trim_end(), id))
        }
        IdStyle::Hugo => {
            let mut id = None;
            for token in attributes.split_whitespace() {
                if let Some(name) = token.strip_prefix('#') {
                    id = Some(name);
                } else if let Some(value) = token.strip_prefix("id=") {
                    id = Some(value.trim_matches(['"', '\'']));
                } else if !token.starts_with('.') && !token.contains('=') {
                    return None;
                }
            }
            let id = id.filter(|id| !id.is_empty())?;
            Some((before.trim_end(), id))
        }
    }
}

/// Columns of leading whitespace, a tab advancing to the next multiple of four.
pub(super) fn indent_width(line: &str) -> usize {
    let mut width = 0;
    for b in line.bytes() {
        match b {
            b' ' => width += 1,
            b'\t' => width += 4 - width % 4,
            _ => break,
        }
    }
    width
}

/// ```` ``` ```` or `~~~` (three or more) opening a fenced code block; a backtick fence's info
/// string may not contain a backtick.
pub(super) fn opens_fence(trimmed: &str) -> Option<Fence> {
    let marker = *trimmed.as_bytes().first()?;
    if marker != b'`' && marker != b'~' {
        return None;
    }
    let len = trimmed.bytes().take_while(|&b| b == marker).count();
    if len < 3 || (marker == b'`' && trimmed[len..].contains('`')) {
        return None;
    }
    Some(Fence { marker, len })
}

/// A line of the fence's character, at least as long, with nothing after it.
pub(super) fn closes_fence(line: &str, fence: Fence) -> bool {
    let trimmed = line.trim();
    let len = trimmed.bytes().take_while(|&b| b == fence.marker).count();
    len >= fence.len && len == trimmed.len()
}

/// `===` or `---` (any length, nothing else) under a paragraph line.
pub(super) fn is_setext_underline(trimmed: &str) -> bool {
    let first = trimmed.as_bytes()[0];
    (first == b'=' || first == b'-') && trimmed.bytes().all(|b| b == first)
}

/// `* x`, `- x`, `+ x`, `1. x`, `1) x` (or the marker alone).
pub(super) fn starts_list_item(trimmed: &str) -> bool {
    let bytes = trimmed.as_bytes();
    let marker_end = match bytes.first() {
        Some(b'*' | b'-' | b'+') => 1,
        Some(b'0'..=b'9') => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            if digits > 9 || !matches!(bytes.get(digits), Some(b'.' | b')')) {
                return false;
            }
            digits + 1
        }
        _ => return false,
    };
    matches!(bytes.get(marker_end), None | Some(b' ' | b'\t'))
}

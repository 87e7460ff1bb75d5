//! How links are written, for markdownlint's link rules (MD051–MD054, MD059): inline,
//! full/collapsed/shortcut reference or autolink, where the text, label and destination sit, and
//! the link reference definitions comrak consumes without leaving a node.
//!
//! Filled by the page traversal (one entry per comrak link or image) and, for definitions, by a
//! scan of the lines no block covers: comrak drops a paragraph made only of definitions.

use crate::source::Span;

/// How a link or image is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// `[text](destination "title")`
    Inline,
    /// `[text][label]`
    Full,
    /// `[label][]`
    Collapsed,
    /// `[label]`
    Shortcut,
    /// `<https://example.com>`
    Autolink,
    /// A bare URL (GFM autolink literal).
    Literal,
}

/// One link or image as written in the source.
#[derive(Debug, Clone)]
pub struct LinkSyntax {
    pub span: Span,
    pub image: bool,
    pub kind: LinkKind,
    /// The text between the brackets; for autolinks, the URL between `<` and `>`.
    pub text: Span,
    /// The label of a full reference (`[text][label]`), between its brackets.
    pub label: Option<Span>,
    /// Whether the link sits in a heading.
    pub in_heading: bool,
    /// A link's destination as comrak resolved it (a reference link's is its definition's);
    /// empty for images, whose destination no rule reads.
    pub url: String,
    /// Nothing between the brackets: for an image, no alt text.
    pub empty: bool,
}

/// A link reference definition (`[label]: destination "title"`).
#[derive(Debug, Clone)]
pub struct Definition {
    /// From the `[` to the end of the definition's last line (line ending excluded).
    pub span: Span,
    /// The label between the brackets, as written.
    pub label: Span,
    /// The destination as written (with `<` `>` when it has them).
    pub destination: Span,
}

/// Everything the link rules read, built with the page.
#[derive(Debug, Default)]
pub struct LinkModel {
    /// Every link and image (autolinks and bare URLs included), in document order.
    pub links: Vec<LinkSyntax>,
    /// Link reference definitions outside HTML and code, in document order.
    pub definitions: Vec<Definition>,
    /// Footnote references (`[^name]`): span and name.
    pub footnote_refs: Vec<(Span, String)>,
    /// Footnote definitions (`[^name]: …`), content included: span and name.
    pub footnote_defs: Vec<(Span, String)>,
    /// Where inline content sits (paragraphs after their definitions, table cells): what the
    /// reference rules scan for brackets comrak left as text.
    pub inline_blocks: Vec<Span>,
    /// Per heading (same index as `Page::headings`): the text GitHub builds its anchor from, as
    /// markdownlint collects it: text, code and link text, without images, autolinks or HTML.
    pub heading_fragments: Vec<String>,
}

impl LinkModel {
    /// The links, images left out, in document order.
    pub fn hyperlinks(&self) -> impl Iterator<Item = &LinkSyntax> {
        self.links.iter().filter(|l| !l.image)
    }

    /// The images, in document order.
    pub fn images(&self) -> impl Iterator<Item = &LinkSyntax> {
        self.links.iter().filter(|l| l.image)
    }
}

impl LinkSyntax {
    /// The destination of an inline link as written (without `<` `>`; `None` when empty or not
    /// an inline link), and whether a title follows it. Read on demand: few rules need it.
    pub fn destination(&self, text: &str) -> (Option<Span>, bool) {
        if self.kind != LinkKind::Inline {
            return (None, false);
        }
        let Some(bytes) = text.as_bytes().get(self.span.start..self.span.end) else { return (None, false) };
        let (destination, has_title) = inline_destination(bytes, self.text.end + 2 - self.span.start);
        (destination.map(|(s, e)| Span::new(self.span.start + s, self.span.start + e)), has_title)
    }
}

/// Describes how the link or image at `span` is written; `url` and `empty` are left for the
/// caller, which has the node.
pub fn classify(text: &str, span: Span, image: bool, in_heading: bool) -> LinkSyntax {
    let mut link = LinkSyntax {
        span,
        image,
        kind: LinkKind::Literal,
        text: span,
        label: None,
        in_heading,
        url: String::new(),
        empty: false,
    };
    // A span comrak misplaced (it happens around escapes in table cells) is left unclassified.
    let Some(src) = text.get(span.start..span.end) else {
        link.text = Span::new(span.start, span.start);
        return link;
    };
    let bytes = src.as_bytes();
    let open = usize::from(image);
    if !image && bytes.first() == Some(&b'<') && bytes.last() == Some(&b'>') && bytes.len() >= 2 {
        link.kind = LinkKind::Autolink;
        link.text = Span::new(span.start + 1, span.end - 1);
        return link;
    }
    if bytes.get(open) != Some(&b'[') {
        return link;
    }
    let Some(close) = closing_bracket(bytes, open) else {
        link.kind = LinkKind::Shortcut;
        link.text = Span::new(span.start + open + 1, span.end);
        return link;
    };
    link.text = Span::new(span.start + open + 1, span.start + close);
    match bytes.get(close + 1) {
        Some(b'(') => link.kind = LinkKind::Inline,
        Some(b'[') if bytes.get(close + 2) == Some(&b']') => link.kind = LinkKind::Collapsed,
        Some(b'[') => {
            link.kind = LinkKind::Full;
            let end = bytes[close + 2..].iter().position(|&b| b == b']').map_or(bytes.len(), |p| close + 2 + p);
            link.label = Some(Span::new(span.start + close + 2, span.start + end));
        }
        _ => link.kind = LinkKind::Shortcut,
    }
    link
}

/// The `]` that closes the `[` at `open`, skipping escapes and code spans.
pub fn closing_bracket(bytes: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'`' => {
                let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
                if let Some(end) = closing_backticks(bytes, i + run, run) {
                    i = end;
                    continue;
                }
                i += run;
                continue;
            }
            b'[' => depth += 1,
            b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The position just past the next run of exactly `run` backticks from `from`.
pub fn closing_backticks(bytes: &[u8], from: usize, run: usize) -> Option<usize> {
    let mut i = from;
    while i < bytes.len() {
        if bytes[i] == b'`' {
            let len = bytes[i..].iter().take_while(|&&b| b == b'`').count();
            if len == run {
                return Some(i + len);
            }
            i += len;
        } else {
            i += 1;
        }
    }
    None
}

/// The destination (start, end) of an inline link whose `(` ends at `from`, and whether a
/// title follows it.
fn inline_destination(bytes: &[u8], from: usize) -> (Option<(usize, usize)>, bool) {
    let mut i = from;
    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    let (start, end, after) = if bytes.get(i) == Some(&b'<') {
        let start = i + 1;
        let mut j = start;
        while j < bytes.len() && bytes[j] != b'>' && bytes[j] != b'\n' {
            j += if bytes[j] == b'\\' { 2 } else { 1 };
        }
        let j = j.min(bytes.len());
        (start, j, (j + 1).min(bytes.len()))
    } else {
        let start = i;
        let mut depth = 0usize;
        let mut j = start;
        while j < bytes.len() {
            match bytes[j] {
                b'\\' => j += 1,
                b'(' => depth += 1,
                b')' if depth == 0 => break,
                b')' => depth -= 1,
                b if b.is_ascii_whitespace() || b.is_ascii_control() => break,
                _ => {}
            }
            j += 1;
        }
        let j = j.min(bytes.len());
        (start, j, j)
    };
    let mut k = after;
    while k < bytes.len() && bytes[k].is_ascii_whitespace() {
        k += 1;
    }
    let has_title = matches!(bytes.get(k), Some(b'"' | b'\'' | b'('));
    ((end > start).then_some((start, end)), has_title)
}

/// Where the content of the line starting at `at` begins, past indentation and blockquote
/// markers (a definition's continuation line inside a blockquote or list item).
fn continuation_start(bytes: &[u8], mut at: usize) -> usize {
    loop {
        while at < bytes.len() && (bytes[at] == b' ' || bytes[at] == b'\t') {
            at += 1;
        }
        if bytes.get(at) == Some(&b'>') {
            at += 1;
        } else {
            return at;
        }
    }
}

/// The end of the line containing `at` (the position of its `\n`, or the end of the text).
fn line_end(bytes: &[u8], at: usize) -> usize {
    memchr::memchr(b'\n', &bytes[at.min(bytes.len())..]).map_or(bytes.len(), |p| at + p)
}

/// Whether `bytes[from..to]` is only spaces, tabs and a carriage return.
fn blank(bytes: &[u8], from: usize, to: usize) -> bool {
    bytes[from.min(to)..to].iter().all(|&b| b == b' ' || b == b'\t' || b == b'\r')
}

/// Parses the link reference definition whose `[` is at `at` (CommonMark's grammar). Returns it
/// and where the line after it starts.
pub fn parse_definition(text: &str, at: usize) -> Option<(Definition, usize)> {
    let bytes = text.as_bytes();
    if bytes.get(at) != Some(&b'[') || bytes.get(at + 1) == Some(&b'^') {
        return None;
    }
    // The label: no unescaped brackets, not blank, over several lines but not over a blank one
    // (its continuation lines keep their container markers: `references::label_key` drops them).
    let mut i = at + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'[' => return None,
            b'\n' => {
                let next = continuation_start(bytes, i + 1);
                if blank(bytes, next, line_end(bytes, next)) {
                    return None;
                }
            }
            b']' => break,
            _ => {}
        }
        i += 1;
    }
    if i >= bytes.len() || i - at - 1 > 999 || blank(bytes, at + 1, i) || bytes.get(i + 1) != Some(&b':') {
        return None;
    }
    let label = Span::new(at + 1, i);
    // Whitespace, at most one line ending, then the destination.
    let mut p = i + 2;
    while p < bytes.len() && (bytes[p] == b' ' || bytes[p] == b'\t') {
        p += 1;
    }
    if bytes.get(p) == Some(&b'\r') {
        p += 1;
    }
    if bytes.get(p) == Some(&b'\n') {
        p = continuation_start(bytes, p + 1);
    }
    let dest_start = p;
    if bytes.get(p) == Some(&b'<') {
        p += 1;
        while p < bytes.len() && !matches!(bytes[p], b'>' | b'<' | b'\n') {
            p += if bytes[p] == b'\\' { 2 } else { 1 };
        }
        if bytes.get(p) != Some(&b'>') {
            return None;
        }
        p += 1;
    } else {
        let mut depth = 0usize;
        while p < bytes.len() && !bytes[p].is_ascii_whitespace() && !bytes[p].is_ascii_control() {
            match bytes[p] {
                b'\\' => p += 1,
                b'(' => depth += 1,
                b')' if depth == 0 => return None,
                b')' => depth -= 1,
                _ => {}
            }
            p += 1;
        }
        if depth > 0 || p == dest_start {
            return None;
        }
    }
    let p = p.min(bytes.len());
    let destination = Span::new(dest_start, p);
    let eol = line_end(bytes, p);
    let done = |end: usize| {
        let content_end = if end > 0 && bytes.get(end - 1) == Some(&b'\r') { end - 1 } else { end };
        let definition = Definition { span: Span::new(at, content_end.max(at)), label, destination };
        Some((definition, (end + 1).min(bytes.len())))
    };
    if blank(bytes, p, eol) {
        // A title may follow on the next line; if it is not a clean title, the definition ends here.
        if eol < bytes.len() {
            let next = continuation_start(bytes, eol + 1);
            if let Some(title_end) = title(bytes, next) {
                let title_eol = line_end(bytes, title_end);
                if blank(bytes, title_end, title_eol) {
                    return done(title_eol);
                }
            }
        }
        return done(eol);
    }
    // A title on the same line, after whitespace, with nothing after it.
    if !matches!(bytes[p], b' ' | b'\t') {
        return None;
    }
    let mut q = p;
    while q < eol && (bytes[q] == b' ' || bytes[q] == b'\t') {
        q += 1;
    }
    let title_end = title(bytes, q)?;
    let title_eol = line_end(bytes, title_end);
    blank(bytes, title_end, title_eol).then_some(())?;
    done(title_eol)
}

/// The end (past the closing quote) of a link title starting at `at`: `"…"`, `'…'` or `(…)`,
/// possibly over several lines but not over a blank one.
fn title(bytes: &[u8], at: usize) -> Option<usize> {
    let close = match bytes.get(at)? {
        b'"' => b'"',
        b'\'' => b'\'',
        b'(' => b')',
        _ => return None,
    };
    let mut i = at + 1;
    let mut line_has_content = true;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b if b == close => return Some(i + 1),
            b'(' if close == b')' => return None,
            b'\n' => {
                if !line_has_content {
                    return None;
                }
                line_has_content = false;
            }
            b' ' | b'\t' | b'\r' | b'>' => {}
            _ => line_has_content = true,
        }
        i += 1;
    }
    None
}

/// Where a line's content starts past container markers (indentation, `>`, a list marker), for
/// finding definitions on lines no block covers.
pub fn content_start(bytes: &[u8], line_start: usize, line_end: usize) -> usize {
    let mut at = line_start;
    loop {
        while at < line_end && (bytes[at] == b' ' || bytes[at] == b'\t') {
            at += 1;
        }
        match bytes.get(at) {
            Some(b'>') if at < line_end => at += 1,
            Some(b'-' | b'*' | b'+') if at + 1 < line_end && matches!(bytes[at + 1], b' ' | b'\t') => at += 1,
            Some(b'0'..=b'9') => {
                let digits = bytes[at..line_end].iter().take_while(|b| b.is_ascii_digit()).count();
                match bytes.get(at + digits) {
                    Some(b'.' | b')') if digits <= 9 && matches!(bytes.get(at + digits + 1), Some(b' ' | b'\t')) => {
                        at += digits + 1
                    }
                    _ => return at,
                }
            }
            _ => return at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(text: &str) -> Option<(String, String, usize)> {
        parse_definition(text, 0).map(|(d, next)| {
            (
                text[d.label.start..d.label.end].to_string(),
                text[d.destination.start..d.destination.end].to_string(),
                next,
            )
        })
    }

    #[test]
    fn definitions_follow_commonmark() {
        assert_eq!(def("[foo]: /url\nrest"), Some(("foo".into(), "/url".into(), 12)));
        assert_eq!(def("[foo]: /url \"title\"\n"), Some(("foo".into(), "/url".into(), 20)));
        assert_eq!(def("[foo]:\n  <a b>\n  'title'\nx").map(|d| d.2), Some(25));
        assert_eq!(def("[foo]: /url 'title' junk"), None);
        assert_eq!(def("[foo]: /url\n'title' junk\n").map(|d| d.2), Some(12));
        assert_eq!(def("[foo]: /url junk"), None);
        assert_eq!(def("[foo]:"), None);
        assert_eq!(def("[^1]: note"), None);
        assert_eq!(def("[a [b]]: /x"), None);
        assert_eq!(def("[two\nlines]: /x\n").map(|d| d.0), Some("two\nlines".into()));
        assert_eq!(def("[two\n> lines]: /x\n").map(|d| d.0), Some("two\n> lines".into()));
        assert_eq!(def("[two\n\nlines]: /x\n"), None);
        assert_eq!(def("[two\n>\nlines]: /x\n"), None);
    }

    #[test]
    fn links_are_classified_by_their_syntax() {
        let text = "[a](#b \"t\") [c][d] [e][] [f] <https://x.y> ![g](h)";
        let kinds: Vec<LinkKind> =
            [(0, 11, false), (12, 18, false), (19, 24, false), (25, 28, false), (29, 42, false), (43, 50, true)]
                .iter()
                .map(|&(s, e, image)| classify(text, Span::new(s, e), image, false).kind)
                .collect();
        assert_eq!(
            kinds,
            [
                LinkKind::Inline,
                LinkKind::Full,
                LinkKind::Collapsed,
                LinkKind::Shortcut,
                LinkKind::Autolink,
                LinkKind::Inline
            ]
        );
        let inline = classify(text, Span::new(0, 11), false, false);
        let (destination, has_title) = inline.destination(text);
        assert_eq!(destination.map(|d| &text[d.start..d.end]), Some("#b"));
        assert!(has_title);
    }
}

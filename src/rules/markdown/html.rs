//! HTML as markdownlint's parser reads it: comments, and the HTML lines a list or paragraph
//! lazily takes in.

use crate::source::Span;

/// The spans of the HTML comments of a file (`<!-- … -->`); markdownlint blanks their content.
pub fn html_comments(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = memchr::memmem::find(&text.as_bytes()[from..], b"<!--") {
        let start = from + open;
        let Some(close) = memchr::memmem::find(&text.as_bytes()[start + 4..], b"-->") else { break };
        let end = start + 4 + close + 3;
        out.push(Span::new(start, end));
        from = end;
    }
    out
}

/// The contents (between `<!--` and `-->`) of the HTML comments markdownlint hides from its
/// rules before they read the page's lines (its `clearHtmlCommentText`): each character becomes
/// `.`, spaces excepted unless they end a line. Its reading, not CommonMark's: an unclosed
/// comment is text; a comment that starts after other text on its line is hidden only when it
/// is a valid CommonMark comment (no `--` inside, not starting with `>` or `->`, not ending with
/// `-`) and does not span table cells. Spans are byte offsets into `body`, the text after front
/// matter, which markdownlint clears.
pub fn hidden_comment_contents(body: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let bytes = body.as_bytes();
    let mut from = 0;
    while let Some(found) = memchr::memmem::find(&bytes[from..], b"<!--") {
        let open = from + found;
        let Some(close) = memchr::memmem::find(&bytes[open + 2..], b"-->").map(|j| open + 2 + j) else { break };
        if close > open + 4 {
            let content = &body[open + 4..close];
            let line_start = body[..open].rfind('\n').map_or(0, |i| i + 1);
            let before = &body[line_start..open];
            let is_block = before.trim().is_empty();
            let spans_table_cells = before.trim_start_matches(' ').starts_with('|') && content.contains('\n');
            let valid = is_block
                || !(spans_table_cells
                    || content.starts_with('>')
                    || content.starts_with("->")
                    || content.ends_with('-')
                    || content.contains("--"));
            if valid {
                out.push(Span::new(open + 4, close));
            }
        }
        from = close + 3;
    }
    out
}

/// The page's hidden comment contents ([`hidden_comment_contents`] of the text after front
/// matter), as byte spans of the whole file; none (and no work) without a `<!--`.
pub fn hidden_comments(page: &crate::page::Page<'_>) -> Vec<Span> {
    let text = page.source.text.as_str();
    if !text.contains("<!--") {
        return Vec::new();
    }
    let body_start = page.lines.line_start(super::lines::first_body_line(page)).min(text.len());
    let mut hidden = hidden_comment_contents(&text[body_start..]);
    for span in &mut hidden {
        *span = Span::new(span.start + body_start, span.end + body_start);
    }
    hidden
}

/// Whether the line ending at byte `line_end` (its `\n`, or the text's end) ends
/// inside a hidden comment's content: then markdownlint sees no trailing whitespace there.
pub fn line_ends_in_hidden_comment(hidden: &[Span], line_end: usize) -> bool {
    hidden.iter().any(|c| c.start <= line_end && line_end < c.end)
}

/// Whether byte `at` is inside a hidden comment's content.
pub fn in_hidden_comment(hidden: &[Span], at: usize) -> bool {
    hidden.iter().any(|c| c.start <= at && at < c.end)
}

/// A line that opens an HTML block of CommonMark's kind 7 (a lone open or closing tag that is
/// not a block-level element, `<br>`, `<span …>`): such a block may not interrupt a paragraph.
pub fn is_lazy_html(line: &str) -> bool {
    /// CommonMark's kind 6 tag names (block-level elements), and the kinds 1-5 openings.
    const BLOCK: &[&str] = &[
        "address",
        "article",
        "aside",
        "base",
        "basefont",
        "blockquote",
        "body",
        "caption",
        "center",
        "col",
        "colgroup",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "frame",
        "frameset",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hr",
        "html",
        "iframe",
        "legend",
        "li",
        "link",
        "main",
        "menu",
        "menuitem",
        "nav",
        "noframes",
        "ol",
        "optgroup",
        "option",
        "p",
        "param",
        "search",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "track",
        "ul",
        "pre",
        "script",
        "style",
        "textarea",
    ];
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return false;
    }
    let Some(rest) = trimmed.strip_prefix('<') else { return false };
    let name_part = rest.strip_prefix('/').unwrap_or(rest);
    let name: String = name_part.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    name.starts_with(|c: char| c.is_ascii_alphabetic()) && !BLOCK.contains(&name.to_ascii_lowercase().as_str())
}

/// markdownlint's `isHtmlFlowComment`: an HTML block that is one comment, which its rules skip.
pub fn is_html_comment_block(html: &str) -> bool {
    let html = html.trim_end_matches(['\n', '\r']);
    let Some(comment) = html.strip_prefix("<!--").and_then(|h| h.strip_suffix("-->")) else { return false };
    !comment.starts_with('>') && !comment.starts_with("->") && !comment.ends_with('-')
}

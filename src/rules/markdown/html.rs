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

//! Inline facts read off the AST around a node: emphasis markers comrak left as text, emphasis
//! that makes a whole paragraph, and links whose text is their address.

use super::Outline;
use crate::source::Span;
use comrak::nodes::{AstNode, NodeValue};

/// comrak folds `\*` into the text it escapes; its source position then spans more bytes than
/// the literal.
pub(super) fn paragraph_source_has_escape(node: &AstNode<'_>) -> bool {
    let pos = node.data().sourcepos;
    let NodeValue::Text(t) = &node.data().value else { return false };
    pos.start.line == pos.end.line && pos.end.column + 1 - pos.start.column != t.len()
}

impl Outline<'_, '_> {
    /// Records the `*`/`_` runs in a text node's source: delimiters comrak left as text. A run
    /// preceded by a backslash starts after the escaped character, as in markdownlint.
    pub(super) fn bare_emphasis_markers<'a>(&mut self, node: &'a AstNode<'a>, span: Span) {
        let Some(parent) = node.parent() else { return };
        if !matches!(parent.data().value, NodeValue::Paragraph | NodeValue::Heading(_) | NodeValue::TableCell) {
            return;
        }
        let container = std::ptr::from_ref(parent) as usize;
        let bytes = self.page.source.text.as_bytes();
        let end = span.end.min(bytes.len());
        let mut i = span.start;
        while i < end {
            let c = bytes[i];
            if c == b'\\' {
                i += 2;
                continue;
            }
            if c != b'*' && c != b'_' {
                i += 1;
                continue;
            }
            let run = bytes[i..end].iter().take_while(|&&b| b == c).count();
            if run <= 3 {
                self.page.markdown.bare_emphasis_markers.push((Span::new(i, i + run), container));
            }
            i += run;
        }
    }

    /// The emphasis or strong node that is a paragraph's only content (whitespace and inline
    /// HTML aside), when it holds plain text only.
    pub(super) fn sole_emphasis<'a>(paragraph: &'a AstNode<'a>) -> Option<(&'a AstNode<'a>, String)> {
        let mut found = None;
        for child in paragraph.children() {
            match &child.data().value {
                NodeValue::Text(t) if t.trim().is_empty() => {}
                // A line break is content to markdownlint: "**Title**\n<a name=…>" is not flagged.
                NodeValue::HtmlInline(_) => {}
                NodeValue::Emph | NodeValue::Strong if found.is_none() => found = Some(child),
                _ => return None,
            }
        }
        let emphasis = found?;
        let mut children = emphasis.children();
        let only = children.next()?;
        if children.next().is_some() {
            return None;
        }
        match &only.data().value {
            // Brackets, escapes and entities are separate tokens to markdownlint: not plain text.
            NodeValue::Text(t)
                if memchr::memchr2(b'[', b']', t.as_bytes()).is_none() && !paragraph_source_has_escape(only) =>
            {
                Some((emphasis, t.to_string()))
            }
            _ => None,
        }
    }

    /// An autolink or a bare URL: a link whose only text is its address.
    pub(super) fn is_autolink<'a>(node: &'a AstNode<'a>) -> bool {
        let NodeValue::Link(link) = &node.data().value else { return false };
        let mut children = node.children();
        let (Some(only), None) = (children.next(), children.next()) else { return false };
        let NodeValue::Text(text) = &only.data().value else { return false };
        let url = link.url.as_str();
        // `[javascript](javascript)` is a link whose text happens to be its address: text.
        let looks_like_address = text.contains([':', '@']) || text.starts_with("www.");
        looks_like_address
            && (url == text.as_ref() as &str
                || url.strip_prefix("mailto:") == Some(text)
                || text.starts_with("www.") && url.strip_prefix("http://") == Some(text))
    }

    /// A link whose visible text is its URL: an autolink or a bare URL.
    pub(super) fn is_url_link<'a>(node: &'a AstNode<'a>) -> bool {
        let NodeValue::Link(link) = &node.data().value else { return false };
        let mut text = String::new();
        for child in node.children() {
            match &child.data().value {
                NodeValue::Text(t) => text.push_str(t),
                _ => return false,
            }
        }
        let url = link.url.strip_prefix("mailto:").unwrap_or(&link.url);
        // "[gitlab](https://gitlab.com/gitlab-org/gitlab/)": link text that is a segment of its
        // URL names a project or path, it is not prose.
        let is_segment = !text.contains(' ') && url.split(['/', '#', '?']).any(|seg| seg.eq_ignore_ascii_case(&text));
        text == url || text == link.url || url.ends_with(text.as_str()) && text.contains('.') || is_segment
    }
}

//! Lists as markdownlint's parser (micromark) nests and starts them, where comrak differs.

use super::Outline;
use comrak::nodes::{AstNode, NodeValue};

impl Outline<'_, '_> {
    /// markdownlint's MD007 nesting of a list: the unordered lists around it up to the nearest
    /// block quote; `None` under an ordered list. Only the nearest list or quote is looked at:
    /// its own nesting already counts the rest.
    pub(super) fn ul_nesting<'a>(&self, node: &'a AstNode<'a>) -> Option<usize> {
        for ancestor in node.ancestors().skip(1) {
            match &ancestor.data().value {
                NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) => return Some(0),
                NodeValue::List(list) if list.list_type == comrak::nodes::ListType::Bullet => {
                    let parent = self.open_lists.last().and_then(|&l| self.page.lists[l].ul_nesting);
                    return parent.map(|n| n + 1);
                }
                NodeValue::List(_) => return None,
                _ => {}
            }
        }
        Some(0)
    }

    /// See `List::continues_paragraph`.
    pub(super) fn continues_paragraph<'a>(&self, node: &'a AstNode<'a>) -> bool {
        let NodeValue::List(list) = &node.data().value else { return false };
        // Only lists that CommonMark forbids to interrupt a paragraph: ordered from another
        // number than 1, or opening with an empty item.
        let empty_first = node.first_child().is_some_and(|item| item.first_child().is_none());
        if !empty_first && (list.list_type != comrak::nodes::ListType::Ordered || list.start == 1) {
            return false;
        }
        let line = node.data().sourcepos.start.line;
        // Up through the items and lists that start on the same line.
        let mut child = node;
        while let Some(parent) = child.parent() {
            let container =
                matches!(parent.data().value, NodeValue::Item(_) | NodeValue::TaskItem(_) | NodeValue::List(_));
            if !container || parent.data().sourcepos.start.line != line {
                break;
            }
            child = parent;
        }
        // markdownlint's parser (micromark) also refuses such a list after an indented code
        // block and blank lines, unless that block is one line right after a closed block quote
        // or list.
        let ends_before = |n: &AstNode<'_>, line: usize| n.data().sourcepos.end.line + 1 == line;
        let Some(previous) = child.previous_sibling() else { return false };
        match &previous.data().value {
            NodeValue::Paragraph => ends_before(previous, line),
            NodeValue::CodeBlock(code) if !code.fenced => {
                let (start, end) = (previous.data().sourcepos.start.line, previous.data().sourcepos.end.line);
                let fresh = start == end
                    && previous.previous_sibling().is_some_and(|q| {
                        matches!(q.data().value, NodeValue::BlockQuote | NodeValue::List(_)) && ends_before(q, start)
                    });
                let text = self.page.source.text.as_str();
                let blank_between = (end + 1..line).all(|n| {
                    let at = self.page.lines.line_start(self.body_first_line + n - 1);
                    text[at..].split('\n').next().is_some_and(|l| l.trim().is_empty())
                });
                !fresh && blank_between
            }
            _ => false,
        }
    }
}

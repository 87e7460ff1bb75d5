//! Source positions: comrak's line/column positions turned into byte spans, and repaired where
//! comrak's inline positions drift (after escapes in table cells, line endings inside link
//! destinations, link reference definitions that open a paragraph).

use super::Outline;
use crate::source::{Span, ceil_char_boundary, floor_char_boundary};
use comrak::nodes::{AstNode, LineColumn, NodeValue};

impl Outline<'_, '_> {
    /// The byte offset of a comrak position (1-based line and column in the body; an `end`
    /// position is inclusive), shifted past definitions comrak dropped from the open paragraph.
    pub(super) fn offset(&self, at: LineColumn, end: bool) -> usize {
        let text = &self.page.source.text;
        if at.line == 0 {
            return 0;
        }
        let line_start = self.page.lines.line_start(self.body_first_line + at.line - 1 + self.line_shift);
        let offset = (line_start + at.column.saturating_sub(1)).min(text.len());
        if end {
            // comrak's end column is inclusive: step past the last character.
            ceil_char_boundary(text, offset + 1)
        } else {
            // comrak's inline columns can drift inside a character (after escaped pipes in a
            // table cell): a span must start on a character boundary, or slicing it panics.
            floor_char_boundary(text, offset)
        }
    }

    /// The byte span of a node; empty at its start when comrak gives it no end.
    pub(super) fn span(&self, node: &AstNode<'_>) -> Span {
        let pos = node.data().sourcepos;
        let start = self.offset(pos.start, false);
        if pos.end.line == 0 || (pos.end.line, pos.end.column) < (pos.start.line, pos.start.column) {
            return Span::new(start, start);
        }
        Span::new(start, self.offset(pos.end, true))
    }

    /// comrak's inline positions drift after a line ending inside a link destination (a whole
    /// line off): when `span` does not hold `literal`, finds it in the enclosing block, from
    /// `span` on first.
    pub(super) fn relocate_inline<'a>(&self, node: &'a AstNode<'a>, span: &mut Span, literal: &str) {
        let text = self.page.source.text.as_str();
        if literal.is_empty() || text.get(span.start..span.end) == Some(literal) {
            return;
        }
        let Some(block) = node.ancestors().find(|a| a.data().value.block()).map(|b| self.span(b)) else { return };
        let found = text
            .get(span.start.max(block.start)..block.end)
            .and_then(|t| t.find(literal).map(|i| i + span.start.max(block.start)))
            .or_else(|| text.get(block.start..block.end).and_then(|t| t.find(literal).map(|i| i + block.start)));
        if let Some(at) = found {
            *span = Span::new(at, at + literal.len());
        }
    }

    /// Whether the source of `span` is a text node's literal written with backslash escapes.
    pub(super) fn is_escaped_literal(&self, span: Span, value: &NodeValue) -> bool {
        let NodeValue::Text(literal) = value else { return false };
        let source = &self.page.source.text[span.start..span.end];
        source.contains('\\') && source.chars().filter(|&c| c != '\\').eq(literal.chars().filter(|&c| c != '\\'))
    }

    /// Makes `span` cover exactly `literal` in the source. comrak's inline positions can be off
    /// by a character or two after escapes in table cells; prose rules need exact offsets, so a
    /// text node whose literal cannot be found next to its reported position is not prose.
    pub(super) fn locate_literal(&self, span: &mut Span, literal: &str) -> bool {
        let text = self.page.source.text.as_str();
        if text.get(span.start..span.end) == Some(literal) {
            return true;
        }
        let from = floor_char_boundary(text, span.start.saturating_sub(8));
        let to = ceil_char_boundary(text, (span.end + 8).min(text.len()));
        match text[from..to].find(literal) {
            Some(at) if !literal.is_empty() => {
                *span = Span::new(from + at, from + at + literal.len());
                true
            }
            _ => false,
        }
    }
}

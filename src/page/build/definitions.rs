//! Link reference definitions: comrak consumes them without leaving a node, so the traversal
//! reads them from the paragraphs they open and from the lines no block covers.

use super::Outline;
use crate::page::links;
use crate::source::Span;

impl Outline<'_, '_> {
    /// Finds the link reference definitions comrak consumed with the whole paragraph they made
    /// up: they sit on lines no block covers.
    pub(super) fn find_uncovered_definitions(&mut self) {
        let page = &*self.page;
        let text = page.source.text.as_str();
        let bytes = text.as_bytes();
        let line_count = page.lines.line_count();
        let tail = (self.covered_until.max(self.body_first_line), line_count);
        let mut found = Vec::new();
        for &(from, to) in self.gaps.iter().chain(std::iter::once(&tail)) {
            let mut line = from.max(self.body_first_line);
            while line < to {
                let start = page.lines.line_start(line);
                if start >= bytes.len() {
                    break;
                }
                let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |p| start + p);
                let at = links::content_start(bytes, start, end);
                match links::parse_definition(text, at) {
                    Some((definition, next)) => {
                        found.push(definition);
                        line = page.lines.line_of(next.max(start + 1)).max(line + 1);
                        if next >= bytes.len() {
                            break;
                        }
                    }
                    None => line += 1,
                }
            }
        }
        if found.is_empty() {
            return;
        }
        let definitions = &mut self.page.markdown.link_model.definitions;
        definitions.extend(found);
        definitions.sort_by_key(|d| d.span.start);
    }

    /// Records that a leaf block covers `span`'s lines; the lines skipped since the last leaf
    /// block are a gap where comrak may have dropped link reference definitions. Leaf blocks
    /// arrive in document order.
    pub(super) fn cover(&mut self, span: Span) {
        let first = self.page.lines.line_of(span.start);
        let last = self.page.lines.line_of(span.end.saturating_sub(1).max(span.start));
        if first > self.covered_until {
            self.gaps.push((self.covered_until, first));
        }
        self.covered_until = self.covered_until.max(last + 1);
    }

    /// Reads the link reference definitions at the start of a paragraph: comrak keeps the
    /// paragraph's start there but positions its inlines as if they began on that line.
    pub(super) fn paragraph_definitions(&mut self, span: Span) -> Span {
        let text = self.page.source.text.as_str();
        let bytes = text.as_bytes();
        let mut at = span.start;
        let mut shift = 0;
        while bytes.get(at) == Some(&b'[') {
            let Some((definition, next)) = links::parse_definition(text, at) else { break };
            self.page.markdown.link_model.definitions.push(definition);
            shift += self.page.lines.line_of(next.min(bytes.len())) - self.page.lines.line_of(at);
            if next >= span.end {
                break;
            }
            let end = memchr::memchr(b'\n', &bytes[next..]).map_or(bytes.len(), |p| next + p);
            at = links::content_start(bytes, next, end);
        }
        self.line_shift = shift;
        if shift == 0 { span } else { Span::new(at.min(span.end), span.end) }
    }
}

//! Text the traversal collects: heading, paragraph and list-item text folded as it arrives (no
//! second normalizing pass), heading anchor text, and prose runs with template tags cut out.

use super::{Collector, Outline, TextRun};
use crate::source::Span;

/// Template tags that are code, not prose: ERB (`<% … %>`, in `.md.erb` pages), Hugo
/// shortcodes (`{{< … >}}`, `{{% … %}}`) and kramdown attribute lists (`{: #id data-x="…"}`),
/// in order.
pub(super) fn erb_tags(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut tags = Vec::new();
    for (open, close) in [(&b"<%"[..], &b"%>"[..]), (b"{{<", b">}}"), (b"{{%", b"%}}"), (b"{:", b"}")] {
        let mut from = 0;
        while let Some(found) = memchr::memmem::find(&bytes[from..], open) {
            let start = from + found;
            let end = memchr::memmem::find(&bytes[start + open.len()..], close)
                .map_or(text.len(), |i| start + open.len() + i + close.len());
            tags.push(Span::new(start, end));
            from = end;
        }
    }
    tags.sort();
    tags
}

/// Source text made only of backslash escapes and character references (`\*`, `&amp;`):
/// markdownlint's tokens for these are not paragraph `data`.
pub(super) fn is_escape_or_entity(source: &str) -> bool {
    let mut rest = source;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('\\')
            && let Some(c) = after.chars().next()
            && c.is_ascii_punctuation()
        {
            rest = &after[1..];
        } else if rest.starts_with('&')
            && let Some(end) = rest.find(';')
            && end > 1
            && rest[1..end].bytes().all(|b| b.is_ascii_alphanumeric() || b == b'#')
        {
            rest = &rest[end + 1..];
        } else {
            return false;
        }
    }
    !source.is_empty()
}

/// Appends `text` with every whitespace run (U+00A0 included) folded to one space and no leading
/// space, so collected text never needs a second normalizing pass.
pub(super) fn push_folded(out: &mut String, text: &str) {
    let mut rest = text;
    while !rest.is_empty() {
        // Copy the run up to the next whitespace in one go, then fold the whitespace run.
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        out.push_str(&rest[..word_end]);
        rest = &rest[word_end..];
        let space_end = rest.find(|c: char| !c.is_whitespace()).unwrap_or(rest.len());
        if space_end > 0 && !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        rest = &rest[space_end..];
    }
}

/// Drops the one trailing space `push_folded` may leave.
pub(super) fn finish_folded(mut text: String) -> String {
    if text.ends_with(' ') {
        text.pop();
    }
    text
}

impl Outline<'_, '_> {
    pub(super) fn append_text(&mut self, text: &str, span: Span) {
        if let Some(collector) = self.collectors.last_mut() {
            match collector {
                Collector::Heading { text: out, start, end, .. } => {
                    push_folded(out, text);
                    start.get_or_insert(span.start);
                    *end = span.end;
                }
                Collector::Paragraph { block, .. } if *block == usize::MAX || !self.collect_text => {}
                Collector::ItemParagraph { .. } if !self.collect_text => {}
                Collector::Paragraph { text: out, .. } | Collector::ItemParagraph { text: out, .. } => {
                    push_folded(out, text)
                }
            }
        }
    }

    /// Appends heading text that GitHub's anchors (and markdownlint's MD051) are made from.
    pub(super) fn append_fragment_text(&mut self, literal: &str) {
        if self.context.heading_level > 0
            && self.image_depth == 0
            && self.autolink_syntax_depth == 0
            && let Some(fragment) = self.page.markdown.link_model.heading_fragments.last_mut()
        {
            fragment.push_str(literal);
        }
    }

    pub(super) fn push_prose(&mut self, span: Span) {
        // ERB tags (`<%= partial … %>` in `.md.erb` pages) are code, not prose: cut them out.
        if let Some(first) = self.erb.iter().position(|e| e.end > span.start && e.start < span.end) {
            let mut start = span.start;
            let cuts: Vec<Span> = self.erb[first..].iter().take_while(|e| e.start < span.end).copied().collect();
            for erb in cuts {
                if erb.start > start {
                    self.push_prose_run(Span::new(start, erb.start));
                }
                start = start.max(erb.end);
            }
            if start < span.end {
                self.push_prose_run(Span::new(start, span.end));
            }
            return;
        }
        self.push_prose_run(span);
    }

    pub(super) fn push_prose_run(&mut self, span: Span) {
        let context = self.context;
        if let Some(last) = self.page.prose.last_mut()
            && last.span.end == span.start
            && last.context == context
        {
            last.span.end = span.end;
            return;
        }
        self.page.prose.push(TextRun { span, context });
    }
}

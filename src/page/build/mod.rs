//! The one traversal of comrak's AST that fills a `Page`: `outline` parses the body and walks
//! the tree once, recording headings, blocks, lists, prose and the markdownlint facts as owned
//! data with byte spans; the AST is dropped when it returns.
//!
//! The traversal's state is `Outline`; its methods are grouped by what they work out:
//! `positions` (byte spans and their repair), `definitions` (link reference definitions comrak
//! drops), `text` (collected text and prose runs), `lists` and `inline` (facts as markdownlint's
//! parser sees them).

mod definitions;
mod directives;
mod inline;
mod lists;
mod positions;
mod text;

use super::markdown_facts::{CodeBlock, Quote, TableRow};
use super::{Block, BlockKind, Heading, List, ListItem, Page, TextContext, TextRun, links, parse_options};
use crate::source::Span;
use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, parse_document};
use text::{erb_tags, finish_folded, is_escape_or_entity};

/// Parses the page's body (after front matter) and fills the page from its AST. Paragraph and
/// list-item text is collected only when `collect_text` (only job-family rules read it).
pub(super) fn outline(page: &mut Page<'_>, collect_text: bool) {
    let source = page.source;
    let arena = Arena::new();
    let root = parse_document(&arena, &source.text[page.body_start..], &parse_options());
    let body_first_line = page.lines.line_of(page.body_start);
    Outline::new(page, body_first_line, collect_text).walk(root);
    stretch_lists_over_unclosed_fences(page);
}

/// A list (and its last item) that holds an unclosed fence ends where the fence's code does, not
/// where comrak's source positions end it (on the fence line: `unclosed_fence_span`).
fn stretch_lists_over_unclosed_fences(page: &mut Page<'_>) {
    for block in page.markdown.code_blocks.iter().filter(|b| b.unclosed) {
        for list in page.lists.iter_mut().filter(|l| l.span.start <= block.span.start && block.span.start <= l.span.end)
        {
            if list.span.end < block.span.end {
                list.span.end = block.span.end;
                if let Some(item) = list.items.last_mut() {
                    item.span.end = item.span.end.max(block.span.end);
                }
            }
        }
    }
}

/// One open inline-text collector: a heading, a document-level paragraph or an item's first paragraph.
enum Collector {
    Heading { index: usize, text: String, start: Option<usize>, end: usize },
    Paragraph { block: usize, text: String },
    ItemParagraph { list: usize, item: usize, text: String },
}

/// An open list item: which list and item, and whether its first paragraph was seen.
struct OpenItem {
    list: usize,
    item: usize,
    seen_paragraph: bool,
}

/// The single traversal that fills a `Page`.
struct Outline<'p, 's> {
    page: &'p mut Page<'s>,
    body_first_line: usize,
    /// Whether paragraph and list-item text is collected: only job-family rules read it, and
    /// collecting it costs a fifth of the run on pages that cannot be job-family pages.
    collect_text: bool,
    collectors: Vec<Collector>,
    open_lists: Vec<usize>,
    open_items: Vec<OpenItem>,
    context: TextContext,
    blockquote_depth: usize,
    link_depth: usize,
    /// Links whose text is their URL (autolinks, bare URLs): not prose.
    url_link_depth: usize,
    /// Autolinks (`<https://…>`, bare URLs and emails): their text is the address.
    autolink_depth: usize,
    /// `<% … %>` tags of the whole file, in order.
    erb: Vec<Span>,
    image_depth: usize,
    footnote_depth: usize,
    /// Links written as autolinks or bare URLs open around the current node (by their syntax,
    /// unlike `autolink_depth`): their text is not heading anchor text.
    autolink_syntax_depth: usize,
    /// Per open link, whether it is an autolink or a bare URL.
    open_links: Vec<bool>,
    /// Lines of link reference definitions comrak dropped from the start of the open paragraph:
    /// it reports the paragraph's inlines that many lines too early.
    line_shift: usize,
    /// The line after the last line a leaf block covered, and the uncovered line ranges before it.
    covered_until: usize,
    gaps: Vec<(usize, usize)>,
    /// The table (index into `markdown.tables`) a `:::` row cut short.
    cut_table: Option<usize>,
    /// The container directives open where the walk is (for `:::` rows).
    directives: directives::OpenDirectives,
}

impl<'p, 's> Outline<'p, 's> {
    fn new(page: &'p mut Page<'s>, body_first_line: usize, collect_text: bool) -> Self {
        let erb = erb_tags(&page.source.text);
        Outline {
            page,
            body_first_line,
            collect_text,
            collectors: Vec::new(),
            open_lists: Vec::new(),
            open_items: Vec::new(),
            context: TextContext::default(),
            blockquote_depth: 0,
            link_depth: 0,
            url_link_depth: 0,
            autolink_depth: 0,
            image_depth: 0,
            footnote_depth: 0,
            erb,
            autolink_syntax_depth: 0,
            open_links: Vec::new(),
            line_shift: 0,
            covered_until: 0,
            gaps: Vec::new(),
            cut_table: None,
            directives: directives::OpenDirectives::default(),
        }
    }

    fn walk<'a>(mut self, root: &'a AstNode<'a>) {
        use comrak::arena_tree::NodeEdge;
        for edge in root.traverse() {
            match edge {
                NodeEdge::Start(node) => self.enter(node),
                NodeEdge::End(node) => self.leave(node),
            }
        }
        let count = self.page.headings.len();
        // Parents: the nearest preceding heading of a lower level.
        let mut stack: Vec<usize> = Vec::new();
        for i in 0..count {
            let level = self.page.headings[i].level;
            while stack.last().is_some_and(|&p| self.page.headings[p].level >= level) {
                stack.pop();
            }
            self.page.headings[i].parent = stack.last().copied();
            stack.push(i);
        }
        self.find_uncovered_definitions();
    }

    fn is_document_child(node: &AstNode<'_>) -> bool {
        node.parent().is_some_and(|p| matches!(p.data().value, NodeValue::Document))
    }

    fn push_block(&mut self, kind: BlockKind, span: Span) -> usize {
        self.page.blocks.push(Block { kind, span, text: String::new() });
        self.page.blocks.len() - 1
    }

    /// Whether `node` sits directly in a paragraph as markdownlint's parser sees it: it knows
    /// no strikethrough, so `~~` and the text between are paragraph text too.
    fn is_paragraph_text(node: &AstNode<'_>) -> bool {
        let mut parent = node.parent();
        while let Some(p) = parent {
            match p.data().value {
                NodeValue::Paragraph => return true,
                NodeValue::Strikethrough => parent = p.parent(),
                _ => return false,
            }
        }
        false
    }

    fn enter<'a>(&mut self, node: &'a AstNode<'a>) {
        let document_child = Self::is_document_child(node);
        if matches!(node.data().value, NodeValue::Strikethrough) && Self::is_paragraph_text(node) {
            // Its `~~` delimiters.
            let span = self.span(node);
            self.page.markdown.paragraph_text.push(Span::new(span.start, span.start));
            self.page.markdown.paragraph_text.push(Span::new(span.end.saturating_sub(1), span.end.saturating_sub(1)));
        }
        let value = node.data().value.clone_shallow();
        match value {
            Shallow::Heading(level, setext) => {
                let span = self.span(node);
                self.cover(span);
                let index = self.page.headings.len();
                let block = document_child.then(|| self.push_block(BlockKind::Heading(index), span));
                self.page.headings.push(Heading {
                    level,
                    text: String::new(),
                    span,
                    text_span: Span::new(span.start, span.start),
                    parent: None,
                    block,
                    setext,
                });
                self.page.markdown.link_model.heading_fragments.push(String::new());
                self.context.heading_level = level;
                self.collectors.push(Collector::Heading { index, text: String::new(), start: None, end: span.start });
            }
            Shallow::Paragraph => {
                let span = self.span(node);
                self.cover(span);
                self.page.markdown.paragraphs.push(span);
                // markdownlint's parser knows no task lists: the `[x]` is paragraph text.
                if node.previous_sibling().is_none()
                    && node.parent().is_some_and(|p| matches!(p.data().value, NodeValue::TaskItem(_)))
                {
                    self.page.markdown.paragraph_text.push(Span::new(span.start, span.start));
                }
                let content = self.paragraph_definitions(span);
                self.page.markdown.link_model.inline_blocks.push(content);
                if document_child {
                    if let Some(emphasis) = Self::sole_emphasis(node) {
                        let span = self.span(emphasis.0);
                        self.page.markdown.emphasis_paragraphs.push((span, emphasis.1));
                    }
                    let block = self.push_block(BlockKind::Paragraph, span);
                    self.collectors.push(Collector::Paragraph { block, text: String::new() });
                } else if node
                    .parent()
                    .is_some_and(|p| matches!(p.data().value, NodeValue::Item(_) | NodeValue::TaskItem(_)))
                    && let Some(open) = self.open_items.last_mut()
                    && !open.seen_paragraph
                {
                    open.seen_paragraph = true;
                    let (list, item) = (open.list, open.item);
                    self.page.lists[list].items[item].text_span = span;
                    self.collectors.push(Collector::ItemParagraph { list, item, text: String::new() });
                } else {
                    // A paragraph we do not collect still needs a frame so `leave` pops symmetrically.
                    self.collectors.push(Collector::Paragraph { block: usize::MAX, text: String::new() });
                }
            }
            Shallow::List => {
                let span = self.span(node);
                let bullet = match &node.data().value {
                    NodeValue::List(list) if list.list_type == comrak::nodes::ListType::Bullet => {
                        Some(list.bullet_char)
                    }
                    _ => None,
                };
                let block = document_child.then(|| self.push_block(BlockKind::List(self.page.lists.len()), span));
                let ul_nesting = self.ul_nesting(node);
                let in_footnote = self.footnote_depth > 0;
                let continues_paragraph = self.continues_paragraph(node);
                self.page.lists.push(List {
                    span,
                    items: Vec::new(),
                    depth: self.open_lists.len(),
                    block,
                    bullet,
                    ul_nesting,
                    in_footnote,
                    continues_paragraph,
                });
                self.open_lists.push(self.page.lists.len() - 1);
            }
            Shallow::Item => {
                let span = self.span(node);
                if let Some(&list) = self.open_lists.last() {
                    let items = &mut self.page.lists[list].items;
                    items.push(ListItem { span, text: String::new(), text_span: Span::new(span.start, span.start) });
                    self.open_items.push(OpenItem { list, item: items.len() - 1, seen_paragraph: false });
                }
                self.context.in_list_item = true;
            }
            Shallow::BlockQuote => {
                let after_quote = node
                    .previous_sibling()
                    .filter(|p| matches!(p.data().value, NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_)))
                    .map(|p| self.span(p));
                self.page.markdown.quotes.push(Quote { span: self.span(node), after_quote });
                if document_child {
                    self.push_block(BlockKind::BlockQuote, self.span(node));
                }
                self.blockquote_depth += 1;
                self.context.in_blockquote = true;
            }
            Shallow::TableCell => {
                self.context.in_table_cell = true;
                let span = self.span(node);
                self.page.markdown.link_model.inline_blocks.push(span);
            }
            Shallow::Leaf(kind) => {
                let mut span = self.span(node);
                if let NodeValue::CodeBlock(code) = &node.data().value
                    && code.fenced
                    && !code.closed
                {
                    span = self.unclosed_fence_span(span, &code.literal);
                }
                if kind != BlockKind::Other {
                    self.cover(span);
                }
                if document_child {
                    self.push_block(kind, span);
                }
                if kind == BlockKind::Html {
                    self.page.html_blocks.push(span);
                }
                if let NodeValue::CodeBlock(code) = &node.data().value {
                    let has_info = !code.info.trim().is_empty();
                    let literal = code.literal.clone();
                    let unclosed = code.fenced && !code.closed;
                    self.page.markdown.code_blocks.push(CodeBlock {
                        span,
                        fenced: code.fenced,
                        has_info,
                        literal,
                        unclosed,
                    });
                }
                if let NodeValue::FootnoteDefinition(footnote) = &node.data().value {
                    self.page.markdown.link_model.footnote_defs.push((span, footnote.name.clone()));
                    self.footnote_depth += 1;
                }
                if kind == BlockKind::ThematicBreak {
                    self.page.markdown.thematic_breaks.push(span);
                }
                if kind == BlockKind::Table {
                    self.page.markdown.tables.push(span);
                }
            }
            Shallow::HtmlInline => {
                let mut span = self.span(node);
                if let NodeValue::HtmlInline(literal) = &node.data().value {
                    self.relocate_inline(node, &mut span, literal);
                }
                self.page.html_inline.push(span);
            }
            Shallow::Text => {
                let mut span = self.span(node);
                let mut exact = true;
                if let NodeValue::Text(literal) = &node.data().value {
                    self.append_fragment_text(literal);
                    self.append_text(literal, span);
                    if Self::is_paragraph_text(node)
                        && !self.page.source.text.get(span.start..span.end).is_some_and(is_escape_or_entity)
                    {
                        self.page.markdown.paragraph_text.push(span);
                    }
                    if self.url_link_depth == 0 && memchr::memchr2(b'*', b'_', literal.as_bytes()).is_some() {
                        self.bare_emphasis_markers(node, span);
                    }
                    exact = self.locate_literal(&mut span, literal);
                }
                // A span that is not the literal is kept when only escapes make the difference.
                if self.autolink_depth == 0
                    && span.end > span.start
                    && (exact || self.is_escaped_literal(span, &node.data().value))
                {
                    self.page.markdown.text_spans.push(span);
                }
                if exact && self.url_link_depth == 0 && self.image_depth == 0 && span.end > span.start {
                    self.push_prose(span);
                }
            }
            Shallow::Code(literal) => {
                let span = self.span(node);
                self.append_fragment_text(&literal);
                self.append_text(&literal, span);
                self.page.markdown.code_spans.push(span);
            }
            Shallow::Break => {
                let span = self.span(node);
                self.append_text(" ", Span::new(span.start, span.start));
            }
            Shallow::Link => {
                if let NodeValue::Link(link) = &node.data().value {
                    let span = self.span(node);
                    let mut syntax =
                        links::classify(&self.page.source.text, span, false, self.context.heading_level > 0);
                    syntax.url = link.url.clone();
                    syntax.empty = node.first_child().is_none();
                    let autolink = matches!(syntax.kind, links::LinkKind::Autolink | links::LinkKind::Literal);
                    self.autolink_syntax_depth += usize::from(autolink);
                    self.open_links.push(autolink);
                    self.page.markdown.link_model.links.push(syntax);
                }
                let is_url_text = Self::is_url_link(node);
                if Self::is_autolink(node) {
                    self.autolink_depth += 1;
                }
                self.link_depth += 1;
                self.context.in_link_text = true;
                if is_url_text {
                    self.url_link_depth += 1;
                }
            }
            Shallow::Emphasis(strong) => {
                let span = self.span(node);
                self.page.markdown.emphasis.push((span, strong));
            }
            Shallow::Image => {
                let span = self.span(node);
                let in_heading = self.context.heading_level > 0;
                let mut syntax = links::classify(&self.page.source.text, span, true, in_heading);
                syntax.empty = node.first_child().is_none();
                self.page.markdown.link_model.links.push(syntax);
                self.image_depth += 1;
            }
            Shallow::Other => match &node.data().value {
                NodeValue::TableRow(header) => {
                    let span = self.span(node);
                    let text = self.page.source.text.as_bytes();
                    let end = memchr::memchr(b'\n', &text[span.start..]).map_or(text.len(), |p| span.start + p);
                    let end = if end > span.start && text[end - 1] == b'\r' { end - 1 } else { end };
                    let table = self.page.markdown.tables.len().saturating_sub(1);
                    // A `:::` line that opens or closes a container directive (`:::note` …
                    // `:::`), which markdownlint's parser reads: there the table ends before it,
                    // here comrak made it a row. The table ends at the row before; later rows
                    // are dropped.
                    let source = self.page.source.text.as_str();
                    let line_start = source[..span.start].rfind('\n').map_or(0, |p| p + 1);
                    let directive_fence = self.directives.ends_table(source, line_start, &source[span.start..end]);
                    if directive_fence || self.cut_table == Some(table) {
                        if self.cut_table != Some(table) {
                            self.cut_table = Some(table);
                            let last_row = self.page.markdown.table_rows.last().filter(|r| r.table == table);
                            if let (Some(row), Some(span)) = (last_row, self.page.markdown.tables.last_mut()) {
                                span.end = row.span.end;
                            }
                        }
                        return;
                    }
                    self.page.markdown.table_rows.push(TableRow {
                        table,
                        span: Span::new(span.start, end),
                        header: *header,
                    });
                }
                NodeValue::FootnoteReference(footnote) => {
                    let span = self.span(node);
                    self.page.markdown.link_model.footnote_refs.push((span, footnote.name.clone()));
                }
                _ => {}
            },
        }
    }

    /// comrak ends an unclosed fence that its list item or quote closes on the fence line
    /// itself; the block really runs over its code lines: one line more per line of literal.
    fn unclosed_fence_span(&self, span: Span, literal: &str) -> Span {
        let lines = &self.page.lines;
        let text = self.page.source.text.as_str();
        let last = lines.line_of(span.start) + literal.lines().count();
        if literal.is_empty() || last >= lines.line_count() {
            return span;
        }
        let end = if last + 1 < lines.line_count() { lines.line_start(last + 1) } else { text.len() };
        let end = text[..end].trim_end_matches(['\n', '\r']).len().max(span.end);
        Span::new(span.start, end)
    }

    fn leave<'a>(&mut self, node: &'a AstNode<'a>) {
        match node.data().value {
            NodeValue::Heading(_) => {
                if let Some(Collector::Heading { index, text, start, end }) = self.collectors.pop() {
                    let heading = &mut self.page.headings[index];
                    heading.text = finish_folded(text);
                    if let Some(start) = start {
                        heading.text_span = Span::new(start, end);
                    }
                }
                self.context.heading_level = 0;
            }
            NodeValue::Paragraph => {
                self.line_shift = 0;
                match self.collectors.pop() {
                    Some(Collector::Paragraph { block, text }) if block != usize::MAX => {
                        self.page.blocks[block].text = finish_folded(text);
                    }
                    Some(Collector::ItemParagraph { list, item, text }) => {
                        self.page.lists[list].items[item].text = finish_folded(text);
                    }
                    _ => {}
                }
            }
            NodeValue::List(_) => {
                self.open_lists.pop();
            }
            NodeValue::Item(_) | NodeValue::TaskItem(_) => {
                self.open_items.pop();
                self.context.in_list_item = !self.open_items.is_empty();
            }
            NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) => {
                self.blockquote_depth -= 1;
                self.context.in_blockquote = self.blockquote_depth > 0;
            }
            NodeValue::TableCell => self.context.in_table_cell = false,
            NodeValue::Link(_) => {
                if self.open_links.pop() == Some(true) {
                    self.autolink_syntax_depth -= 1;
                }
                if Self::is_url_link(node) {
                    self.url_link_depth -= 1;
                }
                if Self::is_autolink(node) {
                    self.autolink_depth -= 1;
                }
                self.link_depth -= 1;
                self.context.in_link_text = self.link_depth > 0;
            }
            NodeValue::Image(_) => self.image_depth -= 1,
            NodeValue::FootnoteDefinition(_) => self.footnote_depth -= 1,
            _ => {}
        }
    }
}

/// The part of a node's value the traversal needs, copied out of the `RefCell` borrow.
enum Shallow {
    Heading(u8, bool),
    Paragraph,
    List,
    Item,
    BlockQuote,
    TableCell,
    Leaf(BlockKind),
    Text,
    Code(String),
    Break,
    Link,
    Image,
    HtmlInline,
    Emphasis(bool),
    Other,
}

trait CloneShallow {
    fn clone_shallow(&self) -> Shallow;
}

impl CloneShallow for NodeValue {
    fn clone_shallow(&self) -> Shallow {
        match self {
            NodeValue::Heading(h) => Shallow::Heading(h.level, h.setext),
            NodeValue::Paragraph => Shallow::Paragraph,
            NodeValue::List(_) => Shallow::List,
            NodeValue::Item(_) | NodeValue::TaskItem(_) => Shallow::Item,
            NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) => Shallow::BlockQuote,
            NodeValue::TableCell => Shallow::TableCell,
            NodeValue::Table(_) => Shallow::Leaf(BlockKind::Table),
            NodeValue::CodeBlock(_) => Shallow::Leaf(BlockKind::CodeBlock),
            NodeValue::HtmlBlock(_) => Shallow::Leaf(BlockKind::Html),
            NodeValue::ThematicBreak => Shallow::Leaf(BlockKind::ThematicBreak),
            NodeValue::FootnoteDefinition(_) | NodeValue::DescriptionList => Shallow::Leaf(BlockKind::Other),
            NodeValue::Text(_) => Shallow::Text,
            NodeValue::Code(code) => Shallow::Code(code.literal.clone()),
            NodeValue::SoftBreak | NodeValue::LineBreak => Shallow::Break,
            NodeValue::Link(_) => Shallow::Link,
            NodeValue::Image(_) => Shallow::Image,
            NodeValue::HtmlInline(_) => Shallow::HtmlInline,
            NodeValue::Emph => Shallow::Emphasis(false),
            NodeValue::Strong => Shallow::Emphasis(true),
            _ => Shallow::Other,
        }
    }
}

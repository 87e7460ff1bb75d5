//! The page model: one comrak parse and one traversal per file, shared by every rule.
//!
//! `Page::build` parses once, records what rules need (headings, document-level blocks, lists and
//! their items, prose text runs) as plain owned data with byte spans, then drops the AST. The
//! job-family model is derived from that outline, not from a second walk.

pub mod front_matter;
pub mod job_family;
pub mod levels;
pub mod links;
pub mod scope;

use crate::source::{LineIndex, SourceFile, Span, ceil_char_boundary, floor_char_boundary};
use comrak::nodes::{AstNode, LineColumn, NodeValue};
use comrak::{Arena, Options, parse_document};
pub use front_matter::{FrontMatter, FrontMatterProblem};
pub use job_family::JobFamily;

/// A heading with its normalized text and its place in the outline.
#[derive(Debug, Clone)]
pub struct Heading {
    pub level: u8,
    /// Plain text: markup removed, U+00A0 and runs of whitespace folded to one space, trimmed.
    pub text: String,
    /// The whole heading (for ATX headings, the line).
    pub span: Span,
    /// The heading's inline content.
    pub text_span: Span,
    /// The nearest preceding heading of a lower level.
    pub parent: Option<usize>,
    /// Index of this heading in `Page::blocks`, if it sits at document level.
    pub block: Option<usize>,
    /// A setext heading (text underlined with `===` or `---`) rather than an ATX one (`# …`).
    pub setext: bool,
}

/// A code block at any depth.
#[derive(Debug, Clone)]
pub struct CodeBlock {
    pub span: Span,
    /// Fenced (```` ``` ````) rather than indented.
    pub fenced: bool,
    /// A fenced block with an info string (a language).
    pub has_info: bool,
    /// The code itself: its lines without fences, container prefixes and code indentation.
    pub literal: String,
    /// A fenced block without its closing fence (it runs to the end of its container).
    pub unclosed: bool,
}

/// A block quote at any depth.
#[derive(Debug, Clone, Copy)]
pub struct Quote {
    pub span: Span,
    /// The block before it in the same container, when that block is a block quote too.
    pub after_quote: Option<Span>,
}

/// What a document-level block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Heading(usize),
    Paragraph,
    /// Index into `Page::lists`.
    List(usize),
    Table,
    CodeBlock,
    Html,
    BlockQuote,
    ThematicBreak,
    Other,
}

/// A direct child of the document.
#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Span,
    /// Plain text of a paragraph (links reduced to their text) on pages that may be job-family
    /// pages; empty for other kinds and other pages.
    pub text: String,
}

/// A list, at any depth.
#[derive(Debug, Clone)]
pub struct List {
    pub span: Span,
    pub items: Vec<ListItem>,
    /// 0 for a list at document level, 1 for a list inside one of its items, …
    pub depth: usize,
    /// Index in `Page::blocks` of a document-level list.
    pub block: Option<usize>,
    /// The bullet (`*`, `-`, `+`) of an unordered list; `None` for an ordered one.
    pub bullet: Option<u8>,
    /// How many unordered lists enclose this one up to the nearest block quote, as
    /// markdownlint's MD007 counts them; `None` when an ordered list comes first.
    pub ul_nesting: Option<usize>,
    /// Inside a footnote definition.
    pub in_footnote: bool,
    /// A list that may not interrupt a paragraph (ordered from another number than 1, or
    /// opening with an empty item) on a line that continues one: CommonMark (and markdownlint's
    /// parser) reads the line as paragraph text, comrak starts a list when an enclosing item
    /// starts on the same line (`- 10. Item` under a paragraph line). markdownlint's parser
    /// reads such a line right after an indented code block as paragraph text too.
    pub continues_paragraph: bool,
}

/// A list item, with the plain text of its first paragraph (on pages that may be job-family pages).
#[derive(Debug, Clone)]
pub struct ListItem {
    pub span: Span,
    pub text: String,
    /// The span of the item's first paragraph (the text a reader sees as the bullet).
    pub text_span: Span,
}

/// Where a run of prose sits, as flags.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TextContext {
    pub heading_level: u8,
    pub in_list_item: bool,
    pub in_table_cell: bool,
    pub in_blockquote: bool,
    pub in_link_text: bool,
}

/// A maximal run of literal prose: text nodes outside code, HTML, URLs and autolinks.
#[derive(Debug, Clone)]
pub struct TextRun {
    pub span: Span,
    pub context: TextContext,
}

/// Everything rules know about one file.
pub struct Page<'s> {
    pub source: &'s SourceFile,
    pub lines: LineIndex,
    pub front_matter: Option<FrontMatter>,
    pub front_matter_problem: Option<FrontMatterProblem>,
    pub headings: Vec<Heading>,
    pub blocks: Vec<Block>,
    pub lists: Vec<List>,
    pub prose: Vec<TextRun>,
    /// The job-family model, when the page is a job-family page.
    pub job: Option<JobFamily>,
    /// 0-based line where the Markdown body starts (after front matter).
    pub body_first_line: usize,
    /// Byte offset where the Markdown body starts (after front matter).
    pub body_start: usize,
    /// The body's lines by number, built on first use by the markdownlint rules.
    pub body_line_table: std::cell::OnceCell<Vec<Option<&'s str>>>,
    /// Code blocks at any depth.
    pub code_blocks: Vec<CodeBlock>,
    /// HTML blocks at any depth.
    pub html_blocks: Vec<Span>,
    /// Thematic breaks (`---`, `***`) at any depth.
    pub thematic_breaks: Vec<Span>,
    /// Inline code spans.
    pub code_spans: Vec<Span>,
    /// Inline links, with their destination.
    pub links: Vec<(Span, String)>,
    /// Images, and whether their alt text is empty.
    pub images: Vec<(Span, bool)>,
    /// Inline HTML.
    pub html_inline: Vec<Span>,
    /// Tables at any depth.
    pub tables: Vec<Span>,
    /// Emphasis (`*a*`, `_a_`) and strong (`**a**`) runs: span and whether strong.
    pub emphasis: Vec<(Span, bool)>,
    /// Document-level paragraphs made of one emphasis or strong run of plain text
    /// (`**Overview**`): its span and text.
    pub emphasis_paragraphs: Vec<(Span, String)>,
    /// Paragraphs at any depth. comrak keeps link reference definitions that open a paragraph
    /// inside its span and drops paragraphs made only of definitions.
    pub paragraphs: Vec<Span>,
    /// Text written directly in a paragraph (not inside a link, emphasis or code), except
    /// backslash escapes and entities: markdownlint's paragraph `data`.
    pub paragraph_text: Vec<Span>,
    /// Footnote definitions (`[^1]: …`), with their content.
    pub footnote_definitions: Vec<Span>,
    /// Block quotes at any depth.
    pub quotes: Vec<Quote>,
    /// `*`/`_` runs of one to three characters left as literal text because they emphasize
    /// nothing (markdownlint's bare emphasis markers, MD037), directly in a paragraph, heading
    /// or table cell (micromark merges them into the text inside links and emphasis): the run,
    /// and an id of the container holding it (runs pair up within one container).
    pub bare_emphasis_markers: Vec<(Span, usize)>,
    /// Every text node's source span outside autolinks (MD044 reads link and image text too,
    /// which `prose` leaves out).
    pub text_spans: Vec<Span>,
    /// How links are written, link reference definitions, footnotes and heading anchor text:
    /// what markdownlint's link rules (MD051–MD054, MD059) read.
    pub link_model: links::LinkModel,
    /// Table rows at any depth (the delimiter row is not a node: it is the line after the header).
    pub table_rows: Vec<TableRow>,
}

/// A row of a table: from its first character to the end of its line.
#[derive(Debug, Clone, Copy)]
pub struct TableRow {
    /// Index into `Page::tables`.
    pub table: usize,
    pub span: Span,
    pub header: bool,
}

impl<'s> Page<'s> {
    /// Parses `source` once and derives the whole model.
    pub fn build(source: &'s SourceFile) -> Page<'s> {
        let text = source.text.as_str();
        let lines = LineIndex::new(text);
        let scan = front_matter::scan(text);
        let mut page = Page {
            source,
            front_matter: scan.front_matter,
            front_matter_problem: scan.problem,
            headings: Vec::new(),
            blocks: Vec::new(),
            lists: Vec::new(),
            prose: Vec::new(),
            job: None,
            body_first_line: 0,
            body_start: 0,
            body_line_table: std::cell::OnceCell::new(),
            code_blocks: Vec::new(),
            html_blocks: Vec::new(),
            thematic_breaks: Vec::new(),
            code_spans: Vec::new(),
            links: Vec::new(),
            images: Vec::new(),
            html_inline: Vec::new(),
            tables: Vec::new(),
            emphasis: Vec::new(),
            emphasis_paragraphs: Vec::new(),
            paragraphs: Vec::new(),
            paragraph_text: Vec::new(),
            footnote_definitions: Vec::new(),
            quotes: Vec::new(),
            bare_emphasis_markers: Vec::new(),
            text_spans: Vec::new(),
            link_model: links::LinkModel::default(),
            table_rows: Vec::new(),
            lines,
        };
        {
            let arena = Arena::new();
            let root = parse_document(&arena, &text[scan.body_start..], &parse_options());
            let body_first_line = page.lines.line_of(scan.body_start);
            page.body_first_line = body_first_line;
            page.body_start = scan.body_start;
            let collect_text = job_family::may_be_job_family(&page, text);
            Outline::new(&mut page, body_first_line, collect_text).walk(root);
        }
        page.job = job_family::derive(&page);
        page
    }

    /// The text of a span.
    pub fn slice(&self, span: Span) -> &str {
        &self.source.text[span.start..span.end]
    }

    /// The page's own title: front matter `title`, else the first H1.
    pub fn title(&self) -> Option<&str> {
        if let Some(field) = self.front_matter.as_ref().and_then(|fm| fm.get("title")) {
            return Some(field.value.trim());
        }
        self.headings.iter().find(|h| h.level == 1).map(|h| h.text.as_str())
    }

    /// The document-level blocks after heading `h` up to the next heading of any level.
    pub fn heading_body(&self, h: usize) -> &[Block] {
        let Some(first) = self.headings[h].block.map(|b| b + 1) else { return &[] };
        let end = self.blocks[first..]
            .iter()
            .position(|b| matches!(b.kind, BlockKind::Heading(_)))
            .map_or(self.blocks.len(), |p| first + p);
        &self.blocks[first..end]
    }

    /// Indices of the headings nested under heading `h` (its whole subtree), in order.
    pub fn descendants(&self, h: usize) -> impl Iterator<Item = usize> + '_ {
        let level = self.headings[h].level;
        (h + 1..self.headings.len()).take_while(move |&i| self.headings[i].level > level)
    }

    /// Chain of ancestors of heading `h`, nearest first.
    pub fn ancestors(&self, h: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.headings[h].parent, move |&p| self.headings[p].parent)
    }
}

/// The comrak options every parse uses: CommonMark plus GFM tables, strikethrough, autolinks,
/// task lists and footnotes.
pub fn parse_options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.extension.tasklist = true;
    options.extension.footnotes = true;
    // Footnote definitions stay where they are written, used or not (markdownlint's MD053
    // reports the unused ones); comrak would otherwise move them to the end or drop them.
    options.parse.leave_footnote_definitions = true;
    options
}

/// Folds U+00A0 and other whitespace runs to single spaces and trims.
pub fn normalize_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_whitespace()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// comrak folds `\*` into the text it escapes; its source position then spans more bytes than
/// the literal.
fn paragraph_source_has_escape(node: &AstNode<'_>) -> bool {
    let pos = node.data().sourcepos;
    let NodeValue::Text(t) = &node.data().value else { return false };
    pos.start.line == pos.end.line && pos.end.column + 1 - pos.start.column != t.len()
}

/// Template tags that are code, not prose: ERB (`<% … %>`, in `.md.erb` pages), Hugo
/// shortcodes (`{{< … >}}`, `{{% … %}}`) and kramdown attribute lists (`{: #id data-x="…"}`),
/// in order.
fn erb_tags(text: &str) -> Vec<Span> {
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
fn is_escape_or_entity(source: &str) -> bool {
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
fn push_folded(out: &mut String, text: &str) {
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
fn finish_folded(mut text: String) -> String {
    if text.ends_with(' ') {
        text.pop();
    }
    text
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
        }
    }

    fn offset(&self, at: LineColumn, end: bool) -> usize {
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

    fn span(&self, node: &AstNode<'_>) -> Span {
        let pos = node.data().sourcepos;
        let start = self.offset(pos.start, false);
        if pos.end.line == 0 || (pos.end.line, pos.end.column) < (pos.start.line, pos.start.column) {
            return Span::new(start, start);
        }
        Span::new(start, self.offset(pos.end, true))
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

    /// Finds the link reference definitions comrak consumed with the whole paragraph they made
    /// up: they sit on lines no block covers.
    fn find_uncovered_definitions(&mut self) {
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
        let definitions = &mut self.page.link_model.definitions;
        definitions.extend(found);
        definitions.sort_by_key(|d| d.span.start);
    }

    /// Records that a leaf block covers `span`'s lines; the lines skipped since the last leaf
    /// block are a gap where comrak may have dropped link reference definitions. Leaf blocks
    /// arrive in document order.
    fn cover(&mut self, span: Span) {
        let first = self.page.lines.line_of(span.start);
        let last = self.page.lines.line_of(span.end.saturating_sub(1).max(span.start));
        if first > self.covered_until {
            self.gaps.push((self.covered_until, first));
        }
        self.covered_until = self.covered_until.max(last + 1);
    }

    /// Reads the link reference definitions at the start of a paragraph: comrak keeps the
    /// paragraph's start there but positions its inlines as if they began on that line.
    fn paragraph_definitions(&mut self, span: Span) -> Span {
        let text = self.page.source.text.as_str();
        let bytes = text.as_bytes();
        let mut at = span.start;
        let mut shift = 0;
        while bytes.get(at) == Some(&b'[') {
            let Some((definition, next)) = links::parse_definition(text, at) else { break };
            self.page.link_model.definitions.push(definition);
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

    fn is_document_child(node: &AstNode<'_>) -> bool {
        node.parent().is_some_and(|p| matches!(p.data().value, NodeValue::Document))
    }

    fn push_block(&mut self, kind: BlockKind, span: Span) -> usize {
        self.page.blocks.push(Block { kind, span, text: String::new() });
        self.page.blocks.len() - 1
    }

    fn append_text(&mut self, text: &str, span: Span) {
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
            self.page.paragraph_text.push(Span::new(span.start, span.start));
            self.page.paragraph_text.push(Span::new(span.end.saturating_sub(1), span.end.saturating_sub(1)));
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
                self.page.link_model.heading_fragments.push(String::new());
                self.context.heading_level = level;
                self.collectors.push(Collector::Heading { index, text: String::new(), start: None, end: span.start });
            }
            Shallow::Paragraph => {
                let span = self.span(node);
                self.cover(span);
                self.page.paragraphs.push(span);
                // markdownlint's parser knows no task lists: the `[x]` is paragraph text.
                if node.previous_sibling().is_none()
                    && node.parent().is_some_and(|p| matches!(p.data().value, NodeValue::TaskItem(_)))
                {
                    self.page.paragraph_text.push(Span::new(span.start, span.start));
                }
                let content = self.paragraph_definitions(span);
                self.page.link_model.inline_blocks.push(content);
                if document_child {
                    if let Some(emphasis) = Self::sole_emphasis(node) {
                        let span = self.span(emphasis.0);
                        self.page.emphasis_paragraphs.push((span, emphasis.1));
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
                self.page.quotes.push(Quote { span: self.span(node), after_quote });
                if document_child {
                    self.push_block(BlockKind::BlockQuote, self.span(node));
                }
                self.blockquote_depth += 1;
                self.context.in_blockquote = true;
            }
            Shallow::TableCell => {
                self.context.in_table_cell = true;
                let span = self.span(node);
                self.page.link_model.inline_blocks.push(span);
            }
            Shallow::Leaf(kind) => {
                let span = self.span(node);
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
                    self.page.code_blocks.push(CodeBlock { span, fenced: code.fenced, has_info, literal, unclosed });
                }
                if let NodeValue::FootnoteDefinition(footnote) = &node.data().value {
                    self.page.footnote_definitions.push(span);
                    self.page.link_model.footnote_defs.push((span, footnote.name.clone()));
                    self.footnote_depth += 1;
                }
                if kind == BlockKind::ThematicBreak {
                    self.page.thematic_breaks.push(span);
                }
                if kind == BlockKind::Table {
                    self.page.tables.push(span);
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
                        self.page.paragraph_text.push(span);
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
                    self.page.text_spans.push(span);
                }
                if exact && self.url_link_depth == 0 && self.image_depth == 0 && span.end > span.start {
                    self.push_prose(span);
                }
            }
            Shallow::Code(literal) => {
                let span = self.span(node);
                self.append_fragment_text(&literal);
                self.append_text(&literal, span);
                self.page.code_spans.push(span);
            }
            Shallow::Break => {
                let span = self.span(node);
                self.append_text(" ", Span::new(span.start, span.start));
            }
            Shallow::Link => {
                if let NodeValue::Link(link) = &node.data().value {
                    let span = self.span(node);
                    self.page.links.push((span, link.url.clone()));
                    let syntax = links::classify(&self.page.source.text, span, false, self.context.heading_level > 0);
                    let autolink = matches!(syntax.kind, links::LinkKind::Autolink | links::LinkKind::Literal);
                    self.autolink_syntax_depth += usize::from(autolink);
                    self.open_links.push(autolink);
                    self.page.link_model.links.push(syntax);
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
                self.page.emphasis.push((span, strong));
            }
            Shallow::Image => {
                let span = self.span(node);
                self.page.images.push((span, node.first_child().is_none()));
                let in_heading = self.context.heading_level > 0;
                let syntax = links::classify(&self.page.source.text, span, true, in_heading);
                self.page.link_model.links.push(syntax);
                self.image_depth += 1;
            }
            Shallow::Other => match &node.data().value {
                NodeValue::TableRow(header) => {
                    let span = self.span(node);
                    let text = self.page.source.text.as_bytes();
                    let end = memchr::memchr(b'\n', &text[span.start..]).map_or(text.len(), |p| span.start + p);
                    let end = if end > span.start && text[end - 1] == b'\r' { end - 1 } else { end };
                    let table = self.page.tables.len().saturating_sub(1);
                    self.page.table_rows.push(TableRow { table, span: Span::new(span.start, end), header: *header });
                }
                NodeValue::FootnoteReference(footnote) => {
                    let span = self.span(node);
                    self.page.link_model.footnote_refs.push((span, footnote.name.clone()));
                }
                _ => {}
            },
        }
    }

    /// markdownlint's MD007 nesting of a list: the unordered lists around it up to the nearest
    /// block quote; `None` under an ordered list. Only the nearest list or quote is looked at:
    /// its own nesting already counts the rest.
    fn ul_nesting<'a>(&self, node: &'a AstNode<'a>) -> Option<usize> {
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
    fn continues_paragraph<'a>(&self, node: &'a AstNode<'a>) -> bool {
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

    /// Records the `*`/`_` runs in a text node's source: delimiters comrak left as text. A run
    /// preceded by a backslash starts after the escaped character, as in markdownlint.
    fn bare_emphasis_markers<'a>(&mut self, node: &'a AstNode<'a>, span: Span) {
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
                self.page.bare_emphasis_markers.push((Span::new(i, i + run), container));
            }
            i += run;
        }
    }

    /// comrak's inline positions drift after a line ending inside a link destination (a whole
    /// line off): when `span` does not hold `literal`, finds it in the enclosing block, from
    /// `span` on first.
    fn relocate_inline<'a>(&self, node: &'a AstNode<'a>, span: &mut Span, literal: &str) {
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
    fn is_escaped_literal(&self, span: Span, value: &NodeValue) -> bool {
        let NodeValue::Text(literal) = value else { return false };
        let source = &self.page.source.text[span.start..span.end];
        source.contains('\\') && source.chars().filter(|&c| c != '\\').eq(literal.chars().filter(|&c| c != '\\'))
    }

    /// Makes `span` cover exactly `literal` in the source. comrak's inline positions can be off
    /// by a character or two after escapes in table cells; prose rules need exact offsets, so a
    /// text node whose literal cannot be found next to its reported position is not prose.
    fn locate_literal(&self, span: &mut Span, literal: &str) -> bool {
        let text = self.page.source.text.as_str();
        if text.get(span.start..span.end) == Some(literal) {
            return true;
        }
        let from = crate::source::floor_char_boundary(text, span.start.saturating_sub(8));
        let to = crate::source::ceil_char_boundary(text, (span.end + 8).min(text.len()));
        match text[from..to].find(literal) {
            Some(at) if !literal.is_empty() => {
                *span = Span::new(from + at, from + at + literal.len());
                true
            }
            _ => false,
        }
    }

    /// Appends heading text that GitHub's anchors (and markdownlint's MD051) are made from.
    fn append_fragment_text(&mut self, literal: &str) {
        if self.context.heading_level > 0
            && self.image_depth == 0
            && self.autolink_syntax_depth == 0
            && let Some(fragment) = self.page.link_model.heading_fragments.last_mut()
        {
            fragment.push_str(literal);
        }
    }

    fn push_prose(&mut self, span: Span) {
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

    fn push_prose_run(&mut self, span: Span) {
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

    /// The emphasis or strong node that is a paragraph's only content (whitespace and inline
    /// HTML aside), when it holds plain text only.
    fn sole_emphasis<'a>(paragraph: &'a AstNode<'a>) -> Option<(&'a AstNode<'a>, String)> {
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
    fn is_autolink<'a>(node: &'a AstNode<'a>) -> bool {
        let NodeValue::Link(link) = &node.data().value else { return false };
        let mut children = node.children();
        let (Some(only), None) = (children.next(), children.next()) else { return false };
        let NodeValue::Text(text) = &only.data().value else { return false };
        let url = link.url.as_str();
        url == text.as_ref() as &str
            || url.strip_prefix("mailto:") == Some(text)
            || text.starts_with("www.") && url.strip_prefix("http://") == Some(text)
    }

    /// A link whose visible text is its URL: an autolink or a bare URL.
    fn is_url_link<'a>(node: &'a AstNode<'a>) -> bool {
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

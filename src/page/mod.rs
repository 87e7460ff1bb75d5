//! The page model: one comrak parse and one traversal per file, shared by every rule.
//!
//! `Page::build` parses once, records what rules need (headings, document-level blocks, lists and
//! their items, prose text runs) as plain owned data with byte spans, then drops the AST. The
//! job-family model is derived from that outline, not from a second walk.
//!
//! Every rule sees the outline on `Page`; what only the markdownlint-compatible rules read sits
//! in `Page::markdown` (`markdown_facts`). The traversal and its position repair are in `build/`;
//! this file keeps the types, `Page::build`'s entry and the queries rules share.

mod build;
pub mod front_matter;
pub mod job_family;
pub mod levels;
pub mod links;
pub mod markdown_facts;
pub mod scope;

use crate::source::{LineIndex, SourceFile, Span};
use comrak::Options;
pub use front_matter::{FrontMatter, FrontMatterProblem};
pub use job_family::JobFamily;
pub use markdown_facts::{CodeBlock, MarkdownFacts, Quote, TableRow};

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

/// Everything rules know about one file: its outline for every rule, and the markdownlint
/// facts (`markdown`) that only the markdownlint-compatible rules read.
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
    /// Byte offset where the Markdown body starts (after front matter).
    pub body_start: usize,
    /// HTML blocks at any depth (inline comments that suppress findings sit in HTML).
    pub html_blocks: Vec<Span>,
    /// Inline HTML.
    pub html_inline: Vec<Span>,
    /// What only the markdownlint-compatible rules read.
    pub markdown: MarkdownFacts<'s>,
}

impl<'s> Page<'s> {
    /// Parses `source` once and derives the whole model.
    pub fn build(source: &'s SourceFile) -> Page<'s> {
        let text = source.text.as_str();
        let lines = LineIndex::new(text);
        let scan = front_matter::scan(text);
        let mut page = Page {
            source,
            lines,
            front_matter: scan.front_matter,
            front_matter_problem: scan.problem,
            headings: Vec::new(),
            blocks: Vec::new(),
            lists: Vec::new(),
            prose: Vec::new(),
            job: None,
            body_start: scan.body_start,
            html_blocks: Vec::new(),
            html_inline: Vec::new(),
            markdown: MarkdownFacts::default(),
        };
        let collect_text = job_family::may_be_job_family(&page, text);
        build::outline(&mut page, collect_text);
        page.job = job_family::derive(&page);
        page
    }

    /// 0-based line where the Markdown body starts (after front matter).
    pub fn body_first_line(&self) -> usize {
        self.lines.line_of(self.body_start)
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

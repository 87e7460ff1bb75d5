//! The facts only the markdownlint-compatible rules (`rules/markdown/`) read: where code, tables,
//! emphasis, quotes and links sit, to the byte, as markdownlint's parser would place them.
//!
//! They live in one sub-struct (`Page::markdown`) so the handbook, prose and pack rules see a
//! small page; they are still filled by the one traversal that builds the page.

use super::links::LinkModel;
use crate::source::Span;
use std::cell::OnceCell;

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

/// A row of a table: from its first character to the end of its line.
#[derive(Debug, Clone, Copy)]
pub struct TableRow {
    /// Index into `MarkdownFacts::tables`.
    pub table: usize,
    pub span: Span,
    pub header: bool,
}

/// What markdownlint's rules read of a page beyond its outline (`Page::markdown`).
#[derive(Debug, Default)]
pub struct MarkdownFacts<'s> {
    /// The body's lines by number, built on first use by the markdownlint rules.
    pub body_line_table: OnceCell<Vec<Option<&'s str>>>,
    /// Code blocks at any depth.
    pub code_blocks: Vec<CodeBlock>,
    /// Thematic breaks (`---`, `***`) at any depth.
    pub thematic_breaks: Vec<Span>,
    /// Inline code spans.
    pub code_spans: Vec<Span>,
    /// Tables at any depth.
    pub tables: Vec<Span>,
    /// Table rows at any depth (the delimiter row is not a node: it is the line after the header).
    pub table_rows: Vec<TableRow>,
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
    /// Block quotes at any depth.
    pub quotes: Vec<Quote>,
    /// `*`/`_` runs of one to three characters left as literal text because they emphasize
    /// nothing (markdownlint's bare emphasis markers, MD037), directly in a paragraph, heading
    /// or table cell (micromark merges them into the text inside links and emphasis): the run,
    /// and an id of the container holding it (runs pair up within one container).
    pub bare_emphasis_markers: Vec<(Span, usize)>,
    /// Every text node's source span outside autolinks (MD044 reads link and image text too,
    /// which `Page::prose` leaves out).
    pub text_spans: Vec<Span>,
    /// Links and images (with their destination), link reference definitions, footnotes and
    /// heading anchor text: what markdownlint's link rules (MD034, MD039, MD042, MD045,
    /// MD051–MD054, MD059) read.
    pub link_model: LinkModel,
}

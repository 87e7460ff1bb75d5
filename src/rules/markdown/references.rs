//! Reference links and their definitions as markdownlint collects them (its
//! `getReferenceLinkImageData`), shared by MD052, MD053 and MD054.
//!
//! comrak resolves the references that have a definition; the ones without are plain text to it.
//! markdownlint finds those where its parser gives up on a `]` (a shim on micromark's label end):
//! a bracket group `[…]` that is no link, chained with the group right before it into a full
//! (`[text][label]`) or collapsed (`[label][]`) reference. This module replays that on the source
//! of each paragraph and table cell.

use crate::page::Page;
use crate::page::links::{LinkKind, LinkSyntax};
use crate::source::Span;
use std::collections::HashMap;

/// markdownlint's `normalizeLinkLabelText`: lowercase, trimmed, whitespace runs as one space.
pub fn normalize_label(text: &str) -> String {
    let lower = text.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    for word in lower.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// markdownlint's key for a label written in the source: `normalize_label` of its text without
/// the block quote markers (`>`) that open its continuation lines inside a quote (micromark
/// leaves them out of a label's text).
pub fn label_key(source: &str) -> String {
    if source.contains('\n') { normalize_label(&without_quote_markers(source)) } else { normalize_label(source) }
}

/// Text written over several lines of a block quote without the `>` markers (and the spaces
/// around them) that open its continuation lines.
pub fn without_quote_markers(source: &str) -> String {
    let mut text = String::with_capacity(source.len());
    for (i, line) in source.split('\n').enumerate() {
        if i > 0 {
            text.push('\n');
            let mut rest = line.trim_start_matches([' ', '\t']);
            while let Some(after) = rest.strip_prefix('>') {
                rest = after.trim_start_matches([' ', '\t']);
            }
            text.push_str(rest);
        } else {
            text.push_str(line);
        }
    }
    text
}

/// The key of an undefined reference's label as markdownlint's shim reads it: the label of a
/// full reference (`[text][label]`) keeps the quote markers of its continuation lines, that of
/// a collapsed or shortcut one does not.
pub fn group_label_key(group: &Group, text: &str) -> String {
    let source = &text[group.label.start..group.label.end];
    if group.kind == LinkKind::Full { normalize_label(source) } else { label_key(source) }
}

/// A reference to a label: where it is written.
#[derive(Debug, Clone, Copy)]
pub struct Reference {
    pub span: Span,
    /// Whether the label has no definition (comrak left it as text).
    pub undefined: bool,
}

/// A definition as markdownlint keys it (`^name` for footnotes).
#[derive(Debug, Clone)]
pub struct DefinitionEntry {
    pub label: String,
    pub span: Span,
    /// The destination as written (empty for footnotes).
    pub destination: String,
    /// Whether the whole definition sits on one line (so deleting that line removes it).
    pub single_line: bool,
}

/// References by normalized label, split as markdownlint splits them.
#[derive(Debug, Default)]
pub struct ReferenceData {
    /// Full and collapsed references (`[text][label]`, `[label][]`).
    pub references: HashMap<String, Vec<Reference>>,
    /// Shortcut references (`[label]`) and footnote references (`[^name]`).
    pub shortcuts: HashMap<String, Vec<Reference>>,
    /// The first definition of each label, in document order.
    pub definitions: Vec<DefinitionEntry>,
    /// Later definitions of a label already defined.
    pub duplicates: Vec<DefinitionEntry>,
}

impl ReferenceData {
    /// Whether a label has a definition.
    pub fn defines(&self, label: &str) -> bool {
        self.definitions.iter().any(|d| d.label == label)
    }

    /// The destination of a label's first definition.
    pub fn destination(&self, label: &str) -> Option<&str> {
        self.definitions.iter().find(|d| d.label == label).map(|d| d.destination.as_str())
    }
}

/// Which bracket groups that make no link to look for (they are what costs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unresolved {
    /// None: only the links comrak resolved.
    Skip,
    /// Full and collapsed references only (a `][` must be in the block).
    References,
    /// Shortcuts too.
    All,
}

/// A bracket group markdownlint's shim records: start, end, kind and the label's source.
pub struct Group {
    pub start: usize,
    pub end: usize,
    /// `Full`, `Collapsed` or `Shortcut`.
    pub kind: LinkKind,
    pub label: Span,
}

/// Collects the references and definitions of a page.
pub fn reference_data(page: &Page<'_>, unresolved: Unresolved) -> ReferenceData {
    let text = page.source.text.as_str();
    let model = &page.markdown.link_model;
    let mut data = ReferenceData::default();
    let add = |data: &mut ReferenceData, label: String, reference: Reference, shortcut: bool| {
        let map = if shortcut { &mut data.shortcuts } else { &mut data.references };
        map.entry(label).or_default().push(reference);
    };
    for link in &model.links {
        let label = match link.kind {
            LinkKind::Full => link.label.unwrap_or(link.text),
            LinkKind::Collapsed | LinkKind::Shortcut => link.text,
            _ => continue,
        };
        let reference = Reference { span: link.span, undefined: false };
        add(&mut data, label_key(&text[label.start..label.end]), reference, link.kind == LinkKind::Shortcut);
    }
    for (span, name) in &model.footnote_refs {
        add(&mut data, normalize_label(&format!("^{name}")), Reference { span: *span, undefined: false }, true);
    }
    let groups = if unresolved == Unresolved::Skip { Vec::new() } else { undefined_groups(page, unresolved) };
    for group in groups {
        let label = group_label_key(&group, text);
        let reference = Reference { span: Span::new(group.start, group.end), undefined: true };
        add(&mut data, label, reference, group.kind == LinkKind::Shortcut);
    }
    for entry in definition_entries(page) {
        if data.defines(&entry.label) {
            data.duplicates.push(entry);
        } else {
            data.definitions.push(entry);
        }
    }
    data
}

/// Every link reference and footnote definition of the page, in order, keyed like markdownlint.
pub fn definition_entries(page: &Page<'_>) -> Vec<DefinitionEntry> {
    let text = page.source.text.as_str();
    let model = &page.markdown.link_model;
    let mut entries: Vec<DefinitionEntry> = model
        .definitions
        .iter()
        .map(|d| DefinitionEntry {
            label: label_key(&text[d.label.start..d.label.end]),
            span: d.span,
            destination: text[d.destination.start..d.destination.end].to_string(),
            single_line: !text[d.span.start..d.span.end].contains('\n'),
        })
        .collect();
    entries.extend(model.footnote_defs.iter().map(|(span, name)| {
        let first_line_end = text[span.start..span.end].find('\n').map_or(span.end, |p| span.start + p);
        DefinitionEntry {
            label: normalize_label(&format!("^{name}")),
            span: Span::new(span.start, first_line_end),
            destination: String::new(),
            single_line: first_line_end == span.end || text[first_line_end..span.end].trim().is_empty(),
        }
    }));
    entries.sort_by_key(|d| d.span.start);
    entries
}

/// Whether `bytes` holds `][` (faster than a substring search on many short blocks).
pub fn has_adjacent_brackets(bytes: &[u8]) -> bool {
    memchr::memchr_iter(b']', bytes).any(|i| bytes.get(i + 1) == Some(&b'['))
}

/// The bracket groups that make no link, as markdownlint's shim records them, in order.
pub fn undefined_groups(page: &Page<'_>, unresolved: Unresolved) -> Vec<Group> {
    let text = page.source.text.as_str();
    let bytes = text.as_bytes();
    let model = &page.markdown.link_model;
    // The blocks worth scanning come first: most pages have none, and then nothing else is built.
    let wanted = |block: &Span| {
        let end = block.end.min(bytes.len());
        let source = &bytes[block.start.min(end)..end];
        match unresolved {
            Unresolved::References => has_adjacent_brackets(source),
            _ => memchr::memchr(b']', source).is_some(),
        }
    };
    let mut blocks: Vec<Span> = model.inline_blocks.iter().copied().filter(wanted).collect();
    blocks.extend(
        page.headings
            .iter()
            .map(|h| super::headings::heading_text_span(page, h))
            .filter(|s| s.end > s.start && wanted(s)),
    );
    if blocks.is_empty() {
        return Vec::new();
    }
    blocks.sort_by_key(|s| s.start);
    // Code spans, inline HTML, autolinks and footnote references hide their brackets.
    let mut masks: Vec<Span> = page.markdown.code_spans.iter().chain(&page.html_inline).copied().collect();
    masks.extend(
        model.links.iter().filter(|l| matches!(l.kind, LinkKind::Autolink | LinkKind::Literal)).map(|l| l.span),
    );
    masks.extend(model.footnote_refs.iter().map(|(s, _)| *s));
    masks.sort_by_key(|s| s.start);
    let resolved: HashMap<usize, &LinkSyntax> = model
        .links
        .iter()
        .filter(|l| !matches!(l.kind, LinkKind::Autolink | LinkKind::Literal))
        .map(|l| (l.text.start, l))
        .collect();
    let mut groups: Vec<Group> = Vec::new();
    let mut mask_at = 0;
    // Open brackets: position of the `[` (or `!`), whether it opens an image, and whether a link
    // or image inside it resolved (`[![logo][img]][missing]`).
    let mut starts: Vec<(usize, bool, bool)> = Vec::new();
    // The last group that can only be the text of a full reference: it holds a resolved link.
    let mut text_only: Option<(usize, usize)> = None;
    for block in blocks {
        let end = block.end.min(bytes.len());
        starts.clear();
        while mask_at < masks.len() && masks[mask_at].end <= block.start {
            mask_at += 1;
        }
        let mut mask = mask_at;
        let mut i = block.start;
        while i < end {
            while mask < masks.len() && masks[mask].end <= i {
                mask += 1;
            }
            if mask < masks.len() && masks[mask].start <= i {
                i = masks[mask].end.max(i + 1);
                continue;
            }
            match bytes[i] {
                b'\\' if bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation) => i += 1,
                b'!' if bytes.get(i + 1) == Some(&b'[') => {
                    starts.push((i, true, false));
                    i += 1;
                }
                b'[' => starts.push((i, false, false)),
                b']' => {
                    let Some((open, image, holds_link)) = starts.pop() else {
                        i += 1;
                        continue;
                    };
                    let text_start = open + if image { 2 } else { 1 };
                    if let Some(link) = resolved.get(&text_start).filter(|l| l.text.end == i && l.image == image) {
                        if let Some(outer) = starts.last_mut() {
                            outer.2 = true;
                        }
                        i = link.span.end.max(i + 1);
                        continue;
                    }
                    if holds_link {
                        text_only = Some((open, i + 1));
                    } else {
                        if let Some((start, end)) = text_only.take().filter(|&(_, end)| end == open) {
                            // The text of a full reference: `[![logo][img]][label]`.
                            groups.push(Group { start, end, kind: LinkKind::Shortcut, label: Span::new(end, end) });
                        }
                        record_failure(&mut groups, bytes, open, i + 1, Span::new(text_start, i));
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }
    groups
}

/// markdownlint's shim: a failed group right after the previous one makes it a collapsed
/// reference (`[]`) or a full one (`[label]`); a group whose text is blank or holds `]` is dropped.
fn record_failure(groups: &mut Vec<Group>, bytes: &[u8], start: usize, end: usize, label: Span) {
    let inner = &bytes[label.start..label.end];
    let mut group = Group { start, end, kind: LinkKind::Shortcut, label };
    if let Some(previous) = groups.last_mut()
        && previous.end == start
    {
        if inner.is_empty() {
            previous.kind = LinkKind::Collapsed;
            previous.end = end;
        } else {
            group.kind = LinkKind::Full;
            group.start = previous.start;
            groups.pop();
        }
    }
    let trimmed = inner.trim_ascii();
    if !trimmed.is_empty() && !trimmed.contains(&b']') {
        groups.push(group);
    }
}

//! Code actions on a document's findings: each safe fix, every fix in the file at once, and a
//! comment that switches the rule off for the finding's line or for the file.
//!
//! The comments are the ones the page's readers already know: markdownlint's for markdownlint's
//! rules (`<!-- markdownlint-disable-next-line MD013 -->`, which markdownlint-cli2 reads too),
//! hblint's for the others. A comment never goes where it would change what the page renders or
//! what the rule sees: not inside front matter, code or a table (a comment line there would be
//! code, break the table or the YAML), and above the line only where a blank line or the start of
//! the body is above it (elsewhere a comment line would end the list or split the paragraph);
//! otherwise at the end of the line as inline HTML (`disable-line`).

use super::workspace::Document;
use crate::diagnostic::{Edit, Finding};
use crate::page::Page;
use crate::rules::Group;
use crate::source::Span;
use lsp_types::{CodeAction, CodeActionKind, Diagnostic, TextEdit, Uri, WorkspaceEdit};
use std::collections::HashMap;

/// The kind of the "fix all" action, under `source.fixAll` so editors can run it on save.
pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.hblint")
}

/// The actions for the findings that overlap `[start, end]` (offsets into the linted text).
/// `shown` are the diagnostics the client sent with the request: an action names the one it
/// fixes, as the client knows it.
pub fn for_range(document: &Document, start: usize, end: usize, shown: &[Diagnostic]) -> Vec<CodeAction> {
    let source = document.source();
    let page = Page::build(&source);
    let mut actions = Vec::new();
    let mut disabled: Vec<(&str, usize)> = Vec::new();
    for finding in &document.findings {
        let span = finding.diagnostic.span;
        if span.end < start || span.start > end {
            continue;
        }
        let code = finding.diagnostic.rule.code;
        let diagnostic = matching(document, finding, shown);
        if let Some(edits) = &finding.diagnostic.fix {
            let first_line = finding.diagnostic.message.lines().next().unwrap_or("");
            actions.push(CodeAction {
                title: format!("Fix {code}: {first_line}"),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: diagnostic.clone().map(|d| vec![d]),
                edit: Some(workspace_edit(document, edits)),
                is_preferred: Some(true),
                ..CodeAction::default()
            });
        }
        // One "disable" per rule and line, however many findings the rule has there.
        let line = finding.start.line;
        if disabled.contains(&(code, line)) {
            continue;
        }
        disabled.push((code, line));
        if let Some(edit) = disable_for_line(&page, finding) {
            actions.push(CodeAction {
                title: format!("Disable {code} for this line"),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: diagnostic.clone().map(|d| vec![d]),
                edit: Some(workspace_edit(document, &[edit])),
                ..CodeAction::default()
            });
        }
        actions.push(CodeAction {
            title: format!("Disable {code} for this file"),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: diagnostic.map(|d| vec![d]),
            edit: Some(workspace_edit(document, &[disable_for_file(&page, finding)])),
            ..CodeAction::default()
        });
    }
    actions
}

/// "Fix all": one edit from the document's text to `fixed` (the fixed text, without BOM),
/// covering only what changed so the editor keeps the cursor and folds elsewhere.
pub fn fix_all(document: &Document, fixed: &str, fixes: usize) -> Option<CodeAction> {
    let edit = smallest_edit(&document.text[document.bom_len()..], fixed)?;
    Some(CodeAction {
        title: format!("Fix all hblint findings in this file ({fixes} fix{})", if fixes == 1 { "" } else { "es" }),
        kind: Some(fix_all_kind()),
        edit: Some(workspace_edit(document, &[edit])),
        ..CodeAction::default()
    })
}

/// The single edit that turns `before` into `after`: the common start and end kept.
pub fn smallest_edit(before: &str, after: &str) -> Option<Edit> {
    if before == after {
        return None;
    }
    let prefix = before.bytes().zip(after.bytes()).take_while(|(a, b)| a == b).count();
    let prefix =
        crate::source::floor_char_boundary(before, prefix).min(crate::source::floor_char_boundary(after, prefix));
    let limit = before.len().min(after.len()) - prefix;
    let mut suffix = before.bytes().rev().zip(after.bytes().rev()).take(limit).take_while(|(a, b)| a == b).count();
    while !before.is_char_boundary(before.len() - suffix) || !after.is_char_boundary(after.len() - suffix) {
        suffix -= 1;
    }
    Some(Edit {
        span: Span::new(prefix, before.len() - suffix),
        replacement: after[prefix..after.len() - suffix].to_string(),
    })
}

// lsp-types' `Uri` hashes its text only; the cells clippy sees are fluent-uri's parse cache.
#[allow(clippy::mutable_key_type)]
fn workspace_edit(document: &Document, edits: &[Edit]) -> WorkspaceEdit {
    let edits: Vec<TextEdit> = edits
        .iter()
        .map(|edit| TextEdit { range: document.range(edit.span), new_text: edit.replacement.clone() })
        .collect();
    let changes: HashMap<Uri, Vec<TextEdit>> = HashMap::from([(document.uri.clone(), edits)]);
    WorkspaceEdit { changes: Some(changes), ..WorkspaceEdit::default() }
}

/// The client's diagnostic for a finding: same code, same range.
fn matching(document: &Document, finding: &Finding, shown: &[Diagnostic]) -> Option<Diagnostic> {
    let range = document.range(finding.diagnostic.span);
    shown
        .iter()
        .find(|d| {
            d.range == range
                && matches!(&d.code, Some(lsp_types::NumberOrString::String(c)) if c == finding.diagnostic.rule.code)
        })
        .cloned()
}

/// The comment that switches a finding's rule off, with `keyword` (`disable-next-line`…).
fn comment(finding: &Finding, keyword: &str) -> String {
    let meta = finding.diagnostic.rule;
    let tool = if meta.group == Group::Markdown { "markdownlint" } else { "hblint" };
    format!("<!-- {tool}-{keyword} {} -->", meta.code)
}

/// A comment above the finding's line, or at its end; `None` where neither would leave the page
/// as it renders (see the module's doc).
fn disable_for_line(page: &Page<'_>, finding: &Finding) -> Option<Edit> {
    let text = &page.source.text;
    let line = finding.start.line - 1;
    let start = page.lines.line_start(line).min(text.len());
    if start < page.body_start && page.front_matter.is_some() {
        return None;
    }
    let end = text[start..].find(['\n', '\r']).map_or(text.len(), |i| start + i);
    // Inside code (but not on its first line, the opening fence) or a table (but not its
    // header row), a comment would change the code or the table.
    let inside = |span: &Span| span.start < start && start < span.end;
    let markdown = &page.markdown;
    if markdown.code_blocks.iter().any(|block| inside(&block.span)) || markdown.tables.iter().any(inside) {
        return None;
    }
    let above_is_blank = line == 0 || {
        let previous = page.lines.line_start(line - 1);
        start <= page.body_start || text[previous..start].trim().is_empty()
    };
    if above_is_blank {
        let indent: String = text[start..end].chars().take_while(|c| *c == ' ' || *c == '\t').collect();
        let newline = if text[end..].starts_with("\r\n") { "\r\n" } else { "\n" };
        return Some(Edit {
            span: Span::new(start, start),
            replacement: format!("{indent}{}{newline}", comment(finding, "disable-next-line")),
        });
    }
    // At the end of the line, before its trailing white space (a hard line break stays one).
    let content_end = start + text[start..end].trim_end().len();
    Some(Edit {
        span: Span::new(content_end, content_end),
        replacement: format!(" {}", comment(finding, "disable-line")),
    })
}

/// A comment at the start of the body (after the front matter).
fn disable_for_file(page: &Page<'_>, finding: &Finding) -> Edit {
    let text = &page.source.text;
    let at = page.body_start.min(text.len());
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let before = if at > 0 && !text[..at].ends_with('\n') { newline } else { "" };
    Edit { span: Span::new(at, at), replacement: format!("{before}{}{newline}", comment(finding, "disable-file")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_smallest_edit_keeps_what_both_texts_share() {
        let edit = smallest_edit("a with with b", "a with b").unwrap();
        assert_eq!((edit.span.start, edit.span.end, edit.replacement.as_str()), (7, 12, ""));
        let edit = smallest_edit("é—x", "é–x").unwrap();
        let applied = format!("{}{}{}", &"é—x"[..edit.span.start], edit.replacement, &"é—x"[edit.span.end..]);
        assert_eq!(applied, "é–x");
        assert!(smallest_edit("same", "same").is_none());
        let edit = smallest_edit("aaa", "aaaa").unwrap();
        assert_eq!((edit.span.start, edit.span.end, edit.replacement.as_str()), (3, 3, "a"));
    }
}

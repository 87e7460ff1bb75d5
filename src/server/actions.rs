//! Code actions on a document's findings: each safe fix, every fix in the file at once, and a
//! comment that switches the rule off for the finding's line or for the file.
//!
//! The comments are the ones the page's readers already know: markdownlint's for markdownlint's
//! rules (`<!-- markdownlint-disable-next-line MD013 -->`, which markdownlint-cli2 reads too),
//! hblint's for the others. A comment never goes where it would change what the page renders or
//! what the rule sees: not inside front matter, code or a table (a comment line there would be
//! code, break the table or the YAML), and above the line only where a blank line or the start of
//! the body is above it and the line is not in a list (elsewhere a comment line would end the
//! list or split the paragraph); otherwise at the end of the line as inline HTML
//! (`disable-line`), except on a heading, a thematic break, a setext underline or a line ending
//! in a backslash break, which would change. Where no place is safe, only "for this file" is
//! offered.

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
/// as it renders (see the module's doc): then only the file-level comment is offered.
fn disable_for_line(page: &Page<'_>, finding: &Finding) -> Option<Edit> {
    let text = &page.source.text;
    let line = finding.start.line - 1;
    let start = page.lines.line_start(line).min(text.len());
    if start < page.body_start && page.front_matter.is_some() {
        return None;
    }
    let end = text[start..].find(['\n', '\r']).map_or(text.len(), |i| start + i);
    let content = &text[start..end];
    let markdown = &page.markdown;
    let on_line = |span: &Span| span.start >= start && span.start <= end;
    let inside = |span: &Span| span.start < start && start < span.end;
    let above_is_blank = line == 0 || start <= page.body_start || {
        let previous = page.lines.line_start(line - 1);
        text[previous..start].trim().is_empty()
    };
    let above = || {
        let indent: String = content.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
        let newline = if text[end..].starts_with("\r\n") { "\r\n" } else { "\n" };
        Edit {
            span: Span::new(start, start),
            replacement: format!("{indent}{}{newline}", comment(finding, "disable-next-line")),
        }
    };
    // Code: only above a fence that starts a block (a comment line inside, or beside the
    // fence, would be code or the info string; indented code would indent the comment into it).
    if let Some(block) = markdown.code_blocks.iter().find(|b| inside(&b.span) || on_line(&b.span)) {
        return (block.fenced && on_line(&block.span) && above_is_blank).then(above);
    }
    // Tables, thematic breaks and headings: above when a blank line is, never at the end (a
    // cell more, no break, another heading text).
    let table = markdown.tables.iter().find(|t| inside(t) || on_line(t));
    let heading = page.headings.iter().any(|h| on_line(&h.span));
    if table.is_some_and(inside) {
        return None;
    }
    if table.is_some() || heading || markdown.thematic_breaks.iter().any(on_line) {
        return above_is_blank.then(above);
    }
    // In a list a comment line would end it (a second list, numbering restarted): at the end.
    let in_list = page.lists.iter().any(|l| l.span.start <= start && start < l.span.end);
    if above_is_blank && !in_list {
        return Some(above());
    }
    // At the end of the line, before its trailing white space (a hard line break stays one);
    // not after a backslash break or a setext underline, which would stop being one.
    let trimmed = content.trim_end();
    let setext = !trimmed.trim().is_empty()
        && (trimmed.trim().bytes().all(|b| b == b'=') || trimmed.trim().bytes().all(|b| b == b'-'));
    if trimmed.ends_with('\\') || setext || trimmed.trim().is_empty() {
        return None;
    }
    let at = start + trimmed.len();
    Some(Edit { span: Span::new(at, at), replacement: format!(" {}", comment(finding, "disable-line")) })
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
    use crate::source::SourceFile;

    /// The page with "disable MD013 for this line" applied to 1-based `line`, or `None`.
    fn disabled(text: &str, line: usize) -> Option<String> {
        let source = SourceFile::from_text("page.md".into(), text.to_string(), false);
        let page = Page::build(&source);
        let start = page.lines.line_start(line - 1);
        let diagnostic = crate::diagnostic::Diagnostic {
            rule: crate::rules::registry::find("MD013").unwrap().meta(),
            severity: crate::diagnostic::Severity::Warning,
            message: "m".into(),
            span: Span::new(start, start + 1),
            labels: Vec::new(),
            help: None,
            fix: None,
        };
        let finding = Finding::new(diagnostic, text, &page.lines);
        let edit = disable_for_line(&page, &finding)?;
        Some(format!("{}{}{}", &text[..edit.span.start], edit.replacement, &text[edit.span.end..]))
    }

    const NEXT: &str = "<!-- markdownlint-disable-next-line MD013 -->";
    const SAME: &str = "<!-- markdownlint-disable-line MD013 -->";

    #[test]
    fn a_disable_comment_goes_where_it_changes_nothing_the_page_renders() {
        // A paragraph: above its first line, at the end of a later one.
        assert_eq!(disabled("# T\n\nlong\nlonger\n", 3).unwrap(), format!("# T\n\n{NEXT}\nlong\nlonger\n"));
        assert_eq!(disabled("# T\n\nlong\nlonger  \n", 4).unwrap(), format!("# T\n\nlong\nlonger {SAME}  \n"));
        // A list item, even after a blank line: at its end (a comment line would end the list).
        assert_eq!(disabled("- a\n\n- b\n", 3).unwrap(), format!("- a\n\n- b {SAME}\n"));
        // Front matter, inside code, indented code, a table's body, a backslash break: nowhere.
        assert_eq!(disabled("---\ntitle: x\n---\n\ntext\n", 2), None);
        assert_eq!(disabled("# T\n\n```sh\nlong\n```\n", 4), None);
        assert_eq!(disabled("# T\n\n    code\n", 3), None);
        assert_eq!(disabled("# T\n\n| a |\n| - |\n| b |\n", 5), None);
        assert_eq!(disabled("# T\n\nline\\\nnext\n", 3).map(|_| ()), Some(()));
        assert_eq!(disabled("# T\n\nfirst\nline\\\nnext\n", 4), None);
        // A fence, a table, a heading, a break: above when a blank line is above, else nowhere.
        assert_eq!(disabled("# T\n\n```\nx\n```\n", 3).unwrap(), format!("# T\n\n{NEXT}\n```\nx\n```\n"));
        assert_eq!(disabled("# T\ntext\n```\nx\n```\n", 3), None);
        assert_eq!(disabled("# T\n\n| a |\n| - |\n", 3).unwrap(), format!("# T\n\n{NEXT}\n| a |\n| - |\n"));
        assert_eq!(disabled("# T\ntext\n## H\n", 3), None);
        assert_eq!(disabled("# T\n\ntext\n***\n", 4), None);
    }

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

//! The one diagnostic type every rule produces; formats convert it only at the edge.

pub mod severity;

use crate::rules::meta::RuleMeta;
use crate::source::{LineIndex, Span};
pub use severity::Severity;

/// A secondary location, e.g. the first copy of a duplicated bullet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// One replacement of a span of the source; a fix is a set of non-overlapping edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// One finding in one file, with byte spans.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    /// A safe fix: applying its edits removes the finding without changing the meaning.
    pub fix: Option<Vec<Edit>>,
}

impl Diagnostic {
    /// Attaches a safe fix.
    pub fn fix(&mut self, edits: Vec<Edit>) -> &mut Self {
        self.fix = Some(edits);
        self
    }

    /// Adds a secondary label.
    pub fn label(&mut self, span: Span, message: impl Into<String>) -> &mut Self {
        self.labels.push(Label { span, message: message.into() });
        self
    }

    /// Sets the advice shown after the source excerpt.
    pub fn help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }
}

/// A 1-based line and 1-based character column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// A diagnostic with its span turned into positions, ready for any output format.
#[derive(Debug, Clone)]
pub struct Finding {
    pub diagnostic: Diagnostic,
    pub start: Position,
    pub end: Position,
    /// Where the finding sits in the page's outline (`Senior Manager > Requirements`): with the
    /// offending text, what identifies it across edits that move it (see `output::fingerprint`).
    /// This, `snippet` and `fingerprint` are empty when the run needs no fingerprints.
    pub section: String,
    /// The offending text, whitespace folded, at most 200 characters.
    pub snippet: String,
    /// Stable across edits that move the finding (see `output::fingerprint`); set per file.
    pub fingerprint: String,
}

impl Finding {
    pub fn new(diagnostic: Diagnostic, text: &str, lines: &LineIndex) -> Finding {
        let (line, column) = lines.position(text, diagnostic.span.start);
        let (end_line, end_column) = lines.position(text, diagnostic.span.end);
        Finding {
            diagnostic,
            start: Position { line, column },
            end: Position { line: end_line, column: end_column },
            section: String::new(),
            snippet: String::new(),
            fingerprint: String::new(),
        }
    }
}

/// The normalized offending text of a span; an empty span stands for its line.
pub fn snippet_of(text: &str, lines: &LineIndex, span: Span) -> String {
    let start = span.start.min(text.len());
    let end = span.end.clamp(start, text.len());
    let raw = if text.get(start..end).is_some_and(|s| !s.trim().is_empty()) {
        &text[start..end]
    } else {
        let line = lines.line_of(start);
        let from = lines.line_start(line).min(text.len());
        let to = text[from..].find('\n').map_or(text.len(), |i| from + i);
        text.get(from..to).unwrap_or("")
    };
    let mut out = String::new();
    for word in raw.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
        if out.len() >= 200 {
            break;
        }
    }
    let cut = crate::source::floor_char_boundary(&out, 200);
    out.truncate(cut);
    out
}

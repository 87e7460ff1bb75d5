//! A rule's fixed facts, kept beside its code: what `hblint rules` lists, `hblint explain`
//! prints and every report names. Below the diagnostics in the pipeline: it imports only the
//! severity.

use crate::diagnostic::severity::Severity;

/// The family a rule belongs to; also the code prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// Page-level checks every Markdown file gets (front matter).
    Page,
    /// markdownlint's rules, with its IDs, names and parameters; off unless selected or enabled
    /// by a markdownlint configuration.
    Markdown,
    JobFamily,
    Prose,
}

impl Group {
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Page => "page",
            Group::Markdown => "markdown",
            Group::JobFamily => "job-family",
            Group::Prose => "prose",
        }
    }
}

/// A rule's fixed facts, kept beside its code.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable code, never reused: `FM`, `JF`, `PR` prefixes.
    pub code: &'static str,
    /// Kebab-case name of the problem.
    pub name: &'static str,
    pub group: Group,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// Markdown: what it does, why it is bad, an example and what to write instead.
    pub docs: &'static str,
    pub severity: Severity,
    /// Whether the rule offers safe fixes (`hblint check --fix`).
    pub fix: bool,
}

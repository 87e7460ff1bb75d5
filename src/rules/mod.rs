//! Rules: their metadata, the trait they implement and the sink they report into.

pub mod front_matter;
pub mod job_family;
pub mod markdown;
pub mod pack;
pub mod prose;
pub mod registry;

use crate::diagnostic::Diagnostic;
use crate::page::Page;
use crate::source::Span;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::str::FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            other => Err(format!("unknown severity '{other}' (expected info, warning or error)")),
        }
    }
}

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

/// A check over a whole page.
pub trait Rule: Sync + Send {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, page: &Page<'_>, out: &mut Sink<'_>);
}

/// Where a rule reports its findings; stamps each with the rule's metadata and severity.
pub struct Sink<'a> {
    meta: &'static RuleMeta,
    severity: Severity,
    options: Option<&'a serde_json::Value>,
    out: &'a mut Vec<Diagnostic>,
}

impl<'a> Sink<'a> {
    pub fn new(
        meta: &'static RuleMeta,
        severity: Severity,
        options: Option<&'a serde_json::Value>,
        out: &'a mut Vec<Diagnostic>,
    ) -> Sink<'a> {
        Sink { meta, severity, options, out }
    }

    /// A rule parameter from the configuration (markdownlint's names: `br_spaces`, `level`…).
    pub fn option(&self, key: &str) -> Option<&serde_json::Value> {
        self.options.and_then(|o| o.get(key))
    }

    /// A numeric parameter, or `default`.
    pub fn option_u64(&self, key: &str, default: u64) -> u64 {
        self.option(key).and_then(|v| v.as_u64().or_else(|| v.as_f64().map(|f| f.max(0.0) as u64))).unwrap_or(default)
    }

    /// A boolean parameter, or `default`.
    pub fn option_bool(&self, key: &str, default: bool) -> bool {
        self.option(key).and_then(serde_json::Value::as_bool).unwrap_or(default)
    }

    /// Reports a finding at `span`; chain `.label(…)` and `.help(…)` on the result.
    pub fn report(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        self.out.push(Diagnostic {
            rule: self.meta,
            severity: self.severity,
            message: message.into(),
            span,
            labels: Vec::new(),
            help: None,
            fix: None,
        });
        let last = self.out.len() - 1;
        &mut self.out[last]
    }
}

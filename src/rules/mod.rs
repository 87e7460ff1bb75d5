//! Rules: their metadata, the trait they implement and the sink they report into.

pub mod front_matter;
pub mod job_family;
pub mod markdown;
pub mod meta;
pub mod pack;
pub mod prose;
pub mod registry;

use crate::diagnostic::Diagnostic;
pub use crate::diagnostic::Severity;
use crate::page::Page;
use crate::source::Span;
pub use meta::{Group, RuleMeta};

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

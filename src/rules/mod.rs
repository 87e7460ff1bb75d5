//! Rules: their metadata, the trait they implement, the parameter values they read and the sink
//! they report into.

pub mod front_matter;
pub mod inclusive;
pub mod job_family;
pub mod ladder;
pub mod links;
pub mod markdown;
pub mod meta;
pub mod pack;
pub mod pages;
pub mod params;
pub mod prose;
pub mod registry;

use crate::diagnostic::Diagnostic;
pub use crate::diagnostic::Severity;
use crate::page::Page;
use crate::site::PageInSite;
use crate::source::Span;
pub use meta::{Group, Param, RuleMeta};
pub use params::Params;

/// A check over a whole page. `params` holds the values of the parameters the rule's META
/// declares, resolved once per configuration; `out` collects the page's findings. They are
/// apart because they live apart: one set of parameters serves every page, a sink serves one.
pub trait Rule: Sync + Send {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>);

    /// What the linter calls: `site` is the page's place in the handbook when the run found
    /// one (see `crate::site`). Rules that check a page against the rest of the handbook (links,
    /// ladders) read it here; every other rule needs only `check`.
    fn check_in_site(&self, page: &Page<'_>, site: Option<&PageInSite<'_>>, params: &Params, out: &mut Sink<'_>) {
        let _ = site;
        self.check(page, params, out);
    }

    /// Whether the rule reads the site index, so that a run with it in force builds the index:
    /// the link rules do; a rule that merely uses the page's route when there is one does not.
    fn needs_site(&self) -> bool {
        self.meta().group == Group::Links
    }
}

/// Where a rule reports its findings; stamps each with the rule's metadata and severity.
pub struct Sink<'a> {
    meta: &'static RuleMeta,
    severity: Severity,
    out: &'a mut Vec<Diagnostic>,
}

impl<'a> Sink<'a> {
    pub fn new(meta: &'static RuleMeta, severity: Severity, out: &'a mut Vec<Diagnostic>) -> Sink<'a> {
        Sink { meta, severity, out }
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

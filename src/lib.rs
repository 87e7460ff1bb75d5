//! hblint: a Markdown linter that understands handbook job-family pages.
//!
//! The pipeline: walk → parse → page model → rules → diagnostics → output.
//! [`lint_source`] runs one file through the middle of it and is what tests call.

pub mod baseline;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod fix;
pub mod git;
pub mod output;
pub mod page;
pub mod rules;
pub mod run;
pub mod source;
pub mod walk;

use diagnostic::{Diagnostic, Located};
use page::Page;
use rules::{Rule, Severity, Sink};
use source::SourceFile;

/// The rules in force for a run, with their severities.
pub struct Linter {
    rules: Vec<(&'static dyn Rule, Severity)>,
    /// Rule parameters by code (from a markdownlint configuration).
    options: std::collections::HashMap<&'static str, serde_json::Value>,
}

impl Linter {
    /// A linter with every built-in and shipped-pack rule at its default severity.
    pub fn all() -> Linter {
        Linter::with_rules(rules::registry::Registry::builtin().default_rules())
    }

    /// A linter with the given rules at their default severities.
    pub fn with_rules(rules: Vec<&'static dyn Rule>) -> Linter {
        Linter::with_severities(rules.into_iter().map(|r| (r, r.meta().severity)).collect())
    }

    /// The rules in force.
    pub fn rules(&self) -> impl Iterator<Item = &'static dyn Rule> + '_ {
        self.rules.iter().map(|(r, _)| *r)
    }

    /// A linter with explicit severities per rule.
    pub fn with_severities(rules: Vec<(&'static dyn Rule, Severity)>) -> Linter {
        Linter { rules, options: Default::default() }
    }

    /// Sets the parameters of a rule.
    pub fn set_options(&mut self, code: &'static str, options: serde_json::Value) {
        self.options.insert(code, options);
    }

    /// The severity a rule runs at, if it runs.
    pub fn severity_of(&self, code: &str) -> Option<Severity> {
        self.rules.iter().find(|(r, _)| r.meta().code == code).map(|(_, s)| *s)
    }
}

/// The diagnostics of one file, sorted by position.
pub struct FileReport {
    pub diagnostics: Vec<Located>,
}

/// Lints one decoded file: one parse, one page model, every rule.
pub fn lint_source(source: &SourceFile, linter: &Linter) -> FileReport {
    let page = Page::build(source);
    let mut found: Vec<Diagnostic> = Vec::new();
    for (rule, severity) in &linter.rules {
        let mut sink = Sink::new(rule.meta(), *severity, linter.options.get(rule.meta().code), &mut found);
        rule.check(&page, &mut sink);
    }
    let suppressions = page::suppress::Suppressions::new(&page.directives);
    let mut diagnostics: Vec<Located> = found
        .into_iter()
        .map(|d| Located::new(d, &source.text, &page.lines))
        .filter(|d| !suppressions.is_suppressed(d.diagnostic.rule.code, d.diagnostic.rule.name, d.start.line))
        .collect();
    diagnostics.sort_by(|a, b| {
        (a.start, a.diagnostic.rule.code, &a.diagnostic.message).cmp(&(
            b.start,
            b.diagnostic.rule.code,
            &b.diagnostic.message,
        ))
    });
    set_sections(&page, &mut diagnostics);
    output::fingerprint::assign(&output::repo_path(&source.path), &mut diagnostics);
    FileReport { diagnostics }
}

/// Records each finding's place in the outline: the chain of headings above it.
fn set_sections(page: &Page<'_>, diagnostics: &mut [Located]) {
    for located in diagnostics {
        let at = located.diagnostic.span.start;
        let nearest = page.headings.partition_point(|h| h.span.start <= at);
        let mut chain = Vec::new();
        let mut next = nearest.checked_sub(1);
        while let Some(i) = next {
            let heading = &page.headings[i];
            chain.push(heading.text.as_str());
            next = heading.parent;
        }
        chain.reverse();
        located.section = chain.join(" > ");
    }
}

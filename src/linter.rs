//! The rules in force for a run, and linting one decoded file with them: one parse, one page
//! model, every rule, then the page's suppression comments.
//!
//! The linter resolves each rule's parameter values once, when its settings are built: the
//! defaults, then the markdownlint configuration's values, then `hblint.toml`'s. A page with a
//! `markdownlint-configure-file` comment is a configuration of its own: its rules' values are
//! resolved for that page.

use crate::diagnostic::{Diagnostic, Finding, Severity};
use crate::page::Page;
use crate::rules::inclusive::skip_list::SkipList;
use crate::rules::meta::Group;
use crate::rules::{Params, Rule, Sink};
use crate::site::job_families::JobFamilyList;
use crate::site::{PageInSite, Sites};
use crate::source::SourceFile;
use crate::suppression::{CommentTarget, Directive, InlineComments, RuleStates};
use rustc_hash::FxHashMap;
use serde_json::Value;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// The rules in force for a run, with their severities.
pub struct Linter {
    rules: Vec<(&'static dyn Rule, Severity)>,
    /// Rule parameters by code as a markdownlint configuration gives them (JSON objects); a
    /// page's `markdownlint-configure-file` comment replaces a rule's.
    markdownlint_params: HashMap<&'static str, Value>,
    /// Rule parameters by code from `hblint.toml`, checked and in markdownlint's form: they win
    /// over the markdownlint configuration's, per key.
    hblint_params: HashMap<&'static str, Value>,
    /// The parameter values of the rules in force, resolved from the two above. Looked up for
    /// every rule on every page: a one-multiply hash, not SipHash.
    params: FxHashMap<&'static str, Params>,
    /// The markdownlint rules a page's `markdownlint-configure-file` comment may turn on, with
    /// their severities (by default, the markdownlint rules in force).
    file_candidates: Vec<(&'static dyn Rule, Severity)>,
    /// Codes the markdownlint configuration names: a comment's `default` leaves them alone.
    named_in_config: Vec<&'static str>,
    /// Whether findings get their section, snippet and fingerprint (machine reports and
    /// baselines need them; a run that only shows findings to people skips the cost).
    fingerprints: bool,
    /// The handbook's inclusive-language skip list: a page it leaves out gets no finding from
    /// any `Group::Inclusive` rule (built-in or pack), so it is applied here, by group.
    skip_list: Option<Arc<SkipList>>,
    /// The handbook's list of job families and the root its pages are under (LD003's findings
    /// are on that file, made after the pages: see `cli/data_files.rs`).
    job_families: Option<(Arc<JobFamilyList>, PathBuf)>,
    /// The handbook repositories of the run, indexed once (`crate::site`): link and ladder rules
    /// check a page against them.
    sites: Option<Arc<Sites>>,
    /// The result cache and this configuration's part of each file's key (see `crate::cache`).
    cache: Option<(Arc<crate::cache::Cache>, crate::cache::Key)>,
}

impl Linter {
    /// A linter with every built-in and shipped-pack rule at its default severity.
    pub fn all() -> Linter {
        Linter::with_rules(crate::rules::registry::Registry::builtin().default_rules())
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
        let file_candidates = rules.iter().copied().filter(|(r, _)| r.meta().group == Group::Markdown).collect();
        let params = rules.iter().map(|(r, _)| (r.meta().code, Params::defaults(r.meta().params))).collect();
        Linter {
            rules,
            markdownlint_params: HashMap::new(),
            hblint_params: HashMap::new(),
            params,
            file_candidates,
            named_in_config: Vec::new(),
            fingerprints: true,
            skip_list: None,
            job_families: None,
            sites: None,
            cache: None,
        }
    }

    /// Sets what a page's `markdownlint-configure-file` comment may change: the markdownlint
    /// rules it may turn on (with their severities), and the codes the markdownlint
    /// configuration names explicitly.
    pub fn set_file_config_scope(
        &mut self,
        candidates: Vec<(&'static dyn Rule, Severity)>,
        named_in_config: Vec<&'static str>,
    ) {
        self.file_candidates = candidates;
        self.named_in_config = named_in_config;
    }

    /// The rules, severities and parameters for a page with a `markdownlint-configure-file`
    /// configuration: markdownlint merges it over its configuration, so its keys turn rules on
    /// or off and replace their parameters, and its `default` decides the rules the
    /// configuration does not name. Other rules are unchanged.
    ///
    /// `hblint.toml`'s parameters still apply, under the comment's: the comment's values win for
    /// the keys it sets, as the nearer configuration.
    fn configured_for(
        &self,
        file: &crate::config::ordered_keys::OrderedKeys,
    ) -> Vec<(&'static dyn Rule, Severity, Cow<'_, Params>)> {
        use crate::config::markdownlint::{Setting, default_value, rule_value, value_setting};
        let mut out: Vec<(&'static dyn Rule, Severity, Cow<'_, Params>)> = self
            .rules
            .iter()
            .filter(|(r, _)| r.meta().group != Group::Markdown)
            .map(|(r, s)| (*r, *s, Cow::Borrowed(self.params_of(*r))))
            .collect();
        let default = default_value(file);
        for (rule, severity) in &self.file_candidates {
            let meta = rule.meta();
            let running = self.rules.iter().any(|(r, _)| r.meta().code == meta.code);
            let hblint = self.hblint_params.get(meta.code);
            let params = match (rule_value(file, *rule), default) {
                (Some(value), _) => match value_setting(value) {
                    Setting::On(comment) => Some(Cow::Owned(Params::resolve(meta.params, &[hblint, Some(&comment)]))),
                    Setting::Off => None,
                },
                (None, Some(on)) if !self.named_in_config.contains(&meta.code) => {
                    on.then(|| Cow::Owned(Params::resolve(meta.params, &[hblint])))
                }
                _ if running => Some(Cow::Borrowed(self.params_of(*rule))),
                _ => None,
            };
            if let Some(params) = params {
                let severity =
                    self.rules.iter().find(|(r, _)| r.meta().code == meta.code).map_or(*severity, |(_, s)| *s);
                out.push((*rule, severity, params));
            }
        }
        out.sort_by_key(|(r, _, _)| r.meta().code);
        out
    }

    /// The same linter without markdownlint's rules, for a file markdownlint's configuration
    /// leaves out: no MD rule runs, and no `markdownlint-configure-file` comment turns one on.
    pub fn without_markdownlint(&self) -> Linter {
        self.without(|rule| rule.meta().group == Group::Markdown)
    }

    /// The same linter without the rules `dropped` says, for a file they are switched off for
    /// (`per-file-ignores`): not even a `markdownlint-configure-file` comment turns one on.
    pub fn without(&self, dropped: impl Fn(&dyn Rule) -> bool) -> Linter {
        Linter {
            rules: self.rules.iter().copied().filter(|(r, _)| !dropped(*r)).collect(),
            markdownlint_params: self.markdownlint_params.clone(),
            hblint_params: self.hblint_params.clone(),
            params: self.params.clone(),
            file_candidates: self.file_candidates.iter().copied().filter(|(r, _)| !dropped(*r)).collect(),
            named_in_config: self.named_in_config.clone(),
            fingerprints: self.fingerprints,
            skip_list: self.skip_list.clone(),
            job_families: self.job_families.clone(),
            sites: self.sites.clone(),
            cache: None,
        }
    }

    /// Sets the inclusive-language skip list (`data/inclusiveness_check.yml`).
    pub fn set_skip_list(&mut self, skip_list: Option<Arc<SkipList>>) {
        self.skip_list = skip_list;
    }

    /// Sets the run's site indexes.
    pub fn set_sites(&mut self, sites: Option<Arc<Sites>>) {
        self.sites = sites;
    }

    /// The run's site indexes, if a rule in force needed them.
    pub fn sites(&self) -> Option<&Arc<Sites>> {
        self.sites.as_ref()
    }

    /// Whether a rule in force reads the site index (so the run must build it).
    pub fn needs_sites(&self) -> bool {
        self.rules.iter().chain(&self.file_candidates).any(|(r, _)| r.needs_site())
    }

    /// The inclusive-language skip list, if the configuration found one.
    pub fn skip_list(&self) -> Option<&Arc<SkipList>> {
        self.skip_list.as_ref()
    }

    /// Sets the handbook's list of job families and the root its pages are under.
    pub fn set_job_families(&mut self, job_families: Option<(Arc<JobFamilyList>, PathBuf)>) {
        self.job_families = job_families;
    }

    /// The list of job families and its root, if the configuration found the list.
    pub fn job_families(&self) -> Option<&(Arc<JobFamilyList>, PathBuf)> {
        self.job_families.as_ref()
    }

    /// Whether the rule runs on a page: an inclusive-language rule does not when the skip list
    /// leaves the page out (`skips_inclusive`).
    fn runs_on(&self, rule: &dyn Rule, skips_inclusive: bool) -> bool {
        !(skips_inclusive && rule.meta().group == Group::Inclusive)
    }

    /// Whether findings get fingerprints.
    pub fn fingerprints(&self) -> bool {
        self.fingerprints
    }

    /// Sets the result cache, with the key of everything but the file that decides a file's
    /// findings under this linter (see `crate::cache`).
    pub fn set_cache(&mut self, cache: Option<(Arc<crate::cache::Cache>, crate::cache::Key)>) {
        self.cache = cache;
    }

    /// The metadata of a rule this linter may run (in force, or one a page's comment may turn on).
    fn meta_of(&self, code: &str) -> Option<&'static crate::rules::RuleMeta> {
        self.rules.iter().chain(&self.file_candidates).map(|(r, _)| r.meta()).find(|m| m.code == code)
    }

    /// Whether findings get fingerprints (on by default).
    pub fn set_fingerprints(&mut self, on: bool) {
        self.fingerprints = on;
    }

    /// Sets a rule's parameters as a markdownlint configuration gives them (a JSON object by
    /// parameter name; markdownlint's loose values are read as markdownlint reads them).
    pub fn set_options(&mut self, code: &'static str, options: Value) {
        self.markdownlint_params.insert(code, options);
        self.resolve(code);
    }

    /// Sets a rule's parameters from `hblint.toml` (checked against the rule's declarations,
    /// as a JSON object): they win over the markdownlint configuration's, per key.
    pub fn set_hblint_params(&mut self, code: &'static str, params: Value) {
        self.hblint_params.insert(code, params);
        self.resolve(code);
    }

    /// Resolves the parameter values of the rule `code`, if it is in force.
    fn resolve(&mut self, code: &'static str) {
        let Some((rule, _)) = self.rules.iter().find(|(r, _)| r.meta().code == code) else { return };
        let layers = [self.markdownlint_params.get(code), self.hblint_params.get(code)];
        self.params.insert(code, Params::resolve(rule.meta().params, &layers));
    }

    /// The parameter values of a rule in force.
    fn params_of(&self, rule: &'static dyn Rule) -> &Params {
        static NONE: Params = Params::NONE;
        self.params.get(rule.meta().code).unwrap_or(&NONE)
    }

    /// What a page's comments say, rule by rule and line by line, for the rules `run` on it.
    /// A markdownlint rule the configuration left off but a comment turns on somewhere (as
    /// markdownlint's `enable` can) is added to `run`, with its parameters. The states are
    /// indexed by rule as the codes returned beside them.
    fn comment_states<'l>(
        &'l self,
        directives: &[Directive],
        file: Option<&crate::config::ordered_keys::OrderedKeys>,
        run: &mut Vec<(&'static dyn Rule, Severity, Cow<'l, Params>)>,
    ) -> (RuleStates, Vec<&'static str>) {
        let mut targets: Vec<CommentTarget<'static>> = run.iter().map(|(r, _, _)| target_of(*r)).collect();
        let mut initially = vec![true; run.len()];
        let off: Vec<(&'static dyn Rule, Severity)> = self
            .file_candidates
            .iter()
            .filter(|(r, _)| !run.iter().any(|(ran, _, _)| ran.meta().code == r.meta().code))
            .copied()
            .collect();
        targets.extend(off.iter().map(|(r, _)| target_of(*r)));
        initially.resize(targets.len(), false);
        let states = RuleStates::new(directives, &targets, initially);
        let ran = run.len();
        for (i, (rule, severity)) in off.into_iter().enumerate() {
            if states.ever_enabled(ran + i) {
                let code = rule.meta().code;
                // A configure-file comment that switched the rule off may still give it
                // parameters (`{"enabled": false, "style": "dash"}`): markdownlint keeps them.
                let comment = file
                    .and_then(|file| crate::config::markdownlint::rule_value(file, rule))
                    .map(crate::config::markdownlint::parameters_of);
                let hblint = self.hblint_params.get(code);
                let layers = match &comment {
                    Some(comment) => [hblint, Some(comment)],
                    None => [self.markdownlint_params.get(code), hblint],
                };
                run.push((rule, severity, Cow::Owned(Params::resolve(rule.meta().params, &layers))));
            }
        }
        (states, targets.iter().map(|t| t.code).collect())
    }

    /// The severity a rule runs at, if it runs.
    pub fn severity_of(&self, code: &str) -> Option<Severity> {
        self.rules.iter().find(|(r, _)| r.meta().code == code).map(|(_, s)| *s)
    }
}

/// The diagnostics of one file, sorted by position.
pub struct FileReport {
    pub diagnostics: Vec<Finding>,
}

/// `lint_source`, reading the findings from the result cache when the linter has one and the
/// file's key is there, and storing them there when not.
pub fn lint_source_cached(source: &SourceFile, linter: &Linter) -> FileReport {
    let Some((cache, base)) = &linter.cache else { return lint_source(source, linter) };
    // Fingerprints name the file from its repository's root: where that root is decides them.
    let repo_path = if linter.fingerprints { crate::paths::repo_path(&source.path) } else { String::new() };
    let key = crate::cache::key([
        base.as_slice(),
        source.path.as_os_str().as_encoded_bytes(),
        repo_path.as_bytes(),
        &[u8::from(source.bom)],
        source.text.as_bytes(),
    ]);
    if let Some(diagnostics) = cache.get(&key, |code| linter.meta_of(code)) {
        return FileReport { diagnostics };
    }
    let report = lint_source(source, linter);
    cache.put(&key, &report.diagnostics);
    report
}

/// Lints one decoded file: one parse, one page model, every rule.
pub fn lint_source(source: &SourceFile, linter: &Linter) -> FileReport {
    match source.lone_cr_as_newline() {
        Some(view) => lint_lines(&view, linter),
        None => lint_lines(source, linter),
    }
}

/// Lints a file whose lines all end in `\n` or `\r\n` (see `SourceFile::lone_cr_as_newline`).
fn lint_lines(source: &SourceFile, linter: &Linter) -> FileReport {
    let page = Page::build(source);
    let comments = InlineComments::of(&page);
    let skips_inclusive = linter.skip_list.as_ref().is_some_and(|list| !list.checks(&source.path));
    let place =
        linter.sites.as_ref().and_then(|sites| sites.of(&source.path)).map(|site| PageInSite::new(site, &source.path));
    let mut run: Vec<(&'static dyn Rule, Severity, Cow<'_, Params>)> = match &comments.file_config {
        None => linter.rules.iter().map(|(r, s)| (*r, *s, Cow::Borrowed(linter.params_of(*r)))).collect(),
        Some(file) => linter.configured_for(file),
    };
    run.retain(|(rule, _, _)| linter.runs_on(*rule, skips_inclusive));
    let states = (!comments.directives.is_empty())
        .then(|| linter.comment_states(&comments.directives, comments.file_config.as_ref(), &mut run));
    let mut found: Vec<Diagnostic> = Vec::new();
    for (rule, severity, params) in &run {
        let mut sink = Sink::new(rule.meta(), *severity, &mut found);
        rule.check_in_site(&page, place.as_ref(), params, &mut sink);
    }
    let mut diagnostics: Vec<Finding> = found.into_iter().map(|d| Finding::new(d, &source.text, &page.lines)).collect();
    if let Some((states, codes)) = states {
        let index: FxHashMap<&str, usize> = codes.iter().enumerate().map(|(i, code)| (*code, i)).collect();
        diagnostics.retain(|d| index.get(d.diagnostic.rule.code).is_none_or(|&i| states.enabled(i, d.start.line)));
    }
    diagnostics.sort_by(|a, b| {
        (a.start, a.diagnostic.rule.code, &a.diagnostic.message).cmp(&(
            b.start,
            b.diagnostic.rule.code,
            &b.diagnostic.message,
        ))
    });
    if linter.fingerprints {
        for located in &mut diagnostics {
            located.snippet = crate::diagnostic::snippet_of(&source.text, &page.lines, located.diagnostic.span);
        }
        set_sections(&page, &mut diagnostics);
        crate::fingerprint::assign(&crate::paths::repo_path(&source.path), &mut diagnostics);
    }
    FileReport { diagnostics }
}

/// How comments name a rule.
fn target_of(rule: &'static dyn Rule) -> CommentTarget<'static> {
    let meta = rule.meta();
    CommentTarget { code: meta.code, name: meta.name, markdownlint: meta.group == Group::Markdown }
}

/// Records each finding's place in the outline: the chain of headings above it.
fn set_sections(page: &Page<'_>, diagnostics: &mut [Finding]) {
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

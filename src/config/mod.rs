//! `hblint.toml` (or `.hblint.toml`): which rules run, at which severity, with which packs and
//! which parameters.
//!
//! The nearest config file upward from each linted file applies to it (`--config` names one for
//! all files). Command-line options win: `--select` replaces the config's `select`, `--ignore`
//! and `--pack` add to it, `--fail-on` overrides `fail-on`.

pub mod handbook;
pub mod markdownlint;
pub mod rule_params;
pub mod site;
pub mod yaml_tree;

use crate::error::LocatedError;
use crate::linter::Linter;
use crate::rules::registry::Registry;
use crate::rules::{Rule, Severity};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The file names a config is found under, in order of preference.
pub const FILE_NAMES: &[&str] = &["hblint.toml", ".hblint.toml"];

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    #[serde(default)]
    select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    fail_on: Option<Severity>,
    #[serde(default)]
    packs: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<String, Spanned<SeverityOrOff>>,
    /// `[rules.MD013]`: parameters by rule (a code, name or markdownlint alias), then by name.
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
    /// `[handbook]`: where the handbook's data files are (see `handbook`).
    #[serde(default)]
    handbook: Option<handbook::RawHandbook>,
    /// `[site]`: how the repository becomes a site, for the link rules (see `site`).
    #[serde(default)]
    site: Option<site::RawSite>,
}

/// A per-rule severity in config: a severity, or `off`.
#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum SeverityOrOff {
    Off,
    Info,
    Warning,
    Error,
}

/// Command-line settings that combine with a config file.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub packs: Vec<PathBuf>,
    pub fail_on: Option<Severity>,
}

/// Everything a run needs for the files one config governs.
pub struct Settings {
    /// The config file, if any.
    pub path: Option<PathBuf>,
    pub linter: Linter,
    pub fail_on: Severity,
    /// The files the markdownlint-cli2 configuration's `ignores` leaves out: they get no
    /// markdownlint rules (hblint's own still run).
    pub markdownlint_ignores: Option<markdownlint::Ignores>,
    /// `[site]`: the layout, hosts, generated routes and redirects file the link rules use.
    pub site: site::SiteConfig,
}

/// Builds settings from a config file's text (or none) and the command line.
pub fn settings(config: Option<(&Path, &str)>, overrides: &Overrides) -> Result<Settings, LocatedError> {
    settings_with(config, None, overrides)
}

/// Builds settings from hblint.toml (or none), a markdownlint configuration (or none) and the
/// command line. markdownlint's settings turn its rules on and set their parameters; hblint.toml
/// and the command line select, ignore and set severities on top.
pub fn settings_with(
    config: Option<(&Path, &str)>,
    markdownlint: Option<&markdownlint::MarkdownlintConfig>,
    overrides: &Overrides,
) -> Result<Settings, LocatedError> {
    let (raw, path, text) = match config {
        Some((path, text)) => {
            let raw: RawConfig = toml::from_str(text).map_err(|e| {
                LocatedError::at_offset(
                    path,
                    text,
                    e.span().map_or(0, |s| s.start),
                    e.message().trim().replace('\n', " "),
                )
            })?;
            (raw, Some(path), text)
        }
        None => (RawConfig::default(), None, ""),
    };
    let here = |offset: usize, message: String| match path {
        Some(p) => LocatedError::at_offset(p, text, offset, message),
        None => LocatedError::in_file(Path::new("<command line>"), message),
    };
    // Packs named in a config are relative to the config's directory.
    let base = path.and_then(Path::parent).map(Path::to_path_buf).unwrap_or_default();
    let mut packs: Vec<PathBuf> = raw.packs.iter().map(|p| base.join(p.get_ref())).collect();
    packs.extend(overrides.packs.iter().cloned());
    let mut registry = Registry::with_packs(&packs)?;
    // The handbook's data: IL004 built with its list of misused terms (once per configuration),
    // and the skip list the linter applies to the inclusive-language rules.
    let data = handbook::load(path, raw.handbook.as_ref(), &here)?;
    let site = site::load(path, raw.site.as_ref(), &here)?;
    if let Some((terms_path, entries)) = &data.misused_terms {
        let rule = crate::rules::inclusive::il004_misused_term::MisusedTerm::from_entries(entries)
            .map_err(|e| LocatedError::in_file(terms_path, e))?;
        registry = registry.with_rule(Box::leak(Box::new(rule)));
    }
    if let Some((list, _)) = &data.job_families {
        let rule = crate::rules::ladder::ld002_unlisted_job_family::UnlistedJobFamily::from_list(list.clone());
        registry = registry.with_rule(Box::leak(Box::new(rule)));
    }

    // Rules named on the command line are reported against the flag, not the config file.
    let flag = LocatedError::flag;
    let pick = |selector: &str, offset: usize| registry.select(selector).map_err(|e| here(offset, e));
    let mut rules: Vec<&'static dyn Rule> = Vec::new();
    match (&raw.select, overrides.select.is_empty()) {
        (_, false) => {
            for s in &overrides.select {
                rules.extend(registry.select(s).map_err(|e| flag("--select", e))?);
            }
        }
        (Some(select), true) => {
            for s in select {
                rules.extend(pick(s.get_ref(), s.span().start)?);
            }
        }
        (None, true) => {
            rules = registry.default_rules();
            if let Some(mdl) = markdownlint {
                rules.extend(mdl.enabled(registry.rules()).into_iter().map(|(r, _)| r));
            }
        }
    }
    let mut ignored: Vec<&'static str> = Vec::new();
    for s in &raw.ignore {
        let drop = pick(s.get_ref(), s.span().start)?;
        ignored.extend(drop.iter().map(|d| d.meta().code));
    }
    for s in &overrides.ignore {
        let drop = registry.select(s).map_err(|e| flag("--ignore", e))?;
        ignored.extend(drop.iter().map(|d| d.meta().code));
    }
    rules.retain(|r| !ignored.contains(&r.meta().code));
    rules.sort_by_key(|r| r.meta().code);
    rules.dedup_by_key(|r| r.meta().code);

    let mut severities: HashMap<&'static str, Option<Severity>> = HashMap::new();
    for (key, level) in &raw.severity {
        let Some(rule) = registry.find(key) else {
            return Err(here(level.span().start, format!("unknown rule '{key}' in [severity] (see 'hblint rules')")));
        };
        let level = match level.get_ref() {
            SeverityOrOff::Off => None,
            SeverityOrOff::Info => Some(Severity::Info),
            SeverityOrOff::Warning => Some(Severity::Warning),
            SeverityOrOff::Error => Some(Severity::Error),
        };
        severities.insert(rule.meta().code, level);
    }
    let with_severity_of = |r: &'static dyn Rule| match severities.get(r.meta().code) {
        Some(None) => None,
        Some(Some(level)) => Some((r, *level)),
        None => Some((r, r.meta().severity)),
    };
    let with_severity: Vec<(&'static dyn Rule, Severity)> = rules.into_iter().filter_map(with_severity_of).collect();
    let mut linter = Linter::with_severities(with_severity);
    linter.set_skip_list(data.skip_list);
    linter.set_job_families(data.job_families);
    // Without an explicit selection, a page's `markdownlint-configure-file` comment may turn on
    // any markdownlint rule that is not ignored or off, as the markdownlint configuration can.
    let named: Vec<&'static str> = markdownlint
        .map(|mdl| registry.rules().iter().filter(|r| mdl.names(**r)).map(|r| r.meta().code).collect())
        .unwrap_or_default();
    if raw.select.is_none() && overrides.select.is_empty() {
        let candidates = registry
            .rules()
            .iter()
            .copied()
            .filter(|r| r.meta().group == crate::rules::Group::Markdown && !ignored.contains(&r.meta().code))
            .filter_map(with_severity_of)
            .collect();
        linter.set_file_config_scope(candidates, named);
    } else {
        let candidates = linter
            .rules()
            .filter(|r| r.meta().group == crate::rules::Group::Markdown)
            .filter_map(with_severity_of)
            .collect();
        linter.set_file_config_scope(candidates, named);
    }
    if let Some(mdl) = markdownlint {
        for (rule, params) in mdl.enabled(registry.rules()) {
            linter.set_options(rule.meta().code, params);
        }
    }
    // Parameters only: a `[rules.X]` table does not select its rule.
    let mut params: BTreeMap<&'static str, serde_json::Map<String, serde_json::Value>> = BTreeMap::new();
    for (key, table) in &raw.rules {
        let rule = registry
            .find(key.get_ref())
            .or_else(|| markdownlint::alias_of(key.get_ref()).and_then(|c| registry.find(c)));
        let Some(rule) = rule else {
            let message = format!("unknown rule '{}' in [rules] (see 'hblint rules')", key.get_ref());
            return Err(here(key.span().start, message));
        };
        let meta = rule.meta();
        let object = params.entry(meta.code).or_default();
        for (name, value) in table {
            let Some(param) = meta.param(name.get_ref()) else {
                return Err(here(name.span().start, rule_params::unknown_parameter(meta, name.get_ref())));
            };
            let json = rule_params::to_json(meta, param, value.get_ref()).map_err(|e| here(value.span().start, e))?;
            object.insert(param.name.to_string(), json);
        }
    }
    for (code, object) in params {
        linter.set_hblint_params(code, serde_json::Value::Object(object));
    }
    Ok(Settings {
        path: path.map(Path::to_path_buf),
        linter,
        fail_on: overrides.fail_on.or(raw.fail_on).unwrap_or(Severity::Warning),
        markdownlint_ignores: markdownlint.and_then(|mdl| mdl.ignores.clone()),
        site,
    })
}

/// Loads a config file and builds its settings.
pub fn load(path: &Path, overrides: &Overrides) -> Result<Settings, LocatedError> {
    load_with(path, None, overrides)
}

fn load_with(
    path: &Path,
    markdownlint: Option<&markdownlint::MarkdownlintConfig>,
    overrides: &Overrides,
) -> Result<Settings, LocatedError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| LocatedError::in_file(path, format!("cannot read config: {}", crate::error::describe_io(&e))))?;
    settings_with(Some((path, &text)), markdownlint, overrides)
}

/// The nearest config file at or above `dir`.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    discover_cached(dir, FILE_NAMES, &mut HashMap::new())
}

/// `discover` with a cache of what each directory resolved to: a walk over thousands of
/// directories asks the file system about each ancestor once.
fn discover_cached(dir: &Path, names: &[&str], cache: &mut HashMap<PathBuf, Option<PathBuf>>) -> Option<PathBuf> {
    let start = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
    let absolute = std::path::absolute(start).ok()?;
    let mut visited = Vec::new();
    let mut found = None;
    for ancestor in absolute.ancestors() {
        if let Some(known) = cache.get(ancestor) {
            found = known.clone();
            break;
        }
        visited.push(ancestor.to_path_buf());
        if let Some(config) = names.iter().map(|n| ancestor.join(n)).find(|p| p.is_file()) {
            found = Some(config);
            break;
        }
    }
    for dir in visited {
        cache.insert(dir, found.clone());
    }
    found
}

/// Resolves the config of every directory once and hands out settings by index.
pub struct Resolver {
    overrides: Overrides,
    forced: Option<PathBuf>,
    by_dir: HashMap<PathBuf, usize>,
    by_config: HashMap<(Option<PathBuf>, Option<PathBuf>), usize>,
    discovered: HashMap<PathBuf, Option<PathBuf>>,
    discovered_markdownlint: HashMap<PathBuf, Option<PathBuf>>,
    /// For settings whose markdownlint `ignores` match some file: the index of the same
    /// settings without markdownlint's rules.
    without_markdownlint: HashMap<usize, usize>,
    pub settings: Vec<Settings>,
}

impl Resolver {
    /// `forced` is `--config`: one config for every file.
    pub fn new(forced: Option<PathBuf>, overrides: Overrides) -> Resolver {
        Resolver {
            overrides,
            forced,
            by_dir: HashMap::new(),
            by_config: HashMap::new(),
            discovered: HashMap::new(),
            discovered_markdownlint: HashMap::new(),
            without_markdownlint: HashMap::new(),
            settings: Vec::new(),
        }
    }

    /// The index in `settings` of the settings for the file at `path`: its folder's, without
    /// markdownlint's rules when the markdownlint-cli2 configuration's `ignores` name the file
    /// (markdownlint-cli2 would not lint it).
    pub fn for_file(&mut self, path: &Path) -> Result<usize, LocatedError> {
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let index = self.for_dir(&dir)?;
        if !self.settings[index].markdownlint_ignores.as_ref().is_some_and(|ignores| ignores.matches(path)) {
            return Ok(index);
        }
        if let Some(&plain) = self.without_markdownlint.get(&index) {
            return Ok(plain);
        }
        let settings = &self.settings[index];
        let plain = Settings {
            path: settings.path.clone(),
            linter: settings.linter.without_markdownlint(),
            fail_on: settings.fail_on,
            markdownlint_ignores: None,
            site: settings.site.clone(),
        };
        self.settings.push(plain);
        self.without_markdownlint.insert(index, self.settings.len() - 1);
        Ok(self.settings.len() - 1)
    }

    /// The index in `settings` of the settings for a file in `dir`.
    pub fn for_dir(&mut self, dir: &Path) -> Result<usize, LocatedError> {
        if let Some(&i) = self.by_dir.get(dir) {
            return Ok(i);
        }
        let config = match &self.forced {
            Some(path) => Some(path.clone()),
            None => discover_cached(dir, FILE_NAMES, &mut self.discovered),
        };
        let mdl_path = discover_cached(dir, markdownlint::FILE_NAMES, &mut self.discovered_markdownlint);
        let key = (config.clone(), mdl_path.clone());
        let index = match self.by_config.get(&key) {
            Some(&i) => i,
            None => {
                let mdl = mdl_path.as_deref().map(markdownlint::load).transpose()?;
                let settings = match &config {
                    Some(path) => load_with(path, mdl.as_ref(), &self.overrides)?,
                    None => settings_with(None, mdl.as_ref(), &self.overrides)?,
                };
                self.settings.push(settings);
                self.by_config.insert(key, self.settings.len() - 1);
                self.settings.len() - 1
            }
        };
        self.by_dir.insert(dir.to_path_buf(), index);
        Ok(index)
    }
}

/// The commented config `hblint init` writes.
pub const TEMPLATE: &str = r#"# hblint configuration. hblint uses the nearest hblint.toml above each file.

# Rules to run: codes (JF002), code prefixes (JF), names (slash-typo), groups (page,
# job-family, prose, inclusive, ladder, links, markdown) or ALL. Left out, the default rules
# run: every group but markdown (markdownlint's rules: select "markdown" or "MD", or let a
# .markdownlint.yaml turn them on) and not the opt-in IL002, IL006 and LK006.
# select = ["JF", "PR"]

# Rules to skip, in the same forms.
# ignore = ["PR301"]

# Exit 1 only for findings at or above this severity: info, warning or error.
fail-on = "warning"

# Extra rule packs, relative to this file (see rules/*.toml in hblint for the format).
# packs = ["hblint-rules/our-terms.toml"]

# Per-rule severity: off, info, warning or error.
[severity]
# JF003 = "error"
# PR101 = "off"

# The handbook's data files, read as the handbook keeps them (paths relative to this file).
# By default they are found at data/misused_terms.yml and data/inclusiveness_check.yml under
# this file's folder or the git repository's root.
# [handbook]
# misused-terms = "data/misused_terms.yml"              # the terms IL004 reports
# inclusiveness-check = "data/inclusiveness_check.yml"  # pages the inclusive rules skip (IL007)
# job-families = "data/people_group/job_families.yml"  # the families the calculator lists (LD002, LD003)
# root = "."                                            # where skip-list entries are looked for

# Rule parameters, by markdownlint's names ('hblint explain MD013' lists a rule's): one table
# per rule, keyed by its code, name or markdownlint alias. They win over the markdownlint
# configuration's values; they do not select the rule. An unknown parameter is an error.
# [rules.MD013]
# line_length = 120
# [rules.no-trailing-spaces]
# br_spaces = 3
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn build(text: &str) -> Result<Settings, String> {
        settings(Some((Path::new("hblint.toml"), text)), &Overrides::default()).map_err(|e| e.to_string())
    }

    #[test]
    fn select_ignore_severity_and_fail_on() {
        let s = build("select = [\"JF\"]\nignore = [\"JF003\"]\nfail-on = \"error\"\n[severity]\nJF004 = \"error\"\nJF005 = \"off\"\n")
            .unwrap();
        let codes: Vec<&str> = s.linter.rules().map(|r| r.meta().code).collect();
        assert!(codes.contains(&"JF004") && !codes.contains(&"JF003") && !codes.contains(&"JF005"));
        assert!(!codes.contains(&"PR001"));
        assert_eq!(s.fail_on, Severity::Error);
        assert!(s.linter.severity_of("JF004") == Some(Severity::Error));
    }

    fn build_err(text: &str) -> String {
        match build(text) {
            Ok(_) => "loaded".into(),
            Err(e) => e,
        }
    }

    #[test]
    fn errors_point_into_the_file() {
        assert_eq!(build_err("selectt = []\n").split(':').take(3).collect::<Vec<_>>(), ["hblint.toml", "1", "1"]);
        assert!(build_err("ignore = [\"XX1\"]\n").starts_with("hblint.toml:1:11: unknown rule or group 'XX1'"));
        assert!(build_err("[severity]\nJF001 = \"loud\"\n").starts_with("hblint.toml:2:9:"));
        assert!(build_err("[severity]\nNOPE = \"off\"\n").contains("unknown rule 'NOPE'"));
        assert!(build_err("packs = [\"missing.toml\"]\n").contains("cannot read rule pack"));
    }

    #[test]
    fn rule_parameters_by_code_name_or_alias_do_not_select_their_rule() {
        let s = build("select = [\"JF\"]\n[rules.single-title]\nlevel = 2\n[rules.MD013]\nstrict = true\n").unwrap();
        assert!(s.linter.rules().all(|r| r.meta().group != crate::rules::Group::Markdown));
        assert!(build_err("[rules.first-line-h1]\nlevel = 0\n").eq("loaded"));
        assert!(
            build_err("[rules.MD013]\nline_length = 1.5\n").starts_with("hblint.toml:2:15: parameter 'line_length'")
        );
        // Every table naming the rule is checked, by alias as by code.
        let err = build_err("[rules.MD013]\nstrict = true\n[rules.line-length]\nstric = true\n");
        assert!(err.starts_with("hblint.toml:4:1: unknown parameter 'stric' for MD013"), "{err}");
    }
}

//! `hblint.toml` (or `.hblint.toml`): which rules run, at which severity, with which packs and
//! which parameters, which files are excluded and which rules are off for some files.
//!
//! The nearest config file upward from each linted file applies to it, on top of those of the
//! folders above it up to the repository's root, each after the files it `extends` (`layers`
//! finds and reads them, `merge` combines them with each value's origin, `file_globs` compiles
//! `exclude` and `per-file-ignores`); `--config` names one for all files. The settings are
//! resolved once per folder (`Resolver`). Command-line options win: `--select` replaces the
//! config's `select`, `--ignore` and `--pack` add to it, `--fail-on` overrides `fail-on`.

pub mod file_globs;
pub mod handbook;
pub mod layers;
pub mod markdownlint;
pub mod merge;
pub mod ordered_keys;
pub mod raw;
pub mod rule_params;
pub mod schema;
pub mod show;
pub mod site;
pub mod yaml_tree;

use crate::error::LocatedError;
use crate::linter::Linter;
use crate::rules::registry::Registry;
use crate::rules::{Rule, Severity};
use layers::Layers;
use merge::Merged;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use layers::FILE_NAMES;

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
    /// `exclude`: the files a walk leaves out.
    pub exclude: Arc<file_globs::Exclude>,
    /// `per-file-ignores`: rules switched off for some files (see `Resolver::for_file`).
    pub per_file_ignores: Arc<file_globs::PerFileIgnores>,
    /// The settings as the config files give them, each with its origin (`hblint config`).
    pub merged: Arc<Merged>,
    /// What is suspect but not wrong enough to stop: a markdownlint parameter of the wrong kind.
    pub warnings: Vec<LocatedError>,
    /// A hash of every input of these settings (see `cache_key_of`): the result cache's key
    /// for what the configuration decides.
    pub cache_key: crate::cache::Key,
}

/// Builds settings from a config file's text (or none) and the command line.
pub fn settings(config: Option<(&Path, &str)>, overrides: &Overrides) -> Result<Settings, LocatedError> {
    let layers = match config {
        Some((path, text)) => vec![Arc::new(layers::Layer::parse(path, text.to_string())?)],
        None => Vec::new(),
    };
    settings_with(Merged::from_layers(layers), None, overrides)
}

/// Builds settings from hblint.toml's layers (or none), a markdownlint configuration (or none)
/// and the command line. markdownlint's settings turn its rules on and set their parameters;
/// hblint.toml and the command line select, ignore and set severities on top.
pub fn settings_with(
    merged: Merged,
    markdownlint: Option<&markdownlint::MarkdownlintConfig>,
    overrides: &Overrides,
) -> Result<Settings, LocatedError> {
    let mut packs: Vec<PathBuf> = merged.packs.iter().map(|(path, _)| path.clone()).collect();
    packs.extend(overrides.packs.iter().cloned());
    let mut registry = Registry::with_packs(&packs)?;
    // The handbook's data: IL004 built with its list of misused terms (once per configuration),
    // and the skip list the linter applies to the inclusive-language rules. A table's paths are
    // relative to the file that holds it; without one, data files are looked for beside the
    // outermost config file.
    let data = match &merged.handbook {
        Some(layer) => handbook::load(Some(&layer.path), layer.raw.handbook.as_ref(), &|o, m| layer.error_at(o, m))?,
        None => handbook::load(merged.home.as_deref(), None, &|_, m| LocatedError::flag("<default>", m))?,
    };
    let site = match &merged.site {
        Some(layer) => site::load(Some(&layer.path), layer.raw.site.as_ref(), &|o, m| layer.error_at(o, m))?,
        None => site::SiteConfig::default(),
    };
    if let Some((terms_path, entries)) = &data.misused_terms {
        registry = registry.with_rule(data_rule(&format!("IL004 {terms_path:?} {entries:?}"), || {
            let rule = crate::rules::inclusive::il004_misused_term::MisusedTerm::from_entries(entries)
                .map_err(|e| LocatedError::in_file(terms_path, e))?;
            Ok(Box::leak(Box::new(rule)))
        })?);
    }
    if let Some((list, _)) = &data.job_families {
        // Path and routes: the list's lookup map prints in a random order.
        registry = registry.with_rule(data_rule(&format!("LD002 {:?} {:?}", list.path, list.routes), || {
            let rule = crate::rules::ladder::ld002_unlisted_job_family::UnlistedJobFamily::from_list(list.clone());
            Ok(Box::leak(Box::new(rule)))
        })?);
    }
    let exclude = file_globs::Exclude::compile(&merged.exclude)?;
    let per_file_ignores = file_globs::PerFileIgnores::compile(&merged.per_file_ignores, &registry)?;

    // Rules named on the command line are reported against the flag, not the config file.
    let flag = LocatedError::flag;
    let pick = |selector: &merge::At<String>| registry.select(&selector.value).map_err(|e| selector.origin.error(e));
    let mut rules: Vec<&'static dyn Rule> = Vec::new();
    match (&merged.select, overrides.select.is_empty()) {
        (_, false) => {
            for s in &overrides.select {
                rules.extend(registry.select(s).map_err(|e| flag("--select", e))?);
            }
        }
        (Some((_, select)), true) => {
            for s in select {
                rules.extend(pick(s)?);
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
    for s in &merged.ignore {
        let drop = pick(s)?;
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
    for (key, level) in &merged.severity {
        let Some(rule) = registry.find(&key.value) else {
            let message = format!("unknown rule '{}' in [severity] (see 'hblint rules')", key.value);
            return Err(level.origin.error(message));
        };
        severities.insert(rule.meta().code, level.value.severity());
    }
    let with_severity_of = |r: &'static dyn Rule| match severities.get(r.meta().code) {
        Some(None) => None,
        Some(Some(level)) => Some((r, *level)),
        None => Some((r, r.meta().severity)),
    };
    let with_severity: Vec<(&'static dyn Rule, Severity)> = rules.into_iter().filter_map(with_severity_of).collect();
    let cache_key = cache_key_of(&merged, markdownlint, &registry, &data, overrides);
    let mut linter = Linter::with_severities(with_severity);
    linter.set_skip_list(data.skip_list);
    linter.set_job_families(data.job_families);
    // Without an explicit selection, a page's `markdownlint-configure-file` comment may turn on
    // any markdownlint rule that is not ignored or off, as the markdownlint configuration can.
    let named: Vec<&'static str> = markdownlint
        .map(|mdl| registry.rules().iter().filter(|r| mdl.names(**r)).map(|r| r.meta().code).collect())
        .unwrap_or_default();
    if merged.select.is_none() && overrides.select.is_empty() {
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
    let mut warnings = Vec::new();
    if let Some(mdl) = markdownlint {
        for (rule, params) in mdl.enabled(registry.rules()) {
            linter.set_options(rule.meta().code, params);
        }
        warnings = mdl.parameter_warnings(registry.rules());
    }
    // Parameters only: a `[rules.X]` table does not select its rule.
    let rule_of = |key: &merge::At<String>| {
        let rule =
            registry.find(&key.value).or_else(|| markdownlint::alias_of(&key.value).and_then(|c| registry.find(c)));
        rule.ok_or_else(|| key.origin.error(format!("unknown rule '{}' in [rules] (see 'hblint rules')", key.value)))
    };
    for key in &merged.rule_tables {
        rule_of(key)?;
    }
    let mut params: BTreeMap<&'static str, serde_json::Map<String, serde_json::Value>> = BTreeMap::new();
    for (key, name, value) in &merged.rules {
        let meta = rule_of(key)?.meta();
        let Some(param) = meta.param(&name.value) else {
            return Err(name.origin.error(rule_params::unknown_parameter(meta, &name.value)));
        };
        let json = rule_params::to_json(meta, param, &value.value).map_err(|e| value.origin.error(e))?;
        params.entry(meta.code).or_default().insert(param.name.to_string(), json);
    }
    for (code, object) in params {
        linter.set_hblint_params(code, serde_json::Value::Object(object));
    }
    Ok(Settings {
        path: merged.layers.iter().rev().find(|l| l.extended_by.is_none()).map(|l| l.path.clone()),
        linter,
        fail_on: overrides.fail_on.or(merged.fail_on.as_ref().map(|f| f.value)).unwrap_or(Severity::Warning),
        markdownlint_ignores: markdownlint.and_then(|mdl| mdl.ignores.clone()),
        site,
        exclude: Arc::new(exclude),
        per_file_ignores: Arc::new(per_file_ignores),
        merged: Arc::new(merged),
        warnings,
        cache_key,
    })
}

/// The rules built from the handbook's data this process has made, by what they were built
/// from. They live as long as the process, like every rule; a configuration read again (the
/// language server after a change) takes the same rule instead of leaking another.
static DATA_RULES: std::sync::Mutex<Vec<(crate::cache::Key, &'static dyn Rule)>> = std::sync::Mutex::new(Vec::new());

/// The rule built from `data` (its data, as text), made by `make` the first time.
fn data_rule(
    data: &str,
    make: impl FnOnce() -> Result<&'static dyn Rule, LocatedError>,
) -> Result<&'static dyn Rule, LocatedError> {
    let key = crate::cache::key([data.as_bytes()]);
    let mut made = DATA_RULES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, rule)) = made.iter().find(|(k, _)| *k == key) {
        return Ok(*rule);
    }
    let rule = make()?;
    made.push((key, rule));
    Ok(rule)
}

/// The hash of every byte a configuration was built from: its `hblint.toml` layers, the
/// markdownlint configuration (and what it extends), the packs, the handbook's data files and
/// where their paths are looked for, and the command line's overrides.
fn cache_key_of(
    merged: &Merged,
    markdownlint: Option<&markdownlint::MarkdownlintConfig>,
    registry: &Registry,
    data: &handbook::HandbookData,
    overrides: &Overrides,
) -> crate::cache::Key {
    let mut parts: Vec<Vec<u8>> = vec![format!("{overrides:?}").into_bytes()];
    let mut file = |path: &Path, text: &[u8]| {
        parts.push(path.as_os_str().as_encoded_bytes().to_vec());
        parts.push(text.to_vec());
    };
    for layer in &merged.layers {
        file(&layer.path, layer.text.as_bytes());
    }
    for (path, text) in markdownlint.into_iter().flat_map(|mdl| mdl.sources()) {
        file(path, text.as_bytes());
    }
    // Packs and data files by the hash of the text that was parsed, not read again.
    for (path, text) in &registry.sources {
        file(path, text.as_bytes());
    }
    for (path, hash) in &data.read {
        file(path, hash);
    }
    crate::cache::key(parts.iter().map(Vec::as_slice))
}

/// Whether a change to the file at `path` may change a configuration: a config file, a pack
/// (TOML) or a data file (YAML). A watch reads the configuration again when one changes.
pub fn may_configure(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else { return false };
    layers::FILE_NAMES.contains(&name)
        || markdownlint::FILE_NAMES.contains(&name)
        || name.ends_with(".toml")
        || name.ends_with(".yml")
        || name.ends_with(".yaml")
}

/// Loads a config file (and what it extends) and builds its settings.
pub fn load(path: &Path, overrides: &Overrides) -> Result<Settings, LocatedError> {
    settings_with(Merged::from_layers(Layers::default().chain(path)?), None, overrides)
}

/// How many folder lookups [`Resolver`] remembers before starting afresh.
const FOLDER_CACHE_LIMIT: usize = 4096;

/// Resolves the config of every directory once and hands out settings by index.
pub struct Resolver {
    overrides: Overrides,
    forced: Option<PathBuf>,
    layers: Layers,
    by_dir: HashMap<PathBuf, usize>,
    /// By the folder hierarchy's config files and the markdownlint configuration.
    by_config: HashMap<(Vec<PathBuf>, Option<PathBuf>), usize>,
    discovered_markdownlint: HashMap<PathBuf, Option<PathBuf>>,
    /// Settings for files with rules switched off, by the folder's settings, whether the
    /// markdownlint-cli2 configuration's `ignores` name the file, and the `per-file-ignores`
    /// entries that match it.
    variants: HashMap<(usize, bool, Vec<usize>), usize>,
    pub settings: Vec<Settings>,
}

impl Resolver {
    /// `forced` is `--config`: one config for every file.
    pub fn new(forced: Option<PathBuf>, overrides: Overrides) -> Resolver {
        Resolver {
            overrides,
            forced,
            layers: Layers::default(),
            by_dir: HashMap::new(),
            by_config: HashMap::new(),
            discovered_markdownlint: HashMap::new(),
            variants: HashMap::new(),
            settings: Vec::new(),
        }
    }

    /// The index in `settings` of the settings for the file at `path`: its folder's, without
    /// markdownlint's rules when the markdownlint-cli2 configuration's `ignores` name the file
    /// (markdownlint-cli2 would not lint it), and without the rules `per-file-ignores` switch
    /// off for it.
    pub fn for_file(&mut self, path: &Path) -> Result<usize, LocatedError> {
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let index = self.for_dir(&dir)?;
        let settings = &self.settings[index];
        let markdownlint_ignored = settings.markdownlint_ignores.as_ref().is_some_and(|ignores| ignores.matches(path));
        let matched = settings.per_file_ignores.matching(path);
        if !markdownlint_ignored && matched.is_empty() {
            return Ok(index);
        }
        let key = (index, markdownlint_ignored, matched);
        if let Some(&variant) = self.variants.get(&key) {
            return Ok(variant);
        }
        let codes = settings.per_file_ignores.codes(&key.2);
        let dropped = |rule: &dyn Rule| {
            (markdownlint_ignored && rule.meta().group == crate::rules::Group::Markdown)
                || codes.contains(&rule.meta().code)
        };
        let variant = Settings {
            path: settings.path.clone(),
            linter: settings.linter.without(dropped),
            fail_on: settings.fail_on,
            markdownlint_ignores: None,
            site: settings.site.clone(),
            exclude: settings.exclude.clone(),
            per_file_ignores: settings.per_file_ignores.clone(),
            merged: settings.merged.clone(),
            warnings: Vec::new(),
            // The same inputs, fewer rules.
            cache_key: crate::cache::key([
                settings.cache_key.as_slice(),
                &[u8::from(markdownlint_ignored)],
                format!("{:?}", key.2).as_bytes(),
            ]),
        };
        self.settings.push(variant);
        self.variants.insert(key, self.settings.len() - 1);
        Ok(self.settings.len() - 1)
    }

    /// Drops what each folder resolved to, once every input has its settings: a handbook has
    /// tens of thousands of folders, and the few lookups after that (removed pages, data
    /// files) resolve again. The settings and the config files read stay.
    pub fn forget_folders(&mut self) {
        self.by_dir = HashMap::new();
        self.discovered_markdownlint = HashMap::new();
        self.layers.forget_folders();
    }

    /// Whether the configuration of the file at `path` excludes it from a walk.
    pub fn excludes(&mut self, path: &Path) -> Result<bool, LocatedError> {
        let index = self.for_dir(path.parent().unwrap_or(Path::new("")))?;
        Ok(self.settings[index].exclude.excludes(path))
    }

    /// The index in `settings` of the settings for a file in `dir`.
    pub fn for_dir(&mut self, dir: &Path) -> Result<usize, LocatedError> {
        if let Some(&i) = self.by_dir.get(dir) {
            return Ok(i);
        }
        // Files come folder by folder, so the folders asked about recently are what the cache
        // is for; a tree of 30,000 folders would hold some 10 MB of paths in it. Past the
        // limit it starts afresh: the next folder asks the file system again about its
        // ancestors, a few dozen checks.
        if self.by_dir.len() + self.discovered_markdownlint.len() >= FOLDER_CACHE_LIMIT {
            self.forget_folders();
        }
        let files = match &self.forced {
            Some(path) => vec![path.clone()],
            None => self.layers.hierarchy(dir)?,
        };
        let mdl_path = layers::discover_cached(dir, markdownlint::FILE_NAMES, &mut self.discovered_markdownlint);
        let key = (files, mdl_path);
        let index = match self.by_config.get(&key) {
            Some(&i) => i,
            None => {
                let mdl = key.1.as_deref().map(markdownlint::load).transpose()?;
                let mut stack = Vec::new();
                for file in &key.0 {
                    stack.extend(self.layers.chain(file)?);
                }
                let settings = settings_with(Merged::from_layers(stack), mdl.as_ref(), &self.overrides)?;
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

# Another config file this one builds on, relative to this file: its settings apply first,
# this file's win. Paths and globs stay relative to the file that writes them.
# extends = "../hblint-base.toml"

# Files not to lint when walking folders: gitignore-style globs relative to this file's
# folder. A file named on the command line is still linted unless --force-exclude is given.
# exclude = ["drafts/", "**/*.generated.md"]

# Rules switched off for some files: globs as in exclude, rules as in select.
# per-file-ignores = { "CHANGELOG.md" = ["MD013"], "legal/**" = ["prose"] }

# A hblint.toml in a sub-folder inherits this file's settings unless it says otherwise;
# one that sets root to true starts afresh. 'hblint config PATH' shows what applies, and why.
# root = true

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

//! `hblint.toml` as written: the typed table serde reads (every value `Spanned`, so a bad one is
//! a located error), from which `schema` derives the JSON Schema `hblint schema` prints, so
//! the two cannot drift apart. `toml::Spanned` has no schema of its own: each field says, with
//! `schemars(with)`, the plain type it holds.

use super::handbook::RawHandbook;
use super::site::RawSite;
use crate::diagnostic::Severity;
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// hblint's configuration file (`hblint.toml` or `.hblint.toml`). The nearest one above a file
/// applies to it and inherits the settings of those above it, up to the repository's root.
#[derive(Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(title = "hblint.toml")]
pub struct RawConfig {
    /// Another config file this one builds on, relative to this file. Its settings apply
    /// first; this file's override them (lists of rules to ignore, globs and tables merge).
    #[serde(default)]
    #[schemars(with = "String")]
    pub extends: Option<Spanned<String>>,
    /// Inherit nothing from the config files of the folders above this one.
    #[serde(default)]
    #[schemars(with = "bool")]
    pub root: Option<Spanned<bool>>,
    /// Rules to run: codes (JF002), code prefixes (JF), names (slash-typo), groups (job-family,
    /// prose, page, markdown…) or ALL. Replaces the selection of the files before it. Default:
    /// every rule but the markdownlint ones.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub select: Option<Spanned<Vec<Spanned<String>>>>,
    /// Rules to skip, in the same forms as `select`; adds to the files before it back to the
    /// last `select`.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub ignore: Vec<Spanned<String>>,
    /// Exit 1 only for findings at or above this severity (default: warning).
    #[serde(default)]
    #[schemars(with = "FailOn")]
    pub fail_on: Option<Spanned<Severity>>,
    /// Extra rule packs (TOML files), relative to this file.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub packs: Vec<Spanned<String>>,
    /// Files not to lint when walking folders: gitignore-style globs relative to this file's
    /// folder (`drafts/`, `**/archive/*.md`, `!keep.md`). A file named on the command line is
    /// still linted unless `--force-exclude` is given.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub exclude: Vec<Spanned<String>>,
    /// Rules switched off for the files a glob matches (gitignore-style, relative to this
    /// file's folder): `{ "README.md" = ["MD041"], "drafts/**" = ["prose"] }`.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Vec<String>>")]
    pub per_file_ignores: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
    /// Per-rule severity (a rule's code, name or markdownlint alias): off, info, warning or error.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, SeverityOrOff>")]
    pub severity: BTreeMap<Spanned<String>, Spanned<SeverityOrOff>>,
    /// Rule parameters, by rule (code, name or markdownlint alias), then by parameter name
    /// (`hblint explain RULE` lists them). They do not select the rule.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, BTreeMap<String, serde_json::Value>>")]
    pub rules: BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
    /// Where the handbook's data files are (paths relative to this file).
    #[serde(default)]
    #[schemars(with = "RawHandbook")]
    pub handbook: Option<RawHandbook>,
    /// How the repository becomes a site, for the link rules (paths relative to this file).
    #[serde(default)]
    #[schemars(with = "RawSite")]
    pub site: Option<RawSite>,
}

/// A per-rule severity in config: a severity, or `off`.
#[derive(Deserialize, Clone, Copy, Debug, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SeverityOrOff {
    Off,
    Info,
    Warning,
    Error,
}

impl SeverityOrOff {
    /// The severity, or `None` for `off`.
    pub fn severity(self) -> Option<Severity> {
        match self {
            SeverityOrOff::Off => None,
            SeverityOrOff::Info => Some(Severity::Info),
            SeverityOrOff::Warning => Some(Severity::Warning),
            SeverityOrOff::Error => Some(Severity::Error),
        }
    }
}

/// `fail-on`'s values, for the schema only (the file is read as a `Severity`).
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)] // never built: it only describes the values
enum FailOn {
    Info,
    Warning,
    Error,
}

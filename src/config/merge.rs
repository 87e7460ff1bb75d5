//! One configuration from a stack of layers (see `layers`), each setting with where it came
//! from, so that `settings_with` applies it and `hblint config` shows it from the same value.
//!
//! How layers combine, lowest precedence first (documented in the README):
//! - `fail-on`: the last layer that sets it.
//! - `select`: the last layer that sets it; its `ignore` and those of later layers apply (a
//!   `select` starts the selection over, dropping the `ignore`s before it).
//! - `packs`, `exclude`: every layer's, each relative to its own file.
//! - `per-file-ignores`, `[severity]`, `[rules.X]`: merged key by key, the last layer winning.
//! - `[handbook]`, `[site]`: the last layer's table whole (its paths are relative to it).

use super::layers::{Layer, Stack};
use super::raw::SeverityOrOff;
use crate::diagnostic::Severity;
use crate::error::LocatedError;
use std::path::PathBuf;
use std::sync::Arc;
use toml::Spanned;

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// hblint's default.
    Default,
    /// A command-line flag.
    Flag(&'static str),
    /// A config file, at a 1-based line and column.
    File { path: PathBuf, line: usize, column: usize },
}

impl Origin {
    /// An error about the value found here.
    pub fn error(&self, message: impl Into<String>) -> LocatedError {
        match self {
            Origin::Default => LocatedError::flag("<default>", message),
            Origin::Flag(flag) => LocatedError::flag(flag, message),
            Origin::File { path, line, column } => LocatedError::at(path, *line, *column, message),
        }
    }
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Default => write!(f, "default"),
            Origin::Flag(flag) => write!(f, "{flag}"),
            Origin::File { path, line, column } => {
                write!(f, "{}:{line}:{column}", crate::paths::display_path(path))
            }
        }
    }
}

/// A value with its origin and its text as written there.
#[derive(Debug, Clone)]
pub struct At<T> {
    pub value: T,
    pub origin: Origin,
    pub written: String,
}

impl<T: Clone> At<T> {
    /// A value a layer holds.
    fn of(layer: &Layer, spanned: &Spanned<T>) -> At<T> {
        let span = spanned.span();
        let (line, column) = crate::error::line_column(&layer.text, span.start);
        At {
            value: spanned.get_ref().clone(),
            origin: Origin::File { path: layer.path.clone(), line, column },
            written: layer.text.get(span).unwrap_or_default().to_string(),
        }
    }
}

impl At<String> {
    /// A value given with a command-line flag.
    pub fn flag(flag: &'static str, value: &str) -> At<String> {
        At { value: value.to_string(), origin: Origin::Flag(flag), written: format!("{value:?}") }
    }
}

/// A glob and the folder it is relative to.
#[derive(Debug, Clone)]
pub struct FolderGlob {
    pub folder: PathBuf,
    pub pattern: At<String>,
}

/// One `per-file-ignores` entry.
#[derive(Debug, Clone)]
pub struct PerFileIgnore {
    pub glob: FolderGlob,
    pub rules: Vec<At<String>>,
}

/// A configuration's settings before they meet the registry, each with its origin.
#[derive(Default)]
pub struct Merged {
    /// Every layer, lowest precedence first.
    pub layers: Stack,
    /// The `select` in force (the layer that set it is in its items' origins) and where it is.
    pub select: Option<(Origin, Vec<At<String>>)>,
    /// The `ignore`s from the layer that set `select` on.
    pub ignore: Vec<At<String>>,
    pub fail_on: Option<At<Severity>>,
    /// Packs, resolved against their file's folder.
    pub packs: Vec<(PathBuf, At<String>)>,
    pub exclude: Vec<FolderGlob>,
    pub per_file_ignores: Vec<PerFileIgnore>,
    /// `[severity]` entries, one per key as written, in precedence order.
    pub severity: Vec<(At<String>, At<SeverityOrOff>)>,
    /// `[rules.X]` parameters: (rule as written, parameter, value as TOML), one per rule and
    /// parameter, in precedence order.
    pub rules: Vec<(At<String>, At<String>, At<toml::Value>)>,
    /// Every `[rules.X]` table's rule as written (an unknown one is an error, even empty).
    pub rule_tables: Vec<At<String>>,
    /// The layer whose `[handbook]` table is in force.
    pub handbook: Option<Arc<Layer>>,
    /// The layer whose `[site]` table is in force.
    pub site: Option<Arc<Layer>>,
    /// The outermost config file of the folder hierarchy (not one it extends): where the
    /// handbook's data files are looked for without a `[handbook]` table.
    pub home: Option<PathBuf>,
}

impl Merged {
    /// Merges `layers` (lowest precedence first).
    pub fn from_layers(layers: Stack) -> Merged {
        let mut merged = Merged {
            home: layers.iter().find(|l| l.extended_by.is_none()).map(|l| l.path.clone()),
            ..Merged::default()
        };
        for layer in &layers {
            let raw = &layer.raw;
            let folder = layer.folder();
            if let Some(fail_on) = &raw.fail_on {
                merged.fail_on = Some(At::of(layer, fail_on));
            }
            if let Some(select) = &raw.select {
                let (line, column) = crate::error::line_column(&layer.text, select.span().start);
                let origin = Origin::File { path: layer.path.clone(), line, column };
                merged.select = Some((origin, select.get_ref().iter().map(|s| At::of(layer, s)).collect()));
                merged.ignore.clear();
            }
            merged.ignore.extend(raw.ignore.iter().map(|s| At::of(layer, s)));
            merged.packs.extend(raw.packs.iter().map(|p| (folder.join(p.get_ref()), At::of(layer, p))));
            merged
                .exclude
                .extend(raw.exclude.iter().map(|p| FolderGlob { folder: folder.clone(), pattern: At::of(layer, p) }));
            for (pattern, rules) in &raw.per_file_ignores {
                let glob = FolderGlob { folder: folder.clone(), pattern: At::of(layer, pattern) };
                merged
                    .per_file_ignores
                    .retain(|e| !(e.glob.folder == glob.folder && e.glob.pattern.value == glob.pattern.value));
                merged
                    .per_file_ignores
                    .push(PerFileIgnore { glob, rules: rules.iter().map(|r| At::of(layer, r)).collect() });
            }
            for (key, level) in &raw.severity {
                merged.severity.retain(|(k, _)| k.value != *key.get_ref());
                merged.severity.push((At::of(layer, key), At::of(layer, level)));
            }
            for (rule, table) in &raw.rules {
                for (name, value) in table {
                    merged.rules.retain(|(r, n, _)| !(r.value == *rule.get_ref() && n.value == *name.get_ref()));
                    merged.rules.push((At::of(layer, rule), At::of(layer, name), At::of(layer, value)));
                }
                merged.rule_tables.push(At::of(layer, rule));
            }
            if raw.handbook.is_some() {
                merged.handbook = Some(layer.clone());
            }
            if raw.site.is_some() {
                merged.site = Some(layer.clone());
            }
        }
        merged.layers = layers;
        merged
    }
}

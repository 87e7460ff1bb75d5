//! `hblint config`: each setting in force for a folder or file, with where it came from (a
//! config file's line and column, a command-line flag, or hblint's default), as TOML-like text
//! or JSON. Read from the same merged settings the linter is built from (`merge::Merged`).

use super::merge::{At, Origin};
use super::{Overrides, Settings};
use std::path::Path;

/// One setting, or one item of a list setting.
pub struct Entry {
    /// The key as `hblint.toml` writes it (`severity.JF003`, `rules.MD013.line_length`).
    pub key: String,
    /// The value as TOML text.
    pub value: String,
    pub origin: Origin,
    /// Whether this is one item of the list `key`.
    pub item: bool,
}

impl Entry {
    fn new(key: impl Into<String>, value: impl Into<String>, origin: Origin) -> Entry {
        Entry { key: key.into(), value: value.into(), origin, item: false }
    }

    fn item(key: &str, at: &At<String>) -> Entry {
        Entry { key: key.to_string(), value: at.written.clone(), origin: at.origin.clone(), item: true }
    }
}

/// Every setting of `settings` with the command line's on top, in the order `hblint.toml`
/// documents them.
pub fn entries(settings: &Settings, overrides: &Overrides) -> Vec<Entry> {
    let merged = &settings.merged;
    let mut out = Vec::new();
    let list = |out: &mut Vec<Entry>, key: &str, items: Vec<At<String>>| {
        if items.is_empty() {
            out.push(Entry::new(key, "[]", Origin::Default));
        }
        out.extend(items.iter().map(|at| Entry::item(key, at)));
    };
    let flags = |flag: &'static str, values: &[String]| values.iter().map(|v| At::flag(flag, v)).collect::<Vec<_>>();
    if !overrides.select.is_empty() {
        list(&mut out, "select", flags("--select", &overrides.select));
    } else if let Some((origin, select)) = &merged.select {
        match select.is_empty() {
            true => out.push(Entry::new("select", "[]", origin.clone())),
            false => list(&mut out, "select", select.clone()),
        }
    } else {
        out.push(Entry::new("select", "(every rule but the markdownlint ones)", Origin::Default));
    }
    let mut ignore = merged.ignore.clone();
    ignore.extend(flags("--ignore", &overrides.ignore));
    list(&mut out, "ignore", ignore);
    out.push(match (&overrides.fail_on, &merged.fail_on) {
        (Some(level), _) => Entry::new("fail-on", format!("{:?}", level.as_str()), Origin::Flag("--fail-on")),
        (None, Some(at)) => Entry::new("fail-on", at.written.clone(), at.origin.clone()),
        (None, None) => Entry::new("fail-on", "\"warning\"", Origin::Default),
    });
    let mut packs: Vec<At<String>> = merged.packs.iter().map(|(_, at)| at.clone()).collect();
    packs.extend(overrides.packs.iter().map(|p| At::flag("--pack", &p.to_string_lossy())));
    list(&mut out, "packs", packs);
    list(&mut out, "exclude", merged.exclude.iter().map(|g| g.pattern.clone()).collect());
    if merged.per_file_ignores.is_empty() {
        out.push(Entry::new("per-file-ignores", "{}", Origin::Default));
    }
    for entry in &merged.per_file_ignores {
        let rules: Vec<&str> = entry.rules.iter().map(|r| r.written.as_str()).collect();
        let key = format!("per-file-ignores.{}", entry.glob.pattern.written);
        out.push(Entry::new(key, format!("[{}]", rules.join(", ")), entry.glob.pattern.origin.clone()));
    }
    if merged.severity.is_empty() {
        out.push(Entry::new("severity", "{}", Origin::Default));
    }
    for (key, level) in &merged.severity {
        out.push(Entry::new(format!("severity.{}", key.written), level.written.clone(), level.origin.clone()));
    }
    if merged.rules.is_empty() {
        out.push(Entry::new("rules", "{}", Origin::Default));
    }
    for (rule, name, value) in &merged.rules {
        out.push(Entry::new(
            format!("rules.{}.{}", rule.written, name.written),
            value.written.clone(),
            value.origin.clone(),
        ));
    }
    for (table, layer) in [("handbook", &merged.handbook), ("site", &merged.site)] {
        match layer {
            Some(layer) => out.extend(table_entries(table, &layer.path, &layer.text)),
            None => out.push(Entry::new(table, "(found from the repository's layout)", Origin::Default)),
        }
    }
    out
}

/// The keys of `[table]` in a config file's text, each with its value as written.
fn table_entries(table: &str, path: &Path, text: &str) -> Vec<Entry> {
    use toml::de::{DeTable, DeValue};
    let Ok(root) = DeTable::parse(text) else { return Vec::new() };
    let Some((_, value)) = root.get_ref().iter().find(|(k, _)| k.get_ref() == table) else { return Vec::new() };
    let DeValue::Table(keys) = value.get_ref() else { return Vec::new() };
    keys.iter()
        .map(|(key, value)| {
            let (line, column) = crate::error::line_column(text, value.span().start);
            let origin = Origin::File { path: path.to_path_buf(), line, column };
            let written = text.get(value.span()).unwrap_or_default();
            Entry::new(format!("{table}.{}", key.get_ref()), written, origin)
        })
        .collect()
}

/// The text `hblint config` prints: a header naming the config files, then one setting a line
/// with its origin after `#`, then the rules in force.
pub fn text(target: &Path, settings: &Settings, entries: &[Entry], excluded: Option<bool>) -> String {
    let mut out = format!("# Settings for {}\n", crate::paths::display_path(target));
    if settings.merged.layers.is_empty() {
        out.push_str("# No config file: hblint's defaults.\n");
    } else {
        out.push_str("# Config files, lowest precedence first:\n");
        for layer in &settings.merged.layers {
            let path = crate::paths::display_path(&layer.path);
            match &layer.extended_by {
                Some(by) => out.push_str(&format!("#   {path} (extended by {})\n", crate::paths::display_path(by))),
                None => out.push_str(&format!("#   {path}\n")),
            }
        }
    }
    let lines = lines(entries);
    let width = lines.iter().filter(|(_, o)| o.is_some()).map(|(l, _)| l.chars().count()).max().unwrap_or(0).min(48);
    for (line, origin) in lines {
        match origin {
            Some(origin) => out.push_str(&format!("{line:width$}  # {origin}\n")),
            None => out.push_str(&format!("{line}\n")),
        }
    }
    if let Some(excluded) = excluded {
        out.push_str(&format!("# excluded from a walk: {}\n", if excluded { "yes" } else { "no" }));
    }
    let rules: Vec<String> = settings.linter.rules().map(|r| r.meta().code.to_string()).collect();
    out.push_str(&format!("# rules in force ({}):", rules.len()));
    rules.iter().for_each(|code| out.push_str(&format!(" {code}")));
    out.push('\n');
    out
}

/// The entries as lines, each with its origin (`None` for a list's brackets).
fn lines(entries: &[Entry]) -> Vec<(String, Option<&Origin>)> {
    let mut lines = Vec::new();
    let mut i = 0;
    while i < entries.len() {
        let entry = &entries[i];
        if !entry.item {
            lines.push((format!("{} = {}", entry.key, entry.value), Some(&entry.origin)));
            i += 1;
            continue;
        }
        lines.push((format!("{} = [", entry.key), None));
        while let Some(item) = entries.get(i).filter(|e| e.item && e.key == entry.key) {
            lines.push((format!("    {},", item.value), Some(&item.origin)));
            i += 1;
        }
        lines.push(("]".to_string(), None));
    }
    lines
}

/// The JSON `hblint config --format json` prints: the config files, every setting with its
/// value (as JSON) and origin, and the rules in force with their severities.
pub fn json(target: &Path, settings: &Settings, entries: &[Entry], excluded: Option<bool>) -> String {
    use serde_json::{Value, json};
    let value_of = |text: &str| {
        toml::from_str::<toml::Table>(&format!("v = {text}"))
            .ok()
            .and_then(|mut t| t.remove("v"))
            .and_then(|v| serde_json::to_value(v).ok())
            .unwrap_or_else(|| Value::String(text.to_string()))
    };
    let files: Vec<Value> = settings
        .merged
        .layers
        .iter()
        .map(|l| {
            json!({
                "path": crate::paths::display_path(&l.path),
                "extended_by": l.extended_by.as_deref().map(crate::paths::display_path),
            })
        })
        .collect();
    let settings_json: Vec<Value> = entries
        .iter()
        .map(|e| json!({ "key": e.key, "item": e.item, "value": value_of(&e.value), "origin": e.origin.to_string() }))
        .collect();
    let rules: Vec<Value> = settings
        .linter
        .rules()
        .map(|r| {
            let severity = settings.linter.severity_of(r.meta().code).map(|s| s.as_str());
            json!({ "code": r.meta().code, "severity": severity })
        })
        .collect();
    let report = json!({
        "path": crate::paths::display_path(target),
        "config_files": files,
        "settings": settings_json,
        "excluded": excluded,
        "rules": rules,
    });
    serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
}

//! The commands about rules and configuration: `rules`, `explain`, `init`.

use super::EXIT_ERROR;
use super::args::ListFormat;
use crate::rules::registry::{Registry, on_by_default};
use std::path::Path;

/// `hblint rules`: every rule in a table, or as JSON.
pub(super) fn list_rules(registry: &Registry, format: ListFormat) -> u8 {
    let mut out = String::new();
    match format {
        ListFormat::Human => {
            out.push_str(&format!(
                "{:<7} {:<28} {:<11} {:<13} {:<4} {}\n",
                "CODE", "NAME", "GROUP", "DEFAULT", "FIX", "SUMMARY"
            ));
            for rule in registry.rules() {
                let m = rule.meta();
                // A rule off unless selected says so, and the severity it then reports at.
                let default = if on_by_default(m) {
                    m.severity.as_str().to_string()
                } else {
                    format!("off ({})", m.severity.as_str())
                };
                out.push_str(&format!(
                    "{:<7} {:<28} {:<11} {:<13} {:<4} {}\n",
                    m.code,
                    m.name,
                    m.group.as_str(),
                    default,
                    if m.fix { "yes" } else { "" },
                    m.summary
                ));
            }
        }
        ListFormat::Json => {
            let items: Vec<serde_json::Value> = registry
                .rules()
                .iter()
                .map(|r| {
                    let m = r.meta();
                    serde_json::json!({
                        "code": m.code, "name": m.name, "group": m.group.as_str(),
                        "severity": m.severity.as_str(), "on_by_default": on_by_default(m),
                        "fix": m.fix, "summary": m.summary,
                    })
                })
                .collect();
            out = serde_json::to_string_pretty(&items).unwrap_or_default();
            out.push('\n');
        }
    }
    super::print_stdout(&out)
}

/// `hblint explain RULE`: a rule's documentation.
pub(super) fn explain(registry: &Registry, key: &str) -> u8 {
    match registry.find(key) {
        Some(rule) => super::print_stdout(&rule.meta().explain(on_by_default(rule.meta()))),
        None => {
            eprintln!("hblint: error: unknown rule '{key}' (see 'hblint rules')");
            EXIT_ERROR
        }
    }
}

/// `hblint init`: a commented hblint.toml in the current directory.
pub(super) fn init(force: bool) -> u8 {
    let path = Path::new("hblint.toml");
    if path.exists() && !force {
        eprintln!("hblint: error: hblint.toml already exists (use --force to overwrite it)");
        return EXIT_ERROR;
    }
    match std::fs::write(path, crate::config::TEMPLATE) {
        Ok(()) => super::print_stdout("Wrote hblint.toml\n"),
        Err(err) => {
            eprintln!("hblint: error: cannot write hblint.toml: {}", crate::error::describe_io(&err));
            EXIT_ERROR
        }
    }
}

//! The commands about rules and configuration: `rules`, `explain`, `init`.

use super::args::ListFormat;
use super::{EXIT_CLEAN, EXIT_ERROR};
use crate::rules::registry::Registry;
use std::path::Path;

/// `hblint rules`: every rule in a table, or as JSON.
pub(super) fn list_rules(registry: &Registry, format: ListFormat) -> u8 {
    let mut out = String::new();
    match format {
        ListFormat::Human => {
            out.push_str(&format!(
                "{:<7} {:<28} {:<11} {:<8} {:<4} {}\n",
                "CODE", "NAME", "GROUP", "SEVERITY", "FIX", "SUMMARY"
            ));
            for rule in registry.rules() {
                let m = rule.meta();
                out.push_str(&format!(
                    "{:<7} {:<28} {:<11} {:<8} {:<4} {}\n",
                    m.code,
                    m.name,
                    m.group.as_str(),
                    m.severity.as_str(),
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
                        "severity": m.severity.as_str(), "fix": m.fix, "summary": m.summary,
                    })
                })
                .collect();
            out = serde_json::to_string_pretty(&items).unwrap_or_default();
            out.push('\n');
        }
    }
    print!("{out}");
    EXIT_CLEAN
}

/// `hblint explain RULE`: a rule's documentation.
pub(super) fn explain(registry: &Registry, key: &str) -> u8 {
    match registry.find(key) {
        Some(rule) => {
            print!("{}", rule.meta().explain());
            EXIT_CLEAN
        }
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
        Ok(()) => {
            println!("Wrote hblint.toml");
            EXIT_CLEAN
        }
        Err(err) => {
            eprintln!("hblint: error: cannot write hblint.toml: {}", crate::error::describe_io(&err));
            EXIT_ERROR
        }
    }
}

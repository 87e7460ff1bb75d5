//! Message templates of pack rules: `{match}`, `{replacement}`, `{count}`, `{other}` and named
//! regex groups, filled per finding.

use regex::{Captures, Regex};
use std::sync::LazyLock;

/// Fills `{name}` placeholders; unknown ones stay as written.
pub fn render(template: &str, vars: &dyn Fn(&str) -> Option<String>) -> String {
    static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\{([A-Za-z_][A-Za-z0-9_]*)\}").expect("valid"));
    PLACEHOLDER.replace_all(template, |c: &Captures<'_>| vars(&c[1]).unwrap_or_else(|| c[0].to_string())).into_owned()
}

/// A message template with its placeholders shown as "…", for a rule's one-line summary.
pub fn placeholders_elided(template: &str) -> String {
    render(template, &|_| Some("…".to_string()))
}

/// The value of placeholder `key` in a regex match: `match` is the whole match, any other key a
/// named group.
pub fn capture(caps: &Captures<'_>, key: &str) -> Option<String> {
    if key == "match" {
        return caps.get(0).map(|m| m.as_str().to_string());
    }
    caps.name(key).map(|m| m.as_str().to_string())
}

//! Reading a handbook's markdownlint configuration, so that switching to hblint keeps its
//! settings: `.markdownlint.{jsonc,json,yaml,yml}` and the `config` key of
//! `.markdownlint-cli2.{jsonc,yaml}`, found in the file's folder or above, as markdownlint-cli2
//! finds them, with `extends` followed.

use super::ordered_keys::OrderedKeys;
use crate::error::LocatedError;
use crate::rules::params::js_truthy;
use crate::rules::{Group, Rule};
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

/// The file names markdownlint-cli2 reads, in its order of precedence within one folder.
pub const FILE_NAMES: &[&str] = &[
    ".markdownlint-cli2.jsonc",
    ".markdownlint-cli2.yaml",
    ".markdownlint.jsonc",
    ".markdownlint.json",
    ".markdownlint.yaml",
    ".markdownlint.yml",
];

/// markdownlint's aliases of the rules hblint implements (lowercase), besides their names.
/// `header-increment` and `header-start-left` are from markdownlint before 0.9; configurations
/// written then still use them.
const ALIASES: &[(&str, &[&str])] = &[
    ("MD001", &["header-increment"]),
    ("MD023", &["header-start-left"]),
    ("MD025", &["single-title"]),
    ("MD041", &["first-line-h1"]),
];

/// markdownlint's tags (lowercase) and the rules each names. A tag works wherever a rule name
/// does, in a configuration (`"whitespace": false`) and in an inline comment
/// (`<!-- markdownlint-disable headings -->`), and names every rule it tags.
const TAGS: &[(&str, &[&str])] = &[
    ("accessibility", &["MD045", "MD059"]),
    ("atx", &["MD018", "MD019"]),
    ("atx_closed", &["MD020", "MD021"]),
    ("blank_lines", &["MD012", "MD022", "MD031", "MD032", "MD047"]),
    ("blockquote", &["MD027", "MD028"]),
    ("bullet", &["MD004", "MD005", "MD007", "MD032"]),
    ("code", &["MD014", "MD031", "MD038", "MD040", "MD046", "MD048"]),
    ("emphasis", &["MD036", "MD037", "MD049", "MD050"]),
    ("hard_tab", &["MD010"]),
    (
        "headings",
        &[
            "MD001", "MD003", "MD018", "MD019", "MD020", "MD021", "MD022", "MD023", "MD024", "MD025", "MD026", "MD036",
            "MD041", "MD043",
        ],
    ),
    ("hr", &["MD035"]),
    ("html", &["MD033"]),
    ("images", &["MD045", "MD052", "MD053", "MD054"]),
    ("indentation", &["MD005", "MD007", "MD027"]),
    ("language", &["MD040"]),
    ("line_length", &["MD013"]),
    ("links", &["MD011", "MD034", "MD039", "MD042", "MD051", "MD052", "MD053", "MD054", "MD059"]),
    ("ol", &["MD029", "MD030", "MD032"]),
    ("spaces", &["MD018", "MD019", "MD020", "MD021", "MD023"]),
    ("spelling", &["MD044"]),
    ("table", &["MD055", "MD056", "MD058", "MD060"]),
    ("ul", &["MD004", "MD005", "MD007", "MD030", "MD032"]),
    ("url", &["MD034"]),
    ("whitespace", &["MD009", "MD010", "MD012", "MD027", "MD028", "MD030", "MD037", "MD038", "MD039"]),
];

/// The code of the rule a markdownlint alias names (`single-title`: `MD025`), any case.
pub fn alias_of(key: &str) -> Option<&'static str> {
    let key = key.to_ascii_lowercase();
    ALIASES.iter().find(|(_, aliases)| aliases.contains(&key.as_str())).map(|(code, _)| *code)
}

/// The rules a markdownlint tag names (`whitespace`: MD009, MD010…), any case; empty when `key`
/// is no tag.
pub fn tagged(key: &str) -> &'static [&'static str] {
    TAGS.iter().find(|(tag, _)| tag.eq_ignore_ascii_case(key)).map_or(&[], |(_, codes)| *codes)
}

/// Whether a configuration key or inline-comment word names the rule `code` (`name`), as
/// markdownlint reads it: by code, name, alias or tag, case-insensitively.
pub fn names_rule(key: &str, code: &str, name: &str) -> bool {
    key.eq_ignore_ascii_case(code)
        || key.eq_ignore_ascii_case(name)
        || ALIASES.iter().any(|(c, aliases)| *c == code && aliases.iter().any(|a| a.eq_ignore_ascii_case(key)))
        || tagged(key).contains(&code)
}

/// What a markdownlint configuration says about one rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Setting {
    Off,
    /// On, with its parameters (an empty object when none).
    On(Value),
}

/// A loaded markdownlint configuration (the merged `config` object).
#[derive(Debug, Clone)]
pub struct MarkdownlintConfig {
    pub path: PathBuf,
    config: OrderedKeys,
    /// A `.markdownlint-cli2` file's `ignores`: the files markdownlint-cli2 does not lint.
    pub ignores: Option<Ignores>,
    /// The text of this file and of those it extends (nearest first), to locate a value.
    sources: Vec<(PathBuf, std::sync::Arc<str>)>,
}

/// markdownlint-cli2's `ignores`: glob expressions relative to the configuration file's folder
/// (`*` stays within one folder, `**` crosses folders).
#[derive(Debug, Clone)]
pub struct Ignores {
    base: PathBuf,
    globs: globset::GlobSet,
}

impl Ignores {
    /// Whether the file at `path` (relative to the working directory, or absolute) is ignored.
    pub fn matches(&self, path: &Path) -> bool {
        let Ok(absolute) = std::path::absolute(path) else { return false };
        let absolute = crate::paths::lexical_normalize(&absolute);
        match absolute.strip_prefix(&self.base) {
            Ok(relative) => self.globs.is_match(relative.to_string_lossy().replace('\\', "/")),
            Err(_) => false,
        }
    }
}

/// Reads a `.markdownlint-cli2` file's `ignores` array.
fn read_ignores(path: &Path, text: &str, document: &Value) -> Result<Option<Ignores>, LocatedError> {
    let Some(value) = document.get("ignores") else { return Ok(None) };
    let at =
        |needle: &str, message: String| LocatedError::at_offset(path, text, text.find(needle).unwrap_or(0), message);
    let Value::Array(patterns) = value else {
        return Err(at("ignores", "'ignores' must be an array of glob strings".into()));
    };
    let mut builder = globset::GlobSetBuilder::new();
    for pattern in patterns {
        let Value::String(pattern) = pattern else {
            return Err(at("ignores", format!("'ignores' must hold glob strings, not {pattern}")));
        };
        let glob = globset::GlobBuilder::new(pattern.trim_start_matches("./"))
            .literal_separator(true)
            .build()
            .map_err(|e| at(pattern, format!("invalid glob in 'ignores': {e}")))?;
        builder.add(glob);
    }
    let globs = builder.build().map_err(|e| at("ignores", format!("invalid 'ignores': {e}")))?;
    let base = crate::paths::lexical_normalize(
        &std::path::absolute(path.parent().unwrap_or(Path::new("."))).unwrap_or_default(),
    );
    Ok(Some(Ignores { base, globs }))
}

impl MarkdownlintConfig {
    /// The text of this file and of those it extends, with their paths.
    pub fn sources(&self) -> impl Iterator<Item = (&Path, &str)> {
        self.sources.iter().map(|(path, text)| (path.as_path(), &**text))
    }
    /// The setting of a rule: its code, name or alias as a key (case-insensitive), else `default`.
    pub fn setting(&self, rule: &dyn Rule) -> Setting {
        match rule_value(&self.config, rule) {
            Some(value) => value_setting(value),
            None if default_value(&self.config).unwrap_or(true) => Setting::On(Value::Object(Map::new())),
            None => Setting::Off,
        }
    }

    /// Whether this configuration names the rule (by code, name or alias), so that its
    /// `default` does not decide it.
    pub fn names(&self, rule: &dyn Rule) -> bool {
        rule_value(&self.config, rule).is_some()
    }

    /// Warnings for the parameters of the rules this configuration turns on that have a value
    /// of the wrong kind, each at the value (see `rule_params::markdownlint_mismatches`).
    pub fn parameter_warnings(&self, rules: &[&dyn Rule]) -> Vec<LocatedError> {
        let mut warnings = Vec::new();
        for (rule, params) in self.enabled(rules) {
            for (name, message) in super::rule_params::markdownlint_mismatches(rule.meta(), &params) {
                warnings.push(self.locate(rule.meta().code, rule.meta().name, name, message));
            }
        }
        warnings
    }

    /// Where the file (or one it extends) gives parameter `param` of the rule `code` (`name`): the
    /// value after the first `param` key that follows a key naming the rule; the file's start
    /// when not found (a tag or alias names the rule).
    fn locate(&self, code: &str, name: &str, param: &str, message: String) -> LocatedError {
        for (path, text) in &self.sources {
            let lower = text.to_ascii_lowercase();
            let Some(rule_at) = [code, name].iter().filter_map(|k| lower.find(&k.to_ascii_lowercase())).min() else {
                continue;
            };
            let Some(found) = text[rule_at..].find(param).map(|i| rule_at + i + param.len()) else { continue };
            // Past the key's closing quote, the colon and spaces, to the value.
            let rest = &text[found..];
            let after_key = rest.strip_prefix(['"', '\'']).unwrap_or(rest);
            let skipped = rest.len() - after_key.trim_start_matches([' ', '\t', ':']).len();
            return LocatedError::at_offset(path, text, found + skipped, message);
        }
        LocatedError::in_file(&self.path, message)
    }

    /// The markdownlint rules this configuration turns on, with their parameters.
    pub fn enabled<'r>(&self, rules: &[&'r dyn Rule]) -> Vec<(&'r dyn Rule, Value)> {
        rules
            .iter()
            .filter(|r| r.meta().group == Group::Markdown)
            .filter_map(|r| match self.setting(*r) {
                Setting::On(params) => Some((*r, params)),
                Setting::Off => None,
            })
            .collect()
    }
}

/// The value a markdownlint configuration object gives a rule: the last key naming it by code,
/// name, alias or tag, case-insensitively (markdownlint applies the keys in order, so a later
/// `"MD009": true` wins over an earlier `"whitespace": false`, and the other way round).
pub fn rule_value<'v>(config: &'v OrderedKeys, rule: &dyn Rule) -> Option<&'v Value> {
    let meta = rule.meta();
    config.iter().filter(|(key, _)| names_rule(key, meta.code, meta.name)).map(|(_, value)| value).next_back()
}

/// The `default` key of a markdownlint configuration object (any case), as JavaScript truthiness.
pub fn default_value(config: &OrderedKeys) -> Option<bool> {
    config.iter().find(|(key, _)| key.eq_ignore_ascii_case("default")).map(|(_, value)| js_truthy(value))
}

/// The parameters in a rule's value, whether it turns the rule on or off: an object's keys but
/// `enabled` and `severity`; nothing for any other value.
pub fn parameters_of(value: &Value) -> Value {
    match value {
        Value::Object(params) => Value::Object(
            params
                .iter()
                .filter(|(k, _)| *k != "enabled" && *k != "severity")
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        ),
        _ => Value::Object(Map::new()),
    }
}

/// markdownlint's reading of a rule's value: false-like values turn it off; an object turns it on
/// with its parameters unless it says `"enabled": false`; anything else turns it on with defaults.
pub fn value_setting(value: &Value) -> Setting {
    match value {
        Value::Object(params) if params.get("enabled").is_some_and(|e| !js_truthy(e)) => Setting::Off,
        Value::Object(_) => Setting::On(parameters_of(value)),
        other if js_truthy(other) => Setting::On(Value::Object(Map::new())),
        _ => Setting::Off,
    }
}

/// Parses the configuration in a `<!-- markdownlint-configure-file … -->` comment: JSON (with
/// comments) or YAML, as markdownlint-cli2 accepts. `None` when it is neither, or not an object:
/// markdownlint ignores such a comment.
pub fn parse_inline(text: &str) -> Option<OrderedKeys> {
    if let Ok(keys) = serde_json::from_str::<OrderedKeys>(&strip_jsonc(text)) {
        return Some(keys);
    }
    let docs = yaml_rust2::YamlLoader::load_from_str(text).ok()?;
    OrderedKeys::from_yaml(docs.first()?, yaml_to_json)
}

/// The nearest markdownlint configuration file at or above `dir`.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(if dir.as_os_str().is_empty() { Path::new(".") } else { dir }).ok()?;
    absolute.ancestors().find_map(|d| FILE_NAMES.iter().map(|n| d.join(n)).find(|p| p.is_file()))
}

fn error(path: &Path, message: String) -> LocatedError {
    LocatedError::in_file(path, message)
}

/// Loads a markdownlint configuration file, following `extends`.
pub fn load(path: &Path) -> Result<MarkdownlintConfig, LocatedError> {
    load_depth(path, 0)
}

fn load_depth(path: &Path, depth: usize) -> Result<MarkdownlintConfig, LocatedError> {
    if depth > 8 {
        return Err(error(path, "'extends' goes more than 8 files deep (a cycle?)".into()));
    }
    let text = std::fs::read_to_string(path)
        .map_err(|e| error(path, format!("cannot read markdownlint config: {}", crate::error::describe_io(&e))))?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let yaml = name.ends_with(".yaml") || name.ends_with(".yml");
    let document = if yaml {
        parse_yaml(path, &text)?
    } else {
        serde_json::from_str(&strip_jsonc(&text))
            .map_err(|e| LocatedError::at(path, e.line().max(1), e.column().max(1), format!("invalid JSON: {e}")))?
    };
    let cli2 = name.starts_with(".markdownlint-cli2");
    let ignores = if cli2 { read_ignores(path, &text, &document)? } else { None };
    let not_an_object = || error(path, "the markdownlint configuration is not an object of rule settings".into());
    match if cli2 { document.get("config") } else { Some(&document) } {
        None | Some(Value::Object(_)) => {}
        Some(_) => return Err(not_an_object()),
    }
    // The same text again, for the order of its keys (see `OrderedKeys`).
    let mut config = if yaml {
        let docs = yaml_rust2::YamlLoader::load_from_str(&text).map_err(|_| not_an_object())?;
        let top = docs.first().cloned().unwrap_or(yaml_rust2::Yaml::Null);
        let config = if cli2 { top["config"].clone() } else { top };
        OrderedKeys::from_yaml(&config, yaml_to_json).unwrap_or_default()
    } else if cli2 {
        #[derive(serde::Deserialize)]
        struct Cli2 {
            #[serde(default)]
            config: OrderedKeys,
        }
        serde_json::from_str::<Cli2>(&strip_jsonc(&text)).map_err(|_| not_an_object())?.config
    } else {
        serde_json::from_str(&strip_jsonc(&text)).map_err(|_| not_an_object())?
    };
    let mut sources = vec![(path.to_path_buf(), std::sync::Arc::from(text.as_str()))];
    // `extends` names a base configuration, relative to this file; this file's keys win.
    if let Some(Value::String(base)) = config.remove("extends") {
        let base_path = path.parent().unwrap_or(Path::new(".")).join(base);
        let base = load_depth(&base_path, depth + 1)?;
        let mut merged = base.config;
        merged.merge(config);
        config = merged;
        sources.extend(base.sources);
    }
    Ok(MarkdownlintConfig { path: path.to_path_buf(), config, ignores, sources })
}

/// Removes `//` and `/* */` comments and trailing commas from JSONC, leaving strings alone.
pub fn strip_jsonc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if c == '\\' {
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match (c, chars.peek()) {
            ('"', _) => {
                in_string = true;
                out.push(c);
            }
            ('/', Some('/')) => {
                for n in chars.by_ref() {
                    if n == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            ('/', Some('*')) => {
                chars.next();
                let mut prev = ' ';
                for n in chars.by_ref() {
                    if n == '\n' {
                        out.push('\n');
                    }
                    if prev == '*' && n == '/' {
                        break;
                    }
                    prev = n;
                }
            }
            _ => out.push(c),
        }
    }
    // Trailing commas before a closing bracket or brace.
    static TRAILING_COMMA: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r",(\s*[\]}])").expect("valid"));
    TRAILING_COMMA.replace_all(&out, "$1").into_owned()
}

fn parse_yaml(path: &Path, text: &str) -> Result<Value, LocatedError> {
    let docs = yaml_rust2::YamlLoader::load_from_str(text).map_err(|e| {
        LocatedError::at(path, e.marker().line().max(1), e.marker().col() + 1, format!("invalid YAML: {}", e.info()))
    })?;
    Ok(docs.first().map(yaml_to_json).unwrap_or(Value::Object(Map::new())))
}

fn yaml_to_json(yaml: &yaml_rust2::Yaml) -> Value {
    use yaml_rust2::Yaml;
    match yaml {
        Yaml::Real(s) => {
            s.parse::<f64>().ok().and_then(serde_json::Number::from_f64).map_or(Value::Null, Value::Number)
        }
        Yaml::Integer(i) => Value::from(*i),
        Yaml::String(s) => Value::String(s.clone()),
        Yaml::Boolean(b) => Value::Bool(*b),
        Yaml::Array(items) => Value::Array(items.iter().map(yaml_to_json).collect()),
        Yaml::Hash(hash) => Value::Object(
            hash.iter().filter_map(|(k, v)| Some((super::ordered_keys::yaml_key(k)?, yaml_to_json(v)))).collect(),
        ),
        _ => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::registry::Registry;

    #[test]
    fn jsonc_comments_and_trailing_commas() {
        let text = "{\n // c\n \"a\": \"//not a comment\", /* x */ \"b\": [1, 2,],\n}";
        let value: Value = serde_json::from_str(&strip_jsonc(text)).unwrap();
        assert_eq!(value["a"], "//not a comment");
        assert_eq!(value["b"], serde_json::json!([1, 2]));
    }

    #[test]
    fn settings_by_code_name_alias_and_default() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("base.yaml"), "default: false\nMD012: true\n").unwrap();
        let path = dir.path().join(".markdownlint.jsonc");
        std::fs::write(
            &path,
            "{ \"extends\": \"base.yaml\", \"no-trailing-spaces\": {\"br_spaces\": 3}, \"single-title\": true }",
        )
        .unwrap();
        let config = load(&path).unwrap();
        let registry = Registry::builtin();
        let enabled: Vec<(&str, Value)> =
            config.enabled(registry.rules()).into_iter().map(|(r, v)| (r.meta().code, v)).collect();
        let codes: Vec<&str> = enabled.iter().map(|(c, _)| *c).collect();
        assert_eq!(codes, ["MD009", "MD012", "MD025"]);
        assert_eq!(enabled[0].1["br_spaces"], 3);
    }

    #[test]
    fn tags_name_their_rules_and_keys_apply_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let registry = Registry::builtin();
        let codes = |name: &str, text: &str| -> Vec<&'static str> {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            let config = load(&path).unwrap();
            config.enabled(registry.rules()).into_iter().map(|(r, _)| r.meta().code).collect()
        };
        let yaml = codes(".markdownlint.yaml", "default: false\nwhitespace: true\nMD010: false\n");
        assert_eq!(yaml, ["MD009", "MD012", "MD027", "MD028", "MD030", "MD037", "MD038", "MD039"]);
        let json = codes(".markdownlint.json", r#"{"default": false, "MD010": false, "WHITESPACE": true}"#);
        assert!(json.contains(&"MD010"), "{json:?}");
        let cli2 = codes(".markdownlint-cli2.jsonc", r#"{"config": {"default": false, "hard_tab": true}}"#);
        assert_eq!(cli2, ["MD010"]);
    }

    #[test]
    fn rule_values_follow_javascript_truthiness_and_enabled() {
        use serde_json::json;
        assert_eq!(value_setting(&json!(0)), Setting::Off);
        assert_eq!(value_setting(&json!("warning")), Setting::On(json!({})));
        assert_eq!(value_setting(&json!({"enabled": false, "style": "x"})), Setting::Off);
        assert_eq!(value_setting(&json!({"severity": "warning", "style": "x"})), Setting::On(json!({"style": "x"})));
    }
}

//! A rule's parameter values for one configuration, resolved once from markdownlint's loose
//! JSON (and `hblint.toml`'s checked values in the same form) by the linter when it builds its
//! settings, and read by the rule through its declared [`Param`] consts.
//!
//! [`coerce`] is the one place that knows how markdownlint reads a configured value: numbers
//! floored at 0, `Number(value || default)`, widths capped, strings and lists taken as they
//! come and anything else replaced by the default, regular expressions compiled once.

use super::meta::{Param, ParamDefault, ParamKind};
use regex::Regex;
use serde_json::{Map, Value};
use std::sync::LazyLock;

/// The values of one rule's parameters, by name, in the order the rule declares them.
#[derive(Debug, Clone, Default)]
pub struct Params {
    values: Vec<(&'static str, ParamValue)>,
}

/// One parameter's value, after markdownlint's reading of what the configuration gave.
#[derive(Debug, Clone, PartialEq)]
pub enum ParamValue {
    Integer(u64),
    Boolean(bool),
    /// A string or a choice.
    Text(String),
    /// `None`: unset, and no default.
    Strings(Option<Vec<String>>),
    Pattern(Pattern),
    /// A length limit; `None`: no limit.
    Limit(Option<u64>),
    /// A count for heading levels 1 to 6; `None`: any count.
    PerHeadingLevel([Option<u64>; 6]),
}

/// A regular-expression parameter: its text, and the compiled expression (`None` when it does
/// not compile: markdownlint then ignores it).
#[derive(Debug, Clone)]
pub struct Pattern {
    pub text: String,
    pub regex: Option<Regex>,
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Pattern) -> bool {
        self.text == other.text && self.regex.as_ref().map(Regex::as_str) == other.regex.as_ref().map(Regex::as_str)
    }
}

impl Params {
    /// The values of a rule without parameters.
    pub const NONE: Params = Params { values: Vec::new() };

    /// The values of `declared` parameters from `layers` of configured values (JSON objects by
    /// parameter name; a later layer wins per key; a layer that is not an object counts as
    /// empty, as do unknown keys, which markdownlint ignores).
    pub fn resolve(declared: &'static [Param], layers: &[Option<&Value>]) -> Params {
        let objects: Vec<&Map<String, Value>> = layers.iter().filter_map(|l| l.and_then(Value::as_object)).collect();
        let mut params = Params { values: Vec::with_capacity(declared.len()) };
        for param in declared {
            let given = objects.iter().rev().find_map(|o| o.get(param.name));
            let value = coerce(param, given, &params);
            params.values.push((param.name, value));
        }
        params
    }

    /// The defaults of `declared` parameters.
    pub fn defaults(declared: &'static [Param]) -> Params {
        Params::resolve(declared, &[])
    }

    fn get(&self, param: &Param) -> &ParamValue {
        match self.values.iter().find(|(name, _)| *name == param.name) {
            Some((_, value)) => value,
            // A rule reading a parameter its META does not declare: a bug every rule's fixture
            // run finds, not something a configuration can cause.
            None => panic!("parameter '{}' is not declared in the rule's META.params", param.name),
        }
    }

    /// A parameter's value as a person reads it: `80`, `no limit`, `true`, `"atx"`, `["a", "b"]`.
    pub fn shown(&self, param: &Param) -> String {
        let quoted = |s: &str| serde_json::Value::from(s).to_string();
        match self.get(param) {
            ParamValue::Integer(n) | ParamValue::Limit(Some(n)) => n.to_string(),
            ParamValue::Limit(None) => "no limit".into(),
            ParamValue::Boolean(b) => b.to_string(),
            ParamValue::Text(text) => quoted(text),
            ParamValue::Strings(None) => "unset".into(),
            ParamValue::Strings(Some(items)) => {
                format!("[{}]", items.iter().map(|s| quoted(s)).collect::<Vec<_>>().join(", "))
            }
            ParamValue::Pattern(pattern) if pattern.regex.is_none() => {
                format!("no pattern ({} is ignored)", quoted(&pattern.text))
            }
            ParamValue::Pattern(pattern) => quoted(&pattern.text),
            ParamValue::PerHeadingLevel(levels) => {
                let shown: Vec<String> = levels.iter().map(|l| l.map_or("any".into(), |n| n.to_string())).collect();
                format!("[{}] for heading levels 1 to 6", shown.join(", "))
            }
        }
    }

    /// An integer parameter's value.
    pub fn int(&self, param: &Param) -> u64 {
        match self.get(param) {
            ParamValue::Integer(n) => *n,
            other => panic!("parameter '{}' is not an integer: {other:?}", param.name),
        }
    }

    /// A boolean parameter's value.
    pub fn flag(&self, param: &Param) -> bool {
        match self.get(param) {
            ParamValue::Boolean(b) => *b,
            other => panic!("parameter '{}' is not a boolean: {other:?}", param.name),
        }
    }

    /// A string or choice parameter's value.
    pub fn text(&self, param: &Param) -> &str {
        match self.get(param) {
            ParamValue::Text(text) => text,
            other => panic!("parameter '{}' is not a string: {other:?}", param.name),
        }
    }

    /// A list parameter's value; `None` when it is unset and has no default.
    pub fn strings(&self, param: &Param) -> Option<&[String]> {
        match self.get(param) {
            ParamValue::Strings(items) => items.as_deref(),
            other => panic!("parameter '{}' is not a list: {other:?}", param.name),
        }
    }

    /// A limit parameter's value; `None` when there is no limit.
    pub fn limit(&self, param: &Param) -> Option<u64> {
        match self.get(param) {
            ParamValue::Limit(limit) => *limit,
            other => panic!("parameter '{}' is not a limit: {other:?}", param.name),
        }
    }

    /// A per-heading-level parameter's value for heading `level` (1 to 6); `None` when any
    /// count will do.
    pub fn for_heading_level(&self, param: &Param, level: u8) -> Option<u64> {
        match self.get(param) {
            ParamValue::PerHeadingLevel(levels) => levels[usize::from(level.clamp(1, 6)) - 1],
            other => panic!("parameter '{}' is not per heading level: {other:?}", param.name),
        }
    }

    /// A regular-expression parameter's value.
    pub fn pattern(&self, param: &Param) -> &Pattern {
        match self.get(param) {
            ParamValue::Pattern(pattern) => pattern,
            other => panic!("parameter '{}' is not a pattern: {other:?}", param.name),
        }
    }
}

/// markdownlint's reading of the value a configuration gives `param` (`None`: it gives none).
/// `earlier` holds the parameters declared before it, for a default that is another's value.
pub fn coerce(param: &Param, given: Option<&Value>, earlier: &Params) -> ParamValue {
    let default = |fallback: ParamValue| match param.default {
        ParamDefault::SameAs(other) => {
            earlier.values.iter().find(|(name, _)| *name == other).map_or(fallback, |(_, value)| value.clone())
        }
        ParamDefault::Integer(n) => ParamValue::Integer(n),
        ParamDefault::Boolean(b) => ParamValue::Boolean(b),
        ParamDefault::Text(text) => match param.kind {
            ParamKind::Pattern { .. } => ParamValue::Pattern(compile(param, text)),
            _ => ParamValue::Text(text.to_string()),
        },
        ParamDefault::Strings(items) => ParamValue::Strings(Some(items.iter().map(|s| s.to_string()).collect())),
        ParamDefault::Unset => fallback,
    };
    match param.kind {
        ParamKind::Integer { zero_is_default, max } => {
            let read = given.and_then(|v| v.as_u64().or_else(|| v.as_f64().map(|f| f.max(0.0) as u64)));
            let value = match read {
                Some(0) if zero_is_default => default(ParamValue::Integer(0)),
                Some(n) => ParamValue::Integer(n),
                None => default(ParamValue::Integer(0)),
            };
            match (value, max) {
                (ParamValue::Integer(n), Some(max)) => ParamValue::Integer(n.min(max)),
                (value, _) => value,
            }
        }
        ParamKind::Boolean => match given {
            Some(value) => ParamValue::Boolean(js_truthy(value)),
            None => default(ParamValue::Boolean(false)),
        },
        ParamKind::Limit => match given.filter(|value| !value.is_null()) {
            // markdownlint's `Number(value ?? default)`, checked only when above 0: 0, a negative
            // number and NaN are no limit.
            Some(value) => ParamValue::Limit(js_number(value).filter(|n| *n > 0.0).map(|n| n as u64)),
            None => match default(ParamValue::Limit(None)) {
                ParamValue::Integer(n) => ParamValue::Limit(Some(n)),
                value => value,
            },
        },
        ParamKind::PerHeadingLevel => {
            let fallback = match param.default {
                ParamDefault::Integer(n) => Some(n),
                _ => None,
            };
            // markdownlint checks a level only when its count is a number of 0 or more; a fix
            // writes that many lines, hence the cap.
            let count =
                |value: &Value| js_number(value).filter(|n| *n >= 0.0).map(|n| (n as u64).min(super::meta::MAX_WIDTH));
            let mut levels = [fallback; 6];
            match given {
                Some(Value::Array(items)) => {
                    for (level, item) in levels.iter_mut().zip(items) {
                        *level = count(item);
                    }
                }
                // `Number(value ?? default)`: null is the default.
                Some(Value::Null) | None => {}
                Some(value) => levels = [count(value); 6],
            }
            ParamValue::PerHeadingLevel(levels)
        }
        ParamKind::String | ParamKind::Choice(_) => match given.and_then(Value::as_str) {
            Some(text) => ParamValue::Text(text.to_string()),
            None => default(ParamValue::Text(String::new())),
        },
        ParamKind::Strings { keep_non_strings } => match given.and_then(Value::as_array) {
            Some(items) => ParamValue::Strings(Some(
                items
                    .iter()
                    .filter_map(|item| match item {
                        Value::String(s) => Some(s.clone()),
                        other if keep_non_strings => Some(other.to_string()),
                        _ => None,
                    })
                    .collect(),
            )),
            None => default(ParamValue::Strings(None)),
        },
        ParamKind::Pattern { .. } => match given.and_then(Value::as_str) {
            Some(text) => ParamValue::Pattern(compile(param, text)),
            None => default(ParamValue::Pattern(compile(param, ""))),
        },
    }
}

/// JavaScript's `!!value` for a JSON value (markdownlint reads rule values and flags so).
pub fn js_truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}

/// JavaScript's `Number(value)` for a JSON value; `None` for NaN.
fn js_number(value: &Value) -> Option<f64> {
    match value {
        Value::Null => Some(0.0),
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        Value::Number(n) => n.as_f64(),
        Value::String(s) if s.trim().is_empty() => Some(0.0),
        Value::String(s) => s.trim().parse::<f64>().ok().filter(|f| f.is_finite()),
        Value::Array(items) if items.is_empty() => Some(0.0),
        Value::Array(items) if items.len() == 1 && !items[0].is_array() => js_number(&items[0]),
        Value::Array(_) | Value::Object(_) => None,
    }
}

/// A pattern parameter's text, compiled (through the run's cache).
fn compile(param: &Param, text: &str) -> Pattern {
    let flags = match param.kind {
        ParamKind::Pattern { case_insensitive: true } => "(?i)",
        _ => "",
    };
    Pattern { text: text.to_string(), regex: parameter_regex(&format!("{flags}{text}")) }
}

/// A regular expression from a configuration (`front_matter_title`, MD043's `%` headings,
/// MD051's `ignored_pattern`), compiled once per distinct pattern for the whole run; `None` when
/// it does not compile (markdownlint then ignores it).
pub fn parameter_regex(pattern: &str) -> Option<Regex> {
    static COMPILED: LazyLock<std::sync::Mutex<std::collections::HashMap<String, Option<Regex>>>> =
        LazyLock::new(Default::default);
    let mut compiled = COMPILED.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    compiled.entry(pattern.to_string()).or_insert_with(|| Regex::new(pattern).ok()).clone()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const COUNT: Param = Param::integer("count", 2, "a count");
    const LENGTH: Param = Param::integer("length", 80, "a length").zero_means_default();
    const HEADING: Param = Param::integer("heading", 0, "a heading length").zero_means_default().defaults_to("length");
    const INDENT: Param = Param::width("indent", 2, "an indent").zero_means_default();
    const STRICT: Param = Param::boolean("strict", false, "strictness");
    const STYLE: Param = Param::choice("style", &["consistent", "atx"], "consistent", "a style");
    const LABELS: Param = Param::strings("labels", &["x"], "labels");
    const NAMES: Param = Param::strings("names", &[], "names").unset_by_default().keeping_non_strings();
    const TITLE: Param = Param::pattern("title", "^title:", "a title").case_insensitive();
    const ALL: &[Param] = &[COUNT, LENGTH, HEADING, INDENT, STRICT, STYLE, LABELS, NAMES, TITLE];

    fn one(param: &Param, given: Value) -> ParamValue {
        coerce(param, Some(&given), &Params::default())
    }

    #[test]
    fn numbers_are_floored_at_zero_and_anything_else_is_the_default() {
        assert_eq!(one(&COUNT, json!(3)), ParamValue::Integer(3));
        assert_eq!(one(&COUNT, json!(3.9)), ParamValue::Integer(3));
        assert_eq!(one(&COUNT, json!(-4)), ParamValue::Integer(0));
        assert_eq!(one(&COUNT, json!(-0.5)), ParamValue::Integer(0));
        assert_eq!(one(&COUNT, json!("7")), ParamValue::Integer(2));
        assert_eq!(one(&COUNT, json!(true)), ParamValue::Integer(2));
        assert_eq!(one(&COUNT, json!(1e300)), ParamValue::Integer(u64::MAX));
        assert_eq!(coerce(&COUNT, None, &Params::default()), ParamValue::Integer(2));
    }

    #[test]
    fn zero_means_the_default_where_markdownlint_writes_value_or_default() {
        assert_eq!(one(&COUNT, json!(0)), ParamValue::Integer(0));
        assert_eq!(one(&LENGTH, json!(0)), ParamValue::Integer(80));
        assert_eq!(one(&LENGTH, json!(-3)), ParamValue::Integer(80));
        assert_eq!(one(&LENGTH, json!(120)), ParamValue::Integer(120));
    }

    #[test]
    fn widths_are_capped() {
        assert_eq!(one(&INDENT, json!(1e18)), ParamValue::Integer(crate::rules::meta::MAX_WIDTH));
        assert_eq!(one(&INDENT, json!(0)), ParamValue::Integer(2));
        assert_eq!(one(&INDENT, json!(4)), ParamValue::Integer(4));
    }

    #[test]
    fn a_default_can_be_an_earlier_parameters_value() {
        let params = Params::resolve(ALL, &[Some(&json!({"length": 100}))]);
        assert_eq!(params.int(&HEADING), 100);
        let params = Params::resolve(ALL, &[Some(&json!({"length": 100, "heading": 0}))]);
        assert_eq!(params.int(&HEADING), 100);
        let params = Params::resolve(ALL, &[Some(&json!({"heading": 60}))]);
        assert_eq!((params.int(&LENGTH), params.int(&HEADING)), (80, 60));
    }

    #[test]
    fn booleans_read_as_javascript_does_and_strings_and_lists_take_their_own_kind() {
        assert_eq!(one(&STRICT, json!(true)), ParamValue::Boolean(true));
        // markdownlint reads booleans as JavaScript's `!!value`.
        assert_eq!(one(&STRICT, json!(1)), ParamValue::Boolean(true));
        assert_eq!(one(&STRICT, json!("")), ParamValue::Boolean(false));
        assert_eq!(one(&STRICT, json!(null)), ParamValue::Boolean(false));
        // markdownlint passes any string on; only hblint.toml checks the choices.
        assert_eq!(one(&STYLE, json!("setext")), ParamValue::Text("setext".into()));
        assert_eq!(one(&STYLE, json!(3)), ParamValue::Text("consistent".into()));
        assert_eq!(one(&LABELS, json!(["a", 1, "b"])), ParamValue::Strings(Some(vec!["a".into(), "b".into()])));
        assert_eq!(one(&LABELS, json!([])), ParamValue::Strings(Some(vec![])));
        assert_eq!(one(&LABELS, json!("a")), ParamValue::Strings(Some(vec!["x".into()])));
        assert_eq!(one(&NAMES, json!(["a", 1])), ParamValue::Strings(Some(vec!["a".into(), "1".into()])));
        assert_eq!(one(&NAMES, json!({})), ParamValue::Strings(None));
    }

    const LIMIT: Param = Param::limit("limit", 80, "a limit");
    const ABOVE: Param = Param::per_heading_level("above", 1, "lines above");

    #[test]
    fn limits_of_zero_or_below_are_none() {
        assert_eq!(one(&LIMIT, json!(100)), ParamValue::Limit(Some(100)));
        assert_eq!(one(&LIMIT, json!(100.7)), ParamValue::Limit(Some(100)));
        assert_eq!(one(&LIMIT, json!(0)), ParamValue::Limit(None));
        assert_eq!(one(&LIMIT, json!(null)), ParamValue::Limit(Some(80)));
        assert_eq!(one(&LIMIT, json!(-1)), ParamValue::Limit(None));
        assert_eq!(one(&LIMIT, json!("120")), ParamValue::Limit(Some(120)));
        assert_eq!(one(&LIMIT, json!("long")), ParamValue::Limit(None));
        assert_eq!(coerce(&LIMIT, None, &Params::default()), ParamValue::Limit(Some(80)));
    }

    #[test]
    fn per_heading_level_counts_take_one_number_or_a_list() {
        let params = Params::resolve(&[ABOVE], &[Some(&json!({"above": [2, -1, 0]}))]);
        let levels: Vec<Option<u64>> = (1..=6).map(|level| params.for_heading_level(&ABOVE, level)).collect();
        assert_eq!(levels, [Some(2), None, Some(0), Some(1), Some(1), Some(1)]);
        assert_eq!(one(&ABOVE, json!(3)), ParamValue::PerHeadingLevel([Some(3); 6]));
        assert_eq!(one(&ABOVE, json!(-1)), ParamValue::PerHeadingLevel([None; 6]));
        assert_eq!(one(&ABOVE, json!(null)), ParamValue::PerHeadingLevel([Some(1); 6]));
        assert_eq!(coerce(&ABOVE, None, &Params::default()), ParamValue::PerHeadingLevel([Some(1); 6]));
    }

    #[test]
    fn patterns_compile_once_with_their_flags_and_keep_their_text() {
        let custom = one(&TITLE, json!("^name:"));
        let ParamValue::Pattern(custom) = custom else { panic!("a pattern") };
        assert!(custom.regex.as_ref().is_some_and(|re| re.is_match("NAME: x")));
        let ParamValue::Pattern(broken) = one(&TITLE, json!("(")) else { panic!("a pattern") };
        assert_eq!((broken.text.as_str(), broken.regex.is_none()), ("(", true));
        let ParamValue::Pattern(default) = one(&TITLE, json!(false)) else { panic!("a pattern") };
        assert_eq!(default.text, "^title:");
    }

    #[test]
    fn later_layers_win_per_key_and_non_objects_count_as_empty() {
        let markdownlint = json!({"length": 100, "strict": true, "unknown": 1});
        let hblint = json!({"length": 120});
        let params = Params::resolve(ALL, &[Some(&markdownlint), Some(&json!(true)), Some(&hblint)]);
        assert_eq!((params.int(&LENGTH), params.flag(&STRICT), params.int(&HEADING)), (120, true, 120));
        assert_eq!(params.text(&STYLE), "consistent");
        assert_eq!(params.strings(&NAMES), None);
        assert_eq!(params.pattern(&TITLE).text, "^title:");
    }
}

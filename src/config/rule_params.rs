//! `hblint.toml`'s `[rules.CODE]` tables: rule parameters by markdownlint's names, checked
//! against what the rule declares (unlike markdownlint's own files, where unknown keys and
//! values of the wrong kind are silently ignored), then handed to the linter in markdownlint's
//! JSON form so that one reading (`rules::params`) serves both.

use crate::rules::meta::{Param, ParamKind, RuleMeta};
use serde_json::Value;

/// The message for a parameter the rule does not declare.
pub fn unknown_parameter(meta: &RuleMeta, name: &str) -> String {
    let known: Vec<&str> = meta.params.iter().map(|p| p.name).collect();
    let (code, rule) = (meta.code, meta.name);
    if known.is_empty() {
        format!("unknown parameter '{name}' for {code} ({rule}); it has no parameters")
    } else {
        format!("unknown parameter '{name}' for {code} ({rule}); its parameters: {}", known.join(", "))
    }
}

/// A `hblint.toml` value for `param` as markdownlint's JSON, or the message saying what it
/// takes instead.
pub fn to_json(meta: &RuleMeta, param: &Param, value: &toml::Value) -> Result<Value, String> {
    use toml::Value as Toml;
    let json = match (param.kind, value) {
        (ParamKind::Integer { max, .. }, Toml::Integer(n)) if *n >= 0 && max.is_none_or(|max| *n as u64 <= max) => {
            Some(Value::from(*n))
        }
        (ParamKind::Boolean, Toml::Boolean(b)) => Some(Value::Bool(*b)),
        (ParamKind::String, Toml::String(s)) => Some(Value::String(s.clone())),
        (ParamKind::Choice(choices), Toml::String(s)) if choices.contains(&s.as_str()) => {
            Some(Value::String(s.clone()))
        }
        (ParamKind::Strings { .. }, Toml::Array(items)) => items
            .iter()
            .map(|item| item.as_str().map(|s| Value::String(s.to_string())))
            .collect::<Option<Vec<Value>>>()
            .map(Value::Array),
        (ParamKind::Limit, Toml::Integer(n)) => Some(Value::from(*n)),
        (ParamKind::PerHeadingLevel, Toml::Integer(n)) if is_level_count(*n) => Some(Value::from(*n)),
        (ParamKind::PerHeadingLevel, Toml::Array(items)) if items.len() <= 6 => items
            .iter()
            .map(|item| item.as_integer().filter(|n| is_level_count(*n)).map(Value::from))
            .collect::<Option<Vec<Value>>>()
            .map(Value::Array),
        (ParamKind::Pattern { case_insensitive }, Toml::String(s)) => {
            let flags = if case_insensitive { "(?i)" } else { "" };
            if regex::Regex::new(&format!("{flags}{s}")).is_err() {
                return Err(format!(
                    "parameter '{}' of {} ({}) takes a regular expression; {value} does not compile",
                    param.name, meta.code, meta.name
                ));
            }
            Some(Value::String(s.clone()))
        }
        _ => None,
    };
    json.ok_or_else(|| {
        format!("parameter '{}' of {} ({}) takes {}, not {value}", param.name, meta.code, meta.name, takes(param.kind))
    })
}

/// The parameters of `meta` a markdownlint configuration gives a value of the wrong kind, each
/// with the message saying what it takes and what markdownlint reads instead (it ignores such
/// a value silently: `"line_length": "long"` is the default 80). `params` is the rule's object.
pub fn markdownlint_mismatches(meta: &RuleMeta, params: &Value) -> Vec<(&'static str, String)> {
    let Some(object) = params.as_object() else { return Vec::new() };
    let read = crate::rules::params::Params::resolve(meta.params, &[Some(params)]);
    meta.params
        .iter()
        .filter_map(|param| {
            let given = object.get(param.name)?;
            // null is markdownlint's "the default", not a mistake.
            let as_toml = json_to_toml(given)?;
            let message = to_json(meta, param, &as_toml).err()?;
            Some((param.name, format!("{message}; markdownlint reads it as {}", read.shown(param))))
        })
        .collect()
}

/// A JSON value as the TOML value `to_json` checks; `None` for null, which TOML lacks.
fn json_to_toml(value: &Value) -> Option<toml::Value> {
    Some(match value {
        Value::Null => return None,
        Value::Bool(b) => toml::Value::Boolean(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => toml::Value::Integer(i),
            None => toml::Value::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => toml::Value::String(s.clone()),
        // An item TOML cannot hold (null) is shown as an empty string: still the wrong kind.
        Value::Array(items) => toml::Value::Array(
            items.iter().map(|item| json_to_toml(item).unwrap_or(toml::Value::String(String::new()))).collect(),
        ),
        Value::Object(map) => {
            toml::Value::Table(map.iter().filter_map(|(k, v)| Some((k.clone(), json_to_toml(v)?))).collect())
        }
    })
}

/// A count a per-heading-level parameter takes: -1 (any number), or 0 up to what a fix may write.
fn is_level_count(n: i64) -> bool {
    n == -1 || (0..=crate::rules::meta::MAX_WIDTH as i64).contains(&n)
}

/// What a parameter of `kind` takes, as a phrase.
fn takes(kind: ParamKind) -> String {
    match kind {
        ParamKind::Integer { max: None, .. } => "an integer of 0 or more".into(),
        ParamKind::Integer { max: Some(max), .. } => format!("an integer from 0 to {max}"),
        ParamKind::Boolean => "true or false".into(),
        ParamKind::String => "a string".into(),
        ParamKind::Choice(choices) => {
            let quoted: Vec<String> = choices.iter().map(|c| format!("\"{c}\"")).collect();
            format!("one of {}", quoted.join(", "))
        }
        ParamKind::Strings { .. } => "a list of strings".into(),
        ParamKind::Pattern { .. } => "a regular expression".into(),
        ParamKind::Limit => "an integer (0 or -1 for no limit)".into(),
        ParamKind::PerHeadingLevel => format!(
            "an integer from -1 (any number) to {max}, or a list of up to 6 of them (heading levels 1 to 6)",
            max = crate::rules::meta::MAX_WIDTH
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::registry::Registry;

    fn check(code: &str, name: &str, value: &str) -> Result<Value, String> {
        let meta = Registry::builtin().find(code).expect("a rule").meta();
        let param = meta.param(name).expect("a parameter");
        let value: toml::Table = toml::from_str(&format!("v = {value}")).expect("toml");
        to_json(meta, param, &value["v"])
    }

    #[test]
    fn values_of_their_kind_become_markdownlints_json() {
        assert_eq!(check("MD013", "line_length", "120"), Ok(Value::from(120)));
        assert_eq!(check("MD013", "strict", "true"), Ok(Value::Bool(true)));
        assert_eq!(check("MD003", "style", "\"atx\""), Ok(Value::from("atx")));
        assert_eq!(check("MD026", "punctuation", "\".?\""), Ok(Value::from(".?")));
        assert_eq!(check("MD044", "names", "[\"GitLab\"]"), Ok(serde_json::json!(["GitLab"])));
        assert_eq!(check("MD051", "ignored_pattern", "\"^top$\""), Ok(Value::from("^top$")));
        assert_eq!(check("MD013", "line_length", "-1"), Ok(Value::from(-1)));
        assert_eq!(check("MD022", "lines_above", "[1, -1, 2]"), Ok(serde_json::json!([1, -1, 2])));
        assert_eq!(check("MD022", "lines_below", "-1"), Ok(Value::from(-1)));
    }

    #[test]
    fn values_of_another_kind_say_what_the_parameter_takes() {
        let err = |code, name, value| check(code, name, value).expect_err("rejected");
        assert_eq!(
            err("MD013", "line_length", "\"long\""),
            "parameter 'line_length' of MD013 (line-length) takes an integer (0 or -1 for no limit), not \"long\""
        );
        assert!(err("MD013", "line_length", "1.5").ends_with("not 1.5"));
        assert!(err("MD012", "maximum", "-1").ends_with("not -1"));
        assert!(err("MD022", "lines_above", "[1, \"2\"]").contains("or a list of up to 6 of them"));
        assert!(err("MD022", "lines_above", "-2").contains("takes an integer from -1"));
        assert!(err("MD007", "indent", "5000").contains("takes an integer from 0 to 1000"));
        assert!(err("MD013", "strict", "1").contains("takes true or false"));
        assert!(err("MD003", "style", "\"atx-closed\"").contains("takes one of \"consistent\", \"atx\""));
        assert!(err("MD044", "names", "[\"a\", 1]").contains("takes a list of strings"));
        assert!(err("MD051", "ignored_pattern", "\"(\"").ends_with("\"(\" does not compile"));
    }

    #[test]
    fn unknown_parameters_list_the_known_ones() {
        let md012 = Registry::builtin().find("MD012").expect("MD012").meta();
        assert_eq!(
            unknown_parameter(md012, "max"),
            "unknown parameter 'max' for MD012 (no-multiple-blanks); its parameters: maximum"
        );
        let md011 = Registry::builtin().find("MD011").expect("MD011").meta();
        assert!(unknown_parameter(md011, "x").ends_with("it has no parameters"));
    }
}

//! The JSON Schema of `hblint.toml` (`hblint schema`): derived by schemars from the types the
//! file is read with (`raw`), then given the registry's rules, so an editor offers every rule
//! code under `[severity]` and each rule's parameters, typed, under `[rules.CODE]`. Rule names
//! and markdownlint aliases stay allowed as keys (hblint accepts them); only codes are listed.

use super::raw::RawConfig;
use crate::rules::meta::{Param, ParamKind, RuleMeta};
use crate::rules::registry::Registry;
use serde_json::{Map, Value, json};

/// The JSON Schema of `hblint.toml` with the rules of `registry`, pretty-printed.
pub fn json_schema(registry: &Registry) -> String {
    let mut schema = serde_json::to_value(schemars::schema_for!(RawConfig)).unwrap_or_default();
    drop_null_defaults(&mut schema);
    let metas: Vec<&RuleMeta> = registry.rules().iter().map(|r| r.meta()).collect();
    if let Some(severity) = schema.pointer_mut("/properties/severity") {
        let levels = severity.pointer("/additionalProperties").cloned().unwrap_or(Value::Bool(true));
        let known: Map<String, Value> = metas
            .iter()
            .map(|m| {
                let mut level = levels.clone();
                if let Some(object) = level.as_object_mut() {
                    object.insert("description".into(), describe(m).into());
                }
                (m.code.to_string(), level)
            })
            .collect();
        severity["properties"] = Value::Object(known);
    }
    if let Some(rules) = schema.pointer_mut("/properties/rules") {
        let known: Map<String, Value> = metas
            .iter()
            .filter(|m| !m.params.is_empty())
            .map(|m| {
                let params: Map<String, Value> =
                    m.params.iter().map(|p| (p.name.to_string(), param_schema(p))).collect();
                let table = json!({
                    "description": describe(m),
                    "type": "object",
                    "properties": params,
                    "additionalProperties": false,
                });
                (m.code.to_string(), table)
            })
            .collect();
        rules["properties"] = Value::Object(known);
    }
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}

/// What an editor shows for a rule: its code, name and summary.
fn describe(meta: &RuleMeta) -> String {
    format!("{} ({}): {}", meta.code, meta.name, meta.summary)
}

/// The schema of one rule parameter's value.
fn param_schema(param: &Param) -> Value {
    let mut schema = match param.kind {
        ParamKind::Integer { max, .. } => match max {
            Some(max) => json!({ "type": "integer", "minimum": 0, "maximum": max }),
            None => json!({ "type": "integer", "minimum": 0 }),
        },
        ParamKind::Boolean => json!({ "type": "boolean" }),
        ParamKind::String | ParamKind::Pattern { .. } => json!({ "type": "string" }),
        ParamKind::Choice(choices) => json!({ "type": "string", "enum": choices }),
        ParamKind::Strings { .. } => json!({ "type": "array", "items": { "type": "string" } }),
        ParamKind::Limit => json!({ "type": "integer" }),
        ParamKind::PerHeadingLevel => {
            let count = json!({ "type": "integer", "minimum": -1, "maximum": crate::rules::meta::MAX_WIDTH });
            json!({ "oneOf": [count, { "type": "array", "items": count, "maxItems": 6 }] })
        }
    };
    schema["description"] = param.doc.into();
    schema
}

/// Removes `"default": null`, which serde's `default` on an `Option` produces: TOML has no
/// null, and an editor would offer it as the value to write.
fn drop_null_defaults(value: &mut Value) {
    match value {
        Value::Object(object) => {
            if object.get("default").is_some_and(Value::is_null) {
                object.remove("default");
            }
            object.values_mut().for_each(drop_null_defaults);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_null_defaults),
        _ => {}
    }
}

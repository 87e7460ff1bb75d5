//! A markdownlint configuration object with its keys in the order they are written.
//! markdownlint applies a configuration's keys one after the other, so order decides:
//! `{"whitespace": false, "MD010": true}` turns every whitespace rule off but MD010, and the
//! same keys the other way round turn MD010 off too. serde_json's objects sort their keys, so
//! the top level is kept here as a list; values inside keep serde_json's form.

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::Value;

/// A configuration object's keys and values, in the order written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OrderedKeys(Vec<(String, Value)>);

impl OrderedKeys {
    /// The keys and values, in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&str, &Value)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let at = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.remove(at).1)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Adds `later`'s keys, as JavaScript's `{...this, ...later}` does: a key already here
    /// keeps its place and takes the later value, a new key goes last.
    pub fn merge(&mut self, later: OrderedKeys) {
        for (key, value) in later.0 {
            match self.0.iter_mut().find(|(k, _)| *k == key) {
                Some((_, old)) => *old = value,
                None => self.0.push((key, value)),
            }
        }
    }

    /// The keys of a YAML mapping, in order (`None` for any other YAML value).
    pub fn from_yaml(yaml: &yaml_rust2::Yaml, value_of: impl Fn(&yaml_rust2::Yaml) -> Value) -> Option<OrderedKeys> {
        let yaml_rust2::Yaml::Hash(hash) = yaml else { return None };
        Some(OrderedKeys(hash.iter().filter_map(|(k, v)| Some((yaml_key(k)?, value_of(v)))).collect()))
    }
}

/// A YAML mapping key as a JSON object key: strings, numbers and booleans (others are dropped).
pub fn yaml_key(key: &yaml_rust2::Yaml) -> Option<String> {
    use yaml_rust2::Yaml;
    match key {
        Yaml::String(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

impl FromIterator<(String, Value)> for OrderedKeys {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Self {
        let mut keys = OrderedKeys::default();
        keys.merge(OrderedKeys(iter.into_iter().collect()));
        keys
    }
}

impl<'de> Deserialize<'de> for OrderedKeys {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeysVisitor;
        impl<'de> Visitor<'de> for KeysVisitor {
            type Value = OrderedKeys;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of rule settings")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<OrderedKeys, A::Error> {
                let mut pairs = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, Value>()? {
                    pairs.push((key, value));
                }
                // A key written twice: JSON.parse keeps the first place and the last value.
                Ok(pairs.into_iter().collect())
            }
        }
        deserializer.deserialize_map(KeysVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_keep_their_order_and_merge_as_javascript_spreads() {
        let mut keys: OrderedKeys =
            serde_json::from_str(r#"{"whitespace": false, "MD010": true, "a": 1, "a": 2}"#).unwrap();
        assert_eq!(keys.iter().map(|(k, _)| k).collect::<Vec<_>>(), ["whitespace", "MD010", "a"]);
        assert_eq!(keys.get("a"), Some(&Value::from(2)));
        keys.merge(serde_json::from_str(r#"{"b": 3, "whitespace": true}"#).unwrap());
        assert_eq!(keys.iter().map(|(k, _)| k).collect::<Vec<_>>(), ["whitespace", "MD010", "a", "b"]);
        assert_eq!(keys.get("whitespace"), Some(&Value::Bool(true)));
        assert!(serde_json::from_str::<OrderedKeys>("[1]").is_err());
    }
}

//! `--statistics`: findings per rule, counted as files finish.

use crate::diagnostic::Finding;
use crate::rules::RuleMeta;
use std::collections::BTreeMap;

#[derive(Default)]
pub(super) struct Statistics {
    /// Per rule code: how many findings, the rule, and whether any of them is fixable.
    counts: BTreeMap<&'static str, (usize, &'static RuleMeta, bool)>,
}

impl Statistics {
    pub(super) fn add(&mut self, diagnostics: &[Finding]) {
        for d in diagnostics {
            let entry = self.counts.entry(d.diagnostic.rule.code).or_insert((0, d.diagnostic.rule, false));
            entry.0 += 1;
            entry.2 |= d.diagnostic.fix.is_some();
        }
    }

    /// Most frequent first; a JSON array when `json`, else a table.
    pub(super) fn render(&self, json: bool) -> String {
        let mut rows: Vec<_> = self.counts.values().collect();
        rows.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.code.cmp(b.1.code)));
        if json {
            let items: Vec<serde_json::Value> = rows
                .iter()
                .map(|(count, rule, fixable)| {
                    serde_json::json!({"code": rule.code, "name": rule.name, "count": count, "fixable": fixable})
                })
                .collect();
            let mut text = serde_json::to_string_pretty(&items).unwrap_or_default();
            text.push('\n');
            return text;
        }
        let width = rows.iter().map(|r| r.0.to_string().len()).max().unwrap_or(1);
        rows.iter()
            .map(|(count, rule, fixable)| {
                format!("{count:>width$}  {:<6} {:<3} {}\n", rule.code, if *fixable { "[*]" } else { "" }, rule.name)
            })
            .collect()
    }
}

//! `occurrence`: a token more than `max` or fewer than `min` times in one part of the scope.

use super::{CompileError, Kind, KindMatcher, RawRule, Reporter, alternation, build, shift};
use crate::page::Page;
use crate::page::scope::Scope;
use crate::rules::pack::words::is_embedded;
use regex::Regex;

pub static KIND: Kind =
    Kind { name: "occurrence", fields: &["tokens", "ignorecase", "nonword", "max", "min"], compile };

struct Occurrence {
    regex: Regex,
    nonword: bool,
    min: Option<usize>,
    max: Option<usize>,
}

fn compile(raw: &RawRule) -> Result<Box<dyn KindMatcher>, CompileError> {
    let tokens = raw.tokens(true)?.unwrap_or_default();
    if raw.min.is_none() && raw.max.is_none() {
        return Err(raw.needs("max' or 'min"));
    }
    let nonword = raw.nonword();
    let regex = build(&alternation(&tokens, nonword), raw.ignorecase()).map_err(|e| (None, e))?;
    Ok(Box::new(Occurrence { regex, nonword, min: raw.min, max: raw.max }))
}

impl KindMatcher for Occurrence {
    fn fixes(&self) -> bool {
        false
    }

    fn check(&self, page: &Page<'_>, scope: Scope, report: &mut Reporter<'_, '_>) {
        let text = page.source.text.as_str();
        for segment in scope.segments(page) {
            let seg = &text[segment.start..segment.end];
            let found: Vec<regex::Match<'_>> =
                self.regex.find_iter(seg).filter(|m| self.nonword || !is_embedded(seg, m.start(), m.end())).collect();
            let count = found.len();
            let vars = |k: &str| match k {
                "count" => Some(count.to_string()),
                "match" => found.first().map(|m| m.as_str().to_string()),
                _ => None,
            };
            if let Some(max) = self.max
                && count > max
            {
                let m = found[max];
                report.report(shift(segment, m.start(), m.end()), &vars, None);
            } else if let Some(min) = self.min
                && count < min
            {
                report.report(segment, &vars, None);
            }
        }
    }
}

//! `substitution`: a wrong spelling from `swap` (wrong = right) is reported with its right one
//! and fixed; with `dictionary = "typos"` the word list is typos-dict's (see `dictionary.rs`).

use super::dictionary::Dictionary;
use super::{CompileError, Kind, KindMatcher, RawRule, Reporter, alternation, build, scoped_matches, shift};
use crate::diagnostic::Edit;
use crate::page::Page;
use crate::page::scope::Scope;
use crate::rules::pack::case::{apply_case, is_all_caps};
use crate::rules::pack::template::capture;
use crate::rules::pack::words::{Word, is_embedded, is_quoted};
use regex::Regex;
use std::collections::HashMap;

pub static KIND: Kind = Kind {
    name: "substitution",
    fields: &["swap", "dictionary", "ignorecase", "nonword", "preserve-case", "exceptions"],
    compile,
};

struct Substitution {
    regex: Regex,
    /// Right spellings by wrong one (lowercased when `ignorecase`).
    swap: HashMap<String, String>,
    ignorecase: bool,
    preserve_case: bool,
    nonword: bool,
}

fn compile(raw: &RawRule) -> Result<Box<dyn KindMatcher>, CompileError> {
    let preserve_case = raw.preserve_case.unwrap_or(true);
    let (ignorecase, nonword) = (raw.ignorecase(), raw.nonword());
    match (&raw.swap, &raw.dictionary) {
        (Some(_), Some(d)) => Err((Some(d.span().start), "use either 'swap' or 'dictionary', not both".into())),
        (None, Some(d)) if d.get_ref() == "typos" => Ok(Box::new(Dictionary::new(preserve_case, &raw.exceptions))),
        (None, Some(d)) => Err((Some(d.span().start), format!("unknown dictionary '{}' (known: typos)", d.get_ref()))),
        (None, None) => Err(raw.needs("swap")),
        (Some(swap), None) => {
            if swap.get_ref().is_empty() {
                return Err((Some(swap.span().start), "'swap' is empty".into()));
            }
            // An empty key matches between every two characters: `--fix` would insert its
            // replacement everywhere, and again on every run.
            if swap.get_ref().contains_key("") {
                return Err((Some(swap.span().start), "'swap' has an empty key, which would match everywhere".into()));
            }
            let keys: Vec<String> = swap.get_ref().keys().map(|k| regex::escape(k)).collect();
            let regex = build(&alternation(&keys, nonword), ignorecase).map_err(|e| (Some(swap.span().start), e))?;
            let swap = swap
                .get_ref()
                .iter()
                .map(|(k, v)| (if ignorecase { k.to_lowercase() } else { k.clone() }, v.clone()))
                .collect();
            Ok(Box::new(Substitution { regex, swap, ignorecase, preserve_case, nonword }))
        }
    }
}

impl KindMatcher for Substitution {
    fn fixes(&self) -> bool {
        true
    }

    fn check(&self, page: &Page<'_>, scope: Scope, report: &mut Reporter<'_, '_>) {
        let text = page.source.text.as_str();
        for (segment, caps) in scoped_matches(&self.regex, text, &scope.segments(page)) {
            let Some(whole) = caps.get(0) else { continue };
            let seg = &text[segment.start..segment.end];
            let m = Word::new(seg, whole.start() - segment.start, whole.end() - segment.start);
            if !self.nonword && is_embedded(seg, m.start(), m.end()) {
                continue;
            }
            let found = m.as_str();
            let key = if self.ignorecase { found.to_lowercase() } else { found.to_string() };
            let Some(right) = self.swap.get(&key) else { continue };
            // ALL-CAPS text (legal notices, shouting) keeps its case, and quoted text
            // ("Gitlab Internal Only", a UI label) must match the outside system.
            if !self.preserve_case && (is_all_caps(found) || is_quoted(seg, m.start())) {
                continue;
            }
            let right = if self.preserve_case { apply_case(found, right) } else { right.clone() };
            if right == found {
                continue;
            }
            let span = shift(segment, m.start(), m.end());
            let vars = |k: &str| if k == "replacement" { Some(right.clone()) } else { capture(&caps, k) };
            report.report(span, &vars, Some(vec![Edit { span, replacement: right.clone() }]));
        }
    }
}

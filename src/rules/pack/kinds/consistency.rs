//! `consistency`: two spellings of one `either` group in one file; the less used one is
//! reported.

use super::{CompileError, Kind, KindMatcher, RawRule, Reporter, alternation, build, shift};
use crate::page::Page;
use crate::page::scope::Scope;
use crate::rules::pack::words::is_embedded;
use crate::source::Span;
use regex::Regex;

pub static KIND: Kind = Kind { name: "consistency", fields: &["either", "ignorecase", "nonword"], compile };

struct Consistency {
    /// Per `either` entry: a regex finding any spelling, and the spellings (lowercased when
    /// `ignorecase`).
    groups: Vec<(Regex, Vec<String>)>,
    ignorecase: bool,
    nonword: bool,
}

fn compile(raw: &RawRule) -> Result<Box<dyn KindMatcher>, CompileError> {
    let Some(either) = &raw.either else { return Err(raw.needs("either")) };
    let (ignorecase, nonword) = (raw.ignorecase(), raw.nonword());
    let mut groups = Vec::new();
    for variants in either {
        if variants.len() < 2 {
            return Err((None, "each 'either' entry lists two or more spellings".into()));
        }
        let keys: Vec<String> = variants.iter().map(|v| regex::escape(v)).collect();
        let regex = build(&alternation(&keys, nonword), ignorecase).map_err(|e| (None, e))?;
        let variants = variants.iter().map(|v| if ignorecase { v.to_lowercase() } else { v.clone() }).collect();
        groups.push((regex, variants));
    }
    Ok(Box::new(Consistency { groups, ignorecase, nonword }))
}

impl KindMatcher for Consistency {
    fn fixes(&self) -> bool {
        false
    }

    fn check(&self, page: &Page<'_>, scope: Scope, report: &mut Reporter<'_, '_>) {
        let text = page.source.text.as_str();
        let segments = scope.segments(page);
        for (regex, variants) in &self.groups {
            // (variant index, span, text) of every use, in document order.
            let mut uses: Vec<(usize, Span, String)> = Vec::new();
            for segment in &segments {
                let seg = &text[segment.start..segment.end];
                for m in regex.find_iter(seg) {
                    if !self.nonword && is_embedded(seg, m.start(), m.end()) {
                        continue;
                    }
                    let key = if self.ignorecase { m.as_str().to_lowercase() } else { m.as_str().to_string() };
                    if let Some(v) = variants.iter().position(|v| *v == key) {
                        uses.push((v, shift(*segment, m.start(), m.end()), m.as_str().to_string()));
                    }
                }
            }
            let mut counts = vec![0usize; variants.len()];
            for (v, _, _) in &uses {
                counts[*v] += 1;
            }
            if counts.iter().filter(|c| **c > 0).count() < 2 {
                continue;
            }
            // The spelling used most wins; on a tie, the one used first.
            let best = counts.iter().copied().max().unwrap_or(0);
            let winner = uses.iter().find(|(v, _, _)| counts[*v] == best).map_or(0, |(v, _, _)| *v);
            let winner_text = uses.iter().find(|(v, _, _)| *v == winner).map(|u| u.2.clone()).unwrap_or_default();
            for (v, span, found) in &uses {
                if *v != winner {
                    let vars = |k: &str| match k {
                        "match" => Some(found.clone()),
                        "other" => Some(winner_text.clone()),
                        _ => None,
                    };
                    report.report(*span, &vars, None);
                }
            }
        }
    }
}

//! `existence`: any of `tokens` (regexes) is reported where it appears.

use super::{CompileError, Kind, KindMatcher, RawRule, Reporter, alternation, build, scoped_matches};
use crate::page::Page;
use crate::page::scope::Scope;
use crate::rules::pack::template::capture;
use crate::rules::pack::words::is_embedded;
use crate::source::Span;
use regex::Regex;

pub static KIND: Kind = Kind { name: "existence", fields: &["tokens", "ignorecase", "nonword"], compile };

struct Existence {
    regex: Regex,
    nonword: bool,
}

fn compile(raw: &RawRule) -> Result<Box<dyn KindMatcher>, CompileError> {
    let tokens = raw.tokens(true)?.unwrap_or_default();
    let nonword = raw.nonword();
    let regex = build(&alternation(&tokens, nonword), raw.ignorecase()).map_err(|e| (None, e))?;
    Ok(Box::new(Existence { regex, nonword }))
}

impl KindMatcher for Existence {
    fn fixes(&self) -> bool {
        false
    }

    fn check(&self, page: &Page<'_>, scope: Scope, report: &mut Reporter<'_, '_>) {
        let text = page.source.text.as_str();
        for (segment, caps) in scoped_matches(&self.regex, text, &scope.segments(page)) {
            let Some(m) = caps.get(0) else { continue };
            let seg = &text[segment.start..segment.end];
            let (start, end) = (m.start() - segment.start, m.end() - segment.start);
            if !self.nonword && is_embedded(seg, start, end) {
                continue;
            }
            report.report(Span::new(m.start(), m.end()), &|k| capture(&caps, k), None);
        }
    }
}

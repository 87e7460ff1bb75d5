//! `capitalization`: headings in another style than `style` (`sentence`, `title` or a regex the
//! heading text must match).

use super::{CompileError, Kind, KindMatcher, RawRule, Reporter, build};
use crate::page::Page;
use crate::page::scope::Scope;
use crate::rules::pack::case::{sentence_case, title_case};
use regex::Regex;

pub static KIND: Kind = Kind { name: "capitalization", fields: &["style", "exceptions"], compile };

/// Heading styles.
enum Style {
    Sentence,
    Title,
    Pattern(Regex),
}

struct Capitalization {
    style: Style,
    /// Words that keep their own case in any style.
    exceptions: Vec<String>,
}

fn compile(raw: &RawRule) -> Result<Box<dyn KindMatcher>, CompileError> {
    let Some(style) = &raw.style else { return Err(raw.needs("style")) };
    let style = match style.get_ref().as_str() {
        "sentence" => Style::Sentence,
        "title" => Style::Title,
        pattern => Style::Pattern(build(pattern, false).map_err(|e| (Some(style.span().start), e))?),
    };
    if raw.scope.heading_level().is_none() {
        return Err((
            None,
            "kind 'capitalization' applies to a heading scope (heading, heading.h1 … heading.h6)".into(),
        ));
    }
    Ok(Box::new(Capitalization { style, exceptions: raw.exceptions.clone().unwrap_or_default() }))
}

impl KindMatcher for Capitalization {
    fn fixes(&self) -> bool {
        false
    }

    fn check(&self, page: &Page<'_>, scope: Scope, report: &mut Reporter<'_, '_>) {
        let want = scope.heading_level().unwrap_or(0);
        for heading in &page.headings {
            if want != 0 && heading.level != want || heading.text.is_empty() {
                continue;
            }
            let expected = match &self.style {
                Style::Sentence => sentence_case(&heading.text, &self.exceptions),
                Style::Title => title_case(&heading.text, &self.exceptions),
                Style::Pattern(regex) => {
                    if regex.is_match(&heading.text) {
                        continue;
                    }
                    String::new()
                }
            };
            if !matches!(self.style, Style::Pattern(_)) && expected == heading.text {
                continue;
            }
            let vars = |k: &str| match k {
                "match" => Some(heading.text.clone()),
                "replacement" => Some(expected.clone()),
                _ => None,
            };
            report.report(heading.text_span, &vars, None);
        }
    }
}

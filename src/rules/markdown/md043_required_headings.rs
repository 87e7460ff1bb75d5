//! MD043 required-headings.

use super::headings::heading_text;
use crate::page::Page;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;
use regex::Regex;
use std::sync::LazyLock;

const HEADINGS: Param = Param::strings(
    "headings",
    &[],
    "the headings required, in order (`*`: any number of headings, `+`: one or more, `?`: one)",
)
.unset_by_default()
.keeping_non_strings();
const MATCH_CASE: Param = Param::boolean("match_case", false, "compare headings case-sensitively");

pub static META: RuleMeta = RuleMeta {
    code: "MD043",
    name: "required-headings",
    group: Group::Markdown,
    summary: "required heading structure",
    docs: r###"## What it does
markdownlint's MD043: the page's headings must follow `headings`, a list such as
`["# Title", "## Overview", "*", "## Contact"]`: `*` stands for zero or more unspecified
headings, `+` for one or more, `?` for exactly one, `%` instead of the `#`s makes the text a
regular expression (`"%% ^v\\d+$"`), and `^` loops back to the previous matching `^` marker
(for repeated sections). Text is compared case-insensitively unless `match_case`. The first
heading out of place is reported, or the last line of the page when required headings are
missing. Without `headings` the rule does nothing.

## Why is this bad?
Pages of one kind (job families, runbooks, team pages) are easier to read and to maintain when
they share one structure.

## Example
With `headings: ["# Title", "## Overview", "*"]`:

```markdown
# Title

## Summary
```

## Use instead
```markdown
# Title

## Overview

## Summary
```
"###,
    severity: Severity::Warning,
    fix: false,
    params: &[HEADINGS, MATCH_CASE],
};

/// Headings that do not follow the required structure.
pub struct RequiredHeadings;

static ITEM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:[*+?]|\^+|[#%]{1,6}\s+\S.*)$").expect("valid"));
static PREFIXED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^([#%]{1,6})\s+(\S.*)$").expect("valid"));
static LOOP: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\^+$").expect("valid"));
static CAN_MATCH_NOTHING: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:\*|\^+)$").expect("valid"));

const MAXIMUM_LOOPS: i64 = 1000;

/// markdownlint's `headingIsExpected`.
fn is_expected(actual: &str, expected: &str, match_case: bool) -> bool {
    if expected.starts_with('%') {
        let (Some(a), Some(e)) = (PREFIXED.captures(actual), PREFIXED.captures(expected)) else { return false };
        let (Some(actual_level), Some(actual_text), Some(expected_level), Some(pattern)) =
            (a.get(1), a.get(2), e.get(1), e.get(2))
        else {
            return false;
        };
        let flags = if match_case { "" } else { "(?i)" };
        return actual_level.len() == expected_level.len()
            && crate::rules::params::parameter_regex(&format!("{flags}{}", pattern.as_str()))
                .is_some_and(|re| re.is_match(actual_text.as_str()));
    }
    if match_case { actual == expected } else { actual.to_lowercase() == expected.to_lowercase() }
}

impl Rule for RequiredHeadings {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        let Some(items) = params.strings(&HEADINGS) else { return };
        let required: Vec<String> = items
            .iter()
            .map(|item| if ITEM.is_match(item) { item.clone() } else { "[Invalid syntax]".to_string() })
            .collect();
        let match_case = params.flag(&MATCH_CASE);
        let mut i = 0usize;
        let mut loops_left = MAXIMUM_LOOPS;
        let mut any_match_fallback = false;
        let mut has_error = false;
        let get_expected = |i: &mut usize, skip_loops: bool| loop {
            let expected = required.get(*i).cloned().unwrap_or_else(|| "[No heading]".to_string());
            *i += 1;
            if !(skip_loops && LOOP.is_match(&expected)) {
                break expected;
            }
        };
        for heading in &page.headings {
            let actual = format!("{} {}", "#".repeat(heading.level as usize), heading_text(page, heading));
            let mut expected = get_expected(&mut i, false);
            if expected.starts_with('^') {
                let current = i;
                let next_expected = get_expected(&mut i, true);
                if is_expected(&actual, &next_expected, match_case) {
                    expected = next_expected;
                } else {
                    loops_left -= 1;
                    // Loop back to the previous matching marker, if there is one.
                    match (0..current.saturating_sub(1)).rev().find(|&j| required[j] == expected) {
                        Some(j) => {
                            i = j + 1;
                            expected = get_expected(&mut i, false);
                        }
                        None => expected = next_expected,
                    }
                }
            }
            if loops_left < 0 {
                out.report(heading.span, format!("the required headings loop more than {MAXIMUM_LOOPS} times"))
                    .help("check the '^' markers of the headings parameter");
                has_error = true;
                break;
            } else if expected == "*" {
                let next_expected = get_expected(&mut i, true);
                if !is_expected(&actual, &next_expected, match_case) {
                    any_match_fallback = true;
                    i -= 1;
                }
            } else if expected == "+" {
                any_match_fallback = true;
            } else if expected == "?" {
            } else if is_expected(&actual, &expected, match_case) {
                any_match_fallback = false;
            } else if any_match_fallback {
                i -= 1;
            } else {
                let line_end = page.slice(heading.span).find('\n').map_or(heading.span.end, |n| heading.span.start + n);
                out.report(
                    Span::new(heading.span.start, line_end),
                    format!("heading '{actual}' where the required headings expect '{expected}'"),
                )
                .help("follow the heading structure of the headings parameter");
                has_error = true;
                break;
            }
        }
        if has_error {
            return;
        }
        if let Some(missing) = required.get(i..).unwrap_or(&[]).iter().find(|h| !CAN_MATCH_NOTHING.is_match(h)) {
            let text = page.source.text.as_str();
            let last = page.lines.line_start(page.lines.line_count() - 1);
            out.report(Span::new(last, text.len()), format!("the page ends without the required heading '{missing}'"))
                .help("add the missing headings of the headings parameter");
        }
    }
}

//! IL003 gendered-pronoun: "he", "she", "his/her" and the like where "they" serves everyone.

use super::page_scope::{self, PAGES};
use crate::diagnostic::Edit;
use crate::page::Page;
use crate::rules::pack::words::{is_embedded, is_quoted, starts_sentence};
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;
use regex::Regex;
use std::sync::LazyLock;

pub static META: RuleMeta = RuleMeta {
    code: "IL003",
    name: "gendered-pronoun",
    group: Group::Inclusive,
    summary: "a gendered pronoun (he, she, his, her, him, hers, himself, herself, he/she, s/he)",
    docs: r#"## What it does
Reports the gendered pronouns "he", "she", "his", "her", "him", "hers", "himself" and "herself",
and the pairs written to cover two genders ("he/she", "s/he", "(s)he", "he or she", "his/her",
"his or her", "him/her", "himself or herself", in either order), in the prose of a page, and
names the form of "they" to use instead: "they", "their", "them", "theirs", "themselves".

A pair that stands for a possessive or an object ("his/her", "his or her", "him or her",
"himself or herself") has one right replacement ("their", "them", "themselves") and is fixed
with `--fix`. Nothing else is fixed: "he" and "she" need the verb changed too ("he is" → "they
are"), and "her" is "their" or "them" depending on the sentence.

Not reported: a single pronoun in a paragraph or list item that names a team member before it
(a link to the team page, a linked "First Last" name, an @-mention), which is that person's own
pronoun; code, link targets and HTML (they are not prose); text in double quotes, which
this rule takes to be a quoted title or a quotation (the film "Her", a quoted remark); a
capitalized pronoun that does not start a sentence, which is a name or a title ("Yang He",
*Her*); all-caps words; a pronoun glued to a path or an identifier.

By default only job-family pages are checked (what the handbook's CI job checked); set `pages`
to `all` for every page. A page on the skip list (`data/inclusiveness_check.yml`) gets no
inclusive-language finding.

## Why is this bad?
A job description that says "he" describes the candidate it expects. The handbook's job-family
pipeline fails on any gendered pronoun: "we want to be inclusive to all".

## Example
```markdown
The manager reviews his or her team's plans. He reports to the director.
```

## Use instead
```markdown
The manager reviews their team's plans. They report to the director.
```

## Known limits
Pronouns of a person named without a link or mention ("Sid prefers to walk, even if his
calendar says…"), of personas, or about pregnancy are reported. Job-family pages rarely have
them; other handbook pages often do, so `pages = "all"` is much less precise (on the handbook
corpus about half of the hits are such pronouns). Skip such a page on the skip list or use an
inline `hblint-disable-next-line IL003` comment.

On the corpus's job-family pages (skip list left out) the rule gives 16 findings, each read:
all are pronouns of a generic person ("he/she sees as challenging", "enabling him or her to
manage"); two pronouns of team members named in a linked interview are not reported.
"#,
    severity: Severity::Error,
    fix: true,
    params: &[PAGES],
};

/// Gendered pronouns in prose.
pub struct GenderedPronoun;

/// The pairs first (leftmost-first alternation), then the single words.
static PRONOUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \(s\)he(?-u:\b)
        | (?-u:\b)(?:
            s/he | he\s*/\s*she | she\s*/\s*he | he\s+or\s+she | she\s+or\s+he
          | his\s*/\s*hers | hers\s*/\s*his | his\s*/\s*her | her\s*/\s*his
          | his\s+or\s+hers | his\s+or\s+her | her\s+or\s+his
          | him\s*/\s*her | her\s*/\s*him | him\s+or\s+her | her\s+or\s+him
          | himself\s*/\s*herself | herself\s*/\s*himself | himself\s+or\s+herself | herself\s+or\s+himself
          | himself | herself | hers | his | him | her | he | she
        )(?-u:\b)",
    )
    .expect("valid")
});

/// A named team member in the text before a pronoun: a link to the team page, a linked
/// "First Last" name, or an @-mention. A single pronoun after one is that person's own.
static NAMED_PERSON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/company/team/|\[[A-Z][a-z]+(?: [A-Z][A-Za-z'-]+)+\]\(|(?:^|[\s(`])@[A-Za-z0-9_.-]+").expect("valid")
});

/// Whether the paragraph or list item holding byte `at` of `source` names a person before it.
fn names_a_person_before(source: &str, at: usize) -> bool {
    let window = crate::source::floor_char_boundary(source, at.saturating_sub(1500));
    let before = &source[window..at];
    // A blank line ends a paragraph, with LF or CRLF line endings.
    let start = [("\n\n", 2), ("\n\r\n", 3)]
        .iter()
        .filter_map(|(blank, len)| before.rfind(blank).map(|i| i + len))
        .max()
        .unwrap_or(0);
    let item = before.rfind("\n* ").or_else(|| before.rfind("\n- ")).map_or(0, |i| i + 1);
    NAMED_PERSON.is_match(&before[start.max(item)..])
}

/// What to write instead of a (lowercased, space-folded) match, and whether that is certain.
fn replacement(found: &str) -> (&'static str, bool) {
    let words: Vec<&str> = found.split(|c: char| c == '/' || c.is_whitespace()).filter(|w| !w.is_empty()).collect();
    let pair = words.len() > 1 || found.contains("(s)");
    let has = |w: &str| words.contains(&w);
    if has("himself") || has("herself") {
        ("themselves", pair)
    } else if has("hers") {
        ("theirs", false)
    } else if has("his") {
        // "his/her" is a possessive determiner; "his" alone may be "theirs" ("the idea is his").
        if pair { ("their", true) } else { ("their", false) }
    } else if has("him") {
        ("them", pair)
    } else if has("he") || has("she") || found.contains("(s)") || found == "s/he" {
        ("they", false)
    } else {
        // "her" alone: "their" before a noun, "them" as an object.
        ("their", false)
    }
}

/// The help for a replacement.
fn advice(found: &str, instead: &str) -> String {
    match instead {
        "they" => "write \"they\" and make the verb agree (\"they are\", \"they lead\")".to_string(),
        "their" if found == "her" => "write \"their\" before a noun or \"them\" as an object".to_string(),
        "their" if found == "his" => "write \"their\" before a noun, \"theirs\" on its own".to_string(),
        other => format!("write \"{other}\""),
    }
}

/// `replacement` with the first letter's case of `found`.
fn with_case_of(found: &str, replacement: &str) -> String {
    if found.starts_with(|c: char| c.is_uppercase()) {
        let mut chars = replacement.chars();
        chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
    } else {
        replacement.to_string()
    }
}

impl Rule for GenderedPronoun {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        if !page_scope::applies(page, params) {
            return;
        }
        let source = page.source.text.as_str();
        for segment in page_scope::prose_segments(page) {
            let text = page.slice(segment);
            for m in PRONOUN.find_iter(text) {
                let found = m.as_str();
                if is_embedded(text, m.start(), m.end()) || is_quoted(text, m.start()) {
                    continue;
                }
                // All caps is an acronym or a heading shout, not a pronoun ("HE" for higher
                // education); a capital inside a sentence is a name or a title.
                let letters: Vec<char> = found.chars().filter(|c| c.is_alphabetic()).collect();
                if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
                    continue;
                }
                let absolute = segment.start + m.start();
                if found.starts_with(|c: char| c.is_uppercase()) && !starts_sentence(source, absolute) {
                    continue;
                }
                let folded = found.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
                let (instead, certain) = replacement(&folded);
                // "he/she" never means one person; "him" after "[Nick Malcolm](/company/team/…)"
                // is his own pronoun.
                let pair = folded.contains(['/', '(', ' ']);
                if !pair && names_a_person_before(source, absolute) {
                    continue;
                }
                let span = Span::new(absolute, segment.start + m.end());
                let shown = found.split_whitespace().collect::<Vec<_>>().join(" ");
                let diagnostic = out.report(span, format!("gendered pronoun '{shown}'"));
                diagnostic.help(advice(&folded, instead));
                if certain {
                    diagnostic.fix(vec![Edit { span, replacement: with_case_of(found, instead) }]);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_possessive_and_object_pairs_are_certain() {
        assert_eq!(replacement("his/her"), ("their", true));
        assert_eq!(replacement("him or her"), ("them", true));
        assert_eq!(replacement("himself or herself"), ("themselves", true));
        assert_eq!(replacement("he or she"), ("they", false));
        assert_eq!(replacement("s/he"), ("they", false));
        assert_eq!(replacement("her"), ("their", false));
        assert_eq!(replacement("his"), ("their", false));
        assert_eq!(with_case_of("His/her", "their"), "Their");
    }
}

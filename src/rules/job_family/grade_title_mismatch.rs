//! JF005 grade-title-mismatch.

use crate::page::Page;
use crate::page::job_family::Grade;
use crate::page::levels::{TitleWords, analyze};

use crate::rules::{Group, Rule, RuleMeta, Severity, Sink};

pub static META: RuleMeta = RuleMeta {
    code: "JF005",
    name: "grade-title-mismatch",
    group: Group::JobFamily,
    summary: "the subject of a grade sentence names another level than its heading",
    docs: r#"## What it does
Compares the subject of a level's grade sentence ("The Senior Data Analyst is a grade 7") with the
level's heading. Seniority words (Junior, Associate, Senior, Lead, Staff, Principal,
Distinguished, Fellow, Manager, Director, VP…; "Sr." counts as Senior) must be the same, and the
other words must be the same set. Word order, punctuation, an omitted "(Intermediate)" and generic
subjects ("The role", "This position") are fine.

## Why is this bad?
A grade sentence that names another level is a copy-paste from the level above or below: the
grade next to it is then often the copied one too, and readers cannot tell which is meant.

## Example
```markdown
## Staff Data Analyst
### Job Grade
The Senior Data Analyst is a [grade 8](…).
```

## Use instead
```markdown
## Staff Data Analyst
### Job Grade
The Staff Data Analyst is a [grade 8](…).
```
"#,
    severity: Severity::Error,
    fix: false,
    params: &[],
};

/// Grade sentences about another level.
pub struct GradeTitleMismatch;

/// Subjects that name no level at all.
fn is_generic(subject: &TitleWords) -> bool {
    subject.seniority.is_empty()
        && subject.words.iter().all(|w| matches!(w.as_str(), "this" | "job" | "team" | "member" | "it" | "person"))
}

/// Whether a grade sentence's subject names another level than the heading.
///
/// Seniority words must match, except that a heading made only of seniority words ("Staff")
/// leaves the family words implied. Other words may be omitted on either side (a subject
/// shortens "Manager, Brand Strategy and Growth" to "Manager, Brand Strategy"), may be an acronym
/// of the heading's words ("CSE" for "Customer Success Engineer"), or a misspelling of them
/// ("Progam"); the misspelling is the typo rules' business, not a level mismatch.
pub fn names_other_level(subject: &str, title: &str) -> bool {
    // A parenthetical in the heading ("(Risk Manager)", "(Junior)", "(PBP)") is an aside the
    // sentence may leave out; a subject ending in "role" names the family, not a level.
    let without_aside = strip_parentheticals(title);
    let names_family_role = {
        let lower = subject.trim().to_lowercase();
        lower.ends_with(" role") || lower.ends_with(" position")
    };
    if names_family_role && analyze(subject).seniority.is_empty() {
        return false;
    }
    differs(subject, title) && (without_aside == title || differs(subject, &without_aside))
}

fn strip_parentheticals(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn differs(subject: &str, title: &str) -> bool {
    let said = analyze(subject);
    let heading = analyze(title);
    if is_generic(&said) {
        return false;
    }
    let acronym_hides_manager = |a: &TitleWords, b: &TitleWords| {
        b.seniority.contains("manager")
            && !a.seniority.contains("manager")
            && a.words.iter().any(|w| w.len() >= 2 && w.ends_with('m') && is_acronym_in(w, title, subject))
    };
    let mut said_seniority = said.seniority.clone();
    let mut heading_seniority = heading.seniority.clone();
    if acronym_hides_manager(&said, &heading) {
        heading_seniority.remove("manager");
    }
    if acronym_hides_manager(&heading, &said) {
        said_seniority.remove("manager");
    }
    if said_seniority != heading_seniority {
        return true;
    }
    if heading.words.is_empty() || said.words.is_empty() {
        return false;
    }
    let only_said: Vec<&String> = said.words.iter().filter(|w| !heading.words.contains(*w)).collect();
    let only_heading: Vec<&String> = heading.words.iter().filter(|w| !said.words.contains(*w)).collect();
    if only_said.is_empty() || only_heading.is_empty() {
        return false;
    }
    // Every word only the subject has must be unexplained by the heading's words.
    !only_said.iter().all(|w| is_acronym_in(w, title, subject) || only_heading.iter().any(|h| is_near_spelling(w, h)))
}

/// "cse" is an acronym of consecutive words of `title` ("Customer Success Engineer"), or of
/// the words of `subject` itself when it spells out the acronym beside it.
fn is_acronym_in(word: &str, title: &str, subject: &str) -> bool {
    let letters: Vec<char> = word.chars().collect();
    if letters.len() < 2 || letters.len() > 6 {
        return false;
    }
    [title, subject].iter().any(|text| {
        let initials: Vec<char> = crate::page::levels::words(text).iter().filter_map(|w| w.chars().next()).collect();
        initials.windows(letters.len()).any(|w| w == letters.as_slice())
    })
}

/// Two spellings of one word: an edit distance of at most 2 on words of 5+ letters, or a shared
/// stem ("system"/"systems").
fn is_near_spelling(a: &str, b: &str) -> bool {
    if a.len() < 4 || b.len() < 4 {
        return false;
    }
    edit_distance(a, b) <= if a.len().min(b.len()) >= 5 { 2 } else { 1 }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut row = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            row[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(row[j] + 1);
        }
        prev = row;
    }
    prev[b.len()]
}

impl Rule for GradeTitleMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, _params: &crate::rules::Params, out: &mut Sink<'_>) {
        let Some(job) = &page.job else { return };
        for level in &job.levels {
            let (Grade::Stated(grade), Some(_)) = (&level.grade, level.heading) else { continue };
            let Some((subject, _)) = &grade.subject else { continue };
            if names_other_level(subject, &level.title) {
                out.report(
                    grade.sentence_span,
                    format!("grade sentence names '{subject}' but the level is '{}'", level.title),
                )
                .label(level.span, "the level's heading")
                .help(format!("write 'The {} is a …', or check that the grade belongs to this level", level.title));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::names_other_level;

    #[test]
    fn mismatches() {
        assert!(names_other_level("Senior Data Analyst", "Staff Data Analyst"));
        assert!(names_other_level("IT Systems Engineer", "Senior IT Systems Engineer"));
        assert!(names_other_level("Security Incident Response Team Senior Manager", "Senior Manager, Red Team"));
    }

    #[test]
    fn not_mismatches() {
        assert!(!names_other_level("Marketing Operations Manager", "Marketing Operations Manager (Intermediate)"));
        assert!(!names_other_level("Staff UX Researcher", "Staff"));
        assert!(!names_other_level("Business System Analyst", "Business Systems Analyst"));
        assert!(!names_other_level("Manager, Brand Strategy and Growth", "Manager, Brand Strategy"));
        assert!(!names_other_level("Staff CSE", "Staff Customer Success Engineer"));
        assert!(!names_other_level("CSM (Intermediate)", "Customer Success Manager (CSM) (Intermediate)"));
        assert!(!names_other_level("role", "Senior Data Analyst"));
        assert!(!names_other_level("Staff Security Risk Engineer", "Staff Security Risk Engineer (Risk Manager)"));
        assert!(!names_other_level("IT Compliance role", "Manager, IT Compliance"));
    }
}

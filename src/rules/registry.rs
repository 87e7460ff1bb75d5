//! The table of built-in rules and rule selection.

use super::{Rule, RuleMeta, front_matter, job_family, prose};

/// Every built-in rule, sorted by code.
pub static BUILTIN: &[&dyn Rule] = &[
    &front_matter::BrokenFrontMatter,
    &job_family::missing_job_grade::MissingJobGrade,
    &job_family::non_monotonic_grades::NonMonotonicGrades,
    &job_family::duplicate_bullet::DuplicateBullet,
    &job_family::inherited_duplicate_bullet::InheritedDuplicateBullet,
    &job_family::grade_title_mismatch::GradeTitleMismatch,
    &prose::slash_typo::SlashTypo,
];

/// Finds a rule by code (case-insensitive) or kebab name.
pub fn find(key: &str) -> Option<&'static dyn Rule> {
    BUILTIN.iter().copied().find(|r| r.meta().code.eq_ignore_ascii_case(key) || r.meta().name == key)
}

/// Resolves a selector: a code ("JF002"), a code prefix ("JF"), a name or a group name
/// ("job-family"). Returns the matching rules, or an error naming the unknown selector.
pub fn select(selector: &str) -> Result<Vec<&'static dyn Rule>, String> {
    let key = selector.trim();
    let matched: Vec<&'static dyn Rule> = BUILTIN
        .iter()
        .copied()
        .filter(|r| {
            let m: &RuleMeta = r.meta();
            m.code.eq_ignore_ascii_case(key)
                || m.name == key
                || m.group.as_str() == key
                || (!key.is_empty()
                    && key.chars().all(|c| c.is_ascii_alphanumeric())
                    && m.code.to_ascii_uppercase().starts_with(&key.to_ascii_uppercase()))
        })
        .collect();
    if matched.is_empty() {
        Err(format!("unknown rule or group '{selector}' (see 'hblint rules')"))
    } else {
        Ok(matched)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_is_sorted_and_unique() {
        let codes: Vec<&str> = BUILTIN.iter().map(|r| r.meta().code).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(codes, sorted);
    }

    #[test]
    fn selectors() {
        assert_eq!(select("JF").unwrap().len(), 5);
        assert_eq!(select("jf002").unwrap()[0].meta().name, "non-monotonic-grades");
        assert_eq!(select("slash-typo").unwrap()[0].meta().code, "PR001");
        assert_eq!(select("prose").unwrap().len(), 1);
        assert!(select("XX9").is_err());
    }
}

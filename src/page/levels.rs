//! Level titles as words: the seniority words of a title and the rest, so that two titles can be
//! compared without caring for word order, punctuation or an omitted "(Intermediate)".

use std::collections::BTreeSet;

/// Words that place a title on a ladder. "Intermediate" is absent on purpose: the intermediate
/// level is written "X (Intermediate)", "Intermediate X" or plain "X", so it carries no seniority.
const SENIORITY: &[&str] = &[
    "intern",
    "junior",
    "associate",
    "senior",
    "lead",
    "staff",
    "principal",
    "distinguished",
    "fellow",
    "manager",
    "director",
    "vp",
    "head",
    "chief",
];

/// Words that say nothing about which level a sentence's subject is.
const FILLER: &[&str] =
    &["the", "a", "an", "of", "and", "for", "in", "at", "intermediate", "level", "role", "position"];

/// A title split into seniority words and the remaining words, all lowercase.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TitleWords {
    pub seniority: BTreeSet<&'static str>,
    pub words: BTreeSet<String>,
}

impl TitleWords {
    pub fn is_empty(&self) -> bool {
        self.seniority.is_empty() && self.words.is_empty()
    }
}

/// Splits a title into lowercase words, with abbreviations expanded ("Sr." → senior, "Vice President" → vp).
pub fn words(title: &str) -> Vec<String> {
    let lower = title.to_lowercase();
    let raw: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '&' || c == '+' || c == '#'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let word = raw[i];
        if word == "vice" && raw.get(i + 1) == Some(&"president") {
            out.push("vp".to_string());
            i += 2;
            continue;
        }
        out.push(
            match word {
                "sr" => "senior",
                "jr" => "junior",
                "mgr" => "manager",
                "dir" => "director",
                "managers" => "manager",
                other => other,
            }
            .to_string(),
        );
        i += 1;
    }
    out
}

/// Analyses a title into seniority and remaining words.
pub fn analyze(title: &str) -> TitleWords {
    let mut result = TitleWords::default();
    for word in words(title) {
        if let Some(s) = SENIORITY.iter().find(|s| **s == word) {
            result.seniority.insert(s);
        } else if !FILLER.contains(&word.as_str()) {
            result.words.insert(word);
        }
    }
    result
}

/// Whether a level title is on the people-manager track rather than the individual-contributor one.
///
/// `family` is the page's own title: when it contains "Manager" (a Product Manager, a Marketing
/// Operations Manager), "X Manager" is an individual contributor and only "Manager, X", "Group
/// Manager…" or an extra "Manager" marks a people manager.
pub fn is_people_manager(title: &str, family: Option<&str>) -> bool {
    let title_words = words(title);
    if title_words.iter().any(|w| matches!(w.as_str(), "director" | "vp" | "chief" | "cxo" | "ceo" | "cfo" | "cto"))
        || title_words.windows(2).any(|w| w[0] == "head" && w[1] == "of")
    {
        return true;
    }
    let managers = title_words.iter().filter(|w| *w == "manager").count();
    if managers == 0 {
        return false;
    }
    let family_managers = family.map_or(0, |f| words(f).iter().filter(|w| *w == "manager").count());
    if family_managers == 0 || managers > family_managers {
        return true;
    }
    // The handbook's people-manager convention: "Manager, X" / "Senior Manager, X" / "Group Manager, X".
    let lower = title.trim().to_lowercase();
    let head = lower.split(',').next().unwrap_or("");
    lower.contains(',') && head.split_whitespace().last() == Some("manager") && head.split_whitespace().count() <= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analysis_ignores_order_punctuation_and_intermediate() {
        assert_eq!(analyze("Marketing Operations Manager (Intermediate)"), analyze("the marketing operations manager"));
        assert_eq!(analyze("Manager, Data"), analyze("Data Manager"));
        let sr = analyze("Sr. Backend Engineer");
        assert!(sr.seniority.contains("senior"));
        assert_eq!(analyze("Vice President, Sales").seniority.iter().copied().collect::<Vec<_>>(), vec!["vp"]);
    }

    #[test]
    fn manager_track() {
        assert!(is_people_manager("Manager, Data", Some("Data Analyst")));
        assert!(is_people_manager("Data Manager", Some("Data Analyst")));
        assert!(is_people_manager("Director, Data", Some("Data Analyst")));
        assert!(!is_people_manager("Senior Data Analyst", Some("Data Analyst")));
        assert!(!is_people_manager("Senior Marketing Operations Manager", Some("Marketing Operations Manager")));
        assert!(is_people_manager("Manager, Marketing Operations", Some("Marketing Operations Manager")));
        assert!(is_people_manager("Group Manager, Product", Some("Product Manager")));
        assert!(!is_people_manager("Principal Product Manager", Some("Product Manager")));
    }
}

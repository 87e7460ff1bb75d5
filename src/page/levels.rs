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

/// A title prepared for a tolerant comparison, as inheritance phrases write level names:
/// plurals folded ("Solutions Architects" = "Solution Architect"), and the words in order so
/// that an acronym ("CSM", "L&D", "SA") can stand for the words it abbreviates.
#[derive(Debug, Clone, Default)]
pub struct LooseTitle {
    pub seniority: BTreeSet<&'static str>,
    /// Role words, singular.
    pub words: BTreeSet<String>,
    /// Every word but filler, in order, singular: what acronyms are read against.
    pub sequence: Vec<String>,
}

fn singular(word: &str) -> String {
    if word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") {
        word[..word.len() - 1].to_string()
    } else {
        word.to_string()
    }
}

/// Prepares `title`; a title without role words ("Senior Director") borrows `family`'s.
pub fn loose(title: &str, family: Option<&str>) -> LooseTitle {
    let mut result = LooseTitle::default();
    for word in words(title) {
        if let Some(s) = SENIORITY.iter().find(|s| **s == word) {
            result.seniority.insert(s);
            result.sequence.push(word);
        } else if !FILLER.contains(&word.as_str()) {
            let word = singular(&word);
            result.words.insert(word.clone());
            result.sequence.push(word);
        }
    }
    if result.words.is_empty()
        && let Some(family) = family
    {
        let borrowed = loose(family, None);
        result.words = borrowed.words;
        result.sequence.extend(borrowed.sequence);
    }
    result
}

/// Whether `wanted` (a name from a phrase) names `title`: the same seniority words (with
/// `ignore_manager`, but for a "Manager" only the title has, as in "CSM (Intermediate)" for
/// "Customer Success Manager (CSM) (Intermediate)") and every role word found in the title, or
/// as the initials of consecutive title words.
pub fn loose_match(wanted: &LooseTitle, title: &LooseTitle, ignore_manager: bool) -> bool {
    let seniority_matches = if ignore_manager {
        !wanted.seniority.contains("manager")
            && wanted.seniority.iter().eq(title.seniority.iter().filter(|s| **s != "manager"))
    } else {
        wanted.seniority == title.seniority
    };
    seniority_matches
        && !wanted.words.is_empty()
        && wanted.words.iter().all(|w| title.words.contains(w) || is_acronym_of(w, &title.sequence))
}

fn is_acronym_of(word: &str, sequence: &[String]) -> bool {
    let letters: Vec<char> = word.chars().collect();
    if !(2..=4).contains(&letters.len()) {
        return false;
    }
    sequence.windows(letters.len()).any(|run| run.iter().zip(&letters).all(|(w, l)| w.starts_with(*l)))
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

/// The track of a title: the role it names without its level words ("Senior Manager, Data" and
/// "Data Manager" are both on track {data}). Grades rise along one track; a page that starts
/// another sub-family starts another track.
pub fn track(title: &str) -> BTreeSet<String> {
    analyze(title).words
}

/// The rank a title claims on its ladder, when its seniority words say it without doubt; `None`
/// for "Lead", "Head of" or several level words at once ("Director, Engineering Manager").
///
/// On an individual-contributor ladder "Manager" is part of the role ("Senior Product Manager"),
/// so it only counts as a level word for a people manager.
pub fn rank(title: &TitleWords, people_manager: bool) -> Option<u32> {
    let mut base: Option<u32> = None;
    for word in &title.seniority {
        let value = match *word {
            "intern" => 10,
            "junior" => 20,
            "associate" => 30,
            "staff" => 60,
            "principal" => 70,
            "distinguished" => 80,
            "fellow" => 90,
            "manager" if !people_manager => continue,
            "manager" => 100,
            "director" => 200,
            "vp" => 300,
            "chief" => 400,
            "senior" => continue,
            _ => return None,
        };
        if base.is_some() {
            return None;
        }
        base = Some(value);
    }
    // No level word at all is the intermediate level.
    let base = base.unwrap_or(40);
    Some(if title.seniority.contains("senior") { base + 5 } else { base })
}

/// The title among `candidates` closest to `name`: the most words in common (at least one
/// that is not a level word), then the fewest character edits.
pub fn nearest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    // A title is a few words; a "title" of thousands of characters is not worth an edit distance.
    const LONGEST: usize = 200;
    if name.len() > LONGEST {
        return None;
    }
    let wanted = analyze(name);
    let lower = name.to_lowercase();
    let mut best: Option<(usize, usize, &'a str)> = None;
    for candidate in candidates.into_iter().filter(|c| c.len() <= LONGEST) {
        let words = analyze(candidate);
        let shared_role = wanted.words.intersection(&words.words).count();
        if shared_role == 0 {
            continue;
        }
        let shared = shared_role + wanted.seniority.intersection(&words.seniority).count();
        let distance = edit_distance(&lower, &candidate.to_lowercase());
        let better = best.is_none_or(|(s, d, _)| shared > s || (shared == s && distance < d));
        if better {
            best = Some((shared, distance, candidate));
        }
    }
    best.map(|(_, _, title)| title)
}

/// Levenshtein distance over characters; titles are short.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == *cb { diagonal } else { 1 + diagonal.min(above).min(row[j]) };
            diagonal = above;
        }
    }
    row[b.len()]
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

    #[test]
    fn tracks_and_ranks() {
        assert_eq!(track("Senior Manager, Community Programs"), track("Community Programs Manager"));
        assert_ne!(track("Community Programs Associate"), track("Community Programs Evangelist"));
        let rank_of = |t: &str, pm: bool| rank(&analyze(t), pm);
        assert!(rank_of("Senior Manager, Data", true) > rank_of("Manager, Data", true));
        assert!(rank_of("Staff Data Analyst", false) > rank_of("Senior Data Analyst", false));
        assert_eq!(rank_of("Senior Product Manager", false), rank_of("Senior Data Analyst", false));
        assert_eq!(rank_of("Lead Data Analyst", false), None);
    }

    #[test]
    fn loose_titles() {
        let matches = |name: &str, title: &str, family: Option<&str>| {
            let (wanted, title) = (loose(name, None), loose(title, family));
            loose_match(&wanted, &title, false) || loose_match(&wanted, &title, true)
        };
        assert!(matches("Manager, Solutions Architect", "Manager, Solutions Architects", None));
        assert!(matches("Sr Director of SA", "Senior Director, Solutions Architects", None));
        assert!(matches("CSM (Associate)", "Associate Customer Success Manager (CSM)", None));
        assert!(matches("Director of CSM", "Director of Customer Success Management", None));
        assert!(matches("L&D Senior Program Manager", "Senior Learning & Development Program Manager", None));
        assert!(matches("Sr Director of PS", "Senior Director", Some("Director of Professional Services")));
        assert!(!matches("Manager, International Payroll (EMEA, APAC, LATAM)", "Manager, Payroll", None));
        assert!(!matches("Senior Data Analyst", "Data Analyst", None));
    }

    #[test]
    fn nearest_title() {
        let titles = ["Junior Alliances Partner Manager", "Alliances Partner Manager", "Director, Partnerships"];
        assert_eq!(nearest("Technology Partner Manager (Intermediate)", titles), Some("Alliances Partner Manager"));
        assert_eq!(nearest("Backend Engineer", titles), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}

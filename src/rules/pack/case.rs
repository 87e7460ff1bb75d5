//! Letter case for pack rules: carrying a found word's case over to its replacement, comparing
//! without case, and the sentence and title styles of headings.

/// Gives `right` the case pattern of `found`: "TEH" → "THE", "Teh" → "The", "teh" → "the".
pub fn apply_case(found: &str, right: &str) -> String {
    let letters: Vec<char> = found.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return right.to_uppercase();
    }
    if found.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = right.chars();
        return chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
    }
    right.to_string()
}

/// Whether a word has two or more letters, all capitals ("GITLAB", "HR").
pub fn is_all_caps(word: &str) -> bool {
    let mut letters = word.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some()
        && word.chars().filter(|c| c.is_alphabetic()).count() > 1
        && letters.all(char::is_uppercase)
}

/// Whether two words are the same but for case.
pub fn same_ignoring_case(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() { a.eq_ignore_ascii_case(b) } else { a.to_lowercase() == b.to_lowercase() }
}

const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "and", "but", "or", "nor", "for", "on", "at", "to", "from", "by", "of", "in", "with", "as", "vs",
];

/// Whether a word keeps its own case in any style: acronyms, "GitLab", words with digits, exceptions.
fn keeps_case(word: &str, exceptions: &[String]) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    exceptions.iter().any(|e| e == word)
        || letters.is_empty()
        || word.chars().any(|c| c.is_ascii_digit())
        || letters.iter().skip(1).any(|c| c.is_uppercase())
}

/// A heading in sentence case: a capital only at the start of each sentence.
pub fn sentence_case(text: &str, exceptions: &[String]) -> String {
    let mut out = Vec::new();
    let mut start_of_sentence = true;
    for word in text.split(' ') {
        let fixed = if keeps_case(word, exceptions) {
            word.to_string()
        } else if start_of_sentence {
            apply_case("X", &word.to_lowercase())
        } else {
            word.to_lowercase()
        };
        start_of_sentence = word.ends_with(':') || word.ends_with('?') || word.ends_with('.');
        out.push(fixed);
    }
    out.join(" ")
}

/// A heading in title case: every word capitalized but the small ones inside it.
pub fn title_case(text: &str, exceptions: &[String]) -> String {
    let count = text.split(' ').count();
    text.split(' ')
        .enumerate()
        .map(|(i, word)| {
            if keeps_case(word, exceptions) {
                word.to_string()
            } else if i > 0 && i + 1 < count && SMALL_WORDS.contains(&word.to_lowercase().as_str()) {
                word.to_lowercase()
            } else {
                apply_case("X", word)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_is_preserved() {
        assert_eq!(apply_case("Teh", "the"), "The");
        assert_eq!(apply_case("TEH", "the"), "THE");
        assert_eq!(apply_case("teh", "the"), "the");
    }

    #[test]
    fn heading_styles() {
        assert_eq!(sentence_case("Hiring Process", &[]), "Hiring process");
        assert_eq!(sentence_case("Working with GitLab CI", &[]), "Working with GitLab CI");
        assert_eq!(title_case("hiring process for the team", &[]), "Hiring Process for the Team");
    }
}

//! The handbook's list of misused terms (`data/misused_terms.yml`, read as-is) and the literal
//! terms hblint derives from it, compiled once into one matcher.
//!
//! Many `avoid` strings describe a use rather than name a term ("Enterprise Edition to reference
//! a specific code or "Paid" users", "Master (unless used to describe …)"). hblint matches an
//! entry only where the words themselves are the misuse:
//!
//! - an entry marked `exclude_from_exports: true` is not matched (the file's header says such
//!   entries "are not literal or are too common": "They", customer names);
//! - an entry with an `avoid_footnote` is not matched: the footnote is the context that makes
//!   the word a misuse ("Documentation" used to describe the handbook);
//! - an `avoid` string that names a use ("to reference", "to refer to", "as an abbreviation
//!   for", "when referring to", "mentioned in", "(unless …)", "(when …)") is not matched;
//! - `Head (Abbr)` gives two terms, `Head` and `Abbr` ("Reduction in Force (RiF)"); any other
//!   parenthesis names a class of words ("Seasons (Autumn/Fall/…)") and is not matched;
//! - every other `avoid` string is a literal term, matched as whole words, ignoring case, with
//!   any whitespace between its words, a hyphen written as a hyphen or a space, and a plural `s`
//!   or `es` when it does not already end in `s`.
//!
//! The `use_instead` items cut the same way ("Wider community to refer to people outside of the
//! company" → "Wider community") are the entry's allowed phrases: a match inside one of them
//! is what the list asks for, not a misuse.

use regex::Regex;

/// One entry of the list, as written.
#[derive(Debug, Clone, Default)]
pub struct TermEntry {
    pub avoid: Vec<String>,
    pub avoid_footnote: Vec<String>,
    pub use_instead: Vec<String>,
    /// Markdown.
    pub reason: String,
    pub exclude_from_exports: bool,
    /// 1-based line of the entry in the file.
    pub line: usize,
}

/// Phrases that turn an `avoid` string into the description of a use.
const QUALIFIERS: &[&str] =
    &[" to reference ", " to refer to ", " as an abbreviation for ", " when referring to ", " mentioned in "];

/// Why an `avoid` string gives no literal term, or the terms it gives.
pub fn literal_terms(entry: &TermEntry, avoid: &str) -> Result<Vec<String>, &'static str> {
    if entry.exclude_from_exports {
        return Err("marked exclude_from_exports (not literal or too common)");
    }
    if !entry.avoid_footnote.is_empty() {
        return Err("a misuse only in the context its avoid_footnote names");
    }
    let text = avoid.trim();
    let padded = format!(" {} ", text.to_lowercase());
    if QUALIFIERS.iter().any(|q| padded.contains(q)) {
        return Err("describes a use, not a literal term");
    }
    match text.split_once('(') {
        None => Ok(vec![text.to_string()]),
        Some((head, rest)) => {
            let inner = rest.trim_end().trim_end_matches(')').trim();
            let abbreviation = !inner.is_empty()
                && inner.len() <= 6
                && inner.chars().all(|c| c.is_ascii_alphanumeric())
                && inner.chars().any(|c| c.is_ascii_uppercase());
            if abbreviation {
                Ok(vec![head.trim().to_string(), inner.to_string()])
            } else {
                Err("names a class of words")
            }
        }
    }
}

/// A `use_instead` item cut to the phrase it recommends, when that phrase is short and plain.
fn allowed_phrase(item: &str) -> Option<String> {
    let lower = format!("{} ", item.trim().to_lowercase());
    let cut = QUALIFIERS.iter().filter_map(|q| lower.find(q)).chain(lower.find(" (")).min().unwrap_or(lower.len());
    let phrase = lower[..cut].trim().trim_end_matches('.').to_string();
    let plain = phrase.chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '.'));
    (plain && !phrase.is_empty() && phrase.split(' ').count() <= 4).then_some(phrase)
}

/// A term's regex: whole words, any whitespace between words, hyphen or space, a plural.
fn term_pattern(term: &str) -> String {
    let mut pattern = String::new();
    for (i, word) in term.split_whitespace().enumerate() {
        if i > 0 {
            pattern.push_str(r"\s+");
        }
        let parts: Vec<String> = word.split('-').map(regex::escape).collect();
        pattern.push_str(&parts.join(r"[-\s]"));
    }
    if !term.ends_with(['s', 'S']) && term.chars().next_back().is_some_and(char::is_alphabetic) {
        pattern.push_str("(?:e?s)?");
    }
    pattern
}

/// `pattern` bounded as a whole word: an ASCII word boundary (which keeps the regex crate on its
/// fast engines whatever the text) where the term starts or ends with an ASCII letter or digit,
/// nothing where it starts or ends with another character ("über", "café"): `find_in` then
/// checks the neighbouring characters itself.
fn bounded(term: &str, pattern: &str) -> String {
    let ascii_word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    let before = if ascii_word(term.chars().next()) { r"(?-u:\b)" } else { "" };
    let after = if ascii_word(term.chars().next_back()) { r"(?-u:\b)" } else { "" };
    format!("{before}{pattern}{after}")
}

/// The list compiled: one regex over every literal term, and what each term belongs to.
#[derive(Debug)]
pub struct TermMatcher {
    regex: Regex,
    /// Per capture group (in the order of `terms`): the entry it comes from.
    terms: Vec<(String, usize)>,
    pub entries: Vec<CompiledEntry>,
}

/// What a finding needs of an entry.
#[derive(Debug)]
pub struct CompiledEntry {
    pub use_instead: Vec<String>,
    /// The reason on one line.
    pub reason: String,
    /// Lowercased phrases a match may sit inside without being a misuse.
    pub allowed: Vec<String>,
}

/// One match of a listed term.
pub struct TermMatch<'m> {
    pub start: usize,
    pub end: usize,
    /// The term as the list writes it.
    pub term: &'m str,
    pub entry: &'m CompiledEntry,
}

impl TermMatcher {
    /// Compiles the literal terms of `entries`; `None` when there are none.
    /// `Ok(None)` when the list has no literal term; an error when the terms together are more
    /// than a regular expression may hold.
    pub fn new(entries: &[TermEntry]) -> Result<Option<TermMatcher>, String> {
        let mut terms: Vec<(String, usize)> = Vec::new();
        let mut compiled = Vec::new();
        for (index, entry) in entries.iter().enumerate() {
            for avoid in &entry.avoid {
                if let Ok(found) = literal_terms(entry, avoid) {
                    terms.extend(found.into_iter().filter(|t| !t.is_empty()).map(|t| (t, index)));
                }
            }
            compiled.push(CompiledEntry {
                use_instead: entry.use_instead.iter().map(|u| u.trim().to_string()).collect(),
                reason: entry.reason.split_whitespace().collect::<Vec<_>>().join(" "),
                allowed: entry.use_instead.iter().filter_map(|u| allowed_phrase(u)).collect(),
            });
        }
        if terms.is_empty() {
            return Ok(None);
        }
        // Longest first: "Functional group leader" wins over "Functional group".
        terms.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        terms.dedup_by(|a, b| a.0.eq_ignore_ascii_case(&b.0));
        let groups: Vec<String> = terms.iter().map(|(t, _)| format!("({})", bounded(t, &term_pattern(t)))).collect();
        let regex = Regex::new(&format!(r"(?i)(?:{})", groups.join("|")))
            .map_err(|e| format!("the list's {} terms cannot be matched together: {e}", terms.len()))?;
        Ok(Some(TermMatcher { regex, terms, entries: compiled }))
    }

    /// How many literal terms the list gave.
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    /// The matches in `text`.
    pub fn find_in<'m, 't>(&'m self, text: &'t str) -> impl Iterator<Item = TermMatch<'m>> + 't
    where
        'm: 't,
    {
        self.regex.captures_iter(text).filter_map(move |caps| {
            let (group, m) = caps.iter().enumerate().skip(1).find_map(|(i, g)| g.map(|g| (i - 1, g)))?;
            // The regex bounds words the ASCII way (fast on any text); a letter such as "ä"
            // beside the match still makes it part of a longer word.
            let glued = text[..m.start()].chars().next_back().is_some_and(char::is_alphanumeric)
                || text[m.end()..].chars().next().is_some_and(char::is_alphanumeric);
            if glued {
                return None;
            }
            let (term, entry) = self.terms.get(group)?;
            Some(TermMatch { start: m.start(), end: m.end(), term, entry: self.entries.get(*entry)? })
        })
    }
}

/// Whether the match at `start..end` of `text` sits inside one of `allowed` (lowercased
/// phrases), as in "wider community" for "community".
pub fn inside_allowed(text: &str, start: usize, end: usize, allowed: &[String]) -> bool {
    let found = text[start..end].to_lowercase();
    allowed.iter().any(|phrase| {
        phrase.match_indices(found.as_str()).any(|(at, _)| {
            let Some(from) = start.checked_sub(at) else { return false };
            text.get(from..from + phrase.len()).is_some_and(|window| window.eq_ignore_ascii_case(phrase))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(avoid: &[&str], use_instead: &[&str]) -> TermEntry {
        TermEntry {
            avoid: avoid.iter().map(|s| s.to_string()).collect(),
            use_instead: use_instead.iter().map(|s| s.to_string()).collect(),
            reason: "Because.".into(),
            ..TermEntry::default()
        }
    }

    #[test]
    fn descriptions_are_not_literal_terms() {
        let e = entry(&[], &[]);
        assert!(literal_terms(&e, "Enterprise Edition to reference a specific code or \"Paid\" users").is_err());
        assert!(literal_terms(&e, "CPO as an abbreviation for Chief Product Officer").is_err());
        assert!(literal_terms(&e, "Master (unless used to describe the mastery of a specific topic. )").is_err());
        assert!(literal_terms(&e, "Seasons (Autumn/Fall/Spring/Summer/Winter)").is_err());
        assert!(literal_terms(&e, "SaaS (when referring to GitLab.com or Dedicated)").is_err());
        assert_eq!(literal_terms(&e, "Reduction in Force (RiF)").unwrap(), ["Reduction in Force", "RiF"]);
        assert_eq!(literal_terms(&e, "Rest of world").unwrap(), ["Rest of world"]);
        let footnoted = TermEntry { avoid_footnote: vec!["used to describe a person".into()], ..e.clone() };
        assert!(literal_terms(&footnoted, "Non-technical").is_err());
        let excluded = TermEntry { exclude_from_exports: true, ..e };
        assert!(literal_terms(&excluded, "They").is_err());
    }

    #[test]
    fn terms_match_whole_words_plurals_and_flexible_space() {
        let matcher = TermMatcher::new(&[
            entry(&["Deadline", "Second-class citizen"], &["Due date"]),
            entry(&["Community"], &["Wider community to refer to people outside of the company"]),
        ])
        .unwrap()
        .unwrap();
        let text = "Two deadlines, a second class\n citizen, the deadlined and the wider community.";
        let found: Vec<&str> = matcher.find_in(text).map(|m| &text[m.start..m.end]).collect();
        assert_eq!(found, ["deadlines", "second class\n citizen", "community"]);
        let at = text.find("community").unwrap();
        assert!(inside_allowed(text, at, at + 9, &matcher.entries[1].allowed));
    }

    #[test]
    fn terms_with_non_ascii_edges_match_whole_words_only() {
        let matcher = TermMatcher::new(&[entry(&["über", "café", "whitelist"], &["x"])]).unwrap().unwrap();
        let text = "Our über team, a café culture, cafés, the Überteam, a whitelistä and a whitelist.";
        let found: Vec<&str> = matcher.find_in(text).map(|m| &text[m.start..m.end]).collect();
        assert_eq!(found, ["über", "café", "cafés", "whitelist"]);
    }
}

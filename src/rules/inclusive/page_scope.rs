//! The prose the inclusive-language rules read: segments joined across line breaks, and words
//! of prose that are names, not words (a capitalized word beside another).

use crate::page::Page;
pub use crate::rules::pages::{PAGES, applies};
use crate::source::Span;

/// The page's prose runs, with runs that only a line break separates joined into one: a term of
/// several words may wrap ("reduction in\n  force"). Only within one block: the two runs must
/// sit in the same kind of place (a heading and the paragraph under it do not join) with a
/// single line break between them (a blank line ends a paragraph), so a match, and a fix,
/// never spans two blocks.
pub fn prose_segments(page: &Page<'_>) -> Vec<Span> {
    let text = page.source.text.as_str();
    let mut segments: Vec<Span> = Vec::with_capacity(page.prose.len());
    let mut last_context = None;
    for run in &page.prose {
        let joins = match (segments.last(), last_context) {
            (Some(last), Some(context)) if context == run.context && last.end <= run.span.start => {
                let gap = &text[last.end..run.span.start];
                gap.bytes().filter(|&b| b == b'\n').count() == 1 && gap.chars().all(char::is_whitespace)
            }
            _ => false,
        };
        match segments.last_mut() {
            Some(last) if joins => last.end = run.span.end,
            _ => segments.push(run.span),
        }
        last_context = Some(run.context);
    }
    segments
}

/// Words that start a noun phrase without naming anything: "The Community team" is a name
/// because of "Community team", not because of "The".
const DETERMINERS: &[&str] = &["The", "A", "An", "Our", "Your", "This", "That", "These", "Their", "Its", "Any", "All"];

/// Words a name may hold between capitalized words ("Learning and Development", "Head of Sales").
const NAME_GLUE: &[&str] = &["&", "and", "of", "for", "&amp;"];

/// Whether the capitalized match at `start..end` of `text` is part of a name written in title
/// case: the word before or after it (across a single space, and across "and", "of", "&") is
/// capitalized too ("GitLab Community Edition", "Community Relations", "Learning & Development").
pub fn in_title_case_name(text: &str, start: usize, end: usize) -> bool {
    if !text[start..].starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    let capitalized = |word: &str| word.starts_with(|c: char| c.is_uppercase()) && !DETERMINERS.contains(&word);
    let before = text[..start].strip_suffix(' ').map(|b| b.rsplit(' '));
    if let Some(mut words) = before {
        let mut word = words.next().unwrap_or("");
        if NAME_GLUE.contains(&word) {
            word = words.next().unwrap_or("");
        }
        if capitalized(word.trim_start_matches(['(', '[', '*', '_', '"'])) && !word.ends_with([',', '.', ':', ';']) {
            return true;
        }
    }
    if let Some(after) = text[end..].strip_prefix(' ') {
        let mut words = after.split(' ');
        let mut word = words.next().unwrap_or("");
        if NAME_GLUE.contains(&word) {
            word = words.next().unwrap_or("");
        }
        if capitalized(word) {
            return true;
        }
    }
    false
}

/// Whether the capitalized match at `start..end` of `text` is one of a list of names
/// ("Ruby, and Middleman", "Salesforce, Zuora, Zendesk"): a product, not the common word.
pub fn in_list_of_names(text: &str, start: usize, end: usize) -> bool {
    if !text[start..].starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    let capitalized = |word: Option<&str>| {
        word.map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .is_some_and(|w| w.starts_with(|c: char| c.is_uppercase()))
    };
    let before = text[..start].trim_end_matches(' ');
    let before = before.strip_suffix(" and").or_else(|| before.strip_suffix(" or")).unwrap_or(before);
    if let Some(list) = before.strip_suffix(',')
        && capitalized(list.rsplit(' ').next())
    {
        return true;
    }
    let after = &text[end..];
    let next = after.strip_prefix(", ").or_else(|| after.strip_prefix(" and ")).or_else(|| after.strip_prefix(" or "));
    capitalized(next.and_then(|n| n.split([' ', ',']).next()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_case_neighbours_make_a_name() {
        let text = "Join the GitLab Community Edition team and Learning & Development, not the Community.";
        let at = |w: &str| text.find(w).unwrap();
        assert!(in_title_case_name(text, at("Community Edition"), at("Community Edition") + 9));
        assert!(in_title_case_name(text, at("Learning"), at("Learning") + 8));
        let last = text.rfind("Community").unwrap();
        assert!(!in_title_case_name(text, last, last + 9));
    }

    #[test]
    fn lists_of_capitalized_names_are_products() {
        let text = "Experience with Ruby, and Middleman; Salesforce, Zuora, Zendesk; tickets with Zuora.";
        let first = text.find("Middleman").unwrap();
        assert!(in_list_of_names(text, first, first + 9));
        let zuora = text.find("Zuora").unwrap();
        assert!(in_list_of_names(text, zuora, zuora + 5));
        let last = text.rfind("Zuora").unwrap();
        assert!(!in_list_of_names(text, last, last + 5));
    }
}

//! `substitution` with `dictionary = "typos"`: misspellings from the typos-dict word list (the
//! list behind the typos spell checker), reported with their corrections.

use super::typos;
use super::{KindMatcher, Reporter, shift};
use crate::diagnostic::Edit;
use crate::page::Page;
use crate::page::scope::Scope;
use crate::rules::pack::case::apply_case;
use crate::rules::pack::language::{ForeignSections, page_declares_foreign};
use crate::rules::pack::words::{after_apostrophe, ascii_words, is_embedded, starts_sentence};
use std::sync::LazyLock;

/// Misspellings from typos-dict; `allowed` words (lowercase) are never reported.
pub struct Dictionary {
    preserve_case: bool,
    allowed: Vec<String>,
}

impl Dictionary {
    /// The dictionary matcher of a `substitution` rule, with its `exceptions`.
    pub fn new(preserve_case: bool, exceptions: &Option<Vec<String>>) -> Self {
        Dictionary { preserve_case, allowed: exceptions.iter().flatten().map(|w| w.to_lowercase()).collect() }
    }
}

impl KindMatcher for Dictionary {
    fn fixes(&self) -> bool {
        true
    }

    fn check(&self, page: &Page<'_>, scope: Scope, report: &mut Reporter<'_, '_>) {
        let text = page.source.text.as_str();
        // Lowercase words of the page, built only if a capitalized word needs it.
        let mut page_words: Option<rustc_hash::FxHashSet<u64>> = None;
        // A misspelling of English is none in French: candidates are rare, so the language of
        // their section is only looked at when one turns up.
        let mut foreign = ForeignSections::default();
        let mut declared_foreign: Option<bool> = None;
        for segment in scope.segments(page) {
            let seg = &text[segment.start..segment.end];
            for (start, end) in ascii_words(seg) {
                let word = &seg[start..end];
                // Lowercase or Capitalized words only: "GitLab", "SFDC" are names; a word
                // glued to a non-ASCII letter ("Zürich") is not an English word.
                // Cheapest first: nearly every word fails the dictionary prefilter.
                if word.len() < 4
                    || word[1..].bytes().any(|b| b.is_ascii_uppercase())
                    || !maybe_misspelled(word)
                    || is_embedded(seg, start, end)
                    || after_apostrophe(seg, start)
                {
                    continue;
                }
                let Some(corrections) = typos::find(word) else { continue };
                if corrections.is_empty() || self.allowed.iter().any(|a| a.eq_ignore_ascii_case(word)) {
                    continue;
                }
                // A capitalized word inside a sentence may be a name ("Pilar Mejia",
                // "Canva"): report it only when the page also uses the correction
                // ("Senior Stock Adminstrator" on a page about the Stock Administrator).
                if word.starts_with(|c: char| c.is_uppercase()) && !starts_sentence(text, segment.start + start) {
                    let words = page_words.get_or_insert_with(|| page_word_set(page));
                    if !corrections.iter().any(|c| words.contains(&word_key(c))) {
                        continue;
                    }
                }
                if *declared_foreign.get_or_insert_with(|| page_declares_foreign(page))
                    || foreign.at(page, segment.start + start)
                    || is_name(text, segment.start + start, segment.start + end)
                {
                    continue;
                }
                let cased: Vec<String> = corrections
                    .iter()
                    .map(|c| if self.preserve_case { apply_case(word, c) } else { c.to_string() })
                    .collect();
                let replacement = cased.join("' or '");
                let span = shift(segment, start, end);
                let vars = |k: &str| match k {
                    "match" => Some(word.to_string()),
                    "replacement" => Some(replacement.clone()),
                    _ => None,
                };
                let fix = (cased.len() == 1).then(|| vec![Edit { span, replacement: cased[0].clone() }]);
                report.report(span, &vars, fix);
            }
        }
    }
}

/// Whether the capitalized word at `start..end` is part of a name rather than a misspelled word:
/// - a person's name: followed by another capitalized word on a line that links a profile or
///   names a handle ("[Pilar Mejia](https://gitlab.com/pmejia)", "| @pmejia | Pilar Mejia |");
/// - a foreign name or title: next to a word with a non-ASCII letter ("Boletín Anual");
/// - a product: followed by a model code ("Shure MV7").
fn is_name(text: &str, start: usize, end: usize) -> bool {
    static PROFILE_LINK: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"^[^\]\n]{0,40}\]\(https?://(?:www\.)?(?:gitlab\.com|github\.com|twitter\.com|x\.com|linkedin\.com/in)/@?[A-Za-z0-9_.-]+/?\)")
            .expect("valid")
    });
    if !text[start..end].starts_with(|c: char| c.is_ascii_uppercase()) {
        return false;
    }
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let next =
        text[end..line_end].trim_start_matches([' ', '\u{a0}']).split([' ', ']', '|', ',', ')']).next().unwrap_or("");
    let previous =
        text[line_start..start].trim_end_matches([' ', '\u{a0}']).rsplit([' ', '[', '|', '(']).next().unwrap_or("");
    let capitalized = |w: &str| w.starts_with(|c: char| c.is_uppercase());
    let line = &text[line_start..line_end];
    // A handle ("@pmejia") or a link to a profile: a host and one path segment ("](https://gitlab.com/pmejia)").
    let profile = line.contains(" @") || line.contains("|@") || PROFILE_LINK.is_match(&text[end..line_end]);
    let non_ascii_letter = |w: &str| w.chars().any(|c| c.is_alphabetic() && !c.is_ascii());
    let model_code = next.starts_with(|c: char| c.is_ascii_uppercase())
        && next.chars().any(|c| c.is_ascii_digit())
        && next.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
    (capitalized(next) && profile) || non_ascii_letter(next) || non_ascii_letter(previous) || model_code
}

/// FNV-1a of a word's ASCII-lowercased bytes.
fn fold_hash(word: &str) -> u64 {
    crate::hash::fnv1a(word.bytes().map(|b| b.to_ascii_lowercase()))
}

/// A cheap first test against typos-dict: almost every word of prose is not in it, and hashing
/// it once with FNV is several times cheaper than the dictionary's case-insensitive lookup.
fn maybe_misspelled(word: &str) -> bool {
    static KEYS: LazyLock<rustc_hash::FxHashSet<u64>> = LazyLock::new(|| typos::keys().map(fold_hash).collect());
    KEYS.contains(&fold_hash(word))
}

/// The words of a page's prose (as [`word_key`]s, so case does not matter and an ASCII word
/// costs no allocation), with the corrections of its misspellings: fixing "responsibilites"
/// must not change the verdict on "Responsbilities" in the next round.
fn page_word_set(page: &Page<'_>) -> rustc_hash::FxHashSet<u64> {
    let text = page.source.text.as_str();
    let mut words = rustc_hash::FxHashSet::default();
    for word in page.prose.iter().flat_map(|run| text[run.span.start..run.span.end].split(|c: char| !c.is_alphabetic()))
    {
        if word.len() < 4 {
            continue;
        }
        // Lowercase misspellings are always reported and fixed, so their corrections count.
        // The hash prefilter folds ASCII only: a non-ASCII word ("adreß") asks the dictionary,
        // which folds Unicode.
        if !word.chars().any(char::is_uppercase)
            && (!word.is_ascii() || maybe_misspelled(word))
            && let Some(corrections) = typos::find(word)
        {
            words.extend(corrections.iter().map(word_key));
        }
        words.insert(word_key(word));
    }
    words
}

/// A case-insensitive hash of a word: `fold_hash` for ASCII, of the lowercased word otherwise
/// ("CHÂTEAU" and "château" meet).
fn word_key(word: &str) -> u64 {
    if word.is_ascii() { fold_hash(word) } else { fold_hash(&word.to_lowercase()) }
}

#[cfg(test)]
mod tests {
    /// PR101's codes and lines on a page.
    fn misspellings(text: &str) -> Vec<String> {
        let source = crate::source::SourceFile::from_text("page.md".into(), text.into(), false);
        let linter = crate::linter::Linter::with_rules(crate::rules::registry::select("PR101").expect("PR101"));
        crate::linter::lint_source(&source, &linter)
            .diagnostics
            .iter()
            .map(|d| format!("{}:{}", d.start.line, d.diagnostic.message))
            .collect()
    }

    /// A capitalized misspelling inside a sentence is reported only when the page uses its
    /// correction, compared without case, non-ASCII words included.
    #[test]
    fn a_capitalized_misspelling_needs_its_correction_on_the_page() {
        assert!(misspellings("# Notes\n\nSend it to the Adress book.\n").is_empty());
        let with_address = misspellings("# Notes\n\nWrite your address here.\n\nSend it to the Adress book.\n");
        assert_eq!(with_address, ["5:'Adress' is misspelled; did you mean 'Address'?"]);
        // "adreß" is a lowercase misspelling of "address" (typos-dict folds ß): its correction
        // counts as used, though the ASCII hash prefilter cannot see it.
        let with_eszett = misspellings("# Notes\n\nWrite adreß here.\n\nSend it to the Adress book.\n");
        assert!(
            with_eszett.contains(&"5:'Adress' is misspelled; did you mean 'Address'?".to_string()),
            "{with_eszett:?}"
        );
        // Non-ASCII corrections meet the page's words without regard to case.
        let chateau = misspellings("# Notes\n\nThe CHÂTEAU is old.\n\nWe visited the Chatou yesterday.\n");
        assert!(chateau.iter().any(|m| m.starts_with("5:'Chatou'")), "{chateau:?}");
    }
}

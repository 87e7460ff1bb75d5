//! Whether text is English, cheaply: English spell lists must not read other languages. The
//! handbook has pages in French (the France S.A.S. charters, French then English under one
//! title), Spanish and German passages, so the test is per heading section, not per page.
//!
//! A section is taken as not English when it has more function words of another language
//! ("les", "pour", "nous"; "los", "para"; "der", "und", "nicht"…) than English ones ("the",
//! "and", "of"…), and at least a few. Function words are frequent, short and distinct across
//! these languages, so a count over a few hundred words decides; the test runs only where a
//! spell rule found a candidate, and its verdict is cached per section.

use crate::page::Page;
use crate::source::Span;

/// English function words, lowercase.
const ENGLISH: &[&str] = &[
    "the", "and", "of", "to", "is", "are", "for", "with", "that", "this", "you", "your", "we", "our", "be", "will",
    "from", "by", "as", "it", "or", "on", "in", "an", "have", "has", "not", "can",
];

/// Function words of French, Spanish, Portuguese, Italian, German and Dutch that are not also
/// English words or parts of URLs ("a", "in", "on", "die", "do", "per", "non", "com", "van",
/// "est" are left out).
const OTHER: &[&str] = &[
    // French
    "le", "la", "les", "des", "du", "et", "une", "pour", "dans", "sur", "qui", "que", "nous", "vous", "pas", "sont",
    "avec", "aux", "cette", "ces", "elle", "leur", "leurs", "ou", "être", "peut", "doit", "été", "à", "où", "très",
    // Spanish and Portuguese
    "los", "las", "es", "para", "por", "una", "uno", "sus", "como", "más", "não", "uma", "dos", "das",
    // Italian
    "della", "che", "gli", "sono", // German and Dutch
    "der", "und", "ist", "nicht", "mit", "für", "dem", "eine", "zu", "von", "auf", "wir", "het", "een", "niet", "zijn",
    "voor",
];

/// The fewest foreign function words that make a section foreign (a stray "el" or "per" does not).
const MIN_FOREIGN: usize = 4;

/// Whether `text` reads as another language than English.
pub fn is_foreign(text: &str) -> bool {
    let (mut english, mut foreign) = (0usize, 0usize);
    // Whitespace-separated tokens, so that URLs and paths ("gitlab.com/la/des") count as one
    // token and are skipped.
    for token in text.split_whitespace() {
        if token.contains(['/', '.', '@', '=', '_'])
            && token.trim_end_matches(['.', ',']).contains(['/', '.', '@', '=', '_'])
        {
            continue;
        }
        let word = token.trim_matches(|c: char| !c.is_alphabetic());
        // Every function word has at most 5 letters (6 bytes): longer words, the most, need
        // no lowercasing.
        if word.is_empty() || word.len() > 6 || !word.chars().all(char::is_alphabetic) {
            continue;
        }
        // Lowercased on the stack: a section holds thousands of tokens.
        let mut buffer = [0u8; 6];
        let lower = if word.is_ascii() {
            buffer[..word.len()].copy_from_slice(word.as_bytes());
            buffer[..word.len()].make_ascii_lowercase();
            std::str::from_utf8(&buffer[..word.len()]).unwrap_or_default()
        } else {
            let mut chars = word.chars().flat_map(char::to_lowercase);
            let mut len = 0;
            while let Some(c) = chars.next().filter(|c| len + c.len_utf8() <= buffer.len()) {
                len += c.encode_utf8(&mut buffer[len..]).len();
            }
            if chars.next().is_some() {
                continue;
            }
            std::str::from_utf8(&buffer[..len]).unwrap_or_default()
        };
        if ENGLISH.contains(&lower) {
            english += 1;
        } else if OTHER.contains(&lower) {
            foreign += 1;
        }
    }
    foreign >= MIN_FOREIGN && foreign > english
}

/// Whether the page's front matter declares another language (`lang: fr`, `language: de-DE`).
pub fn page_declares_foreign(page: &Page<'_>) -> bool {
    let Some(front_matter) = &page.front_matter else { return false };
    ["lang", "language", "locale"].iter().filter_map(|k| front_matter.get(k)).any(|field| {
        let value = field.value.trim().trim_matches(['"', '\'']).to_ascii_lowercase();
        !value.is_empty() && !value.starts_with("en")
    })
}

/// The heading section around byte `at`: from the heading before it (or the body start) to the
/// next heading, as a span of the page's text.
pub fn section_around(page: &Page<'_>, at: usize) -> Span {
    let next = page.headings.partition_point(|h| h.span.start <= at);
    let start = next.checked_sub(1).map_or(page.body_start, |h| page.headings[h].span.start);
    let end = page.headings.get(next).map_or(page.source.text.len(), |h| h.span.start);
    Span::new(start, end)
}

/// Per-page cache of section verdicts: a spell rule asks once per section, not once per word.
#[derive(Default)]
pub struct ForeignSections {
    known: Vec<(Span, bool)>,
}

impl ForeignSections {
    /// Whether the heading section around byte `at` is not in English.
    pub fn at(&mut self, page: &Page<'_>, at: usize) -> bool {
        let section = section_around(page, at);
        if let Some((_, foreign)) = self.known.iter().find(|(s, _)| *s == section) {
            return *foreign;
        }
        let foreign = is_foreign(page.slice(section));
        self.known.push((section, foreign));
        foreign
    }
}

#[cfg(test)]
mod tests {
    use super::is_foreign;

    #[test]
    fn tells_french_and_spanish_from_english() {
        assert!(is_foreign(
            "Le salarié peut exercer son activité en télétravail dans les conditions prévues par la présente charte et nous la respectons."
        ));
        assert!(is_foreign(
            "Los empleados tienen derecho a desconectarse por la tarde y el fin de semana para descansar."
        ));
        assert!(!is_foreign("The Senior Analyst works with the team and reports to the Director of Finance."));
        assert!(!is_foreign("Per the policy, see el Capitan."));
    }
}

//! Finding coded words (gender-coded, mindset-coded) in a page's prose: one pass over the words
//! of the prose runs, each word looked up among the entries that share its first letter.
//!
//! Words are read as gender-decoder reads them (see `coded_words`): a word starts after
//! whitespace or punctuation (not inside a path, an address or a hyphenated word), runs over
//! ASCII letters and digits with inner hyphens and apostrophes ("self-confident", "leader's"),
//! and an entry matches a word that starts with it. Only prose counts: code, HTML, link URLs and
//! front matter are not in `page.prose`.

use super::mindset_words::Entry;
use crate::page::Page;
use crate::rules::Sink;
use crate::source::Span;

/// Entries bucketed by their first letter, so a word is compared with a handful of entries.
pub struct Lexicon {
    buckets: [Vec<Entry>; 26],
}

impl Lexicon {
    /// A lexicon of lowercase entries; an entry that does not start with a letter a–z is dropped.
    pub fn new(entries: impl IntoIterator<Item = Entry>) -> Lexicon {
        let mut buckets: [Vec<Entry>; 26] = Default::default();
        for entry in entries {
            let text = entry_text(entry);
            if let Some(first) = text.bytes().next().filter(u8::is_ascii_lowercase) {
                buckets[usize::from(first - b'a')].push(entry);
            }
        }
        Lexicon { buckets }
    }

    /// A lexicon of stems (gender-decoder's lists).
    pub fn of_stems(stems: &'static [&'static str]) -> Lexicon {
        Lexicon::new(stems.iter().map(|s| Entry::Stem(s)))
    }

    /// The first entry that matches `word` (already lowercased when case is ignored).
    pub fn find(&self, word: &[u8]) -> Option<&'static str> {
        let first = *word.first()?;
        if !first.is_ascii_lowercase() {
            return None;
        }
        self.buckets[usize::from(first - b'a')].iter().find_map(|&entry| match entry {
            Entry::Stem(stem) if word.starts_with(stem.as_bytes()) => Some(stem),
            Entry::Word(whole) if word == whole.as_bytes() => Some(whole),
            _ => None,
        })
    }
}

fn entry_text(entry: Entry) -> &'static str {
    match entry {
        Entry::Stem(text) | Entry::Word(text) => text,
    }
}

/// Which of a lexicon pair's two sides a word is coded for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Masculine-coded, or fixed-mindset-coded: the side the page verdict reports.
    Flagged,
    /// Feminine-coded, or growth-mindset-coded: the side that balances it.
    Balancing,
}

/// A coded word on the page.
#[derive(Debug, Clone)]
pub struct CodedWord {
    pub span: Span,
    pub side: Side,
    /// The entry that matched.
    pub entry: &'static str,
}

/// How words are compared.
#[derive(Debug, Clone, Copy)]
pub struct ScanOptions {
    /// Compare ignoring case. A capitalized word then counts only where a sentence starts:
    /// mid-sentence it is a name ("the Growth team", "Support Engineer").
    pub ignore_case: bool,
    /// Leave headings out: they hold titles and names, not descriptions of the role.
    pub skip_headings: bool,
}

/// Every word of the page's prose coded by `flagged` or `balancing`, in page order. A word
/// coded by both lexicons (none is, in the shipped lists) counts on both sides.
pub fn scan(page: &Page<'_>, flagged: &Lexicon, balancing: &Lexicon, options: ScanOptions) -> Vec<CodedWord> {
    let source = page.source.text.as_str();
    let mut found = Vec::new();
    let mut lowered = [0u8; 32];
    for run in &page.prose {
        if options.skip_headings && run.context.heading_level > 0 {
            continue;
        }
        let text = page.slice(run.span);
        for (start, end) in words(text) {
            let word = &text.as_bytes()[start..end];
            let at = run.span.start + start;
            let key: &[u8] = if options.ignore_case {
                if word[0].is_ascii_uppercase() && !starts_sentence(source, at) {
                    continue;
                }
                let n = word.len().min(lowered.len());
                for (to, from) in lowered.iter_mut().zip(&word[..n]) {
                    *to = from.to_ascii_lowercase();
                }
                &lowered[..n]
            } else {
                word
            };
            let span = Span::new(at, run.span.start + end);
            if let Some(entry) = flagged.find(key) {
                found.push(CodedWord { span, side: Side::Flagged, entry });
            }
            if let Some(entry) = balancing.find(key) {
                found.push(CodedWord { span, side: Side::Balancing, entry });
            }
        }
    }
    found
}

/// The words of a prose run, as byte ranges: runs of ASCII letters and digits joined by inner
/// hyphens and apostrophes, that start where a whitespace-separated word would (not after a
/// letter, a hyphen, a slash or the like: "team-leader", "/handbook/leadership" and "e.g.lead"
/// hold no word starting at "lead").
pub fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            if !bytes[i].is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            let start = i;
            let mut end = i + 1;
            loop {
                while end < bytes.len() && bytes[end].is_ascii_alphanumeric() {
                    end += 1;
                }
                let joiner = match bytes.get(end) {
                    Some(b'-' | b'\'') => 1,
                    // U+2019 RIGHT SINGLE QUOTATION MARK, the typographic apostrophe.
                    Some(0xE2) if bytes.get(end + 1..end + 3) == Some(&[0x80, 0x99]) => 3,
                    _ => 0,
                };
                if joiner > 0 && bytes.get(end + joiner).is_some_and(u8::is_ascii_alphanumeric) {
                    end += joiner;
                } else {
                    break;
                }
            }
            i = end;
            if starts_word(&text[..start]) {
                return Some((start, end));
            }
        }
        None
    })
}

/// Whether a word may start after `before`: at the start of the run, after whitespace, or after
/// punctuation that does not glue words together.
fn starts_word(before: &str) -> bool {
    match before.chars().next_back() {
        None => true,
        Some(c) if c.is_whitespace() => true,
        Some(c) => !(c.is_alphanumeric() || "-/\\_.@#&'’=+$%~^`|".contains(c)),
    }
}

/// Whether the word at byte `at` of `source` starts a sentence: nothing but list, quote, table
/// or emphasis markup before it on its line, or sentence punctuation before it.
fn starts_sentence(source: &str, at: usize) -> bool {
    let line_start = memchr::memrchr(b'\n', &source.as_bytes()[..at]).map_or(0, |n| n + 1);
    let before = source[line_start..at]
        .trim_end_matches(|c: char| c.is_whitespace() || "*_[(\"“‘'`".contains(c))
        .trim_end_matches(|c: char| c.is_ascii_digit());
    before.is_empty()
        || before.ends_with(['.', '!', '?', ':', ';', '|', '>', '#', '-', '+', '•', '–', '—', ')'])
        || before.chars().all(|c| c.is_whitespace() || "-*+>#|".contains(c))
}

/// The distinct words among `words`, lowercased, in order of first use: what a message lists.
/// At most `limit`, then "and N more".
pub fn word_list(page: &Page<'_>, words: &[&CodedWord], limit: usize) -> String {
    let mut distinct: Vec<String> = Vec::new();
    for word in words {
        let text = page.slice(word.span).to_ascii_lowercase();
        if !distinct.contains(&text) {
            distinct.push(text);
        }
    }
    let shown = distinct.len().min(limit);
    let mut list = distinct[..shown].join(", ");
    if distinct.len() > shown {
        list.push_str(&format!(" and {} more", distinct.len() - shown));
    }
    list
}

/// Where a page-level verdict is reported: the front matter's `title`, else the first heading,
/// else the first line of the body.
pub fn verdict_span(page: &Page<'_>) -> Span {
    if let Some(title) = page.front_matter.as_ref().and_then(|fm| fm.get("title"))
        && title.value_span.end > title.value_span.start
    {
        return title.value_span;
    }
    if let Some(heading) = page.headings.first() {
        return heading.text_span;
    }
    let text = page.source.text.as_str();
    let start = page.body_start.min(text.len());
    let end = memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |n| start + n);
    Span::new(start, end)
}

/// The names of a lexicon pair's sides, as a page verdict writes them.
pub struct Verdict {
    /// "masculine-coded", "fixed-mindset".
    pub flagged: &'static str,
    /// "feminine-coded", "growth-mindset".
    pub balancing: &'static str,
    pub help: &'static str,
}

/// Reports the page when its flagged words outnumber its balancing ones: both counts and the
/// flagged words in the message, every coded word as a label. The one verdict IL001 and IL005
/// share, as the handbook's CI job gave it for gender-coded and mindset-coded words.
pub fn report_verdict(page: &Page<'_>, found: &[CodedWord], verdict: &Verdict, out: &mut Sink<'_>) {
    let flagged: Vec<&CodedWord> = found.iter().filter(|w| w.side == Side::Flagged).collect();
    let balancing = found.len() - flagged.len();
    if flagged.len() <= balancing {
        return;
    }
    let message = format!(
        "{} words outnumber {} ones ({} to {balancing}): {}",
        verdict.flagged,
        verdict.balancing,
        flagged.len(),
        word_list(page, &flagged, 12)
    );
    let diagnostic = out.report(verdict_span(page), message).help(verdict.help);
    for word in found {
        let label = match word.side {
            Side::Flagged => verdict.flagged,
            Side::Balancing => verdict.balancing,
        };
        diagnostic.label(word.span, label);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_words(text: &str) -> Vec<&str> {
        words(text).map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn words_start_where_whitespace_words_start() {
        assert_eq!(all_words("a self-confident leader's team"), ["a", "self-confident", "leader's", "team"]);
        assert_eq!(all_words("team-leader /handbook/leadership e.g.lead"), ["team-leader", "e"]);
        assert_eq!(all_words("(lead), \"lead\" —lead"), ["lead", "lead", "lead"]);
        assert_eq!(all_words("don’t lead-"), ["don’t", "lead"]);
        assert_eq!(all_words("lead/manage"), ["lead"]);
    }

    #[test]
    fn stems_match_word_starts() {
        let lexicon = Lexicon::of_stems(&["lead", "analy", "self-confiden"]);
        assert_eq!(lexicon.find(b"leadership"), Some("lead"));
        assert_eq!(lexicon.find(b"analytical"), Some("analy"));
        assert_eq!(lexicon.find(b"self-confident"), Some("self-confiden"));
        assert_eq!(lexicon.find(b"Lead"), None);
        assert_eq!(lexicon.find(b"mislead"), None);
        let words = Lexicon::new([Entry::Word("proven")]);
        assert_eq!(words.find(b"proven"), Some("proven"));
        assert_eq!(words.find(b"provenance"), None);
    }

    #[test]
    fn sentence_starts() {
        let text = "- Lead the team. Grow it\nand the Growth team";
        assert!(starts_sentence(text, text.find("Lead").unwrap()));
        assert!(starts_sentence(text, text.find("Grow").unwrap()));
        assert!(!starts_sentence(text, text.find("Growth").unwrap()));
        let numbered = "1. **Proven** record";
        assert!(starts_sentence(numbered, numbered.find("Proven").unwrap()));
    }
}

//! `repetition`: the same token twice in a row ("the the"), fixed by deleting the second.

use super::{CompileError, Kind, KindMatcher, RawRule, Reporter, alternation, build, shift};
use crate::diagnostic::Edit;
use crate::page::Page;
use crate::page::scope::Scope;
use crate::rules::pack::case::same_ignoring_case;
use crate::rules::pack::words::{Word, letter_words};
use regex::Regex;

pub static KIND: Kind = Kind { name: "repetition", fields: &["tokens", "ignorecase", "exceptions"], compile };

struct Repetition {
    /// `None` is the default token, any word, scanned by hand: a regex costs too much per match.
    word: Option<Regex>,
    ignorecase: bool,
    /// Allowed repeated phrases, as lowercase words.
    exceptions: Vec<Vec<String>>,
}

fn compile(raw: &RawRule) -> Result<Box<dyn KindMatcher>, CompileError> {
    let ignorecase = raw.ignorecase();
    let word = match raw.tokens(false)? {
        Some(tokens) => Some(build(&alternation(&tokens, false), ignorecase).map_err(|e| (None, e))?),
        None => None,
    };
    let exceptions =
        raw.exceptions.iter().flatten().map(|e| e.split_whitespace().map(str::to_lowercase).collect()).collect();
    Ok(Box::new(Repetition { word, ignorecase, exceptions }))
}

impl KindMatcher for Repetition {
    fn fixes(&self) -> bool {
        true
    }

    fn check(&self, page: &Page<'_>, scope: Scope, report: &mut Reporter<'_, '_>) {
        let text = page.source.text.as_str();
        let mut words: Vec<Word<'_>> = Vec::new();
        for segment in scope.segments(page) {
            let seg = &text[segment.start..segment.end];
            words.clear();
            match &self.word {
                Some(regex) => words.extend(regex.find_iter(seg).map(|m| Word::new(seg, m.start(), m.end()))),
                None => words.extend(letter_words(seg).map(|(s, e)| Word::new(seg, s, e))),
            }
            for (i, pair) in words.windows(2).enumerate() {
                let (a, b) = (pair[0], pair[1]);
                // Nearly every pair differs in its first letter: settle those before any
                // case folding (exact: an ASCII letter lowercases to one ASCII letter).
                // (An empty match of a pack's word pattern is no word.)
                let (Some(&first_a), Some(&first_b)) = (a.as_str().as_bytes().first(), b.as_str().as_bytes().first())
                else {
                    continue;
                };
                if first_a.is_ascii() && first_b.is_ascii() && !first_a.eq_ignore_ascii_case(&first_b) {
                    continue;
                }
                let gap = &seg[a.end()..b.start()];
                let same =
                    if self.ignorecase { same_ignoring_case(a.as_str(), b.as_str()) } else { a.as_str() == b.as_str() };
                if !same || gap.is_empty() || !gap.chars().all(|c| c == ' ' || c == '\t' || c == '\u{a0}') {
                    continue;
                }
                if !b.as_str().chars().any(char::is_alphabetic) || is_exception(&words[i..], &self.exceptions) {
                    continue;
                }
                if is_part_of_a_larger_token(seg, a, b) {
                    continue;
                }
                let span = shift(segment, b.start(), b.end());
                let vars = |k: &str| (k == "match").then(|| b.as_str().to_string());
                let fix = vec![Edit { span: shift(segment, a.end(), b.end()), replacement: String::new() }];
                report.report(span, &vars, Some(fix));
            }
        }
    }
}

/// Whether the pair is no doubled word because one of them belongs to something larger:
/// - "in in-person", "for for-profit": the second word starts a compound;
/// - "check-in in", "built-in in", "hands-on on": the first word ends one;
/// - "SHARE share_test", "resource resource/<name>": an identifier or a path (SQL, commands);
/// - "AND and", "SHARE share": a keyword in capitals beside the word in lowercase (SQL, or an
///   operator named in prose) is two different things.
fn is_part_of_a_larger_token(seg: &str, a: Word<'_>, b: Word<'_>) -> bool {
    let after_b = &seg[b.end()..];
    let before_a = &seg[..a.start()];
    let all_caps = |w: &str| w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase);
    after_b.starts_with(['-', '‑', '_', '/'])
        || before_a.ends_with(['-', '‑', '_', '/'])
        || all_caps(a.as_str()) != all_caps(b.as_str())
}

/// Whether the words starting at `words[0]` begin one of the allowed repeated phrases.
fn is_exception(words: &[Word<'_>], exceptions: &[Vec<String>]) -> bool {
    exceptions.iter().any(|phrase| {
        phrase.len() <= words.len() && phrase.iter().zip(words).all(|(p, w)| *p == w.as_str().to_lowercase())
    })
}

//! The matching behind each pack rule kind, compiled once when the pack loads.

use super::{Kind, RawRule};
use crate::diagnostic::Edit;
use crate::page::Page;
use crate::page::scope::Scope;
use crate::rules::Sink;
use crate::source::Span;
use regex::{Captures, Regex, RegexBuilder};
use std::collections::HashMap;
use std::sync::LazyLock;

/// A compile error: the byte offset in the pack file (if known) and what is wrong.
type CompileError = (Option<usize>, String);

/// Heading styles for `capitalization`.
pub enum Style {
    Sentence,
    Title,
    Pattern(Regex),
}

/// A compiled pack rule.
pub enum Matcher {
    Existence {
        regex: Regex,
        nonword: bool,
    },
    Substitution {
        regex: Regex,
        swap: HashMap<String, String>,
        ignorecase: bool,
        preserve_case: bool,
        nonword: bool,
    },
    /// Misspellings from the typos-dict word list; `allowed` words (lowercase) are never reported.
    Dictionary {
        preserve_case: bool,
        allowed: Vec<String>,
    },
    /// `word: None` is the default token, any word, scanned by hand: a regex costs too much per match.
    Repetition {
        word: Option<Regex>,
        ignorecase: bool,
        exceptions: Vec<Vec<String>>,
    },
    Occurrence {
        regex: Regex,
        nonword: bool,
        min: Option<usize>,
        max: Option<usize>,
    },
    Consistency {
        groups: Vec<(Regex, Vec<String>)>,
        ignorecase: bool,
        nonword: bool,
    },
    Capitalization {
        style: Style,
        exceptions: Vec<String>,
    },
}

fn build(pattern: &str, ignorecase: bool) -> Result<Regex, String> {
    RegexBuilder::new(pattern)
        .case_insensitive(ignorecase)
        .size_limit(64 << 20)
        .build()
        .map_err(|e| format!("invalid regex: {}", e.to_string().lines().last().unwrap_or("").trim()))
}

/// One alternation of `tokens`, word-bounded unless `nonword`.
fn alternation(tokens: &[String], nonword: bool) -> String {
    let body = tokens.iter().map(|t| format!("(?:{t})")).collect::<Vec<_>>().join("|");
    // ASCII word boundaries keep the fast engines on non-ASCII text; `is_embedded` rejects a
    // match glued to any other letter.
    if nonword { format!("(?:{body})") } else { format!(r"(?-u:\b)(?:{body})(?-u:\b)") }
}

impl Matcher {
    pub fn compile(raw: &RawRule) -> Result<Matcher, CompileError> {
        let needs = |field: &str| (None, format!("kind '{}' needs '{field}'", raw.kind.as_str()));
        let ignorecase = raw.ignorecase.unwrap_or(true);
        let nonword = raw.nonword.unwrap_or(false);
        let tokens = |required: bool| -> Result<Option<Vec<String>>, CompileError> {
            match &raw.tokens {
                None if required => Err(needs("tokens")),
                None => Ok(None),
                Some(list) => {
                    // Check each token alone so the error points at the bad one.
                    for token in list {
                        build(token.get_ref(), ignorecase).map_err(|e| (Some(token.span().start), e))?;
                    }
                    if list.is_empty() {
                        return Err((None, "'tokens' is empty".into()));
                    }
                    Ok(Some(list.iter().map(|t| t.get_ref().clone()).collect()))
                }
            }
        };
        Ok(match raw.kind {
            Kind::Existence => {
                let tokens = tokens(true)?.unwrap_or_default();
                Matcher::Existence {
                    regex: build(&alternation(&tokens, nonword), ignorecase).map_err(|e| (None, e))?,
                    nonword,
                }
            }
            Kind::Substitution => {
                let preserve_case = raw.preserve_case.unwrap_or(true);
                match (&raw.swap, &raw.dictionary) {
                    (Some(_), Some(d)) => {
                        return Err((Some(d.span().start), "use either 'swap' or 'dictionary', not both".into()));
                    }
                    (None, Some(d)) if d.get_ref() == "typos" => Matcher::Dictionary {
                        preserve_case,
                        allowed: raw.exceptions.iter().flatten().map(|w| w.to_lowercase()).collect(),
                    },
                    (None, Some(d)) => {
                        return Err((
                            Some(d.span().start),
                            format!("unknown dictionary '{}' (known: typos)", d.get_ref()),
                        ));
                    }
                    (None, None) => return Err(needs("swap")),
                    (Some(swap), None) => {
                        if swap.get_ref().is_empty() {
                            return Err((Some(swap.span().start), "'swap' is empty".into()));
                        }
                        let keys: Vec<String> = swap.get_ref().keys().map(|k| regex::escape(k)).collect();
                        let regex = build(&alternation(&keys, nonword), ignorecase)
                            .map_err(|e| (Some(swap.span().start), e))?;
                        let swap = swap
                            .get_ref()
                            .iter()
                            .map(|(k, v)| (if ignorecase { k.to_lowercase() } else { k.clone() }, v.clone()))
                            .collect();
                        Matcher::Substitution { regex, swap, ignorecase, preserve_case, nonword }
                    }
                }
            }
            Kind::Repetition => {
                let word = match tokens(false)? {
                    Some(tokens) => Some(build(&alternation(&tokens, false), ignorecase).map_err(|e| (None, e))?),
                    None => None,
                };
                let exceptions = raw
                    .exceptions
                    .iter()
                    .flatten()
                    .map(|e| e.split_whitespace().map(str::to_lowercase).collect())
                    .collect();
                Matcher::Repetition { word, ignorecase, exceptions }
            }
            Kind::Occurrence => {
                let tokens = tokens(true)?.unwrap_or_default();
                if raw.min.is_none() && raw.max.is_none() {
                    return Err(needs("max' or 'min"));
                }
                let regex = build(&alternation(&tokens, nonword), ignorecase).map_err(|e| (None, e))?;
                Matcher::Occurrence { regex, nonword, min: raw.min, max: raw.max }
            }
            Kind::Consistency => {
                let Some(either) = &raw.either else { return Err(needs("either")) };
                let mut groups = Vec::new();
                for variants in either {
                    if variants.len() < 2 {
                        return Err((None, "each 'either' entry lists two or more spellings".into()));
                    }
                    let keys: Vec<String> = variants.iter().map(|v| regex::escape(v)).collect();
                    let regex = build(&alternation(&keys, nonword), ignorecase).map_err(|e| (None, e))?;
                    let variants =
                        variants.iter().map(|v| if ignorecase { v.to_lowercase() } else { v.clone() }).collect();
                    groups.push((regex, variants));
                }
                Matcher::Consistency { groups, ignorecase, nonword }
            }
            Kind::Capitalization => {
                let Some(style) = &raw.style else { return Err(needs("style")) };
                let style = match style.get_ref().as_str() {
                    "sentence" => Style::Sentence,
                    "title" => Style::Title,
                    pattern => Style::Pattern(build(pattern, false).map_err(|e| (Some(style.span().start), e))?),
                };
                if raw.scope.heading_level().is_none() {
                    return Err((
                        None,
                        "kind 'capitalization' applies to a heading scope (heading, heading.h1 … heading.h6)".into(),
                    ));
                }
                Matcher::Capitalization { style, exceptions: raw.exceptions.clone().unwrap_or_default() }
            }
        })
    }

    /// Whether findings of this matcher carry a safe fix.
    pub fn fixes(&self) -> bool {
        matches!(self, Matcher::Substitution { .. } | Matcher::Dictionary { .. } | Matcher::Repetition { .. })
    }

    pub fn check(&self, page: &Page<'_>, scope: Scope, message: &str, help: Option<&str>, out: &mut Sink<'_>) {
        let text = page.source.text.as_str();
        let mut report = |span: Span, vars: &dyn Fn(&str) -> Option<String>, fix: Option<Vec<Edit>>| {
            let d = out.report(span, render(message, vars));
            if let Some(help) = help {
                d.help(render(help, vars));
            }
            if let Some(fix) = fix {
                d.fix(fix);
            }
        };
        match self {
            Matcher::Existence { regex, nonword } => {
                for (segment, caps) in scoped_matches(regex, text, &scope.segments(page)) {
                    let Some(m) = caps.get(0) else { continue };
                    let seg = &text[segment.start..segment.end];
                    let (start, end) = (m.start() - segment.start, m.end() - segment.start);
                    if !nonword && is_embedded(seg, start, end) {
                        continue;
                    }
                    report(Span::new(m.start(), m.end()), &|k| capture(&caps, k), None);
                }
            }
            Matcher::Substitution { regex, swap, ignorecase, preserve_case, nonword } => {
                for (segment, caps) in scoped_matches(regex, text, &scope.segments(page)) {
                    let Some(whole) = caps.get(0) else { continue };
                    let seg = &text[segment.start..segment.end];
                    let m = Word::new(seg, whole.start() - segment.start, whole.end() - segment.start);
                    if !nonword && is_embedded(seg, m.start(), m.end()) {
                        continue;
                    }
                    let found = m.as_str();
                    let key = if *ignorecase { found.to_lowercase() } else { found.to_string() };
                    let Some(right) = swap.get(&key) else { continue };
                    // ALL-CAPS text (legal notices, shouting) keeps its case, and quoted text
                    // ("Gitlab Internal Only", a UI label) must match the outside system.
                    if !*preserve_case && (is_all_caps(found) || is_quoted(seg, m.start())) {
                        continue;
                    }
                    let right = if *preserve_case { apply_case(found, right) } else { right.clone() };
                    if right == found {
                        continue;
                    }
                    let span = shift(segment, m.start(), m.end());
                    let vars = |k: &str| if k == "replacement" { Some(right.clone()) } else { capture(&caps, k) };
                    report(span, &vars, Some(vec![Edit { span, replacement: right.clone() }]));
                }
            }
            Matcher::Dictionary { preserve_case, allowed } => {
                // Lowercase words of the page, built only if a capitalized word needs it.
                let mut page_words: Option<rustc_hash::FxHashSet<u64>> = None;
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
                        let Some(corrections) = typos_dict::WORD.find(&unicase::UniCase::new(word)) else { continue };
                        if corrections.is_empty() || allowed.iter().any(|a| a.eq_ignore_ascii_case(word)) {
                            continue;
                        }
                        // A capitalized word inside a sentence may be a name ("Pilar Mejia",
                        // "Canva"): report it only when the page also uses the correction
                        // ("Senior Stock Adminstrator" on a page about the Stock Administrator).
                        if word.starts_with(|c: char| c.is_uppercase()) && !starts_sentence(text, segment.start + start)
                        {
                            let words = page_words.get_or_insert_with(|| page_word_set(page));
                            if !corrections.iter().any(|c| words.contains(&word_key(c))) {
                                continue;
                            }
                        }
                        let cased: Vec<String> = corrections
                            .iter()
                            .map(|c| if *preserve_case { apply_case(word, c) } else { c.to_string() })
                            .collect();
                        let replacement = cased.join("' or '");
                        let span = shift(segment, start, end);
                        let vars = |k: &str| match k {
                            "match" => Some(word.to_string()),
                            "replacement" => Some(replacement.clone()),
                            _ => None,
                        };
                        let fix = (cased.len() == 1).then(|| vec![Edit { span, replacement: cased[0].clone() }]);
                        report(span, &vars, fix);
                    }
                }
            }
            Matcher::Repetition { word, ignorecase, exceptions } => {
                let mut words: Vec<Word<'_>> = Vec::new();
                for segment in scope.segments(page) {
                    let seg = &text[segment.start..segment.end];
                    words.clear();
                    match word {
                        Some(regex) => words.extend(regex.find_iter(seg).map(|m| Word::new(seg, m.start(), m.end()))),
                        None => words.extend(letter_words(seg).map(|(s, e)| Word::new(seg, s, e))),
                    }
                    for (i, pair) in words.windows(2).enumerate() {
                        let (a, b) = (pair[0], pair[1]);
                        // Nearly every pair differs in its first letter: settle those before any
                        // case folding (exact: an ASCII letter lowercases to one ASCII letter).
                        // (An empty match of a pack's word pattern is no word.)
                        let (Some(&first_a), Some(&first_b)) =
                            (a.as_str().as_bytes().first(), b.as_str().as_bytes().first())
                        else {
                            continue;
                        };
                        if first_a.is_ascii() && first_b.is_ascii() && !first_a.eq_ignore_ascii_case(&first_b) {
                            continue;
                        }
                        let gap = &seg[a.end()..b.start()];
                        let same = if *ignorecase {
                            same_ignoring_case(a.as_str(), b.as_str())
                        } else {
                            a.as_str() == b.as_str()
                        };
                        if !same || gap.is_empty() || !gap.chars().all(|c| c == ' ' || c == '\t' || c == '\u{a0}') {
                            continue;
                        }
                        if !b.as_str().chars().any(char::is_alphabetic) || is_exception(&words[i..], exceptions) {
                            continue;
                        }
                        // "in in-person", "for for-profit": the second word starts a compound.
                        let compound = seg[b.end()..].starts_with(['-', '‑']);
                        if compound {
                            continue;
                        }
                        let span = shift(segment, b.start(), b.end());
                        let vars = |k: &str| (k == "match").then(|| b.as_str().to_string());
                        let fix = vec![Edit { span: shift(segment, a.end(), b.end()), replacement: String::new() }];
                        report(span, &vars, Some(fix));
                    }
                }
            }
            Matcher::Occurrence { regex, nonword, min, max } => {
                for segment in scope.segments(page) {
                    let seg = &text[segment.start..segment.end];
                    let found: Vec<regex::Match<'_>> =
                        regex.find_iter(seg).filter(|m| *nonword || !is_embedded(seg, m.start(), m.end())).collect();
                    let count = found.len();
                    let vars = |k: &str| match k {
                        "count" => Some(count.to_string()),
                        "match" => found.first().map(|m| m.as_str().to_string()),
                        _ => None,
                    };
                    if let Some(max) = max
                        && count > *max
                    {
                        let m = found[*max];
                        report(shift(segment, m.start(), m.end()), &vars, None);
                    } else if let Some(min) = min
                        && count < *min
                    {
                        report(segment, &vars, None);
                    }
                }
            }
            Matcher::Consistency { groups, ignorecase, nonword } => {
                let segments = scope.segments(page);
                for (regex, variants) in groups {
                    // (variant index, span, text) of every use, in document order.
                    let mut uses: Vec<(usize, Span, String)> = Vec::new();
                    for segment in &segments {
                        let seg = &text[segment.start..segment.end];
                        for m in regex.find_iter(seg) {
                            if !nonword && is_embedded(seg, m.start(), m.end()) {
                                continue;
                            }
                            let key = if *ignorecase { m.as_str().to_lowercase() } else { m.as_str().to_string() };
                            if let Some(v) = variants.iter().position(|v| *v == key) {
                                uses.push((v, shift(*segment, m.start(), m.end()), m.as_str().to_string()));
                            }
                        }
                    }
                    let mut counts = vec![0usize; variants.len()];
                    for (v, _, _) in &uses {
                        counts[*v] += 1;
                    }
                    if counts.iter().filter(|c| **c > 0).count() < 2 {
                        continue;
                    }
                    // The spelling used most wins; on a tie, the one used first.
                    let best = counts.iter().copied().max().unwrap_or(0);
                    let winner = uses.iter().find(|(v, _, _)| counts[*v] == best).map_or(0, |(v, _, _)| *v);
                    let winner_text =
                        uses.iter().find(|(v, _, _)| *v == winner).map(|u| u.2.clone()).unwrap_or_default();
                    for (v, span, found) in &uses {
                        if *v != winner {
                            let vars = |k: &str| match k {
                                "match" => Some(found.clone()),
                                "other" => Some(winner_text.clone()),
                                _ => None,
                            };
                            report(*span, &vars, None);
                        }
                    }
                }
            }
            Matcher::Capitalization { style, exceptions } => {
                let want = scope.heading_level().unwrap_or(0);
                for heading in &page.headings {
                    if want != 0 && heading.level != want || heading.text.is_empty() {
                        continue;
                    }
                    let expected = match style {
                        Style::Sentence => sentence_case(&heading.text, exceptions),
                        Style::Title => title_case(&heading.text, exceptions),
                        Style::Pattern(regex) => {
                            if regex.is_match(&heading.text) {
                                continue;
                            }
                            String::new()
                        }
                    };
                    if !matches!(style, Style::Pattern(_)) && expected == heading.text {
                        continue;
                    }
                    let vars = |k: &str| match k {
                        "match" => Some(heading.text.clone()),
                        "replacement" => Some(expected.clone()),
                        _ => None,
                    };
                    report(heading.text_span, &vars, None);
                }
            }
        }
    }
}

/// The span of `start..end` within a segment.
fn shift(segment: Span, start: usize, end: usize) -> Span {
    Span::new(segment.start + start, segment.start + end)
}

fn capture(caps: &Captures<'_>, key: &str) -> Option<String> {
    if key == "match" {
        return caps.get(0).map(|m| m.as_str().to_string());
    }
    caps.name(key).map(|m| m.as_str().to_string())
}

/// A message template with its placeholders shown as "…", for a rule's one-line summary.
pub fn placeholders_elided(template: &str) -> String {
    render(template, &|_| Some("…".to_string()))
}

/// Fills `{name}` placeholders; unknown ones stay as written.
fn render(template: &str, vars: &dyn Fn(&str) -> Option<String>) -> String {
    static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\{([A-Za-z_][A-Za-z0-9_]*)\}").expect("valid"));
    PLACEHOLDER.replace_all(template, |c: &Captures<'_>| vars(&c[1]).unwrap_or_else(|| c[0].to_string())).into_owned()
}

/// A match glued to an identifier, a path, a domain or an e-mail address ("gitlab.com",
/// "docs/gitlab", "gitlab_ci", "gitlab-runner") is not prose.
fn is_embedded(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let mut after = text[end..].chars();
    let (next, next2) = (after.next(), after.next());
    matches!(before, Some('.' | '/' | '@' | '_' | '\\' | '-' | '#' | '~' | '='))
        || before.is_some_and(char::is_alphanumeric)
        || matches!(next, Some('/' | '@' | '_' | '\\' | '#' | '&' | '!' | '~'))
        || next.is_some_and(char::is_alphanumeric)
        || (matches!(next, Some('.' | '-')) && next2.is_some_and(char::is_alphanumeric))
}

fn same_ignoring_case(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() { a.eq_ignore_ascii_case(b) } else { a.to_lowercase() == b.to_lowercase() }
}

/// Whether byte `at` of a run sits inside double quotes opened earlier in the run.
fn is_quoted(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let straight = before.matches('"').count();
    let open = before.matches('“').count();
    let close = before.matches('”').count();
    straight % 2 == 1 || open > close
}

fn is_all_caps(word: &str) -> bool {
    let mut letters = word.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some()
        && word.chars().filter(|c| c.is_alphabetic()).count() > 1
        && letters.all(char::is_uppercase)
}

/// FNV-1a of a word's ASCII-lowercased bytes.
fn fold_hash(word: &str) -> u64 {
    word.bytes()
        .fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x0100_0000_01b3))
}

/// A cheap first test against typos-dict: almost every word of prose is not in it, and hashing
/// it once with FNV is several times cheaper than the dictionary's case-insensitive lookup.
fn maybe_misspelled(word: &str) -> bool {
    static KEYS: LazyLock<rustc_hash::FxHashSet<u64>> =
        LazyLock::new(|| typos_dict::WORD.map.keys().map(|k| fold_hash(k.into_inner())).collect());
    KEYS.contains(&fold_hash(word))
}

/// "O'Leary", "D'Souza": a word after an apostrophe is part of a name.
fn after_apostrophe(text: &str, start: usize) -> bool {
    text[..start].ends_with(['\'', '’'])
}

/// Whether the word at byte `at` of the page starts a sentence, a list item, a cell or a heading.
fn starts_sentence(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([' ', '\t', '*', '_', '"', '“', '(', '[']);
    match before.chars().next_back() {
        None => true,
        Some(c) => matches!(c, '.' | '!' | '?' | ':' | '\n' | '|' | '#' | '-' | '+' | '>') || c.is_ascii_digit(),
    }
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
            && let Some(corrections) = typos_dict::WORD.find(&unicase::UniCase::new(word))
        {
            words.extend(corrections.iter().map(|c| word_key(c)));
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

/// The matches of `regex` in the whole text that lie inside one of `segments` (sorted), with
/// that segment. One search over the file is much cheaper than one per prose run.
fn scoped_matches<'t>(regex: &Regex, text: &'t str, segments: &[Span]) -> Vec<(Span, Captures<'t>)> {
    if segments.is_empty() {
        return Vec::new();
    }
    let from = segments[0].start;
    let to = segments[segments.len() - 1].end;
    let haystack = &text[..to];
    let mut out = Vec::new();
    // Many matches lie outside prose (a name in a URL or code span): find them with the fast
    // engines and resolve capture groups only for the ones kept. Searching again from a kept
    // match's start finds that same match (leftmost-first, with the whole text as context).
    for m in regex.find_iter(haystack) {
        if m.start() < from {
            continue;
        }
        let i = segments.partition_point(|s| s.start <= m.start());
        if i > 0
            && segments[i - 1].end >= m.end()
            && let Some(caps) = regex.captures_at(haystack, m.start())
        {
            out.push((segments[i - 1], caps));
        }
    }
    out
}

/// A word of a run: its text and where it starts.
#[derive(Clone, Copy)]
struct Word<'t> {
    text: &'t str,
    start: usize,
}

impl<'t> Word<'t> {
    fn new(seg: &'t str, start: usize, end: usize) -> Self {
        Word { text: &seg[start..end], start }
    }
    fn as_str(&self) -> &'t str {
        self.text
    }
    fn start(&self) -> usize {
        self.start
    }
    fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

/// Maximal runs of ASCII letters, as byte ranges.
fn ascii_words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() && !bytes[i].is_ascii_alphabetic() {
            i += 1;
        }
        if i >= bytes.len() {
            return None;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
            i += 1;
        }
        Some((start, i))
    })
}

/// The ASCII bytes that continue a word: letters, digits and the apostrophe.
const WORD_BYTE: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b == b'\'' as usize;
        b += 1;
    }
    table
};

/// Words: a letter followed by letters, digits and apostrophes, as byte ranges.
fn letter_words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    // Bytes first: prose is mostly ASCII, and decoding every character is what made this slow.
    let bytes = text.as_bytes();
    let char_at = move |i: usize| text[i..].chars().next().unwrap_or(' ');
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            let b = *bytes.get(i)?;
            if b < 0x80 {
                if b.is_ascii_alphabetic() {
                    break;
                }
                i += 1;
            } else {
                let c = char_at(i);
                if c.is_alphabetic() {
                    break;
                }
                i += c.len_utf8();
            }
        }
        let start = i;
        while let Some(&b) = bytes.get(i) {
            if b < 0x80 {
                if !WORD_BYTE[usize::from(b)] {
                    break;
                }
                i += 1;
            } else {
                let c = char_at(i);
                if !(c.is_alphanumeric() || c == '’') {
                    break;
                }
                i += c.len_utf8();
            }
        }
        Some((start, i))
    })
}

/// Whether the words starting at `words[0]` begin one of the allowed repeated phrases.
fn is_exception(words: &[Word<'_>], exceptions: &[Vec<String>]) -> bool {
    exceptions.iter().any(|phrase| {
        phrase.len() <= words.len() && phrase.iter().zip(words).all(|(p, w)| *p == w.as_str().to_lowercase())
    })
}

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

fn sentence_case(text: &str, exceptions: &[String]) -> String {
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

fn title_case(text: &str, exceptions: &[String]) -> String {
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

    #[test]
    fn embedded_matches_are_not_prose() {
        assert!(is_embedded("see gitlab.com now", 4, 10));
        assert!(is_embedded("the gitlab-runner", 4, 10));
        assert!(!is_embedded("use gitlab. Then", 4, 10));
        assert!(!is_embedded("use gitlab, then", 4, 10));
    }
}

//! MD044 proper-names.

use super::html::is_html_comment_block;
use super::lines::line_range;
use crate::diagnostic::Edit;
use crate::page::Page;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;
use regex::Regex;
use std::sync::{Arc, LazyLock, Mutex};

const NAMES: Param = Param::strings("names", &[], "the names, spelled as they must be");
const CODE_BLOCKS: Param = Param::boolean("code_blocks", true, "check code spans and code blocks too");
const HTML_ELEMENTS: Param = Param::boolean("html_elements", true, "check the text of HTML elements too");

pub static META: RuleMeta = RuleMeta {
    code: "MD044",
    name: "proper-names",
    group: Group::Markdown,
    summary: "proper names should have the correct capitalization",
    docs: r#"## What it does
markdownlint's MD044: a name from `names` (such as `["GitLab", "JavaScript"]`) written with
other capitals. Names match whole words, case-insensitively; a longer name wins where two
overlap, and text that is exactly one of the names (`github.com` next to `GitHub`) is left
alone. Text, link and image text, code spans and code blocks (unless `code_blocks` is false)
and HTML (unless `html_elements` is false) are checked; link destinations, autolinks and bare
URLs are not. Without `names` the rule does nothing. `--fix` corrects the names in prose only:
in code and HTML a lowercase name is often a command, a path or an attribute value.

Like markdownlint, hblint leaves out GFM's bare URLs in code and HTML text (from the start of
the URL to the end of its line, as markdownlint does), and link destinations in HTML blocks,
which markdownlint reads as Markdown.

## Differences from markdownlint
markdownlint reads text between dollar signs as math and skips it (`$name.patch https://…$`);
hblint checks it. An email address written as link text inside a code span is still skipped as
an address.

## Why is this bad?
A product or company name spelled another way than its owner spells it looks careless.

## Example
With `names: ["JavaScript"]`:

```markdown
We write our tools in Javascript.
```

## Use instead
```markdown
We write our tools in JavaScript.
```
"#,
    severity: Severity::Warning,
    fix: true,
    params: &[NAMES, CODE_BLOCKS, HTML_ELEMENTS],
};

/// Proper names with the wrong capitals.
pub struct ProperNames;

/// A configuration's names, longest first, with their patterns: every page of a run with the
/// same `names` shares them, so each list is compiled once (folders may have their own lists).
type Compiled = Arc<(Vec<NamePattern>, Option<Regex>)>;
static CACHE: LazyLock<Mutex<std::collections::HashMap<Vec<String>, Compiled>>> = LazyLock::new(Default::default);

/// markdownlint's pattern for a name: word-bounded (ASCII words, as JavaScript's `\b`) unless
/// the name starts or ends with punctuation, with underscores around it allowed.
fn compile(names: &[String]) -> Compiled {
    let mut cache = CACHE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(compiled) = cache.get(names) {
        return compiled.clone();
    }
    let mut sorted: Vec<String> = names.to_vec();
    sorted.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then_with(|| a.cmp(b)));
    let compiled: Vec<NamePattern> = sorted
        .into_iter()
        .filter(|name| !name.is_empty())
        .filter_map(|name| {
            let re = Regex::new(&format!("(?i){}", regex::escape(&name))).ok()?;
            let bounded_start = name.chars().next().is_some_and(is_word);
            let bounded_end = name.chars().next_back().is_some_and(is_word);
            Some(NamePattern { name, re, bounded_start, bounded_end })
        })
        .collect();
    // Any of the names, to find the few pieces of text worth a closer look in one pass.
    let alternatives: Vec<String> = compiled.iter().map(|p| regex::escape(&p.name)).collect();
    let any = Regex::new(&format!("(?i){}", alternatives.join("|"))).ok();
    let compiled = Arc::new((compiled, any));
    cache.insert(names.to_vec(), compiled.clone());
    compiled
}

/// A JavaScript word character (`\w`).
fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// One name and how to find it: markdownlint's `(\b_*)(name)_*\b`, case-insensitive, with
/// the word boundaries only where the name starts or ends with a word character.
struct NamePattern {
    name: String,
    /// The name alone, case-insensitive: the boundaries are checked by hand, which is much
    /// faster than a pattern with groups and boundaries.
    re: Regex,
    bounded_start: bool,
    bounded_end: bool,
}

impl NamePattern {
    /// The byte ranges of the name's matches in `text`, in order.
    fn find_all(&self, text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(m) = self.re.find_at(text, from) {
            let before = text[..m.start()].trim_end_matches('_');
            let after = text[m.end()..].trim_start_matches('_');
            let start_ok = !self.bounded_start || !before.chars().next_back().is_some_and(is_word);
            let end_ok = !self.bounded_end || !after.chars().next().is_some_and(is_word);
            if start_ok && end_ok {
                out.push((m.start(), m.end()));
                // The underscores after the name belong to the match.
                from = if self.bounded_end { text.len() - after.len() } else { m.end() };
            } else {
                from = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
            }
            if from >= text.len() {
                break;
            }
        }
        out
    }
}

/// Removes the HTML tags from an HTML block's text (keeping their length as spaces), for
/// `html_elements: false`: the text between the tags is still Markdown text to markdownlint.
fn without_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
                continue;
            }
            _ => {}
        }
        if in_tag {
            for _ in 0..c.len_utf8() {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Where the bare URLs of a piece of text are, for a name inside one is not reported.
#[derive(Clone, Copy)]
enum Urls {
    /// Inline HTML: its URLs are attributes.
    Linked,
    /// Text (a bare URL as link text), and HTML blocks read without their tags: markdownlint
    /// finds GFM's bare URLs in them.
    Text,
    /// Code: as text, but an indented line is code again to markdownlint, without URLs.
    Code,
    /// HTML blocks: bare URLs between the tags, not in attributes.
    OutsideTags,
}

/// GFM's literal autolinks (`https://…`, `www.…`, emails) in `text`, as byte ranges: what
/// markdownlint's MD044 leaves out of code and HTML text.
fn literal_autolinks(text: &str, code: bool) -> Vec<(usize, usize)> {
    static URL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:https?://|www\.|mailto:|xmpp:)[^\s<]*|[A-Za-z0-9.+_-]+@[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+")
            .expect("valid")
    });
    // A code line that Markdown reads as indented code holds no autolinks.
    let lead = text.len() - text.trim_start_matches(' ').len();
    if code && (lead >= 4 || text[lead..].starts_with('\t')) {
        return Vec::new();
    }
    // Code spans in the text hide their URLs.
    let mut code_spans: Vec<(usize, usize)> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(open) = bytes[i..].iter().position(|&b| b == b'`').map(|p| p + i) {
        let run = bytes[open..].iter().take_while(|&&b| b == b'`').count();
        let mut j = open + run;
        i = j;
        while let Some(close) = bytes[j..].iter().position(|&b| b == b'`').map(|p| p + j) {
            let other = bytes[close..].iter().take_while(|&&b| b == b'`').count();
            if other == run {
                code_spans.push((open, close + other));
                i = close + other;
                break;
            }
            j = close + other;
        }
    }
    let mut out = Vec::new();
    for m in URL.find_iter(text) {
        if code_spans.iter().any(|&(s, e)| s < m.start() && m.start() < e) {
            continue;
        }
        let head = &text[..m.start()];
        let before = head.chars().next_back();
        let lower = m.as_str().to_ascii_lowercase();
        // A link destination or an angle-bracket autolink is not a literal autolink.
        if head.ends_with("](") || before == Some('<') {
            continue;
        }
        let starts_well = if lower.starts_with("www.") {
            before.is_none_or(|c| c.is_whitespace() || "(*_[]~".contains(c))
        } else if lower.contains(':') {
            before.is_none_or(|c| !c.is_ascii_alphabetic())
        } else {
            before.is_none_or(|c| c != '/' && !c.is_ascii_alphanumeric() && !"+-._".contains(c))
        };
        if starts_well {
            let trimmed = m.as_str().trim_end_matches(['?', '!', '.', ',', ':', '*', '_', '~', '\'', '"']);
            out.push((m.start(), m.start() + trimmed.len()));
        }
    }
    // Outside code, a link's destination is not text to markdownlint either.
    if !code {
        for (at, _) in text.match_indices("](") {
            let from = at + 2;
            let end = text[from..].find([')', ' ', '\n']).map_or(text.len(), |n| from + n);
            out.push((from, end));
        }
    }
    out
}

impl Rule for ProperNames {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        let names = params.strings(&NAMES).unwrap_or_default();
        if names.is_empty() {
            return;
        }
        let compiled = compile(names);
        let code = params.flag(&CODE_BLOCKS);
        let html = params.flag(&HTML_ELEMENTS);
        let text = page.source.text.as_str();

        // The pieces of source to read, as (span, replacement text of the same length or None).
        // Bare `*`/`_` markers are tokens of their own to markdownlint: they split the text.
        let markers = &page.markdown.bare_emphasis_markers;
        let mut units: Vec<(Span, Option<String>, Urls)> = Vec::with_capacity(page.markdown.text_spans.len());
        for span in &page.markdown.text_spans {
            let mut start = span.start;
            let first = markers.partition_point(|(m, _)| m.start < span.start);
            for (marker, _) in markers[first..].iter().take_while(|(m, _)| m.end <= span.end) {
                if marker.start > start {
                    units.push((Span::new(start, marker.start), None, Urls::Text));
                }
                start = marker.end;
            }
            if start < span.end {
                units.push((Span::new(start, span.end), None, Urls::Text));
            }
        }
        if code {
            for span in &page.markdown.code_spans {
                let fence = text[span.start..span.end].bytes().take_while(|&b| b == b'`').count();
                if span.end >= span.start + 2 * fence {
                    units.push((Span::new(span.start + fence, span.end - fence), None, Urls::Code));
                }
            }
            for block in &page.markdown.code_blocks {
                let (first, last) = line_range(page, block.span);
                let (first, last) = if block.fenced { (first + 1, last.saturating_sub(1)) } else { (first, last) };
                // markdownlint reads each line without the block's indentation.
                let indent = block.span.start - page.lines.line_start(page.lines.line_of(block.span.start));
                for n in first..=last {
                    let line_start = page.lines.line_start(n - 1);
                    let spaces = text[line_start..].bytes().take(indent).take_while(|&b| b == b' ').count();
                    let start = (line_start + spaces).max(block.span.start);
                    let end = text[start..].find('\n').map_or(text.len(), |i| start + i).min(block.span.end);
                    if start < end {
                        units.push((Span::new(start, end), None, Urls::Code));
                    }
                }
            }
        }
        for block in &page.html_blocks {
            let source = &text[block.start..block.end];
            if html {
                units.push((*block, None, Urls::OutsideTags));
            } else if !is_html_comment_block(source) {
                units.push((*block, Some(without_tags(source)), Urls::Text));
            }
        }
        if html {
            units.extend(page.html_inline.iter().map(|s| (*s, None, Urls::Linked)));
        }
        units.sort_by_key(|(span, _, _)| span.start);

        // What earlier matches and URLs cover: name matches by start (they are short, so an
        // overlap starts at most `longest` bytes before), URL ranges apart (few, but long).
        let mut taken: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
        let mut taken_urls: Vec<Span> = Vec::new();
        let longest = compiled.0.iter().map(|p| p.name.len() * 4).max().unwrap_or(0);
        // Each finding, and whether it is in prose (only prose gets a fix: renaming inside code or
        // HTML can break a command, a path or an attribute).
        let mut found: Vec<(Span, &str, bool)> = Vec::new();
        // Whether each unit's bare URLs were added to `taken` yet: markdownlint looks for them
        // the first time a unit holds a misspelled name.
        let mut scanned = vec![false; units.len()];
        let line_end = |at: usize| text[at..].find('\n').map_or(text.len(), |n| at + n);
        // Only the units where some name occurs, case aside, need the per-name passes.
        let (patterns, any) = &*compiled;
        let mut hot = vec![false; units.len()];
        if let Some(any) = any {
            for m in any.find_iter(text) {
                let i = units.partition_point(|(u, _, _)| u.start <= m.start());
                if i > 0 && m.start() < units[i - 1].0.end {
                    hot[i - 1] = true;
                }
            }
        } else {
            hot.fill(true);
        }
        for pattern in patterns {
            let name = pattern.name.as_str();
            for (index, (unit, replaced, url_mode)) in units.iter().enumerate().filter(|(i, _)| hot[*i]) {
                let haystack = replaced.as_deref().unwrap_or(&text[unit.start..unit.end]);
                for (m_start, m_end) in pattern.find_all(haystack) {
                    let span = Span::new(unit.start + m_start, unit.start + m_end);
                    let overlaps = |taken: &std::collections::BTreeMap<usize, usize>, urls: &[Span]| {
                        taken.range(span.start.saturating_sub(longest)..span.end).any(|(_, &end)| end > span.start)
                            || urls.iter().any(|t| t.start < span.end && span.start < t.end)
                    };
                    if !overlaps(&taken, &taken_urls) && !names.iter().any(|n| n == &haystack[m_start..m_end]) {
                        if !scanned[index] {
                            scanned[index] = true;
                            let ranges = match url_mode {
                                Urls::Linked => Vec::new(),
                                Urls::Text => literal_autolinks(haystack, false),
                                Urls::Code => literal_autolinks(haystack, true),
                                Urls::OutsideTags => literal_autolinks(&without_tags(haystack), false),
                            };
                            // markdownlint's range ends as far past the end of the unit (on its
                            // line) as the URL ends past the unit's start.
                            for (s, e) in ranges {
                                let from = unit.start + s;
                                let unit_end = unit.end.min(line_end(from));
                                taken_urls.push(Span::new(from, (unit_end + e).min(line_end(from)).max(from + 1)));
                            }
                        }
                        if !overlaps(&taken, &taken_urls) {
                            found.push((span, name, matches!(url_mode, Urls::Text) && replaced.is_none()));
                        }
                    }
                    let end = taken.entry(span.start).or_insert(span.end);
                    *end = (*end).max(span.end);
                }
            }
        }
        found.sort_by_key(|(span, _, _)| span.start);
        for (span, name, prose) in found {
            let diagnostic = out
                .report(span, format!("'{}' should be written '{name}'", &text[span.start..span.end]))
                .help(format!("write the name as its owner does: '{name}'"));
            if prose {
                diagnostic.fix(vec![Edit { span, replacement: name.to_string() }]);
            }
        }
    }
}

//! MD051 link-fragments.

use super::headings::{heading_text_span, is_docfx_tab};
use crate::diagnostic::Edit;
use crate::page::Page;
use crate::page::links::LinkKind;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

const IGNORE_CASE: Param = Param::boolean("ignore_case", false, "match fragments ignoring case");
const IGNORED_PATTERN: Param = Param::pattern("ignored_pattern", "", "fragments matching it are not checked");

pub static META: RuleMeta = RuleMeta {
    code: "MD051",
    name: "link-fragments",
    group: Group::Markdown,
    summary: "link fragments should be valid",
    docs: r##"## What it does
markdownlint's MD051: a link to a fragment of the same page (`[text](#section)`, or a definition
`[label]: #section`) that names no heading anchor, no `id` (any HTML tag) or `name` (`<a>`)
attribute, and is not `#top` or a line reference (`#L12`, `#L12C3-L14C5`).

Heading anchors are GitHub's: the heading's text (code and link text included; images, HTML
and autolinks left out) lowercased, with everything but letters, marks, numbers, connector
punctuation, `-` and spaces removed, spaces turned into `-`, then percent-encoded; a repeated
heading gets `-1`, `-2`… A heading ending in `{#custom-id}` (lowercase letters, digits, `-` and
`_`) also defines `#custom-id`. kramdown's attribute lists (`{: #anchor}`, `{:#anchor}`) are
not anchors to markdownlint, so not to hblint either: on a heading line their text becomes
part of the heading's anchor, on the next line they are a paragraph. Middleman/kramdown pages
that link to such anchors can list them in `ignored_pattern` (for example `"^(tools|faq)$"`).

A fragment that differs from an anchor only in case is reported with the expected spelling
(and `--fix` rewrites it), unless `ignore_case` is true. Fragments matching the regular
expression `ignored_pattern` are never reported. The link of a DocFX tab heading, an ATX
heading whose whole text is one link to `#tab/…` (`# [Linux](#tab/linux)`), names a tab, not
an anchor, and is not checked, as in markdownlint; a `#tab/…` link among other heading text is.

## Why is this bad?
A fragment that matches nothing scrolls nowhere: the reader lands at the top of the page.

## Example
```markdown
# Onboarding

See [the checklist](#check-list).

## Checklist
```

## Use instead
```markdown
# Onboarding

See [the checklist](#checklist).

## Checklist
```
"##,
    severity: Severity::Warning,
    fix: true,
    params: &[IGNORE_CASE, IGNORED_PATTERN],
};

/// Same-page fragments that match no anchor.
pub struct LinkFragments;

/// GitHub's heading anchor (`#…`, percent-encoded) for a heading's text.
pub fn heading_fragment(text: &str) -> String {
    static KEEP: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[\p{Letter}\p{Mark}\p{Number}\p{Connector_Punctuation}]$").expect("valid"));
    let mut out = String::with_capacity(text.len() + 1);
    out.push('#');
    let mut buffer = [0u8; 4];
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            ' ' | '-' => out.push('-'),
            'a'..='z' | '0'..='9' | '_' => out.push(c),
            c if c.is_ascii() => {}
            c if KEEP.is_match(c.encode_utf8(&mut buffer)) => {
                encode_uri_component(c.encode_utf8(&mut buffer), &mut out)
            }
            _ => {}
        }
    }
    out
}

/// JavaScript's `encodeURIComponent`.
fn encode_uri_component(text: &str, out: &mut String) {
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || "-_.!~*'()".contains(c) {
            out.push(c);
        } else {
            let mut buffer = [0u8; 4];
            for byte in c.encode_utf8(&mut buffer).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
}

/// The fragments a page defines, in the order markdownlint adds them (the order matters for
/// which spelling a case-insensitive match suggests).
#[derive(Default)]
struct Fragments {
    /// Fragment → (markdownlint's count for repeated headings, order of first insertion).
    map: HashMap<String, (usize, usize)>,
}

impl Fragments {
    fn set(&mut self, key: String, count: usize) {
        let order = self.map.len();
        self.map.entry(key).and_modify(|e| e.0 = count).or_insert((count, order));
    }

    fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    fn count(&self, key: &str) -> usize {
        self.map.get(key).map_or(0, |e| e.0)
    }

    /// Lowercased fragment → the first fragment (in insertion order) that lowercases to it.
    fn by_lowercase(&self) -> HashMap<String, String> {
        let mut keys: Vec<(&String, usize)> = self.map.iter().map(|(k, e)| (k, e.1)).collect();
        keys.sort_by_key(|k| k.1);
        let mut map = HashMap::new();
        for (key, _) in keys {
            map.entry(key.to_lowercase()).or_insert_with(|| key.clone());
        }
        map
    }
}

/// The `id` (any tag) or `name` (`<a>`) of an opening HTML tag.
/// Whether the link at `span` is the whole text of a DocFX tab heading (`# [Linux](#tab/linux)`),
/// whose `#tab/…` fragment names a tab, not an anchor.
fn in_docfx_tab(page: &Page<'_>, span: Span) -> bool {
    page.headings.iter().any(|h| h.span.start <= span.start && span.end <= h.span.end && is_docfx_tab(page, h))
}

fn tag_anchor(tag: &str) -> Option<&str> {
    let lower_has = |needle: &[u8]| tag.as_bytes().windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle));
    if !lower_has(b"id") && !lower_has(b"name") {
        return None;
    }
    static ID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"(?i)\sid\s*=\s*['"]?([^'"\s>]*)"#).expect("valid"));
    static NAME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"(?i)\sname\s*=\s*['"]?([^'"\s>]*)"#).expect("valid"));
    let rest = tag.strip_prefix('<')?;
    let name_len = rest.find(|c: char| c == '/' || c == '>' || c.is_whitespace()).unwrap_or(rest.len());
    if rest.starts_with(['!', '>', '/']) || name_len == 0 {
        return None;
    }
    if let Some(m) = ID.captures(tag).and_then(|c| c.get(1)) {
        return Some(m.as_str());
    }
    if rest[..name_len].eq_ignore_ascii_case("a") {
        return NAME.captures(tag).and_then(|c| c.get(1)).map(|m| m.as_str());
    }
    None
}

/// The opening tags of an HTML block (comments skipped), as markdownlint reads them when it
/// parses the block's lines again as Markdown.
fn block_tags(html: &str, mut each: impl FnMut(&str)) {
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(at) = memchr::memchr(b'<', &bytes[i..]) {
        let start = i + at;
        if html[start..].starts_with("<!--") {
            i = html[start + 4..].find("-->").map_or(bytes.len(), |p| start + 4 + p + 3);
            continue;
        }
        if !bytes.get(start + 1).is_some_and(u8::is_ascii_alphabetic) {
            i = start + 1;
            continue;
        }
        // The tag runs to the first `>` outside quotes.
        let mut quote = None;
        let mut end = None;
        for (offset, &b) in bytes[start + 1..].iter().enumerate() {
            match (quote, b) {
                (Some(q), b) if b == q => quote = None,
                (Some(_), _) => {}
                (None, b'"' | b'\'') => quote = Some(b),
                (None, b'>') => {
                    end = Some(start + 1 + offset + 1);
                    break;
                }
                (None, b'<') => break,
                _ => {}
            }
        }
        match end {
            Some(end) => {
                each(&html[start..end]);
                i = end;
            }
            None => i = start + 1,
        }
    }
}

/// Adds the `id` and `name` anchors of the page's HTML, in document order.
fn add_html_anchors(page: &Page<'_>, fragments: &mut Fragments) {
    let text = page.source.text.as_str();
    let mut anchor = |tag: &str| {
        if let Some(name) = tag_anchor(tag) {
            fragments.set(format!("#{name}"), 0);
        }
    };
    let mut html: Vec<(Span, bool)> = page.html_inline.iter().map(|s| (*s, false)).collect();
    html.extend(page.html_blocks.iter().map(|s| (*s, true)));
    html.sort_by_key(|(s, _)| s.start);
    for (span, block) in html {
        let source = &text[span.start..span.end];
        if block {
            block_tags(source, &mut anchor);
        } else {
            anchor(source);
        }
    }
}

impl Rule for LinkFragments {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        static CUSTOM_ANCHOR: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"\{(#[a-z\d]+(?:[-_]+[a-z\d]+)*)\}").expect("valid"));
        static LINE_FRAGMENT: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^#(?:L\d+(?:C\d+)?-L\d+(?:C\d+)?|L\d+)$").expect("valid"));
        let text = page.source.text.as_str();
        let model = &page.markdown.link_model;
        // The same-page fragments to check: (span reported, destination span, unescaped text).
        let mut targets: Vec<(Span, Span, String)> = Vec::new();
        for link in &model.links {
            if link.image || link.kind != LinkKind::Inline {
                continue;
            }
            // Most destinations are URLs: look for the `#` before reading the destination.
            let after = text.as_bytes().get(link.text.end + 2..link.span.end).unwrap_or_default().trim_ascii_start();
            if !after.starts_with(b"#") && !after.starts_with(b"<#") {
                continue;
            }
            let Some(destination) = link.destination(text).0 else { continue };
            let raw = &text[destination.start..destination.end];
            if !raw.starts_with('#') || (link.in_heading && raw.starts_with("#tab/") && in_docfx_tab(page, link.span)) {
                continue;
            }
            targets.push((link.span, destination, super::escapes::unescape_backslashes(raw)));
        }
        for definition in &model.definitions {
            let raw = &text[definition.destination.start..definition.destination.end];
            let (inner, offset) = match raw.strip_prefix('<').and_then(|r| r.strip_suffix('>')) {
                Some(inner) => (inner, 1),
                None => (raw, 0),
            };
            if inner.starts_with('#') {
                let start = definition.destination.start + offset;
                targets.push((
                    definition.span,
                    Span::new(start, start + inner.len()),
                    super::escapes::unescape_backslashes(inner),
                ));
            }
        }
        targets.retain(|t| t.2.len() > 1);
        if targets.is_empty() {
            return;
        }
        let ignore_case = params.flag(&IGNORE_CASE);
        let ignored = params.pattern(&IGNORED_PATTERN);
        let ignored = if ignored.text.is_empty() { None } else { ignored.regex.clone() };

        let mut fragments = Fragments::default();
        fragments.set("#top".to_string(), 0);
        for (heading, fragment_text) in page.headings.iter().zip(&model.heading_fragments) {
            let fragment = heading_fragment(fragment_text);
            if fragment == "#" {
                continue;
            }
            let count = fragments.count(&fragment);
            if count > 0 {
                fragments.set(format!("{fragment}-{count}"), 0);
            }
            fragments.set(fragment, count + 1);
            if !text[heading.span.start..heading.span.end].contains("{#") {
                continue;
            }
            let span = heading_text_span(page, heading);
            let heading_source = &text[span.start..span.end];
            for capture in CUSTOM_ANCHOR.captures_iter(heading_source) {
                if let Some(anchor) = capture.get(1)
                    && !fragments.has(anchor.as_str())
                {
                    fragments.set(anchor.as_str().to_string(), 1);
                }
            }
        }
        // HTML anchors come after the headings (the order decides which spelling a case
        // mismatch suggests); they are only collected when a fragment matches no heading.
        let mut anchors_added = false;
        let mut lowercase: Option<HashMap<String, String>> = None;
        for (span, destination, target) in targets {
            let rest = &target[1..];
            let mut encoded = String::from("#");
            encode_uri_component(rest, &mut encoded);
            if !anchors_added && !fragments.has(&encoded) {
                anchors_added = true;
                add_html_anchors(page, &mut fragments);
            }
            if fragments.has(&encoded)
                || LINE_FRAGMENT.is_match(&encoded)
                || ignored.as_ref().is_some_and(|re| re.is_match(rest))
            {
                continue;
            }
            // The first fragment, in the order they were added, that matches without case.
            let by_lowercase = lowercase.get_or_insert_with(|| fragments.by_lowercase());
            match by_lowercase.get(&target.to_lowercase()) {
                Some(key) if ignore_case || *key == target => {}
                Some(key) => {
                    let diagnostic = out
                        .report(span, format!("link fragment '{target}' differs in case from the anchor '{key}'"))
                        .help(format!("write '{key}': fragments are case-sensitive"));
                    if page.lines.line_of(span.start) == page.lines.line_of(span.end.saturating_sub(1).max(span.start))
                    {
                        diagnostic.fix(vec![Edit { span: destination, replacement: key.clone() }]);
                    }
                }
                None => {
                    out.report(span, format!("link fragment '{target}' matches no heading or anchor on this page"))
                        .help("link to an existing heading's anchor, or add an anchor (`<a id=\"…\"></a>`) where it should land");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_fragments_follow_github() {
        assert_eq!(heading_fragment("Hello, World!"), "#hello-world");
        assert_eq!(heading_fragment("code and link     em"), "#code-and-link-----em");
        assert_eq!(heading_fragment("Café ünïcode"), "#caf%C3%A9-%C3%BCn%C3%AFcode");
        assert_eq!(heading_fragment("snake_case -- dash"), "#snake_case----dash");
    }

    #[test]
    fn anchors_come_from_id_and_a_name() {
        assert_eq!(tag_anchor("<div id=\"x\">"), Some("x"));
        assert_eq!(tag_anchor("<a name='y'>"), Some("y"));
        assert_eq!(tag_anchor("<span name='y'>"), None);
        assert_eq!(tag_anchor("</a id=x>"), None);
        assert_eq!(tag_anchor("<div data-id=x>"), None);
    }
}

//! Headings as markdownlint reads them: their text, style, and whether front matter titles the
//! page.

use crate::page::Page;
use crate::rules::Param;
use crate::rules::params::Pattern;
use crate::source::Span;
use regex::Regex;
use std::sync::LazyLock;

/// A DocFX tab (`# [Linux](#tab/linux)`): an ATX heading whose whole text is one inline link to
/// `#tab/…`. markdownlint's MD025 does not count it as a heading and MD051 does not check its
/// link's fragment.
pub fn is_docfx_tab(page: &Page<'_>, heading: &crate::page::Heading) -> bool {
    if heading.setext {
        return false;
    }
    let text = page.source.text.as_str();
    let content = heading_text_span(page, heading);
    let raw = &text[content.start..content.end];
    let start = content.start + (raw.len() - raw.trim_start().len());
    let end = content.start + raw.trim_end().len();
    page.markdown.link_model.hyperlinks().any(|link| {
        link.span.start == start
            && link.span.end == end
            && link.destination(text).0.is_some_and(|d| text[d.start..d.end].starts_with("#tab/"))
    })
}

/// The raw source of a heading's text as markdownlint's `atxHeadingText`/`setextHeadingText`:
/// for ATX headings the line after the opening `#`s without the closing sequence, for setext
/// headings the text lines without the underline.
pub fn heading_text_span(page: &Page<'_>, heading: &crate::page::Heading) -> Span {
    let text = page.source.text.as_str();
    let source = &text[heading.span.start..heading.span.end];
    if heading.setext {
        let end = source.trim_end_matches(['\n', '\r']).rfind('\n').map_or(source.len(), |i| i);
        let body = source[..end].trim_end();
        let lead = body.len() - body.trim_start().len();
        return Span::new(heading.span.start + lead, heading.span.start + body.len());
    }
    let line = source.lines().next().unwrap_or("");
    let after_indent = line.trim_start_matches([' ', '\t']);
    let hashes = after_indent.bytes().take_while(|&b| b == b'#').count();
    let start_in_line = line.len() - after_indent.len() + hashes;
    let rest = &line[start_in_line..];
    let lead = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let mut content = rest[lead..].trim_end_matches([' ', '\t']);
    // A closing sequence is `#`s preceded by whitespace (or making up the whole content).
    let closing = content.len() - content.trim_end_matches('#').len();
    if closing > 0 {
        let before = &content[..content.len() - closing];
        if before.is_empty() || before.ends_with([' ', '\t']) {
            content = before.trim_end_matches([' ', '\t']);
        }
    }
    let start = heading.span.start + start_in_line + lead;
    Span::new(start, start + content.len())
}

/// markdownlint's heading style: `atx`, `atx_closed` or `setext`.
pub fn heading_style(page: &Page<'_>, heading: &crate::page::Heading) -> &'static str {
    if heading.setext {
        return "setext";
    }
    let line = page.slice(heading.span).lines().next().unwrap_or("").trim();
    let content_end = heading_text_span(page, heading).end;
    let after = &page.source.text[content_end.min(heading.span.end)..heading.span.end];
    let rest = line.trim_start_matches('#');
    if after.trim().starts_with('#') && !rest.trim().is_empty() { "atx_closed" } else { "atx" }
}

/// markdownlint's heading text: the raw text without inline HTML, newlines as spaces, trimmed.
pub fn heading_text(page: &Page<'_>, heading: &crate::page::Heading) -> String {
    static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"</?[A-Za-z][^<>]*>").expect("valid"));
    let raw = page.slice(heading_text_span(page, heading));
    let without_html = TAG.replace_all(raw, "");
    without_html.replace("\r\n", " ").replace('\n', " ").trim().to_string()
}

/// MD001, MD025 and MD041: the front matter line that gives the page its title (empty: none
/// does, and the first heading must).
pub const FRONT_MATTER_TITLE: Param = Param::pattern(
    "front_matter_title",
    r#"^\s*"?title"?\s*[:=]"#,
    "a front matter line matching it titles the page; empty: front matter never does",
)
.case_insensitive();

/// Whether the front matter has a title, as markdownlint decides it (`front_matter_title`; one
/// that does not compile is ignored).
pub fn front_matter_has_title(page: &Page<'_>, pattern: &Pattern) -> bool {
    static DEFAULT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"(?i)^\s*"?title"?\s*[:=]"#).expect("valid"));
    let body_first_line = page.body_first_line();
    if body_first_line == 0 || pattern.text.is_empty() {
        return false;
    }
    let re = pattern.regex.as_ref().unwrap_or(&DEFAULT);
    let text = page.source.text.as_str();
    (0..body_first_line).any(|i| {
        let start = page.lines.line_start(i);
        let end = page.lines.line_start(i + 1).min(text.len());
        re.is_match(text[start..end].trim_end_matches(['\n', '\r']))
    })
}

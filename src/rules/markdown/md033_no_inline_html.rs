//! MD033 no-inline-html.

use crate::page::Page;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;
use regex::Regex;
use std::sync::LazyLock;

const ALLOWED_ELEMENTS: Param =
    Param::strings("allowed_elements", &[], "the HTML elements allowed (case-insensitive)").keeping_non_strings();
const TABLE_ALLOWED_ELEMENTS: Param =
    Param::strings("table_allowed_elements", &[], "the HTML elements allowed in tables (case-insensitive)")
        .keeping_non_strings()
        .defaults_to("allowed_elements");

pub static META: RuleMeta = RuleMeta {
    code: "MD033",
    name: "no-inline-html",
    group: Group::Markdown,
    summary: "inline HTML",
    docs: r#"## What it does
markdownlint's MD033: raw HTML in a Markdown page, one finding per opening tag (closing tags
and comments are not reported), in paragraphs and in HTML blocks alike. Elements named in
`allowed_elements` are allowed; in tables, the elements in `table_allowed_elements` (default:
`allowed_elements`) are. Names are compared case-insensitively.

Like markdownlint, hblint reads the content of an HTML block as Markdown text: tags inside
code spans, HTML comments and text between dollar signs (markdownlint's inline math, `$…$`)
there are not reported.

## Differences from markdownlint
markdownlint also reads `$…$` in paragraphs and table cells as math and skips the HTML in it
("up to $25K<br>or $50K"); hblint reports that HTML, since handbook renderers show dollar
amounts, not math. Cells beyond a table's header columns, which GFM drops, are not read.

## Why is this bad?
Raw HTML does not survive every renderer, is harder to read and review than Markdown, and
often duplicates what Markdown already offers.

## Example
```markdown
<h2>Benefits</h2>

Read the <b>whole</b> page.
```

## Use instead
```markdown
## Benefits

Read the **whole** page.
```
"#,
    severity: Severity::Warning,
    fix: false,
    params: &[ALLOWED_ELEMENTS, TABLE_ALLOWED_ELEMENTS],
};

/// Raw HTML elements.
pub struct NoInlineHtml;

/// The tag name markdownlint reads from a piece of inline HTML (`getHtmlTagInfo`).
static TAG_NAME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^<([^!>][^/\s>]*)").expect("valid"));

/// A CommonMark open tag, closing tag, comment, processing instruction, declaration or CDATA
/// section at the start of the text; group 1 is an open tag's name.
static RAW_HTML: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r#"^(?:<([A-Za-z][A-Za-z0-9-]*)(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*/?>"#,
        r"|</[A-Za-z][A-Za-z0-9-]*\s*>",
        r"|<!-->|<!--->|(?s:<!--.*?-->)",
        r"|(?s:<\?.*?\?>)",
        r"|<![A-Za-z][^>]*>",
        r"|(?s:<!\[CDATA\[.*?\]\]>))",
    ))
    .expect("valid")
});

/// The lowercase names of a list parameter.
fn lowercase(names: &[String]) -> Vec<String> {
    names.iter().map(|name| name.to_lowercase()).collect()
}

/// Whether a line of an HTML block starts a new block when markdownlint re-reads the block as
/// Markdown (with indented code off, so indentation does not matter): a paragraph, and any tag,
/// comment or code span in it, ends before it.
fn starts_block(line: &str) -> bool {
    let line = line.trim_start_matches([' ', '\t']);
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    line.trim_end().is_empty()
        || line.starts_with('>')
        || (1..=6).contains(&hashes) && line[hashes..].chars().next().is_none_or(char::is_whitespace)
        || line.starts_with("```")
        || line.starts_with("~~~")
        || (line.starts_with(['-', '*', '+']) && line[1..].starts_with([' ', '\t']))
}

/// The opening tags in an HTML block, read as Markdown text the way markdownlint re-parses the
/// block: code spans, comments and escaped `<` hide what they contain, and nothing spans two
/// blocks of the re-read text. Calls `found` with each tag's span and name.
fn block_tags(text: &str, block: Span, mut found: impl FnMut(Span, &str)) {
    if super::html::is_html_comment_block(&text[block.start..block.end]) {
        return;
    }
    let mut chunk_start = block.start;
    let mut at = block.start;
    while at < block.end {
        let line_end = text[at..block.end].find('\n').map_or(block.end, |n| at + n + 1);
        let next_end = text[line_end..block.end].find('\n').map_or(block.end, |n| line_end + n + 1);
        if line_end >= block.end || starts_block(&text[line_end..next_end]) {
            chunk_tags(text, Span::new(chunk_start, line_end), &mut found);
            chunk_start = line_end;
        }
        at = line_end;
    }
}

/// The opening tags in one paragraph-like chunk of an HTML block.
fn chunk_tags(text: &str, chunk: Span, found: &mut impl FnMut(Span, &str)) {
    let bytes = text.as_bytes();
    let mut i = chunk.start;
    while i < chunk.end {
        match bytes[i] {
            b'\\' => i += 2,
            // Code spans, and markdownlint's math (`$…$`), close at the next run of exactly as
            // many backticks (dollar signs).
            fence @ (b'`' | b'$') => {
                let run = bytes[i..chunk.end].iter().take_while(|&&b| b == fence).count();
                let after = i + run;
                let mut j = after;
                let mut close = None;
                while j < chunk.end {
                    if bytes[j] == fence {
                        let other = bytes[j..chunk.end].iter().take_while(|&&b| b == fence).count();
                        if other == run {
                            close = Some(j + other);
                            break;
                        }
                        j += other;
                    } else {
                        j += 1;
                    }
                }
                i = close.unwrap_or(after);
            }
            b'<' => match RAW_HTML.captures(&text[i..chunk.end]) {
                Some(caps) => {
                    let all = caps.get(0).map_or(1, |m| m.end());
                    if let Some(name) = caps.get(1) {
                        found(Span::new(i, i + all), name.as_str());
                    }
                    i += all;
                }
                None => i += 1,
            },
            _ => i += 1,
        }
    }
}

impl Rule for NoInlineHtml {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        if page.html_blocks.is_empty() && page.html_inline.is_empty() {
            return;
        }
        let allowed = lowercase(params.strings(&ALLOWED_ELEMENTS).unwrap_or_default());
        let table_allowed = lowercase(params.strings(&TABLE_ALLOWED_ELEMENTS).unwrap_or_default());
        let text = page.source.text.as_str();
        let mut found: Vec<(Span, String, bool)> = Vec::new();
        for span in &page.html_inline {
            let html = &text[span.start..span.end];
            let Some(name) = TAG_NAME.captures(html).and_then(|c| c.get(1)) else { continue };
            if name.as_str().starts_with('/') {
                continue;
            }
            let in_table = page.markdown.tables.iter().any(|t| t.start <= span.start && span.end <= t.end);
            found.push((*span, name.as_str().to_string(), in_table));
        }
        for block in &page.html_blocks {
            block_tags(text, *block, |span, name| found.push((span, name.to_string(), false)));
        }
        found.sort_by_key(|(span, _, _)| span.start);
        for (span, name, in_table) in found {
            let lower = name.to_lowercase();
            let permitted = if in_table { &table_allowed } else { &allowed };
            if permitted.contains(&lower) {
                continue;
            }
            // Report the tag's first line only.
            let html = &text[span.start..span.end];
            let first_line = html.find('\n').map_or(span.end, |n| span.start + n);
            out.report(Span::new(span.start, first_line), format!("inline HTML element '{name}'")).help(if in_table {
                format!("write Markdown instead, or allow '{lower}' with the table_allowed_elements parameter")
            } else {
                format!("write Markdown instead, or allow '{lower}' with the allowed_elements parameter")
            });
        }
    }
}

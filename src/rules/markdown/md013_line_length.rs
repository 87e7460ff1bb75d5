//! MD013 line-length.

use super::lines::{body_lines, line_flags, line_range};
use crate::page::Page;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;
use regex::Regex;
use std::sync::LazyLock;

const LINE_LENGTH: Param = Param::limit("line_length", 80, "the longest a line may be, in UTF-16 code units");
const HEADING_LINE_LENGTH: Param =
    Param::limit("heading_line_length", 80, "the longest a heading line may be").defaults_to("line_length");
const CODE_BLOCK_LINE_LENGTH: Param =
    Param::limit("code_block_line_length", 80, "the longest a code block line may be").defaults_to("line_length");
const CODE_BLOCKS: Param = Param::boolean("code_blocks", true, "check the lines of code blocks");
const TABLES: Param = Param::boolean("tables", true, "check the lines of tables");
const HEADINGS: Param = Param::boolean("headings", true, "check heading lines");
const STRICT: Param = Param::boolean("strict", false, "check every line whole, its last word and links included");
const STERN: Param =
    Param::boolean("stern", false, "like `strict`, but still allow lines that cannot be wrapped and lines of links");

pub static META: RuleMeta = RuleMeta {
    code: "MD013",
    name: "line-length",
    group: Group::Markdown,
    summary: "line length",
    docs: r#"## What it does
markdownlint's MD013: lines longer than `line_length` (default 80) characters; headings use
`heading_line_length` and code blocks `code_block_line_length` (both default to `line_length`).
As in markdownlint, a length of 0 or below (`-1`) means no limit: `line_length = -1` turns the
rule off but for `heading_line_length` or `code_block_line_length` when they are set.
`code_blocks`, `tables` and `headings` (all true by default) say whether those lines are
checked at all. Like markdownlint, lengths count UTF-16 code units, link reference definitions
and footnotes are never checked, and by default the last word of a line may cross the limit
when it starts within it, and lines holding only links or images are allowed. `strict` checks
every line whole; `stern` checks every line whole too but still allows lines that cannot be
wrapped (a single word after heading or quote markers) and lines of links.

Text inside HTML comments counts as one word per run of non-spaces, as markdownlint hides it
(each character becomes `.`): the length is the same, but spaces at the end of a comment line
are no longer spaces.

**Differences from markdownlint.** Two lines in the GitLab handbook differ, both where comrak
parses inline text otherwise than micromark: a table row whose code span holds a `|`, and an
escaped `\*` that micromark pairs into emphasis over several lines. On Rust's 12,000-line release
notes (`RELEASES.md`), four list items holding only a reference link are exempted by
markdownlint as link-only lines but reported by hblint; the same lines cut out of the page agree,
so the cause lies earlier in the page and is not found yet.

## Why is this bad?
Long lines are hard to read and to review in diffs, and make every edit touch a long line.

## Example
```markdown
This sentence goes on and on, well past the eighty characters that a line should hold at most.
```

## Use instead
```markdown
This sentence goes on and on, well past the eighty characters that a line
should hold at most.
```
"#,
    severity: Severity::Warning,
    fix: false,
    params: &[LINE_LENGTH, HEADING_LINE_LENGTH, CODE_BLOCK_LINE_LENGTH, CODE_BLOCKS, TABLES, HEADINGS, STRICT, STERN],
};

/// Lines over the length limit.
pub struct LineLength;

/// A line that cannot be wrapped: at most one word, after heading or quote markers.
static NOT_WRAPPABLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:[#>\s]*\s)?\S*$").expect("valid"));
/// The start of a link reference definition (`[label]: destination`).
static DEFINITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"^ {0,3}\[(?:[^\]\\]|\\.)+\]:[ \t]*(?:<[^>\n]*>|\S+)(?:[ \t]+(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?[ \t]*$"#,
    )
    .expect("valid")
});

/// A length as JavaScript counts it: UTF-16 code units.
fn js_len(text: &str) -> usize {
    // One unit a character (every byte but UTF-8 continuation bytes), two for a character
    // outside the BMP (a four-byte sequence, lead byte 0xF0 and up); counted over bytes, which
    // the compiler vectorizes.
    if text.is_ascii() {
        return text.len();
    }
    let bytes = text.as_bytes();
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count() + bytes.iter().filter(|&&b| b >= 0xF0).count()
}

/// markdownlint's `clearHtmlCommentText`: every character of a hidden HTML comment's content
/// becomes `.` (one per UTF-16 unit), spaces excepted unless they end a line, so lengths stay
/// and comment text counts as one word.
pub fn clear_html_comments(text: &str) -> std::borrow::Cow<'_, str> {
    let hidden = super::html::hidden_comment_contents(text);
    if hidden.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for content_span in hidden {
        out.push_str(&text[copied..content_span.start]);
        let content = &text[content_span.start..content_span.end];
        let bytes = content.as_bytes();
        for (i, c) in content.char_indices() {
            let keep = match c {
                '\r' | '\n' => true,
                // A space stays unless only spaces follow it up to the line's end.
                ' ' => {
                    let rest = &bytes[i..];
                    let spaces = rest.iter().take_while(|&&b| b == b' ').count();
                    !matches!(rest.get(spaces), Some(b'\r' | b'\n'))
                }
                _ => false,
            };
            if keep {
                out.push(c);
            } else {
                out.extend(std::iter::repeat_n('.', c.len_utf16()));
            }
        }
        copied = content_span.end;
    }
    out.push_str(&text[copied..]);
    std::borrow::Cow::Owned(out)
}

fn mark(page: &Page<'_>, flags: &mut [bool], span: Span) {
    let (first, last) = line_range(page, span);
    let len = flags.len();
    for flag in &mut flags[first.min(len)..=last.min(len - 1)] {
        *flag = true;
    }
}

impl Rule for LineLength {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        let limit = |param| params.limit(param).map(|n| usize::try_from(n).unwrap_or(usize::MAX));
        let (line_length, heading_length, code_length) =
            (limit(&LINE_LENGTH), limit(&HEADING_LINE_LENGTH), limit(&CODE_BLOCK_LINE_LENGTH));
        if line_length.is_none() && heading_length.is_none() && code_length.is_none() {
            return;
        }
        let strict = params.flag(&STRICT);
        let stern = params.flag(&STERN);
        let code_blocks = params.flag(&CODE_BLOCKS);
        let tables = params.flag(&TABLES);
        let headings = params.flag(&HEADINGS);

        let lines = super::lines::lines_by_number(page);
        let mut heading = line_flags(page);
        let mut code = line_flags(page);
        let mut table = line_flags(page);
        let mut link = line_flags(page);
        let mut data = line_flags(page);
        let mut definition = line_flags(page);
        let mut covered = line_flags(page);
        for h in &page.headings {
            mark(page, &mut heading, h.span);
            mark(page, &mut covered, h.span);
        }
        // markdownlint's parser ends a fenced block left open in a list item at the start of
        // the next item's line, so that line counts as code.
        let item_lines: std::collections::HashSet<usize> = if page.markdown.code_blocks.iter().any(|b| b.unclosed) {
            page.lists.iter().flat_map(|l| &l.items).map(|i| page.lines.line_of(i.span.start) + 1).collect()
        } else {
            Default::default()
        };
        for block in &page.markdown.code_blocks {
            mark(page, &mut code, block.span);
            mark(page, &mut covered, block.span);
            let in_item = |b: &crate::page::CodeBlock| {
                page.lists
                    .iter()
                    .flat_map(|l| &l.items)
                    .any(|i| i.span.start < b.span.start && b.span.start < i.span.end)
            };
            if block.unclosed && in_item(block) {
                let (_, last) = line_range(page, block.span);
                let next = (last + 1..lines.len()).find(|&n| lines[n].is_some_and(|l| !l.trim().is_empty()));
                if let Some(next) = next.filter(|n| item_lines.contains(n)) {
                    code[last + 1..=next].fill(true);
                }
            }
        }
        for span in &page.markdown.tables {
            mark(page, &mut table, *span);
            mark(page, &mut covered, *span);
        }
        for span in page.markdown.link_model.links.iter().map(|l| l.span) {
            mark(page, &mut link, span);
        }
        for span in &page.markdown.paragraph_text {
            mark(page, &mut data, *span);
        }
        for span in page.html_blocks.iter().chain(&page.markdown.thematic_breaks).chain(&page.markdown.paragraphs) {
            mark(page, &mut covered, *span);
        }
        for (span, _) in &page.markdown.link_model.footnote_defs {
            mark(page, &mut definition, *span);
        }
        // Link reference definitions: comrak keeps those that open a paragraph in its span and
        // drops paragraphs made only of them, so they are the lines no block covers.
        let text = page.source.text.as_str();
        for span in &page.markdown.paragraphs {
            let (first, last) = line_range(page, *span);
            let is_definition = |number: usize| {
                let line_start = if number == first { span.start } else { page.lines.line_start(number - 1) };
                let line_end = text[line_start..].find('\n').map_or(text.len(), |i| line_start + i);
                let line = text[line_start..line_end].trim_end_matches('\r').trim_start_matches([' ', '\t', '>']);
                line.starts_with('[') && DEFINITION.is_match(line)
            };
            for number in (first..=last).take_while(|&n| is_definition(n)) {
                definition[number] = true;
            }
        }

        let body_start = page.lines.line_start(super::lines::first_body_line(page)).min(text.len());
        let cleared = clear_html_comments(&text[body_start..]);
        let mut cleared_lines = cleared.split('\n');
        for line in body_lines(page) {
            let original = cleared_lines.next().unwrap_or("");
            let original = original.strip_suffix('\r').unwrap_or(original);
            let number = line.number;
            if !covered[number] && !line.text.trim_matches([' ', '\t', '>']).is_empty() {
                definition[number] = true;
            }
            let in_code = code[number];
            let is_heading = heading[number];
            let max = if in_code {
                code_length
            } else if is_heading {
                heading_length
            } else {
                line_length
            };
            let Some(max) = max else { continue };
            // Most lines are short: a line of at most `max` bytes has at most `max` units.
            if original.len() <= max {
                continue;
            }
            let length = js_len(original);
            if length <= max
                || (in_code && !code_blocks)
                || (table[number] && !tables)
                || (is_heading && !headings)
                || definition[number]
            {
                continue;
            }
            let link_only = link[number] && !data[number];
            if !strict && ((stern && NOT_WRAPPABLE.is_match(original)) || link_only) {
                continue;
            }
            if !strict && !stern {
                // The last word may cross the limit when it starts within it.
                // markdownlint's `\S*$` is RE2's: only ASCII whitespace ends the run, so a
                // no-break space (U+00A0) is part of the last word.
                let ascii_space = |c: char| matches!(c, ' ' | '\t' | '\n' | '\x0c' | '\r');
                let last_word = original.len() - original.trim_end_matches(|c: char| !ascii_space(c)).len();
                if js_len(&original[..original.len() - last_word]) < max {
                    continue;
                }
            }
            // Point at the first character past the limit.
            let over = if line.text.is_ascii() {
                max.min(line.text.len())
            } else {
                let mut units = 0;
                let over = line.text.char_indices().find(|(_, c)| {
                    units += c.len_utf16();
                    units > max
                });
                over.map_or(line.text.len(), |(i, _)| i)
            };
            let start = line.start + over;
            out.report(
                Span::new(start, line.start + line.text.len()),
                format!("line is {length} characters long; the limit is {max}"),
            )
            .help(format!("wrap the line at {max} characters"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::js_len;

    #[test]
    fn js_len_counts_utf16_units() {
        for text in ["", "plain", "café", "漢字", "emoji 😀 and 𝄞", "\u{a0}\u{200b}", "mixed é漢😀x"] {
            assert_eq!(js_len(text), text.chars().map(char::len_utf16).sum::<usize>(), "{text:?}");
        }
    }
}

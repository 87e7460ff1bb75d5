//! markdownlint's rules, with its IDs, names, parameters and answers. Off by default: a handbook
//! turns them on with `--select MD` or through its markdownlint configuration.
//!
//! Like markdownlint, these rules see the lines after front matter and report line numbers of
//! the whole file.

pub mod md001_heading_increment;
pub mod md003_heading_style;
pub mod md004_ul_style;
pub mod md005_list_indent;
pub mod md007_ul_indent;
pub mod md009_no_trailing_spaces;
pub mod md010_no_hard_tabs;
pub mod md011_no_reversed_links;
pub mod md012_no_multiple_blanks;
pub mod md013_line_length;
pub mod md014_commands_show_output;
pub mod md018_no_missing_space_atx;
pub mod md019_no_multiple_space_atx;
pub mod md020_no_missing_space_closed_atx;
pub mod md021_no_multiple_space_closed_atx;
pub mod md022_blanks_around_headings;
pub mod md023_heading_start_left;
pub mod md024_no_duplicate_heading;
pub mod md025_single_h1;
pub mod md026_no_trailing_punctuation;
pub mod md027_no_multiple_space_blockquote;
pub mod md028_no_blanks_blockquote;
pub mod md029_ol_prefix;
pub mod md030_list_marker_space;
pub mod md031_blanks_around_fences;
pub mod md032_blanks_around_lists;
pub mod md033_no_inline_html;
pub mod md034_no_bare_urls;
pub mod md035_hr_style;
pub mod md036_no_emphasis_as_heading;
pub mod md037_no_space_in_emphasis;
pub mod md038_no_space_in_code;
pub mod md039_no_space_in_links;
pub mod md040_fenced_code_language;
pub mod md041_first_line_heading;
pub mod md042_no_empty_links;
pub mod md043_required_headings;
pub mod md044_proper_names;
pub mod md045_no_alt_text;
pub mod md046_code_block_style;
pub mod md047_single_trailing_newline;
pub mod md048_code_fence_style;
pub mod md049_emphasis_style;
pub mod md050_strong_style;
pub mod md051_link_fragments;
pub mod md052_reference_links_images;
pub mod md053_link_image_reference_definitions;
pub mod md054_link_image_style;
pub mod md055_table_pipe_style;
pub mod md056_table_column_count;
pub mod md058_blanks_around_tables;
pub mod md059_descriptive_link_text;
pub mod md060_table_column_style;
pub mod references;
pub mod tables;

use crate::diagnostic::Edit;
use crate::page::Page;
use crate::rules::Param;
use crate::rules::params::Pattern;
use crate::source::Span;
use regex::Regex;
use std::sync::LazyLock;

/// A line of the Markdown body: its 1-based number in the file, its text without the line
/// ending, and where it starts.
pub struct Line<'t> {
    pub number: usize,
    pub text: &'t str,
    pub start: usize,
}

/// The first line markdownlint lints: its front matter pattern (`^---\s*`) also swallows the
/// blank lines after the closing fence.
pub fn first_body_line(page: &Page<'_>) -> usize {
    if page.body_start == 0 {
        return 0;
    }
    let text = page.source.text.as_str();
    let start = page.body_start.min(text.len());
    match text[start..].find(|c: char| !c.is_whitespace()) {
        Some(offset) => page.lines.line_of(start + offset),
        None => page.lines.line_count(),
    }
}

/// The lines after front matter, as markdownlint sees them.
pub fn body_lines<'p, 's>(page: &'p Page<'s>) -> impl Iterator<Item = Line<'s>> + 'p {
    let source: &'s crate::source::SourceFile = page.source;
    let text = source.text.as_str();
    (first_body_line(page)..page.lines.line_count()).filter_map(move |i| {
        let start = page.lines.line_start(i);
        if i + 1 == page.lines.line_count() && start > text.len() {
            return None;
        }
        let end = if i + 1 < page.lines.line_count() { page.lines.line_start(i + 1) } else { text.len() };
        let raw = &text[start..end];
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        let line = line.strip_suffix('\r').unwrap_or(line);
        Some(Line { number: i + 1, text: line, start })
    })
}

/// 1-based first and last line of a span.
pub fn line_range(page: &Page<'_>, span: Span) -> (usize, usize) {
    let end = if span.end > span.start { span.end - 1 } else { span.start };
    (page.lines.line_of(span.start) + 1, page.lines.line_of(end) + 1)
}

/// The spans of the HTML comments of a file (`<!-- … -->`); markdownlint blanks their content.
pub fn html_comments(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = memchr::memmem::find(&text.as_bytes()[from..], b"<!--") {
        let start = from + open;
        let Some(close) = memchr::memmem::find(&text.as_bytes()[start + 4..], b"-->") else { break };
        let end = start + 4 + close + 3;
        out.push(Span::new(start, end));
        from = end;
    }
    out
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

/// markdownlint's blank line: whitespace, `>` and HTML comments only.
pub fn is_blank(line: &str) -> bool {
    // Most lines hold no comment: then only `>` and whitespace make a blank line.
    if !line.contains("<!--") && !line.contains("-->") {
        return line.chars().all(|c| c == '>' || c.is_whitespace());
    }
    let mut rest = line.to_string();
    while let Some(start) = rest.find("<!--") {
        match rest[start..].find("-->") {
            Some(end) => rest.replace_range(start..start + end + 3, ""),
            None => rest.truncate(start),
        }
    }
    if let Some(end) = rest.find("-->") {
        rest.replace_range(..end + 3, "");
    }
    rest.replace('>', "").trim().is_empty()
}

/// MD049 and MD050: emphasis (`strong = false`) or strong runs whose marker (`*` or `_`)
/// differs from `style` (`consistent`: the first run's). Reports both markers of a run, and
/// fixes them. Underscores inside a word cannot be emphasis, so an asterisk run glued to a word
/// is left alone when the style is underscore.
pub fn check_emphasis_style(page: &Page<'_>, style: &str, out: &mut crate::rules::Sink<'_>, strong: bool) {
    let text = page.source.text.as_str();
    let width = if strong { 2 } else { 1 };
    let mut style: Option<char> = match style {
        "asterisk" => Some('*'),
        "underscore" => Some('_'),
        _ => None,
    };
    for (span, is_strong) in &page.markdown.emphasis {
        if *is_strong != strong || span.end < span.start + 2 * width {
            continue;
        }
        let Some(marker) = text[span.start..].chars().next().filter(|c| *c == '*' || *c == '_') else { continue };
        let expected = *style.get_or_insert(marker);
        if marker == expected {
            continue;
        }
        let before = text[..span.start].chars().next_back();
        let after = text[span.end..].chars().next();
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        if expected == '_' && (word(before) || word(after)) {
            continue;
        }
        let name = |c: char| if c == '*' { "asterisk" } else { "underscore" };
        let replacement = expected.to_string().repeat(width);
        for at in [span.start, span.end - width] {
            let marker_span = Span::new(at, at + width);
            out.report(
                marker_span,
                format!(
                    "{} uses {}; expected {}",
                    if strong { "strong" } else { "emphasis" },
                    name(marker),
                    name(expected)
                ),
            )
            .help(format!("write '{replacement}'"))
            .fix(vec![crate::diagnostic::Edit { span: marker_span, replacement: replacement.clone() }]);
        }
    }
}

/// The text of every body line by 1-based line number (`None` outside the body), so rules can
/// look at the lines around a block as markdownlint does (a missing line counts as blank).
/// Built once per page and shared by the rules that need it.
pub fn lines_by_number<'p, 's>(page: &'p Page<'s>) -> &'p [Option<&'s str>] {
    page.markdown.body_line_table.get_or_init(|| {
        let mut out = vec![None; page.lines.line_count() + 2];
        for line in body_lines(page) {
            out[line.number] = Some(line.text);
        }
        out
    })
}

/// The fix of the blank-line rules (MD022, MD031, MD032, MD058), as markdownlint makes it:
/// insert `count` blank lines before line `number` (1-based; past the last line, at the end),
/// each carrying the block-quote markers of line `quote_from` so the quote stays one quote.
pub fn insert_blank_lines(
    page: &Page<'_>,
    lines: &[Option<&str>],
    number: usize,
    quote_from: usize,
    count: usize,
) -> crate::diagnostic::Edit {
    let text = page.source.text.as_str();
    let at = if number >= 1 && number <= page.lines.line_count() {
        page.lines.line_start(number - 1).min(text.len())
    } else {
        text.len()
    };
    let quote = lines.get(quote_from).copied().flatten().unwrap_or("");
    let markers = quote.len() - quote.trim_start_matches([' ', '\t', '>']).len();
    let prefix = quote[..markers].trim_end();
    let prefix = if prefix.contains('>') { prefix } else { "" };
    let newline = newline(page);
    let mut replacement = String::new();
    // Past a last line without its line ending, end that line first.
    if at == text.len() && !text.is_empty() && !text.ends_with('\n') {
        replacement.push_str(newline);
    }
    for _ in 0..count {
        replacement.push_str(prefix);
        replacement.push_str(newline);
    }
    crate::diagnostic::Edit { span: Span::new(at, at), replacement }
}

/// markdownlint's `isBlankLine` on a line that may be missing.
pub fn is_blank_at(lines: &[Option<&str>], number: usize) -> bool {
    lines.get(number).copied().flatten().is_none_or(is_blank)
}

/// Lines markdownlint's line-based rules skip: code blocks (fences included) and HTML blocks.
pub fn code_and_html_lines(page: &Page<'_>) -> Vec<bool> {
    let mut flags = line_flags(page);
    mark_code_lines(page, &mut flags, true);
    mark_html_lines(page, &mut flags);
    flags
}

/// The span of a whole body line by its 1-based number (empty outside the body).
pub fn line_span(page: &Page<'_>, lines: &[Option<&str>], number: usize) -> Span {
    let at = page.lines.line_start(number.saturating_sub(1));
    Span::new(at, at + lines.get(number).copied().flatten().map_or(0, str::len))
}

/// A per-line flag over the whole file (index = 1-based line number).
pub fn line_flags(page: &Page<'_>) -> Vec<bool> {
    vec![false; page.lines.line_count() + 2]
}

/// Marks the lines of code blocks: with `fence_lines`, the fences of fenced blocks too.
pub fn mark_code_lines(page: &Page<'_>, flags: &mut [bool], fence_lines: bool) {
    for block in &page.markdown.code_blocks {
        let (mut first, mut last) = line_range(page, block.span);
        if block.fenced && !fence_lines {
            first += 1;
            last = last.saturating_sub(1);
        }
        if !block.fenced {
            last = indented_code_end(page, first, last);
        }
        for line in first..=last.min(flags.len() - 1) {
            flags[line] = true;
        }
    }
}

/// The last line of an indented code block as micromark's `codeIndented` token ends: after
/// the code, it takes in the whitespace-only lines up to the last one still indented as deep as
/// the code (CommonMark leaves those out of the block; markdownlint's rules count them in).
fn indented_code_end(page: &Page<'_>, first: usize, last: usize) -> usize {
    let text = page.source.text.as_str();
    let line_text = |number: usize| -> Option<&str> {
        if number == 0 || number > page.lines.line_count() {
            return None;
        }
        let start = page.lines.line_start(number - 1).min(text.len());
        let end = if number < page.lines.line_count() { page.lines.line_start(number) } else { text.len() };
        Some(text[start..end.max(start)].trim_end_matches(['\n', '\r']))
    };
    let columns = |line: &str| {
        let mut width = 0;
        for c in line.chars() {
            match c {
                ' ' => width += 1,
                '\t' => width += 4 - width % 4,
                _ => break,
            }
        }
        width
    };
    let depth = (first..=last).filter_map(line_text).filter(|l| !l.trim().is_empty()).map(columns).min().unwrap_or(4);
    let mut end = last;
    let mut number = last + 1;
    while let Some(line) = line_text(number) {
        if !line.trim().is_empty() {
            break;
        }
        if columns(line) >= depth {
            end = number;
        }
        number += 1;
    }
    end
}

/// Marks the lines of HTML blocks.
pub fn mark_html_lines(page: &Page<'_>, flags: &mut [bool]) {
    for span in &page.html_blocks {
        let (first, last) = line_range(page, *span);
        for line in first..=last.min(flags.len() - 1) {
            flags[line] = true;
        }
    }
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

/// The line ending to insert: the file's own.
pub fn newline(page: &Page<'_>) -> &'static str {
    match page.source.line_ending {
        crate::source::LineEnding::CrLf => "\r\n",
        crate::source::LineEnding::Lf => "\n",
    }
}

/// A list item's prefix as markdownlint's micromark tokens see it (`listItemPrefix`).
pub struct ItemPrefix {
    /// 1-based line of the marker.
    pub line: usize,
    /// Byte offset where that line starts.
    pub line_start: usize,
    /// The marker: `*`, `-`, `+`, or an ordered item's number and delimiter (`10.`).
    pub marker: Span,
    /// An ordered item's number (its digits are `marker` without the last byte).
    pub value: Option<u64>,
    /// The whitespace after the marker that belongs to the prefix: one character before an
    /// indented code block, none in an empty item.
    pub space: Option<Span>,
}

impl ItemPrefix {
    /// 0-based character column of a byte offset on the marker's line.
    pub fn column(&self, page: &Page<'_>, at: usize) -> usize {
        page.source.text[self.line_start..at].chars().count()
    }

    /// The marker's 0-based character column.
    pub fn marker_column(&self, page: &Page<'_>) -> usize {
        self.column(page, self.marker.start)
    }

    /// The end of the whole prefix (marker and its whitespace).
    pub fn end(&self) -> usize {
        self.space.map_or(self.marker.end, |s| s.end)
    }
}

/// The prefix of `item`; `None` when the source at the item's start is not a list marker
/// (comrak positions that cannot be trusted).
pub fn item_prefix(page: &Page<'_>, list: &crate::page::List, item: &crate::page::ListItem) -> Option<ItemPrefix> {
    let text = page.source.text.as_str();
    let bytes = text.as_bytes();
    let start = item.span.start;
    let (marker_end, value) = if list.bullet.is_some() {
        if !matches!(bytes.get(start), Some(b'*' | b'-' | b'+')) {
            return None;
        }
        (start + 1, None)
    } else {
        let digits = bytes[start..].iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 || digits > 9 || !matches!(bytes.get(start + digits), Some(b'.' | b')')) {
            return None;
        }
        (start + digits + 1, text[start..start + digits].parse().ok())
    };
    let line = page.lines.line_of(start);
    let line_start = page.lines.line_start(line);
    let rest = &bytes[marker_end..];
    let run = rest.iter().take_while(|&&b| b == b' ' || b == b'\t').count();
    let at_end = matches!(rest.get(run), None | Some(b'\n' | b'\r'));
    let space = if run == 0 || at_end {
        None
    } else {
        // Five columns or more of whitespace start an indented code block: the prefix then
        // keeps one character of it.
        let mut column = text[line_start..marker_end].chars().count();
        for &b in &rest[..run] {
            column = if b == b'\t' { column + 4 - column % 4 } else { column + 1 };
        }
        let width = column - text[line_start..marker_end].chars().count();
        let kept = if width >= 5 { 1 } else { run };
        Some(Span::new(marker_end, marker_end + kept))
    };
    Some(ItemPrefix { line: line + 1, line_start, marker: Span::new(start, marker_end), value, space })
}

/// The byte offset of 0-based character column `column` on the line starting at `line_start`
/// (the line's end when it is shorter).
pub fn byte_at_column(page: &Page<'_>, line_start: usize, column: usize) -> usize {
    let text = page.source.text.as_str();
    let line_end = text[line_start..].find(['\n', '\r']).map_or(text.len(), |i| line_start + i);
    text[line_start..line_end].char_indices().nth(column).map_or(line_end, |(i, _)| line_start + i)
}

/// The edit that turns the `actual` columns of indentation starting at `at` into `expected`
/// columns, as markdownlint's fixes do: delete the surplus, or insert spaces. `None` when the
/// surplus is not plain whitespace.
pub fn reindent(page: &Page<'_>, line_start: usize, at: usize, actual: usize, expected: usize) -> Option<Edit> {
    let start = byte_at_column(page, line_start, at);
    if actual > expected {
        let end = byte_at_column(page, line_start, at + actual - expected);
        let removed = &page.source.text[start..end];
        (!removed.is_empty() && removed.bytes().all(|b| b == b' ' || b == b'\t'))
            .then(|| Edit { span: Span::new(start, end), replacement: String::new() })
    } else {
        Some(Edit { span: Span::new(start, start), replacement: " ".repeat(expected - actual) })
    }
}

/// The lists markdownlint's parser sees: all but those CommonMark reads as paragraph text
/// (`List::continues_paragraph`).
pub fn parsed_lists<'p>(page: &'p Page<'_>) -> impl Iterator<Item = &'p crate::page::List> {
    page.lists.iter().filter(|l| !l.continues_paragraph)
}

/// A line that opens an HTML block of CommonMark's kind 7 (a lone open or closing tag that is
/// not a block-level element, `<br>`, `<span …>`): such a block may not interrupt a paragraph.
pub fn is_lazy_html(line: &str) -> bool {
    /// CommonMark's kind 6 tag names (block-level elements), and the kinds 1-5 openings.
    const BLOCK: &[&str] = &[
        "address",
        "article",
        "aside",
        "base",
        "basefont",
        "blockquote",
        "body",
        "caption",
        "center",
        "col",
        "colgroup",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "frame",
        "frameset",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hr",
        "html",
        "iframe",
        "legend",
        "li",
        "link",
        "main",
        "menu",
        "menuitem",
        "nav",
        "noframes",
        "ol",
        "optgroup",
        "option",
        "p",
        "param",
        "search",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "track",
        "ul",
        "pre",
        "script",
        "style",
        "textarea",
    ];
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return false;
    }
    let Some(rest) = trimmed.strip_prefix('<') else { return false };
    let name_part = rest.strip_prefix('/').unwrap_or(rest);
    let name: String = name_part.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    name.starts_with(|c: char| c.is_ascii_alphabetic()) && !BLOCK.contains(&name.to_ascii_lowercase().as_str())
}

/// markdownlint's `isHtmlFlowComment`: an HTML block that is one comment, which its rules skip.
pub fn is_html_comment_block(html: &str) -> bool {
    let html = html.trim_end_matches(['\n', '\r']);
    let Some(comment) = html.strip_prefix("<!--").and_then(|h| h.strip_suffix("-->")) else { return false };
    !comment.starts_with('>') && !comment.starts_with("->") && !comment.ends_with('-')
}

/// Removes backslash escapes, as markdownlint reads a destination.
pub fn unescape_backslashes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&next) = chars.peek()
            && next.is_ascii_punctuation()
        {
            out.push(next);
            chars.next();
            continue;
        }
        out.push(c);
    }
    out
}

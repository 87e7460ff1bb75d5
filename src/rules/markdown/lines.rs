//! The body's lines as markdownlint sees them: numbering after front matter, blank lines,
//! and per-line flags for code and HTML.

use crate::page::Page;
use crate::source::Span;

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

/// The language of a code fence's opening line (the info string's first word, as written) and
/// whether more words follow it, as micromark splits the info string (`codeFencedFenceInfo`,
/// `codeFencedFenceMeta`). Spaces after the language alone are no more words.
pub fn fence_info(line: &str) -> (&str, bool) {
    let Some(fence_at) = line.find(['`', '~']) else { return ("", false) };
    let fence_char = char::from(line.as_bytes()[fence_at]);
    let info = line[fence_at..].trim_start_matches(fence_char).trim_matches([' ', '\t', '\r']);
    match info.find([' ', '\t']) {
        Some(end) => (&info[..end], true),
        None => (info, false),
    }
}

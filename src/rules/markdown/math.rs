//! Math as markdownlint's parser reads it (micromark's math extension), where CommonMark has
//! none: `$$` blocks and `$…$`/`$$…$$` in text. Rules that markdownlint keeps off math skip it.

use super::lines::body_lines;
use crate::page::Page;

/// The lines of markdownlint's math blocks (micromark's math extension): a fence of two or more
/// `$` (its rest holding no `$`) up to a line of at least as many `$`, or to the end of the quote
/// or list item it sits in (of the page, when in none). CommonMark reads them as paragraphs.
pub fn block_lines(page: &Page<'_>, ignored: &[bool]) -> Vec<bool> {
    let mut math = vec![false; ignored.len()];
    if !page.source.text[page.body_start.min(page.source.text.len())..].contains("$$") {
        return math;
    }
    // The open block: its fence length, quote depth and, in a list item, its indentation.
    let mut open: Option<(usize, usize, Option<usize>)> = None;
    for line in body_lines(page) {
        let (depth, indent, rest) = split_prefix(line.text);
        if let Some((fence, open_depth, item_indent)) = open {
            let left_item = item_indent.is_some_and(|n| indent < n && !rest.is_empty());
            if depth < open_depth || left_item {
                open = None;
            } else {
                math[line.number] = true;
                let run = rest.bytes().take_while(|&b| b == b'$').count();
                if run >= fence && rest[run..].trim().is_empty() {
                    open = None;
                }
                continue;
            }
        }
        if ignored[line.number] {
            continue;
        }
        let run = rest.bytes().take_while(|&b| b == b'$').count();
        if run >= 2 && !rest[run..].contains('$') {
            math[line.number] = true;
            let in_list = page.lists.iter().any(|l| l.span.start <= line.start && line.start < l.span.end);
            open = Some((run, depth, (in_list && indent > 0).then_some(indent)));
        }
    }
    math
}

/// A line's block quote depth, the indentation after its `>` markers, and the rest.
fn split_prefix(line: &str) -> (usize, usize, &str) {
    let mut rest = line;
    let mut depth = 0;
    loop {
        let trimmed = rest.trim_start_matches([' ', '\t']);
        match trimmed.strip_prefix('>') {
            Some(after) => {
                depth += 1;
                rest = after.strip_prefix(' ').unwrap_or(after);
            }
            None => return (depth, rest.len() - trimmed.len(), trimmed.trim_end()),
        }
    }
}

/// Inline math on one line, as byte ranges of the line: a run of at least `min_run` `$` up to the
/// next run of as many (micromark's math text; with `min_run` 1, `$x$` too, which markdownlint
/// reads as math, so `$5 and $10` holds math to it).
pub fn inline_spans(line: &str, min_run: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = line.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            match bytes[at] {
                b'\\' => at += 2,
                b'$' => {
                    let run = bytes[at..].iter().take_while(|&&b| b == b'$').count();
                    let start = at;
                    at += run;
                    if run < min_run {
                        continue;
                    }
                    let mut j = at;
                    while j < bytes.len() {
                        let other = bytes[j..].iter().take_while(|&&b| b == b'$').count();
                        if other == run {
                            at = j + run;
                            return Some((start, at));
                        }
                        j += other.max(1);
                    }
                }
                _ => at += 1,
            }
        }
        None
    })
}

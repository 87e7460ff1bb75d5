//! MD027 no-multiple-space-blockquote.

use super::lines::{body_lines, code_and_html_lines};
use crate::diagnostic::Edit;
use crate::page::Page;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;

const LIST_ITEMS: Param = Param::boolean("list_items", true, "check list items in block quotes too");

pub static META: RuleMeta = RuleMeta {
    code: "MD027",
    name: "no-multiple-space-blockquote",
    group: Group::Markdown,
    summary: "multiple spaces after blockquote symbol",
    docs: r#"## What it does
markdownlint's MD027: more than one space after a block quote's `>` (an indented code block
inside the quote, four spaces or more after a blank quote line, is fine; the same spaces
continuing a paragraph are not), also between nested markers (`>  > text`, `>>  >> text`), after
an indented `>` (`  >  text`) and in a quote inside a list item. Inside a list item of the quote
the spaces are the item's indentation and are fine, and so are the spaces before the first
item of a list that follows another list of the quote with only blank quote lines between
(`> 1. one` / `>  - item`: a new list, since its marker differs), which micromark counts as the
list's own indentation, so markdownlint does not report them. A fenced code block indented after `>`
(`>  ````) is reported on its opening fence and on each code line by as many spaces (its
closing fence is left alone), as markdownlint does. The fix removes the extra spaces.
Parameter: `list_items` (default `true`; `false` leaves alone every line in a list, or in a
quote inside one, as markdownlint does).

**Differences from markdownlint.** A tab right after `>` makes markdownlint's MD027 throw an
error, which markdownlint-cli2 reports as an MD027 finding on line 1; hblint reports nothing
there.

## Why is this bad?
The extra spaces do nothing, or turn the line into code by accident when they grow.

## Example
```markdown
>  Quoted text
```

## Use instead
```markdown
> Quoted text
```
"#,
    severity: Severity::Warning,
    fix: true,
    params: &[LIST_ITEMS],
};

/// `>  text`.
pub struct NoMultipleSpaceBlockquote;

/// The block quotes and lists covering the line being checked, outermost first, kept up to date
/// as the lines go down the page (both are recorded in document order, so each is entered once
/// and left once).
struct Containers<'p> {
    quotes: &'p [crate::page::Quote],
    lists: &'p [crate::page::List],
    next_quote: usize,
    next_list: usize,
    open_quotes: Vec<Span>,
    open_lists: Vec<Span>,
}

impl<'p> Containers<'p> {
    fn new(page: &'p Page<'_>) -> Self {
        Containers {
            quotes: &page.markdown.quotes,
            lists: &page.lists,
            next_quote: 0,
            next_list: 0,
            open_quotes: Vec::new(),
            open_lists: Vec::new(),
        }
    }

    /// Moves to the line `start..end`.
    fn advance(&mut self, start: usize, end: usize) {
        self.open_quotes.retain(|q| q.end > start);
        self.open_lists.retain(|l| l.end > start);
        while let Some(quote) = self.quotes.get(self.next_quote).filter(|q| q.span.start <= end) {
            if quote.span.end > start {
                self.open_quotes.push(quote.span);
            }
            self.next_quote += 1;
        }
        while let Some(list) = self.lists.get(self.next_list).filter(|l| l.span.start <= end) {
            if list.span.end > start {
                self.open_lists.push(list.span);
            }
            self.next_list += 1;
        }
    }

    /// How many open lists sit inside the `k`-th open quote (0-based) and around the next one:
    /// their indentation, not the quote's, is what follows that quote's marker.
    fn lists_inside(&self, k: usize) -> usize {
        let Some(quote) = self.open_quotes.get(k) else { return 0 };
        let next = self.open_quotes.get(k + 1);
        let within = |outer: &Span, inner: &Span| outer.start <= inner.start && inner.end <= outer.end;
        self.open_lists.iter().filter(|l| within(quote, l) && next.is_none_or(|n| within(l, n))).count()
    }
}

impl Rule for NoMultipleSpaceBlockquote {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        if page.markdown.quotes.is_empty() {
            return;
        }
        let ignored = code_and_html_lines(page);
        let list_items = params.flag(&LIST_ITEMS);
        let mut containers = Containers::new(page);
        // Fenced code blocks (first and last line): in a quote, the spaces that indent the
        // opening fence are extra, and so are as many on each code line (micromark strips them
        // as a `linePrefix`); the closing fence is left alone.
        let fences: Vec<(usize, usize, bool)> = page
            .markdown
            .code_blocks
            .iter()
            .filter(|b| b.fenced)
            .map(|b| {
                let (first, last) = super::lines::line_range(page, b.span);
                (first, last, !b.unclosed)
            })
            .collect();
        let mut next_fence = 0;
        let mut fence_indent = 0;
        for line in body_lines(page) {
            let text = line.text;
            containers.advance(line.start, line.start + text.len());
            let indent = text.len() - text.trim_start_matches(' ').len();
            let in_list = !containers.open_lists.is_empty();
            // A `>` indented four spaces or more is a marker only inside a list item.
            if (indent > 3 && !in_list) || !text[indent..].starts_with('>') {
                continue;
            }
            let mut code = Code::None;
            if ignored[line.number] {
                while fences.get(next_fence).is_some_and(|f| f.1 < line.number) {
                    next_fence += 1;
                }
                code = match fences.get(next_fence) {
                    Some(&(first, _, _)) if first == line.number => Code::Opening,
                    Some(&(first, last, closed)) if first < line.number && !(closed && last == line.number) => {
                        Code::Line
                    }
                    // A closing fence, indented code or HTML.
                    _ => continue,
                };
            }
            // markdownlint's `list_items: false` leaves every line in or around a list alone.
            if in_list && !list_items {
                continue;
            }
            // Each `>` with its one optional space; the spaces after that, before the next `>`
            // or the content, are extra (micromark's `linePrefix` after a `blockQuotePrefix`).
            let mut at = indent;
            let mut marker = 0;
            while text[at..].starts_with('>') {
                at += 1;
                let spaces = text[at..].len() - text[at..].trim_start_matches(' ').len();
                // The optional space and up to three of indentation may precede a nested `>`.
                // Five or more spaces before the content are indented code only when they open
                // a block; continuing a paragraph they are extra too (code lines are skipped).
                let nested = spaces <= 4 && text[at + spaces..].starts_with('>');
                let mut extra =
                    if nested { spaces } else { text[at..].len() - text[at..].trim_start_matches([' ', '\t']).len() };
                if !nested {
                    match code {
                        Code::Opening => fence_indent = extra.saturating_sub(1),
                        Code::Line => extra = extra.min(fence_indent + 1),
                        Code::None => {}
                    }
                }
                if extra >= 2
                    && belongs_to_quote(&containers, marker, nested, &text[at..])
                    && (nested || !starts_list_after_list(page, line.start, line.start + text.len()))
                {
                    let spaces = Span::new(line.start + at + 1, line.start + at + extra);
                    out.report(spaces, format!("{extra} spaces after '>'"))
                        .help("use one space after '>'")
                        .fix(vec![Edit { span: spaces, replacement: String::new() }]);
                }
                if !nested {
                    break;
                }
                at += spaces;
                marker += 1;
            }
        }
    }
}

/// Where a line sits in a fenced code block.
#[derive(Clone, Copy)]
enum Code {
    None,
    Opening,
    Line,
}

/// Whether a list starts on the line (`start..end`) right after another list ended, with only
/// blank quote lines between: micromark counts the spaces before its marker as the list's own
/// indentation, not as a `linePrefix` after the `>`, so markdownlint leaves them alone. Only
/// asked for a quoted line with extra spaces, so the scan over the lists stays rare.
fn starts_list_after_list(page: &Page<'_>, start: usize, end: usize) -> bool {
    let lists = &page.lists;
    let Some(new) = lists.iter().position(|l| (start..end).contains(&l.span.start)) else { return false };
    let previous_end = lists[..new].iter().map(|l| l.span.end).filter(|&e| e <= start).max();
    let text = page.source.text.as_str();
    previous_end.is_some_and(|e| text[e..start].trim_matches(|c: char| c == '>' || c.is_whitespace()).is_empty())
}

/// Whether the spaces after the `marker`-th `>` of a line (`rest` starts with them) belong to
/// no list inside that quote. Inside a list item of the quote they are the item's
/// indentation; before the marker of an item of the quote's own list they are extra, as
/// markdownlint sees it.
fn belongs_to_quote(containers: &Containers<'_>, marker: usize, nested: bool, rest: &str) -> bool {
    let lists = containers.lists_inside(marker);
    if lists == 0 {
        return true;
    }
    let content = rest.trim_start();
    // A bullet, or one to nine digits and `.` or `)`, then a space or the end of the line.
    let digits = content.bytes().take_while(u8::is_ascii_digit).count();
    let marker_len = match content.as_bytes().get(digits) {
        Some(b'-' | b'*' | b'+') if digits == 0 => 1,
        Some(b'.' | b')') if (1..=9).contains(&digits) => digits + 1,
        _ => return false,
    };
    let item_marker = content[marker_len..].is_empty() || content[marker_len..].starts_with([' ', '\t']);
    !nested && item_marker && lists == 1
}

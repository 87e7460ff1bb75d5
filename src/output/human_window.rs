//! Human output for a finding on a very long line: a window of the line around the finding, cut
//! with '…' at either end, instead of the whole line (a 50,000-character line printed whole for
//! every finding on it buries the report and makes it grow with the square of the line).
//! rustc and annotate-snippets (ruff's renderer) cut lines the same way, to fit a terminal.

use crate::diagnostic::{Finding, Severity};
use crate::source::LineIndex;
use unicode_width::UnicodeWidthChar;

/// A line longer than this many characters is shown as a window; shorter ones are shown whole,
/// as codespan-reporting shows them.
pub const LONG_LINE: usize = 200;
/// How many characters of a long line the window shows.
const WINDOW: usize = 120;
/// How many characters before the finding the window starts, when the line has them.
const BEFORE: usize = 40;

/// What the window needs of each long line, counted once per file: findings are many on a long
/// line (one per list marker or doubled word), and counting the line's characters for each would
/// make the report cost the findings times the line.
#[derive(Default)]
pub struct LongLines {
    /// Each long line's length in characters, by line.
    chars: std::collections::HashMap<usize, usize>,
    /// The last position counted on a line: its byte offset and the characters before it.
    cursor: Option<(usize, usize, usize)>,
}

impl LongLines {
    fn chars(&mut self, text: &str, lines: &LineIndex, line: usize) -> usize {
        *self.chars.entry(line).or_insert_with(|| line_text(text, lines, line).chars().count())
    }

    /// How many characters of line `line` (starting at byte `line_start`) come before byte
    /// `offset`; findings come in order, so each count goes on from the previous one.
    fn chars_before(&mut self, text: &str, line: usize, line_start: usize, offset: usize) -> usize {
        let (from, before) = match self.cursor {
            Some((l, byte, chars)) if l == line && byte <= offset => (byte, chars),
            _ => (line_start, 0),
        };
        let count = before + text[from..offset].chars().count();
        self.cursor = Some((line, offset, count));
        count
    }
}

/// The first line (0-based) the finding's span or one of its labels touches that is longer than
/// [`LONG_LINE`], if any.
pub fn long_line(text: &str, lines: &LineIndex, located: &Finding, long_lines: &mut LongLines) -> Option<usize> {
    let d = &located.diagnostic;
    let spans = std::iter::once(d.span).chain(d.labels.iter().map(|l| l.span));
    for span in spans {
        let (start, end) = (span.start.min(text.len()), span.end.min(text.len()));
        let (first, last) = (lines.line_of(start), lines.line_of(end.max(start)));
        // A line of more bytes than LONG_LINE may still have fewer characters.
        let long = (first..=last).find(|&line| {
            line_text(text, lines, line).len() > LONG_LINE && long_lines.chars(text, lines, line) > LONG_LINE
        });
        if long.is_some() {
            return long;
        }
    }
    None
}

/// Line `line`'s text without its line ending.
fn line_text<'t>(text: &'t str, lines: &LineIndex, line: usize) -> &'t str {
    let start = lines.line_start(line).min(text.len());
    let end = if line + 1 < lines.line_count() { lines.line_start(line + 1) } else { text.len() };
    text[start..end.max(start)].trim_end_matches(['\n', '\r', '\0'])
}

/// Writes a finding touching the long line `long` (see [`long_line`]) in codespan's layout
/// without color: the window of the line where the finding starts (or of `long` when it starts
/// on a short line), its part of the span marked, and the labels as notes with their positions.
/// Tabs in the window run to stops counted from the window's start.
pub fn write(
    out: &mut Vec<u8>,
    name: &str,
    text: &str,
    lines: &LineIndex,
    located: &Finding,
    (long, long_lines): (usize, &mut LongLines),
) {
    let d = &located.diagnostic;
    let start = crate::source::floor_char_boundary(text, d.span.start.min(text.len()));
    let start_line = lines.line_of(start);
    let line = if start_line != long
        && line_text(text, lines, start_line).len() > LONG_LINE
        && long_lines.chars(text, lines, start_line) > LONG_LINE
    {
        start_line
    } else {
        long
    };
    let line_start = lines.line_start(line);
    let source = line_text(text, lines, line);
    let line_chars = long_lines.chars(text, lines, line);
    // The span's first character on this line (the line's first when it starts above).
    let (start, first_char) = if line == start_line {
        (start, long_lines.chars_before(text, line, line_start, start))
    } else {
        (line_start, 0)
    };
    let (left, right) = window(line_chars, first_char);
    // The window's bytes: back from the span's start, then forward, a character at a time.
    let before_start = text[line_start..start].char_indices().rev().take(first_char - left).last();
    // A span starting in the line ending starts the window at the line's end.
    let left_byte = before_start.map_or(start - line_start, |(i, _)| i).min(source.len());
    let shown = &source[left_byte..];
    let widths: Vec<(char, usize)> = char_widths(shown).take(right - left).collect();
    // The span's last character on this line, as far as the window shows.
    let end = crate::source::floor_char_boundary(text, d.span.end.min(text.len())).max(start);
    let span_chars = text[start..end.min(line_start + source.len()).max(start)].chars().take(WINDOW + 1).count();
    let last_char = first_char + span_chars;

    out.extend_from_slice(match d.severity {
        Severity::Error => b"error",
        Severity::Warning => b"warning",
        Severity::Info => b"note",
    });
    if !d.rule.code.is_empty() {
        out.extend_from_slice(format!("[{}]", d.rule.code).as_bytes());
    }
    out.extend_from_slice(format!(": {}\n", d.message).as_bytes());
    let gutter = decimal_digits(line + 1) + 1;
    spaces(out, gutter);
    out.extend_from_slice(format!("┌─ {name}:{}:{}\n", located.start.line, located.start.column).as_bytes());
    spaces(out, gutter);
    out.extend_from_slice("│\n".as_bytes());
    push_decimal(out, line + 1);
    out.extend_from_slice(" │ ".as_bytes());
    if left > 0 {
        out.extend_from_slice("…".as_bytes());
    }
    for &(ch, width) in &widths {
        if ch == '\t' {
            spaces(out, width);
        } else {
            let mut utf8 = [0; 4];
            out.extend_from_slice(ch.encode_utf8(&mut utf8).as_bytes());
        }
    }
    if right < line_chars {
        out.extend_from_slice("…".as_bytes());
    }
    out.push(b'\n');
    spaces(out, gutter);
    out.extend_from_slice("│ ".as_bytes());
    let columns = |range: std::ops::Range<usize>| -> usize {
        widths[range.start - left..range.end - left].iter().map(|(_, w)| w).sum()
    };
    let marked_start = first_char.clamp(left, right);
    spaces(out, usize::from(left > 0) + columns(left..marked_start));
    let marked = columns(marked_start..last_char.clamp(marked_start, right));
    out.resize(out.len() + marked.max(1), b'^');
    if !d.rule.name.is_empty() {
        out.push(b' ');
        out.extend_from_slice(d.rule.name.as_bytes());
    }
    out.push(b'\n');
    spaces(out, gutter);
    out.extend_from_slice("│\n".as_bytes());
    for label in &d.labels {
        let (label_line, label_column) = lines.position(text, label.span.start.min(text.len()));
        spaces(out, gutter);
        out.extend_from_slice(format!("= {name}:{label_line}:{label_column}: {}\n", label.message).as_bytes());
    }
    if let Some(help) = &d.help {
        let mut note_lines = help.lines();
        spaces(out, gutter);
        out.extend_from_slice(format!("= help: {}\n", note_lines.next().unwrap_or("")).as_bytes());
        for note_line in note_lines {
            spaces(out, gutter);
            out.extend_from_slice(format!("  {note_line}\n").as_bytes());
        }
    }
    out.push(b'\n');
}

/// The characters `left..right` of a line of `len` characters to show for a finding starting at
/// character `at`: [`BEFORE`] characters of context before it when there are, [`WINDOW`] in all,
/// moved left at the end of the line so the window stays full.
fn window(len: usize, at: usize) -> (usize, usize) {
    let left = at.saturating_sub(BEFORE).min(len.saturating_sub(WINDOW));
    (left, (left + WINDOW).min(len))
}

// The layout helpers the human output shares with the window.

/// codespan's default tab stop (`Config::tab_width`).
const TAB_WIDTH: usize = 4;

pub(super) fn decimal_digits(n: usize) -> usize {
    n.checked_ilog10().map_or(1, |log| log as usize + 1)
}

pub(super) fn push_decimal(out: &mut Vec<u8>, n: usize) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut rest = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

pub(super) fn spaces(out: &mut Vec<u8>, n: usize) {
    out.resize(out.len() + n, b' ');
}

/// Each character of a line with the columns codespan gives it: tabs run to the next stop, other
/// characters take their Unicode width.
pub(super) fn char_widths(line: &str) -> impl Iterator<Item = (char, usize)> + '_ {
    let mut column = 0;
    line.chars().map(move |ch| {
        let width = match ch {
            '\t' => TAB_WIDTH - column % TAB_WIDTH,
            ch => ch.width().unwrap_or(0),
        };
        column += width;
        (ch, width)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    /// A finding over `span` with a label over `label`, rendered as the human output would.
    fn rendered(text: &str, span: std::ops::Range<usize>, label: std::ops::Range<usize>) -> Option<String> {
        let mut finding = crate::output::human::tests::located(text, span.start, span.end, Severity::Error, None);
        finding.diagnostic.label(crate::source::Span::new(label.start, label.end), "first here");
        let lines = LineIndex::new(text);
        let mut long_lines = LongLines::default();
        let long = long_line(text, &lines, &finding, &mut long_lines)?;
        let mut out = Vec::new();
        write(&mut out, "p.md", text, &lines, &finding, (long, &mut long_lines));
        Some(String::from_utf8(out).expect("UTF-8"))
    }

    #[test]
    fn a_span_across_lines_is_marked_to_the_window_and_labels_become_notes() {
        let text = format!("short\n{}\nend\n", "a".repeat(300));
        // From the long line's 10th character over the next line, labelled on the first line.
        let shown = rendered(&text, 15..308, 0..5).expect("touches the long line");
        let expected = format!(
            "error[XX001]: something is off\n  ┌─ p.md:2:10\n  │\n2 │ {}…\n  │ {}{} some-rule\n  │\n  = p.md:1:1: first here\n\n",
            "a".repeat(120),
            " ".repeat(9),
            "^".repeat(111),
        );
        assert_eq!(shown, expected);
        // Short lines only: not this writer's.
        assert_eq!(rendered("short\nlines\n", 0..3, 6..8), None);
    }

    #[test]
    fn the_window_keeps_context_before_the_finding_and_stays_full_at_the_ends() {
        assert_eq!(window(50_000, 0), (0, 120));
        assert_eq!(window(50_000, 30), (0, 120));
        assert_eq!(window(50_000, 25_000), (24_960, 25_080));
        assert_eq!(window(50_000, 49_999), (49_880, 50_000));
        assert_eq!(window(50_000, 50_000), (49_880, 50_000));
    }
}

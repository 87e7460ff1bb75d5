//! micromark's container directives (`:::name` … `:::`), which markdownlint's parser reads and
//! comrak does not: comrak makes a `:::` line after a table one of its rows, markdownlint ends
//! the table before a line that opens or closes a directive. Only those lines do: `::: note`
//! (a space before the name), `:::{.x}` (no name) or a `:::` with no directive open are rows
//! for both parsers.

use regex::Regex;
use std::sync::LazyLock;

/// Three colons or more, a name (no white space or punctuation but inner `-` and `_`), an
/// optional `[label]` and `{attributes}`, then nothing but white space.
static OPENING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^ {0,3}(:{3,})[^\s\p{P}\p{S}](?:(?:[^\s\p{P}\p{S}]|[-_])*[^\s\p{P}\p{S}])?(?:\[[^\]]*\])?(?:\{[^}]*\})?[ \t]*$",
    )
    .expect("valid")
});

static CLOSING: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^ {0,3}(:{3,})[ \t]*$").expect("valid"));

fn opening_size(line: &str) -> Option<usize> {
    OPENING.captures(line).and_then(|c| c.get(1)).map(|m| m.len())
}

fn closing_size(line: &str) -> Option<usize> {
    CLOSING.captures(line).and_then(|c| c.get(1)).map(|m| m.len())
}

/// The directives open at a point of the page, read line by line as the page is walked (in
/// document order, so each line is read once). Lines inside code are read too: an
/// approximation, as only a table row starting with `:::` asks.
#[derive(Debug, Default)]
pub(super) struct OpenDirectives {
    /// Where the next line to read starts.
    read_until: usize,
    /// The colon count of each open directive, outermost first.
    open: Vec<usize>,
}

impl OpenDirectives {
    /// Whether the line `line` (its text, starting at `line_start`) opens a directive or
    /// closes an open one, so that it ends a table.
    pub(super) fn ends_table(&mut self, text: &str, line_start: usize, line: &str) -> bool {
        if !line.trim_start().starts_with(":::") {
            return false;
        }
        if opening_size(line).is_some() {
            return true;
        }
        let Some(size) = closing_size(line) else { return false };
        self.read_to(text, line_start);
        self.open.last().is_some_and(|&open| size >= open)
    }

    fn read_to(&mut self, text: &str, until: usize) {
        if until <= self.read_until {
            return;
        }
        for line in text[self.read_until..until].lines() {
            if !line.contains(":::") {
                continue;
            }
            if let Some(size) = opening_size(line) {
                self.open.push(size);
            } else if let Some(size) = closing_size(line)
                && self.open.last().is_some_and(|&open| size >= open)
            {
                self.open.pop();
            }
        }
        self.read_until = until;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_named_fence_opens_and_a_bare_one_closes_only_an_open_directive() {
        let text = "| a |\n| - |\n:::\n:::note\n| a |\n| - |\n::: tip\n:::\n";
        let mut open = OpenDirectives::default();
        let at = |line: usize| text.lines().take(line).map(|l| l.len() + 1).sum::<usize>();
        assert!(!open.ends_table(text, at(2), ":::"));
        assert!(open.ends_table(text, at(3), ":::note"));
        assert!(!open.ends_table(text, at(6), "::: tip"));
        assert!(open.ends_table(text, at(7), ":::"));
        for row in [":::{.x}", ":::[l]", ":::-", ":::note-", ":::note foo", "| :::x"] {
            assert!(!OpenDirectives::default().ends_table(row, 0, row), "{row}");
        }
        for row in [":::1x", "::::note[label]{.x}", "  :::a_b "] {
            assert!(OpenDirectives::default().ends_table(row, 0, row), "{row}");
        }
    }
}

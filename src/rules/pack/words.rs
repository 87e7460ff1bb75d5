//! Words in prose, as pack rules see them: scanning a run into words, and telling a word of
//! prose from one glued to a path, an identifier, a quotation or a name.

/// A word of a run: its text and where it starts.
#[derive(Clone, Copy)]
pub struct Word<'t> {
    text: &'t str,
    start: usize,
}

impl<'t> Word<'t> {
    pub fn new(seg: &'t str, start: usize, end: usize) -> Self {
        Word { text: &seg[start..end], start }
    }
    pub fn as_str(&self) -> &'t str {
        self.text
    }
    pub fn start(&self) -> usize {
        self.start
    }
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

/// A match glued to an identifier, a path, a domain or an e-mail address ("gitlab.com",
/// "docs/gitlab", "gitlab_ci", "gitlab-runner") is not prose.
pub fn is_embedded(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let mut after = text[end..].chars();
    let (next, next2) = (after.next(), after.next());
    matches!(before, Some('.' | '/' | '@' | '_' | '\\' | '-' | '#' | '~' | '='))
        || before.is_some_and(char::is_alphanumeric)
        || matches!(next, Some('/' | '@' | '_' | '\\' | '#' | '&' | '!' | '~'))
        || next.is_some_and(char::is_alphanumeric)
        || (matches!(next, Some('.' | '-')) && next2.is_some_and(char::is_alphanumeric))
}

/// Whether byte `at` of a run sits inside double quotes opened earlier in the run.
pub fn is_quoted(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let straight = before.matches('"').count();
    let open = before.matches('“').count();
    let close = before.matches('”').count();
    straight % 2 == 1 || open > close
}

/// "O'Leary", "D'Souza": a word after an apostrophe is part of a name.
pub fn after_apostrophe(text: &str, start: usize) -> bool {
    text[..start].ends_with(['\'', '’'])
}

/// Whether the word at byte `at` of the page starts a sentence, a list item, a cell or a heading.
pub fn starts_sentence(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([' ', '\t', '*', '_', '"', '“', '(', '[']);
    match before.chars().next_back() {
        None => true,
        Some(c) => matches!(c, '.' | '!' | '?' | ':' | '\n' | '|' | '#' | '-' | '+' | '>') || c.is_ascii_digit(),
    }
}

/// Maximal runs of ASCII letters, as byte ranges.
pub fn ascii_words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() && !bytes[i].is_ascii_alphabetic() {
            i += 1;
        }
        if i >= bytes.len() {
            return None;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
            i += 1;
        }
        Some((start, i))
    })
}

/// The ASCII bytes that continue a word: letters, digits and the apostrophe.
const WORD_BYTE: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b == b'\'' as usize;
        b += 1;
    }
    table
};

/// Words: a letter followed by letters, digits and apostrophes, as byte ranges.
pub fn letter_words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    // Bytes first: prose is mostly ASCII, and decoding every character is what made this slow.
    let bytes = text.as_bytes();
    let char_at = move |i: usize| text[i..].chars().next().unwrap_or(' ');
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            let b = *bytes.get(i)?;
            if b < 0x80 {
                if b.is_ascii_alphabetic() {
                    break;
                }
                i += 1;
            } else {
                let c = char_at(i);
                if c.is_alphabetic() {
                    break;
                }
                i += c.len_utf8();
            }
        }
        let start = i;
        while let Some(&b) = bytes.get(i) {
            if b < 0x80 {
                if !WORD_BYTE[usize::from(b)] {
                    break;
                }
                i += 1;
            } else {
                let c = char_at(i);
                if !(c.is_alphanumeric() || c == '’') {
                    break;
                }
                i += c.len_utf8();
            }
        }
        Some((start, i))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_matches_are_not_prose() {
        assert!(is_embedded("see gitlab.com now", 4, 10));
        assert!(is_embedded("the gitlab-runner", 4, 10));
        assert!(!is_embedded("use gitlab. Then", 4, 10));
        assert!(!is_embedded("use gitlab, then", 4, 10));
    }
}

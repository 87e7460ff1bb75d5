//! Inline source, read without a parser: the text kramdown's GFM parser makes ids from, and the
//! ids raw-HTML tags carry.

/// The text kramdown (GFM input, `auto_id_stripping`) hands `generate_gfm_header_id`: the
/// heading's inline elements reduced to their text. Link and reference URLs, images, footnote
/// markers, HTML tags, span IALs and emphasis markers go; code spans, link text and autolinks
/// stay; `--` and `---` become dashes that the id then drops, as kramdown's typographic symbols
/// do.
pub(super) fn kramdown_text(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut text = String::with_capacity(raw.len());
    let mut underscores = Underscores::new(raw);
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'\\' if bytes.get(i + 1).is_some_and(|b| b.is_ascii_punctuation()) => {
                text.push(char::from(bytes[i + 1]));
                i += 2;
            }
            b'`' => {
                let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
                let end = closing_run(bytes, i + run, run);
                match end {
                    Some(end) => {
                        text.push_str(raw[i + run..end].trim());
                        i = end + run;
                    }
                    None => i += run,
                }
            }
            b'!' if bytes.get(i + 1) == Some(&b'[') => {
                // An image leaves no text.
                i = raw[i..].find(']').map_or(bytes.len(), |end| skip_destination(bytes, i + end + 1));
            }
            b'[' if bytes.get(i + 1) == Some(&b'^') => {
                i = raw[i..].find(']').map_or(bytes.len(), |end| i + end + 1);
            }
            b']' => i = skip_destination(bytes, i + 1),
            b'[' | b'*' | b'~' => i += 1,
            b'_' => {
                let run = bytes[i..].iter().take_while(|&&b| b == b'_').count();
                if underscores.are_text(raw, i, run) {
                    text.push_str(&raw[i..i + run]);
                }
                i += run;
            }
            b'<' => {
                let end = raw[i..].find('>').map(|e| i + e);
                match end {
                    Some(end) if is_autolink(&raw[i + 1..end]) => {
                        text.push_str(&raw[i + 1..end]);
                        i = end + 1;
                    }
                    Some(end)
                        if bytes.get(i + 1).is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/' || *b == b'!') =>
                    {
                        i = end + 1;
                    }
                    _ => {
                        text.push('<');
                        i += 1;
                    }
                }
            }
            b'{' if bytes.get(i + 1) == Some(&b':') => {
                i = raw[i..].find('}').map_or(bytes.len(), |end| i + end + 1);
            }
            b'&' => {
                let entity = bytes[i + 1..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'#').count();
                if entity > 0 && bytes.get(i + 1 + entity) == Some(&b';') {
                    i += entity + 2;
                } else {
                    text.push('&');
                    i += 1;
                }
            }
            b'-' => {
                let run = bytes[i..].iter().take_while(|&&b| b == b'-').count();
                if run % 3 == 1 {
                    text.push('-');
                }
                i += run;
            }
            _ => {
                let ch = raw[i..].chars().next().unwrap_or(' ');
                text.push(ch);
                i += ch.len_utf8();
            }
        }
    }
    text
}

/// `<https://x>` or `<me@example.com>`: an autolink, whose text is its address.
fn is_autolink(inner: &str) -> bool {
    !inner.contains(' ') && (inner.contains("://") || (inner.contains('@') && !inner.starts_with('/')))
}

/// Past a link's `(destination)` or `[reference]` that starts at `i`, or `i` itself.
fn skip_destination(bytes: &[u8], i: usize) -> usize {
    let close = match bytes.get(i) {
        Some(b'(') => b')',
        Some(b'[') => b']',
        _ => return i,
    };
    let mut depth = 0usize;
    for (offset, &b) in bytes[i..].iter().enumerate() {
        if b == bytes[i] && close == b')' {
            depth += 1;
        } else if b == close {
            depth = depth.saturating_sub(1);
            if depth == 0 || close == b']' {
                return i + offset + 1;
            }
        }
    }
    bytes.len()
}

/// Where a run of exactly `run` backticks starts at or after `from`.
fn closing_run(bytes: &[u8], from: usize, run: usize) -> Option<usize> {
    let mut i = from;
    while let Some(offset) = memchr::memchr(b'`', &bytes[i..]) {
        let at = i + offset;
        let len = bytes[at..].iter().take_while(|&&b| b == b'`').count();
        if len == run {
            return Some(at);
        }
        i = at + len;
    }
    None
}

/// Every `id="…"` of a raw-HTML tag on the line, and `name="…"` of an `<a>`, outside code
/// spans and inline comments, handed to `found` in order.
pub(super) fn html_ids(line: &str, found: &mut impl FnMut(&str)) {
    let bytes = line.as_bytes();
    let mut i = 0;
    while let Some(offset) = memchr::memchr2(b'<', b'`', &bytes[i..]) {
        i += offset;
        if bytes[i] == b'`' {
            let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
            i = closing_run(bytes, i + run, run).map_or(i + run, |end| end + run);
            continue;
        }
        if bytes[i..].starts_with(b"<!--") {
            match line[i + 4..].find("-->") {
                Some(end) => i += 4 + end + 3,
                None => return,
            }
            continue;
        }
        i += 1;
        let name_len = bytes[i..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'-').count();
        if name_len == 0 || !bytes[i].is_ascii_alphabetic() {
            continue;
        }
        let is_anchor = line[i..i + name_len].eq_ignore_ascii_case("a");
        i = tag_attributes(line, i + name_len, is_anchor, found);
    }
}

/// Reads a tag's attributes from `start` up to its `>`; returns where the tag ends.
fn tag_attributes(line: &str, start: usize, is_anchor: bool, found: &mut impl FnMut(&str)) -> usize {
    let bytes = line.as_bytes();
    let mut i = start;
    loop {
        while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'/') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] == b'>' || bytes[i] == b'<' {
            return i;
        }
        let name_start = i;
        while i < bytes.len() && !matches!(bytes[i], b' ' | b'\t' | b'=' | b'>' | b'/' | b'<') {
            i += 1;
        }
        let name = &line[name_start..i];
        if i >= bytes.len() || bytes[i] != b'=' {
            continue;
        }
        i += 1;
        let (value, end) = match bytes.get(i) {
            Some(&quote @ (b'"' | b'\'')) => match memchr::memchr(quote, &bytes[i + 1..]) {
                Some(len) => (&line[i + 1..i + 1 + len], i + 2 + len),
                None => return bytes.len(),
            },
            _ => {
                let len = bytes[i..].iter().take_while(|b| !matches!(b, b' ' | b'\t' | b'>')).count();
                (&line[i..i + len], i + len)
            }
        };
        i = end;
        let value = value.trim();
        let is_id = name.eq_ignore_ascii_case("id") || (is_anchor && name.eq_ignore_ascii_case("name"));
        if is_id && !value.is_empty() {
            found(value);
        }
    }
}

/// The `#id`s of kramdown span IALs (`{: #id .class}`, `{:#id}`) on a line, outside code spans.
pub(super) fn span_ial_ids(line: &str, found: &mut impl FnMut(&str)) {
    let bytes = line.as_bytes();
    let mut i = 0;
    while let Some(offset) = memchr::memchr2(b'{', b'`', &bytes[i..]) {
        i += offset;
        if bytes[i] == b'`' {
            let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
            i = closing_run(bytes, i + run, run).map_or(i + run, |end| end + run);
            continue;
        }
        if bytes.get(i + 1) != Some(&b':') || bytes.get(i + 2) == Some(&b':') {
            i += 1;
            continue;
        }
        let Some(close) = line[i..].find('}') else { return };
        for token in line[i + 2..i + close].split_whitespace() {
            if let Some(id) = token.strip_prefix('#').filter(|id| !id.is_empty()) {
                found(id);
            }
        }
        i += close + 1;
    }
}

/// The ids of the content-sites handbook's anchor shortcode, `{{% a "id" %}}` (or `{{< a "id" >}}`),
/// which renders `<a id="id">`.
pub(super) fn hugo_anchor_ids(line: &str, found: &mut impl FnMut(&str)) {
    let mut rest = line;
    while let Some(open) = memchr::memmem::find(rest.as_bytes(), b"{{") {
        rest = &rest[open + 2..];
        let body = rest.trim_start_matches(['%', '<']).trim_start();
        if let Some(args) = body.strip_prefix("a ").map(str::trim_start)
            && let Some(quoted) = args.strip_prefix('"')
            && let Some(end) = quoted.find('"')
            && end > 0
        {
            found(&quoted[..end]);
        }
    }
}

/// How kramdown's `parse_emphasis` reads runs of `_` in one heading: after a letter or `-`,
/// before a space or the end, or with no closing run later, a run is text (`Channels (a_)` keeps
/// its `_`); otherwise it opens, or closes the open, emphasis and leaves no text.
struct Underscores {
    /// Where the last run that could close emphasis starts, for runs of one and of two.
    last_closer: [Option<usize>; 2],
    /// The length of the run that opened the emphasis now open.
    open: Option<usize>,
}

impl Underscores {
    fn new(raw: &str) -> Underscores {
        let mut last_closer = [None, None];
        let bytes = raw.as_bytes();
        let mut i = 0;
        while let Some(found) = memchr::memchr(b'_', &bytes[i..]) {
            let at = i + found;
            let run = bytes[at..].iter().take_while(|&&b| b == b'_').count();
            if (1..=2).contains(&run) && closes(raw, at, run) {
                last_closer[run - 1] = Some(at);
            }
            i = at + run;
        }
        Underscores { last_closer, open: None }
    }

    fn are_text(&mut self, raw: &str, at: usize, run: usize) -> bool {
        if self.open == Some(run) && closes(raw, at, run) {
            self.open = None;
            return false;
        }
        let before = raw[..at].chars().next_back();
        let after = raw[at + run..].chars().next();
        if self.open.is_some()
            || !(1..=2).contains(&run)
            || before.is_some_and(|c| c.is_alphabetic() || c == '-')
            || after.is_none_or(char::is_whitespace)
        {
            return true;
        }
        if self.last_closer[run - 1].is_some_and(|closer| closer > at) {
            self.open = Some(run);
            return false;
        }
        true
    }
}

/// Whether the run of `_` at `at` can close emphasis: no space before it, no letter or digit
/// after it.
fn closes(raw: &str, at: usize, run: usize) -> bool {
    raw[..at].chars().next_back().is_some_and(|c| !c.is_whitespace())
        && !raw[at + run..].chars().next().is_some_and(char::is_alphanumeric)
}

//! Anchor ids as the site generators make them, from a fast line scan of a page's source.
//!
//! The site index reads every page of the handbook before linting, so this is not a Markdown
//! parse: one pass over the lines that recognises what can carry an id (ATX and setext
//! headings, explicit heading ids, kramdown IALs on headings, blocks, list items and spans,
//! raw-HTML `id=` / `<a name=>`, the Hugo handbook's `{{% a "id" %}}` shortcode) and skips what
//! cannot (front matter, fenced and indented code, HTML comments, kramdown `{::comment}`).
//!
//! Two generators, two algorithms:
//! - **kramdown with GFM input** (Middleman, `www-gitlab-com`, whose `config.rb` sets
//!   `set :markdown, tables: true, hard_wrap: false, input: 'GFM'`): kramdown-parser-gfm's
//!   `generate_gfm_header_id` of the heading's text with inline markup stripped (the parser turns
//!   `auto_id_stripping` on): lowercase, drop everything but letters, digits, `_`, `-`, space and
//!   tab, spaces to `-`. Leading digits stay (`### 1. Be available` → `1-be-available`). A
//!   repeat of a base id gets `-1`, `-2`, … counted per base. A heading with an explicit id
//!   (`## Title {#id}` or a `{: #id}` IAL on the next line) gets no auto id and does not count.
//!   The corpus agrees: 30 same-page links resolve only with these ids, 6 only with kramdown's
//!   own `basic_generate_id` ([`kramdown_basic_id`]).
//! - **Goldmark with Hugo's `github` ids** (content-sites handbook): Goldmark's
//!   `generateAutoHeadingID` hands the heading's last source line (markers, closing `#`s and the
//!   `{#id}` attribute removed) to Hugo's `sanitizeAnchorName`: `-` and space/tab → `-`, letters,
//!   digits and `_` kept lowercased, everything else dropped; empty → `heading`. A repeat gets
//!   the first free `-N` among every id so far, explicit ones included. The source, not the
//!   rendered text: `### <i class="fas fa-users" id="biz-tech-icons"></i> How we operate` is
//!   `i-classfas-fa-users-idbiz-tech-iconsi-how-we-operate`, and 25 cross-page links in the
//!   corpus use exactly such ids (8 use the rendered text, links kept from the Middleman site).
//!
//! Known limits: ids made by ERB helpers, other Hugo shortcodes (`include`), layouts and data
//! (release posts, the team page, product categories) are not seen; tags split over lines are
//! not read; lists are tracked only far enough to tell indented code from a list item's
//! continuation; kramdown's `markdown-toc-*` ids on table-of-contents entries are left out.

mod blocks;
mod inline;

use blocks::{
    Fence, closes_fence, indent_width, is_setext_underline, opens_fence, skip_front_matter, starts_list_item,
    trailing_id_attribute,
};

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Which generator's rules make a page's ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IdStyle {
    /// Middleman + kramdown (the 2022 `www-gitlab-com` handbook).
    Kramdown,
    /// Hugo + Goldmark, `autoHeadingIDType = "github"` (the 2023+ content-sites handbook).
    Hugo,
}

/// Every id the generator gives the page's HTML, in document order, duplicates already
/// numbered (`x`, `x-1`, `x-2`), from the whole file text (front matter included: it is skipped
/// here).
pub fn page_ids(text: &str, style: IdStyle, out: &mut Vec<String>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let body = skip_front_matter(text, style);
    let mut scan = Scan::new(style, out);
    // One memchr pass each for line ends, `<` and `{` (raw HTML, IALs and shortcodes are looked
    // for only on lines that have one): most lines cost a few byte tests.
    let bytes = body.as_bytes();
    let next = |byte: u8, from: usize| memchr::memchr(byte, &bytes[from..]).map_or(bytes.len(), |i| from + i);
    let (mut next_angle, mut next_brace) = (next(b'<', 0), next(b'{', 0));
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len())) {
        if next_angle < start {
            next_angle = next(b'<', start);
        }
        if next_brace < start {
            next_brace = next(b'{', start);
        }
        let line = &body[start..end];
        let marks = Marks { angle: next_angle < end, brace: next_brace < end };
        scan.line(line.strip_suffix('\r').unwrap_or(line), marks);
        start = end + 1;
    }
    scan.flush_heading(None);
}

/// One heading's auto id before numbering, as `www-gitlab-com`'s kramdown makes it, from the
/// heading's raw source text (what follows the `#`s, `{#id}` and closing `#`s removed). Its
/// `config.rb` sets `input: 'GFM'`, so the id is kramdown-parser-gfm's
/// `generate_gfm_header_id` of the heading's text with inline markup stripped
/// (`auto_id_stripping`): lowercased, characters other than letters, digits, `_`, `-`, space and
/// tab dropped, spaces and tabs to `-`. It may be empty (kramdown then writes `id=""`).
pub fn kramdown_id(raw_heading_text: &str) -> String {
    let text = inline::kramdown_text(raw_heading_text);
    let mut id = String::with_capacity(text.len());
    for c in text.chars() {
        if c == ' ' || c == '\t' || c == '-' {
            id.push('-');
        } else if c == '_' || c.is_alphanumeric() {
            push_lowercase(&mut id, c);
        }
    }
    id
}

/// One heading's auto id before numbering under kramdown's own parser (`input: 'kramdown'`, not
/// what `www-gitlab-com` uses): `basic_generate_id` of the RAW text, link and emphasis syntax
/// included: strip leading non-letters, drop characters outside `[A-Za-z0-9 -]`, spaces to `-`,
/// lowercase; empty → `section`.
pub fn kramdown_basic_id(raw_heading_text: &str) -> String {
    let start = raw_heading_text.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(raw_heading_text.len());
    let mut id = String::with_capacity(raw_heading_text.len() - start);
    for c in raw_heading_text[start..].chars() {
        match c {
            'A'..='Z' => id.push(c.to_ascii_lowercase()),
            'a'..='z' | '0'..='9' | '-' => id.push(c),
            ' ' => id.push('-'),
            _ => {}
        }
    }
    if id.is_empty() {
        id.push_str("section");
    }
    id
}

/// One heading's auto id before numbering, as Hugo's `github` style makes it from the text
/// Goldmark hands it (the heading's source line without markers and attributes). Hugo
/// shortcodes (`{{< … >}}`, `{{% … %}}`) are dropped first.
pub fn hugo_id(heading_text: &str) -> String {
    let mut id = String::with_capacity(heading_text.len());
    let mut rest = heading_text.trim();
    loop {
        let open = if rest.as_bytes().contains(&b'{') { rest.find("{{") } else { None };
        let (text, after) = match open {
            Some(open) => match rest[open + 2..].find("}}") {
                Some(close) => (&rest[..open], Some(&rest[open + 2 + close + 2..])),
                None => (rest, None),
            },
            None => (rest, None),
        };
        text.chars().for_each(|c| push_hugo_char(&mut id, c));
        match after {
            Some(after) => rest = after,
            None => break,
        }
    }
    if id.is_empty() {
        id.push_str("heading");
    }
    id
}

fn push_hugo_char(id: &mut String, c: char) {
    if c == '-' || c == ' ' || c == '\t' {
        id.push('-');
    } else if c == '_' || c.is_alphanumeric() {
        push_lowercase(id, c);
    }
}

/// Lowercases as Ruby's `downcase` and Go's `unicode.ToLower` do, ASCII without a table.
fn push_lowercase(id: &mut String, c: char) {
    if c.is_ascii() {
        id.push(c.to_ascii_lowercase());
    } else {
        id.extend(c.to_lowercase());
    }
}

/// `<pre>`, `<script>`, `<style>` or `<textarea>` opening a raw HTML block that does not close
/// on the same line: the closing tag to wait for.
fn raw_html_block(trimmed: &str) -> Option<&'static str> {
    const BLOCKS: [(&str, &str); 4] =
        [("<pre", "</pre>"), ("<script", "</script>"), ("<style", "</style>"), ("<textarea", "</textarea>")];
    let head = trimmed.get(..10).unwrap_or(trimmed);
    for (open, close) in BLOCKS {
        let after = head.get(open.len()..open.len() + 1);
        if head.get(..open.len()).is_some_and(|h| h.eq_ignore_ascii_case(open))
            && matches!(after, None | Some(">" | " " | "\t"))
            && !contains_ignore_ascii_case(trimmed, close)
        {
            return Some(close);
        }
    }
    None
}

fn contains_ignore_ascii_case(haystack: &str, needle: &str) -> bool {
    haystack.as_bytes().windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Which rare bytes a line holds, found by one memchr pass over the page each.
#[derive(Clone, Copy)]
struct Marks {
    /// A `<`: raw HTML may carry ids.
    angle: bool,
    /// A `{`: IALs and shortcodes may.
    brace: bool,
}

/// How repeated auto ids are told apart.
enum Numbering {
    /// kramdown: a counter per base id; explicit ids are not seen.
    PerBase(HashMap<String, u32>),
    /// Goldmark/Hugo: the first free `-N` among every heading id so far, explicit ones included.
    FirstFree(HashSet<String>),
}

impl Numbering {
    fn auto(&mut self, base: String) -> String {
        match self {
            Numbering::PerBase(counts) => match counts.get_mut(&base) {
                Some(count) => {
                    *count += 1;
                    format!("{base}-{count}")
                }
                None => {
                    counts.insert(base.clone(), 0);
                    base
                }
            },
            Numbering::FirstFree(used) => {
                let mut id = base;
                if used.contains(&id) {
                    let mut n = 1u32;
                    loop {
                        let candidate = format!("{id}-{n}");
                        if !used.contains(&candidate) {
                            id = candidate;
                            break;
                        }
                        n += 1;
                    }
                }
                used.insert(id.clone());
                id
            }
        }
    }

    fn explicit(&mut self, id: &str) {
        if let Numbering::FirstFree(used) = self {
            used.insert(id.to_owned());
        }
    }
}

/// A heading seen but not yet given its id: kramdown lets the next line's IAL replace it.
struct PendingHeading<'t> {
    /// What the auto id is made from.
    source: &'t str,
    /// `{#id}` written on the heading line.
    explicit: Option<&'t str>,
}

/// The line scanner's state between lines.
struct Scan<'t, 'o> {
    style: IdStyle,
    out: &'o mut Vec<String>,
    numbering: Numbering,
    fence: Option<Fence>,
    in_comment: bool,
    /// Inside kramdown's `{::comment}` … `{:/comment}` (or `{:/}`).
    in_kramdown_comment: bool,
    /// Inside indented code (4+ columns outside a paragraph and a list).
    in_indented_code: bool,
    /// Inside a raw HTML block (`<pre>`, `<script>`, `<style>`, `<textarea>`): its closing tag.
    in_raw_html: Option<&'static str>,
    /// The previous line was blank (or the page just began).
    after_blank: bool,
    /// The open paragraph's last line, if the previous line continued one.
    paragraph: Option<&'t str>,
    /// Lines in the open paragraph, and whether it began after a block boundary (kramdown's
    /// setext headings are one line after a blank line).
    paragraph_lines: usize,
    paragraph_after_blank: bool,
    /// A list item opened since the last unindented line after a blank line.
    in_list: bool,
    pending: Option<PendingHeading<'t>>,
}

impl<'t, 'o> Scan<'t, 'o> {
    fn new(style: IdStyle, out: &'o mut Vec<String>) -> Scan<'t, 'o> {
        let numbering = match style {
            IdStyle::Kramdown => Numbering::PerBase(HashMap::default()),
            IdStyle::Hugo => Numbering::FirstFree(HashSet::default()),
        };
        Scan {
            style,
            out,
            numbering,
            fence: None,
            in_comment: false,
            in_kramdown_comment: false,
            in_indented_code: false,
            in_raw_html: None,
            after_blank: true,
            paragraph: None,
            paragraph_lines: 0,
            paragraph_after_blank: false,
            in_list: false,
            pending: None,
        }
    }

    /// One line, without its line ending.
    fn line(&mut self, line: &'t str, marks: Marks) {
        if let Some(fence) = self.fence {
            if closes_fence(line, fence) {
                self.fence = None;
            }
            return;
        }
        if self.in_comment {
            if let Some(end) = line.find("-->") {
                self.in_comment = false;
                self.html_ids(&line[end + 3..]);
            }
            return;
        }
        if let Some(close) = self.in_raw_html {
            if contains_ignore_ascii_case(line, close) {
                self.in_raw_html = None;
            }
            return;
        }
        if self.in_kramdown_comment {
            if line.contains("{:/comment}") || line.trim() == "{:/}" {
                self.in_kramdown_comment = false;
            }
            return;
        }
        let trimmed = line.trim_ascii();
        if trimmed.is_empty() {
            self.flush_heading(None);
            self.paragraph = None;
            self.after_blank = true;
            return;
        }
        let indent = indent_width(line);
        let after_blank = std::mem::replace(&mut self.after_blank, false);
        if self.in_indented_code {
            if indent >= 4 {
                return;
            }
            self.in_indented_code = false;
        }
        if indent >= 4 && self.paragraph.is_none() && !self.in_list {
            self.flush_heading(None);
            self.in_indented_code = true;
            return;
        }
        if self.style == IdStyle::Kramdown && trimmed.starts_with("{:") {
            self.kramdown_ial_line(trimmed);
            return;
        }
        self.flush_heading(None);

        if let Some(fence) = opens_fence(trimmed) {
            self.fence = Some(fence);
            self.paragraph = None;
            return;
        }
        if trimmed.starts_with("<!--") && !trimmed[4..].contains("-->") {
            self.in_comment = true;
            self.paragraph = None;
            return;
        }
        if let Some(close) = raw_html_block(trimmed) {
            // Markdown does not reach inside: no headings there (a `# comment` in a script).
            if marks.angle {
                self.html_ids(line);
            }
            self.in_raw_html = Some(close);
            self.paragraph = None;
            return;
        }
        let heading = if indent < 4 || self.in_list { self.atx_heading(trimmed) } else { None };
        if let Some((source, explicit)) = heading {
            self.paragraph = None;
            if marks.angle {
                self.html_ids(line);
            }
            self.pending = Some(PendingHeading { source, explicit });
            return;
        }
        if indent < 4
            && is_setext_underline(trimmed)
            && let Some(text) = self.paragraph.take()
        {
            // kramdown makes a setext heading of one line after a block boundary only.
            let single = self.paragraph_lines == 1 && self.paragraph_after_blank;
            if self.style == IdStyle::Hugo || single {
                let (source, explicit) = self.heading_text(text);
                self.pending = Some(PendingHeading { source, explicit });
            }
            return;
        }

        let list_item = starts_list_item(trimmed);
        if list_item {
            self.in_list = true;
        } else if after_blank && indent == 0 {
            self.in_list = false;
        }
        if marks.angle {
            self.html_ids(line);
        }
        if self.style == IdStyle::Hugo && marks.brace && line.contains("{{") {
            let mut found = Vec::new();
            inline::hugo_anchor_ids(line, &mut |id: &str| found.push(id.to_owned()));
            for id in found {
                self.push_explicit(&id);
            }
        }
        if self.style == IdStyle::Kramdown && marks.brace && line.contains("{:") {
            // `* {:#id} item` names the list item; `*text*{: #id}` a span.
            let mut found = Vec::new();
            inline::span_ial_ids(line, &mut |id: &str| found.push(id.to_owned()));
            for id in found {
                self.push_explicit(&id);
            }
        }
        let block_start = list_item
            || trimmed.starts_with('>')
            || trimmed.starts_with('|')
            || trimmed.starts_with('<')
            || trimmed.starts_with("{{");
        if self.paragraph.is_some() {
            if block_start {
                self.paragraph = None;
            } else {
                self.paragraph = Some(trimmed);
                self.paragraph_lines += 1;
            }
        } else if !block_start && !self.in_list {
            self.paragraph = Some(trimmed);
            self.paragraph_lines = 1;
            self.paragraph_after_blank = after_blank;
        }
    }

    /// `## Heading` (or `> ## Heading`): the id source and an explicit id, if the line is one.
    fn atx_heading(&self, trimmed: &'t str) -> Option<(&'t str, Option<&'t str>)> {
        let mut rest = trimmed;
        while let Some(quoted) = rest.strip_prefix('>') {
            rest = quoted.trim_start_matches([' ', '\t']);
        }
        let hashes = rest.bytes().take_while(|&b| b == b'#').count();
        if hashes == 0 {
            return None;
        }
        let level = hashes.min(6);
        let after = &rest[level..];
        match self.style {
            IdStyle::Hugo => {
                if hashes > 6 || !(after.is_empty() || after.starts_with([' ', '\t'])) {
                    return None;
                }
            }
            IdStyle::Kramdown => {
                // kramdown-parser-gfm: `#{1,6}[\t ]+` and some content.
                if hashes > 6 || !after.starts_with([' ', '\t']) || after.trim().is_empty() {
                    return None;
                }
            }
        }
        Some(self.heading_text(after.trim_matches([' ', '\t'])))
    }

    /// A heading's content without its explicit `{#id}` and closing `#`s, and that id.
    fn heading_text(&self, content: &'t str) -> (&'t str, Option<&'t str>) {
        let mut text = content.trim_end();
        let mut explicit = None;
        if let Some((before, id)) = trailing_id_attribute(text, self.style) {
            text = before;
            explicit = Some(id);
        }
        let without_closing = text.trim_end_matches('#');
        if without_closing.len() < text.len() {
            if without_closing.is_empty() {
                text = if self.style == IdStyle::Hugo { "" } else { text };
            } else if without_closing.ends_with([' ', '\t']) {
                text = without_closing.trim_end();
            }
        }
        if explicit.is_none()
            && let Some((before, id)) = trailing_id_attribute(text, self.style)
        {
            text = before;
            explicit = Some(id);
        }
        (text, explicit)
    }

    /// A kramdown `{: …}` line: an IAL (its `#id` goes to the heading right above, or to the
    /// block it belongs to), an extension (`{::comment}`), or a definition (`{:name: …}`).
    fn kramdown_ial_line(&mut self, trimmed: &'t str) {
        self.paragraph = None;
        if let Some(extension) = trimmed.strip_prefix("{::") {
            self.flush_heading(None);
            if extension.starts_with("comment}") && !trimmed.contains("{:/comment}") {
                self.in_kramdown_comment = true;
            }
            return;
        }
        let Some(inner) = trimmed.strip_prefix("{:").and_then(|s| s.strip_suffix('}')) else {
            self.flush_heading(None);
            return;
        };
        let inner = inner.trim();
        let is_definition = inner.split_once(':').is_some_and(|(name, _)| {
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        });
        if is_definition {
            self.flush_heading(None);
            return;
        }
        let mut id = None;
        let mut toc = false;
        for token in inner.split_whitespace() {
            if let Some(name) = token.strip_prefix('#') {
                if !name.is_empty() {
                    id = Some(name);
                }
            } else if let Some(value) = token.strip_prefix("id=") {
                id = Some(value.trim_matches(['"', '\'']));
            } else if token == "toc" {
                toc = true;
            }
        }
        if self.pending.is_some() {
            self.flush_heading(id);
        } else if let Some(id) = id {
            self.push_explicit(id);
        } else if toc {
            // kramdown's table of contents is `<ul id="markdown-toc">`.
            self.push_explicit("markdown-toc");
        }
    }

    /// Gives the pending heading its id: `ial_id` from a following IAL, else its own `{#id}`,
    /// else the auto id.
    fn flush_heading(&mut self, ial_id: Option<&str>) {
        let Some(pending) = self.pending.take() else { return };
        match ial_id.or(pending.explicit) {
            Some(id) => self.push_explicit(id),
            None => {
                let base = match self.style {
                    IdStyle::Kramdown => kramdown_id(pending.source),
                    IdStyle::Hugo => hugo_id(pending.source),
                };
                let id = self.numbering.auto(base);
                // kramdown writes `id=""` for a heading with no word in it: nothing to link to.
                if !id.is_empty() {
                    self.out.push(id);
                }
            }
        }
    }

    fn push_explicit(&mut self, id: &str) {
        self.numbering.explicit(id);
        self.out.push(id.to_owned());
    }

    fn html_ids(&mut self, line: &str) {
        let mut found = Vec::new();
        inline::html_ids(line, &mut |id: &str| found.push(id.to_owned()));
        for id in found {
            self.push_explicit(&id);
        }
    }
}

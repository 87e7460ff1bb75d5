//! The YAML block at the top of a page: `---` … `---` (or `...`).
//!
//! Front matter is parsed with a real YAML parser so that a broken block is reported with the
//! parser's own words and line, instead of silently losing the page's `layout` or `title`.
//!
//! The other front matter markdownlint recognises (its `frontMatter` pattern), TOML `+++` … `+++`
//! (or `...`) and JSON `{` … `}` as Hugo writes them, is not Markdown either: the body starts
//! after it, for every rule, but hblint reads no fields from it.

use crate::source::Span;
use yaml_rust2::{Yaml, YamlLoader};

/// A top-level scalar key of the front matter, with the span of its value.
#[derive(Debug, Clone)]
pub struct FrontMatterField {
    pub key: String,
    pub value: String,
    pub value_span: Span,
}

/// The parsed front matter block.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    /// The whole block, fences included.
    pub span: Span,
    pub fields: Vec<FrontMatterField>,
}

impl FrontMatter {
    /// The value of a top-level scalar key.
    pub fn get(&self, key: &str) -> Option<&FrontMatterField> {
        self.fields.iter().find(|f| f.key == key)
    }
}

/// What went wrong with a front matter block.
#[derive(Debug, Clone)]
pub struct FrontMatterProblem {
    pub span: Span,
    pub message: String,
    pub help: &'static str,
}

/// The result of looking for front matter: the block (if valid), where the Markdown body starts,
/// and a problem if the block is broken.
pub struct FrontMatterScan {
    pub front_matter: Option<FrontMatter>,
    pub body_start: usize,
    pub problem: Option<FrontMatterProblem>,
}

/// Finds and parses front matter at the very start of `text`.
pub fn scan(text: &str) -> FrontMatterScan {
    let none = FrontMatterScan { front_matter: None, body_start: 0, problem: None };
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if let Some(body_start) = toml_or_json_end(text, first_line_end) {
        return FrontMatterScan { body_start, ..none };
    }
    if text[..first_line_end].trim_end() != "---" {
        return FrontMatterScan { problem: missing_opening_fence(text), ..none };
    }
    // The closing fence is the next line that is exactly `---` or `...`.
    let mut offset = first_line_end;
    let mut close = None;
    while offset < text.len() {
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i + 1);
        let line = text[offset..end].trim_end();
        if line == "---" || line == "..." {
            close = Some((offset, end));
            break;
        }
        offset = end;
    }
    let Some((close_start, body_start)) = close else {
        return FrontMatterScan {
            problem: Some(FrontMatterProblem {
                span: Span::new(0, first_line_end.saturating_sub(1).max(3).min(text.len())),
                message: "front matter opened here is never closed".into(),
                help: "close the YAML block with a line holding only '---'",
            }),
            ..none
        };
    };
    let yaml_text = &text[first_line_end..close_start];
    let span = Span::new(0, body_start);
    match load_yaml(yaml_text) {
        Ok(docs) => {
            let fields = match docs.first() {
                Some(Yaml::Hash(hash)) => collect_fields(hash, yaml_text, first_line_end),
                None | Some(Yaml::Null) => Vec::new(),
                Some(_) => {
                    return FrontMatterScan {
                        front_matter: None,
                        body_start,
                        problem: Some(FrontMatterProblem {
                            span: Span::new(first_line_end, close_start.max(first_line_end)),
                            message: "front matter is not a YAML mapping of keys to values".into(),
                            help: "write front matter as 'key: value' lines, e.g. 'title: \"Backend Engineer\"'",
                        }),
                    };
                }
            };
            FrontMatterScan { front_matter: Some(FrontMatter { span, fields }), body_start, problem: None }
        }
        Err(err) => {
            let marker = err.marker();
            // yaml-rust2 counts lines from 1 and columns from 0 within the YAML text.
            let line_offset = nth_line_start(yaml_text, marker.line().saturating_sub(1));
            let at = first_line_end + (line_offset + marker.col()).min(yaml_text.len());
            let at = crate::source::floor_char_boundary(text, at);
            let end = crate::source::ceil_char_boundary(text, at + 1).min(close_start.max(at));
            FrontMatterScan {
                front_matter: None,
                body_start,
                problem: Some(FrontMatterProblem {
                    span: Span::new(at, end),
                    message: format!("front matter is not valid YAML: {}", yaml_message(err.info())),
                    help: "fix the YAML; quote values that contain ':' or start with a special character",
                }),
            }
        }
    }
}

/// The end of a TOML (`+++` … `+++` or `...`) or JSON (`{` … `}`) front matter block, as
/// markdownlint's `frontMatter` pattern finds it: fences alone on their line (trailing spaces
/// allowed), the closing fence at the start of a line; an unclosed block is no front matter.
fn toml_or_json_end(text: &str, first_line_end: usize) -> Option<usize> {
    let closes: &[&str] = match text[..first_line_end].trim_end() {
        "+++" => &["+++", "..."],
        "{" => &["}"],
        _ => return None,
    };
    let mut offset = first_line_end;
    while offset < text.len() {
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i + 1);
        if closes.contains(&text[offset..end].trim_end()) {
            return Some(end);
        }
        offset = end;
    }
    None
}

/// Front matter whose opening `---` is missing: the page starts with `key: value` lines, one of
/// them a key every page has (`layout`, `title`), and a lone `---` follows them. The site then
/// renders the keys as text, and the `---` underlines the last of them into a heading.
fn missing_opening_fence(text: &str) -> Option<FrontMatterProblem> {
    const MAX_LINES: usize = 40;
    let is_key = |line: &str| {
        let Some((key, _)) = line.split_once(':') else { return false };
        !key.is_empty()
            && key.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    };
    let mut offset = 0;
    let mut page_key = false;
    for _ in 0..MAX_LINES {
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i + 1);
        let line = text[offset..end].trim_end();
        if line == "---" {
            if offset == 0 || !page_key {
                return None;
            }
            let first_end = text.find('\n').unwrap_or(text.len());
            return Some(FrontMatterProblem {
                span: Span::new(0, first_end.max(1).min(text.len())),
                message: format!(
                    "front matter has no opening '---': its keys render as text, and the '---' on line {} turns the line above it into a heading",
                    text[..offset].matches('\n').count() + 1
                ),
                help: "add a line holding only '---' as the first line of the page, above the first key",
            });
        }
        let indented = line.starts_with(' ') || line.starts_with('\t') || line.starts_with('-');
        if offset == 0 && !is_key(line) || !(is_key(line) || indented) || end == offset {
            return None;
        }
        page_key |= ["layout:", "title:"].iter().any(|k| line.starts_with(k));
        offset = end;
    }
    None
}

/// Parses YAML the way the handbook's site generators (libyaml) do: libyaml accepts the
/// continuation lines of a multi-line quoted value at column 0 under a top-level key, which
/// yaml-rust2 rejects. Those pages render fine, so on that one error we re-read the block with
/// its continuation lines indented before deciding it is broken.
fn load_yaml(yaml_text: &str) -> Result<Vec<Yaml>, yaml_rust2::ScanError> {
    match YamlLoader::load_from_str(yaml_text) {
        Err(err) if err.info().contains("indentation in quoted scalar") => {
            let indented: String = yaml_text
                .split_inclusive('\n')
                .map(|line| {
                    let is_key = TOP_LEVEL_KEY.is_match(line);
                    if is_key || line.starts_with([' ', '\t', '#', '-']) {
                        line.to_string()
                    } else {
                        format!(" {line}")
                    }
                })
                .collect();
            YamlLoader::load_from_str(&indented).map_err(|_| err)
        }
        other => other,
    }
}

static TOP_LEVEL_KEY: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"^[A-Za-z0-9_][\w.-]*\s*:(\s|$)").expect("valid"));

/// yaml-rust2 names keys in Rust debug form (`String("layout")`); show them as YAML would.
fn yaml_message(info: &str) -> String {
    static DEBUG_KEY: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r#"String\("([^"]*)"\)"#).expect("valid"));
    DEBUG_KEY.replace_all(info, "'$1'").into_owned()
}

fn nth_line_start(text: &str, n: usize) -> usize {
    if n == 0 {
        return 0;
    }
    text.match_indices('\n').nth(n - 1).map_or(text.len(), |(i, _)| i + 1)
}

fn collect_fields(hash: &yaml_rust2::yaml::Hash, yaml_text: &str, base: usize) -> Vec<FrontMatterField> {
    let mut fields = Vec::new();
    for (key, value) in hash {
        let (Yaml::String(key), Some(value)) = (key, scalar(value)) else { continue };
        fields.push(FrontMatterField { value_span: value_span(yaml_text, key, base), key: key.clone(), value });
    }
    fields
}

fn scalar(value: &Yaml) -> Option<String> {
    match value {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The span of a top-level key's value on its own line (`key: value`), quotes excluded.
fn value_span(yaml_text: &str, key: &str, base: usize) -> Span {
    let mut offset = 0;
    for line in yaml_text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(key)
            && let Some(after) = rest.trim_start_matches([' ', '\t']).strip_prefix(':')
        {
            let value = after.trim_end_matches(['\n', '\r']);
            let lead = value.len() - value.trim_start().len();
            let trimmed = value.trim();
            let (start, len) = match trimmed.chars().next() {
                Some(q @ ('"' | '\'')) if trimmed.len() >= 2 && trimmed.ends_with(q) => (lead + 1, trimmed.len() - 2),
                _ => (lead, trimmed.len()),
            };
            let value_start = offset + (line.len() - rest.len()) + (rest.len() - after.len()) + start;
            return Span::new(base + value_start, base + value_start + len);
        }
        offset += line.len();
    }
    Span::new(base, base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fields_with_value_spans() {
        let text = "---\nlayout: job_family_page\ntitle: \"Data Analyst\"\n---\n# Body\n";
        let scan = scan(text);
        let fm = scan.front_matter.unwrap();
        assert_eq!(fm.get("layout").unwrap().value, "job_family_page");
        let title = fm.get("title").unwrap();
        assert_eq!(&text[title.value_span.start..title.value_span.end], "Data Analyst");
        assert_eq!(&text[scan.body_start..], "# Body\n");
        assert!(scan.problem.is_none());
    }

    #[test]
    fn unclosed_and_invalid_front_matter_are_problems() {
        let unclosed = scan("---\ntitle: x\n# Body\n");
        assert!(unclosed.problem.unwrap().message.contains("never closed"));
        assert_eq!(unclosed.body_start, 0);
        let invalid = scan("---\ntitle: [unclosed\nlayout: x\n---\nbody\n");
        let problem = invalid.problem.unwrap();
        assert!(problem.message.starts_with("front matter is not valid YAML"), "{}", problem.message);
        assert_eq!(invalid.body_start, "---\ntitle: [unclosed\nlayout: x\n---\n".len());
    }

    #[test]
    fn quoted_values_continued_at_column_zero_are_valid_as_in_libyaml() {
        let text = "---\ntitle: X\ndescription: \"first line\nsecond line\"\n---\nBody\n";
        let scan = scan(text);
        assert!(scan.problem.is_none(), "{:?}", scan.problem);
        assert_eq!(scan.front_matter.unwrap().get("description").unwrap().value, "first line second line");
    }

    #[test]
    fn toml_and_json_blocks_end_the_front_matter_without_fields() {
        for text in [
            "+++\ntitle = \"x\"\n+++\n# Body\n",
            "+++  \ntitle = \"x\"\n...\n# Body\n",
            "{\n\"title\": \"x\"\n}  \n# Body\n",
        ] {
            let scan = scan(text);
            assert!(scan.front_matter.is_none() && scan.problem.is_none(), "{text}");
            assert_eq!(&text[scan.body_start..], "# Body\n", "{text}");
        }
        for text in [
            "+++\ntitle = \"x\"\n# Body\n",
            "{\n  \"title\": \"x\"\n  }\n",
            "{ \"title\": 1 }\n# Body\n",
            "++++\n+++\n",
        ] {
            let scan = scan(text);
            assert_eq!(scan.body_start, 0, "{text}");
            assert!(scan.problem.is_none(), "{text}");
        }
    }

    #[test]
    fn no_front_matter() {
        let scan = scan("# Title\n---\n");
        assert!(scan.front_matter.is_none() && scan.problem.is_none());
        assert_eq!(scan.body_start, 0);
    }
}

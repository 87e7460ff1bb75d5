//! Placeholder until the anchors branch lands: ATX headings only.

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IdStyle {
    Kramdown,
    Hugo,
}

pub fn page_ids(text: &str, style: IdStyle, out: &mut Vec<String>) {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for line in text.lines() {
        let trimmed = line.trim_start_matches('#');
        if trimmed.len() == line.len() || !trimmed.starts_with(' ') {
            continue;
        }
        let base = match style {
            IdStyle::Kramdown => kramdown_id(trimmed.trim()),
            IdStyle::Hugo => hugo_id(trimmed.trim()),
        };
        let n = seen.entry(base.clone()).or_insert(0);
        out.push(if *n == 0 { base.clone() } else { format!("{base}-{n}") });
        *n += 1;
    }
}

pub fn kramdown_id(raw_heading_text: &str) -> String {
    let start = raw_heading_text.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(raw_heading_text.len());
    let id: String = raw_heading_text[start..]
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-'))
        .map(|c| if c == ' ' { '-' } else { c.to_ascii_lowercase() })
        .collect();
    if id.is_empty() { "section".into() } else { id }
}

pub fn hugo_id(heading_text: &str) -> String {
    heading_text
        .trim()
        .chars()
        .filter_map(|c| match c {
            '-' | ' ' => Some('-'),
            c if c == '_' || c.is_alphanumeric() => Some(c.to_lowercase().next().unwrap_or(c)),
            _ => None,
        })
        .collect()
}

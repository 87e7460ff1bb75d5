//! MD054 link-image-style.

use super::references::label_key;
use crate::diagnostic::Edit;
use crate::page::Page;
use crate::page::links::LinkKind;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};
use std::collections::HashMap;

const AUTOLINK: Param = Param::boolean("autolink", true, "allow autolinks (`<https://…>`)");
const INLINE: Param = Param::boolean("inline", true, "allow inline links and images (`[text](url)`)");
const FULL: Param = Param::boolean("full", true, "allow full references (`[text][label]`)");
const COLLAPSED: Param = Param::boolean("collapsed", true, "allow collapsed references (`[label][]`)");
const SHORTCUT: Param = Param::boolean("shortcut", true, "allow shortcut references (`[label]`)");
const URL_INLINE: Param = Param::boolean("url_inline", true, "allow inline links whose text is their URL");

pub static META: RuleMeta = RuleMeta {
    code: "MD054",
    name: "link-image-style",
    group: Group::Markdown,
    summary: "link and image style",
    docs: r#"## What it does
markdownlint's MD054: links and images written in a style the configuration turns off. Every
style is allowed by default; set `autolink` (`<https://…>`), `inline` (`[text](url)`), `full`
(`[text][label]`), `collapsed` (`[label][]`), `shortcut` (`[label]`) or `url_inline`
(`[https://…](https://…)`, a URL as its own link text) to `false` to report it. Bare URLs are
not links to this rule, and a reference is only reported when its definition has a destination
(like markdownlint, a destination written in angle brackets does not count).

`--fix` rewrites a one-line link or image as an inline one (`[text](url)`), or, when inline
links are off or the link text is its URL, as an autolink (`<url>`). References to other styles
are left to you: they need a label and a place for the definition.

## Why is this bad?
One link style keeps the source predictable: readers know where to look for the destination,
and reviewers see in the diff where a link goes.

## Example
```markdown
<!-- with "shortcut": false -->
Read the [handbook].

[handbook]: https://handbook.gitlab.com
```

## Use instead
```markdown
Read the [handbook](https://handbook.gitlab.com).
```
"#,
    severity: Severity::Warning,
    fix: true,
    params: &[AUTOLINK, INLINE, FULL, COLLAPSED, SHORTCUT, URL_INLINE],
};

/// Links and images in a style that is turned off.
pub struct LinkImageStyle;

/// Whether `destination` is an absolute URL that can be an autolink (WHATWG's URL parser
/// accepts it, and it has no space or angle bracket).
fn autolink_able(destination: &str) -> bool {
    if destination.contains([' ', '<', '>']) {
        return false;
    }
    let Some(colon) = destination.find(':') else { return false };
    let scheme = &destination[..colon];
    let mut chars = scheme.chars();
    if !chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        || !chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        return false;
    }
    let rest = &destination[colon + 1..];
    let special = ["http", "https", "ws", "wss", "ftp"].iter().any(|s| scheme.eq_ignore_ascii_case(s));
    // A special scheme needs a host.
    !special || !rest.trim_start_matches(['/', '\\']).split(['/', '\\', '?', '#']).next().unwrap_or("").is_empty()
}

impl Rule for LinkImageStyle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        let autolink = params.flag(&AUTOLINK);
        let inline = params.flag(&INLINE);
        let full = params.flag(&FULL);
        let collapsed = params.flag(&COLLAPSED);
        let shortcut = params.flag(&SHORTCUT);
        let url_inline = params.flag(&URL_INLINE);
        if autolink && inline && full && collapsed && shortcut && url_inline {
            return;
        }
        let text = page.source.text.as_str();
        let model = &page.markdown.link_model;
        // The first definition of each label, and its destination (none when in angle brackets).
        let mut destinations: HashMap<String, &str> = HashMap::new();
        for definition in &model.definitions {
            let destination = &text[definition.destination.start..definition.destination.end];
            let destination = if destination.starts_with('<') { "" } else { destination };
            destinations.entry(label_key(&text[definition.label.start..definition.label.end])).or_insert(destination);
        }
        for link in &model.links {
            let label = &text[link.text.start..link.text.end];
            let (style, destination, error) = match link.kind {
                LinkKind::Literal => continue,
                LinkKind::Autolink => ("autolink", label, !autolink && !label.is_empty()),
                LinkKind::Inline if link.destination(text).0.is_some() => {
                    let (destination, has_title) = link.destination(text);
                    let destination = destination.map_or("", |d| &text[d.start..d.end]);
                    let url_as_text = !url_inline
                        && autolink
                        && !link.image
                        && !has_title
                        && label == destination
                        && autolink_able(destination);
                    (if url_as_text { "url_inline" } else { "inline" }, destination, !inline || url_as_text)
                }
                kind => {
                    let reference = match (kind, link.label) {
                        (LinkKind::Full, Some(label)) => &text[label.start..label.end],
                        _ => label,
                    };
                    let destination = destinations.get(&label_key(reference)).copied().unwrap_or("");
                    let (style, allowed) = match kind {
                        LinkKind::Full => ("full reference", full),
                        LinkKind::Collapsed => ("collapsed reference", collapsed),
                        _ => ("shortcut reference", shortcut),
                    };
                    (style, destination, !destination.is_empty() && !allowed)
                }
            };
            if !error {
                continue;
            }
            let noun = match (style, link.image) {
                ("autolink", _) => "autolink".to_string(),
                ("url_inline", _) => "inline link with its URL as text".to_string(),
                (style, true) => format!("{style} image"),
                (style, false) => format!("{style} link"),
            };
            let source = page.slice(link.span);
            let shown = source.lines().next().unwrap_or(source);
            let one_line = !source.contains('\n');
            let can_inline = inline && !label.is_empty();
            let can_autolink = autolink && !link.image && autolink_able(destination);
            let replacement = if can_inline && (url_inline || !can_autolink) {
                let escaped_label = label.replace('[', "\\[").replace(']', "\\]");
                let escaped_destination = destination.replace('(', "\\(").replace(')', "\\)");
                Some(format!("{}[{escaped_label}]({escaped_destination})", if link.image { "!" } else { "" }))
            } else if can_autolink {
                Some(format!("<{}>", super::escapes::unescape_backslashes(destination)))
            } else {
                None
            };
            let diagnostic = out.report(link.span, format!("{noun} '{shown}' is a style the configuration turns off"));
            match replacement.filter(|_| one_line) {
                Some(replacement) => {
                    diagnostic.help(format!("write '{replacement}'"));
                    diagnostic.fix(vec![Edit { span: link.span, replacement }]);
                }
                None => {
                    diagnostic.help("write it in a style the configuration allows");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::autolink_able;

    #[test]
    fn autolinks_need_an_absolute_url() {
        assert!(autolink_able("https://gitlab.com"));
        assert!(autolink_able("mailto:a@b.c"));
        assert!(!autolink_able("/handbook/"));
        assert!(!autolink_able("https://"));
        assert!(!autolink_able("https://a b"));
    }
}

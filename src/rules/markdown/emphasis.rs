//! The emphasis and strong style check MD049 and MD050 share.

use crate::page::Page;
use crate::source::Span;

/// MD049 and MD050: emphasis (`strong = false`) or strong runs whose marker (`*` or `_`)
/// differs from `style` (`consistent`: the first run's). Reports both markers of a run, and
/// fixes them. Underscores inside a word cannot be emphasis, so an asterisk run glued to a word
/// is left alone when the style is underscore.
pub fn check_emphasis_style(page: &Page<'_>, style: &str, out: &mut crate::rules::Sink<'_>, strong: bool) {
    let text = page.source.text.as_str();
    let width = if strong { 2 } else { 1 };
    let mut style: Option<char> = match style {
        "asterisk" => Some('*'),
        "underscore" => Some('_'),
        _ => None,
    };
    for (span, is_strong) in &page.markdown.emphasis {
        if *is_strong != strong || span.end < span.start + 2 * width {
            continue;
        }
        let Some(marker) = text[span.start..].chars().next().filter(|c| *c == '*' || *c == '_') else { continue };
        let expected = *style.get_or_insert(marker);
        if marker == expected {
            continue;
        }
        let before = text[..span.start].chars().next_back();
        let after = text[span.end..].chars().next();
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        if expected == '_' && (word(before) || word(after)) {
            continue;
        }
        let name = |c: char| if c == '*' { "asterisk" } else { "underscore" };
        let replacement = expected.to_string().repeat(width);
        for at in [span.start, span.end - width] {
            let marker_span = Span::new(at, at + width);
            out.report(
                marker_span,
                format!(
                    "{} uses {}; expected {}",
                    if strong { "strong" } else { "emphasis" },
                    name(marker),
                    name(expected)
                ),
            )
            .help(format!("write '{replacement}'"))
            .fix(vec![crate::diagnostic::Edit { span: marker_span, replacement: replacement.clone() }]);
        }
    }
}

//! Inheritance between levels: "All of the above … and:", "Extends the Senior X
//! responsibilities" and "The Senior X role extends the X role" point a section at the level
//! whose list it inherits. A phrase that names a level the page does not have is kept as an
//! `UnresolvedInheritance`, with the page's nearest level title as a suggestion.

use super::grades::strip_markup;
use super::{BlockKind, Inheritance, Level, Page, UnresolvedInheritance};
use crate::page::levels::{self, LooseTitle, TitleWords};
use crate::source::Span;
use regex::Regex;
use std::sync::LazyLock;

/// Where an inheritance phrase points.
#[derive(Debug, Clone, PartialEq)]
enum InheritTarget {
    /// "All of the above": the level before this one.
    Above,
    /// "Extends the Senior X responsibilities": a level named in the phrase.
    Named(String),
}

static INHERIT_ABOVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:all|everything)\s+(?:of\s+)?(?:the\s+)?(?:above|previous|preceding)\b").expect("valid")
});
static INHERIT_NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^\s*(?:extends|in\s+addition\s+to|everything\s+in|all\s+of)\s+(?:the\s+|an?\s+)?
        (?P<name>.+?)\s+(?:level\s+|role(?:'s)?\s+|position(?:'s)?\s+)?
        (?:responsibilities|requirements|role|position|level)\b",
    )
    .expect("valid")
});
static INHERIT_PROSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:role|position)\s+extends\s+the\s+(?P<name>.+?)\s+(?:role|position|level)\b").expect("valid")
});

static THAT_OF: LazyLock<Regex> = LazyLock::new(|| {
    // "thet" and "that the" are as written on real pages.
    Regex::new(r"(?i)^\s*(?:that|those|thet)\s+(?:of\s+)?(?:the\s+|thet\s+|an?\s+)?").expect("valid")
});

fn inherit_target(text: &str) -> Option<InheritTarget> {
    if INHERIT_ABOVE.is_match(text) {
        return Some(InheritTarget::Above);
    }
    let caps = INHERIT_NAMED.captures(text).or_else(|| INHERIT_PROSE.captures(text))?;
    let name = caps.name("name")?.as_str();
    // "Extends that of the Technology Partner Manager Requirements": the name follows "that of".
    let name = THAT_OF.replace(name, "");
    if name.trim().eq_ignore_ascii_case("above") {
        return Some(InheritTarget::Above);
    }
    Some(InheritTarget::Named(name.to_string()))
}

/// The inheritance phrase of a section: a paragraph or a first bullet in its body.
fn section_phrase(page: &Page<'_>, heading: usize) -> Option<(InheritTarget, Span)> {
    for block in page.heading_body(heading) {
        match block.kind {
            BlockKind::Paragraph => {
                if let Some(target) = inherit_target(&block.text) {
                    return Some((target, block.span));
                }
            }
            BlockKind::List(list) => {
                let item = page.lists[list].items.first()?;
                return inherit_target(&item.text).map(|t| (t, item.text_span));
            }
            _ => {}
        }
    }
    None
}

/// "The Senior X role extends the [X](#x) role" in a level's own introduction.
fn level_phrase(page: &Page<'_>, level: &Level) -> Option<(InheritTarget, Span)> {
    let h = level.heading?;
    page.heading_body(h).iter().filter(|b| b.kind == BlockKind::Paragraph).find_map(|b| {
        let caps = INHERIT_PROSE.captures(&b.text)?;
        Some((InheritTarget::Named(caps.name("name")?.as_str().to_string()), b.span))
    })
}

/// Points each section at the level it inherits from; returns the phrases that name a level
/// the page does not have.
pub(super) fn resolve_inheritance(page: &Page<'_>, levels: &mut [Level]) -> Vec<UnresolvedInheritance> {
    let strict: Vec<TitleWords> = levels.iter().map(|l| levels::analyze(&l.title)).collect();
    let family = page.title();
    let loose: Vec<LooseTitle> = levels.iter().map(|l| levels::loose(&l.title, family)).collect();
    let titles = Titles { strict, loose };
    let mut unresolved: Vec<UnresolvedInheritance> = Vec::new();
    for index in 0..levels.len() {
        let level_wide = level_phrase(page, &levels[index]);
        if let Some((InheritTarget::Named(name), phrase_span)) = &level_wide
            && find_named(&titles, index, name).is_none()
        {
            unresolved.extend(unresolved_phrase(page, levels, index, name, *phrase_span));
        }
        for s in 0..levels[index].sections.len() {
            let section = &levels[index].sections[s];
            let own = section_phrase(page, section.heading);
            let from_own = own.is_some();
            let phrase = own.or_else(|| level_wide.clone());
            let Some((target, phrase_span)) = phrase else { continue };
            let kind = section.kind;
            let from = match &target {
                InheritTarget::Above => {
                    (index.saturating_sub(64)..index).rev().find(|&i| levels[i].section(kind).is_some())
                }
                InheritTarget::Named(name) => find_named(&titles, index, name),
            };
            if let (None, InheritTarget::Named(name), true) = (from, &target, from_own) {
                unresolved.extend(unresolved_phrase(page, levels, index, name, phrase_span));
            }
            if let Some(from) = from {
                levels[index].sections[s].inherits = Some(Inheritance { from, phrase_span });
                // A phrase that points at the level itself (a bad anchor) inherits nothing.
                if from == index {
                    levels[index].sections[s].inherits = None;
                }
            }
        }
    }
    unresolved
}

/// The anchor the handbook's Markdown renderer (kramdown) gives a heading: lowercase, letters,
/// digits, `-` and `_` kept, spaces made hyphens.
fn heading_anchor(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// A level name longer than this is a sentence the phrase pattern ran into.
const MAX_NAME_WORDS: usize = 8;

/// A named level that is not on the page, unless the phrase links the name to another page
/// (`[Senior Backend Engineer](/job-families/…)` is a level of another family, on purpose) or
/// names no role at all.
fn unresolved_phrase(
    page: &Page<'_>,
    levels: &[Level],
    index: usize,
    name: &str,
    phrase_span: Span,
) -> Option<UnresolvedInheritance> {
    static OTHER_PAGE_LINK: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\]\(\s*(?:https?:|/|\.\.?/|[a-z0-9-]+/)").expect("valid"));
    let plain = strip_markup(name);
    let wanted = levels::analyze(&plain);
    // A name made of level words only ("the Intermediate requirements"), a run-on sentence the
    // pattern swallowed, or a phrase about sections ("the responsibilities and requirements of")
    // is not a level name.
    let sectional = wanted.words.iter().any(|w| matches!(w.as_str(), "responsibilities" | "requirements" | "and"));
    if wanted.words.is_empty() || sectional || wanted.words.len() + wanted.seniority.len() > MAX_NAME_WORDS {
        return None;
    }
    // A level whose phrase names itself ("Senior Director" extending "Sr Director of PS") is a
    // wrong name, but not a missing level.
    let own = levels::loose(&levels[index].title, page.title());
    let wanted_loose = levels::loose(&plain, None);
    if levels::loose_match(&wanted_loose, &own, false) || levels::loose_match(&wanted_loose, &own, true) {
        return None;
    }
    let raw = page.slice(phrase_span);
    let name_span = match raw.find(plain.as_str()) {
        Some(at) => Span::new(phrase_span.start + at, phrase_span.start + at + plain.len()),
        // The name carries markup, most often a link: a link to another page names its level.
        None if OTHER_PAGE_LINK.is_match(raw) => return None,
        None => phrase_span,
    };
    // "[X](/other-page)" names another page's level; "[X](#x)" names the level whose heading
    // has the anchor `x`, whatever the link text says.
    let after = &raw[name_span.end - phrase_span.start..];
    if after.starts_with("](") && OTHER_PAGE_LINK.is_match(after) {
        return None;
    }
    if let Some(anchor) = after.strip_prefix("](#").and_then(|a| a.split(')').next())
        && near(levels, index).filter_map(|(_, l)| l.heading).any(|h| heading_anchor(&page.headings[h].text) == anchor)
    {
        return None;
    }
    let suggestion =
        levels::nearest(&plain, near(levels, index).filter(|(i, _)| *i != index).map(|(_, l)| l.title.as_str()))
            .map(str::to_string);
    Some(UnresolvedInheritance { level: index, name: plain, name_span, phrase_span, suggestion })
}

/// The levels within reach of level `index`: a phrase names a level of its own ladder, and a
/// page generated with thousands of levels must not make every phrase look at all of them.
fn near(levels: &[Level], index: usize) -> impl Iterator<Item = (usize, &Level)> {
    const REACH: usize = 64;
    let from = index.saturating_sub(REACH);
    levels.iter().enumerate().skip(from).take(2 * REACH + 1)
}

/// The page's level titles, for the two ways a phrase's name is compared with them.
struct Titles {
    strict: Vec<TitleWords>,
    loose: Vec<LooseTitle>,
}

/// The level a phrase names: the same seniority words and a superset of its other words,
/// preferring the nearest level before `index`; failing that, the same tolerantly (plurals,
/// acronyms, "Manager" inside an acronym).
fn find_named(titles: &Titles, index: usize, name: &str) -> Option<usize> {
    let plain = strip_markup(name);
    let wanted = levels::analyze(&plain);
    let strict = |i: usize| {
        let t = &titles.strict[i];
        t.seniority == wanted.seniority && wanted.words.iter().all(|w| t.words.contains(w))
    };
    if let Some(found) = nearest_matching(titles.strict.len(), index, strict) {
        return Some(found);
    }
    let wanted = levels::loose(&plain, None);
    nearest_matching(titles.loose.len(), index, |i| levels::loose_match(&wanted, &titles.loose[i], false)).or_else(
        || nearest_matching(titles.loose.len(), index, |i| levels::loose_match(&wanted, &titles.loose[i], true)),
    )
}

/// The nearest level before `index` that `matches`, else the nearest after it.
fn nearest_matching(count: usize, index: usize, matches: impl Fn(usize) -> bool) -> Option<usize> {
    // Ladders are short; looking further than this only costs time on generated pages.
    const REACH: usize = 64;
    (index.saturating_sub(REACH)..index)
        .rev()
        .find(|&i| matches(i))
        .or_else(|| (index + 1..count.min(index + 1 + REACH)).find(|&i| matches(i)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors() {
        assert_eq!(heading_anchor("Senior Manager, Development"), "senior-manager-development");
    }

    #[test]
    fn inheritance_phrases() {
        assert_eq!(inherit_target("All of the above requirements and:"), Some(InheritTarget::Above));
        assert_eq!(
            inherit_target("Extends the Senior Data Analyst responsibilities"),
            Some(InheritTarget::Named("Senior Data Analyst".into()))
        );
        assert_eq!(
            inherit_target("In addition to the Intermediate requirements:"),
            Some(InheritTarget::Named("Intermediate".into()))
        );
        assert_eq!(inherit_target("Maintain the database"), None);
        assert_eq!(
            inherit_target("Extends that of the Technology Partner Manager (Intermediate) Requirements"),
            Some(InheritTarget::Named("Technology Partner Manager (Intermediate)".into()))
        );
    }
}

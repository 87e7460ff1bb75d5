//! Inheritance between levels: "All of the above … and:", "Extends the Senior X
//! responsibilities" and "The Senior X role extends the X role" point a section at the level
//! whose list it inherits.

use super::grades::strip_markup;
use super::{BlockKind, Inheritance, Level, Page};
use crate::page::levels::{self, TitleWords};
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

fn inherit_target(text: &str) -> Option<InheritTarget> {
    if INHERIT_ABOVE.is_match(text) {
        return Some(InheritTarget::Above);
    }
    let caps = INHERIT_NAMED.captures(text).or_else(|| INHERIT_PROSE.captures(text))?;
    let name = caps.name("name")?.as_str();
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

pub(super) fn resolve_inheritance(page: &Page<'_>, levels: &mut [Level]) {
    let titles: Vec<TitleWords> = levels.iter().map(|l| levels::analyze(&l.title)).collect();
    for index in 0..levels.len() {
        let level_wide = level_phrase(page, &levels[index]);
        for s in 0..levels[index].sections.len() {
            let section = &levels[index].sections[s];
            let phrase = section_phrase(page, section.heading).or_else(|| level_wide.clone());
            let Some((target, phrase_span)) = phrase else { continue };
            let kind = section.kind;
            let from = match target {
                InheritTarget::Above => {
                    (index.saturating_sub(64)..index).rev().find(|&i| levels[i].section(kind).is_some())
                }
                InheritTarget::Named(name) => find_named(&titles, index, &name),
            };
            if let Some(from) = from {
                levels[index].sections[s].inherits = Some(Inheritance { from, phrase_span });
                // A phrase that points at the level itself (a bad anchor) inherits nothing.
                if from == index {
                    levels[index].sections[s].inherits = None;
                }
            }
        }
    }
}

/// The level a phrase names: the same seniority words and a superset of its other words,
/// preferring the nearest level before `index`.
fn find_named(titles: &[TitleWords], index: usize, name: &str) -> Option<usize> {
    let wanted = levels::analyze(&strip_markup(name));
    let matches = |i: usize| {
        let t = &titles[i];
        t.seniority == wanted.seniority && wanted.words.iter().all(|w| t.words.contains(w))
    };
    // Ladders are short; looking further than this only costs time on generated pages.
    const REACH: usize = 64;
    (index.saturating_sub(REACH)..index)
        .rev()
        .find(|&i| matches(i))
        .or_else(|| (index + 1..titles.len().min(index + 1 + REACH)).find(|&i| matches(i)))
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}

//! Levels without sections of their own: `### VP of Support`, followed only by a sentence and
//! bullets, among `###` siblings that do have a Job Grade. Such a heading is a level by its title
//! (a seniority word and a role word the family uses) and by its place (same parent and depth as
//! graded levels), not by its children; without this, no rule sees that it lacks a grade.

use super::{Grade, Level, Page, SectionKind, build_level, is_family_heading, is_page_section, is_specialty_group};
use crate::page::levels;
use std::collections::{BTreeSet, HashSet};

/// What `derive` already worked out about the page's headings.
pub(super) struct Context<'a> {
    pub kinds: &'a [Option<SectionKind>],
    /// The heading that owns each section heading (see `section_owners`).
    pub section_owners: &'a [Option<usize>],
    pub specialty_since_graded: &'a [bool],
    pub family: Option<&'a str>,
    /// A grade table or a page-wide Job Grade covers levels without a section.
    pub covered_everywhere: bool,
}

/// A title longer than this is a sentence, not a level name.
const MAX_TITLE_WORDS: usize = 8;

/// The levels recognised by title and siblings, not yet in `levels`.
pub(super) fn bare_levels(page: &Page<'_>, levels: &[Level], context: &Context<'_>) -> Vec<Level> {
    let level_headings: HashSet<usize> = levels.iter().filter_map(|l| l.heading).collect();
    // Where graded levels sit: (parent, depth) of every level heading with a Job Grade section.
    let graded: Vec<usize> =
        levels.iter().filter(|l| !matches!(l.grade, Grade::MissingSection)).filter_map(|l| l.heading).collect();
    if graded.is_empty() {
        return Vec::new();
    }
    let places: HashSet<(Option<usize>, u8)> =
        graded.iter().map(|&h| (page.headings[h].parent, page.headings[h].level)).collect();
    let first_graded = graded.iter().copied().min().unwrap_or(0);
    // The role words of the family: its title and its levels' titles.
    let mut role_words: BTreeSet<String> = context.family.map(levels::track).unwrap_or_default();
    for level in levels {
        role_words.extend(levels::track(&level.title));
    }
    let owners: HashSet<usize> = context.section_owners.iter().flatten().copied().collect();

    let mut found = Vec::new();
    for (h, heading) in page.headings.iter().enumerate().skip(first_graded + 1) {
        if level_headings.contains(&h)
            || owners.contains(&h)
            || context.kinds[h].is_some()
            || !places.contains(&(heading.parent, heading.level))
            || context.specialty_since_graded[h]
            || !names_a_level(&heading.text, &role_words)
            || page.ancestors(h).any(|a| is_specialty_group(&page.headings[a].text))
            // A heading that holds levels groups them ("### Manager roles").
            || page.descendants(h).any(|d| level_headings.contains(&d) || owners.contains(&d))
        {
            continue;
        }
        let covered = context.covered_everywhere;
        let missing = if covered { Grade::Elsewhere } else { Grade::MissingSection };
        let mut level = build_level(page, Some(h), Vec::new(), context.kinds, context.family, missing);
        level.bare = true;
        found.push(level);
    }
    found
}

/// A level title: short, a seniority word ("Director", "VP", "Senior"), a role word of the family,
/// and none of the words of page sections or specialties.
fn names_a_level(text: &str, role_words: &BTreeSet<String>) -> bool {
    if is_page_section(text) || is_specialty_group(text) || is_family_heading(text) || text.contains(['?', ':']) {
        return false;
    }
    let words = levels::analyze(text);
    !words.seniority.is_empty()
        && words.words.len() + words.seniority.len() <= MAX_TITLE_WORDS
        && words.words.iter().any(|w| role_words.contains(w))
}

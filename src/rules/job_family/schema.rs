//! The page schema that JF006–JF008 check (the handbook's "hard requirements"): how a
//! configured section name is matched against a heading, which headings and which text belong
//! to a role's section, and what a role inherits through "All of the above … and:".
//!
//! Section names are matched as the handbook writes them, not as the template spells them: case,
//! emphasis, a trailing colon, space or no-break space, a role name before the section name
//! ("Senior Analyst Requirements"), an aside after it ("Performance Indicators (PI)") and a
//! singular for a plural ("Performance Indicator") all match. A configured name may list
//! alternatives separated by `|` ("Hiring Process|Interview Process").

use crate::page::job_family::{JobFamily, Level, SectionKind, bullet_key};
use crate::page::{BlockKind, Page};
use crate::source::Span;
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Whether the page itself is the one role it describes: a job-family page with no levels but
/// with a Responsibilities or Requirements section of its own ("Chief Financial Officer"). A
/// page with neither (a stub that links to the real page) has no role to check.
pub fn page_is_one_role(page: &Page<'_>, job: &JobFamily) -> bool {
    job.levels.is_empty()
        && [SectionKind::Responsibilities, SectionKind::Requirements]
            .iter()
            .any(|&kind| !family_wide(page, &unowned_sections(page, job, kind)).is_empty())
}

/// Where a finding about the whole page goes: the front matter title, else the first heading,
/// else the first line of the body.
pub fn title_span(page: &Page<'_>) -> Span {
    if let Some(title) = page.front_matter.as_ref().and_then(|fm| fm.get("title")) {
        return title.value_span;
    }
    if let Some(first) = page.headings.first() {
        return first.span;
    }
    let text = &page.source.text;
    let end = text[page.body_start..].find('\n').map_or(text.len(), |i| page.body_start + i);
    Span::new(page.body_start, end)
}

/// Whether a list of the page outside every role's subtree, lists `wanted`: pages
/// that state the family's requirements under a heading of their own words ("You may be a fit
/// to this role if you have…") before the levels.
pub fn listed_outside_roles(page: &Page<'_>, job: &JobFamily, wanted: &str) -> bool {
    // Role subtrees in document order, merged where they nest or touch: each list is then
    // located by binary search (a generated page may hold a million roles and lists).
    let mut roles: Vec<Span> = Vec::new();
    for range in job.levels.iter().filter_map(|l| l.heading).map(|h| section_range(page, h)) {
        match roles.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => roles.push(range),
        }
    }
    let outside = |span: Span| {
        let after = roles.partition_point(|r| r.start <= span.start);
        after == 0 || span.start >= roles[after - 1].end
    };
    page.lists
        .iter()
        .filter(|l| outside(l.span))
        .flat_map(|l| &l.items)
        .any(|item| bullet_key(&item.text).contains(wanted))
}

/// The role that role `index` says it extends as a whole ("The Senior Director role extends the
/// [Director](#director) role", in its introduction or beside its grade): `Some(None)` when the
/// named role is not a level of the page, `None` when the role extends nothing.
pub fn extended_role(page: &Page<'_>, job: &JobFamily, index: usize) -> Option<Option<usize>> {
    static EXTENDS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:role|position)\s+extends\s+(?:the\s+|that\s+of\s+(?:the\s+)?)?(?P<name>.+?)\s+(?:role|position|level)s?\b")
            .expect("valid")
    });
    let h = job.levels[index].heading?;
    let range = section_range(page, h);
    let name = blocks_in(page, range)
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph)
        .find_map(|b| EXTENDS.captures(&b.text).and_then(|c| c.name("name")).map(|m| bullet_key(m.as_str())))?;
    Some(job.levels.iter().position(|l| bullet_key(&l.title) == name).filter(|&i| i != index))
}

/// Whether an ERB page renders a partial named after the section: the handbook's sales pages
/// write `<%= partial("job-families/sales/performance", …) %>`, whose template holds the
/// "## Performance Indicators" heading.
pub fn renders_partial_for(page: &Page<'_>, name: &str) -> bool {
    static PARTIAL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"<%=\s*partial\s*\(?\s*["']([^"']+)["']"#).expect("valid"));
    let text = page.source.text.as_str();
    if !text.contains("<%") {
        return false;
    }
    PARTIAL.captures_iter(text).filter_map(|c| c.get(1)).any(|partial| {
        let file = partial.as_str().rsplit('/').next().unwrap_or("").to_lowercase();
        name.split('|')
            .flat_map(str::split_whitespace)
            .any(|word| word.len() >= 5 && file.contains(&word.to_lowercase()))
    })
}

/// Whether a section opens with an inheritance phrase ("Extends that of the X requirements")
/// that the job-family model could not resolve to a level: what it inherits is unknown, so a
/// required bullet may well be there.
pub fn has_unresolved_inheritance(page: &Page<'_>, heading: usize) -> bool {
    static PHRASE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)^\W*(?:extends|all\s+(?:of\s+)?(?:the\s+)?above|everything\s+(?:in|from)|in\s+addition\s+to|same\s+as)\b
            | \b(?:includes|meets|has|plus)\s+all\s+(?:of\s+)?(?:the\s+)?(?:requirements|responsibilities)\b
            | \b(?:requirements|responsibilities)\s+(?:above|of\s+the\s+previous)\b",
        )
            .expect("valid")
    });
    first_text(page, heading).is_some_and(|text| PHRASE.is_match(text))
}

/// Whether the inheritance phrase opening a section points up the page ("All of the above",
/// "the requirements of the previous level") rather than at a named level.
pub fn inherits_from_above(page: &Page<'_>, heading: usize) -> bool {
    first_text(page, heading).is_some_and(|text| {
        let lower = text.to_lowercase();
        lower.contains("above") || lower.contains("previous")
    })
}

/// The first paragraph or first bullet under a section heading: where an inheritance phrase sits.
fn first_text<'p>(page: &'p Page<'_>, heading: usize) -> Option<&'p str> {
    page.heading_body(heading).iter().find_map(|block| match block.kind {
        BlockKind::Paragraph => Some(block.text.as_str()),
        BlockKind::List(list) => page.lists[list].items.first().map(|item| item.text.as_str()),
        _ => None,
    })
}

/// How many levels an inheritance chain may span (a longer one is a cycle or a generated page).
const MAX_CHAIN: usize = 32;

/// The lowercase words of a heading or a configured name (letters and digits; other
/// characters, markup and whitespace of any kind separate words).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// Whether two words are the same, a final plural "s" aside ("indicator" / "indicators"); a long
/// word may be misspelled ("Responsibilites", "Responsbilities": the section is there, and
/// the misspelling is the spelling rules' business).
fn same_word(a: &str, b: &str) -> bool {
    a == b
        || a.strip_suffix('s') == Some(b)
        || b.strip_suffix('s') == Some(a)
        || (a.len() >= 10 && b.len() >= 10 && a.len().abs_diff(b.len()) <= 2 && edit_distance(a, b) <= 2)
}

/// Levenshtein distance over bytes (only used on section-name words).
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut row = Vec::with_capacity(b.len() + 1);
        row.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            row.push((previous[j] + usize::from(ca != cb)).min(previous[j + 1] + 1).min(row[j] + 1));
        }
        previous = row;
    }
    previous[b.len()]
}

/// Whether heading text names the section `name` (one of its `|` alternatives): the name's
/// words appear in the heading as a run, each equal up to a plural "s".
pub fn names_section(heading: &str, name: &str) -> bool {
    let heading_words = words(heading);
    name.split('|').any(|alternative| {
        let wanted = words(alternative);
        !wanted.is_empty()
            && heading_words.windows(wanted.len()).any(|run| run.iter().zip(&wanted).all(|(a, b)| same_word(a, b)))
    })
}

/// Headings of role `index` that name the section `name` (however the model classified them:
/// "Responsibilities & Requirements" names both).
pub fn named_role_sections(page: &Page<'_>, job: &JobFamily, index: usize, name: &str) -> Vec<usize> {
    role_headings(page, job, index).into_iter().filter(|&h| names_section(&page.headings[h].text, name)).collect()
}

/// The first alternative of a configured name, as the help text spells it.
pub fn display_name(name: &str) -> &str {
    name.split('|').next().unwrap_or(name).trim()
}

/// The section kind the job-family model knows for a configured name ("Requirements",
/// "Responsibilities", "Job Grade"); `None` for other names, found by heading instead.
pub fn builtin_kind(name: &str) -> Option<SectionKind> {
    name.split('|').find_map(|alternative| SectionKind::of_heading(alternative.trim()))
}

/// The headings of role `index`: its heading's subtree, or for a role without a heading of its
/// own (the page itself, or a "### Senior X Job Grade" level), the headings up to the next role.
///
/// A role's headings also include sections written at the role heading's own depth right after
/// it ("## Senior X", "## Job Grade", "### Responsibilities") and the subtree of a repeated
/// role heading ("## ESG Manager" for the grade, "## ESG Manager" again for the sections).
pub fn role_headings(page: &Page<'_>, job: &JobFamily, index: usize) -> Vec<usize> {
    let level = &job.levels[index];
    if let Some(h) = level.heading {
        let heading = &page.headings[h];
        let mut headings: Vec<usize> = page.descendants(h).collect();
        let mut next = headings.last().map_or(h + 1, |&last| last + 1);
        while let Some(sibling) = page.headings.get(next).filter(|s| s.level == heading.level) {
            let adopted = SectionKind::of_heading(&sibling.text).is_some();
            // A repeated heading continues the role unless it is a role of its own (a
            // generated page may repeat one title a million times).
            let at = job.levels.partition_point(|l| l.span.start < sibling.span.start);
            let own_role = job.levels.get(at).is_some_and(|l| l.heading == Some(next));
            if !adopted && (own_role || bullet_key(&sibling.text) != bullet_key(&heading.text)) {
                break;
            }
            if adopted {
                headings.push(next);
            }
            headings.extend(page.descendants(next));
            next = headings.last().map_or(next + 1, |&last| last.max(next) + 1);
        }
        return headings;
    }
    let end = job.levels.get(index + 1).map_or(usize::MAX, |next| next.span.start);
    let first = page.headings.partition_point(|h| h.span.start < level.span.start);
    (first..page.headings.len()).take_while(|&i| page.headings[i].span.start < end).collect()
}

/// The byte range a section heading covers: from the heading to the next heading of the same
/// or a higher level (its sub-headings included).
pub fn section_range(page: &Page<'_>, heading: usize) -> Span {
    let end = page.descendants(heading).last().map_or(heading + 1, |last| last + 1);
    let end = page.headings.get(end).map_or(page.source.text.len(), |h| h.span.start);
    Span::new(page.headings[heading].span.start, end)
}

/// Whether `range` holds a list item (at any depth) or a paragraph line that contains `wanted`
/// (a `bullet_key`, compared by containment, as the handbook's own check does).
pub fn range_lists(page: &Page<'_>, range: Span, wanted: &str) -> bool {
    // Lists (at any depth) and blocks are in document order: only those in `range` are read.
    let first = page.lists.partition_point(|l| l.span.start < range.start);
    let lists = page.lists[first..].iter().take_while(|l| l.span.start < range.end).filter(|l| l.span.end <= range.end);
    if lists.flat_map(|l| &l.items).any(|item| bullet_key(&item.text).contains(wanted)) {
        return true;
    }
    blocks_in(page, range)
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph)
        .any(|b| b.text.lines().any(|line| bullet_key(line).contains(wanted)))
}

/// The document-level blocks that lie within `range`.
fn blocks_in<'p>(page: &'p Page<'_>, range: Span) -> &'p [crate::page::Block] {
    let first = page.blocks.partition_point(|b| b.span.start < range.start);
    let count = page.blocks[first..].iter().take_while(|b| b.span.end <= range.end).count();
    &page.blocks[first..first + count]
}

/// Section headings of `kind` ("Requirements", "General Requirements for Security Engineer
/// roles") that no role with a heading of its own owns and that sit under no
/// role's heading (computed once per page: a page has few of them). The sections of a page
/// that is itself a graded level ("## Job Grade", "## Requirements" at the top, then "## Levels")
/// are counted here: they are the family's, and cover every role below.
pub fn unowned_sections(page: &Page<'_>, job: &JobFamily, kind: SectionKind) -> Vec<usize> {
    let owned: HashSet<usize> = job
        .levels
        .iter()
        .filter(|l| l.heading.is_some() || l.group.is_some())
        .flat_map(|l| l.sections.iter().map(|s| s.heading))
        .collect();
    let role_headings: HashSet<usize> = job.levels.iter().filter_map(|l| l.heading).collect();
    (0..page.headings.len())
        .filter(|&h| !owned.contains(&h) && names_section(&page.headings[h].text, kind.noun()))
        .filter(|&h| !page.ancestors(h).any(|a| role_headings.contains(&a)))
        .collect()
}

/// Of the `unowned` sections, the family-wide ones: at the top of the page (Template 1), under
/// nothing but the page title.
pub fn family_wide(page: &Page<'_>, unowned: &[usize]) -> Vec<usize> {
    unowned.iter().copied().filter(|&h| page.ancestors(h).all(|a| page.headings[a].level == 1)).collect()
}

/// Of the `unowned` sections, those that cover role `index`: family-wide ones, and those of a
/// group of roles ("## Benefits" / "### Benefits Requirements" beside "### Benefits Analyst"),
/// whose parent heading is an ancestor of the role. A specialty's Requirements sit under the
/// specialty's own heading, which is no role's ancestor.
pub fn covering_sections(
    page: &Page<'_>,
    job: &JobFamily,
    index: usize,
    kind: SectionKind,
    unowned: &[usize],
) -> Vec<usize> {
    let level = &job.levels[index];
    let role_ancestors: Vec<usize> = match level.heading {
        Some(h) => page.ancestors(h).collect(),
        None => level.group.into_iter().chain(level.group.into_iter().flat_map(|g| page.ancestors(g))).collect(),
    };
    // A role nested inside another role's subtree ("## Recruiter" … "### Levels" / "#### Senior")
    // reads the enclosing role's sections as its own family's.
    // Levels are sorted by position: an enclosing role is found by its heading's position.
    let enclosing = role_ancestors
        .iter()
        .filter_map(|&a| {
            let at = job.levels.partition_point(|l| l.span.start < page.headings[a].span.start);
            job.levels.get(at).filter(|l| l.heading == Some(a))
        })
        .flat_map(|l| l.sections.iter().filter(|s| s.kind == kind).map(|s| s.heading));
    unowned
        .iter()
        .copied()
        .filter(|&h| page.ancestors(h).all(|a| page.headings[a].level == 1 || role_ancestors.contains(&a)))
        .chain(enclosing)
        .collect()
}

/// The role sections a role's `kind` section reads through inheritance, nearest first: the
/// role's own, then the one its inheritance phrase points at, and so on. Empty when the role
/// has no such section.
pub fn inheritance_chain(job: &JobFamily, index: usize, kind: SectionKind) -> Vec<(&Level, usize)> {
    let mut chain = Vec::new();
    let mut visited = Vec::new();
    let mut next = Some(index);
    while let Some(at) = next {
        if visited.contains(&at) || visited.len() >= MAX_CHAIN {
            break;
        }
        visited.push(at);
        let level = &job.levels[at];
        let Some(section) = level.section(kind) else { break };
        chain.push((level, section.heading));
        next = section.inherits.as_ref().map(|i| i.from);
    }
    chain
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_names_match_as_the_handbook_writes_them() {
        assert!(names_section("Performance Indicators", "Performance Indicators"));
        assert!(names_section("Performance indicators:", "Performance Indicators"));
        assert!(names_section("Performance Indicators\u{a0}", "Performance Indicators"));
        assert!(names_section("Key Performance Indicator (PI)", "Performance Indicators"));
        assert!(names_section("**Hiring Process**", "Hiring Process|Interview Process"));
        assert!(names_section("Interview Process", "Hiring Process|Interview Process"));
        assert!(names_section("VP of Product - Hiring Process", "Hiring Process"));
        assert!(!names_section("Hiring", "Hiring Process"));
        assert!(!names_section("Performance", "Performance Indicators"));
        assert!(!names_section("Anything", ""));
    }

    #[test]
    fn configured_names_map_to_the_models_sections() {
        assert_eq!(builtin_kind("Requirements"), Some(SectionKind::Requirements));
        assert_eq!(builtin_kind("Job Grade"), Some(SectionKind::JobGrade));
        assert_eq!(builtin_kind("Nice-to-haves"), None);
        assert_eq!(display_name("Hiring Process|Interview Process"), "Hiring Process");
    }
}

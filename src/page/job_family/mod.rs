//! The job-family model: levels, their grades, sections, bullets and inheritance, derived from the
//! page outline built by `Page::build` (no second parse, no second AST walk).
//!
//! This file finds the levels and their sections; `siblings` adds the levels that have no
//! section of their own (recognised by their title among graded siblings), `grades` reads what a
//! Job Grade section says, `inheritance` resolves "All of the above … and:" phrases to the level
//! they point at.

mod grades;
mod inheritance;
mod siblings;

use super::levels;
use super::{BlockKind, Page, normalize_space};
use crate::source::Span;
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

pub use grades::{Grade, GradeSentence, GradeValue};

/// The sections a level owns that hblint understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    JobGrade,
    Responsibilities,
    Requirements,
}

impl SectionKind {
    /// Classifies a heading's text ("Job Grade", "Senior X Responsibilities", "Requirements:").
    pub fn of_heading(text: &str) -> Option<SectionKind> {
        let lower = text.trim_end_matches([':', ' ', '.']).to_lowercase();
        // "Senior Analyst Job Grade" names a level; "Baseline targets for each job grade" does not.
        let is = |name: &str| {
            lower == name
                || lower.strip_suffix(name).and_then(|p| p.strip_suffix(' ')).is_some_and(|prefix| {
                    !matches!(
                        prefix.rsplit(' ').next(),
                        Some(
                            "each"
                                | "every"
                                | "for"
                                | "per"
                                | "the"
                                | "a"
                                | "by"
                                | "of"
                                | "and"
                                | "your"
                                | "our"
                                | "to"
                        )
                    )
                })
        };
        if is("job grade") {
            Some(SectionKind::JobGrade)
        } else if is("responsibilities") {
            Some(SectionKind::Responsibilities)
        } else if is("requirements") {
            Some(SectionKind::Requirements)
        } else {
            None
        }
    }

    pub fn noun(self) -> &'static str {
        match self {
            SectionKind::JobGrade => "job grade",
            SectionKind::Responsibilities => "responsibilities",
            SectionKind::Requirements => "requirements",
        }
    }
}

/// A list item of a level section, with its comparison key.
#[derive(Debug, Clone)]
pub struct Bullet {
    pub text: String,
    pub key: String,
    pub span: Span,
}

/// "All of the above … and:" / "Extends the Senior X responsibilities": which level's list is inherited.
#[derive(Debug, Clone)]
pub struct Inheritance {
    /// Index into `JobFamily::levels`.
    pub from: usize,
    pub phrase_span: Span,
}

/// An inheritance phrase naming a level that is not on the page ("Extends that of the Technology
/// Partner Manager Requirements" on the Alliances page).
#[derive(Debug, Clone)]
pub struct UnresolvedInheritance {
    /// Index into `JobFamily::levels`: the level whose text holds the phrase.
    pub level: usize,
    /// The level name as written, markup removed.
    pub name: String,
    /// The name in the source, or the whole phrase when the name carries markup.
    pub name_span: Span,
    pub phrase_span: Span,
    /// The page's level title nearest to `name`, if any shares a role word with it.
    pub suggestion: Option<String>,
}

/// A Responsibilities or Requirements section of a level.
#[derive(Debug, Clone)]
pub struct Section {
    pub kind: SectionKind,
    pub heading: usize,
    pub bullets: Vec<Bullet>,
    pub inherits: Option<Inheritance>,
}

/// One level of the family: the heading that owns a Job Grade, Responsibilities or Requirements section.
#[derive(Debug, Clone)]
pub struct Level {
    /// The owning heading; `None` when the page itself is the level (sections at the top).
    pub heading: Option<usize>,
    pub title: String,
    /// Where to report "this level": its heading, or the first section heading for a page-level one.
    pub span: Span,
    pub grade: Grade,
    pub sections: Vec<Section>,
    pub people_manager: bool,
    /// The heading the level sits under; a change of group starts a new ladder.
    pub group: Option<usize>,
    /// Recognised by its title among graded sibling levels, without any section of its own
    /// (`### VP of Support` followed only by prose and bullets).
    pub bare: bool,
}

impl Level {
    pub fn section(&self, kind: SectionKind) -> Option<&Section> {
        self.sections.iter().find(|s| s.kind == kind)
    }
}

/// The job-family model of a page.
#[derive(Debug, Clone, Default)]
pub struct JobFamily {
    pub levels: Vec<Level>,
    /// Inheritance phrases that name a level the page does not have, in level order.
    pub unresolved_inheritance: Vec<UnresolvedInheritance>,
}

/// The comparison key of a bullet: case, whitespace, emphasis and trailing punctuation ignored.
pub fn bullet_key(text: &str) -> String {
    let lower = text.to_lowercase();
    let folded: String = lower.chars().filter(|c| !matches!(c, '*' | '_' | '`')).collect();
    normalize_space(&folded).trim_end_matches(['.', ',', ';', ':', '!', '?', ' ']).to_string()
}

/// Headings under which a heading with Responsibilities but no Job Grade is a specialty, not a level.
fn is_specialty_group(text: &str) -> bool {
    let lower = text.to_lowercase();
    ["specialt", "specialit", "specializ", "speciali", "segment", "performance indicator"]
        .iter()
        .any(|p| lower.starts_with(p) || lower.contains(&format!(" {p}")))
}

/// Headings that are page sections, never levels, even when they own a Requirements sub-heading.
pub fn is_page_section(text: &str) -> bool {
    let lower = text.trim_end_matches(':').to_lowercase();
    SectionKind::of_heading(text).is_some()
        || [
            "levels",
            "career ladder",
            "hiring process",
            "interview process",
            "relevant links",
            "job family",
            "nice-to-haves",
            "nice to haves",
            "nice to have",
            "nice-to-have",
            "performance indicators",
            "overview",
        ]
        .iter()
        .any(|s| lower == *s || lower.ends_with(&format!(" {s}")))
}

/// A cheap test, before parsing, for pages that can turn out to be job-family pages: the
/// layout says so, or the text mentions "job grade" somewhere (a heading needs those words).
pub fn may_be_job_family(page: &Page<'_>, text: &str) -> bool {
    static JOB_GRADE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)job\s+grade").expect("valid"));
    is_job_family_layout(page) || JOB_GRADE.is_match(text)
}

fn is_job_family_layout(page: &Page<'_>) -> bool {
    page.front_matter.as_ref().and_then(|fm| fm.get("layout")).is_some_and(|f| f.value.trim() == "job_family_page")
}

/// Derives the job-family model; `None` when the page is not a job-family page.
pub fn derive(page: &Page<'_>) -> Option<JobFamily> {
    let kinds: Vec<Option<SectionKind>> = page.headings.iter().map(|h| SectionKind::of_heading(&h.text)).collect();
    let has_grade_heading = kinds.contains(&Some(SectionKind::JobGrade));
    if !is_job_family_layout(page) && !has_grade_heading {
        return None;
    }

    let owner_of = section_owners(page, &kinds);
    // Owners of section headings in document order (`None` is the page itself), each with its
    // section headings. Everything below is linear in the number of headings: a huge generated
    // page must not make this quadratic.
    let mut owners: Vec<Option<usize>> = Vec::new();
    let mut children_of: HashMap<Option<usize>, Vec<usize>> = HashMap::new();
    for (i, kind) in kinds.iter().enumerate() {
        if kind.is_some() {
            let children = children_of.entry(owner_of[i]).or_insert_with(|| {
                owners.push(owner_of[i]);
                Vec::new()
            });
            children.push(i);
        }
    }
    let grade_owners: HashSet<Option<usize>> = owners
        .iter()
        .copied()
        .filter(|o| children_of[o].iter().any(|&c| kinds[c] == Some(SectionKind::JobGrade)))
        .collect();
    // Headings that have a graded level somewhere below them.
    let mut above_graded: HashSet<usize> = HashSet::new();
    for g in grade_owners.iter().flatten() {
        for a in page.ancestors(*g) {
            if !above_graded.insert(a) {
                break;
            }
        }
    }
    // For each heading, whether a Specialties heading came after the last graded level before it.
    let mut specialty_since_graded = vec![false; page.headings.len()];
    let mut seen_specialty = false;
    for (i, heading) in page.headings.iter().enumerate() {
        specialty_since_graded[i] = seen_specialty;
        if grade_owners.contains(&Some(i)) {
            seen_specialty = false;
        } else if is_specialty_group(&heading.text) {
            seen_specialty = true;
        }
    }

    let family_title = page.title().map(str::to_string);
    let family = family_title.as_deref();
    let first_graded = grade_owners.iter().map(|o| o.map_or(0, |h| page.headings[h].span.start)).min();
    // A grade table ("| Senior | [Grade 7](…) |") or a grade stated for the whole page covers
    // levels that have no Job Grade section of their own.
    let grade_table =
        page.blocks.iter().any(|b| b.kind == BlockKind::Table && grades::GRADE.is_match(page.slice(b.span)));
    let page_graded = grade_owners.contains(&None);
    let mut level_titles: HashSet<String> = HashSet::new();
    let mut levels: Vec<Level> = Vec::new();
    for &owner in &owners {
        let children = children_of.remove(&owner).unwrap_or_default();
        let grouping = owner.is_none_or(|h| is_page_section(&page.headings[h].text));
        if grade_owners.contains(&owner) {
            let prefixed = children.iter().any(|&c| {
                kinds[c] == Some(SectionKind::JobGrade) && !section_prefix(&page.headings[c].text).is_empty()
            });
            if grouping && prefixed {
                // "### Senior X Job Grade" right under "## Levels": each prefixed Job Grade heading
                // starts a level of its own, with the section headings that follow it.
                levels.extend(virtual_levels(page, &children, &kinds, family));
                continue;
            }
            if owner.is_some() && grouping {
                continue;
            }
            if let Some(h) = owner {
                level_titles.insert(page.headings[h].text.to_lowercase());
            }
            levels.push(build_level(page, owner, children, &kinds, family, Grade::MissingSection));
            continue;
        }
        let Some(h) = owner else { continue };
        let heading = &page.headings[h];
        let text = &heading.text;
        let specialty = is_specialty_group(text)
            || page.ancestors(h).any(|a| is_specialty_group(&page.headings[a].text))
            || specialty_since_graded[h];
        let groups_levels = above_graded.contains(&h);
        let introduces_family = first_graded.is_some_and(|first| heading.span.start < first);
        let continues_level = level_titles.contains(&text.to_lowercase());
        if specialty || groups_levels || introduces_family || continues_level || grouping || is_family_heading(text) {
            continue;
        }
        let covered = grade_table || page_graded || page.ancestors(h).any(|a| grade_owners.contains(&Some(a)));
        let missing = if covered { Grade::Elsewhere } else { Grade::MissingSection };
        level_titles.insert(text.to_lowercase());
        levels.push(build_level(page, owner, children, &kinds, family, missing));
    }
    let context = siblings::Context {
        kinds: &kinds,
        section_owners: &owner_of,
        specialty_since_graded: &specialty_since_graded,
        family,
        covered_everywhere: grade_table || page_graded,
    };
    let bare = siblings::bare_levels(page, &levels, &context);
    levels.extend(bare);
    levels.sort_by_key(|l| l.span.start);
    let unresolved_inheritance = inheritance::resolve_inheritance(page, &mut levels);
    Some(JobFamily { levels, unresolved_inheritance })
}

/// The heading that owns each section heading: its parent, except where a level heading is
/// followed by its sections at the *same* depth (`## Manager, X` then `## Job Grade`), which
/// real pages do; there the level heading just before owns them.
fn section_owners(page: &Page<'_>, kinds: &[Option<SectionKind>]) -> Vec<Option<usize>> {
    let mut owners: Vec<Option<usize>> = page.headings.iter().map(|h| h.parent).collect();
    let mut adopted: Option<usize> = None;
    for i in 0..page.headings.len() {
        if kinds[i].is_none() {
            adopted = None;
            continue;
        }
        let level = page.headings[i].level;
        if i > 0 && page.headings[i - 1].level == level {
            let prev = &page.headings[i - 1];
            if kinds[i] == Some(SectionKind::JobGrade)
                && kinds[i - 1].is_none()
                && !is_page_section(&prev.text)
                && !is_specialty_group(&prev.text)
                && !page.heading_body(i - 1).iter().any(|b| matches!(b.kind, BlockKind::List(_)))
            {
                adopted = Some(i - 1);
            }
        } else if adopted.is_some_and(|a| page.headings[a].level != level) {
            adopted = None;
        }
        if let Some(a) = adopted {
            owners[i] = Some(a);
        }
    }
    owners
}

/// The words before "Job Grade" / "Responsibilities" / "Requirements" in a section heading.
fn section_prefix(text: &str) -> &str {
    let trimmed = text.trim_end_matches([':', ' ', '.']);
    let lower = trimmed.to_lowercase();
    for name in ["job grade", "responsibilities", "requirements"] {
        if lower.ends_with(name) && lower.len() == trimmed.len() {
            return trimmed[..trimmed.len() - name.len()].trim();
        }
    }
    ""
}

/// Levels made from prefixed Job Grade headings that sit directly under a grouping heading.
fn virtual_levels(
    page: &Page<'_>,
    children: &[usize],
    kinds: &[Option<SectionKind>],
    family: Option<&str>,
) -> Vec<Level> {
    let mut levels = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    for &c in children {
        if kinds[c] == Some(SectionKind::JobGrade) {
            if !current.is_empty() {
                levels.push(virtual_level(page, std::mem::take(&mut current), kinds, family));
            }
            current.push(c);
        } else if !current.is_empty() {
            current.push(c);
        }
    }
    if !current.is_empty() {
        levels.push(virtual_level(page, current, kinds, family));
    }
    levels
}

fn virtual_level(page: &Page<'_>, children: Vec<usize>, kinds: &[Option<SectionKind>], family: Option<&str>) -> Level {
    let first = children[0];
    let mut level = build_level(page, None, children, kinds, family, Grade::MissingSection);
    level.title = section_prefix(&page.headings[first].text).to_string();
    level.people_manager = levels::is_people_manager(&level.title, family);
    level.group = page.headings[first].parent;
    level
}

/// Headings that introduce a whole family or a group of roles ("Frontend Engineering Roles at GitLab").
fn is_family_heading(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.contains(" roles")
        || lower.starts_with("roles ")
        || lower.ends_with(" levels")
        || lower.contains("job family")
}

pub(super) fn build_level(
    page: &Page<'_>,
    owner: Option<usize>,
    children: Vec<usize>,
    kinds: &[Option<SectionKind>],
    family: Option<&str>,
    missing: Grade,
) -> Level {
    let title = match owner {
        Some(h) => page.headings[h].text.clone(),
        None => family.unwrap_or("").to_string(),
    };
    let span = match owner {
        Some(h) => page.headings[h].span,
        None => children.first().map_or(Span::default(), |&c| page.headings[c].span),
    };
    let grade_heading = children.iter().copied().find(|&c| kinds[c] == Some(SectionKind::JobGrade));
    let grade = match (grade_heading, &missing, owner) {
        (Some(h), _, _) => grades::read_grade(page, h),
        (None, Grade::MissingSection, Some(h)) => grades::unlabeled_grade(page, h).unwrap_or(missing),
        (None, _, _) => missing,
    };
    let sections = children
        .iter()
        .filter(|&&c| matches!(kinds[c], Some(SectionKind::Responsibilities | SectionKind::Requirements)))
        .map(|&c| Section {
            kind: kinds[c].unwrap_or(SectionKind::Requirements),
            heading: c,
            bullets: section_bullets(page, c),
            inherits: None,
        })
        .collect();
    Level {
        heading: owner,
        people_manager: levels::is_people_manager(&title, family),
        group: owner.and_then(|h| page.headings[h].parent),
        title,
        span,
        grade,
        sections,
        bare: false,
    }
}

/// The top-level bullets in a section heading's body and in the bodies of its sub-headings.
fn section_bullets(page: &Page<'_>, heading: usize) -> Vec<Bullet> {
    let mut bullets = Vec::new();
    for h in std::iter::once(heading).chain(page.descendants(heading)) {
        for block in page.heading_body(h) {
            if let BlockKind::List(list) = block.kind {
                for item in &page.lists[list].items {
                    let key = bullet_key(&item.text);
                    if !key.is_empty() {
                        bullets.push(Bullet { text: item.text.clone(), key, span: item.text_span });
                    }
                }
            }
        }
    }
    bullets
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_section_headings() {
        assert_eq!(SectionKind::of_heading("Job Grade"), Some(SectionKind::JobGrade));
        assert_eq!(SectionKind::of_heading("Senior Analyst Job grade:"), Some(SectionKind::JobGrade));
        assert_eq!(SectionKind::of_heading("Responsibilities"), Some(SectionKind::Responsibilities));
        assert_eq!(SectionKind::of_heading("Hiring Process"), None);
        assert_eq!(SectionKind::of_heading("Baseline targets for each job grade"), None);
    }

    #[test]
    fn bullet_keys_ignore_case_space_and_final_punctuation() {
        assert_eq!(bullet_key("Ability to  work\u{a0}successfully."), bullet_key("ability to work successfully"));
    }
}

//! The job-family model: levels, their grades, sections, bullets and inheritance, derived from the
//! page outline built by `Page::build` (no second parse, no second AST walk).

use super::levels::{self, TitleWords};
use super::{BlockKind, Page};
use crate::source::Span;
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

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

/// A grade number in tenths, so that half grades (9.5) compare exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct GradeValue(pub u32);

impl std::fmt::Display for GradeValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0.is_multiple_of(10) {
            write!(f, "{}", self.0 / 10)
        } else {
            write!(f, "{}.{}", self.0 / 10, self.0 % 10)
        }
    }
}

/// The sentence that states a level's grade.
#[derive(Debug, Clone)]
pub struct GradeSentence {
    pub value: GradeValue,
    pub number_span: Span,
    pub sentence_span: Span,
    /// The sentence's subject without "The" ("Senior Data Analyst"), with its span.
    pub subject: Option<(String, Span)>,
}

/// What a level's Job Grade section says.
#[derive(Debug, Clone)]
pub enum Grade {
    /// The level has no Job Grade section.
    MissingSection,
    /// The section exists but states no number; `span` is its first line of text, or its heading.
    NoNumber {
        span: Span,
    },
    /// "is not aligned to a job grade": an explicit absence.
    NotAligned,
    /// Several grades in one sentence ("grades: [6, 7, 8]"): no single value to compare.
    Several,
    /// No Job Grade section, but a grade sentence sits under the level heading or another sub-heading.
    Unlabeled {
        sentence_span: Span,
    },
    /// No Job Grade section of its own, but the page states the grade elsewhere: a grade table,
    /// or a Job Grade section of the whole page or of a heading the level sits under.
    Elsewhere,
    Stated(GradeSentence),
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
}

/// The comparison key of a bullet: case, whitespace, emphasis and trailing punctuation ignored.
pub fn bullet_key(text: &str) -> String {
    let lower = text.to_lowercase();
    let folded: String = lower.chars().filter(|c| !matches!(c, '*' | '_' | '`')).collect();
    super::normalize_space(&folded).trim_end_matches(['.', ',', ';', ':', '!', '?', ' ']).to_string()
}

/// Headings under which a heading with Responsibilities but no Job Grade is a specialty, not a level.
fn is_specialty_group(text: &str) -> bool {
    let lower = text.to_lowercase();
    ["specialt", "specialit", "specializ", "speciali", "segment", "performance indicator"]
        .iter()
        .any(|p| lower.starts_with(p) || lower.contains(&format!(" {p}")))
}

/// Headings that are page sections, never levels, even when they own a Requirements sub-heading.
fn is_page_section(text: &str) -> bool {
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
    let grade_table = page.blocks.iter().any(|b| b.kind == BlockKind::Table && GRADE.is_match(page.slice(b.span)));
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
    levels.sort_by_key(|l| l.span.start);
    resolve_inheritance(page, &mut levels);
    Some(JobFamily { levels })
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

fn build_level(
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
        (Some(h), _, _) => read_grade(page, h),
        (None, Grade::MissingSection, Some(h)) => unlabeled_grade(page, h).unwrap_or(missing),
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

static GRADE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        (?P<several>\bgrades?\s*:?\s*\[?\s*\d+(?:\.\d+)?(?:\s*(?:,|and|or|/|-|–)\s*\d+(?:\.\d+)?)+)
        | \[\s*(?:job\s+)?(?:grade|level)\s*\#?\s*(?P<linked>\d+(?:\.\d+)?)\s*\]
        | \[\s*(?:job\s+)?grade\s*\]\([^)\s]*\)\s*(?P<after>\d+(?:\.\d+)?)\b
        | \bis\s+(?:a|an|at)\s+\[\s*(?P<number>\d+(?:\.\d+)?)\s*\]\(
        | \b(?:job\s+)?grade\s*\#?\s*\[?\s*(?P<bare>\d+(?:\.\d+)?)\b
        ",
    )
    .expect("grade pattern is valid")
});

static NOT_ALIGNED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bnot\s+aligned\s+(?:to|with)\s+(?:a\s+)?(?:job\s+)?\[?grade").expect("valid"));

static SUBJECT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(?:the\s+)?(?P<subject>.+?)\s+(?:is|are|will\s+be)\s+").expect("valid"));

/// Reads the grade from a Job Grade section's paragraphs (and list items).
fn read_grade(page: &Page<'_>, heading: usize) -> Grade {
    let mut first_text: Option<Span> = None;
    for block in page.heading_body(heading) {
        let spans: Vec<Span> = match block.kind {
            BlockKind::Paragraph => vec![block.span],
            BlockKind::List(list) => page.lists[list].items.iter().map(|i| i.text_span).collect(),
            BlockKind::Table | BlockKind::BlockQuote | BlockKind::Html => vec![block.span],
            _ => continue,
        };
        for span in spans {
            let raw = page.slice(span);
            if first_text.is_none() && !raw.trim().is_empty() {
                let first_line_end = raw.find('\n').map_or(span.end, |i| span.start + i);
                first_text = Some(Span::new(span.start, first_line_end));
            }
            if NOT_ALIGNED.is_match(raw) {
                return Grade::NotAligned;
            }
            let Some(caps) = GRADE.captures(raw) else { continue };
            if caps.name("several").is_some() {
                return Grade::Several;
            }
            let Some(number) = ["linked", "after", "number", "bare"].iter().find_map(|n| caps.name(n)) else {
                continue;
            };
            let Some(value) = parse_grade(number.as_str()) else { continue };
            let number_span = Span::new(span.start + number.start(), span.start + number.end());
            // The sentence is the line of the paragraph that holds the number.
            let line_start = raw[..number.start()].rfind('\n').map_or(0, |i| i + 1);
            let line_end = raw[number.end()..].find('\n').map_or(raw.len(), |i| number.end() + i);
            let line = &raw[line_start..line_end];
            let lead = line.len() - line.trim_start().len();
            let sentence_span = Span::new(span.start + line_start + lead, span.start + line_end);
            let subject = SUBJECT.captures(&line[..number.start() - line_start]).and_then(|c| {
                let m = c.name("subject")?;
                let text = strip_markup(m.as_str());
                let start = span.start + line_start + m.start();
                (!text.is_empty()).then(|| (text, Span::new(start, span.start + line_start + m.end())))
            });
            return Grade::Stated(GradeSentence { value, number_span, sentence_span, subject });
        }
    }
    Grade::NoNumber { span: first_text.unwrap_or(page.headings[heading].span) }
}

/// A grade sentence directly under a level heading, or under a sub-heading that is not named
/// "Job Grade" (`#### Director, X` holding "The Director, X is a grade 10").
fn unlabeled_grade(page: &Page<'_>, level: usize) -> Option<Grade> {
    let subheadings = page.descendants(level).filter(|&d| SectionKind::of_heading(&page.headings[d].text).is_none());
    for h in std::iter::once(level).chain(subheadings) {
        if let Grade::Stated(sentence) = read_grade(page, h) {
            return Some(Grade::Unlabeled { sentence_span: sentence.sentence_span });
        }
    }
    None
}

fn parse_grade(text: &str) -> Option<GradeValue> {
    let (whole, frac) = text.split_once('.').unwrap_or((text, "0"));
    let whole: u32 = whole.parse().ok()?;
    let tenth: u32 = frac.get(..1)?.parse().ok()?;
    (whole <= 100).then_some(GradeValue(whole * 10 + tenth))
}

/// Removes link brackets and emphasis from a short inline Markdown fragment.
fn strip_markup(text: &str) -> String {
    static LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[([^\]]*)\]\([^)]*\)").expect("valid"));
    let text = LINK.replace_all(text, "$1");
    let cleaned: String = text.chars().filter(|c| !matches!(c, '*' | '_' | '[' | ']' | '`')).collect();
    super::normalize_space(&cleaned)
}

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

fn resolve_inheritance(page: &Page<'_>, levels: &mut [Level]) {
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

    #[test]
    fn grade_values() {
        assert_eq!(parse_grade("9.5"), Some(GradeValue(95)));
        assert_eq!(GradeValue(95).to_string(), "9.5");
        assert_eq!(GradeValue(70).to_string(), "7");
    }
}

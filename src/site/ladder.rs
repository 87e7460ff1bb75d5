//! Career ladders across the handbook: each job family's levels, tracks and grades in a compact
//! form (no page text), and every family together, looked up by title. LD001 compares a title's
//! grade across pages; `hblint ladder` draws them.
//!
//! A `FamilyLadder` is made from the page model's job family (`page.job`): its levels as found by
//! their sections, their stated grades, the heading each sits under. Tracks are what a reader
//! sees side by side: levels grouped by the heading they sit under ("Backend Engineer IC
//! levels"), and within a group, individual contributors apart from people managers.

use super::anchors::{IdStyle, hugo_id, kramdown_id};
use crate::page::job_family::{Grade, GradeValue};
use crate::page::{Page, levels};
use regex::Regex;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::LazyLock;

/// One level of a family's ladder.
#[derive(Debug, Clone)]
pub struct LadderLevel {
    /// The level's title as its heading writes it.
    pub title: String,
    /// The stated grade; `None` when the level states none, several, or says "not aligned".
    pub grade: Option<GradeValue>,
    /// Index into `FamilyLadder::tracks`.
    pub track: usize,
    pub people_manager: bool,
    /// 1-based line of the level's heading.
    pub line: usize,
    /// 1-based last line of the level's section: findings from `line` to here are the level's.
    pub end_line: usize,
    /// The heading's id on the rendered page (kramdown's), for a link to the level.
    pub anchor: Option<String>,
}

/// One job family's ladder.
#[derive(Debug, Clone)]
pub struct FamilyLadder {
    /// The page's route (`/job-families/engineering/backend-engineer/`).
    pub route: String,
    /// The page's file.
    pub path: PathBuf,
    /// The family's title: front matter `title`, else the first H1, else the route.
    pub title: String,
    /// Track names, in the order their first level appears.
    pub tracks: Vec<String>,
    /// Levels in page order.
    pub levels: Vec<LadderLevel>,
}

impl FamilyLadder {
    /// The ladder of a built page, with kramdown's heading ids (the Middleman handbook's);
    /// `None` when the page is not a job family or has no level.
    pub fn of(page: &Page<'_>, route: &str) -> Option<FamilyLadder> {
        FamilyLadder::with_ids(page, route, IdStyle::Kramdown)
    }

    /// The ladder of a built page whose site makes heading ids in `style`.
    pub fn with_ids(page: &Page<'_>, route: &str, style: IdStyle) -> Option<FamilyLadder> {
        let job = page.job.as_ref()?;
        if job.levels.is_empty() {
            return None;
        }
        let ids = heading_ids(page, style);
        let text_len = page.source.text.len();
        // Where each heading's subtree ends (the next heading at its depth or above), in one
        // pass: a generated page with thousands of levels must not make this quadratic.
        let mut subtree_ends = vec![text_len; page.headings.len()];
        let mut open: Vec<usize> = Vec::new();
        for (i, heading) in page.headings.iter().enumerate() {
            while let Some(&top) = open.last()
                && page.headings[top].level >= heading.level
            {
                subtree_ends[top] = heading.span.start;
                open.pop();
            }
            open.push(i);
        }
        let mut track_keys: Vec<(Option<usize>, bool)> = Vec::new();
        let mut levels = Vec::with_capacity(job.levels.len());
        for (i, level) in job.levels.iter().enumerate() {
            let key = (level.group, level.people_manager);
            let track = track_keys.iter().position(|k| *k == key).unwrap_or_else(|| {
                track_keys.push(key);
                track_keys.len() - 1
            });
            // The heading that names the level: its own, or (a level made of a prefixed "Senior X
            // Job Grade" heading) the first heading of its sections.
            let heading =
                level.heading.or_else(|| page.headings.binary_search_by_key(&level.span.start, |h| h.span.start).ok());
            let next_level = job.levels.get(i + 1).map_or(text_len, |l| l.span.start);
            let subtree_end = level.heading.map_or(text_len, |h| subtree_ends[h]);
            let end = next_level.min(subtree_end).max(level.span.start);
            let line = page.lines.line_of(level.span.start) + 1;
            let end_line = page.lines.line_of(end.saturating_sub(1).max(level.span.start)) + 1;
            levels.push(LadderLevel {
                title: level.title.clone(),
                grade: grade_value(page, &level.grade),
                track,
                people_manager: level.people_manager,
                line,
                end_line: end_line.max(line),
                anchor: heading.map(|h| ids[h].clone()),
            });
        }
        // Groups whose tracks get the same name ("Individual contributor" under two unnamed
        // headings) are one track.
        let names = track_names(page, &track_keys);
        let mut tracks: Vec<String> = Vec::new();
        let merged: Vec<usize> = names
            .iter()
            .map(|name| {
                tracks.iter().position(|t| t == name).unwrap_or_else(|| {
                    tracks.push(name.clone());
                    tracks.len() - 1
                })
            })
            .collect();
        for level in &mut levels {
            level.track = merged[level.track];
        }
        let title = page.title().map(str::to_string).filter(|t| !t.is_empty()).unwrap_or_else(|| route.to_string());
        Some(FamilyLadder { route: route.to_string(), path: page.source.path.clone(), title, tracks, levels })
    }

    /// The level whose section holds 1-based `line`, if any.
    pub fn level_at(&self, line: usize) -> Option<usize> {
        self.levels.iter().position(|l| (l.line..=l.end_line).contains(&line))
    }
}

/// The grade a level states, as a number.
fn grade_value(page: &Page<'_>, grade: &Grade) -> Option<GradeValue> {
    static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:\bgrade\s*#?\s*\[?\s*|\[\s*)(\d{1,2})(?:\.(\d))?\b").expect("grade number pattern is valid")
    });
    match grade {
        Grade::Stated(sentence) => Some(sentence.value),
        // A grade sentence outside a Job Grade section: read its number again.
        Grade::Unlabeled { sentence_span } => {
            let caps = NUMBER.captures(page.slice(*sentence_span))?;
            let whole: u32 = caps.get(1)?.as_str().parse().ok()?;
            let tenth: u32 = caps.get(2).map_or(Some(0), |m| m.as_str().parse().ok())?;
            Some(GradeValue(whole * 10 + tenth))
        }
        _ => None,
    }
}

/// A name for each track: the heading its levels sit under, unless that heading is the page's
/// own title or a generic section ("Levels"); the kind of track when a group holds both kinds.
fn track_names(page: &Page<'_>, keys: &[(Option<usize>, bool)]) -> Vec<String> {
    let kind = |manager: bool| if manager { "People manager" } else { "Individual contributor" };
    keys.iter()
        .map(|&(group, manager)| {
            let named = group
                .map(|g| &page.headings[g])
                .filter(|h| h.level > 1 && !crate::page::job_family::is_page_section(&h.text))
                .map(|h| h.text.clone());
            let mixed = keys.iter().any(|&(g, m)| g == group && m != manager);
            match named {
                None => kind(manager).to_string(),
                Some(name) if mixed => format!("{name} · {}", kind(manager).to_lowercase()),
                Some(name) => name,
            }
        })
        .collect()
}

/// The id each heading of the page gets from the site's renderer (`site::anchors`: kramdown for
/// the 2022 Middleman handbook, Goldmark for Hugo's); a repeated id gets `-1`, `-2` …
pub fn heading_ids(page: &Page<'_>, style: IdStyle) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    page.headings
        .iter()
        .map(|h| {
            let base = match style {
                IdStyle::Kramdown => kramdown_id(page.slice(h.text_span)),
                IdStyle::Hugo => hugo_id(page.slice(h.text_span)),
            };
            let count = seen.entry(base.clone()).or_insert(0);
            let id = if *count == 0 { base.clone() } else { format!("{base}-{count}") };
            *count += 1;
            id
        })
        .collect()
}

/// The key under which a title's grade is compared across pages: its words, lowercase, with
/// abbreviations expanded ("Sr." is "senior") and "(Intermediate)" dropped. `None` for a title
/// made only of level words ("Senior", "Manager", "Director"): such a heading names a level of
/// its own page's family, not a title that means the same on every page.
pub fn title_key(title: &str) -> Option<String> {
    if levels::analyze(title).words.is_empty() {
        return None;
    }
    let words: Vec<String> = levels::words(title).into_iter().filter(|w| w != "intermediate").collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Every job family of the handbook, by route, with its levels looked up by title.
#[derive(Debug, Default)]
pub struct Ladders {
    families: Vec<FamilyLadder>,
    /// Title key → (family, level) indices, in route order.
    by_title: HashMap<String, Vec<(u32, u32)>>,
    by_route: HashMap<String, usize>,
}

/// The same title at another grade on another page.
#[derive(Debug, Clone)]
pub struct Elsewhere<'a> {
    pub family: &'a FamilyLadder,
    pub level: &'a LadderLevel,
    pub grade: GradeValue,
}

/// A level whose title has another grade on at least one other page.
#[derive(Debug, Clone)]
pub struct GradeConflict<'a> {
    /// Index into the family's levels.
    pub level: usize,
    pub grade: GradeValue,
    /// The other pages' levels, by route.
    pub others: Vec<Elsewhere<'a>>,
}

impl Ladders {
    /// Collects families (in any order): they are kept sorted by route, then path.
    pub fn new(mut families: Vec<FamilyLadder>) -> Ladders {
        families.sort_by(|a, b| (&a.route, &a.path).cmp(&(&b.route, &b.path)));
        let mut by_title: HashMap<String, Vec<(u32, u32)>> = HashMap::new();
        let mut by_route = HashMap::with_capacity(families.len());
        for (f, family) in families.iter().enumerate() {
            by_route.entry(family.route.clone()).or_insert(f);
            for (l, level) in family.levels.iter().enumerate() {
                if let Some(key) = title_key(&level.title) {
                    by_title.entry(key).or_default().push((f as u32, l as u32));
                }
            }
        }
        Ladders { families, by_title, by_route }
    }

    pub fn families(&self) -> &[FamilyLadder] {
        &self.families
    }

    pub fn is_empty(&self) -> bool {
        self.families.is_empty()
    }

    /// The family at `route` (normalized as the site compares routes).
    pub fn family(&self, route: &str) -> Option<&FamilyLadder> {
        let route = super::job_families::normalize_route(route);
        self.by_route.get(&route).map(|&i| &self.families[i])
    }

    /// Every level, on any page, whose title has the key of `title`.
    pub fn titled(&self, title: &str) -> impl Iterator<Item = (&FamilyLadder, &LadderLevel)> + '_ {
        let found = title_key(title).and_then(|key| self.by_title.get(&key)).map_or(&[][..], Vec::as_slice);
        found.iter().map(|&(f, l)| {
            let family = &self.families[f as usize];
            (family, &family.levels[l as usize])
        })
    }

    /// The levels of `family` whose title carries another grade on another page. Pages at the
    /// same route (one family written twice, as `x.html.md` and `x/index.html.md`) are not
    /// compared with each other.
    pub fn grade_conflicts<'a>(&'a self, family: &FamilyLadder) -> Vec<GradeConflict<'a>> {
        grade_conflicts(family, |key| {
            self.by_title
                .get(key)
                .map_or(&[][..], Vec::as_slice)
                .iter()
                .map(|&(f, l)| {
                    let other = &self.families[f as usize];
                    (other, &other.levels[l as usize])
                })
                .collect()
        })
    }
}

/// The levels of `family` whose title another page grades otherwise; `titled(key)` gives every
/// level, on any page, whose title has that key. Pages at the family's own route are skipped.
pub fn grade_conflicts<'a>(
    family: &FamilyLadder,
    titled: impl Fn(&str) -> Vec<(&'a FamilyLadder, &'a LadderLevel)>,
) -> Vec<GradeConflict<'a>> {
    let mut conflicts = Vec::new();
    for (l, level) in family.levels.iter().enumerate() {
        let (Some(grade), Some(key)) = (level.grade, title_key(&level.title)) else { continue };
        let mut others: Vec<Elsewhere<'a>> = titled(&key)
            .into_iter()
            .filter(|(other, _)| other.route != family.route)
            .filter_map(|(other, other_level)| {
                let other_grade = other_level.grade?;
                (other_grade != grade).then_some(Elsewhere { family: other, level: other_level, grade: other_grade })
            })
            .collect();
        // One finding names each other page once: its first level with the title.
        others.dedup_by(|a, b| a.family.route == b.family.route);
        if !others.is_empty() {
            conflicts.push(GradeConflict { level: l, grade, others });
        }
    }
    conflicts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn ladder(path: &str, route: &str, text: &str) -> FamilyLadder {
        let source = SourceFile::from_text(PathBuf::from(path), text.to_string(), false);
        let page = Page::build(&source);
        FamilyLadder::of(&page, route).expect("a job family")
    }

    const PRODUCT: &str = "---\nlayout: job_family_page\ntitle: Product Manager\n---\n\n## Levels\n\n### Product Manager (Intermediate)\n\n#### Job Grade\n\nThe Product Manager is a [grade 7](/x/).\n\n#### Responsibilities\n\n* Own things\n\n### Senior Product Manager\n\n#### Job Grade\n\nThe Senior Product Manager is a [grade 8](/x/).\n\n#### Responsibilities\n\n* Own more things\n\n### Manager, Product\n\n#### Job Grade\n\nThe Manager, Product is a [grade 9](/x/).\n\n#### Responsibilities\n\n* Lead\n\n## Hiring Process\n\nCall.\n";

    const MARKETING: &str = "---\nlayout: job_family_page\ntitle: Product Manager, Marketing\n---\n\n## Senior Product Manager\n\n### Job Grade\n\nThe Senior Product Manager is a [grade 9](/x/).\n\n### Responsibilities\n\n* Market\n\n## Senior Product Manager\n\n### Job Grade\n\nThe Senior Product Manager is a [grade 9](/x/).\n\n### Responsibilities\n\n* Market\n";

    #[test]
    fn ladder_of_a_page() {
        let family = ladder("pm.md", "/job-families/product/product-manager/", PRODUCT);
        assert_eq!(family.title, "Product Manager");
        let titles: Vec<_> = family.levels.iter().map(|l| (l.title.as_str(), l.grade.map(|g| g.0))).collect();
        assert_eq!(
            titles,
            [
                ("Product Manager (Intermediate)", Some(70)),
                ("Senior Product Manager", Some(80)),
                ("Manager, Product", Some(90))
            ]
        );
        assert_eq!(family.tracks, ["Individual contributor", "People manager"]);
        assert_eq!(family.levels[2].track, 1);
        assert_eq!(family.levels[1].anchor.as_deref(), Some("senior-product-manager"));
        assert_eq!(family.levels[0].line, 8);
        assert_eq!(family.level_at(9), Some(0));
        assert_eq!(family.level_at(18), Some(1));
        assert_eq!(family.level_at(3), None);
        // The Hiring Process is nobody's level.
        assert_eq!(family.level_at(family.levels[2].end_line + 2), None);
    }

    #[test]
    fn repeated_headings_get_numbered_ids() {
        let family = ladder("m.md", "/job-families/marketing/pmm/", MARKETING);
        let anchors: Vec<_> = family.levels.iter().map(|l| l.anchor.clone().unwrap_or_default()).collect();
        assert_eq!(anchors, ["senior-product-manager", "senior-product-manager-1"]);
    }

    #[test]
    fn same_title_other_grade_conflicts_across_pages_only() {
        let ladders = Ladders::new(vec![
            ladder("pm.md", "/job-families/product/product-manager/", PRODUCT),
            ladder("m.md", "/job-families/marketing/pmm/", MARKETING),
        ]);
        let product = ladders.family("/job-families/product/product-manager").expect("family");
        let conflicts = ladders.grade_conflicts(product);
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].level, 1);
        assert_eq!(conflicts[0].others.len(), 1, "one finding names the other page once");
        assert_eq!(conflicts[0].others[0].grade, GradeValue(90));
        let marketing = ladders.family("/job-families/marketing/pmm/").expect("family");
        assert_eq!(ladders.grade_conflicts(marketing).len(), 2);
    }

    #[test]
    fn title_keys() {
        assert_eq!(title_key("Sr. Product Manager").as_deref(), Some("senior product manager"));
        assert_eq!(title_key("Product Manager (Intermediate)").as_deref(), Some("product manager"));
        assert_eq!(title_key("Senior Manager"), None);
        assert_eq!(title_key("Director"), None);
        assert_ne!(title_key("Manager, Product"), title_key("Product Manager"));
    }
}

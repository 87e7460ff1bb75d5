//! JF009 misnested-level.

use crate::page::Page;
use crate::page::job_family::{Grade, Level, SectionKind};
use crate::rules::{Group, Rule, RuleMeta, Severity, Sink};
use std::collections::HashMap;

pub static META: RuleMeta = RuleMeta {
    code: "JF009",
    name: "misnested-level",
    group: Group::JobFamily,
    summary: "a level sits inside a page section or another level, or a level's section heading closes the level",
    docs: r#"## What it does
Reports the heading structure that makes the page render a level inside the wrong section:

- a level under a page section that cannot hold one: Performance Indicators, Career Ladder,
  Hiring Process, Interview Process, Relevant Links, Nice-to-haves;
- a level under a Responsibilities, Requirements or Job Grade heading;
- a level under another level;
- a level's Job Grade, Responsibilities or Requirements heading written at the level's own
  depth or above it (`### Senior X`, `#### Job Grade`, then `## Responsibilities`): the heading
  closes the level, and what follows belongs to the page, not to the level.

The enclosing heading is shown as a label, and the help says which heading to move or which
heading level to use.

## Why is this bad?
The handbook renders the outline as written: a level nested under `## Performance Indicators`
appears in the page's table of contents as part of the indicators, its anchor is nested there,
and readers and scripts that walk the levels miss it. It is almost always a section pasted in the
wrong place when several pages were merged into one.

## Example
```markdown
## Levels
### Director, Brand Strategy
#### Job Grade
…
## Performance Indicators
…
### Manager, Brand Strategy
#### Job Grade
…
```

## Use instead
```markdown
## Levels
### Director, Brand Strategy
…
### Manager, Brand Strategy
…
## Performance Indicators
…
```

## Known limits
A level is what the job-family model recognises (a heading with Job Grade, Responsibilities or
Requirements, or a titled sibling of graded levels); a heading under Performance Indicators that
the model does not take for a level is not reported. A section heading that closes its level is
only reported when the level already has a section heading of its own below it, so a level
written flat (`## Manager, X`, `## Job Grade`, `## Responsibilities`) is accepted, and so is a
`## Requirements` section that lists each level's requirements under `### Senior X` (a level
under a Requirements or Responsibilities heading is only reported when it has a Job Grade of
its own). On the GitLab job-family pages the rule gives 58 findings; every one was read and
shows the page's outline putting a level or a level's section in the wrong place.
"#,
    severity: Severity::Error,
    fix: false,
    params: &[],
};

/// Levels rendered inside the wrong section.
pub struct MisnestedLevel;

/// Page sections that never hold a level.
const NOT_LEVEL_GROUPS: &[&str] = &[
    "performance indicators",
    "career ladder",
    "hiring process",
    "interview process",
    "relevant links",
    "nice-to-haves",
    "nice to haves",
    "nice to have",
    "nice-to-have",
];

fn holds_no_levels(text: &str) -> bool {
    let lower = text.trim_end_matches([':', ' ', '.']).to_lowercase();
    NOT_LEVEL_GROUPS.iter().any(|s| lower == *s || lower.ends_with(&format!(" {s}")))
}

fn hashes(level: u8) -> String {
    "#".repeat(usize::from(level))
}

impl Rule for MisnestedLevel {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, _params: &crate::rules::Params, out: &mut Sink<'_>) {
        let Some(job) = &page.job else { return };
        let by_heading: HashMap<usize, &Level> = job.levels.iter().filter_map(|l| Some((l.heading?, l))).collect();
        // Section headings that close their level, with the level they belong to.
        let mut escaped: HashMap<usize, &Level> = HashMap::new();
        for level in &job.levels {
            let Some(h) = level.heading else { continue };
            if let Some(section) = escaping_section(page, h) {
                escaped.insert(section, level);
            }
        }
        let mut reports: Vec<usize> = escaped.keys().copied().collect();
        reports.extend(by_heading.keys().copied());
        reports.sort_unstable();
        for h in reports {
            if let Some(level) = escaped.get(&h) {
                report_escaped_section(page, h, level, out);
            }
            if let Some(level) = by_heading.get(&h) {
                report_misnested_level(page, h, level, &by_heading, &escaped, out);
            }
        }
    }
}

/// The section heading right after level `h`'s subtree that belongs to the level by reading
/// order but sits at the level's depth or above: the level has section headings below it and
/// this one is of a kind it lacks.
fn escaping_section(page: &Page<'_>, h: usize) -> Option<usize> {
    let depth = page.headings[h].level;
    let inside: Vec<SectionKind> =
        page.descendants(h).filter_map(|d| SectionKind::of_heading(&page.headings[d].text)).collect();
    if inside.is_empty() {
        return None;
    }
    let next = page.descendants(h).last().unwrap_or(h) + 1;
    let heading = page.headings.get(next)?;
    let kind = SectionKind::of_heading(&heading.text)?;
    (heading.level <= depth && !inside.contains(&kind)).then_some(next)
}

fn report_escaped_section(page: &Page<'_>, section: usize, level: &Level, out: &mut Sink<'_>) {
    let heading = &page.headings[section];
    let Some(level_heading) = level.heading.map(|h| &page.headings[h]) else { return };
    let wanted = hashes(level_heading.level + 1);
    out.report(
        heading.span,
        format!(
            "'{}' belongs to level '{}' but its '{}' heading closes that level",
            heading.text,
            level.title,
            hashes(heading.level)
        ),
    )
    .label(level.span, format!("level '{}' is a '{}' heading", level.title, hashes(level_heading.level)))
    .help(format!(
        "write it as a '{wanted}' heading, like the level's other sections, so that it stays inside the level"
    ));
}

fn report_misnested_level(
    page: &Page<'_>,
    h: usize,
    level: &Level,
    by_heading: &HashMap<usize, &Level>,
    escaped: &HashMap<usize, &Level>,
    out: &mut Sink<'_>,
) {
    let Some(parent) = page.headings[h].parent else { return };
    let outer = &page.headings[parent];
    let depth = hashes(page.headings[h].level);
    let outer_depth = hashes(outer.level);
    if let Some(outer_level) = by_heading.get(&parent) {
        out.report(level.span, format!("level '{}' sits inside level '{}'", level.title, outer_level.title))
            .label(outer.span, format!("level '{}' starts here", outer_level.title))
            .help(format!(
                "make '{}' a '{outer_depth}' heading, a sibling of '{}', not a '{depth}' inside it",
                level.title, outer_level.title
            ));
    } else if SectionKind::of_heading(&outer.text).is_some() {
        // "## Requirements" then "### Senior X" with that level's requirements is a list per
        // level, not a misplaced level, unless the level has a Job Grade of its own.
        let graded = !matches!(level.grade, Grade::MissingSection | Grade::Elsewhere | Grade::Unlabeled { .. });
        if !graded && !escaped.contains_key(&parent) {
            return;
        }
        let help = match escaped.get(&parent) {
            Some(owner) => format!(
                "write '{} {}' as a '{}' heading so that it stays inside '{}' and this level follows it",
                outer_depth,
                outer.text,
                hashes(owner.heading.map_or(outer.level, |o| page.headings[o].level) + 1),
                owner.title
            ),
            None => format!(
                "end '{}' before the level: put a '{outer_depth} Levels' heading before this '{depth}' level",
                outer.text
            ),
        };
        out.report(
            level.span,
            format!("level '{}' sits inside the section '{} {}'", level.title, outer_depth, outer.text),
        )
        .label(outer.span, format!("'{}' starts here", outer.text))
        .help(help);
    } else if holds_no_levels(&outer.text) {
        out.report(
            level.span,
            format!(
                "level '{}' sits inside '{} {}', so the page shows it as part of that section",
                level.title, outer_depth, outer.text
            ),
        )
        .label(outer.span, format!("'{}' starts here and holds the level", outer.text))
        .help(format!(
            "move '{outer_depth} {}' below the page's last level, or put a '{outer_depth} Levels' heading before this '{depth}' level",
            outer.text
        ));
    }
}

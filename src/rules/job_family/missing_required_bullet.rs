//! JF008 missing-required-bullet: a role whose Requirements (its own or inherited) do not list a
//! bullet every role must list ("Ability to use GitLab" by default).

use super::schema::{
    builtin_kind, covering_sections, display_name, extended_role, family_wide, has_unresolved_inheritance,
    inheritance_chain, inherits_from_above, listed_outside_roles, named_role_sections, page_is_one_role, range_lists,
    section_range, title_span, unowned_sections,
};
use crate::page::Page;
use crate::page::job_family::{JobFamily, SectionKind, bullet_key};
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};

const BULLETS: Param = Param::strings(
    "bullets",
    &["Ability to use GitLab"],
    "the bullets every role must list (matched ignoring case, emphasis, links and a final period)",
);
const SECTION: Param =
    Param::string("section", "Requirements", "the role section that must list them; `A|B` accepts either name");

pub static META: RuleMeta = RuleMeta {
    code: "JF008",
    name: "missing-required-bullet",
    group: Group::JobFamily,
    summary: "a role's Requirements, its own or inherited, lack a bullet every role must list (\"Ability to use GitLab\")",
    docs: r#"## What it does
Checks that every role (level) of a job-family page lists each bullet of `bullets` under its
`section`: by default "Ability to use GitLab" under Requirements, as the handbook's own CI job
requires ("Failed Pipeline" in the job-families handbook page).

What a role lists includes what it inherits: a Requirements section that says "All of the
above requirements and:" or "Extends the Senior Analyst requirements" lists the bullets of the
level it points at, and of the levels that one inherits from. A Requirements section for the
whole family (at the top of the page, outside every role) counts for every role.

A bullet is matched as the handbook writes it: ignoring case, emphasis, links and whitespace,
with or without a final period, and inside a longer bullet ("Ability to use GitLab, including
learning GitLab as…", "Capability to use GitLab"), as the handbook's own check (a
case-insensitive text search) does. A nested bullet or a plain line of the section counts too.

The finding is at the role's Requirements heading (or at the role's heading when it has none),
with the inherited sections that lack it as labels.

## Why is this bad?
GitLab asks every candidate to use GitLab, and its pipeline fails a merge request whose roles do
not say so: the page cannot be published as it is.

## Example
```markdown
## Senior Data Analyst
### Requirements
* Experience with SQL
```

## Use instead
```markdown
## Senior Data Analyst
### Requirements
* Experience with SQL
* Ability to use GitLab
```

## Configuration
```toml
[rules.JF008]
bullets = ["Ability to use GitLab", "Share our values, and work in accordance with those values"]
section = "Requirements"
```
Another `section` ("Responsibilities", or any sub-heading name such as "Nice-to-haves") works
too; inheritance is followed for Responsibilities and Requirements.

A role that extends another role as a whole ("The Senior X role extends the [X](#x) role") and
has no Requirements of its own lists what X lists. Where what a role inherits is unknown (an
inheritance phrase that names no level of the page, "meets all of the requirements of a
Senior Analyst, plus:", a role of another page), the role is given the benefit of the doubt;
but "All of the above" on the first level with such a section inherits nothing (only what
covers the whole family), so it is checked.
A role without any Requirements section, on a page that lists the bullet for the whole family
under words of its own ("You may be a fit to this role if you have…"), is JF006's finding only.
A page that is itself one role (Responsibilities or Requirements, no levels) is checked as one.

## Known limits
A page whose roles have no sections the job-family model recognises (a table of levels, an
ERB helper that renders the levels from sub-pages, a stub page) has no roles to check. On the
job-family corpus, 33 of the 37 pages that never say "Ability to use GitLab" get a finding; the
other four are an empty page, two stubs and `sales/professional-services-architect`, whose
levels follow a "Performance Indicator" heading that the level model reads as a specialties
group. 25 sampled findings were all real.
"#,
    severity: Severity::Error,
    fix: false,
    params: &[BULLETS, SECTION],
};

/// Roles whose Requirements lack a required bullet.
pub struct MissingRequiredBullet;

impl Rule for MissingRequiredBullet {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        let Some(job) = &page.job else { return };
        let Some(bullets) = params.strings(&BULLETS) else { return };
        let name = params.text(&SECTION);
        let section = display_name(name);
        let kind = builtin_kind(name).filter(|k| *k != SectionKind::JobGrade);
        let unowned: Vec<usize> = kind.map(|k| unowned_sections(page, job, k)).unwrap_or_default();
        let one_role = page_is_one_role(page, job);
        for bullet in bullets {
            let wanted = bullet_key(bullet);
            if wanted.is_empty() {
                continue;
            }
            if one_role {
                let top = family_wide(page, &unowned);
                if top.iter().any(|&h| range_lists(page, section_range(page, h), &wanted)) {
                    continue;
                }
                let title = page.title().unwrap_or("this page");
                let (span, message) = match top.first() {
                    Some(&h) => (
                        page.headings[h].span,
                        format!("the {} of '{title}' do not list '{bullet}'", section.to_lowercase()),
                    ),
                    None => (title_span(page), format!("role '{title}' has no {section} listing '{bullet}'")),
                };
                out.report(span, message).help(format!("add the bullet '* {bullet}' to the {section} of the page"));
                continue;
            }
            // Computed on first need, once per bullet: most pages never ask.
            let mut listed_outside: Option<bool> = None;
            for index in 0..job.levels.len() {
                let role =
                    Role { index, kind, name, section, bullet, wanted: &wanted, listed_outside: &mut listed_outside };
                check_role(page, job, role, &unowned, out);
            }
        }
    }
}

/// How many "role extends the X role" steps are followed.
const MAX_EXTENDS: usize = 8;

/// One role and what it must list.
struct Role<'a> {
    index: usize,
    kind: Option<SectionKind>,
    name: &'a str,
    section: &'a str,
    bullet: &'a str,
    wanted: &'a str,
    /// Whether the page lists the bullet outside every role (see `listed_outside_roles`).
    listed_outside: &'a mut Option<bool>,
}

/// Reports a role when its section, what it inherits and the sections that cover it lack the bullet.
fn check_role(page: &Page<'_>, job: &JobFamily, role: Role<'_>, unowned: &[usize], out: &mut Sink<'_>) {
    let level = &job.levels[role.index];
    let mut chain = role.kind.map(|k| inheritance_chain(job, role.index, k)).unwrap_or_default();
    if let Some(kind) = role.kind {
        // "The Senior X role extends the [X](#x) role": without a section of its own, it lists
        // what X lists (X may extend another role in turn).
        let mut at = role.index;
        for _ in 0..MAX_EXTENDS {
            if !chain.is_empty() {
                break;
            }
            match extended_role(page, job, at) {
                Some(Some(from)) => {
                    chain = inheritance_chain(job, from, kind);
                    at = from;
                }
                // It extends a role of another page: what that role lists is unknown here.
                Some(None) => return,
                None => break,
            }
        }
    }
    let mut own: Vec<usize> = chain.iter().map(|(_, h)| *h).collect();
    if own.is_empty() {
        // A section the model does not own ("Responsibilities & Requirements", one nested under
        // the Job Grade heading), or a section of another name.
        let name: &str = match role.kind {
            Some(kind) => kind.noun(),
            None => role.name,
        };
        own = named_role_sections(page, job, role.index, name);
    }
    let covering = role.kind.map(|k| covering_sections(page, job, role.index, k, unowned)).unwrap_or_default();
    if own.iter().chain(&covering).any(|&h| range_lists(page, section_range(page, h), role.wanted)) {
        return;
    }
    // The last section of the chain inherits from a level the model could not find: what it
    // inherits is unknown, and an unresolved phrase is a structure problem of its own. Except
    // "All of the above" on the first level with such a section: nothing is above it (the
    // sections covering the whole family were looked at already), so it inherits nothing.
    let first_of_its_kind = |h: usize| {
        let owner = chain.last().map_or(level.span.start, |(l, _)| l.span.start);
        role.kind.is_some_and(|kind| {
            job.levels.iter().take_while(|l| l.span.start < owner).all(|l| l.section(kind).is_none())
        }) && inherits_from_above(page, h)
    };
    if own.last().is_some_and(|&h| has_unresolved_inheritance(page, h) && !first_of_its_kind(h)) {
        return;
    }
    let (bullet, section) = (role.bullet, role.section);
    let help = format!("add the bullet '* {bullet}' to the {section} of '{}'", level.title);
    let Some(&first) = own.first() else {
        if covering.is_empty()
            && *role.listed_outside.get_or_insert_with(|| listed_outside_roles(page, job, role.wanted))
        {
            // The role has no such section at all (JF006 says so), and the page lists the
            // bullet for the whole family under a heading of its own words.
            return;
        }
        out.report(level.span, format!("role '{}' has no {section} listing '{bullet}'", level.title)).help(help);
        return;
    };
    let diagnostic = out.report(
        page.headings[first].span,
        format!("the {} of '{}' do not list '{bullet}'", section.to_lowercase(), level.title),
    );
    let inherited = usize::from(chain.first().is_some_and(|(l, _)| std::ptr::eq(*l, level)));
    for (from, heading) in chain.iter().skip(inherited) {
        diagnostic.label(
            page.headings[*heading].span,
            format!("inherited from '{}', which does not list it either", from.title),
        );
    }
    match chain.last().filter(|(from, _)| !std::ptr::eq(*from, level)) {
        // Added where the chain starts, the bullet reaches every level that inherits from it.
        Some((root, _)) => diagnostic.help(format!(
            "add the bullet '* {bullet}' to the {section} of '{}', which '{}' inherits, or to its own",
            root.title, level.title
        )),
        None => diagnostic.help(help),
    };
}

//! JF006 missing-role-section: a role without a section every role must have (Responsibilities
//! and Requirements by default).

use super::schema::{
    builtin_kind, covering_sections, display_name, extended_role, family_wide, named_role_sections, names_section,
    page_is_one_role, renders_partial_for, title_span, unowned_sections,
};
use crate::page::Page;
use crate::page::job_family::SectionKind;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};

const SECTIONS: Param = Param::strings(
    "sections",
    &["Responsibilities", "Requirements"],
    "the sections every role must have; `A|B` accepts either name (Job Grade is JF001's)",
);

pub static META: RuleMeta = RuleMeta {
    code: "JF006",
    name: "missing-role-section",
    group: Group::JobFamily,
    summary: "a role of a job-family page lacks a section every role must have (Responsibilities, Requirements)",
    docs: r#"## What it does
Checks that every role (level) of a job-family page has the sections in `sections`: by default
Responsibilities and Requirements, as the handbook's own CI job requires ("Failed Pipeline" in
the job-families handbook page). It replaces that job's section checks, together with JF001
(Job Grade), JF007 (page sections) and JF008 (required bullets).

A section counts as present when the role has a heading for it (its own sub-heading, "Senior
Analyst Requirements" or "Requirements:" alike), when the heading only inherits ("All of the
above requirements and:", "Extends the Senior Analyst requirements"), or when the page states it
once for the whole family (a Responsibilities or Requirements section at the top of the page,
outside every role, as the handbook's first template does).

An ERB page that renders a partial named after the section (`<%= partial
'includes/pm_responsibilities' %>`) has it for every role.

`sections` may name any section: "Responsibilities", "Requirements" and "Job Grade" are the
ones the job-family model knows (Job Grade is left to JF001, which says more about grades);
any other name ("Nice-to-haves", "Performance Indicators") is looked up among the role's
sub-headings, matched ignoring case, emphasis, trailing punctuation and (no-break) spaces, a
role name in front, an aside after it and a plural "s". `"A|B"` accepts either name.

## Why is this bad?
Candidates compare roles section by section, and the compensation and recruiting pages link to
them: a role without Requirements cannot be screened against, and the handbook's pipeline fails
the merge request.

## Example
```markdown
## Senior Data Analyst
### Job Grade
The Senior Data Analyst is a [grade 7](…).
### Responsibilities
* Own the data model
```

## Use instead
```markdown
## Senior Data Analyst
### Job Grade
The Senior Data Analyst is a [grade 7](…).
### Responsibilities
* Own the data model
### Requirements
* Ability to use GitLab
```

## Configuration
```toml
[rules.JF006]
sections = ["Responsibilities", "Requirements", "Nice-to-haves|Nice to have"]
```

## Compared with MD043
markdownlint's MD043 fixes the whole sequence of a page's headings and cannot express a group
of sub-headings repeated for every role (markdownlint issue #1601): this rule names the
sections each role must have, however many roles the page lists, and follows inheritance.

## Known limits
Levels are what the job-family model recognises (a heading that owns a Job Grade,
Responsibilities or Requirements section); a role written as a table row has no sections to
check. Specialties and segments are not roles. Sections under other names are reported as
missing, which they are for the schema: "What you can expect in this role" (support pages) or
"Expectations" (product pages) for Responsibilities, "You should apply if…" for Requirements;
add the name as an alternative (`"Responsibilities|Expectations"`) where a family uses it.
On the job-family corpus, 20 of 20 sampled findings were real for the default schema.
"#,
    severity: Severity::Error,
    fix: false,
    params: &[SECTIONS],
};

/// Roles without a required section.
pub struct MissingRoleSection;

impl Rule for MissingRoleSection {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        let Some(job) = &page.job else { return };
        let Some(sections) = params.strings(&SECTIONS) else { return };
        let one_role = page_is_one_role(page, job);
        for name in sections {
            let kind = builtin_kind(name);
            if kind == Some(SectionKind::JobGrade) {
                continue;
            }
            let section = display_name(name);
            let unowned = kind.map(|k| unowned_sections(page, job, k)).unwrap_or_default();
            // A partial named after the section ("includes/pm_responsibilities") renders it
            // for the whole family.
            if kind.is_some() && renders_partial_for(page, name) {
                continue;
            }
            if one_role {
                let present = match kind {
                    Some(_) => !family_wide(page, &unowned).is_empty(),
                    None => page.headings.iter().any(|h| names_section(&h.text, name)),
                };
                if !present {
                    let title = page.title().unwrap_or("this page");
                    out.report(title_span(page), format!("role '{title}' has no {section} section"))
                        .help(format!("add a '## {section}' section to the page"));
                }
                continue;
            }
            for (index, level) in job.levels.iter().enumerate() {
                let present = match kind {
                    Some(kind) => {
                        level.section(kind).is_some()
                            || !named_role_sections(page, job, index, kind.noun()).is_empty()
                            || !covering_sections(page, job, index, kind, &unowned).is_empty()
                            || extended_role(page, job, index).is_some()
                    }
                    None => !named_role_sections(page, job, index, name).is_empty(),
                };
                if present {
                    continue;
                }
                let lower = section.to_lowercase();
                let help = if kind.is_some() {
                    format!(
                        "add a '{section}' sub-heading to '{}' listing its {lower}, or one saying 'All of the above {lower} and:' to inherit them from the level above",
                        level.title
                    )
                } else {
                    format!("add a '{section}' sub-heading to '{}'", level.title)
                };
                out.report(level.span, format!("role '{}' has no {section} section", level.title)).help(help);
            }
        }
    }
}

//! JF007 missing-page-section: a job-family page without a section every page must have
//! (Performance Indicators and Hiring Process by default).

use super::schema::{display_name, names_section, page_is_one_role, renders_partial_for, title_span};
use crate::page::Page;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};

const SECTIONS: Param = Param::strings(
    "sections",
    &["Performance Indicators", "Hiring Process|Interview Process|Hiring Plan"],
    "the sections every job-family page must have; `A|B` accepts either name",
);

pub static META: RuleMeta = RuleMeta {
    code: "JF007",
    name: "missing-page-section",
    group: Group::JobFamily,
    summary: "a job-family page lacks a section every page must have (Performance Indicators, Hiring Process)",
    docs: r#"## What it does
Checks that a job-family page has a heading for each section in `sections`, anywhere on the
page: by default Performance Indicators and Hiring Process, as the handbook's own CI job
requires ("Failed Pipeline" in the job-families handbook page).

A heading counts when it names the section as the handbook writes it: case, emphasis, a
trailing colon, space or no-break space, words before it ("Senior Data Scientist Performance
Indicators", "VP of Product - Hiring Process", "Key Performance Indicators"), an aside after it
("Performance Indicators (PI)") and a singular ("Performance Indicator") are all fine. By default
"Interview Process" and "Hiring Plan", which some pages use, count as a Hiring Process: `"A|B"`
in `sections` accepts either name.

An ERB page that renders a partial named after the section has it: the sales pages'
`<%= partial("job-families/sales/performance", …) %>` renders their Performance Indicators.

The finding is reported at the page's title (its front matter `title`, else its first heading).

## Why is this bad?
Candidates want to know how success is measured and how they will be interviewed; the
handbook asks every job family for three to five performance indicators and a hiring process,
and its pipeline fails a merge request without them.

## Example
```markdown
## Senior Data Analyst
…
## Hiring Process
…
```

## Use instead
```markdown
## Senior Data Analyst
…
## Performance Indicators
* [Data quality](/handbook/…)

## Hiring Process
…
```

## Configuration
```toml
[rules.JF007]
sections = ["Performance Indicators", "Hiring Process|Interview Process", "Career Ladder"]
```

Unlike markdownlint's MD043, which fixes the order of every heading of the page and cannot
express a group of headings repeated for each role (markdownlint issue #1601), this schema
only says which sections must exist: JF006 checks the sections of every role, however many
roles the page has, and this rule the sections of the page.

## Known limits
A page counts when it has levels, or when it is itself one role (a Responsibilities or
Requirements section and no levels); a stub that only links elsewhere is not checked. A
section under words of its own is missing for the schema: "Interview team and focus areas for
each person" (`finance/pao-jf`) is not a "Hiring Process" heading, the one sampled finding of
22 on the job-family corpus a reader might call a near miss. (A second, a "Hiring Plan" heading on
`sales/technical-enablement-program-manager`, led to "Hiring Plan" joining the default names:
49 findings on the job-family corpus.)
"#,
    severity: Severity::Error,
    fix: false,
    params: &[SECTIONS],
};

/// Pages without a required section.
pub struct MissingPageSection;

impl Rule for MissingPageSection {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        let Some(job) = &page.job else { return };
        if job.levels.is_empty() && !page_is_one_role(page, job) {
            return;
        }
        let Some(sections) = params.strings(&SECTIONS) else { return };
        for name in sections {
            if page.headings.iter().any(|h| names_section(&h.text, name)) || renders_partial_for(page, name) {
                continue;
            }
            let section = display_name(name);
            out.report(title_span(page), format!("job-family page has no {section} section"))
                .help(format!("add a '## {section}' section to the page"));
        }
    }
}

//! JF010 unknown-inherited-level.

use crate::page::Page;
use crate::rules::{Group, Rule, RuleMeta, Severity, Sink};

pub static META: RuleMeta = RuleMeta {
    code: "JF010",
    name: "unknown-inherited-level",
    group: Group::JobFamily,
    summary: "an inheritance phrase names a level that is not on the page",
    docs: r#"## What it does
Reads the inheritance phrases of a job-family page ("Extends the Senior X requirements", "The
Senior X role extends the X role", "In addition to the X responsibilities") and reports the ones
whose level name matches no level of the page (same level words, role words all present). The
page's closest level title (most words in common, then fewest character edits) is suggested.

A name linked to another page (`extends the [Backend Engineer](/job-families/…) role`) names a
level of another family on purpose and is not reported, and neither is a name made only of level
words ("the Intermediate requirements").

## Why is this bad?
The reader is told that a level inherits a list they cannot find: pages copied from another
family keep the old family's name ("Extends that of the Technology Partner Manager Requirements"
on the Alliances page), so the inherited requirements are undefined, and hblint's inheritance
checks (JF004) cannot follow the phrase either.

## Example
```markdown
### Senior Alliances Partner Manager
#### Requirements
* Extends that of the Technology Partner Manager (Intermediate) Requirements
```

## Use instead
```markdown
### Senior Alliances Partner Manager
#### Requirements
* Extends that of the Alliances Partner Manager Requirements
```

## Known limits
A level named in plain text that lives on another page (the Red Team page extending the
Security Incident Response Team Manager role) is reported: link it to that page to say it is
meant. A name written very differently from the level's title (a missing role word, an abbreviation
that is not the initials of the title's words) is reported even when a reader would guess the
level. Plurals ("Solutions Architect" for "Solutions Architects"), "Sr." for "Senior", acronyms
made of a title's initials ("CSM", "SA", "L&D"), "that of the X", and a link text whose `#anchor`
is a level's heading are understood.

On the GitLab job-family pages the rule gives 16 findings, all read: levels of another family
kept after a copy (Technology Partner Manager on the Alliances page), levels the page lacks
(Associate General Ledger Accountant, Customer Success Engineer), a typo ("Parnter"), and the
Red Team page's Security Incident Response Team Manager.
"#,
    severity: Severity::Warning,
    fix: false,
    params: &[],
};

/// Inheritance phrases naming a level the page does not have.
pub struct UnknownInheritedLevel;

impl Rule for UnknownInheritedLevel {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, _params: &crate::rules::Params, out: &mut Sink<'_>) {
        let Some(job) = &page.job else { return };
        for unresolved in &job.unresolved_inheritance {
            let Some(level) = job.levels.get(unresolved.level) else { continue };
            let report = out.report(
                unresolved.name_span,
                format!("'{}' inherits from '{}', which is not a level on this page", level.title, unresolved.name),
            );
            if unresolved.name_span != unresolved.phrase_span {
                report.label(unresolved.phrase_span, "the inheritance phrase");
            }
            match &unresolved.suggestion {
                Some(nearest) => report.help(format!(
                    "did you mean '{nearest}'? Name a level of this page, or link the name to the page that defines it"
                )),
                None => report.help("name a level of this page, or link the name to the page that defines it"),
            };
        }
    }
}

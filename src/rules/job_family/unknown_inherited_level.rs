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
meant. A name written very differently from the level's title (an abbreviation, a missing role
word) is reported even when a reader would guess the level.
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

//! IL004 misused-term: a term the handbook's own `data/misused_terms.yml` asks to avoid.

use super::misused_terms::{TermEntry, TermMatcher, inside_allowed};
use super::page_scope::{self, PAGES};
use crate::page::Page;
use crate::rules::pack::words::{is_embedded, is_quoted, starts_sentence};
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;

pub static META: RuleMeta = RuleMeta {
    code: "IL004",
    name: "misused-term",
    group: Group::Inclusive,
    summary: "a term the handbook's list of misused terms (data/misused_terms.yml) asks to avoid",
    docs: r#"## What it does
Reads the handbook's own list of misused terms, `data/misused_terms.yml`, as the handbook keeps
it (fields `avoid`, `avoid_description`, `avoid_footnote`, `use_instead`, `reason`,
`exclude_from_exports`), and reports each listed term in the prose of a page. The entry's
`use_instead` is the suggestion and its `reason` the help text.

The list is found at `<root>/data/misused_terms.yml`, the root being the directory of the
`hblint.toml` in use or else the git repository's root; `hblint.toml` may name it explicitly:

```toml
[handbook]
misused-terms = "data/misused_terms.yml"   # relative to this hblint.toml
```

**Without a list, this rule has no terms and reports nothing.** A list that is not valid YAML,
or an entry that is not what the handbook writes, stops the run with the file, the line and what
is wrong (exit 2).

Which entries are matched, since many `avoid` strings describe a use rather than name a word:

- entries marked `exclude_from_exports: true` are not (the file says they "are not literal or
  are too common": "They", customer names);
- entries with an `avoid_footnote` are not: the footnote is the context that makes the word a
  misuse ("Documentation" used to describe the handbook, "Non-technical" used of a person);
- an `avoid` string that names a use ("to reference", "to refer to", "as an abbreviation for",
  "when referring to", "mentioned in", "(unless …)") is not ("CPO as an abbreviation for Chief
  Product Officer", "Master (unless …)", "SaaS (when referring to GitLab.com …)");
- `Term (Abbr)` gives both ("Reduction in Force (RiF)"); another parenthesis names a class of
  words and is not matched ("Seasons (Autumn/Fall/Spring/Summer/Winter)");
- every other `avoid` string is a literal term: whole words, any case, any whitespace between
  its words, a hyphen or a space, and a plural ("deadlines").

A match is not reported inside one of the entry's own `use_instead` phrases ("wider community"),
inside double quotes (a title or a quoted label), glued to a path or identifier, as part of a
name written in title case ("GitLab Community Edition", "Community Relations", "Learning &
Development"), as one of a list of capitalized names ("Ruby, and Middleman": the static site
generator; "Salesforce, Zuora, Zendesk"), after a number ("500 employees": another company's
staff), as an abbreviation defined in parentheses ("points of contact (POC)"), in code, link
targets or HTML. Terms named in `ignore` are not matched.

By default only job-family pages are checked (what the handbook's CI job checked); set `pages`
to `all` for every page. A page on the skip list (`data/inclusiveness_check.yml`) gets no
inclusive-language finding.

## Why is this bad?
The handbook keeps this list because the words exclude people or confuse readers ("Employees":
GitLab also has contractors). Its CI job fails a job-family page that uses one.

## Example
```markdown
* Partner with employees across the company on a tight deadline.
```

## Use instead
```markdown
* Partner with team members across the company on a tight due date.
```

## Known limits
The list names meanings, and a literal match cannot always tell them apart: "resources" as
material rather than people, "training" as an activity rather than the name of a document. The
default `ignore` leaves out the list's terms whose common use on job-family pages is not the
misuse the list means, read hit by hit on the corpus: Community ("partner community",
"community programs"), Deprecate (its own reason says it is at times the right word),
Elasticsearch (the technology a requirement names), FAQ, High Availability (the engineering
property), International, Learning, Playbook, Portal, Resources, Search, Training. Set
`ignore = []` under `[rules.IL004]` to match them all.

On the corpus's job-family pages (skip list left out) the rule gives 149 findings; 30 of them,
read one by one, are all what the list asks to avoid ("meet deadlines", "new employees",
"Sprint plans"). With `pages = "all"` it is less precise: legal and benefits pages use
"employees" as the legal term, finance procedures name "Zuora" the tool they use. "Middleman"
written alone with a capital (the static site generator) is still reported when it is not in a
list of names.
"#,
    severity: Severity::Error,
    fix: false,
    params: &[PAGES, IGNORE],
};

/// Terms of the list whose everyday sense on job-family pages is not the misuse the list means,
/// read hit by hit on the corpus: the list means "Learning", "Training", "Playbook" and "FAQ" as
/// names of documents ("Call it Contract Negotiation Handbook instead of … Playbook"), not the
/// activity; "Resources" as a word for people, not material; "Search" and "Elasticsearch" as
/// names of GitLab features, not the technology a requirement names; "Portal" the customer
/// portal; "International" for non-US; "High Availability" for GitLab's reference
/// architectures, not the engineering property; "Community" for people outside GitLab, where
/// job-family pages mostly write "partner community", "community programs", "online community";
/// "Deprecate", whose own reason says it is at times the right word.
const IGNORE: Param = Param::strings(
    "ignore",
    &[
        "Community",
        "Deprecate",
        "Elasticsearch",
        "FAQ",
        "High Availability",
        "International",
        "Learning",
        "Playbook",
        "Portal",
        "Resources",
        "Search",
        "Training",
    ],
    "terms of the list not to match (as the list writes them, any case)",
);

/// "500 employees": a count of another organization's staff, not a name for GitLab's people.
fn counted(text: &str, start: usize) -> bool {
    text[..start].trim_end_matches(' ').ends_with(|c: char| c.is_ascii_digit())
}

/// "points of contact (POC)": the abbreviation defined right after what it stands for.
fn defined_abbreviation(text: &str, start: usize, end: usize) -> bool {
    text[..start].ends_with('(') && text[end..].starts_with(')') && text[start..end].chars().all(|c| !c.is_lowercase())
}

/// The rule with the terms of one repository's list (none for the built-in instance).
pub struct MisusedTerm {
    matcher: Option<TermMatcher>,
}

/// The built-in instance: no list, no terms.
pub static NO_TERMS: MisusedTerm = MisusedTerm { matcher: None };

impl MisusedTerm {
    /// The rule for a list's entries; an error when its terms cannot be compiled together.
    pub fn from_entries(entries: &[TermEntry]) -> Result<MisusedTerm, String> {
        Ok(MisusedTerm { matcher: TermMatcher::new(entries)? })
    }

    /// How many literal terms the rule matches.
    pub fn term_count(&self) -> usize {
        self.matcher.as_ref().map_or(0, TermMatcher::term_count)
    }
}

impl Rule for MisusedTerm {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        let Some(matcher) = &self.matcher else { return };
        if !page_scope::applies(page, params) {
            return;
        }
        let ignored = params.strings(&IGNORE).unwrap_or(&[]);
        for segment in page_scope::prose_segments(page) {
            let text = page.slice(segment);
            for found in matcher.find_in(text) {
                let (start, end) = (found.start, found.end);
                if ignored.iter().any(|t| t.eq_ignore_ascii_case(found.term))
                    || is_embedded(text, start, end)
                    || is_quoted(text, start)
                    || inside_allowed(text, start, end, &found.entry.allowed)
                    || page_scope::in_title_case_name(text, start, end)
                    || (!starts_sentence(page.source.text.as_str(), segment.start + start)
                        && page_scope::in_list_of_names(text, start, end))
                    || counted(text, start)
                    || defined_abbreviation(text, start, end)
                {
                    continue;
                }
                let written = text[start..end].split_whitespace().collect::<Vec<_>>().join(" ");
                let span = Span::new(segment.start + start, segment.start + end);
                let diagnostic = out.report(span, format!("'{written}' is on the handbook's list of misused terms"));
                let suggestion = match found.entry.use_instead.as_slice() {
                    [] => String::new(),
                    items => format!(
                        "use {} instead",
                        items.iter().map(|i| format!("\"{i}\"")).collect::<Vec<_>>().join(" or ")
                    ),
                };
                let help = match (suggestion.is_empty(), found.entry.reason.is_empty()) {
                    (true, true) => "rephrase without it (see data/misused_terms.yml)".to_string(),
                    (false, true) => suggestion,
                    (true, false) => found.entry.reason.clone(),
                    (false, false) => format!("{suggestion}: {}", found.entry.reason),
                };
                diagnostic.help(help);
            }
        }
    }
}

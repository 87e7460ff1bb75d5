//! IL005 fixed-mindset-language: more fixed-mindset than growth-mindset words on a page, the
//! verdict the handbook's CI job failed a job-family page on.

use super::coded::{self, CodedWord, Lexicon, ScanOptions};
use super::mindset_words::{FIXED_MINDSET, GROWTH_MINDSET};
use super::page_scope;
use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};
use std::sync::LazyLock;

pub static META: RuleMeta = RuleMeta {
    code: "IL005",
    name: "fixed-mindset-language",
    group: Group::Inclusive,
    summary: "a job-family page uses more fixed-mindset words (\"proven\", \"gifted\") than growth-mindset words (\"learn\", \"grow\")",
    docs: r#"## What it does
Counts the page's fixed-mindset words (ability as innate: "brilliant", "genius", "gifted",
"innate", "talented", "exceptional", "proven") and growth-mindset words (ability as grown:
"learn", "grow", "improve", "evolve", "curious", "curiosity", "adapt", and the words these stems
begin, such as "learning", "growth", "improvement") and reports the page when the fixed words
outnumber the growth words, with both counts, the words, and every coded word marked. The
GitLab handbook's CI job failed a job-family page on this verdict ("Fixed coded words used:
established").

The idea is Carol Dweck's (fixed and growth mindsets: Mueller & Dweck 1998, *Journal of
Personality and Social Psychology* 75(1); Dweck 2006, *Mindset*), applied to job posts by
Textio, whose post on growth-mindset language the handbook's check linked. The handbook's check
used the `linter` Ruby gem, whose word list is not published outside the gem, so this list is
hblint's own and short on purpose:

| word | matches | source |
|---|---|---|
| brilliant | brilliant, brilliance | Leslie, Cimpian et al. 2015 (*Science* 347); Textio |
| genius | genius, geniuses | Leslie, Cimpian et al. 2015; Textio |
| gifted | the word only | Dweck 2006; Textio |
| innate | innate, innately | Dweck's definition of the fixed mindset |
| talented | the word only | Mueller & Dweck 1998 (praise for talent) |
| exceptional | exceptional, exceptionally | Textio |
| proven | the word only | Textio ("proven track record") |
| learn | learn, learning, learner | Dweck 2006; Textio |
| grow | grow, growing, growth | Dweck 2006; Textio |
| improv | improve, improvement | Dweck 2006; Textio |
| evolv | evolve, evolving | Textio |
| curious, curiosity | the words only | Textio |
| adapt | adapt, adaptable | Dweck 2006 |

"Textio" means the words its public posts on mindset language in job posts give as examples.
Left out, because on the corpus they mostly describe things, not people: "established"
("established SLAs"), "natural" ("natural language processing"), "develop" ("developer"),
"talent" ("talent acquisition"), "smart", "intelligent" ("business intelligence").

Words are compared ignoring case, but a capitalized word in mid-sentence is read as a name ("the
Growth team") and not counted; headings are not counted (they hold titles). Only prose counts:
code, HTML, link URLs and front matter do not. By default the rule checks job-family pages; set
`pages = "all"` to check every page. `IL006` marks each word for the editor.

## Why is this bad?
Wording that prizes innate talent tells candidates the team hires for what people are, not for
what they can learn: Textio reports that job posts written with growth-mindset language fill
faster and draw more candidates from underrepresented groups, and fields that prize "brilliance"
have fewer women (Leslie, Cimpian et al. 2015, *Science* 347).

## Example
```markdown
- A proven, exceptional and talented engineer
- Eager to learn
```

## Use instead
```markdown
- An engineer with experience shipping distributed systems
- Eager to learn and to grow the team's skills
```

## Known limits
A fixed-mindset word counts whoever it describes: "you will work with an exceptional
Professional Services organization" and "an organization that has a proven track record" count
as much as "proven ability" does, since they too tell candidates what the team prizes. Of the 11
pages the rule reports on the job-family corpus (all read), every one uses "proven",
"exceptional", "talented" or "innate" more often than growth wording.

The list is written for job ads. With `pages = "all"` on the whole handbook corpus the rule
reports 46 pages, mostly design documents where "a proven technology" or "exceptional cases"
describe no person: use `pages = "all"` for recruiting pages kept outside the job families, not
for every page.

The growth stems also count business growth ("revenue growth", "process improvements", "a
growing team"): that makes the verdict more lenient, never stricter.
"#,
    severity: Severity::Error,
    fix: false,
    params: &[page_scope::PAGES],
};

/// Fixed-mindset words outnumber growth-mindset ones.
pub struct FixedMindsetLanguage;

static FIXED: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::new(FIXED_MINDSET.iter().copied()));
static GROWTH: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::new(GROWTH_MINDSET.iter().copied()));

/// The page's mindset-coded words, as IL005 and IL006 read them.
pub(super) fn mindset_coded_words(page: &Page<'_>) -> Vec<CodedWord> {
    coded::scan(page, &FIXED, &GROWTH, ScanOptions { ignore_case: true, skip_headings: true })
}

impl Rule for FixedMindsetLanguage {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        if !page_scope::applies(page, params) {
            return;
        }
        let found = mindset_coded_words(page);
        let verdict = coded::Verdict {
            flagged: "fixed-mindset",
            balancing: "growth-mindset",
            help: "describe what the person will do and learn rather than what they innately are (\"proven track \
             record\" → \"experience with\", \"exceptional\" → what good work looks like); see `hblint explain IL005` \
             for the word list and its sources",
        };
        coded::report_verdict(page, &found, &verdict, out);
    }
}

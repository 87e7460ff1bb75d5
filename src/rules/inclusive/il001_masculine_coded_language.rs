//! IL001 masculine-coded-language: the page verdict of gender-decoder, as the handbook's CI job
//! failed a job-family page on it.

use super::coded::{self, CodedWord, Lexicon, ScanOptions};
use super::coded_words::{FEMININE_CODED, MASCULINE_CODED};
use super::page_scope;
use crate::page::Page;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};
use std::sync::LazyLock;

/// Compare ignoring case (as the handbook's Ruby gem did), instead of as gender-decoder does.
pub const IGNORE_CASE: Param = Param::boolean(
    "ignore_case",
    false,
    "count capitalized words at the start of a sentence too (\"Lead the team\"), leaving out \
     headings and mid-sentence names; off: compare case-sensitively, as gender-decoder does",
);

pub static META: RuleMeta = RuleMeta {
    code: "IL001",
    name: "masculine-coded-language",
    group: Group::Inclusive,
    summary: "a job-family page uses more masculine-coded than feminine-coded words (Gaucher, Friesen & Kay 2011)",
    docs: r#"## What it does
Counts the page's masculine-coded and feminine-coded words and reports the page when the
masculine-coded ones outnumber the feminine-coded ones, with both counts, the words, and every
coded word marked where it stands. This is the verdict of the gender-decoder tool ("masculine-coded"
or "strongly masculine-coded"), which the GitLab handbook's CI job failed a job-family page on.

The words are the stems of Gaucher, D., Friesen, J., & Kay, A. C. (2011). Evidence that gendered
wording in job advertisements exists and sustains gender inequality. *Journal of Personality and
Social Psychology*, 101(1), 109–128; the list is the one the public gender-decoder tool publishes
(PyPI package `genderdecoder` 0.3, `wordlists.py`), copied entry for entry. A stem codes every
word it begins: "lead" codes "leader" and "leadership", "analy" codes "analyst" and "analytical",
"respon" codes "responsible", "collab" codes "collaborate". Words are compared as gender-decoder
compares them, case-sensitively ("Lead" at the start of a sentence does not count; set
`ignore_case = true` to count it, as the handbook's Ruby gem did: headings, which hold section
names such as "Responsibilities", and capitalized words in mid-sentence, which are names such as
"the Support team", are then left out), and a hyphenated word is one word ("team-leader" does not
start with "lead").

Only prose counts: code spans and blocks, HTML, link URLs and front matter do not. By default the
rule checks job-family pages; set `pages = "all"` to check every page. `IL002` marks each coded
word for the editor.

## Why is this bad?
Gaucher, Friesen & Kay found that job ads worded with more masculine-coded words make the job less
appealing to women, who then feel they belong less in it, while the wording hardly changes how
appealing the job is to men. The handbook fails a job-family merge request on it.

## Example
```markdown
## Requirements
- A driven, competitive leader who is decisive and independent
- Collaborate with the team
```
(5 masculine-coded words against 1 feminine-coded word.)

## Use instead
```markdown
## Requirements
- You guide the team and make sound choices on your own
- Collaborate with the team and support its members
```

## Known limits
Agreement with gender-decoder's own `assess`, fed the raw text of each of the 195 pages of the
job-family corpus (`scripts/compare-gender-decoder.py`, checked by `tests/gender_decoder.rs`,
which requires 97%): the verdicts agree on 194 pages (99.5%). The one disagreement is
`engineering/development/management/senior-manager`: "[individual's performance](…)" is link
text, a masculine-coded word to hblint, while gender-decoder, reading raw Markdown, sees the
token "[individual's", which starts with no stem; hblint says 4 to 3, gender-decoder 3 to 3.

Other differences, which change no verdict on the corpus, come from what gender-decoder reads
that is not prose: words in front matter (`description:`), link targets and HTML attributes, and
words glued to Markdown markup (`**lead**` is the token "**lead**" to it, the word "lead" to
hblint); and from words it counts once per matching stem ("interpersonal" and "dominant" twice),
which hblint counts once.

A stem matches words the research did not mean: "support" in "Support Engineer", "depend" in
"dependencies", "commit" in Git "commits", "individual" in "individual contributor", "compet" in
"competencies". hblint keeps the published list as it is, so that its verdict stays the one the
handbook knows; read the marked words before rewording. The research is about job ads: with
`pages = "all"`, 1,338 pages of the handbook corpus are masculine-coded ("decision", "analysis"
and "lead" run through engineering documents), as gender-decoder would say too.
"#,
    severity: Severity::Error,
    fix: false,
    params: &[page_scope::PAGES, IGNORE_CASE],
};

/// Masculine-coded words outnumber feminine-coded ones.
pub struct MasculineCodedLanguage;

pub(super) static MASCULINE: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::of_stems(MASCULINE_CODED));
pub(super) static FEMININE: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::of_stems(FEMININE_CODED));

/// The page's gender-coded words, as IL001 and IL002 read them with `params`.
pub(super) fn gender_coded_words(page: &Page<'_>, params: &Params) -> Vec<CodedWord> {
    // Ignoring case would count the template's section names ("Responsibilities") on every
    // page: headings are then left out, as the mindset rules leave them out.
    let ignore_case = params.flag(&IGNORE_CASE);
    let options = ScanOptions { ignore_case, skip_headings: ignore_case };
    coded::scan(page, &MASCULINE, &FEMININE, options)
}

impl Rule for MasculineCodedLanguage {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        if !page_scope::applies(page, params) {
            return;
        }
        let found = gender_coded_words(page, params);
        let verdict = coded::Verdict {
            flagged: "masculine-coded",
            balancing: "feminine-coded",
            help: "reword some masculine-coded words with neutral or feminine-coded ones (\"lead\" → \"guide\", \
             \"driven\" → \"motivated\", \"analytical\" → \"thoughtful\"); the words are the stems of Gaucher, \
             Friesen & Kay (2011) as gender-decoder publishes them (see `hblint explain IL001`)",
        };
        coded::report_verdict(page, &found, &verdict, out);
    }
}

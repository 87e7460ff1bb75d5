//! IL002 gender-coded-word: each masculine- or feminine-coded word, for the editor.

use super::coded::Side;
use super::il001_masculine_coded_language::{IGNORE_CASE, gender_coded_words};
use super::page_scope;
use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};

pub static META: RuleMeta = RuleMeta {
    code: "IL002",
    name: "gender-coded-word",
    group: Group::Inclusive,
    summary: "a masculine- or feminine-coded word (Gaucher, Friesen & Kay 2011), marked for the editor",
    docs: r#"## What it does
Marks every masculine-coded and feminine-coded word of the page, at information level, so an
editor shows where the words that `IL001` (masculine-coded-language) counts stand while the page
is written. The words and the way they are matched are IL001's: the stems of Gaucher, D.,
Friesen, J., & Kay, A. C. (2011). Evidence that gendered wording in job advertisements exists and
sustains gender inequality. *Journal of Personality and Social Psychology*, 101(1), 109–128, as
the gender-decoder tool publishes them (PyPI `genderdecoder` 0.3, `wordlists.py`); see
`hblint explain IL001`.

**Off unless selected** (`--select IL002`, `--select inclusive`, or `select` in `hblint.toml`): a
job-family page holds dozens of coded words, and one finding per word would bury the other
findings of a default run. The page verdict, IL001, is on by default.

## Why is this bad?
A coded word is not wrong by itself: the balance of the page is what matters (IL001). Seeing the
words helps to keep that balance while writing: replace a few masculine-coded words, or add
communal wording where it is true of the role.

## Example
```markdown
- A driven leader
```

## Use instead
```markdown
- A motivated person who guides the team
```

## Known limits
A stem matches words the research did not mean ("support" in "Support Engineer", "depend" in
"dependencies", "commit" in Git "commits"); see IL001's docs.
"#,
    severity: Severity::Info,
    fix: false,
    params: &[page_scope::PAGES, IGNORE_CASE],
};

/// A masculine- or feminine-coded word.
pub struct GenderCodedWord;

impl Rule for GenderCodedWord {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        if !page_scope::applies(page, params) {
            return;
        }
        for word in gender_coded_words(page, params) {
            let text = page.slice(word.span);
            let (coding, help) = match word.side {
                Side::Flagged => (
                    "masculine-coded",
                    "masculine-coded words are weighed against feminine-coded ones on the page (IL001); \
                     a neutral word keeps the balance",
                ),
                Side::Balancing => (
                    "feminine-coded",
                    "feminine-coded words balance masculine-coded ones on the page (IL001); no change needed",
                ),
            };
            out.report(word.span, format!("'{text}' is {coding} (stem '{}')", word.entry)).help(help);
        }
    }
}

//! IL006 mindset-coded-word: each fixed-mindset word, for the editor.

use super::coded::Side;
use super::il005_fixed_mindset_language::mindset_coded_words;
use super::page_scope;
use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};

pub static META: RuleMeta = RuleMeta {
    code: "IL006",
    name: "mindset-coded-word",
    group: Group::Inclusive,
    summary: "a fixed-mindset word (\"proven\", \"gifted\", \"exceptional\"), marked for the editor",
    docs: r#"## What it does
Marks every fixed-mindset word of the page ("proven", "gifted", "exceptional", …) at
information level, so an editor shows the words that `IL005` (fixed-mindset-language) counts
against the page while it is written. The word list, its sources and the way words are matched
are IL005's: see `hblint explain IL005`.

Growth-mindset words are not marked one by one: on job-family pages most of them are about the
business, not about people ("revenue growth", "process improvements", "a growing team"). They
still balance the fixed words in IL005's verdict, which makes it more lenient, not stricter, and
IL005 labels them.

**Off unless selected** (`--select IL006`, `--select inclusive`, or `select` in `hblint.toml`):
one finding per word would bury the other findings of a default run. The page verdict, IL005,
is on by default.

## Why is this bad?
A single word is not wrong: the balance of the page is (IL005). Seeing the fixed-mindset words
while writing helps to describe what a person does and learns instead of what they innately are.

## Example
```markdown
- A proven engineer
```

## Use instead
```markdown
- An engineer who has shipped and keeps learning
```
"#,
    severity: Severity::Info,
    fix: false,
    params: &[page_scope::PAGES],
};

/// A fixed- or growth-mindset word.
pub struct MindsetCodedWord;

impl Rule for MindsetCodedWord {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        if !page_scope::applies(page, params) {
            return;
        }
        let help = "fixed-mindset words are weighed against growth-mindset ones on the page (IL005); say what \
                    the person does or learns instead (\"proven track record\" → \"experience with\")";
        for word in mindset_coded_words(page).into_iter().filter(|w| w.side == Side::Flagged) {
            let text = page.slice(word.span);
            out.report(word.span, format!("'{text}' is a fixed-mindset word")).help(help);
        }
    }
}

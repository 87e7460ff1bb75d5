//! IL006 mindset-coded-word: each fixed- or growth-mindset word, for the editor.

use super::coded::{self, Side};
use super::fixed_mindset_language::mindset_coded_words;
use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};

pub static META: RuleMeta = RuleMeta {
    code: "IL006",
    name: "mindset-coded-word",
    group: Group::Inclusive,
    summary: "a fixed-mindset or growth-mindset word, marked for the editor",
    docs: r#"## What it does
Marks every fixed-mindset word ("proven", "gifted", "exceptional", …) and growth-mindset word
("learn", "grow", "improve", …) of the page at information level, so an editor shows where the
words that `IL005` (fixed-mindset-language) counts stand. The word list, its sources and the
way words are matched are IL005's: see `hblint explain IL005`.

**Off unless selected** (`--select IL006`, `--select inclusive`, or `select` in `hblint.toml`):
one finding per word would bury the other findings of a default run. The page verdict, IL005,
is on by default.

## Why is this bad?
A single word is not wrong: the balance of the page is (IL005). Seeing the words helps keep it.

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
    params: &[coded::PAGES],
};

/// A fixed- or growth-mindset word.
pub struct MindsetCodedWord;

impl Rule for MindsetCodedWord {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        if !coded::applies(page, params) {
            return;
        }
        for word in mindset_coded_words(page) {
            let text = page.slice(word.span);
            let (coding, help) = match word.side {
                Side::Flagged => (
                    "a fixed-mindset word",
                    "fixed-mindset words are weighed against growth-mindset ones on the page (IL005); \
                     say what the person does or learns instead",
                ),
                Side::Balancing => (
                    "a growth-mindset word",
                    "growth-mindset words balance fixed-mindset ones on the page (IL005); no change needed",
                ),
            };
            out.report(word.span, format!("'{text}' is {coding}")).help(help);
        }
    }
}

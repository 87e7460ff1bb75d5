//! MD040 fenced-code-language.

use super::lines::fence_info;
use crate::page::Page;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;

const ALLOWED_LANGUAGES: Param =
    Param::strings("allowed_languages", &[], "the languages a fence may name (case-sensitive); empty: any");
const LANGUAGE_ONLY: Param =
    Param::boolean("language_only", false, "report info strings that hold more than the language");

pub static META: RuleMeta = RuleMeta {
    code: "MD040",
    name: "fenced-code-language",
    group: Group::Markdown,
    summary: "fenced code blocks should have a language specified",
    docs: r#"## What it does
markdownlint's MD040: a fenced code block without a language after its opening fence.
With `allowed_languages` (a list, empty by default), a language not on the list, compared as
written (`JS` is not `js`). With `language_only = true`, an info string that holds more than the
language (`ruby startline=3`, `js title="x"`); as in markdownlint, spaces after the language
alone do not count, though markdownlint's documentation says they do.

## Why is this bad?
Without a language the block gets no syntax highlighting, and readers must guess what it holds.

## Example
````markdown
```
git status
```
````

## Use instead
````markdown
```shell
git status
```
````
"#,
    severity: Severity::Warning,
    fix: false,
    params: &[ALLOWED_LANGUAGES, LANGUAGE_ONLY],
};

/// Fenced code without a language.
pub struct FencedCodeLanguage;

impl Rule for FencedCodeLanguage {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        let allowed = params.strings(&ALLOWED_LANGUAGES).unwrap_or_default();
        let language_only = params.flag(&LANGUAGE_ONLY);
        for block in page.markdown.code_blocks.iter().filter(|b| b.fenced) {
            let first_line = page.slice(block.span).lines().next().unwrap_or("");
            let span = Span::new(block.span.start, block.span.start + first_line.len());
            let (language, more) = fence_info(first_line);
            if !block.has_info || language.is_empty() {
                out.report(span, "fenced code block without a language")
                    .help("name the language after the opening fence, e.g. ```shell");
                continue;
            }
            if !allowed.is_empty() && !allowed.iter().any(|a| a == language) {
                out.report(span, format!("fenced code block language '{language}' is not allowed"))
                    .help(format!("use one of the allowed languages: {}", allowed.join(", ")));
            }
            if language_only && more {
                let info = first_line.trim();
                out.report(span, format!("info string '{info}' holds more than the language"))
                    .help(format!("leave only the language after the fence: {language}"));
            }
        }
    }
}

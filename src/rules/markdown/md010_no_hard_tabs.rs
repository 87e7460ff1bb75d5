//! MD010 no-hard-tabs.

use super::html::{hidden_comments, in_hidden_comment};
use super::lines::{body_lines, fence_info, line_flags, line_range, mark_code_lines};
use crate::diagnostic::Edit;
use crate::page::Page;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;

const CODE_BLOCKS: Param = Param::boolean("code_blocks", true, "check code blocks and code spans too");
const IGNORE_CODE_LANGUAGES: Param = Param::strings(
    "ignore_code_languages",
    &[],
    "fenced code languages whose blocks are not checked (ignoring case), with `code_blocks`",
)
.keeping_non_strings();
const SPACES_PER_TAB: Param = Param::width("spaces_per_tab", 1, "the spaces a fix writes for each tab");

pub static META: RuleMeta = RuleMeta {
    code: "MD010",
    name: "no-hard-tabs",
    group: Group::Markdown,
    summary: "hard tabs",
    docs: r#"## What it does
markdownlint's MD010: tab characters, in code blocks and code spans too unless
`code_blocks = false`. `ignore_code_languages` lists languages (compared ignoring case) whose
fenced blocks may hold tabs; as in markdownlint, once that list is not empty a fenced block
without a language is not checked either. The fix replaces each tab with `spaces_per_tab`
spaces (default 1).

Tabs inside HTML comments are not reported: markdownlint hides the text of comments from its
line rules (an inline comment only when it is valid CommonMark: no `--` inside), though the
tab is in the file.

## Why is this bad?
Tabs render at different widths in different editors and break list and code indentation.

## Example
```markdown
*→Item
```

## Use instead
```markdown
* Item
```
"#,
    severity: Severity::Warning,
    fix: true,
    params: &[CODE_BLOCKS, IGNORE_CODE_LANGUAGES, SPACES_PER_TAB],
};

/// Tab characters.
pub struct NoHardTabs;

impl Rule for NoHardTabs {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        let spaces = params.int(&SPACES_PER_TAB) as usize;
        let code_blocks = params.flag(&CODE_BLOCKS);
        let mut in_code = line_flags(page);
        let mut code_spans: &[Span] = &[];
        if !code_blocks {
            mark_code_lines(page, &mut in_code, false);
            code_spans = &page.markdown.code_spans;
        } else if let Some(ignored) = params.strings(&IGNORE_CODE_LANGUAGES).filter(|l| !l.is_empty()) {
            for block in page.markdown.code_blocks.iter().filter(|b| b.fenced) {
                let first_line = page.slice(block.span).lines().next().unwrap_or("");
                let language = fence_info(first_line).0;
                // markdownlint checks every info string of the block is ignored: none is.
                if language.is_empty() || ignored.iter().any(|i| i.eq_ignore_ascii_case(language)) {
                    let (first, last) = line_range(page, block.span);
                    in_code[first + 1..last.max(first + 1)].fill(true);
                }
            }
        }
        let hidden = hidden_comments(page);
        for line in body_lines(page) {
            if in_code[line.number] || !line.text.contains('\t') {
                continue;
            }
            let bytes = line.text.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                if bytes[i] != b'\t' {
                    i += 1;
                    continue;
                }
                let start = i;
                while i < bytes.len() && bytes[i] == b'\t' {
                    i += 1;
                }
                let span = Span::new(line.start + start, line.start + i);
                if in_hidden_comment(&hidden, span.start)
                    || code_spans.iter().any(|c| c.start <= span.start && span.start < c.end)
                {
                    continue;
                }
                let column = line.text[..start].chars().count() + 1;
                out.report(span, format!("hard tab at column {column}"))
                    .help("indent with spaces")
                    .fix(vec![Edit { span, replacement: " ".repeat((i - start) * spaces) }]);
            }
        }
    }
}

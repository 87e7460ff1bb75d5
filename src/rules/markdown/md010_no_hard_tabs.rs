//! MD010 no-hard-tabs.

use super::lines::{body_lines, line_flags, mark_code_lines};
use crate::diagnostic::Edit;
use crate::page::Page;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;

const CODE_BLOCKS: Param = Param::boolean("code_blocks", true, "check the lines of code blocks too");
const SPACES_PER_TAB: Param = Param::width("spaces_per_tab", 1, "the spaces a fix writes for each tab");

pub static META: RuleMeta = RuleMeta {
    code: "MD010",
    name: "no-hard-tabs",
    group: Group::Markdown,
    summary: "hard tabs",
    docs: r#"## What it does
markdownlint's MD010: tab characters, in code blocks too unless `code_blocks = false`. The fix
replaces each tab with `spaces_per_tab` spaces (default 1). Parameters: `code_blocks`,
`spaces_per_tab`.

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
    params: &[CODE_BLOCKS, SPACES_PER_TAB],
};

/// Tab characters.
pub struct NoHardTabs;

impl Rule for NoHardTabs {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        let spaces = params.int(&SPACES_PER_TAB) as usize;
        let mut in_code = line_flags(page);
        if !params.flag(&CODE_BLOCKS) {
            mark_code_lines(page, &mut in_code, false);
        }
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
                let column = line.text[..start].chars().count() + 1;
                out.report(span, format!("hard tab at column {column}"))
                    .help("indent with spaces")
                    .fix(vec![Edit { span, replacement: " ".repeat((i - start) * spaces) }]);
            }
        }
    }
}

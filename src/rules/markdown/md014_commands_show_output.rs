//! MD014 commands-show-output.

use super::lines::{line_range, lines_by_number};
use crate::diagnostic::Edit;
use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;
use regex::Regex;
use std::sync::LazyLock;

pub static META: RuleMeta = RuleMeta {
    code: "MD014",
    name: "commands-show-output",
    group: Group::Markdown,
    summary: "dollar signs used before commands without showing output",
    docs: r#"## What it does
markdownlint's MD014: a code block in which every line is a command after a `$` prompt, with no
output shown. The fix removes the prompts.

**Differences from markdownlint.** None on the GitLab handbook. micromark splits an indented
code block in two after an empty block quote line (`>`), which comrak keeps as one.

## Why is this bad?
Without output the `$` tells the reader nothing, and it gets in the way of copying the commands.

## Example
```markdown
    $ git status
    $ git diff
```

## Use instead
```markdown
    git status
    git diff
```
"#,
    severity: Severity::Warning,
    fix: true,
    params: &[],
};

/// Commands after `$` with no output.
pub struct CommandsShowOutput;

static DOLLAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\s*)(\$\s+)").expect("valid"));

impl Rule for CommandsShowOutput {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, _params: &Params, out: &mut Sink<'_>) {
        let lines = lines_by_number(page);
        'blocks: for block in &page.markdown.code_blocks {
            if !block.literal.contains('$') {
                continue;
            }
            let (first, _) = line_range(page, block.span);
            let first_content = if block.fenced { first + 1 } else { first };
            let mut prompts = Vec::new();
            for (i, code) in block.literal.lines().enumerate() {
                if code.is_empty() {
                    continue;
                }
                let Some(found) = DOLLAR.captures(code) else { continue 'blocks };
                let number = first_content + i;
                // The code line is the end of its source line (container prefixes and the code
                // indentation come before it).
                let Some(source) = lines.get(number).copied().flatten() else { continue 'blocks };
                let Some(code_start) = source.len().checked_sub(code.len()).filter(|&s| source[s..] == *code) else {
                    continue 'blocks;
                };
                let at = page.lines.line_start(number - 1) + code_start + found[1].len();
                prompts.push((Span::new(at, at + found[2].len()), code[found[0].len()..].trim()));
            }
            for (span, command) in prompts {
                out.report(span, format!("'$' before the command '{command}' with no output shown"))
                    .help("remove the '$' prompts, or show the commands' output")
                    .fix(vec![Edit { span, replacement: String::new() }]);
            }
        }
    }
}

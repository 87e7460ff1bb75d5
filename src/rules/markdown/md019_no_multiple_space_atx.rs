//! MD019 no-multiple-space-atx.

use crate::diagnostic::Edit;
use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;

pub static META: RuleMeta = RuleMeta {
    code: "MD019",
    name: "no-multiple-space-atx",
    group: Group::Markdown,
    summary: "multiple spaces after hash on atx style heading",
    docs: r##"## What it does
markdownlint's MD019: more than one space between the `#` characters of an ATX heading and its
text (closed headings, `# Title #`, are MD021's). An empty heading with spaces after its `#`
(`#  `) is reported too, as markdownlint does: CommonMark reads it as an empty heading, and the
spaces are still more than one.

## Why is this bad?
Extra spaces are invisible in the output and inconsistent in the source.

## Example
```markdown
##  Heading
```

## Use instead
```markdown
## Heading
```
"##,
    severity: Severity::Warning,
    fix: true,
    params: &[],
};

/// "##  Heading".
pub struct NoMultipleSpaceAtx;

impl Rule for NoMultipleSpaceAtx {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, _params: &Params, out: &mut Sink<'_>) {
        let text = page.source.text.as_str();
        // An empty heading ("#  ") counts too: markdownlint measures the whitespace after its `#`.
        for heading in page.headings.iter().filter(|h| !h.setext) {
            let source = &text[heading.span.start..heading.span.end];
            let first_line = source.lines().next().unwrap_or("");
            let body = first_line.trim_start_matches([' ', '\t']);
            let indent = first_line.len() - body.len();
            let hashes = body.bytes().take_while(|&b| b == b'#').count();
            let rest = &body[hashes..];
            let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            // A closed heading ("# Title #") is MD021's.
            let closed = first_line.trim_end().ends_with('#') && first_line.trim_end().len() > indent + hashes;
            if gap <= 1 || closed {
                continue;
            }
            let start = heading.span.start + indent + hashes;
            let extra = Span::new(start + 1, start + gap);
            out.report(extra, format!("{gap} spaces after '{}' in heading", &body[..hashes]))
                .help("use one space after the '#' characters")
                .fix(vec![Edit { span: extra, replacement: String::new() }]);
        }
    }
}

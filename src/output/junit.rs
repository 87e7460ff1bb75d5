//! JUnit XML as GitLab's test report reads it: one test case per rule per file (named by the
//! rule, class named by the file, with a `file` attribute), failing with the list of findings;
//! a clean file is one passing test case. The format is a few elements with escaped attributes,
//! written directly.

use super::FileFindings;
use std::collections::BTreeMap;

/// Escapes text for an XML attribute or element, dropping characters XML 1.0 cannot hold.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

pub fn render(files: &[FileFindings<'_>]) -> String {
    let mut cases = String::new();
    let (mut tests, mut failures) = (0usize, 0usize);
    for file in files {
        let path = escape(&file.path);
        if file.diagnostics.is_empty() {
            tests += 1;
            cases.push_str(&format!("    <testcase name=\"hblint\" classname=\"{path}\" file=\"{path}\"/>\n"));
            continue;
        }
        let mut by_rule: BTreeMap<&str, Vec<_>> = BTreeMap::new();
        for d in file.diagnostics {
            by_rule.entry(d.diagnostic.rule.code).or_default().push(d);
        }
        for (code, found) in by_rule {
            tests += 1;
            failures += 1;
            let rule = found[0].diagnostic.rule;
            let count = found.len();
            let summary = format!("{count} finding{}", if count == 1 { "" } else { "s" });
            let mut body = String::new();
            for d in &found {
                body.push_str(&format!(
                    "{}:{}:{}: {} {}\n",
                    file.path, d.start.line, d.start.column, code, d.diagnostic.message
                ));
                if let Some(help) = &d.diagnostic.help {
                    body.push_str(&format!("  help: {help}\n"));
                }
            }
            cases.push_str(&format!(
                "    <testcase name=\"{code} {}\" classname=\"{path}\" file=\"{path}\" line=\"{}\">\n      <failure message=\"{}\" type=\"{code}\">{}</failure>\n    </testcase>\n",
                escape(rule.name),
                found[0].start.line,
                escape(&summary),
                escape(&body)
            ));
        }
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"hblint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">\n  <testsuite name=\"hblint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">\n{cases}  </testsuite>\n</testsuites>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}

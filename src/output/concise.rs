//! Concise output: `path:line:col: CODE message`, one a line, for editors and grep.

use super::FileFindings;

pub fn render(files: &[FileFindings<'_>]) -> String {
    let mut out = String::new();
    for file in files {
        for d in file.diagnostics {
            let message = d.diagnostic.message.replace('\n', " ");
            out.push_str(&format!(
                "{}:{}:{}: {} {message}\n",
                file.path, d.start.line, d.start.column, d.diagnostic.rule.code
            ));
        }
    }
    out
}

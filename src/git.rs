//! What a change touched, from git: the Markdown files changed since the merge-base of a
//! revision and HEAD (the work not committed yet included), and the lines each change added.
//! Runs the `git` command (what every CI image has) at the repository root, with options that
//! make its output the same whatever the user's git configuration says.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The lines a change added or rewrote, per repository-relative path.
pub type TouchedLines = HashMap<String, BTreeSet<usize>>;

/// The files a change touched and the lines in them.
#[derive(Debug, Default)]
pub struct Change {
    /// The repository root.
    pub root: PathBuf,
    /// The merge-base the change is measured from.
    pub base: String,
    /// Added, modified or renamed files (repository-relative, `/`-separated); deleted ones are not.
    pub files: Vec<String>,
    pub touched: TouchedLines,
    /// Files the change deleted, or renamed away (with their new path): the pages whose links
    /// elsewhere may now be broken (LK007).
    pub removed: Vec<(String, Option<String>)>,
}

/// Runs git in `dir` (the repository root once it is known), reading its output as paths that
/// match the files on disk whatever the user's configuration says.
fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        // Paths come back as they are, not octal-quoted, so they match the files on disk.
        .args(["-c", "core.quotepath=false"])
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {} (is git installed?)", crate::error::describe_io(&e)))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).trim().to_string())
    }
}

/// `git diff` with the options that make its output what `parse_touched` and the path lists
/// read, whatever the user's configuration says: fixed `a/`/`b/` prefixes (`diff.noprefix`,
/// `diff.mnemonicPrefix`), paths from the root (`diff.relative`), the file's own text rather
/// than a textconv filter's or an external tool's, no colour, and hunks never merged across
/// unchanged lines (`diff.interHunkContext`), so only added lines count as touched.
const DIFF: &[&str] = &[
    "diff",
    "--no-ext-diff",
    "--no-textconv",
    "--no-color",
    "--no-relative",
    "--src-prefix=a/",
    "--dst-prefix=b/",
    "--inter-hunk-context=0",
];

fn diff(root: &Path, args: &[&str]) -> Result<String, String> {
    let mut all: Vec<&str> = DIFF.to_vec();
    all.extend_from_slice(args);
    git(root, &all).map_err(|e| format!("git diff failed: {e}"))
}

fn shallow_hint(root: &Path) -> &'static str {
    match git(root, &["rev-parse", "--is-shallow-repository"]) {
        Ok(answer) if answer.trim() == "true" => {
            "; this clone is shallow: fetch the whole history (in GitLab CI, set the variable GIT_DEPTH: 0)"
        }
        _ => "",
    }
}

/// The root of the git repository `dir` is in.
pub fn repository_root(dir: &Path) -> Result<PathBuf, String> {
    let root = git(dir, &["rev-parse", "--show-toplevel"])?;
    Ok(PathBuf::from(root.trim()))
}

/// The change between the merge-base of `rev` and HEAD, plus the work not yet committed (staged
/// or not), as `git diff <merge-base>` shows it: what the merge request will contain once this
/// work is pushed. Untracked files are not part of it, as in `git diff`. `dir` is any folder
/// inside the repository; git runs at the repository root.
pub fn change_since(rev: &str, dir: &Path) -> Result<Change, String> {
    let root = repository_root(dir).map_err(|e| format!("--changed-since needs a git repository: {e}"))?;
    if git(&root, &["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]).is_err() {
        return Err(format!(
            "--changed-since: the repository at '{}' has no commit yet: commit once, or lint the files without --changed-since",
            root.display()
        ));
    }
    let commit = format!("{rev}^{{commit}}");
    if git(&root, &["rev-parse", "--verify", "--quiet", &commit]).is_err() {
        return Err(format!(
            "--changed-since: unknown revision '{rev}'{} (in a merge-request pipeline, fetch the target branch: git fetch origin $CI_MERGE_REQUEST_TARGET_BRANCH_NAME)",
            shallow_hint(&root)
        ));
    }
    let base = git(&root, &["merge-base", rev, "HEAD"])
        .map_err(|_| format!("--changed-since: '{rev}' and HEAD have no common ancestor here{}", shallow_hint(&root)))?
        .trim()
        .to_string();
    let names = diff(&root, &["--name-only", "-z", "--no-renames", "--diff-filter=AMR", &base])?;
    let files: Vec<String> = names.split('\0').filter(|n| !n.is_empty()).map(str::to_string).collect();
    let mut touched = TouchedLines::new();
    if !files.is_empty() {
        // Every changed file's lines, not only the pages': findings in the handbook's data files
        // (IL007 on `data/inclusiveness_check.yml`, LD003) are kept by the lines the change
        // touched too. No file names on the command line, so it stays short however many changed.
        let args = ["-U0", "--no-renames", "--diff-filter=AMR", &base];
        touched = parse_touched(&diff(&root, &args)?);
    }
    let statuses = diff(&root, &["--name-status", "-z", "-M", "--diff-filter=DR", &base])?;
    let removed = parse_removed(&statuses);
    Ok(Change { root, base, files, touched, removed })
}

/// The contents of `paths` (repository-relative) at revision `rev`, in order; `None` for a path
/// the revision does not have (a file the change added). One `git cat-file --batch` for all.
pub fn files_at(root: &Path, rev: &str, paths: &[String]) -> Result<Vec<Option<Vec<u8>>>, String> {
    use std::io::{BufRead, Read, Write};
    let mut child = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["cat-file", "--batch"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run git: {} (is git installed?)", crate::error::describe_io(&e)))?;
    // Written from a thread: git answers while it reads, and a full pipe must not stall both.
    let mut stdin = child.stdin.take().ok_or("git cat-file: no stdin")?;
    let requests: String = paths.iter().map(|p| format!("{rev}:{p}\n")).collect();
    let writer = std::thread::spawn(move || stdin.write_all(requests.as_bytes()));
    let mut stdout = std::io::BufReader::new(child.stdout.take().ok_or("git cat-file: no stdout")?);
    let mut contents = Vec::with_capacity(paths.len());
    let failed = |what: &str| format!("git cat-file --batch: {what}");
    for _ in paths {
        let mut header = String::new();
        stdout.read_line(&mut header).map_err(|e| failed(&e.to_string()))?;
        // "<object> blob <size>", or "<request> missing" / "ambiguous" for what is not there.
        let fields: Vec<&str> = header.trim_end().split(' ').collect();
        match fields.as_slice() {
            [_, "blob", size] => {
                let size: usize =
                    size.parse().map_err(|_| failed(&format!("unexpected header '{}'", header.trim_end())))?;
                let mut blob = vec![0; size + 1];
                stdout.read_exact(&mut blob).map_err(|e| failed(&e.to_string()))?;
                blob.pop();
                contents.push(Some(blob));
            }
            [.., "missing" | "ambiguous"] => contents.push(None),
            // A tree or other object where a file was: not a file at that revision.
            [_, _, size] => {
                let size: usize =
                    size.parse().map_err(|_| failed(&format!("unexpected header '{}'", header.trim_end())))?;
                std::io::copy(&mut (&mut stdout).take(size as u64 + 1), &mut std::io::sink())
                    .map_err(|e| failed(&e.to_string()))?;
                contents.push(None);
            }
            _ => return Err(failed(&format!("unexpected header '{}'", header.trim_end()))),
        }
    }
    drop(stdout);
    let _ = writer.join();
    let _ = child.wait();
    Ok(contents)
}

/// Reads `git diff --name-status -z` for deletions (`D\0path`) and renames
/// (`R100\0old\0new`): the removed path, and the new one for a rename.
pub fn parse_removed(statuses: &str) -> Vec<(String, Option<String>)> {
    let mut fields = statuses.split('\0').filter(|f| !f.is_empty());
    let mut removed = Vec::new();
    while let Some(status) = fields.next() {
        match status.as_bytes().first() {
            Some(b'D') => removed.extend(fields.next().map(|path| (path.to_string(), None))),
            Some(b'R' | b'C') => {
                let (Some(old), Some(new)) = (fields.next(), fields.next()) else { break };
                if status.starts_with('R') {
                    removed.push((old.to_string(), Some(new.to_string())));
                }
            }
            _ => {
                fields.next();
            }
        }
    }
    removed
}

/// Reads the added line ranges (`@@ -a,b +c,d @@`) of a zero-context unified diff.
pub fn parse_touched(diff: &str) -> TouchedLines {
    let mut touched = TouchedLines::new();
    let mut current: Option<String> = None;
    // File headers come between `diff --git` and the first hunk; inside hunks an added line
    // that starts with "++ " reads "+++ …" and is content, not a header.
    let mut in_header = false;
    for line in diff.lines() {
        if line.starts_with("diff --git ") {
            in_header = true;
        } else if in_header && let Some(path) = line.strip_prefix("+++ ") {
            current = header_path(path).and_then(|path| path.strip_prefix("b/").map(str::to_string));
        } else if let Some(hunk) = line.strip_prefix("@@ ") {
            in_header = false;
            let Some(path) = &current else { continue };
            let Some(new) = hunk.split_whitespace().find(|part| part.starts_with('+')) else { continue };
            let new = &new[1..];
            let (start, count) = match new.split_once(',') {
                Some((s, c)) => (s.parse().unwrap_or(0), c.parse().unwrap_or(0)),
                None => (new.parse().unwrap_or(0), 1),
            };
            let lines = touched.entry(path.clone()).or_default();
            lines.extend(start..start + count);
        }
    }
    touched
}

/// The path of a `+++ ` header as git writes it: followed by a tab when it holds a space, and
/// C-quoted (`"b/quo\"te.md"`, octal bytes) when it holds a quote, a backslash or a control
/// character (or, without `core.quotepath=false`, any non-ASCII byte). `None` for `/dev/null`.
fn header_path(header: &str) -> Option<String> {
    let header = header.strip_suffix('\t').unwrap_or(header);
    if header == "/dev/null" {
        return None;
    }
    let Some(quoted) = header.strip_prefix('"').and_then(|h| h.strip_suffix('"')) else {
        return Some(header.to_string());
    };
    let mut bytes = Vec::with_capacity(quoted.len());
    let mut chars = quoted.bytes().peekable();
    while let Some(byte) = chars.next() {
        if byte != b'\\' {
            bytes.push(byte);
            continue;
        }
        let escaped = chars.next()?;
        bytes.push(match escaped {
            b'a' => 0x07,
            b'b' => 0x08,
            b't' => b'\t',
            b'n' => b'\n',
            b'v' => 0x0b,
            b'f' => 0x0c,
            b'r' => b'\r',
            b'0'..=b'7' => {
                // Three octal digits: one byte of the UTF-8 name.
                let mut value = u32::from(escaped - b'0');
                for _ in 0..2 {
                    let digit = chars.next_if(|d| (b'0'..=b'7').contains(d))?;
                    value = value * 8 + u32::from(digit - b'0');
                }
                u8::try_from(value).ok()?
            }
            other => other,
        });
    }
    String::from_utf8(bytes).ok()
}

impl Change {
    /// The changed files to lint: Markdown, still present, and under one of `paths`.
    pub fn files_under(&self, paths: &[PathBuf]) -> Vec<PathBuf> {
        let cwd = std::env::current_dir().unwrap_or_default();
        let scopes: Vec<(&PathBuf, PathBuf)> = paths.iter().map(|p| (p, absolute(&cwd, p))).collect();
        let mut out = Vec::new();
        for file in &self.files {
            let path = self.root.join(file);
            if !crate::walk::is_markdown(&path) || !path.is_file() {
                continue;
            }
            // Shown under the path given, as a walk of it would show it (`../docs/a.md` for `..`).
            let shown = scopes.iter().find_map(|(given, scope)| {
                let inside = path.strip_prefix(scope).ok()?;
                Some(if inside.as_os_str().is_empty() { given.to_path_buf() } else { given.join(inside) })
            });
            out.extend(shown);
        }
        out
    }
}

fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    let joined = cwd.join(path);
    joined.canonicalize().unwrap_or(joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_added_ranges_of_a_zero_context_diff() {
        let diff = "diff --git a/a.md b/a.md\n--- a/a.md\n+++ b/a.md\n@@ -3 +3,2 @@\n-x\n+y\n+z\n@@ -10,2 +12 @@\n-p\n-q\n+r\n@@ -20 +20,0 @@\n-gone\n";
        let touched = parse_touched(diff);
        assert_eq!(touched["a.md"].iter().copied().collect::<Vec<_>>(), vec![3, 4, 12]);
    }

    /// An added line that starts with "++ " shows as "+++ …" in the diff: content, not a header.
    #[test]
    fn an_added_line_like_a_file_header_stays_content() {
        let diff = "diff --git a/a.md b/a.md\n--- a/a.md\n+++ b/a.md\n@@ -1 +1,2 @@\n-x\n+++ not a header\n+y\n@@ -9 +10 @@\n-p\n+q\ndiff --git a/b.md b/b.md\n--- a/b.md\n+++ b/b.md\n@@ -1 +1 @@\n-m\n+n\n";
        let touched = parse_touched(diff);
        assert_eq!(touched["a.md"].iter().copied().collect::<Vec<_>>(), vec![1, 2, 10]);
        assert_eq!(touched["b.md"].iter().copied().collect::<Vec<_>>(), vec![1]);
        assert_eq!(touched.len(), 2);
    }

    /// git ends a `+++` header with a tab when the path holds a space, and C-quotes a path with a
    /// quote, a backslash, a tab or (quotepath on) non-ASCII bytes.
    #[test]
    fn reads_paths_git_writes_with_a_tab_or_quoted() {
        let diff = "diff --git a/with space.md b/with space.md\n--- a/with space.md\t\n+++ b/with space.md\t\n@@ -1 +1 @@\n-x\n+y\n\
diff --git \"a/quo\\\"te.md\" \"b/quo\\\"te.md\"\n+++ \"b/quo\\\"te.md\"\n@@ -0,0 +2 @@\n+y\n\
diff --git a/x b/x\n+++ \"b/\\303\\274n\\303\\257 c\\303\\266d\\303\\251.md\"\t\n@@ -0,0 +3 @@\n+y\n\
diff --git a/x b/x\n+++ \"b/tab\\tback\\\\slash.md\"\n@@ -0,0 +4 @@\n+y\n";
        let touched = parse_touched(diff);
        let lines = |path: &str| touched.get(path).map(|l| l.iter().copied().collect::<Vec<_>>());
        assert_eq!(lines("with space.md"), Some(vec![1]), "{touched:?}");
        assert_eq!(lines("quo\"te.md"), Some(vec![2]), "{touched:?}");
        assert_eq!(lines("ünï cödé.md"), Some(vec![3]), "{touched:?}");
        assert_eq!(lines("tab\tback\\slash.md"), Some(vec![4]), "{touched:?}");
        assert_eq!(touched.len(), 4);
    }
}

//! The layout's own rules, checked on the source tree: imports point one way (no cycle among
//! `src/` files, a child module using its own parent aside), files stay small enough to read,
//! and every rule file is registered (`tests/readme.rs` checks the README's rule tables).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const SRC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src");

/// Every `.rs` file under `src/`, by module path (`["rules", "meta"]`; `lib.rs` is `[]`).
fn modules() -> BTreeMap<Vec<String>, (PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("src is readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(Path::new(SRC), &mut files);
    files
        .into_iter()
        .filter(|p| !p.ends_with("main.rs"))
        .map(|path| {
            let relative = path.strip_prefix(SRC).expect("under src").with_extension("");
            let mut segments: Vec<String> =
                relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            if matches!(segments.last().map(String::as_str), Some("mod" | "lib")) {
                segments.pop();
            }
            let text = std::fs::read_to_string(&path).expect("readable source");
            (segments, (path, text))
        })
        .collect()
}

/// The code of a file without its unit tests, comments and `mod x;` declarations (a parent
/// declaring a child is not an import).
fn code_of(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .filter(|line| {
            let t = line.trim_start().trim_start_matches("pub(crate) ").trim_start_matches("pub ");
            !(t.starts_with("mod ") && t.trim_end().ends_with(';'))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths a file names: `crate::a::b`, `super::a`, and paths through its own child modules,
/// with `{…}` groups expanded one level (`crate::a::{b, c::d}` names `a::b` and `a::c::d`).
fn named_paths(me: &[String], is_mod_file: bool, text: &str, children: &[String]) -> Vec<Vec<String>> {
    let code = code_of(text);
    let bytes = code.as_bytes();
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !ident(bytes[i]) || (i > 0 && (ident(bytes[i - 1]) || bytes[i - 1] == b':')) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && ident(bytes[i]) {
            i += 1;
        }
        let first = &code[start..i];
        let base: Vec<String> = match first {
            "crate" => Vec::new(),
            // `super` in `a/b.rs` and in `a/b/mod.rs` both name module `a`.
            "super" => me[..me.len().saturating_sub(1)].to_vec(),
            "self" if is_mod_file || me.is_empty() => me.to_vec(),
            name if children.iter().any(|c| c == name) => {
                let mut base = me.to_vec();
                base.push(name.to_string());
                base
            }
            _ => continue,
        };
        let mut segments = base;
        let mut group = None;
        while code[i..].starts_with("::") {
            i += 2;
            if code[i..].starts_with('{') {
                let close = code[i..].find('}').map_or(code.len(), |c| i + c);
                group = Some(code[i + 1..close].to_string());
                i = close;
                break;
            }
            let s = i;
            while i < bytes.len() && ident(bytes[i]) {
                i += 1;
            }
            if s == i {
                break;
            }
            segments.push(code[s..i].to_string());
        }
        match group {
            Some(items) => {
                for item in items.split(',') {
                    let item = item.split(" as ").next().unwrap_or("").trim().trim_matches(['{', '}']);
                    if item.is_empty() || item == "self" {
                        out.push(segments.clone());
                        continue;
                    }
                    let mut path = segments.clone();
                    path.extend(item.split("::").map(|s| s.trim().to_string()).filter(|s| !s.is_empty()));
                    out.push(path);
                }
            }
            None => out.push(segments),
        }
    }
    out
}

/// File-level imports: which module file each file uses, a child's use of its own parent aside.
fn import_graph() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let modules = modules();
    let resolve = |path: &[String]| {
        (0..=path.len()).rev().map(|n| path[..n].to_vec()).find(|prefix| modules.contains_key(prefix))
    };
    let mut graph = BTreeMap::new();
    for (me, (file, text)) in &modules {
        let is_mod_file = file.ends_with("mod.rs") || file.ends_with("lib.rs");
        let children: Vec<String> = text
            .lines()
            .filter_map(|l| {
                let t = l.trim().trim_start_matches("pub(crate) ").trim_start_matches("pub ");
                t.strip_prefix("mod ")?.strip_suffix(';').map(str::to_string)
            })
            .collect();
        let mut uses = BTreeSet::new();
        for path in named_paths(me, is_mod_file, text, &children) {
            if let Some(target) = resolve(&path)
                && &target != me
                && target.as_slice() != &me[..me.len().saturating_sub(1)]
            {
                uses.insert(target);
            }
        }
        graph.insert(me.clone(), uses);
    }
    graph
}

fn name(module: &[String]) -> String {
    if module.is_empty() { "lib".to_string() } else { module.join("::") }
}

#[test]
fn no_import_cycle_among_source_files() {
    let graph = import_graph();
    // Sanity: the scan sees real imports (a scan that found nothing would pass vacuously).
    let rules_meta = vec!["rules".to_string(), "meta".to_string()];
    let diagnostic = vec!["diagnostic".to_string()];
    assert!(graph[&diagnostic].contains(&rules_meta), "the scan should see diagnostic's use of rules::meta");
    assert!(graph.values().map(BTreeSet::len).sum::<usize>() > 200, "too few imports found: the scan is broken");

    // Depth-first search for a back edge, reporting the cycle it closes.
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let keys: Vec<&Vec<String>> = graph.keys().collect();
    let index = |m: &Vec<String>| keys.iter().position(|k| *k == m);
    let mut marks = vec![Mark::New; keys.len()];
    let mut cycles = Vec::new();
    fn visit(
        at: usize,
        keys: &[&Vec<String>],
        graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        index: &dyn Fn(&Vec<String>) -> Option<usize>,
        marks: &mut [Mark],
        stack: &mut Vec<usize>,
        cycles: &mut Vec<String>,
    ) {
        marks[at] = Mark::Open;
        stack.push(at);
        for next in &graph[keys[at]] {
            let Some(n) = index(next) else { continue };
            match marks[n] {
                Mark::New => visit(n, keys, graph, index, marks, stack, cycles),
                Mark::Open => {
                    let from = stack.iter().position(|&s| s == n).unwrap_or(0);
                    let mut cycle: Vec<String> = stack[from..].iter().map(|&s| name(keys[s])).collect();
                    cycle.push(name(keys[n]));
                    cycles.push(cycle.join(" -> "));
                }
                Mark::Done => {}
            }
        }
        stack.pop();
        marks[at] = Mark::Done;
    }
    for start in 0..keys.len() {
        if marks[start] == Mark::New {
            visit(start, &keys, &graph, &index, &mut marks, &mut Vec::new(), &mut cycles);
        }
    }
    assert!(cycles.is_empty(), "import cycles among src/ files:\n{}", cycles.join("\n"));
}

#[test]
fn leaves_import_nothing_of_the_crate() {
    let graph = import_graph();
    for leaf in ["source", "paths", "error", "diagnostic::severity", "rendering", "hash"] {
        let module: Vec<String> = leaf.split("::").map(str::to_string).collect();
        let uses = graph.get(&module).unwrap_or_else(|| panic!("no module {leaf}"));
        assert!(uses.is_empty(), "{leaf} should import nothing of the crate, but uses {uses:?}");
    }
    // The page model knows no configuration, output or CLI.
    for (module, uses) in &graph {
        if module.first().map(String::as_str) == Some("page") {
            for used in uses {
                let top = used.first().map(String::as_str).unwrap_or("lib");
                assert!(
                    matches!(top, "page" | "source"),
                    "the page model ({}) should not use {}",
                    name(module),
                    name(used)
                );
            }
        }
    }
}

/// Files that must stay one piece, each with the reason in its module doc.
const LONG_FILES: &[&str] = &[];

#[test]
fn source_files_stay_readable() {
    let mut long = Vec::new();
    for (module, (path, text)) in modules() {
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        let lines = code.lines().count();
        if lines > 600 && !LONG_FILES.contains(&name(&module).as_str()) {
            long.push(format!("{} ({lines} lines)", path.display()));
        }
    }
    assert!(long.is_empty(), "split these files (over 600 lines before their tests):\n{}", long.join("\n"));
}

#[test]
fn every_rule_file_is_registered() {
    let registry = std::fs::read_to_string(format!("{SRC}/rules/registry.rs")).expect("registry");
    let mut checked = 0;
    for group in ["markdown", "job_family", "prose"] {
        for entry in std::fs::read_dir(format!("{SRC}/rules/{group}")).expect("rule folder") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            if !text.contains("pub static META: RuleMeta") {
                continue; // a helper module
            }
            let stem = path.file_stem().and_then(|s| s.to_str()).expect("file name");
            checked += 1;
            assert!(
                registry.contains(&format!("{group}::{stem}::")),
                "{} defines a rule that src/rules/registry.rs does not register",
                path.display()
            );
        }
    }
    assert!(checked > 55, "only {checked} rule files found");
}

//! Runs every fixture under `fixtures/`: `bad*.md` must give exactly the diagnostics in the
//! matching `.expected` file (`line:column CODE message`, one a line), `good*.md` must stay clean.
//! Each rule's directory (`<CODE>-<name>`) runs with only that rule; `seed/` runs with all rules,
//! `markdownlint/` with every markdownlint rule (`tests/markdownlint_agreement.rs` checks these
//! pages, and every rule directory's, against markdownlint-cli2 itself).
//! A page with a `<stem>.options.json` beside it runs with those rule parameters (markdownlint's
//! JSON for that rule, e.g. `{"style": "setext"}`): that is how parameterized variants are tested.
//! A rule directory with `data/misused_terms.yml` runs IL004 with that list, as a handbook would.
//! A rule directory with an `hblint.toml` whose `[site]` names content folders is a site: its
//! pages are linted with the site index built from it (the link rules' fixtures).
//! A rule directory with a `site/` tree (cross-page rules) lints each page inside a copy of that
//! site: see `ladder_fixture`.
//! `HBLINT_BLESS=1 cargo test --test fixtures` rewrites the `.expected` files: review the diff.

use hblint::diagnostic::Severity;
use hblint::rules::pack;
use hblint::rules::registry::{self, Registry};
use hblint::source::SourceFile;
use hblint::{Linter, lint_source};
use std::path::{Path, PathBuf};

mod ladder_fixture;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn render(path: &Path, linter: &Linter) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let source = SourceFile::from_bytes(path.to_path_buf(), bytes).expect("fixtures are UTF-8 text");
    lint_source(&source, linter)
        .diagnostics
        .iter()
        .map(|d| format!("{}:{} {} {}\n", d.start.line, d.start.column, d.diagnostic.rule.code, d.diagnostic.message))
        .collect()
}

fn linter_for(dir: &Path, dir_name: &str) -> Linter {
    if dir_name == "seed" {
        return Linter::all();
    }
    // fixtures/markdownlint/: every markdownlint rule with its defaults, as `{"default": true}`
    // (pages about markdownlint's comments and configure-file comments).
    if dir_name == "markdownlint" {
        let markdown = Registry::builtin()
            .rules()
            .iter()
            .copied()
            .filter(|r| r.meta().group == hblint::rules::Group::Markdown)
            .collect();
        return Linter::with_rules(markdown);
    }
    // fixtures/packs/<name>/pack.toml: a pack written for the test, run alone.
    let pack_file = dir.join("pack.toml");
    if pack_file.is_file() {
        let text = std::fs::read_to_string(&pack_file).expect("pack.toml");
        let loaded = pack::parse(&pack_file, &text).unwrap_or_else(|e| panic!("{e}"));
        return Linter::with_rules(loaded.rules.into_iter().map(|r| r as &'static dyn hblint::rules::Rule).collect());
    }
    let code = dir_name.split('-').next().unwrap_or_default();
    let rule = registry::find(code).unwrap_or_else(|| panic!("fixture directory {dir_name} names no rule"));
    let name = dir_name[code.len()..].trim_start_matches('-');
    assert_eq!(name, rule.meta().name, "fixture directory {dir_name} must be named {code}-{}", rule.meta().name);
    // A rule built from the handbook's data (IL004): the fixture holds its own data/ copy.
    let terms = dir.join("data/misused_terms.yml");
    if terms.is_file() {
        let text = std::fs::read_to_string(&terms).expect("data file");
        let entries = hblint::config::handbook::parse_misused_terms(&terms, &text).unwrap_or_else(|e| panic!("{e}"));
        let rule = hblint::rules::inclusive::il004_misused_term::MisusedTerm::from_entries(&entries)
            .unwrap_or_else(|e| panic!("{e}"));
        return Linter::with_rules(vec![Box::leak(Box::new(rule))]);
    }
    let mut linter = Linter::with_rules(vec![rule]);
    linter.set_sites(site_of(dir));
    linter
}

/// The site a rule directory is, when its `hblint.toml` has a `[site]` with content folders.
fn site_of(dir: &Path) -> Option<std::sync::Arc<hblint::site::Sites>> {
    let config = dir.join("hblint.toml");
    if !config.is_file() {
        return None;
    }
    let settings = hblint::config::load(&config, &Default::default()).unwrap_or_else(|e| panic!("{e}"));
    let layout = settings.site.layout.clone()?;
    let redirects = match &settings.site.options.redirects {
        Some(path) => {
            let text = std::fs::read_to_string(path).expect("redirects file");
            hblint::config::site::parse_redirects(path, &text).unwrap_or_else(|e| panic!("{e}"))
        }
        None => Default::default(),
    };
    let index = hblint::site::index::SiteIndex::build(layout, redirects, settings.site.options.clone());
    Some(std::sync::Arc::new(hblint::site::Sites::new(vec![std::sync::Arc::new(index)])))
}

/// IL007's findings are in the skip file, not in a page: a rule directory with
/// `data/inclusiveness_check.yml` expects, after a bad page's own findings, the entries no page
/// of the directory matches (`line:column` in the skip file).
fn stale_skip_entries(dir: &Path) -> String {
    let path = dir.join("data/inclusiveness_check.yml");
    if !path.is_file() {
        return String::new();
    }
    let text = std::fs::read_to_string(&path).expect("skip list");
    let list =
        hblint::config::handbook::parse_skip_list(&path, &text, dir.to_path_buf()).unwrap_or_else(|e| panic!("{e}"));
    let pages = hblint::walk::collect(&[dir.to_path_buf()]).files;
    let lines = hblint::source::LineIndex::new(&text);
    list.stale(pages.iter().map(PathBuf::as_path))
        .into_iter()
        .map(|entry| {
            let d =
                hblint::rules::inclusive::il007_stale_skip_entry::diagnostic(entry, &text, &lines, Severity::Warning);
            let finding = hblint::diagnostic::Finding::new(d, &text, &lines);
            format!(
                "{}:{} {} {}\n",
                finding.start.line, finding.start.column, finding.diagnostic.rule.code, finding.diagnostic.message
            )
        })
        .collect()
}

/// LK007's findings come from a change, not from a page: a rule directory with `removed.txt`
/// (one removed path a line, or `old -> new` for a rename, relative to the directory) expects a
/// page's links to those pages, as `--changed-since` reports them.
fn removed_page_links(dir: &Path, file: &Path) -> String {
    use hblint::rules::links::lk007_removed_page_linked::{RemovedPage, diagnostic, links_to_removed};
    use hblint::site::layout::Served;
    let Ok(list) = std::fs::read_to_string(dir.join("removed.txt")) else { return String::new() };
    let sites = site_of(dir).expect("an LK007 fixture is a site");
    let site = &sites.indexes()[0];
    let route = |path: &str| match site.served(&dir.join(path)) {
        Some(Served::Page(route)) => route,
        other => panic!("{path} is no page of the fixture site: {other:?}"),
    };
    let removed: Vec<RemovedPage> = list
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|line| {
            let (old, new) = match line.split_once(" -> ") {
                Some((old, new)) => (old.trim(), Some(new.trim())),
                None => (line.trim(), None),
            };
            RemovedPage {
                route: route(old),
                file: old.to_string(),
                renamed_to: new.map(|new| (new.to_string(), route(new))),
            }
        })
        .collect();
    let bytes = std::fs::read(file).expect("fixture");
    let source = SourceFile::from_bytes(file.to_path_buf(), bytes).expect("utf-8");
    let page = hblint::page::Page::build(&source);
    let place = hblint::site::PageInSite::new(site, file);
    let lines = hblint::source::LineIndex::new(&source.text);
    links_to_removed(&page, &place, &removed)
        .into_iter()
        .map(|hit| {
            let written = hit.destination.map(|d| (d, &source.text[d.start..d.end]));
            let d = diagnostic(hit.span, written, &removed[hit.removed], 1, Severity::Error);
            let finding = hblint::diagnostic::Finding::new(d, &source.text, &lines);
            format!(
                "{}:{} {} {}\n",
                finding.start.line, finding.start.column, finding.diagnostic.rule.code, finding.diagnostic.message
            )
        })
        .collect()
}

#[test]
fn every_fixture_gives_exactly_its_expected_diagnostics() {
    let bless = std::env::var_os("HBLINT_BLESS").is_some();
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut dirs: Vec<PathBuf> =
        std::fs::read_dir(fixtures_dir()).expect("fixtures/").flatten().map(|e| e.path()).collect();
    dirs.extend(std::fs::read_dir(fixtures_dir().join("packs")).expect("fixtures/packs/").flatten().map(|e| e.path()));
    dirs.retain(|d| d.file_name().is_some_and(|n| n != "packs"));
    dirs.sort();
    for dir in dirs.iter().filter(|d| d.is_dir()) {
        let dir_name = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let default_linter = linter_for(dir, &dir_name);
        let mut files: Vec<PathBuf> =
            std::fs::read_dir(dir).expect("fixture dir").flatten().map(|e| e.path()).collect();
        files.sort();
        let is_page =
            |f: &&PathBuf| f.extension().is_some_and(|e| e == "md") && !f.to_string_lossy().ends_with(".fixed.md");
        for file in files.iter().filter(is_page) {
            let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            let options_path = file.with_extension("options.json");
            let with_options;
            let linter = if options_path.is_file() {
                let text = std::fs::read_to_string(&options_path).expect("options file");
                let options: serde_json::Value =
                    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", options_path.display()));
                let mut linter = linter_for(dir, &dir_name);
                let code = linter.rules().next().expect("a rule fixture runs one rule").meta().code;
                linter.set_options(code, options);
                with_options = linter;
                &with_options
            } else {
                &default_linter
            };
            let mut actual = if ladder_fixture::is_site_fixture(dir) {
                let code = dir_name.split('-').next().unwrap_or_default();
                let rule = registry::find(code).unwrap_or_else(|| panic!("{dir_name} names no rule"));
                ladder_fixture::render(dir, file, rule)
            } else {
                render(file, linter)
            };
            if stem.starts_with("bad") {
                actual.push_str(&stale_skip_entries(dir));
            }
            actual.push_str(&removed_page_links(dir, file));
            checked += 1;
            if stem.starts_with("good") {
                if !actual.is_empty() {
                    failures.push(format!("{} must stay clean, got:\n{actual}", file.display()));
                }
                continue;
            }
            // A `bad.fixed.md` is what `--fix` must turn the bad page into, and fixing it again
            // must change nothing.
            let fixed_path = file.with_extension("fixed.md");
            if fixed_path.is_file() || bless {
                let bytes = std::fs::read(file).expect("fixture");
                let source = SourceFile::from_bytes(file.clone(), bytes).expect("utf-8");
                let fixed = hblint::fix::fix_source(&source, linter).expect("fixes settle");
                if bless && fixed.applied > 0 {
                    std::fs::write(&fixed_path, &fixed.text).expect("write .fixed.md");
                } else if fixed_path.is_file() {
                    let expected_fixed = std::fs::read_to_string(&fixed_path).expect("fixed fixture");
                    if fixed.text != expected_fixed {
                        failures.push(format!(
                            "{}: --fix output differs from {}",
                            file.display(),
                            fixed_path.display()
                        ));
                    }
                    let again = SourceFile::from_text(file.clone(), fixed.text.clone(), source.bom);
                    if hblint::fix::fix_source(&again, linter).expect("fixes settle").applied != 0 {
                        failures.push(format!("{}: fixing twice changes the page again", file.display()));
                    }
                }
            }
            let expected_path = file.with_extension("expected");
            if bless {
                std::fs::write(&expected_path, &actual).expect("write .expected");
                continue;
            }
            let expected = std::fs::read_to_string(&expected_path)
                .unwrap_or_else(|_| panic!("{} has no {}", file.display(), expected_path.display()));
            if expected.trim().is_empty() {
                failures.push(format!("{} is a bad fixture with no expected diagnostics", file.display()));
            }
            if actual != expected {
                failures.push(format!("{}:\n--- expected\n{expected}--- actual\n{actual}", file.display()));
            }
        }
    }
    assert!(checked > 0, "no fixtures found");
    assert!(failures.is_empty(), "{} fixture(s) failed:\n\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_rule_has_a_bad_and_a_good_fixture_and_docs() {
    for rule in Registry::builtin().rules() {
        let meta = rule.meta();
        let dir = fixtures_dir().join(format!("{}-{}", meta.code, meta.name));
        assert!(dir.join("bad.md").is_file(), "{} has no fixtures/{}/bad.md", meta.code, dir.display());
        assert!(dir.join("bad.expected").is_file(), "{} has no bad.expected", meta.code);
        assert!(dir.join("good.md").is_file(), "{} has no good.md", meta.code);
        for section in ["## What it does", "## Why is this bad?", "## Example", "## Use instead"] {
            assert!(meta.docs.contains(section), "{} docs lack '{section}'", meta.code);
        }
    }
}

#[test]
fn seed_page_gives_exactly_the_known_defects() {
    // The page hblint started from: four inherited duplicates, one slash typo and five headings
    // that end with a no-break space ("Job Grade\u{a0}"); and two hard requirements of the
    // handbook's CI job: no Performance Indicators section, and the Manager's Requirements
    // (which inherit nothing) lack "Ability to use GitLab".
    let path = fixtures_dir().join("seed/marketing-operations-manager.md");
    let found: Vec<String> = render(&path, &Linter::all())
        .lines()
        .map(|l| {
            let mut parts = l.split_whitespace();
            let position = parts.next().unwrap_or_default();
            let line = position.split(':').next().unwrap_or_default();
            format!("{line} {}", parts.next().unwrap_or_default())
        })
        .collect();
    assert_eq!(
        found,
        [
            "3 JF007",
            "11 JF013",
            "46 JF013",
            "79 JF013",
            "101 JF013",
            "113 JF004",
            "114 JF004",
            "123 JF004",
            "128 JF004",
            "133 JF013",
            "142 JF008",
            "147 PR001"
        ]
    );
}

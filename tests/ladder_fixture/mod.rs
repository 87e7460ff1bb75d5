//! Fixtures of cross-page rules (LD001–LD003): a rule directory with a `site/` tree (a Middleman
//! repository: `sites/<site>/source/…`, `data/…`) lints each page as the job-family page
//! `/job-families/<stem>/` of a copy of that site, so that the site's index (routes, ladders)
//! and its data files see it as the handbook would. Each page gets its own copy: `good.md` is
//! not compared with `bad.md`. After a bad page's findings come the findings on the site's
//! list of job families (LD003), as `line:column` in that file.

use hblint::config::handbook::parse_job_families;
use hblint::config::site::SiteConfig;
use hblint::diagnostic::{Finding, Severity};
use hblint::rules::Rule;
use hblint::rules::ladder::{ld002_unlisted_job_family, ld003_stale_job_family_entry};
use hblint::site::Sites;
use hblint::site::index::SiteIndex;
use hblint::site::layout::Layout;
use hblint::site::redirects::Redirects;
use hblint::source::{LineIndex, SourceFile};
use hblint::{Linter, lint_source};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Whether `dir` is a cross-page fixture.
pub fn is_site_fixture(dir: &Path) -> bool {
    dir.join("site").is_dir()
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read fixture site").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy fixture file");
        }
    }
}

/// The findings of `page` linted with `rule` as `/job-families/<stem>/` of a copy of `dir/site`.
pub fn render(dir: &Path, page: &Path, rule: &'static dyn Rule) -> String {
    let stem = page.file_stem().and_then(|s| s.to_str()).expect("page name");
    let copy = tempfile::tempdir().expect("tempdir");
    let root = std::path::absolute(copy.path()).expect("absolute");
    copy_tree(&dir.join("site"), &root);
    let placed = root.join(format!("sites/uncategorized/source/job-families/{stem}/index.html.md"));
    std::fs::create_dir_all(placed.parent().expect("parent")).expect("create page dir");
    std::fs::copy(page, &placed).expect("place the page");

    let list_path = root.join("data/people_group/job_families.yml");
    let list = list_path.is_file().then(|| {
        let text = std::fs::read_to_string(&list_path).expect("list");
        Arc::new(parse_job_families(&list_path, &text).unwrap_or_else(|e| panic!("{e}")))
    });
    let rule: &'static dyn Rule = match (&list, rule.meta().code) {
        (Some(list), "LD002") => {
            Box::leak(Box::new(ld002_unlisted_job_family::UnlistedJobFamily::from_list(list.clone())))
        }
        _ => rule,
    };
    let mut linter = Linter::with_rules(vec![rule]);
    let index = SiteIndex::build(Layout::middleman(&root), Redirects::default(), SiteConfig::default().options);
    linter.set_sites(Some(Arc::new(Sites::new(vec![Arc::new(index)]))));

    let bytes = std::fs::read(&placed).expect("placed page");
    let source = SourceFile::from_bytes(placed.clone(), bytes).expect("fixtures are UTF-8 text");
    let mut out: String = lint_source(&source, &linter)
        .diagnostics
        .iter()
        .map(|d| format!("{}:{} {} {}\n", d.start.line, d.start.column, d.diagnostic.rule.code, d.diagnostic.message))
        .collect();
    if stem.starts_with("bad")
        && rule.meta().code == "LD003"
        && let Some(list) = &list
    {
        out.push_str(&stale_entries(&root, list, &list_path));
    }
    out
}

/// LD003's findings on the list, against the pages of the copied site.
fn stale_entries(root: &Path, list: &hblint::site::job_families::JobFamilyList, list_path: &Path) -> String {
    let text = std::fs::read_to_string(list_path).expect("list");
    let lines = LineIndex::new(&text);
    let pages = hblint::walk::collect(&[root.to_path_buf()]).files;
    ld003_stale_job_family_entry::stale(list, pages.iter().map(PathBuf::as_path))
        .into_iter()
        .map(|entry| {
            let d = ld003_stale_job_family_entry::diagnostic(entry, None, &text, &lines, Severity::Warning);
            let finding = Finding::new(d, &text, &lines);
            format!(
                "{}:{} {} {}\n",
                finding.start.line, finding.start.column, finding.diagnostic.rule.code, finding.diagnostic.message
            )
        })
        .collect()
}

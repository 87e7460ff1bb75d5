//! LK007's findings: in a `--changed-since` run, the links elsewhere in the handbook to pages
//! the change deletes or renames away with no redirect. Made on the main thread after the
//! changed pages are linted, on pages the change did not touch, and handed to the report like a
//! linted file's (see `data_files` for the same path taken by IL007).

use crate::config::Resolver;
use crate::diagnostic::{Finding, Severity};
use crate::page::Page;
use crate::rules::links::lk007_removed_page_linked::{self, LinkToRemoved, RemovedPage, links_to_removed};
use crate::run::{FileOutcome, Linted, Renderer};
use crate::site::index::{EntryKind, SiteIndex};
use crate::site::layout::Served;
use crate::site::{PageInSite, Sites};
use crate::source::SourceFile;
use std::path::{Path, PathBuf};

/// What a change removed: files deleted, or renamed away with their new path
/// (repository-relative), under the repository `root`.
pub(super) struct Removal {
    pub root: PathBuf,
    pub removed: Vec<(String, Option<String>)>,
}

impl Removal {
    /// The removed files as paths to find their site and configuration by.
    pub fn paths(&self) -> impl Iterator<Item = PathBuf> + '_ {
        self.removed.iter().map(|(old, _)| self.root.join(old))
    }
}

/// The pages of each site the change removes, when nothing serves their route any more and no
/// redirect covers it.
fn removed_pages<'s>(removal: &Removal, sites: &'s Sites) -> Vec<(&'s SiteIndex, Vec<RemovedPage>)> {
    let mut out: Vec<(&SiteIndex, Vec<RemovedPage>)> = Vec::new();
    for (old, new) in &removal.removed {
        let path = removal.root.join(old);
        let Some(site) = sites.of(&path) else { continue };
        let Some(Served::Page(route) | Served::Template(route)) = site.served(&path) else { continue };
        if site.find(&route).is_some() || site.redirect(&route).is_some() {
            continue;
        }
        let renamed_to = new.as_ref().and_then(|new| match site.served(&removal.root.join(new)) {
            Some(Served::Page(to) | Served::Template(to)) => Some((new.clone(), to)),
            _ => None,
        });
        let page = RemovedPage { route, file: old.clone(), renamed_to };
        match out.iter_mut().find(|(s, _)| std::ptr::eq(*s, &**site)) {
            Some((_, pages)) => pages.push(page),
            None => out.push((site, vec![page])),
        }
    }
    out
}

/// One outcome per page linking to a removed page, with the failing severity of its settings.
pub(super) fn removed_page_links(
    removal: &Removal,
    sites: Option<&Sites>,
    resolver: &mut Resolver,
    fingerprints: bool,
    render: &Renderer<'_>,
) -> Vec<(FileOutcome, Severity)> {
    let Some(sites) = sites else { return Vec::new() };
    let mut outcomes = Vec::new();
    for (site, removed) in removed_pages(removal, sites) {
        // A page can only link to a removed route if its text names the route's last segment,
        // or if it sits below the route, where `..` alone reaches it.
        let names: Vec<&str> =
            removed.iter().filter_map(|r| r.route.trim_end_matches('/').rsplit('/').next()).collect();
        let below_removed = |route: &str| removed.iter().any(|r| route.starts_with(r.route.as_str()));
        let mut linking: Vec<(PathBuf, Vec<LinkToRemoved>)> = Vec::new();
        for entry in site.entries().iter().filter(|e| e.kind == EntryKind::Page) {
            let path = site.path_of(entry);
            let Some(source) = read(&path) else { continue };
            if !names.iter().any(|name| source.text.contains(name)) && !below_removed(&entry.route) {
                continue;
            }
            let page = Page::build(&source);
            let place = PageInSite::new(site, &path);
            let hits = links_to_removed(&page, &place, &removed);
            if !hits.is_empty() {
                linking.push((path, hits));
            }
        }
        let pages_linking = |i: usize| linking.iter().filter(|(_, hits)| hits.iter().any(|h| h.removed == i)).count();
        let counts: Vec<usize> = (0..removed.len()).map(pages_linking).collect();
        for (path, hits) in &linking {
            let Ok(index) = resolver.for_file(path) else { continue };
            let settings = &resolver.settings[index];
            let Some(severity) = settings.linter.severity_of(lk007_removed_page_linked::META.code) else { continue };
            let Some(source) = read(path) else { continue };
            let shown = relative_to_cwd(path);
            let source = SourceFile { path: shown.clone(), ..source };
            let lines = crate::source::LineIndex::new(&source.text);
            let mut findings: Vec<Finding> = hits
                .iter()
                .map(|hit| {
                    let written = hit.destination.and_then(|d| source.text.get(d.start..d.end).map(|w| (d, w)));
                    let (i, span) = (hit.removed, hit.span);
                    let diagnostic =
                        lk007_removed_page_linked::diagnostic(span, written, &removed[i], counts[i], severity);
                    Finding::new(diagnostic, &source.text, &lines)
                })
                .collect();
            findings.sort_by_key(|f| f.start);
            if fingerprints {
                for finding in &mut findings {
                    finding.snippet = crate::diagnostic::snippet_of(&source.text, &lines, finding.diagnostic.span);
                }
                crate::fingerprint::assign(&crate::paths::repo_path(&shown), &mut findings);
            }
            let rendered = render(&source, &mut findings);
            let linted = Linted { diagnostics: findings, rendered, fixed: 0, output: None, not_fixed: None };
            outcomes.push((FileOutcome { path: shown, result: Ok(linted) }, settings.fail_on));
        }
    }
    outcomes
}

fn read(path: &Path) -> Option<SourceFile> {
    let bytes = std::fs::read(path).ok()?;
    SourceFile::from_bytes(path.to_path_buf(), bytes).ok()
}

fn relative_to_cwd(path: &Path) -> PathBuf {
    let Ok(cwd) = std::env::current_dir() else { return path.to_path_buf() };
    path.strip_prefix(&cwd).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf())
}

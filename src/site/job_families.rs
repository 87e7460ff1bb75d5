//! The handbook's list of job families, `data/people_group/job_families.yml`: the compensation
//! calculator links every listed page, so a job-family page missing from it has no calculator
//! link (LD002), and an entry whose page is gone links nowhere (LD003).
//!
//! The file is a list of `{title, description}` where `description` is one route or a list of
//! routes. Routes are compared as the site serves them: host of the handbook dropped, fragment
//! and query dropped, one trailing slash.

use super::layout::{Generator, Layout, Served};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One route the list names, where it is written.
#[derive(Debug, Clone)]
pub struct ListedRoute {
    /// As written in the file.
    pub written: String,
    /// As compared: see [`normalize_route`].
    pub route: String,
    /// The entry's title.
    pub title: String,
    /// 1-based line and column of the route in the file.
    pub line: usize,
    pub column: usize,
}

/// The parsed list: every route, in file order, and where it came from.
#[derive(Debug, Clone, Default)]
pub struct JobFamilyList {
    pub path: PathBuf,
    pub routes: Vec<ListedRoute>,
    by_route: HashMap<String, usize>,
}

impl JobFamilyList {
    pub fn new(path: PathBuf, routes: Vec<ListedRoute>) -> JobFamilyList {
        let mut by_route = HashMap::with_capacity(routes.len());
        for (i, listed) in routes.iter().enumerate() {
            by_route.entry(listed.route.clone()).or_insert(i);
        }
        JobFamilyList { path, routes, by_route }
    }

    /// The entry listing `route` (normalized), if any.
    pub fn find(&self, route: &str) -> Option<&ListedRoute> {
        self.by_route.get(&normalize_route(route)).map(|&i| &self.routes[i])
    }

    /// The listed route nearest to `route` by a case-insensitive comparison or, failing that, the
    /// route with the same last segment: a hint for a page that was moved or renamed.
    pub fn nearest(&self, route: &str) -> Option<&ListedRoute> {
        let route = normalize_route(route);
        let lower = route.to_lowercase();
        if let Some(found) = self.routes.iter().find(|r| r.route.to_lowercase() == lower) {
            return Some(found);
        }
        let last = last_segment(&route)?;
        self.routes.iter().find(|r| last_segment(&r.route) == Some(last))
    }
}

fn last_segment(route: &str) -> Option<&str> {
    route.trim_end_matches('/').rsplit('/').next().filter(|s| !s.is_empty())
}

/// The hosts that serve the handbook: a link to them is a link inside it.
pub const INTERNAL_HOSTS: &[&str] = &["https://about.gitlab.com", "https://handbook.gitlab.com"];

/// A route as the site compares it: internal host, fragment and query dropped, a leading and a
/// trailing `/`, `index.html` dropped.
pub fn normalize_route(written: &str) -> String {
    let mut route = written.trim();
    for host in INTERNAL_HOSTS {
        if let Some(rest) = route.strip_prefix(host) {
            route = rest;
        }
    }
    let route = route.split(['#', '?']).next().unwrap_or("");
    let route = route.strip_suffix("index.html").unwrap_or(route);
    let trimmed = route.trim_matches('/');
    if trimmed.is_empty() { "/".to_string() } else { format!("/{trimmed}/") }
}

/// The route of a job-family page from its path, for trees that keep the pages without the
/// site's layout (the folder `job-families/` exported on its own): its path from the
/// `job-families` folder on, routed as the site's generator routes it (`x/index.html.md` and
/// `x.html.md` are `/x/`; a Hugo `_index.md` is its folder). `None` for a path with no
/// `job-families` folder, or a file the site does not serve as a page (`_performance.erb`).
pub fn job_family_route(path: &Path) -> Option<String> {
    let text = path.to_string_lossy().replace('\\', "/");
    let start = text.match_indices("job-families/").map(|(i, _)| i).find(|&i| i == 0 || text[..i].ends_with('/'))?;
    let inside = &text[start..];
    let generator = if inside.ends_with("/_index.md") { Generator::Hugo } else { Generator::Middleman };
    let layout = Layout { root: PathBuf::new(), generator, content: Vec::new() };
    match layout.route_of(inside) {
        Served::Page(route) => Some(normalize_route(&route)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_are_normalized() {
        assert_eq!(normalize_route("/job-families/finance/billing"), "/job-families/finance/billing/");
        assert_eq!(normalize_route("https://about.gitlab.com/job-families/a/#x"), "/job-families/a/");
        assert_eq!(normalize_route(" /job-families/a/index.html "), "/job-families/a/");
    }

    #[test]
    fn job_family_routes_from_paths() {
        let route = |p: &str| job_family_route(Path::new(p));
        assert_eq!(route("/c/job-families/sales/x/index.html.md").as_deref(), Some("/job-families/sales/x/"));
        assert_eq!(route("sites/u/source/job-families/a/b.html.md.erb").as_deref(), Some("/job-families/a/b/"));
        assert_eq!(route("content/job-families/a/_index.md").as_deref(), Some("/job-families/a/"));
        assert_eq!(route("job-families/sales/_performance.erb"), None);
        assert_eq!(route("handbook/x.md"), None);
        assert_eq!(route("my-job-families/x.md"), None);
    }

    #[test]
    fn nearest_listed_route() {
        let listed = |r: &str| ListedRoute {
            written: r.to_string(),
            route: normalize_route(r),
            title: String::new(),
            line: 1,
            column: 1,
        };
        let list = JobFamilyList::new(PathBuf::new(), vec![listed("/job-families/sales/Area-Sales/")]);
        assert!(list.find("/job-families/sales/Area-Sales").is_some());
        assert!(list.find("/job-families/sales/area-sales/").is_none());
        assert!(list.nearest("/job-families/sales/area-sales/").is_some());
        assert!(list.nearest("/job-families/marketing/Area-Sales/").is_some());
    }
}

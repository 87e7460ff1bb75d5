//! The handbook as a whole: how its repository becomes a site (`layout`: routes; `anchors`:
//! heading ids as each generator makes them; `redirects`), the index of every route and id
//! built once per run (`index`), and how a link's destination reads on the rendered page
//! (`target`). Rules that check a page against the rest of the handbook read a `PageInSite`.
//! Career ladders of every job family (`ladder`) and the handbook's list of job families
//! (`job_families`) sit beside them.
//!
//! Imports leaves and the page model (a ladder is read from a page's job-family model), never
//! rules, configuration or output: the site is model, like the page.

pub mod anchors;
pub mod index;
pub mod job_families;
pub mod ladder;
pub mod ladder_index;
pub mod layout;
pub mod redirects;
pub mod target;

use crate::source::Span;
use index::SiteIndex;
use layout::Served;
use std::cell::OnceCell;
use std::path::Path;
use std::sync::Arc;
use target::Target;

/// Every handbook repository a run touches, each indexed once.
#[derive(Default)]
pub struct Sites {
    indexes: Vec<Arc<SiteIndex>>,
}

impl Sites {
    pub fn new(indexes: Vec<Arc<SiteIndex>>) -> Sites {
        Sites { indexes }
    }

    /// The index of the repository `file` belongs to.
    pub fn of(&self, file: &Path) -> Option<&Arc<SiteIndex>> {
        self.indexes.iter().find(|index| index.layout.locate(file).is_some())
    }

    pub fn indexes(&self) -> &[Arc<SiteIndex>] {
        &self.indexes
    }
}

/// A page's place in its site: the index, and the route the generator serves the page at
/// (`None` for a partial, which is rendered inside other pages: its relative links and
/// same-page fragments depend on where it is included).
pub struct PageInSite<'a> {
    pub site: &'a SiteIndex,
    pub route: Option<String>,
    /// The page's folder as a route (`/handbook/a/` for `content/handbook/a/x.md`): where Hugo's
    /// link render hook looks a relative link up first (`GetPage` from the page's folder).
    pub folder: Option<String>,
    /// The page's links as read against the site, read once for every link rule.
    links: OnceCell<Vec<ReadLink>>,
    /// The page's own ids, scanned once for every link rule that needs them.
    own_ids: OnceCell<Vec<String>>,
}

/// One link of a page, read against the site: which link (its index among the page's links),
/// where it points, and where its destination is written.
#[derive(Debug, Clone)]
pub struct ReadLink {
    pub link: usize,
    pub target: Target,
    pub destination: Option<Span>,
}

impl<'a> PageInSite<'a> {
    /// The place of the file at `path` in `site`.
    pub fn new(site: &'a SiteIndex, path: &Path) -> PageInSite<'a> {
        let route = match site.served(path) {
            Some(Served::Page(route) | Served::Template(route)) => Some(route),
            _ => None,
        };
        let folder = site.layout.locate(path).map(|inside| {
            let dir = inside.rsplit_once('/').map_or("", |(dir, _)| dir);
            if dir.is_empty() { "/".to_string() } else { format!("/{dir}/") }
        });
        PageInSite { site, route, folder, links: OnceCell::new(), own_ids: OnceCell::new() }
    }

    /// The page's links read against the site: `read` runs for the first rule that asks.
    /// The page's own ids: `scan` runs for the first rule that asks.
    pub fn own_ids(&self, scan: impl FnOnce() -> Vec<String>) -> &[String] {
        self.own_ids.get_or_init(scan)
    }

    pub fn links(&self, read: impl FnOnce() -> Vec<ReadLink>) -> &[ReadLink] {
        self.links.get_or_init(read)
    }
}

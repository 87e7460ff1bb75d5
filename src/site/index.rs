//! One handbook repository as its site generator builds it: every route, what serves it, each
//! page's anchor ids and the redirects. Built once per run, before any page is linted, from a
//! walk of the content folders: file names only, no file is read. A page's ids are read the
//! first time a link asks for them (a fast line scan, `anchors::page_ids`) and kept, so a
//! one-file merge request reads only the pages it links to, and a full run reads each target
//! once. Memory: a route and a path per file, a 64-bit hash per id; never page text. The
//! entries are sorted by route and found by binary search, and the lookups by name and by parent
//! are hashes beside entry numbers, so the index costs no second copy of any route.

use super::anchors::{self, IdStyle};
use super::ladder_index::LadderIndex;
use super::layout::{Generator, Layout, Served};
use super::redirects::{Redirect, Redirects};
use globset::GlobSet;
use rustc_hash::{FxHashMap, FxHashSet};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// What serves a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A Markdown page: its ids can be read.
    Page,
    /// A page from a template hblint does not read: it exists, its ids are unknown.
    Template,
    /// A file served as it is.
    File,
}

/// One route of the site.
#[derive(Debug)]
pub struct Entry {
    pub route: Box<str>,
    /// The file, relative to its content folder (`content` indexes `Layout::content`): most of
    /// a full path is the folder, which thousands of entries would repeat (see [`SiteIndex::path_of`]).
    inside: Box<str>,
    content: u16,
    pub kind: EntryKind,
    /// Hashes of the page's ids ([`id_hash`]), sorted: whether an id exists is all a link
    /// asks, except when it is missing and the message names the nearest (read again then).
    ids: OnceLock<Option<Box<[u64]>>>,
}

/// What the run's configuration says about the site, beyond what the layout shows.
#[derive(Debug, Clone)]
pub struct SiteOptions {
    /// Hosts whose URLs are this site's pages (`https://about.gitlab.com`).
    pub hosts: Vec<String>,
    /// Routes built at build time from data, not from a file: links there cannot be verified.
    pub generated: GlobSet,
    /// The redirects file, if the configuration found one.
    pub redirects: Option<PathBuf>,
    /// Front matter layouts whose pages are built from data (GitLab's release posts,
    /// `layout: release`): their ids cannot be read from the page.
    pub data_layouts: Vec<String>,
}

/// A handbook repository's routes, ids and redirects.
pub struct SiteIndex {
    pub layout: Layout,
    pub style: IdStyle,
    /// Sorted by route, one entry a route.
    entries: Vec<Entry>,
    /// First path segments with any content (`handbook`, `job-families`): a route in a section
    /// the tree does not have is another repository's, or a part of the snapshot left out.
    sections: FxHashSet<Box<str>>,
    /// Pages by a hash of their last segment, sorted, for suggesting where a moved page went.
    by_name: Vec<(u64, u32)>,
    /// Pages by a hash of their parent route (`/handbook/` → its pages), sorted, for suggesting
    /// a close sibling.
    children: Vec<(u64, u32)>,
    /// Suggestions made, by missing path: a handbook links to the same missing page from many
    /// pages (`/company/team/` hundreds of times), and each search compares names.
    suggested: Mutex<FxHashMap<Box<str>, Option<u32>>>,
    pub redirects: Redirects,
    /// Where the redirects came from, for messages.
    pub redirects_file: Option<PathBuf>,
    pub options: SiteOptions,
    /// The job-family pages, scanned the first time a ladder rule asks (see `ladders`).
    ladders: OnceLock<LadderIndex>,
}

impl SiteIndex {
    /// Walks the layout's content folders.
    pub fn build(layout: Layout, redirects: Redirects, options: SiteOptions) -> SiteIndex {
        // (the file inside its folder with '/' separators, as the route reads it; the same as
        // written, which `path_of` joins back; its content folder).
        let mut found: Vec<(String, String, u16)> = Vec::new();
        for (content, dir) in layout.content.iter().enumerate().take(usize::from(u16::MAX)) {
            let content = content as u16;
            found.extend(walk_files(dir).into_iter().filter_map(|path| {
                let inside = path.strip_prefix(dir).ok()?.to_str()?.to_string();
                Some((inside.replace('\\', "/"), inside, content))
            }));
        }
        // Path order, folder included: of two files for one route the first wins (below).
        found.sort_by(|a, b| (&a.0, &layout.content[usize::from(a.2)]).cmp(&(&b.0, &layout.content[usize::from(b.2)])));
        let style = match layout.generator {
            Generator::Middleman => IdStyle::Kramdown,
            Generator::Hugo => IdStyle::Hugo,
        };
        let mut index = SiteIndex {
            style,
            entries: Vec::with_capacity(found.len()),
            sections: FxHashSet::default(),
            by_name: Vec::new(),
            children: Vec::new(),
            suggested: Mutex::default(),
            redirects,
            redirects_file: options.redirects.clone(),
            options,
            layout,
            ladders: OnceLock::new(),
        };
        for (slashed, inside, content) in found {
            let (route, kind) = match index.layout.route_of(&slashed) {
                Served::Page(route) => (route, EntryKind::Page),
                Served::Template(route) => (route, EntryKind::Template),
                Served::File(route) => (route, EntryKind::File),
                Served::Hidden => continue,
            };
            if let Some(section) = route.trim_start_matches('/').split('/').next().filter(|s| !s.is_empty()) {
                index.sections.insert(section.into());
            }
            let (route, inside) = (route.into_boxed_str(), inside.into_boxed_str());
            index.entries.push(Entry { route, inside, content, kind, ids: OnceLock::new() });
        }
        // Two files for one route (`x.html.md` and `x/index.html.md`): the first in path order
        // wins (a stable sort keeps it first), as the generator's own conflict is not a link's
        // problem.
        index.entries.sort_by(|a, b| a.route.cmp(&b.route));
        index.entries.dedup_by(|later, first| later.route == first.route);
        index.entries.shrink_to_fit();
        for (id, entry) in index.entries.iter().enumerate() {
            if let Some((parent, name)) = name_and_parent(entry) {
                index.by_name.push((text_hash(name), id as u32));
                index.children.push((text_hash(parent), id as u32));
            }
        }
        index.by_name.sort_unstable();
        index.children.sort_unstable();
        index
    }

    /// Feeds `feed` what every answer of the index depends on: each entry's route and file,
    /// with a page's size and modification time (its ids and its ladder come from its text),
    /// and the redirects file's text. Equal feeds, equal answers: the result cache keys
    /// findings of link and ladder rules on it.
    pub fn feed_state(&self, feed: &mut dyn FnMut(&[u8])) {
        for entry in &self.entries {
            feed(entry.route.as_bytes());
            let path = self.path_of(entry);
            feed(path.as_os_str().as_encoded_bytes());
            // Of a template or a served file only its route counts: the index reads no text of it.
            if entry.kind != EntryKind::Page {
                continue;
            }
            let meta = std::fs::metadata(&path).ok();
            let modified = meta
                .as_ref()
                .and_then(|m| m.modified().ok())
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            feed(&meta.map_or(u64::MAX, |m| m.len()).to_le_bytes());
            feed(&modified.to_le_bytes());
        }
        if let Some(redirects) = &self.redirects_file {
            feed(&std::fs::read(redirects).unwrap_or_default());
        }
        // The options of the configuration the index was built with (hosts, generated routes,
        // data layouts) and its generator's id style: another configuration builds another index.
        feed(format!("{:?} {:?} {:?}", self.style, self.options, self.layout).as_bytes());
    }

    /// The file of an entry.
    pub fn path_of(&self, entry: &Entry) -> PathBuf {
        let dir = self.layout.content.get(usize::from(entry.content)).map_or(Path::new(""), PathBuf::as_path);
        dir.join(&*entry.inside)
    }

    /// The entry of exactly this route.
    fn get(&self, route: &str) -> Option<&Entry> {
        self.entries.binary_search_by(|e| (*e.route).cmp(route)).ok().map(|i| &self.entries[i])
    }

    /// The entries whose key in `keys` (`by_name` or `children`) hashes as `text` does; the
    /// caller compares the text itself, as two texts may share a hash.
    fn hashed<'s>(&'s self, keys: &'s [(u64, u32)], text: &str) -> impl Iterator<Item = &'s Entry> {
        let hash = text_hash(text);
        let start = keys.partition_point(|&(h, _)| h < hash);
        keys[start..].iter().take_while(move |&&(h, _)| h == hash).map(|&(_, id)| &self.entries[id as usize])
    }

    /// How many routes the site has.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry serving `path` (a normalized site path, no fragment or query), trying the
    /// forms a server accepts for the same page: with or without the trailing `/`,
    /// `/x/index.html`, `/x.html`.
    pub fn find(&self, path: &str) -> Option<&Entry> {
        let get = |route: &str| self.get(route);
        if let Some(entry) = get(path) {
            return Some(entry);
        }
        let bare = path.trim_end_matches('/');
        let stem = bare
            .strip_suffix("/index.html")
            .or_else(|| bare.strip_suffix(".html"))
            .or_else(|| bare.strip_suffix("/index"))
            .unwrap_or(bare);
        if let Some(entry) = get(&format!("{stem}/")).or_else(|| get(stem).filter(|e| e.kind == EntryKind::File)) {
            return Some(entry);
        }
        // Hugo finds a page by its content file too (`x.md`, `x/_index.md`, `x/index.md`), as its
        // link render hook and `GetPage` do, case-insensitively.
        if self.layout.generator == Generator::Hugo {
            let lower = bare.to_lowercase();
            let page = lower
                .strip_suffix("/_index.md")
                .or_else(|| lower.strip_suffix("/index.md"))
                .or_else(|| lower.strip_suffix(".md"))
                .unwrap_or(&lower);
            if page != bare {
                return get(&format!("{page}/")).or_else(|| get(if page.is_empty() { "/" } else { page }));
            }
        }
        None
    }

    /// Whether the page has the id `id`, its ids read from its file on first use and kept as
    /// hashes; `None` when they cannot be known (a template, a file that cannot be read, a page
    /// that includes other files' content).
    pub fn has_id(&self, entry: &Entry, id: &str) -> Option<bool> {
        let hashes = entry
            .ids
            .get_or_init(|| {
                let mut hashes: Vec<u64> = self.ids_of(entry)?.iter().map(|id| text_hash(id)).collect();
                hashes.sort_unstable();
                hashes.dedup();
                Some(hashes.into_boxed_slice())
            })
            .as_deref()?;
        Some(hashes.binary_search(&text_hash(id)).is_ok())
    }

    /// The ids of a page, read from its file (each call: for a message about a missing id);
    /// `None` when they cannot be known, as for [`SiteIndex::has_id`].
    pub fn ids_of(&self, entry: &Entry) -> Option<Vec<String>> {
        if entry.kind != EntryKind::Page {
            return None;
        }
        let bytes = std::fs::read(self.path_of(entry)).ok()?;
        let text = String::from_utf8_lossy(&bytes);
        if self.ids_unknowable(&text) {
            return None;
        }
        let mut ids = Vec::new();
        anchors::page_ids(&text, self.style, &mut ids);
        Some(ids)
    }

    /// Whether a page's ids cannot all be read from its text: it includes other files at build
    /// time, or its layout builds it from data.
    pub fn ids_unknowable(&self, text: &str) -> bool {
        renders_more(text)
            || layout_of(text).is_some_and(|layout| self.options.data_layouts.iter().any(|l| l == layout))
    }

    /// The redirect that sends a request for `path` to another page (see `Redirects::moved`).
    pub fn redirect(&self, path: &str) -> Option<&Redirect> {
        self.redirects.moved(path)
    }

    /// Whether the tree can say if `path` exists: its section has content, and it is not a
    /// route built at build time.
    pub fn can_verify(&self, path: &str) -> bool {
        let section = path.trim_start_matches('/').split('/').next().unwrap_or_default();
        self.sections.contains(section) && !self.options.generated.is_match(path)
    }

    /// The path of `url` on this site when it is one of the site's hosts and the path is in a
    /// section the repository holds (`https://about.gitlab.com/handbook/x/` → `/handbook/x/`).
    /// Two sites share the hosts (the Middleman site and the Hugo handbook): a path of a section
    /// this repository does not have is the other site's, and stays an external link.
    pub fn internal_path<'u>(&self, url: &'u str) -> Option<&'u str> {
        self.options.hosts.iter().find_map(|host| {
            let rest = strip_prefix_ignore_case(url, host.trim_end_matches('/'))?;
            if !rest.starts_with('/') {
                return None;
            }
            let section = rest[1..].split(['/', '#', '?']).next().unwrap_or_default();
            self.sections.contains(section).then_some(rest)
        })
    }

    /// The nearest existing route to a missing `path`: a page of the same name elsewhere (a
    /// page that moved), else the closest sibling under the deepest existing parent.
    pub fn suggest(&self, path: &str) -> Option<&str> {
        if let Some(known) = self.suggested.lock().unwrap_or_else(|e| e.into_inner()).get(path) {
            return known.map(|i| &*self.entries[i as usize].route);
        }
        let found = self.search_suggestion(path);
        let id =
            found.and_then(|route| self.entries.binary_search_by(|e| (*e.route).cmp(route)).ok()).map(|i| i as u32);
        self.suggested.lock().unwrap_or_else(|e| e.into_inner()).insert(path.into(), id);
        found
    }

    fn search_suggestion(&self, path: &str) -> Option<&str> {
        let trimmed = path.trim_end_matches('/');
        let (parent, name) = trimmed.rsplit_once('/')?;
        let moved = self.hashed(&self.by_name, name).filter(|e| name_and_parent(e).is_some_and(|(_, n)| n == name));
        let best = moved.min_by_key(|e| {
            let common = common_prefix(&e.route, path);
            (usize::MAX - common, e.route.len())
        });
        if let Some(entry) = best {
            return Some(&entry.route);
        }
        // The deepest ancestor the site has, then its closest child by name.
        let limit = name.len().max(3) / 3;
        let mut ancestor = parent;
        loop {
            let prefix = format!("{ancestor}/");
            let close = self
                .hashed(&self.children, &prefix)
                .filter(|e| name_and_parent(e).is_some_and(|(p, _)| p == prefix))
                .filter_map(|e| {
                    let child = e.route[prefix.len()..].trim_end_matches('/');
                    (child.len().abs_diff(name.len()) <= limit).then(|| (strsim::levenshtein(child, name), e))
                })
                .filter(|(d, _)| *d <= limit)
                .min_by_key(|(d, e)| (*d, e.route.len()));
            if let Some((_, entry)) = close {
                return Some(&entry.route);
            }
            if self.get(&prefix).is_some() || ancestor.is_empty() {
                return None;
            }
            ancestor = ancestor.rsplit_once('/').map_or("", |(p, _)| p);
        }
    }

    /// The route and entry kind of a file of this site, if the generator serves it.
    pub fn served(&self, file: &Path) -> Option<Served> {
        let inside = self.layout.locate(file)?;
        Some(self.layout.route_of(&inside))
    }

    /// The job-family pages of the site (Markdown under `/job-families/`, `.md.erb` included),
    /// scanned for their heading titles the first time a ladder rule asks; a page's ladder is
    /// built (`Page::build`) only when a linted page shares a title with it (`LadderIndex`).
    pub fn ladders(&self) -> &LadderIndex {
        self.ladders.get_or_init(|| {
            let paths: Vec<(&str, PathBuf)> = self
                .entries
                .iter()
                .filter(|e| e.kind == EntryKind::Page && e.route.starts_with("/job-families/"))
                .map(|e| (&*e.route, self.path_of(e)))
                .collect();
            let pages: Vec<(&str, &Path)> = paths.iter().map(|(route, path)| (*route, path.as_path())).collect();
            LadderIndex::scan(&pages, self.style)
        })
    }

    /// Every entry, in route order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }
}

/// Hugo shortcodes that render no heading or id of their own (boxes, embeds, a person's card,
/// counts, links): a page that calls only these has every id in its text. Any other shortcode
/// (`team`, `performance-indicators`, `product/categories-features`, `include`…) may render
/// data or another file, with headings hblint cannot see.
const INERT_SHORTCODES: &[&str] = &[
    "a",
    "alert",
    "card",
    "cardpane",
    "details",
    "figure",
    "handbook-counts",
    "label",
    "member-and-role-by-gitlab",
    "member-by-gitlab",
    "member-by-name",
    "note",
    "pageinfo",
    "panel",
    "ref",
    "relref",
    "tab",
    "tabs",
    "team-size",
    "vimeo",
    "warning",
    "youtube",
];

/// Whether a page's text may build headings hblint cannot see: ERB output (`<%= partial … %>`,
/// helpers) and Hugo shortcodes other than the inert ones render data or other files' content
/// at build time.
pub fn renders_more(text: &str) -> bool {
    if text.contains("<%=") {
        return true;
    }
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(found) = memchr::memmem::find(&bytes[from..], b"{{") {
        let at = from + found + 2;
        from = at;
        let Some(rest) = text.get(at..) else { break };
        let Some(call) = rest.strip_prefix('<').or_else(|| rest.strip_prefix('%')) else { continue };
        let call = call.trim_start();
        // A closing tag (`{{< /details >}}`) or a comment (`{{</* … */>}}`) names nothing new.
        if call.starts_with('/') {
            continue;
        }
        let name: &str = &call[..call.find(|c: char| c.is_whitespace() || c == '>' || c == '%').unwrap_or(call.len())];
        if !name.is_empty() && !INERT_SHORTCODES.contains(&name) {
            return true;
        }
    }
    false
}

/// The `layout:` of a page's YAML front matter, read without parsing it.
fn layout_of(text: &str) -> Option<&str> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = body.strip_prefix("---")?;
    for line in rest.lines().skip(1) {
        if line.trim_end() == "---" || line.trim_end() == "..." {
            return None;
        }
        if let Some(value) = line.strip_prefix("layout:") {
            let value = value.split(" #").next().unwrap_or(value).trim();
            return Some(value.trim_matches(|c| c == '"' || c == '\''));
        }
    }
    None
}

/// A page's parent route (with its `/`) and last segment: `/handbook/x/` → (`/handbook/`, `x`).
/// Files served as they are have none: they are no page a link's suggestion names.
fn name_and_parent(entry: &Entry) -> Option<(&str, &str)> {
    if entry.kind == EntryKind::File {
        return None;
    }
    let route = &*entry.route;
    let name = route.trim_end_matches('/').rsplit('/').next().filter(|n| !n.is_empty())?;
    Some((&route[..route.len() - name.len() - 1], name))
}

/// A fixed 64-bit hash (FNV-1a) of a name, a parent route or an id: lookups that compare the
/// text afterwards, or id sets where two ids of one page sharing a hash is as likely as never.
fn text_hash(text: &str) -> u64 {
    crate::hash::fnv1a(text.bytes())
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
}

fn strip_prefix_ignore_case<'u>(text: &'u str, prefix: &str) -> Option<&'u str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

/// Every file under `dir`, hidden files and folders left out (no generator serves them). A plain
/// recursive `read_dir`: a handbook's content folders hold a few thousand entries, which one
/// thread lists faster than a parallel walker starts its threads. Symbolic links are not
/// followed (a loop cannot trap the walk).
fn walk_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for entry in entries.flatten() {
            if entry.file_name().as_encoded_bytes().first() == Some(&b'.') {
                continue;
            }
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => pending.push(entry.path()),
                Ok(kind) if kind.is_file() => found.push(entry.path()),
                _ => {}
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> SiteOptions {
        SiteOptions {
            hosts: vec!["https://about.gitlab.com".into()],
            generated: globset::GlobSetBuilder::new()
                .add(globset::Glob::new("**/performance-indicators/**").unwrap())
                .build()
                .unwrap(),
            redirects: None,
            data_layouts: vec!["release".into()],
        }
    }

    fn site(files: &[(&str, &str)]) -> (tempfile::TempDir, SiteIndex) {
        let dir = tempfile::tempdir().expect("tempdir");
        for (path, text) in files {
            let full = dir.path().join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(full, text).unwrap();
        }
        let layout = Layout::middleman(dir.path());
        let index = SiteIndex::build(layout, Redirects::default(), options());
        (dir, index)
    }

    #[test]
    fn finds_pages_by_every_form_of_their_route() {
        let (_dir, index) = site(&[
            ("sites/handbook/source/handbook/index.html.md", "# Handbook\n"),
            ("sites/handbook/source/handbook/values.html.md", "# Values\n## Iteration\n"),
            ("sites/uncategorized/source/job-families/x/index.html.md.erb", "# X\n"),
            ("sites/handbook/source/images/a.png", ""),
        ]);
        assert_eq!(index.len(), 4);
        for path in ["/handbook/values/", "/handbook/values", "/handbook/values.html", "/handbook/values/index.html"] {
            assert_eq!(&*index.find(path).expect(path).route, "/handbook/values/");
        }
        assert_eq!(&*index.find("/job-families/x").unwrap().route, "/job-families/x/");
        assert_eq!(index.find("/images/a.png").unwrap().kind, EntryKind::File);
        let values = index.find("/handbook/values/").unwrap();
        assert_eq!(index.ids_of(values).unwrap(), ["values", "iteration"]);
        assert_eq!(index.has_id(values, "iteration"), Some(true));
        assert_eq!(index.has_id(values, "Iteration"), Some(false));
        assert_eq!(index.has_id(index.find("/images/a.png").unwrap(), "x"), None);
        assert!(index.can_verify("/handbook/nope/"));
        assert!(!index.can_verify("/company/team/"), "no page of the section is in the tree");
        assert!(!index.can_verify("/handbook/engineering/performance-indicators/"));
        assert!(index.ids_unknowable("---\nlayout: release # required\n---\n# Release\n"));
        assert!(!index.ids_unknowable("---\nlayout: handbook-page-toc\n---\n# Page\n"));
        assert!(index.ids_unknowable("# Team\n\n{{< team >}}\n"));
        assert!(index.ids_unknowable("# PIs\n\n{{% performance-indicators \"people\" %}}\n"));
        assert!(
            !index.ids_unknowable(
                "# Note\n\n{{% alert title=\"x\" %}}\ny\n{{% /alert %}} {{< member-by-name \"A\" >}}\n"
            )
        );
        assert!(index.ids_unknowable("# Page\n\n<%= partial \"x\" %>\n"));
    }

    #[test]
    fn suggests_a_moved_page_or_a_close_sibling() {
        let (_dir, index) = site(&[
            ("sites/handbook/source/handbook/people-group/offboarding/index.html.md", "# O\n"),
            ("sites/handbook/source/handbook/engineering/index.html.md", "# E\n"),
            ("sites/handbook/source/handbook/engineering/quality/index.html.md", "# Q\n"),
        ]);
        assert_eq!(index.suggest("/handbook/offboarding/"), Some("/handbook/people-group/offboarding/"));
        assert_eq!(index.suggest("/handbook/engineering/qualty/"), Some("/handbook/engineering/quality/"));
        assert_eq!(index.suggest("/handbook/engineering/zzzzzzzz/"), None);
    }

    #[test]
    fn internal_hosts_give_site_paths() {
        let (_dir, index) = site(&[("sites/handbook/source/handbook/index.html.md", "# H\n")]);
        assert_eq!(index.internal_path("https://about.gitlab.com/handbook/x/#y"), Some("/handbook/x/#y"));
        assert_eq!(index.internal_path("https://ABOUT.gitlab.com/handbook"), Some("/handbook"));
        assert_eq!(index.internal_path("https://about.gitlab.com/pricing/"), None, "another site's section");
        assert_eq!(index.internal_path("https://about.gitlab.com"), None);
        assert_eq!(index.internal_path("https://about.gitlab.com.evil/x"), None);
        assert_eq!(index.internal_path("https://docs.gitlab.com/x"), None);
    }
}

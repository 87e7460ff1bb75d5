//! One reading of a page's links against its site, shared by the link rules: where each
//! destination points, what serves it, and whether its fragment is an id there.

use crate::page::Page;
use crate::page::links::{LinkKind, LinkSyntax};
use crate::rules::markdown::references::normalize_label;
use crate::site::anchors;
use crate::site::index::{Entry, SiteIndex};
use crate::site::redirects::Redirect;
use crate::site::target::{self, Target, Written};
use crate::site::{PageInSite, ReadLink};
use crate::source::Span;

/// A link of the page with where it points.
pub struct SiteLink<'p> {
    pub syntax: &'p LinkSyntax,
    pub target: &'p Target,
    /// The destination as written (inline link, or a reference link's definition), for
    /// messages and fixes; `None` for autolinks and bare URLs.
    pub destination: Option<Span>,
}

impl SiteLink<'_> {
    /// Where a finding about the destination goes: the destination, else the whole link.
    pub fn span(&self) -> Span {
        match self.destination {
            Some(span) if span.start >= self.syntax.span.start && span.end <= self.syntax.span.end => span,
            _ => self.syntax.span,
        }
    }
}

/// The page's links (images left out), each read against the site once per page.
pub fn site_links<'p>(page: &'p Page<'_>, place: &'p PageInSite<'_>) -> impl Iterator<Item = SiteLink<'p>> + 'p {
    let all = &page.markdown.link_model.links;
    let read = place.links(|| {
        all.iter()
            .enumerate()
            .filter(|(_, link)| !link.image && !link.url.is_empty())
            .map(|(i, syntax)| ReadLink {
                link: i,
                target: read_relative_link(place, &syntax.url),
                destination: destination(page, syntax),
            })
            .collect()
    });
    read.iter().map(move |r| SiteLink { syntax: &all[r.link], target: &r.target, destination: r.destination })
}

/// Where a destination points. A relative one is read from the page's URL, as a browser reads
/// it, and from the page's file folder, as the generators also serve it:
/// - Hugo's link render hook finds a page from the page's folder first (`GetPage`: `meetings/`,
///   `../guide/_index.md`) and writes that page's URL;
/// - Middleman serves some `x.html.md` pages at `/x.html` (the handbook links its support pages
///   so a hundred times), where relative links are read from the file's folder too.
///
/// The other reading is used when it finds a page and the first does not.
fn read_relative_link(place: &PageInSite<'_>, url: &str) -> Target {
    let from_url = || target::read(url, place.route.as_deref(), |url| place.site.internal_path(url));
    let from_folder = || {
        let folder = place.folder.as_deref()?;
        let Target::Site { path, fragment, written: Written::Relative } = target::read(url, Some(folder), |_| None)
        else {
            return None;
        };
        let entry = place.site.find(&path)?;
        Some(Target::Site { path: entry.route.to_string(), fragment, written: Written::Relative })
    };
    if place.site.layout.generator == crate::site::layout::Generator::Hugo {
        return from_folder().unwrap_or_else(from_url);
    }
    let read = from_url();
    match &read {
        Target::Site { path, written: Written::Relative, .. } if place.site.find(path).is_none() => {
            from_folder().unwrap_or(read)
        }
        _ => read,
    }
}

/// Where the destination of `link` is written.
fn destination(page: &Page<'_>, link: &LinkSyntax) -> Option<Span> {
    let text = &page.source.text;
    match link.kind {
        LinkKind::Inline => link.destination(text).0,
        LinkKind::Full | LinkKind::Collapsed | LinkKind::Shortcut => {
            let label = link.label.unwrap_or(link.text);
            let wanted = normalize_label(text.get(label.start..label.end)?);
            let definition = page
                .markdown
                .link_model
                .definitions
                .iter()
                .find(|d| text.get(d.label.start..d.label.end).is_some_and(|l| normalize_label(l) == wanted))?;
            let written = definition.destination;
            let raw = text.get(written.start..written.end)?;
            Some(if raw.starts_with('<') && raw.ends_with('>') && raw.len() >= 2 {
                Span::new(written.start + 1, written.end - 1)
            } else {
                written
            })
        }
        LinkKind::Autolink | LinkKind::Literal => None,
    }
}

/// What serves a site path.
pub enum Lookup<'s> {
    Found(&'s Entry),
    Redirected(&'s Redirect),
    /// The tree cannot say: a section it does not hold, or a route built at build time.
    Unverifiable,
    Missing,
}

/// Looks `path` up: a page or file of the tree first, then the redirects.
pub fn look_up<'s>(site: &'s SiteIndex, path: &str) -> Lookup<'s> {
    if let Some(entry) = site.find(path) {
        return Lookup::Found(entry);
    }
    if let Some(redirect) = site.redirect(path) {
        return Lookup::Redirected(redirect);
    }
    if site.can_verify(path) { Lookup::Missing } else { Lookup::Unverifiable }
}

/// Fragments a browser resolves without an id: the top of the page, footnotes as kramdown and
/// Goldmark number them, text fragments, and line anchors of source views.
pub fn needs_no_id(fragment: &str) -> bool {
    fragment.eq_ignore_ascii_case("top")
        || fragment.starts_with("fn:")
        || fragment.starts_with("fnref:")
        || fragment.starts_with("fn-")
        || fragment.starts_with("fnref-")
        || fragment.starts_with(":~:")
}

/// Whether a relative destination reads like an id (`director-product`): letters, digits, `-`
/// and `_`, with a `-` in it.
pub fn anchor_like(url: &str) -> bool {
    !url.is_empty()
        && url.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
        && url.bytes().any(|b| b == b'-')
}

/// The ids of the page itself, from its text (what is being linted, which may differ from the
/// file on disk), scanned once per page for every link rule.
pub fn own_ids<'p>(page: &Page<'_>, place: &'p PageInSite<'_>) -> &'p [String] {
    place.own_ids(|| {
        let mut ids = Vec::new();
        anchors::page_ids(&page.source.text, place.site.style, &mut ids);
        ids
    })
}

/// The id closest to `fragment` among `ids`: an id that differs only in case first, then the
/// nearest by edit distance within a third of the fragment's length.
pub fn nearest_id<'i>(fragment: &str, ids: impl Iterator<Item = &'i str> + Clone) -> Option<(&'i str, bool)> {
    if let Some(same) = ids.clone().find(|id| id.eq_ignore_ascii_case(fragment)) {
        return Some((same, true));
    }
    let limit = (fragment.chars().count() / 3).max(2);
    // Lengths further apart than the limit cannot be within it: skip the quadratic distance.
    let slack = if fragment.is_ascii() { limit } else { limit * 4 };
    ids.filter(|id| id.len().abs_diff(fragment.len()) <= slack)
        .map(|id| (strsim::levenshtein(id, fragment), id))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, id)| (*distance, id.len()))
        .map(|(_, id)| (id, false))
}

/// How a site path reads in a message: as written, and where it points when that differs.
pub fn describe(page: &Page<'_>, link: &SiteLink<'_>, path: &str) -> String {
    let written = link.destination.and_then(|s| page.source.text.get(s.start..s.end)).unwrap_or(&link.syntax.url);
    let written = written.split('#').next().unwrap_or(written);
    match &link.target {
        Target::Site { written: Written::Relative, .. } => format!("'{written}' (read from this page's URL: {path})"),
        _ => format!("'{path}'"),
    }
}

//! How a handbook repository turns files into URLs: which folders hold the site's content, and
//! the route the site generator gives each file there. A leaf: it imports nothing of the crate.
//!
//! - **Middleman** (`www-gitlab-com`): every `sites/<site>/source/` folder (and a top-level
//!   `source/`) is served at `/`. `x/index.html.md` and `x.html.md` (`.erb`, `.haml`, plain
//!   `.md` alike) become `/x/` (directory indexes); a file whose name starts with `_` is a
//!   partial, not a page; other files (images, PDFs) are served as they are.
//! - **Hugo** (`content-sites-handbook`): `content/` is served at `/`. `x/_index.md`,
//!   `x/index.md` and `x.md` become `/x/`, lowercased as Hugo does by default; other files of a
//!   page bundle are served beside it. `static/` is served at `/` as it is.

use std::path::{Component, Path, PathBuf};

/// The site generator that builds the handbook: it decides routes and heading ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Generator {
    Middleman,
    Hugo,
}

impl Generator {
    pub fn as_str(self) -> &'static str {
        match self {
            Generator::Middleman => "middleman",
            Generator::Hugo => "hugo",
        }
    }

    pub fn parse(name: &str) -> Option<Generator> {
        match name {
            "middleman" => Some(Generator::Middleman),
            "hugo" => Some(Generator::Hugo),
            _ => None,
        }
    }
}

/// A handbook repository: its root, its generator and the folders served at `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub root: PathBuf,
    pub generator: Generator,
    /// Folders whose files are served at `/` (absolute paths).
    pub content: Vec<PathBuf>,
}

/// Files a Hugo site's root has (any one of them): a `content/` folder beside none of these is
/// an ordinary folder named content, not a Hugo site.
const HUGO_MARKERS: &[&str] = &[
    "hugo.toml",
    "hugo.yaml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config",
    "layouts",
    "themes",
    "data",
    "go.mod",
];

/// Files a single-site Middleman root has beside `source/`.
const MIDDLEMAN_MARKERS: &[&str] = &["config.rb", "Gemfile", "data"];

impl Layout {
    /// The layout a file sits in, read from its path (absolute or relative to the working
    /// directory): the nearest `sites/<site>/source/`, `source/` or Hugo `content/` above it.
    pub fn detect(file: &Path) -> Option<Layout> {
        let absolute = absolute(file)?;
        for dir in absolute.ancestors().skip(1) {
            let name = dir.file_name().and_then(|n| n.to_str());
            let Some(parent) = dir.parent() else { break };
            match name {
                Some("source") => {
                    let grandparent = parent.parent();
                    if parent.parent().and_then(Path::file_name).and_then(|n| n.to_str()) == Some("sites")
                        && let Some(root) = grandparent.and_then(Path::parent)
                    {
                        return Some(Layout::middleman(root));
                    }
                    if MIDDLEMAN_MARKERS.iter().any(|m| parent.join(m).exists()) {
                        return Some(Layout::middleman(parent));
                    }
                }
                Some("content") if HUGO_MARKERS.iter().any(|m| parent.join(m).exists()) => {
                    return Some(Layout::hugo(parent));
                }
                _ => {}
            }
        }
        None
    }

    /// A Middleman repository at `root`: every `sites/*/source` and `source`.
    pub fn middleman(root: &Path) -> Layout {
        let mut content = Vec::new();
        if let Ok(sites) = std::fs::read_dir(root.join("sites")) {
            for site in sites.flatten() {
                let source = site.path().join("source");
                if source.is_dir() {
                    content.push(source);
                }
            }
        }
        if root.join("source").is_dir() {
            content.push(root.join("source"));
        }
        content.sort();
        Layout { root: root.to_path_buf(), generator: Generator::Middleman, content }
    }

    /// A Hugo repository at `root`: `content/` and `static/`.
    pub fn hugo(root: &Path) -> Layout {
        let content = ["content", "static"].iter().map(|d| root.join(d)).filter(|d| d.is_dir()).collect();
        Layout { root: root.to_path_buf(), generator: Generator::Hugo, content }
    }

    /// The content folder holding `file` and the file's path inside it, `/`-separated.
    pub fn locate(&self, file: &Path) -> Option<String> {
        let absolute = absolute(file)?;
        self.content.iter().find_map(|dir| {
            let inside = absolute.strip_prefix(dir).ok()?;
            Some(inside.to_str()?.replace('\\', "/"))
        })
    }

    /// What the generator makes of a file at `inside` (its path in a content folder).
    pub fn route_of(&self, inside: &str) -> Served {
        match self.generator {
            Generator::Middleman => middleman_route(inside),
            Generator::Hugo => hugo_route(inside),
        }
    }
}

/// What a file becomes on the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Served {
    /// A page at this route (`/x/`), from Markdown: its ids can be read.
    Page(String),
    /// A page from a template hblint does not read (`.html.haml`, `.html.erb`, `.html`).
    Template(String),
    /// A file served as it is (`/images/x.png`).
    File(String),
    /// A partial or data: not served on its own.
    Hidden,
}

/// Middleman's template extensions, longest first; what is left is the output name.
const MIDDLEMAN_PAGES: &[(&str, bool)] = &[
    (".html.md.erb", true),
    (".html.markdown.erb", true),
    (".html.md", true),
    (".html.markdown", true),
    (".md.erb", true),
    (".md", true),
    (".markdown", true),
    (".html.erb", false),
    (".html.haml", false),
    (".html.slim", false),
    (".html", false),
];

fn middleman_route(inside: &str) -> Served {
    let name = inside.rsplit('/').next().unwrap_or(inside);
    if name.starts_with('_') || inside.starts_with("includes/") || inside.contains("/includes/") {
        return Served::Hidden;
    }
    let lower = name.to_ascii_lowercase();
    for (extension, markdown) in MIDDLEMAN_PAGES {
        if lower.ends_with(extension) {
            let stem = &inside[..inside.len() - extension.len()];
            let route = directory_route(stem);
            return if *markdown { Served::Page(route) } else { Served::Template(route) };
        }
    }
    Served::File(format!("/{inside}"))
}

/// `x/index` → `/x/`, `x` → `/x/`, `index` → `/`.
fn directory_route(stem: &str) -> String {
    let dir = match stem.strip_suffix("index") {
        Some(dir) if dir.is_empty() || dir.ends_with('/') => dir.trim_end_matches('/'),
        _ => stem.trim_end_matches('/'),
    };
    if dir.is_empty() { "/".to_string() } else { format!("/{dir}/") }
}

fn hugo_route(inside: &str) -> Served {
    let lower = inside.to_lowercase();
    let Some(stem) = lower.strip_suffix(".md").or_else(|| lower.strip_suffix(".markdown")) else {
        return Served::File(format!("/{lower}"));
    };
    let stem = stem.strip_suffix("_index").filter(|d| d.is_empty() || d.ends_with('/')).unwrap_or(stem);
    Served::Page(directory_route(stem))
}

fn absolute(path: &Path) -> Option<PathBuf> {
    let joined = std::path::absolute(path).ok()?;
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(route: &str) -> Served {
        Served::Page(route.to_string())
    }

    #[test]
    fn middleman_routes_are_directory_indexes() {
        assert_eq!(middleman_route("job-families/x/index.html.md"), page("/job-families/x/"));
        assert_eq!(middleman_route("job-families/x.html.md"), page("/job-families/x/"));
        assert_eq!(middleman_route("job-families/x/index.html.md.erb"), page("/job-families/x/"));
        assert_eq!(middleman_route("handbook/index.html.md"), page("/handbook/"));
        assert_eq!(middleman_route("index.html.md"), page("/"));
        assert_eq!(middleman_route("handbook/readme/a.md"), page("/handbook/readme/a/"));
        assert_eq!(middleman_route("team/index.html.haml"), Served::Template("/team/".into()));
        assert_eq!(middleman_route("images/a.png"), Served::File("/images/a.png".into()));
        assert_eq!(middleman_route("handbook/_partial.html.md"), Served::Hidden);
        assert_eq!(middleman_route("includes/a.md"), Served::Hidden);
        // `reindex` is not `index`.
        assert_eq!(middleman_route("x/reindex.html.md"), page("/x/reindex/"));
    }

    #[test]
    fn hugo_routes_are_lowercased_sections_and_bundles() {
        assert_eq!(hugo_route("handbook/_index.md"), page("/handbook/"));
        assert_eq!(hugo_route("handbook/x/index.md"), page("/handbook/x/"));
        assert_eq!(hugo_route("handbook/x.md"), page("/handbook/x/"));
        assert_eq!(hugo_route("handbook/CEO/Shadow.md"), page("/handbook/ceo/shadow/"));
        assert_eq!(hugo_route("_index.md"), page("/"));
        assert_eq!(hugo_route("handbook/x/diagram.png"), Served::File("/handbook/x/diagram.png".into()));
    }

    #[test]
    fn detects_the_layout_from_a_path() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("sites/handbook/source/handbook")).unwrap();
        std::fs::create_dir_all(root.join("sites/uncategorized/source/job-families")).unwrap();
        let layout = Layout::detect(&root.join("sites/handbook/source/handbook/x.html.md")).expect("middleman");
        assert_eq!(layout.generator, Generator::Middleman);
        assert_eq!(layout.content.len(), 2);
        assert_eq!(
            layout.locate(&root.join("sites/uncategorized/source/job-families/a.html.md")).unwrap(),
            "job-families/a.html.md"
        );

        let hugo = dir.path().join("hb");
        std::fs::create_dir_all(hugo.join("content/handbook")).unwrap();
        assert_eq!(Layout::detect(&hugo.join("content/handbook/a.md")), None, "a bare content/ is no Hugo site");
        std::fs::create_dir_all(hugo.join("data")).unwrap();
        assert_eq!(Layout::detect(&hugo.join("content/handbook/a.md")).unwrap().generator, Generator::Hugo);
    }
}

//! `[site]` in `hblint.toml`: how the handbook repository becomes a site, for layouts the
//! detection does not know (see `crate::site::layout`), the hosts that are this site, the routes
//! built at build time, and the redirects file; and reading `data/redirects.yml` as it is.
//!
//! ```toml
//! [site]
//! generator = "hugo"              # or "middleman"; default: detected from the layout
//! content = ["content", "static"] # folders served at `/`, relative to this file
//! hosts = ["https://handbook.gitlab.com"]
//! generated = ["/company/team/**"]
//! redirects = "data/redirects.yml"
//! data-layouts = ["release"]      # pages built from data: their ids are not checked
//! ```

use super::Settings;
use super::yaml_tree::{self, Value, error_at};
use crate::error::LocatedError;
use crate::site::Sites;
use crate::site::index::SiteIndex;
use crate::site::index::SiteOptions;
use crate::site::layout::{Generator, Layout};
use crate::site::redirects::{Match, Redirect, Redirects};
use globset::{Glob, GlobSetBuilder};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use toml::Spanned;

/// The handbook's hosts: a link to them is a link into the site.
pub const DEFAULT_HOSTS: &[&str] = &["https://about.gitlab.com", "https://handbook.gitlab.com"];

/// Front matter layouts GitLab's site builds from data: a release post's sections come from
/// `data/release_posts/`, not from its page.
pub const DEFAULT_DATA_LAYOUTS: &[&str] = &["release"];

/// Routes GitLab's handbook builds from data at build time, not from a page file.
pub const DEFAULT_GENERATED: &[&str] = &["/**/performance-indicators/**", "/performance-indicators/**"];

/// `[site]` in `hblint.toml`: how the repository becomes a site, for the link rules.
#[derive(Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawSite {
    /// The site generator: middleman or hugo (default: detected from the layout).
    #[serde(default)]
    #[schemars(with = "GeneratorName")]
    generator: Option<Spanned<String>>,
    /// Folders served at `/`, relative to this file (default: detected from the layout).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    content: Option<Spanned<Vec<Spanned<String>>>>,
    /// The hosts that are this site, as `https://name`.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    hosts: Option<Vec<Spanned<String>>>,
    /// Route globs built at build time, not from a page file.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    generated: Option<Vec<Spanned<String>>>,
    /// The redirects file, relative to this file (default: data/redirects.yml).
    #[serde(default)]
    #[schemars(with = "String")]
    redirects: Option<Spanned<String>>,
    /// Front matter layouts of pages built from data: their ids are not checked.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    data_layouts: Option<Vec<String>>,
}

/// `generator`'s values, for the schema only.
#[derive(schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)] // never built: it only describes the values
enum GeneratorName {
    Middleman,
    Hugo,
}

/// What a configuration says about the site; the layout itself is detected per file unless the
/// configuration names its content folders.
#[derive(Clone)]
pub struct SiteConfig {
    /// An explicit layout (`content` given), rooted at the config's folder.
    pub layout: Option<Layout>,
    /// The generator to assume for a detected layout, when the configuration names one.
    pub generator: Option<Generator>,
    pub options: SiteOptions,
}

impl Default for SiteConfig {
    fn default() -> SiteConfig {
        let hosts = DEFAULT_HOSTS.iter().map(|h| h.to_string()).collect();
        let mut globs = GlobSetBuilder::new();
        for pattern in DEFAULT_GENERATED {
            globs.add(Glob::new(pattern).expect("valid default glob"));
        }
        let generated = globs.build().expect("valid default globs");
        let data_layouts = DEFAULT_DATA_LAYOUTS.iter().map(|l| l.to_string()).collect();
        SiteConfig {
            layout: None,
            generator: None,
            options: SiteOptions { hosts, generated, redirects: None, data_layouts },
        }
    }
}

/// Reads `[site]` of the config at `config` (`located` turns an offset into an error there).
pub fn load(
    config: Option<&Path>,
    raw: Option<&RawSite>,
    located: &dyn Fn(usize, String) -> LocatedError,
) -> Result<SiteConfig, LocatedError> {
    let mut site = SiteConfig::default();
    let Some(raw) = raw else { return Ok(site) };
    let base = config.and_then(Path::parent).map(Path::to_path_buf).unwrap_or_default();
    if let Some(name) = &raw.generator {
        site.generator = Some(Generator::parse(name.get_ref()).ok_or_else(|| {
            located(name.span().start, format!("unknown generator '{}' (known: middleman, hugo)", name.get_ref()))
        })?);
    }
    if let Some(layouts) = &raw.data_layouts {
        site.options.data_layouts = layouts.clone();
    }
    if let Some(hosts) = &raw.hosts {
        let mut read = Vec::with_capacity(hosts.len());
        for host in hosts {
            read.push(site_host(host.get_ref()).map_err(|e| located(host.span().start, e))?);
        }
        site.options.hosts = read;
    }
    if let Some(patterns) = &raw.generated {
        let mut globs = GlobSetBuilder::new();
        for pattern in patterns {
            let glob = Glob::new(pattern.get_ref())
                .map_err(|e| located(pattern.span().start, format!("'{}' is no glob: {e}", pattern.get_ref())))?;
            globs.add(glob);
        }
        site.options.generated = globs.build().map_err(|e| located(0, e.to_string()))?;
    }
    if let Some(file) = &raw.redirects {
        let path = base.join(file.get_ref());
        if !path.is_file() {
            return Err(located(file.span().start, format!("no such file: '{}'", file.get_ref())));
        }
        site.options.redirects = Some(path);
    }
    if let Some(folders) = &raw.content {
        if folders.get_ref().is_empty() {
            // An empty list would make a site of nothing and silence every link rule.
            return Err(located(folders.span().start, "'content' lists no folder; name at least one".to_string()));
        }
        let mut content = Vec::new();
        for folder in folders.get_ref() {
            let dir = base.join(folder.get_ref());
            if !dir.is_dir() {
                return Err(located(folder.span().start, format!("'{}' is not a directory", folder.get_ref())));
            }
            content.push(std::path::absolute(&dir).unwrap_or(dir));
        }
        let root = std::path::absolute(&base).unwrap_or(base);
        site.layout = Some(Layout { root, generator: site.generator.unwrap_or(Generator::Middleman), content });
    }
    Ok(site)
}

/// A host as `[site] hosts` lists it: `https://name`, or `https://name/base` for a site served
/// below a path. Written otherwise it would match no link (`about.gitlab.com`) or every
/// root-relative one (`""`).
fn site_host(host: &str) -> Result<String, String> {
    let host = host.trim().trim_end_matches('/');
    let name = host.strip_prefix("https://").or_else(|| host.strip_prefix("http://"));
    match name {
        Some(name) if !name.starts_with('/') && !name.is_empty() && !name.contains(['?', '#', ' ']) => {
            Ok(host.to_string())
        }
        _ => Err(format!("'{host}' is no host: write it as 'https://name'")),
    }
}

/// The redirects file of a layout: the configured one, else `<root>/data/redirects.yml`.
pub fn redirects_file(layout: &Layout, options: &SiteOptions) -> Option<PathBuf> {
    options.redirects.clone().or_else(|| Some(layout.root.join("data/redirects.yml")).filter(|p| p.is_file()))
}

/// Reads `data/redirects.yml` as the handbook keeps it: a list of `sources` (one path or a
/// list), `target` and `comp_op` (`=`, `^~` or `~`).
pub fn parse_redirects(path: &Path, text: &str) -> Result<Redirects, LocatedError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(root) = yaml_tree::parse(path, text)? else { return Ok(Redirects::default()) };
    let Value::Seq(items) = &root.value else {
        return Err(error_at(path, &root, format!("the redirects must be a list of entries, not {}", root.kind())));
    };
    let mut entries = Vec::with_capacity(items.len());
    for item in items {
        let Value::Map(fields) = &item.value else {
            return Err(error_at(path, item, format!("a redirect must be a mapping, not {}", item.kind())));
        };
        let mut sources = Vec::new();
        let mut target = None;
        let mut how = Match::Exact;
        for (key, value) in fields {
            match key.as_str().unwrap_or_default() {
                "sources" => match &value.value {
                    Value::Scalar(one) => sources.push(source_path(path, value, one)?),
                    Value::Seq(many) => {
                        for source in many {
                            let text =
                                source.as_str().ok_or_else(|| error_at(path, source, "each source must be a path"))?;
                            sources.push(source_path(path, source, text)?);
                        }
                    }
                    Value::Map(_) => return Err(error_at(path, value, "'sources' must be a path or a list of paths")),
                },
                "target" => {
                    target = Some(value.as_str().ok_or_else(|| error_at(path, value, "'target' must be a path"))?);
                }
                "comp_op" => {
                    how = match value.as_str().map(str::trim) {
                        Some("=") => Match::Exact,
                        Some("^~") => Match::Prefix,
                        Some("~") => Match::Regex,
                        _ => return Err(error_at(path, value, "'comp_op' must be '=', '^~' or '~'")),
                    };
                }
                other => {
                    return Err(error_at(
                        path,
                        key,
                        format!("unknown field '{other}' (known: sources, target, comp_op)"),
                    ));
                }
            }
        }
        let Some(target) = target else {
            return Err(error_at(path, item, "a redirect needs a 'target'"));
        };
        if sources.is_empty() {
            return Err(error_at(path, item, "a redirect needs 'sources'"));
        }
        let target = target.trim();
        if target.is_empty() {
            // A fix would write an empty destination over the link.
            return Err(error_at(path, item, "a redirect's 'target' is empty"));
        }
        entries.push(Redirect { sources, target: target.to_string(), how, line: item.line });
    }
    Ok(Redirects::new(entries))
}

/// A source as written, trimmed; an empty one is an error: as a prefix or a pattern it would
/// match every path of the site.
fn source_path(path: &Path, node: &yaml_tree::Node, text: &str) -> Result<String, LocatedError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(error_at(path, node, "an empty source would redirect every path; write the path it redirects"));
    }
    Ok(text.to_string())
}

/// The site indexes a run's link rules read: one per handbook repository among `files` (each
/// with the index of its settings), built before any page is linted (see `crate::site`), with
/// the options of the configuration that governs the first such file; only for files whose
/// rules need them. A redirects file that cannot be read is an error.
pub fn build_sites<'p>(
    files: impl IntoIterator<Item = (&'p Path, usize)>,
    settings: &[Settings],
) -> Result<Option<Arc<Sites>>, LocatedError> {
    let mut layouts: Vec<(Layout, usize)> = Vec::new();
    for (path, index) in files {
        let config = &settings[index];
        if !config.linter.needs_sites() {
            continue;
        }
        if layouts.iter().any(|(layout, _)| layout.locate(path).is_some()) {
            continue;
        }
        let layout = match &config.site.layout {
            Some(layout) => Some(layout.clone()).filter(|l| l.locate(path).is_some()),
            None => Layout::detect(path).map(|mut layout| {
                if let Some(generator) = config.site.generator {
                    layout.generator = generator;
                }
                layout
            }),
        };
        if let Some(layout) = layout {
            layouts.push((layout, index));
        }
    }
    if layouts.is_empty() {
        return Ok(None);
    }
    let mut indexes = Vec::with_capacity(layouts.len());
    for (layout, index) in layouts {
        let mut options = settings[index].site.options.clone();
        options.redirects = redirects_file(&layout, &options);
        let redirects = match &options.redirects {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| {
                    LocatedError::in_file(path, format!("cannot read: {}", crate::error::describe_io(&e)))
                })?;
                parse_redirects(path, &text)?
            }
            None => Redirects::default(),
        };
        indexes.push(Arc::new(SiteIndex::build(layout, redirects, options)));
    }
    Ok(Some(Arc::new(Sites::new(indexes))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_handbooks_redirects_as_they_are() {
        let text = "- sources: /a/\n  target: /b/\n  comp_op: '='\n- sources:\n    - /c\n    - /d/\n  target: /e/\n  comp_op: ^~\n";
        let redirects = parse_redirects(Path::new("data/redirects.yml"), text).expect("valid");
        assert_eq!(redirects.len(), 2);
        assert_eq!(redirects.find("/a/").unwrap().target, "/b/");
        assert_eq!(redirects.find("/c/x").unwrap().line, 4);
    }

    #[test]
    fn a_bad_entry_is_located() {
        let err = parse_redirects(Path::new("r.yml"), "- sources: /a/\n  target: /b/\n  comp_op: '!'\n").unwrap_err();
        assert!(err.to_string().contains("r.yml:3"), "{err}");
        let err = parse_redirects(Path::new("r.yml"), "- sources: /a/\n").unwrap_err();
        assert!(err.to_string().contains("needs a 'target'"), "{err}");
    }

    #[test]
    fn a_host_is_a_scheme_and_a_name() {
        assert_eq!(site_host("https://handbook.gitlab.com/").as_deref(), Ok("https://handbook.gitlab.com"));
        assert_eq!(site_host("http://localhost:1313").as_deref(), Ok("http://localhost:1313"));
        assert_eq!(site_host("https://a.gitlab.io/hb/").as_deref(), Ok("https://a.gitlab.io/hb"));
        for bad in ["", "about.gitlab.com", "https://", "https:///x", "ftp://a.com", "https://a.com/#x"] {
            assert!(site_host(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_empty_source_or_target_is_located() {
        let err = parse_redirects(Path::new("r.yml"), "- sources: ''\n  target: /b/\n  comp_op: ^~\n").unwrap_err();
        assert!(err.to_string().contains("r.yml:1:12: an empty source"), "{err}");
        let err = parse_redirects(Path::new("r.yml"), "- sources: [/a/, ' ']\n  target: /b/\n").unwrap_err();
        assert!(err.to_string().contains("r.yml:1:18: an empty source"), "{err}");
        let err = parse_redirects(Path::new("r.yml"), "- sources: /a/\n  target: ''\n").unwrap_err();
        assert!(err.to_string().contains("r.yml:1:3: a redirect's 'target' is empty"), "{err}");
    }
}

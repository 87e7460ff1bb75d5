//! The site indexes a run's link rules read: one per handbook repository among the inputs,
//! built before any page is linted (see `crate::site`). Only when a rule in force needs them.

use crate::config::Settings;
use crate::config::site::{parse_redirects, redirects_file};
use crate::error::LocatedError;
use crate::run::Input;
use crate::site::Sites;
use crate::site::index::SiteIndex;
use crate::site::layout::Layout;
use crate::site::redirects::Redirects;
use std::path::PathBuf;
use std::sync::Arc;

/// Indexes every repository an input file sits in, with the options of the configuration that
/// governs the first such file. A redirects file that cannot be read is an error (exit 2).
/// `removed` are files a change removed, with their settings: their repository is indexed too,
/// for LK007, even when no page of the change remains to lint.
pub fn build(
    assigned: &[(Input, usize)],
    removed: &[(PathBuf, usize)],
    settings: &[Settings],
) -> Result<Option<Arc<Sites>>, LocatedError> {
    let mut layouts: Vec<(Layout, usize)> = Vec::new();
    let inputs = assigned.iter().map(|(input, index)| {
        let path = match input {
            Input::File(p) | Input::Text(p, _) => p,
        };
        (path, index)
    });
    for (path, index) in inputs.chain(removed.iter().map(|(p, i)| (p, i))) {
        let config = &settings[*index];
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
            layouts.push((layout, *index));
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

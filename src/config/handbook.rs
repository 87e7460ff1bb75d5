//! The handbook's own data files, read as the handbook keeps them: `data/misused_terms.yml` (the
//! terms IL004 reports) and `data/inclusiveness_check.yml` (the pages the inclusive-language
//! rules skip, and IL007's stale entries) and `data/people_group/job_families.yml` (the job-family
//! pages the compensation calculator links: LD002, LD003).
//!
//! They are found under the repository root, `<root>/data/…`: the root is the directory of the
//! `hblint.toml` in use when it has a `data/` folder with the file, else the git repository's
//! root around it (around the working directory without a config). `hblint.toml`'s `[handbook]`
//! table may name each file and the root explicitly, relative to the config file.

use super::yaml_tree::{self, Node, Value, error_at};
use crate::error::LocatedError;
use crate::rules::inclusive::misused_terms::TermEntry;
use crate::rules::inclusive::skip_list::{SkipEntry, SkipList, normalize};
use crate::site::job_families::{JobFamilyList, ListedRoute, normalize_route};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use toml::Spanned;

/// `[handbook]` in `hblint.toml`: the handbook's data files, relative to this file.
#[derive(Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawHandbook {
    /// The list of misused terms.
    #[serde(default, alias = "misused_terms")]
    #[schemars(with = "String")]
    misused_terms: Option<Spanned<String>>,
    /// The inclusive-language skip list.
    #[serde(default, alias = "inclusiveness_check")]
    #[schemars(with = "String")]
    inclusiveness_check: Option<Spanned<String>>,
    /// The list of job families (`data/people_group/job_families.yml`).
    #[serde(default, alias = "job_families")]
    #[schemars(with = "String")]
    job_families: Option<Spanned<String>>,
    /// The repository root: where `data/` is looked for and skip-list entries are matched.
    #[serde(default)]
    #[schemars(with = "String")]
    root: Option<Spanned<String>>,
}

/// What a configuration read of the handbook's data.
#[derive(Default)]
pub struct HandbookData {
    /// The list of misused terms, and the file it came from.
    pub misused_terms: Option<(PathBuf, Vec<TermEntry>)>,
    pub skip_list: Option<Arc<SkipList>>,
    /// The list of job families, and the repository root its routes are looked for under.
    pub job_families: Option<(Arc<JobFamilyList>, PathBuf)>,
    /// Each file read, with a hash of the text parsed (the result cache's key: a file saved
    /// again after this read must not be hashed as what was parsed).
    pub read: Vec<(PathBuf, crate::cache::Key)>,
}

/// The git repository root at or above `dir`.
fn git_root(dir: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(dir).ok()?;
    absolute.ancestors().find(|d| d.join(".git").exists()).map(Path::to_path_buf)
}

/// Loads the data files for a configuration at `config` (or none). `located` turns an offset in
/// the config into an error there.
pub fn load(
    config: Option<&Path>,
    raw: Option<&RawHandbook>,
    located: &dyn Fn(usize, String) -> LocatedError,
) -> Result<HandbookData, LocatedError> {
    let base = config.and_then(Path::parent).map(Path::to_path_buf).unwrap_or_default();
    let explicit_root = raw.and_then(|r| r.root.as_ref()).map(|r| base.join(r.get_ref()));
    if let (Some(root), Some(raw_root)) = (&explicit_root, raw.and_then(|r| r.root.as_ref()))
        && !root.is_dir()
    {
        return Err(located(raw_root.span().start, format!("root '{}' is not a directory", raw_root.get_ref())));
    }
    // Where `data/` may be: the explicit root, else the config's folder, then the git root.
    let mut roots: Vec<PathBuf> = Vec::new();
    match &explicit_root {
        Some(root) => roots.push(root.clone()),
        None => {
            if config.is_some() {
                roots.push(base.clone());
            }
            let around = if config.is_some() { base.clone() } else { PathBuf::from(".") };
            roots.extend(git_root(if around.as_os_str().is_empty() { Path::new(".") } else { &around }));
        }
    }
    let find = |name: &str, named: Option<&Spanned<String>>| -> Result<Option<(PathBuf, PathBuf)>, LocatedError> {
        if let Some(named) = named {
            let path = base.join(named.get_ref());
            if !path.is_file() {
                return Err(located(named.span().start, format!("no such file: '{}'", named.get_ref())));
            }
            let root = explicit_root.clone().unwrap_or_else(|| base.clone());
            return Ok(Some((path, root)));
        }
        let found = roots.iter().map(|r| (r.join("data").join(name), r.clone())).find(|(p, _)| p.is_file());
        Ok(found.map(|(path, root)| (relative_to_cwd(path), root)))
    };
    let mut data = HandbookData::default();
    if let Some((path, _)) = find("misused_terms.yml", raw.and_then(|r| r.misused_terms.as_ref()))? {
        let text = read(&path)?;
        data.read.push((path.clone(), crate::cache::key([text.as_bytes()])));
        data.misused_terms = Some((path.clone(), parse_misused_terms(&path, &text)?));
    }
    if let Some((path, root)) = find("inclusiveness_check.yml", raw.and_then(|r| r.inclusiveness_check.as_ref()))? {
        let text = read(&path)?;
        data.read.push((path.clone(), crate::cache::key([text.as_bytes(), root.as_os_str().as_encoded_bytes()])));
        data.skip_list = Some(parse_skip_list(&path, &text, root)?);
    }
    if let Some((path, root)) = find("people_group/job_families.yml", raw.and_then(|r| r.job_families.as_ref()))? {
        let text = read(&path)?;
        data.read.push((path.clone(), crate::cache::key([text.as_bytes(), root.as_os_str().as_encoded_bytes()])));
        data.job_families = Some((Arc::new(parse_job_families(&path, &text)?), root));
    }
    Ok(data)
}

/// A path found from the git root is absolute: shown relative to the working directory, as
/// the pages are, when it is below it.
fn relative_to_cwd(path: PathBuf) -> PathBuf {
    let Ok(cwd) = std::env::current_dir() else { return path };
    match path.strip_prefix(&cwd) {
        Ok(relative) => relative.to_path_buf(),
        Err(_) => path,
    }
}

/// The file's text, without the byte-order mark an editor on Windows may write (YAML allows it;
/// left in, it would become part of the first key).
fn read(path: &Path) -> Result<String, LocatedError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| LocatedError::in_file(path, format!("cannot read: {}", crate::error::describe_io(&e))))?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// A list of strings, or one string standing for a list of one.
fn strings(path: &Path, key: &str, node: &Node) -> Result<Vec<String>, LocatedError> {
    match &node.value {
        Value::Scalar(text) if text.trim().is_empty() || text == "~" => Ok(Vec::new()),
        Value::Scalar(text) => Ok(vec![text.clone()]),
        Value::Seq(items) => items
            .iter()
            .map(|item| {
                item.as_str().map(str::to_string).ok_or_else(|| {
                    error_at(path, item, format!("each item of '{key}' must be a string, not {}", item.kind()))
                })
            })
            .collect(),
        Value::Map(_) => Err(error_at(path, node, format!("'{key}' must be a list of strings, not a mapping"))),
    }
}

/// The handbook's list of misused terms: a list of mappings with `avoid` (required),
/// `avoid_description`, `avoid_footnote`, `use_instead`, `reason`, `exclude_from_exports`.
pub fn parse_misused_terms(path: &Path, text: &str) -> Result<Vec<TermEntry>, LocatedError> {
    let Some(root) = yaml_tree::parse(path, text)? else { return Ok(Vec::new()) };
    let Value::Seq(items) = &root.value else {
        return Err(error_at(
            path,
            &root,
            format!("the list of misused terms must be a list of entries, not {}", root.kind()),
        ));
    };
    let mut entries = Vec::new();
    for item in items {
        let Value::Map(fields) = &item.value else {
            return Err(error_at(path, item, format!("an entry must be a mapping with 'avoid', not {}", item.kind())));
        };
        let mut entry = TermEntry { line: item.line, ..TermEntry::default() };
        let mut has_avoid = false;
        for (key, value) in fields {
            let name = key.as_str().unwrap_or_default();
            match name {
                "avoid" => {
                    entry.avoid = strings(path, name, value)?;
                    has_avoid = true;
                }
                "avoid_footnote" => entry.avoid_footnote = strings(path, name, value)?,
                "use_instead" => entry.use_instead = strings(path, name, value)?,
                "avoid_description" => {
                    strings(path, name, value)?;
                }
                "reason" => {
                    entry.reason = value
                        .as_str()
                        .ok_or_else(|| error_at(path, value, format!("'reason' must be text, not {}", value.kind())))?
                        .to_string();
                }
                "exclude_from_exports" => {
                    entry.exclude_from_exports = match value.as_str() {
                        Some("true") => true,
                        Some("false") | Some("") | Some("~") => false,
                        _ => return Err(error_at(path, value, "'exclude_from_exports' must be true or false")),
                    };
                }
                other => {
                    return Err(error_at(
                        path,
                        key,
                        format!(
                            "unknown field '{other}' (known: avoid, avoid_description, avoid_footnote, use_instead, reason, exclude_from_exports)"
                        ),
                    ));
                }
            }
        }
        if !has_avoid || entry.avoid.is_empty() {
            return Err(error_at(path, item, "an entry needs 'avoid': the terms to avoid"));
        }
        entries.push(entry);
    }
    Ok(entries)
}

/// The handbook's skip list: a mapping with `skipped:` (paths) and optionally `checked:` (globs).
pub fn parse_skip_list(path: &Path, text: &str, root: PathBuf) -> Result<Arc<SkipList>, LocatedError> {
    let root_node = yaml_tree::parse(path, text)?;
    let no_fields = Vec::new();
    let fields = match &root_node {
        None => &no_fields,
        Some(Node { value: Value::Map(fields), .. }) => fields,
        Some(other) => {
            return Err(error_at(
                path,
                other,
                format!("the skip list must be a mapping with 'skipped:', not {}", other.kind()),
            ));
        }
    };
    let mut checked = None;
    let mut entries = Vec::new();
    let mut checked_at = None;
    for (key, value) in fields {
        match key.as_str().unwrap_or_default() {
            "checked" => {
                checked = Some(strings(path, "checked", value)?);
                checked_at = Some(value);
            }
            "skipped" => {
                let items: &[Node] = match &value.value {
                    Value::Seq(items) => items,
                    Value::Scalar(text) if text.trim().is_empty() || text == "~" => &[],
                    _ => {
                        return Err(error_at(
                            path,
                            value,
                            format!("'skipped' must be a list of paths, not {}", value.kind()),
                        ));
                    }
                };
                for item in items {
                    let Some(written) = item.as_str() else {
                        return Err(error_at(
                            path,
                            item,
                            format!("each skipped path must be a string, not {}", item.kind()),
                        ));
                    };
                    let suffix = normalize(written);
                    if suffix.is_empty() {
                        return Err(error_at(path, item, "an empty path in 'skipped'"));
                    }
                    entries.push(SkipEntry {
                        written: written.to_string(),
                        suffix,
                        line: item.line,
                        column: item.column,
                    });
                }
            }
            other => {
                return Err(error_at(path, key, format!("unknown key '{other}' (known: checked, skipped)")));
            }
        }
    }
    SkipList::new(path.to_path_buf(), root, checked, entries).map_err(|message| match checked_at {
        Some(node) => error_at(path, node, message),
        None => LocatedError::in_file(path, message),
    })
}

/// The handbook's list of job families: a list of mappings with `title` and `description`, one
/// route or a list of routes. The file is generated by the compensation calculator, so other keys
/// are left alone; a wrong shape is an error at its line.
pub fn parse_job_families(path: &Path, text: &str) -> Result<JobFamilyList, LocatedError> {
    let Some(root) = yaml_tree::parse(path, text)? else { return Ok(JobFamilyList::new(path.to_path_buf(), vec![])) };
    let Value::Seq(items) = &root.value else {
        return Err(error_at(
            path,
            &root,
            format!("the list of job families must be a list of entries, not {}", root.kind()),
        ));
    };
    let mut routes = Vec::new();
    for item in items {
        let Value::Map(fields) = &item.value else {
            return Err(error_at(
                path,
                item,
                format!("an entry must be a mapping with 'title' and 'description', not {}", item.kind()),
            ));
        };
        let field = |name: &str| fields.iter().find(|(k, _)| k.as_str() == Some(name)).map(|(_, v)| v);
        let title = match field("title") {
            Some(node) => node
                .as_str()
                .ok_or_else(|| error_at(path, node, format!("'title' must be text, not {}", node.kind())))?
                .to_string(),
            None => String::new(),
        };
        let Some(description) = field("description") else {
            return Err(error_at(
                path,
                item,
                "an entry needs 'description': the route of its page, or a list of routes",
            ));
        };
        let nodes: Vec<&Node> = match &description.value {
            Value::Scalar(_) => vec![description],
            Value::Seq(items) => items.iter().collect(),
            Value::Map(_) => {
                return Err(error_at(
                    path,
                    description,
                    "'description' must be a route or a list of routes, not a mapping",
                ));
            }
        };
        for node in nodes {
            let Some(written) = node.as_str() else {
                return Err(error_at(path, node, format!("each route must be a string, not {}", node.kind())));
            };
            if written.trim().is_empty() {
                continue;
            }
            routes.push(ListedRoute {
                written: written.to_string(),
                route: normalize_route(written),
                title: title.clone(),
                line: node.line,
                column: node.column,
            });
        }
    }
    Ok(JobFamilyList::new(path.to_path_buf(), routes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_entries_are_located() {
        let p = Path::new("data/misused_terms.yml");
        let err = parse_misused_terms(p, "- avoid:\n  - A\n  reason: r\n- use_instead: [B]\n").unwrap_err();
        assert_eq!((err.line, err.message.as_str()), (4, "an entry needs 'avoid': the terms to avoid"));
        let err = parse_misused_terms(p, "- avoid: [A]\n  reasons: r\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.starts_with("unknown field 'reasons'"));
        let entries =
            parse_misused_terms(p, "- avoid:\n  - GitLabber\n  reason: \\\"x\"\n  exclude_from_exports: false\n");
        assert_eq!(entries.unwrap()[0].avoid, ["GitLabber"]);
        let err = parse_skip_list(Path::new("s.yml"), "skipped:\n  - a.md\n  - [b]\n", PathBuf::new()).unwrap_err();
        assert_eq!((err.line, err.column), (3, 5));
    }

    #[test]
    fn job_families_list_one_route_or_several() {
        let p = Path::new("data/people_group/job_families.yml");
        let text = "---\n- title: Accountant\n  description: \"/job-families/finance/accountant/\"\n- title: Backend\n  description:\n  - /job-families/engineering/backend-engineer\n  - \"/job-families/engineering/development/backend/\"\n";
        let list = parse_job_families(p, text).unwrap();
        let routes: Vec<_> = list.routes.iter().map(|r| (r.route.as_str(), r.line)).collect();
        assert_eq!(
            routes,
            [
                ("/job-families/finance/accountant/", 3),
                ("/job-families/engineering/backend-engineer/", 6),
                ("/job-families/engineering/development/backend/", 7)
            ]
        );
        let err = parse_job_families(p, "- title: A\n  description:\n    x: 1\n").unwrap_err();
        assert_eq!(err.line, 3);
        let err = parse_job_families(p, "- title: A\n").unwrap_err();
        assert!(err.message.contains("needs 'description'"), "{}", err.message);
    }
}

//! The job families of a site as the ladder rules read them during a run: every `/job-families/`
//! page's heading titles from a line scan (no parse), and each page's ladder built with
//! `Page::build` only when a title of a page being linted is among its headings, once per run.
//!
//! A merge request that changes one job-family page builds the few pages that share one of its
//! titles, not every family; a full run builds each job-family page at most once more.

use super::anchors::IdStyle;
use super::ladder::{FamilyLadder, GradeConflict, LadderLevel, grade_conflicts, title_key};
use crate::page::Page;
use crate::source::SourceFile;
use regex::Regex;
use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{LazyLock, Mutex, OnceLock};

struct ScannedPage {
    route: Box<str>,
    path: PathBuf,
    ladder: OnceLock<Option<FamilyLadder>>,
}

/// The job-family pages of a site, by the title keys their headings can name.
pub struct LadderIndex {
    pages: Vec<ScannedPage>,
    by_key: FxHashMap<Box<str>, Vec<u32>>,
    style: IdStyle,
}

impl LadderIndex {
    /// Reads every page (route, file) once, in parallel, for its heading titles.
    pub fn scan(pages: &[(&str, &Path)], style: IdStyle) -> LadderIndex {
        let next = AtomicUsize::new(0);
        let found: Mutex<Vec<(usize, Vec<String>)>> = Mutex::new(Vec::new());
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(pages.len()).max(1);
        std::thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some((_, path)) = pages.get(i) else { break };
                        let Ok(bytes) = std::fs::read(path) else { continue };
                        mine.push((i, heading_title_keys(&String::from_utf8_lossy(&bytes))));
                    }
                    found.lock().unwrap_or_else(|e| e.into_inner()).extend(mine);
                });
            }
        });
        let mut by_key: FxHashMap<Box<str>, Vec<u32>> = FxHashMap::default();
        let mut found = found.into_inner().unwrap_or_else(|e| e.into_inner());
        found.sort_unstable_by_key(|(i, _)| *i);
        for (i, keys) in found {
            for key in keys {
                by_key.entry(key.into_boxed_str()).or_default().push(i as u32);
            }
        }
        let pages = pages
            .iter()
            .map(|(route, path)| ScannedPage {
                route: (*route).into(),
                path: path.to_path_buf(),
                ladder: OnceLock::new(),
            })
            .collect();
        LadderIndex { pages, by_key, style }
    }

    /// How many job-family pages the site has.
    pub fn len(&self) -> usize {
        self.pages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }

    /// The ladder of page `i`, built the first time it is asked for.
    fn ladder(&self, i: usize) -> Option<&FamilyLadder> {
        let page = &self.pages[i];
        page.ladder
            .get_or_init(|| {
                let bytes = std::fs::read(&page.path).ok()?;
                let source = SourceFile::from_bytes(page.path.clone(), bytes).ok()?;
                FamilyLadder::with_ids(&Page::build(&source), &page.route, self.style)
            })
            .as_ref()
    }

    /// The levels of `family` whose title another job-family page of the site grades otherwise.
    pub fn grade_conflicts<'a>(&'a self, family: &FamilyLadder) -> Vec<GradeConflict<'a>> {
        grade_conflicts(family, |key| {
            let candidates = self.by_key.get(key).map_or(&[][..], Vec::as_slice);
            let mut levels: Vec<(&'a FamilyLadder, &'a LadderLevel)> = Vec::new();
            for &i in candidates {
                if *self.pages[i as usize].route == *family.route {
                    continue;
                }
                let Some(other) = self.ladder(i as usize) else { continue };
                levels.extend(
                    other.levels.iter().filter(|l| title_key(&l.title).as_deref() == Some(key)).map(|l| (other, l)),
                );
            }
            levels
        })
    }
}

/// The title keys a page's headings can give its levels: each ATX heading's text and a setext
/// heading's line, with a trailing "Job Grade" / "Responsibilities" / "Requirements" also cut
/// off (a level named by its "Senior X Job Grade" heading), and the front matter `title` (a page
/// that is itself the level). More keys than levels is harmless: a page is built only to be
/// compared, and a key it does not hold finds nothing on it.
pub fn heading_title_keys(text: &str) -> Vec<String> {
    static ATX: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$").expect("heading pattern is valid"));
    static TITLE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"^title:\s*["']?(.+?)["']?\s*$"#).expect("title pattern is valid"));
    static SECTION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\s*(?:job\s+grade|responsibilities|requirements)\W*$").expect("section pattern is valid")
    });
    let mut keys: Vec<String> = Vec::new();
    let mut previous = "";
    let mut add = |title: &str| {
        for text in [title, SECTION.replace(title, "").as_ref()] {
            keys.extend(title_key(&strip_links(text)));
        }
    };
    for line in text.lines() {
        let trimmed = line.trim_end();
        if let Some(caps) = ATX.captures(trimmed) {
            add(caps.get(1).map_or("", |m| m.as_str()));
        } else if let Some(caps) = TITLE.captures(trimmed) {
            add(caps.get(1).map_or("", |m| m.as_str()));
        } else if trimmed.len() >= 2
            && (trimmed.bytes().all(|b| b == b'=') || trimmed.bytes().all(|b| b == b'-'))
            && !previous.trim().is_empty()
        {
            add(previous.trim());
        }
        previous = line;
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// `[text](url)` → `text`: a link's address would add words the title does not have.
fn strip_links(text: &str) -> String {
    static LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\]\([^)]*\)").expect("link pattern is valid"));
    LINK.replace_all(text, "]").into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_titles_from_a_line_scan() {
        let text = "---\ntitle: \"Widget Engineer\"\n---\n\n## Levels\n\n### Senior [Widget Engineer](/x/) ##\n\n#### Staff Widget Engineer Job Grade\n\nSr. Widget Lead\n---------------\n\n    # not a heading? (code)\n";
        let keys = heading_title_keys(text);
        for key in ["widget engineer", "senior widget engineer", "staff widget engineer", "senior widget lead"] {
            assert!(keys.iter().any(|k| k == key), "{key} in {keys:?}");
        }
        assert!(!keys.iter().any(|k| k.contains('x')), "{keys:?}");
    }
}

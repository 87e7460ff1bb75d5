//! Anchor ids against the real handbook corpus beside the checkout (`../shared/corpus`): the
//! same-page links authors wrote (`[x](#frag)`) find their fragment among `page_ids` as often
//! as we measured when we read every miss (the misses are author errors, ids made from data
//! by templates, or links into code samples), and the scan never panics on a real page.
//! Skips with a message when the corpus is absent.

use hblint::site::anchors::{IdStyle, page_ids};
use regex::Regex;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: ../shared/corpus is absent (it holds the real handbook pages this test reads)");
        None
    }
}

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md" || e == "erb") {
            out.push(path);
        }
    }
}

/// (same-page links, how many resolve) over the pages under `dirs`.
fn same_page_links(dirs: &[PathBuf], style: IdStyle) -> (usize, usize) {
    let link = Regex::new(r##"\]\(#([^)\s"]+)\)"##).expect("valid regex");
    let mut files = Vec::new();
    for dir in dirs {
        markdown_files(dir, &mut files);
    }
    assert!(!files.is_empty(), "no pages under {dirs:?}");
    let (mut links, mut resolved) = (0, 0);
    let mut ids = Vec::new();
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        ids.clear();
        page_ids(&text, style, &mut ids);
        let set: HashSet<&str> = ids.iter().map(String::as_str).collect();
        for cap in link.captures_iter(&text) {
            links += 1;
            resolved += usize::from(set.contains(&cap[1]));
        }
    }
    (links, resolved)
}

#[test]
fn kramdown_ids_resolve_the_www_gitlab_com_same_page_links() {
    let Some(corpus) = corpus() else { return };
    let (links, resolved) =
        same_page_links(&[corpus.join("handbook/www-gitlab-com"), corpus.join("job-families")], IdStyle::Kramdown);
    // Measured: 1,791 links, 1,613 resolve (examples/anchor_coverage, which also reads href="#…"
    // and reference definitions: 1,846 and 1,661). Of its 185 misses, 85 point into release
    // posts whose sections are rendered from YAML data; the rest are broken (renamed or absent
    // headings, `##double-hash`, wrong case) or sit in code samples.
    assert!(links > 1_700, "{links} same-page links");
    eprintln!("kramdown: {resolved} of {links} same-page links resolve");
    assert!(resolved * 100 >= links * 89, "{resolved} of {links} resolve");
}

#[test]
fn hugo_ids_resolve_the_content_sites_same_page_links() {
    let Some(corpus) = corpus() else { return };
    let (links, resolved) = same_page_links(&[corpus.join("handbook/content-sites-handbook")], IdStyle::Hugo);
    // Measured: 2,887 links, 2,879 resolve; the 8 misses are author errors.
    assert!(links > 2_800, "{links} same-page links");
    assert!(links - resolved <= 10, "{resolved} of {links} resolve");
}

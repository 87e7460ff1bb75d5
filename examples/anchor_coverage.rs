//! How many links into the corpus's own pages find their `#fragment` among the ids
//! `hblint::site::anchors::page_ids` computes, and how long the scan takes.
//!
//! `cargo run --release --example anchor_coverage [CORPUS] [--list]` (default
//! `../shared/corpus`): same-page links (`[x](#frag)`) per generator, and cross-page links into
//! `/job-families/…/#frag`; `--list` prints every unresolved one as `file:line #frag`.

use hblint::site::anchors::{IdStyle, page_ids};
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.to_string_lossy().ends_with(".md") || path.to_string_lossy().ends_with(".md.erb") {
            out.push(path);
        }
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        if bytes[i] == b'%'
            && let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

struct Tally {
    links: usize,
    resolved: usize,
    unresolved: Vec<String>,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let list = args.iter().any(|a| a == "--list");
    let corpus =
        args.iter().find(|a| !a.starts_with("--")).map_or_else(|| PathBuf::from("../shared/corpus"), PathBuf::from);
    let same_page = Regex::new(r##"\]\(#([^)\s"]+)\)|href="#([^"]+)"|^\s*\[[^\]]+\]:\s*#(\S+)"##).expect("regex");
    let cross_page =
        Regex::new(r##"\]\((?:https://about\.gitlab\.com)?/job-families/([^)\s#"]*)#([^)\s"]+)\)"##).expect("regex");

    let mut files = Vec::new();
    markdown_files(&corpus.join("handbook/www-gitlab-com"), &mut files);
    markdown_files(&corpus.join("job-families"), &mut files);
    let hugo_start = files.len();
    markdown_files(&corpus.join("handbook/content-sites-handbook"), &mut files);
    let texts: Vec<(PathBuf, String)> =
        files.into_iter().filter_map(|p| std::fs::read_to_string(&p).ok().map(|t| (p, t))).collect();

    let mut scan_time = Duration::ZERO;
    let mut total_ids = 0;
    let mut page_id_sets: HashMap<PathBuf, HashSet<String>> = HashMap::new();
    let mut tallies = [
        Tally { links: 0, resolved: 0, unresolved: Vec::new() },
        Tally { links: 0, resolved: 0, unresolved: Vec::new() },
    ];
    let mut ids = Vec::new();
    for (index, (path, text)) in texts.iter().enumerate() {
        let style = if index >= hugo_start { IdStyle::Hugo } else { IdStyle::Kramdown };
        ids.clear();
        let start = Instant::now();
        page_ids(text, style, &mut ids);
        scan_time += start.elapsed();
        total_ids += ids.len();
        let set: HashSet<String> = ids.iter().cloned().collect();
        let tally = &mut tallies[usize::from(style == IdStyle::Hugo)];
        for (line_no, line) in text.lines().enumerate() {
            for cap in same_page.captures_iter(line) {
                let frag = cap.get(1).or(cap.get(2)).or(cap.get(3)).map_or("", |m| m.as_str());
                let frag = percent_decode(frag);
                if frag.is_empty() {
                    continue;
                }
                tally.links += 1;
                if set.contains(&frag) {
                    tally.resolved += 1;
                } else {
                    tally.unresolved.push(format!("{}:{} #{}", path.display(), line_no + 1, frag));
                }
            }
        }
        page_id_sets.insert(path.clone(), set);
    }
    // The scan alone, warm, best of five.
    let mut best = Duration::MAX;
    let rounds = if std::env::var_os("SCAN_ROUNDS").is_some() { 30 } else { 5 };
    for _ in 0..rounds {
        let start = Instant::now();
        for (index, (_, text)) in texts.iter().enumerate() {
            let style = if index >= hugo_start { IdStyle::Hugo } else { IdStyle::Kramdown };
            ids.clear();
            page_ids(text, style, &mut ids);
        }
        best = best.min(start.elapsed());
    }
    println!("scan, warm, best of 5: {:.1} ms", best.as_secs_f64() * 1000.0);
    println!(
        "scan: {} pages, {} MB, {} ids in {:.1} ms (one core)",
        texts.len(),
        texts.iter().map(|(_, t)| t.len()).sum::<usize>() / 1_000_000,
        total_ids,
        scan_time.as_secs_f64() * 1000.0
    );
    for (name, tally) in ["kramdown (www-gitlab-com + job-families)", "hugo (content-sites)"].iter().zip(&tallies) {
        println!(
            "{name}: same-page links {}, resolved {}, unresolved {}",
            tally.links,
            tally.resolved,
            tally.unresolved.len()
        );
        if list {
            for u in &tally.unresolved {
                println!("  {u}");
            }
        }
    }

    // Cross-page links from the 2022 pages into the job families.
    let families = corpus.join("job-families");
    let (mut links, mut resolved, mut no_page) = (0, 0, 0);
    let mut unresolved = Vec::new();
    for (path, text) in &texts[..hugo_start] {
        for (line_no, line) in text.lines().enumerate() {
            for cap in cross_page.captures_iter(line) {
                let route = cap[1].trim_end_matches('/');
                let frag = percent_decode(&cap[2]);
                let candidates = [
                    families.join(format!("{route}.html.md")),
                    families.join(format!("{route}/index.html.md")),
                    families.join(format!("{route}.html.md.erb")),
                    families.join(format!("{route}/index.html.md.erb")),
                ];
                let Some(set) = candidates.iter().find_map(|c| page_id_sets.get(c)) else {
                    no_page += 1;
                    continue;
                };
                links += 1;
                if set.contains(&frag) {
                    resolved += 1;
                } else {
                    unresolved.push(format!("{}:{} /job-families/{}#{}", path.display(), line_no + 1, &cap[1], frag));
                }
            }
        }
    }
    println!(
        "cross-page into /job-families/: {links} links to pages present, resolved {resolved}, unresolved {} ({no_page} to pages absent from the corpus)",
        unresolved.len()
    );
    if list {
        for u in &unresolved {
            println!("  {u}");
        }
    }
}

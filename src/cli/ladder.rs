//! `hblint ladder [PATH…]`: every job family's ladder in one table (`table`, `json`) or one
//! picture (`html`, see `ladder_html`).
//!
//! The pages are found as `check` finds them; each job-family page (a route under
//! `/job-families/`) is parsed once for its ladder and linted with the configuration `check`
//! would use (the nearest `hblint.toml`, or `--config`), its findings counted on the level whose
//! section holds them. Title grade conflicts between pages (LD001) are added from the ladders of
//! all the pages read.

use super::args::{LadderArgs, LadderFormat};
use super::ladder_html::{FamilyReport, write_html};
use super::{EXIT_CLEAN, error};
use crate::config::{Overrides, Resolver};
use crate::linter::{Linter, lint_source};
use crate::page::Page;
use crate::rules::ladder::ld001_title_grade_conflict;
use crate::site::job_families::job_family_route;
use crate::site::ladder::{FamilyLadder, Ladders};
use crate::source::SourceFile;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

pub(super) fn ladder(args: LadderArgs) -> u8 {
    let format = match (args.format, &args.output) {
        (Some(format), _) => format,
        (None, Some(path)) if path.extension().is_some_and(|e| e == "html" || e == "htm") => LadderFormat::Html,
        (None, Some(path)) if path.extension().is_some_and(|e| e == "json") => LadderFormat::Json,
        (None, _) => LadderFormat::Table,
    };
    let walked = crate::walk::collect(&args.paths);
    if let Some((path, message)) = walked.errors.first() {
        return error(format!("{}: {message}", path.display()));
    }
    let pages: Vec<(PathBuf, String)> =
        walked.files.into_iter().filter_map(|p| job_family_route(&p).map(|route| (p, route))).collect();
    let overrides = Overrides { select: args.select.clone(), ignore: args.ignore.clone(), ..Overrides::default() };
    let mut resolver = Resolver::new(args.config.clone(), overrides);
    let mut assigned = Vec::with_capacity(pages.len());
    for (path, route) in pages {
        match resolver.for_file(&path) {
            Ok(index) => assigned.push((path, route, index)),
            Err(err) => return error(err),
        }
    }
    let linters: Vec<&Linter> = resolver.settings.iter().map(|s| &s.linter).collect();
    let (mut families, unreadable) = read_all(&assigned, &linters);
    if let Some((path, message)) = unreadable.first() {
        return error(format!("{}: {message}", path.display()));
    }
    add_grade_conflicts(&mut families, &assigned, &linters);

    let stdout = std::io::stdout();
    let mut sink: Box<dyn Write> = match &args.output {
        Some(path) => match std::fs::File::create(path) {
            Ok(file) => Box::new(std::io::BufWriter::new(file)),
            Err(err) => return error(format!("{}: {}", path.display(), crate::error::describe_io(&err))),
        },
        None => Box::new(std::io::BufWriter::new(stdout.lock())),
    };
    let written = match format {
        LadderFormat::Html => write_html(&mut sink, &families, &args.base_url),
        LadderFormat::Json => write_json(&mut sink, &families, &args.base_url),
        LadderFormat::Table => write_table(&mut sink, &families),
    };
    match written.and_then(|()| sink.flush()) {
        Ok(()) => EXIT_CLEAN,
        // A closed pipe (`hblint ladder | head`) is the reader's choice, not an error.
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => EXIT_CLEAN,
        Err(err) => error(format!("cannot write the ladder: {}", crate::error::describe_io(&err))),
    }
}

type Unreadable = Vec<(PathBuf, String)>;

/// Reads, builds and lints every page on all cores; families come back sorted by route.
fn read_all(assigned: &[(PathBuf, String, usize)], linters: &[&Linter]) -> (Vec<FamilyReport>, Unreadable) {
    let next = AtomicUsize::new(0);
    let found: Mutex<Vec<FamilyReport>> = Mutex::new(Vec::new());
    let unreadable: Mutex<Unreadable> = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(assigned.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some((path, route, which)) = assigned.get(i) else { break };
                    match read_one(path, route, linters[*which]) {
                        Ok(Some(report)) => found.lock().unwrap_or_else(|e| e.into_inner()).push(report),
                        Ok(None) => {}
                        Err(message) => {
                            unreadable.lock().unwrap_or_else(|e| e.into_inner()).push((path.clone(), message))
                        }
                    }
                }
            });
        }
    });
    let mut families = found.into_inner().unwrap_or_else(|e| e.into_inner());
    families.sort_by(|a, b| (&a.ladder.route, &a.ladder.path).cmp(&(&b.ladder.route, &b.ladder.path)));
    let mut unreadable = unreadable.into_inner().unwrap_or_else(|e| e.into_inner());
    unreadable.sort();
    (families, unreadable)
}

/// One page: its ladder, and its findings counted on its levels. `None` for a page that is not
/// a job family.
fn read_one(path: &Path, route: &str, linter: &Linter) -> Result<Option<FamilyReport>, String> {
    let bytes = std::fs::read(path).map_err(|e| crate::error::describe_io(&e))?;
    let source = SourceFile::from_bytes(path.to_path_buf(), bytes).map_err(|e| e.to_string())?;
    let ladder = {
        let page = Page::build(&source);
        match FamilyLadder::of(&page, route) {
            Some(ladder) => ladder,
            None => return Ok(None),
        }
    };
    let mut report = FamilyReport::new(ladder);
    for finding in lint_source(&source, linter).diagnostics {
        let line = finding.start.line;
        let d = &finding.diagnostic;
        let message = || format!("{} line {line}: {}", d.rule.code, d.message);
        match report.ladder.level_at(line) {
            Some(level) => report.levels[level].add(d.severity, message),
            None => report.page.add(d.severity, message),
        }
    }
    Ok(Some(report))
}

/// LD001 across the pages read, on each level whose title another page grades otherwise, for
/// the pages whose configuration runs LD001.
fn add_grade_conflicts(families: &mut [FamilyReport], assigned: &[(PathBuf, String, usize)], linters: &[&Linter]) {
    let code = ld001_title_grade_conflict::META.code;
    let linter_of: HashMap<&Path, usize> = assigned.iter().map(|(path, _, which)| (path.as_path(), *which)).collect();
    // Both are sorted by route, then path: the ladders' families are the reports', in order.
    let ladders = Ladders::new(families.iter().map(|f| f.ladder.clone()).collect());
    for (report, family) in families.iter_mut().zip(ladders.families()) {
        let severity = linter_of.get(family.path.as_path()).and_then(|&which| linters[which].severity_of(code));
        let Some(severity) = severity else { continue };
        for conflict in ladders.grade_conflicts(family) {
            let (message, _) = ld001_title_grade_conflict::describe(family, &conflict);
            let line = family.levels[conflict.level].line;
            report.levels[conflict.level].add(severity, || format!("{code} line {line}: {message}"));
        }
    }
}

fn write_json(out: &mut dyn Write, families: &[FamilyReport], base_url: &str) -> std::io::Result<()> {
    writeln!(out, "[")?;
    for (i, family) in families.iter().enumerate() {
        let ladder = &family.ladder;
        let base = base_url.trim_end_matches('/');
        let levels: Vec<serde_json::Value> = ladder
            .levels
            .iter()
            .zip(&family.levels)
            .map(|(level, findings)| {
                serde_json::json!({
                    "title": level.title,
                    "grade": level.grade.map(|g| g.0 as f64 / 10.0),
                    "track": ladder.tracks.get(level.track),
                    "people_manager": level.people_manager,
                    "line": level.line,
                    "url": format!("{base}{}#{}", ladder.route, level.anchor.as_deref().unwrap_or("")),
                    "findings": findings.count,
                    "messages": findings.messages,
                })
            })
            .collect();
        let value = serde_json::json!({
            "title": ladder.title,
            "route": ladder.route,
            "path": ladder.path.display().to_string(),
            "tracks": ladder.tracks,
            "levels": levels,
            "page_findings": family.page.count,
        });
        let comma = if i + 1 < families.len() { "," } else { "" };
        writeln!(out, "  {value}{comma}")?;
    }
    writeln!(out, "]")
}

fn write_table(out: &mut dyn Write, families: &[FamilyReport]) -> std::io::Result<()> {
    let mut levels = 0;
    for family in families {
        let ladder = &family.ladder;
        levels += ladder.levels.len();
        writeln!(out, "{}  {}  ({})", ladder.route, ladder.title, ladder.path.display())?;
        for (t, track) in ladder.tracks.iter().enumerate() {
            let steps: Vec<String> = ladder
                .levels
                .iter()
                .zip(&family.levels)
                .filter(|(l, _)| l.track == t)
                .map(|(l, f)| {
                    let grade = l.grade.map_or_else(|| "?".to_string(), |g| g.to_string());
                    let marks = if f.count > 0 { format!(" [{}]", f.count) } else { String::new() };
                    format!("{} {grade}{marks}", l.title)
                })
                .collect();
            writeln!(out, "  {track}: {}", steps.join(" → "))?;
        }
    }
    let findings: usize = families.iter().map(FamilyReport::finding_count).sum();
    writeln!(out, "{} job families, {levels} levels, {findings} findings", families.len())
}

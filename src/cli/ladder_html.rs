//! The picture `hblint ladder -o ladder.html` draws: one self-contained HTML page (inline CSS and
//! SVG, no script, no network, system fonts) with an overview table of every job family, a
//! legend, and a panel per family where each level is a box placed by its grade (highest at the
//! top), tracks side by side, linked to its heading on the page, outlined when it has findings;
//! the findings are listed under the drawing.
//!
//! Also the findings of a family as the ladder command keeps them: counts and a bounded list of
//! messages per level, so memory follows the number of levels, not of findings.

use crate::diagnostic::Severity;
use crate::page::job_family::GradeValue;
use crate::site::ladder::FamilyLadder;
use std::io::{self, Write};

/// How many messages a level keeps for the picture; the rest are counted.
pub const MAX_MESSAGES: usize = 8;

/// The findings of one level (or of the page outside its levels).
#[derive(Debug, Clone, Default)]
pub struct LevelFindings {
    pub count: usize,
    pub worst: Option<Severity>,
    /// The first `MAX_MESSAGES` findings, as `CODE line: message`.
    pub messages: Vec<String>,
}

impl LevelFindings {
    pub fn add(&mut self, severity: Severity, message: impl FnOnce() -> String) {
        self.count += 1;
        self.worst = self.worst.max(Some(severity));
        if self.messages.len() < MAX_MESSAGES {
            self.messages.push(message());
        }
    }
}

/// A family's ladder with its findings.
#[derive(Debug, Clone)]
pub struct FamilyReport {
    pub ladder: FamilyLadder,
    /// One per level of `ladder`.
    pub levels: Vec<LevelFindings>,
    /// Findings outside every level (the page's own sections).
    pub page: LevelFindings,
}

impl FamilyReport {
    pub fn new(ladder: FamilyLadder) -> FamilyReport {
        let levels = vec![LevelFindings::default(); ladder.levels.len()];
        FamilyReport { ladder, levels, page: LevelFindings::default() }
    }

    pub fn finding_count(&self) -> usize {
        self.page.count + self.levels.iter().map(|l| l.count).sum::<usize>()
    }
}

/// Escapes text for HTML and SVG text and attribute values.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `text` cut to `max` characters, with an ellipsis when cut.
fn fit(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// The link to a level (or, without an anchor, to the page).
fn href(base_url: &str, route: &str, anchor: Option<&str>) -> String {
    let base = base_url.trim_end_matches('/');
    match anchor {
        Some(anchor) => format!("{base}{route}#{anchor}"),
        None => format!("{base}{route}"),
    }
}

fn grades_text(ladder: &FamilyLadder) -> String {
    let graded: Vec<GradeValue> = ladder.levels.iter().filter_map(|l| l.grade).collect();
    match (graded.iter().min(), graded.iter().max()) {
        (Some(lo), Some(hi)) if lo == hi => lo.to_string(),
        (Some(lo), Some(hi)) => format!("{lo}–{hi}"),
        _ => "—".to_string(),
    }
}

const STYLE: &str = r#"
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; margin: 0; color: #1f1e24; background: #fafafa; }
header, main, nav, .legend { max-width: 1200px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 0; }
h2 small { font-weight: normal; color: #666; font-size: 13px; margin-left: 8px; }
a { color: #1f5fbf; }
.summary { color: #444; margin: 0 0 12px; }
.legend svg { display: block; margin: 8px 0 16px; }
table.overview { border-collapse: collapse; width: 100%; font-size: 13px; background: #fff; }
table.overview th, table.overview td { border-bottom: 1px solid #e3e3e3; padding: 3px 8px; text-align: left; vertical-align: top; }
table.overview th { background: #f0eff5; position: sticky; top: 0; }
table.overview td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.overview tr.dept td { background: #f6f5fa; font-weight: 600; }
.bad { color: #b3261e; font-weight: 600; }
section.family { background: #fff; border: 1px solid #e3e3e3; border-radius: 6px; margin: 18px 0; padding: 14px 16px; }
.drawing { overflow-x: auto; margin: 10px 0 4px; }
svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
svg .axis { font-size: 11px; fill: #666; }
svg .grid { stroke: #ececec; }
svg .rail { stroke: #c9c6d6; stroke-width: 3; }
svg .track { font-size: 12px; font-weight: 600; fill: #333; }
svg .lv rect { stroke-width: 1; }
svg .ic rect { fill: #e7effd; stroke: #7aa1e0; }
svg .pm rect { fill: #f3e8fb; stroke: #b07ad6; }
svg .ungraded rect { stroke-dasharray: 4 3; }
svg .issue rect { stroke: #b3261e; stroke-width: 2.5; }
svg .lv text { font-size: 11px; fill: #1f1e24; }
svg .badge circle { fill: #b3261e; }
svg .badge text { fill: #fff; font-size: 10px; font-weight: 700; }
svg a:hover rect { fill: #fff7d6; }
ul.findings { margin: 4px 0 0; padding-left: 20px; font-size: 13px; }
ul.findings li { margin: 2px 0; }
ul.findings code { font-size: 12px; color: #555; }
footer { color: #777; font-size: 12px; text-align: center; padding: 24px; }
"#;

const AXIS: f64 = 56.0;
const COLUMN: f64 = 236.0;
const GAP: f64 = 10.0;
const ROW: f64 = 34.0;
const HEAD: f64 = 28.0;
const BOX: f64 = 26.0;

/// Writes the whole page to `out` as it goes: head, summary, legend, overview, one panel per family.
pub fn write_html(out: &mut dyn Write, families: &[FamilyReport], base_url: &str) -> io::Result<()> {
    let levels: usize = families.iter().map(|f| f.ladder.levels.len()).sum();
    let findings: usize = families.iter().map(FamilyReport::finding_count).sum();
    let marked: usize = families.iter().flat_map(|f| &f.levels).filter(|l| l.count > 0).count();
    writeln!(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")?;
    writeln!(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")?;
    writeln!(out, "<title>Career ladders</title>\n<style>{STYLE}</style>\n</head>\n<body>")?;
    writeln!(out, "<header><h1>Career ladders</h1>")?;
    writeln!(
        out,
        "<p class=\"summary\">{} job families, {levels} levels; {findings} findings, {marked} levels with findings. Each level is placed by its grade and links to its heading.</p></header>",
        families.len()
    )?;
    write_legend(out)?;
    write_overview(out, families)?;
    writeln!(out, "<main>")?;
    for (i, family) in families.iter().enumerate() {
        write_family(out, i, family, base_url)?;
    }
    writeln!(out, "</main>\n<footer>Drawn by hblint from the job-family pages.</footer>\n</body>\n</html>")?;
    out.flush()
}

fn write_legend(out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "<div class=\"legend\"><svg width=\"760\" height=\"40\" viewBox=\"0 0 760 40\" role=\"img\" aria-label=\"Legend\">"
    )?;
    let items = [
        ("lv ic", "Individual contributor"),
        ("lv pm", "People manager"),
        ("lv ic ungraded", "No single grade stated"),
        ("lv ic issue", "Level with findings"),
    ];
    for (i, (class, label)) in items.iter().enumerate() {
        let x = 4.0 + i as f64 * 185.0;
        writeln!(
            out,
            "<g class=\"{class}\"><rect x=\"{x}\" y=\"8\" width=\"34\" height=\"22\" rx=\"4\"/><text x=\"{}\" y=\"23\">{label}</text></g>",
            x + 42.0
        )?;
    }
    writeln!(
        out,
        "<g class=\"badge\"><circle cx=\"589\" cy=\"9\" r=\"7\"/><text x=\"589\" y=\"12.5\" text-anchor=\"middle\">3</text></g>"
    )?;
    writeln!(out, "</svg></div>")
}

fn department(route: &str) -> &str {
    let rest = route.trim_start_matches('/').strip_prefix("job-families/").unwrap_or(route);
    match rest.split_once('/') {
        Some((dept, more)) if !more.is_empty() => dept,
        _ => "(top level)",
    }
}

fn write_overview(out: &mut dyn Write, families: &[FamilyReport]) -> io::Result<()> {
    writeln!(
        out,
        "<nav><h2>Overview</h2><table class=\"overview\"><thead><tr><th>Family</th><th>Tracks</th><th>Levels</th><th>Grades</th><th>Findings</th></tr></thead><tbody>"
    )?;
    let mut last_department = "";
    for (i, family) in families.iter().enumerate() {
        let ladder = &family.ladder;
        let dept = department(&ladder.route);
        if dept != last_department {
            writeln!(out, "<tr class=\"dept\"><td colspan=\"5\">{}</td></tr>", esc(dept))?;
            last_department = dept;
        }
        let count = family.finding_count();
        let findings = if count == 0 { "0".to_string() } else { format!("<span class=\"bad\">{count}</span>") };
        writeln!(
            out,
            "<tr><td><a href=\"#family-{i}\">{}</a></td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{findings}</td></tr>",
            esc(&ladder.title),
            esc(&ladder.tracks.join("; ")),
            ladder.levels.len(),
            grades_text(ladder)
        )?;
    }
    writeln!(out, "</tbody></table></nav>")
}

/// One family's panel: heading, the drawing, the findings.
fn write_family(out: &mut dyn Write, index: usize, family: &FamilyReport, base_url: &str) -> io::Result<()> {
    let ladder = &family.ladder;
    writeln!(out, "<section class=\"family\" id=\"family-{index}\">")?;
    writeln!(
        out,
        "<h2><a href=\"{}\">{}</a><small>{} · {}</small></h2>",
        esc(&href(base_url, &ladder.route, None)),
        esc(&ladder.title),
        esc(&ladder.route),
        esc(&ladder.path.display().to_string())
    )?;
    write_drawing(out, family, base_url)?;
    write_findings(out, family)?;
    writeln!(out, "</section>")
}

fn write_drawing(out: &mut dyn Write, family: &FamilyReport, base_url: &str) -> io::Result<()> {
    let ladder = &family.ladder;
    // Rows: every grade the family states, highest first, then one row for levels without one.
    let mut grades: Vec<GradeValue> = ladder.levels.iter().filter_map(|l| l.grade).collect();
    grades.sort_unstable_by(|a, b| b.cmp(a));
    grades.dedup();
    let ungraded = ladder.levels.iter().any(|l| l.grade.is_none());
    let rows = grades.len() + usize::from(ungraded);
    let row_of =
        |grade: Option<GradeValue>| grade.and_then(|g| grades.iter().position(|x| *x == g)).unwrap_or(grades.len());
    let tracks = ladder.tracks.len().max(1);
    let width = AXIS + tracks as f64 * (COLUMN + GAP);
    let height = HEAD + rows as f64 * ROW + 6.0;
    writeln!(
        out,
        "<div class=\"drawing\"><svg width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{} ladder\">",
        esc(&ladder.title)
    )?;
    for (row, label) in
        grades.iter().map(|g| format!("Grade {g}")).chain(ungraded.then(|| "No grade".to_string())).enumerate()
    {
        let y = HEAD + row as f64 * ROW;
        writeln!(
            out,
            "<line class=\"grid\" x1=\"0\" x2=\"{width}\" y1=\"{y}\" y2=\"{y}\"/><text class=\"axis\" x=\"2\" y=\"{}\">{label}</text>",
            y + ROW / 2.0 + 4.0
        )?;
    }
    for (t, name) in ladder.tracks.iter().enumerate() {
        let x = AXIS + t as f64 * (COLUMN + GAP);
        writeln!(
            out,
            "<text class=\"track\" x=\"{x}\" y=\"18\">{}<title>{}</title></text>",
            esc(&fit(name, 30)),
            esc(name)
        )?;
    }
    // A rail through each track, from its lowest level to its highest: the ladder itself.
    for track in 0..tracks {
        let rows_used: Vec<usize> =
            ladder.levels.iter().filter(|l| l.track == track && l.grade.is_some()).map(|l| row_of(l.grade)).collect();
        if let (Some(top), Some(bottom)) = (rows_used.iter().min(), rows_used.iter().max())
            && top != bottom
        {
            let x = AXIS + track as f64 * (COLUMN + GAP) + 14.0;
            let (y1, y2) = (HEAD + *top as f64 * ROW + ROW / 2.0, HEAD + *bottom as f64 * ROW + ROW / 2.0);
            writeln!(out, "<line class=\"rail\" x1=\"{x}\" x2=\"{x}\" y1=\"{y1}\" y2=\"{y2}\"/>")?;
        }
    }
    // Levels that share a track and a grade share the cell side by side.
    let mut cells: std::collections::HashMap<(usize, usize), Vec<usize>> = std::collections::HashMap::new();
    for (i, level) in ladder.levels.iter().enumerate() {
        cells.entry((level.track, row_of(level.grade))).or_default().push(i);
    }
    let mut keys: Vec<_> = cells.keys().copied().collect();
    keys.sort_unstable();
    for key in keys {
        let members = &cells[&key];
        let (track, row) = key;
        let share = (COLUMN - 4.0 * (members.len() - 1) as f64) / members.len() as f64;
        for (slot, &i) in members.iter().enumerate() {
            let x = AXIS + track as f64 * (COLUMN + GAP) + slot as f64 * (share + 4.0);
            let y = HEAD + row as f64 * ROW + (ROW - BOX) / 2.0;
            write_level(out, ladder, &family.levels[i], i, (x, y, share), base_url)?;
        }
    }
    writeln!(out, "</svg></div>")
}

fn write_level(
    out: &mut dyn Write,
    ladder: &FamilyLadder,
    findings: &LevelFindings,
    index: usize,
    (x, y, width): (f64, f64, f64),
    base_url: &str,
) -> io::Result<()> {
    let level = &ladder.levels[index];
    let mut class = String::from("lv ");
    class.push_str(if level.people_manager { "pm" } else { "ic" });
    if level.grade.is_none() {
        class.push_str(" ungraded");
    }
    if findings.count > 0 {
        class.push_str(" issue");
    }
    let grade = level.grade.map_or_else(|| "no single grade".to_string(), |g| format!("grade {g}"));
    let tip = format!(
        "{} ({grade}), line {}{}",
        level.title,
        level.line,
        if findings.count > 0 { format!(": {} finding(s)", findings.count) } else { String::new() }
    );
    let chars = ((width - 12.0) / 6.3).max(3.0) as usize;
    writeln!(
        out,
        "<a href=\"{}\"><g class=\"{class}\"><title>{}</title><rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{width:.1}\" height=\"{BOX}\" rx=\"4\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text></g></a>",
        esc(&href(base_url, &ladder.route, level.anchor.as_deref())),
        esc(&tip),
        x + 6.0,
        y + 17.0,
        esc(&fit(&level.title, chars))
    )?;
    if findings.count > 0 {
        let label = if findings.count > 99 { "99+".to_string() } else { findings.count.to_string() };
        writeln!(
            out,
            "<g class=\"badge\"><circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"8\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{label}</text></g>",
            x + width - 4.0,
            y + 2.0,
            x + width - 4.0,
            y + 5.5
        )?;
    }
    Ok(())
}

fn write_findings(out: &mut dyn Write, family: &FamilyReport) -> io::Result<()> {
    if family.finding_count() == 0 {
        return Ok(());
    }
    writeln!(out, "<ul class=\"findings\">")?;
    let named = family.ladder.levels.iter().map(|l| l.title.as_str()).zip(&family.levels);
    for (name, findings) in std::iter::once(("The page", &family.page)).chain(named) {
        if findings.count == 0 {
            continue;
        }
        let list: Vec<String> = findings.messages.iter().map(|m| format!("<code>{}</code>", esc(m))).collect();
        let more = findings.count - findings.messages.len();
        let more = if more > 0 { format!("; and {more} more") } else { String::new() };
        writeln!(out, "<li><b>{}</b> ({}): {}{more}</li>", esc(name), findings.count, list.join("; "))?;
    }
    writeln!(out, "</ul>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_fitted() {
        assert_eq!(esc("R&D <b> \"x\""), "R&amp;D &lt;b&gt; &quot;x&quot;");
        assert_eq!(fit("Senior Backend Engineer", 10), "Senior Ba…");
        assert_eq!(href("https://h.example/", "/job-families/a/", Some("b")), "https://h.example/job-families/a/#b");
        assert_eq!(department("/job-families/sales/x/"), "sales");
        assert_eq!(department("/job-families/x/"), "(top level)");
    }
}

//! What a level's Job Grade section says: a stated grade (with its sentence and subject), an
//! explicit "not aligned", several grades at once, or no number.

use super::{BlockKind, Page, SectionKind, normalize_space};
use crate::source::Span;
use regex::Regex;
use std::sync::LazyLock;

/// A grade number in tenths, so that half grades (9.5) compare exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct GradeValue(pub u32);

impl std::fmt::Display for GradeValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0.is_multiple_of(10) {
            write!(f, "{}", self.0 / 10)
        } else {
            write!(f, "{}.{}", self.0 / 10, self.0 % 10)
        }
    }
}

/// The sentence that states a level's grade.
#[derive(Debug, Clone)]
pub struct GradeSentence {
    pub value: GradeValue,
    pub number_span: Span,
    pub sentence_span: Span,
    /// The sentence's subject without "The" ("Senior Data Analyst"), with its span.
    pub subject: Option<(String, Span)>,
}

/// What a level's Job Grade section says.
#[derive(Debug, Clone)]
pub enum Grade {
    /// The level has no Job Grade section.
    MissingSection,
    /// The section exists but states no number; `span` is its first line of text, or its heading.
    NoNumber {
        span: Span,
    },
    /// "is not aligned to a job grade": an explicit absence.
    NotAligned,
    /// Several grades in one sentence ("grades: [6, 7, 8]"): no single value to compare.
    Several,
    /// No Job Grade section, but a grade sentence sits under the level heading or another sub-heading.
    Unlabeled {
        sentence_span: Span,
    },
    /// No Job Grade section of its own, but the page states the grade elsewhere: a grade table,
    /// or a Job Grade section of the whole page or of a heading the level sits under.
    Elsewhere,
    Stated(GradeSentence),
}

/// A grade as pages state it: several at once, a linked "[grade N]", a number after a "[grade](…)"
/// link, "is a [N](…)", or a bare "grade N" (also what marks a table as a grade table).
pub(super) static GRADE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        (?P<several>\bgrades?\s*:?\s*\[?\s*\d+(?:\.\d+)?(?:\s*(?:,|and|or|/|-|–)\s*\d+(?:\.\d+)?)+)
        | \[\s*(?:job\s+)?(?:grade|level)\s*\#?\s*(?P<linked>\d+(?:\.\d+)?)\s*\]
        | \[\s*(?:job\s+)?grade\s*\]\([^)\s]*\)\s*(?P<after>\d+(?:\.\d+)?)\b
        | \bis\s+(?:a|an|at)\s+\[\s*(?P<number>\d+(?:\.\d+)?)\s*\]\(
        | \b(?:job\s+)?grade\s*\#?\s*\[?\s*(?P<bare>\d+(?:\.\d+)?)\b
        ",
    )
    .expect("grade pattern is valid")
});

static NOT_ALIGNED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bnot\s+aligned\s+(?:to|with)\s+(?:a\s+)?(?:job\s+)?\[?grade").expect("valid"));

static SUBJECT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(?:the\s+)?(?P<subject>.+?)\s+(?:is|are|will\s+be)\s+").expect("valid"));

/// Reads the grade from a Job Grade section's paragraphs (and list items).
pub(super) fn read_grade(page: &Page<'_>, heading: usize) -> Grade {
    let mut first_text: Option<Span> = None;
    for block in page.heading_body(heading) {
        let spans: Vec<Span> = match block.kind {
            BlockKind::Paragraph => vec![block.span],
            BlockKind::List(list) => page.lists[list].items.iter().map(|i| i.text_span).collect(),
            BlockKind::Table | BlockKind::BlockQuote | BlockKind::Html => vec![block.span],
            _ => continue,
        };
        for span in spans {
            let raw = page.slice(span);
            if first_text.is_none() && !raw.trim().is_empty() {
                let first_line_end = raw.find('\n').map_or(span.end, |i| span.start + i);
                first_text = Some(Span::new(span.start, first_line_end));
            }
            if NOT_ALIGNED.is_match(raw) {
                return Grade::NotAligned;
            }
            let Some(caps) = GRADE.captures(raw) else { continue };
            if caps.name("several").is_some() {
                return Grade::Several;
            }
            let Some(number) = ["linked", "after", "number", "bare"].iter().find_map(|n| caps.name(n)) else {
                continue;
            };
            let Some(value) = parse_grade(number.as_str()) else { continue };
            let number_span = Span::new(span.start + number.start(), span.start + number.end());
            // The sentence is the line of the paragraph that holds the number.
            let line_start = raw[..number.start()].rfind('\n').map_or(0, |i| i + 1);
            let line_end = raw[number.end()..].find('\n').map_or(raw.len(), |i| number.end() + i);
            let line = &raw[line_start..line_end];
            let lead = line.len() - line.trim_start().len();
            let sentence_span = Span::new(span.start + line_start + lead, span.start + line_end);
            let subject = SUBJECT.captures(&line[..number.start() - line_start]).and_then(|c| {
                let m = c.name("subject")?;
                let text = strip_markup(m.as_str());
                let start = span.start + line_start + m.start();
                (!text.is_empty()).then(|| (text, Span::new(start, span.start + line_start + m.end())))
            });
            return Grade::Stated(GradeSentence { value, number_span, sentence_span, subject });
        }
    }
    Grade::NoNumber { span: first_text.unwrap_or(page.headings[heading].span) }
}

/// A grade sentence directly under a level heading, or under a sub-heading that is not named
/// "Job Grade" (`#### Director, X` holding "The Director, X is a grade 10").
pub(super) fn unlabeled_grade(page: &Page<'_>, level: usize) -> Option<Grade> {
    let subheadings = page.descendants(level).filter(|&d| SectionKind::of_heading(&page.headings[d].text).is_none());
    for h in std::iter::once(level).chain(subheadings) {
        if let Grade::Stated(sentence) = read_grade(page, h) {
            return Some(Grade::Unlabeled { sentence_span: sentence.sentence_span });
        }
    }
    None
}

fn parse_grade(text: &str) -> Option<GradeValue> {
    let (whole, frac) = text.split_once('.').unwrap_or((text, "0"));
    let whole: u32 = whole.parse().ok()?;
    let tenth: u32 = frac.get(..1)?.parse().ok()?;
    // `then`, not `then_some`: a number past u32 / 10 must not be multiplied at all.
    (whole <= 100).then(|| GradeValue(whole * 10 + tenth))
}

/// Removes link brackets and emphasis from a short inline Markdown fragment.
pub(super) fn strip_markup(text: &str) -> String {
    static LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[([^\]]*)\]\([^)]*\)").expect("valid"));
    let text = LINK.replace_all(text, "$1");
    let cleaned: String = text.chars().filter(|c| !matches!(c, '*' | '_' | '[' | ']' | '`')).collect();
    normalize_space(&cleaned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grade_values() {
        assert_eq!(parse_grade("9.5"), Some(GradeValue(95)));
        assert_eq!(GradeValue(95).to_string(), "9.5");
        assert_eq!(GradeValue(70).to_string(), "7");
        // Found by the lint fuzz target: `grade999999991` under "Job Grade" overflowed.
        assert_eq!(parse_grade("999999991"), None);
        assert_eq!(parse_grade("4294967295.9"), None);
    }
}

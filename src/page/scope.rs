//! Scopes: named parts of a page a pack rule can be limited to, as spans over the page model.
//!
//! Every scope yields prose only (text nodes outside code, HTML, URLs and autolinks), except
//! `front-matter.title`, which is the title's value.

use super::Page;
use super::job_family::{Grade, SectionKind};
use crate::source::Span;

/// The closed set of scopes a pack rule may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
pub enum Scope {
    #[serde(rename = "text")]
    Text,
    #[serde(rename = "heading")]
    Heading,
    #[serde(rename = "heading.h1")]
    H1,
    #[serde(rename = "heading.h2")]
    H2,
    #[serde(rename = "heading.h3")]
    H3,
    #[serde(rename = "heading.h4")]
    H4,
    #[serde(rename = "heading.h5")]
    H5,
    #[serde(rename = "heading.h6")]
    H6,
    #[serde(rename = "paragraph")]
    Paragraph,
    #[serde(rename = "list-item")]
    ListItem,
    #[serde(rename = "table-cell")]
    TableCell,
    #[serde(rename = "blockquote")]
    Blockquote,
    #[serde(rename = "link-text")]
    LinkText,
    #[serde(rename = "front-matter.title")]
    FrontMatterTitle,
    #[serde(rename = "job.level-title")]
    JobLevelTitle,
    #[serde(rename = "job.grade-sentence")]
    JobGradeSentence,
    #[serde(rename = "job.responsibilities")]
    JobResponsibilities,
    #[serde(rename = "job.requirements")]
    JobRequirements,
}

impl Scope {
    /// The heading level a heading scope is limited to (0: any heading), or `None` for other scopes.
    pub fn heading_level(self) -> Option<u8> {
        match self {
            Scope::Heading => Some(0),
            Scope::H1 => Some(1),
            Scope::H2 => Some(2),
            Scope::H3 => Some(3),
            Scope::H4 => Some(4),
            Scope::H5 => Some(5),
            Scope::H6 => Some(6),
            _ => None,
        }
    }

    /// The spans of prose this scope covers on `page`, in document order.
    pub fn segments(self, page: &Page<'_>) -> Vec<Span> {
        let runs = page.prose.iter();
        match self {
            Scope::Text => runs.map(|r| r.span).collect(),
            Scope::Heading | Scope::H1 | Scope::H2 | Scope::H3 | Scope::H4 | Scope::H5 | Scope::H6 => {
                let want = self.heading_level().unwrap_or(0);
                runs.filter(|r| r.context.heading_level > 0 && (want == 0 || r.context.heading_level == want))
                    .map(|r| r.span)
                    .collect()
            }
            Scope::Paragraph => runs
                .filter(|r| r.context.heading_level == 0 && !r.context.in_list_item && !r.context.in_table_cell)
                .map(|r| r.span)
                .collect(),
            Scope::ListItem => {
                runs.filter(|r| r.context.in_list_item && r.context.heading_level == 0).map(|r| r.span).collect()
            }
            Scope::TableCell => runs.filter(|r| r.context.in_table_cell).map(|r| r.span).collect(),
            Scope::Blockquote => runs.filter(|r| r.context.in_blockquote).map(|r| r.span).collect(),
            Scope::LinkText => runs.filter(|r| r.context.in_link_text).map(|r| r.span).collect(),
            Scope::FrontMatterTitle => page
                .front_matter
                .as_ref()
                .and_then(|fm| fm.get("title"))
                .map(|f| vec![f.value_span])
                .unwrap_or_default(),
            Scope::JobLevelTitle | Scope::JobGradeSentence | Scope::JobResponsibilities | Scope::JobRequirements => {
                let Some(job) = &page.job else { return Vec::new() };
                let mut areas: Vec<Span> = Vec::new();
                for level in &job.levels {
                    match self {
                        Scope::JobLevelTitle => areas.extend(level.heading.map(|h| page.headings[h].text_span)),
                        Scope::JobGradeSentence => {
                            if let Grade::Stated(sentence) = &level.grade {
                                areas.push(sentence.sentence_span);
                            }
                        }
                        _ => {
                            let kind = if self == Scope::JobResponsibilities {
                                SectionKind::Responsibilities
                            } else {
                                SectionKind::Requirements
                            };
                            for section in level.sections.iter().filter(|s| s.kind == kind) {
                                areas.extend(section.bullets.iter().map(|b| b.span));
                            }
                        }
                    }
                }
                runs_within(page, &areas)
            }
        }
    }
}

/// The prose runs that lie inside any of `areas`.
fn runs_within(page: &Page<'_>, areas: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    for area in areas {
        let first = page.prose.partition_point(|r| r.span.start < area.start);
        out.extend(page.prose[first..].iter().take_while(|r| r.span.end <= area.end).map(|r| r.span));
    }
    out.sort();
    out.dedup();
    out
}

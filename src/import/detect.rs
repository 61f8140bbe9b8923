//! Which export family a raw file belongs to, decided from several features of each
//! family (never from one exact string), so that a variant missing one feature — a file
//! cut off before its trailer, a page saved without its first line — is still recognised.

use super::family::labels::{label_of, Label};
use super::source::SourceLine;
use serde::Serialize;

/// The export families recto knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    /// Web-page text that opens with "Skip to content" and ends with a "Document
    /// Information" block.
    WebPage,
    /// Web-page text that opens with "Search in" and holds a citation widget ("get
    /// citation", "share document", "English HTML").
    WebRecord,
    /// PDF-to-Markdown with labelled blocks ("**Citation:**", "Summary:") and a bold title.
    PdfLabels,
    /// PDF-to-Markdown whose labels and title are `#` headings, with LaTeX fragments.
    PdfHeadings,
    /// No site chrome at all: a date line, a title line, the text.
    Plain,
}

impl Family {
    pub fn name(self) -> &'static str {
        match self {
            Family::WebPage => "web-page",
            Family::WebRecord => "web-record",
            Family::PdfLabels => "pdf-labels",
            Family::PdfHeadings => "pdf-headings",
            Family::Plain => "plain",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Family::WebPage => "web-page text (\"Skip to content\" … \"Document Information\")",
            Family::WebRecord => {
                "web-page text with a citation widget (\"Search in\" … \"English HTML\")"
            }
            Family::PdfLabels => {
                "PDF-to-Markdown with labelled blocks (Citation, Summary, Credits …)"
            }
            Family::PdfHeadings => "PDF-to-Markdown with # headings and LaTeX fragments",
            Family::Plain => "plain text without site chrome (date line, title line, text)",
        }
    }

    /// Whether the body is Markdown written by a converter (lists and headings are
    /// structure) rather than plain text (every character is literal).
    pub fn body_is_markdown(self) -> bool {
        matches!(self, Family::PdfLabels | Family::PdfHeadings)
    }
}

/// The family chosen and the features that decided it, for the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Detection {
    pub family: Family,
    pub features: Vec<String>,
}

/// The lowercase words of a line, with bullets, decoration and punctuation removed.
fn words(line: &str) -> String {
    line.trim()
        .trim_start_matches(['•', '·', '*', '-', '#', ' '])
        .trim()
        .trim_end_matches([':', '.'])
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// How strongly each family's features are present.
#[derive(Default)]
struct Scores {
    web_page: (u32, Vec<String>),
    web_record: (u32, Vec<String>),
    labels: (u32, Vec<String>),
    headings: (u32, Vec<String>),
}

fn note(score: &mut (u32, Vec<String>), points: u32, what: String) {
    score.0 += points;
    if score.1.len() < 8 {
        score.1.push(what);
    }
}

/// Decides the family of a file from its lines.
pub fn detect(lines: &[SourceLine]) -> Detection {
    let mut s = Scores::default();
    let mut nonblank_seen = 0;
    for line in lines {
        if line.is_blank() {
            continue;
        }
        nonblank_seen += 1;
        let w = words(&line.text);
        let at = |what: &str| format!("{what} (line {})", line.no);
        match w.as_str() {
            "skip to content" if nonblank_seen <= 5 => {
                note(&mut s.web_page, 3, at("\"Skip to content\""))
            }
            "document information" => note(&mut s.web_page, 2, at("\"Document Information\"")),
            "original uploaded date" => {
                note(&mut s.web_page, 1, at("label \"Original Uploaded Date\""))
            }
            "record id" => note(&mut s.web_page, 1, at("label \"Record ID\"")),
            "search in" if nonblank_seen <= 5 => note(&mut s.web_record, 2, at("\"Search in\"")),
            "digital archive international history declassified" => {
                note(&mut s.web_record, 2, at("site name"))
            }
            "get citation" => note(&mut s.web_record, 2, at("\"get citation\"")),
            "share document" => note(&mut s.web_record, 2, at("\"share document\"")),
            "english html" => note(&mut s.web_record, 1, at("\"English HTML\"")),
            "citation" if line.text.trim_start().starts_with('•') => {
                note(&mut s.web_record, 1, at("\"• Citation\""))
            }
            _ => {}
        }
        if w.contains("welcomes reuse of digital archive materials") {
            note(&mut s.web_page, 1, at("rights statement"));
        }
        if let Some((label, decoration)) = label_of(&line.text) {
            if label != Label::Other {
                if decoration.hashes > 0 {
                    note(
                        &mut s.headings,
                        2,
                        at(&format!("heading label \"{}\"", label.name())),
                    );
                } else {
                    note(&mut s.labels, 2, at(&format!("label \"{}\"", label.name())));
                }
            }
        }
        if line.text.contains("$") && (line.text.contains("^{") || line.text.contains("\\")) {
            note(&mut s.headings, 1, at("LaTeX fragment"));
        }
    }
    // PDF exports mix decorations ("## Citation:" beside "**Credits:**"); the family is
    // the one of the majority, and all their labels count.
    let pdf_total = s.labels.0 + s.headings.0;
    let candidates = [
        (Family::WebPage, s.web_page.0, s.web_page.1),
        (Family::WebRecord, s.web_record.0, s.web_record.1),
        (
            Family::PdfHeadings,
            if s.headings.0 > s.labels.0 {
                pdf_total
            } else {
                0
            },
            [s.headings.1.clone(), s.labels.1.clone()].concat(),
        ),
        (
            Family::PdfLabels,
            if s.headings.0 <= s.labels.0 {
                pdf_total
            } else {
                0
            },
            [s.labels.1, s.headings.1].concat(),
        ),
    ];
    let best = candidates
        .into_iter()
        .filter(|c| c.1 >= 2)
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
    match best {
        Some((family, _, features)) => Detection { family, features },
        None => Detection {
            family: Family::Plain,
            features: vec!["no site chrome or export labels found".to_string()],
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::source::lines;

    fn family(text: &str) -> Family {
        detect(&lines(text)).family
    }

    #[test]
    fn each_family_from_its_features() {
        assert_eq!(
            family("Skip to content\n\nMarch 24, 1960\n\nTitle\n"),
            Family::WebPage
        );
        assert_eq!(
            family("March 24, 1960\n\nText\n\nDocument Information\n\nRecord ID\n"),
            Family::WebPage
        );
        assert_eq!(
            family("Search in\n\nDigital Archive International History Declassified\n"),
            Family::WebRecord
        );
        assert_eq!(
            family("August 07, 1957\n  • Citation\n    get citation\n"),
            Family::WebRecord
        );
        assert_eq!(
            family("**Title**\n\n**Citation:**\n\n\"T\"\n\n**Summary:**\n\nS\n"),
            Family::PdfLabels
        );
        assert_eq!(
            family("April 1950\n\nCitation:\n\n\"T\"\n\nSummary:\n\nS\n"),
            Family::PdfLabels
        );
        assert_eq!(
            family("# Date Title\n\n## Citation:\n\n# **Summary:**\n\nCopy $N^{\\circ}$ 2\n"),
            Family::PdfHeadings
        );
        assert_eq!(
            family("March 24, 1960\n\nA title\n\nSome text.\n"),
            Family::Plain
        );
    }

    #[test]
    fn one_feature_of_a_family_is_not_enough() {
        assert_eq!(
            family("17 May 1957\n\nTitle\n\nHe said: search in the archive.\n"),
            Family::Plain
        );
        assert_eq!(family("Date\n\nTitle\n\nRecord ID\n"), Family::Plain);
    }
}

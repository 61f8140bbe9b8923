//! One reader per export family. A reader takes the file's lines apart into the
//! metadata texts it carries (date line, title, citation, summary …) and the lines of
//! the document's own text, and names the site chrome it left out. Turning those texts
//! into typed fields is `metadata`'s work; cleaning the text is `body`'s.

pub mod labels;
mod pdf_markdown;
mod plain;
mod trailer;
mod web_page;
mod web_record;

use super::detect::Family;
use super::metadata::date;
use super::source::SourceLine;
use labels::undecorated;

/// A metadata text and the source line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub text: String,
    pub line: usize,
}

impl Located {
    pub fn new(text: impl Into<String>, line: usize) -> Located {
        Located {
            text: text.into(),
            line,
        }
    }
}

/// What a reader took out of a file.
#[derive(Debug, Clone, Default)]
pub struct Extract {
    /// The date as written in the date line or heading.
    pub date: Option<Located>,
    pub title: Option<Located>,
    /// Over how many lines the title was split.
    pub title_lines: usize,
    pub citation: Option<Located>,
    pub citation_lines: usize,
    pub summary: Option<Located>,
    /// Funder sentences and lists ("This document was made possible with support from …").
    pub funders: Vec<Located>,
    pub original_language: Option<Located>,
    /// An archival reference written outside a citation ("AVPRF fond 0102, … Translated
    /// for NKIDP by Gary Goldberg.").
    pub reference: Option<Located>,
    /// The archive's own type label ("Diary Entry").
    pub type_label: Option<Located>,
    pub record_id: Option<Located>,
    /// The document's own text.
    pub body: Vec<SourceLine>,
    /// Site chrome left out, in words for the `repairs` field.
    pub removed: Vec<String>,
    /// What was moved into the front matter, in words.
    pub moved: Vec<String>,
    /// Chrome lines that were not understood (left out, and reported).
    pub unknown: Vec<Located>,
    /// Whether this family normally ends with a trailer (summary, references…) and it
    /// was found; a missing trailer is a sign of a file cut off.
    pub trailer_expected: bool,
    pub trailer_found: bool,
}

impl Extract {
    pub fn remove(&mut self, what: impl Into<String>) {
        let what = what.into();
        if !self.removed.contains(&what) {
            self.removed.push(what);
        }
    }

    pub fn moved(&mut self, what: impl Into<String>) {
        let what = what.into();
        if !self.moved.contains(&what) {
            self.moved.push(what);
        }
    }
}

/// Reads a file of the given family.
pub fn read(family: Family, lines: &[SourceLine]) -> Extract {
    match family {
        Family::WebPage => web_page::read(lines),
        Family::WebRecord => web_record::read(lines),
        Family::PdfLabels | Family::PdfHeadings => pdf_markdown::read(lines),
        Family::Plain => plain::read(lines),
    }
}

/// The lowercase words of a line without bullets and final punctuation, for comparing
/// chrome lines ("  • share document" → "share document").
pub fn words(line: &str) -> String {
    line.trim()
        .trim_start_matches(['•', '·', '*', '#', ' ', '\u{a0}'])
        .trim_end_matches([':', '.', ' ', '\u{a0}'])
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The funders named by a funder sentence ("This document was made possible with support
/// from the ROK Ministry of Unification, Leon Levy Foundation"), if the line is one.
pub fn funder_sentence(line: &str) -> Option<String> {
    let lower = line.to_lowercase();
    let at = lower.find("made possible with support from")?;
    let rest = line[at + "made possible with support from".len()..].trim();
    Some(rest.trim_end_matches('.').to_string())
}

/// A line naming only funders, as the web page's last line does.
pub fn is_funder_list(line: &str) -> bool {
    const WORDS: &[&str] = &[
        "Foundation",
        "Ministry",
        "Fund",
        "Endowment",
        "Council",
        "Corporation",
        "Trust",
        "Institute",
    ];
    let text = line.trim();
    text.len() < 300
        && !text.ends_with('.')
        && WORDS
            .iter()
            .any(|w| text.split(|c: char| !c.is_alphanumeric()).any(|x| x == *w))
}

/// The date and title of a header block: a date line and title line(s), or a heading
/// holding both ("# November 13, 1957 From the Journal of …"). Bold and heading marks
/// and two-space line ends are dropped; a title split over several lines is rejoined.
pub fn date_and_title(lines: &[&SourceLine], ex: &mut Extract) {
    let mut title_parts: Vec<(usize, String)> = Vec::new();
    for line in lines {
        let (text, _) = undecorated(&line.text);
        if text.is_empty() {
            continue;
        }
        if ex.date.is_none() && !title_parts.is_empty() {
            if let Some(edtf) = date::whole(text) {
                let _ = edtf;
                ex.date = Some(Located::new(text, line.no));
                ex.moved("date line");
                continue;
            }
        }
        if ex.date.is_none() && title_parts.is_empty() {
            if let Some(found) = date::at_start(text) {
                let rest = text[found.len..].trim();
                ex.date = Some(Located::new(text[..found.len].trim(), line.no));
                ex.moved("date line");
                if !rest.is_empty() {
                    title_parts.push((line.no, rest.to_string()));
                }
                continue;
            }
        }
        title_parts.push((line.no, text.to_string()));
    }
    if let Some((first_line, _)) = title_parts.first() {
        let text = title_parts
            .iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        ex.title = Some(Located::new(text, *first_line));
        ex.title_lines = title_parts.len();
        ex.moved("title line");
    }
}

/// Lines grouped into paragraphs (runs of non-blank lines), with their index range.
pub fn paragraphs(lines: &[SourceLine]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, line) in lines.iter().enumerate() {
        match (line.is_blank(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..lines.len());
    }
    out
}

/// The text of a paragraph's lines joined by spaces, trailing spaces dropped.
pub fn joined(lines: &[SourceLine]) -> String {
    lines
        .iter()
        .map(|l| l.text.trim())
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::source::lines;

    #[test]
    fn funder_sentences_and_lists() {
        assert_eq!(
            funder_sentence("This document was made possible with support from the ROK Ministry of Unification, Leon Levy Foundation").as_deref(),
            Some("the ROK Ministry of Unification, Leon Levy Foundation")
        );
        assert_eq!(funder_sentence("Kim Il Sung said"), None);
        assert!(is_funder_list(
            "ROK Ministry of Unification\u{a0} and Leon Levy Foundation"
        ));
        assert!(!is_funder_list("He visited the Ministry."));
    }

    #[test]
    fn split_titles_are_rejoined() {
        let l = lines("**December 17, 1957**  \n**Journal of Soviet Ambassador to the DPRK A.M.**  \n**Puzanov for 17 December 1957**");
        let refs: Vec<&SourceLine> = l.iter().collect();
        let mut ex = Extract::default();
        date_and_title(&refs, &mut ex);
        assert_eq!(ex.date.unwrap().text, "December 17, 1957");
        assert_eq!(
            ex.title.unwrap().text,
            "Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 17 December 1957"
        );
        assert_eq!(ex.title_lines, 2);
    }

    #[test]
    fn date_and_title_in_one_heading() {
        let l = lines("# November 13, 1957 From the Journal of A. M. Puzanov");
        let refs: Vec<&SourceLine> = l.iter().collect();
        let mut ex = Extract::default();
        date_and_title(&refs, &mut ex);
        assert_eq!(ex.date.unwrap().text, "November 13, 1957");
        assert_eq!(ex.title.unwrap().text, "From the Journal of A. M. Puzanov");
    }

    #[test]
    fn paragraphs_are_runs_of_lines() {
        let l = lines("a\nb\n\n\nc\n");
        assert_eq!(paragraphs(&l), [0..2, 4..5]);
    }
}

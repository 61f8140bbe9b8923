//! Web-page text of the archive's record view: "Search in", the site name, a date line,
//! the funder sentence, then a citation widget ("• Citation", "get citation", the summary,
//! the quoted citation — often the only place the title appears — and "• share
//! document"), "English HTML", and the document's text.

use super::{date_and_title, funder_sentence, trailer, words, Extract, Located};
use crate::import::metadata::date;
use crate::import::source::SourceLine;

fn opens_quote(text: &str) -> bool {
    text.starts_with(['"', '“', '„'])
}

pub fn read(lines: &[SourceLine]) -> Extract {
    let mut ex = Extract::default();
    let info = lines
        .iter()
        .rposition(|l| words(&l.text) == "document information");
    let end = info.unwrap_or(lines.len());
    let mut header: Vec<&SourceLine> = Vec::new();
    let mut body_start = 0;
    let mut in_widget = false;
    let mut summary: Vec<&SourceLine> = Vec::new();
    let mut citation: Vec<&SourceLine> = Vec::new();
    let (mut have_date, mut have_title) = (false, false);
    for (i, line) in lines[..end].iter().enumerate() {
        if line.is_blank() {
            continue;
        }
        let w = words(&line.text);
        let text = line.text.trim();
        match w.as_str() {
            "search in" => ex.remove("\"Search in\""),
            "digital archive international history declassified" => {
                ex.remove("\"Digital Archive International History Declassified\"")
            }
            "citation" => {
                ex.remove("\"• Citation\"");
                in_widget = true;
            }
            "get citation" => {
                ex.remove("\"get citation\"");
                in_widget = true;
            }
            "share document" => {
                ex.remove("\"• share document\"");
                in_widget = false;
            }
            "english html" => {
                ex.remove("\"English HTML\"");
                body_start = i + 1;
                break;
            }
            _ => {
                if let Some(funders) = funder_sentence(text) {
                    ex.funders.push(Located::new(funders, line.no));
                    ex.moved("funder sentence");
                } else if in_widget {
                    // The citation is the quoted line; the summary comes before it.
                    if opens_quote(text) || !citation.is_empty() {
                        citation.push(line);
                    } else {
                        summary.push(line);
                    }
                } else if !have_date && date::whole(text).is_some() {
                    have_date = true;
                    header.push(line);
                } else if have_date
                    && !have_title
                    && text.chars().count() < 250
                    && citation.is_empty()
                {
                    have_title = true;
                    header.push(line);
                } else {
                    body_start = i;
                    break;
                }
            }
        }
        body_start = i + 1;
    }
    date_and_title(&header, &mut ex);
    if !summary.is_empty() {
        let text = summary
            .iter()
            .map(|l| l.text.trim())
            .collect::<Vec<_>>()
            .join(" ");
        ex.summary = Some(Located::new(text, summary[0].no));
        ex.moved("summary");
    }
    if !citation.is_empty() {
        let text = citation
            .iter()
            .map(|l| l.text.trim())
            .collect::<Vec<_>>()
            .join(" ");
        ex.citation = Some(Located::new(text, citation[0].no));
        ex.citation_lines = citation.len();
        ex.moved("quoted citation");
    }
    if let Some(info) = info {
        trailer::read(&lines[info + 1..], &mut ex);
    }
    ex.body = lines[body_start.min(end)..end].to_vec();
    ex
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::source::lines;

    #[test]
    fn the_widget_is_taken_apart() {
        let text = "Search in\n\nDigital Archive International History Declassified\n\nAugust 07, 1957\n\n\nThis document was made possible with support from the ROK Ministry of Unification, Leon Levy Foundation\n\n  • Citation\n\n    get citation\n\n    The summary.\n    \"Journal for 7 August 1957,\" August 07, 1957, Archive.\n  • share document\n\n\nEnglish HTML\n\nNº: 482\n\nText.";
        let ex = read(&lines(text));
        assert_eq!(ex.date.unwrap().text, "August 07, 1957");
        assert!(ex.title.is_none());
        assert_eq!(ex.summary.unwrap().text, "The summary.");
        assert!(ex
            .citation
            .unwrap()
            .text
            .starts_with("\"Journal for 7 August 1957,\""));
        let body: Vec<&str> = ex
            .body
            .iter()
            .map(|l| l.text.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(body, ["Nº: 482", "Text."]);
        assert_eq!(ex.removed.len(), 6);
    }
}

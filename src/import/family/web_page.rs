//! Web-page text that opens with "Skip to content": a date line, a title line, a funder
//! sentence, the document's text (stamps and copy numbers first), then the summary, a
//! "Document Information" block and the rights statement.

use super::{date_and_title, funder_sentence, trailer, words, Extract, Located};
use crate::import::metadata::date;
use crate::import::source::SourceLine;

pub fn read(lines: &[SourceLine]) -> Extract {
    let mut ex = Extract {
        trailer_expected: true,
        ..Extract::default()
    };
    // The trailer starts at the last "Document Information" line.
    let info = lines
        .iter()
        .rposition(|l| words(&l.text) == "document information");
    let end = info.unwrap_or(lines.len());
    let mut header: Vec<&SourceLine> = Vec::new();
    let mut body_start = end;
    let (mut have_date, mut have_title) = (false, false);
    for (i, line) in lines[..end].iter().enumerate() {
        if line.is_blank() {
            continue;
        }
        let w = words(&line.text);
        if w == "skip to content" {
            ex.remove("\"Skip to content\"");
            continue;
        }
        if let Some(funders) = funder_sentence(&line.text) {
            ex.funders.push(Located::new(funders, line.no));
            ex.moved("funder sentence");
            body_start = i + 1;
            break;
        }
        let is_date = date::whole(&line.text).is_some();
        // The header is a date line and a title line; whatever follows is text.
        if !have_date && is_date {
            have_date = true;
        } else if !have_title && !is_date && line.text.trim().chars().count() < 250 {
            have_title = true;
        } else {
            body_start = i;
            break;
        }
        header.push(line);
        body_start = i + 1;
    }
    date_and_title(&header, &mut ex);
    let mut body_end = end;
    if let Some(info) = info {
        // The summary is the last line before "Document Information" (web pages keep a
        // paragraph on one line, with or without blank lines between paragraphs).
        if let Some(last) = lines[body_start.min(info)..info]
            .iter()
            .rposition(|l| !l.is_blank())
        {
            let start = body_start.min(info) + last;
            ex.summary = Some(Located::new(lines[start].text.trim(), lines[start].no));
            ex.moved("trailing summary");
            body_end = start;
        }
        trailer::read(&lines[info + 1..], &mut ex);
    }
    ex.body = lines[body_start.min(body_end)..body_end].to_vec();
    ex
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::source::lines;

    #[test]
    fn header_body_summary_and_trailer() {
        let text = "Skip to content\n\nMarch 24, 1960\n\nJournal for 24 March 1960\n\nThis document was made possible with support from ROK Ministry of Unification\n\n\nMFA stamp: Copy 3\n\nText.\n\nThe summary.\n\nDocument Information\n\n\nAVPRF fond 0102. Translated for NKIDP by Gary Goldberg.\n";
        let ex = read(&lines(text));
        assert_eq!(ex.date.unwrap().text, "March 24, 1960");
        assert_eq!(ex.title.unwrap().text, "Journal for 24 March 1960");
        assert_eq!(ex.summary.unwrap().text, "The summary.");
        assert_eq!(ex.funders[0].text, "ROK Ministry of Unification");
        let body: Vec<&str> = ex
            .body
            .iter()
            .map(|l| l.text.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(body, ["MFA stamp: Copy 3", "Text."]);
        assert!(ex.trailer_found);
    }

    #[test]
    fn a_page_cut_off_keeps_its_text() {
        let ex = read(&lines(
            "Skip to content\n\nMarch 24, 1960\n\nA title\n\nText that stops",
        ));
        assert!(!ex.trailer_found);
        assert!(ex.summary.is_none());
        assert_eq!(ex.body.last().unwrap().text, "Text that stops");
    }
}

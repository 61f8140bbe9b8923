//! PDF-to-Markdown exports, with labels as bold lines ("**Citation:**"), plain lines
//! ("Citation:") or headings ("# **Summary:**"): a header with the date and the title
//! (often split over bold lines, or one heading holding both), labelled blocks (Citation,
//! Summary, Credits, Original Language, Contents), then the document's text.

use super::labels::{label_of, Label};
use super::{date_and_title, funder_sentence, joined, Extract, Located};
use crate::import::source::SourceLine;

pub fn read(lines: &[SourceLine]) -> Extract {
    let mut ex = Extract::default();
    let first_label = lines
        .iter()
        .position(|l| label_of(&l.text).is_some_and(|(k, _)| k != Label::Other));
    let Some(first_label) = first_label else {
        // Labels missing altogether: read it as a header and text.
        return super::plain::read(lines);
    };
    let header: Vec<&SourceLine> = lines[..first_label]
        .iter()
        .filter(|l| !l.is_blank())
        .collect();
    date_and_title(&header, &mut ex);
    // Labelled blocks: a label line, then one paragraph of value, until a paragraph that
    // is neither a label nor a value: the text starts there.
    let mut i = first_label;
    let mut labels_seen: Vec<String> = Vec::new();
    let mut contents_value = None;
    while i < lines.len() {
        if lines[i].is_blank() {
            i += 1;
            continue;
        }
        let Some((label, _)) = label_of(&lines[i].text) else {
            break;
        };
        let label_line = &lines[i];
        i += 1;
        let rest = &lines[i..];
        // The value: the lines up to a blank line or the next label (exports that lost
        // their blank lines run on); the contents label has a one-line value.
        let skip = rest.iter().take_while(|l| l.is_blank()).count();
        let mut len = rest[skip..]
            .iter()
            .take_while(|l| !l.is_blank() && label_of(&l.text).is_none())
            .count();
        if label == Label::Contents {
            len = len.min(1);
        }
        let value_range = (len > 0).then_some(skip..skip + len);
        let (value, value_lines, next) = match value_range {
            Some(p) => (joined(&rest[p.clone()]), p.len(), i + p.end),
            None => (
                String::new(),
                0,
                i + rest.iter().take_while(|l| l.is_blank()).count(),
            ),
        };
        let at = value_range_line(rest, value_lines, label_line.no);
        i = next;
        let shown = match label {
            Label::Other => super::labels::undecorated(&label_line.text)
                .0
                .trim_end_matches(':')
                .to_string(),
            known => known.name().to_string(),
        };
        labels_seen.push(format!("\"{shown}\""));
        if value.is_empty() {
            continue;
        }
        match label {
            Label::Citation => {
                ex.citation = Some(Located::new(value, at));
                ex.citation_lines = value_lines;
            }
            Label::Summary => ex.summary = Some(Located::new(value, at)),
            Label::Credits => {
                let funders = funder_sentence(&value).unwrap_or(value);
                ex.funders.push(Located::new(funders, at));
            }
            Label::OriginalLanguage => ex.original_language = Some(Located::new(value, at)),
            Label::Contents => contents_value = Some(value),
            Label::Other => ex
                .unknown
                .push(Located::new(format!("{shown}: {value}"), at)),
        }
    }
    let mut blocks = labels_seen.join(", ");
    if let Some(contents) = contents_value {
        blocks.push_str(&format!(" (\"{contents}\")"));
    }
    let heading = match (&ex.date, &ex.title) {
        (Some(_), Some(_)) => "the date and title lines, ",
        (Some(_), None) => "the date line, ",
        (None, Some(_)) => "the title line, ",
        (None, None) => "",
    };
    ex.remove(format!(
        "{heading}{blocks}; their content is in the front matter"
    ));
    ex.body = lines[i.min(lines.len())..].to_vec();
    ex
}

fn value_range_line(rest: &[SourceLine], value_lines: usize, label_line: usize) -> usize {
    if value_lines == 0 {
        return label_line;
    }
    rest.iter()
        .find(|l| !l.is_blank())
        .map_or(label_line, |l| l.no)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::source::lines;

    #[test]
    fn bold_labels() {
        let text = "\n\n**December 17, 1957**  \n**Journal of A.M.**  \n**Puzanov for 17 December 1957**\n\n**Citation:**\n\n\"Journal\",  \nDecember 17, 1957, Listy  \n14-25.\n\n**Summary:**\n\nKim Il Sung discusses.\n\n**Credits:**\n\nThis document was made possible with support from ROK Ministry of Unification\n\n**Original Language:**\n\nRussian\n\n**Contents:**\n\nTranslation - English\n\n## JOURNAL\n\nText.";
        let ex = read(&lines(text));
        assert_eq!(
            ex.title.as_ref().unwrap().text,
            "Journal of A.M. Puzanov for 17 December 1957"
        );
        assert_eq!(
            ex.citation.as_ref().unwrap().text,
            "\"Journal\", December 17, 1957, Listy 14-25."
        );
        assert_eq!(ex.citation_lines, 3);
        assert_eq!(ex.summary.as_ref().unwrap().text, "Kim Il Sung discusses.");
        assert_eq!(ex.funders[0].text, "ROK Ministry of Unification");
        assert_eq!(ex.original_language.as_ref().unwrap().text, "Russian");
        let body: Vec<&str> = ex
            .body
            .iter()
            .map(|l| l.text.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(body, ["## JOURNAL", "Text."]);
        assert_eq!(ex.removed[0], "the date and title lines, \"Citation\", \"Summary\", \"Credits\", \"Original Language\", \"Contents\" (\"Translation - English\"); their content is in the front matter");
    }

    #[test]
    fn a_file_cut_inside_the_labels() {
        let ex = read(&lines(
            "April 1950\n\n**Title**\n\nCitation:\n\n\"Title\", April 1950, Wilson Center",
        ));
        assert!(ex.citation.is_some());
        assert!(ex.body.iter().all(|l| l.is_blank()));
    }
}

//! A file without any site chrome: a date line, a title line, then the text (the way an
//! editor might paste a document by hand). The date may also follow the title.

use super::{date_and_title, funder_sentence, Extract, Located};
use crate::import::metadata::date;
use crate::import::source::SourceLine;

pub fn read(lines: &[SourceLine]) -> Extract {
    let mut ex = Extract::default();
    let mut header: Vec<&SourceLine> = Vec::new();
    let mut body_start = lines.len();
    let (mut have_date, mut have_title) = (false, false);
    for (i, line) in lines.iter().enumerate() {
        if line.is_blank() {
            continue;
        }
        if let Some(funders) = funder_sentence(&line.text) {
            ex.funders.push(Located::new(funders, line.no));
            ex.moved("funder sentence");
            body_start = i + 1;
            continue;
        }
        let (text, _) = super::labels::undecorated(&line.text);
        let is_date = date::whole(text).is_some()
            || (!have_date
                && !have_title
                && date::at_start(text).is_some_and(|f| f.len < text.len()));
        if !have_date && is_date {
            have_date = true;
            // "March 24, 1960 Journal of …": a date and title on one line.
            have_title |= date::whole(text).is_none();
        } else if !have_title && text.chars().count() < 250 && (have_date || date_follows(lines, i))
        {
            have_title = true;
        } else {
            body_start = i;
            break;
        }
        header.push(line);
        body_start = i + 1;
    }
    date_and_title(&header, &mut ex);
    ex.body = lines[body_start..].to_vec();
    ex
}

/// Whether the next non-blank line after `i` is a date line (a title written first).
fn date_follows(lines: &[SourceLine], i: usize) -> bool {
    lines[i + 1..]
        .iter()
        .find(|l| !l.is_blank())
        .is_some_and(|l| date::whole(super::labels::undecorated(&l.text).0).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::source::lines;

    #[test]
    fn date_title_text() {
        let ex = read(&lines(
            "March 24, 1960\nJournal for 24 March 1960\nI visited Kim Il Sung.\nHe said.",
        ));
        assert_eq!(ex.date.unwrap().text, "March 24, 1960");
        assert_eq!(ex.title.unwrap().text, "Journal for 24 March 1960");
        assert_eq!(ex.body.len(), 2);
    }

    #[test]
    fn title_before_date() {
        let ex = read(&lines(
            "Journal for 24 March 1960\n\nMarch 24, 1960\n\nText.",
        ));
        assert_eq!(ex.date.unwrap().text, "March 24, 1960");
        assert_eq!(ex.title.unwrap().text, "Journal for 24 March 1960");
    }

    #[test]
    fn no_date_no_title_all_text() {
        let ex = read(&lines("I visited Kim Il Sung at his invitation, and we talked for a long while about many things, which I record here in some detail so that it is longer than a title could ever be, and then some more words follow here to make it longer still than the limit of two hundred and fifty characters."));
        assert!(ex.date.is_none());
        assert!(ex.title.is_none());
        assert_eq!(ex.body.len(), 1);
    }
}

//! The "Document Information" block that ends a web-page export: the archival reference
//! and translator, the rights statement, labels that are often empty ("Original Uploaded
//! Date", "Record ID"), the archive's type label ("Diary Entry") and a funders line.

use super::{is_funder_list, words, Extract, Located};
use crate::import::metadata::date;
use crate::import::source::SourceLine;

/// The labels of the block; a label's value, when there is one, is on the next line.
const LABELS: &[&str] = &[
    "original uploaded date",
    "record id",
    "original language",
    "document type",
    "language",
    "date",
    "author",
    "keywords",
];

/// The archive's names for kinds of document, as its type label writes them.
const TYPE_LABELS: &[&str] = &[
    "diary entry",
    "journal entry",
    "memorandum",
    "letter",
    "telegram",
    "cable",
    "report",
    "record of conversation",
    "minutes",
    "speech",
    "notes",
    "memorandum of conversation",
];

pub fn is_rights(line: &str) -> bool {
    let lower = line.to_lowercase();
    [
        "welcomes reuse",
        "copyright",
        "rights status",
        "rights holders",
        "[email",
        "email protected",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

fn is_reference(line: &str) -> bool {
    let lower = format!(" {} ", line.to_lowercase());
    lower.contains("translated")
        || [
            " fond ", " f. ", " opis ", " op. ", " delo ", " listy ", " papka ",
        ]
        .iter()
        .any(|w| lower.contains(w))
}

/// Reads the lines after "Document Information" into `ex`.
pub fn read(lines: &[SourceLine], ex: &mut Extract) {
    ex.trailer_found = true;
    ex.remove("the \"Document Information\" label");
    let mut label: Option<String> = None;
    let mut empty_labels: Vec<String> = Vec::new();
    let mut label_has_value = false;
    let mut rights = 0;
    let close_label = |label: &mut Option<String>, has_value: bool, empty: &mut Vec<String>| {
        if let Some(l) = label.take() {
            if !has_value {
                empty.push(l);
            }
        }
    };
    for line in lines.iter().filter(|l| !l.is_blank()) {
        let w = words(&line.text);
        let text = line.text.trim().replace('\u{a0}', " ");
        if let Some(original) = LABELS.iter().find(|l| **l == w) {
            close_label(&mut label, label_has_value, &mut empty_labels);
            let _ = original;
            label = Some(text.trim_end_matches(':').to_string());
            label_has_value = false;
            continue;
        }
        if let Some(l) = &label {
            let lw = l.to_lowercase();
            if lw == "record id" && text.chars().all(|c| c.is_ascii_digit()) {
                ex.record_id = Some(Located::new(text.clone(), line.no));
                ex.moved("record id");
                label_has_value = true;
                continue;
            }
            if lw == "original uploaded date" && date::whole(&text).is_some() {
                ex.remove("the upload date");
                label_has_value = true;
                continue;
            }
            if lw.contains("language")
                && text.split_whitespace().count() <= 3
                && !is_funder_list(&text)
            {
                ex.original_language = Some(Located::new(text.clone(), line.no));
                ex.moved("original language");
                label_has_value = true;
                continue;
            }
        }
        if is_rights(&text) {
            rights += 1;
            continue;
        }
        if ex.reference.is_none() && is_reference(&text) {
            ex.reference = Some(Located::new(text.clone(), line.no));
            ex.moved("archival reference and translator sentence");
            continue;
        }
        if TYPE_LABELS.contains(&w.as_str()) {
            ex.type_label = Some(Located::new(text.clone(), line.no));
            ex.remove(format!("the type label \"{text}\" (used for the kind)"));
            continue;
        }
        if is_funder_list(&text) {
            ex.funders.push(Located::new(text.clone(), line.no));
            ex.moved("closing funders line");
            continue;
        }
        ex.unknown.push(Located::new(text, line.no));
    }
    close_label(&mut label, label_has_value, &mut empty_labels);
    if rights > 0 {
        ex.remove(if rights > 1 {
            "the rights statement and its contact line"
        } else {
            "the rights statement"
        });
    }
    if !empty_labels.is_empty() {
        let quoted: Vec<String> = empty_labels.iter().map(|l| format!("\"{l}\"")).collect();
        let list = match quoted.len() {
            1 => quoted[0].clone(),
            n => format!("{} and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
        };
        ex.remove(format!(
            "the empty label{} {list}",
            if quoted.len() > 1 { "s" } else { "" }
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::source::lines;

    #[test]
    fn the_block_of_the_seed() {
        let text = "AVPRF fond 0102, opis 16, delo 6, p.72-122. Translated for NKIDP by Gary Goldberg.\n\nThe History and Public Policy Program welcomes reuse of Digital Archive materials.\n\nTo enquire about this document's rights status, contact [email\u{a0}protected].\n\nOriginal Uploaded Date\n\n\n\nDiary Entry\n\n\nRecord ID\n\n\n\nROK Ministry of Unification\u{a0} and Leon Levy Foundation";
        let mut ex = Extract::default();
        read(&lines(text), &mut ex);
        assert!(ex.reference.unwrap().text.starts_with("AVPRF fond 0102"));
        assert_eq!(ex.type_label.unwrap().text, "Diary Entry");
        assert_eq!(ex.funders.len(), 1);
        assert!(ex.unknown.is_empty());
        assert!(
            ex.removed
                .iter()
                .any(|r| r == "the empty labels \"Original Uploaded Date\" and \"Record ID\""),
            "{:?}",
            ex.removed
        );
        assert!(ex
            .removed
            .iter()
            .any(|r| r == "the rights statement and its contact line"));
    }

    #[test]
    fn a_filled_record_id_is_kept() {
        let mut ex = Extract::default();
        read(&lines("Record ID\n\n115956\n"), &mut ex);
        assert_eq!(ex.record_id.unwrap().text, "115956");
    }
}

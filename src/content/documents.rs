//! Reading one document file: front matter fields into a `Document`.

use super::fields::{self, FieldReader};
use super::front_matter::Split;
use super::values::Values;
use super::yaml::{self, FieldLines};
use crate::diagnostic::Diagnostic;
use crate::model::kind;
use crate::model::scalar::Scalar;
use crate::model::{Document, EditionDate};
use std::collections::BTreeMap;
use std::path::Path;

/// The front-matter fields a document may have, in the order `recto import` writes them.
pub const DOCUMENT_FIELDS: &[&str] = &[
    "id",
    "title",
    "date",
    "date_note",
    "period",
    "kind",
    "summary",
    "citation",
    "original_language",
    "translator",
    "archive",
    "archive_ref",
    "archive_ref_parts",
    "source_url",
    "record_id",
    "funders",
    "persons",
    "repairs",
    "curated",
    "source",
    "imported",
];

/// Reads a document; `id` is the file stem, already checked to be URL-safe. Also returns
/// where its fields are written, for the edition-wide checks that follow.
///
/// Every problem goes to `problems`; the document is returned whenever its file could be
/// split, with its id as title and no date standing in for what could not be read, so that
/// `recto check` still checks its text and its references (a build never uses such a
/// document: loading fails on the errors).
pub fn read(
    id: &str,
    split: &Split,
    shown: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Option<(Document, FieldLines)> {
    let (lines, values) = Values::of_front_matter(split, shown, problems);
    problems.extend(yaml::unknown_fields(&lines, DOCUMENT_FIELDS, shown));
    let mut r = FieldReader {
        shown,
        lines: &lines,
        values,
        problems,
    };
    if let Some(written) = r.get::<Scalar>("id", fields::SCALAR) {
        if !crate::model::is_valid_id(&written.0) {
            r.error(
                "id",
                format!("the id `{}` is not a valid id: ids may hold only lowercase letters, digits and single hyphens, so no page can be written outside the site", written.0),
                format!("leave the id out (the file name `{id}` is used) or write `id: {id}`"),
            );
        } else if written.0 != id {
            r.error(
                "id",
                format!("the id `{}` does not match the file name `{id}.md`", written.0),
                format!("ids are the file name without .md: write `id: {id}` or rename the file (lowercase letters, digits and hyphens only)"),
            );
        }
    }
    let title = r.required_text("title", "Journal of … for 17 December 1957");
    let date_given = r.has_value("date");
    let date = r.date("date");
    if !date_given {
        r.required("date", None, "1957-12-17");
    }
    let period = r.date("period");
    let kind = r.optional_text("kind");
    if let Some(k) = &kind {
        if !kind::is_known(k) {
            let known: Vec<&str> = kind::KINDS.iter().map(|(k, _)| *k).collect();
            r.warning(
                "kind",
                format!("unknown kind `{k}`"),
                format!("known kinds: {}", known.join(", ")),
            );
        }
    }
    let source_url = r.optional_text("source_url");
    if let Some(url) = &source_url {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            r.error(
                "source_url",
                format!("source_url `{url}` is not a web address"),
                "write the full address, starting with https://".into(),
            );
        }
    }
    let archive_ref_parts: BTreeMap<String, Scalar> = r
        .get(
            "archive_ref_parts",
            fields::Expect {
                what: "fields (`name: value` pairs)",
                example: "{fond: \"0102\", opis: \"13\"}",
            },
        )
        .unwrap_or_default();
    // Stands in for a date that could not be read (never built: see above).
    let date = date.or_else(|| EditionDate::parse("19XX").ok())?;
    let document = Document {
        id: id.to_string(),
        title: title.unwrap_or_else(|| id.to_string()),
        date,
        date_note: r.optional_text("date_note"),
        period,
        kind,
        summary: r.optional_text("summary"),
        citation: r.optional_text("citation"),
        original_language: r.optional_text("original_language"),
        translator: r.optional_text("translator"),
        archive: r.optional_text("archive"),
        archive_ref: r.optional_text("archive_ref"),
        archive_ref_parts: archive_ref_parts
            .into_iter()
            .map(|(k, v)| (k, v.0))
            .collect(),
        source_url,
        record_id: r.optional_text("record_id"),
        funders: r.list("funders", fields::NAMES),
        persons: r.list("persons", fields::IDS),
        repairs: r.list("repairs", fields::NAMES),
        curated: r.list("curated", fields::NAMES),
        source: r.optional_text("source"),
        body: split.body.to_string(),
        deferred: None,
        path: shown.to_path_buf(),
        body_line: split.body_line,
    };
    Some((document, lines))
}

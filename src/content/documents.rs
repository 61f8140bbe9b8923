//! Reading one document file: front matter fields into a `Document`.

use super::fields::FieldReader;
use super::front_matter::Split;
use super::yaml::{self, FieldLines};
use crate::diagnostic::Diagnostic;
use crate::model::kind;
use crate::model::scalar::Scalar;
use crate::model::Document;
use serde::Deserialize;
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

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct DocumentFields {
    id: Option<Scalar>,
    title: Option<String>,
    date: Option<Scalar>,
    date_note: Option<String>,
    period: Option<Scalar>,
    kind: Option<String>,
    summary: Option<String>,
    citation: Option<String>,
    original_language: Option<String>,
    translator: Option<String>,
    archive: Option<String>,
    archive_ref: Option<String>,
    archive_ref_parts: Option<std::collections::BTreeMap<String, Scalar>>,
    source_url: Option<String>,
    record_id: Option<Scalar>,
    funders: Option<Vec<String>>,
    persons: Option<Vec<String>>,
    repairs: Option<Vec<String>>,
    curated: Option<Vec<String>>,
    source: Option<String>,
}

/// Reads a document; `id` is the file stem, already checked to be URL-safe. Also returns
/// where its fields are written, for the edition-wide checks that follow.
pub fn read(
    id: &str,
    split: &Split,
    shown: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Option<(Document, FieldLines)> {
    let lines = FieldLines::scan(split.yaml, split.yaml_line);
    let fields: DocumentFields = match yaml::parse(split.yaml, split.yaml_line, shown) {
        Ok(f) => f,
        Err(e) => {
            problems.push(e);
            return None;
        }
    };
    problems.extend(yaml::unknown_fields(&lines, DOCUMENT_FIELDS, shown));
    let mut r = FieldReader {
        shown,
        lines: &lines,
        problems,
    };
    if let Some(written) = &fields.id {
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
    let title = r.required_text("title", fields.title, "Journal of … for 17 December 1957");
    let date = match fields.date {
        Some(d) => r.date("date", Some(d)),
        None => {
            r.required_text("date", None, "1957-12-17");
            None
        }
    };
    let period = r.date("period", fields.period);
    let kind = r.optional_text(fields.kind);
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
    let source_url = r.optional_text(fields.source_url);
    if let Some(url) = &source_url {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            r.error(
                "source_url",
                format!("source_url `{url}` is not a web address"),
                "write the full address, starting with https://".into(),
            );
        }
    }
    let document = Document {
        id: id.to_string(),
        title: title?,
        date: date?,
        date_note: r.optional_text(fields.date_note),
        period,
        kind,
        summary: r.optional_text(fields.summary),
        citation: r.optional_text(fields.citation),
        original_language: r.optional_text(fields.original_language),
        translator: r.optional_text(fields.translator),
        archive: r.optional_text(fields.archive),
        archive_ref: r.optional_text(fields.archive_ref),
        archive_ref_parts: fields
            .archive_ref_parts
            .unwrap_or_default()
            .into_iter()
            .map(|(k, v)| (k, v.0))
            .collect(),
        source_url,
        record_id: fields
            .record_id
            .map(|s| s.0)
            .filter(|s| !s.trim().is_empty()),
        funders: r.list(fields.funders),
        persons: r.list(fields.persons),
        repairs: r.list(fields.repairs),
        curated: r.list(fields.curated),
        source: r.optional_text(fields.source),
        body: split.body.to_string(),
        path: shown.to_path_buf(),
        body_line: split.body_line,
    };
    Some((document, lines))
}

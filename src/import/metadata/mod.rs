//! Typed front-matter fields from the texts a reader took out: the date with its
//! precision, the title (from the title line, else from the quoted citation), the
//! citation taken apart (archive, reference and its parts, translator, address), funders,
//! kind, the journal's period and `[sic]` date notes.

pub mod archive;
pub mod citation;
pub mod date;
pub mod funders;
pub mod kind;
pub mod url;

use super::body::characters;
use super::detect::Family;
use super::family::Extract;
use super::repairs::Repairs;
use crate::model::EditionDate;
use std::collections::BTreeMap;

/// The fields the importer writes, before curation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub title: Option<String>,
    /// EDTF.
    pub date: Option<String>,
    pub date_note: Option<String>,
    /// EDTF interval: the period a journal covers.
    pub period: Option<String>,
    pub kind: Option<String>,
    pub summary: Option<String>,
    pub citation: Option<String>,
    pub original_language: Option<String>,
    pub translator: Option<String>,
    pub archive: Option<String>,
    pub archive_ref: Option<String>,
    pub archive_ref_parts: BTreeMap<String, String>,
    pub source_url: Option<String>,
    pub record_id: Option<String>,
    pub funders: Vec<String>,
}

/// Metadata, the repairs made to the metadata texts, and what looked inconsistent.
#[derive(Debug, Clone, Default)]
pub struct Built {
    pub meta: Metadata,
    pub repairs: Repairs,
    pub warnings: Vec<String>,
}

fn clean(text: &str, repairs: &mut Repairs, line: usize) -> String {
    let cleaned = characters::clean_line(text, line, repairs);
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Builds the metadata of a document. `body` is the cleaned text, paragraph by paragraph,
/// in which the journal's period and dated `[sic]`s are looked for.
pub fn build(ex: &Extract, family: Family, body: &[String]) -> Built {
    let mut b = Built::default();
    let r = &mut b.repairs;
    if !ex.removed.is_empty() {
        let what = match family {
            Family::PdfLabels | Family::PdfHeadings => "Removed export labels and blocks",
            _ => "Removed web-page chrome",
        };
        r.add("chrome", &format!("{what}: {}", ex.removed.join(", ")), "");
    }
    if !ex.moved.is_empty() && !family.body_is_markdown() {
        r.add(
            "moved",
            &format!("Moved to front matter: {}", ex.moved.join(", ")),
            "",
        );
    }
    // Citation: rejoined, address unbracketed and made canonical.
    let mut cited = citation::Citation::default();
    if let Some(c) = &ex.citation {
        let mut text = clean(&c.text, r, c.line);
        if ex.citation_lines > 1 {
            r.add(
                "wrap-citation",
                &format!(
                    "Rejoined the citation hard-wrapped over {} lines",
                    ex.citation_lines
                ),
                "",
            );
        }
        cited = citation::parse(&text);
        if let Some(found) = cited.url.clone() {
            let canonical = url::canonical(&found.url);
            if found.bracketed {
                r.add(
                    "url-brackets",
                    "Removed the angle brackets around the citation URL",
                    "",
                );
            }
            if let Some(host) = &canonical.replaced_host {
                r.add("url-mirror", &format!("Replaced the mirror host {host} in the citation by the canonical archive URL"), "");
            }
            text.replace_range(found.start..found.end, &canonical.url);
            b.meta.source_url = Some(canonical.url);
            b.meta.record_id = canonical.record_id;
        }
        b.meta.citation = Some(text);
    }
    // Title: the title line, else the citation's.
    let header_title = ex.title.as_ref().map(|t| clean(&t.text, r, t.line));
    if ex.title_lines > 1 {
        r.add(
            "wrap-title",
            &format!("Rejoined the title split over {} lines", ex.title_lines),
            "",
        );
    }
    match (&header_title, &cited.title) {
        (Some(t), Some(c)) if !same_words(t, c) => b.warnings.push(format!("the title line (\"{t}\") and the citation's title (\"{c}\") differ; the title line is used")),
        (None, Some(c)) => {
            let comma = if cited.title_had_comma { ", its trailing comma dropped" } else { "" };
            r.add("title-from-citation", &format!("Took the title from the quoted citation{comma}"), "");
            b.meta.title = Some(c.clone());
        }
        _ => {}
    }
    if header_title.is_some() {
        b.meta.title = header_title;
    }
    // Date: the date line, else the citation's.
    let line_date = ex
        .date
        .as_ref()
        .and_then(|d| date::at_start(&d.text))
        .map(|f| f.edtf);
    match (&line_date, &cited.date) {
        (Some(l), Some(c)) if l != c => b.warnings.push(format!(
            "the date line ({l}) and the citation's date ({c}) differ; the date line is used"
        )),
        _ => {}
    }
    b.meta.date = line_date.or(cited.date.clone());
    // Archive, reference and translator: the citation, else the reference sentence.
    let from_reference = ex
        .reference
        .as_ref()
        .map(|t| citation::parse(&clean(&t.text, r, t.line)));
    let archival = cited
        .archival
        .clone()
        .or_else(|| from_reference.as_ref().and_then(|c| c.archival.clone()));
    if let Some(text) = archival {
        let parsed = archive::parse(&text);
        b.meta.archive = parsed.archive;
        b.meta.archive_ref = parsed.reference;
        b.meta.archive_ref_parts = parsed.parts;
    }
    b.meta.translator = cited
        .translator
        .clone()
        .or_else(|| from_reference.and_then(|c| c.translator));
    // Record id from the "Record ID" label, when the citation had no address.
    if b.meta.record_id.is_none() {
        if let Some(id) = &ex.record_id {
            b.meta.record_id = Some(id.text.clone());
            b.meta.source_url = Some(format!("{}{}", url::CANONICAL, id.text));
        }
    }
    b.meta.summary = ex
        .summary
        .as_ref()
        .map(|s| clean(&s.text, r, s.line))
        .filter(|s| !s.is_empty());
    b.meta.original_language = ex
        .original_language
        .as_ref()
        .map(|s| clean(&s.text, r, s.line))
        .filter(|s| !s.is_empty());
    for f in &ex.funders {
        for name in funders::split(&clean(&f.text, r, f.line)) {
            if !b.meta.funders.contains(&name) {
                b.meta.funders.push(name);
            }
        }
    }
    let kind = b
        .meta
        .title
        .as_deref()
        .and_then(kind::infer)
        .or_else(|| ex.type_label.as_ref().and_then(|l| kind::infer(&l.text)));
    b.meta.kind = kind.map(str::to_string);
    if kind == Some("journal-entry") {
        b.meta.period = body.iter().take(40).find_map(|p| date::period(p));
    }
    b.meta.date_note = date_note(body);
    b
}

fn same_words(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    norm(a) == norm(b)
}

/// A note for each date the translator corrected with `[sic; …]`.
fn date_note(body: &[String]) -> Option<String> {
    let notes: Vec<String> = body
        .iter()
        .flat_map(|p| date::sic_dates(p))
        .map(|s| match s.corrected.as_deref().and_then(|c| EditionDate::parse(c).ok()) {
            Some(c) => format!("The text writes the date \"{}\"; with the translator's correction it reads {}.", s.written, c.words()),
            None => format!("The text writes the date \"{}\", marked [sic] by the translator.", s.written),
        })
        .collect();
    (!notes.is_empty()).then(|| notes.join(" "))
}

//! One raw export to one document, without touching the disk: decode, detect the family,
//! read it apart, clean the text, build the metadata, repair OCR confusions in names,
//! find persons and candidates, and write the Markdown. Pure, so it is tested directly
//! and run in parallel.

use super::body::{self, markdown};
use super::detect::{self, Detection};
use super::document::{is_empty, Fields};
use super::family;
use super::metadata::{self, Metadata};
use super::persons::{self, Register};
use super::repairs::Repairs;
use super::source::{self, SourceLine};
use crate::content::text;
use crate::link::candidates::{self, Candidate};
use crate::render::editorial;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;

/// A converted document, before it has an id and a place.
#[derive(Debug, Clone)]
pub struct Converted {
    pub detection: Detection,
    pub meta: Metadata,
    /// Front-matter fields, without `id` and `source`.
    pub fields: Fields,
    /// The Markdown text.
    pub body: String,
    pub repairs: Repairs,
    pub marks: BTreeMap<String, usize>,
    pub persons: BTreeMap<String, usize>,
    /// Person ids named in the title, in order (for the id).
    pub title_persons: Vec<String>,
    pub candidates: Vec<Candidate>,
    pub warnings: Vec<String>,
}

/// The fields an import is expected to find; a missing one is reported.
const EXPECTED: &[&str] = &[
    "title",
    "date",
    "kind",
    "summary",
    "citation",
    "original_language",
    "translator",
    "archive",
    "archive_ref",
    "source_url",
    "record_id",
    "funders",
];

/// Converts the bytes of one raw export. The error says what could not be understood.
pub fn convert(bytes: &[u8], shown: &Path, register: &Register) -> Result<Converted, String> {
    let text = text::decode(bytes, shown).map_err(|d| {
        let at = d
            .line
            .map(|l| format!(" (line {l}, column {})", d.column.unwrap_or(1)))
            .unwrap_or_default();
        format!("{}{at}; {}", d.message, d.hint.unwrap_or_default())
    })?;
    if text.contains('\0') {
        return Err("the file holds binary data (NUL bytes), not the text of an export".into());
    }
    if text.trim().is_empty() {
        return Err("the file is empty".into());
    }
    let lines = source::lines(&text);
    let mut detection = detect::detect(&lines);
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        detection.features.push("byte-order mark (dropped)".into());
    }
    if bytes.windows(2).any(|w| w == b"\r\n") {
        detection
            .features
            .push("CRLF line endings (read as LF)".into());
    }
    let ex = family::read(detection.family, &lines);

    let mut body_repairs = Repairs::default();
    let mut cleaned = body::clean(
        &ex.body,
        detection.family.body_is_markdown(),
        &mut body_repairs,
    );
    let mut ocr = Vec::new();
    for block in &mut cleaned.blocks {
        for t in block.texts_mut() {
            *t = register.repair_ocr(t, "body", &mut ocr);
        }
    }
    let texts: Vec<String> = cleaned.blocks.iter().map(|b| b.text()).collect();
    let built = metadata::build(&ex, detection.family, &texts);
    let mut meta = built.meta;
    meta.title = meta
        .title
        .map(|t| register.repair_ocr(&t, "title", &mut ocr));
    meta.citation = meta
        .citation
        .map(|t| register.repair_ocr(&t, "citation", &mut ocr));
    meta.summary = meta
        .summary
        .map(|t| register.repair_ocr(&t, "summary", &mut ocr));

    let mut missing = Vec::new();
    if meta.date.is_none() {
        missing.push("its date: no date line (\"August 07, 1957\", \"17 December 1957\", \"April 1950\") and no dated citation was found");
    }
    if meta.title.is_none() {
        missing.push(
            "its title: no title line or heading, and no quoted title in a citation, was found",
        );
    }
    if !missing.is_empty() {
        let family = detection.family.name();
        return Err(format!(
            "cannot make a document of it (read as {family}): missing {}",
            missing.join("; and ")
        ));
    }

    let mut repairs = built.repairs;
    repairs.extend(body_repairs);
    let body = markdown::write(&cleaned.blocks, &mut repairs);
    persons::ocr_repairs(&ocr, &mut repairs);
    let mut warnings = built.warnings;
    if cleaned.cut_off || (ex.trailer_expected && !ex.trailer_found) {
        repairs.add(
            "cut-off",
            "Source export ends mid-sentence; text kept as exported",
            "",
        );
        warnings.push(
            "the export seems cut off: its text ends mid-sentence or its closing block is missing"
                .into(),
        );
    }
    for u in &ex.unknown {
        warnings.push(format!(
            "line {}: \"{}\" was not understood and was left out of the document",
            u.line, u.text
        ));
    }
    for r in repairs.0.iter().filter(|r| r.kind == "latex-unknown") {
        warnings.push(format!(
            "LaTeX fragments kept as written: {}",
            r.examples.join("; ")
        ));
    }
    if cleaned.blocks.is_empty() {
        warnings.push("the document has no text".into());
    }

    let mut marks = BTreeMap::new();
    for text in &texts {
        for b in editorial::find(text) {
            *marks.entry(b.mark.name().to_string()).or_insert(0) += 1;
        }
    }
    let title = meta.title.clone().unwrap_or_default();
    let mut mention_texts: Vec<&str> = vec![title.as_str()];
    mention_texts.extend(texts.iter().map(String::as_str));
    let persons = register.mentions(mention_texts);
    let mut title_persons: Vec<String> = Vec::new();
    for id in register.ids_in_order(&title) {
        if !title_persons.contains(&id) {
            title_persons.push(id);
        }
    }
    let candidates = find_candidates(&cleaned.blocks, &lines, register);

    let fields = fields_of(&meta, &persons, &repairs);
    Ok(Converted {
        detection,
        meta,
        fields,
        body,
        repairs,
        marks,
        persons,
        title_persons,
        candidates,
        warnings,
    })
}

fn text_field(value: &Option<String>) -> Value {
    value.as_ref().map_or(Value::Null, |v| json!(v))
}

/// The front-matter fields of a converted document.
fn fields_of(meta: &Metadata, persons: &BTreeMap<String, usize>, repairs: &Repairs) -> Fields {
    let mut f = Fields::new();
    f.insert("title".into(), text_field(&meta.title));
    f.insert("date".into(), text_field(&meta.date));
    f.insert("date_note".into(), text_field(&meta.date_note));
    f.insert("period".into(), text_field(&meta.period));
    f.insert("kind".into(), text_field(&meta.kind));
    f.insert("summary".into(), text_field(&meta.summary));
    f.insert("citation".into(), text_field(&meta.citation));
    f.insert(
        "original_language".into(),
        text_field(&meta.original_language),
    );
    f.insert("translator".into(), text_field(&meta.translator));
    f.insert("archive".into(), text_field(&meta.archive));
    f.insert("archive_ref".into(), text_field(&meta.archive_ref));
    f.insert("archive_ref_parts".into(), json!(meta.archive_ref_parts));
    f.insert("source_url".into(), text_field(&meta.source_url));
    f.insert("record_id".into(), text_field(&meta.record_id));
    f.insert("funders".into(), json!(meta.funders));
    f.insert("persons".into(), json!(persons.keys().collect::<Vec<_>>()));
    f.insert("repairs".into(), json!(repairs.lines()));
    f.retain(|_, v| !is_empty(v));
    f
}

/// Which expected fields a document has and lacks.
pub fn found_and_missing(fields: &Fields) -> (Vec<String>, Vec<String>) {
    let mut expected: Vec<&str> = EXPECTED.to_vec();
    if fields.get("kind").and_then(Value::as_str) == Some("journal-entry") {
        expected.insert(2, "period");
    }
    let (mut found, mut missing) = (Vec::new(), Vec::new());
    for name in expected {
        if fields.get(name).is_some_and(|v| !is_empty(v)) {
            found.push(name.to_string());
        } else {
            missing.push(name.to_string());
        }
    }
    (found, missing)
}

/// Name-like sequences not in the register, each with the source line it first occurs on.
fn find_candidates(
    blocks: &[body::Block],
    lines: &[SourceLine],
    register: &Register,
) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    for block in blocks {
        for text in block.lines() {
            let known = register.spans(text);
            for (s, e, reason) in candidates::find(text, &known) {
                let name = &text[s..e];
                if out.iter().any(|c| c.text == name) {
                    continue;
                }
                let line = lines
                    .iter()
                    .find(|l| l.text.contains(name))
                    .map_or(block.line(), |l| l.no);
                out.push(Candidate {
                    text: name.to_string(),
                    line,
                    reason,
                });
            }
        }
    }
    out
}

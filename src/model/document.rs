//! An archival document of the edition.

use super::EditionDate;
use std::path::PathBuf;

/// One document: its metadata from the front matter and its Markdown text.
#[derive(Debug, Clone)]
pub struct Document {
    /// Stable, URL-safe; equal to the file name without `.md`.
    pub id: String,
    pub title: String,
    pub date: EditionDate,
    pub date_note: Option<String>,
    /// For a journal entry: the period the whole journal covers.
    pub period: Option<EditionDate>,
    pub kind: Option<String>,
    pub summary: Option<String>,
    pub citation: Option<String>,
    pub original_language: Option<String>,
    pub translator: Option<String>,
    pub archive: Option<String>,
    pub archive_ref: Option<String>,
    /// The archival reference taken apart: fond, opis, papka, delo, listy (as written).
    pub archive_ref_parts: std::collections::BTreeMap<String, String>,
    pub source_url: Option<String>,
    pub record_id: Option<String>,
    pub funders: Vec<String>,
    /// Person ids named in the front matter (curated); mentions found in the text add to these.
    pub persons: Vec<String>,
    /// Repairs of conversion damage made to the text, in plain words.
    pub repairs: Vec<String>,
    /// Fields (and `body`) an editor has taken over: `recto import` never changes them.
    pub curated: Vec<String>,
    /// Provenance: the raw export this document was made from, relative to `content/`.
    pub source: Option<String>,
    /// The Markdown text (empty when `deferred`: then it is still in the file).
    pub body: String,
    /// For a build, which reads each text once when it renders it: where the text starts
    /// in the file, and a fingerprint of what comes before it (the front matter that was
    /// loaded), so a file changed in between is noticed, not mixed with stale metadata.
    pub deferred: Option<DeferredBody>,
    /// The file it was read from, relative to the edition root.
    pub path: PathBuf,
    /// The 1-based line of the file where `body` starts.
    pub body_line: usize,
}

/// Where a document's text is in its file (see `Document::deferred`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeferredBody {
    pub offset: usize,
    pub front: u64,
}

impl Document {
    /// Editions sort documents by date, then title, then id, so the order is total and stable.
    pub fn chronological(a: &Document, b: &Document) -> std::cmp::Ordering {
        a.date
            .cmp(&b.date)
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.id.cmp(&b.id))
    }
}

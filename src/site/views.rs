//! What templates receive: serialisable structs made for them, never ad-hoc maps.
//!
//! Every `url` is relative to the site root ("persons/kim-il-sung.html"); templates put
//! `{{ root }}` in front, which is the path from the current page back to the root, so the
//! site works at a domain root, in a sub-folder and from `file://`.

use crate::model::{kind, Document, EditionConfig, EditionDate, Person};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub subtitle: Option<String>,
    pub description: Option<String>,
    pub language: String,
    pub licence: Option<String>,
    pub editors: Vec<String>,
    pub documents: usize,
    pub persons: usize,
    /// "1950–1960", when the edition has dated documents.
    pub span: Option<String>,
    /// The edition has an about page (`content/pages/about.md`) for the navigation.
    pub about: bool,
}

impl SiteView {
    pub fn new(config: &EditionConfig, documents: &[Document], persons: usize) -> SiteView {
        let span = match (
            documents.first(),
            documents.iter().map(|d| d.date.latest()).max(),
        ) {
            (Some(first), Some(last)) => {
                let (a, b) = (first.date.year(), crate::model::date::year_of(last));
                Some(if a == b {
                    a.to_string()
                } else {
                    format!("{a}–{b}")
                })
            }
            _ => None,
        };
        SiteView {
            title: config.title.clone(),
            subtitle: config.subtitle.clone(),
            description: config.description.clone(),
            language: config.language.clone(),
            licence: config.licence.clone(),
            editors: config.editors.clone(),
            documents: documents.len(),
            persons,
            span,
            about: false,
        }
    }
}

/// A date as shown: in words, for `<time datetime>`, and whether it is imprecise.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    pub words: String,
    pub machine: String,
    pub edtf: String,
    pub precision: &'static str,
    pub imprecise: bool,
    /// What a reader should know about an imprecise date ("known to the month").
    pub note: Option<String>,
}

impl DateView {
    pub fn new(date: &EditionDate) -> DateView {
        DateView {
            words: date.words(),
            machine: date.machine(),
            edtf: date.edtf(),
            precision: date.precision().name(),
            imprecise: date.is_imprecise(),
            note: precision_note(date),
        }
    }
}

/// "known to the month", "approximate", "a period" …; nothing for an exact day.
pub fn precision_note(date: &EditionDate) -> Option<String> {
    if date.is_interval() {
        return Some("a period".to_string());
    }
    let start = date.start();
    let mut parts = Vec::new();
    if start.precision() != crate::model::Precision::Day {
        parts.push(format!("known to the {}", start.precision().name()));
    }
    if start.is_approximate() {
        parts.push("approximate".to_string());
    }
    if start.is_uncertain() {
        parts.push("uncertain".to_string());
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// A person as linked from elsewhere.
#[derive(Debug, Clone, Serialize)]
pub struct PersonRef {
    pub id: String,
    pub url: String,
    pub name: String,
    /// Documents that mention the person.
    pub documents: usize,
}

/// A person as named by a document: a link, without the counts that only the whole
/// edition knows (so a document's page can be written as soon as its text is rendered).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PersonLink {
    pub id: String,
    pub url: String,
    pub name: String,
}

impl PersonLink {
    pub fn new(person: &Person) -> PersonLink {
        PersonLink {
            id: person.id.clone(),
            url: person_url(&person.id),
            name: person.name.clone(),
        }
    }
}

/// A document as listed elsewhere.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentRef {
    pub id: String,
    pub url: String,
    pub title: String,
    pub date: DateView,
    pub kind: Option<String>,
    pub summary: Option<String>,
    pub persons: Vec<PersonLink>,
}

impl DocumentRef {
    pub fn new(document: &Document, persons: Vec<PersonLink>) -> DocumentRef {
        DocumentRef {
            id: document.id.clone(),
            url: document_url(&document.id),
            title: document.title.clone(),
            date: DateView::new(&document.date),
            kind: document.kind.as_deref().map(kind::label),
            summary: document.summary.clone(),
            persons,
        }
    }
}

pub fn document_url(id: &str) -> String {
    format!("documents/{id}.html")
}

pub fn person_url(id: &str) -> String {
    format!("persons/{id}.html")
}

/// One kind of editorial mark for the legend of a document page.
#[derive(Debug, Clone, Serialize)]
pub struct LegendItem {
    pub name: &'static str,
    pub meaning: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentPage {
    pub document: DocumentRef,
    pub date_note: Option<String>,
    pub period: Option<DateView>,
    pub citation: String,
    /// True when the citation was composed by recto from the metadata.
    pub citation_composed: bool,
    pub archive: Option<String>,
    pub archive_ref: Option<String>,
    pub translator: Option<String>,
    pub original_language: Option<String>,
    pub funders: Vec<String>,
    pub source_url: Option<String>,
    pub record_id: Option<String>,
    pub repairs: Vec<String>,
    pub source: Option<String>,
    pub body: String,
    pub legend: Vec<LegendItem>,
    pub previous: Option<DocumentRef>,
    pub next: Option<DocumentRef>,
}

/// The citation to copy: the archive's own when the document has one, else composed.
pub fn citation(document: &Document) -> (String, bool) {
    if let Some(c) = &document.citation {
        return (c.clone(), false);
    }
    let mut parts = vec![
        format!("\u{201c}{}\u{201d}", document.title),
        document.date.words(),
    ];
    let archive: Vec<&str> = [document.archive.as_deref(), document.archive_ref.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !archive.is_empty() {
        parts.push(archive.join(" "));
    }
    let mut text = parts.join(", ");
    text.push('.');
    if let Some(t) = &document.translator {
        text.push_str(&format!(" Translated by {t}."));
    }
    if let Some(url) = &document.source_url {
        text.push(' ');
        text.push_str(url);
    }
    (text, true)
}

/// A mention shown on a person page: the words around it, to be escaped by the template.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct SnippetView {
    pub before: String,
    pub text: String,
    pub after: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonDocument {
    pub document: DocumentRef,
    pub mentions: usize,
    pub snippets: Vec<SnippetView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CoMention {
    pub person: PersonRef,
    /// Documents mentioning both.
    pub together: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonPage {
    pub person: PersonRef,
    pub sort_name: String,
    pub aliases: Vec<String>,
    pub roles: Vec<String>,
    pub born: Option<DateView>,
    pub died: Option<DateView>,
    pub wikidata: Option<String>,
    pub biography: String,
    /// This page's share of the documents (see `pager`).
    pub documents: Vec<PersonDocument>,
    /// Mentions in all the person's documents.
    pub mentions: usize,
    pub pager: super::paginate::Pager,
    pub first: Option<DocumentRef>,
    pub last: Option<DocumentRef>,
    pub co_mentioned: Vec<CoMention>,
    /// The person's own chronology: life dates, context events naming them, and the
    /// documents of this page.
    pub chronology: Vec<super::timeline::Item>,
}

impl PersonPage {
    pub fn person_ref(person: &Person, documents: usize) -> PersonRef {
        PersonRef {
            id: person.id.clone(),
            url: person_url(&person.id),
            name: person.name.clone(),
            documents,
        }
    }
}

/// One entry of the persons index.
#[derive(Debug, Clone, Serialize)]
pub struct PersonsEntry {
    pub person: PersonRef,
    pub sort_name: String,
    pub roles: Vec<String>,
    /// Every spelling, for the filter box.
    pub search: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonsLetter {
    pub letter: String,
    pub persons: Vec<PersonsEntry>,
}

/// A letter of the persons index and the page where it begins.
#[derive(Debug, Clone, Serialize)]
pub struct LetterLink {
    pub letter: String,
    /// The page of the index where the letter begins (1-based) and the heading's id there.
    pub page: usize,
    pub anchor: String,
    /// Address of the letter's heading, relative to the site root.
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    pub title: String,
    pub body: String,
}

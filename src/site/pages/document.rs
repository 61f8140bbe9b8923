//! A document's page: planned from the document, its rendered text and its own findings,
//! nothing else of the edition but its neighbours' titles and its persons' names.

use super::{Framer, PlannedPage};
use crate::model::Edition;
use crate::render::editorial::Mark;
use crate::render::Rendered;
use crate::site::findings::Finding;
use crate::site::views::*;

/// The page of document `i`, whose text rendered as `rendered` and whose persons are `found`.
pub fn page(
    framer: &Framer,
    edition: &Edition,
    i: usize,
    rendered: &Rendered,
    found: &[Finding],
) -> PlannedPage {
    let document = &edition.documents[i];
    let (citation_text, composed) = citation(document);
    let legend = Mark::ALL
        .iter()
        .filter(|m| rendered.marks.contains(m.name()))
        .map(|m| LegendItem {
            name: m.name(),
            meaning: m.meaning(),
        })
        .collect();
    let persons = found
        .iter()
        .filter_map(|f| edition.persons.get(f.person))
        .map(PersonLink::new)
        .collect();
    // Neighbours are only pointed at: their persons are left out.
    let neighbour = |j: usize| {
        edition
            .documents
            .get(j)
            .map(|d| DocumentRef::new(d, Vec::new()))
    };
    let view = DocumentPage {
        document: DocumentRef::new(document, persons),
        date_note: document.date_note.clone(),
        period: document.period.as_ref().map(DateView::new),
        citation: citation_text,
        citation_composed: composed,
        archive: document.archive.clone(),
        archive_ref: document.archive_ref.clone(),
        translator: document.translator.clone(),
        original_language: document.original_language.clone(),
        funders: document.funders.clone(),
        source_url: document.source_url.clone(),
        record_id: document.record_id.clone(),
        repairs: document.repairs.clone(),
        source: document.source.clone(),
        body: rendered.html.clone(),
        legend,
        previous: i.checked_sub(1).and_then(neighbour),
        next: neighbour(i + 1),
    };
    framer.page(
        document_url(&document.id),
        "document.html",
        &document.title,
        "documents",
        "document",
        &view,
    )
}

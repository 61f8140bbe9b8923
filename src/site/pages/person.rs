//! A person's pages: the register entry, then the documents concerning the person with the
//! words around each mention, a page of them at a time.

use super::{PlannedPage, SitePlan};
use crate::site::paginate::{self, Pager, PERSON_DOCUMENTS_PER_PAGE};
use crate::site::timeline;
use crate::site::views::*;

/// How many co-mentioned persons a person page names.
const CO_MENTIONS: usize = 8;

/// Page `number` of person `i`.
pub fn page(plan: &SitePlan, i: usize, number: usize) -> PlannedPage {
    let edition = plan.edition;
    let person = &edition.persons[i];
    let appearances = &plan.relations.person_documents[i];
    let link = |d: usize| DocumentRef::new(&edition.documents[d], Vec::new());
    let first_url = person_url(&person.id);
    let range = paginate::page_range(appearances.len(), PERSON_DOCUMENTS_PER_PAGE, number);
    let documents: Vec<PersonDocument> = appearances[range]
        .iter()
        .map(|a| PersonDocument {
            document: link(a.document),
            mentions: a.mentions,
            snippets: a.snippets.clone(),
        })
        .collect();
    let mut chronology: Vec<timeline::Placed> = documents
        .iter()
        .zip(
            &appearances
                [paginate::page_range(appearances.len(), PERSON_DOCUMENTS_PER_PAGE, number)],
        )
        .map(|(d, a)| {
            timeline::Placed::document(d.document.clone(), &edition.documents[a.document].date)
        })
        .collect();
    for (date, kind) in [(&person.born, "birth"), (&person.died, "death")] {
        if let Some(date) = date {
            let title = if kind == "birth" {
                format!("{} is born", person.name)
            } else {
                format!("{} dies", person.name)
            };
            let view = timeline::EventView {
                kind,
                title,
                description: None,
                persons: vec![],
            };
            chronology.push(timeline::Placed::event(view, date));
        }
    }
    for event in edition
        .events
        .iter()
        .filter(|e| e.persons.contains(&person.id))
    {
        let view = timeline::EventView {
            kind: "event",
            title: event.title.clone(),
            description: None,
            persons: vec![],
        };
        chronology.push(timeline::Placed::event(view, &event.date));
    }
    timeline::sort(&mut chronology);
    let view = PersonPage {
        person: plan.person_ref(i),
        sort_name: person.sort_name.clone(),
        aliases: person.aliases.clone(),
        roles: person.roles.clone(),
        born: person.born.as_ref().map(DateView::new),
        died: person.died.as_ref().map(DateView::new),
        wikidata: person.wikidata.clone(),
        biography: if number == 1 {
            plan.biographies.get(i).cloned().unwrap_or_default()
        } else {
            String::new()
        },
        mentions: appearances.iter().map(|a| a.mentions).sum(),
        first: appearances.first().map(|a| link(a.document)),
        last: appearances.last().map(|a| link(a.document)),
        documents,
        pager: Pager::new(
            &first_url,
            appearances.len(),
            PERSON_DOCUMENTS_PER_PAGE,
            number,
        ),
        // Shown on the first page only: counting costs as much as the person's documents.
        co_mentioned: if number == 1 {
            plan.relations
                .co_mentioned(i, CO_MENTIONS)
                .into_iter()
                .map(|(p, together)| CoMention {
                    person: plan.person_ref(p),
                    together,
                })
                .collect()
        } else {
            Vec::new()
        },
        chronology: chronology.into_iter().map(|p| p.item).collect(),
    };
    let title = if number > 1 {
        format!("{} (page {number})", person.name)
    } else {
        person.name.clone()
    };
    plan.framer.page(
        paginate::page_url(&first_url, number),
        "person.html",
        &title,
        "persons",
        "person",
        &view,
    )
}

//! The home page, the documents index and the persons index.

use super::{PlannedPage, SitePlan};
use crate::model::Edition;
use crate::site::paginate::{self, Pager, DOCUMENTS_PER_PAGE, PERSONS_PER_PAGE};
use crate::site::views::*;
use serde::Serialize;

/// The home page shows the first documents in time; the rest are a link away.
const HOME_DOCUMENTS: usize = 20;

pub fn home(plan: &SitePlan) -> PlannedPage {
    #[derive(Serialize)]
    struct Home<'a> {
        introduction: Option<&'a str>,
        latest: Vec<DocumentRef>,
        more: usize,
        pages: Vec<PageLink>,
    }
    #[derive(Serialize)]
    struct PageLink {
        url: String,
        title: String,
    }
    let documents = plan.edition.documents.len();
    let home = Home {
        introduction: plan.introduction,
        latest: (0..documents.min(HOME_DOCUMENTS))
            .map(|i| plan.document_ref(i))
            .collect(),
        more: documents.saturating_sub(HOME_DOCUMENTS),
        pages: plan
            .edition
            .pages
            .iter()
            .map(|p| PageLink {
                url: format!("{}.html", p.id),
                title: p.title.clone(),
            })
            .collect(),
    };
    let title = plan.edition.config.title.clone();
    plan.framer.page(
        "index.html".into(),
        "index.html",
        &title,
        "home",
        "home",
        &home,
    )
}

/// Page `number` of the documents index.
pub fn documents(plan: &SitePlan, number: usize) -> PlannedPage {
    #[derive(Serialize)]
    struct DocumentList {
        documents: Vec<DocumentRef>,
        pager: Pager,
    }
    let first = "documents/index.html";
    let total = plan.edition.documents.len();
    let list = DocumentList {
        documents: paginate::page_range(total, DOCUMENTS_PER_PAGE, number)
            .map(|i| plan.document_ref(i))
            .collect(),
        pager: Pager::new(first, total, DOCUMENTS_PER_PAGE, number),
    };
    let title = numbered("Documents", number);
    plan.framer.page(
        paginate::page_url(first, number),
        "documents.html",
        &title,
        "documents",
        "list",
        &list,
    )
}

/// "Documents", "Documents (page 2)".
fn numbered(title: &str, number: usize) -> String {
    if number > 1 {
        format!("{title} (page {number})")
    } else {
        title.to_string()
    }
}

/// Where each letter of the persons index begins (the register is sorted by `sort_name`).
pub struct PersonsPlan {
    letters: Vec<LetterLink>,
}

impl PersonsPlan {
    pub fn new(edition: &Edition) -> PersonsPlan {
        let mut letters: Vec<LetterLink> = Vec::new();
        for (i, person) in edition.persons.iter().enumerate() {
            let letter = person.initial().to_string();
            if letters.iter().all(|l| l.letter != letter) {
                let page = i / PERSONS_PER_PAGE + 1;
                letters.push(LetterLink {
                    url: format!(
                        "{}#letter-{letter}",
                        paginate::page_url("persons/index.html", page)
                    ),
                    page,
                    anchor: format!("letter-{letter}"),
                    letter,
                });
            }
        }
        PersonsPlan { letters }
    }
}

/// Page `number` of the persons index.
pub fn persons(plan: &SitePlan, number: usize) -> PlannedPage {
    #[derive(Serialize)]
    struct PersonsIndex<'a> {
        letters: Vec<PersonsLetter>,
        /// Every letter of the register, with the page where it begins.
        all_letters: &'a [LetterLink],
        count: usize,
        pager: Pager,
    }
    let edition = plan.edition;
    let first = "persons/index.html";
    let total = edition.persons.len();
    let mut letters: Vec<PersonsLetter> = Vec::new();
    for i in paginate::page_range(total, PERSONS_PER_PAGE, number) {
        let person = &edition.persons[i];
        let letter = person.initial().to_string();
        if letters.last().is_none_or(|l| l.letter != letter) {
            letters.push(PersonsLetter {
                letter: letter.clone(),
                persons: Vec::new(),
            });
        }
        let mut search = vec![person.name.clone(), person.sort_name.clone()];
        search.extend(person.aliases.iter().cloned());
        if let Some(l) = letters.last_mut() {
            l.persons.push(PersonsEntry {
                person: plan.person_ref(i),
                sort_name: person.sort_name.clone(),
                roles: person.roles.clone(),
                search: search.join(" | ").to_lowercase(),
            });
        }
    }
    let index = PersonsIndex {
        letters,
        all_letters: &plan.persons.letters,
        count: total,
        pager: Pager::new(first, total, PERSONS_PER_PAGE, number),
    };
    let title = numbered("Persons", number);
    plan.framer.page(
        paginate::page_url(first, number),
        "persons.html",
        &title,
        "persons",
        "index",
        &index,
    )
}

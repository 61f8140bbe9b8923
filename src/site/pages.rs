//! The page plan: every output page with its template and its context.

use super::relations::Relations;
use super::timeline;
use super::views::*;
use crate::model::Edition;
use crate::render::editorial::Mark;
use crate::render::Rendered;
use rayon::prelude::*;
use serde::Serialize;

/// One page to render: where it goes, with which template, and what the template sees.
pub struct PlannedPage {
    pub path: String,
    pub template: &'static str,
    pub context: tera::Context,
}

/// What every page shows around its content.
#[derive(Serialize)]
struct Frame<'a> {
    title: &'a str,
    /// "home", "documents", "persons", "timeline", "about", or "".
    section: &'a str,
    path: &'a str,
}

/// The rendered texts, by index of the edition's documents, persons and pages.
pub struct Texts {
    pub documents: Vec<Rendered>,
    pub persons: Vec<Rendered>,
    pub pages: Vec<Rendered>,
    pub introduction: Option<String>,
}

const CO_MENTIONS: usize = 8;
const SNIPPETS_PER_DOCUMENT: usize = 3;
const HOME_DOCUMENTS: usize = 20;

/// Plans every page of the site.
pub fn plan(edition: &Edition, texts: &Texts, relations: &Relations) -> Vec<PlannedPage> {
    let mut site = SiteView::new(&edition.config, &edition.documents, edition.persons.len());
    site.about = edition.pages.iter().any(|p| p.id == "about");
    let person_ref = |i: usize| PageRefs::person(edition, relations, i);
    let document_ref = |i: usize| {
        let persons = relations.document_persons[i]
            .iter()
            .map(|&p| person_ref(p))
            .collect();
        DocumentRef::new(&edition.documents[i], persons)
    };
    let document_refs: Vec<DocumentRef> = (0..edition.documents.len()).map(document_ref).collect();
    // Where a document is only pointed at (person pages, neighbours), its persons are not
    // shown: leaving them out keeps each page's size in proportion to what it shows.
    let document_links: Vec<DocumentRef> = edition
        .documents
        .iter()
        .map(|d| DocumentRef::new(d, Vec::new()))
        .collect();
    let mut pages = Vec::new();
    let absolute_root = edition
        .config
        .base_url
        .as_deref()
        .map(|b| format!("{}/", b.trim_end_matches('/')));
    let framer = Framer {
        site: &site,
        absolute_root,
    };
    let mut add = |path: String,
                   template: &'static str,
                   title: &str,
                   section: &str,
                   key: &str,
                   value: &dyn erased::Value| {
        pages.push(framer.page(path, template, title, section, key, value));
    };

    // Home.
    #[derive(Serialize)]
    struct Home<'a> {
        introduction: Option<&'a str>,
        latest: Vec<&'a DocumentRef>,
        /// The home page shows the first documents in time; the rest are a link away.
        more: usize,
        pages: Vec<PageLink>,
    }
    #[derive(Serialize)]
    struct PageLink {
        url: String,
        title: String,
    }
    let home = Home {
        introduction: texts.introduction.as_deref(),
        latest: document_refs.iter().take(HOME_DOCUMENTS).collect(),
        more: document_refs.len().saturating_sub(HOME_DOCUMENTS),
        pages: edition
            .pages
            .iter()
            .map(|p| PageLink {
                url: format!("{}.html", p.id),
                title: p.title.clone(),
            })
            .collect(),
    };
    add(
        "index.html".into(),
        "index.html",
        &site.title.clone(),
        "home",
        "home",
        &home,
    );

    // Documents and persons: the bulk of the pages, planned in parallel.
    let document_pages: Vec<PlannedPage> = edition
        .documents
        .par_iter()
        .enumerate()
        .map(|(i, document)| {
            let (citation_text, composed) = citation(document);
            let rendered = &texts.documents[i];
            let legend = Mark::ALL
                .iter()
                .filter(|m| rendered.marks.contains(m.name()))
                .map(|m| LegendItem {
                    name: m.name(),
                    meaning: m.meaning(),
                })
                .collect();
            let view = DocumentPage {
                document: document_refs[i].clone(),
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
                previous: i.checked_sub(1).map(|p| document_links[p].clone()),
                next: document_links.get(i + 1).cloned(),
            };
            framer.page(
                document_url(&document.id),
                "document.html",
                &document.title,
                "documents",
                "document",
                &view,
            )
        })
        .collect();
    #[derive(Serialize)]
    struct DocumentList<'a> {
        documents: &'a [DocumentRef],
    }
    add(
        "documents/index.html".into(),
        "documents.html",
        "Documents",
        "documents",
        "list",
        &DocumentList {
            documents: &document_refs,
        },
    );

    let person_pages: Vec<PlannedPage> = edition
        .persons
        .par_iter()
        .enumerate()
        .map(|(i, person)| {
            let appearances = &relations.person_documents[i];
            let documents: Vec<PersonDocument> = appearances
                .iter()
                .map(|a| PersonDocument {
                    document: document_links[a.document].clone(),
                    mentions: a.mentions.len(),
                    snippets: a
                        .mentions
                        .iter()
                        .filter(|m| !m.explicit)
                        .take(SNIPPETS_PER_DOCUMENT)
                        .map(|m| SnippetView {
                            before: m.before.clone(),
                            text: m.text.clone(),
                            after: m.after.clone(),
                        })
                        .collect(),
                })
                .collect();
            let mut chronology: Vec<timeline::Placed> = appearances
                .iter()
                .map(|a| {
                    timeline::Placed::document(
                        document_links[a.document].clone(),
                        &edition.documents[a.document].date,
                    )
                })
                .collect();
            for (date, kind, verb) in [
                (&person.born, "birth", "born"),
                (&person.died, "death", "dies"),
            ] {
                if let Some(date) = date {
                    let title = if kind == "birth" {
                        format!("{} is {verb}", person.name)
                    } else {
                        format!("{} {verb}", person.name)
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
                person: person_ref(i),
                sort_name: person.sort_name.clone(),
                aliases: person.aliases.clone(),
                roles: person.roles.clone(),
                born: person.born.as_ref().map(DateView::new),
                died: person.died.as_ref().map(DateView::new),
                wikidata: person.wikidata.clone(),
                biography: texts.persons[i].html.clone(),
                mentions: documents.iter().map(|d| d.mentions).sum(),
                first: documents.first().map(|d| d.document.clone()),
                last: documents.last().map(|d| d.document.clone()),
                documents,
                co_mentioned: relations
                    .co_mentioned(i, CO_MENTIONS)
                    .into_iter()
                    .map(|(p, together)| CoMention {
                        person: person_ref(p),
                        together,
                    })
                    .collect(),
                chronology: chronology.into_iter().map(|p| p.item).collect(),
            };
            framer.page(
                person_url(&person.id),
                "person.html",
                &person.name,
                "persons",
                "person",
                &view,
            )
        })
        .collect();
    let mut letters: Vec<PersonsLetter> = Vec::new();
    for (i, person) in edition.persons.iter().enumerate() {
        let letter = person.initial().to_string();
        if letters.last().is_none_or(|l| l.letter != letter) {
            letters.push(PersonsLetter {
                letter: letter.clone(),
                persons: Vec::new(),
            });
        }
        let mut search = vec![person.name.clone(), person.sort_name.clone()];
        search.extend(person.aliases.iter().cloned());
        letters
            .last_mut()
            .expect("just pushed")
            .persons
            .push(PersonsEntry {
                person: person_ref(i),
                sort_name: person.sort_name.clone(),
                roles: person.roles.clone(),
                search: search.join(" | ").to_lowercase(),
            });
    }
    #[derive(Serialize)]
    struct PersonsIndex {
        letters: Vec<PersonsLetter>,
        count: usize,
    }
    add(
        "persons/index.html".into(),
        "persons.html",
        "Persons",
        "persons",
        "index",
        &PersonsIndex {
            letters,
            count: edition.persons.len(),
        },
    );

    // Timeline: documents, context events and, within the edition's span, lives.
    let mut items: Vec<timeline::Placed> = edition
        .documents
        .iter()
        .zip(&document_refs)
        .map(|(d, r)| timeline::Placed::document(r.clone(), &d.date))
        .collect();
    let person_index = edition.person_index();
    for event in &edition.events {
        let persons = event
            .persons
            .iter()
            .filter_map(|id| person_index.get(id.as_str()))
            .map(|&i| person_ref(i))
            .collect();
        let view = timeline::EventView {
            kind: "event",
            title: event.title.clone(),
            description: event.description.clone(),
            persons,
        };
        items.push(timeline::Placed::event(view, &event.date));
    }
    if edition.config.timeline_lives {
        let first = edition.documents.iter().map(|d| d.date.earliest()).min();
        let last = edition.documents.iter().map(|d| d.date.latest()).max();
        if let (Some(first), Some(last)) = (first, last) {
            for (i, person) in edition.persons.iter().enumerate() {
                for (date, kind, verb) in [
                    (&person.born, "birth", "is born"),
                    (&person.died, "death", "dies"),
                ] {
                    let Some(date) = date else { continue };
                    if date.earliest() >= first && date.latest() <= last {
                        let view = timeline::EventView {
                            kind,
                            title: format!("{} {verb}", person.name),
                            description: None,
                            persons: vec![person_ref(i)],
                        };
                        items.push(timeline::Placed::event(view, date));
                    }
                }
            }
        }
    }
    timeline::sort(&mut items);
    let year_pages = edition.documents.len() > edition.config.timeline_year_pages_after;
    let view = timeline::group(items, year_pages);
    if year_pages {
        #[derive(Serialize)]
        struct YearPage<'a> {
            year: &'a timeline::YearGroup,
            previous: Option<i32>,
            next: Option<i32>,
        }
        let years: Vec<&timeline::YearGroup> = view.decades.iter().flat_map(|d| &d.years).collect();
        for (n, year) in years.iter().enumerate() {
            let page = YearPage {
                year,
                previous: n.checked_sub(1).map(|p| years[p].year),
                next: years.get(n + 1).map(|y| y.year),
            };
            let title = format!("Timeline: {}", year.year);
            add(
                format!("timeline/{}.html", year.year),
                "timeline_year.html",
                &title,
                "timeline",
                "timeline_year",
                &page,
            );
        }
    }
    add(
        "timeline/index.html".into(),
        "timeline.html",
        "Timeline",
        "timeline",
        "timeline",
        &view,
    );

    add(
        "feed.xml".into(),
        "feed.xml",
        "Feed",
        "",
        "feed",
        &super::feed::feed(edition, &document_refs),
    );

    // Free pages and the 404 page.
    for (i, page) in edition.pages.iter().enumerate() {
        let view = PageView {
            title: page.title.clone(),
            body: texts.pages[i].html.clone(),
        };
        let section = if page.id == "about" { "about" } else { "" };
        add(
            format!("{}.html", page.id),
            "page.html",
            &page.title,
            section,
            "content",
            &view,
        );
    }
    add(
        "404.html".into(),
        "404.html",
        "Page not found",
        "",
        "missing",
        &(),
    );
    pages.extend(document_pages);
    pages.extend(person_pages);
    pages
}

/// Wraps a page's own view in what every page shows around it.
struct Framer<'a> {
    site: &'a SiteView,
    absolute_root: Option<String>,
}

impl Framer<'_> {
    fn page(
        &self,
        path: String,
        template: &'static str,
        title: &str,
        section: &str,
        key: &str,
        value: &dyn erased::Value,
    ) -> PlannedPage {
        let mut context = tera::Context::new();
        let depth = path.matches('/').count();
        // A server shows 404.html at whatever address was missing, so relative links from
        // it only work at the top level; with a base_url it links absolutely instead.
        let root = match (&self.absolute_root, path.as_str()) {
            (Some(base), "404.html") => base.clone(),
            _ => "../".repeat(depth),
        };
        context.insert("root", &root);
        context.insert("site", self.site);
        context.insert(
            "page",
            &Frame {
                title,
                section,
                path: &path,
            },
        );
        value.insert_into(&mut context, key);
        PlannedPage {
            path,
            template,
            context,
        }
    }
}

/// Builds small references to persons with their document counts.
struct PageRefs;

impl PageRefs {
    fn person(edition: &Edition, relations: &Relations, i: usize) -> PersonRef {
        PersonPage::person_ref(&edition.persons[i], relations.document_count(i))
    }
}

/// Lets `add` take any serialisable view without generics on the closure.
mod erased {
    pub trait Value: Sync {
        fn insert_into(&self, context: &mut tera::Context, key: &str);
    }

    impl<T: serde::Serialize + Sync> Value for T {
        fn insert_into(&self, context: &mut tera::Context, key: &str) {
            context.insert(key.to_string(), self);
        }
    }
}

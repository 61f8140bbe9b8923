//! The page plan: every output page with its template and its context.
//!
//! Document pages are planned one at a time, from the document, its rendered text and its
//! own findings alone, so the build writes each as soon as its text is ready
//! ([`document::page`]). Every other page needs the whole edition's relations and is
//! planned from a [`Job`] once they exist ([`SitePlan`]); a job is small, so the build can
//! list them all and plan, render and write each in parallel without holding the site.

pub mod document;
mod lists;
mod person;
mod timeline_pages;

use super::relations::Relations;
use super::views::*;
use crate::model::Edition;
use crate::render::Rendered;
use serde::Serialize;

/// One page to render: where it goes, with which template, and what the template sees.
pub struct PlannedPage {
    pub path: String,
    pub template: &'static str,
    pub context: tera::Context,
}

/// The rendered texts, by index of the edition's documents, persons and pages.
pub struct Texts {
    pub documents: Vec<Rendered>,
    pub persons: Vec<Rendered>,
    pub pages: Vec<Rendered>,
    pub introduction: Option<String>,
}

/// What every page shows around its content.
#[derive(Serialize)]
struct Frame<'a> {
    title: &'a str,
    /// "home", "documents", "persons", "timeline", "about", or "".
    section: &'a str,
    path: &'a str,
}

/// Wraps a page's own view in what every page shows around it.
pub struct Framer {
    site: SiteView,
    absolute_root: Option<String>,
}

impl Framer {
    pub fn new(edition: &Edition) -> Framer {
        let mut site = SiteView::new(&edition.config, &edition.documents, edition.persons.len());
        site.about = edition.pages.iter().any(|p| p.id == "about");
        Framer {
            site,
            absolute_root: edition
                .config
                .base_url
                .as_deref()
                .map(|b| format!("{}/", b.trim_end_matches('/'))),
        }
    }

    /// What every page's frame shows, as one number (the preview skips pages whose inputs,
    /// this included, are unchanged).
    pub fn fingerprint(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        format!("{:?}{:?}", self.site, self.absolute_root).hash(&mut h);
        h.finish()
    }

    fn page(
        &self,
        path: String,
        template: &'static str,
        title: &str,
        section: &str,
        key: &str,
        value: &impl Serialize,
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
        context.insert("site", &self.site);
        context.insert(
            "page",
            &Frame {
                title,
                section,
                path: &path,
            },
        );
        context.insert(key.to_string(), value);
        PlannedPage {
            path,
            template,
            context,
        }
    }
}

/// A page other than a document's, to be planned once the relations are known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    Home,
    /// Page `n` (1-based) of the documents index.
    Documents(usize),
    /// Page `page` of person `person`.
    Person {
        person: usize,
        page: usize,
    },
    /// Page `n` of the persons index.
    Persons(usize),
    Timeline,
    /// Page `page` of the `year`-th year that has documents.
    TimelineYear {
        year: usize,
        page: usize,
    },
    Feed,
    /// The edition's free page at this index.
    Page(usize),
    NotFound,
}

/// Everything the non-document pages are planned from.
pub struct SitePlan<'a> {
    edition: &'a Edition,
    relations: &'a Relations,
    framer: &'a Framer,
    introduction: Option<&'a str>,
    page_bodies: &'a [String],
    biographies: &'a [String],
    timeline: timeline_pages::TimelinePlan,
    persons: lists::PersonsPlan,
    /// Every document as pointed at (without its persons), made once: lists show a
    /// document many times.
    links: Vec<DocumentRef>,
}

impl<'a> SitePlan<'a> {
    /// `page_bodies` and `biographies` are the free pages' and the persons' HTML, by index;
    /// `introduction` the home page's.
    pub fn new(
        edition: &'a Edition,
        relations: &'a Relations,
        framer: &'a Framer,
        introduction: Option<&'a str>,
        page_bodies: &'a [String],
        biographies: &'a [String],
    ) -> SitePlan<'a> {
        SitePlan {
            edition,
            relations,
            framer,
            introduction,
            page_bodies,
            biographies,
            timeline: timeline_pages::TimelinePlan::new(edition),
            persons: lists::PersonsPlan::new(edition),
            links: edition
                .documents
                .iter()
                .map(|d| DocumentRef::new(d, Vec::new()))
                .collect(),
        }
    }

    /// Every page to plan, in a stable order.
    pub fn jobs(&self) -> Vec<Job> {
        use super::paginate::*;
        let mut jobs = vec![Job::Home];
        let documents = self.edition.documents.len();
        jobs.extend((1..=page_count(documents, DOCUMENTS_PER_PAGE)).map(Job::Documents));
        for (person, appearances) in self.relations.person_documents.iter().enumerate() {
            let pages = page_count(appearances.len(), PERSON_DOCUMENTS_PER_PAGE);
            jobs.extend((1..=pages).map(|page| Job::Person { person, page }));
        }
        jobs.extend(
            (1..=page_count(self.edition.persons.len(), PERSONS_PER_PAGE)).map(Job::Persons),
        );
        jobs.push(Job::Timeline);
        jobs.extend(self.timeline.year_jobs());
        jobs.push(Job::Feed);
        jobs.extend((0..self.edition.pages.len()).map(Job::Page));
        jobs.push(Job::NotFound);
        jobs
    }

    /// Plans one page.
    pub fn plan(&self, job: Job) -> PlannedPage {
        match job {
            Job::Home => lists::home(self),
            Job::Documents(n) => lists::documents(self, n),
            Job::Person { person, page } => person::page(self, person, page),
            Job::Persons(n) => lists::persons(self, n),
            Job::Timeline => self.timeline.index(self),
            Job::TimelineYear { year, page } => self.timeline.year(self, year, page),
            Job::Feed => self.framer.page(
                "feed.xml".into(),
                "feed.xml",
                "Feed",
                "",
                "feed",
                &super::feed::feed(self.edition),
            ),
            Job::Page(i) => {
                let page = &self.edition.pages[i];
                let view = PageView {
                    title: page.title.clone(),
                    body: self.page_bodies.get(i).cloned().unwrap_or_default(),
                };
                let section = if page.id == "about" { "about" } else { "" };
                self.framer.page(
                    format!("{}.html", page.id),
                    "page.html",
                    &page.title,
                    section,
                    "content",
                    &view,
                )
            }
            Job::NotFound => self.framer.page(
                "404.html".into(),
                "404.html",
                "Page not found",
                "",
                "missing",
                &(),
            ),
        }
    }

    /// A person as linked from lists, with the number of documents concerning them.
    fn person_ref(&self, i: usize) -> PersonRef {
        PersonPage::person_ref(&self.edition.persons[i], self.relations.document_count(i))
    }

    /// A document as listed, with the persons it concerns.
    fn document_ref(&self, i: usize) -> DocumentRef {
        let persons = self.relations.document_persons[i]
            .iter()
            .map(|&p| PersonLink::new(&self.edition.persons[p]))
            .collect();
        DocumentRef {
            persons,
            ..self.links[i].clone()
        }
    }

    /// A document as pointed at, without its persons.
    fn document_link(&self, i: usize) -> DocumentRef {
        self.links[i].clone()
    }
}

/// Every page of the site, planned at once (the preview's incremental rebuild compares
/// them with the previous build's; `recto build` streams instead).
pub fn plan_all(
    edition: &Edition,
    texts: &Texts,
    findings: &[Vec<super::findings::Finding>],
    relations: &Relations,
) -> Vec<PlannedPage> {
    use rayon::prelude::*;
    let framer = Framer::new(edition);
    let mut pages: Vec<PlannedPage> = (0..edition.documents.len())
        .into_par_iter()
        .map(|i| document::page(&framer, edition, i, &texts.documents[i], &findings[i]))
        .collect();
    let bodies: Vec<String> = texts.pages.iter().map(|r| r.html.clone()).collect();
    let biographies: Vec<String> = texts.persons.iter().map(|r| r.html.clone()).collect();
    let plan = SitePlan::new(
        edition,
        relations,
        &framer,
        texts.introduction.as_deref(),
        &bodies,
        &biographies,
    );
    let jobs = plan.jobs();
    pages.par_extend(jobs.into_par_iter().map(|job| plan.plan(job)));
    pages
}

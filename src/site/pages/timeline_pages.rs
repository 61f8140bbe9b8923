//! The timeline's pages: the index, and past `timeline_year_pages_after` documents a page
//! of its own for every year, a page of entries at a time.
//!
//! The timeline is planned from a light list of every entry (a date and what it is), sorted
//! once; an entry becomes a full view only on the page that shows it.

use super::{PlannedPage, SitePlan};
use crate::model::{EditionDate, Precision};
use crate::site::paginate::{self, Pager, TIMELINE_ENTRIES_PER_PAGE};
use crate::site::timeline::{self, EventView, Placed};
use serde::Serialize;

/// What an entry of the timeline is.
#[derive(Debug, Clone, Copy)]
enum Entry {
    Document(usize),
    Event(usize),
    Birth(usize),
    Death(usize),
}

/// The sorted entries and, with year pages, where each year's entries are.
pub struct TimelinePlan {
    entries: Vec<(EditionDate, Entry)>,
    year_pages: bool,
    /// Per year with entries: the year, its documents, and the range of `entries`.
    years: Vec<(i32, usize, std::ops::Range<usize>)>,
    /// Per context event: the register indexes of its persons.
    event_persons: Vec<Vec<usize>>,
}

impl TimelinePlan {
    pub fn new(edition: &crate::model::Edition) -> TimelinePlan {
        let mut entries: Vec<(EditionDate, Entry)> = edition
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.date, Entry::Document(i)))
            .collect();
        entries.extend(
            edition
                .events
                .iter()
                .enumerate()
                .map(|(i, e)| (e.date, Entry::Event(i))),
        );
        if edition.config.timeline_lives {
            let first = edition.documents.iter().map(|d| d.date.earliest()).min();
            let last = edition.documents.iter().map(|d| d.date.latest()).max();
            if let (Some(first), Some(last)) = (first, last) {
                let within = |d: &EditionDate| d.earliest() >= first && d.latest() <= last;
                for (i, person) in edition.persons.iter().enumerate() {
                    if let Some(d) = person.born.filter(within) {
                        entries.push((d, Entry::Birth(i)));
                    }
                    if let Some(d) = person.died.filter(within) {
                        entries.push((d, Entry::Death(i)));
                    }
                }
            }
        }
        // The order of `timeline::sort`: by date, context before documents, then by title.
        let title = |e: &Entry| -> String {
            match *e {
                Entry::Document(i) => edition.documents[i].title.clone(),
                Entry::Event(i) => edition.events[i].title.clone(),
                Entry::Birth(i) => format!("{} is born", edition.persons[i].name),
                Entry::Death(i) => format!("{} dies", edition.persons[i].name),
            }
        };
        let is_document = |e: &Entry| matches!(e, Entry::Document(_));
        let mut keyed: Vec<(EditionDate, bool, String, Entry)> = entries
            .into_iter()
            .map(|(d, e)| (d, is_document(&e), title(&e), e))
            .collect();
        keyed.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then(a.1.cmp(&b.1))
                .then_with(|| a.2.cmp(&b.2))
        });
        let entries: Vec<(EditionDate, Entry)> =
            keyed.into_iter().map(|(d, _, _, e)| (d, e)).collect();
        let year_pages = edition.documents.len() > edition.config.timeline_year_pages_after;
        let mut years: Vec<(i32, usize, std::ops::Range<usize>)> = Vec::new();
        for (at, (date, entry)) in entries.iter().enumerate() {
            if coarser_than_year(date) {
                continue;
            }
            let year = date.year();
            match years.last_mut() {
                Some((y, _, range)) if *y == year => range.end = at + 1,
                _ => years.push((year, 0, at..at + 1)),
            }
            if let (Some(last), Entry::Document(_)) = (years.last_mut(), entry) {
                last.1 += 1;
            }
        }
        let person_index = edition.person_index();
        let event_persons = edition
            .events
            .iter()
            .map(|e| {
                e.persons
                    .iter()
                    .filter_map(|id| person_index.get(id.as_str()).copied())
                    .collect()
            })
            .collect();
        TimelinePlan {
            entries,
            year_pages,
            years,
            event_persons,
        }
    }

    /// The year pages to plan (none without year pages).
    pub fn year_jobs(&self) -> Vec<super::Job> {
        if !self.year_pages {
            return Vec::new();
        }
        self.years
            .iter()
            .enumerate()
            .flat_map(|(year, (_, _, range))| {
                let pages = self.year_entries(range).len();
                (1..=paginate::page_count(pages, TIMELINE_ENTRIES_PER_PAGE))
                    .map(move |page| super::Job::TimelineYear { year, page })
            })
            .collect()
    }

    /// A year's entries without those known only to a decade (they stand on the index).
    fn year_entries(&self, range: &std::ops::Range<usize>) -> Vec<usize> {
        range
            .clone()
            .filter(|&at| !coarser_than_year(&self.entries[at].0))
            .collect()
    }

    fn placed(&self, plan: &SitePlan, at: usize) -> Placed {
        let (date, entry) = &self.entries[at];
        let edition = plan.edition;
        match *entry {
            Entry::Document(i) => Placed::document(plan.document_ref(i), date),
            Entry::Event(i) => {
                let event = &edition.events[i];
                let persons = self.event_persons[i]
                    .iter()
                    .map(|&p| plan.person_ref(p))
                    .collect();
                let view = EventView {
                    kind: "event",
                    title: event.title.clone(),
                    description: event.description.clone(),
                    persons,
                };
                Placed::event(view, date)
            }
            Entry::Birth(i) | Entry::Death(i) => {
                let (kind, verb) = match entry {
                    Entry::Birth(_) => ("birth", "is born"),
                    _ => ("death", "dies"),
                };
                let view = EventView {
                    kind,
                    title: format!("{} {verb}", edition.persons[i].name),
                    description: None,
                    persons: vec![plan.person_ref(i)],
                };
                Placed::event(view, date)
            }
        }
    }

    /// The timeline's index: everything when small, else the years with their counts.
    pub fn index(&self, plan: &SitePlan) -> PlannedPage {
        let documents = plan.edition.documents.len();
        let events = self.entries.len() - documents;
        let view = if self.year_pages {
            let decade_only = (0..self.entries.len())
                .filter(|&at| coarser_than_year(&self.entries[at].0))
                .map(|at| self.placed(plan, at))
                .collect();
            let years: Vec<(i32, usize)> = self.years.iter().map(|(y, n, _)| (*y, *n)).collect();
            timeline::overview(&years, decade_only, documents, events)
        } else {
            let items = (0..self.entries.len())
                .map(|at| self.placed(plan, at))
                .collect();
            timeline::group(items, false)
        };
        plan.framer.page(
            "timeline/index.html".into(),
            "timeline.html",
            "Timeline",
            "timeline",
            "timeline",
            &view,
        )
    }

    /// Page `number` of the `year`-th year.
    pub fn year(&self, plan: &SitePlan, year: usize, number: usize) -> PlannedPage {
        #[derive(Serialize)]
        struct YearPage {
            year: timeline::YearGroup,
            previous: Option<i32>,
            next: Option<i32>,
            pager: Pager,
        }
        let (y, _, range) = &self.years[year];
        let entries = self.year_entries(range);
        let first = format!("timeline/{y}.html");
        let shown = paginate::page_range(entries.len(), TIMELINE_ENTRIES_PER_PAGE, number);
        let items: Vec<Placed> = entries[shown]
            .iter()
            .map(|&at| self.placed(plan, at))
            .collect();
        let documents_of_year = self.years[year].1;
        let mut group = timeline::group(items, true)
            .decades
            .into_iter()
            .flat_map(|d| d.years)
            .next()
            .unwrap_or_else(|| timeline::YearGroup {
                year: *y,
                anchor: format!("y{y}"),
                url: Some(first.clone()),
                count: 0,
                year_only: Vec::new(),
                months: Vec::new(),
            });
        group.count = documents_of_year;
        let page = YearPage {
            year: group,
            previous: year.checked_sub(1).map(|p| self.years[p].0),
            next: self.years.get(year + 1).map(|n| n.0),
            pager: Pager::new(&first, entries.len(), TIMELINE_ENTRIES_PER_PAGE, number),
        };
        let title = if number > 1 {
            format!("Timeline: {y} (page {number})")
        } else {
            format!("Timeline: {y}")
        };
        plan.framer.page(
            paginate::page_url(&first, number),
            "timeline_year.html",
            &title,
            "timeline",
            "timeline_year",
            &page,
        )
    }
}

/// Known only to a decade or a century: on no year's page.
fn coarser_than_year(date: &EditionDate) -> bool {
    matches!(date.precision(), Precision::Decade | Precision::Century)
}

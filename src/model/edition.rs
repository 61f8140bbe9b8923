//! The whole edition, loaded and validated.

use super::{ContextEvent, Document, EditionConfig, Page, Person};
use std::collections::{BTreeSet, HashMap};

/// Everything a build needs, in memory. Documents are in chronological order,
/// persons in alphabetical order of their sort names.
#[derive(Debug, Clone, Default)]
pub struct Edition {
    pub config: EditionConfig,
    pub documents: Vec<Document>,
    pub persons: Vec<Person>,
    pub pages: Vec<Page>,
    /// Context events for the timeline, in date order.
    pub events: Vec<ContextEvent>,
    /// Every site-relative path the built site has ("documents/x.html", "static/style.css"),
    /// so relative links in texts can be checked without reading the disk.
    pub site_paths: BTreeSet<String>,
}

impl Edition {
    /// Puts documents and persons in the order every page shows them.
    pub fn sort(&mut self) {
        self.documents.sort_by(Document::chronological);
        self.persons.sort_by(|a, b| {
            a.sort_name
                .to_lowercase()
                .cmp(&b.sort_name.to_lowercase())
                .then_with(|| a.id.cmp(&b.id))
        });
        self.pages.sort_by(|a, b| a.id.cmp(&b.id));
        self.events
            .sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.title.cmp(&b.title)));
    }

    /// Index of each person by id.
    pub fn person_index(&self) -> HashMap<&str, usize> {
        self.persons
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect()
    }
}

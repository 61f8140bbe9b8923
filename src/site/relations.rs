//! Who is mentioned where: built once from the rendered texts, read by every page.
//!
//! A document's persons are its mentions plus the persons its front matter names; a
//! person's documents are the reverse, in chronological order (documents are sorted).

use crate::render::Mention;
use std::collections::{BTreeMap, BTreeSet};

/// Mentions of one person in one document.
#[derive(Debug, Clone, Default)]
pub struct Appearance {
    pub document: usize,
    pub mentions: Vec<Mention>,
}

#[derive(Debug, Clone, Default)]
pub struct Relations {
    /// Per document: the persons it concerns, by register index, sorted by register order.
    pub document_persons: Vec<Vec<usize>>,
    /// Per person: the documents that mention them, in chronological order.
    pub person_documents: Vec<Vec<Appearance>>,
}

impl Relations {
    /// `mentions[d]` are the mentions found in document `d`; `named[d]` the persons its
    /// front matter lists.
    pub fn new(person_count: usize, mentions: &[Vec<Mention>], named: &[Vec<usize>]) -> Relations {
        let mut document_persons = Vec::with_capacity(mentions.len());
        let mut person_documents: Vec<Vec<Appearance>> = vec![Vec::new(); person_count];
        for (document, found) in mentions.iter().enumerate() {
            let mut by_person: BTreeMap<usize, Vec<Mention>> = BTreeMap::new();
            for m in found {
                by_person.entry(m.person).or_default().push(m.clone());
            }
            for &p in named.get(document).map(Vec::as_slice).unwrap_or(&[]) {
                by_person.entry(p).or_default();
            }
            let persons: Vec<usize> = by_person.keys().copied().collect();
            for (person, mentions) in by_person {
                if let Some(list) = person_documents.get_mut(person) {
                    list.push(Appearance { document, mentions });
                }
            }
            document_persons.push(persons);
        }
        Relations {
            document_persons,
            person_documents,
        }
    }

    /// How many documents concern each person.
    pub fn document_count(&self, person: usize) -> usize {
        self.person_documents.get(person).map_or(0, Vec::len)
    }

    /// The persons most often found in the same documents as `person`, most first.
    pub fn co_mentioned(&self, person: usize, limit: usize) -> Vec<(usize, usize)> {
        let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
        let documents: BTreeSet<usize> = self.person_documents[person]
            .iter()
            .map(|a| a.document)
            .collect();
        for d in documents {
            for &other in &self.document_persons[d] {
                if other != person {
                    *counts.entry(other).or_default() += 1;
                }
            }
        }
        let mut list: Vec<(usize, usize)> = counts.into_iter().collect();
        list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        list.truncate(limit);
        list
    }
}

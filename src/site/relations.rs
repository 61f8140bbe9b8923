//! Who is mentioned where: built once from the documents' findings, read by every page.
//!
//! A document's persons are its mentions plus the persons its front matter names; a
//! person's documents are the reverse, in chronological order (documents are sorted).

use super::findings::Finding;
use super::views::SnippetView;
use std::collections::BTreeMap;

/// One person in one document, as the person's page shows it.
#[derive(Debug, Clone, Default)]
pub struct Appearance {
    pub document: usize,
    pub mentions: usize,
    pub snippets: Vec<SnippetView>,
}

#[derive(Debug, Clone, Default)]
pub struct Relations {
    /// Per document: the persons it concerns, by register index, sorted by register order.
    pub document_persons: Vec<Vec<usize>>,
    /// Per person: the documents that mention them, in chronological order.
    pub person_documents: Vec<Vec<Appearance>>,
}

impl Relations {
    /// `findings[d]` are the persons of document `d` (see `findings::of_document`), taken
    /// over without copying.
    pub fn new(person_count: usize, findings: Vec<Vec<Finding>>) -> Relations {
        let mut document_persons = Vec::with_capacity(findings.len());
        let mut person_documents: Vec<Vec<Appearance>> = vec![Vec::new(); person_count];
        for (document, found) in findings.into_iter().enumerate() {
            let mut persons = Vec::with_capacity(found.len());
            for f in found {
                if let Some(list) = person_documents.get_mut(f.person) {
                    persons.push(f.person);
                    list.push(Appearance {
                        document,
                        mentions: f.mentions,
                        snippets: f.snippets,
                    });
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
        // A person appears once per document, so the appearances are the documents.
        for a in &self.person_documents[person] {
            for &other in &self.document_persons[a.document] {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn f(person: usize, mentions: usize) -> Finding {
        Finding {
            person,
            mentions,
            snippets: Vec::new(),
        }
    }

    #[test]
    fn both_directions_and_co_mentions() {
        let r = Relations::new(
            3,
            vec![vec![f(0, 2), f(1, 1)], vec![f(0, 0), f(2, 4)], vec![]],
        );
        assert_eq!(r.document_persons, vec![vec![0, 1], vec![0, 2], vec![]]);
        assert_eq!(r.document_count(0), 2);
        assert_eq!(r.person_documents[2][0].mentions, 4);
        assert_eq!(r.co_mentioned(0, 8), vec![(1, 1), (2, 1)]);
    }
}

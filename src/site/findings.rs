//! What the rest of the site needs from one rendered document text, kept small: per person,
//! how often the text mentions them and a few snippets. The text's HTML is written with its
//! page and dropped; these findings are all that outlives it.

use super::views::SnippetView;
use crate::render::Rendered;

/// How many snippets of one person a document keeps for the person's page (the renderer
/// cuts no more).
pub const SNIPPETS_PER_DOCUMENT: usize = crate::render::markdown::SNIPPETS_PER_TEXT;

/// One person in one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Finding {
    /// The person's index in the register.
    pub person: usize,
    /// Mentions in the text (explicit `person:` links included); 0 for a person named
    /// only in the front matter.
    pub mentions: usize,
    /// The words around the first few mentions the linker found.
    pub snippets: Vec<SnippetView>,
}

/// The persons of one document, by register index: its text's mentions plus `named` (the
/// front matter's persons), sorted by index.
pub fn of_document(rendered: &Rendered, named: &[usize]) -> Vec<Finding> {
    let mut found: Vec<Finding> = Vec::new();
    // Mentions arrive in text order; a sort by person keeps that order within a person.
    let mut order: Vec<usize> = (0..rendered.mentions.len()).collect();
    order.sort_by_key(|&i| rendered.mentions[i].person);
    for i in order {
        let m = &rendered.mentions[i];
        if found.last().is_none_or(|f| f.person != m.person) {
            found.push(Finding {
                person: m.person,
                ..Finding::default()
            });
        }
        let finding = found.last_mut().expect("just pushed");
        finding.mentions += 1;
        if !m.explicit && finding.snippets.len() < SNIPPETS_PER_DOCUMENT {
            finding.snippets.push(SnippetView {
                before: m.before.clone(),
                text: m.text.clone(),
                after: m.after.clone(),
            });
        }
    }
    add_named(&mut found, named);
    found
}

/// Adds the persons the front matter names to a text's findings (sorted by index).
pub fn add_named(found: &mut Vec<Finding>, named: &[usize]) {
    for &p in named {
        if let Err(at) = found.binary_search_by_key(&p, |f| f.person) {
            found.insert(
                at,
                Finding {
                    person: p,
                    ..Finding::default()
                },
            );
        }
    }
}

/// The register indexes of the persons a document's front matter names (unknown ids are
/// reported by loading and left out here).
pub fn named(ids: &[String], person_index: &std::collections::HashMap<&str, usize>) -> Vec<usize> {
    let mut named: Vec<usize> = ids
        .iter()
        .filter_map(|id| person_index.get(id.as_str()).copied())
        .collect();
    named.sort_unstable();
    named.dedup();
    named
}

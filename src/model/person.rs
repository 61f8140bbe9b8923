//! A person of the register.

use super::EditionDate;
use std::path::PathBuf;

/// An entry of the persons register; the body is a short biography in Markdown.
#[derive(Debug, Clone)]
pub struct Person {
    pub id: String,
    pub name: String,
    /// How the person is alphabetised ("Khrushchev, Nikita Sergeyevich").
    pub sort_name: String,
    /// Every spelling met in the sources; each is linked in the text.
    pub aliases: Vec<String>,
    /// Short forms that could mean several people: never linked automatically.
    pub ambiguous_aliases: Vec<String>,
    /// Phrases containing a name that are not mentions of this person ("V. I. Lenin Stadium").
    pub not_mentions: Vec<String>,
    pub born: Option<EditionDate>,
    pub died: Option<EditionDate>,
    pub roles: Vec<String>,
    pub wikidata: Option<String>,
    pub body: String,
    pub path: PathBuf,
    pub body_line: usize,
}

impl Person {
    /// A register entry with just an id and a name (sorted under the name); the loader
    /// fills the rest from the front matter, tests and generated registers set what they need.
    pub fn named(id: &str, name: &str) -> Person {
        Person {
            id: id.to_string(),
            name: name.to_string(),
            sort_name: name.to_string(),
            aliases: Vec::new(),
            ambiguous_aliases: Vec::new(),
            not_mentions: Vec::new(),
            born: None,
            died: None,
            roles: Vec::new(),
            wikidata: None,
            body: String::new(),
            path: PathBuf::new(),
            body_line: 1,
        }
    }

    /// The letter the persons index files this person under.
    pub fn initial(&self) -> char {
        self.sort_name
            .chars()
            .find(|c| c.is_alphabetic())
            .map(|c| c.to_uppercase().next().unwrap_or(c))
            .unwrap_or('#')
    }
}

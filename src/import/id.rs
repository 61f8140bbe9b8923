//! Document ids: stable, URL-safe, unique. A source keeps the id it was given (found in
//! the existing document that names it as its `source`); a new one is made
//! from the persons its title names and its date: the author and, for a journal entry,
//! "journal", else the first person spoken with — "puzanov-journal-1957-12-17",
//! "stalin-kim-il-sung-1950-04" — or from the title's first words when the register
//! names nobody, transliterated when they are in another script ("Запись беседы" ->
//! "zapis-besedy").

use crate::model::{is_valid_id, slugify};

/// Makes an id from the person ids named in the title (in order), the kind, the date
/// (EDTF), the title, and the source's file stem as the last resort.
pub fn derive(
    title_persons: &[String],
    kind: Option<&str>,
    date: Option<&str>,
    title: Option<&str>,
    stem: &str,
) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(first) = title_persons.first() {
        parts.push(first.clone());
        if kind == Some("journal-entry") {
            parts.push("journal".into());
        } else if let Some(second) = title_persons.get(1) {
            parts.push(second.clone());
        }
    } else if let Some(title) = title {
        let words: Vec<&str> = title
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .take(6)
            .collect();
        parts.push(slugify(&words.join(" ")));
    }
    if let Some(date) = date {
        parts.push(slugify(date));
    }
    let id = limit(&slugify(&parts.join("-")), 80);
    if is_valid_id(&id) {
        return id;
    }
    let stem = limit(&slugify(stem), 80);
    if is_valid_id(&stem) {
        stem
    } else {
        "document".to_string()
    }
}

/// Shortens an id at a hyphen so that it stays at most `max` bytes.
fn limit(id: &str, max: usize) -> String {
    if id.len() <= max {
        return id.to_string();
    }
    let cut = id[..max].rfind('-').unwrap_or(max);
    id[..cut].trim_end_matches('-').to_string()
}

/// The first of `id`, `id-2`, `id-3` … that `taken` does not hold.
pub fn unique(id: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(id) {
        return id.to_string();
    }
    (2..)
        .map(|n| format!("{id}-{n}"))
        .find(|c| !taken(c))
        .expect("some suffix is free")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn ids_of_the_seeds() {
        assert_eq!(
            derive(
                &ids(&["puzanov"]),
                Some("journal-entry"),
                Some("1960-03-24"),
                None,
                "000"
            ),
            "puzanov-journal-1960-03-24"
        );
        assert_eq!(
            derive(
                &ids(&["puzanov", "kim-il-sung"]),
                Some("record-of-conversation"),
                Some("1957-11-13"),
                None,
                "003"
            ),
            "puzanov-kim-il-sung-1957-11-13"
        );
        assert_eq!(
            derive(
                &ids(&["stalin", "kim-il-sung", "pak-heon-yeong"]),
                Some("record-of-conversation"),
                Some("1950-04"),
                None,
                "004"
            ),
            "stalin-kim-il-sung-1950-04"
        );
    }

    #[test]
    fn fallbacks() {
        assert_eq!(
            derive(
                &[],
                None,
                Some("1957-08-07"),
                Some("A Note on the Harvest, by Somebody Else Entirely"),
                "x"
            ),
            "a-note-on-the-harvest-by-1957-08-07"
        );
        assert_eq!(
            derive(&[], None, None, None, "001_5143e979d6764e61"),
            "001-5143e979d6764e61"
        );
        assert_eq!(derive(&[], None, None, Some("???"), "…"), "document");
        assert!(derive(&[], None, None, Some(&"word ".repeat(100)), "x").len() <= 80);
    }

    #[test]
    fn titles_in_other_scripts_give_readable_ids() {
        assert_eq!(
            derive(
                &[],
                None,
                Some("1957-11-13"),
                Some("Запись беседы с Ким Ир Сеном"),
                "003"
            ),
            "zapis-besedy-s-kim-ir-senom-1957-11-13"
        );
        assert_eq!(
            derive(
                &[],
                None,
                Some("1950-04"),
                Some("Entretien à Pyongyang"),
                "x"
            ),
            "entretien-a-pyongyang-1950-04"
        );
        assert_eq!(
            derive(&[], None, None, None, "Дневник_Пузанова"),
            "dnevnik-puzanova"
        );
    }

    #[test]
    fn collisions_get_a_suffix() {
        let taken = ["a", "a-2"];
        assert_eq!(unique("a", |c| taken.contains(&c)), "a-3");
        assert_eq!(unique("b", |c| taken.contains(&c)), "b");
    }
}

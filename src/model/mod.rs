//! The edition as pure data: documents, persons, pages, config. No I/O here.

pub mod config;
pub mod date;
pub mod document;
pub mod edition;
pub mod event;
pub mod kind;
pub mod page;
pub mod person;
pub mod scalar;

pub use config::{EditionConfig, LinkMentions};
pub use date::{DatePoint, EditionDate, Precision};
pub use document::Document;
pub use edition::Edition;
pub use event::ContextEvent;
pub use page::Page;
pub use person::Person;

/// Whether a string may serve as an id: lowercase ASCII letters, digits and single hyphens,
/// so it is safe as a file name and in a URL on every system.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 120
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
}

/// Turns any text into a valid id ("Kim Il Sung" -> "kim-il-sung"), transliterating other
/// scripts and accented letters ("Пузанов" -> "puzanov", "éxample" -> "example").
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in deunicode::deunicode(text).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_url_safe() {
        assert!(is_valid_id("kim-il-sung"));
        assert!(is_valid_id("stalin-kim-il-sung-1950-04"));
        for bad in ["", "../x", "Kim", "a b", "-a", "a-", "a--b", "a/b", "é"] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }

    #[test]
    fn slugify_makes_ids() {
        assert_eq!(slugify("Kim Il Sung"), "kim-il-sung");
        assert_eq!(slugify("../x"), "x");
        assert!(is_valid_id(&slugify("Pak Heon-yeong (Pak Hon Yong)")));
    }
}

//! Name-like sequences in a text: what an editor may want to add to the register.
//!
//! Three shapes are recognised, which cover how the sources write persons: an honorific
//! or title followed by capitalised words ("Cde. Tikhomirov", "Ambassador Puzanov"),
//! initials and a surname ("N. S. Khrushchev", "A.M. Puzanov"), and Korean personal names
//! with a hyphenated given name ("Kim Du-bong", "Ri Dong-geon").

use regex::Regex;
use std::sync::OnceLock;

/// A name-like sequence: byte range in the text and the words themselves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

const HONORIFICS: &str = r"Cdes?\.|Comrades?|Ambassador|Minister|President|Chairman|Premier|Marshal|General|Deputy|Secretary|Mr\.|Mrs\.|Dr\.";

fn patterns() -> &'static [Regex; 3] {
    static PATTERNS: OnceLock<[Regex; 3]> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let build = |p: &str| Regex::new(p).expect("candidate pattern is valid");
        [
            // Honorific + name: the name is group 1.
            build(&format!(
                r"\b(?:{HONORIFICS})\s+((?:[A-Z]\.\s?){{0,3}}[A-Z][\p{{L}}'’-]+(?:\s[A-Z][\p{{L}}'’-]+){{0,2}})"
            )),
            // Initials + surname.
            build(r"\b((?:[A-Z]\.\s?){1,3}[A-Z][\p{Ll}][\p{L}'’-]+)"),
            // Korean personal names: family name + hyphenated given name.
            build(r"\b((?:Kim|Pak|Park|Ri|Lee|Yi|Choe|Choi|Jeong|Chong|Jong|Han|Ho|Kang|Nam|Mun|Pang|Song|Yun|Jang|Chang|Hong|O|Yu|Kwon|Seo|So|Hwang|Im|Rim)\s[A-Z][\p{Ll}]+-[\p{Ll}]+)\b"),
        ]
    })
}

/// Words that follow a title without being a name ("Deputy Chairman", "General Secretariat"),
/// and short acronyms of offices ("Cde. DVO" in a distribution list).
fn is_not_a_name(text: &str) -> bool {
    const OFFICES: &[&str] = &[
        "Chairman",
        "Secretariat",
        "Secretary",
        "Minister",
        "Ministry",
        "Committee",
        "Council",
        "Government",
        "Party",
        "Department",
        "Plenum",
        "Assembly",
        "Embassy",
        "Union",
        "Staff",
        "Director",
        "Premier",
        "President",
        "Ambassador",
        "General",
        "Deputy",
        "Head",
        "Chief",
    ];
    let first = text.split_whitespace().next().unwrap_or(text);
    let acronym =
        !text.contains(' ') && text.chars().count() <= 5 && text.chars().all(|c| c.is_uppercase());
    acronym || OFFICES.contains(&first)
}

/// Every name-like sequence in `text`, sorted by position, overlaps removed.
pub fn find(text: &str) -> Vec<Candidate> {
    let mut found: Vec<Candidate> = Vec::new();
    for pattern in patterns() {
        for captures in pattern.captures_iter(text) {
            let Some(name) = captures.get(1) else {
                continue;
            };
            let trimmed = name.as_str().trim_end_matches(['\'', '’', '-']);
            let trimmed = trimmed
                .strip_suffix("'s")
                .or_else(|| trimmed.strip_suffix("’s"))
                .unwrap_or(trimmed);
            if trimmed.chars().filter(|c| c.is_alphabetic()).count() < 3 || is_not_a_name(trimmed) {
                continue;
            }
            found.push(Candidate {
                start: name.start(),
                end: name.start() + trimmed.len(),
                text: trimmed.to_string(),
            });
        }
    }
    found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out: Vec<Candidate> = Vec::new();
    for c in found {
        if out.last().is_some_and(|last| c.start < last.end) {
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        find(text).into_iter().map(|c| c.text).collect()
    }

    #[test]
    fn finds_the_shapes_of_names() {
        assert_eq!(
            names("According to Cde. Tikhomirov as of 13 December"),
            ["Tikhomirov"]
        );
        assert_eq!(
            names("the text of Cde. N. S. Khrushchev's letters"),
            ["N. S. Khrushchev"]
        );
        assert_eq!(
            names("translated by D. A. Priyemsky and"),
            ["D. A. Priyemsky"]
        );
        assert_eq!(
            names("Kim Du-bong and Pak Ui-won were"),
            ["Kim Du-bong", "Pak Ui-won"]
        );
        assert_eq!(names("Ambassador Puzanov said"), ["Puzanov"]);
    }

    #[test]
    fn ignores_ordinary_text() {
        assert!(names("The conference went energetically. In 1957 the plan").is_empty());
        assert!(names("U.S. forces").is_empty());
        assert!(names(
            "Deputy Chairman of the Cabinet; the General Secretariat; 3 - Cde. DVO, USSR MFA"
        )
        .is_empty());
    }
}

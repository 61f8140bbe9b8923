//! The spellings of a person the linker looks for, beyond what editors wrote.

use crate::model::Person;

/// Every pattern for a person, with whether an editor wrote it (true) or recto made it.
pub fn of(person: &Person) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut add = |text: &str, written: bool| {
        for form in cased(text) {
            // Initials written with and without a space: "A. M. Puzanov", "A.M. Puzanov".
            for spacing in initials_spacing(&form) {
                if spacing.chars().count() >= 2 && !out.iter().any(|(t, _)| *t == spacing) {
                    out.push((spacing, written));
                }
            }
        }
    };
    add(&person.name, true);
    for alias in &person.aliases {
        add(alias, true);
    }
    if let Some((surname, given)) = person.sort_name.split_once(',') {
        let surname = surname.trim();
        let given: Vec<&str> = given.split_whitespace().collect();
        if !surname.is_empty() {
            add(surname, false);
            if !given.is_empty() {
                let initials: Vec<String> = given
                    .iter()
                    .filter_map(|g| g.chars().next())
                    .map(|c| format!("{c}."))
                    .collect();
                add(&format!("{} {surname}", initials.join(" ")), false);
                add(&format!("{} {surname}", initials[0]), false);
                add(&format!("{} {surname}", given.join(" ")), false);
                add(&format!("{} {surname}", given[0]), false);
            }
        }
    }
    out
}

/// A phrase as written and in capitals, as in headings ("KIM IL SUNG").
pub fn cased(text: &str) -> Vec<String> {
    // Folded as the linker folds the texts: one space, straight apostrophes.
    let text = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['\u{2019}', '\u{02bc}'], "'");
    let upper = text.to_uppercase();
    if upper == text {
        vec![text]
    } else {
        vec![text, upper]
    }
}

/// "A. M. Puzanov" gives also "A.M. Puzanov", and the reverse.
fn initials_spacing(text: &str) -> Vec<String> {
    let tight = text.replace(". ", ".");
    // Only the initials are tightened; the space before the surname stays.
    let tight = restore_last_space(&tight, text);
    let mut out = vec![text.to_string()];
    if tight != text {
        out.push(tight);
    }
    let loose = loosen(text);
    if loose != text && !out.contains(&loose) {
        out.push(loose);
    }
    out
}

/// After tightening "A. M. Puzanov" to "A.M.Puzanov", put back the space before the surname.
fn restore_last_space(tight: &str, original: &str) -> String {
    if !original.contains(". ") {
        return original.to_string();
    }
    match original.rfind(". ") {
        Some(i) => {
            let (head, tail) = original.split_at(i + 1);
            format!("{} {}", head.replace(". ", "."), tail.trim_start())
        }
        None => tight.to_string(),
    }
}

/// "A.M. Puzanov" -> "A. M. Puzanov".
fn loosen(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        out.push(c);
        if c == '.' && chars.get(i + 1).is_some_and(|n| n.is_uppercase()) {
            out.push(' ');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_both_ways() {
        assert_eq!(
            initials_spacing("A. M. Puzanov"),
            ["A. M. Puzanov", "A.M. Puzanov"]
        );
        assert_eq!(
            initials_spacing("A.M. Puzanov"),
            ["A.M. Puzanov", "A. M. Puzanov"]
        );
        assert_eq!(initials_spacing("Puzanov"), ["Puzanov"]);
    }

    #[test]
    fn capitals_for_headings() {
        assert_eq!(cased("Kim Il Sung"), ["Kim Il Sung", "KIM IL SUNG"]);
        assert_eq!(cased("DVO"), ["DVO"]);
    }
}

//! The persons register as the importer uses it: to repair OCR confusions in names the
//! register knows ("Kim II Sung" → "Kim Il Sung", but never the translator's own
//! "Kim Il Sun"), and to fill `persons:` from the mentions the linker finds.

use crate::content::{front_matter, persons, text};
use crate::diagnostic::Diagnostic;
use crate::import::repairs::Repairs;
use crate::link::Linker;
use crate::model::Person;
use std::collections::BTreeMap;
use std::path::Path;
use walkdir::WalkDir;

/// The register and its compiled linker.
pub struct Register {
    pub persons: Vec<Person>,
    linker: Linker,
}

/// An OCR confusion repaired in one place of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OcrFix {
    pub from: String,
    pub to: String,
    /// "body", "title", "citation", "summary".
    pub place: &'static str,
}

/// Characters OCR takes for one another.
const CONFUSABLE: &[(char, char)] = &[
    ('I', 'l'),
    ('l', 'I'),
    ('1', 'l'),
    ('l', '1'),
    ('I', '1'),
    ('1', 'I'),
    ('0', 'O'),
    ('O', '0'),
];

/// Whether `seen` is `known` misread by OCR: same length, and every difference is a pair
/// of confusable characters.
pub fn ocr_equivalent(seen: &str, known: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (seen.chars().collect(), known.chars().collect());
    a.len() == b.len()
        && a != b
        && a.iter()
            .zip(&b)
            .all(|(x, y)| x == y || CONFUSABLE.contains(&(*x, *y)))
}

impl Register {
    pub fn new(persons: Vec<Person>) -> Register {
        let linker = Linker::new(&persons);
        Register { persons, linker }
    }

    /// Reads every person of a register folder (`content/persons`); problems in the
    /// register are returned as warnings: the import goes on with the persons it could read.
    pub fn load(dir: &Path) -> (Register, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let mut persons = Vec::new();
        if !dir.is_dir() {
            problems.push(
                Diagnostic::warning(dir, "no persons register here; `persons:` stays empty and no OCR repairs of names are made")
                    .hint("pass --register DIR (the folder of person files, usually content/persons)"),
            );
            return (Register::new(persons), problems);
        }
        for entry in WalkDir::new(dir).sort_by_file_name().into_iter().flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if !entry.file_type().is_file() || !name.ends_with(".md") || name.starts_with('.') {
                continue;
            }
            let id = name.trim_end_matches(".md");
            let Ok(text) =
                text::read_text(entry.path(), entry.path()).map_err(|e| problems.push(e))
            else {
                continue;
            };
            let Ok(split) = front_matter::split(&text, entry.path()).map_err(|e| problems.push(e))
            else {
                continue;
            };
            let mut file_problems = Vec::new();
            if let Some(p) = persons::read(id, &split, entry.path(), &mut file_problems) {
                persons.push(p);
            }
            problems.extend(file_problems.into_iter().map(|mut d| {
                d.severity = crate::Severity::Warning;
                d
            }));
        }
        (Register::new(persons), problems)
    }

    /// Repairs OCR confusions in the register's names within `text`; each repair is
    /// logged with `place`.
    pub fn repair_ocr(&self, text: &str, place: &'static str, log: &mut Vec<OcrFix>) -> String {
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for found in self.linker.find(text) {
            let seen = &text[found.start..found.end];
            let person = &self.persons[found.person];
            // The clean spellings: the name, and aliases that are not misreadings of it.
            let clean: Vec<&String> = std::iter::once(&person.name)
                .chain(
                    person
                        .aliases
                        .iter()
                        .filter(|a| !ocr_equivalent(a, &person.name)),
                )
                .collect();
            if clean.iter().any(|s| s.as_str() == seen) {
                continue;
            }
            let Some(known) = clean.into_iter().find(|s| ocr_equivalent(seen, s)) else {
                continue;
            };
            out.push_str(&text[at..found.start]);
            out.push_str(known);
            at = found.end;
            log.push(OcrFix {
                from: seen.to_string(),
                to: known.clone(),
                place,
            });
        }
        out.push_str(&text[at..]);
        out
    }

    /// The persons mentioned in the texts: id → number of mentions.
    pub fn mentions<'a>(
        &self,
        texts: impl IntoIterator<Item = &'a str>,
    ) -> BTreeMap<String, usize> {
        let mut out = BTreeMap::new();
        for text in texts {
            for found in self.linker.find(text) {
                *out.entry(self.persons[found.person].id.clone())
                    .or_insert(0) += 1;
            }
        }
        out
    }

    /// The ids of the persons a text mentions, in order of mention (with repeats).
    pub fn ids_in_order(&self, text: &str) -> Vec<String> {
        self.linker
            .find(text)
            .into_iter()
            .map(|f| self.persons[f.person].id.clone())
            .collect()
    }

    /// Byte ranges of register mentions in a text.
    pub fn spans(&self, text: &str) -> Vec<(usize, usize)> {
        self.linker
            .find(text)
            .into_iter()
            .map(|f| (f.start, f.end))
            .collect()
    }
}

/// A misreading and its repair.
type Confusion = (String, String);

/// Turns the logged OCR fixes into repairs: one line per confusion, with where.
pub fn ocr_repairs(log: &[OcrFix], repairs: &mut Repairs) {
    let mut by_pair: Vec<(Confusion, BTreeMap<&'static str, usize>)> = Vec::new();
    for fix in log {
        let key = (fix.from.clone(), fix.to.clone());
        let index = match by_pair.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                by_pair.push((key, BTreeMap::new()));
                by_pair.len() - 1
            }
        };
        *by_pair[index].1.entry(fix.place).or_insert(0) += 1;
    }
    const ORDER: [&str; 4] = ["body", "title", "citation", "summary"];
    for ((from, to), places) in by_pair {
        let total: usize = places.values().sum();
        let mut parts: Vec<String> = Vec::new();
        for place in ORDER
            .iter()
            .chain(places.keys().filter(|p| !ORDER.contains(p)))
        {
            if let Some(n) = places.get(place) {
                parts.push(format!("{n}× in the {place}"));
            }
        }
        repairs.add_many(
            "ocr-name",
            &format!("{from} → {to} (OCR confusion of a name in the register)"),
            total,
            parts.join(", "),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: &str, name: &str, aliases: &[&str]) -> Person {
        Person {
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            ..Person::named(id, name)
        }
    }

    #[test]
    fn ocr_confusions_are_repaired_and_typos_kept() {
        let register = Register::new(vec![person(
            "kim-il-sung",
            "Kim Il Sung",
            &["Kim II Sung", "Kim Il Sun"],
        )]);
        let mut log = Vec::new();
        let out = register.repair_ocr(
            "Cde. Kim II Sung said. I thanked Kim Il Sun. KIM IL SUNG.",
            "body",
            &mut log,
        );
        assert_eq!(
            out,
            "Cde. Kim Il Sung said. I thanked Kim Il Sun. KIM IL SUNG."
        );
        assert_eq!(log.len(), 1);
        let mut r = Repairs::default();
        ocr_repairs(&log, &mut r);
        assert_eq!(r.lines(), ["Kim II Sung → Kim Il Sung (OCR confusion of a name in the register): 1× in the body"]);
    }

    #[test]
    fn equivalence() {
        assert!(ocr_equivalent("Kim II Sung", "Kim Il Sung"));
        assert!(!ocr_equivalent("Kim Il Sun", "Kim Il Sung"));
        assert!(!ocr_equivalent("KIM IL SUNG", "Kim Il Sung"));
        assert!(!ocr_equivalent("Kim Il Sung", "Kim Il Sung"));
    }

    #[test]
    fn mentions_are_counted() {
        let register = Register::new(vec![person("mao-zedong", "Mao Zedong", &["Mao"])]);
        let m = register.mentions(["Cde. Mao Zedong said", "Mao agreed"]);
        assert_eq!(m.get("mao-zedong"), Some(&2));
    }
}

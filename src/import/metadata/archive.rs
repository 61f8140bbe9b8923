//! The archive and the archival reference of a citation ("AVPRF F. 0102, Op. 14, Delo 6,
//! Listy 14-25"; "AVPRF fond 0102, opis 16, delo 6, p.72-122"), with the reference's
//! parts: fond (F.), opis (Op.), papka (P.), delo (D.), listy (L., ll., p. — pages).

use std::collections::BTreeMap;

/// An archival reference taken apart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reference {
    /// The archive's acronym (AVPRF, APRF, RGASPI …).
    pub archive: Option<String>,
    /// The reference as written, without the archive.
    pub reference: Option<String>,
    /// The units of the reference that could be told apart, by name.
    pub parts: BTreeMap<String, String>,
}

fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 3
        && word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
}

/// The unit a reference piece starts with ("F. 0102" → fond), and its value.
fn unit(piece: &str) -> Option<(&'static str, String)> {
    let piece = piece.trim();
    let split = piece.find(|c: char| c.is_ascii_digit())?;
    let (word, value) = piece.split_at(split);
    let word = word.trim().trim_end_matches('.').trim();
    let name = match word {
        "F" | "f" | "Fond" | "fond" | "Fund" | "fund" => "fond",
        "Op" | "op" | "Opis" | "opis" | "O" => "opis",
        // A capital P. is a papka (folder), a small p. a page range.
        "P" | "Papka" | "papka" => "papka",
        "D" | "d" | "Delo" | "delo" => "delo",
        "L" | "l" | "ll" | "Listy" | "listy" | "List" | "list" | "p" | "pp" => "listy",
        _ => return None,
    };
    let value = value.trim().trim_end_matches(['.', ',', ';']).trim();
    (!value.is_empty()).then(|| (name, value.to_string()))
}

/// Takes apart the archival part of a citation: what follows the publisher and precedes
/// "Translated by".
pub fn parse(segment: &str) -> Reference {
    let mut text = segment
        .trim()
        .trim_matches(|c: char| c == ',' || c == '.' || c.is_whitespace())
        .to_string();
    // An opening quote whose closing one the archive lost ("\"Report on … (Bolshevik)").
    let quotes = text.matches(['"', '“', '”']).count();
    if quotes % 2 == 1 && text.starts_with(['"', '“']) {
        text.remove(0);
    }
    let mut out = Reference::default();
    if text.is_empty() {
        return out;
    }
    let first = text.split_whitespace().next().unwrap_or("");
    if is_acronym(first) {
        out.archive = Some(first.to_string());
        text = text[first.len()..].trim().to_string();
    } else if let Some((before, last)) = text.rsplit_once(',') {
        let last = last.trim();
        if is_acronym(last) {
            out.archive = Some(last.to_string());
            text = before.trim().trim_end_matches(['.', ',']).to_string();
        }
    }
    for piece in text.split(',') {
        if let Some((name, value)) = unit(piece) {
            out.parts.entry(name.to_string()).or_insert(value);
        }
    }
    out.reference = (!text.is_empty()).then_some(text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(r: &Reference) -> Vec<(&str, &str)> {
        r.parts
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect()
    }

    #[test]
    fn abbreviated_units() {
        let r = parse("AVPRF F. 0102, Op. 14, Delo 6, Listy 14-25");
        assert_eq!(r.archive.as_deref(), Some("AVPRF"));
        assert_eq!(
            r.reference.as_deref(),
            Some("F. 0102, Op. 14, Delo 6, Listy 14-25")
        );
        assert_eq!(
            parts(&r),
            [
                ("delo", "6"),
                ("fond", "0102"),
                ("listy", "14-25"),
                ("opis", "14")
            ]
        );
        let r = parse("AVPRF F. 0102, Op. 13, P. 72, Delo 5, Listy 165-192");
        assert_eq!(r.parts.get("papka").map(String::as_str), Some("72"));
    }

    #[test]
    fn units_in_words_and_pages() {
        let r = parse("AVPRF fond 0102, opis 16, delo 6, p.72-122");
        assert_eq!(
            parts(&r),
            [
                ("delo", "6"),
                ("fond", "0102"),
                ("listy", "72-122"),
                ("opis", "16")
            ]
        );
    }

    #[test]
    fn archive_named_last() {
        let r = parse("\"Report on Kim Il Sung's visit to the USSR, March 30 - April 25, 1950. Prepared by the International Department of the Central Committee of the All-Union Communist Party (Bolshevik), APRF");
        assert_eq!(r.archive.as_deref(), Some("APRF"));
        assert_eq!(
            r.reference.as_deref(),
            Some("Report on Kim Il Sung's visit to the USSR, March 30 - April 25, 1950. Prepared by the International Department of the Central Committee of the All-Union Communist Party (Bolshevik)")
        );
        assert!(r.parts.is_empty());
    }

    #[test]
    fn nothing_to_parse() {
        assert_eq!(parse(" . "), Reference::default());
    }
}

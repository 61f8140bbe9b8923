//! Name-like sequences the register does not know, reported for the editor by `recto import`
//! and `recto check`: an honorific and a name ("Cde. Tikhomirov", "Ambassador X"), initials
//! and a surname ("D. A. Priyemsky"), Korean and Chinese personal names ("Pak Seong-cheol",
//! "Zhou Enlai").

use serde::Serialize;

/// A possible person not in the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub text: String,
    /// The source line where it first occurs.
    pub line: usize,
    /// What made it look like a name.
    pub reason: &'static str,
}

const HONORIFICS: &[&str] = &[
    "Cde.",
    "Cdes.",
    "Comrade",
    "Comrades",
    "Ambassador",
    "Minister",
    "President",
    "Chairman",
    "Marshal",
    "Premier",
    "Mr.",
    "Mrs.",
    "Dr.",
    "Prof.",
    "General",
    "Secretary",
];

/// Capitalised words that follow honorifics without being names.
const NOT_NAMES: &[&str] = &[
    "Chairman",
    "Minister",
    "Ambassador",
    "Deputy",
    "President",
    "Secretary",
    "Secretariat",
    "General",
    "Party",
    "Government",
    "Soviet",
    "Korean",
    "Chinese",
    "Embassy",
    "Council",
    "Committee",
    "Supreme",
    "Central",
    "Foreign",
    "Affairs",
    "Ministry",
    "State",
    "Cabinet",
    "People",
    "Peoples",
    "Republic",
    "Union",
    "Presidium",
    "Plenum",
    "First",
    "Second",
    "Third",
    "The",
    "This",
    "That",
    "Comrade",
    "Comrades",
];

const KOREAN_SURNAMES: &[&str] = &[
    "Kim", "Ri", "Li", "Lee", "Yi", "Pak", "Park", "Bak", "Choe", "Choi", "Chong", "Jeong", "Jung",
    "Kang", "Cho", "Jo", "Yun", "Jang", "Chang", "Han", "Oh", "Ho", "Heo", "Nam", "Mun", "Moon",
    "Hong", "Song", "Sin", "Shin", "Kwon", "Ryu", "Yu", "An", "Ahn", "Im", "Rim", "Hyon", "Hyun",
    "Paek", "Baek", "Seo", "Chu", "Ju", "Hwang", "Yang", "Son", "Bae", "Chon", "Jon", "Jeon", "Ko",
    "Go", "Pyon",
];

const CHINESE_SURNAMES: &[&str] = &[
    "Mao", "Zhou", "Peng", "Liu", "Deng", "Zhu", "Chen", "Wang", "Zhang", "Lin", "Gao", "Kang",
    "Dong", "Chou", "Nie", "Luo", "Xu", "Tan", "Bo", "Hu", "Zhao", "Wu", "Huang", "Guo", "Sun",
    "Hua", "Jiang", "Qiao", "Tao", "Wen", "Yan", "Ye",
];

/// A word of the text and its byte range, punctuation trimmed except initials' periods.
#[derive(Debug, Clone)]
struct Word<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_whitespace()
            || matches!(c, '(' | ')' | '[' | ']' | '"' | '“' | '”' | ',' | ';' | ':')
        {
            if let Some(s) = start.take() {
                let raw: &str = &text[s..i];
                let trimmed = if is_initials(raw) || HONORIFICS.contains(&raw) {
                    raw
                } else {
                    raw.trim_end_matches(['.', '\'', '’', '?', '!'])
                        .trim_end_matches("'s")
                        .trim_end_matches("’s")
                };
                if !trimmed.is_empty() {
                    out.push(Word {
                        text: trimmed,
                        start: s,
                        end: s + trimmed.len(),
                    });
                }
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    out
}

/// "A.", "Ye.", "A.M.", "Yu.".
fn is_initials(w: &str) -> bool {
    if !w.ends_with('.') || w.len() > 6 {
        return false;
    }
    w.split('.').filter(|p| !p.is_empty()).all(|p| {
        let mut cs = p.chars();
        cs.next().is_some_and(char::is_uppercase)
            && cs.clone().count() <= 1
            && cs.all(char::is_lowercase)
    }) && w.chars().any(char::is_alphabetic)
}

/// "Priyemsky", "Seong-cheol": a capital, then lower-case letters (hyphens allowed).
fn is_capitalised(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase)
        && w.chars().count() >= 2
        && cs.all(|c| c.is_lowercase() || c == '-' || c == '\'')
}

fn is_name_word(w: &str) -> bool {
    is_capitalised(w) && w.chars().count() >= 3 && !NOT_NAMES.contains(&w)
}

/// A Korean ("Pak Seong-cheol", "Mun Il", "Pak Hon Yong") or Chinese ("Zhou Enlai") name
/// starting at word `p`: the index of its last word.
fn asian_name(w: &[Word], p: usize) -> Option<(usize, &'static str)> {
    let first = w.get(p)?.text;
    if KOREAN_SURNAMES.contains(&first) {
        let given: Vec<&Word> = w[p + 1..]
            .iter()
            .take(2)
            .take_while(|x| {
                is_capitalised(x.text)
                    && !NOT_NAMES.contains(&x.text)
                    && (x.text.contains('-') || x.text.chars().count() <= 5)
            })
            .collect();
        let one = given.first()?;
        return Some((
            if one.text.contains('-') {
                p + 1
            } else {
                p + given.len()
            },
            "Korean name",
        ));
    }
    let next = w.get(p + 1)?.text;
    (CHINESE_SURNAMES.contains(&first)
        && is_capitalised(next)
        && next.chars().count() >= 3
        && !NOT_NAMES.contains(&next))
    .then_some((p + 1, "Chinese name"))
}

/// Finds candidates in one text; `known` are byte ranges of register mentions, which are
/// never candidates. Returns (start, end, reason) ranges.
pub fn find(text: &str, known: &[(usize, usize)]) -> Vec<(usize, usize, &'static str)> {
    let w = words(text);
    let mut out: Vec<(usize, usize, &'static str)> = Vec::new();
    // Candidates come in text order, so one pointer walks the known spans (sorted by start)
    // beside them: checking every known span for each candidate was quadratic.
    let mut known = known.to_vec();
    known.sort_unstable();
    let mut next_known = 0;
    let mut i = 0;
    while i < w.len() {
        let mut found: Option<(usize, usize, &'static str)> = None;
        // Initials and a surname, with or without an honorific before.
        let start = i + usize::from(HONORIFICS.contains(&w[i].text));
        let mut j = start;
        while j < w.len() && is_initials(w[j].text) {
            j += 1;
        }
        if j > start && j < w.len() && is_name_word(w[j].text) {
            found = Some((start, j, "initials and surname"));
        } else if let Some((end, reason)) = asian_name(&w, start) {
            found = Some((start, end, reason));
        } else if start > i && start < w.len() && is_name_word(w[start].text) {
            // "Comrade Ivan Petrov": the name runs on through the capitalised words after.
            let mut end = start;
            while end + 1 < w.len()
                && end < start + 2
                && is_name_word(w[end + 1].text)
                && w[end + 1].start == w[end].end + 1
            {
                end += 1;
            }
            found = Some((start, end, "honorific and name"));
        }
        match found {
            Some((a, b, reason)) => {
                let (s, e) = (w[a].start, w[b].end);
                while next_known < known.len() && known[next_known].1 <= s {
                    next_known += 1;
                }
                // The first known span not ended before `s` starts earliest of the rest.
                if known.get(next_known).is_none_or(|&(ks, _)| ks >= e) {
                    out.push((s, e, reason));
                }
                i = b + 1;
            }
            None => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str, known: &[(usize, usize)]) -> Vec<String> {
        find(text, known)
            .into_iter()
            .map(|(s, e, _)| text[s..e].to_string())
            .collect()
    }

    #[test]
    fn name_like_sequences() {
        assert_eq!(
            names("interpreted by Embassy translator D. A. Priyemsky and", &[]),
            ["D. A. Priyemsky"]
        );
        assert_eq!(
            names(
                "Minister of the Chemical Industry Cde. Tikhomirov as of",
                &[]
            ),
            ["Tikhomirov"]
        );
        assert_eq!(
            names("Pak Seong-cheol and Mun Il were present", &[]),
            ["Pak Seong-cheol", "Mun Il"]
        );
        assert_eq!(
            names("a letter to Cde. Mao Zedong via", &[]),
            ["Mao Zedong"]
        );
        assert_eq!(
            names(
                "Cde. DVO, USSR MFA and the Deputy Chairman of the Cabinet",
                &[]
            ),
            Vec::<String>::new()
        );
        assert_eq!(names("the V. I. Lenin Stadium", &[]), ["V. I. Lenin"]);
        assert_eq!(
            names("5 the General Secretariat", &[]),
            Vec::<String>::new()
        );
        assert_eq!(
            names("Kim Du-bong and Pak Ui-won were", &[]),
            ["Kim Du-bong", "Pak Ui-won"]
        );
    }

    #[test]
    fn register_mentions_are_not_candidates() {
        let text = "Cde. Mao Zedong said";
        assert!(names(text, &[(5, 15)]).is_empty());
    }

    #[test]
    fn known_spans_in_any_order_hide_what_they_overlap() {
        let text = "Cde. Mao Zedong met D. A. Priyemsky and N. S. Varnov";
        let all = names(text, &[]);
        assert_eq!(all, ["Mao Zedong", "D. A. Priyemsky", "N. S. Varnov"]);
        // Out of order, overlapping, one covering two candidates, one touching an edge only.
        let known = [(44, 48), (0, 3), (20, 22), (16, 40), (19, 20)];
        assert_eq!(names(text, &known), ["Mao Zedong"]);
        assert_eq!(
            names(text, &[(15, 16), (35, 41)]),
            ["Mao Zedong", "D. A. Priyemsky"]
        );
    }
}

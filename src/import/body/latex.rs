//! LaTeX fragments left by PDF-to-Markdown converters (`$N^{\circ}$` for "Nº"), turned
//! back into the characters they stand for. A fragment recto does not know is kept
//! verbatim and reported, never guessed.

/// Known fragments, compared without spaces.
const KNOWN: &[(&str, &str)] = &[
    ("N^{\\circ}", "Nº"),
    ("N^\\circ", "Nº"),
    ("\\mathrm{N}^{\\circ}", "Nº"),
    ("\\mathrm{N}^{\\mathrm{o}}", "Nº"),
    ("N^{o}", "Nº"),
    ("N^{0}", "Nº"),
    ("^{\\circ}", "°"),
    ("^\\circ", "°"),
    ("\\circ", "°"),
    ("\\S", "§"),
    ("\\times", "×"),
    ("\\pm", "±"),
    ("\\%", "%"),
    ("\\&", "&"),
    ("\\frac{1}{2}", "½"),
    ("-", "-"),
];

/// What a fragment's inside stands for, if recto knows it: the table above, or a number
/// with a degree sign (`$15^{\circ}$`).
pub fn translate(inner: &str) -> Option<String> {
    let compact: String = inner.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some((_, out)) = KNOWN.iter().find(|(k, _)| *k == compact) {
        return Some((*out).to_string());
    }
    for suffix in ["^{\\circ}", "^\\circ"] {
        if let Some(number) = compact.strip_suffix(suffix) {
            if !number.is_empty() && number.chars().all(|c| c.is_ascii_digit() || c == '.') {
                return Some(format!("{number}°"));
            }
        }
    }
    None
}

/// A fragment found in a line: byte range including the dollars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fragment {
    pub start: usize,
    pub end: usize,
    pub replacement: Option<String>,
}

/// Every `$…$` of a line that looks like LaTeX (holds `\`, `^`, `_` or `{`), within 40
/// characters; money ("$5 and $6") is left alone.
pub fn fragments(line: &str) -> Vec<Fragment> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open_rel) = line[from..].find('$') {
        let open = from + open_rel;
        let Some(close_rel) = line[open + 1..].find('$') else {
            break;
        };
        let close = open + 1 + close_rel;
        let inner = &line[open + 1..close];
        let latex = !inner.is_empty()
            && inner.chars().count() <= 40
            && inner.contains(['\\', '^', '_', '{']);
        if latex {
            out.push(Fragment {
                start: open,
                end: close + 1,
                replacement: translate(inner),
            });
            from = close + 1;
        } else {
            from = open + 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numero_sign_and_degrees() {
        assert_eq!(translate("N^{\\circ}").as_deref(), Some("Nº"));
        assert_eq!(translate(" N ^ { \\circ } ").as_deref(), Some("Nº"));
        assert_eq!(translate("15^{\\circ}").as_deref(), Some("15°"));
        assert_eq!(translate("\\alpha"), None);
    }

    #[test]
    fn fragments_in_a_line() {
        let line = "Copy  $N^{\\circ}$  2 cost $5 and $6; $\\alpha$";
        let f = fragments(line);
        assert_eq!(f.len(), 2);
        assert_eq!(&line[f[0].start..f[0].end], "$N^{\\circ}$");
        assert_eq!(f[1].replacement, None);
    }
}

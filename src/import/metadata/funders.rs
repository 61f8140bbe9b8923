//! Funders as a list: "the ROK Ministry of Unification, Leon Levy Foundation" and
//! "ROK Ministry of Unification and Leon Levy Foundation" both name two.

/// Splits a funder text into names, in order, without an article or a final period.
pub fn split(text: &str) -> Vec<String> {
    let text = text.replace('\u{a0}', " ");
    let mut out: Vec<String> = Vec::new();
    for piece in text.split(',').flat_map(|p| p.split(" and ")) {
        let name = piece.split_whitespace().collect::<Vec<_>>().join(" ");
        let name = name.trim_end_matches('.').trim();
        let name = name
            .strip_prefix("the ")
            .or_else(|| name.strip_prefix("The "))
            .unwrap_or(name)
            .trim();
        if !name.is_empty() && !out.iter().any(|n| n == name) {
            out.push(name.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn funder_lists() {
        assert_eq!(
            split("the ROK Ministry of Unification, Leon Levy Foundation"),
            ["ROK Ministry of Unification", "Leon Levy Foundation"]
        );
        assert_eq!(
            split("ROK Ministry of Unification\u{a0} and Leon Levy Foundation"),
            ["ROK Ministry of Unification", "Leon Levy Foundation"]
        );
        assert_eq!(split("Leon Levy Foundation."), ["Leon Levy Foundation"]);
        assert!(split("  ").is_empty());
    }
}

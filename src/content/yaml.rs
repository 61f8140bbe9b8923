//! All YAML handling of recto: reading front matter and `edition.yaml` with located
//! errors, finding where each field is written, and spotting misspelt field names.

use crate::diagnostic::Diagnostic;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::path::Path;

/// Where each top-level field is written: file line and the column where its value starts.
#[derive(Debug, Clone, Default)]
pub struct FieldLines(BTreeMap<String, (usize, usize)>);

impl FieldLines {
    /// Reads the field positions from the YAML text, which starts at file line `first_line`.
    pub fn scan(yaml: &str, first_line: usize) -> FieldLines {
        let mut map = BTreeMap::new();
        for (i, line) in yaml.lines().enumerate() {
            let Some(first) = line.chars().next() else {
                continue;
            };
            if first.is_whitespace() || first == '#' || first == '-' {
                continue;
            }
            if let Some(colon) = line.find(':') {
                let key = line[..colon].trim().trim_matches(|c| c == '"' || c == '\'');
                let rest = &line[colon + 1..];
                // The value starts after the colon and its spaces (a char boundary, whatever
                // the text); its column counts characters, not bytes.
                let value_start = colon + 1 + (rest.len() - rest.trim_start().len());
                map.entry(key.to_string())
                    .or_insert((first_line + i, line[..value_start].chars().count() + 1));
            }
        }
        FieldLines(map)
    }

    /// The line of a field, if it is written.
    pub fn line(&self, field: &str) -> Option<usize> {
        self.0.get(field).map(|(l, _)| *l)
    }

    /// Line and value column of a field, if it is written.
    pub fn position(&self, field: &str) -> Option<(usize, usize)> {
        self.0.get(field).copied()
    }

    /// Field names, in file order of first appearance is not kept; sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(|s| s.as_str())
    }
}

/// Builds a diagnostic pointing at a field of a file.
pub fn at_field(mut diagnostic: Diagnostic, lines: &FieldLines, field: &str) -> Diagnostic {
    if let Some((line, column)) = lines.position(field) {
        diagnostic = diagnostic.at(line, column);
    }
    diagnostic
}

/// Deserializes YAML that starts at file line `first_line`. On failure the error carries
/// the file line and column and a hint about YAML quoting.
pub fn parse<T: DeserializeOwned>(
    yaml: &str,
    first_line: usize,
    shown: &Path,
) -> Result<T, Diagnostic> {
    // An empty front matter is an empty mapping, not "null".
    let source = if yaml.trim().is_empty() { "{}" } else { yaml };
    serde_yaml::from_str::<T>(source).map_err(|e| {
        let text = e.to_string();
        let message = match text.find(" at line ") {
            Some(i) => text[..i].to_string(),
            None => text,
        };
        let mut diagnostic = Diagnostic::error(shown, format!("invalid YAML: {message}"));
        if let Some(location) = e.location() {
            diagnostic = diagnostic.at(first_line + location.line() - 1, location.column());
        }
        diagnostic.hint(
            "check the indentation and put quotes around values that contain `: `, `#`, `[` or start with a quote",
        )
    })
}

/// Warns about every field that recto does not know, naming the nearest known field.
pub fn unknown_fields(lines: &FieldLines, known: &[&str], shown: &Path) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for name in lines.names() {
        if known.contains(&name) {
            continue;
        }
        let nearest = known
            .iter()
            .map(|k| (strsim::jaro_winkler(name, k), *k))
            .max_by(|a, b| a.0.total_cmp(&b.0));
        let mut diagnostic = at_field(
            Diagnostic::warning(shown, format!("unknown field `{name}` is ignored")),
            lines,
            name,
        );
        diagnostic = match nearest {
            Some((score, k)) if score > 0.75 => diagnostic.hint(format!("did you mean `{k}`?")),
            _ => diagnostic.hint(format!("known fields: {}", known.join(", "))),
        };
        out.push(diagnostic);
    }
    out
}

/// Serialises front-matter data as YAML text (used when writing documents).
pub fn to_string<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_yaml::to_string(value).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_lines_are_found() {
        let lines = FieldLines::scan("title: A\ndate: 1957\naliases:\n  - B\n", 2);
        assert_eq!(lines.position("title"), Some((2, 8)));
        assert_eq!(lines.line("date"), Some(3));
        assert_eq!(lines.line("aliases"), Some(4));
        assert_eq!(lines.line("B"), None);
        // Found by the property test: a multi-byte character right after the colon.
        let lines = FieldLines::scan("é:\u{743a5}x\ntitle:   Ü\n", 1);
        assert_eq!(lines.position("é"), Some((1, 3)));
        assert_eq!(lines.position("title"), Some((2, 10)));
    }

    #[test]
    fn yaml_errors_carry_file_lines() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct T {
            title: String,
        }
        let err = parse::<T>("title: A\nbad: [unclosed\n", 2, Path::new("x.md")).unwrap_err();
        assert!(err.message.starts_with("invalid YAML"), "{}", err.message);
        assert!(err.line.unwrap() >= 3, "{err}");
    }

    #[test]
    fn misspelt_fields_get_a_suggestion() {
        let lines = FieldLines::scan("titel: A\n", 2);
        let warnings = unknown_fields(&lines, &["title", "date"], Path::new("x.md"));
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].hint.as_deref(), Some("did you mean `title`?"));
        assert_eq!(warnings[0].line, Some(2));
    }
}

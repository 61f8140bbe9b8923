//! All YAML handling of recto: reading front matter and `edition.yaml` with located
//! errors in plain words, finding where each field is written, and spotting misspelt
//! field names.

use super::limits::{self, Limits};
use crate::diagnostic::Diagnostic;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::path::Path;

/// Where one top-level field is written.
#[derive(Debug, Clone)]
struct Field {
    line: usize,
    /// Column (in characters) where the value starts.
    column: usize,
    /// The value as written: the rest of the key's line and the lines that belong to it.
    text: String,
}

/// Where each top-level field is written: file line, value column and the written text.
#[derive(Debug, Clone, Default)]
pub struct FieldLines {
    fields: BTreeMap<String, Field>,
    /// Fields written again: name, line of the first, line of the repetition.
    duplicates: Vec<(String, usize, usize)>,
    /// The file line where the YAML starts: where a field that cannot be found is shown.
    first_line: usize,
}

/// Whether a line starts a top-level field (`name: …` at the left margin).
pub fn is_field_line(line: &str) -> bool {
    match line.chars().next() {
        Some(first) => {
            !(first.is_whitespace() || first == '#' || first == '-') && line.contains(':')
        }
        None => false,
    }
}

impl FieldLines {
    /// Reads the field positions from the YAML text, which starts at file line `first_line`.
    pub fn scan(yaml: &str, first_line: usize) -> FieldLines {
        let mut out = FieldLines {
            first_line,
            ..FieldLines::default()
        };
        // The field whose value the following lines continue (None: a repeated field).
        let mut current: Option<String> = None;
        for (i, line) in yaml.lines().enumerate() {
            if !is_field_line(line) {
                if let Some(field) = current.as_ref().and_then(|k| out.fields.get_mut(k)) {
                    field.text.push('\n');
                    field.text.push_str(line);
                }
                continue;
            }
            let Some(colon) = line.find(':') else {
                continue;
            };
            let key = line[..colon].trim().trim_matches(|c| c == '"' || c == '\'');
            let rest = &line[colon + 1..];
            // The value starts after the colon and its spaces (a char boundary, whatever
            // the text); its column counts characters, not bytes.
            let value_start = colon + 1 + (rest.len() - rest.trim_start().len());
            if let Some(first) = out.fields.get(key) {
                out.duplicates
                    .push((key.to_string(), first.line, first_line + i));
                current = None;
                continue;
            }
            out.fields.insert(
                key.to_string(),
                Field {
                    line: first_line + i,
                    column: line[..value_start].chars().count() + 1,
                    text: line[value_start..].to_string(),
                },
            );
            current = Some(key.to_string());
        }
        out
    }

    /// The line of a field, if it is written.
    pub fn line(&self, field: &str) -> Option<usize> {
        self.fields.get(field).map(|f| f.line)
    }

    /// Line and value column of a field, if it is written.
    pub fn position(&self, field: &str) -> Option<(usize, usize)> {
        self.fields.get(field).map(|f| (f.line, f.column))
    }

    /// Field names, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.fields.keys().map(|s| s.as_str())
    }

    /// Fields written twice: name, line of the first, line of the second.
    pub fn duplicates(&self) -> &[(String, usize, usize)] {
        &self.duplicates
    }

    /// The value of a field as written on its own line, without a trailing comment
    /// (`0x7A5` where YAML reads the number 1957).
    pub fn written(&self, field: &str) -> Option<&str> {
        let text = &self.fields.get(field)?.text;
        let first = text.lines().next().unwrap_or("");
        let without_comment = first.find(" #").map_or(first, |i| &first[..i]);
        Some(without_comment.trim())
    }

    /// Where an item of a list field is written (`persons: [a, b]` or one `- b` a line):
    /// the first place where `item` stands as a whole word of the field's value.
    pub fn item_position(&self, field: &str, item: &str) -> Option<(usize, usize)> {
        let f = self.fields.get(field)?;
        if item.is_empty() {
            return None;
        }
        let boundary =
            |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || "[],-'\"#".contains(c));
        for (n, line) in f.text.split('\n').enumerate() {
            let mut from = 0;
            while let Some(i) = line[from..].find(item) {
                let start = from + i;
                let end = start + item.len();
                if boundary(line[..start].chars().next_back())
                    && boundary(line[end..].chars().next())
                {
                    let column = line[..start].chars().count() + 1;
                    return Some(if n == 0 {
                        (f.line, f.column + column - 1)
                    } else {
                        (f.line + n, column)
                    });
                }
                from = end;
            }
        }
        None
    }
}

/// Builds a diagnostic pointing at a field of a file (at the start of its YAML when the
/// field is not written at the left margin, e.g. inside `{…}`).
pub fn at_field(diagnostic: Diagnostic, lines: &FieldLines, field: &str) -> Diagnostic {
    let (line, column) = lines
        .position(field)
        .unwrap_or((lines.first_line.max(1), 1));
    diagnostic.at(line, column)
}

/// Deserializes front matter that starts at file line `first_line`, after checking its
/// size and nesting. On failure the error carries the file line and column.
pub fn parse<T: DeserializeOwned>(
    yaml: &str,
    first_line: usize,
    shown: &Path,
) -> Result<T, Diagnostic> {
    parse_within(yaml, first_line, &limits::FRONT_MATTER, shown)
}

/// [`parse`] with the bounds of a particular kind of file.
pub fn parse_within<T: DeserializeOwned>(
    yaml: &str,
    first_line: usize,
    bounds: &Limits,
    shown: &Path,
) -> Result<T, Diagnostic> {
    limits::check(yaml, first_line, bounds, shown)?;
    // An empty front matter is an empty mapping, not "null".
    let source = if yaml.trim().is_empty() { "{}" } else { yaml };
    serde_yaml::from_str::<T>(source).map_err(|e| error(&e, yaml, first_line, shown))
}

/// Turns a YAML error into a message for people: a tab is named as a tab, an unclosed
/// quote is shown where it opens, anything else keeps the parser's words and location.
pub fn error(e: &serde_yaml::Error, yaml: &str, first_line: usize, shown: &Path) -> Diagnostic {
    let text = e.to_string();
    let location = e
        .location()
        .map(|l| (first_line + l.line() - 1, l.column()));
    // An error the parser cannot place is shown at the start of the YAML.
    let at = |d: Diagnostic| match location {
        Some((line, column)) => d.at(line, column),
        None => d.at(first_line, 1),
    };
    let char_at = location.and_then(|(line, column)| {
        yaml.lines()
            .nth(line.checked_sub(first_line)?)?
            .chars()
            .nth(column.checked_sub(1)?)
    });
    if text.contains("tab character") || char_at == Some('\t') {
        let (line, column) = location.unwrap_or((first_line, 1));
        return Diagnostic::error(
            shown,
            format!("a tab character at line {line}, column {column}: YAML indents with spaces"),
        )
        .at(line, column)
        .hint("replace the tab with spaces (most editors can show tabs and convert them)");
    }
    if let Some((line, column)) = scanning_quote(&text) {
        return Diagnostic::error(shown, "this quote is never closed")
            .at(first_line + line - 1, column)
            .hint("close the quote at the end of the value, or remove it; inside '…' write '' for a single quote");
    }
    if let Some(key) = text
        .strip_prefix("duplicate entry with key ")
        .map(|k| k.split(" at line ").next().unwrap_or(k).trim_matches('"'))
    {
        return at(Diagnostic::error(
            shown,
            format!("the field `{key}` is written twice"),
        ))
        .hint("keep one of them");
    }
    let message = match text.find(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text.clone(),
    };
    if let Some(what) = message.strip_prefix("invalid type: ") {
        // A value of the wrong type (from a typed read): no quoting hint, the value is fine.
        return at(Diagnostic::error(shown, format!("wrong type: {what}"))).hint(
            "check that the value is of the kind the field takes (a text, a list, a number)",
        );
    }
    at(Diagnostic::error(shown, format!("invalid YAML: {message}"))).hint(
        "check the indentation and put quotes around values that contain `: `, `#`, `[` or start with a quote",
    )
}

/// The opening of a quoted scalar that the parser was still scanning when it failed.
fn scanning_quote(text: &str) -> Option<(usize, usize)> {
    let rest = text
        .split("while scanning a quoted scalar at line ")
        .nth(1)?;
    let (line, rest) = rest.split_once(" column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, column.parse().ok()?))
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
    fn list_items_and_repeated_fields_are_located() {
        let lines = FieldLines::scan(
            "persons: [kim, kim-il-sung]\ncurated:\n  - a\n  - kim\ntitle: A # x\ntitle: B\n",
            2,
        );
        assert_eq!(lines.item_position("persons", "kim-il-sung"), Some((2, 16)));
        assert_eq!(lines.item_position("persons", "kim"), Some((2, 11)));
        assert_eq!(lines.item_position("curated", "kim"), Some((5, 5)));
        assert_eq!(lines.written("title"), Some("A"));
        assert_eq!(lines.duplicates(), &[("title".to_string(), 6, 7)]);
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
    fn tabs_and_open_quotes_are_named() {
        let run = |yaml: &str| parse::<serde_yaml::Value>(yaml, 2, Path::new("x.md")).unwrap_err();
        let tab = run("title: A\n\tdate: 1957\n");
        assert!(
            tab.message.contains("a tab character at line 3, column 1"),
            "{tab}"
        );
        assert_eq!((tab.line, tab.column), (Some(3), Some(1)));
        let quote = run("date: 1957\ntitle: \"Journal\nsummary: x\n");
        assert!(quote.message.contains("never closed"), "{quote}");
        assert_eq!((quote.line, quote.column), (Some(3), Some(8)));
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

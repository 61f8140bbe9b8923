//! The top-level values of a YAML text, each kept on its own so that one bad field hides
//! no other: a type error is reported at its field, and a syntax error at one field still
//! lets the fields after it be read (and their own errors be reported in the same run).

use super::limits::{self, Limits};
use super::yaml::{self, FieldLines};
use crate::diagnostic::Diagnostic;
use serde_yaml::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Top-level fields by name, as YAML values.
#[derive(Debug, Default)]
pub struct Values {
    fields: BTreeMap<String, Value>,
    /// Fields written in a part of the text that could not be read.
    lost: BTreeSet<String>,
    /// No field could be read at all.
    unreadable: bool,
}

impl Values {
    /// The fields of a file's front matter, within the front matter's bounds, with the
    /// lines of its fields (the opening every reader of documents, persons and pages shares).
    pub fn of_front_matter(
        split: &super::front_matter::Split,
        shown: &Path,
        problems: &mut Vec<Diagnostic>,
    ) -> (FieldLines, Values) {
        let lines = FieldLines::scan(split.yaml, split.yaml_line);
        let values = Values::read(
            split.yaml,
            split.yaml_line,
            &limits::FRONT_MATTER,
            &lines,
            shown,
            problems,
        );
        (lines, values)
    }

    /// Reads the fields of `yaml` (starting at file line `first_line`). Problems go to
    /// `problems`; what could be read is returned, never nothing because of one field.
    pub fn read(
        yaml: &str,
        first_line: usize,
        bounds: &Limits,
        lines: &FieldLines,
        shown: &Path,
        problems: &mut Vec<Diagnostic>,
    ) -> Values {
        if let Err(e) = limits::check(yaml, first_line, bounds, shown) {
            problems.push(e);
            return Values {
                unreadable: true,
                ..Values::default()
            };
        }
        if yaml.trim().is_empty() {
            return Values::default();
        }
        let whole = match serde_yaml::from_str::<Value>(yaml) {
            Ok(Value::Null) => return Values::default(),
            Ok(Value::Mapping(m)) => return Values::of(m),
            Ok(_) => {
                problems.push(
                    Diagnostic::error(
                        shown,
                        format!("{} is not fields written `name: value`", bounds.what),
                    )
                    .at(first_line, 1)
                    .hint("write each field on a line of its own, e.g. `title: …`"),
                );
                return Values::default();
            }
            Err(e) => e,
        };
        let duplicated = whole.to_string().starts_with("duplicate entry");
        let error_line = if duplicated && !lines.duplicates().is_empty() {
            for (name, first, line) in lines.duplicates() {
                problems.push(
                    Diagnostic::error(
                        shown,
                        format!("the field `{name}` is written twice (first at line {first})"),
                    )
                    .at(*line, 1)
                    .hint("keep one of them"),
                );
            }
            None
        } else {
            let d = yaml::error(&whole, yaml, first_line, shown);
            let line = d.line;
            problems.push(d);
            line
        };
        let starts: Vec<usize> = yaml
            .lines()
            .enumerate()
            .filter(|(_, l)| yaml::is_field_line(l))
            .map(|(i, _)| i)
            .collect();
        let mut values = Values::default();
        for (_, value) in chunks(yaml, first_line, &starts, error_line, shown, problems) {
            if let Value::Mapping(m) = value {
                for (k, v) in Values::of(m).fields {
                    values.fields.entry(k).or_insert(v);
                }
            }
        }
        values.lost = lines
            .names()
            .filter(|n| !values.fields.contains_key(*n))
            .map(str::to_string)
            .collect();
        // Nothing could be read: a field that seems missing may be in the unreadable text.
        values.unreadable = values.fields.is_empty();
        values
    }

    fn of(mapping: serde_yaml::Mapping) -> Values {
        Values {
            fields: mapping
                .into_iter()
                .filter_map(|(k, v)| Some((key_text(&k)?, v)))
                .collect(),
            lost: BTreeSet::new(),
            unreadable: false,
        }
    }

    /// Takes the value of a field out; `None` when it is not written.
    pub fn take(&mut self, field: &str) -> Option<Value> {
        self.fields.remove(field)
    }

    /// The value of a field, left in place.
    pub fn peek(&self, field: &str) -> Option<&Value> {
        self.fields.get(field)
    }

    /// Whether a field has a value (not taken yet, and not `~`).
    pub fn has_value(&self, field: &str) -> bool {
        self.fields.get(field).is_some_and(|v| !v.is_null())
    }

    /// Whether a field is written where the text could not be read (its error is reported).
    pub fn lost(&self, field: &str) -> bool {
        self.unreadable || self.lost.contains(field)
    }
}

/// A mapping key as text; keys that are lists or mappings are not fields.
fn key_text(key: &Value) -> Option<String> {
    match key {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// For a text that does not parse whole: parses each chunk (from each of `starts`, 0-based
/// line indexes, to the next) on its own. Chunks after the one holding the error
/// (`error_line`, a file line) report their own errors; the chunk with the error gives
/// nothing; earlier chunks give their values (an error there is an artefact of cutting).
/// Returns each chunk's start (as in `starts`) and value.
pub fn chunks(
    yaml: &str,
    first_line: usize,
    starts: &[usize],
    error_line: Option<usize>,
    shown: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Vec<(usize, Value)> {
    let offsets: Vec<usize> = std::iter::once(0)
        .chain(yaml.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let error_chunk =
        error_line.and_then(|line| starts.iter().rposition(|&s| first_line + s <= line));
    let mut out = Vec::new();
    for (n, &start) in starts.iter().enumerate() {
        if Some(n) == error_chunk {
            continue;
        }
        let from = offsets.get(start).copied().unwrap_or(yaml.len());
        let to = starts
            .get(n + 1)
            .and_then(|&next| offsets.get(next).copied())
            .unwrap_or(yaml.len());
        let text = &yaml[from..to];
        match serde_yaml::from_str::<Value>(text) {
            Ok(v) => out.push((start, v)),
            Err(e) => {
                let after = error_chunk.is_none_or(|c| n > c);
                if after {
                    problems.push(yaml::error(&e, text, first_line + start, shown));
                }
            }
        }
    }
    out
}

/// How a YAML value is called in a message.
pub fn describe(value: &Value) -> String {
    match value {
        Value::Null => "nothing".into(),
        Value::Bool(b) => format!("`{b}` (true/false)"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => {
            let short: String = s.chars().take(40).collect();
            format!("the text \"{short}\"")
        }
        Value::Sequence(items) => match items
            .iter()
            .position(|i| matches!(i, Value::Sequence(_) | Value::Mapping(_) | Value::Tagged(_)))
        {
            Some(i) => format!("a list whose item {} is {}", i + 1, describe(&items[i])),
            None => "a list".into(),
        },
        Value::Mapping(_) => "fields (`name: value` pairs)".into(),
        Value::Tagged(_) => "a tagged value".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(yaml: &str) -> (Values, Vec<Diagnostic>) {
        let lines = FieldLines::scan(yaml, 2);
        let mut problems = Vec::new();
        let values = Values::read(
            yaml,
            2,
            &limits::FRONT_MATTER,
            &lines,
            Path::new("x.md"),
            &mut problems,
        );
        (values, problems)
    }

    #[test]
    fn one_broken_field_hides_no_other() {
        let (mut values, problems) =
            read("title: \"Journal\ndate: 1957\nsummary: [a\nkind: letter\n");
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(problems[0].line, Some(2));
        assert!(problems[0].message.contains("never closed"));
        assert_eq!(
            problems[1].line.map(|l| l >= 4),
            Some(true),
            "{:?}",
            problems[1]
        );
        assert!(values.take("date").is_some());
        assert!(values.take("kind").is_some());
        assert!(values.take("title").is_none());
    }

    #[test]
    fn a_repeated_field_is_shown_where_it_is_repeated() {
        let (mut values, problems) = read("title: A\ndate: 1957\ntitle: B\n");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, Some(4));
        assert!(problems[0]
            .message
            .contains("written twice (first at line 2)"));
        assert_eq!(values.take("title"), Some(Value::String("A".into())));
    }
}

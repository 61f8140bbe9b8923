//! Reading `content/events.yaml`: a list of historical events for the timeline.
//!
//! ```yaml
//! - date: 1953-07-27
//!   title: Korean War Armistice Agreement signed at Panmunjom
//!   description: optional Markdown-free text
//!   persons: [kim-il-sung]
//! ```

use super::yaml::FieldLines;
use super::{limits, shown, text, values, yaml};
use crate::diagnostic::Diagnostic;
use crate::model::date::ACCEPTED_FORMS;
use crate::model::scalar::Scalar;
use crate::model::{ContextEvent, Edition, EditionDate};
use serde::Deserialize;
use serde_yaml::Value;
use std::collections::BTreeMap;
use std::path::Path;

const EVENT_FIELDS: &[&str] = &["date", "title", "description", "persons"];

fn relative() -> &'static Path {
    Path::new("content/events.yaml")
}

/// Loads the events, if the file exists; every problem names its line. Each event is read
/// on its own: one malformed event hides no other, and its fields each report their own
/// problem.
pub fn load(root: &Path, edition: &Edition, problems: &mut Vec<Diagnostic>) -> Vec<ContextEvent> {
    let path = root.join(relative());
    let shown_path = shown(root, relative());
    if path.exists() && !path.is_file() {
        problems.push(
            Diagnostic::warning(&shown_path, "not read: events.yaml is not a regular file")
                .hint("replace it with a text file listing the events, or remove it"),
        );
        return Vec::new();
    }
    if !path.is_file() {
        return Vec::new();
    }
    let source = match text::read_text(&path, &shown_path) {
        Ok(t) => t,
        Err(e) => {
            problems.push(e);
            return Vec::new();
        }
    };
    if source.trim().is_empty() {
        return Vec::new();
    }
    if let Err(e) = limits::check(&source, 1, &limits::EVENTS_YAML, &shown_path) {
        problems.push(e);
        return Vec::new();
    }
    // The line index of each list item: lines starting with "-" at the left margin.
    let starts: Vec<usize> = source
        .lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with("- ") || *l == "-")
        .map(|(i, _)| i)
        .collect();
    // (event number, line, value)
    let items: Vec<(usize, usize, Value)> = match serde_yaml::from_str::<Value>(&source) {
        Ok(Value::Sequence(items)) if items.len() == starts.len() => starts
            .iter()
            .zip(items)
            .enumerate()
            .map(|(n, (i, v))| (n + 1, i + 1, v))
            .collect(),
        Ok(Value::Sequence(items)) => items
            .into_iter()
            .enumerate()
            .map(|(n, v)| (n + 1, 1, v))
            .collect(),
        Ok(Value::Null) => return Vec::new(),
        Ok(_) => {
            problems.push(not_a_list(&shown_path));
            return Vec::new();
        }
        Err(e) => {
            let d = yaml::error(&e, &source, 1, &shown_path);
            let error_line = d.line;
            problems.push(d);
            // Read each event on its own, to report the problems of the others too.
            let mut items = Vec::new();
            for (start, value) in
                values::chunks(&source, 1, &starts, error_line, &shown_path, problems)
            {
                let n = starts.iter().position(|&s| s == start).unwrap_or(0) + 1;
                if let Value::Sequence(list) = value {
                    items.extend(list.into_iter().map(|v| (n, start + 1, v)));
                }
            }
            items
        }
    };
    let known = edition.person_index();
    let mut events = Vec::new();
    for (n, line, item) in items {
        let at = EventLines::of(&source, line);
        if let Some(event) = read_event(n, line, item, &at, &shown_path, problems) {
            for id in &event.persons {
                if !known.contains_key(id.as_str()) {
                    let (l, c) = at
                        .item("persons", id)
                        .unwrap_or_else(|| at.field("persons"));
                    problems.push(
                        Diagnostic::error(
                            &shown_path,
                            format!("unknown person id `{id}` in event \"{}\"", event.title),
                        )
                        .at(l, c)
                        .hint(format!("add content/persons/{id}.md or remove the id")),
                    );
                }
            }
            events.push(event);
        }
    }
    events
}

fn not_a_list(shown_path: &Path) -> Diagnostic {
    Diagnostic::error(shown_path, "events.yaml is not a list of events")
        .at(1, 1)
        .hint("events.yaml is a list: each event starts with `- date: …` and has a `title: …`")
}

/// Reads event number `n`, which starts at file line `line`.
fn read_event(
    n: usize,
    line: usize,
    item: Value,
    at: &EventLines,
    shown_path: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Option<ContextEvent> {
    let Value::Mapping(fields) = item else {
        problems.push(
            Diagnostic::error(shown_path, format!("event {n} is not fields written `name: value`"))
                .at_line(Some(line))
                .hint("write an event as `- date: …` with `title: …` on the next line, indented by two spaces"),
        );
        return None;
    };
    let mut fields: BTreeMap<String, Value> = fields
        .into_iter()
        .filter_map(|(k, v)| Some((k.as_str()?.to_string(), v)))
        .collect();
    // A field of the wrong type, in words.
    let wrong = |field: &str, expected: &str, value: &Value, problems: &mut Vec<Diagnostic>| {
        problems.push(
            Diagnostic::error(
                shown_path,
                format!(
                    "wrong type for `{field}` in event {n}: expected {expected}, found {}",
                    values::describe(value)
                ),
            )
            .at(at.field(field).0, at.field(field).1)
            .hint(format!("event fields: {}", EVENT_FIELDS.join(", "))),
        );
    };
    // A field of the wrong type is reported as such, not once more as missing.
    let written = |field: &str| fields.get(field).is_some_and(|v| !v.is_null());
    let (title_written, date_written) = (written("title"), written("date"));
    let mut text = |field: &str, problems: &mut Vec<Diagnostic>| -> Option<String> {
        let value = fields.remove(field)?;
        if value.is_null() {
            return None;
        }
        match Scalar::deserialize(&value) {
            Ok(s) => Some(s.0.trim().to_string()).filter(|t| !t.is_empty()),
            Err(_) => {
                wrong(field, "a text", &value, problems);
                None
            }
        }
    };
    let title = text("title", problems);
    let date_text = text("date", problems);
    let description = text("description", problems);
    let persons = match fields.remove("persons") {
        None | Some(Value::Null) => Vec::new(),
        Some(value) => match Vec::<Scalar>::deserialize(&value) {
            Ok(list) => list.into_iter().map(|s| s.0).collect(),
            Err(_) => {
                wrong("persons", "a list of person ids", &value, problems);
                Vec::new()
            }
        },
    };
    for name in fields.keys() {
        let nearest = EVENT_FIELDS
            .iter()
            .max_by(|a, b| strsim::jaro_winkler(name, a).total_cmp(&strsim::jaro_winkler(name, b)))
            .copied()
            .unwrap_or("title");
        problems.push(
            Diagnostic::warning(
                shown_path,
                format!("unknown field `{name}` in event {n} is ignored"),
            )
            .at(at.field(name).0, at.field(name).1)
            .hint(format!(
                "did you mean `{nearest}`? Event fields: {}",
                EVENT_FIELDS.join(", ")
            )),
        );
    }
    if title.is_none() && !title_written {
        problems.push(
            Diagnostic::error(shown_path, format!("event {n} has no title"))
                .at(line, 1)
                .hint("add `title: …` to the event"),
        );
    }
    let date = match date_text {
        None if date_written => None,
        None => {
            problems.push(
                Diagnostic::error(shown_path, format!("event {n} has no date"))
                    .at(line, 1)
                    .hint("add `date: YYYY-MM-DD` (or YYYY-MM, YYYY)"),
            );
            None
        }
        Some(value) => match EditionDate::parse(&value) {
            Ok(d) => Some(d),
            Err(e) => {
                problems.push(
                    Diagnostic::error(shown_path, e.to_string())
                        .at(at.field("date").0, at.field("date").1)
                        .hint(ACCEPTED_FORMS),
                );
                None
            }
        },
    };
    Some(ContextEvent {
        date: date?,
        title: title?,
        description,
        persons,
        line,
    })
}

/// Where the fields of one event are written: the event's lines read as a mapping of
/// their own (without the `- ` and the indentation), with columns put back.
struct EventLines {
    lines: FieldLines,
    indent: usize,
    line: usize,
}

impl EventLines {
    /// The event that starts at file line `line` (1-based) of `source`.
    fn of(source: &str, line: usize) -> EventLines {
        let mut text = String::new();
        let mut indent = 0;
        for (i, l) in source.lines().enumerate().skip(line.saturating_sub(1)) {
            if i + 1 == line {
                indent = l.len() - l.trim_start_matches(['-', ' ']).len();
            } else if l.starts_with('-') {
                break;
            }
            let cut = l
                .char_indices()
                .take_while(|(j, c)| *j < indent && (*c == ' ' || *c == '-'))
                .count();
            text.push_str(&l[cut..]);
            text.push('\n');
        }
        EventLines {
            lines: FieldLines::scan(&text, line),
            indent,
            line,
        }
    }

    /// Line and column of a field's value (the event's start when it is not written).
    fn field(&self, name: &str) -> (usize, usize) {
        self.lines
            .position(name)
            .map_or((self.line, 1), |(l, c)| (l, c + self.indent))
    }

    /// Line and column of an item of a list field.
    fn item(&self, name: &str, item: &str) -> Option<(usize, usize)> {
        self.lines
            .item_position(name, item)
            .map(|(l, c)| (l, c + self.indent))
    }
}

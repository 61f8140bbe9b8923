//! Reading `content/events.yaml`: a list of historical events for the timeline.
//!
//! ```yaml
//! - date: 1953-07-27
//!   title: Korean War Armistice Agreement signed at Panmunjom
//!   description: optional Markdown-free text
//!   persons: [kim-il-sung]
//! ```

use super::{shown, text, yaml};
use crate::diagnostic::Diagnostic;
use crate::model::date::ACCEPTED_FORMS;
use crate::model::scalar::Scalar;
use crate::model::{ContextEvent, Edition, EditionDate};
use serde::Deserialize;
use std::path::Path;

const EVENT_FIELDS: &[&str] = &["date", "title", "description", "persons"];

#[derive(Debug, Deserialize)]
struct EventFields {
    date: Option<Scalar>,
    title: Option<String>,
    description: Option<String>,
    #[serde(default)]
    persons: Vec<String>,
    #[serde(flatten)]
    rest: std::collections::BTreeMap<String, serde_yaml::Value>,
}

fn relative() -> &'static Path {
    Path::new("content/events.yaml")
}

/// Loads the events, if the file exists; every problem names its line.
pub fn load(root: &Path, problems: &mut Vec<Diagnostic>) -> Vec<ContextEvent> {
    let path = root.join(relative());
    if !path.is_file() {
        return Vec::new();
    }
    let shown_path = shown(root, relative());
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
    let items: Vec<EventFields> = match yaml::parse(&source, 1, &shown_path) {
        Ok(items) => items,
        Err(e) => {
            problems.push(e.hint(
                "events.yaml is a list: each event starts with `- date: …` and has a `title: …`",
            ));
            return Vec::new();
        }
    };
    // The line of each list item: lines starting with "- " at the left margin.
    let item_lines: Vec<usize> = source
        .lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with("- ") || *l == "-")
        .map(|(i, _)| i + 1)
        .collect();
    let mut events = Vec::new();
    for (n, item) in items.into_iter().enumerate() {
        let line = item_lines.get(n).copied().unwrap_or(1);
        let field_line = |field: &str| -> usize {
            source
                .lines()
                .enumerate()
                .skip(line - 1)
                .take_while(|(i, l)| *i + 1 == line || !l.starts_with('-'))
                .find(|(_, l)| {
                    l.trim_start_matches(['-', ' '])
                        .starts_with(&format!("{field}:"))
                })
                .map_or(line, |(i, _)| i + 1)
        };
        for name in item.rest.keys() {
            let nearest = EVENT_FIELDS
                .iter()
                .max_by(|a, b| {
                    strsim::jaro_winkler(name, a).total_cmp(&strsim::jaro_winkler(name, b))
                })
                .copied()
                .unwrap_or("title");
            problems.push(
                Diagnostic::warning(
                    &shown_path,
                    format!("unknown field `{name}` in event {} is ignored", n + 1),
                )
                .at_line(Some(field_line(name)))
                .hint(format!(
                    "did you mean `{nearest}`? Event fields: {}",
                    EVENT_FIELDS.join(", ")
                )),
            );
        }
        let title = item
            .title
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty());
        if title.is_none() {
            problems.push(
                Diagnostic::error(&shown_path, format!("event {} has no title", n + 1))
                    .at_line(Some(line))
                    .hint("add `title: …` to the event"),
            );
        }
        let date = match item.date {
            None => {
                problems.push(
                    Diagnostic::error(&shown_path, format!("event {} has no date", n + 1))
                        .at_line(Some(line))
                        .hint("add `date: YYYY-MM-DD` (or YYYY-MM, YYYY)"),
                );
                None
            }
            Some(value) => match EditionDate::parse(&value.0) {
                Ok(d) => Some(d),
                Err(e) => {
                    problems.push(
                        Diagnostic::error(&shown_path, e.to_string())
                            .at_line(Some(field_line("date")))
                            .hint(ACCEPTED_FORMS),
                    );
                    None
                }
            },
        };
        if let (Some(date), Some(title)) = (date, title) {
            events.push(ContextEvent {
                date,
                title,
                description: item
                    .description
                    .map(|d| d.trim().to_string())
                    .filter(|d| !d.is_empty()),
                persons: item.persons,
                line,
            });
        }
    }
    events
}

/// Every person an event names must be in the register.
pub fn check_persons(root: &Path, edition: &Edition, problems: &mut Vec<Diagnostic>) {
    let index = edition.person_index();
    for event in &edition.events {
        for id in &event.persons {
            if !index.contains_key(id.as_str()) {
                problems.push(
                    Diagnostic::error(
                        shown(root, relative()),
                        format!("unknown person id `{id}` in event \"{}\"", event.title),
                    )
                    .at_line(Some(event.line))
                    .hint(format!("add content/persons/{id}.md or remove the id")),
                );
            }
        }
    }
}

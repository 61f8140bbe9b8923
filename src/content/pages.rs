//! Reading a free page (about, introduction …).

use super::fields::FieldReader;
use super::front_matter::Split;
use super::yaml::{self, FieldLines};
use crate::diagnostic::Diagnostic;
use crate::model::Page;
use serde::Deserialize;
use std::path::Path;

pub const PAGE_FIELDS: &[&str] = &["title"];

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct PageFields {
    title: Option<String>,
}

pub fn read(id: &str, split: &Split, shown: &Path, problems: &mut Vec<Diagnostic>) -> Option<Page> {
    let lines = FieldLines::scan(split.yaml, split.yaml_line);
    let fields: PageFields = match yaml::parse(split.yaml, split.yaml_line, shown) {
        Ok(f) => f,
        Err(e) => {
            problems.push(e);
            return None;
        }
    };
    problems.extend(yaml::unknown_fields(&lines, PAGE_FIELDS, shown));
    let mut r = FieldReader {
        shown,
        lines: &lines,
        problems,
    };
    let title = r.required_text("title", fields.title, "About this edition")?;
    Some(Page {
        id: id.to_string(),
        title,
        body: split.body.to_string(),
        path: shown.to_path_buf(),
        body_line: split.body_line,
    })
}

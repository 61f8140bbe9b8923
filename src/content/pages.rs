//! Reading a free page (about, introduction …).

use super::fields::FieldReader;
use super::front_matter::Split;
use super::values::Values;
use super::yaml;
use crate::diagnostic::Diagnostic;
use crate::model::Page;
use std::path::Path;

pub const PAGE_FIELDS: &[&str] = &["title"];

/// Reads a page; a title that cannot be read is reported and the id stands in for it.
pub fn read(id: &str, split: &Split, shown: &Path, problems: &mut Vec<Diagnostic>) -> Option<Page> {
    let (lines, values) = Values::of_front_matter(split, shown, problems);
    problems.extend(yaml::unknown_fields(&lines, PAGE_FIELDS, shown));
    let mut r = FieldReader {
        shown,
        lines: &lines,
        values,
        problems,
    };
    let title = r
        .required_text("title", "About this edition")
        .unwrap_or_else(|| id.to_string());
    Some(Page {
        id: id.to_string(),
        title,
        body: split.body.to_string(),
        path: shown.to_path_buf(),
        body_line: split.body_line,
    })
}

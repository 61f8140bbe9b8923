//! Turning raw front-matter values into model values, reporting each problem at its field.

use super::yaml::{at_field, FieldLines};
use crate::diagnostic::Diagnostic;
use crate::model::date::ACCEPTED_FORMS;
use crate::model::scalar::Scalar;
use crate::model::EditionDate;
use std::path::Path;

/// The context every field conversion needs: which file, where its fields are, and where
/// to put problems.
pub struct FieldReader<'a> {
    pub shown: &'a Path,
    pub lines: &'a FieldLines,
    pub problems: &'a mut Vec<Diagnostic>,
}

impl FieldReader<'_> {
    /// A required text field; missing or blank is an error naming the field.
    pub fn required_text(
        &mut self,
        field: &str,
        value: Option<String>,
        example: &str,
    ) -> Option<String> {
        match value.map(|v| v.trim().to_string()) {
            Some(v) if !v.is_empty() => Some(v),
            Some(_) => {
                self.error(
                    field,
                    format!("the field `{field}` is empty"),
                    format!("write it, e.g. `{field}: {example}`"),
                );
                None
            }
            None => {
                self.problems.push(
                    Diagnostic::error(
                        self.shown,
                        format!("the required field `{field}` is missing"),
                    )
                    .at(1, 1)
                    .hint(format!(
                        "add a line `{field}: {example}` to the front matter"
                    )),
                );
                None
            }
        }
    }

    /// An optional text field: blank counts as absent.
    pub fn optional_text(&mut self, value: Option<String>) -> Option<String> {
        value
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    }

    /// A date field in the EDTF subset.
    pub fn date(&mut self, field: &str, value: Option<Scalar>) -> Option<EditionDate> {
        let value = value?;
        match EditionDate::parse(&value.0) {
            Ok(date) => Some(date),
            Err(e) => {
                self.error(field, e.to_string(), ACCEPTED_FORMS.to_string());
                None
            }
        }
    }

    /// A list of texts with blank entries dropped.
    pub fn list(&mut self, value: Option<Vec<String>>) -> Vec<String> {
        value
            .unwrap_or_default()
            .into_iter()
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect()
    }

    pub fn error(&mut self, field: &str, message: String, hint: String) {
        self.problems
            .push(at_field(Diagnostic::error(self.shown, message), self.lines, field).hint(hint));
    }

    pub fn warning(&mut self, field: &str, message: String, hint: String) {
        self.problems
            .push(at_field(Diagnostic::warning(self.shown, message), self.lines, field).hint(hint));
    }
}

//! Turning raw front-matter values into model values, reporting each problem at its field.
//!
//! Each field is deserialized on its own, so a wrong type in one field is reported in
//! words ("wrong type: expected a list of names") and hides no other field.

use super::values::{describe, Values};
use super::yaml::{at_field, FieldLines};
use crate::diagnostic::Diagnostic;
use crate::model::date::ACCEPTED_FORMS;
use crate::model::scalar::Scalar;
use crate::model::EditionDate;
use serde::de::DeserializeOwned;
use serde_yaml::Value;
use std::path::Path;

/// What a field holds, for messages: what is expected and how it is written.
#[derive(Debug, Clone, Copy)]
pub struct Expect {
    pub what: &'static str,
    pub example: &'static str,
}

pub const TEXT: Expect = Expect {
    what: "a text",
    example: "a line of text",
};
pub const NAMES: Expect = Expect {
    what: "a list of names",
    example: "[First Name, Second Name]",
};
pub const IDS: Expect = Expect {
    what: "a list of ids",
    example: "[kim-il-sung, puzanov]",
};
pub const SCALAR: Expect = Expect {
    what: "a single value (text or number)",
    example: "115956",
};
pub const DATE: Expect = Expect {
    what: "a date",
    example: "1957-12-17",
};

/// The context every field conversion needs: which file, where its fields are, their
/// values, and where to put problems.
pub struct FieldReader<'a> {
    pub shown: &'a Path,
    pub lines: &'a FieldLines,
    pub values: Values,
    pub problems: &'a mut Vec<Diagnostic>,
}

impl FieldReader<'_> {
    /// The value of `field` as a `T`; a value of another type is reported at the field.
    pub fn get<T: DeserializeOwned>(&mut self, field: &str, expect: Expect) -> Option<T> {
        let value = self.values.take(field)?;
        if value.is_null() {
            return None;
        }
        match T::deserialize(&value) {
            Ok(v) => Some(v),
            Err(_) => {
                self.error(
                    field,
                    format!(
                        "wrong type for `{field}`: expected {}, found {}",
                        expect.what,
                        describe(&value)
                    ),
                    format!("write it like `{field}: {}`", expect.example),
                );
                None
            }
        }
    }

    /// Whether a field is written at all (even with no value).
    pub fn written(&self, field: &str) -> bool {
        self.lines.position(field).is_some()
    }

    /// Whether a field has a value that is still to be read.
    pub fn has_value(&self, field: &str) -> bool {
        self.values.has_value(field)
    }

    /// A text field: any single value, read as text. A number is kept as written
    /// (`record_id: 00123` stays "00123", not the number 123).
    pub fn text(&mut self, field: &str) -> Option<String> {
        if let Some(Value::Number(_)) = self.values.peek(field) {
            if let Some(written) = self.lines.written(field).filter(|w| !w.is_empty()) {
                let written = written.to_string();
                self.values.take(field);
                return Some(written);
            }
        }
        self.get::<Scalar>(field, TEXT).map(|s| s.0)
    }

    /// A required text field; missing or blank is an error naming the field.
    pub fn required_text(&mut self, field: &str, example: &str) -> Option<String> {
        let value = self.text(field);
        self.required(field, value, example)
    }

    /// Checks that a required field has a value: a written but empty field is shown where
    /// it is written, a missing one at the top of the file.
    pub fn required(
        &mut self,
        field: &str,
        value: Option<String>,
        example: &str,
    ) -> Option<String> {
        match value.map(|v| v.trim().to_string()) {
            Some(v) if !v.is_empty() => Some(v),
            // Its part of the text could not be read; that error is reported already.
            None if self.values.lost(field) => None,
            _ if self.written(field) => {
                self.error(
                    field,
                    format!("the field `{field}` is empty"),
                    format!("write it, e.g. `{field}: {example}`"),
                );
                None
            }
            _ => {
                self.problems.push(
                    Diagnostic::error(
                        self.shown,
                        format!("the required field `{field}` is missing"),
                    )
                    .at(1, 1)
                    .hint(format!("add a line `{field}: {example}`")),
                );
                None
            }
        }
    }

    /// An optional text field: blank counts as absent.
    pub fn optional_text(&mut self, field: &str) -> Option<String> {
        self.text(field)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    }

    /// A date field in the EDTF subset, written as text: a number YAML read in another
    /// form (`0x7A5`, `+1957`, `1957.0`) is refused rather than taken for a year.
    pub fn date(&mut self, field: &str) -> Option<EditionDate> {
        let value = self.values.take(field)?;
        if value.is_null() {
            return None;
        }
        let text = match &value {
            Value::String(s) => s.clone(),
            Value::Number(n) => {
                // Where the field cannot be found as written, a whole number is taken as is.
                let written = self
                    .lines
                    .written(field)
                    .map_or_else(|| n.to_string(), str::to_string);
                if n.is_f64() || written != n.to_string() {
                    self.error(
                        field,
                        format!("the date `{written}` is not written as a year: YAML reads it as the number {n}"),
                        "write the date as YYYY, YYYY-MM or YYYY-MM-DD (e.g. 1957)".into(),
                    );
                    return None;
                }
                n.to_string()
            }
            other => {
                self.error(
                    field,
                    format!(
                        "wrong type for `{field}`: expected {}, found {}",
                        DATE.what,
                        describe(other)
                    ),
                    ACCEPTED_FORMS.to_string(),
                );
                return None;
            }
        };
        match EditionDate::parse(&text) {
            Ok(date) if date.start().year() == 0 || date.end().year() == 0 => {
                self.error(
                    field,
                    format!("the date `{}` has the year 0, which no document of an edition has", text.trim()),
                    "write the year with four digits (e.g. 1957); for an unknown date leave the field out and say so in `date_note`".into(),
                );
                None
            }
            Ok(date) => Some(date),
            Err(e) => {
                self.error(field, e.to_string(), ACCEPTED_FORMS.to_string());
                None
            }
        }
    }

    /// A list of texts with blank entries dropped; numbers are read as text.
    pub fn list(&mut self, field: &str, expect: Expect) -> Vec<String> {
        self.get::<Vec<Option<Scalar>>>(field, expect)
            .unwrap_or_default()
            .into_iter()
            .flatten()
            .map(|v| v.0.trim().to_string())
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

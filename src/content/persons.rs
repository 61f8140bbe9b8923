//! Reading one register entry: front matter fields into a `Person`.

use super::fields::{self, FieldReader};
use super::front_matter::Split;
use super::values::Values;
use super::yaml;
use crate::diagnostic::Diagnostic;
use crate::model::scalar::Scalar;
use crate::model::Person;
use std::path::Path;

pub const PERSON_FIELDS: &[&str] = &[
    "id",
    "name",
    "sort_name",
    "aliases",
    "ambiguous_aliases",
    "not_mentions",
    "born",
    "died",
    "roles",
    "wikidata",
];

/// Reads a register entry. As with documents, problems go to `problems` and the person is
/// returned with its id standing in for a name that could not be read, so that references
/// to it are not reported as unknown as well.
pub fn read(
    id: &str,
    split: &Split,
    shown: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Option<Person> {
    let (lines, values) = Values::of_front_matter(split, shown, problems);
    problems.extend(yaml::unknown_fields(&lines, PERSON_FIELDS, shown));
    let mut r = FieldReader {
        shown,
        lines: &lines,
        values,
        problems,
    };
    if let Some(written) = r.get::<Scalar>("id", fields::SCALAR) {
        if !crate::model::is_valid_id(&written.0) {
            r.error(
                "id",
                format!("the id `{}` is not a valid id: ids may hold only lowercase letters, digits and single hyphens, so no page can be written outside the site", written.0),
                format!("leave the id out (the file name `{id}` is used) or write `id: {id}`"),
            );
        } else if written.0 != id {
            r.error(
                "id",
                format!(
                    "the id `{}` does not match the file name `{id}.md`",
                    written.0
                ),
                format!("write `id: {id}` or rename the file"),
            );
        }
    }
    let name = r.required_text("name", "Kim Il Sung");
    let born = r.date("born");
    let died = r.date("died");
    if let (Some(b), Some(d)) = (&born, &died) {
        if d.latest() < b.earliest() {
            r.error(
                "died",
                "the person dies before being born".into(),
                "check the `born` and `died` dates".into(),
            );
        }
    }
    let wikidata = r.optional_text("wikidata");
    if let Some(q) = &wikidata {
        let valid = q.len() > 1 && q.starts_with('Q') && q[1..].bytes().all(|b| b.is_ascii_digit());
        if !valid {
            r.error(
                "wikidata",
                format!("`{q}` is not a Wikidata id"),
                "write the item id, e.g. `wikidata: Q39464`, or leave the field out".into(),
            );
        }
    }
    let name = name.unwrap_or_else(|| id.to_string());
    let sort_name = r.optional_text("sort_name").unwrap_or_else(|| name.clone());
    Some(Person {
        id: id.to_string(),
        sort_name,
        aliases: r.list("aliases", fields::NAMES),
        ambiguous_aliases: r.list("ambiguous_aliases", fields::NAMES),
        not_mentions: r.list("not_mentions", fields::NAMES),
        born,
        died,
        roles: r.list("roles", fields::NAMES),
        wikidata,
        name,
        body: split.body.to_string(),
        path: shown.to_path_buf(),
        body_line: split.body_line,
    })
}

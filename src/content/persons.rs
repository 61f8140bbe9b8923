//! Reading one register entry: front matter fields into a `Person`.

use super::fields::FieldReader;
use super::front_matter::Split;
use super::yaml::{self, FieldLines};
use crate::diagnostic::Diagnostic;
use crate::model::scalar::Scalar;
use crate::model::Person;
use serde::Deserialize;
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

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct PersonFields {
    id: Option<Scalar>,
    name: Option<String>,
    sort_name: Option<String>,
    aliases: Option<Vec<String>>,
    ambiguous_aliases: Option<Vec<String>>,
    not_mentions: Option<Vec<String>>,
    born: Option<Scalar>,
    died: Option<Scalar>,
    roles: Option<Vec<String>>,
    wikidata: Option<Scalar>,
}

pub fn read(
    id: &str,
    split: &Split,
    shown: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Option<Person> {
    let lines = FieldLines::scan(split.yaml, split.yaml_line);
    let fields: PersonFields = match yaml::parse(split.yaml, split.yaml_line, shown) {
        Ok(f) => f,
        Err(e) => {
            problems.push(e);
            return None;
        }
    };
    problems.extend(yaml::unknown_fields(&lines, PERSON_FIELDS, shown));
    let mut r = FieldReader {
        shown,
        lines: &lines,
        problems,
    };
    if let Some(written) = &fields.id {
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
    let name = r.required_text("name", fields.name, "Kim Il Sung");
    let born = r.date("born", fields.born);
    let died = r.date("died", fields.died);
    if let (Some(b), Some(d)) = (&born, &died) {
        if d.latest() < b.earliest() {
            r.error(
                "died",
                "the person dies before being born".into(),
                "check the `born` and `died` dates".into(),
            );
        }
    }
    let wikidata = fields
        .wikidata
        .map(|s| s.0.trim().to_string())
        .filter(|s| !s.is_empty());
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
    let name = name?;
    let sort_name = r
        .optional_text(fields.sort_name)
        .unwrap_or_else(|| name.clone());
    Some(Person {
        id: id.to_string(),
        sort_name,
        aliases: r.list(fields.aliases),
        ambiguous_aliases: r.list(fields.ambiguous_aliases),
        not_mentions: r.list(fields.not_mentions),
        born,
        died,
        roles: r.list(fields.roles),
        wikidata,
        name,
        body: split.body.to_string(),
        path: shown.to_path_buf(),
        body_line: split.body_line,
    })
}

//! `recto check`: everything loading validates, plus what keeps the register right:
//! aliases two persons claim, register entries no document mentions, and name-like
//! sequences in the texts that match nobody (suggestions to grow the register); and the
//! templates, rendered against every page as a build would (`site::template_check`).

use crate::content::{self, yaml::FieldLines};
use crate::diagnostic::{self, Diagnostic};
use crate::link::{candidates, Linker};
use crate::model::Edition;
use crate::site::{self, relations::Relations};
use std::collections::BTreeMap;

/// What a check found. `problems` holds warnings and suggestions (errors fail the check).
#[derive(Debug)]
pub struct CheckReport {
    pub documents: usize,
    pub persons: usize,
    pub problems: Vec<Diagnostic>,
}

/// Checks the edition under `root`; `Err` carries every problem when there are errors.
/// The texts go through the same rendering pass as a build, so whatever would stop a build
/// (an unknown `person:` link, say) stops the check too, and mentions are counted alike.
///
/// Every stage runs on what loading could read, so one run reports the load errors, the
/// problems of the texts and the register's suggestions together.
pub fn check(root: &std::path::Path) -> Result<CheckReport, Vec<Diagnostic>> {
    let content::Partial {
        edition,
        mut problems,
    } = content::load_all(root);
    if root.join("content").is_dir() {
        let linker = Linker::new(&edition.persons);
        let (texts, text_problems) = site::render_texts(&edition, &linker);
        problems.extend(text_problems);
        let relations = site::relate(&edition, &texts);
        problems.extend(register_problems(&edition, &linker, &relations, root));
        problems.extend(site::template_check::check(
            root, &edition, &texts, &relations,
        ));
    }
    diagnostic::sort(&mut problems);
    if problems.iter().any(Diagnostic::is_error) {
        return Err(problems);
    }
    Ok(CheckReport {
        documents: edition.documents.len(),
        persons: edition.persons.len(),
        problems,
    })
}

/// Alias clashes, persons no document mentions, and names the register lacks.
fn register_problems(
    edition: &Edition,
    linker: &Linker,
    relations: &Relations,
    root: &std::path::Path,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for conflict in linker.conflicts() {
        let mut names: Vec<&str> = conflict
            .persons
            .iter()
            .map(|&i| edition.persons[i].id.as_str())
            .collect();
        names.sort();
        for &i in &conflict.persons {
            let person = &edition.persons[i];
            let line = alias_line(root, person, &conflict.alias);
            problems.push(
                Diagnostic::warning(&person.path, format!("the alias \"{}\" is claimed by {}, so it is never linked", conflict.alias, names.join(" and ")))
                    .at_line(line)
                    .hint("keep it for the person it belongs to, or move it to `ambiguous_aliases` of each"),
            );
        }
    }
    for document in &edition.documents {
        // Names the register accounts for, linked or deliberately not, are no candidates.
        let known: Vec<(usize, usize)> = linker
            .spans(&document.body)
            .iter()
            .map(|&(s, e, _)| (s, e))
            .collect();
        let mut unknown: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
        // Candidates come in text order: one cursor counts the lines of the text once
        // (counting from the start for each candidate was quadratic on a long text).
        let mut lines = crate::render::lines::Lines::new(&document.body);
        for (start, end, _) in candidates::find(&document.body, &known) {
            let (line, column) = lines.at(start);
            let line = document.body_line + line;
            let name = document.body[start..end]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            unknown.entry(name).or_insert((line, column, 0)).2 += 1;
        }
        for (name, (line, column, count)) in unknown {
            let times = if count > 1 {
                format!(" ({count}×)")
            } else {
                String::new()
            };
            problems.push(
                Diagnostic::suggestion(
                    &document.path,
                    format!(
                        "\"{name}\"{times} looks like a name but matches nobody in the register"
                    ),
                )
                .at(line, column)
                .hint(
                    "add a person in content/persons/, or add this spelling to a person's aliases",
                ),
            );
        }
    }
    for (i, person) in edition.persons.iter().enumerate() {
        if relations.document_count(i) == 0 {
            problems.push(
                Diagnostic::warning(&person.path, format!("no document mentions {} ({})", person.name, person.id))
                    .at(1, 1)
                    .hint("add the spelling the documents use to `aliases`, or list the id in a document's `persons`"),
            );
        }
    }
    problems
}

/// The line of the person file where an alias is written, if it can be found.
fn alias_line(root: &std::path::Path, person: &crate::model::Person, alias: &str) -> Option<usize> {
    let full = if person.path.is_absolute() {
        person.path.clone()
    } else {
        root.join(person.path.strip_prefix(root).unwrap_or(&person.path))
    };
    let text = std::fs::read_to_string(full).ok()?;
    let mut in_aliases = false;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with("aliases:") {
            in_aliases = true;
        } else if !line.starts_with([' ', '\t', '-']) {
            in_aliases = false;
        }
        if in_aliases && line.contains(alias) {
            return Some(i + 1);
        }
    }
    FieldLines::scan(&text, 1).line("aliases")
}

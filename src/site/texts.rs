//! Rendering the edition's texts: one renderer made per build, shared by every text (and by
//! the preview's incremental rebuild), and the rules for the problems rendering meets.

use super::cache::TextCache;
use super::findings::{self, Finding};
use super::pages::Texts;
use super::relations::Relations;
use super::BuildError;
use crate::diagnostic::{self, Diagnostic};
use crate::link::Linker;
use crate::model::Edition;
use crate::render::editorial::Mark;
use crate::render::{self, Rendered, TextContext};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::Path;

/// Renders every Markdown text of the edition, in parallel, keeping them all (for `recto
/// check` and the preview; `recto build` renders and writes a document at a time).
pub fn render_texts(edition: &Edition, linker: &Linker) -> (Texts, Vec<Diagnostic>) {
    let renderer = TextRenderer::new(edition, linker);
    let documents: Vec<Rendered> = edition
        .documents
        .par_iter()
        .map(|d| renderer.render(&d.body, "../", &d.path, d.body_line, true))
        .collect();
    let (persons, pages) = renderer.others();
    let texts = Texts {
        documents,
        persons,
        pages,
        introduction: renderer.introduction(),
    };
    let problems = text_problems(&texts);
    (texts, problems)
}

/// What rendering one text needs from the edition: ids for links, the linker, the mode.
pub struct TextRenderer<'a> {
    edition: &'a Edition,
    linker: &'a Linker,
    person_ids: Vec<String>,
    person_index: HashMap<&'a str, usize>,
    document_ids: HashMap<&'a str, usize>,
}

impl<'a> TextRenderer<'a> {
    pub fn new(edition: &'a Edition, linker: &'a Linker) -> TextRenderer<'a> {
        TextRenderer {
            edition,
            linker,
            person_ids: edition.persons.iter().map(|p| p.id.clone()).collect(),
            person_index: edition.person_index(),
            document_ids: edition
                .documents
                .iter()
                .enumerate()
                .map(|(i, d)| (d.id.as_str(), i))
                .collect(),
        }
    }

    /// Renders one text for a page `root` away from the site root; `link` links mentions.
    pub fn render(&self, body: &str, root: &str, path: &Path, line: usize, link: bool) -> Rendered {
        let cx = TextContext {
            root,
            linker: link.then_some(self.linker),
            link_mentions: self.edition.config.link_mentions,
            smart_punctuation: self.edition.config.smart_punctuation,
            person_ids: &self.person_ids,
            person_index: &self.person_index,
            document_ids: &self.document_ids,
            path,
            body_line: line,
            site_paths: &self.edition.site_paths,
        };
        render::render(body, &cx)
    }

    /// Renders document `i` and finds its persons (mentions and the front matter's).
    /// A deferred text is read from its file now, and dropped when rendered. With a cache,
    /// a text rendered by an earlier build is taken from it (see `site::cache`).
    pub fn document(&self, i: usize, cache: Option<(&TextCache, u64)>) -> (Rendered, Vec<Finding>) {
        let d = &self.edition.documents[i];
        let named = findings::named(&d.persons, &self.person_index);
        let body = match crate::content::deferred_body(d) {
            Ok(body) => body,
            Err(problem) => {
                let rendered = Rendered {
                    problems: vec![problem],
                    ..Rendered::default()
                };
                return (
                    rendered,
                    findings::of_document(&Rendered::default(), &named),
                );
            }
        };
        let key = cache.map(|(cache, surroundings)| {
            (
                cache,
                TextCache::key(surroundings, &body, &d.path, d.body_line),
            )
        });
        if let Some(entry) = key.and_then(|(cache, key)| cache.get(key)) {
            let rendered = Rendered {
                html: entry.html,
                marks: Mark::ALL
                    .iter()
                    .map(|m| m.name())
                    .filter(|name| entry.marks.iter().any(|m| m == name))
                    .collect(),
                ..Rendered::default()
            };
            let mut found = entry.findings;
            findings::add_named(&mut found, &named);
            return (rendered, found);
        }
        let rendered = self.render(&body, "../", &d.path, d.body_line, true);
        // The cache keeps what the text alone gives; the front matter's persons are added.
        let from_text = findings::of_document(&rendered, &[]);
        if let Some((cache, key)) = key {
            cache.put(key, &rendered, &from_text);
        }
        let mut found = from_text;
        findings::add_named(&mut found, &named);
        (rendered, found)
    }

    /// The biographies and the free pages, in parallel.
    pub fn others(&self) -> (Vec<Rendered>, Vec<Rendered>) {
        let persons = self
            .edition
            .persons
            .par_iter()
            .map(|p| self.render(&p.body, "../", &p.path, p.body_line, false))
            .collect();
        let pages = self
            .edition
            .pages
            .par_iter()
            .map(|p| self.render(&p.body, "", &p.path, p.body_line, false))
            .collect();
        (persons, pages)
    }

    /// The home page's introduction from `edition.yaml`, as HTML.
    pub fn introduction(&self) -> Option<String> {
        let intro = self.edition.config.introduction.as_deref()?;
        Some(
            self.render(intro, "", Path::new("content/edition.yaml"), 1, false)
                .html,
        )
    }
}

/// Every problem met while rendering the texts.
pub fn text_problems(texts: &Texts) -> Vec<Diagnostic> {
    texts
        .documents
        .iter()
        .chain(&texts.persons)
        .chain(&texts.pages)
        .flat_map(|r| r.problems.iter().cloned())
        .collect()
}

/// Stops the build when rendering the texts met errors (reported with the warnings so far);
/// otherwise keeps the warnings.
pub fn accept_text_problems(
    problems: Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> Result<(), BuildError> {
    if problems.iter().any(Diagnostic::is_error) {
        let mut all = problems;
        all.append(warnings);
        diagnostic::sort(&mut all);
        return Err(BuildError::Content(all));
    }
    warnings.extend(problems);
    Ok(())
}

/// Every document's findings, from texts rendered all at once.
pub fn findings_of(edition: &Edition, texts: &Texts) -> Vec<Vec<Finding>> {
    let person_index = edition.person_index();
    edition
        .documents
        .iter()
        .zip(&texts.documents)
        .map(|(d, r)| findings::of_document(r, &findings::named(&d.persons, &person_index)))
        .collect()
}

/// Who is mentioned where, from texts rendered all at once.
pub fn relate(edition: &Edition, texts: &Texts) -> Relations {
    Relations::new(edition.persons.len(), findings_of(edition, texts))
}

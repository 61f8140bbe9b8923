//! The build, in named stages: load, link, render texts, plan, render pages, write.
//! Each stage is timed; pages render in parallel; the output is swapped in atomically.

pub mod feed;
pub mod incremental;
pub mod output;
pub mod pages;
pub mod relations;
pub mod theme;
pub mod timeline;
pub mod views;

use crate::content;
use crate::diagnostic::{self, Diagnostic};
use crate::link::Linker;
use crate::model::Edition;
use crate::render::{self, templates, Rendered, TextContext};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What a build did.
#[derive(Debug, Clone)]
pub struct Summary {
    pub documents: usize,
    pub persons: usize,
    pub pages: usize,
    pub elapsed: Duration,
    /// Time of each stage, in order.
    pub timings: Vec<(&'static str, Duration)>,
    pub warnings: Vec<Diagnostic>,
}

/// Why a build failed: problems in the edition, or an output that cannot be written.
#[derive(Debug)]
pub enum BuildError {
    Content(Vec<Diagnostic>),
    Output(output::OutputError),
}

/// Builds the edition under `root` into `out`.
pub fn build(root: &Path, out: &Path) -> Result<Summary, BuildError> {
    let started = Instant::now();
    let mut timings = Vec::new();
    let mut stage = |name: &'static str, since: &mut Instant| {
        timings.push((name, since.elapsed()));
        *since = Instant::now();
    };
    let mut clock = Instant::now();
    output::check_target(out).map_err(BuildError::Output)?;

    let loaded = content::load(root).map_err(BuildError::Content)?;
    let edition = loaded.edition;
    let mut warnings = loaded.warnings;
    stage("load", &mut clock);

    let theme = theme::load(root).map_err(BuildError::Content)?;
    let engine = templates::engine(&theme.templates).map_err(BuildError::Content)?;
    stage("theme", &mut clock);

    let linker = Linker::new(&edition.persons);
    stage("link", &mut clock);

    let (texts, problems) = render_texts(&edition, &linker);
    let errors: Vec<Diagnostic> = problems.iter().filter(|d| d.is_error()).cloned().collect();
    if !errors.is_empty() {
        let mut all = problems;
        all.extend(warnings);
        diagnostic::sort(&mut all);
        return Err(BuildError::Content(all));
    }
    warnings.extend(problems);
    stage("texts", &mut clock);

    let person_index = edition.person_index();
    let named: Vec<Vec<usize>> = edition
        .documents
        .iter()
        .map(|d| {
            d.persons
                .iter()
                .filter_map(|id| person_index.get(id.as_str()).copied())
                .collect()
        })
        .collect();
    let mentions: Vec<Vec<render::Mention>> =
        texts.documents.iter().map(|r| r.mentions.clone()).collect();
    let relations = relations::Relations::new(edition.persons.len(), &mentions, &named);
    let planned = pages::plan(&edition, &texts, &relations);
    stage("plan", &mut clock);

    let rendered: Vec<Result<(String, Vec<u8>), Diagnostic>> = planned
        .par_iter()
        .map(|page| {
            engine
                .render(page.template, &page.context)
                .map(|html| (page.path.clone(), html.into_bytes()))
                .map_err(|e| {
                    Diagnostic::error(
                        PathBuf::from(format!("templates/{}", page.template)),
                        format!(
                            "rendering {} failed: {}",
                            page.path,
                            templates::full_message(&e)
                        ),
                    )
                    .hint("check the template against the fields documented in src/site/views.rs")
                })
        })
        .collect();
    let mut files = Vec::with_capacity(rendered.len() + theme.files.len());
    let mut failures = Vec::new();
    for result in rendered {
        match result {
            Ok(file) => files.push(file),
            Err(d) => failures.push(d),
        }
    }
    if !failures.is_empty() {
        failures.truncate(20);
        return Err(BuildError::Content(failures));
    }
    let page_count = files.len();
    files.extend(theme.files);
    stage("render", &mut clock);

    output::write_site(out, &files).map_err(BuildError::Output)?;
    stage("write", &mut clock);

    diagnostic::sort(&mut warnings);
    Ok(Summary {
        documents: edition.documents.len(),
        persons: edition.persons.len(),
        pages: page_count,
        elapsed: started.elapsed(),
        timings,
        warnings,
    })
}

/// Renders every Markdown text of the edition, in parallel.
pub fn render_texts(edition: &Edition, linker: &Linker) -> (pages::Texts, Vec<Diagnostic>) {
    let person_ids: Vec<String> = edition.persons.iter().map(|p| p.id.clone()).collect();
    let person_index: HashMap<&str, usize> = person_ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    let document_ids: HashMap<&str, usize> = edition
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    let text = |body: &str, root: &str, path: &Path, line: usize, link: bool| -> Rendered {
        let cx = TextContext {
            root,
            linker: link.then_some(linker),
            link_mentions: edition.config.link_mentions,
            person_ids: &person_ids,
            person_index: &person_index,
            document_ids: &document_ids,
            path,
            body_line: line,
        };
        render::render(body, &cx)
    };
    let documents: Vec<Rendered> = edition
        .documents
        .par_iter()
        .map(|d| text(&d.body, "../", &d.path, d.body_line, true))
        .collect();
    let persons: Vec<Rendered> = edition
        .persons
        .par_iter()
        .map(|p| text(&p.body, "../", &p.path, p.body_line, false))
        .collect();
    let pages: Vec<Rendered> = edition
        .pages
        .par_iter()
        .map(|p| text(&p.body, "", &p.path, p.body_line, false))
        .collect();
    let introduction = edition
        .config
        .introduction
        .as_deref()
        .map(|intro| text(intro, "", Path::new("content/edition.yaml"), 1, false).html);
    let mut problems = Vec::new();
    for r in documents.iter().chain(&persons).chain(&pages) {
        problems.extend(r.problems.iter().cloned());
    }
    (
        pages::Texts {
            documents,
            persons,
            pages,
            introduction,
        },
        problems,
    )
}

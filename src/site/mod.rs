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
    accept_text_problems(problems, &mut warnings)?;
    stage("texts", &mut clock);

    let relations = relate(&edition, &texts);
    let planned = pages::plan(&edition, &texts, &relations);
    stage("plan", &mut clock);

    let rendered: Vec<Result<(String, Vec<u8>), Diagnostic>> = planned
        .par_iter()
        .map(|page| render_page(&engine, page).map(|bytes| (page.path.clone(), bytes)))
        .collect();
    let mut files = all_rendered(rendered)?;
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
    let renderer = TextRenderer::new(edition, linker);
    let documents: Vec<Rendered> = edition
        .documents
        .par_iter()
        .map(|d| renderer.render(&d.body, "../", &d.path, d.body_line, true))
        .collect();
    let persons: Vec<Rendered> = edition
        .persons
        .par_iter()
        .map(|p| renderer.render(&p.body, "../", &p.path, p.body_line, false))
        .collect();
    let pages: Vec<Rendered> = edition
        .pages
        .par_iter()
        .map(|p| renderer.render(&p.body, "", &p.path, p.body_line, false))
        .collect();
    let texts = pages::Texts {
        documents,
        persons,
        pages,
        introduction: renderer.introduction(),
    };
    let problems = text_problems(&texts);
    (texts, problems)
}

/// What rendering one text needs from the edition: ids for links, the linker, the mode.
/// Made once per build and shared by every text (and by the preview's incremental rebuild).
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
pub fn text_problems(texts: &pages::Texts) -> Vec<Diagnostic> {
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

/// Who is mentioned where: the texts' mentions plus the front matter's persons.
pub fn relate(edition: &Edition, texts: &pages::Texts) -> relations::Relations {
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
    relations::Relations::new(edition.persons.len(), &mentions, &named)
}

/// Renders one planned page with its template.
pub fn render_page(engine: &tera::Tera, page: &pages::PlannedPage) -> Result<Vec<u8>, Diagnostic> {
    engine
        .render(page.template, &page.context)
        .map(String::into_bytes)
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
}

/// All pages, or the first twenty failures (a broken template fails every page alike).
pub fn all_rendered<T>(results: Vec<Result<T, Diagnostic>>) -> Result<Vec<T>, BuildError> {
    let mut done = Vec::with_capacity(results.len());
    let mut failures = Vec::new();
    for result in results {
        match result {
            Ok(page) => done.push(page),
            Err(d) => failures.push(d),
        }
    }
    if failures.is_empty() {
        Ok(done)
    } else {
        failures.truncate(20);
        Err(BuildError::Content(failures))
    }
}

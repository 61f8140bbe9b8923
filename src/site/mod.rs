//! The build, in named stages: load, theme, link, documents, texts, relations, pages, write.
//!
//! The build streams: a document's page is planned, rendered and written as soon as its
//! text is rendered, and its HTML is then dropped; only its findings (persons, counts, a
//! few snippets) are kept for the pages that need the whole edition, which follow once
//! every text is read. Peak memory is the edition's metadata and texts plus those findings
//! and a page per thread, not the site. Each stage is timed; the output is swapped in
//! atomically when everything succeeded.

pub mod cache;
pub mod failures;
pub mod feed;
pub mod findings;
pub mod incremental;
pub mod output;
pub mod pages;
pub mod paginate;
pub mod relations;
pub mod template_check;
pub mod texts;
pub mod theme;
pub mod timeline;
pub mod views;

pub use texts::{
    accept_text_problems, findings_of, relate, render_texts, text_problems, TextRenderer,
};

use crate::content;
use crate::diagnostic::{self, Diagnostic};
use crate::link::Linker;
use crate::render::templates;
use pages::{Framer, PlannedPage, SitePlan};
use rayon::prelude::*;
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// What a build did.
#[derive(Debug, Clone)]
pub struct Summary {
    pub documents: usize,
    pub persons: usize,
    pub pages: usize,
    /// The whole build, from the first read to the swap of the output folder.
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

/// How to build.
#[derive(Debug, Clone, Copy, Default)]
pub struct BuildOptions {
    /// Keep rendered texts in the edition's `.recto-cache/` and take unchanged ones from
    /// it (see `cache`). Off by default: writing the cache costs a clean build more than
    /// rendering does on most disks, and it pays only for builds that follow.
    pub cache: bool,
}

/// Builds the edition under `root` into `out`.
pub fn build(root: &Path, out: &Path) -> Result<Summary, BuildError> {
    build_with(root, out, BuildOptions::default())
}

/// Builds the edition under `root` into `out` with `options`.
pub fn build_with(root: &Path, out: &Path, options: BuildOptions) -> Result<Summary, BuildError> {
    let started = Instant::now();
    let mut timings = Vec::new();
    let mut stage = |name: &'static str, since: &mut Instant| {
        timings.push((name, since.elapsed()));
        *since = Instant::now();
    };
    let mut clock = Instant::now();
    output::check_target(out).map_err(BuildError::Output)?;

    let loaded = content::load_for_build(root);
    stage("load", &mut clock);
    // The theme is read even when the content failed, so one run reports both.
    let theme = theme::load(root).and_then(|theme| {
        let engine = templates::engine(&theme.templates)?;
        Ok((theme, engine))
    });
    let (loaded, (theme, engine)) = match (loaded, theme) {
        (Ok(loaded), Ok(theme)) => (loaded, theme),
        (loaded, theme) => {
            let mut problems = match loaded {
                Ok(loaded) => loaded.warnings,
                Err(problems) => problems,
            };
            problems.extend(theme.err().unwrap_or_default());
            diagnostic::sort(&mut problems);
            return Err(BuildError::Content(problems));
        }
    };
    let edition = loaded.edition;
    let mut warnings = loaded.warnings;
    stage("theme", &mut clock);

    let linker = Linker::new(&edition.persons);
    stage("link", &mut clock);

    let staging = output::Staging::begin(out).map_err(BuildError::Output)?;
    let writer = Writer {
        engine: &engine,
        staging: &staging,
        failures: Mutex::new(Vec::new()),
        written: std::sync::atomic::AtomicUsize::new(0),
    };
    let renderer = TextRenderer::new(&edition, &linker);
    let framer = Framer::new(&edition);
    let text_cache = cache::TextCache::of_edition(root);
    let surroundings = cache::surroundings(&edition);
    // Each document: its text, then its page, written at once; the findings stay.
    let documents: Vec<(Vec<findings::Finding>, Vec<Diagnostic>)> = (0..edition.documents.len())
        .into_par_iter()
        .map(|i| {
            let cache = options.cache.then_some((&text_cache, surroundings));
            let (rendered, found) = renderer.document(i, cache);
            if !rendered.problems.iter().any(Diagnostic::is_error) {
                writer.write(pages::document::page(
                    &framer, &edition, i, &rendered, &found,
                ));
            }
            (found, rendered.problems)
        })
        .collect();
    let mut problems = Vec::new();
    let findings: Vec<Vec<findings::Finding>> = documents
        .into_iter()
        .map(|(found, mut p)| {
            problems.append(&mut p);
            found
        })
        .collect();
    stage("documents", &mut clock);

    let (persons, free_pages) = renderer.others();
    let introduction = renderer.introduction();
    for r in persons.iter().chain(&free_pages) {
        problems.extend(r.problems.iter().cloned());
    }
    accept_text_problems(problems, &mut warnings)?;
    writer.check()?;
    stage("texts", &mut clock);

    let relations = relations::Relations::new(edition.persons.len(), findings);
    stage("relations", &mut clock);

    let biographies: Vec<String> = persons.into_iter().map(|r| r.html).collect();
    let bodies: Vec<String> = free_pages.into_iter().map(|r| r.html).collect();
    let plan = SitePlan::new(
        &edition,
        &relations,
        &framer,
        introduction.as_deref(),
        &bodies,
        &biographies,
    );
    plan.jobs()
        .into_par_iter()
        .for_each(|job| writer.write(plan.plan(job)));
    theme
        .files
        .par_iter()
        .for_each(|(path, bytes)| writer.copy(path, bytes));
    writer.check()?;
    let page_count = writer.written.load(std::sync::atomic::Ordering::Relaxed) - theme.files.len();
    stage("pages", &mut clock);

    staging.commit().map_err(BuildError::Output)?;
    if options.cache {
        text_cache.prune();
    }
    stage("write", &mut clock);

    let summary = Summary {
        documents: edition.documents.len(),
        persons: edition.persons.len(),
        pages: page_count,
        elapsed: started.elapsed(),
        timings,
        warnings: {
            diagnostic::sort(&mut warnings);
            warnings
        },
    };
    // Freeing a large edition takes a while on one thread, and nothing waits for it: hand
    // it to a thread of its own (the process may exit before it is done; that is fine).
    drop(plan);
    let _ = std::thread::Builder::new()
        .name("recto-free".into())
        .spawn(move || drop((edition, relations, biographies, bodies)));
    Ok(summary)
}

/// Renders planned pages and writes them into the staging folder, from many threads,
/// collecting what goes wrong instead of stopping at the first page.
struct Writer<'a> {
    engine: &'a tera::Tera,
    staging: &'a output::Staging,
    failures: Mutex<Vec<Failure>>,
    written: std::sync::atomic::AtomicUsize,
}

enum Failure {
    Template(failures::PageFailure),
    Output(output::OutputError),
}

impl Writer<'_> {
    fn write(&self, page: PlannedPage) {
        match render_page(self.engine, &page) {
            Ok(bytes) => self.copy(&page.path, &bytes),
            Err(d) => self.fail(Failure::Template(d)),
        }
    }

    fn copy(&self, path: &str, bytes: &[u8]) {
        match self.staging.write(path, bytes) {
            Ok(()) => {
                self.written
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            Err(e) => self.fail(Failure::Output(e)),
        }
    }

    fn fail(&self, failure: Failure) {
        if let Ok(mut failures) = self.failures.lock() {
            failures.push(failure);
        }
    }

    /// Fails the build if any page failed: an output error first (nothing else can be
    /// written), else the template failures.
    fn check(&self) -> Result<(), BuildError> {
        let mut failures = match self.failures.lock() {
            Ok(mut f) => std::mem::take(&mut *f),
            Err(_) => return Ok(()),
        };
        if failures.is_empty() {
            return Ok(());
        }
        if let Some(at) = failures
            .iter()
            .position(|f| matches!(f, Failure::Output(_)))
        {
            if let Failure::Output(e) = failures.swap_remove(at) {
                return Err(BuildError::Output(e));
            }
        }
        let failed: Vec<failures::PageFailure> = failures
            .into_iter()
            .filter_map(|f| match f {
                Failure::Template(f) => Some(f),
                Failure::Output(_) => None,
            })
            .collect();
        Err(BuildError::Content(failures::group(failed)))
    }
}

/// Renders one planned page with its template.
pub fn render_page(
    engine: &tera::Tera,
    page: &PlannedPage,
) -> Result<Vec<u8>, failures::PageFailure> {
    engine
        .render(page.template, &page.context)
        .map(String::into_bytes)
        .map_err(|e| failures::PageFailure::new(page.template, &page.path, &e))
}

/// All pages, or the failures: one error per template and line (a broken template fails
/// every page alike), with the count of pages each broke.
pub fn all_rendered<T>(
    results: Vec<Result<T, failures::PageFailure>>,
) -> Result<Vec<T>, BuildError> {
    let mut done = Vec::with_capacity(results.len());
    let mut failed = Vec::new();
    for result in results {
        match result {
            Ok(page) => done.push(page),
            Err(f) => failed.push(f),
        }
    }
    if failed.is_empty() {
        Ok(done)
    } else {
        Err(BuildError::Content(failures::group(failed)))
    }
}

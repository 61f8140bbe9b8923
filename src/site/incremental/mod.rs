//! Rebuilding after an edit, doing only the work the edit needs (used by `recto serve`).
//!
//! A [`Session`] remembers its previous build: every text's HTML with the inputs it came
//! from, the compiled templates, every page's template and context, and a hash of every
//! file it wrote. A rebuild reads and validates the whole edition again (parsing is a small
//! share of a build and keeps every check of `content::load`), then
//!
//! - renders again only the texts whose own input changed (all of them when the register,
//!   the document ids or `link_mentions` change, since linking depends on those);
//! - compiles the templates again only when a template file changed;
//! - renders only the pages whose context or templates changed: an edited document
//!   re-renders its page and the pages that show something of it (lists, timeline,
//!   neighbours, the persons it mentions), and nothing else;
//! - writes only the files whose bytes changed, each by an atomic rename, and removes the
//!   files the edition no longer makes.
//!
//! A page is a pure function of its template and its context (no clock, no global state),
//! so equal inputs give equal bytes. The stages mirror `site::build`; `tests/serve_incremental.rs`
//! checks that both write the same bytes, so a stage added to one and not the other is caught.
//! Nothing is changed on disk unless the whole build succeeds.

mod folder;
mod texts;

use super::output;
use super::{pages, theme, BuildError};
use crate::content;
use crate::diagnostic::{self, Diagnostic};
use crate::link::Linker;
use crate::model::Person;
use crate::render::templates;
use folder::Folder;
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};
use texts::TextCache;

/// What one rebuild did.
#[derive(Debug, Clone)]
pub struct Rebuild {
    pub documents: usize,
    pub persons: usize,
    /// Pages the edition has.
    pub pages: usize,
    /// Texts rendered from Markdown in this rebuild (the others came from the cache).
    pub texts_rendered: usize,
    /// Pages rendered with their template in this rebuild.
    pub pages_rendered: usize,
    /// Site-relative paths written (new or changed bytes), sorted.
    pub written: Vec<String>,
    /// Site-relative paths removed, sorted.
    pub removed: Vec<String>,
    pub elapsed: Duration,
    pub timings: Vec<(&'static str, Duration)>,
    pub warnings: Vec<Diagnostic>,
}

impl Rebuild {
    /// Whether the site on disk changed.
    pub fn changed(&self) -> bool {
        !self.written.is_empty() || !self.removed.is_empty()
    }
}

/// The memory of one output folder between rebuilds.
pub struct Session {
    root: PathBuf,
    templates: Option<(u64, Arc<tera::Tera>)>,
    linker: Option<(u64, Arc<Linker>)>,
    texts: TextCache,
    /// Per page path: the template and context its current bytes were rendered from
    /// (pages other than documents').
    pages: HashMap<String, (&'static str, tera::Context)>,
    /// Per document page: a fingerprint of everything it shows (see `document_key`), so an
    /// unchanged document's page is neither planned nor rendered again.
    document_keys: HashMap<String, u64>,
    folder: Folder,
}

impl Session {
    /// A session that builds the edition under `root` into `out`. Nothing happens on disk
    /// until the first [`Session::rebuild`], which replaces whatever recto wrote there before.
    pub fn new(root: &Path, out: &Path) -> Session {
        Session {
            root: root.to_path_buf(),
            templates: None,
            linker: None,
            texts: TextCache::default(),
            pages: HashMap::new(),
            document_keys: HashMap::new(),
            folder: Folder::new(out),
        }
    }

    /// The output folder.
    pub fn out(&self) -> &Path {
        self.folder.path()
    }

    /// Builds the edition again, reusing what the previous build made where its inputs are
    /// unchanged. On error, the output folder is untouched.
    pub fn rebuild(&mut self) -> Result<Rebuild, BuildError> {
        let started = Instant::now();
        let mut timings = Vec::new();
        let mut clock = Instant::now();
        let mut stage = |name: &'static str, clock: &mut Instant| {
            timings.push((name, clock.elapsed()));
            *clock = Instant::now();
        };
        output::check_target(self.folder.path()).map_err(BuildError::Output)?;

        let loaded = content::load(&self.root).map_err(BuildError::Content)?;
        let edition = loaded.edition;
        let mut warnings = loaded.warnings;
        stage("load", &mut clock);

        let theme = theme::load(&self.root).map_err(BuildError::Content)?;
        let templates_key = fingerprint(|h| {
            for layer in &theme.templates {
                layer.len().hash(h);
                for t in layer {
                    (&t.name, &t.text, &t.origin).hash(h);
                }
            }
        });
        let engine = match &self.templates {
            Some((key, engine)) if *key == templates_key => Arc::clone(engine),
            _ => {
                self.templates = None;
                self.pages.clear();
                let engine =
                    Arc::new(templates::engine(&theme.templates).map_err(BuildError::Content)?);
                self.templates = Some((templates_key, Arc::clone(&engine)));
                engine
            }
        };
        stage("theme", &mut clock);

        let linker_key = fingerprint(|h| {
            for person in &edition.persons {
                linker_input(person).hash(h);
            }
        });
        let linker = match &self.linker {
            Some((key, linker)) if *key == linker_key => Arc::clone(linker),
            _ => {
                let linker = Arc::new(Linker::new(&edition.persons));
                self.linker = Some((linker_key, Arc::clone(&linker)));
                linker
            }
        };
        stage("link", &mut clock);

        let (texts, problems, texts_rendered, text_hashes) =
            self.texts.render(&edition, &linker, linker_key);
        super::accept_text_problems(problems, &mut warnings)?;
        stage("texts", &mut clock);

        let findings = super::findings_of(&edition, &texts);
        let relations = super::relations::Relations::new(edition.persons.len(), findings.clone());
        let framer = pages::Framer::new(&edition);
        let base = fingerprint(|h| {
            framer.fingerprint().hash(h);
            templates_key.hash(h);
            linker_key.hash(h);
        });
        // Document pages: planned and rendered only when something they show changed.
        let known = &self.document_keys;
        let documents: Vec<Result<DocumentPage, super::failures::PageFailure>> = (0..edition
            .documents
            .len())
            .into_par_iter()
            .map(|i| {
                let key = document_key(&edition, i, text_hashes[i], &findings[i], base);
                let path = super::views::document_url(&edition.documents[i].id);
                if known.get(&path) == Some(&key) {
                    return Ok((path, key, None));
                }
                let page =
                    pages::document::page(&framer, &edition, i, &texts.documents[i], &findings[i]);
                let bytes = super::render_page(&engine, &page)?;
                Ok((path, key, Some(bytes)))
            })
            .collect();
        let documents = super::all_rendered(documents)?;
        let bodies: Vec<String> = texts.pages.iter().map(|r| r.html.clone()).collect();
        let biographies: Vec<String> = texts.persons.iter().map(|r| r.html.clone()).collect();
        let plan = pages::SitePlan::new(
            &edition,
            &relations,
            &framer,
            texts.introduction.as_deref(),
            &bodies,
            &biographies,
        );
        let planned: Vec<pages::PlannedPage> = plan
            .jobs()
            .into_par_iter()
            .map(|job| plan.plan(job))
            .collect();
        let page_count = planned.len() + documents.len();
        stage("plan", &mut clock);

        let previous = &self.pages;
        let rendered: Vec<Result<Page, super::failures::PageFailure>> = planned
            .into_par_iter()
            .map(|page| {
                let unchanged = previous.get(&page.path).is_some_and(|(template, context)| {
                    *template == page.template && *context == page.context
                });
                if unchanged {
                    return Ok(Page {
                        path: page.path,
                        template: page.template,
                        context: page.context,
                        bytes: None,
                    });
                }
                let bytes = super::render_page(&engine, &page)?;
                Ok(Page {
                    path: page.path,
                    template: page.template,
                    context: page.context,
                    bytes: Some(bytes),
                })
            })
            .collect();
        let done = super::all_rendered(rendered)?;
        let pages_rendered = done.iter().filter(|p| p.bytes.is_some()).count()
            + documents.iter().filter(|(_, _, b)| b.is_some()).count();
        stage("render", &mut clock);

        let mut files: Vec<(String, Option<Vec<u8>>)> = Vec::with_capacity(page_count);
        let mut memo = HashMap::with_capacity(done.len());
        let mut document_keys = HashMap::with_capacity(documents.len());
        for (path, key, bytes) in documents {
            files.push((path.clone(), bytes));
            document_keys.insert(path, key);
        }
        for page in done {
            files.push((page.path.clone(), page.bytes));
            memo.insert(page.path, (page.template, page.context));
        }
        files.extend(
            theme
                .files
                .into_iter()
                .map(|(path, bytes)| (path, Some(bytes))),
        );
        let changes = self.folder.update(files).map_err(|e| {
            // The folder may be partly updated; it now starts from empty next time
            // (`Folder` forgets its content), so every page must render again.
            self.pages.clear();
            self.document_keys.clear();
            BuildError::Output(e)
        })?;
        self.pages = memo;
        self.document_keys = document_keys;
        stage("write", &mut clock);

        diagnostic::sort(&mut warnings);
        Ok(Rebuild {
            documents: edition.documents.len(),
            persons: edition.persons.len(),
            pages: page_count,
            texts_rendered,
            pages_rendered,
            written: changes.written,
            removed: changes.removed,
            elapsed: started.elapsed(),
            timings,
            warnings,
        })
    }
}

/// A document page's path, the fingerprint of its inputs, and its bytes when rendered anew.
type DocumentPage = (String, u64, Option<Vec<u8>>);

/// A planned page after rendering: `bytes` is `None` when its inputs did not change.
struct Page {
    path: String,
    template: &'static str,
    context: tera::Context,
    bytes: Option<Vec<u8>>,
}

/// A hash of what `feed` writes (SipHash with fixed keys: the same in every run).
fn fingerprint(feed: impl FnOnce(&mut std::collections::hash_map::DefaultHasher)) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    feed(&mut hasher);
    hasher.finish()
}

/// Everything of a person the linker reads: the person without the biography, which
/// changes often and matters only to the person's own page.
fn linker_input(person: &Person) -> String {
    let mut p = person.clone();
    p.body = String::new();
    p.body_line = 0;
    format!("{p:?}")
}

/// Everything a document's page shows, as one number: the frame, the templates and the
/// register (`base`), the document's metadata, its neighbours' as the pager shows them,
/// its rendered text and its persons.
fn document_key(
    edition: &crate::model::Edition,
    i: usize,
    text: u64,
    findings: &[super::findings::Finding],
    base: u64,
) -> u64 {
    fingerprint(|h| {
        base.hash(h);
        text.hash(h);
        // Every field but the text (hashed above as rendered); the pattern names them all,
        // so a field added to documents cannot be forgotten here.
        let crate::model::Document {
            id,
            title,
            date,
            date_note,
            period,
            kind,
            summary,
            citation,
            original_language,
            translator,
            archive,
            archive_ref,
            archive_ref_parts,
            source_url,
            record_id,
            funders,
            persons,
            repairs,
            curated,
            source,
            body: _,
            deferred: _,
            path,
            body_line,
        } = &edition.documents[i];
        format!(
            "{:?}",
            (
                (id, title, date, date_note, period, kind),
                (summary, citation, original_language, translator),
                (archive, archive_ref, archive_ref_parts, source_url),
                (record_id, funders, persons, repairs, curated),
                (source, path, body_line),
            )
        )
        .hash(h);
        for j in [i.checked_sub(1), Some(i + 1)].into_iter().flatten() {
            if let Some(n) = edition.documents.get(j) {
                (&n.id, &n.title, n.date.edtf(), &n.kind, &n.summary).hash(h);
            }
        }
        for f in findings {
            f.person.hash(h);
            if let Some(p) = edition.persons.get(f.person) {
                (&p.id, &p.name).hash(h);
            }
        }
    })
}

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

use super::output::{self, OutputError, MARKER};
use super::{pages, relations, theme, BuildError};
use crate::content;
use crate::diagnostic::{self, Diagnostic};
use crate::link::Linker;
use crate::model::{Edition, Person};
use crate::render::{self, templates, Rendered, TextContext};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

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
    out: PathBuf,
    templates: Option<(u64, Arc<tera::Tera>)>,
    linker: Option<(u64, Arc<Linker>)>,
    texts: TextCache,
    /// Per page path: the template and context its current bytes were rendered from.
    pages: HashMap<String, (&'static str, tera::Context)>,
    /// Per site path: a hash of the bytes on disk. `None` when the folder's content is not
    /// known (first build, or after a failed write): the next write starts from empty.
    files: Option<BTreeMap<String, u64>>,
}

impl Session {
    /// A session that builds the edition under `root` into `out`. Nothing happens on disk
    /// until the first [`Session::rebuild`], which replaces whatever recto wrote there before.
    pub fn new(root: &Path, out: &Path) -> Session {
        Session {
            root: root.to_path_buf(),
            out: out.to_path_buf(),
            templates: None,
            linker: None,
            texts: TextCache::default(),
            pages: HashMap::new(),
            files: None,
        }
    }

    /// The output folder.
    pub fn out(&self) -> &Path {
        &self.out
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
        output::check_target(&self.out).map_err(BuildError::Output)?;

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

        let (texts, problems, texts_rendered) = self.texts.render(&edition, &linker, linker_key);
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
        let page_count = planned.len();
        stage("plan", &mut clock);

        let previous = &self.pages;
        let rendered: Vec<Result<Page, Diagnostic>> = planned
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
                match engine.render(page.template, &page.context) {
                    Ok(html) => Ok(Page {
                        path: page.path,
                        template: page.template,
                        context: page.context,
                        bytes: Some(html.into_bytes()),
                    }),
                    Err(e) => Err(Diagnostic::error(
                        PathBuf::from(format!("templates/{}", page.template)),
                        format!(
                            "rendering {} failed: {}",
                            page.path,
                            templates::full_message(&e)
                        ),
                    )
                    .hint("check the template against the fields documented in src/site/views.rs")),
                }
            })
            .collect();
        let mut done = Vec::with_capacity(rendered.len());
        let mut failures = Vec::new();
        for result in rendered {
            match result {
                Ok(page) => done.push(page),
                Err(d) => failures.push(d),
            }
        }
        if !failures.is_empty() {
            failures.truncate(20);
            return Err(BuildError::Content(failures));
        }
        let pages_rendered = done.iter().filter(|p| p.bytes.is_some()).count();
        stage("render", &mut clock);

        let (written, removed) = self.write(&mut done, theme.files).map_err(|e| {
            // The folder is now partly updated: forget what is in it, so the next
            // build rewrites it from empty.
            self.files = None;
            self.pages.clear();
            BuildError::Output(e)
        })?;
        self.pages = done
            .into_iter()
            .map(|p| (p.path, (p.template, p.context)))
            .collect();
        stage("write", &mut clock);

        diagnostic::sort(&mut warnings);
        Ok(Rebuild {
            documents: edition.documents.len(),
            persons: edition.persons.len(),
            pages: page_count,
            texts_rendered,
            pages_rendered,
            written,
            removed,
            elapsed: started.elapsed(),
            timings,
            warnings,
        })
    }

    /// Writes the files whose bytes changed and removes those no longer made.
    fn write(
        &mut self,
        pages: &mut [Page],
        statics: Vec<(String, Vec<u8>)>,
    ) -> Result<(Vec<String>, Vec<String>), OutputError> {
        let mut next: BTreeMap<String, u64> = BTreeMap::new();
        let mut changed: Vec<(String, Vec<u8>)> = Vec::new();
        let known = self.files.take();
        let fresh = known.is_none();
        let known = known.unwrap_or_default();
        let mut consider = |path: String, bytes: Option<Vec<u8>>| -> Result<(), OutputError> {
            if !output::is_inside(&path) {
                return Err(OutputError::Escapes(path));
            }
            match bytes {
                Some(bytes) => {
                    let hash = fingerprint(|h| bytes.hash(h));
                    if fresh || known.get(&path) != Some(&hash) {
                        changed.push((path.clone(), bytes));
                    }
                    next.insert(path, hash);
                }
                // Not rendered again: same inputs as the bytes already on disk.
                None => match known.get(&path) {
                    Some(hash) => {
                        next.insert(path, *hash);
                    }
                    None => {
                        return Err(OutputError::Io {
                            path: self.out.join(&path),
                            source: std::io::Error::other("page missing from the preview cache"),
                        })
                    }
                },
            }
            Ok(())
        };
        for page in pages.iter_mut() {
            consider(page.path.clone(), page.bytes.take())?;
        }
        for (path, bytes) in statics {
            consider(path, Some(bytes))?;
        }
        let removed: Vec<String> = known
            .keys()
            .filter(|path| !next.contains_key(*path))
            .cloned()
            .collect();

        if fresh {
            clear_folder(&self.out)?;
        }
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| OutputError::Io { path, source }
        };
        std::fs::create_dir_all(&self.out).map_err(io(&self.out))?;
        let marker = self.out.join(MARKER);
        if !marker.is_file() {
            std::fs::write(
                &marker,
                b"This folder is written by recto serve; it is replaced on every build.\n",
            )
            .map_err(io(&marker))?;
        }
        changed.par_iter().try_for_each(|(path, bytes)| {
            let target = self.out.join(path);
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir).map_err(io(dir))?;
            }
            // Readers see the old bytes or the new ones, never a half-written file.
            let name = target
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let temp = target.with_file_name(format!(".{name}.recto-new"));
            std::fs::write(&temp, bytes).map_err(io(&temp))?;
            std::fs::rename(&temp, &target).map_err(io(&target))
        })?;
        for path in &removed {
            let target = self.out.join(path);
            match std::fs::remove_file(&target) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(io(&target)(e)),
            }
            // Drop folders left empty, up to the output folder itself.
            let mut dir = target.parent();
            while let Some(d) = dir {
                if d == self.out || std::fs::remove_dir(d).is_err() {
                    break;
                }
                dir = d.parent();
            }
        }
        self.files = Some(next);
        let mut written: Vec<String> = changed.into_iter().map(|(path, _)| path).collect();
        written.sort();
        Ok((written, removed))
    }
}

/// A planned page after rendering: `bytes` is `None` when its inputs did not change.
struct Page {
    path: String,
    template: &'static str,
    context: tera::Context,
    bytes: Option<Vec<u8>>,
}

/// Empties a folder recto owns (checked by `output::check_target`) before a full write.
fn clear_folder(out: &Path) -> Result<(), OutputError> {
    let Ok(entries) = std::fs::read_dir(out) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let result = match entry.file_type() {
            Ok(t) if t.is_dir() => std::fs::remove_dir_all(&path),
            _ => std::fs::remove_file(&path),
        };
        result.map_err(|source| OutputError::Io { path, source })?;
    }
    Ok(())
}

/// Everything of a person the linker reads: the person without the biography, which
/// changes often and matters only to the person's own page.
fn linker_input(person: &Person) -> String {
    let mut p = person.clone();
    p.body = String::new();
    p.body_line = 0;
    format!("{p:?}")
}

fn fingerprint(feed: impl FnOnce(&mut std::collections::hash_map::DefaultHasher)) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    feed(&mut hasher);
    hasher.finish()
}

/// Which collection a text belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Collection {
    Document,
    Person,
    Page,
}

/// What a text's HTML depends on besides the register and the document ids.
#[derive(PartialEq)]
struct TextInput {
    body: String,
    body_line: usize,
    root: &'static str,
    link: bool,
}

/// Rendered texts by file, with the inputs they were rendered from.
#[derive(Default)]
struct TextCache {
    /// The register, document ids and settings the cached texts were rendered with.
    environment: Option<u64>,
    entries: HashMap<(Collection, PathBuf), (TextInput, Rendered)>,
}

impl TextCache {
    /// Renders the edition's texts like `site::render_texts`, reusing cached ones.
    /// Returns the texts, their problems, and how many were rendered anew.
    fn render(
        &mut self,
        edition: &Edition,
        linker: &Linker,
        linker_key: u64,
    ) -> (pages::Texts, Vec<Diagnostic>, usize) {
        let environment = fingerprint(|h| {
            linker_key.hash(h);
            for d in &edition.documents {
                d.id.hash(h);
            }
            for p in &edition.persons {
                p.id.hash(h);
            }
            format!("{:?}", edition.config.link_mentions).hash(h);
        });
        if self.environment != Some(environment) {
            self.entries.clear();
            self.environment = Some(environment);
        }

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

        struct Job<'a> {
            collection: Collection,
            path: &'a Path,
            input: TextInput,
        }
        let mut jobs: Vec<Job> = Vec::new();
        for d in &edition.documents {
            jobs.push(Job {
                collection: Collection::Document,
                path: &d.path,
                input: TextInput {
                    body: d.body.clone(),
                    body_line: d.body_line,
                    root: "../",
                    link: true,
                },
            });
        }
        for p in &edition.persons {
            jobs.push(Job {
                collection: Collection::Person,
                path: &p.path,
                input: TextInput {
                    body: p.body.clone(),
                    body_line: p.body_line,
                    root: "../",
                    link: false,
                },
            });
        }
        for p in &edition.pages {
            jobs.push(Job {
                collection: Collection::Page,
                path: &p.path,
                input: TextInput {
                    body: p.body.clone(),
                    body_line: p.body_line,
                    root: "",
                    link: false,
                },
            });
        }
        let entries = &self.entries;
        let results: Vec<(Job, Rendered, bool)> = jobs
            .into_par_iter()
            .map(|job| {
                let key = (job.collection, job.path.to_path_buf());
                if let Some((input, rendered)) = entries.get(&key) {
                    if *input == job.input {
                        let rendered = rendered.clone();
                        return (job, rendered, false);
                    }
                }
                let i = &job.input;
                let rendered = text(&i.body, i.root, job.path, i.body_line, i.link);
                (job, rendered, true)
            })
            .collect();
        let fresh = results.iter().filter(|(_, _, fresh)| *fresh).count();

        let introduction = edition
            .config
            .introduction
            .as_deref()
            .map(|intro| text(intro, "", Path::new("content/edition.yaml"), 1, false).html);

        let mut texts = pages::Texts {
            documents: Vec::with_capacity(edition.documents.len()),
            persons: Vec::with_capacity(edition.persons.len()),
            pages: Vec::with_capacity(edition.pages.len()),
            introduction,
        };
        let mut entries = HashMap::with_capacity(results.len());
        for (job, rendered, _) in results {
            match job.collection {
                Collection::Document => texts.documents.push(rendered.clone()),
                Collection::Person => texts.persons.push(rendered.clone()),
                Collection::Page => texts.pages.push(rendered.clone()),
            }
            entries.insert(
                (job.collection, job.path.to_path_buf()),
                (job.input, rendered),
            );
        }
        // Forget files that are gone.
        self.entries = entries;
        let mut problems = Vec::new();
        for r in texts
            .documents
            .iter()
            .chain(&texts.persons)
            .chain(&texts.pages)
        {
            problems.extend(r.problems.iter().cloned());
        }
        (texts, problems, fresh)
    }
}

//! The texts of an edition (documents, biographies, pages), rendered from Markdown once and
//! again only when their input changes.
//!
//! A text's HTML depends on its own body and place, and on its surroundings: the register
//! (linking), the ids of documents and persons (`document:` and `person:` links) and the
//! `link_mentions` setting. When the surroundings change every text renders again;
//! otherwise only the texts whose own input changed.

use super::fingerprint;
use crate::diagnostic::Diagnostic;
use crate::link::Linker;
use crate::model::Edition;
use crate::render::Rendered;
use crate::site::pages;
use crate::site::TextRenderer;
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::Hash;
use std::path::{Path, PathBuf};

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
pub struct TextCache {
    /// The register, document ids and settings the cached texts were rendered with.
    environment: Option<u64>,
    entries: HashMap<(Collection, PathBuf), (TextInput, Rendered, u64)>,
}

impl TextCache {
    /// Renders the edition's texts like `site::render_texts`, reusing cached ones.
    /// Returns the texts, their problems, how many were rendered anew, and per document a
    /// fingerprint of its rendered text (made once, when it is rendered).
    pub fn render(
        &mut self,
        edition: &Edition,
        linker: &Linker,
        linker_key: u64,
    ) -> (pages::Texts, Vec<Diagnostic>, usize, Vec<u64>) {
        let environment = fingerprint(|h| {
            linker_key.hash(h);
            for d in &edition.documents {
                d.id.hash(h);
            }
            for p in &edition.persons {
                p.id.hash(h);
            }
            format!("{:?}", edition.config.link_mentions).hash(h);
            edition.config.smart_punctuation.hash(h);
            // Relative links are checked against the site's pages and static files.
            edition.site_paths.hash(h);
        });
        if self.environment != Some(environment) {
            self.entries.clear();
            self.environment = Some(environment);
        }

        let renderer = TextRenderer::new(edition, linker);
        let text = |body: &str, root: &str, path: &Path, line: usize, link: bool| {
            renderer.render(body, root, path, line, link)
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
        let results: Vec<(Job, Rendered, u64, bool)> = jobs
            .into_par_iter()
            .map(|job| {
                let key = (job.collection, job.path.to_path_buf());
                if let Some((input, rendered, hash)) = entries.get(&key) {
                    if *input == job.input {
                        let rendered = rendered.clone();
                        return (job, rendered, *hash, false);
                    }
                }
                let i = &job.input;
                let rendered = text(&i.body, i.root, job.path, i.body_line, i.link);
                let hash = fingerprint(|h| {
                    rendered.html.hash(h);
                    rendered.marks.hash(h);
                });
                (job, rendered, hash, true)
            })
            .collect();
        let fresh = results.iter().filter(|(_, _, _, fresh)| *fresh).count();

        let introduction = renderer.introduction();

        let mut texts = pages::Texts {
            documents: Vec::with_capacity(edition.documents.len()),
            persons: Vec::with_capacity(edition.persons.len()),
            pages: Vec::with_capacity(edition.pages.len()),
            introduction,
        };
        let mut entries = HashMap::with_capacity(results.len());
        let mut hashes = Vec::with_capacity(edition.documents.len());
        for (job, rendered, hash, _) in results {
            match job.collection {
                Collection::Document => {
                    hashes.push(hash);
                    texts.documents.push(rendered.clone())
                }
                Collection::Person => texts.persons.push(rendered.clone()),
                Collection::Page => texts.pages.push(rendered.clone()),
            }
            entries.insert(
                (job.collection, job.path.to_path_buf()),
                (job.input, rendered, hash),
            );
        }
        // Forget files that are gone.
        self.entries = entries;
        let problems = super::super::text_problems(&texts);
        (texts, problems, fresh, hashes)
    }
}

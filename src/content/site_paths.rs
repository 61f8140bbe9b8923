//! The paths the built site will have, worked out from the loaded edition and the static
//! files on disk, so the renderer can tell a broken relative link without reading the disk.

use crate::model::Edition;
use std::collections::BTreeSet;
use std::path::Path;
use walkdir::WalkDir;

/// Pages recto always writes.
const FIXED: &[&str] = &[
    "index.html",
    "404.html",
    "feed.xml",
    "documents/index.html",
    "persons/index.html",
    "timeline/index.html",
];

/// Every page of the edition and every static file of its theme layers and `static/`.
pub fn of(root: &Path, edition: &Edition) -> BTreeSet<String> {
    let mut paths: BTreeSet<String> = FIXED.iter().map(|p| p.to_string()).collect();
    paths.extend(
        edition
            .documents
            .iter()
            .map(|d| format!("documents/{}.html", d.id)),
    );
    paths.extend(
        edition
            .persons
            .iter()
            .map(|p| format!("persons/{}.html", p.id)),
    );
    paths.extend(edition.pages.iter().map(|p| format!("{}.html", p.id)));
    if edition.documents.len() > edition.config.timeline_year_pages_after {
        let years = edition
            .documents
            .iter()
            .map(|d| d.date.start().year())
            .chain(edition.events.iter().map(|e| e.date.start().year()));
        paths.extend(years.map(|y| format!("timeline/{y}.html")));
    }
    // The built-in theme's files are compiled into recto; the site stage owns that list.
    paths.extend(
        crate::site::theme::DEFAULT_STATIC
            .iter()
            .map(|(name, _)| format!("static/{name}")),
    );
    for folder in [root.join("themes/default/static"), root.join("static")] {
        if !folder.is_dir() {
            continue;
        }
        for entry in WalkDir::new(&folder).into_iter().flatten() {
            if !entry.file_type().is_file() {
                continue;
            }
            if let Ok(relative) = entry.path().strip_prefix(&folder) {
                let parts: Vec<String> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                paths.insert(format!("static/{}", parts.join("/")));
            }
        }
    }
    paths
}

//! The theme: templates and static files. The default theme is compiled into recto, so any
//! edition builds without copying it; a `themes/default/` folder beside the edition (as in
//! this repository) and the edition's own `templates/` and `static/` folders override it
//! file by file.

use crate::diagnostic::Diagnostic;
use crate::render::templates::TemplateSource;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}

macro_rules! embedded_static {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../themes/default/static/", $name)) as &[u8])),*]
    };
}

/// The default templates, by file name.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = embedded![
    "base.html",
    "index.html",
    "document.html",
    "documents.html",
    "document_entry.html",
    "persons.html",
    "person.html",
    "timeline.html",
    "timeline_entries.html",
    "timeline_year.html",
    "pager.html",
    "feed.xml",
    "page.html",
    "404.html",
];

/// The default static files, by path under `static/`.
pub const DEFAULT_STATIC: &[(&str, &[u8])] = embedded_static![
    "style.css",
    "text.css",
    "lists.css",
    "print.css",
    "persons-filter.js",
];

/// A theme resolved for one edition: template layers and static files, later layers win.
pub struct Theme {
    pub templates: Vec<Vec<TemplateSource>>,
    /// Site-relative path ("static/style.css") and bytes.
    pub files: Vec<(String, Vec<u8>)>,
}

/// Reads the theme layers for the edition under `root`.
pub fn load(root: &Path) -> Result<Theme, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let builtin: Vec<TemplateSource> = DEFAULT_TEMPLATES
        .iter()
        .map(|(name, text)| TemplateSource {
            name: (*name).to_string(),
            text: (*text).to_string(),
            origin: PathBuf::from(format!("themes/default/templates/{name} (built in)")),
        })
        .collect();
    let mut templates = vec![builtin];
    let mut files: std::collections::BTreeMap<String, Vec<u8>> = DEFAULT_STATIC
        .iter()
        .map(|(name, bytes)| (format!("static/{name}"), bytes.to_vec()))
        .collect();
    for folder in [root.join("themes/default"), root.to_path_buf()] {
        let layer = read_folder(&folder.join("templates"), root, &mut problems)
            .into_iter()
            .map(|(name, bytes, origin)| TemplateSource {
                name,
                text: String::from_utf8_lossy(&bytes).into_owned(),
                origin,
            })
            .collect();
        templates.push(layer);
        for (name, bytes, _) in read_folder(&folder.join("static"), root, &mut problems) {
            files.insert(format!("static/{name}"), bytes);
        }
    }
    if problems.iter().any(Diagnostic::is_error) {
        return Err(problems);
    }
    Ok(Theme {
        templates,
        files: files.into_iter().collect(),
    })
}

/// Every file under `folder`, with its path relative to it ('/'-separated).
fn read_folder(
    folder: &Path,
    root: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Vec<(String, Vec<u8>, PathBuf)> {
    let mut out = Vec::new();
    if !folder.is_dir() {
        return out;
    }
    for entry in WalkDir::new(folder)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(relative) = entry.path().strip_prefix(folder) else {
            continue;
        };
        let name: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if name.iter().any(|part| part.starts_with('.')) {
            continue;
        }
        let shown = entry
            .path()
            .strip_prefix(root)
            .unwrap_or(entry.path())
            .to_path_buf();
        match std::fs::read(entry.path()) {
            Ok(bytes) => out.push((name.join("/"), bytes, shown)),
            Err(e) => problems.push(Diagnostic::error(shown, format!("cannot read: {e}"))),
        }
    }
    out
}

//! Finding the Markdown files of each content folder, and saying what is left out and why:
//! a file recto does not read must never be dropped in silence.
//!
//! A symlinked document is read like any other (an editor may keep a text in one place and
//! link it into several editions), after checking that it leads to a regular file: a link
//! to a FIFO or a device would block or never end. Non-regular files are skipped with a
//! warning, checked before anything opens them.

use super::shown;
use crate::diagnostic::Diagnostic;
use crate::model::{is_valid_id, slugify};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Page ids that would collide with the pages recto makes itself.
const RESERVED_PAGE_IDS: &[&str] = &[
    "index",
    "404",
    "documents",
    "persons",
    "timeline",
    "static",
    "feed",
];

/// Endings of Markdown files that recto does not read (it reads `.md`).
const OTHER_MARKDOWN: &[&str] = &["md", "markdown", "mdown", "mkd", "mkdn", "mdwn", "mdtxt"];

/// Which folder of `content/` a file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Collection {
    Documents,
    Persons,
    Pages,
}

impl Collection {
    pub fn folder(self) -> &'static str {
        match self {
            Collection::Documents => "documents",
            Collection::Persons => "persons",
            Collection::Pages => "pages",
        }
    }
}

/// The `.md` files of one collection, sorted, with their ids checked: (collection, id,
/// path to read, path to show).
pub fn markdown_files(
    root: &Path,
    collection: Collection,
    problems: &mut Vec<Diagnostic>,
) -> Vec<(Collection, String, PathBuf, PathBuf)> {
    let base = root.join("content").join(collection.folder());
    if !base.is_dir() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for entry in WalkDir::new(&base).sort_by_file_name().into_iter() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| base.clone());
                problems.push(Diagnostic::error(path, format!("cannot read: {e}")));
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || entry.file_type().is_dir() {
            continue;
        }
        let relative = entry
            .path()
            .strip_prefix(root)
            .unwrap_or(entry.path())
            .to_path_buf();
        let shown_path = shown(root, &relative);
        // What the entry is, following a symlink (metadata never opens the file).
        let kind = if entry.path_is_symlink() {
            match std::fs::metadata(entry.path()) {
                Ok(m) => m.file_type(),
                Err(e) => {
                    problems.push(
                        Diagnostic::warning(
                            &shown_path,
                            format!("not read: the symlink leads nowhere ({e})"),
                        )
                        .hint("point the link at an existing file, or remove it"),
                    );
                    continue;
                }
            }
        } else {
            entry.file_type()
        };
        if kind.is_dir() {
            problems.push(
                Diagnostic::warning(&shown_path, "not read: a symlink to a folder")
                    .hint("recto reads the folders inside content/ itself; link the files, or move the folder here"),
            );
            continue;
        }
        if !kind.is_file() {
            problems.push(
                Diagnostic::warning(
                    &shown_path,
                    format!("not read: not a regular file ({})", what(&kind)),
                )
                .hint("content folders hold text files; remove it or move it elsewhere"),
            );
            continue;
        }
        let Some(id) = name.strip_suffix(".md").map(str::to_string) else {
            let stem_and_ending = name.rsplit_once('.');
            if let Some((stem, ending)) = stem_and_ending {
                if OTHER_MARKDOWN.contains(&ending.to_ascii_lowercase().as_str()) {
                    let suggestion = slugify(stem);
                    let stem = if suggestion.is_empty() {
                        stem
                    } else {
                        &suggestion
                    };
                    problems.push(
                        Diagnostic::warning(
                            &shown_path,
                            format!("not read: recto reads .md files; rename to {stem}.md"),
                        )
                        .hint(
                            "only files ending in .md (lowercase) are documents, persons or pages",
                        ),
                    );
                }
            }
            continue;
        };
        if !is_valid_id(&id) {
            let suggestion = slugify(&id);
            problems.push(
                Diagnostic::error(&shown_path, format!("the file name `{name}` is not a valid id"))
                    .hint(format!(
                        "ids are used in web addresses: lowercase letters, digits and single hyphens only; rename the file to `{}.md`",
                        if suggestion.is_empty() { "some-name".to_string() } else { suggestion }
                    )),
            );
            continue;
        }
        let reserved = match collection {
            Collection::Pages => RESERVED_PAGE_IDS.contains(&id.as_str()),
            // documents/index.html and persons/index.html are the lists.
            Collection::Documents | Collection::Persons => id == "index",
        };
        if reserved {
            problems.push(
                Diagnostic::error(
                    &shown_path,
                    format!("the id `{id}` is reserved for recto's own pages"),
                )
                .hint("rename the file"),
            );
            continue;
        }
        out.push((collection, id, entry.path().to_path_buf(), shown_path));
    }
    out
}

/// What a file that is neither a regular file nor a folder is.
fn what(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    let _ = kind;
    "a special file"
}

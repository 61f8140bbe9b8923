//! Watching the edition's sources: `content/` (documents, persons, pages, `edition.yaml`),
//! the edition's `templates/` and `static/`, and `themes/`.
//!
//! Only those folders are watched recursively; the edition root is watched on its own
//! (not recursively) so that a folder created later, such as a first `templates/`, is
//! noticed and added. Everything else in the root (`target/`, `public/`, `.git/`) is
//! neither watched nor reacted to, so a `cargo build` or a `recto build` beside the
//! preview does not trigger rebuilds. Events are debounced: an editor's save (often a
//! write, a rename and a chmod) becomes one batch. Access events (a file opened or read)
//! are ignored: the build itself reads every source, and reacting to that would rebuild
//! forever (this is why the debouncer that keeps event kinds is used).

use notify_debouncer_full::notify::{self, EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

/// The folders of an edition whose changes can change the site.
pub const WATCHED: &[&str] = &["content", "templates", "static", "themes"];

/// What the watcher tells the builder.
#[derive(Debug)]
pub enum Message {
    /// These files or folders changed (absolute paths, only relevant ones).
    Changed(Vec<PathBuf>),
    /// The file system watcher failed; rebuilding anyway is the safe answer.
    Error(String),
    /// The server is shutting down.
    Stop,
}

/// A running watcher; dropping it stops watching.
pub struct Watcher {
    root: PathBuf,
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    watched: BTreeSet<PathBuf>,
}

impl Watcher {
    /// Starts watching the edition at `root` (canonical), sending batches to `sink`.
    pub fn start(
        root: &Path,
        debounce: Duration,
        sink: Sender<Message>,
    ) -> Result<Watcher, notify::Error> {
        let filter_root = root.to_path_buf();
        let handler = move |result: DebounceEventResult| {
            let message = match result {
                Ok(events) => {
                    let mut paths: Vec<PathBuf> = events
                        .into_iter()
                        .filter(|e| !matches!(e.kind, EventKind::Access(_)))
                        .flat_map(|e| e.event.paths)
                        .filter(|p| is_relevant(&filter_root, p))
                        .collect();
                    if paths.is_empty() {
                        return;
                    }
                    paths.sort();
                    paths.dedup();
                    Message::Changed(paths)
                }
                Err(errors) => Message::Error(
                    errors
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
            };
            let _ = sink.send(message);
        };
        let debouncer = new_debouncer(debounce, None, handler)?;
        let mut watcher = Watcher {
            root: root.to_path_buf(),
            debouncer,
            watched: BTreeSet::new(),
        };
        watcher.debouncer.watch(root, RecursiveMode::NonRecursive)?;
        watcher.refresh(&[])?;
        Ok(watcher)
    }

    /// Watches the folders of [`WATCHED`] that exist now and were not watched yet, and
    /// forgets those that are gone. Called after every batch of `changed` paths: a watched
    /// folder that itself appears among them may have been replaced, so it is watched anew.
    pub fn refresh(&mut self, changed: &[PathBuf]) -> Result<(), notify::Error> {
        for path in changed {
            if path.parent() == Some(self.root.as_path()) && self.watched.remove(path) {
                let _ = self.debouncer.unwatch(path);
            }
        }
        for name in WATCHED {
            let folder = self.root.join(name);
            let exists = folder.is_dir();
            let known = self.watched.contains(&folder);
            if exists && !known {
                self.debouncer.watch(&folder, RecursiveMode::Recursive)?;
                self.watched.insert(folder);
            } else if !exists && known {
                let _ = self.debouncer.unwatch(&folder);
                self.watched.remove(&folder);
            }
        }
        Ok(())
    }
}

/// Whether a change at `path` can change the site: inside a watched folder, and not an
/// editor's scratch file (`.x.md.swp`, `x.md~`, `#x.md#`, vim's `4913` probe).
pub fn is_relevant(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy());
    let Some(first) = parts.next() else {
        return false;
    };
    if !WATCHED.contains(&first.as_ref()) {
        return false;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    !(name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_edition_sources_count() {
        let root = Path::new("/ed");
        for yes in [
            "/ed/content/documents/a.md",
            "/ed/content/edition.yaml",
            "/ed/content",
            "/ed/templates/base.html",
            "/ed/themes/default/static/style.css",
            "/ed/static/logo.png",
        ] {
            assert!(is_relevant(root, Path::new(yes)), "{yes}");
        }
        for no in [
            "/ed/public/index.html",
            "/ed/.public.building-12",
            "/ed/target/debug/recto",
            "/ed/README.md",
            "/ed",
            "/elsewhere/content/a.md",
            "/ed/content/documents/.a.md.swp",
            "/ed/content/documents/a.md~",
            "/ed/content/documents/#a.md#",
            "/ed/content/documents/4913",
        ] {
            assert!(!is_relevant(root, Path::new(no)), "{no}");
        }
    }
}

//! The builder: one thread that owns the incremental build session, rebuilds after each
//! batch of changes, and publishes the outcome to the open pages.
//!
//! Builds never overlap: changes that arrive during a build are merged into the next one.
//! A failed build leaves the preview's folder untouched (the session writes only after a
//! complete success), so the last good pages keep being served under the overlay.
//!
//! A panic in a rebuild (a bug of recto) must not end the thread, or the preview would
//! go on serving and silently ignore every later save. It is caught around each rebuild,
//! shown in the overlay and the terminal as an internal error with what to report, and
//! the session, which may have been left half-updated, is thrown away: the next save
//! rebuilds from scratch, and a clean build clears the overlay as any fix does.

use super::overlay;
use super::reload::Live;
use super::watcher::{Message, Watcher};
use crate::diagnostic::Diagnostic;
use crate::site::incremental::{Rebuild, Session};
use crate::site::BuildError;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::sync::Arc;

/// One rebuild of the preview's folder.
pub type Step = Box<dyn FnMut() -> Result<Rebuild, BuildError> + Send>;

/// Makes a fresh [`Step`], knowing nothing of earlier builds (after a panic).
pub type Fresh = Box<dyn FnMut() -> Step + Send>;

/// The preview's step: an incremental session building the edition at `root` into `out`.
pub fn session(root: &Path, out: &Path) -> Fresh {
    let (root, out) = (root.to_path_buf(), out.to_path_buf());
    Box::new(move || {
        let mut session = Session::new(&root, &out);
        Box::new(move || session.rebuild())
    })
}

pub struct Builder {
    fresh: Fresh,
    step: Step,
    /// The folder the step writes (for messages).
    out: PathBuf,
    live: Arc<Live>,
    /// The edition root as given (for messages) and canonical (to shorten event paths).
    root: PathBuf,
    quiet: bool,
    /// Warnings already printed, so an unrelated edit does not print them again.
    warnings: Vec<Diagnostic>,
}

impl Builder {
    /// A builder running the steps `fresh` makes (see [`session`]), which write into `out`.
    pub fn new(mut fresh: Fresh, out: &Path, live: Arc<Live>, root: &Path, quiet: bool) -> Builder {
        let step = fresh();
        Builder {
            fresh,
            step,
            out: out.to_path_buf(),
            live,
            root: root.to_path_buf(),
            quiet,
            warnings: Vec::new(),
        }
    }

    /// Builds once and publishes the outcome; `changed` says why (nothing: the first build).
    pub fn build(&mut self, changed: &[PathBuf]) {
        let cause = (!changed.is_empty()).then(|| self.describe(changed));
        let cause = cause.as_deref();
        let broken_before = self.live.status().is_broken();
        let step = &mut self.step;
        match panic::catch_unwind(AssertUnwindSafe(step)) {
            Ok(Ok(report)) => {
                self.report_success(&report, cause, broken_before);
                self.live.succeeded(report.changed());
            }
            Ok(Err(error)) => {
                let problems = match error {
                    BuildError::Content(problems) => problems,
                    BuildError::Output(e) => vec![Diagnostic::error(&self.out, e.to_string())
                        .hint("the preview could not write its pages; check free space and permissions of the temporary folder")],
                };
                self.report_failure(&problems, cause);
                self.live.failed(problems);
            }
            Err(payload) => {
                // Whatever the session held may be half-updated: start over.
                self.step = (self.fresh)();
                let saved = changed
                    .first()
                    .map(|p| p.strip_prefix(&self.root).unwrap_or(p).to_path_buf());
                let problem = overlay::internal_error(saved.as_deref(), &panic_message(&*payload));
                self.report_failure(std::slice::from_ref(&problem), cause);
                self.live.failed(vec![problem]);
            }
        }
    }

    /// Rebuilds after each batch of changes until told to stop.
    pub fn run(mut self, mut watcher: Watcher, inbox: Receiver<Message>) {
        while let Ok(first) = inbox.recv() {
            let mut changed = Vec::new();
            let mut stop = false;
            let mut note = |message: Message, changed: &mut Vec<PathBuf>| match message {
                Message::Changed(paths) => changed.extend(paths),
                Message::Error(e) => {
                    if !self.quiet {
                        eprintln!("watch: {e}; rebuilding to be safe");
                    }
                    changed.push(self.root.clone());
                }
                Message::Stop => stop = true,
            };
            note(first, &mut changed);
            // Merge whatever else arrived while the previous build ran.
            while let Ok(more) = inbox.try_recv() {
                note(more, &mut changed);
            }
            if stop {
                return;
            }
            changed.sort();
            changed.dedup();
            if let Err(e) = watcher.refresh(&changed) {
                if !self.quiet {
                    eprintln!("watch: {e}");
                }
            }
            self.build(&changed);
        }
    }

    /// "content/documents/a.md changed" or "3 files changed".
    fn describe(&self, changed: &[PathBuf]) -> String {
        match changed {
            [one] => format!(
                "{} changed",
                one.strip_prefix(&self.root).unwrap_or(one).display()
            ),
            many => format!("{} files changed", many.len()),
        }
    }

    fn report_success(&mut self, report: &Rebuild, cause: Option<&str>, broken_before: bool) {
        let warnings_changed = report.warnings != self.warnings;
        self.warnings = report.warnings.clone();
        if self.quiet {
            return;
        }
        if warnings_changed {
            for w in &report.warnings {
                eprintln!("{w}");
            }
        }
        let ms = report.elapsed.as_secs_f64() * 1000.0;
        match cause {
            None => eprintln!(
                "built {} documents, {} persons, {} pages in {ms:.0} ms",
                report.documents, report.persons, report.pages
            ),
            Some(cause) => {
                let fixed = if broken_before { "fixed; " } else { "" };
                let outcome = if report.changed() {
                    format!(
                        "{} text(s) and {} page(s) rendered, {} file(s) written, {} removed; reloading",
                        report.texts_rendered,
                        report.pages_rendered,
                        report.written.len(),
                        report.removed.len()
                    )
                } else {
                    "the site is unchanged".to_string()
                };
                eprintln!("{cause}: {fixed}rebuilt in {ms:.0} ms: {outcome}");
            }
        }
    }

    fn report_failure(&mut self, problems: &[Diagnostic], cause: Option<&str>) {
        // Printed even when quiet: a bug must never go unseen.
        let internal = problems.iter().any(overlay::is_internal);
        self.warnings.clear();
        if self.quiet && !internal {
            return;
        }
        if let Some(cause) = cause {
            eprintln!("{cause}:");
        }
        for p in problems {
            eprintln!("{p}");
        }
        if internal {
            eprintln!("rebuild failed on an internal error; the preview keeps the last good pages and rebuilds from scratch on the next save");
            return;
        }
        let errors = problems.iter().filter(|d| d.is_error()).count();
        eprintln!(
            "build failed: {errors} error(s); the preview keeps the last good pages and shows the problems over them"
        );
    }
}

/// The text a panic was raised with (`panic!("…")` gives a `&str` or a `String`).
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "(no message)".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn clean() -> Rebuild {
        Rebuild {
            documents: 1,
            persons: 0,
            pages: 1,
            texts_rendered: 1,
            pages_rendered: 1,
            written: vec!["index.html".into()],
            removed: Vec::new(),
            elapsed: std::time::Duration::ZERO,
            timings: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Steps whose first call (of the first step made) panics; every later call succeeds.
    fn panicking_once(made: Arc<AtomicUsize>) -> Fresh {
        Box::new(move || {
            let generation = made.fetch_add(1, Ordering::SeqCst);
            let mut calls = 0;
            Box::new(move || {
                calls += 1;
                if generation == 0 && calls == 1 {
                    panic!("index 7 out of range (injected)");
                }
                Ok(clean())
            })
        })
    }

    #[test]
    fn a_panic_is_an_internal_error_and_the_next_clean_build_clears_it() {
        let made = Arc::new(AtomicUsize::new(0));
        let live = Arc::new(Live::new());
        let root = Path::new("/edition");
        let mut builder = Builder::new(
            panicking_once(Arc::clone(&made)),
            Path::new("/preview"),
            Arc::clone(&live),
            root,
            true,
        );
        builder.build(&[root.join("content/documents/a.md")]);
        let status = live.status();
        assert!(status.is_broken());
        assert_eq!(status.problems.len(), 1);
        let problem = &status.problems[0];
        assert!(overlay::is_internal(problem), "{problem}");
        assert_eq!(problem.path, Path::new("content/documents/a.md"));
        assert!(
            problem.message.contains("index 7 out of range (injected)"),
            "{problem}"
        );
        let hint = problem.hint.as_deref().unwrap_or("");
        assert!(hint.contains("please report this at"), "{hint}");
        assert!(hint.contains("content/documents/a.md"), "{hint}");
        assert_eq!(made.load(Ordering::SeqCst), 2, "the session is made afresh");

        builder.build(&[root.join("content/documents/a.md")]);
        assert!(!live.status().is_broken());
        assert!(!live.status().build.is_empty());
        assert_eq!(
            made.load(Ordering::SeqCst),
            2,
            "a clean build keeps its session"
        );
    }

    #[test]
    fn panic_messages_are_read_from_either_payload() {
        let text = std::panic::catch_unwind(|| panic!("plain")).unwrap_err();
        assert_eq!(panic_message(&*text), "plain");
        let formatted = std::panic::catch_unwind(|| panic!("{} {}", "with", 2)).unwrap_err();
        assert_eq!(panic_message(&*formatted), "with 2");
    }
}

//! The builder: one thread that owns the incremental build session, rebuilds after each
//! batch of changes, and publishes the outcome to the open pages.
//!
//! Builds never overlap: changes that arrive during a build are merged into the next one.
//! A failed build leaves the preview's folder untouched (the session writes only after a
//! complete success), so the last good pages keep being served under the overlay.

use super::reload::Live;
use super::watcher::{Message, Watcher};
use crate::diagnostic::Diagnostic;
use crate::site::incremental::{Rebuild, Session};
use crate::site::BuildError;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::sync::Arc;

pub struct Builder {
    session: Session,
    live: Arc<Live>,
    /// The edition root as given (for messages) and canonical (to shorten event paths).
    root: PathBuf,
    quiet: bool,
    /// Warnings already printed, so an unrelated edit does not print them again.
    warnings: Vec<Diagnostic>,
}

impl Builder {
    pub fn new(session: Session, live: Arc<Live>, root: &Path, quiet: bool) -> Builder {
        Builder {
            session,
            live,
            root: root.to_path_buf(),
            quiet,
            warnings: Vec::new(),
        }
    }

    /// Builds once and publishes the outcome; `cause` says why, for the terminal.
    pub fn build(&mut self, cause: Option<&str>) {
        let broken_before = self.live.status().is_broken();
        match self.session.rebuild() {
            Ok(report) => {
                self.report_success(&report, cause, broken_before);
                self.live.succeeded(report.changed());
            }
            Err(error) => {
                let problems = match error {
                    BuildError::Content(problems) => problems,
                    BuildError::Output(e) => vec![Diagnostic::error(self.session.out(), e.to_string())
                        .hint("the preview could not write its pages; check free space and permissions of the temporary folder")],
                };
                self.report_failure(&problems, cause);
                self.live.failed(problems);
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
            let cause = self.describe(&changed);
            self.build(Some(&cause));
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
        self.warnings.clear();
        if self.quiet {
            return;
        }
        if let Some(cause) = cause {
            eprintln!("{cause}:");
        }
        for p in problems {
            eprintln!("{p}");
        }
        let errors = problems.iter().filter(|d| d.is_error()).count();
        eprintln!(
            "build failed: {errors} error(s); the preview keeps the last good pages and shows the problems over them"
        );
    }
}

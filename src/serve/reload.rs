//! Live reload: what the open pages are told, and the small script that listens.
//!
//! The state is one value in a `tokio::sync::watch` channel: which build the served pages
//! come from, and the problems of the edition if its last build failed. Every page is
//! served with a script that carries the build it was cut from and listens to
//! `/__recto/events` (server-sent events). Each event carries the current state; the
//! script reloads when the build differs from its own and otherwise shows or clears the
//! overlay. Because a new listener first receives the current state, a page that loaded
//! just before a rebuild still reloads: nothing is missed between fetch and subscribe.
//!
//! The script is added to pages only as they are served; `site::build` never writes it.

use super::overlay;
use crate::diagnostic::Diagnostic;
use serde::Serialize;
use std::sync::Arc;
use tokio::sync::watch;

/// The path of the events stream.
pub const EVENTS_PATH: &str = "/__recto/events";
/// The path of the reload script.
pub const SCRIPT_PATH: &str = "/__recto/live.js";
/// The path of the state as JSON (for tools and tests).
pub const STATUS_PATH: &str = "/__recto/status";

/// What the preview shows now.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    /// The build the served pages come from (unique to this server run), or `""` before
    /// the first successful build.
    pub build: String,
    /// How many builds succeeded and changed the site since the server started.
    pub version: u64,
    /// The problems of the last build when it failed; empty when the site is up to date.
    #[serde(serialize_with = "shared_list")]
    pub problems: Arc<Vec<Diagnostic>>,
}

fn shared_list<S: serde::Serializer>(list: &Arc<Vec<Diagnostic>>, s: S) -> Result<S::Ok, S::Error> {
    list.as_slice().serialize(s)
}

impl Status {
    /// Whether the last build failed.
    pub fn is_broken(&self) -> bool {
        !self.problems.is_empty()
    }
}

/// The message each event carries.
#[derive(Serialize)]
pub struct Message<'a> {
    pub build: &'a str,
    pub version: u64,
    pub errors: usize,
    /// The overlay to show, when the edition is broken.
    pub overlay: Option<String>,
}

impl Status {
    pub fn message(&self) -> Message<'_> {
        Message {
            build: &self.build,
            version: self.version,
            errors: self.problems.iter().filter(|d| d.is_error()).count(),
            overlay: self.is_broken().then(|| overlay::fragment(&self.problems)),
        }
    }
}

/// The state shared by the builder (who publishes) and the server (who tells pages).
pub struct Live {
    instance: String,
    state: watch::Sender<Status>,
}

impl Live {
    pub fn new() -> Live {
        // Distinguishes this server run from an earlier one on the same port, so a page
        // left open across a restart reloads instead of matching a reused number.
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let instance = format!("{:x}{:x}", std::process::id(), nanos & 0xffff_ffff_ffff);
        let (state, _) = watch::channel(Status {
            build: String::new(),
            version: 0,
            problems: Arc::new(Vec::new()),
        });
        Live { instance, state }
    }

    /// The current state.
    pub fn status(&self) -> Status {
        self.state.borrow().clone()
    }

    /// Listens to every change of state, starting with the current one.
    pub fn subscribe(&self) -> watch::Receiver<Status> {
        let mut receiver = self.state.subscribe();
        receiver.mark_changed();
        receiver
    }

    /// A build succeeded. When it changed the site (or was the first, or ends a failure),
    /// open pages are told; a save that changes nothing reloads nothing.
    pub fn succeeded(&self, changed: bool) {
        self.state.send_modify(|s| {
            if changed || s.build.is_empty() {
                s.version += 1;
                s.build = format!("{}-{}", self.instance, s.version);
            }
            s.problems = Arc::new(Vec::new());
        });
    }

    /// A build failed: the pages stay, the problems are shown over them.
    pub fn failed(&self, problems: Vec<Diagnostic>) {
        self.state.send_modify(|s| s.problems = Arc::new(problems));
    }
}

impl Default for Live {
    fn default() -> Self {
        Live::new()
    }
}

/// The tag added to served pages.
pub fn script_tag(build: &str) -> String {
    format!(
        "<script src=\"{SCRIPT_PATH}\" data-build=\"{}\"></script>",
        crate::render::escape::escape_html(build)
    )
}

/// `html` with the reload script (and the overlay, when the edition is broken) added at
/// the end of its body.
pub fn inject(html: &str, status: &Status) -> String {
    let mut extra = String::new();
    if status.is_broken() {
        extra.push_str(&overlay::fragment(&status.problems));
    }
    extra.push_str(&script_tag(&status.build));
    let at = find_body_end(html).unwrap_or(html.len());
    let mut out = String::with_capacity(html.len() + extra.len());
    out.push_str(&html[..at]);
    out.push_str(&extra);
    out.push_str(&html[at..]);
    out
}

/// Where the last `</body>` starts, whatever its case.
fn find_body_end(html: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    let needle = b"</body";
    (0..bytes.len().saturating_sub(needle.len() - 1))
        .rev()
        .find(|&i| bytes[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// The reload script: reload on a new build, show or clear the overlay otherwise.
/// EventSource reconnects by itself when the server restarts (a new server run has a new
/// build id, so the page reloads).
pub const SCRIPT: &str = r#"(function () {
  "use strict";
  var me = document.currentScript;
  var build = me ? me.getAttribute("data-build") : "";
  var events = null;
  if (!window.EventSource) return;
  function onState(e) {
    var state;
    try { state = JSON.parse(e.data); } catch (_) { return; }
    if (state.build !== build) { disconnect(); location.reload(); return; }
    var old = document.getElementById("recto-overlay");
    if (old) old.remove();
    if (state.overlay) document.body.insertAdjacentHTML("beforeend", state.overlay);
  }
  function connect() {
    if (events) return;
    events = new EventSource("/__recto/events");
    events.addEventListener("state", onState);
  }
  function disconnect() {
    if (events) { events.close(); events = null; }
  }
  // A hidden tab lets go of its connection (browsers allow few per server) and, when
  // shown again, reconnects and hears the current state: it reloads if it missed a build.
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) disconnect(); else connect();
  });
  window.addEventListener("pagehide", disconnect);
  if (!document.hidden) connect();
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_the_last_body_end() {
        let status = Status {
            build: "b-1".into(),
            version: 1,
            problems: Arc::new(Vec::new()),
        };
        let html = inject("<html><body><p>x</p></BODY></html>", &status);
        assert_eq!(
            html,
            "<html><body><p>x</p><script src=\"/__recto/live.js\" data-build=\"b-1\"></script></BODY></html>"
        );
        assert!(inject("<p>no body</p>", &status).ends_with("</script>"));
        assert!(inject("", &status).starts_with("<script"));
    }

    #[test]
    fn a_save_that_changes_nothing_keeps_the_build() {
        let live = Live::new();
        live.succeeded(true);
        let first = live.status().build;
        live.failed(vec![Diagnostic::error("content/x.md", "bad")]);
        assert!(live.status().is_broken());
        assert_eq!(live.status().build, first);
        live.succeeded(false);
        assert!(!live.status().is_broken());
        assert_eq!(live.status().build, first);
        live.succeeded(true);
        assert_ne!(live.status().build, first);
    }
}

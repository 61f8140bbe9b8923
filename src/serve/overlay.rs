//! The error overlay: the problems of a broken edition, shown over the last good page.
//!
//! It is rendered here, on the server, from the same diagnostics the terminal prints, so
//! the page and the terminal always agree; the reload script only swaps it in and out. Every
//! piece of text is escaped: messages quote the editor's own (possibly broken) input. The
//! styles are inline and scoped to `#recto-overlay`, so no theme can hide it or be disturbed
//! by it, and a close button lets the editor read the page underneath.

use crate::diagnostic::{Diagnostic, Severity};
use crate::render::escape::escape_html;
use std::path::Path;

/// The element id the reload script looks for.
pub const ID: &str = "recto-overlay";

/// How the message of a bug of recto (a panic in a rebuild) begins.
const INTERNAL: &str = "internal error: ";

/// Where to report a bug of recto.
fn report_to() -> String {
    match env!("CARGO_PKG_REPOSITORY") {
        "" => "recto's issue tracker".to_string(),
        repository => format!("{}/issues", repository.trim_end_matches('/')),
    }
}

/// The problem shown when a rebuild panicked: not the edition's fault, so it says what to
/// report instead of what to fix. `saved` is the file whose save started the rebuild.
pub fn internal_error(saved: Option<&Path>, panic: &str) -> Diagnostic {
    let path = saved.unwrap_or(Path::new("recto"));
    let file = match saved {
        Some(saved) => format!(" with the file that was saved ({})", saved.display()),
        None => " with the edition's files".to_string(),
    };
    Diagnostic::error(path, format!("{INTERNAL}recto crashed while rebuilding the preview: {panic}"))
        .hint(format!(
            "this is a bug in recto, not a mistake in the edition: please report this at {}{file} \
             and this message. The preview keeps serving the last good pages; the next save rebuilds \
             from scratch",
            report_to()
        ))
}

/// Whether a problem is a bug of recto (see [`internal_error`]).
pub fn is_internal(d: &Diagnostic) -> bool {
    d.is_error() && d.message.starts_with(INTERNAL)
}

const STYLE: &str = "<style>\
#recto-overlay,#recto-overlay *{all:revert;box-sizing:border-box}\
#recto-overlay{position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(24,24,27,.96);\
color:#f4f4f5;font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;padding:2rem;text-align:left}\
#recto-overlay .recto-box{max-width:60rem;margin:0 auto}\
#recto-overlay h2{font:600 1.25rem/1.3 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0 0 .4rem;color:#fca5a5}\
#recto-overlay p{margin:.2rem 0 1rem;color:#d4d4d8}\
#recto-overlay ol{list-style:none;padding:0;margin:0}\
#recto-overlay li{border-left:4px solid #f87171;background:#27272a;padding:.6rem .9rem;margin:0 0 .7rem}\
#recto-overlay li.recto-warning{border-color:#fbbf24}\
#recto-overlay code{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace;color:#93c5fd;overflow-wrap:anywhere}\
#recto-overlay .recto-message{white-space:pre-wrap;margin:.3rem 0 0;font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,monospace;color:#fafafa}\
#recto-overlay .recto-hint{color:#a7f3d0;margin:.3rem 0 0}\
#recto-overlay button{float:right;font:14px system-ui,sans-serif;background:#3f3f46;color:#fff;border:0;border-radius:3px;padding:.35rem .9rem;cursor:pointer}\
#recto-overlay button:focus-visible{outline:2px solid #93c5fd;outline-offset:2px}\
</style>";

/// The overlay element listing `problems` (errors first, then warnings).
pub fn fragment(problems: &[Diagnostic]) -> String {
    let errors = problems.iter().filter(|d| d.is_error()).count();
    let mut html = String::with_capacity(1024 + problems.len() * 256);
    html.push_str(&format!(
        "<div id=\"{ID}\" role=\"alert\" aria-live=\"assertive\">{STYLE}<div class=\"recto-box\">"
    ));
    html.push_str(
        "<button type=\"button\" onclick=\"this.closest('#recto-overlay').remove()\">Close</button>",
    );
    if problems.iter().any(is_internal) {
        html.push_str(
            "<h2>recto had an internal error</h2><p>This is a bug in recto, not in the edition. \
             The preview keeps showing the last good pages; save again to rebuild.</p><ol>",
        );
    } else {
        html.push_str(&format!(
            "<h2>The edition has {errors} {}</h2>",
            if errors == 1 { "error" } else { "errors" }
        ));
        html.push_str(
            "<p>The preview keeps showing the last good pages. \
             Fix the files below and save: this page reloads by itself.</p><ol>",
        );
    }
    let mut ordered: Vec<&Diagnostic> = problems.iter().collect();
    ordered.sort_by_key(|d| d.severity != Severity::Error);
    for d in ordered {
        let class = if d.is_error() {
            "recto-error"
        } else {
            "recto-warning"
        };
        let label = if is_internal(d) {
            "internal error"
        } else if d.is_error() {
            "error"
        } else {
            "warning"
        };
        html.push_str(&format!("<li class=\"{class}\"><code>{}", location(d)));
        html.push_str(&format!("</code> {label}<div class=\"recto-message\">"));
        html.push_str(&escape_html(&d.message));
        html.push_str("</div>");
        if let Some(hint) = &d.hint {
            html.push_str("<p class=\"recto-hint\">hint: ");
            html.push_str(&escape_html(hint));
            html.push_str("</p>");
        }
        html.push_str("</li>");
    }
    html.push_str("</ol></div></div>");
    html
}

/// `path:line:column`, escaped.
fn location(d: &Diagnostic) -> String {
    let mut at = d.path.display().to_string();
    if let Some(line) = d.line {
        at.push_str(&format!(":{line}"));
        if let Some(column) = d.column {
            at.push_str(&format!(":{column}"));
        }
    }
    escape_html(&at)
}

/// A whole page for when the edition has never built since the server started: there
/// are no good pages to keep showing yet.
pub fn page(problems: &[Diagnostic], script: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>recto: the edition does not build</title></head><body>{}{script}</body></html>\n",
        fragment(problems)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_problems_with_their_place_and_escapes_them() {
        let problems = vec![
            Diagnostic::warning("content/persons/a.md", "odd alias"),
            Diagnostic::error("content/documents/x.md", "date \"<b>1957-13\" is invalid")
                .at(3, 7)
                .hint("use YYYY-MM"),
        ];
        let html = fragment(&problems);
        assert!(html.contains("The edition has 1 error<"));
        assert!(html.contains("content/documents/x.md:3:7"));
        assert!(html.contains("&lt;b&gt;1957-13"));
        assert!(!html.contains("<b>1957"));
        let error = html.find("x.md:3:7").unwrap();
        let warning = html.find("persons/a.md").unwrap();
        assert!(error < warning, "errors come first");
        assert!(!html.contains("internal error"));
    }

    #[test]
    fn an_internal_error_says_what_to_report() {
        let problem = internal_error(
            Some(Path::new("content/documents/a.md")),
            "index <out of range>",
        );
        assert!(is_internal(&problem));
        let html = fragment(&[problem]);
        assert!(html.contains("recto had an internal error"), "{html}");
        assert!(html.contains("index &lt;out of range&gt;"), "{html}");
        assert!(html.contains("please report this at"), "{html}");
        assert!(
            html.contains("with the file that was saved (content/documents/a.md)"),
            "{html}"
        );
        assert!(!html.contains("The edition has"), "{html}");
    }
}

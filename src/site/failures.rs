//! Template runtime errors, one report per template and line instead of one per page.
//!
//! A mistake in a template breaks every page rendered with it alike: 33 copies of the same
//! message for a 33-person register hide the one thing to fix. Failures are grouped by the
//! template file and line tera blames (which may be a parent or an included template, not
//! the page's own), and each group says how many pages it broke, with one of them.

use crate::diagnostic::Diagnostic;
use crate::render::templates::{full_message, THEME_DOCS};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// One page that failed to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageFailure {
    /// The template tera blames, by name ("base.html"); the page's own when tera names none.
    pub template: String,
    /// 1-based line and column in that template, when tera gives them.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The page's site path ("persons/kim-il-sung.html").
    pub page: String,
    /// What went wrong, without tera's source excerpt.
    pub message: String,
}

impl PageFailure {
    /// The failure of rendering `page` with `template`.
    pub fn new(template: &str, page: &str, error: &tera::Error) -> PageFailure {
        match error.kind() {
            tera::ErrorKind::RenderingError(report) | tera::ErrorKind::SyntaxError(report) => {
                let blamed = report.filename();
                PageFailure {
                    template: if blamed.is_empty() { template } else { blamed }.to_string(),
                    line: Some(report.span().start_line),
                    column: Some(report.span().start_col + 1),
                    page: page.to_string(),
                    message: report.message().to_string(),
                }
            }
            _ => PageFailure {
                template: template.to_string(),
                line: None,
                column: None,
                page: page.to_string(),
                message: full_message(error),
            },
        }
    }
}

/// One error per template and line, with the count of pages it broke, in order of file and
/// line. Paths are `templates/NAME`, where an edition's override lives.
pub fn group(failures: Vec<PageFailure>) -> Vec<Diagnostic> {
    group_at(failures, |name| PathBuf::from(format!("templates/{name}")))
}

/// [`group`], with the file of each template given by `origin` (from its name).
pub fn group_at(failures: Vec<PageFailure>, origin: impl Fn(&str) -> PathBuf) -> Vec<Diagnostic> {
    // Key: template, line; value: the failure shown (of the first page by path, so the
    // report is the same whatever order parallel rendering gave) and the count.
    let mut groups: BTreeMap<(String, Option<usize>), (PageFailure, usize)> = BTreeMap::new();
    for failure in failures {
        let group = groups
            .entry((failure.template.clone(), failure.line))
            .or_insert_with(|| (failure.clone(), 0));
        group.1 += 1;
        if failure.page < group.0.page {
            group.0 = failure;
        }
    }
    groups
        .into_values()
        .map(|(first, count)| {
            let pages = if count == 1 {
                format!("in {}", first.page)
            } else {
                format!("in {count} pages, e.g. {}", first.page)
            };
            let mut d = Diagnostic::error(
                origin(&first.template),
                format!("template error: {} ({pages})", first.message),
            )
            .hint(format!(
                "the variables each template receives are listed in {THEME_DOCS}; \
                 a value that some pages lack needs `{{% if … %}}` or `| default(value=…)`"
            ));
            d.line = first.line;
            d.column = first.column;
            d
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(template: &str, line: usize, page: &str, message: &str) -> PageFailure {
        PageFailure {
            template: template.into(),
            line: Some(line),
            column: Some(4),
            page: page.into(),
            message: message.into(),
        }
    }

    #[test]
    fn one_error_per_template_and_line_with_the_count() {
        let mut failures: Vec<PageFailure> = ["b", "a", "c"]
            .iter()
            .map(|id| {
                failure(
                    "person.html",
                    12,
                    &format!("persons/{id}.html"),
                    "Variable `person.nmae` not found",
                )
            })
            .collect();
        failures.push(failure(
            "base.html",
            3,
            "index.html",
            "Variable `site.titel` not found",
        ));
        failures.push(failure("person.html", 20, "persons/b.html", "Invalid type"));
        let found: Vec<String> = group(failures).iter().map(|d| d.to_string()).collect();
        assert_eq!(found.len(), 3, "{found:#?}");
        assert!(found[0].starts_with("templates/base.html:3:4: error: template error: Variable `site.titel` not found (in index.html)"), "{found:#?}");
        assert!(
            found[1].starts_with(
                "templates/person.html:12:4: error: template error: Variable `person.nmae` not found (in 3 pages, e.g. persons/a.html)"
            ),
            "{found:#?}"
        );
        assert!(
            found[2].starts_with("templates/person.html:20:4:"),
            "{found:#?}"
        );
        assert!(found.iter().all(|f| f.contains("Themes and templates")));
        assert!(!found.iter().any(|f| f.contains("views.rs")));
    }

    #[test]
    fn tera_errors_name_the_template_and_line_they_blame() {
        let mut tera = tera::Tera::new();
        tera.add_raw_templates([
            (
                "base.html",
                "<p>\n{{ site.titel }}\n{% block content %}{% endblock content %}</p>",
            ),
            (
                "page.html",
                "{% extends \"base.html\" %}{% block content %}x{% endblock content %}",
            ),
        ])
        .unwrap();
        let mut context = tera::Context::new();
        context.insert("site", &serde_json::json!({"title": "T"}));
        let error = tera.render("page.html", &context).unwrap_err();
        let failure = PageFailure::new("page.html", "about.html", &error);
        assert_eq!(failure.template, "base.html");
        assert_eq!(failure.line, Some(2));
        assert!(failure.message.contains("`titel`"), "{failure:?}");
        assert!(!failure.message.contains('\n'), "{failure:?}");
    }
}

//! The template engine: tera with the theme's templates, where an edition's own
//! templates override any theme template of the same file name.
//!
//! When the set does not compile, every broken template is reported at once, each at its
//! own file and line: tera stops at the first error of a set, so the templates are parsed
//! one by one first (syntax), then the ones that parse are compiled together again and
//! again, setting aside each one tera blames (inheritance, includes, unknown filters).

use crate::diagnostic::Diagnostic;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use tera::ErrorKind;

/// A template's text and where it came from (for messages).
#[derive(Debug, Clone)]
pub struct TemplateSource {
    pub name: String,
    pub text: String,
    pub origin: PathBuf,
}

/// Where to read about templates, for hints.
pub const THEME_DOCS: &str = "README.md, section \"Themes and templates\"";

/// Builds the engine from theme templates and the edition's overrides (later wins).
pub fn engine(layers: &[Vec<TemplateSource>]) -> Result<tera::Tera, Vec<Diagnostic>> {
    let chosen = choose(layers);
    compile(chosen.values().copied()).map_err(|_| diagnose(&chosen))
}

/// The template that wins for each name: the last layer that has it.
pub fn choose(layers: &[Vec<TemplateSource>]) -> BTreeMap<String, &TemplateSource> {
    let mut chosen: BTreeMap<String, &TemplateSource> = BTreeMap::new();
    for layer in layers {
        for template in layer {
            chosen.insert(template.name.clone(), template);
        }
    }
    chosen
}

fn compile<'a>(
    templates: impl Iterator<Item = &'a TemplateSource>,
) -> Result<tera::Tera, tera::Error> {
    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html", ".xml", ".svg"]);
    tera.add_raw_templates(templates.map(|t| (t.name.as_str(), t.text.as_str())))?;
    Ok(tera)
}

/// Every problem of a set of templates that does not compile.
fn diagnose(chosen: &BTreeMap<String, &TemplateSource>) -> Vec<Diagnostic> {
    let origin = |name: &str| {
        chosen
            .get(name)
            .map(|t| t.origin.clone())
            .unwrap_or_else(|| PathBuf::from(format!("templates/{name}")))
    };
    let mut problems = Vec::new();
    // Set aside: broken templates, whose dependants are not blamed for them.
    let mut broken: BTreeSet<String> = BTreeSet::new();
    for template in chosen.values() {
        if let Err(e) = compile(std::iter::once(*template)) {
            if let ErrorKind::SyntaxError(report) = e.kind() {
                problems.push(located(
                    &origin(&template.name),
                    report.message(),
                    report.span(),
                ));
                broken.insert(template.name.clone());
            }
        }
    }
    // Each round sets one more template aside, so this ends after at most one round each.
    for _ in 0..=chosen.len() {
        let remaining = chosen
            .values()
            .copied()
            .filter(|t| !broken.contains(&t.name));
        let Err(e) = compile(remaining) else {
            break;
        };
        let blamed = match e.kind() {
            ErrorKind::MissingParent { current, parent } => {
                if !broken.contains(parent) {
                    problems.push(
                        Diagnostic::error(
                            origin(current),
                            format!("template error: it extends \"{parent}\", which neither the theme nor the edition has"),
                        )
                        .at_line(chosen.get(current).and_then(|t| line_of(&t.text, "extends")))
                        .hint("use the file name of a template of the theme (base.html) or add that file to templates/"),
                    );
                }
                current.clone()
            }
            ErrorKind::CircularExtend {
                tpl,
                inheritance_chain,
            } => {
                problems.push(Diagnostic::error(
                    origin(tpl),
                    format!(
                        "template error: it extends itself through {}",
                        inheritance_chain.join(" → ")
                    ),
                ));
                tpl.clone()
            }
            ErrorKind::CircularInclude { tpl, include_chain } => {
                problems.push(Diagnostic::error(
                    origin(tpl),
                    format!(
                        "template error: it includes itself through {}",
                        include_chain.join(" → ")
                    ),
                ));
                tpl.clone()
            }
            ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
                problems.push(located(
                    &origin(report.filename()),
                    report.message(),
                    report.span(),
                ));
                report.filename().to_string()
            }
            _ => {
                // Tera joins the reports of every unknown filter, test, function, include
                // or block into one message: split it back into one problem each.
                let text = e.to_string();
                let reports = split_reports(&text);
                if reports.is_empty() {
                    problems.push(
                        Diagnostic::error(
                            "templates",
                            format!("template error: {}", full_message(&e)),
                        )
                        .hint(hint()),
                    );
                }
                for (name, line, column, message) in reports {
                    let cascade = message
                        .strip_prefix("Unknown template `")
                        .and_then(|m| m.strip_suffix('`'))
                        .is_some_and(|m| broken.contains(m));
                    if !cascade {
                        problems.push(
                            Diagnostic::error(origin(&name), format!("template error: {message}"))
                                .at(line, column)
                                .hint(hint()),
                        );
                    }
                }
                break;
            }
        };
        if !broken.insert(blamed) {
            break;
        }
    }
    if problems.is_empty() {
        // Cannot happen (the set failed, so something is to blame), but never say nothing.
        if let Err(e) = compile(chosen.values().copied()) {
            problems.push(Diagnostic::error(
                "templates",
                format!("template error: {}", full_message(&e)),
            ));
        }
    }
    crate::diagnostic::sort(&mut problems);
    problems
}

/// The 1-based line where `needle` first occurs.
fn line_of(text: &str, needle: &str) -> Option<usize> {
    let at = text.find(needle)?;
    Some(text[..at].matches('\n').count() + 1)
}

fn hint() -> String {
    format!("fix the template (tera 2 syntax; see {THEME_DOCS}); the edition's templates/ folder overrides the theme by file name")
}

/// A problem at a place of a template (tera's columns are 0-based).
fn located(path: &std::path::Path, message: &str, span: &tera::Span) -> Diagnostic {
    Diagnostic::error(path, format!("template error: {message}"))
        .at(span.start_line, span.start_col + 1)
        .hint(hint())
}

/// The (template, line, column, message) of each report in a text of tera reports:
/// each begins with `error: message` and has a ` --> name:line:column` line.
fn split_reports(text: &str) -> Vec<(String, usize, usize, String)> {
    let mut out = Vec::new();
    let mut message: Option<&str> = None;
    for line in text.lines() {
        if let Some(m) = line.strip_prefix("error: ") {
            message = Some(m);
        } else if let Some(place) = line.trim_start().strip_prefix("--> ") {
            let mut parts = place.rsplitn(3, ':');
            let column = parts.next().and_then(|c| c.parse().ok());
            let row = parts.next().and_then(|l| l.parse().ok());
            if let (Some(m), Some(column), Some(row), Some(name)) =
                (message.take(), column, row, parts.next())
            {
                out.push((name.to_string(), row, column, m.to_string()));
            }
        }
    }
    out
}

/// A tera error with its causes, on one line each.
pub fn full_message(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        source = cause.source();
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(name: &str, text: &str) -> TemplateSource {
        TemplateSource {
            name: name.into(),
            text: text.into(),
            origin: PathBuf::from(format!("templates/{name}")),
        }
    }

    fn problems(templates: &[(&str, &str)]) -> Vec<String> {
        let layer = templates.iter().map(|(n, t)| source(n, t)).collect();
        match engine(&[layer]) {
            Ok(_) => panic!("the templates compiled"),
            Err(problems) => problems.iter().map(|p| p.to_string()).collect(),
        }
    }

    #[test]
    fn a_good_set_compiles() {
        let layer = vec![
            source(
                "base.html",
                "<p>{% block content %}{% endblock content %}</p>",
            ),
            source(
                "page.html",
                "{% extends \"base.html\" %}{% block content %}{{ x }}{% endblock content %}",
            ),
        ];
        assert!(engine(&[layer]).is_ok());
    }

    #[test]
    fn every_broken_template_is_reported_at_its_line() {
        let found = problems(&[
            (
                "base.html",
                "<p>{% block content %}{% endblock content %}</p>",
            ),
            ("a.html", "line one\n{{ x \n"),
            ("b.html", "ok\nok\n{% if %}\n"),
            ("c.html", "{{ x | no_such_filter }}"),
            ("d.html", "{% extends \"missing.html\" %}"),
            ("fine.html", "{% extends \"base.html\" %}"),
        ]);
        assert_eq!(found.len(), 4, "{found:#?}");
        assert!(found[0].starts_with("templates/a.html:2:"), "{found:#?}");
        assert!(found[1].starts_with("templates/b.html:3:"), "{found:#?}");
        assert!(
            found.iter().any(|p| p.starts_with("templates/c.html:1:")
                && p.contains("Unknown filter `no_such_filter`")),
            "{found:#?}"
        );
        assert!(
            found
                .iter()
                .any(|p| p.starts_with("templates/d.html:1:") && p.contains("\"missing.html\"")),
            "{found:#?}"
        );
        assert!(!found.iter().any(|p| p.contains("fine.html")), "{found:#?}");
    }

    #[test]
    fn a_child_of_a_broken_parent_is_not_blamed() {
        let found = problems(&[
            ("base.html", "<p>{% block content %}\n{% endblok %}</p>"),
            (
                "page.html",
                "{% extends \"base.html\" %}{% block content %}{% endblock content %}",
            ),
        ]);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].starts_with("templates/base.html:2:"), "{found:#?}");
    }
}

//! The template engine: tera with the theme's templates, where an edition's own
//! templates override any theme template of the same file name.

use crate::diagnostic::Diagnostic;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// A template's text and where it came from (for messages).
#[derive(Debug, Clone)]
pub struct TemplateSource {
    pub name: String,
    pub text: String,
    pub origin: PathBuf,
}

/// Builds the engine from theme templates and the edition's overrides (later wins).
pub fn engine(layers: &[Vec<TemplateSource>]) -> Result<tera::Tera, Vec<Diagnostic>> {
    let mut chosen: BTreeMap<String, &TemplateSource> = BTreeMap::new();
    for layer in layers {
        for template in layer {
            chosen.insert(template.name.clone(), template);
        }
    }
    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html", ".xml", ".svg"]);
    let result =
        tera.add_raw_templates(chosen.values().map(|t| (t.name.as_str(), t.text.as_str())));
    match result {
        Ok(()) => Ok(tera),
        Err(e) => {
            // Find which template the error is about, to name its file.
            let message = full_message(&e);
            let origin = chosen
                .values()
                .find(|t| message.contains(&t.name))
                .map(|t| t.origin.clone())
                .unwrap_or_else(|| PathBuf::from("templates"));
            Err(vec![Diagnostic::error(origin, format!("template error: {message}"))
                .hint("fix the template syntax (tera 2); the edition's templates/ folder overrides the theme by file name")])
        }
    }
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

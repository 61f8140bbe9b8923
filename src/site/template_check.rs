//! `recto check`'s template pass: what would stop `build` in the templates stops `check`.
//!
//! The theme and the edition's overrides are compiled (every syntax error at once, see
//! `render::templates`), then every page of the plan is rendered against its real
//! context and thrown away, so an unknown variable, a wrong type or a missing value fails
//! here exactly where it would fail the build, grouped per template and line.

use super::failures::{self, PageFailure};
use super::pages::{self, Texts};
use super::relations::Relations;
use super::theme;
use crate::diagnostic::Diagnostic;
use crate::model::Edition;
use crate::render::templates;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// The problems of the edition's templates (the theme's and its overrides).
pub fn check(
    root: &Path,
    edition: &Edition,
    texts: &Texts,
    relations: &Relations,
) -> Vec<Diagnostic> {
    let theme = match theme::load(root) {
        Ok(theme) => theme,
        Err(problems) => return problems,
    };
    let engine = match templates::engine(&theme.templates) {
        Ok(engine) => engine,
        Err(problems) => return problems,
    };
    let chosen = templates::choose(&theme.templates);
    let findings = super::findings_of(edition, texts);
    let planned = pages::plan_all(edition, texts, &findings, relations);
    let failed: Vec<PageFailure> = planned
        .par_iter()
        .filter_map(|page| super::render_page(&engine, page).err())
        .collect();
    failures::group_at(failed, |name| {
        chosen
            .get(name)
            .map(|t| t.origin.clone())
            .unwrap_or_else(|| PathBuf::from(format!("templates/{name}")))
    })
}

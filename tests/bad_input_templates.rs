//! Broken templates: every broken override is reported at once, at its file and line;
//! `check` fails exactly where `build` would; a runtime error is reported once per template
//! and line with the count of pages it broke, and points to the theme documentation.

mod common;
use common::*;
use std::process::Command;

/// Three persons, two with a birth date, so a template can break on some pages only.
const REGISTER: &str = r#"
-- content/edition.yaml --
title: Template Edition
-- content/documents/letter-1957.md --
---
title: A Letter
date: 1957-12-17
---
Kim Il Sung writes to Mao Zedong and Aleksandr Puzanov.
-- content/persons/kim-il-sung.md --
---
name: Kim Il Sung
born: 1912-04-15
---
-- content/persons/mao-zedong.md --
---
name: Mao Zedong
born: 1893-12-26
---
-- content/persons/puzanov.md --
---
name: Aleksandr Puzanov
---
"#;

fn with(templates: &str) -> tempfile::TempDir {
    edition(&format!("{REGISTER}{templates}"))
}

fn check_problems(root: &std::path::Path) -> Vec<String> {
    match recto::check::check(root) {
        Ok(report) => panic!(
            "check passed ({} problems): {:?}",
            report.problems.len(),
            report.problems
        ),
        Err(problems) => problems.iter().map(|p| p.to_string()).collect(),
    }
}

/// Runs the binary; its exit code and what it printed on stderr.
fn run(args: &[&str], root: &std::path::Path) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_recto"))
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .expect("recto runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn starting_with<'a>(problems: &'a [String], prefix: &str) -> Vec<&'a String> {
    problems.iter().filter(|p| p.starts_with(prefix)).collect()
}

const TWO_BROKEN: &str = r#"
-- templates/person.html --
{% extends "base.html" %}
{% block content %}
<h1>{{ person.person.name }</h1>
{% endblock content %}
-- templates/index.html --
{% extends "base.html" %}
{% block content %}
<p>intro</p>
{% if %}
{% endblock content %}
"#;

#[test]
fn every_broken_override_is_reported_at_once_by_build_and_check() {
    let dir = with(TWO_BROKEN);
    for problems in [build_problems(dir.path()), check_problems(dir.path())] {
        assert_eq!(
            starting_with(&problems, "templates/person.html:3:").len(),
            1,
            "{problems:#?}"
        );
        assert_eq!(
            starting_with(&problems, "templates/index.html:4:").len(),
            1,
            "{problems:#?}"
        );
        assert!(
            problems.iter().all(|p| p.contains("template error")),
            "{problems:#?}"
        );
    }
    for command in ["build", "check"] {
        let (code, stderr) = run(&[command], dir.path());
        assert_eq!(code, 1, "{command}: {stderr}");
        assert!(
            stderr.contains("templates/person.html:3:"),
            "{command}: {stderr}"
        );
        assert!(
            stderr.contains("templates/index.html:4:"),
            "{command}: {stderr}"
        );
    }
}

const MISSPELT: &str = r#"
-- templates/person.html --
{% extends "base.html" %}
{% block content %}
<h1>{{ person.person.name }}</h1>
<p>{{ person.person.nmae }}</p>
{% endblock content %}
"#;

#[test]
fn an_unknown_variable_fails_check_and_is_reported_once_with_the_count() {
    let dir = with(MISSPELT);
    let problems = check_problems(dir.path());
    let found = starting_with(&problems, "templates/person.html:4:");
    assert_eq!(found.len(), 1, "{problems:#?}");
    assert!(found[0].contains("nmae"), "{found:?}");
    assert!(found[0].contains("(in 3 pages, e.g. persons/"), "{found:?}");
    assert!(found[0].contains("Themes and templates"), "{found:?}");
    assert!(!found[0].contains("views.rs"), "{found:?}");

    let built = build_problems(dir.path());
    assert_eq!(built, problems, "build and check report alike");

    let (code, stderr) = run(&["build"], dir.path());
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        stderr.matches("nmae").count(),
        1,
        "once, not per page: {stderr}"
    );
    let (code, stderr) = run(&["check"], dir.path());
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("templates/person.html:4:"), "{stderr}");
}

#[test]
fn a_value_only_some_pages_lack_is_found_on_those_pages() {
    // Fine for the two persons with a birth date; breaks Puzanov's page only.
    let dir = with(
        r#"
-- templates/person.html --
{% extends "base.html" %}
{% block content %}
<h1>{{ person.person.name }}</h1>
<p>born {{ person.born.words }}</p>
{% endblock content %}
"#,
    );
    let problems = check_problems(dir.path());
    let found = starting_with(&problems, "templates/person.html:4:");
    assert_eq!(found.len(), 1, "{problems:#?}");
    assert!(found[0].contains("(in persons/puzanov.html)"), "{found:?}");
}

#[test]
fn an_error_in_a_parent_template_is_reported_in_the_parent() {
    let dir = with(
        r#"
-- templates/base.html --
<!DOCTYPE html>
<title>{{ site.titel }}</title>{% block head %}{% endblock head %}
{% block content %}{% endblock content %}{% block scripts %}{% endblock scripts %}
"#,
    );
    let problems = check_problems(dir.path());
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].starts_with("templates/base.html:2:"),
        "{problems:#?}"
    );
    assert!(problems[0].contains("titel"), "{problems:#?}");
}

#[test]
fn a_parent_override_without_a_block_the_theme_fills_is_reported() {
    let dir = with(
        r#"
-- templates/base.html --
<!DOCTYPE html>
{% block head %}{% endblock head %}{% block content %}{% endblock content %}
"#,
    );
    let problems = check_problems(dir.path());
    assert!(!problems.is_empty());
    assert!(
        problems
            .iter()
            .all(|p| p.contains("Block `scripts` is not defined in any parent template")),
        "{problems:#?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("themes/default/templates/persons.html (built in):")),
        "{problems:#?}"
    );
}

#[test]
fn the_default_theme_passes_check() {
    let dir = with("");
    let report = recto::check::check(dir.path()).expect("the default theme checks");
    assert!(
        !report
            .problems
            .iter()
            .any(|p| p.message.contains("template")),
        "{:?}",
        report.problems
    );
}

//! Every kind of bad input gives a message for people: file, line, what is wrong, what to do.

mod common;
use common::*;

fn problems_for(spec: &str) -> Vec<String> {
    let dir = edition(spec);
    build_problems(dir.path())
}

fn one_document(front_matter: &str, body: &str) -> String {
    format!("-- content/edition.yaml --\ntitle: T\n-- content/documents/doc.md --\n---\n{front_matter}\n---\n{body}\n")
}

fn assert_has(problems: &[String], needles: &[&str]) {
    assert!(
        problems
            .iter()
            .any(|p| needles.iter().all(|n| p.contains(n))),
        "no problem containing {needles:?} in:\n{}",
        problems.join("\n")
    );
}

#[test]
fn broken_yaml_names_its_line() {
    let problems = problems_for(&one_document(
        "title: A\ndate: 1957\npersons: [a, b\nkind: letter",
        "Text",
    ));
    assert_has(&problems, &["content/documents/doc.md:", "invalid YAML"]);
    let line: usize = problems[0].split(':').nth(1).unwrap().parse().unwrap();
    assert!((4..=6).contains(&line), "line {line} in {problems:?}");
}

#[test]
fn invalid_date_is_explained() {
    let problems = problems_for(&one_document("title: A\ndate: 1957-13-01", "Text"));
    assert_has(
        &problems,
        &[
            "content/documents/doc.md:3:7",
            "date \"1957-13-01\" is not a valid date (month 13)",
            "YYYY-MM-DD",
        ],
    );
}

#[test]
fn unknown_person_id_is_reported_with_a_suggestion() {
    let spec = format!(
        "{}-- content/persons/kim-il-sung.md --\n---\nname: Kim Il Sung\n---\n",
        one_document("title: A\ndate: 1957\npersons: [kim-il-sun]", "Text")
    );
    let problems = problems_for(&spec);
    assert_has(
        &problems,
        &[
            "content/documents/doc.md:4",
            "unknown person id `kim-il-sun`",
            "did you mean `kim-il-sung`",
        ],
    );
}

#[test]
fn duplicate_ids_are_reported() {
    let problems = problems_for(
        "-- content/edition.yaml --\ntitle: T\n-- content/documents/a/x.md --\n---\ntitle: A\ndate: 1957\n---\n-- content/documents/b/x.md --\n---\ntitle: B\ndate: 1958\n---\n",
    );
    assert_has(
        &problems,
        &[
            "content/documents/b/x.md",
            "duplicate document id `x`",
            "content/documents/a/x.md",
        ],
    );
}

#[test]
fn missing_title_is_reported() {
    let problems = problems_for(&one_document("date: 1957", "Text"));
    assert_has(
        &problems,
        &[
            "content/documents/doc.md:1:1",
            "required field `title` is missing",
            "add a line `title:",
        ],
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let spec = "-- content/edition.yaml --\ntitle: T\n-- content/documents/a.md --\n---\ndate: 1957\n---\n-- content/documents/b.md --\n---\ntitle: B\ndate: 19-57\n---\n-- content/documents/c.md --\nno front matter\n";
    let problems = problems_for(spec);
    assert_has(&problems, &["a.md", "`title` is missing"]);
    assert_has(&problems, &["b.md", "19-57"]);
    assert_has(&problems, &["c.md", "no front matter"]);
}

#[test]
fn unknown_field_is_a_warning_with_the_nearest_field() {
    let dir = edition(&one_document(
        "title: A\ndate: 1957\ntranslater: Gary Goldberg",
        "Text",
    ));
    let loaded = recto::content::load(dir.path()).expect("a warning does not stop loading");
    let warnings: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
    assert_has(
        &warnings,
        &[
            "content/documents/doc.md:4",
            "warning",
            "unknown field `translater`",
            "did you mean `translator`?",
        ],
    );
}

#[test]
fn non_utf8_file_is_located() {
    let dir = edition("-- content/edition.yaml --\ntitle: T\n");
    std::fs::create_dir_all(dir.path().join("content/documents")).unwrap();
    std::fs::write(
        dir.path().join("content/documents/doc.md"),
        b"---\ntitle: Caf\xe9\ndate: 1957\n---\n",
    )
    .unwrap();
    let problems = build_problems(dir.path());
    assert_has(
        &problems,
        &[
            "content/documents/doc.md:2:11",
            "not valid UTF-8",
            "save the file with UTF-8",
        ],
    );
}

#[test]
fn file_without_front_matter_is_explained() {
    let problems = problems_for(
        "-- content/edition.yaml --\ntitle: T\n-- content/documents/doc.md --\n# Just a heading\n",
    );
    assert_has(
        &problems,
        &[
            "content/documents/doc.md:1:1",
            "no front matter",
            "start the file with a line `---`",
        ],
    );
}

#[test]
fn id_that_escapes_the_output_folder_is_refused() {
    let problems = problems_for(&one_document("id: ../x\ntitle: A\ndate: 1957", "Text"));
    assert_has(
        &problems,
        &["content/documents/doc.md:2", "`../x` is not a valid id"],
    );
    let problems = problems_for("-- content/edition.yaml --\ntitle: T\n-- content/documents/Bad Name.md --\n---\ntitle: A\ndate: 1957\n---\n");
    assert_has(&problems, &["Bad Name.md", "not a valid id", "bad-name.md"]);
}

#[test]
fn unknown_person_link_in_text_names_its_line() {
    let problems = problems_for(&one_document(
        "title: A\ndate: 1957",
        "First line.\n\nSee [him](person:nobody).",
    ));
    assert_has(
        &problems,
        &[
            "content/documents/doc.md:7",
            "link to unknown person `nobody`",
        ],
    );
}

#[test]
fn missing_edition_config_is_explained() {
    let problems = problems_for("-- content/documents/doc.md --\n---\ntitle: A\ndate: 1957\n---\n");
    assert_has(&problems, &["content/edition.yaml", "no edition.yaml"]);
}

#[test]
fn failed_build_leaves_the_previous_site_untouched() {
    let dir = edition(SMALL);
    let out = dir.path().join("public");
    recto::site::build(dir.path(), &out).expect("first build");
    let before = std::fs::read(out.join("index.html")).unwrap();
    std::fs::write(
        dir.path().join("content/documents/stalin-1950-04.md"),
        "---\ntitle: [broken\n---\n",
    )
    .unwrap();
    assert!(recto::site::build(dir.path(), &out).is_err());
    assert_eq!(std::fs::read(out.join("index.html")).unwrap(), before);
    assert!(out.join("documents/stalin-1950-04.html").exists());
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') && n != ".recto-cache")
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary folders left behind: {leftovers:?}"
    );
}

#[test]
fn build_refuses_to_replace_a_folder_it_did_not_make() {
    let dir = edition(SMALL);
    let out = dir.path().join("src");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("precious.txt"), "keep me").unwrap();
    assert!(matches!(
        recto::site::build(dir.path(), &out),
        Err(recto::site::BuildError::Output(_))
    ));
    assert_eq!(
        std::fs::read_to_string(out.join("precious.txt")).unwrap(),
        "keep me"
    );
}

#[test]
fn cli_exit_codes() {
    let bin = env!("CARGO_BIN_EXE_recto");
    let dir = edition(&one_document("title: A\ndate: 1957-13-01", "Text"));
    let status = std::process::Command::new(bin)
        .args(["build", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&status.stderr).contains("month 13"));
    let status = std::process::Command::new(bin)
        .args(["build", "--no-such-flag"])
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(2));
    let good = edition(SMALL);
    let status = std::process::Command::new(bin)
        .args(["build", "--root"])
        .arg(good.path())
        .output()
        .unwrap();
    assert_eq!(
        status.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let stdout = String::from_utf8_lossy(&status.stdout);
    assert!(stdout.contains("built 2 documents, 3 persons"), "{stdout}");
}

#[test]
fn edition_config_problems_are_located() {
    let problems = problems_for("-- content/edition.yaml --\nsubtitle: S\nlink_mentions: some\n");
    assert_has(
        &problems,
        &[
            "content/edition.yaml:2:16",
            "wrong type for `link_mentions`: expected `all` or `first`",
        ],
    );
    // Reported in the same run as the bad value: the missing title.
    assert_has(
        &problems,
        &["content/edition.yaml:1:1", "required field `title`"],
    );
    let problems = problems_for("-- content/edition.yaml --\nsubtitle: S\n");
    assert_has(
        &problems,
        &["content/edition.yaml:1:1", "required field `title`"],
    );
    let dir = edition("-- content/edition.yaml --\ntitle: T\ntitel: U\n");
    let loaded = recto::content::load(dir.path()).expect("a warning only");
    let warnings: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
    assert_has(
        &warnings,
        &[
            "content/edition.yaml:2",
            "unknown field `titel`",
            "did you mean `title`?",
        ],
    );
}

#[test]
fn ids_of_recto_pages_are_reserved() {
    for file in [
        "content/documents/index.md",
        "content/persons/index.md",
        "content/pages/timeline.md",
    ] {
        let spec = format!("-- content/edition.yaml --\ntitle: T\n-- {file} --\n---\ntitle: A\nname: A\ndate: 1957\n---\n");
        let problems = problems_for(&spec);
        assert_has(&problems, &[file, "is reserved for recto's own pages"]);
    }
}

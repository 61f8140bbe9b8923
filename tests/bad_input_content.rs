//! The bad-input catalogue for loading `content/` (issue 9): one inline fixture per case,
//! each asserting the message's key words, its location (file:line:col) and, where it
//! matters, the exit code of `recto check` and `recto build`.

mod common;
use common::*;
use std::path::Path;
use std::process::Command;

/// Runs `recto <command> --root <root>` and returns its exit code and standard error.
fn recto(command: &str, root: &Path) -> (i32, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_recto"));
    cmd.arg(command).arg("--root").arg(root);
    let out_dir = tempfile::tempdir().expect("temp dir");
    if command == "build" {
        cmd.arg("--out").arg(out_dir.path().join("public"));
    }
    let output = cmd.output().expect("recto runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The problems the library reports for an edition, as printed (`path:line:col: …`).
fn problems(root: &Path) -> Vec<String> {
    let partial = recto::content::load_all(root);
    partial.problems.iter().map(|p| p.to_string()).collect()
}

/// The problems `recto check` reports through the library, errors or not.
fn checked(root: &Path) -> Vec<String> {
    let list = match recto::check::check(root) {
        Ok(report) => report.problems,
        Err(problems) => problems,
    };
    list.iter().map(|p| p.to_string()).collect()
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

fn assert_lacks(problems: &[String], needle: &str) {
    assert!(
        problems.iter().all(|p| !p.contains(needle)),
        "unexpected {needle:?} in:\n{}",
        problems.join("\n")
    );
}

const EDITION_YAML: &str = "-- content/edition.yaml --\ntitle: T\n";

/// An edition with one document `doc.md` of this front matter and body.
fn one_document(front_matter: &str, body: &str) -> String {
    format!("{EDITION_YAML}-- content/documents/doc.md --\n---\n{front_matter}\n---\n{body}\n")
}

// Item 2: nesting and size are bounded before the YAML parser sees the text.

#[test]
fn deeply_nested_front_matter_is_refused_at_the_first_bracket_past_the_limit() {
    let brackets = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let dir = edition(&one_document(
        &format!("title: A\ndate: 1957\nfunders: {brackets}"),
        "Text",
    ));
    let (code, stderr) = recto("check", dir.path());
    assert_eq!(code, 1, "{stderr}");
    // `funders: ` is 9 characters: the 33rd bracket is column 42 of line 4.
    assert!(
        stderr.contains("content/documents/doc.md:4:42: error: the front matter nests lists or mappings more than 32 levels deep"),
        "{stderr}"
    );
    assert!(stderr.contains("never closed or were repeated"), "{stderr}");
    // The fields are there, only unreadable: they are not reported missing as well.
    assert!(!stderr.contains("missing"), "{stderr}");
}

#[test]
fn deeply_nested_edition_and_events_files_are_refused() {
    let deep = "{".repeat(40);
    let dir = edition(&format!(
        "-- content/edition.yaml --\ntitle: T\neditors: {deep}\n-- content/events.yaml --\n- date: 1953\n  title: {deep}\n-- content/documents/d.md --\n---\ntitle: A\ndate: 1957\n---\n"
    ));
    let found = problems(dir.path());
    assert_has(
        &found,
        &[
            "content/edition.yaml:2:42",
            "edition.yaml nests",
            "more than 32",
        ],
    );
    assert_has(
        &found,
        &[
            "content/events.yaml:2:42",
            "events.yaml nests",
            "more than 32",
        ],
    );
}

#[test]
fn oversized_front_matter_is_refused() {
    let dir = edition(&one_document(
        &format!("title: A\ndate: 1957\nsummary: {}", "x".repeat(300 * 1024)),
        "Text",
    ));
    let found = problems(dir.path());
    assert_has(
        &found,
        &[
            "content/documents/doc.md:4:1",
            "the front matter is 301 KiB long; recto reads at most 256 KiB",
            "put long text in the body",
        ],
    );
}

// Item 7: base_url and language.

#[test]
fn a_script_as_base_url_fails_the_load() {
    let dir = edition(
        "-- content/edition.yaml --\ntitle: T\nbase_url: 'javascript:alert(37)//'\nlanguage: en_US\n-- content/documents/d.md --\n---\ntitle: A\ndate: 1957\n---\n",
    );
    let (code, stderr) = recto("build", dir.path());
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("content/edition.yaml:2:11: error: `base_url: javascript:alert(37)//` is not an absolute web address"),
        "{stderr}"
    );
    assert!(stderr.contains("starting with https://"), "{stderr}");
    // Reported in the same run: the language tag.
    assert!(
        stderr.contains(
            "content/edition.yaml:3:11: error: `language: en_US` is not a BCP 47 language tag"
        ),
        "{stderr}"
    );
}

#[test]
fn web_addresses_and_language_tags_are_accepted() {
    let dir = edition(
        "-- content/edition.yaml --\ntitle: T\nbase_url: https://example.org/edition/\nlanguage: zh-Hant-TW\n-- content/documents/d.md --\n---\ntitle: A\ndate: 1957\n---\n",
    );
    let (code, stderr) = recto("build", dir.path());
    assert_eq!(code, 0, "{stderr}");
}

// Item 9: every problem at once.

#[test]
fn check_reports_front_matter_links_and_suggestions_in_one_run() {
    let dir = edition(&format!(
        "{EDITION_YAML}-- content/documents/broken.md --\n---\ntitle: \"Journal\ndate: 1957\n---\nText of [Kim](person:nobody).\n-- content/documents/fine.md --\n---\ntitle: B\ndate: 1958\n---\nComrade Ivan Petrov met [X](document:missing).\n"
    ));
    let (code, stderr) = recto("check", dir.path());
    assert_eq!(code, 1, "{stderr}");
    for needle in [
        "content/documents/broken.md:2:8: error: this quote is never closed",
        // The broken document's text is still checked.
        "content/documents/broken.md:5:9: error: link to unknown person `nobody`",
        "content/documents/fine.md:5:25: error: link to unknown document `missing`",
        "content/documents/fine.md:5:9: suggestion: \"Ivan Petrov\" looks like a name",
    ] {
        assert!(stderr.contains(needle), "no {needle:?} in:\n{stderr}");
    }
}

#[test]
fn a_file_without_front_matter_still_has_its_text_checked() {
    let dir = edition(&format!(
        "{EDITION_YAML}-- content/documents/bare.md --\n# A heading\n\nSee [x](person:nobody).\n"
    ));
    let found = checked(dir.path());
    assert_has(
        &found,
        &["content/documents/bare.md:1:1: error: the file has no front matter"],
    );
    assert_has(
        &found,
        &["content/documents/bare.md:3:5: error: link to unknown person `nobody`"],
    );
    assert_lacks(&found, "required field");
}

#[test]
fn every_bad_value_of_edition_yaml_is_reported() {
    let dir = edition(
        "-- content/edition.yaml --\ntitle: T\nsmart_punctuation: sometimes\ntimeline_year_pages_after: many\nlink_mentions: some\n-- content/documents/d.md --\n---\ntitle: A\ndate: 1957\n---\n",
    );
    let found = problems(dir.path());
    assert_has(
        &found,
        &[
            "content/edition.yaml:2:20",
            "wrong type for `smart_punctuation`: expected true or false, found the text \"sometimes\"",
        ],
    );
    assert_has(
        &found,
        &[
            "content/edition.yaml:3:28",
            "wrong type for `timeline_year_pages_after`: expected a whole number",
        ],
    );
    assert_has(&found, &["content/edition.yaml:4:16", "`all` or `first`"]);
    assert_lacks(&found, "usize");
    assert_lacks(&found, "put quotes");
}

#[test]
fn one_malformed_event_hides_no_other() {
    let dir = edition(&format!(
        "{EDITION_YAML}-- content/documents/d.md --\n---\ntitle: A\ndate: 1957\n---\n-- content/events.yaml --\n- date: 1953-07-27\n  title: \"Armistice\n- date: 1953-13-01\n  title: Bad month\n- date: 1956\n  title: [a, b]\n- date: 1957\n  title: Visit\n  persons: [kim-il-sun]\n"
    ));
    let found = problems(dir.path());
    assert_has(&found, &["content/events.yaml:2:10", "never closed"]);
    assert_has(&found, &["content/events.yaml:3", "month 13"]);
    assert_has(
        &found,
        &[
            "content/events.yaml:6",
            "wrong type for `title` in event 3: expected a text, found a list",
        ],
    );
    assert_has(
        &found,
        &[
            "content/events.yaml:9:13",
            "unknown person id `kim-il-sun` in event \"Visit\"",
        ],
    );
    assert_lacks(&found, "event 3 has no title");
    assert_lacks(&found, "EventFields");
    assert_lacks(&found, "put quotes");
}

// Item 12: locations.

#[test]
fn unknown_person_ids_point_at_the_item() {
    let dir = edition(&format!(
        "{}-- content/persons/kim-il-sung.md --\n---\nname: Kim Il Sung\n---\n-- content/documents/block.md --\n---\ntitle: B\ndate: 1958\npersons:\n  - kim-il-sung\n  - mao\n---\n",
        one_document("title: A\ndate: 1957\npersons: [kim-il-sung, kim-il-sun]", "Text")
    ));
    let found = problems(dir.path());
    assert_has(
        &found,
        &[
            "content/documents/doc.md:4:24",
            "unknown person id `kim-il-sun`",
            "did you mean `kim-il-sung`?",
        ],
    );
    assert_has(
        &found,
        &["content/documents/block.md:6:5", "unknown person id `mao`"],
    );
}

#[test]
fn a_repeated_field_is_shown_where_it_is_repeated() {
    let dir = edition(&one_document("title: A\ndate: 1957\ntitle: B", "Text"));
    let found = problems(dir.path());
    assert_has(
        &found,
        &[
            "content/documents/doc.md:4:1",
            "the field `title` is written twice (first at line 2)",
        ],
    );
}

#[test]
fn an_unterminated_quote_is_shown_where_it_opens() {
    let dir = edition(&one_document(
        "title: 'Journal\ndate: 1957\nkind: letter",
        "Text",
    ));
    let found = problems(dir.path());
    assert_has(
        &found,
        &["content/documents/doc.md:2:8", "this quote is never closed"],
    );
}

#[test]
fn an_empty_date_is_shown_at_its_line() {
    let dir = edition(&one_document("title: A\ndate: ~", "Text"));
    let found = problems(dir.path());
    assert_has(
        &found,
        &["content/documents/doc.md:3:7", "the field `date` is empty"],
    );
}

#[test]
fn link_problems_have_their_column() {
    let dir = edition(&one_document(
        "title: A\ndate: 1957",
        "First line.\nSee the [x](javascript:alert(1)) and [y](person:nobody).",
    ));
    let found = checked(dir.path());
    assert_has(
        &found,
        &[
            "content/documents/doc.md:6:9",
            "the address `javascript:alert(1)` is not allowed",
        ],
    );
    assert_has(
        &found,
        &[
            "content/documents/doc.md:6:38",
            "link to unknown person `nobody`",
        ],
    );
}

// Item 13: broken relative links.

#[test]
fn broken_relative_links_are_warned_about_by_build_and_check() {
    let spec = format!(
        "{EDITION_YAML}-- static/map.png --\npng\n-- content/pages/about.md --\n---\ntitle: About\n---\n[ok](documents/doc.html) [ok](static/map.png) [ok](timeline/) [bad](doc.html)\n-- content/documents/doc.md --\n---\ntitle: A\ndate: 1957\n---\n[a](missing-page.html) [b](../../../etc/passwd) [c](#nowhere)\n[fine](../about.html) [fine](#1) [^1] [fine](../static/style.css) [fine](index.html)\n\n[^1]: A note.\n"
    );
    let dir = edition(&spec);
    for command in ["build", "check"] {
        let (code, stderr) = recto(command, dir.path());
        assert_eq!(code, 0, "{command}: {stderr}");
        for needle in [
            "content/documents/doc.md:5:1: warning: the link `missing-page.html` leads to documents/missing-page.html, which the site does not have",
            "content/documents/doc.md:5:24: warning: the link `../../../etc/passwd` leads outside the site",
            "content/documents/doc.md:5:49: warning: the link `#nowhere` leads nowhere",
            "content/pages/about.md:4:63: warning: the link `doc.html` leads to doc.html",
        ] {
            assert!(stderr.contains(needle), "{command}: no {needle:?} in:\n{stderr}");
        }
        assert_eq!(
            stderr.matches("warning: the link").count(),
            4,
            "{command}: {stderr}"
        );
    }
}

// Item 14: nothing is dropped in silence.

#[test]
fn markdown_files_recto_does_not_read_are_named() {
    let dir = edition(&format!(
        "{}-- content/documents/X.MD --\n---\ntitle: B\n---\n-- content/persons/kim.markdown --\n---\nname: K\n---\n",
        one_document("title: A\ndate: 1957", "Text")
    ));
    let found = problems(dir.path());
    assert_has(
        &found,
        &["content/documents/X.MD: warning: not read: recto reads .md files; rename to x.md"],
    );
    assert_has(
        &found,
        &["content/persons/kim.markdown: warning: not read: recto reads .md files; rename to kim.md"],
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_document_is_read() {
    let dir = edition(&format!(
        "{EDITION_YAML}-- elsewhere/shared.md --\n---\ntitle: Shared\ndate: 1957\n---\nText.\n-- content/documents/d.md --\n---\ntitle: A\ndate: 1958\n---\n"
    ));
    std::os::unix::fs::symlink(
        dir.path().join("elsewhere/shared.md"),
        dir.path().join("content/documents/shared.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        dir.path().join("elsewhere/gone.md"),
        dir.path().join("content/documents/gone.md"),
    )
    .unwrap();
    let loaded = recto::content::load(dir.path()).expect("loads");
    assert!(loaded.edition.documents.iter().any(|d| d.id == "shared"));
    let warnings: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
    assert_has(
        &warnings,
        &["content/documents/gone.md: warning: not read: the symlink leads nowhere"],
    );
}

#[test]
fn a_missing_documents_folder_is_reported() {
    let dir = edition(EDITION_YAML);
    let (code, stderr) = recto("check", dir.path());
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("content/documents: warning: there is no documents folder"),
        "{stderr}"
    );
    assert!(stderr.contains("create content/documents/"), "{stderr}");
}

#[test]
fn a_double_import_is_suspected() {
    let dir = edition(&format!(
        "{}-- content/documents/doc-2.md --\n---\ndate: 1957-11-13\ntitle: Record of  a Conversation\n---\n",
        one_document("title: Record of a Conversation\ndate: 1957-11-13", "Text")
    ));
    let found = problems(dir.path());
    assert_has(
        &found,
        &[
            "content/documents/doc.md:2:8: warning:",
            "content/documents/doc-2.md and",
            "content/documents/doc.md have the same title and date: a likely double import",
        ],
    );
}

#[test]
fn year_zero_is_no_date() {
    let dir = edition(&one_document("title: A\ndate: 0000", "Text"));
    let (code, stderr) = recto("build", dir.path());
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("content/documents/doc.md:3:7: error: the date `0000` has the year 0"),
        "{stderr}"
    );
}

#[test]
fn numbers_in_other_forms_are_not_taken_for_years() {
    for (written, read) in [("0x7A5", "1957"), ("+1957", "1957"), ("1957.0", "1957.0")] {
        let dir = edition(&one_document(&format!("title: A\ndate: {written}"), "Text"));
        let found = problems(dir.path());
        assert_has(
            &found,
            &[
                "content/documents/doc.md:3:7",
                &format!("the date `{written}` is not written as a year: YAML reads it as the number {read}"),
                "write the date as YYYY",
            ],
        );
    }
    let dir = edition(&one_document("title: A\ndate: 1957 # the year", "Text"));
    assert!(problems(dir.path()).is_empty());
}

// Item 15: wording.

#[test]
fn a_tab_is_named() {
    let dir = edition(&one_document("title: A\n\tdate: 1957", "Text"));
    let found = problems(dir.path());
    assert_has(
        &found,
        &[
            "content/documents/doc.md:3:1",
            "a tab character at line 3, column 1: YAML indents with spaces",
        ],
    );
}

#[test]
fn type_errors_are_in_words_without_a_quoting_hint() {
    let dir = edition(&one_document(
        "title: A\ndate: 1957\npersons: {kim: 1}\nfunders: [[a]]",
        "Text",
    ));
    let found = problems(dir.path());
    assert_has(
        &found,
        &[
            "content/documents/doc.md:4:10",
            "wrong type for `persons`: expected a list of ids, found fields",
        ],
    );
    assert_has(
        &found,
        &[
            "content/documents/doc.md:5:10",
            "wrong type for `funders`: expected a list of names, found a list whose item 1 is a list",
        ],
    );
    assert_lacks(&found, "put quotes");
    assert_lacks(&found, "invalid type");
}

#[cfg(unix)]
#[test]
fn a_fifo_is_not_a_regular_file_and_never_blocks() {
    let dir = edition(&one_document("title: A\ndate: 1957", "Text"));
    let fifo = dir.path().join("content/documents/pipe.md");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let (code, stderr) = recto("check", dir.path());
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr
            .contains("content/documents/pipe.md: warning: not read: not a regular file (a FIFO)"),
        "{stderr}"
    );
}

#[test]
fn numbers_in_text_fields_are_kept_as_written() {
    let dir = edition(&one_document(
        "title: A\ndate: 1957\nrecord_id: 00123 # the archive's number\nsummary: 1.50",
        "Text",
    ));
    let loaded = recto::content::load(dir.path()).expect("loads");
    let document = &loaded.edition.documents[0];
    assert_eq!(document.record_id.as_deref(), Some("00123"));
    assert_eq!(document.summary.as_deref(), Some("1.50"));
}

/// YAML-like front matter that reaches the corners of field-by-field reading: quotes
/// never closed, tabs, repeated keys, lists, number forms.
fn front_matter() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let pieces = prop::sample::select(vec![
        "title: ",
        "date: ",
        "persons: [",
        "persons:\n  - ",
        "kim-il-sung",
        "]",
        "\n",
        "\t",
        ": ",
        "\"",
        "'",
        "[",
        "{",
        "}",
        "- ",
        "~",
        "0x7A5",
        "+1957",
        "1957.0",
        "0000",
        "é",
        "# c",
        "title: A\n",
        "date: 1957\n",
        "!!str ",
        "&a ",
        "*a",
        "? ",
        "|\n  ",
        ">-\n  ",
    ]);
    prop::collection::vec(prop_oneof![pieces.prop_map(String::from), ".{0,8}"], 0..40)
        .prop_map(|v| v.concat())
}

proptest::proptest! {
    #[test]
    fn reading_any_front_matter_never_panics_and_always_locates(yaml in front_matter()) {
        let split = recto::content::front_matter::Split { yaml: &yaml, yaml_line: 2, body: "Text", body_line: 9 };
        let mut found = Vec::new();
        let _ = recto::content::documents::read("doc", &split, Path::new("doc.md"), &mut found);
        let _ = recto::content::persons::read("kim", &split, Path::new("kim.md"), &mut found);
        for problem in &found {
            // Every problem in a field-by-field read names a line within the file.
            let line = problem.line.unwrap_or(0);
            proptest::prop_assert!(line >= 1 && line <= 2 + yaml.lines().count() + 1, "{problem}");
        }
    }
}

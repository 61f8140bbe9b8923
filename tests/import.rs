//! `recto import` over real exports: the five seeds against reviewed expected files, the
//! variants a real folder holds, and the safety guarantees (no clobbering of editors'
//! work, dry runs, same bytes every time, one bad file never stops the others).
//!
//! Set `RECTO_BLESS=1` to rewrite the expected files after a deliberate change, then
//! review the diff line by line before committing.

use recto::import::document;
use recto::import::{run, Family, Options, Report, Status};
use std::fs;
use std::path::{Path, PathBuf};

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(path)
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A temporary edition with the fixture register and sources.
struct Edition {
    dir: tempfile::TempDir,
}

impl Edition {
    fn new() -> Edition {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(
            &fixture("edition/content/persons"),
            &dir.path().join("content/persons"),
        );
        copy_dir(
            &fixture("edition/content/sources"),
            &dir.path().join("content/sources"),
        );
        Edition { dir }
    }

    fn path(&self, p: &str) -> PathBuf {
        self.dir.path().join(p)
    }

    fn documents(&self) -> PathBuf {
        self.path("content/documents")
    }

    fn import(&self, inputs: &[PathBuf], force: bool, dry_run: bool) -> Report {
        let options = Options {
            inputs: inputs.to_vec(),
            out: self.documents(),
            register: None,
            dry_run,
            force,
        };
        run(&options, &|_, _| {})
    }

    fn import_sources(&self, force: bool) -> Report {
        self.import(&[self.path("content/sources")], force, false)
    }

    fn read(&self, id: &str) -> String {
        fs::read_to_string(self.documents().join(format!("{id}.md"))).unwrap()
    }

    fn write(&self, id: &str, text: &str) {
        fs::write(self.documents().join(format!("{id}.md")), text).unwrap();
    }

    /// Copies a variant fixture into the sources and returns its path.
    fn add_variant(&self, name: &str) -> PathBuf {
        let target = self.path("content/sources").join(name);
        fs::copy(fixture(&format!("variants/{name}")), &target).unwrap();
        target
    }
}

const SEED_IDS: [&str; 5] = [
    "puzanov-journal-1960-03-24",
    "puzanov-journal-1957-12-17",
    "puzanov-journal-1957-08-07",
    "puzanov-kim-il-sung-1957-11-13",
    "stalin-kim-il-sung-1950-04",
];

fn statuses(report: &Report) -> Vec<Status> {
    report.files.iter().map(|f| f.status).collect()
}

#[test]
fn seeds_match_the_reviewed_expected_files() {
    let e = Edition::new();
    let report = e.import_sources(false);
    assert_eq!(statuses(&report), [Status::Written; 5], "{}", report.text());
    let ids: Vec<&str> = report
        .files
        .iter()
        .map(|f| f.id.as_deref().unwrap())
        .collect();
    assert_eq!(ids, SEED_IDS);
    let families: Vec<Family> = report.files.iter().map(|f| f.family.unwrap()).collect();
    assert_eq!(
        families,
        [
            Family::WebPage,
            Family::PdfLabels,
            Family::WebRecord,
            Family::PdfHeadings,
            Family::PdfLabels
        ]
    );
    let bless = std::env::var_os("RECTO_BLESS").is_some();
    for id in SEED_IDS {
        let got = e.read(id);
        let expected_path = fixture(&format!("expected/{id}.md"));
        if bless {
            fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let expected = fs::read_to_string(&expected_path).unwrap();
        if got != expected {
            for (i, (g, x)) in got.lines().zip(expected.lines()).enumerate() {
                assert_eq!(g, x, "{id}.md differs at line {}", i + 1);
            }
            assert_eq!(got.lines().count(), expected.lines().count(), "{id}.md");
            panic!("{id}.md differs in line endings");
        }
    }
}

#[test]
fn imported_documents_load_as_an_edition() {
    let e = Edition::new();
    e.import_sources(false);
    fs::write(e.path("content/edition.yaml"), "title: Test edition\n").unwrap();
    let loaded = recto::content::load(e.dir.path()).unwrap_or_else(|p| panic!("{p:?}"));
    assert_eq!(loaded.edition.documents.len(), 5);
    let unknown: Vec<_> = loaded
        .warnings
        .iter()
        .filter(|w| w.message.contains("unknown field"))
        .collect();
    assert!(unknown.is_empty(), "{unknown:?}");
    let d = loaded
        .edition
        .documents
        .iter()
        .find(|d| d.id == "puzanov-journal-1957-08-07")
        .unwrap();
    assert_eq!(
        d.archive_ref_parts.get("papka").map(String::as_str),
        Some("72")
    );
    assert_eq!(
        d.period.as_ref().map(|p| p.edtf()).as_deref(),
        Some("1957-08-01/1957-08-15")
    );
}

#[test]
fn same_input_gives_the_same_bytes() {
    let (a, b) = (Edition::new(), Edition::new());
    a.import_sources(false);
    b.import_sources(false);
    for id in SEED_IDS {
        assert_eq!(a.read(id), b.read(id));
    }
}

#[test]
fn a_second_import_changes_nothing() {
    let e = Edition::new();
    e.import_sources(false);
    let before = e.read(SEED_IDS[0]);
    let report = e.import_sources(false);
    assert_eq!(statuses(&report), [Status::Unchanged; 5]);
    assert!(!report.failed());
    assert_eq!(e.read(SEED_IDS[0]), before);
}

#[test]
fn a_dry_run_writes_nothing() {
    let e = Edition::new();
    let report = e.import(&[e.path("content/sources")], false, true);
    assert_eq!(statuses(&report), [Status::WouldWrite; 5]);
    assert!(!e.documents().exists());
    // Over an existing edition, with an edited document and --force: still nothing.
    e.import_sources(false);
    let edited = e
        .read(SEED_IDS[1])
        .replace("I visited Kim Il Sung", "I visited Kim Il Sung (edited)");
    e.write(SEED_IDS[1], &edited);
    let report = e.import(&[e.path("content/sources")], true, true);
    assert_eq!(report.files[1].status, Status::WouldWrite);
    assert_eq!(e.read(SEED_IDS[1]), edited);
    assert_eq!(
        fs::read_dir(e.documents()).unwrap().count(),
        5,
        "nothing but the documents"
    );
}

#[test]
fn edited_documents_are_never_overwritten_without_force() {
    let e = Edition::new();
    e.import_sources(false);
    let id = SEED_IDS[3];
    let edited = e.read(id).replace(
        "Cde. Chivu Stoica agreed",
        "Cde. Chivu Stoica [Chivu Stoica] agreed",
    );
    e.write(id, &edited);
    let report = e.import_sources(false);
    let f = &report.files[3];
    assert_eq!(f.status, Status::Refused);
    assert_eq!(f.edits_found, ["body"]);
    assert!(report.failed());
    assert!(
        report.text().contains("curated:"),
        "the report says how to keep the edit"
    );
    assert_eq!(e.read(id), edited);
    // The others were still imported (unchanged).
    assert_eq!(
        report
            .files
            .iter()
            .filter(|f| f.status == Status::Unchanged)
            .count(),
        4
    );
    // --force replaces the edit, and says so.
    let report = e.import_sources(true);
    assert_eq!(report.files[3].status, Status::Written);
    assert_eq!(report.files[3].edits_replaced, ["body"]);
    assert!(!e.read(id).contains("[Chivu Stoica]"));
}

#[test]
fn curated_fields_survive_every_import() {
    let e = Edition::new();
    e.import_sources(false);
    let id = SEED_IDS[4];
    let text = e.read(id);
    let note = "date_note: The record itself is undated; the archive dates it April 1950.\n";
    let curated = text
        .replacen(
            "kind: record-of-conversation\n",
            &format!("{note}kind: record-of-conversation\n"),
            1,
        )
        .replacen("- mun-il\n", "", 1)
        .replacen("source: ", "curated: [date_note, persons]\nsource: ", 1);
    assert_ne!(curated, text);
    e.write(id, &curated);
    for force in [false, true] {
        let report = e.import_sources(force);
        let f = &report.files[4];
        assert!(
            matches!(f.status, Status::Written | Status::Unchanged),
            "{}",
            report.text()
        );
        assert_eq!(f.curated_kept, ["date_note", "persons"]);
        let now = e.read(id);
        assert!(now.contains(note), "{now}");
        assert!(!now.contains("- mun-il"));
        assert!(f.edits_replaced.is_empty());
    }
}

#[test]
fn documents_made_by_hand_keep_their_id_and_need_force() {
    let e = Edition::new();
    fs::create_dir_all(e.documents()).unwrap();
    let hand = "---\nid: hand-made\ntitle: Made by hand\ndate: 1960-03-24\ncurated: [title]\nsource: sources/000_68e91529607aaccd.txt\n---\n\nA text typed by hand.\n";
    e.write("hand-made", hand);
    let source = e.path("content/sources/000_68e91529607aaccd.txt");
    let report = e.import(std::slice::from_ref(&source), false, false);
    assert_eq!(report.files[0].id.as_deref(), Some("hand-made"));
    assert_eq!(report.files[0].status, Status::Refused);
    assert!(report.files[0].edits_found.contains(&"body".to_string()));
    assert_eq!(e.read("hand-made"), hand);
    let report = e.import(&[source], true, false);
    assert_eq!(report.files[0].status, Status::Written);
    let now = e.read("hand-made");
    assert!(now.contains("title: Made by hand"), "curated title kept");
    assert!(
        now.contains("MFA stamp: Copy Nº 3"),
        "text replaced by the import"
    );
    assert!(!e.documents().join("puzanov-journal-1960-03-24.md").exists());
}

#[test]
fn colliding_ids_get_a_deterministic_suffix() {
    let e = Edition::new();
    fs::copy(
        e.path("content/sources/001_5143e979d6764e61.txt"),
        e.path("content/sources/001b.txt"),
    )
    .unwrap();
    let report = e.import_sources(false);
    let ids: Vec<&str> = report
        .files
        .iter()
        .filter_map(|f| f.id.as_deref())
        .collect();
    assert!(ids.contains(&"puzanov-journal-1957-12-17"));
    assert!(ids.contains(&"puzanov-journal-1957-12-17-2"));
    // The next import keeps each source on its own id.
    let again = e.import_sources(false);
    let ids_again: Vec<&str> = again.files.iter().filter_map(|f| f.id.as_deref()).collect();
    assert_eq!(ids, ids_again);
    assert!(again.files.iter().all(|f| f.status == Status::Unchanged));
}

#[test]
fn a_file_that_makes_no_sense_is_reported_and_the_others_imported() {
    let e = Edition::new();
    let bad = e.add_variant("not-a-document.txt");
    fs::write(
        e.path("content/sources/binary.txt"),
        [0u8, 159, 146, 150, 0, 1],
    )
    .unwrap();
    let report = e.import_sources(false);
    assert!(report.failed());
    assert_eq!(report.totals.written, 5);
    assert_eq!(report.totals.failed, 2);
    let f = report
        .files
        .iter()
        .find(|f| Path::new(&f.source) == bad)
        .unwrap();
    assert_eq!(f.status, Status::Failed);
    assert!(
        f.errors[0].contains("its date") && f.errors[0].contains("its title"),
        "{}",
        f.errors[0]
    );
    let b = report
        .files
        .iter()
        .find(|f| f.source.ends_with("binary.txt"))
        .unwrap();
    assert!(b.errors[0].contains("not valid UTF-8"), "{}", b.errors[0]);
    let missing = e.import(&[e.path("nowhere.txt")], false, false);
    assert!(missing.failed());
    assert!(missing.files[0].errors[0].contains("no such file"));
}

/// Imports one variant alone; returns the report and the document's fields and body.
fn import_variant(name: &str) -> (Report, document::Existing) {
    let e = Edition::new();
    let path = e.add_variant(name);
    let report = e.import(&[path], false, false);
    let id = report.files[0]
        .id
        .clone()
        .unwrap_or_else(|| panic!("{}", report.text()));
    let parsed = document::parse(e.read(&id).as_bytes(), Path::new("x.md")).unwrap();
    (report, parsed)
}

fn expected(id: &str) -> document::Existing {
    document::parse(
        &fs::read(fixture(&format!("expected/{id}.md"))).unwrap(),
        Path::new("x.md"),
    )
    .unwrap()
}

fn same_fields_except(a: &document::Existing, b: &document::Existing, except: &[&str]) {
    let keys: std::collections::BTreeSet<&String> =
        a.fields.keys().chain(b.fields.keys()).collect();
    for k in keys {
        if !except.contains(&k.as_str()) {
            assert_eq!(a.fields.get(k), b.fields.get(k), "field {k}");
        }
    }
}

#[test]
fn crlf_line_endings_change_nothing() {
    let (report, doc) = import_variant("crlf.txt");
    assert!(report.files[0].features.iter().any(|f| f.contains("CRLF")));
    let want = expected("puzanov-journal-1957-12-17");
    same_fields_except(&doc, &want, &["source", "imported"]);
    assert_eq!(doc.body, want.body);
}

#[test]
fn a_byte_order_mark_changes_nothing() {
    let (report, doc) = import_variant("bom.txt");
    assert!(report.files[0]
        .features
        .iter()
        .any(|f| f.contains("byte-order mark")));
    let want = expected("stalin-kim-il-sung-1950-04");
    same_fields_except(&doc, &want, &["source", "imported"]);
    assert_eq!(doc.body, want.body);
}

#[test]
fn single_newlines_instead_of_blank_lines() {
    let (report, doc) = import_variant("single-newlines.txt");
    assert_eq!(report.files[0].family, Some(Family::WebPage));
    let want = expected("puzanov-journal-1960-03-24");
    same_fields_except(&doc, &want, &["source", "repairs", "imported"]);
    assert_eq!(doc.body, want.body);
    let repairs = doc.fields["repairs"].to_string();
    assert!(
        repairs.contains("Read single line breaks as paragraph breaks"),
        "{repairs}"
    );
}

#[test]
fn no_site_chrome_at_all() {
    let (report, doc) = import_variant("no-chrome.txt");
    let f = &report.files[0];
    assert_eq!(f.family, Some(Family::Plain));
    assert_eq!(
        doc.fields["title"],
        "Journal of Soviet Ambassador in the DPRK A.M. Puzanov for 24 March 1960"
    );
    assert_eq!(doc.fields["date"], "1960-03-24");
    assert_eq!(doc.fields["kind"], "journal-entry");
    assert!(f.fields_missing.contains(&"citation".to_string()));
    assert!(
        doc.body
            .starts_with("\n24 March 1960\n\nAt the instructions of Moscow"),
        "{}",
        &doc.body[..80]
    );
    assert!(doc
        .body
        .ends_with("In conclusion I thanked Kim Il Sung for the conversation.\n"));
}

#[test]
fn a_file_cut_off_mid_document() {
    let (report, doc) = import_variant("cut-off.txt");
    let f = &report.files[0];
    assert_eq!(f.status, Status::Written);
    assert!(f.warnings.iter().any(|w| w.contains("cut off")));
    assert!(f.fields_missing.contains(&"summary".to_string()));
    assert!(doc.fields["repairs"]
        .to_string()
        .contains("Source export ends mid-sentence; text kept as exported"));
    assert!(doc
        .body
        .trim_end()
        .ends_with("the machine tool inventory consists of"));
}

#[test]
fn mixed_smart_and_straight_quotes() {
    let (report, doc) = import_variant("mixed-quotes.txt");
    assert_eq!(report.files[0].family, Some(Family::PdfLabels));
    assert_eq!(
        doc.fields["title"],
        "Record of a Conversation of Cde. Stalin with Kim Il Sung"
    );
    assert_eq!(
        doc.fields["source_url"],
        "https://digitalarchive.wilsoncenter.org/document/114905"
    );
    assert_eq!(doc.fields["summary"], "Kim Il Sung and Stalin discuss the \u{201c}North Korean economy\u{201d} and \"cooperation\".");
    // Quotes are kept as written, and a quotation over two paragraphs is one.
    assert!(doc.body.contains("Cde. Stalin said: \"That's good.\" Kim Il Sung replied, \u{201c}We thank you\u{2019}re help.\u{201d}"));
    assert!(
        doc.body
            .contains("\u{201c}To Cde. Stalin, [handwritten]\\\n9 April 1950\u{201d}"),
        "{}",
        doc.body
    );
}

#[test]
fn markdown_syntax_in_plain_text_is_escaped() {
    let (_, doc) = import_variant("markdown-characters.txt");
    let html = {
        let mut out = String::new();
        pulldown_cmark::html::push_html(
            &mut out,
            pulldown_cmark::Parser::new_ext(&doc.body, pulldown_cmark::Options::all()),
        );
        out
    };
    for tag in [
        "<ol", "<ul", "<h1", "<em", "<strong", "<a ", "<b>", "<code", "<del", "<sup", "<table",
    ] {
        assert!(!html.contains(tag), "{tag} in {html}");
    }
    assert!(
        html.contains("1. About engineering [mashinostroyeniye]."),
        "{html}"
    );
    assert!(html.contains("# of copies: 5"));
    assert!(html.contains("&lt;b&gt;bold&lt;/b&gt; [see](http://example.org) &amp;amp; [^1] ~~gone~~ a|b `code` C:\\path."), "{html}");
    assert!(html.contains("information is well-received."), "{html}");
}

#[test]
fn the_report_is_written_as_json() {
    let e = Edition::new();
    let report_path = e.path("report.json");
    let options = Options {
        inputs: vec![e.path("content/sources")],
        out: e.documents(),
        register: None,
        dry_run: false,
        force: false,
    };
    let code = recto::import::cli::main(&options, Some(&report_path));
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_slice(&fs::read(&report_path).unwrap()).unwrap();
    let first = &json["files"][0];
    assert_eq!(first["family"], "web-page");
    assert_eq!(first["status"], "written");
    assert!(first["repairs"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["kind"] == "nbsp"));
    assert_eq!(first["editorial_marks"]["sic"], 4);
    assert!(first["persons"]["kim-il-sung"].as_u64().unwrap() > 10);
    assert!(json["files"][2]["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["text"] == "V. I. Lenin"));
    assert_eq!(json["totals"]["written"], 5);
}

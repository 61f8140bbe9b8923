//! Bad input at the output's end: a disk that fills up, a write that fails in the middle of
//! a build, an output folder that cannot be, a missing `--root`, leftovers of killed builds;
//! and imports that run at the same time into one folder. Each case asserts the message,
//! the exit code and that nothing already there was lost.

mod common;

use common::{edition, SMALL};
use recto::site::output::{OutputError, Staging, MARKER};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

fn recto(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_recto"))
        .args(args)
        .output()
        .expect("run recto")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every file of a folder (relative path → bytes).
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            (
                rel.to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn build(root: &Path, out: &Path) -> Output {
    recto(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
}

/// ENOSPC for real: the file being written is /dev/full. Covers `Staging::write`'s error
/// (the file named as in the site, the hint) and that dropping the unfinished build keeps
/// the previous site; the binary's exit code for it is covered by the next test.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_names_the_file_and_keeps_the_previous_site() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    recto::site::output::write_site(&out, &[("index.html".into(), b"old".to_vec())]).unwrap();
    let before = snapshot(&out);

    let staging = Staging::begin(&out).unwrap();
    std::fs::create_dir(staging.path().join("documents")).unwrap();
    std::os::unix::fs::symlink("/dev/full", staging.path().join("documents/a.html")).unwrap();
    let err = staging
        .write("documents/a.html", b"<p>text</p>")
        .unwrap_err();
    let OutputError::Io { path, source } = &err else {
        panic!("not an I/O error: {err}");
    };
    assert_eq!(source.kind(), std::io::ErrorKind::StorageFull);
    assert_eq!(path, &out.join("documents/a.html"));
    let message = err.to_string();
    assert!(
        message.starts_with(&format!(
            "cannot write {}",
            out.join("documents/a.html").display()
        )),
        "{message}"
    );
    assert!(
        message.contains("the disk is full: free some space"),
        "{message}"
    );
    drop(staging);

    assert_eq!(snapshot(&out), before);
    assert_eq!(names(dir.path()), ["public"]);
}

/// Adds a document whose page is over 500 KiB (every page of SMALL is under 20 KiB).
fn add_long_document(root: &Path) {
    let sentence = "Kim Il Sung said that the delegation would arrive in the spring. ";
    std::fs::write(
        root.join("content/documents/long-1958.md"),
        format!(
            "---\ntitle: A Long Record\ndate: 1958\n---\n{}\n",
            sentence.repeat(8_000)
        ),
    )
    .unwrap();
}

/// Builds with a file size limit of 128 or 256 KiB (`ulimit -f` counts blocks of 512 bytes
/// in dash, 1,024 in bash), which makes writing the long page fail like a disk filling up.
#[cfg(unix)]
fn build_with_a_size_limit(root: &Path, out: &Path) -> Output {
    let script = format!(
        "trap '' XFSZ; ulimit -f 256; exec '{}' build --root '{}' --out '{}'",
        env!("CARGO_BIN_EXE_recto"),
        root.display(),
        out.display()
    );
    Command::new("sh").args(["-c", &script]).output().unwrap()
}

/// A write that fails in the middle of a real build: exit 3, the file named, the previous
/// site byte-identical, no temporary folder left.
#[cfg(unix)]
#[test]
fn a_write_failing_mid_build_exits_3_and_keeps_the_previous_site() {
    let root = edition(SMALL);
    let out = root.path().join("public");
    assert!(build(root.path(), &out).status.success());
    let before = snapshot(&out);

    add_long_document(root.path());
    let o = build_with_a_size_limit(root.path(), &out);
    let message = stderr(&o);
    assert_eq!(o.status.code(), Some(3), "{message}");
    let prefix = format!("error: cannot write {}/", out.display());
    let line = message
        .lines()
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("{message}"));
    assert!(line.contains("File too large"), "{line}");
    assert!(
        message.contains(&format!(
            "build failed: the previous site in {} is untouched",
            out.display()
        )),
        "{message}"
    );
    assert_eq!(snapshot(&out), before);
    assert_eq!(names(root.path()), ["content", "public"]);

    // The file named is one the limit really refuses: over 256 KiB in a full build.
    let named = line[prefix.len()..].split(": ").next().unwrap().to_string();
    let free = root.path().join("unlimited");
    assert!(build(root.path(), &free).status.success());
    let size = std::fs::metadata(free.join(&named)).unwrap().len();
    assert!(size > 256 * 1024, "{named}: {size} bytes");
}

/// A build killed between the two renames of the fallback swap leaves no `public/` but a
/// complete `.public.previous-*`: the next build puts it back when it opens the output,
/// even if it then fails.
#[cfg(unix)]
#[test]
fn a_missing_site_is_restored_by_the_next_build() {
    let root = edition(SMALL);
    let out = root.path().join("public");
    assert!(build(root.path(), &out).status.success());
    let before = snapshot(&out);
    std::fs::rename(&out, root.path().join(".public.previous-999999999-0")).unwrap();

    add_long_document(root.path());
    let o = build_with_a_size_limit(root.path(), &out);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert_eq!(snapshot(&out), before);
    assert_eq!(names(root.path()), ["content", "public"]);
}

#[test]
fn an_output_folder_inside_a_file_exits_3() {
    let root = edition(SMALL);
    std::fs::write(root.path().join("notes.txt"), "x").unwrap();
    let out = root.path().join("notes.txt/public");
    let o = build(root.path(), &out);
    let message = stderr(&o);
    assert_eq!(o.status.code(), Some(3), "{message}");
    assert!(
        message.contains(&format!(
            "error: cannot write {}: {} is a file, not a folder",
            out.display(),
            root.path().join("notes.txt").display()
        )),
        "{message}"
    );
    assert!(
        message.contains(&format!(
            "build failed: no site was written to {}",
            out.display()
        )),
        "{message}"
    );
}

#[test]
fn a_foreign_folder_is_refused_with_a_usage_error() {
    let root = edition(SMALL);
    let out = root.path().join("content");
    let o = build(root.path(), &out);
    let message = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{message}");
    assert!(message.contains("refusing to replace"), "{message}");
    assert!(out.join("edition.yaml").is_file());
}

#[test]
fn a_missing_root_is_a_usage_error() {
    for command in ["build", "check", "serve"] {
        let o = recto(&[command, "--root", "/no/such/edition"]);
        let message = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{command}: {message}");
        assert!(
            message.starts_with("error: --root /no/such/edition: there is no such folder"),
            "{command}: {message}"
        );
    }
}

#[test]
fn a_relative_out_is_inside_root() {
    let root = edition(SMALL);
    let o = recto(&[
        "build",
        "--root",
        root.path().to_str().unwrap(),
        "--out",
        "site",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(root.path().join("site").join(MARKER).is_file());
}

#[test]
fn a_failed_build_says_whether_a_previous_site_is_there() {
    let root = edition(SMALL);
    let out = root.path().join("public");
    let broken = root.path().join("content/documents/broken.md");
    std::fs::write(
        &broken,
        "---\ntitle: Broken\ndate: 1957-13-01\n---\nText.\n",
    )
    .unwrap();
    let o = build(root.path(), &out);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(&format!(
            "build failed: 1 error(s); no site was written to {}",
            out.display()
        )),
        "{}",
        stderr(&o)
    );

    std::fs::remove_file(&broken).unwrap();
    assert!(build(root.path(), &out).status.success());
    std::fs::write(
        &broken,
        "---\ntitle: Broken\ndate: 1957-13-01\n---\nText.\n",
    )
    .unwrap();
    let o = build(root.path(), &out);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(&format!(
            "build failed: 1 error(s); the previous site in {} is untouched",
            out.display()
        )),
        "{}",
        stderr(&o)
    );
}

/// What builds killed with an older recto or this one leave beside `public/`: temporary
/// folders of dead processes, marked as recto's; the next build removes them all, and
/// leaves alone a folder of the same name that is not recto's.
#[test]
fn the_next_build_removes_leftovers_of_killed_builds() {
    let root = edition(SMALL);
    let out = root.path().join("public");
    assert!(build(root.path(), &out).status.success());
    for name in [
        ".public.building-999999999",
        ".public.previous-999999998-4",
        ".public.building-999999997-0",
    ] {
        let d = root.path().join(name);
        std::fs::create_dir_all(d.join("documents")).unwrap();
        std::fs::write(d.join(MARKER), "x").unwrap();
        std::fs::write(d.join("documents/a.html"), "x").unwrap();
    }
    std::fs::create_dir(root.path().join(".public.building-5")).unwrap();
    assert!(build(root.path(), &out).status.success());
    assert_eq!(
        names(root.path()),
        [".public.building-5", "content", "public"]
    );
}

/// Two imports into one documents folder at once, five sources each, every one of which
/// wants the same id (copies of one journal from two archive folders): each trial must
/// end with ten documents, none overwritten by the other import.
#[test]
fn two_imports_at_once_lose_no_document() {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/edition/content");
    let journal = std::fs::read(fixture.join("sources/001_5143e979d6764e61.txt")).unwrap();
    for trial in 0..12 {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        let persons = content.join("persons");
        std::fs::create_dir_all(&persons).unwrap();
        for entry in std::fs::read_dir(fixture.join("persons"))
            .unwrap()
            .flatten()
        {
            std::fs::copy(entry.path(), persons.join(entry.file_name())).unwrap();
        }
        let documents = content.join("documents");
        let folders: Vec<_> = ["moscow", "pyongyang"]
            .iter()
            .map(|archive| {
                let folder = content.join("sources").join(archive);
                std::fs::create_dir_all(&folder).unwrap();
                for n in 0..5 {
                    std::fs::write(folder.join(format!("journal-{n}.txt")), &journal).unwrap();
                }
                folder
            })
            .collect();
        let start = std::sync::Barrier::new(2);
        let reports: Vec<recto::import::Report> = std::thread::scope(|s| {
            let runs: Vec<_> = folders
                .iter()
                .map(|folder| {
                    let options = recto::import::Options {
                        inputs: vec![folder.clone()],
                        out: documents.clone(),
                        register: None,
                        dry_run: false,
                        force: false,
                    };
                    let start = &start;
                    s.spawn(move || {
                        start.wait();
                        recto::import::run(&options, &|_, _| {})
                    })
                })
                .collect();
            runs.into_iter().map(|r| r.join().unwrap()).collect()
        });
        let mut ids: Vec<String> = reports
            .iter()
            .flat_map(|r| r.files.iter().filter_map(|f| f.id.clone()))
            .collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 10, "trial {trial}: {ids:?}");
        let written: Vec<String> = names(&documents)
            .into_iter()
            .filter(|n| n.ends_with(".md"))
            .collect();
        assert_eq!(written.len(), 10, "trial {trial}: {written:?}");
        assert_eq!(names(&documents).len(), 10, "trial {trial}: leftovers");
        // Each source is in exactly one document.
        let mut sources: Vec<String> = written
            .iter()
            .map(|n| {
                let text = std::fs::read_to_string(documents.join(n)).unwrap();
                let line = text.lines().find(|l| l.starts_with("source:")).unwrap();
                line.to_string()
            })
            .collect();
        sources.sort();
        sources.dedup();
        assert_eq!(sources.len(), 10, "trial {trial}: {sources:?}");
    }
}

/// Imports `text` as the raw export `name` with the fixture register; returns its warnings.
fn import_warnings(name: &str, text: &str) -> Vec<String> {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/edition/content");
    let (register, _) = recto::import::Register::load(&fixture.join("persons"));
    let converted = recto::import::convert(text.as_bytes(), Path::new(name), &register)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    converted.warnings
}

fn seed(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import/edition/content/sources")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

/// A real export cut at different points: each gets the "seems cut off" warning; the
/// complete exports, one ending in a distribution list without punctuation, do not.
#[test]
fn a_cut_off_export_is_reported_wherever_it_stops() {
    let journal = seed("001_5143e979d6764e61.txt");
    let cuts = [
        // mid-sentence, after a comma
        "Ri Dong-geon [sic] was present at the conversation,",
        // mid-word
        "Kim Il Sung thanked [me] for the rep",
        // mid-list, after the first item
        "- a) the five-year plan for the development of the DPRK economy;",
        // mid-list, in the last item
        "- b) an intra-Party",
        // mid-sentence, after a short word
        "Kim Il Sung thanked [me] for the",
        // mid-sentence in a long line
        "The Americans dragged out the withdrawal of troops until the middle of 1949. The sympathies of the population of Korea and world public opinion were",
        // at an ellipsis (the export's: "time." + "..")
        "We consider May to be the most favorable time.",
    ];
    for cut in cuts {
        let end = journal
            .find(cut)
            .unwrap_or_else(|| panic!("not in the seed: {cut}"))
            + cut.len();
        let mut text = journal[..end].to_string();
        if cut.ends_with("time.") {
            text.push_str("..");
        }
        let warnings = import_warnings("001.txt", &text);
        assert!(
            warnings.iter().any(|w| w.contains("seems cut off")),
            "not reported as cut off: …{cut}\n{warnings:?}"
        );
    }
    for complete in [
        "001_5143e979d6764e61.txt",
        "003_f5cd30417f890412.txt",
        "000_68e91529607aaccd.txt",
    ] {
        let warnings = import_warnings(complete, &seed(complete));
        assert!(
            !warnings.iter().any(|w| w.contains("cut off")),
            "{complete}: {warnings:?}"
        );
    }
}

/// A file name with an accent or in another script gets a readable suggestion, not one
/// with the letters dropped ("xample").
#[test]
fn a_file_name_that_is_not_an_id_gets_a_transliterated_suggestion() {
    let root = edition(&format!(
        "{SMALL}\n-- content/documents/éxample.md --\n---\ntitle: Example\ndate: 1957\n---\nText.\n-- content/persons/пузанов-2.md --\n---\nname: Puzanov\n---\n"
    ));
    let o = recto(&["check", "--root", root.path().to_str().unwrap()]);
    let message = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{message}");
    for (file, suggestion) in [
        ("documents/éxample.md", "example.md"),
        ("persons/пузанов-2.md", "puzanov-2.md"),
    ] {
        let at = message
            .find(&format!("content/{file}: error: the file name"))
            .unwrap_or_else(|| panic!("{file}: {message}"));
        let hint = message[at..].lines().nth(1).unwrap();
        assert!(
            hint.ends_with(&format!("rename the file to `{suggestion}`")),
            "{hint}"
        );
    }
}

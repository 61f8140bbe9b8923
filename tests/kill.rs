//! The kill test: a build killed with SIGKILL at any point of its run leaves a complete
//! site (the previous one, or the new one if the swap was done), and the next build
//! succeeds and leaves no temporary folder beside the output.
//!
//! A 3,000-document edition is built in two states that differ on every page (the edition's
//! title); each round switches to the other state, starts a build, kills it (right away, at
//! a share of a measured full build, once its temporary folder holds some pages, or once
//! the new site is in place and the old one is being removed), and
//! checks that `public/` is byte-identical to one of the two complete sites. Where the kill
//! landed depends on timing, so it is printed, never asserted.
#![cfg(unix)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const DOCUMENTS: usize = 3_000;
const PERSONS: [(&str, &str); 5] = [
    ("kim-il-sung", "Kim Il Sung"),
    ("puzanov", "Aleksandr Puzanov"),
    ("mao-zedong", "Mao Zedong"),
    ("stalin", "Joseph Stalin"),
    ("zhou-enlai", "Zhou Enlai"),
];

/// Writes a generated edition: short dated documents naming a few persons.
fn generate(root: &Path) {
    let documents = root.join("content/documents");
    let persons = root.join("content/persons");
    std::fs::create_dir_all(&documents).unwrap();
    std::fs::create_dir_all(&persons).unwrap();
    for (id, name) in PERSONS {
        std::fs::write(
            persons.join(format!("{id}.md")),
            format!("---\nname: {name}\n---\nA person of the edition.\n"),
        )
        .unwrap();
    }
    for i in 0..DOCUMENTS {
        let (year, month, day) = (1950 + i % 11, 1 + i % 12, 1 + i % 28);
        let a = PERSONS[i % 5].1;
        let b = PERSONS[(i + 2) % 5].1;
        std::fs::write(
            documents.join(format!("record-{i:04}.md")),
            format!(
                "---\ntitle: Record of conversation {i} of {a} with {b}\ndate: {year}-{month:02}-{day:02}\n---\n\
                 {a} met {b} and said that the delegation would arrive in the spring of {year}. \
                 They spoke about the harvest, the factories and the schools of the province.\n"
            ),
        )
        .unwrap();
    }
}

/// One of the two states of the edition.
fn set_state(root: &Path, state: usize) {
    std::fs::write(
        root.join("content/edition.yaml"),
        format!("title: {}\n", title(state)),
    )
    .unwrap();
}

fn title(state: usize) -> String {
    format!("Kill Test Edition, state {state}")
}

fn start_build(root: &Path, out: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_recto"))
        .args(["build", "--root"])
        .arg(root)
        .arg("--out")
        .arg(out)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start recto")
}

fn full_build(root: &Path, out: &Path) {
    let o = start_build(root, out).wait_with_output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// Every file of a folder (relative path → bytes).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// The temporary folders of recto's beside `public/`.
fn temporary_folders(parent: &Path) -> Vec<String> {
    std::fs::read_dir(parent)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect()
}

/// Pages written so far into a temporary folder.
fn pages_written(parent: &Path) -> usize {
    temporary_folders(parent)
        .iter()
        .filter_map(|n| std::fs::read_dir(parent.join(n).join("documents")).ok())
        .map(|d| d.count())
        .max()
        .unwrap_or(0)
}

/// When to kill a build.
#[derive(Debug, Clone, Copy)]
enum When {
    After(Duration),
    /// Once its temporary folder holds this many document pages.
    Pages(usize),
    /// Once `public/` is the new site (while the old one is being removed).
    Swapped,
}

/// Kills the build when told; returns whether it was still running then.
fn kill(mut child: Child, when: When, parent: &Path, new_title: &str) -> bool {
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        let due = match when {
            When::After(d) => started.elapsed() >= d,
            When::Pages(n) => pages_written(parent) >= n,
            When::Swapped => std::fs::read_to_string(parent.join("public/index.html"))
                .is_ok_and(|page| page.contains(new_title)),
        };
        if due {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let _ = child.kill();
    child.wait().unwrap();
    true
}

#[test]
fn a_killed_build_never_loses_the_site() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("edition");
    let out = root.join("public");
    generate(&root);

    let mut sites = Vec::new();
    let mut full = Duration::MAX;
    for state in 0..2 {
        set_state(&root, state);
        let started = Instant::now();
        full_build(&root, &out);
        full = full.min(started.elapsed());
        sites.push(snapshot(&out));
    }
    assert_eq!(sites[0].len(), sites[1].len());
    assert!(sites[0].len() > DOCUMENTS, "{} files", sites[0].len());
    assert!(sites[0].iter().zip(&sites[1]).all(|(a, b)| a.0 == b.0));
    assert!(temporary_folders(&root).is_empty());

    let at = |share: f64| When::After(full.mul_f64(share));
    let plan = [
        When::After(Duration::ZERO),
        at(0.1),
        at(0.3),
        at(0.6),
        at(0.9),
        When::Pages(DOCUMENTS / 2),
        When::Pages(DOCUMENTS),
        When::Swapped,
    ];
    let mut current = 1;
    for (round, when) in plan.into_iter().enumerate() {
        let next = 1 - current;
        set_state(&root, next);
        let killed = kill(start_build(&root, &out), when, &root, &title(next));

        let now = snapshot(&out);
        let left = temporary_folders(&root);
        let landed = if now == sites[current] {
            "the previous site is in place"
        } else if now == sites[next] {
            "the new site is in place"
        } else {
            panic!(
                "round {round} ({when:?}): public/ is neither complete site ({} files; {} differ from the previous site)",
                now.len(),
                now.iter().filter(|(p, b)| sites[current].get(*p) != Some(b)).count()
            );
        };
        eprintln!(
            "round {round}: {when:?}: {}; {landed}; temporary folders left: {left:?}",
            if killed {
                "killed"
            } else {
                "finished before the kill"
            }
        );

        full_build(&root, &out);
        assert!(
            snapshot(&out) == sites[next],
            "round {round}: the next build differs"
        );
        assert_eq!(
            temporary_folders(&root),
            Vec::<String>::new(),
            "round {round}"
        );
        current = next;
    }
}

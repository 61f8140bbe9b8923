//! The build at scale: generated editions of 1,000, 10,000 and 100,000 documents, each built
//! by the real `recto build` binary as a child process, reporting per size the whole-process
//! wall time, the time of each stage (`--timings`), peak RSS, bytes written and the largest
//! page. A bench binary, not a timed test:
//!
//! ```sh
//! cargo bench --bench scale                 # 1k, 10k and 100k documents
//! cargo bench --bench scale -- 1000 10000   # chosen sizes (persons follow the table below)
//! ```
//!
//! Editions are generated once into `target/scale-editions/` and reused; the output goes to
//! `/dev/shm` when it exists (tmpfs), so the disk's speed is not what is measured. Each
//! size is built `RECTO_BENCH_RUNS` times (default 3) without a build cache, then with it:
//! nothing changed, and one document edited before each run.

#[path = "scale/edition.rs"]
mod edition;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Persons in the register for an edition of `documents` documents.
fn register_size(documents: usize) -> usize {
    match documents {
        0..=1_000 => 500,
        1_001..=10_000 => 2_000,
        _ => 6_000,
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let bench = args.iter().any(|a| a == "--bench");
    let mut sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    if sizes.is_empty() {
        // Under `cargo test --benches` stay quick; under `cargo bench` measure the three sizes.
        sizes = if bench {
            vec![1_000, 10_000, 100_000]
        } else {
            vec![200]
        };
    }
    let runs: usize = std::env::var("RECTO_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(if bench { 3 } else { 1 });
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_recto"));
    let editions = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/scale-editions");
    let scratch = if Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    println!(
        "{:>9} {:>8} {:>10} {:>10} {:>8} {:>10} {:>10} {:>11}  stages (median run)",
        "documents",
        "persons",
        "wall s",
        "(min-max)",
        "cpu s",
        "peak MiB",
        "written MB",
        "largest kB"
    );
    for documents in sizes {
        let persons = register_size(documents);
        let root = editions.join(format!("{documents}-{persons}"));
        ensure_edition(&root, documents, persons);
        let out = scratch.join(format!("recto-scale-{}-{documents}", std::process::id()));
        let cache = root.join(".recto-cache");
        let mut measured: Vec<Run> = (0..runs)
            .map(|_| {
                let _ = std::fs::remove_dir_all(&out);
                let _ = std::fs::remove_dir_all(&cache);
                build(&binary, &root, &out, false)
            })
            .collect();
        // With the build cache: nothing changed, then one document edited before each run.
        let first_cached = build(&binary, &root, &out, true).wall;
        let mut unchanged: Vec<f64> = (0..runs)
            .map(|_| build(&binary, &root, &out, true).wall)
            .collect();
        let edited = root.join("content/documents/d000000.md");
        let original = std::fs::read_to_string(&edited).expect("the first document");
        let mut one_edit: Vec<f64> = (0..runs)
            .map(|round| {
                std::fs::write(&edited, format!("{original}\nEdited, round {round}.\n"))
                    .expect("edit");
                build(&binary, &root, &out, true).wall
            })
            .collect();
        std::fs::write(&edited, &original).expect("restore");
        let _ = std::fs::remove_dir_all(&cache);
        unchanged.sort_by(f64::total_cmp);
        one_edit.sort_by(f64::total_cmp);
        measured.sort_by(|a, b| a.wall.total_cmp(&b.wall));
        let median = &measured[measured.len() / 2];
        let (bytes, largest, largest_path) = output_size(&out);
        println!(
            "{documents:>9} {persons:>8} {:>10.2} {:>10} {:>8.2} {:>10.0} {:>10.1} {:>11.0}  {}",
            median.wall,
            format!(
                "{:.2}-{:.2}",
                measured[0].wall,
                measured[measured.len() - 1].wall
            ),
            median.cpu,
            measured.iter().map(|r| r.peak_kib).max().unwrap_or(0) as f64 / 1024.0,
            bytes as f64 / 1e6,
            largest as f64 / 1e3,
            median.stages
        );
        println!("{:>9} largest page: {largest_path}", "");
        println!(
            "{:>9} --cache: first {first_cached:.2} s, nothing changed {:.2} s ({:.2}-{:.2}), one document edited {:.2} s ({:.2}-{:.2})",
            "",
            unchanged[unchanged.len() / 2],
            unchanged[0],
            unchanged[unchanged.len() - 1],
            one_edit[one_edit.len() / 2],
            one_edit[0],
            one_edit[one_edit.len() - 1]
        );
        let _ = std::fs::remove_dir_all(&out);
    }
}

struct Run {
    wall: f64,
    /// User + system CPU seconds (steadier than wall time on a busy machine).
    cpu: f64,
    peak_kib: i64,
    stages: String,
}

fn ensure_edition(root: &Path, documents: usize, persons: usize) {
    let done = root.join(".generated");
    if done.exists() {
        return;
    }
    let _ = std::fs::remove_dir_all(root);
    let started = Instant::now();
    let written = edition::write(root, documents, persons).expect("write the generated edition");
    std::fs::write(&done, b"").expect("mark the edition");
    eprintln!(
        "generated {} documents ({:.1} MB of text), {} persons in {:.1} s",
        written.documents,
        written.text_bytes as f64 / 1e6,
        written.persons,
        started.elapsed().as_secs_f64()
    );
}

/// Runs one build as a child and reads its own resource usage (wait4), so the figure is
/// the child's peak RSS alone.
fn build(binary: &Path, root: &Path, out: &Path, cache: bool) -> Run {
    let started = Instant::now();
    let child = Command::new(binary)
        .arg("build")
        .args(cache.then_some("--cache"))
        .arg("--timings")
        .arg("--root")
        .arg(root)
        .arg("--out")
        .arg(out)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start recto build");
    let pid = child.id() as libc::pid_t;
    let output = {
        // Read the pipes on threads so a chatty child never blocks, then reap it with wait4.
        let mut child = child;
        let mut stdout = child.stdout.take().expect("stdout");
        let mut stderr = child.stderr.take().expect("stderr");
        let o = std::thread::spawn(move || {
            let mut s = String::new();
            std::io::Read::read_to_string(&mut stdout, &mut s).ok();
            s
        });
        let e = std::thread::spawn(move || {
            let mut s = String::new();
            std::io::Read::read_to_string(&mut stderr, &mut s).ok();
            s
        });
        let mut status = 0;
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: pid is our own child, status and usage are valid for writing.
        let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        assert_eq!(reaped, pid, "wait4 failed");
        std::mem::forget(child);
        let wall = started.elapsed().as_secs_f64();
        let (stdout, stderr) = (o.join().unwrap_or_default(), e.join().unwrap_or_default());
        assert!(
            libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
            "recto build failed:\n{stdout}\n{stderr}"
        );
        let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
        let cpu = seconds(usage.ru_utime) + seconds(usage.ru_stime);
        (wall, usage.ru_maxrss, stderr, cpu)
    };
    let stages = output
        .2
        .lines()
        .filter_map(|l| {
            let mut parts = l.split_whitespace();
            let name = parts.next()?;
            let ms: f64 = parts.next()?.parse().ok()?;
            Some(format!("{name} {:.2}", ms / 1000.0))
        })
        .collect::<Vec<_>>()
        .join(", ");
    Run {
        wall: output.0,
        cpu: output.3,
        peak_kib: output.1,
        stages,
    }
}

/// Total bytes under `out`, the largest file's size and its path.
fn output_size(out: &Path) -> (u64, u64, String) {
    let mut total = 0;
    let mut largest = (0, String::new());
    for entry in walkdir::WalkDir::new(out).into_iter().flatten() {
        if let Ok(meta) = entry.metadata() {
            if meta.is_file() {
                total += meta.len();
                if meta.len() > largest.0 {
                    largest = (
                        meta.len(),
                        entry
                            .path()
                            .strip_prefix(out)
                            .unwrap_or(entry.path())
                            .display()
                            .to_string(),
                    );
                }
            }
        }
    }
    (total, largest.0, largest.1)
}

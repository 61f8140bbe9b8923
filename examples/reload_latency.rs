//! Measures the preview's edit-to-reload latency on an edition (the shipped one by default):
//! the time from saving a document to the reload event reaching an open page, and to that
//! page's new content being fetched.
//!
//! ```text
//! cargo run --release --example reload_latency [-- ROOT [ROUNDS]]
//! ```
//!
//! The edition is copied to a temporary folder first, so the real one is never edited.
//! The latency includes the watcher's debounce (50 ms), which is most of it.

use recto::serve::{self, Options};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1);
    let root = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    let rounds: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(30);

    let copy = tempfile::tempdir().expect("temp dir");
    for folder in ["content", "templates", "static", "themes"] {
        let from = root.join(folder);
        if from.is_dir() {
            copy_tree(&from, &copy.path().join(folder));
        }
    }
    let documents = copy.path().join("content/documents");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&documents)
        .expect("content/documents")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    names.sort();
    let document = names.first().expect("a document").clone();
    let id = document.file_stem().unwrap().to_string_lossy().into_owned();

    let options = Options {
        port: 0,
        quiet: true,
        ..Options::new(copy.path())
    };
    let started = Instant::now();
    let server = serve::start(options).expect("server");
    let status = server.status();
    assert!(
        !status.is_broken(),
        "the edition does not build: {:?}",
        status.problems
    );
    println!(
        "edition {} ({} ms to first build and listen), editing {id}",
        root.display(),
        started.elapsed().as_millis()
    );

    let events = listen(&server);
    wait(&events, |_| true, "the current state");
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let page = format!("http://{}/documents/{id}.html", server.addr());
    let original = std::fs::read_to_string(&document).unwrap();

    let mut to_event = Vec::with_capacity(rounds);
    let mut to_page = Vec::with_capacity(rounds);
    for round in 0..rounds {
        let marker = format!("Latency probe number {round}.");
        let before = server.status().build;
        let saved = Instant::now();
        std::fs::write(&document, format!("{original}\n{marker}\n")).unwrap();
        wait(&events, |build| build != before, "the reload event");
        to_event.push(saved.elapsed());
        let body = agent
            .get(&page)
            .call()
            .expect("page")
            .into_body()
            .read_to_string()
            .expect("page body");
        to_page.push(saved.elapsed());
        assert!(
            body.contains(&marker),
            "round {round}: the page lacks the edit"
        );
        // Let the watcher settle so rounds do not merge.
        std::thread::sleep(Duration::from_millis(150));
    }
    server.shutdown();

    report("save -> reload event", &mut to_event);
    report("save -> new page fetched", &mut to_page);

    // The same edit without the watcher: what the rebuild itself costs, against a full build.
    let out = tempfile::tempdir().expect("temp dir");
    let mut session = recto::site::incremental::Session::new(copy.path(), &out.path().join("site"));
    session.rebuild().expect("first build");
    let mut incremental = Vec::with_capacity(rounds);
    let mut full = Vec::with_capacity(rounds);
    for round in 0..rounds {
        std::fs::write(&document, format!("{original}\nRebuild probe {round}.\n")).unwrap();
        let clock = Instant::now();
        let rebuild = session.rebuild().expect("rebuild");
        incremental.push(clock.elapsed());
        if round + 1 == rounds {
            let stages: Vec<String> = rebuild
                .timings
                .iter()
                .map(|(stage, t)| format!("{stage} {:.0} ms", t.as_secs_f64() * 1000.0))
                .collect();
            println!(
                "last rebuild: {}; {} texts and {} pages rendered",
                stages.join(", "),
                rebuild.texts_rendered,
                rebuild.pages_rendered
            );
        }
        let clock = Instant::now();
        recto::site::build(copy.path(), &out.path().join("full")).expect("full build");
        full.push(clock.elapsed());
    }
    report("incremental rebuild", &mut incremental);
    report("full build (site::build)", &mut full);
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "{what:<26} median {:>6.1} ms   p90 {:>6.1} ms   min {:>6.1} ms   max {:>6.1} ms   ({} rounds)",
        ms(at(0.5)),
        ms(at(0.9)),
        ms(times[0]),
        ms(times[times.len() - 1]),
        times.len()
    );
}

/// The builds announced on the events stream, as they arrive.
fn listen(server: &serve::Server) -> mpsc::Receiver<String> {
    let url = format!("http://{}/__recto/events", server.addr());
    let response = ureq::get(&url).call().expect("events");
    let reader = BufReader::new(response.into_body().into_reader());
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        for line in reader.lines() {
            let Ok(line) = line else { break };
            if let Some(data) = line.strip_prefix("data:") {
                let value: serde_json::Value =
                    serde_json::from_str(data.trim()).unwrap_or_default();
                let build = value["build"].as_str().unwrap_or("").to_string();
                if send.send(build).is_err() {
                    break;
                }
            }
        }
    });
    receive
}

fn wait(events: &mpsc::Receiver<String>, wanted: impl Fn(&str) -> bool, what: &str) {
    let end = Instant::now() + Duration::from_secs(20);
    loop {
        let left = end.saturating_duration_since(Instant::now());
        match events.recv_timeout(left) {
            Ok(build) if wanted(&build) => return,
            Ok(_) => {}
            Err(_) => panic!("no {what} within 20 s"),
        }
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

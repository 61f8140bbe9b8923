//! `recto serve` end to end: a real server on a free port, a real temporary edition, real
//! HTTP. Waits poll with a deadline (generous, for a loaded CI machine) and return as soon
//! as the awaited thing happens; no test asserts after a fixed sleep.

mod common;

use recto::serve::{self, Options, Server};
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const DEADLINE: Duration = Duration::from_secs(20);

const EDITION: &str = r#"
-- content/edition.yaml --
title: Serve Test Edition
-- content/documents/letter-1957-12-17.md --
---
title: A Letter of December 1957
date: 1957-12-17
persons: [kim-il-sung]
---
Kim Il Sung writes about the harvest.
-- content/documents/memo-1950-04.md --
---
title: A Memorandum of April 1950
date: 1950-04
---
The first paragraph of the memorandum.
-- content/persons/kim-il-sung.md --
---
name: Kim Il Sung
---
Leader of the DPRK.
"#;

const LETTER: &str = "content/documents/letter-1957-12-17.md";

fn start(root: &Path) -> Server {
    let options = Options {
        port: 0,
        quiet: true,
        ..Options::new(root)
    };
    serve::start(options).expect("server starts")
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .max_redirects_will_error(false)
        .timeout_global(Some(DEADLINE))
        .build()
        .into()
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn fetch(server: &Server, method: &str, path: &str) -> Reply {
    let url = format!("http://{}{}", server.addr(), path);
    let agent = agent();
    let response = match method {
        "GET" => agent.get(&url).call(),
        "HEAD" => agent.head(&url).call(),
        "POST" => agent.post(&url).send(""),
        other => panic!("no method {other}"),
    }
    .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or("").to_string()))
        .collect();
    let body = response
        .into_body()
        .read_to_string()
        .unwrap_or_else(|e| panic!("{method} {path} body: {e}"));
    Reply {
        status,
        headers,
        body,
    }
}

fn get(server: &Server, path: &str) -> Reply {
    fetch(server, "GET", path)
}

/// A request written by hand, byte for byte: HTTP clients normalise `..` away, probes don't.
fn raw_get(server: &Server, target: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(server.addr()).expect("connect");
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).expect("read response");
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {text:?}"));
    (status, text)
}

/// The live-reload stream of one open page: each event's JSON, in order.
struct Events {
    received: mpsc::Receiver<Value>,
}

impl Events {
    fn open(server: &Server) -> Events {
        let url = format!("http://{}/__recto/events", server.addr());
        let response = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .new_agent()
            .get(&url)
            .call()
            .expect("events stream");
        assert_eq!(response.status().as_u16(), 200);
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        assert!(
            content_type.starts_with("text/event-stream"),
            "{content_type}"
        );
        let (send, received) = mpsc::channel();
        let reader = BufReader::new(response.into_body().into_reader());
        std::thread::spawn(move || {
            let mut kind = String::new();
            for line in reader.lines() {
                let Ok(line) = line else { break };
                if let Some(name) = line.strip_prefix("event:") {
                    kind = name.trim().to_string();
                } else if let Some(data) = line.strip_prefix("data:") {
                    if kind == "state" {
                        if let Ok(value) = serde_json::from_str::<Value>(data.trim()) {
                            if send.send(value).is_err() {
                                break;
                            }
                        }
                    }
                }
            }
        });
        Events { received }
    }

    /// The first event satisfying `wanted`, within the deadline.
    fn wait_for(&self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        let end = Instant::now() + DEADLINE;
        let mut seen = Vec::new();
        loop {
            let left = end.saturating_duration_since(Instant::now());
            match self.received.recv_timeout(left) {
                Ok(event) if wanted(&event) => return event,
                Ok(event) => seen.push(event),
                Err(_) => panic!("no event with {what} within {DEADLINE:?}; saw {seen:#?}"),
            }
        }
    }
}

/// Polls `check` until it returns something, within the deadline.
fn eventually<T>(what: &str, mut check: impl FnMut() -> Option<T>) -> T {
    let end = Instant::now() + DEADLINE;
    loop {
        if let Some(value) = check() {
            return value;
        }
        assert!(Instant::now() < end, "not within {DEADLINE:?}: {what}");
        std::thread::sleep(Duration::from_millis(25));
    }
}

fn edit(root: &Path, file: &str, change: impl FnOnce(String) -> String) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let changed = change(text);
    std::fs::write(&path, changed).unwrap();
}

fn script_tags(html: &str) -> Vec<String> {
    let page = scraper::Html::parse_document(html);
    common::select(&page, "script[src='/__recto/live.js']")
        .iter()
        .map(|e| e.value().attr("data-build").unwrap_or("").to_string())
        .collect()
}

#[test]
fn serves_pages_with_their_types_folders_and_the_sites_404_page() {
    let edition = common::edition(EDITION);
    let server = start(edition.path());
    assert!(server.addr().ip().is_loopback());
    assert_ne!(server.addr().port(), 0, "port 0 takes a free port");
    assert_eq!(server.url(), format!("http://{}/", server.addr()));

    let home = get(&server, "/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(home.header("cache-control"), Some("no-store"));
    let page = scraper::Html::parse_document(&home.body);
    assert_eq!(common::texts(&page, "title"), ["Serve Test Edition"]);
    assert_eq!(
        script_tags(&home.body).len(),
        1,
        "the reload script is added once"
    );
    assert_eq!(get(&server, "/index.html").body, home.body);

    let css = get(&server, "/static/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    let on_disk = std::fs::read_to_string(server.site_dir().join("static/style.css")).unwrap();
    assert_eq!(css.body, on_disk, "other files are served as they are");

    let letter = get(&server, "/documents/letter-1957-12-17.html");
    assert_eq!(letter.status, 200);
    assert!(letter.body.contains("writes about the harvest"));

    // A folder: its index.html, after the browser is sent to the address with a slash
    // (so the page's relative links resolve).
    let folder = get(&server, "/timeline");
    assert_eq!(folder.status, 307);
    assert_eq!(folder.header("location"), Some("/timeline/"));
    let folder = get(&server, "/timeline/?x=1");
    assert_eq!(folder.status, 200);
    let built = std::fs::read_to_string(server.site_dir().join("timeline/index.html")).unwrap();
    assert!(folder
        .body
        .starts_with(built.split("</body>").next().unwrap()));

    // Missing: the site's own 404 page, with status 404 and the reload script.
    let missing = get(&server, "/documents/no-such-document.html");
    assert_eq!(missing.status, 404);
    assert_eq!(
        missing.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let not_found = std::fs::read_to_string(server.site_dir().join("404.html")).unwrap();
    let page = scraper::Html::parse_document(&not_found);
    let title = common::texts(&page, "title");
    let served = scraper::Html::parse_document(&missing.body);
    assert_eq!(common::texts(&served, "title"), title);
    assert_eq!(script_tags(&missing.body).len(), 1);
    assert_eq!(get(&server, "/no/such/folder/").status, 404);

    // HEAD: the same headers, no body.
    let head = fetch(&server, "HEAD", "/");
    assert_eq!(head.status, 200);
    assert_eq!(head.body, "");
    assert_eq!(
        head.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(
        head.header("content-length"),
        Some(home.body.len().to_string().as_str())
    );
    let head_css = fetch(&server, "HEAD", "/static/style.css");
    assert_eq!(head_css.body, "");
    assert_eq!(
        head_css.header("content-length"),
        Some(on_disk.len().to_string().as_str())
    );
    assert_eq!(fetch(&server, "HEAD", "/missing.html").status, 404);

    let post = fetch(&server, "POST", "/");
    assert_eq!(post.status, 405);
    assert_eq!(post.header("allow"), Some("GET, HEAD"));

    let script = get(&server, "/__recto/live.js");
    assert_eq!(script.status, 200);
    assert!(script
        .header("content-type")
        .unwrap()
        .starts_with("text/javascript"));
    assert!(script.body.contains("EventSource"));
    server.shutdown();
}

#[test]
fn no_request_leaves_the_site_folder() {
    let edition = common::edition(EDITION);
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "TOP SECRET").unwrap();
    let server = start(edition.path());
    let site = server.site_dir().to_path_buf();

    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink(outside.path().join("secret.txt"), site.join("leak.txt")).unwrap();
        symlink(outside.path(), site.join("outside")).unwrap();
        symlink(site.join("index.html"), site.join("home.html")).unwrap();
        // A symlink that stays inside is an ordinary file.
        assert_eq!(raw_get(&server, "/home.html").0, 200);
    }
    // The file each probe aims at exists, so only the guard stands between.
    let depth = site.components().count();
    let up = "../".repeat(depth);
    let up_encoded = "%2e%2e/".repeat(depth);
    let secret = outside.path().join("secret.txt");
    let secret = secret.to_string_lossy();
    let secret = secret.trim_start_matches('/');
    let edition_file = edition.path().join(LETTER);
    let edition_file = edition_file.to_string_lossy();
    let edition_file = edition_file.trim_start_matches('/');
    for target in [
        format!("/{up}{secret}"),
        format!("/{up_encoded}{secret}"),
        format!("/{}{secret}", "%2E%2E%2F".repeat(depth)),
        format!("/documents/{}{secret}", "..%2f".repeat(depth + 1)),
        format!("/static/{}{secret}", "%2e%2e%5c".repeat(depth + 1)),
        format!("/{}{secret}", ".%2e/".repeat(depth)),
        format!("/{up}{edition_file}"),
        // The absolute form a proxy would send.
        format!("http://localhost/{up}{secret}"),
        "/leak.txt".to_string(),
        "/outside/secret.txt".to_string(),
        "/outside/".to_string(),
        "/outside".to_string(),
        "/.recto-site".to_string(),
        "/./index.html".to_string(),
        "/%00".to_string(),
        "/%ff%fe".to_string(),
    ] {
        let (status, text) = raw_get(&server, &target);
        assert_eq!(status, 404, "{target} answered {status}:\n{text}");
        assert!(!text.contains("TOP SECRET"), "{target} leaked the file");
        assert!(
            !text.contains("harvest"),
            "{target} leaked the edition's source"
        );
    }
    server.shutdown();
}

#[test]
fn an_edit_reloads_open_pages_with_the_new_content() {
    let edition = common::edition(EDITION);
    let server = start(edition.path());
    let page = "/documents/letter-1957-12-17.html";
    let before = get(&server, page);
    let build = script_tags(&before.body).pop().expect("script tag");
    let events = Events::open(&server);
    // A new listener first hears the current state: the build its page came from.
    let first = events.wait_for("the current build", |_| true);
    assert_eq!(first["build"], build.as_str());
    assert_eq!(first["errors"], 0);

    edit(edition.path(), LETTER, |t| {
        t.replace("about the harvest", "about the railway")
    });
    let reload = events.wait_for("a new build", |e| e["build"] != build.as_str());
    assert_eq!(reload["errors"], 0);
    assert!(reload["overlay"].is_null());
    let after = get(&server, page);
    assert!(after.body.contains("about the railway"), "{}", after.body);
    assert!(!after.body.contains("harvest"));
    assert_eq!(
        script_tags(&after.body),
        [reload["build"].as_str().unwrap().to_string()]
    );
    let status = server.status();
    assert_eq!(status.build, reload["build"].as_str().unwrap());

    // A new document appears in the lists; a removed one disappears. The files of a
    // rebuild are written in parallel, so the pages are compared once the build is
    // announced (as open pages see them), not while it is being written.
    let before_note = server.status().build;
    std::fs::write(
        edition.path().join("content/documents/note-1953-07.md"),
        "---\ntitle: A Note of July 1953\ndate: 1953-07\n---\nArmistice.\n",
    )
    .unwrap();
    eventually("the new document is built", || {
        (server.status().build != before_note).then_some(())
    });
    let list = get(&server, "/documents/");
    assert!(list.body.contains("A Note of July 1953"), "{}", list.body);
    assert_eq!(get(&server, "/documents/note-1953-07.html").status, 200);
    std::fs::remove_file(edition.path().join("content/documents/note-1953-07.md")).unwrap();
    eventually("the removed document is gone", || {
        (get(&server, "/documents/note-1953-07.html").status == 404).then_some(())
    });
    server.shutdown();
}

#[test]
fn a_broken_edition_shows_the_overlay_over_the_last_good_pages() {
    let edition = common::edition(EDITION);
    let server = start(edition.path());
    let page = "/documents/letter-1957-12-17.html";
    let good = get(&server, page);
    let build = script_tags(&good.body).pop().unwrap();
    let events = Events::open(&server);
    events.wait_for("the current build", |e| e["build"] == build.as_str());

    // Break the front matter (an unclosed list) and change the text in the same save.
    edit(edition.path(), LETTER, |t| {
        t.replace("persons: [kim-il-sung]", "persons: [kim-il-sung")
            .replace("harvest", "weather")
    });
    let broken = events.wait_for("the problems", |e| e["errors"].as_u64() > Some(0));
    assert_eq!(
        broken["build"],
        build.as_str(),
        "no reload: the pages did not change"
    );
    let overlay = broken["overlay"].as_str().expect("overlay html");
    assert!(overlay.contains("letter-1957-12-17.md:"), "{overlay}");

    // The last good page is still served, with the overlay over it naming file and line.
    let served = get(&server, page);
    assert_eq!(served.status, 200);
    assert!(served.body.contains("writes about the harvest"));
    let html = scraper::Html::parse_document(&served.body);
    let places = common::texts(&html, "#recto-overlay li code");
    assert!(
        places.iter().any(|p| {
            let tail = p.rsplit("letter-1957-12-17.md:").next().unwrap_or("");
            p.contains("content/documents/letter-1957-12-17.md:")
                && tail
                    .split(':')
                    .next()
                    .is_some_and(|l| l.parse::<usize>().is_ok())
        }),
        "no file:line in {places:?}"
    );
    assert_eq!(
        common::texts(&html, "#recto-overlay h2"),
        ["The edition has 1 error"]
    );
    let status: Value = serde_json::from_str(&get(&server, "/__recto/status").body).unwrap();
    assert!(status["problems"][0]["line"].as_u64().is_some(), "{status}");

    // Fixing the file clears the overlay and reloads with the new text.
    edit(edition.path(), LETTER, |t| {
        t.replace("persons: [kim-il-sung", "persons: [kim-il-sung]")
    });
    let fixed = events.wait_for("the fix", |e| e["errors"] == 0);
    assert_ne!(fixed["build"], build.as_str());
    assert!(fixed["overlay"].is_null());
    let served = get(&server, page);
    assert!(served.body.contains("writes about the weather"));
    assert!(!served.body.contains("recto-overlay"));
    server.shutdown();
}

#[test]
fn an_edition_broken_from_the_start_is_served_once_fixed() {
    let edition = common::edition(EDITION);
    edit(edition.path(), LETTER, |t| {
        t.replace("date: 1957-12-17", "date: 1957-13-17")
    });
    let server = start(edition.path());
    let waiting = get(&server, "/");
    assert_eq!(waiting.status, 503);
    let html = scraper::Html::parse_document(&waiting.body);
    let places = common::texts(&html, "#recto-overlay li code");
    let text = std::fs::read_to_string(edition.path().join(LETTER)).unwrap();
    let line = 1 + text.lines().position(|l| l.starts_with("date:")).unwrap();
    let place = format!("letter-1957-12-17.md:{line}:7");
    assert!(places.iter().any(|p| p.ends_with(&place)), "{places:?}");
    assert_eq!(script_tags(&waiting.body), [""]);

    edit(edition.path(), LETTER, |t| {
        t.replace("date: 1957-13-17", "date: 1957-12-17")
    });
    let served = eventually("the site is served", || {
        let home = get(&server, "/");
        (home.status == 200).then_some(home)
    });
    assert!(!served.body.contains("recto-overlay"));
    server.shutdown();
}

#[test]
fn a_save_that_changes_nothing_reloads_nothing() {
    let edition = common::edition(EDITION);
    let server = start(edition.path());
    let version = server.status().version;
    // Saved again as it was, and an editor's scratch file: neither changes the site.
    edit(edition.path(), LETTER, |t| t);
    std::fs::write(
        edition.path().join("content/documents/.letter.md.swp"),
        "scratch",
    )
    .unwrap();
    // Then a real edit: exactly one new build.
    edit(edition.path(), "content/persons/kim-il-sung.md", |t| {
        t.replace("Leader of the DPRK.", "Chairman of the Cabinet.")
    });
    eventually("the person page changes", || {
        let page = get(&server, "/persons/kim-il-sung.html");
        page.body.contains("Chairman of the Cabinet").then_some(())
    });
    assert_eq!(server.status().version, version + 1);
    server.shutdown();
}

#[test]
fn many_clients_at_once() {
    let edition = common::edition(EDITION);
    let server = start(edition.path());
    let expected: Vec<(&str, u16)> = vec![
        ("/", 200),
        ("/documents/", 200),
        ("/persons/kim-il-sung.html", 200),
        ("/static/style.css", 200),
        ("/missing", 404),
    ];
    std::thread::scope(|scope| {
        for t in 0..8 {
            let server = &server;
            let expected = &expected;
            scope.spawn(move || {
                for i in 0..20 {
                    let (path, status) = expected[(t + i) % expected.len()];
                    assert_eq!(get(server, path).status, status, "{path}");
                }
            });
        }
    });
    server.shutdown();
}

#[test]
fn shutdown_ends_open_event_streams() {
    let edition = common::edition(EDITION);
    let server = start(edition.path());
    let events = Events::open(&server);
    events.wait_for("the current build", |_| true);
    let addr = server.addr();
    let started = Instant::now();
    server.shutdown();
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "shutdown took {:?}",
        started.elapsed()
    );
    // The stream has ended: its reader hangs up.
    assert!(matches!(
        events.received.recv_timeout(DEADLINE),
        Err(mpsc::RecvTimeoutError::Disconnected)
    ));
    assert!(
        TcpStream::connect(addr).is_err(),
        "nothing listens any more"
    );
}

#[test]
fn the_reload_script_is_never_in_the_build_output() {
    let edition = common::edition(EDITION);
    let (_keep, out) = common::build(edition.path());
    let mut checked = 0;
    for file in files_under(&out) {
        let bytes = std::fs::read(&file).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("__recto"),
            "{} has the reload script",
            file.display()
        );
        assert!(!text.contains("recto-overlay"), "{}", file.display());
        checked += 1;
    }
    assert!(checked > 5);
    // Nor in the preview's own folder: the script is added as pages are served.
    let server = start(edition.path());
    for file in files_under(server.site_dir()) {
        let text = String::from_utf8_lossy(&std::fs::read(&file).unwrap()).into_owned();
        assert!(!text.contains("__recto"), "{}", file.display());
    }
    server.shutdown();
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let edition = common::edition(EDITION);
    let first = start(edition.path());
    let options = Options {
        port: first.addr().port(),
        quiet: true,
        ..Options::new(edition.path())
    };
    let error = serve::start(options).err().expect("second server fails");
    let message = error.to_string();
    assert!(message.contains("--port 0"), "{message}");
    first.shutdown();
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out
}

//! The preview end to end with a rebuild that panics: the panic is shown, the server keeps
//! serving, and later saves are still rebuilt. The panic is injected by the test's own
//! build step (wrapping the real session), never by anything content can reach.

use super::*;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

const DEADLINE: Duration = Duration::from_secs(20);
const DOCUMENT: &str = "content/documents/letter-1957.md";
const MARK: &str = "PANIC-IN-TEST";

fn write(root: &Path, file: &str, text: &str) {
    let path = root.join(file);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn letter(body: &str) -> String {
    format!("---\ntitle: A Letter\ndate: 1957-12-17\n---\n{body}\n")
}

/// GET `path`; the status and the body.
fn get(server: &Server, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(server.addr()).unwrap();
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).unwrap();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_string();
    (status, body)
}

fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let end = Instant::now() + DEADLINE;
    while !check() {
        assert!(Instant::now() < end, "not within {DEADLINE:?}: {what}");
        std::thread::sleep(Duration::from_millis(25));
    }
}

#[test]
fn a_panicking_rebuild_is_shown_and_later_saves_are_still_built() {
    let edition = tempfile::tempdir().unwrap();
    let root = edition.path();
    write(root, "content/edition.yaml", "title: Panic Test\n");
    write(root, DOCUMENT, &letter("The harvest is good."));
    let made = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&made);
    let options = Options {
        port: 0,
        quiet: true,
        ..Options::new(root)
    };
    let server = start_with(options, move |root, site| {
        let mut real = rebuild::session(root, site);
        let document = root.join(DOCUMENT);
        Box::new(move || {
            counter.fetch_add(1, Ordering::SeqCst);
            let mut step = real();
            let document = document.clone();
            Box::new(move || {
                let text = std::fs::read_to_string(&document).unwrap_or_default();
                if text.contains(MARK) {
                    panic!("byte index 3 is not a char boundary (injected by the test)");
                }
                step()
            })
        })
    })
    .unwrap();
    let page = "/documents/letter-1957.html";
    assert!(get(&server, page).1.contains("The harvest is good."));

    write(root, DOCUMENT, &letter(&format!("The harvest {MARK}.")));
    eventually("the panic is shown", || server.status().is_broken());
    let (status, body) = get(&server, page);
    assert_eq!(status, 200, "the last good page is still served");
    let html = scraper::Html::parse_document(&body);
    let overlay = scraper::Selector::parse("#recto-overlay").unwrap();
    let overlay: String = html
        .select(&overlay)
        .next()
        .expect("the overlay")
        .text()
        .collect();
    assert!(overlay.contains("recto had an internal error"), "{overlay}");
    assert!(
        overlay.contains("byte index 3 is not a char boundary"),
        "{overlay}"
    );
    assert!(overlay.contains("please report this at"), "{overlay}");
    assert!(overlay.contains(DOCUMENT), "{overlay}");
    assert!(
        body.contains("The harvest is good."),
        "under the overlay: the last good page"
    );
    assert_eq!(made.load(Ordering::SeqCst), 2, "the session is made afresh");

    write(root, DOCUMENT, &letter("The harvest is poor."));
    eventually("the next clean build clears the overlay", || {
        !server.status().is_broken() && get(&server, page).1.contains("The harvest is poor.")
    });
    assert!(!get(&server, page).1.contains("recto-overlay\""));

    write(root, DOCUMENT, &letter("The harvest is over."));
    eventually("and the one after is built too", || {
        get(&server, page).1.contains("The harvest is over.")
    });
    server.shutdown();
}

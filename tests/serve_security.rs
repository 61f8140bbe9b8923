//! The preview against hostile clients: requests addressed to another site (DNS
//! rebinding) are refused, and connections that send no complete request head are closed
//! (slowloris, idle sockets). Requests are written by hand on raw sockets, byte for byte.
//! Waits are bounded (a generous deadline, four times the server's header timeout) and
//! nothing asserts how fast anything is.

mod common;

use recto::serve::{self, listen::HEADER_TIMEOUT, Options, Server};
use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::TcpStream;
use std::sync::mpsc;
use std::time::Duration;

const DEADLINE: Duration = Duration::from_secs(20);

const EDITION: &str = r#"
-- content/edition.yaml --
title: Security Test Edition
-- content/documents/letter-1957-12-17.md --
---
title: A Letter of December 1957
date: 1957-12-17
---
The harvest is good.
"#;

fn start(root: &std::path::Path) -> Server {
    serve::start(Options {
        port: 0,
        quiet: true,
        ..Options::new(root)
    })
    .expect("server starts")
}

fn connect(server: &Server) -> TcpStream {
    let stream = TcpStream::connect(server.addr()).expect("connect");
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    stream
}

/// Sends `request` as it is and reads the whole answer (the request asks to close).
fn exchange(server: &Server, request: &str) -> (u16, String) {
    let mut stream = connect(server);
    stream.write_all(request.as_bytes()).unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).expect("read response");
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {text:?}"));
    (status, text)
}

fn get_with_host(server: &Server, path: &str, host: &str) -> (u16, String) {
    exchange(
        server,
        &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
    )
}

/// Reads until the server closes the connection; panics if it is still open at the
/// deadline. Returns what was received.
fn read_until_closed(stream: &mut TcpStream) -> Vec<u8> {
    let mut received = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return received,
            Ok(n) => received.extend_from_slice(&buffer[..n]),
            Err(e) if e.kind() == ErrorKind::ConnectionReset => return received,
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                panic!("the server kept the connection open for {DEADLINE:?}")
            }
            Err(e) => panic!("read: {e}"),
        }
    }
}

#[test]
fn requests_addressed_to_another_site_are_refused() {
    assert!(DEADLINE >= HEADER_TIMEOUT * 4);
    let edition = common::edition(EDITION);
    let server = start(edition.path());
    let port = server.addr().port();
    let site = server.site_dir().to_string_lossy().to_string();

    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
        "localhost".to_string(),
    ] {
        let (status, text) = get_with_host(&server, "/documents/letter-1957-12-17.html", &host);
        assert_eq!(status, 200, "Host: {host}\n{text}");
        assert!(text.contains("The harvest is good."), "Host: {host}");
    }
    for path in [
        "/",
        "/documents/letter-1957-12-17.html",
        "/__recto/status",
        "/__recto/events",
    ] {
        for host in [
            format!("evil.example:{port}"),
            format!("localhost.evil.example:{port}"),
            format!("192.0.2.7:{port}"),
            "localhost:notaport".to_string(),
        ] {
            let (status, text) = get_with_host(&server, path, &host);
            assert_eq!(status, 403, "{path} with Host: {host}\n{text}");
            assert!(text.contains("recto preview"), "{text}");
            assert!(
                text.contains(&format!("http://localhost:{port}/")),
                "{text}"
            );
            assert!(!text.contains("harvest"), "{path} leaked a page");
            assert!(!text.contains(&site), "{path} leaked the preview's folder");
        }
    }
    // No Host at all, and an absolute target naming another site.
    let (status, _) = exchange(&server, "GET / HTTP/1.0\r\n\r\n");
    assert_eq!(status, 403);
    let (status, _) = exchange(
        &server,
        "GET http://evil.example/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status, 403);
    server.shutdown();
}

#[test]
fn a_connection_sending_half_a_request_line_is_closed() {
    let edition = common::edition(EDITION);
    let server = start(edition.path());
    let mut stream = connect(&server);
    stream.write_all(b"GET /documents/let").unwrap();
    let answer = read_until_closed(&mut stream);
    assert!(
        !String::from_utf8_lossy(&answer).contains("harvest"),
        "a page was served for half a request"
    );
    // The server still answers everyone else.
    let (status, _) = get_with_host(&server, "/", "localhost");
    assert_eq!(status, 200);
    server.shutdown();
}

#[test]
fn a_connection_trickling_its_headers_is_closed() {
    let edition = common::edition(EDITION);
    let server = start(edition.path());
    let mut stream = connect(&server);
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n")
        .unwrap();
    // One header line per second keeps the socket busy but never ends the head. The loop
    // is bounded; the server must have closed the connection before it runs out.
    let mut closed = false;
    for n in 0..DEADLINE.as_secs() {
        std::thread::sleep(Duration::from_secs(1));
        if stream
            .write_all(format!("X-Slow-{n}: a\r\n").as_bytes())
            .is_err()
        {
            closed = true;
            break;
        }
    }
    if !closed {
        read_until_closed(&mut stream);
    }
    server.shutdown();
}

#[test]
fn idle_connections_are_closed_but_open_pages_keep_their_events() {
    let edition = common::edition(EDITION);
    let server = start(edition.path());

    // An open page's events stream.
    let mut events = connect(&server);
    events
        .write_all(b"GET /__recto/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .unwrap();
    let (sender, states) = mpsc::channel();
    let reader = BufReader::new(events.try_clone().unwrap());
    std::thread::spawn(move || {
        for line in reader.lines() {
            let Ok(line) = line else { break };
            if let Some(data) = line.strip_prefix("data: ") {
                if sender.send(data.to_string()).is_err() {
                    break;
                }
            }
        }
    });
    let first = states.recv_timeout(DEADLINE).expect("the current state");

    // A connection that never sends anything, and one idle after a complete request.
    let mut silent = connect(&server);
    let mut kept = connect(&server);
    kept.write_all(b"GET /__recto/status HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .unwrap();
    let mut head = [0u8; 12];
    kept.read_exact(&mut head).unwrap();
    assert_eq!(&head, b"HTTP/1.1 200");
    read_until_closed(&mut silent);
    read_until_closed(&mut kept);

    // The header timeout has passed for the events stream too (it opened earlier); it is
    // still open and hears the next build.
    let letter = edition
        .path()
        .join("content/documents/letter-1957-12-17.md");
    let text = std::fs::read_to_string(&letter).unwrap();
    std::fs::write(&letter, text.replace("good", "poor")).unwrap();
    let next = states
        .recv_timeout(DEADLINE)
        .expect("the events stream is still open");
    assert_ne!(first, next);
    drop(events);
    server.shutdown();
}

//! `recto serve` as a user runs it: the address printed, the warning for a non-loopback
//! interface, a clean stop on Ctrl-C (SIGINT), a clear error for a missing edition.

mod common;

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const DEADLINE: Duration = Duration::from_secs(20);

const EDITION: &str = r#"
-- content/edition.yaml --
title: CLI Edition
-- content/documents/memo-1950-04.md --
---
title: A Memorandum
date: 1950-04
---
Text.
"#;

struct Running {
    child: Child,
    stdout: mpsc::Receiver<String>,
}

fn serve(args: &[&str]) -> Running {
    let mut child = Command::new(env!("CARGO_BIN_EXE_recto"))
        .arg("serve")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("recto runs");
    let out = child.stdout.take().unwrap();
    let (send, stdout) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            let _ = send.send(line);
        }
    });
    Running { child, stdout }
}

impl Running {
    /// The address printed on standard output.
    fn url(&self) -> String {
        let line = self
            .stdout
            .recv_timeout(DEADLINE)
            .expect("recto prints where to open the preview");
        let start = line
            .find("http://")
            .unwrap_or_else(|| panic!("no address in {line:?}"));
        line[start..].split_whitespace().next().unwrap().to_string()
    }

    /// Sends Ctrl-C and returns the exit status and everything printed on stderr.
    #[cfg(unix)]
    fn interrupt(self) -> (std::process::ExitStatus, String) {
        self.signal("-INT")
    }

    /// Sends a signal (`-INT`, `-TERM`) and waits for the process to end.
    #[cfg(unix)]
    fn signal(mut self, signal: &str) -> (std::process::ExitStatus, String) {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args([signal, &pid]).status().unwrap();
        assert!(sent.success());
        let end = Instant::now() + DEADLINE;
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            if Instant::now() > end {
                let _ = self.child.kill();
                panic!("recto serve did not stop on {signal}");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let mut stderr = String::new();
        self.child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        (status, stderr)
    }
}

fn status_of(url: &str) -> u16 {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(DEADLINE))
        .build()
        .into();
    agent.get(url).call().expect("request").status().as_u16()
}

#[cfg(unix)]
#[test]
fn prints_the_address_serves_and_stops_cleanly_on_ctrl_c() {
    let edition = common::edition(EDITION);
    let root = edition.path().to_str().unwrap();
    let running = serve(&["--root", root, "--port", "0"]);
    let url = running.url();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    assert!(!url.ends_with(":0/"), "port 0 became a real port: {url}");
    assert_eq!(status_of(&url), 200);
    let (status, stderr) = running.interrupt();
    assert!(status.success(), "exit {status:?}, stderr:\n{stderr}");
    assert!(!stderr.contains("warning: listening"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn stops_cleanly_when_asked_to_terminate() {
    let edition = common::edition(EDITION);
    let root = edition.path().to_str().unwrap();
    let running = serve(&["--root", root, "--port", "0"]);
    assert_eq!(status_of(&running.url()), 200);
    let (status, stderr) = running.signal("-TERM");
    assert!(status.success(), "exit {status:?}, stderr:\n{stderr}");
    assert!(stderr.contains("stopping"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn another_interface_is_served_with_a_warning() {
    let edition = common::edition(EDITION);
    let root = edition.path().to_str().unwrap();
    let running = serve(&["--root", root, "--port", "0", "--bind", "0.0.0.0"]);
    // The address to open is still a local one.
    let url = running.url();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    assert_eq!(status_of(&url), 200);
    let (status, stderr) = running.interrupt();
    assert!(status.success());
    assert!(
        stderr.contains("warning: listening on 0.0.0.0")
            && stderr.contains("visible to other machines"),
        "{stderr}"
    );
}

#[test]
fn a_missing_edition_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_recto"))
        .args(["serve", "--port", "0", "--root"])
        .arg(dir.path().join("nowhere"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--root"), "{stderr}");
}

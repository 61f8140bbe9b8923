//! `recto serve`: a local preview that rebuilds on every save and reloads open pages.
//!
//! The pieces, one a file: [`watcher`] notices edits, [`rebuild`] rebuilds incrementally
//! (see `site::incremental`) and publishes the outcome through [`reload`], [`server`]
//! answers HTTP from the preview's own folder (resolved by [`files`]) and adds the reload
//! script to pages, [`overlay`] shows the problems of a broken edition.
//!
//! The preview is built into a private temporary folder, never into the edition's
//! `public/`, so serving never touches what `recto build` publishes, and the folder only
//! changes after a successful build: a mistake leaves the last good pages in place.
//!
//! ```no_run
//! let server = recto::serve::start(recto::serve::Options::new(".")).unwrap();
//! println!("open {}", server.url());
//! server.wait_for_ctrl_c();
//! server.shutdown();
//! ```

pub mod files;
pub mod host;
pub mod listen;
pub mod overlay;
pub mod rebuild;
pub mod reload;
pub mod server;
pub mod watcher;

#[cfg(test)]
mod tests;

use rebuild::Builder;
use reload::Live;
use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc};
use std::thread::JoinHandle;
use std::time::Duration;
use tokio::sync::watch;

pub use reload::Status;

/// How to serve an edition.
#[derive(Debug, Clone)]
pub struct Options {
    /// The edition's folder (holding `content/`).
    pub root: PathBuf,
    /// The interface to listen on; loopback unless the preview should be visible to others.
    pub bind: IpAddr,
    /// The port; 0 takes any free one.
    pub port: u16,
    /// How long the files must be quiet before a rebuild starts.
    pub debounce: Duration,
    /// Print nothing (tests, benchmarks).
    pub quiet: bool,
}

impl Options {
    /// Serving `root` on 127.0.0.1:1111.
    pub fn new(root: impl Into<PathBuf>) -> Options {
        Options {
            root: root.into(),
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 1111,
            debounce: Duration::from_millis(50),
            quiet: false,
        }
    }
}

/// Why the preview could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("there is no edition folder at {0}; pass --root DIR (the folder holding content/)")]
    NoEdition(PathBuf),
    #[error(
        "cannot listen on {addr}: {source}; choose another --port, or --port 0 for any free port"
    )]
    Bind { addr: SocketAddr, source: io::Error },
    #[error("cannot watch the edition's files: {0}")]
    Watch(String),
    #[error("cannot start the preview: {0}")]
    Io(#[from] io::Error),
}

/// A running preview. Stop it with [`Server::shutdown`] (dropping it stops it too).
pub struct Server {
    addr: SocketAddr,
    site: PathBuf,
    live: Arc<Live>,
    runtime: Option<tokio::runtime::Runtime>,
    serving: Option<tokio::task::JoinHandle<io::Result<()>>>,
    stopping: watch::Sender<bool>,
    inbox: mpsc::Sender<watcher::Message>,
    builder: Option<JoinHandle<()>>,
    /// Holds the preview's folder; removed when the server is dropped.
    _folder: tempfile::TempDir,
}

/// Builds the edition, starts watching it and serving it; returns once the first build
/// is done (successful or not) and the server accepts connections.
pub fn start(options: Options) -> Result<Server, ServeError> {
    start_with(options, rebuild::session)
}

/// [`start`], rebuilding with the steps `fresh(root, site)` makes (tests make them fail).
fn start_with(
    options: Options,
    fresh: impl FnOnce(&Path, &Path) -> rebuild::Fresh,
) -> Result<Server, ServeError> {
    if !options.root.is_dir() {
        return Err(ServeError::NoEdition(options.root.clone()));
    }
    let watched_root = options.root.canonicalize()?;
    let folder = tempfile::Builder::new().prefix("recto-serve-").tempdir()?;
    let site = folder.path().join("site");
    std::fs::create_dir_all(&site)?;
    let site = site.canonicalize()?;

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("recto-serve")
        .enable_all()
        .build()?;
    let wanted = SocketAddr::new(options.bind, options.port);
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(wanted))
        .map_err(|source| ServeError::Bind {
            addr: wanted,
            source,
        })?;
    let addr = listener.local_addr()?;

    // Watch before the first build, so an edit made while it runs is not lost.
    let (inbox, messages) = mpsc::channel();
    let watcher = watcher::Watcher::start(&watched_root, options.debounce, inbox.clone())
        .map_err(|e| ServeError::Watch(e.to_string()))?;

    let live = Arc::new(Live::new());
    let mut builder = Builder::new(
        fresh(&options.root, &site),
        &site,
        Arc::clone(&live),
        &watched_root,
        options.quiet,
    );
    builder.build(&[]);
    let builder = std::thread::Builder::new()
        .name("recto-rebuild".into())
        .spawn(move || builder.run(watcher, messages))?;

    let (stopping, stop_signal) = watch::channel(false);
    let app = Arc::new(server::App {
        site: site.clone(),
        live: Arc::clone(&live),
        stopping: stop_signal.clone(),
        bound: addr,
    });
    let router = server::router(app);
    let serving = runtime.spawn(listen::serve(listener, router, stop_signal));

    Ok(Server {
        addr,
        site,
        live,
        runtime: Some(runtime),
        serving: Some(serving),
        stopping,
        inbox,
        builder: Some(builder),
        _folder: folder,
    })
}

impl Server {
    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The address to open in a browser (a loopback one when listening on every interface).
    pub fn url(&self) -> String {
        let ip = match self.addr.ip() {
            IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
            ip => ip,
        };
        format!("http://{}/", SocketAddr::new(ip, self.addr.port()))
    }

    /// The folder the preview is built into and served from.
    pub fn site_dir(&self) -> &Path {
        &self.site
    }

    /// What the preview shows now.
    pub fn status(&self) -> Status {
        self.live.status()
    }

    /// Blocks until the user presses Ctrl-C, or (on Unix) the process is asked to
    /// terminate, so either way the preview's folder is removed on the way out.
    pub fn wait_for_ctrl_c(&self) {
        let Some(runtime) = &self.runtime else {
            return;
        };
        runtime.block_on(async {
            #[cfg(unix)]
            {
                use tokio::signal::unix::{signal, SignalKind};
                if let Ok(mut terminate) = signal(SignalKind::terminate()) {
                    tokio::select! {
                        _ = tokio::signal::ctrl_c() => {}
                        _ = terminate.recv() => {}
                    }
                    return;
                }
            }
            let _ = tokio::signal::ctrl_c().await;
        });
    }

    /// Stops watching and serving: open event streams end, requests in flight finish
    /// (for at most a few seconds), the preview's folder is removed.
    pub fn shutdown(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        let _ = self.stopping.send(true);
        let _ = self.inbox.send(watcher::Message::Stop);
        if let Some(runtime) = self.runtime.take() {
            if let Some(serving) = self.serving.take() {
                let _ = runtime.block_on(async {
                    tokio::time::timeout(Duration::from_secs(3), serving).await
                });
            }
            runtime.shutdown_timeout(Duration::from_secs(1));
        }
        if let Some(builder) = self.builder.take() {
            let _ = builder.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// `recto serve`: starts the preview, prints where to open it, stops on Ctrl-C.
pub fn run(options: Options) -> Result<(), ServeError> {
    if !options.bind.is_loopback() {
        eprintln!(
            "warning: listening on {}: the preview is visible to other machines on the network; \
             use --bind 127.0.0.1 to keep it to this computer",
            options.bind
        );
    }
    let quiet = options.quiet;
    let server = start(options)?;
    if !quiet {
        println!("serving the edition at {}  (Ctrl-C to stop)", server.url());
    }
    server.wait_for_ctrl_c();
    if !quiet {
        eprintln!("stopping");
    }
    server.shutdown();
    Ok(())
}

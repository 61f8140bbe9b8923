//! HTTP: the site folder, the events stream and the reload script, on axum.
//!
//! Only requests addressed to this machine are answered (see [`host`]: DNS rebinding), and
//! only GET and HEAD. Every response says `no-store`: a preview must never
//! show a page the browser kept from before the last edit. Files are resolved by
//! [`files::resolve`], off the async threads; HTML gets the reload script, other files are
//! streamed as they are. Nothing here can panic on a request: every failure becomes a
//! status code.

use super::files::{self, Target};
use super::host;
use super::overlay;
use super::reload::{self, Live, EVENTS_PATH, SCRIPT_PATH, STATUS_PATH};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures_util::stream::Stream;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// What the handlers share.
pub struct App {
    /// The site folder, canonical.
    pub site: PathBuf,
    pub live: Arc<Live>,
    /// Becomes `true` when the server stops, which ends every events stream (otherwise
    /// a graceful shutdown would wait for open pages forever).
    pub stopping: watch::Receiver<bool>,
    /// The address the server listens on: requests may name it in `Host`.
    pub bound: SocketAddr,
}

pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route(SCRIPT_PATH, get(script))
        .route(EVENTS_PATH, get(events))
        .route(STATUS_PATH, get(status))
        .fallback(site_file)
        .layer(middleware::from_fn_with_state(
            Arc::clone(&app),
            only_for_us,
        ))
        .with_state(app)
}

/// Refuses a request whose `Host` (or absolute target) names another site.
async fn only_for_us(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let named = request
        .headers()
        .get(header::HOST)
        .map(|h| h.to_str().ok())
        .or_else(|| request.uri().authority().map(|a| Some(a.as_str())));
    let for_us = match named {
        Some(Some(host)) => {
            host::allowed(host, app.bound.ip())
                && request
                    .uri()
                    .authority()
                    .is_none_or(|a| host::allowed(a.as_str(), app.bound.ip()))
        }
        _ => false,
    };
    if for_us {
        return next.run(request).await;
    }
    let mut response = (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!(
            "403 Forbidden: this is a recto preview; it answers only requests addressed to \
             localhost, a loopback address or the address it listens on (--bind). \
             Open http://localhost:{}/\n",
            app.bound.port()
        ),
    )
        .into_response();
    fresh(&mut response);
    response
}

async fn script() -> Response {
    let mut response = (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        reload::SCRIPT,
    )
        .into_response();
    fresh(&mut response);
    response
}

async fn status(State(app): State<Arc<App>>) -> Response {
    let status = app.live.status();
    let body = serde_json::to_string(&status).unwrap_or_else(|_| "{}".to_string());
    let mut response = (
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body,
    )
        .into_response();
    fresh(&mut response);
    response
}

async fn events(State(app): State<Arc<App>>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let states = app.live.subscribe();
    let stopping = app.stopping.clone();
    let stream = futures_util::stream::unfold(
        (states, stopping),
        |(mut states, mut stopping)| async move {
            let changed = tokio::select! {
                changed = states.changed() => changed.is_ok(),
                _ = stopping.wait_for(|stop| *stop) => false,
            };
            if !changed {
                return None;
            }
            let event = {
                let status = states.borrow_and_update();
                let data = serde_json::to_string(&status.message()).unwrap_or_default();
                Event::default()
                    .event("state")
                    .id(status.version.to_string())
                    .retry(Duration::from_millis(500))
                    .data(data)
            };
            Some((Ok(event), (states, stopping)))
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

/// Any other path: a file of the site.
async fn site_file(State(app): State<Arc<App>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut response = (StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n").into_response();
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let head = method == Method::HEAD;
    let status = app.live.status();
    if status.build.is_empty() {
        // No good build yet: every page is the list of problems.
        let page = overlay::page(&status.problems, &reload::script_tag(""));
        return html(StatusCode::SERVICE_UNAVAILABLE, page, head);
    }
    let site = app.site.clone();
    let raw = uri.path().to_string();
    let target = tokio::task::spawn_blocking(move || files::resolve(&site, &raw))
        .await
        .unwrap_or(Target::NotFound);
    let mut response = match target {
        Target::File(path) => match serve_file(&path, &status, head).await {
            Some(response) => response,
            None => not_found(&app.site, &status, head).await,
        },
        Target::Redirect(location) => redirect(&location, uri.query()),
        Target::NotFound => not_found(&app.site, &status, head).await,
    };
    fresh(&mut response);
    response
}

/// A file with its type; `None` if it vanished meanwhile (a rebuild removed it).
async fn serve_file(path: &Path, status: &reload::Status, head: bool) -> Option<Response> {
    if files::is_html(path) {
        let bytes = tokio::fs::read(path).await.ok()?;
        let page = reload::inject(&String::from_utf8_lossy(&bytes), status);
        return Some(html(StatusCode::OK, page, head));
    }
    let file = tokio::fs::File::open(path).await.ok()?;
    let length = file.metadata().await.ok()?.len();
    let body = if head {
        Body::empty()
    } else {
        Body::from_stream(tokio_util::io::ReaderStream::new(file))
    };
    Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, files::content_type(path))
        .header(header::CONTENT_LENGTH, length)
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
        .body(body)
        .ok()
}

/// The site's own 404 page, with status 404; a plain one if the site has none.
async fn not_found(site: &Path, status: &reload::Status, head: bool) -> Response {
    match tokio::fs::read(site.join("404.html")).await {
        Ok(bytes) => {
            let page = reload::inject(&String::from_utf8_lossy(&bytes), status);
            html(StatusCode::NOT_FOUND, page, head)
        }
        Err(_) => (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "404 Not Found\n",
        )
            .into_response(),
    }
}

fn html(code: StatusCode, page: String, head: bool) -> Response {
    let length = page.len();
    let body = if head {
        Body::empty()
    } else {
        Body::from(page)
    };
    let mut response = Response::builder()
        .status(code)
        .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
        .header(header::CONTENT_LENGTH, length)
        .body(body)
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response());
    fresh(&mut response);
    response
}

/// A folder without its slash: send the browser to the folder.
fn redirect(location: &str, query: Option<&str>) -> Response {
    let target = match query {
        Some(q) => format!("{location}?{q}"),
        None => location.to_string(),
    };
    match HeaderValue::from_str(&target) {
        Ok(value) => {
            let mut response = StatusCode::TEMPORARY_REDIRECT.into_response();
            response.headers_mut().insert(header::LOCATION, value);
            response
        }
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Tells the browser not to keep anything: the next edit changes it.
fn fresh(response: &mut Response) {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
}

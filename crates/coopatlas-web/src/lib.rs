//! The web application and JSON API of an atlas: server-rendered pages (overview, search,
//! documents, place profiles, the network, maps, the registry, review) and `/api/...` endpoints
//! that return the same data as JSON.
//!
//! An edge crate: it owns the sockets and calls the [`Store`](coopatlas_store::Store) from
//! blocking tasks, while everything it shows is computed by the pure crates (analytics, report
//! charts, maps). [`app`] builds the router without a socket, so tests drive it with
//! `tower::ServiceExt::oneshot`; [`serve`] binds it to an address.
//!
//! Pages need no network: styles and the one small script are served by the application itself,
//! charts and maps are inline SVG, and the content security policy forbids every other origin.
//! Document text is untrusted and always escaped (`maud` escapes every interpolation).

mod api;
mod auth;
mod error;
mod layout;
mod pages;
mod params;
mod state;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, header};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

pub use auth::{hash_password, new_token, token_hash};
pub use error::AppError;
pub use state::{Atlas, Config, Opener};

/// What every response forbids: no other origin for anything, no inline script, no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The whole application: pages, API, static files, and the layers every request passes
/// (timeout, body limit, security headers).
pub fn app(atlas: Arc<Atlas>) -> Router {
    let config = atlas.config.clone();
    pages::router()
        .merge(api::router())
        .with_state(atlas)
        .layer(DefaultBodyLimit::max(config.upload_limit))
        .layer(TimeoutLayer::with_status_code(axum::http::StatusCode::REQUEST_TIMEOUT, config.request_timeout))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ))
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("same-origin")))
        .layer(SetResponseHeaderLayer::overriding(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
}

/// Serves the application on `address` until Ctrl-C; `ready` is called with the bound address
/// (port 0 picks a free one).
pub async fn serve(atlas: Arc<Atlas>, address: SocketAddr, ready: impl FnOnce(SocketAddr)) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(address).await?;
    ready(listener.local_addr()?);
    // Warm the whole-atlas analysis so the first visitor of the overview does not wait for it.
    let warm = atlas.clone();
    tokio::spawn(async move {
        if let Err(error) = warm.analysis(&coopatlas_analytics::Filter::default()).await {
            tracing::warn!(%error, "could not analyse the atlas ahead of the first request");
        }
    });
    axum::serve(listener, app(atlas)).with_graceful_shutdown(shutdown()).await
}

async fn shutdown() {
    let _ = tokio::signal::ctrl_c().await;
}

/// How long the request timeout is by default; long enough for the first analysis of a large
/// atlas, short enough that a stuck request does not hold a worker forever.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

//! The server's security rules, all in one place (one middleware wraps every route):
//!
//! - **Host**: only `127.0.0.1:PORT`, `localhost:PORT` (and the address it was told to bind):
//!   a page on another site that re-points its own name at 127.0.0.1 (DNS rebinding) sends its
//!   own name as `Host` and is refused.
//! - **Origin**: a request that carries an `Origin` (browsers send it on every cross-origin
//!   request and on same-origin POSTs) must carry this server's own; `Sec-Fetch-Site:
//!   cross-site` is refused too.
//! - **Secret**: every `/api/` call, read or write, carries the per-launch secret in the
//!   `X-Bitext-Token` header: another user of the machine can reach 127.0.0.1 too, and a
//!   cross-site form cannot set a header.
//! - **Bodies**: POSTs must say `Content-Type: application/json` (which a cross-site form cannot
//!   send without a preflight this server never grants) and weigh at most [`MAX_BODY`].
//! - **Headers**: every answer forbids inline script, framing, sniffing and referrers.
//!
//! Paths never come from a request: corpora are looked up by name ([`super::state`]), assets
//! are compiled in ([`super::assets`]).

use super::state::{ApiError, AppState};
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;
use std::sync::Arc;

/// The header that carries the per-launch secret.
pub const TOKEN_HEADER: &str = "x-bitext-token";

/// The largest request body accepted (a Chinese sentence edit is a few hundred bytes).
pub const MAX_BODY: usize = 256 * 1024;

/// The Content-Security-Policy of every answer: only this server's own script, style and
/// connections; no inline script or style attribute injection, no frames, no plugins.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
     connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; \
     frame-ancestors 'none'";

/// A fresh secret: 128 bits from the operating system, as 32 hex digits.
pub fn new_token() -> Result<String, String> {
    let mut bytes = [0u8; 16];
    getrandom::getrandom(&mut bytes).map_err(|e| e.to_string())?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The `Host` values a server bound to `addr` answers to.
pub fn allowed_hosts(addr: SocketAddr) -> Vec<String> {
    let port = addr.port();
    let mut hosts = vec![format!("127.0.0.1:{port}"), format!("localhost:{port}")];
    let own = addr.to_string();
    if !hosts.contains(&own) && !addr.ip().is_unspecified() {
        hosts.push(own);
    }
    hosts
}

/// Whether `id` looks like a YouTube video id (11 of `A-Za-z0-9_-`); only such ids go into the
/// page's time links.
pub fn is_video_id(id: &str) -> bool {
    id.len() == 11
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Compares two secrets in time independent of where they differ.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn refuse(status: StatusCode, kind: &'static str, message: String) -> ApiError {
    ApiError::new(status, kind, message)
}

/// Checks one request against the rules above; `Err` holds the refusal to send.
fn check(
    state: &AppState,
    method: &Method,
    path: &str,
    headers: &HeaderMap,
) -> Result<(), ApiError> {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if !state.hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
        return Err(refuse(
            StatusCode::FORBIDDEN,
            "foreign_host",
            format!(
                "refused: Host {host:?} is not this server's ({}); open the URL bitext serve printed",
                state.hosts.join(" or ")
            ),
        ));
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or("");
        let own = state
            .hosts
            .iter()
            .any(|h| origin.eq_ignore_ascii_case(&format!("http://{h}")));
        if !own {
            return Err(refuse(
                StatusCode::FORBIDDEN,
                "foreign_origin",
                format!("refused: a request from {origin:?}, another site"),
            ));
        }
    }
    if headers
        .get("sec-fetch-site")
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"cross-site"))
    {
        return Err(refuse(
            StatusCode::FORBIDDEN,
            "foreign_origin",
            "refused: a cross-site request".to_string(),
        ));
    }
    if path.starts_with("/api/") {
        let sent = headers
            .get(TOKEN_HEADER)
            .map(|v| v.as_bytes())
            .unwrap_or(b"");
        if !same_secret(sent, state.token.as_bytes()) {
            let why = if sent.is_empty() {
                "no secret"
            } else {
                "a wrong secret"
            };
            return Err(refuse(
                StatusCode::UNAUTHORIZED,
                "secret",
                format!(
                    "refused: {why} in {TOKEN_HEADER}; open the URL bitext serve printed (the \
                     secret changes at every launch)"
                ),
            ));
        }
    }
    if method != Method::GET && method != Method::HEAD {
        let json = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.split(';')
                    .next()
                    .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
            });
        if !json {
            return Err(refuse(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "content_type",
                "refused: a change must be sent as application/json".to_string(),
            ));
        }
        let length = headers
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        if length.is_some_and(|n| n > MAX_BODY as u64) {
            return Err(too_large());
        }
    }
    Ok(())
}

/// The refusal of a body over [`MAX_BODY`].
pub fn too_large() -> ApiError {
    refuse(
        StatusCode::PAYLOAD_TOO_LARGE,
        "too_large",
        format!("refused: a request body over {} KiB", MAX_BODY / 1024),
    )
}

/// The middleware: refuses what [`check`] refuses, and sets the security headers on every
/// answer, refusals included.
pub(crate) async fn guard(
    State(state): State<Arc<AppState>>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let mut response = match check(
        &state,
        request.method(),
        request.uri().path(),
        request.headers(),
    ) {
        Ok(()) => next.run(request).await,
        Err(refusal) => refusal.into_response(),
    };
    let headers = response.headers_mut();
    for (name, value) in [
        ("content-security-policy", CSP),
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "no-referrer"),
        ("x-frame-options", "DENY"),
        ("cross-origin-opener-policy", "same-origin"),
        ("cross-origin-resource-policy", "same-origin"),
        ("cache-control", "no-store"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret(b"abc", b"abc"));
        assert!(!same_secret(b"abc", b"abd"));
        assert!(!same_secret(b"abc", b"ab"));
        assert!(!same_secret(b"", b"a"));
    }

    #[test]
    fn tokens_are_fresh_and_hex() {
        let a = new_token().unwrap();
        let b = new_token().unwrap();
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }

    #[test]
    fn video_ids_only_of_their_shape() {
        assert!(is_video_id("BbAnzpeGFrA"));
        assert!(!is_video_id("BbAnzpeGFr\""));
        assert!(!is_video_id("x&t=1"));
    }

    #[test]
    fn hosts_are_loopback_names_with_the_port() {
        let hosts = allowed_hosts("127.0.0.1:8080".parse().unwrap());
        assert_eq!(hosts, ["127.0.0.1:8080", "localhost:8080"]);
        let hosts = allowed_hosts("192.168.1.5:80".parse().unwrap());
        assert!(hosts.contains(&"192.168.1.5:80".to_string()));
    }
}

//! The page's files, compiled into the binary (`src/serve/assets/`: plain HTML, CSS and JS, no
//! build step, nothing fetched from elsewhere), so the workbench works offline.

use super::state::ApiError;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

const PAGE: &str = include_str!("assets/index.html");
const SCRIPT: &str = include_str!("assets/app.js");
const STYLE: &str = include_str!("assets/app.css");

/// `GET /` and `GET /c/NAME`: the one page; its script asks the API what to show.
pub(crate) async fn page() -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], PAGE).into_response()
}

/// `GET /assets/app.js`
pub(crate) async fn script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        SCRIPT,
    )
        .into_response()
}

/// `GET /assets/app.css`
pub(crate) async fn style() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE).into_response()
}

/// `GET /favicon.ico`: nothing, said quickly (browsers ask for it on every page).
pub(crate) async fn favicon() -> StatusCode {
    StatusCode::NO_CONTENT
}

/// Any other path: 404, whatever it holds (nothing is looked up on disk).
pub(crate) async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        format!("no such page: {}", uri.path()),
    )
}

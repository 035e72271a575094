//! Every route of the workbench, in one place.
//!
//! | method | path | what |
//! |---|---|---|
//! | GET | `/`, `/c/NAME` | the page (a chooser at `/` when several corpora are served) |
//! | GET | `/assets/app.js`, `/assets/app.css` | the page's script and style (compiled in) |
//! | GET | `/api/corpora` | the corpora served: name, title |
//! | GET | `/api/c/NAME` | the whole view: revision, progress, rows, findings, terms |
//! | GET | `/api/c/NAME/rows` | revision, progress and rows |
//! | GET | `/api/c/NAME/findings` | revision and findings (drift and glossary) |
//! | GET | `/api/c/NAME/glossary` | the glossary's terms, for marking them in the rows |
//! | POST | `/api/c/NAME/actions` | `{revision, action}`: one correction; answers `{applied, view}` |
//! | POST | `/api/c/NAME/undo`, `/redo` | `{revision}`: undo or redo the last change |
//! | POST | `/api/c/NAME/reload` | `{}`: re-read every file from disk (after a conflict) |
//! | POST | `/api/c/NAME/findings/accept` | `{revision, id, reason}`: into the suppression file |
//! | POST | `/api/c/NAME/glossary` | `{revision, zh, en, note}`: a proposed term |
//! | POST | `/api/c/NAME/export` | `{}`: the views and the confirmed-only TMX into `out/NAME/` |
//! | GET | `/api/c/NAME/status` | revision, whether the alignment is settled, the background export |
//!
//! Every `/api/` call needs the per-launch secret; [`super::security::guard`] wraps them all.

use super::state::AppState;
use super::{actions, assets, background, export, findings, glossary, rows, security};
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use std::sync::Arc;

/// The workbench's routes with the security layer around all of them.
pub(crate) fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(assets::page))
        .route("/c/{name}", get(assets::page))
        .route("/assets/app.js", get(assets::script))
        .route("/assets/app.css", get(assets::style))
        .route("/favicon.ico", get(assets::favicon))
        .route("/api/corpora", get(rows::corpora))
        .route("/api/c/{name}", get(rows::view))
        .route("/api/c/{name}/rows", get(rows::rows))
        .route("/api/c/{name}/findings", get(findings::list))
        .route("/api/c/{name}/findings/accept", post(findings::accept))
        .route(
            "/api/c/{name}/glossary",
            get(glossary::terms).post(glossary::add),
        )
        .route("/api/c/{name}/actions", post(actions::apply))
        .route("/api/c/{name}/undo", post(actions::undo))
        .route("/api/c/{name}/redo", post(actions::redo))
        .route("/api/c/{name}/reload", post(actions::reload))
        .route("/api/c/{name}/export", post(export::export))
        .route("/api/c/{name}/status", get(background::status))
        .fallback(assets::not_found)
        .layer(DefaultBodyLimit::max(security::MAX_BODY))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            security::guard,
        ))
        .with_state(state)
}

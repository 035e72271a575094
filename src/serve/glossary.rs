//! The glossary: the corpus glossary's terms (the page marks them in the rows), and adding a
//! term picked from the rows (status `proposed`) to the glossary file the manifest names.

use super::actions::{apply_action, AppliedJson};
use super::state::{ApiError, AppState, JsonBody, Slot};
use crate::glossary::Glossary;
use crate::review::Action;
use crate::source::manifest::Manifest;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// One term as the page gets it: every English and Chinese form, to mark in the rows.
#[derive(Debug, Serialize)]
pub struct TermJson {
    pub en: Vec<String>,
    pub zh: Vec<String>,
    pub status: &'static str,
    pub kind: &'static str,
    pub note: String,
}

/// The terms of the corpus's glossary (none when its manifest names no glossary, or one that
/// does not exist yet). The glossary is read afresh, so a term added in an editor shows too.
pub(crate) fn load_terms(slot: &Slot) -> Result<Vec<TermJson>, ApiError> {
    let error =
        |message: String| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "error", message);
    let manifest = Manifest::load(&slot.dir).map_err(|e| error(e.to_string()))?;
    let Some(path) = manifest.glossary.filter(|p| p.is_file()) else {
        return Ok(Vec::new());
    };
    let glossary = Glossary::load(&path).map_err(|e| error(e.to_string()))?;
    Ok(glossary
        .entries
        .iter()
        .map(|e| TermJson {
            en: e.en_forms().map(str::to_string).collect(),
            zh: e.zh_forms().map(str::to_string).collect(),
            status: e.status.as_str(),
            kind: e.kind.as_str(),
            note: e.note.clone(),
        })
        .collect())
}

/// `GET /api/c/NAME/glossary`
pub(crate) async fn terms(
    State(state): State<Arc<AppState>>,
    Path(name): Path<String>,
) -> Result<Json<Vec<TermJson>>, ApiError> {
    let slot = state.slot(&name)?;
    tokio::task::spawn_blocking(move || load_terms(&slot).map(Json))
        .await
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "error", e.to_string()))?
}

/// The body of `POST /api/c/NAME/glossary`.
#[derive(Debug, Deserialize)]
pub struct AddTerm {
    pub revision: u64,
    pub zh: String,
    pub en: String,
    #[serde(default)]
    pub note: Option<String>,
}

/// `POST /api/c/NAME/glossary`: the same change as the action `add_term`.
pub(crate) async fn add(
    State(state): State<Arc<AppState>>,
    Path(name): Path<String>,
    JsonBody(body): JsonBody<AddTerm>,
) -> Result<Json<AppliedJson>, ApiError> {
    let (zh, en) = (body.zh.trim().to_string(), body.en.trim().to_string());
    if zh.is_empty() || en.is_empty() {
        return Err(ApiError::bad_request(
            "a term needs both its Chinese and its English",
        ));
    }
    let note = body.note.filter(|n| !n.trim().is_empty());
    apply_action(
        &state,
        &name,
        body.revision,
        Action::AddTerm { zh, en, note },
    )
    .await
}

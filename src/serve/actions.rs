//! The corrections: one action of the review workspace per request (confirm, merge, split,
//! move a sentence, mark untranslated, edit the Chinese, accept a finding, add a term), undo,
//! redo, and reload after a conflict. Each is saved to the corpus folder's files before the
//! answer goes out, and answers with the new view so the page redraws from one round trip;
//! the views in `out/NAME/` then regenerate in the background ([`super::background`]).

use super::rows::{view_of, View};
use super::state::{expect_revision, with_workspace, ApiError, AppState, JsonBody};
use crate::review::{Action, Applied, ReviewError, Workspace};
use axum::extract::{Path, State};
use axum::Json;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The body of `POST /api/c/NAME/actions`: the revision the page acted on (its row numbers
/// belong to it) and the action, as the workspace's JSON (`{"op": "merge", "row": 3}`, …).
#[derive(Debug, Deserialize)]
pub struct ActionBody {
    pub revision: u64,
    pub action: Action,
}

/// The body of undo and redo.
#[derive(Debug, Deserialize)]
pub struct RevisionBody {
    pub revision: u64,
}

/// What the change did, as the page gets it.
#[derive(Debug, Serialize)]
pub struct AppliedSummary {
    pub revision: u64,
    /// The files written, as paths.
    pub changed_files: Vec<String>,
    /// Confirmed links that no longer match the text (kept in links.tsv, named here).
    pub stale: Vec<String>,
    /// What was done, in words (for the status line and the undo button's title).
    pub message: String,
}

/// The answer to every change: what it did and the new view.
#[derive(Debug, Serialize)]
pub struct AppliedJson {
    pub applied: AppliedSummary,
    pub view: View,
}

fn summary(a: Applied) -> AppliedSummary {
    AppliedSummary {
        revision: a.revision,
        changed_files: a
            .changed_files
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        stale: a.stale,
        message: a.message,
    }
}

/// Applies `action` to corpus `name` if the page's `revision` is current.
pub(crate) async fn apply_action(
    state: &Arc<AppState>,
    name: &str,
    revision: u64,
    action: Action,
) -> Result<Json<AppliedJson>, ApiError> {
    change(state, name, revision, move |ws| ws.apply(action)).await
}

/// Makes one change (`make`) to corpus `name` if the page acted on its current revision,
/// answers with the new view, and marks the corpus saved (its views then regenerate).
async fn change(
    state: &Arc<AppState>,
    name: &str,
    revision: u64,
    make: impl FnOnce(&mut Workspace) -> Result<Applied, ReviewError> + Send + 'static,
) -> Result<Json<AppliedJson>, ApiError> {
    let answer = with_workspace(state, name, move |ws, slot| {
        expect_revision(ws, revision)?;
        let applied = make(ws)?;
        Ok(Json(AppliedJson {
            applied: summary(applied),
            view: view_of(ws, slot)?,
        }))
    })
    .await?;
    state.saved(name);
    Ok(answer)
}

/// `POST /api/c/NAME/actions`
pub(crate) async fn apply(
    State(state): State<Arc<AppState>>,
    Path(name): Path<String>,
    JsonBody(body): JsonBody<ActionBody>,
) -> Result<Json<AppliedJson>, ApiError> {
    apply_action(&state, &name, body.revision, body.action).await
}

/// `POST /api/c/NAME/undo`
pub(crate) async fn undo(
    State(state): State<Arc<AppState>>,
    Path(name): Path<String>,
    JsonBody(body): JsonBody<RevisionBody>,
) -> Result<Json<AppliedJson>, ApiError> {
    change(&state, &name, body.revision, Workspace::undo).await
}

/// `POST /api/c/NAME/redo`
pub(crate) async fn redo(
    State(state): State<Arc<AppState>>,
    Path(name): Path<String>,
    JsonBody(body): JsonBody<RevisionBody>,
) -> Result<Json<AppliedJson>, ApiError> {
    change(&state, &name, body.revision, Workspace::redo).await
}

/// `POST /api/c/NAME/reload`: re-reads every file (after a conflict, or an edit in another
/// program); needs no revision since it throws nothing away that is not already on disk.
pub(crate) async fn reload(
    State(state): State<Arc<AppState>>,
    Path(name): Path<String>,
    JsonBody(_): JsonBody<serde_json::Value>,
) -> Result<Json<View>, ApiError> {
    let answer = with_workspace(&state, &name, |ws, slot| {
        ws.reload()?;
        view_of(ws, slot).map(Json)
    })
    .await?;
    state.saved(&name);
    Ok(answer)
}

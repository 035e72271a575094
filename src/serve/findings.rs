//! The findings: drift's and the glossary's, each with the row it is on; accepting one writes
//! it with its reason into the corpus's suppression file (`drift-ignore`).

use super::state::{with_workspace, ApiError, AppState, JsonBody};
use crate::review::{Action, ReviewFinding};
use axum::extract::{Path, State};
use axum::Json;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// One finding as the page gets it.
#[derive(Debug, Serialize)]
pub struct FindingJson {
    pub id: String,
    pub kind: String,
    pub severity: String,
    pub message: String,
    /// The row index it is on, when it is on one.
    pub row: Option<usize>,
    /// The reason it was accepted with, when it was.
    pub accepted: Option<String>,
}

pub(crate) fn finding_json(f: ReviewFinding) -> FindingJson {
    FindingJson {
        id: f.id,
        kind: f.kind,
        severity: f.severity,
        message: f.message,
        row: f.row,
        accepted: f.accepted,
    }
}

/// A corpus's findings with the revision they belong to.
#[derive(Debug, Serialize)]
pub struct FindingsJson {
    pub revision: u64,
    pub findings: Vec<FindingJson>,
}

/// `GET /api/c/NAME/findings`
pub(crate) async fn list(
    State(state): State<Arc<AppState>>,
    Path(name): Path<String>,
) -> Result<Json<FindingsJson>, ApiError> {
    with_workspace(&state, &name, |ws, _| {
        Ok(Json(FindingsJson {
            revision: ws.revision(),
            findings: ws.findings().into_iter().map(finding_json).collect(),
        }))
    })
    .await
}

/// The body of `POST /api/c/NAME/findings/accept`.
#[derive(Debug, Deserialize)]
pub struct Accept {
    pub revision: u64,
    pub id: String,
    pub reason: String,
}

/// `POST /api/c/NAME/findings/accept`: the same change as the action `accept_finding`.
pub(crate) async fn accept(
    State(state): State<Arc<AppState>>,
    Path(name): Path<String>,
    JsonBody(body): JsonBody<Accept>,
) -> Result<Json<super::actions::AppliedJson>, ApiError> {
    if body.reason.trim().is_empty() {
        return Err(ApiError::bad_request(
            "accepting a finding needs a reason (it goes into drift-ignore beside it)",
        ));
    }
    let action = Action::AcceptFinding {
        id: body.id,
        reason: body.reason,
    };
    super::actions::apply_action(&state, &name, body.revision, action).await
}

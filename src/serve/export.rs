//! Export: the views of `run` regenerated from the reviewed corpus into `out/NAME/`, and a TMX
//! of the confirmed rows only (`corpus.confirmed.tmx`), for a translation memory.

use super::state::{with_workspace, ApiError, AppState, JsonBody};
use axum::extract::{Path, State};
use axum::Json;
use serde::Serialize;
use std::sync::Arc;

/// What an export wrote.
#[derive(Debug, Serialize)]
pub struct Exported {
    pub files: Vec<String>,
}

/// `POST /api/c/NAME/export`
pub(crate) async fn export(
    State(state): State<Arc<AppState>>,
    Path(name): Path<String>,
    JsonBody(_): JsonBody<serde_json::Value>,
) -> Result<Json<Exported>, ApiError> {
    with_workspace(&state, &name, |ws, slot| {
        let _writing = slot
            .background
            .writing
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let files = ws.export()?;
        Ok(Json(Exported {
            files: files.iter().map(|p| p.display().to_string()).collect(),
        }))
    })
    .await
}

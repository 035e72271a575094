//! What every handler shares: the corpora fixed at launch, the secret, and the one way to reach
//! a corpus's workspace (by name, on a blocking thread, opened on first use), plus the error a
//! handler answers with.

use crate::review::{ReviewError, Workspace};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The server's state, fixed at launch except for each corpus's workspace.
pub(crate) struct AppState {
    /// The corpora by name: the only way a request reaches a folder.
    pub corpora: BTreeMap<String, Arc<Slot>>,
    pub out_root: PathBuf,
    /// The per-launch secret.
    pub token: String,
    /// The `Host` values this server answers to (`127.0.0.1:PORT`, `localhost:PORT`, …).
    pub hosts: Vec<String>,
}

/// One corpus: its folder, what the page shows about it, and its workspace once opened.
pub(crate) struct Slot {
    pub dir: PathBuf,
    pub title: Option<String>,
    /// The YouTube video id, only when it has the shape of one (it goes into a link).
    pub video: Option<String>,
    pub workspace: Mutex<Option<Workspace>>,
    /// The worker that settles the alignment and regenerates the views after saves.
    pub background: super::background::Background,
}

/// An error answered as JSON: `{"error": kind, "message": …}` with a status that says who is
/// at fault.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub kind: &'static str,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, kind: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            kind,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    /// The page acted on rows it no longer has: another tab or a reload changed the corpus.
    pub fn stale(have: u64, sent: u64) -> ApiError {
        ApiError::new(
            StatusCode::CONFLICT,
            "stale",
            format!(
                "the page shows revision {sent} but the corpus is at revision {have} (the alignment \
                 settled after a correction, or another tab saved); nothing was changed — reload to see it as it is now"
            ),
        )
    }
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: &'a str,
    message: &'a str,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: self.kind,
            message: &self.message,
        };
        (self.status, Json(body)).into_response()
    }
}

impl From<ReviewError> for ApiError {
    fn from(err: ReviewError) -> ApiError {
        match err {
            ReviewError::Conflict { path } => ApiError::new(
                StatusCode::CONFLICT,
                "conflict",
                format!(
                    "{} changed on disk since the workbench read it (an editor, git pull?); \
                     nothing was written — reload to continue from the file as it is now",
                    path.display()
                ),
            ),
            ReviewError::BadAction(message) => {
                ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "bad_action", message)
            }
            ReviewError::NoHistory(message) => {
                ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "no_history", message)
            }
            other => ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "error",
                format!("{other:#}"),
            ),
        }
    }
}

impl AppState {
    /// After a save to corpus `name`: the views regenerate in the background
    /// ([`super::background`]).
    pub fn saved(&self, name: &str) {
        if let Some(slot) = self.corpora.get(name) {
            super::background::Background::saved(slot);
        }
    }

    /// The corpus named `name`, or 404. Names are compared with the fixed list, never used as
    /// a path, so `../x` or `%2e%2e` can only fail to match.
    pub fn slot(&self, name: &str) -> Result<Arc<Slot>, ApiError> {
        self.corpora.get(name).cloned().ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                "not_found",
                format!(
                    "no corpus named {name:?} is served here (served: {})",
                    self.corpora.keys().cloned().collect::<Vec<_>>().join(", ")
                ),
            )
        })
    }
}

/// Runs `f` on the workspace of corpus `name` on a blocking thread (aligning and writing take
/// milliseconds to seconds, which must not stall the other requests), opening it first if
/// this is its first use.
pub(crate) async fn with_workspace<T, F>(
    state: &Arc<AppState>,
    name: &str,
    f: F,
) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut Workspace, &Slot) -> Result<T, ApiError> + Send + 'static,
{
    let slot = state.slot(name)?;
    let out_root = state.out_root.clone();
    tokio::task::spawn_blocking(move || {
        let mut guard = slot
            .workspace
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if guard.is_none() {
            *guard = Some(open(&slot.dir, &out_root)?);
        }
        let workspace = guard.as_mut().expect("opened just above");
        f(workspace, &slot)
    })
    .await
    .map_err(|e| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "error",
            format!("the request's worker stopped: {e}"),
        )
    })?
}

fn open(dir: &Path, out_root: &Path) -> Result<Workspace, ApiError> {
    Workspace::open(dir, out_root).map_err(ApiError::from)
}

/// Checks the revision the page acted on against the workspace's.
pub(crate) fn expect_revision(workspace: &Workspace, sent: u64) -> Result<(), ApiError> {
    let have = workspace.revision();
    if have == sent {
        Ok(())
    } else {
        Err(ApiError::stale(have, sent))
    }
}

/// A JSON request body, read up to [`super::security::MAX_BODY`] (a longer one, even one sent
/// without a length, is refused with 413) and parsed into `T` (else 400 saying why).
pub struct JsonBody<T>(pub T);

impl<T, S> axum::extract::FromRequest<S> for JsonBody<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request(request: axum::extract::Request, _: &S) -> Result<Self, Response> {
        let bytes = axum::body::to_bytes(request.into_body(), super::security::MAX_BODY)
            .await
            .map_err(|_| super::security::too_large().into_response())?;
        serde_json::from_slice(&bytes)
            .map(JsonBody)
            .map_err(|e| ApiError::bad_request(format!("a bad request body: {e}")).into_response())
    }
}

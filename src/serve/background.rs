//! What a save leaves for later, done off the request path by one worker thread per corpus:
//! settling the document alignment after a Chinese correction ([`crate::review::settle`])
//! and regenerating `run`'s views in `out/NAME/` (with the confirmed-rows TMX) from the
//! reviewed corpus. A save only marks the corpus dirty and wakes the worker, so the answer is
//! never delayed; the worker waits a moment so a burst of saves makes one export, and
//! publishes the views as a set ([`crate::text::files::publish_dir`]): never half-written.
//! `GET /api/c/NAME/status` reports where it is.

use super::state::{ApiError, AppState, Slot};
use axum::extract::{Path, State};
use axum::Json;
use serde::Serialize;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// How long the worker waits after a save for more saves before it exports, unless
/// `BITEXT_SERVE_EXPORT_DELAY_MS` says otherwise (the tests lengthen it to make a burst
/// deterministic on a loaded machine).
pub const COALESCE: Duration = Duration::from_millis(250);

fn coalesce() -> Duration {
    std::env::var("BITEXT_SERVE_EXPORT_DELAY_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(COALESCE, Duration::from_millis)
}

/// The worker of one corpus: whether there is work, and what it last did.
#[derive(Debug, Default)]
pub(crate) struct Background {
    wake: Condvar,
    queue: Mutex<Queue>,
    status: Mutex<ExportStatus>,
    /// Held while the views are written, by the worker and by the Export button alike: two
    /// sets are never published into `out/NAME/` at once.
    pub writing: Mutex<()>,
}

#[derive(Debug, Default)]
struct Queue {
    /// A save happened since the worker last took the work.
    dirty: bool,
    started: bool,
}

/// What the worker last did, for the page.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ExportStatus {
    /// The revision the views in `out/NAME/` were last written from.
    pub exported_revision: Option<u64>,
    /// Exports written since launch (bursts of saves coalesce into one).
    pub exports: u64,
    /// Saves since launch that asked for an export.
    pub saves: u64,
    /// Why the last export failed, if it did.
    pub error: Option<String>,
    /// The worker has work queued or under way.
    pub pending: bool,
}

impl Background {
    /// After a save: marks the corpus dirty and wakes (or starts) its worker.
    pub(crate) fn saved(slot: &Arc<Slot>) {
        let bg = &slot.background;
        let mut queue = lock(&bg.queue);
        queue.dirty = true;
        lock(&bg.status).saves += 1;
        if !queue.started {
            queue.started = true;
            let worker_slot = Arc::clone(slot);
            std::thread::Builder::new()
                .name("bitext-export".into())
                .spawn(move || worker(&worker_slot))
                .map(drop)
                .unwrap_or_else(|e| {
                    lock(&slot.background.status).error =
                        Some(format!("could not start the export worker: {e}"));
                });
        }
        bg.wake.notify_one();
    }

    /// What the worker last did.
    pub(crate) fn status(&self) -> ExportStatus {
        let mut status = lock(&self.status).clone();
        status.pending |= lock(&self.queue).dirty;
        status
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Waits for saves; after each burst, settles the alignment and exports the views.
fn worker(slot: &Slot) {
    let bg = &slot.background;
    loop {
        {
            let mut queue = lock(&bg.queue);
            while !queue.dirty {
                queue = bg
                    .wake
                    .wait(queue)
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
            }
        }
        lock(&bg.status).pending = true;
        // Let a burst of saves finish: they all end in the one export below.
        std::thread::sleep(coalesce());
        lock(&bg.queue).dirty = false;
        let result = refresh(slot);
        let mut status = lock(&bg.status);
        status.pending = false;
        match result {
            Ok(Some(revision)) => {
                status.exported_revision = Some(revision);
                status.exports += 1;
                status.error = None;
            }
            Ok(None) => {}
            Err(message) => status.error = Some(message),
        }
    }
}

/// Settles the document alignment (the long part without holding the workspace), then
/// writes the views; returns the revision exported.
fn refresh(slot: &Slot) -> Result<Option<u64>, String> {
    let job = lock(&slot.workspace).as_ref().and_then(|ws| ws.unsettled());
    if let Some(job) = job {
        let done = job.run();
        if let Some(ws) = lock(&slot.workspace).as_mut() {
            ws.install(done).map_err(|e| format!("{e:#}"))?;
        }
    }
    let Some(set) = lock(&slot.workspace).as_ref().map(|ws| ws.export_set()) else {
        return Ok(None);
    };
    let _writing = lock(&slot.background.writing);
    set.write().map_err(|e| format!("{e:#}"))?;
    Ok(Some(set.revision))
}

/// Where a corpus is: its revision, whether the alignment is settled, the export's status.
#[derive(Debug, Serialize)]
pub struct StatusJson {
    pub revision: u64,
    /// The rows stand on the whole document's alignment (what `run` gives).
    pub settled: bool,
    pub export: ExportStatus,
}

/// `GET /api/c/NAME/status`: cheap, for the page to poll.
pub(crate) async fn status(
    State(state): State<Arc<AppState>>,
    Path(name): Path<String>,
) -> Result<Json<StatusJson>, ApiError> {
    super::state::with_workspace(&state, &name, |ws, slot| {
        Ok(Json(StatusJson {
            revision: ws.revision(),
            settled: ws.is_settled(),
            export: slot.background.status(),
        }))
    })
    .await
}

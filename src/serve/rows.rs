//! The corpus rows: the list of corpora served, a corpus's rows, and the whole view the page
//! draws (rows, findings, terms, progress) — the JSON twin of the page.

use super::findings::{finding_json, FindingJson};
use super::glossary::{load_terms, TermJson};
use super::state::{with_workspace, ApiError, AppState, Slot};
use crate::review::{ReviewRow, Workspace};
use axum::extract::{Path, State};
use axum::Json;
use serde::Serialize;
use std::sync::Arc;

/// One corpus in the chooser.
#[derive(Debug, Serialize)]
pub struct CorpusJson {
    pub name: String,
    pub title: Option<String>,
}

/// Reviewed rows out of all rows.
#[derive(Debug, Serialize)]
pub struct Progress {
    pub reviewed: usize,
    pub total: usize,
}

/// One row as the page gets it: the corpus row's fields, its sentences and units apart (for
/// splitting and editing), and its review state.
#[derive(Debug, Serialize)]
pub struct RowJson {
    pub index: usize,
    pub start_ms: Option<u64>,
    pub end_ms: Option<u64>,
    pub speaker: String,
    pub section: String,
    pub flags: Vec<&'static str>,
    pub score: Option<f32>,
    pub zh: String,
    pub en: String,
    pub zh_sentences: Vec<String>,
    pub en_units: Vec<String>,
    pub confirmed: bool,
    pub doubtful: bool,
    /// The ids of the findings on this row.
    pub findings: Vec<String>,
}

/// A corpus's rows with the revision they belong to.
#[derive(Debug, Serialize)]
pub struct RowsJson {
    pub name: String,
    pub revision: u64,
    pub progress: Progress,
    pub rows: Vec<RowJson>,
}

/// Everything the page draws for one corpus.
#[derive(Debug, Serialize)]
pub struct View {
    pub name: String,
    pub title: Option<String>,
    /// The YouTube video id, for the time links.
    pub video: Option<String>,
    /// The score under which a row is doubtful ([`crate::corpus::DOUBTFUL_BELOW`]).
    pub doubtful_below: f32,
    pub revision: u64,
    pub progress: Progress,
    pub rows: Vec<RowJson>,
    pub findings: Vec<FindingJson>,
    pub terms: Vec<TermJson>,
}

pub(crate) fn row_json(r: ReviewRow) -> RowJson {
    RowJson {
        index: r.index,
        start_ms: r.row.start_ms,
        end_ms: r.row.end_ms,
        speaker: r.row.speaker,
        section: r.row.section,
        flags: r.row.flags.iter().map(|f| f.as_str()).collect(),
        score: r.row.score,
        zh: r.row.zh,
        en: r.row.en,
        zh_sentences: r.zh_sentences,
        en_units: r.en_units,
        confirmed: r.confirmed,
        doubtful: r.doubtful,
        findings: r.findings,
    }
}

fn progress(workspace: &Workspace) -> Progress {
    let (reviewed, total) = workspace.progress();
    Progress { reviewed, total }
}

/// The whole view of a workspace.
pub(crate) fn view_of(workspace: &Workspace, slot: &Slot) -> Result<View, ApiError> {
    Ok(View {
        name: workspace.name().to_string(),
        title: slot.title.clone(),
        video: slot.video.clone(),
        doubtful_below: crate::corpus::DOUBTFUL_BELOW,
        revision: workspace.revision(),
        progress: progress(workspace),
        rows: workspace.rows().into_iter().map(row_json).collect(),
        findings: workspace.findings().into_iter().map(finding_json).collect(),
        terms: load_terms(slot)?,
    })
}

/// `GET /api/corpora`
pub(crate) async fn corpora(State(state): State<Arc<AppState>>) -> Json<Vec<CorpusJson>> {
    Json(
        state
            .corpora
            .iter()
            .map(|(name, slot)| CorpusJson {
                name: name.clone(),
                title: slot.title.clone(),
            })
            .collect(),
    )
}

/// `GET /api/c/NAME`
pub(crate) async fn view(
    State(state): State<Arc<AppState>>,
    Path(name): Path<String>,
) -> Result<Json<View>, ApiError> {
    with_workspace(&state, &name, |ws, slot| view_of(ws, slot).map(Json)).await
}

/// `GET /api/c/NAME/rows`
pub(crate) async fn rows(
    State(state): State<Arc<AppState>>,
    Path(name): Path<String>,
) -> Result<Json<RowsJson>, ApiError> {
    with_workspace(&state, &name, |ws, _| {
        Ok(Json(RowsJson {
            name: ws.name().to_string(),
            revision: ws.revision(),
            progress: progress(ws),
            rows: ws.rows().into_iter().map(row_json).collect(),
        }))
    })
    .await
}

//! YouTube json3 (`fmt=json3`): `{"events": [{"tStartMs", "dDurationMs", "segs": [{"utf8",
//! "tOffsetMs", "acAsrConf"}]}]}`.
//!
//! Follows the real auto-caption layout: a first window-definition event without `segs`;
//! speech events whose `segs` are words, each offset from the event's start by `tOffsetMs`
//! (the first has none) and carrying `acAsrConf`; and, between them, `aAppend` events
//! whose only seg is `"\n"` (a line break in the rolling window: no speech). Manual tracks
//! put a whole cue, `\n` line breaks included, in one seg without word times.

use super::builder::{Builder, Piece, RawCue};
use super::{Format, Transcript, TranscriptError};
use std::path::Path;

#[derive(serde::Deserialize)]
struct Payload {
    events: Option<Vec<Event>>,
}

#[derive(serde::Deserialize)]
struct Event {
    #[serde(rename = "tStartMs", default)]
    start_ms: u64,
    #[serde(rename = "dDurationMs")]
    duration_ms: Option<u64>,
    #[serde(default)]
    segs: Vec<Seg>,
}

#[derive(serde::Deserialize)]
struct Seg {
    #[serde(default)]
    utf8: String,
    #[serde(rename = "tOffsetMs")]
    offset_ms: Option<u64>,
    #[serde(rename = "acAsrConf")]
    confidence: Option<serde_json::Value>,
}

pub(crate) fn parse(text: &str, path: &Path) -> Result<Transcript, TranscriptError> {
    let payload: Payload = serde_json::from_str(text).map_err(|e| TranscriptError::Json {
        path: path.to_path_buf(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    let Some(events) = payload.events else {
        return Err(TranscriptError::Layout {
            path: path.to_path_buf(),
            line: 1,
            format: Format::Json3,
            message: "a JSON object without \"events\"".into(),
        });
    };
    let mut builder = Builder::new(Format::Json3);
    for event in events {
        let word_timed = event.segs.len() > 1
            || event
                .segs
                .iter()
                .any(|s| s.offset_ms.is_some() || s.confidence.is_some());
        let pieces = event
            .segs
            .into_iter()
            .map(|seg| Piece {
                start_ms: word_timed
                    .then(|| event.start_ms.saturating_add(seg.offset_ms.unwrap_or(0))),
                text: seg.utf8,
            })
            .collect();
        builder.push(RawCue {
            start_ms: Some(event.start_ms),
            end_ms: Some(
                event
                    .start_ms
                    .saturating_add(event.duration_ms.unwrap_or(0)),
            ),
            pieces,
            ..RawCue::default()
        });
    }
    builder.finish(path)
}

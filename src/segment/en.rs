//! English sentence splitting, punctuated or not.

use super::Segment;
use crate::source::transcript::Transcript;

/// The sentences (or, for unpunctuated captions, pause-delimited units) of a transcript.
pub fn sentences(transcript: &Transcript) -> Vec<Segment> {
    todo!("en sentences: {}", transcript.text.len())
}

//! SubRip (`.srt`): numbered cues, `00:00:01,000 --> 00:00:04,000`, text lines with
//! `<i>`/`<font>` markup and sometimes `{\an8}` positioning.
//!
//! Follows the real layout as subtitle tools write it (a BOM and CRLF line ends are common;
//! a `.` instead of the `,` is tolerated). SRT converted from YouTube auto-captions keeps
//! the rolling two-line windows; they are de-duplicated as in VTT.

use super::builder::{Builder, RawCue};
use super::entities::{decode, strip_tags};
use super::vtt::{blocks, rolling_new_lines};
use super::{Format, Transcript, TranscriptError};
use std::path::Path;

pub(crate) fn parse(text: &str, path: &Path) -> Result<Transcript, TranscriptError> {
    let blocks = blocks(text, path, Format::Srt)?;
    let new_lines = rolling_new_lines(&blocks, false);
    let mut builder = Builder::new(Format::Srt);
    for (block, keep) in blocks.iter().zip(new_lines) {
        let lines: Vec<String> = block
            .lines
            .iter()
            .zip(keep)
            .filter(|p| p.1)
            .map(|p| decode(&strip_tags(p.0)))
            .collect();
        if lines.is_empty() {
            continue;
        }
        builder.push(RawCue::untimed_words(
            Some(block.start_ms),
            Some(block.end_ms),
            lines.join("\n"),
            block.line,
        ));
    }
    builder.finish(path)
}

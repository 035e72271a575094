//! Tests: the outputs a translator opens daily, second round (issue 12): subtitles split at
//! the transcript's own times, `run --fetch`, and the TMX/TBX exports in OmegaT 3.6.

mod omegat;
mod run_fetch;
mod subtitle_times;

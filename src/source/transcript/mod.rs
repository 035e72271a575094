//! English transcripts: one reader per format (YouTube json3, srv3, srv1 timedtext XML,
//! WebVTT including YouTube auto-captions, SRT, plain text), sniffed from the content.
//! Every reader produces the same [`Transcript`].

use std::ops::Range;

/// The formats a transcript can come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json3,
    Srv3,
    Srv1,
    Vtt,
    Srt,
    Plain,
}

/// A word with its own time (auto-captions carry them).
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// Byte range in [`Transcript::text`].
    pub range: Range<usize>,
    pub start_ms: u64,
    pub end_ms: u64,
}

/// One caption cue (or one paragraph / speaker line of a plain transcript).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cue {
    /// Byte range in [`Transcript::text`].
    pub range: Range<usize>,
    pub start_ms: Option<u64>,
    pub end_ms: Option<u64>,
    /// The speaker, when the format names one (`Name: text` in plain text).
    pub speaker: Option<String>,
    /// True where a new speaker starts here (`>>` in captions, a speaker line in plain text)
    /// even when the speaker's name is unknown.
    pub speaker_change: bool,
    /// Word times within the cue, where the format has them.
    pub words: Vec<Word>,
    /// 1-based line number in the source file, where it has lines (for messages).
    pub line: Option<usize>,
}

/// A non-speech annotation such as `[Music]` or `[Applause]`: kept out of the text but known.
#[derive(Debug, Clone, PartialEq)]
pub struct Annotation {
    pub label: String,
    pub start_ms: Option<u64>,
    pub end_ms: Option<u64>,
}

/// A transcript: the spoken text as one string, and the cues that cut it up.
#[derive(Debug, Clone, PartialEq)]
pub struct Transcript {
    pub format: Format,
    /// All cue texts in order, joined by single spaces (or newlines between plain-text
    /// paragraphs); cue and word ranges point into it.
    pub text: String,
    pub cues: Vec<Cue>,
    pub annotations: Vec<Annotation>,
}

/// Why a transcript could not be read.
#[derive(Debug, thiserror::Error)]
pub enum TranscriptError {
    #[error(transparent)]
    File(#[from] crate::text::files::FileError),
}

/// Reads a transcript file, sniffing its format from the content.
pub fn read(path: &std::path::Path) -> Result<Transcript, TranscriptError> {
    let text = crate::text::files::read_text(path)?;
    parse(&text, path)
}

/// Parses transcript text of any supported format (sniffed from the content; the
/// extension of `path` only breaks ties). `path` names the source in errors.
pub fn parse(text: &str, path: &std::path::Path) -> Result<Transcript, TranscriptError> {
    todo!("transcript readers: {} {}", text.len(), path.display())
}

//! English transcripts: one reader per format (YouTube json3, srv3, srv1 timedtext XML,
//! WebVTT including YouTube auto-captions, SRT, TTML, ASS/SSA, plain text, a transcript page
//! saved as HTML), sniffed from the content.
//! Every reader produces the same [`Transcript`].

mod ass;
mod builder;
mod entities;
mod html;
mod json3;
mod plain;
pub mod sniff;
mod srt;
mod srv1;
mod srv3;
mod time;
mod ttml;
mod vtt;
mod xml;

use std::ops::Range;
use std::path::{Path, PathBuf};

/// The formats a transcript can come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json3,
    Srv3,
    Srv1,
    Vtt,
    Srt,
    Plain,
    Ttml,
    Ass,
    Html,
}

impl Format {
    /// The format's usual name (`json3`, `srv3`, `srv1`, `vtt`, `srt`, `plain`, `ttml`,
    /// `ass`, `html`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Json3 => "json3",
            Format::Srv3 => "srv3",
            Format::Srv1 => "srv1",
            Format::Vtt => "vtt",
            Format::Srt => "srt",
            Format::Plain => "plain",
            Format::Ttml => "ttml",
            Format::Ass => "ass",
            Format::Html => "html",
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
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

/// Why a transcript could not be read. Every variant names the file; where the format
/// has lines the message is `path:line: …`, for XML and JSON it adds the byte offset or column.
#[derive(Debug, thiserror::Error)]
pub enum TranscriptError {
    #[error(transparent)]
    File(#[from] crate::text::files::FileError),
    #[error("{path}:{line}: malformed {format} timestamp `{found}` (expected {expected})")]
    Timestamp {
        path: PathBuf,
        line: usize,
        format: Format,
        found: String,
        expected: &'static str,
    },
    #[error("{path}:{line}:{column}: malformed JSON: {message}")]
    Json {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}:{line}: malformed XML (byte offset {offset}): {message}")]
    Xml {
        path: PathBuf,
        line: usize,
        offset: usize,
        message: String,
    },
    #[error("{path}:{line}: not a {format} caption payload: {message}")]
    Layout {
        path: PathBuf,
        line: usize,
        format: Format,
        message: String,
    },
    #[error("{path}: no caption text found in this {format} payload")]
    NoCues { path: PathBuf, format: Format },
    #[error("{path}: looks like binary data (control character at byte offset {offset}), expected a transcript")]
    Binary { path: PathBuf, offset: usize },
}

/// Reads a transcript file, sniffing its format from the content.
pub fn read(path: &Path) -> Result<Transcript, TranscriptError> {
    let text = crate::text::files::read_text(path)?;
    parse(&text, path)
}

/// Parses transcript text of any supported format (sniffed from the content; the
/// extension of `path` only breaks ties). `path` names the source in errors.
pub fn parse(text: &str, path: &Path) -> Result<Transcript, TranscriptError> {
    parse_as(text, path, sniff::sniff(text, path))
}

/// Parses transcript text in a known format.
pub fn parse_as(text: &str, path: &Path, format: Format) -> Result<Transcript, TranscriptError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if let Some(offset) = binary_at(text) {
        return Err(TranscriptError::Binary {
            path: path.to_path_buf(),
            offset,
        });
    }
    match format {
        Format::Json3 => json3::parse(text, path),
        Format::Srv3 => srv3::parse(text, path),
        Format::Srv1 => srv1::parse(text, path),
        Format::Vtt => vtt::parse(text, path),
        Format::Srt => srt::parse(text, path),
        Format::Plain => plain::parse(text, path),
        Format::Ttml => ttml::parse(text, path),
        Format::Ass => ass::parse(text, path),
        Format::Html => html::parse(text, path),
    }
}

/// The 1-based line holding byte `offset` of `text`.
pub(crate) fn line_at(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Where text looks binary: a NUL, or control characters in more than one in a hundred
/// characters (a stray one in a real caption file is tolerated).
fn binary_at(text: &str) -> Option<usize> {
    let is_control = |c: char| c.is_control() && !c.is_whitespace();
    if let Some(offset) = text.find('\0') {
        return Some(offset);
    }
    let controls = text.chars().filter(|&c| is_control(c)).count();
    if controls > 0 && controls * 100 >= text.chars().count() {
        return text.find(is_control);
    }
    None
}
